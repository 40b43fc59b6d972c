"""The particular reasons ``linkgraph explain`` names: what made resolution refuse a merge
(:func:`refusal_lines`), the score of each step of a chain of merges (:func:`chain_lines`)
and which blocking rules pair two mentions that were never compared
(:func:`blocking_lines`)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from linkgraph.resolve.blocking import BLOCKING_KEYS, SPLIT_KEYS, block, rule_name
from linkgraph.resolve.clustering import dobs_compatible
from linkgraph.schema import Decision

#: How many pairs of each kind :func:`refusal_lines` names.
_SHOWN_PAIRS = 3
#: The rules of evidence rows that keep two people apart however the rest scores
#: (:mod:`~linkgraph.resolve.adjustments`: siblings, a man and a woman, two generations).
_APART_RULES = (
    "capped: given names differ",
    "sex conflict",
    "generation conflict",
    "identity conflict",
)


def _between(left: pd.Series, right: pd.Series, side_a: set[str], side_b: set[str]) -> np.ndarray:
    """Which pairs (``left[i]``, ``right[i]``) have one mention in each of two sets."""
    la, lb = left.isin(side_a).to_numpy(bool), left.isin(side_b).to_numpy(bool)
    ra, rb = right.isin(side_a).to_numpy(bool), right.isin(side_b).to_numpy(bool)
    return (la & rb) | (lb & ra)


def _full_dates(mentions: pd.DataFrame, ids: Sequence[str]) -> dict[str, str]:
    """mention_id -> its full date of birth as YYYYMMDD, for those of ``ids`` that have one."""
    dob = mentions.loc[list(ids), "dob"].astype("string").fillna("").str.replace("-", "")
    return {str(k): str(v) for k, v in dob.items() if len(v) == 8 and v.isdigit()}


def _sexes(mentions: pd.DataFrame, ids: Sequence[str]) -> dict[str, str]:
    """mention_id -> its recorded sex ("M" or "F"), for those of ``ids`` that have one."""
    if "sex" not in mentions:
        return {}
    sex = mentions.loc[list(ids), "sex"].astype("string").fillna("").str.upper().str[:1]
    return {str(k): str(v) for k, v in sex.items() if v in ("M", "F")}


def refusal_lines(
    evidence: pd.DataFrame,
    mentions: pd.DataFrame,
    members: tuple[set[str], set[str]],
    name: Callable[[str], str],
    *,
    strong_weight: float | None = None,
    withhold: bool = False,
) -> list[str]:
    """The conflicting pairs a refused merge would have put into one entity, found
    between the two entities as resolved (``members``: each one's mention ids; the two
    groups whose merge was refused lie inside them): analysts' cannot-links, pairs
    scored as two people (siblings, a man and a woman, two generations at one address,
    a strong non-match: fields alone at most ``strong_weight`` bits), full dates of
    birth that are no typo of each other, and recorded sexes that differ. Each pair is
    named by ``name(mention_id)``; ``withhold`` leaves out dates and sexes (a victim's).
    Empty when none is found.

    ``mentions``: indexed by ``mention_id``, holding every member.
    """
    side_a, side_b = members
    found: list[str] = []
    ev = evidence[_between(evidence["left"], evidence["right"], side_a, side_b)]
    cannot = ev[ev["decision"] == Decision.CANNOT_LINK]
    for x, y in zip(cannot["left"], cannot["right"], strict=True):
        found.append(f"an analyst's cannot-link: {name(x)} ≠ {name(y)}")
    rule = ev["rule"].astype("string").fillna("")
    apart = rule.str.startswith(_APART_RULES).to_numpy(bool)
    if strong_weight is not None and "match_weight" in ev:
        weak = ev["match_weight"].astype(float).to_numpy() <= strong_weight
        apart |= weak & (ev["decision"] != Decision.CANNOT_LINK).to_numpy(bool)
    for _, row in ev[apart].head(_SHOWN_PAIRS).iterrows():
        found.append(
            f"a pair scored as two people ({row['rule']}, match probability "
            f"{float(row['match_probability']):.4f}): {name(row['left'])} ≠ {name(row['right'])}"
        )
    dates_a, dates_b = _full_dates(mentions, sorted(side_a)), _full_dates(mentions, sorted(side_b))
    clashes = [
        (x, y) for x in dates_a for y in dates_b if not dobs_compatible(dates_a[x], dates_b[y])
    ]
    for x, y in clashes[:_SHOWN_PAIRS]:
        dates = "" if withhold else f" ({_iso(dates_a[x])} / {_iso(dates_b[y])})"
        found.append(f"different dates of birth{dates}: {name(x)} ≠ {name(y)}")
    sex_a, sex_b = _sexes(mentions, sorted(side_a)), _sexes(mentions, sorted(side_b))
    men_women = [(x, y) for x in sex_a for y in sex_b if sex_a[x] != sex_b[y]]
    for x, y in men_women[:_SHOWN_PAIRS]:
        sexes = "" if withhold else f" ({sex_a[x]} / {sex_b[y]})"
        found.append(f"a man and a woman{sexes}: {name(x)} ≠ {name(y)}")
    return [f"  - {line}" for line in found]


def _iso(ymd: str) -> str:
    return f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}"


def chain_lines(
    evidence: pd.DataFrame, path: Sequence[str], name: Callable[[str], str]
) -> list[str]:
    """Each step of a chain of merges (``path``, from :func:`~linkgraph.resolve.explain.
    merge_path`) with the decision, rule and match probability of its evidence row."""
    lines = []
    for x, y in itertools.pairwise(path):
        hit = evidence[
            ((evidence["left"] == x) & (evidence["right"] == y))
            | ((evidence["left"] == y) & (evidence["right"] == x))
        ]
        step = f"  {name(x)} → {name(y)}"
        if not hit.empty:
            row = hit.iloc[-1]
            p = float(row["match_probability"])
            step += f": {row['decision']}, match probability {p:.4f} (rule: {row['rule']})"
        lines.append(step)
    return lines


def _key_status(values: np.ndarray, split: bool) -> str:
    """How two mentions' values of one blocking key stand: "" when they put the two in
    one block, else "missing" (on either side or both) or "differs"."""
    a, b = (str(v) for v in values)
    if a == "" or b == "":
        return "missing"
    if split:
        meet = bool({v for v in a.split("|") if v} & {v for v in b.split("|") if v})
    else:
        meet = a == b
    return "" if meet else "differs"


def blocking_lines(features: pd.DataFrame, rules: Sequence[Sequence[str]]) -> list[str]:
    """Which of ``rules`` pair the two mentions of ``features`` (their
    :func:`~linkgraph.resolve.features.person_features`, two rows), and for the others
    the keys they differ on (no values: a victim's stay withheld)."""
    rules = [list(r) for r in rules if all(k in BLOCKING_KEYS for k in r)]
    pairs, _ = block(features, rules, workers=1)
    if len(pairs):
        first = rule_name(rules[int(pairs["rule"].iloc[0])])
        return [
            f"Blocking rule {first} pairs them taken alone: in the whole case its block was "
            "larger than the block cap (then only near neighbours in it are paired), or "
            "they scored below the evidence floor."
        ]
    lines = [f"None of the case's {len(rules)} blocking rules pairs them (keys that differ):"]
    for rule in rules:
        status = {k: _key_status(BLOCKING_KEYS[k](features), k in SPLIT_KEYS) for k in rule}
        bad = [f"{k} {v}" for k, v in status.items() if v]
        why = (
            ", ".join(bad)
            if bad
            else (
                "keys agree, but the pair was dropped (a rule without a name key needs the "
                "names alike; plainly different dates of birth need both names close)"
            )
        )
        lines.append(f"  - {rule_name(rule)}: {why}")
    return lines
