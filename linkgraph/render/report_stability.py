"""The report's "How sure are these findings?" section, read from ``CASE/stability.parquet``
(written by ``linkgraph stability``; nothing is recomputed here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.metrics.stability import (
    FRAGILE_BELOW,
    claims,
    is_current,
    load_stability,
    top_words,
)
from linkgraph.model import Case
from linkgraph.render._html import esc

ANCHOR = "stability"
HEADING = "How sure are these findings?"
SHORT = {"missing_ties": "missing ties", "missing_people": "missing people",
         "resolution": "re-drawn merges"}  # fmt: skip
SOURCE = "stability.parquet"


def stability_section(case: Case, graph: EntityGraph, name: Callable[[str], str]) -> str:
    """The section: claims in words (fragile ones flagged), per top actor P(rank 1),
    P(top k) and the 90% rank band under each perturbation, the key-player set's band and
    community co-assignment; how to run ``linkgraph stability`` when it has not run (or
    ran on an earlier state of the case). ``name`` gives what may be shown of an entity."""
    from linkgraph.render.report import _section

    stored = load_stability(case)
    if stored is None or stored["actors"].empty:
        return _section(ANCHOR, HEADING, _not_run(case, "has not been run on this case"))
    if not is_current(stored, graph):
        return _section(
            ANCHOR, HEADING, _not_run(case, "ran on an earlier state of this case (re-run it)")
        )
    run = stored["run"].iloc[0] if not stored["run"].empty else pd.Series(dtype=object)
    measure = str(run.get("measure", "betweenness"))
    top = int(run.get("top", stored["actors"]["observed_rank"].max()))
    parts = [
        _claims(stored, name, top, measure),
        _actor_table(stored, name, top),
        _key_set(stored, name),
        _communities(stored, name),
    ]
    return _section(ANCHOR, HEADING, "".join(parts), _intro(run, measure))


def _not_run(case: Case, why: str) -> str:
    # the case folder and the one holding it: a briefing travels, this machine's paths stay
    where = Path(case.origin.path) if case.origin is not None else None
    folder = f"{where.parent.name}/{where.name}/" if where is not None else "CASE_DIR"
    return (
        f'<p class="empty">{esc("Stability " + why + ".")} Run '
        f"<code>{esc(f'linkgraph stability {folder}')}</code> (100 perturbed versions per "
        "perturbation; seconds on a few thousand entities, about a minute at 10,000), then "
        f"<code>{esc(f'linkgraph report {folder}')}</code> again: this section then says how "
        "often each top actor keeps its rank when ties or people are missing and when the "
        "resolver's uncertain merges are re-drawn.</p>"
    )


def _intro(run: pd.Series, measure: str) -> str:
    draws = run.get("draws")
    how = run.get("estimator", "")
    est = f" ({how})" if measure == "betweenness" and isinstance(how, str) and how else ""
    return (
        f"Each share is over {int(draws) if draws == draws and draws else 'the'} perturbed "
        f"versions of the network per perturbation (seed {int(run.get('seed', 0))}): missing ties "
        f"(each link dropped with probability {run.get('tie_loss', 0.1):.0%}), missing people "
        f"(each entity dropped with probability {run.get('people_loss', 0.1):.0%}; an actor's "
        "shares are over the versions it is in) and re-drawn merges (each pair the resolver "
        "scored merged with its own match probability). Ranks are by "
        f"{measure}{est} among persons and organisations. A claim that holds in fewer than "
        f"{FRAGILE_BELOW:.0%} of the versions is flagged as fragile."
    )


def _claims(stored: dict[str, pd.DataFrame], name: Callable[[str], str], top: int,
            measure: str) -> str:  # fmt: skip
    actors = stored["actors"]
    labels = pd.Series({e: name(e) for e in actors["entity_id"].astype(str).unique()})
    items, any_fragile = [], False
    for text, fragile in claims(actors, labels, top, measure):
        any_fragile |= fragile
        mark = ' class="fragile"' if fragile else ""
        tag = ' <strong class="fragile">fragile</strong>' if fragile else ""
        items.append(f"<li{mark}>{esc(text)}.{tag}</li>")
    if not any_fragile:
        items.append(
            f"<li>{esc(f'Every top actor stays in the {top_words(top)} in at least ')}"
            f"{esc(f'{FRAGILE_BELOW:.0%} of the versions under each perturbation.')}</li>"
        )
    return f'<ul class="claims">{"".join(items)}</ul>'


def _pct(v: object) -> str:
    return "" if v is None or v != v else f"{float(v):.0%}"  # type: ignore[arg-type]


def _band(lo: object, hi: object) -> str:
    if lo is None or lo != lo:
        return ""
    return f"{lo:.0f}" if lo == hi else f"{lo:.0f}-{hi:.0f}"


def _grid(headers: list[str], rows: list[list[str]], source: str, fragile: list[set[int]]) -> str:
    """A table whose cells in ``fragile[i]`` (column positions of row i) are flagged."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="fragile">{esc(c)}</td>' if j in weak else f"<td>{esc(c)}</td>"
            for j, c in enumerate(r)
        )
        + "</tr>"
        for r, weak in zip(rows, fragile, strict=True)
    )
    return (
        f'<table class="stability"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f'<p class="src">Source: {esc(source)}</p>'
    )


