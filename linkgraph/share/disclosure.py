"""Asking a partner to reveal who is behind matched tokens, and answering such a request."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from linkgraph.model import Case, now_iso
from linkgraph.privacy import protected_ids, protected_labels
from linkgraph.share.bundle import PARTNER_SOURCE, without_partners
from linkgraph.share.encoding import person_id, tokens
from linkgraph.share.join import RULE_PREFIX
from linkgraph.share.records import own_identifiers, person_records
from linkgraph.share.secret import Secret, ShareError
from linkgraph.share.sides import identifier_tokens

#: Columns of a disclosure request CSV.
REQUEST_COLUMNS = (
    "partner_agency", "partner_token", "type", "local_entity", "local_label",
    "match_probability", "evidence", "requested_at",
)  # fmt: skip


def _partner_mentions(case: Case) -> pd.DataFrame:
    m = case.mentions
    partner = m[m["source"].astype(str).str.startswith("partner:")].copy()
    partner["partner_token"] = [
        json.loads(a).get("partner_token", "") if isinstance(a, str) else ""
        for a in partner["attrs"]
    ]
    return partner


def disclosure_request(
    case: Case,
    wanted: Sequence[str] | None = None,
    *,
    include_victims: bool = False,
    show_victims: bool = False,
) -> pd.DataFrame:
    """The matched partner tokens an analyst wants revealed (:data:`REQUEST_COLUMNS`).

    ``wanted``: partner tokens or local entity ids to ask about; every partner person
    match when None, except those whose local entity is protected (a victim, or a phone,
    account, ... a victim holds: :func:`~linkgraph.privacy.protected_ids`) unless
    ``include_victims``. Only tokens go into the request, with the local entity's id and
    label for the analyst's own file (remove those columns before sending if the partner
    must not learn them); a protected entity's label is its pseudonym unless
    ``show_victims``.
    """
    partner = _partner_mentions(case)
    if partner.empty:
        raise ShareError(
            "this case holds no partner data",
            hint="run `linkgraph link CASE --partner BUNDLE` first",
        )
    ent = case.entity_of()
    partner["entity_id"] = ent.reindex(partner["mention_id"].astype(str)).to_numpy()
    ev = case.evidence if case.evidence is not None else pd.DataFrame(columns=["right", "rule"])
    ev = ev[ev["rule"].astype(str).str.startswith(RULE_PREFIX)]
    # A partner person may match several local entities (one person split in two by the
    # local resolution): the request asks once per token, with its best match.
    ev = ev.sort_values("match_probability", ascending=False, kind="stable")
    ev = ev.drop_duplicates("right").set_index("right")
    partner["match_probability"] = ev["match_probability"].reindex(partner["mention_id"]).to_numpy()
    partner["evidence"] = ev["fields"].reindex(partner["mention_id"]).to_numpy()
    protected = protected_ids(case)
    if wanted is None:
        chosen = partner[partner["match_probability"].notna()]
        if not include_victims:
            chosen = chosen[~chosen["entity_id"].astype(str).isin(protected)]
    else:
        chosen = _wanted_rows(partner, wanted)
    label = _local_labels(case, ent, protected, show_victims)
    stamp = now_iso()
    return pd.DataFrame(
        {
            "partner_agency": chosen["agency"].to_numpy(dtype=object),
            "partner_token": chosen["partner_token"].to_numpy(dtype=object),
            "type": chosen["type"].to_numpy(dtype=object),
            "local_entity": chosen["entity_id"].to_numpy(dtype=object),
            "local_label": label.reindex(chosen["entity_id"]).to_numpy(dtype=object),
            "match_probability": chosen["match_probability"].to_numpy(),
            "evidence": chosen["evidence"].to_numpy(dtype=object),
            "requested_at": stamp,
        }
    ).sort_values(["partner_agency", "partner_token"], ignore_index=True)


def no_match_reason(case: Case) -> str:
    """Why ``disclose --matches all`` has no partner person match to ask about, from the
    case's ``link`` steps (each partner's matches, candidate pairs and the warnings about
    its model); "" when the case holds partner person matches."""
    ev = case.evidence
    if ev is not None and ev["rule"].astype(str).str.startswith(RULE_PREFIX).any():
        return ""
    steps = [s for s in case.manifest.get("steps", []) if s.get("stage") == "link"]
    latest: dict[str, dict] = {}
    for step in steps:  # the last link of each partner replaced the earlier ones
        latest[str(step.get("agency", "partner"))] = step
    if not latest:
        return "the case holds no partner person match: run `linkgraph link` first"
    parts = []
    for agency, step in latest.items():
        text = (
            f"{agency}: {step.get('matches', 0):,} person matches of "
            f"{step.get('candidate_pairs', 0):,} candidate pairs"
        )
        warnings = step.get("warnings") or (
            [f"weights: {step['em_fallback']}"] if step.get("em_fallback") else []
        )
        parts.append(text + ("" if not warnings else " (" + "; ".join(warnings) + ")"))
    return "`linkgraph link` matched no partner person: " + "; ".join(parts)


def victim_matches_left_out(case: Case) -> int:
    """How many partner person matches ``disclose --matches all`` leaves out because
    their local entity is protected (a victim or an identifier she holds)."""
    every = disclosure_request(case, include_victims=True)
    return int(every["local_entity"].astype(str).isin(protected_ids(case)).sum())


def _wanted_rows(partner: pd.DataFrame, wanted: Sequence[str]) -> pd.DataFrame:
    """The partner mentions named in ``wanted`` (by partner token or local entity id);
    an error naming those that are neither."""
    wanted_set = set(wanted)
    chosen = partner[
        partner["partner_token"].isin(wanted_set) | partner["entity_id"].isin(wanted_set)
    ]
    unknown = wanted_set - set(chosen["partner_token"]) - set(chosen["entity_id"])
    if unknown:
        raise ShareError(
            "not a partner token or an entity with partner data: " + ", ".join(sorted(unknown)[:5]),
            hint="take tokens from the partner mentions' labels or `linkgraph link` output",
        )
    return chosen


def _local_labels(case: Case, ent: pd.Series, protected: set[str], show_victims: bool) -> pd.Series:
    """Entity id -> the label of its first local (non-partner) mention; a protected
    entity's pseudonym (``Victim-xxxxxx``, an identifier's with its type) unless
    ``show_victims``."""
    m = case.mentions
    local = m[~m["source"].astype(str).str.startswith("partner:")]
    entity = ent.reindex(local["mention_id"].astype(str)).to_numpy()
    frame = pd.DataFrame(
        {"label": local["label"].to_numpy(), "type": local["type"].astype(str).to_numpy()},
        index=pd.Index(entity, dtype=object),
    )
    frame = frame[~frame.index.duplicated()]
    if show_victims:
        return frame["label"]
    hidden = frame.index.astype(str).isin(list(protected))
    return protected_labels(frame, hidden, case.pseudonym_key)


#: ``withheld`` of every row a release does not answer: protected, not in this case, or
#: (by default) not matched by the partner: one answer for all, so that it says nothing of
#: who is a victim nor whether a guessed token is in this case.
NOT_RELEASED = "not released"

#: ``withheld`` of a row released only because of ``include_victims``: a victim's, or
#: protected as hers (for the sharing analyst's review; delete it before sending).
VICTIM_RELEASED = "protected (victim or hers): released by --include-victims"

#: Columns of a release (the answer to a request). ``matched``: "yes" when the partner's
#: bundle this case linked holds the token (a person matched, an identifier in common),
#: "no" when it does not (released only with ``include_unmatched``), "" when this case
#: linked no partner bundle (nothing to check against) or the row is not released.
RELEASE_COLUMNS = (
    "partner_token", "type", "found", "matched", "withheld", "label", "name", "dob",
    "identifier",
)  # fmt: skip


def partner_matched(case: Case) -> tuple[set[str], set[str]] | None:
    """The local person entities a partner person joined and the identifier tokens a
    partner's bundle shares with this case; None when the case holds no partner data."""
    m = case.mentions
    theirs = m["source"].astype(str).str.startswith(PARTNER_SOURCE)
    if not theirs.any():
        return None
    ent = case.entity_of()
    local_ids = m.loc[~theirs, "mention_id"].astype(str)
    local_entities = set(ent.reindex(local_ids).dropna().astype(str))
    persons = m[theirs & (m["type"].astype(str) == "person")]
    joined = set(ent.reindex(persons["mention_id"].astype(str)).dropna().astype(str))
    tokens = set(m.loc[theirs & (m["type"].astype(str) != "person"), "identifier"].dropna())
    return joined & local_entities, {str(t) for t in tokens}


