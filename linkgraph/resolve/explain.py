"""Evidence turned into plain words (``linkgraph explain``) and borderline pairs to label
(``linkgraph review``)."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import CaseError
from linkgraph.model import Case
from linkgraph.resolve.comparisons import COMPARISONS, compare
from linkgraph.resolve.features import person_features
from linkgraph.resolve.scoring import Model, score

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
        raise CaseError("the case is not resolved yet", hint="run `linkgraph resolve CASE_DIR`")
    return case.resolution, case.evidence


def _describe(row: pd.Series) -> str:
    bits = [f"{c}={row[c]}" for c in _SHOWN if c in row.index and pd.notna(row[c])]
    where = f"{row.get('source')} row {row.get('row')}"
    return f"{row['mention_id']} ({row['type']}, {where}): " + ", ".join(bits)


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
            text += f" incl. {float(f['tf_adjustment']):+.2f} for how rare the value is"
        lines.append(text)
    if fields.get("swapped_names"):
        lines.append("  - names compared in swapped order (given name ↔ family name)")
    return lines


def _pair_evidence(evidence: pd.DataFrame, a: str, b: str) -> pd.Series | None:
    hit = evidence[
        ((evidence["left"] == a) & (evidence["right"] == b))
        | ((evidence["left"] == b) & (evidence["right"] == a))
    ]
    return None if hit.empty else hit.iloc[-1]


def rescore_pair(case: Case, a: str, b: str) -> dict[str, Any] | None:
    """Compare and score two person mentions with the case's learnt model (no term
    frequencies); None when the case has no model or they are not both persons."""
    model_data = case.manifest.get(MODEL_KEY)
    m = case.mentions.set_index("mention_id", drop=False).loc[[a, b]]
    if model_data is None or not (m["type"] == "person").all():
        return None
    model = Model.from_dict(model_data)
    feats = person_features(m.reset_index(drop=True))
    left, right = np.array([0]), np.array([1])
    scored = score(compare(feats, left, right, model.comparisons), model)
    fields = {
        c: {
            "level": COMPARISONS[c].levels[int(scored[f"{c}_level"].iloc[0])],
            "similarity": round(float(scored[f"{c}_sim"].iloc[0]), 3),
            "weight": round(float(scored[f"{c}_weight"].iloc[0]), 3),
        }
        for c in model.comparisons
    }
    if "swapped" in scored and bool(scored["swapped"].iloc[0]):
        fields["swapped_names"] = True
    return {
        "match_probability": float(scored["match_probability"].iloc[0]),
        "match_weight": float(scored["match_weight"].iloc[0]),
        "fields": fields,
    }


def merge_path(evidence: pd.DataFrame, members: set[str], a: str, b: str) -> list[str] | None:
    """The shortest chain of merged pairs from ``a`` to ``b`` inside one entity."""
    ev = evidence[
        evidence["decision"].isin(["match", "must_link"])
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


def explain(case: Case, a: str, b: str) -> str:
    """Why two mentions were, or were not, resolved into one entity, in plain words.

    Shows both mentions, the decision, the field-by-field levels, similarities and
    weights of the pair (from the evidence, or re-scored with the case's learnt model
    when the pair was never a candidate), and, when they share an entity only through
    others, the chain of merges that joined them.
    """
    resolution, evidence = _require_resolved(case)
    mentions = case.mentions.set_index("mention_id", drop=False)
    for x in (a, b):
        if x not in mentions.index:
            raise CaseError(
                f"no mention {x!r} in the case",
                hint="mention ids look like m:0123abcd...; see mentions.parquet",
            )
    entity = resolution.set_index("mention_id")["entity_id"]
    ea, eb = entity.get(a), entity.get(b)
    lines = [f"A: {_describe(mentions.loc[a])}", f"B: {_describe(mentions.loc[b])}", ""]
    same = ea == eb
    lines.append(
        f"Resolved as the SAME entity {ea}."
        if same
        else f"Resolved as DIFFERENT entities ({ea} and {eb})."
    )
    row = _pair_evidence(evidence, a, b)
    threshold = float(case.manifest.get("config", {}).get("resolve", {}).get("threshold", 0.9))
    if row is not None:
        p = float(row["match_probability"])
        lines.append(
            f"The pair was scored (rule: {row['rule']}): match probability {p:.4f} "
            f"(threshold {threshold}), decision: {row['decision']}."
        )
        decision = str(row["decision"])
        if decision == "must_link":
            lines.append("An analyst's must-link decision joined them.")
        elif decision == "cannot_link":
            lines.append("An analyst's cannot-link decision keeps them apart.")
        elif decision == "refused":
            lines.append(
                "The score was above the threshold, but the merge was refused: it "
                "would have put a conflicting pair (different dates of birth, a "
                "cannot-link or a strong non-match) into one entity."
            )
        try:
            fields = json.loads(str(row["fields"]))
        except (TypeError, ValueError):
            fields = {}
        lines += ["Field by field:", *_field_lines(fields)]
    else:
        scored = rescore_pair(case, a, b)
        if scored is None:
            lines.append("The pair was never compared (no blocking rule paired them).")
        else:
            lines.append(
                "No blocking rule paired them, so they were never compared; scored now with "
                f"the case's learnt weights: match probability {scored['match_probability']:.4f}"
                f" (threshold {threshold})."
            )
            lines += ["Field by field:", *_field_lines(scored["fields"])]
    if same and (row is None or row["decision"] not in ("match", "must_link")):
        members = set(entity.index[entity.to_numpy() == ea])
        path = merge_path(evidence, members, a, b)
        if path:
            lines += ["They share an entity through this chain of merges:", "  " + " → ".join(path)]
    return "\n".join(lines)


def review(case: Case, *, n: int = 200, threshold: float | None = None) -> pd.DataFrame:
    """The ``n`` scored person pairs closest to the threshold, to label.

    Returns:
        Columns ``left``, ``right``, ``match_probability``, ``decision``, ``left_label``,
        ``right_label``, ``left_dob``, ``right_dob``, ``left_source``, ``right_source``,
        ``left_row``, ``right_row`` and an empty ``label`` (fill in match or non_match, then
        run ``linkgraph resolve CASE_DIR --labels FILE``).
    """
    _, evidence = _require_resolved(case)
    if threshold is None:
        threshold = float(case.manifest.get("config", {}).get("resolve", {}).get("threshold", 0.9))
    ev = evidence[
        (evidence["type"] == "person")
        & evidence["decision"].isin(["match", "non_match", "refused"])
    ].copy()
    p = ev["match_probability"].clip(1e-9, 1 - 1e-9).to_numpy()
    t = min(max(threshold, 1e-9), 1 - 1e-9)
    ev["distance"] = np.abs(np.log(p / (1 - p)) - np.log(t / (1 - t)))
    ev = ev.sort_values(["distance", "left", "right"], kind="mergesort").head(n)
    m = case.mentions.set_index("mention_id")
    out = ev[["left", "right", "match_probability", "decision"]].reset_index(drop=True)
    for side in ("left", "right"):
        sub = m.reindex(out[side].to_numpy())
        label = (
            sub["name"].where(sub["name"].notna(), sub["label"]) if "name" in sub else sub["label"]
        )
        out[f"{side}_label"] = label.to_numpy()
        for col in ("dob", "source", "row"):
            out[f"{side}_{col}"] = sub[col].to_numpy()
    out["label"] = ""
    return out
