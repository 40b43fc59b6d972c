"""The partner's network added to a case as a partner source, joined through the matches."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.model import EVIDENCE, Case
from linkgraph.share.bundle import Bundle
from linkgraph.share.linkage import LinkResult, evidence_jsons

#: ``rule`` of the evidence rows a partner match writes: ``partner:`` + the bundle's id.
RULE_PREFIX = "partner:"


def bundle_id(bundle: Bundle) -> str:
    """A short stable id of a bundle (from its integrity tag)."""
    return str(bundle.manifest.get("tag", ""))[:12]


def partner_label(node_type: str, node_id: str) -> str:
    """How a partner's entity is shown: its type and the start of its token."""
    return f"partner {node_type} {node_id[:14]}"


def _texts(column: object) -> list[str]:
    """Values as ``stable_id`` writes them: ``str``, and "" for None."""
    values = column.tolist() if hasattr(column, "tolist") else list(column)  # type: ignore[attr-defined]
    if all(type(v) is str for v in values):
        return values
    return ["" if v is None else str(v) for v in values]


def stable_ids(prefix: str, head: tuple[str, ...], *columns: object) -> list[str]:
    """``stable_id(prefix, *head, *row)`` of every row of ``columns`` (equal lengths), the
    hashing done in one loop (a call per id costs more than the hash)."""
    lead = "".join(f"{h}\x1f" for h in head)
    cols = [_texts(c) for c in columns]
    if len(cols) == 1:
        texts = [lead + v for v in cols[0]]
    else:
        texts = [lead + "\x1f".join(row) for row in zip(*cols, strict=True)]
    sha = hashlib.sha256
    return [f"{prefix}:{sha(t.encode('utf-8')).hexdigest()[:16]}" for t in texts]


#: Characters a JSON string holds unescaped (json.dumps with ensure_ascii).
_JSON_SAFE = r"[ !#-\[\]-~]*"


def _node_attrs(node_ids: np.ndarray, counts: list[int]) -> list[str]:
    """``json.dumps({"partner_token": n, "partner_mentions": c})`` of every node."""
    if pd.Series(node_ids, dtype=object).str.fullmatch(_JSON_SAFE).all():
        return [
            f'{{"partner_token": "{n}", "partner_mentions": {c}}}'
            for n, c in zip(node_ids.tolist(), counts, strict=True)
        ]
    return [
        json.dumps({"partner_token": n, "partner_mentions": c})
        for n, c in zip(node_ids.tolist(), counts, strict=True)
    ]


def _link_attrs(counts: list[int], last: pd.Series) -> list[str]:
    """``json.dumps({"count": c, "last": str(t) or None})`` of every link."""
    codes, uniques = pd.factorize(last)
    text = [json.dumps(str(u)) for u in uniques] + ["null"]  # code -1 (NaT): the last
    return [
        f'{{"count": {c}, "last": {text[k]}}}' for c, k in zip(counts, codes.tolist(), strict=True)
    ]


def _without_source(case: Case, source: str) -> Case:
    """``case`` without an earlier link of the same partner (linking again replaces it)."""
    old = case.mentions["source"].astype(str) == source
    if not old.any():
        return case
    gone = set(case.mentions.loc[old, "mention_id"].astype(str))
    links = case.links[case.links["source"].astype(str) != source]
    resolution = case.resolution
    if resolution is not None:
        resolution = resolution[~resolution["mention_id"].astype(str).isin(gone)]
    evidence = case.evidence
    if evidence is not None:
        evidence = evidence[~evidence["right"].astype(str).isin(gone)]
    return case.with_tables(
        mentions=case.mentions[~old], links=links, resolution=resolution, evidence=evidence
    )


