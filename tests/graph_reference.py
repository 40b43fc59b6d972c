"""The entity-graph build as it was before it was vectorised (kept verbatim as the
reference the new build is compared with): per-entity and per-edge Python aggregation."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from linkgraph.graph import EDGE_COLUMNS
from linkgraph.model import Case
from linkgraph.schema import link_kind


def _mode_text(values: pd.Series) -> str:
    """Most frequent non-empty value; ties broken alphabetically so labels are stable."""
    vals = values.dropna()
    vals = vals[vals.astype(str).str.len() > 0]
    if vals.empty:
        return ""
    counts = vals.value_counts()
    top = counts[counts == counts.max()].index
    return str(sorted(top.astype(str))[0])


def _preferred_labels(ment: pd.DataFrame) -> pd.Series:
    """One label per entity: from mentions with separate given and family names when there
    are any (exports that write "FAMILY GIVEN" in one cell lose the order), then the most
    frequent, then alphabetical, so labels are stable across runs."""
    counts = (
        ment[ment["label"].astype(str).str.len() > 0]
        .groupby(["entity_id", "label"], sort=False)
        .agg(n=("label", "size"), structured=("structured", "max"))
        .reset_index()
        .sort_values(
            ["entity_id", "structured", "n", "label"],
            ascending=[True, False, False, True],
            kind="mergesort",
        )
    )
    best = counts.drop_duplicates("entity_id").set_index("entity_id")["label"].astype(str)
    ids = pd.Index(sorted(ment["entity_id"].unique()))
    return best.reindex(ids).fillna("")


def reference_tables(case: Case) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entity graph of a case: one node per entity, one edge per (entity pair, kind).

    Before resolution every mention is its own entity.
    """
    m = case.mentions
    entity_of = case.entity_of()
    ment = pd.DataFrame(
        {
            "entity_id": entity_of.reindex(m["mention_id"]).to_numpy(),
            "type": m["type"].to_numpy(),
            "label": m["label"]
            .fillna(m["name"])
            .fillna(m["identifier"])
            .fillna(m["mention_id"])
            .to_numpy(),
            "source": m["source"].to_numpy(),
            "agency": m["agency"].fillna("").to_numpy(),
            "role": m["role"].fillna("").to_numpy(),
            "country": m["country"].fillna(m["nationality"]).fillna("").to_numpy(),
            # a label written with separate given and family names says which is which;
            # one ingest split from a "FAMILY, Given" cell is still written as it came
            "structured": [
                isinstance(g, str) and isinstance(f, str) and "," not in str(label)
                for g, f, label in zip(
                    m["given_name"].astype(object).where(m["given_name"].notna(), None),
                    m["family_name"].astype(object).where(m["family_name"].notna(), None),
                    m["label"].fillna(m["name"]).fillna(m["identifier"]).fillna(m["mention_id"]),
                    strict=True,
                )
            ],
        }
    )
    if ment["entity_id"].isna().any():
        missing = m["mention_id"][ment["entity_id"].isna().to_numpy()].iloc[0]
        from linkgraph.errors import CaseError

        raise CaseError(
            f"mention {missing} has no entity in the resolution table",
            hint="re-run `linkgraph resolve CASE_DIR`",
        )
    grouped = ment.groupby("entity_id", sort=True)
    nodes = pd.DataFrame(
        {
            "type": grouped["type"].agg(_mode_text),
            "label": _preferred_labels(ment),
            "mentions": grouped.size(),
            "sources": grouped["source"].nunique(),
            "agencies": grouped["agency"].agg(lambda s: ";".join(sorted({a for a in s if a}))),
            "role": grouped["role"].agg(lambda s: ";".join(sorted({r for r in s if r}))),
            "country": grouped["country"].agg(_mode_text),
        }
    )
    nodes.index = nodes.index.astype("string").rename("entity_id")
    edges = _aggregate_links(case.links, entity_of)
    return nodes, edges


def _aggregate_links(links: pd.DataFrame, entity_of: pd.Series) -> pd.DataFrame:
    if links.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EDGE_COLUMNS}).astype(
            {"count": "int64", "weight": "float64", "amount": "float64", "directed": bool}
        )
    kinds = links["kind"].astype(str)
    directed = kinds.map(lambda k: link_kind(k).directed).astype(bool).to_numpy()
    src = entity_of.reindex(links["src"]).to_numpy().astype(object)
    dst = entity_of.reindex(links["dst"]).to_numpy().astype(object)
    swap = (~directed) & (src > dst)
    src2 = np.where(swap, dst, src)
    dst2 = np.where(swap, src, dst)
    frame = pd.DataFrame(
        {
            "src": src2,
            "dst": dst2,
            "kind": kinds.to_numpy(),
            "directed": directed,
            "weight": links["weight"].fillna(1.0).to_numpy(dtype=float),
            "amount": links["amount"].to_numpy(dtype=float),
            "cur": [
                "" if pd.isna(a) or pd.isna(c) else str(c)
                for a, c in zip(links["amount"], links["currency"], strict=True)
            ],
            "time": links["time"],
            "ref": (
                links["source"].fillna("") + ":" + links["row"].astype("string").fillna("")
            ).to_numpy(),
        }
    )
    g = frame.groupby(["src", "dst", "kind", "directed"], sort=True)
    out = g.agg(
        count=("weight", "size"),
        weight=("weight", "sum"),
        amount=("amount", lambda a: a.sum(min_count=1)),
        first=("time", "min"),
        last=("time", "max"),
        rows=("ref", lambda r: json.dumps(sorted(set(r)))),
        currencies=(
            "cur",
            lambda c: sorted(
                {x for x, a in zip(c, frame.loc[c.index, "amount"], strict=True) if pd.notna(a)}
            ),
        ),
    ).reset_index()
    # Amounts in several currencies are not added up: the edge says "mixed".
    out["currency"] = [("mixed" if len(c) > 1 else (c[0] if c else "")) for c in out["currencies"]]
    out.loc[out["currency"] == "mixed", "amount"] = np.nan
    return out[list(EDGE_COLUMNS)]
