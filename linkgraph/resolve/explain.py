"""Evidence turned into plain words (``linkgraph explain``) and borderline pairs to label
(``linkgraph review``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import CaseError, run_stage_hint
from linkgraph.model import Case
from linkgraph.redact import (
    NO_REDACTION,
    Redactor,
    case_redactor,
    redact_manifest,
    redact_mentions,
)
from linkgraph.resolve.adjustments import (
    EntitySizePrior,
    NameCalibration,
    SexConflict,
    StrongIdentifierRules,
    TermFrequency,
    TwoLists,
    WeakNameCap,
    describe,
)
from linkgraph.resolve.comparisons import (
    COMPARISONS,
    NAME_EXACT,
    compare,
    mark_year_placeholders,
    similarity,
)
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.evidence import (
    ACROSS_SCRIPTS_FIELD,
    AMBIGUOUS_PREFIX,
    COPY_FIELD,
    IDENTICAL_RULE,
    SHARED_NAME_RULE,
    full_name_level,
    read_fields,
)
from linkgraph.resolve.explain_why import blocking_lines, chain_lines, refusal_lines
from linkgraph.resolve.features import linked_identifiers, person_features
from linkgraph.resolve.others import identifier_keys, name_keys
from linkgraph.resolve.overrides import decision_on, describe_decision
from linkgraph.resolve.scoring import STRONG_RULES, Model, score
from linkgraph.schema import (
    ANALYST_DECISIONS,
    ENTITY_TYPES,
    JOINING_DECISIONS,
    SCORED_DECISIONS,
    Decision,
)

MODEL_KEY = "resolve_model"
_SHOWN = (
    "name",
    "given_name",
    "family_name",
    "dob",
    "phone",
    "email",
    "document",
    "postcode",
    "city",
    "address",
    "identifier",
)


def _require_resolved(case: Case) -> tuple[pd.DataFrame, pd.DataFrame]:
    if case.resolution is None or case.evidence is None:
        raise CaseError("the case is not resolved yet", hint=run_stage_hint("resolve"))
    return case.resolution, case.evidence


def _describe(
    row: pd.Series, pseudonym: str | None = None, read: tuple[str, str] | None = None
) -> str:
    """One mention in a line; a victim's (``pseudonym`` given) by pseudonym, fields withheld.
    ``read`` is the (given, family) name resolution read from a full name alone."""
    where = f"{row.get('source')} row {row.get('row')}"
    if pseudonym is not None:
        return (
            f"{row['mention_id']} ({row['type']}, {where}): {pseudonym} "
            "(victim: names, date of birth and identifiers withheld; --show-victims shows them)"
        )
    bits = [f"{c}={row[c]}" for c in _SHOWN if c in row.index and pd.notna(row[c])]
    if read is not None and any(read):
        bits.append(f"read as given name {read[0]!r}, family name {read[1]!r}")
    return f"{row['mention_id']} ({row['type']}, {where}): " + ", ".join(bits)


def _names_read(mentions: pd.DataFrame, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """For each of the person mentions ``ids`` that has a full name and neither a given
    nor a family name, the (given, family) name resolution reads from the full name
    (:func:`~linkgraph.resolve.features.person_features`: "王建华" is given name
    "jianhua", family name "wang")."""
    rows = mentions[mentions["mention_id"].isin(list(ids))]
    given = rows.get("given_name", pd.Series(pd.NA, index=rows.index))
    family = rows.get("family_name", pd.Series(pd.NA, index=rows.index))
    rows = rows[(rows["type"] == "person") & given.isna() & family.isna()]
    if rows.empty:
        return {}
    feats = person_features(rows.reset_index(drop=True))
    return {
        str(m): (str(g), str(f))
        for m, g, f in zip(
            rows["mention_id"], feats["given_name"], feats["family_name"], strict=True
        )
    }


def _record_name(row: pd.Series, pseudonym: str | None = None) -> str:
    """A mention named as :func:`_describe` names it, without its fields: its id, source
    and row (and a victim's pseudonym)."""
    name = f"{row['mention_id']} ({row.get('source')} row {row.get('row')})"
    return name if pseudonym is None else f"{name}, {pseudonym}"


def _possible_victim_lines(case: Case, entities: dict[str, Any]) -> list[str]:
    """Why each of ``entities`` (side -> entity id) that is protected as a possible
    victim is (:func:`~linkgraph.privacy.possible_victims`), one line each."""
    from linkgraph.privacy import possible_victims

    possible = possible_victims(case)
    return [
        f"{side}'s entity {entity} is protected as a possible victim: {possible[str(entity)]}."
        for side, entity in entities.items()
        if str(entity) in possible
    ]


def victim_pseudonyms(case: Case) -> pd.Series:
    """mention_id -> its entity's pseudonym, for the mentions outputs must not name: of a
    victim, or of a phone, account, ... a victim holds or uses (see
    :func:`~linkgraph.privacy.protected_entities`)."""
    from linkgraph.privacy import is_victim, protected_ids, pseudonym

    m = case.mentions
    ids = m["mention_id"].astype(str)
    entity = case.entity_of().astype(str).reindex(ids.to_numpy())
    hidden = protected_ids(case)
    own = m["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    mask = entity.isin(list(hidden)).to_numpy() | own
    key = case.pseudonym_key
    types = m["type"].astype(str).to_numpy()[mask]
    names = [
        pseudonym(e, key) if t == "person" else f"{pseudonym(e, key)} ({t})"
        for e, t in zip(entity.to_numpy()[mask], types, strict=True)
    ]
    return pd.Series(names, index=ids.to_numpy()[mask], dtype=object)


def _field_lines(fields: dict[str, Any]) -> list[str]:
    lines = []
    for name, f in fields.items():
        if not isinstance(f, dict):
            continue
        level = f.get("level", "?")
        if level == "null":
            lines.append(f"  - {name}: missing on one side (no weight)")
            continue
        text = f"  - {name}: {level}, similarity {f.get('similarity')}"
        if f.get("weight") is not None:
            w = float(f["weight"])
            side = "for" if w > 0 else "against"
            text += f", weight {w:+.2f} bits ({side} a match)"
        if f.get("tf_adjustment"):
            text += _frequency_words(name, str(level), float(f["tf_adjustment"]))
        lines.append(text)
    if fields.get("swapped_names"):
        lines.append("  - names compared in swapped order (given name ↔ family name)")
    across = fields.get(ACROSS_SCRIPTS_FIELD) or []
    for part in ("given_name", "family_name"):
        if part in across:
            lines.append(
                f"  - {part.split('_')[0]} names agree across scripts: one name written in "
                "Cyrillic and in Latin letters, compared as transcribed (Джеймс / James)"
            )
    return lines


def _frequency_words(name: str, level: str, bits: float) -> str:
    """What a field's term-frequency adjustment (``bits``) says: a rare value counts more,
    a common one less, and a common name counts as little when spelt differently."""
    if bits > 0:
        return f" incl. {bits:+.2f} for how rare the value is"
    comparison = COMPARISONS.get(name)
    exact = comparison is None or level == comparison.labels[1]
    spelt = "" if exact else " (its spellings, in any script, counted as one name)"
    return f" incl. {bits:+.2f} for how common the value is{spelt}"


def _copy_mask(evidence: pd.DataFrame) -> np.ndarray:
    """Which evidence rows are of copies of one record (:mod:`~linkgraph.resolve.identical`),
    each with the mention that stood for the record on the left: rule
    :data:`~linkgraph.resolve.evidence.IDENTICAL_RULE`, or marked with
    :data:`~linkgraph.resolve.evidence.COPY_FIELD` (copies that stayed apart)."""
    person = (evidence["type"] == "person").to_numpy(dtype=bool)
    copies = (evidence["rule"] == IDENTICAL_RULE).to_numpy(dtype=bool)
    if "fields" in evidence:  # an evidence table of a few columns has no marks
        fields = evidence["fields"].astype("string").fillna("")
        copies |= fields.str.startswith('{"' + COPY_FIELD + '":true').to_numpy(dtype=bool)
    return person & copies


def _copy_rows(evidence: pd.DataFrame) -> pd.DataFrame:
    """The evidence rows of copies of one record (:func:`_copy_mask`)."""
    return evidence[_copy_mask(evidence)]


def record_of(evidence: pd.DataFrame, mention: str) -> str | None:
    """The mention that stood for ``mention``'s record when it is one of several copies
    of one record (:mod:`~linkgraph.resolve.identical`): itself for that mention; None
    when it has no copy. ``evidence``: the case's, or only its copy rows
    (:func:`_copy_rows`)."""
    copies = _copy_rows(evidence)
    if (copies["left"] == mention).any():
        return mention
    rep = copies.loc[copies["right"] == mention, "left"]
    return None if rep.empty else str(rep.iloc[0])


def decided_as(
    evidence: pd.DataFrame, a: str, b: str, copies: pd.DataFrame | None = None
) -> tuple[str, str, pd.Series | None]:
    """The pair resolution decided mentions ``a`` and ``b`` by, and its evidence row (None
    when the evidence holds none): ``a`` and ``b`` themselves, or, for a copy of one
    record that was not compared itself, the mention that stood for its record
    (:func:`record_of`); two copies of one record are that record against itself (the
    evidence row of ``a``'s copy). ``copies``: the evidence's copy rows, when the caller
    has them (:func:`record_of` reads them)."""
    row = _pair_evidence(evidence, a, b)
    if row is not None or a == b:
        return a, b, row
    copies = _copy_rows(evidence) if copies is None else copies
    ra, rb = record_of(copies, a) or a, record_of(copies, b) or b
    if ra == rb:
        return ra, ra, _pair_evidence(evidence, ra, a if a != ra else b)
    if (ra, rb) == (a, b):
        return a, b, None
    return ra, rb, _pair_evidence(evidence, ra, rb)


def _pair_evidence(evidence: pd.DataFrame, a: str, b: str) -> pd.Series | None:
    hit = evidence[
        ((evidence["left"] == a) & (evidence["right"] == b))
        | ((evidence["left"] == b) & (evidence["right"] == a))
    ]
    return None if hit.empty else hit.iloc[-1]


def rescore_pairs(
    case: Case, left: Sequence[str], right: Sequence[str], *, blank: Sequence[str] = ()
) -> pd.DataFrame | None:
    """Compare and score pairs of person mentions (``left[i]`` with ``right[i]``) with the
    case's learnt model (no term frequencies): one row per pair, with the model's
    ``{comparison}_level`` / ``_sim`` / ``_weight`` columns, ``match_probability``,
    ``match_weight`` and, where computed, ``name_calibration`` and ``swapped``. None when
    the case has no model; a pair that is not of two persons must not be asked. The
    mention columns ``blank`` are read as missing (their comparisons weigh nothing).

    The phones, e-mails and accounts linked to each mention count as its own, as they
    did in ``resolve`` (see :func:`~linkgraph.resolve.features.linked_identifiers`).
    """
    model_data = case.manifest.get(MODEL_KEY)
    if model_data is None:
        return None
    model = Model.from_dict(model_data)
    wanted = pd.unique(np.asarray([*left, *right], dtype=object))
    persons = case.mentions.set_index("mention_id", drop=False).loc[wanted].reset_index(drop=True)
    persons = persons.assign(**{c: pd.NA for c in blank if c in persons.columns})
    index = pd.Index(persons["mention_id"].astype(str))
    linked = linked_identifiers(case.mentions, case.links, index)
    feats = person_features(persons, linked)
    mark_year_placeholders(feats, model.year_placeholders)
    lpos = index.get_indexer(np.asarray(left, dtype=object))
    rpos = index.get_indexer(np.asarray(right, dtype=object))
    scored = score(compare(feats, lpos, rpos, model.comparisons), model)
    return NameCalibration().apply(scored, model).reset_index(drop=True)


def pair_fields(scored: pd.DataFrame, i: int, comparisons: Sequence[str]) -> dict[str, Any]:
    """Row ``i`` of :func:`rescore_pairs` as evidence ``fields``: each comparison's
    level (by name), similarity and weight; ``full_name`` for the name calibration and
    ``swapped_names`` when the names were compared in swapped order."""
    fields: dict[str, Any] = {
        c: {
            "level": COMPARISONS[c].labels[int(scored[f"{c}_level"].iloc[i])],
            "similarity": round(float(scored[f"{c}_sim"].iloc[i]), 3),
            "weight": round(float(scored[f"{c}_weight"].iloc[i]), 3),
        }
        for c in comparisons
    }
    if "name_calibration" in scored and float(scored["name_calibration"].iloc[i]):
        exact = all(
            int(scored[f"{c}_level"].iloc[i]) == COMPARISONS[c].code("exact")
            for c in ("given_name", "family_name")
        )
        alike = all(
            f"{c}_sim" not in scored or float(scored[f"{c}_sim"].iloc[i]) >= NAME_EXACT
            for c in ("given_name", "family_name")
        )
        fields["full_name"] = {
            "level": full_name_level(exact, alike),
            "similarity": 1,
            "weight": round(float(scored["name_calibration"].iloc[i]), 3),
        }
    if "swapped" in scored and bool(scored["swapped"].iloc[i]):
        fields["swapped_names"] = True
    bits = int(scored["names_across_scripts"].iloc[i]) if "names_across_scripts" in scored else 0
    if bits:
        parts = [p for k, p in ((1, "given_name"), (2, "family_name")) if bits & k]
        fields[ACROSS_SCRIPTS_FIELD] = parts
    return fields


def rescore_pair(case: Case, a: str, b: str) -> dict[str, Any] | None:
    """:func:`rescore_pairs` of one pair, as ``match_probability``, ``match_weight`` and
    evidence ``fields``; None when the case has no model or they are not both persons."""
    model_data = case.manifest.get(MODEL_KEY)
    m = case.mentions.set_index("mention_id", drop=False).loc[[a, b]]
    if model_data is None or not (m["type"] == "person").all():
        return None
    scored = rescore_pairs(case, [a], [b])
    assert scored is not None  # the model is there
    return {
        "match_probability": float(scored["match_probability"].iloc[0]),
        "match_weight": float(scored["match_weight"].iloc[0]),
        "fields": pair_fields(scored, 0, Model.from_dict(model_data).comparisons),
    }


def _key_lines(
    pair: pd.DataFrame, same: bool, org_threshold: float, withhold: bool = False
) -> list[str]:
    """Why two mentions that are not both persons were not compared directly: the keys
    ``resolve_others`` groups them by (their values left out when ``withhold``)."""
    ta, tb = (str(t) for t in pair["type"])
    if ta != tb:
        return [f"Mentions of different types ({ta}, {tb}) never resolve into one entity."]
    ident = ta in ENTITY_TYPES and ENTITY_TYPES[ta].identifier
    what = "identifier" if ident else "normalised name"
    pair = pair.reset_index(drop=True)
    ka, kb = (str(k) for k in (identifier_keys(pair) if ident else name_keys(pair)))
    if ka == "" or kb == "":
        side = "A" if ka == "" else "B"
        return [f"The pair was never compared: {side} has no {what} to resolve by."]
    sa, sb = ("(withheld)", "(withheld)") if withhold else (repr(ka), repr(kb))
    if ka == kb:
        if same:
            return [f"Same {what} {sa}: its mentions are one entity."]
        return [
            f"Same {what} {sa}, but an analyst's cannot-link split its mentions: each "
            "went with the side closest to it (a must-link, a mention linked to the same "
            "entity, one from the same source, else the side of the first mention)."
        ]
    text = f"Different {what}s ({sa} and {sb})"
    if ta in ("organisation", "address"):
        sim = similarity(np.array([ka], dtype=object), np.array([kb], dtype=object), "token_sort")
        return [
            f"{text}, token-sort similarity {float(sim[0]):.3f}: names merge when at least "
            f"{org_threshold} alike and with the same first word."
        ]
    return [f"{text}: they merge only on the same value."]


def _cannot_links(evidence: pd.DataFrame, entity: pd.Series, ea: object, eb: object) -> list[str]:
    """The analysts' cannot-link pairs with one mention in each of two entities."""
    ev = evidence[evidence["decision"] == Decision.CANNOT_LINK]
    side_l = entity.reindex(ev["left"].to_numpy()).to_numpy(dtype=object)
    side_r = entity.reindex(ev["right"].to_numpy()).to_numpy(dtype=object)
    between = ((side_l == ea) & (side_r == eb)) | ((side_l == eb) & (side_r == ea))
    pairs = [f"  {x} ≠ {y}" for x, y in zip(ev["left"][between], ev["right"][between], strict=True)]
    return ["Analysts' cannot-link decisions between the two entities:", *pairs] if pairs else []


def merge_path(evidence: pd.DataFrame, members: set[str], a: str, b: str) -> list[str] | None:
    """The shortest chain of merged pairs from ``a`` to ``b`` inside one entity."""
    ev = evidence[
        evidence["decision"].isin(JOINING_DECISIONS)
        & evidence["left"].isin(members)
        & evidence["right"].isin(members)
    ]
    adj: dict[str, list[str]] = {}
    for x, y in zip(ev["left"], ev["right"], strict=True):
        adj.setdefault(x, []).append(y)
        adj.setdefault(y, []).append(x)
    prev: dict[str, str | None] = {a: None}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        if x == b:
            path = [b]
            while prev[path[-1]] is not None:
                path.append(prev[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for y in adj.get(x, []):
            if y not in prev:
                prev[y] = x
                queue.append(y)
    return None


def _adjustment_lines(rule: str, fields: dict[str, Any]) -> list[str]:
    """The adjustments of the learnt weights that changed this pair's score, in the order
    they apply, each with what it does (:mod:`linkgraph.resolve.adjustments`)."""
    applied: list[Any] = []
    if any(isinstance(f, dict) and f.get("tf_adjustment") for f in fields.values()):
        applied.append(TermFrequency())
    if isinstance(fields.get("full_name"), dict):
        applied.append(NameCalibration())
    if rule in STRONG_RULES[1:]:
        applied.append(StrongIdentifierRules())
    if rule.startswith("capped"):
        applied.append(WeakNameCap())
    if rule.startswith(("sex conflict", "generation conflict", "identity conflict")):
        applied.append(SexConflict())
    if isinstance(fields.get("entity_size"), dict):
        applied.append(EntitySizePrior())
    if isinstance(fields.get("two_lists"), dict):
        applied.append(TwoLists())
    if not applied:
        return []
    head = "Adjustments of the learnt weights that changed this score, in order:"
    return [head, *(f"  - {line}" for line in describe(applied))]


def _analyst_line(case: Case, a: str, b: str, decision: str) -> str:
    """The analyst's decision on the pair, with who, when and why from the decisions table."""
    text = (
        "An analyst's must-link decision joined them"
        if decision == Decision.MUST_LINK
        else "An analyst's cannot-link decision keeps them apart"
    )
    row = decision_on(case, a, b)
    said = "" if row is None else describe_decision(row)
    return f"{text} ({said})." if said else f"{text}."


def _network_nodes_line(case: Case, mentions: pd.DataFrame, a: str, b: str) -> str:
    """Why mentions ``a`` and ``b`` (of ``mentions``, indexed by ``mention_id``) are
    never one person when both are nodes of network files
    (:mod:`~linkgraph.resolve.network_nodes`, named in ``case``'s manifest), else ""."""
    from linkgraph.resolve.network_nodes import network_sources, node_keys

    network = network_sources(case.manifest)
    facts = mentions.loc[[a, b], ["source", "label"]]
    source_a, source_b = facts["source"].tolist()
    keys = node_keys(facts["label"])
    if source_a not in network or source_b not in network:
        return ""
    if source_a == source_b:
        return (
            f"The merge was refused: both are nodes of the network file {source_a}, where"
            " each label is one node (nodes of one network file never merge; an analyst's"
            " must-link can join them)."
        )
    if keys[0] != keys[1]:
        return (
            f"The merge was refused: nodes of two network files ({source_a}, {source_b})"
            " are one person only under one label."
        )
    return ""


def explain(case: Case, a: str, b: str, *, show_victims: bool = False) -> str:
    """Why two mentions were, or were not, resolved into one entity, in plain words.

    ``a`` and ``b`` are mention ids; an entity id stands for the mention the entity is
    named after (an entity id of an earlier resolution for the entity that holds that
    mention now, with a warning that names its id now).

    Shows both mentions, the decision, the field-by-field levels, similarities and
    weights of the pair (from the evidence, or re-scored with the case's learnt model
    when the pair was never a candidate; for other types, the identifiers or names they
    are grouped by, and the analysts' cannot-links that split them), and, when they
    share an entity only through others, the chain of merges that joined them.

    A victim's mention, or one of a phone, account, ... a victim uses, is shown by its
    entity's pseudonym, without names, date of birth, identifiers or spellings, unless
    ``show_victims``; so is a victim's name in a file name or an event's label
    (:mod:`linkgraph.redact`).
    """
    resolution, evidence = _require_resolved(case)
    known = pd.Index(case.mentions["mention_id"])
    a, b = (_mention_named(case, known, x) for x in (a, b))
    entity = resolution.set_index("mention_id")["entity_id"]
    ea, eb = entity.get(a), entity.get(b)
    # The pair resolution decided them by: a copy of one record by that record's mention.
    copy_rows = _copy_rows(evidence)  # one pass over the evidence
    ra, rb, row = decided_as(evidence, a, b, copy_rows)
    # Scored on the values resolve saw; only what is printed is redacted: the two
    # mentions and those of their entities (their spellings), not every mention's row.
    r = NO_REDACTION if show_victims else case_redactor(case)
    mentions = _shown_mentions(case, entity, list(dict.fromkeys([a, b, ra, rb])), r)
    shown = replace(case, manifest=redact_manifest(case.manifest, r)) if r else case
    hidden = pd.Series(dtype=object) if show_victims else victim_pseudonyms(case)
    # Read from the names as shown (redacted), so that it tells nothing they do not.
    read = _names_read(mentions.reset_index(drop=True), [a, b])
    lines = [
        f"A: {_describe(mentions.loc[a], hidden.get(a), read.get(a))}",
        f"B: {_describe(mentions.loc[b], hidden.get(b), read.get(b))}",
        *_possible_victim_lines(case, {"A": ea, "B": eb}),
        "",
    ]
    same = ea == eb
    lines.append(
        f"Resolved as the SAME entity {ea}."
        if same
        else f"Resolved as DIFFERENT entities ({ea} and {eb})."
    )
    record = record_of(copy_rows, a)
    copies = a != b and record is not None and record == (record_of(copy_rows, b) or b)
    if copies:
        shares = (
            "every copy of it shares its entity"
            if same
            else "its copies did not match one another, so each is an entity of its own"
        )
        lines.append(
            "A and B are copies of one record: equal in every field resolution compares "
            f"(and in role and source). The record was resolved once, as mention "
            f"{_record_name(mentions.loc[record], hidden.get(record))}, and {shares}."
        )
    else:
        for side, x, rx in (("A", a, ra), ("B", b, rb)):
            if rx != x:
                lines.append(
                    f"{side} is a copy of record {_record_name(mentions.loc[rx], hidden.get(rx))}:"
                    " equal in every field resolution compares (and in role and source). "
                    f"Resolution compared that record in its place, and {side} takes its "
                    "outcome."
                )
    by_records = (ra, rb) != (a, b) and not copies
    settings = shown.manifest.get("config", {}).get("resolve", {})
    threshold = float(settings.get("threshold", 0.9))
    persons = mentions.loc[a, "type"] == "person" and mentions.loc[b, "type"] == "person"
    if row is not None:
        p = float(row["match_probability"])
        decision = str(row["decision"])
        scored_as = "The pair of their records was scored" if by_records else "The pair was scored"
        lines.append(
            f"{scored_as} (rule: {row['rule']}): match probability {p:.4f} "
            f"(threshold {threshold}), decision: {decision}."
            if persons
            else f"The pair was compared (rule: {row['rule']}): similarity {p:.3f}, "
            f"decision: {decision}."
        )
        if decision in ANALYST_DECISIONS:
            lines.append(_analyst_line(shown, ra, rb, decision))
        elif (
            decision == Decision.REFUSED
            and persons
            and _network_nodes_line(shown, mentions, ra, rb)
        ):
            lines.append(_network_nodes_line(shown, mentions, ra, rb))
        elif decision == Decision.REFUSED and persons:
            lines += _refused_lines(shown, evidence, mentions, entity, (ea, eb), hidden)
        elif decision == Decision.REFUSED:
            lines.append(
                "The merge was refused: it would have put an analyst's cannot-link pair "
                "into one entity."
            )
            lines += _cannot_links(evidence, entity, ea, eb)
        fields = read_fields(row["fields"])
        lines += ["Field by field:", *_field_lines(fields)]
        if persons:
            lines += _age_lines(case, ra, rb, a in hidden.index or b in hidden.index)
            lines += _prior_lines(shown)
            lines += _adjustment_lines(str(row["rule"]), fields)
            lines += _case_reading_lines(shown, fields)
    elif persons:
        scored = rescore_pair(case, ra, rb)
        if scored is None:
            lines.append("The pair was never compared (no blocking rule paired them).")
        else:
            floor = float(settings.get("evidence_min_probability", 0.01))
            pair = "the pair of their records" if by_records else "this pair"
            lines.append(
                f"The evidence holds no row for {pair}: no blocking rule paired them, so "
                f"they were never compared, or they scored below {floor:g}, which is not "
                "kept. Scored now with the case's learnt weights: match probability "
                f"{scored['match_probability']:.4f} (threshold {threshold})."
            )
            lines += ["Field by field:", *_field_lines(scored["fields"])]
            lines += _age_lines(case, ra, rb, a in hidden.index or b in hidden.index)
            lines += _prior_lines(shown)
            lines += _case_reading_lines(shown, scored["fields"])
            if not same:  # why they were never compared, when that kept them apart
                rules = settings.get("blocking") or ResolveConfig().blocking
                lines += blocking_lines(_pair_features(case, ra, rb), rules)
    else:
        org_threshold = float(settings.get("organisation_threshold", 0.93))
        withhold = a in hidden.index or b in hidden.index
        lines += _key_lines(mentions.loc[[a, b]], same, org_threshold, withhold)
        if not same:
            lines += _cannot_links(evidence, entity, ea, eb)
    if same and not copies and (row is None or row["decision"] not in JOINING_DECISIONS):
        members = set(entity.index[entity.to_numpy() == ea])
        path = merge_path(evidence, members, a, b)
        if path:
            lines.append("They share an entity through this chain of merges:")
            lines += chain_lines(
                evidence, path, lambda x: _record_name(mentions.loc[x], hidden.get(x))
            )
    for ent, x in dict.fromkeys([(ea, a)] if same else [(ea, a), (eb, b)]):
        if x in hidden.index:
            if mentions.loc[x, "type"] == "person":
                lines.append(f"Spellings merged into {ent}: withheld (a victim).")
            continue
        lines += spelling_lines(mentions, entity, ent)
    return "\n".join(lines)


def _mention_named(case: Case, known: pd.Index, text: str) -> str:
    """The mention id ``text`` is, or, for an entity id, the mention that stands for the
    entity (:func:`linkgraph.entity_ids.entity_mention`: also for an entity id of an
    earlier resolution, with a warning that names the entity's id now)."""
    from linkgraph.entity_ids import entity_mention

    if text in known:
        return text
    found = entity_mention(case, text)
    if found is None:
        raise CaseError(
            f"no mention {text!r} in the case",
            hint="mention ids look like m:0123abcd... (see mentions.parquet); an entity id "
            "(e:...) stands for the mention it is named after",
        )
    return found


def _prior_lines(case: Case) -> list[str]:
    """The learnt prior every pair's fields are added to: a case whose pairs are almost
    never one person (two network files of distinct nodes) starts each pair tens of bits
    against a match, which the fields alone do not show."""
    model = case.manifest.get(MODEL_KEY)
    if model is None:
        return []
    learnt = Model.from_dict(model)
    return [
        f"  and before the fields, the case's learnt prior: {learnt.prior_weight:+.2f} bits "
        f"(a compared pair is one person with probability {learnt.prior:.3g})"
    ]


def _case_reading_lines(case: Case, fields: dict[str, Any]) -> list[str]:
    """What the case as a whole switched off for this pair: the cap on two given names of
    one family at one home (``households_apart`` false, read from the case's households:
    :func:`~linkgraph.resolve.adjustments.households_apart`), when the pair has that
    shape; the date-of-birth conflicts (``dates_reliable`` false), when both are dated."""
    model = case.manifest.get(MODEL_KEY)
    if model is None:
        return []
    learnt = Model.from_dict(model)

    def level(name: str) -> str:
        f = fields.get(name)
        return str(f.get("level", "null")) if isinstance(f, dict) else "null"

    lines = []
    family = COMPARISONS["family_name"].labels[1:4]
    if (
        not learnt.households_apart
        and level("given_name") == COMPARISONS["given_name"].labels[-1]
        and level("family_name") in family
    ):
        info = learnt.household_info
        lines.append(
            "  The cap on two given names of one family at one home (twins, siblings) is off"
            f" in this case: of its {info.get('households', '?')} households (one family"
            " name, other given names, a home or phone in common)"
            f" {float(info.get('same_birthday_share', 0)):.0%} are born on one day, which"
            " reads as a register that gives a copy of a record another given name; only a"
            " document or phone that differs, with no home in common, caps such a pair"
            " (households_apart: false in the manifest's resolve_model)."
        )
    if not learnt.dates_reliable and level("dob") not in ("null", COMPARISONS["dob"].labels[1]):
        info = learnt.date_reliability_info
        lines.append(
            "  Dates of birth that differ do not keep two records apart in this case: of its"
            f" {info.get('dated_anchor_pairs', '?')} pairs sure to be one person by other"
            f" fields, {float(info.get('conflicting_share', 0)):.0%} have conflicting dates"
            " (dates_reliable: false in the manifest's resolve_model)."
        )
    return lines


def _refused_lines(
    case: Case,
    evidence: pd.DataFrame,
    mentions: pd.DataFrame,
    entity: pd.Series,
    entities: tuple[object, object],
    hidden: pd.Series,
) -> list[str]:
    """Why a scored pair of persons above the threshold was refused: the conflicting
    pairs between the two entities (:func:`~linkgraph.resolve.explain_why.refusal_lines`),
    each mention named by id, source and row (a victim's by pseudonym too, its date of
    birth and sex withheld)."""
    head = (
        "The score was above the threshold, but the merge was refused: it would have put "
        "a conflicting pair into one entity"
    )
    members = tuple(
        {str(x) for x in entity.index[entity.to_numpy() == e] if x in mentions.index}
        for e in entities
    )
    settings = case.manifest.get("config", {}).get("resolve", {})
    model = case.manifest.get(MODEL_KEY)
    strong = None
    if model is not None:
        prior = float(Model.from_dict(model).prior_weight)
        strong = prior + float(settings.get("conflict_weight", -12.0))
    found = refusal_lines(
        evidence,
        mentions,
        (members[0], members[1]),
        lambda x: _record_name(mentions.loc[x], hidden.get(x)),
        strong_weight=strong,
        withhold=bool(set().union(*members) & set(hidden.index)),
    )
    if not found:
        return [
            f"{head} (different dates of birth, a man and a woman, a cannot-link or a "
            "strong non-match)."
        ]
    return [f"{head}; between the two entities:", *found]


def _age_lines(case: Case, a: str, b: str, withhold: bool) -> list[str]:
    """The years of birth a stated age gives (features.record_birth_years), where the
    date-of-birth level compared one: each side's, or, for a victim, that it was."""
    feats = _pair_features(case, a, b)
    if "age_undated" in feats:
        age, source = feats["age_undated"].to_numpy(), feats["age_source"].to_numpy()
        if (age >= 0).all() and source[0] == source[1]:
            if withhold:
                return ["  - stated ages of one file without a date: compared only for a "
                        "generation between them"]  # fmt: skip
            return [f"  - stated ages of one file without a date: A {age[0]}, B {age[1]} "
                    "(compared only for a generation between them)"]  # fmt: skip
    if "age_born_lo" not in feats:
        return []
    lo, hi = feats["age_born_lo"].to_numpy(), feats["age_born_hi"].to_numpy()
    y = feats["dob_y"].to_numpy()
    if not (lo > 0).any() or not ((lo > 0) | (y > 0)).all():
        return []
    if withhold:
        return ["  - dob: a stated age compared as years of birth (its age and the record's "
                "date give them, one year either way)"]  # fmt: skip
    said = [
        f"{side} born {lo[i]}-{hi[i]} (a stated age, with its record's date)"
        if lo[i] > 0
        else f"{side} born {y[i]}"
        for i, side in enumerate(("A", "B"))
    ]
    return [f"  - dob compared as years of birth: {', '.join(said)}"]


def _pair_features(case: Case, a: str, b: str) -> pd.DataFrame:
    """The matching features (:func:`~linkgraph.resolve.features.person_features`) of two
    person mentions, with the identifiers linked to them."""
    persons = case.mentions.set_index("mention_id", drop=False).loc[[a, b]].reset_index(drop=True)
    index = pd.Index(persons["mention_id"].astype(str))
    return person_features(persons, linked_identifiers(case.mentions, case.links, index))


def _shown_mentions(case: Case, entity: pd.Series, ids: Sequence[str], r: Redactor) -> pd.DataFrame:
    """The mentions :func:`explain` prints, indexed by ``mention_id`` (kept as a column),
    in the case's order: ``ids`` and the other mentions of their entities, redacted
    with ``r`` (:func:`~linkgraph.redact.redact_mentions`)."""
    m = case.mentions
    members = entity.index[entity.isin([entity.get(x) for x in ids]).to_numpy(dtype=bool)]
    rows = m[m["mention_id"].isin([*ids, *members]).to_numpy(dtype=bool)]
    if r:
        rows = redact_mentions(rows, r)
    return rows.set_index("mention_id", drop=False)


#: Columns of :func:`entity_spellings`, the mention fields shown side by side.
SPELLING_FIELDS = ("name", "dob", "document", "address", "city")


def entity_spellings(mentions: pd.DataFrame, entity: pd.Series, entity_id: object) -> pd.DataFrame:
    """The distinct spellings merged into one entity, side by side: one row per distinct
    (name, date of birth, document, address, city), with how many mentions wrote it that
    way and in which sources; commonest first.

    Args:
        mentions: the case's mentions, indexed by ``mention_id``.
        entity: mention_id → entity_id (the resolution).
        entity_id: the entity to show.
    """
    ids = entity.index[entity.to_numpy() == entity_id]
    members = mentions.loc[mentions.index.intersection(ids)]
    cols = [c for c in SPELLING_FIELDS if c in members.columns]
    if members.empty or not cols:
        return pd.DataFrame(columns=[*cols, "mentions", "sources"])
    view = members[cols].astype(object).where(members[cols].notna(), "")
    view = view.assign(source=members["source"].astype(str).to_numpy())
    grouped = view.groupby(cols, sort=False, dropna=False)
    out = grouped.agg(
        mentions=("source", "size"), sources=("source", lambda s: ", ".join(sorted(set(s))))
    ).reset_index()
    out = out.loc[
        :, [c for c in out.columns if c in ("mentions", "sources") or out[c].ne("").any()]
    ]
    return out.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)


def spelling_lines(mentions: pd.DataFrame, entity: pd.Series, entity_id: object) -> list[str]:
    """:func:`entity_spellings` of a person entity as text lines (nothing for one spelling
    or another type)."""
    ids = entity.index[entity.to_numpy() == entity_id]
    types = mentions.loc[mentions.index.intersection(ids), "type"].astype(str)
    if types.empty or (types != "person").any():
        return []
    table = entity_spellings(mentions, entity, entity_id)
    if len(table) < 2:
        return []
    from linkgraph._terminal import text_table

    shown = text_table(table.head(20))
    more = f"\n  ... and {len(table) - 20} more" if len(table) > 20 else ""
    head = f"Spellings merged into {entity_id} ({int(table['mentions'].sum())} mentions):"
    return [head, *("  " + line for line in shown.splitlines()), *([more] if more else [])]


#: Why :func:`review` lists a pair that is not ambiguous.
CLOSEST = "closest to the threshold"
#: Why :func:`review` lists a copy of one record with the record's mention: its copies
#: did not match one another (each is an entity of its own).
COPIES = "copies of one record, kept apart: one person or several?"


def review_pairs(
    evidence: pd.DataFrame, threshold: float, evidence_min: float = 0.0
) -> pd.DataFrame:
    """The scored person pairs of ``evidence`` an analyst should decide, in order, with
    column ``reason``: first those whose rule says a name is ambiguous (it fits two
    people on one phone, e-mail or account; the reason is the rule's words after
    "ambiguous: "), then, for each undated record whose name alone fits several people,
    its most probable pair (:func:`_one_per_undated_record`), then the rest by their
    distance from ``threshold`` (in log-odds).
    Each pair has the smaller mention id on the left, and equally distant pairs follow
    the mention ids: mention ids come from the source, row and slot, so the table is the
    same whatever order the files were ingested in.

    Copies of one record (:mod:`~linkgraph.resolve.identical`) are one question: a record
    whose copies share its entity is none; one whose copies stayed apart gives one pair
    (the record and its first copy, reason :data:`COPIES`) when it scored at least
    ``evidence_min`` (the floor below which resolve keeps no other pair)."""
    scored = (evidence["type"] == "person").to_numpy(dtype=bool) & evidence["decision"].isin(
        SCORED_DECISIONS
    ).to_numpy(dtype=bool)
    copy = _copy_mask(evidence) & scored
    apart = evidence[
        copy
        & (evidence["decision"] != Decision.MATCH).to_numpy(dtype=bool)
        & (evidence["match_probability"] >= evidence_min).to_numpy(dtype=bool)
    ]
    records = apart.drop_duplicates("left")
    ev = _canonical_pairs(pd.concat([evidence[scored & ~copy], records]))
    is_record = np.zeros(len(ev), dtype=bool)
    is_record[len(ev) - len(records) :] = True
    p = ev["match_probability"].clip(1e-9, 1 - 1e-9).to_numpy()
    t = min(max(threshold, 1e-9), 1 - 1e-9)
    ev["distance"] = np.abs(np.log(p / (1 - p)) - np.log(t / (1 - t)))
    rule = ev["rule"].astype("string").fillna("")
    ambiguous = rule.str.startswith(AMBIGUOUS_PREFIX).to_numpy(dtype=bool)
    ev["reason"] = np.where(ambiguous, rule.str.removeprefix(AMBIGUOUS_PREFIX), CLOSEST)
    ev.loc[is_record, "reason"] = COPIES
    ev["tier"] = np.where(ambiguous, 0, 2)
    ev["tier"] = _one_per_undated_record(ev, rule.eq(SHARED_NAME_RULE).to_numpy(dtype=bool))
    return ev.sort_values(["tier", "distance", "left", "right"], kind="mergesort").drop(
        columns=["tier", "distance"]
    )


def _one_per_undated_record(ev: pd.DataFrame, shared: np.ndarray) -> np.ndarray:
    """The review tiers of ``ev`` (column ``tier``) with the pairs of an undated record
    whose name fits several people (``shared``) ranked after the other ambiguous pairs,
    and only its most probable pair among them: the others follow with the rest, by their
    distance from the threshold. A list of thousands of records gives one row per undated
    record up front, not every namesake of each."""
    tier = ev["tier"].to_numpy().copy()
    if not shared.any():
        return tier
    pairs = ev[shared]
    # the undated record is the side in more of these pairs (it meets every namesake)
    seen = pd.concat([pairs["left"], pairs["right"]]).astype(str).value_counts()
    left, right = pairs["left"].astype(str), pairs["right"].astype(str)
    in_left = seen.reindex(left).to_numpy() >= seen.reindex(right).to_numpy()
    undated = np.where(in_left, left.to_numpy(), right.to_numpy())
    order = pd.DataFrame(
        {
            "undated": undated,
            "p": pairs["match_probability"].to_numpy(),
            "left": left.to_numpy(),
            "right": right.to_numpy(),
            "at": np.arange(len(pairs)),
        }
    ).sort_values(["undated", "p", "left", "right"], ascending=[True, False, True, True])
    first = np.zeros(len(pairs), dtype=bool)
    first[order.drop_duplicates("undated")["at"].to_numpy()] = True
    where = np.flatnonzero(shared)
    tier[where] = np.where(first, 1, 2)
    return tier


def _canonical_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``pairs`` with ``left`` and ``right`` (and their ``left_*``/``right_*``
    columns) swapped where ``left`` is the larger mention id."""
    out = pairs.copy()
    swap = (out["left"].astype(str) > out["right"].astype(str)).to_numpy(dtype=bool)
    if not swap.any():
        return out
    for col in [c for c in out.columns if c == "left" or c.startswith("left_")]:
        other = "right" + col[len("left") :]
        if other in out.columns:
            a, b = out[col].copy(), out[other].copy()
            out.loc[swap, col] = b[swap].to_numpy()
            out.loc[swap, other] = a[swap].to_numpy()
    return out


def review(
    case: Case, *, n: int = 200, threshold: float | None = None, show_victims: bool = False
) -> pd.DataFrame:
    """The ``n`` scored person pairs closest to the threshold, to label.

    A victim's mention is labelled by its entity's pseudonym and its date of birth is
    withheld, unless ``show_victims``: its source and row say where to read it.

    The pairs of a short name that fits two people on one identifier ("Ion" on the
    phone of "Ion Popescu" and of "Ion Vasilescu": resolution joins it to neither) come
    first, then one pair of each undated record whose name alone fits several people,
    then the closest to the threshold (:func:`review_pairs`); a record repeated on
    several rows whose copies stayed apart is one pair (the record and its first copy).

    Returns:
        Columns ``left``, ``right``, ``match_probability``, ``decision``, ``reason`` (why
        the pair is listed), ``left_label``,
        ``right_label``, ``left_dob``, ``right_dob``, ``left_source``, ``right_source``,
        ``left_row``, ``right_row`` and an empty ``label`` (fill in match or non_match, then
        run ``linkgraph resolve CASE_DIR --labels FILE``).
    """
    _, evidence = _require_resolved(case)
    if threshold is None:
        threshold = float(case.manifest.get("config", {}).get("resolve", {}).get("threshold", 0.9))
    floor = case.manifest.get("config", {}).get("resolve", {}).get("evidence_min_probability")
    ev = review_pairs(evidence, threshold, 0.01 if floor is None else float(floor)).head(n)
    out = ev[["left", "right", "match_probability", "decision", "reason"]].reset_index(drop=True)
    m = case.mentions
    m = m[m["mention_id"].isin([*out["left"], *out["right"]]).to_numpy(dtype=bool)]
    r = NO_REDACTION if show_victims else case_redactor(case)
    if r:  # victims' names in file names (linkgraph/redact.py): of the rows listed only
        m = redact_mentions(m, r)
    m = m.set_index("mention_id")
    for side in ("left", "right"):
        sub = m.reindex(out[side].to_numpy())
        label = (
            sub["name"].where(sub["name"].notna(), sub["label"]) if "name" in sub else sub["label"]
        )
        out[f"{side}_label"] = label.to_numpy()
        for col in ("dob", "source", "row"):
            out[f"{side}_{col}"] = sub[col].to_numpy()
    if not show_victims and len(out):
        hidden = victim_pseudonyms(case)
        for side in ("left", "right"):
            names = hidden.reindex(out[side].astype(str).to_numpy())
            mask = names.notna().to_numpy()
            out.loc[mask, f"{side}_label"] = names.to_numpy()[mask]
            out[f"{side}_dob"] = out[f"{side}_dob"].astype(object)
            out.loc[mask, f"{side}_dob"] = None
    out["label"] = ""
    return out