def join_partner(case: Case, bundle: Bundle, result: LinkResult, id_tokens: pd.DataFrame) -> Case:
    """``case`` with the bundle's nodes as mentions and its links as links.

    The source is ``partner:<agency>`` (an earlier link of the same agency is replaced).
    Partner persons are resolved into the local entities they matched, partner identifiers
    into the local identifiers with the same token; one evidence row per person match
    (rule ``partner:<bundle id>``, the fields that agreed)."""
    bid = bundle_id(bundle)
    source = f"partner:{bundle.agency}"
    case = _without_source(case, source)
    nodes = bundle.nodes.reset_index(drop=True)
    node_ids = nodes["node_id"].astype(str).to_numpy(dtype=object)
    types = nodes["type"].astype(str).to_numpy(dtype=object)
    mention_ids = np.array(stable_ids("m", ("partner", bid), node_ids), dtype=object)
    is_person = types == "person"
    mentions = pd.DataFrame(
        {
            "mention_id": mention_ids,
            "type": types,
            "slot": "partner",
            "label": [partner_label(t, n) for t, n in zip(types, node_ids, strict=True)],
            "identifier": np.where(is_person, None, node_ids),
            "attrs": _node_attrs(node_ids, nodes["mentions"].astype(np.int64).tolist()),
            "source": source,
            "agency": bundle.agency,
            "row": np.arange(1, len(nodes) + 1),
        }
    )
    mention_of = pd.Series(mention_ids, index=node_ids)
    links = bundle.links
    link_frame = pd.DataFrame(
        {
            "link_id": stable_ids(
                "l",
                ("partner", bid),
                links["src"].to_numpy(dtype=object),
                links["dst"].to_numpy(dtype=object),
                links["kind"].to_numpy(dtype=object),
            ),
            "src": mention_of.reindex(links["src"].to_numpy()).to_numpy(dtype=object),
            "dst": mention_of.reindex(links["dst"].to_numpy()).to_numpy(dtype=object),
            "kind": links["kind"].to_numpy(dtype=object),
            "time": pd.to_datetime(links["first"], utc=True),
            "amount": links["amount"].to_numpy(),
            "weight": links["count"].astype(float).to_numpy(),
            "attrs": _link_attrs(links["count"].astype(np.int64).tolist(), links["last"]),
            "source": source,
            "agency": bundle.agency,
            "row": np.arange(1, len(links) + 1),
        }
    )
    # Resolution: local entities stay; partner entities join the ones they matched.
    local_entity = case.entity_of()
    # A partner person joins its best match (others, when not one-to-one, stay evidence).
    best = result.matches.sort_values("match_weight", ascending=False, kind="stable")
    best = best.drop_duplicates("partner")
    matched = dict(zip(best["partner"].to_numpy(), best["local"].to_numpy(), strict=True))
    by_token_table = id_tokens.drop_duplicates("token")
    by_token = dict(
        zip(by_token_table["token"].to_numpy(), by_token_table["entity_id"].to_numpy(), strict=True)
    )
    entity = np.array(
        [
            (matched if p else by_token).get(n) or None
            for n, p in zip(node_ids, is_person, strict=True)
        ],
        dtype=object,
    )
    for persons, head in ((True, ("partner", bid)), (False, ("token",))):
        new = np.flatnonzero(pd.isna(entity) & (is_person == persons))
        entity[new] = stable_ids("e", head, node_ids[new])
    resolution = pd.concat(
        [
            pd.DataFrame(
                {"mention_id": local_entity.index.to_numpy(), "entity_id": local_entity.to_numpy()}
            ),
            pd.DataFrame({"mention_id": mention_ids, "entity_id": entity}),
        ],
        ignore_index=True,
    )
    # Evidence: one row per person match, against a local mention of the matched entity.
    first_mention = pd.Series(local_entity.index.to_numpy(), index=local_entity.to_numpy())
    first_mention = first_mention[~first_mention.index.duplicated()]
    comparisons = result.model.comparisons
    m = result.matches
    new_evidence = pd.DataFrame(
        {
            "left": first_mention.reindex(m["local"].to_numpy()).to_numpy(dtype=object),
            "right": mention_of.reindex(m["partner"].to_numpy()).to_numpy(dtype=object),
            "type": "person",
            "match_probability": m["match_probability"].to_numpy(),
            "match_weight": m["match_weight"].to_numpy(),
            "rule": RULE_PREFIX + bid,
            "decision": "match",
            "fields": evidence_jsons(m, comparisons),
        }
    )
    evidence = case.evidence if case.evidence is not None else EVIDENCE.empty()
    evidence = pd.concat(
        [EVIDENCE.conform(evidence), EVIDENCE.conform(new_evidence)], ignore_index=True
    )
    joined = case.with_tables(
        mentions=pd.concat([case.mentions, mentions], ignore_index=True),
        links=pd.concat([case.links, link_frame], ignore_index=True),
        resolution=resolution,
        evidence=evidence,
    )
    manifest_info: dict[str, Any] = {
        "bundle": bid,
        "agency": bundle.agency,
        "bundle_created": bundle.manifest.get("created"),
        "bundle_counts": bundle.manifest.get("counts"),
        "encoding": bundle.manifest.get("encoding"),
        "model": result.model.to_dict(),
        **result.info,
    }
    return joined.with_step("link", None, **manifest_info)