def reveal(
    case: Case,
    secret: Secret,
    request: pd.DataFrame,
    *,
    include_victims: bool = False,
    include_unmatched: bool = False,
) -> pd.DataFrame:
    """The sharing partner's answer: the plain rows behind each requested token.

    Every token of the request is looked up among the case's own persons (by pseudonymous
    id) and identifiers (by token: identifier mentions and the phones, documents, ... written
    on person rows). Returns one row per token (:data:`RELEASE_COLUMNS`): ``found``
    (released), ``matched``, ``withheld``, ``label``, ``name``, ``dob``, ``identifier``.
    Unless ``include_victims``, every entity :func:`~linkgraph.privacy.protected_ids`
    protects (victims, possible victims, the persons named on her phone or account, the
    phones, accounts, ... she holds or uses) gets the very row a token not in this case
    gets (``found`` false, ``withheld`` :data:`NOT_RELEASED`, no values): the answer does
    not tell the partner that a guessed token is a victim's, nor that it is in this case.
    When the case has linked a partner's bundle, a token that bundle does not hold (a
    person no partner person matched, an identifier they do not have) gets that row too
    unless ``include_unmatched``: a partner asks about what it found in common, not about
    everyone. The partner reviews this table and sends on what their legal channel allows.
    """
    if "partner_token" not in request.columns:
        raise ShareError(
            "the request has no partner_token column",
            hint="use a request made by `linkgraph disclose`",
        )
    wanted = request["partner_token"].astype(str).tolist()
    matched = partner_matched(case)
    own_case = without_partners(case)
    records = person_records(own_case)
    records["pid"] = person_id(
        secret, records["entity_id"].astype(str).to_numpy(), case.pseudonym_key
    )
    mentions = own_case.mentions.set_index("mention_id")
    idv = _all_identifier_tokens(own_case, records, secret)
    protected = protected_ids(own_case)
    rows = []
    for token in wanted:
        persons = records[records["pid"] == token]
        ids = idv[idv["token"] == token]
        if len(persons):
            hit = None if matched is None else persons["entity_id"].astype(str).isin(matched[0])
            row = _person_release(token, persons, mentions, protected, include_victims)
            is_match = None if hit is None else bool(hit.any())
        elif len(ids):
            row = _identifier_release(token, ids, mentions, protected, include_victims)
            is_match = None if matched is None else token in matched[1]
        else:
            rows.append(_not_released(token))
            continue
        if row["found"]:
            if is_match is False and not include_unmatched:
                row = _not_released(token)
            else:
                row["matched"] = "" if is_match is None else ("yes" if is_match else "no")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(RELEASE_COLUMNS))


