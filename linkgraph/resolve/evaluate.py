"""Pairwise and B-cubed precision, recall and F1 of a resolution against ground truth."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.model import Case

_ROW_TRUTH = ("source", "row", "person_id")
_CLUSTER_COLUMNS = ("cluster", "person_id", "entity_id", "true_id")

#: The columns a truth table needs, as errors say it.
TRUTH_NEEDS = (
    "columns mention_id and cluster, or source, row, slot and person_id (as `linkgraph "
    "synth` writes in truth/mentions.csv)"
)
#: A truth table's first lines, for an error's hint.
TRUTH_EXAMPLE = "source,row,slot,item,person_id\n  arrests.csv,1,person,0,P0147"
#: The sets of columns of which a truth table holds at least one.
TRUTH_COLUMN_SETS = tuple(
    (*ids, cluster) for ids in (("mention_id",), ("source", "row")) for cluster in _CLUSTER_COLUMNS
)


def _pairs(sizes: np.ndarray) -> int:
    sizes = sizes.astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def truth_clusters(truth: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.Series:
    """Ground truth as mention_id → true cluster.

    ``truth`` has either ``mention_id`` and ``cluster`` (or ``entity_id`` / ``person_id``),
    or ``source``, ``row``, (``slot``, ``item``), ``person_id`` as the synthetic generator
    writes in ``truth/mentions.csv``; the latter is matched to ``mentions`` by source (or
    its base name), row and, when given, slot and item. ``item`` numbers the mentions of
    one multi-valued slot in one row 0, 1, ... in mention order (as ingest writes them).
    Truth rows with an empty cluster are ignored.
    """
    cluster_col = next((c for c in _CLUSTER_COLUMNS if c in truth.columns), None)
    has = ", ".join(str(c) for c in truth.columns[:12]) or "none"
    if cluster_col is None:
        raise InputError(
            f"truth lacks a cluster column (it has columns {has}); it needs {TRUTH_NEEDS}",
            source="truth",
            hint=f"for example:\n  {TRUTH_EXAMPLE}",
        )
    truth = truth[truth[cluster_col].notna() & (truth[cluster_col].astype(str) != "")]
    if "mention_id" in truth.columns:
        return pd.Series(
            truth[cluster_col].astype(str).to_numpy(),
            index=truth["mention_id"].astype(str).to_numpy(),
        )
    if mentions is None or not all(c in truth.columns for c in ("source", "row")):
        raise InputError(
            f"truth has neither mention_id nor source and row (it has columns {has}); "
            f"it needs {TRUTH_NEEDS}",
            source="truth",
            hint=f"for example:\n  {TRUTH_EXAMPLE}",
        )
    m = mentions[["mention_id", "source", "row", "slot", "type"]].copy()
    m["source"] = m["source"].astype(str).map(os.path.basename)
    m["row"] = pd.to_numeric(m["row"], errors="coerce").astype("Int64")
    t = truth.copy()
    t["source"] = t["source"].astype(str).map(os.path.basename)
    t["row"] = pd.to_numeric(t["row"], errors="coerce").astype("Int64")
    keys = ["source", "row"]
    if "slot" in t.columns and t["slot"].notna().any():
        keys.append("slot")
        t["slot"] = t["slot"].astype(str)
        m["slot"] = m["slot"].astype(str)
        if "item" in t.columns:
            keys.append("item")
            t["item"] = pd.to_numeric(t["item"], errors="coerce").fillna(0).astype(np.int64)
            m["item"] = m.groupby(["source", "row", "slot"], dropna=False).cumcount()
    else:
        m = m[m["type"].astype(str) == "person"]
    joined = t.merge(m, on=keys, how="inner")
    joined = joined.drop_duplicates("mention_id")
    return pd.Series(
        joined[cluster_col].astype(str).to_numpy(),
        index=joined["mention_id"].astype(str).to_numpy(),
    )


def evaluate(case_or_resolution: Case | pd.DataFrame, truth: pd.DataFrame) -> dict[str, Any]:
    """Pairwise and B-cubed precision, recall and F1 over the mentions listed in ``truth``.

    Args:
        case_or_resolution: a resolved Case, or a resolution frame (mention_id, entity_id).
        truth: see :func:`truth_clusters`.

    Returns:
        ``precision``, ``recall``, ``f1`` (pairwise), ``bcubed_precision``,
        ``bcubed_recall``, ``bcubed_f1``, and the counts ``mentions``, ``true_pairs``,
        ``predicted_pairs``, ``true_positive_pairs``, ``missing`` (truth mentions without
        a resolution: counted as their own entity).

    Examples:
        >>> res = pd.DataFrame({"mention_id": ["a", "b", "c"], "entity_id": ["x", "x", "y"]})
        >>> tru = pd.DataFrame({"mention_id": ["a", "b", "c"], "cluster": [1, 2, 2]})
        >>> evaluate(res, tru)["precision"], evaluate(res, tru)["recall"]
        (0.0, 0.0)
    """
    mentions = None
    if isinstance(case_or_resolution, Case):
        mentions = case_or_resolution.mentions
        resolution = case_or_resolution.resolution
        if resolution is None:
            ids = mentions["mention_id"].astype(str)
            resolution = pd.DataFrame({"mention_id": ids, "entity_id": ids})
    else:
        resolution = case_or_resolution
    true = truth_clusters(truth, mentions)
    pred_map = pd.Series(
        resolution["entity_id"].astype(str).to_numpy(),
        index=resolution["mention_id"].astype(str).to_numpy(),
    )
    pred = pred_map.reindex(true.index)
    missing = int(pred.isna().sum())
    pred = pred.where(pred.notna(), "missing:" + pd.Series(true.index, index=true.index))
    t_codes = pd.factorize(true.to_numpy())[0]
    p_codes = pd.factorize(pred.to_numpy())[0]
    both = pd.factorize(pd.Series(t_codes).astype(str) + "|" + pd.Series(p_codes).astype(str))[0]
    t_size = np.bincount(t_codes)
    p_size = np.bincount(p_codes)
    b_size = np.bincount(both)
    tp, true_pairs, pred_pairs = _pairs(b_size), _pairs(t_size), _pairs(p_size)
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # B-cubed: per mention, the share of its predicted (true) entity that is correct.
    overlap = b_size[both].astype(np.float64)
    b_p = float((overlap / p_size[p_codes]).mean()) if len(true) else 1.0
    b_r = float((overlap / t_size[t_codes]).mean()) if len(true) else 1.0
    b_f = 2 * b_p * b_r / (b_p + b_r) if b_p + b_r else 0.0
    return {
        "precision": round(precision, 6),
        "recall": round(recall, 6),
        "f1": round(f1, 6),
        "bcubed_precision": round(b_p, 6),
        "bcubed_recall": round(b_r, 6),
        "bcubed_f1": round(b_f, 6),
        "mentions": len(true),
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "true_positive_pairs": tp,
        "missing": missing,
    }