def _actor_table(stored: dict[str, pd.DataFrame], name: Callable[[str], str], top: int) -> str:
    actors = stored["actors"]
    perts = list(dict.fromkeys(actors["perturbation"]))
    headers = ["rank", "actor"]
    for p in perts:
        headers += [f"{SHORT.get(p, p)}: P(rank 1)", f"P(top {top})", "rank band"]
    rows, flags = [], []
    first = actors.drop_duplicates("entity_id").sort_values("observed_rank")
    by = actors.set_index(["entity_id", "perturbation"])
    for a in first.itertuples():
        row, weak = [str(int(a.observed_rank)), name(a.entity_id)], set()
        for p in perts:
            r = by.loc[(a.entity_id, p)]
            if r["p_top"] < FRAGILE_BELOW:
                weak.add(len(row) + 1)
            if a.observed_rank == 1 and r["p_rank1"] < FRAGILE_BELOW:
                weak.add(len(row))
            row += [_pct(r["p_rank1"]), _pct(r["p_top"]), _band(r["rank_p05"], r["rank_p95"])]
        rows.append(row)
        flags.append(weak)
    return (
        "<h3>Top actors: how often they keep their rank</h3>"
        + _grid(
            headers, rows, f"{SOURCE} (kind = actor: p_rank1, p_top, rank_p05, rank_p95)", flags
        )
        + '<p class="src">Rank band: 5th to 95th percentile of the rank over the versions. '
        "Flagged cells: below the fragile threshold.</p>"
    )


def _key_set(stored: dict[str, pd.DataFrame], name: Callable[[str], str]) -> str:
    key = stored["key_set"]
    if key.empty or not str(key["entity_id"].iloc[0]):
        return ""
    members = [name(e) for e in str(key["entity_id"].iloc[0]).split(";")]
    run = stored["run"]
    margin = float(run["hold_margin"].iloc[0]) if "hold_margin" in run and len(run) else 0.05
    rows, flags = [], []
    for k in key.itertuples():
        rows.append(
            [
                SHORT.get(k.perturbation, k.perturbation),
                _pct(k.observed),
                f"{_pct(k.value_p05)}-{_pct(k.value_p95)}",
                _pct(k.p_holds),
            ]
        )
        flags.append({3} if k.p_holds < FRAGILE_BELOW else set())
    return (
        f"<h3>The key-player set ({len(members)})</h3>"
        f"<p>{esc('Removing ' + ', '.join(members))} leaves the largest connected group at "
        f"{esc(_pct(key['observed'].iloc[0]))} of its size (observed). How often that holds "
        f"(at most {margin * 100:.0f} points higher) in the perturbed versions:</p>"
        + _grid(
            ["perturbation", "observed", "90% band", "holds in"],
            rows,
            f"{SOURCE} (kind = key_set: observed, value_p05, value_p95, p_holds)",
            flags,
        )
    )


def _communities(stored: dict[str, pd.DataFrame], name: Callable[[str], str]) -> str:
    comm = stored["communities"]
    shares = ", ".join(
        f"{SHORT.get(p, p)} {_pct(v)}"
        for p, v in zip(comm["perturbation"], comm["stable_share"], strict=True)
    )
    out = (
        "<h3>Communities</h3><p>"
        + esc(
            "Entities whose community is stable (overlaps the observed one by half or more "
            f"in 90% of the versions): {shares}."
        )
        + "</p>"
    )
    pairs = stored["pairs"]
    if "observed" not in pairs:
        return out
    together = pairs.loc[pairs["observed"].astype(bool)]
    if together.empty:
        return out + "<p>No two top actors share a community in the observed network.</p>"
    perts = list(dict.fromkeys(together["perturbation"]))
    wide = together.pivot_table(
        index=["entity_id", "other_id"], columns="perturbation", values="p_together",
        sort=False,
    )  # fmt: skip
    rows, flags = [], []
    for (a, b), r in wide.iterrows():
        rows.append([name(a), name(b), *(_pct(r.get(p)) for p in perts)])
        flags.append({i + 2 for i, p in enumerate(perts) if r.get(p, 1) < FRAGILE_BELOW})
    return out + (
        "<p>Top actors in one community (observed: Leiden on the unweighted ties, as each"
        " perturbed version is partitioned; the case's communities weigh ties and are refined,"
        " so they can differ): how often they stay together.</p>"
        + _grid(
            ["actor", "with", *(SHORT.get(p, p) for p in perts)],
            rows,
            f"{SOURCE} (kind = pair: p_together)",
            flags,
        )
    )
