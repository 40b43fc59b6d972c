"""Asking a partner to reveal who is behind matched tokens, and answering such a request."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from linkgraph.model import Case, now_iso
from linkgraph.share.encoding import person_id, tokens
from linkgraph.share.join import RULE_PREFIX
from linkgraph.share.records import identifier_values, person_records
from linkgraph.share.secret import Secret, ShareError

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


def disclosure_request(case: Case, wanted: Sequence[str] | None = None) -> pd.DataFrame:
    """The matched partner tokens an analyst wants revealed (:data:`REQUEST_COLUMNS`).

    ``wanted``: partner tokens or local entity ids to ask about; every partner person
    match when None. Only tokens go into the request, with the local entity's id and
    label for the analyst's own file (remove those columns before sending if the partner
    must not learn them).
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
    if wanted is None:
        chosen = partner[partner["match_probability"].notna()]
    else:
        wanted_set = set(wanted)
        chosen = partner[
            partner["partner_token"].isin(wanted_set) | partner["entity_id"].isin(wanted_set)
        ]
        unknown = wanted_set - set(chosen["partner_token"]) - set(chosen["entity_id"])
        if unknown:
            raise ShareError(
                "not a partner token or an entity with partner data: "
                + ", ".join(sorted(unknown)[:5]),
                hint="take tokens from the partner mentions' labels or `linkgraph link` output",
            )
    local = case.mentions[~case.mentions["source"].astype(str).str.startswith("partner:")]
    label = pd.Series(
        local["label"].to_numpy(), index=ent.reindex(local["mention_id"].astype(str)).to_numpy()
    )
    label = label[~label.index.duplicated()]
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


def reveal(
    case: Case, secret: Secret, request: pd.DataFrame, *, include_victims: bool = False
) -> pd.DataFrame:
    """The sharing partner's answer: the plain rows behind each requested token.

    Every token of the request is looked up among the case's own persons (by pseudonymous
    id) and identifiers (by token). Returns one row per token: ``partner_token``, ``type``,
    ``found``, ``withheld`` (why a row is not released), ``label``, ``name``, ``dob``,
    ``identifier``. Victims are withheld unless ``include_victims``. The partner reviews
    this table and sends on what their legal channel allows.
    """
    if "partner_token" not in request.columns:
        raise ShareError(
            "the request has no partner_token column",
            hint="use a request made by `linkgraph disclose`",
        )
    wanted = request["partner_token"].astype(str).tolist()
    records = person_records(case)
    records["pid"] = person_id(secret, records["entity_id"].astype(str).to_numpy())
    mentions = case.mentions.set_index("mention_id")
    idv = identifier_values(case)
    idv = idv[idv["canonical"] != ""].reset_index(drop=True)
    tok = np.empty(len(idv), dtype=object)
    for kind in idv["type"].unique():
        sel = (idv["type"] == kind).to_numpy()
        tok[sel] = tokens(secret, kind, idv.loc[sel, "canonical"].to_numpy(dtype=object))
    idv["token"] = tok
    rows = []
    for token in wanted:
        persons = records[records["pid"] == token]
        ids = idv[idv["token"] == token]
        if len(persons):
            m = mentions.loc[persons["mention_id"]]
            victim = bool(persons["victim"].any())
            rows.append(
                {
                    "partner_token": token,
                    "type": "person",
                    "found": True,
                    "withheld": "victim" if victim and not include_victims else "",
                    "label": ""
                    if victim and not include_victims
                    else "; ".join(sorted(set(m["label"].dropna().astype(str)))),
                    "name": ""
                    if victim and not include_victims
                    else "; ".join(sorted(set(m["name"].dropna().astype(str)))),
                    "dob": ""
                    if victim and not include_victims
                    else "; ".join(sorted(set(m["dob"].dropna().astype(str)))),
                    "identifier": "",
                }
            )
        elif len(ids):
            m = mentions.loc[ids["mention_id"]]
            rows.append(
                {
                    "partner_token": token,
                    "type": str(ids["type"].iloc[0]),
                    "found": True,
                    "withheld": "",
                    "label": "; ".join(sorted(set(m["label"].dropna().astype(str)))),
                    "name": "",
                    "dob": "",
                    "identifier": "; ".join(sorted(set(ids["canonical"]))),
                }
            )
        else:
            rows.append(
                {
                    "partner_token": token,
                    "type": "",
                    "found": False,
                    "withheld": "not in this case",
                    "label": "",
                    "name": "",
                    "dob": "",
                    "identifier": "",
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "partner_token",
            "type",
            "found",
            "withheld",
            "label",
            "name",
            "dob",
            "identifier",
        ],
    )
