"""The report's "How entities were resolved" section, read from the Case.

Everything comes from what ``resolve`` stored: the learnt Fellegi-Sunter model
(``manifest["resolve_model"]``), the threshold (``manifest["config"]["resolve"]``), the
``evidence`` table (one row per scored pair), the ``resolution`` table and the analysts'
``decisions`` table. Nothing is
recomputed. Victims' spellings are never shown unless the report is asked to show victims:
their entity appears by pseudonym and their mentions by source row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.render._html import esc
from linkgraph.render._mentions import describe_mention, mention_spellings
from linkgraph.render._report_blocks import _section, _table
from linkgraph.resolve.adjustments import (
    EntitySizePrior,
    NameCalibration,
    StrongIdentifierRules,
    TermFrequency,
    TwoLists,
    WeakNameCap,
)
from linkgraph.resolve.evidence import AMBIGUOUS_PREFIX
from linkgraph.resolve.overrides import case_decisions, describe_decision, effective_decisions
from linkgraph.resolve.training import AllPairsPrior, ExpectationMaximisation, RandomPairsU

#: Histogram bins of match probabilities (the threshold is drawn on top).
_BINS = 20
_BORDERLINE = 10
_LARGEST = 10


def resolution_section(
    case: Case, name: Callable[[str], str], hidden: Callable[[str], bool]
) -> str:
    """The section: learnt weights per comparison level, the distribution of match
    probabilities with the threshold, the borderline pairs and the largest entities with
    their spellings (for over-merge review).

    Args:
        case: the case; without a ``resolve`` step the section says how to run it.
        name: entity id -> the label the report shows (pseudonym for victims).
        hidden: entity id -> True when its spellings must not be shown (victims).
    """
    model = case.manifest.get("resolve_model")
    if case.resolution is None or case.evidence is None or not model:
        body = '<p class="empty">Not resolved yet: run `linkgraph resolve`.</p>'
        return _section("resolution", "How entities were resolved", body)
    threshold = float((case.manifest.get("config", {}).get("resolve") or {}).get("threshold", 0.9))
    spelled = mention_spellings(case)
    entity_of = case.entity_of().astype(str)
    steps = [s for s in case.manifest.get("steps", []) if s.get("stage") == "resolve"]
    parts = [
        _weights(model, steps[-1] if steps else {}),
        _histogram(case.evidence, threshold),
        _borderline(case.evidence, threshold, spelled, entity_of, name, hidden),
        _largest(case, spelled, entity_of, name, hidden),
        _analyst_decisions(case, spelled, entity_of, name, hidden),
    ]
    intro = (
        "Mentions of the same person were merged when their match probability reached "
        f"{threshold:g}. The probability adds up the learnt weight of each comparison's "
        "level (in bits: + means the agreement is evidence of the same person) without "
        "any labelled data (expectation-maximisation over the candidate pairs)."
    )
    return _section("resolution", "How entities were resolved", "".join(parts), intro)


#: What each training step and adjustment does, by the name the manifest records.
_STEP_WORDS = {
    step.name: step.summary
    for step in (
        RandomPairsU, ExpectationMaximisation, AllPairsPrior, TermFrequency,
        NameCalibration, StrongIdentifierRules, WeakNameCap, EntitySizePrior, TwoLists,
    )
}  # fmt: skip


def _steps_line(step: dict) -> str:
    """The training steps and adjustments the resolve step recorded, in order."""
    out = []
    for key, head in (("training", "Learnt by"), ("adjustments", "then adjusted")):
        names = [str(n) for n in step.get(key) or []]
        if names:
            said = "; ".join(f"{esc(n)} ({esc(_STEP_WORDS.get(n, ''))})" for n in names)
            out.append(f"{head}: {said}.")
    return f"<p>{' '.join(out)}</p>" if out else ""


def _weights(model: dict, step: dict) -> str:
    rows = []
    for comparison, spec in (model.get("comparisons") or {}).items():
        levels = list(spec.get("levels", []))
        weights = list(spec.get("weight", []))
        shown = [f"{lv} {w:+.1f}" for lv, w in zip(levels, weights, strict=False) if lv != "null"]
        rows.append([comparison.replace("_", " "), "; ".join(shown)])
    prior = model.get("prior")
    table = _table(
        ["comparison", "learnt weight per level (bits)"],
        rows,
        "manifest.json resolve_model (m and u probabilities per level; weight = log2 m/u)",
    )
    among = (
        "all pairs of mentions"
        if "all_pairs_prior" in (step.get("training") or [])
        else "the candidate pairs"
    )
    if identical := int(model.get("identical_pairs_not_counted") or 0):
        among += (
            f" (less {identical:,} pairs of identical records that blocking did not compare,"
            " which would otherwise count as non-matches)"
        )
    lead = (
        f"<h3>Learnt weights</h3><p>Share of matches among {among} (prior): "
        f"{float(prior):.3g}; {int(model.get('iterations', 0))} EM iterations.</p>"
        if prior is not None
        else "<h3>Learnt weights</h3>"
    )
    return lead + _steps_line(step) + _dates_line(model) + _two_lists_line(step) + table


def _two_lists_line(step: dict) -> str:
    """What the two-lists pairing found (adjustments.TwoLists), when it acted."""
    found = step.get("two_lists") or {}
    if not found.get("applied"):
        return ""
    stats = found.get("stats") or {}
    lists = "; ".join(
        f"{esc(str(name))}: {float(cov):.1%} linked, {int(left):,} left unlinked"
        for name, cov, left in zip(
            stats.get("sources", []),
            stats.get("coverage", []),
            stats.get("left_over", []),
            strict=False,
        )
    )
    return (
        f"<p>The case is two lists of the same people ({lists}). Among the "
        f"{int(found.get('pairs', 0)):,} pairs of records left unlinked, EM expects "
        f"{float(found.get('matches', 0)):.1f} matches; {int(found.get('joined', 0)):,} pairs "
        "were joined one to one (evidence field <code>two_lists</code>).</p>"
    )


def _dates_line(model: dict) -> str:
    """Whether different dates of birth kept people apart (scoring.date_reliability)."""
    info = model.get("date_reliability_info") or {}
    if not info:
        return ""
    anchors, share = int(info.get("dated_anchor_pairs", 0)), float(info.get("conflicting_share", 0))
    seen = (
        f"{share:.0%} of {anchors:,} pairs sharing both names and an identifier give"
        " different dates"
    )
    if model.get("dates_reliable", True):
        said = "Different dates of birth keep two people apart"
        return f"<p>{said} ({esc(seen) if anchors else 'too few such pairs to judge'}).</p>"
    return (
        f"<p>Dates of birth here are unreliable ({esc(seen)}): a different date weighs"
        " against a match but does not keep two people apart.</p>"
    )


def _histogram(evidence: pd.DataFrame, threshold: float) -> str:
    if "type" in evidence.columns:
        evidence = evidence[evidence["type"].astype(str) == "person"]
    p = pd.to_numeric(evidence["match_probability"], errors="coerce").dropna().to_numpy()
    head = "<h3>Match probabilities of the scored pairs</h3>"
    if len(p) == 0:
        return head + '<p class="empty">No scored pairs.</p>'
    counts, _ = np.histogram(np.clip(p, 0, 1), bins=_BINS, range=(0, 1))
    above = int((p >= threshold).sum())
    return (
        head
        + _svg_histogram(counts.tolist(), threshold)
        + f'<p class="src">{len(p):,} scored person pairs, {above:,} at or above the threshold '
        f"{threshold:g} (the line). Source: evidence.match_probability</p>"
    )


def _svg_histogram(counts: Sequence[int], threshold: float) -> str:
    """Counts per probability bin as bars on a log scale, with the threshold line."""
    w, h, left, right, top, bottom = 640, 220, 56, 16, 12, 40
    pw, ph = w - left - right, h - top - bottom
    peak = np.log10(max(max(counts), 1) + 1)
    bw = pw / len(counts)
    bars = []
    for i, c in enumerate(counts):
        bh = ph * (np.log10(c + 1) / peak if peak else 0)
        bars.append(
            f'<rect x="{left + i * bw + 1:.1f}" y="{top + ph - bh:.1f}" width="{bw - 2:.1f}" '
            f'height="{bh:.1f}" class="bar"><title>{esc(f"{i / len(counts):.2f}")}–'
            f"{esc(f'{(i + 1) / len(counts):.2f}')}: {c:,} pairs</title></rect>"
        )
    tx = left + pw * min(max(threshold, 0.0), 1.0)
    return (
        f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="match probability histogram">'
        + "".join(bars)
        + f'<line x1="{left}" x2="{w - right}" y1="{top + ph}" y2="{top + ph}" class="axis"/>'
        f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top}" y2="{top + ph}" class="threshold"/>'
        f'<text x="{left}" y="{h - 22}">0</text><text x="{w - right}" y="{h - 22}" '
        'text-anchor="end">1</text>'
        f'<text x="{left + pw / 2:.0f}" y="{h - 6}" text-anchor="middle">match probability '
        "(pairs per bin, log scale)</text></svg>"
    )


def _borderline(
    evidence: pd.DataFrame,
    threshold: float,
    spelled: pd.DataFrame,
    entity_of: pd.Series,
    name: Callable[[str], str],
    hidden: Callable[[str], bool],
) -> str:
    ev = evidence
    if "type" in ev.columns:
        ev = ev[ev["type"].astype(str) == "person"]
    prob = pd.to_numeric(ev["match_probability"], errors="coerce")
    ev = ev.assign(gap=(prob - threshold).abs(), probability=prob).dropna(subset=["probability"])
    ev = ev.sort_values(["gap", "left", "right"], kind="mergesort")
    rule = ev["rule"] if "rule" in ev.columns else pd.Series("", index=ev.index)
    ambiguous = rule.astype("string").fillna("").str.startswith(AMBIGUOUS_PREFIX)
    ambiguous = ambiguous.to_numpy(dtype=bool)
    # every pair of an ambiguous name (it fits two people), then one pair per mention on
    # either side, so one busy mention does not fill the list
    close = ev[~ambiguous].drop_duplicates("left").drop_duplicates("right")
    ev = pd.concat([ev[ambiguous].head(_BORDERLINE), close.head(_BORDERLINE)])
    rows = []
    for r in ev.itertuples(index=False):
        mentions, now = _pair_cells(r.left, r.right, spelled, entity_of, name, hidden)
        rule_text = str(getattr(r, "rule", ""))
        why = (
            rule_text.removeprefix(AMBIGUOUS_PREFIX)
            if rule_text.startswith(AMBIGUOUS_PREFIX)
            else "closest to the threshold"
        )
        rows.append([mentions, now, str(r.decision), why, float(r.probability)])
    return "<h3>Borderline pairs (ambiguous names, then closest to the threshold)</h3>" + _table(
        ["the two mentions", "now", "decision", "why listed", "probability"],
        rows,
        "evidence (left, right, match_probability, rule, decision); "
        "`linkgraph review CASE` lists them for a decision",
        numeric=1,
    )


def _set_aside(case: Case) -> dict[tuple[str, str], str]:
    """The decisions the last resolve set aside (their records moved away or gone, see
    :func:`~linkgraph.resolve.overrides.attach_decisions`): (left, right) → why."""
    steps = [st for st in case.manifest.get("steps", []) if st.get("stage") == "resolve"]
    records = steps[-1].get("decisions_set_aside") or [] if steps else []
    return {(str(r["left"]), str(r["right"])): str(r.get("why", "")) for r in records}


def _pair_cells(
    left: object,
    right: object,
    spelled: pd.DataFrame,
    entity_of: pd.Series,
    name: Callable[[str], str],
    hidden: Callable[[str], bool],
) -> tuple[str, str]:
    """A pair of mentions as two cells: the mentions (by source row only when either
    belongs to a victim) and the entities they are in now."""
    left, right = str(left), str(right)
    e_left, e_right = str(entity_of.get(left, left)), str(entity_of.get(right, right))
    secret = hidden(e_left) or hidden(e_right)
    mentions = " + ".join(describe_mention(x, spelled, secret) for x in (left, right))
    return mentions, "same entity" if e_left == e_right else f"{name(e_left)} / {name(e_right)}"


def _largest(
    case: Case,
    spelled: pd.DataFrame,
    entity_of: pd.Series,
    name: Callable[[str], str],
    hidden: Callable[[str], bool],
) -> str:
    m = case.mentions
    person = m["type"].astype(str) == "person" if "type" in m.columns else np.ones(len(m), bool)
    ids = m.loc[person, "mention_id"].astype(str)
    frame = pd.DataFrame({"entity": entity_of.reindex(ids).to_numpy(), "mention": ids.to_numpy()})
    frame = frame.dropna(subset=["entity"])
    sizes = frame.groupby("entity").size().sort_values(ascending=False, kind="mergesort")
    top = sizes[sizes > 1].head(_LARGEST)
    rows = []
    for entity, size in top.items():
        if hidden(str(entity)):
            rows.append([name(str(entity)), "(withheld: victim)", int(size)])
            continue
        names = spelled.reindex(frame.loc[frame["entity"] == entity, "mention"])["name"]
        counts = names.fillna("").replace("", "(no name)").value_counts()
        text = "; ".join(f"{k} ×{v}" for k, v in counts.head(8).items())
        if len(counts) > 8:
            text += f" … {len(counts) - 8} more"
        rows.append([name(str(entity)), text, int(size)])
    return "<h3>Largest entities and their spellings</h3>" + _table(
        ["entity", "spellings merged into it", "mentions"],
        rows,
        "resolution (mention -> entity) and mentions.label; check these for over-merges",
        numeric=1,
    )


def _analyst_decisions(
    case: Case,
    spelled: pd.DataFrame,
    entity_of: pd.Series,
    name: Callable[[str], str],
    hidden: Callable[[str], bool],
) -> str:
    """The analysts' decisions in force (newest per pair), who took them, when and why."""
    history = case_decisions(case)
    head = "<h3>Analysts' decisions</h3>"
    if history.empty:
        return head + (
            '<p class="empty">No analyst decision: every merge above was scored. '
            "`linkgraph decide CASE LEFT RIGHT must_link|cannot_link` records one.</p>"
        )
    rows = []
    aside = _set_aside(case)
    for _, r in effective_decisions(history).iterrows():
        mentions, now = _pair_cells(r["left"], r["right"], spelled, entity_of, name, hidden)
        why = aside.get((str(r["left"]), str(r["right"])))
        if why is not None:
            ends = (str(entity_of.get(str(r[s]), r[s])) for s in ("left", "right"))
            shown = "its record moved or is gone" if any(hidden(e) for e in ends) else why
            now = f"set aside, not applied: {shown}"
        rows.append([mentions, str(r["decision"]).replace("_", " "), now, describe_decision(r)])
    superseded = len(history) - len(rows)
    note = f" ({superseded:,} older decision(s) superseded, kept on record)" if superseded else ""
    return head + _table(
        ["the two mentions", "decision", "now", "who, when, why"],
        rows,
        f"decisions table (left, right, decision, analyst, decided_at, note, source){note}",
    )
