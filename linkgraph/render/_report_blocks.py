"""Small HTML builders of the report: every value goes through esc()."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from linkgraph.render._html import esc


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], source: str, *, numeric: int = 0
) -> str:
    """A table; the last ``numeric`` columns are right-aligned; ``source`` in small print."""
    if not rows:
        return f'<p class="empty">No rows.</p><p class="src">Source: {esc(source)}</p>'
    first_num = len(headers) - numeric
    head = "".join(
        f"<th{' class=num' if i >= first_num else ''}>{esc(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if i >= first_num else ''}>{esc(_num(v))}</td>"
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="src">Source: {esc(source)}</p>'
    )


def _num(v: object) -> object:
    if isinstance(v, float | np.floating):
        if not np.isfinite(v):
            return ""
        return f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    if isinstance(v, int | np.integer) and not isinstance(v, bool):
        return f"{int(v):,}"
    return v


def _section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    lead = f'<p class="lead">{esc(intro)}</p>' if intro else ""
    return f'<section id="{esc(anchor)}"><h2>{esc(heading)}</h2>{lead}{body}</section>'