def _all_identifier_tokens(case: Case, records: pd.DataFrame, secret: Secret) -> pd.DataFrame:
    """Identifier mentions with their tokens, and the identifiers written on person rows
    (``holds_document``, ``uses_phone``, ...) under their person's entity."""
    idv = identifier_tokens(case, secret)[["mention_id", "entity_id", "type", "canonical", "token"]]
    own = own_identifiers(case)
    if own.empty:
        return idv
    tok = np.empty(len(own), dtype=object)
    for kind in own["type"].unique():
        sel = (own["type"] == kind).to_numpy()
        tok[sel] = tokens(secret, kind, own.loc[sel, "canonical"].to_numpy(dtype=object))
    entity = pd.Series(records["entity_id"].to_numpy(), index=records["mention_id"].to_numpy())
    entity = entity[~entity.index.duplicated()]
    frame = pd.DataFrame(
        {
            "mention_id": own["mention_id"].to_numpy(dtype=object),
            "entity_id": entity.reindex(own["mention_id"].to_numpy()).to_numpy(dtype=object),
            "type": own["type"].to_numpy(dtype=object),
            "canonical": own["canonical"].to_numpy(dtype=object),
            "token": tok,
        }
    )
    return pd.concat([idv, frame], ignore_index=True)


def _joined(values: pd.Series) -> str:
    return "; ".join(sorted(set(values.dropna().astype(str))))


def _release_row(token: str, kind: str, *, found: bool = True, withheld: str = "", **plain: str):  # type: ignore[no-untyped-def]
    """One row of a release; the plain values empty unless given."""
    row = {"partner_token": token, "type": kind, "found": found, "matched": ""}
    row["withheld"] = withheld
    return {**row, **{c: plain.get(c, "") for c in ("label", "name", "dob", "identifier")}}


def _not_released(token: str) -> dict[str, object]:
    """The row of a token not answered: the same whether it is protected or absent."""
    return _release_row(token, "", found=False, withheld=NOT_RELEASED)


def _person_release(
    token: str,
    persons: pd.DataFrame,
    mentions: pd.DataFrame,
    protected: set[str],
    include_victims: bool,
) -> dict[str, object]:
    """The release row of a person: not released when a victim (a mention with a victim
    role) or protected as one (a possible victim, a person named on her identifiers),
    unless ``include_victims`` (then ``withheld`` says :data:`VICTIM_RELEASED`)."""
    hers = bool(persons["victim"].any()) or persons["entity_id"].astype(str).isin(protected).any()
    if hers and not include_victims:
        return _not_released(token)
    m = mentions.loc[persons["mention_id"]]
    return _release_row(
        token,
        "person",
        withheld=VICTIM_RELEASED if hers else "",
        label=_joined(m["label"]),
        name=_joined(m["name"]),
        dob=_joined(m["dob"]),
    )


def _identifier_release(
    token: str,
    ids: pd.DataFrame,
    mentions: pd.DataFrame,
    protected: set[str],
    include_victims: bool,
) -> dict[str, object]:
    """The release row of an identifier: not released when a victim holds or uses it,
    unless ``include_victims``."""
    kind = str(ids["type"].iloc[0])
    hers = bool(ids["entity_id"].astype(str).isin(protected).any())
    if hers and not include_victims:
        return _not_released(token)
    m = mentions.loc[ids["mention_id"]]
    m = m[m["type"].astype(str) != "person"]  # an identifier written on a person row
    return _release_row(
        token,
        kind,
        withheld=VICTIM_RELEASED if hers else "",
        label=_joined(m["label"]) or "; ".join(sorted(set(ids["canonical"]))),
        identifier="; ".join(sorted(set(ids["canonical"]))),
    )
