"""The partner's network added to a case as a partner source, joined through the matches."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.model import EVIDENCE, Case, stable_id
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
    mention_ids = np.array([stable_id("m", "partner", bid, n) for n in node_ids], dtype=object)
    is_person = types == "person"
    mentions = pd.DataFrame(
        {
            "mention_id": mention_ids,
            "type": types,
            "slot": "partner",
            "label": [partner_label(t, n) for t, n in zip(types, node_ids, strict=True)],
            "identifier": np.where(is_person, None, node_ids),
            "attrs": [
                json.dumps({"partner_token": n, "partner_mentions": int(c)})
                for n, c in zip(node_ids, nodes["mentions"], strict=True)
            ],
            "source": source,
            "agency": bundle.agency,
            "row": np.arange(1, len(nodes) + 1),
        }
    )
    mention_of = pd.Series(mention_ids, index=node_ids)
    links = bundle.links
    link_frame = pd.DataFrame(
        {
            "link_id": [
                stable_id("l", "partner", bid, s, d, k)
                for s, d, k in zip(links["src"], links["dst"], links["kind"], strict=True)
            ],
            "src": mention_of.reindex(links["src"].to_numpy()).to_numpy(dtype=object),
            "dst": mention_of.reindex(links["dst"].to_numpy()).to_numpy(dtype=object),
            "kind": links["kind"].to_numpy(dtype=object),
            "time": pd.to_datetime(links["first"], utc=True),
            "amount": links["amount"].to_numpy(),
            "weight": links["count"].astype(float).to_numpy(),
            "attrs": [
                json.dumps({"count": int(c), "last": None if pd.isna(t) else str(t)})
                for c, t in zip(links["count"], links["last"], strict=True)
            ],
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
    entity = np.empty(len(nodes), dtype=object)
    for i, (node, typ) in enumerate(zip(node_ids, types, strict=True)):
        if typ == "person":
            entity[i] = matched.get(node) or stable_id("e", "partner", bid, node)
        else:
            entity[i] = by_token.get(node) or stable_id("e", "token", node)
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
