"""One transfer or call that two sources report: the one definition the graph (and so
the map, the report and the exports) and the routes share, so their counts and money
totals cannot drift apart.

A payment is booked by the payer's bank and by the payee's (or shows in a bank's CSV and
in a partner's camt.053); a call is in the caller's carrier's records and in the
callee's. Two links are the same event when they come from different sources and have
the same kind, the same two entities (in the same direction), the same amount and
currency, and fall on the same day (a payment: banks book on the day, not the minute) or
in the same minute (a call or message). Within one source two such links are two events,
so the n-th of a source matches the n-th of another.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: Link kinds that both ends may report, and the time unit within which two reports of
#: them are one event (a pandas frequency: "D" a day, "min" a minute).
SAME_EVENT_WITHIN: Mapping[str, str] = {"paid": "D", "called": "min", "messaged": "min"}


def first_reports(
    kind: pd.Series,
    src: pd.Series,
    dst: pd.Series,
    amount: pd.Series,
    currency: pd.Series,
    time: pd.Series,
    source: pd.Series,
) -> np.ndarray:
    """For each link, the position of the first link reporting the same event (itself
    when it is the first, or not a reportable event): see the module docstring.

    All arguments are aligned, one value per link; ``src``/``dst`` are entity ids (or
    codes). Links without a time are never the same as another.

    Examples:
        >>> t = pd.Series(pd.to_datetime(["2024-03-01 10:00", "2024-03-01 00:00",
        ...     "2024-03-01 09:00"], utc=True))
        >>> s = pd.Series
        >>> first_reports(s(["paid"] * 3), s(["a"] * 3), s(["b"] * 3), s([3000.0] * 3),
        ...     s(["EUR"] * 3), t, s(["bank.csv", "camt.xml", "bank.csv"])).tolist()
        [0, 0, 2]
    """
    n = len(kind)
    out = np.arange(n)
    if n < 2:
        return out
    source_code = pd.factorize(pd.Series(source).astype("string").fillna(""), sort=False)[0]
    if source_code.max(initial=0) < 1:
        return out  # one source: every link is its own event
    unit = pd.Series(kind).astype("string").map(SAME_EVENT_WITHIN).to_numpy(dtype=object)
    when = pd.to_datetime(pd.Series(time).reset_index(drop=True), utc=True)
    candidate = pd.notna(unit) & when.notna().to_numpy()
    at = np.flatnonzero(candidate)
    if len(at) < 2 or len(np.unique(source_code[at])) < 2:
        return out
    # as UTC datetime64 (a zone-aware column to_numpy gives one Timestamp object a value)
    day = when.iloc[at].dt.floor("D").dt.tz_localize(None).to_numpy()
    minute = when.iloc[at].dt.floor("min").dt.tz_localize(None).to_numpy()
    amount_at = pd.to_numeric(pd.Series(amount), errors="coerce").to_numpy(float)[at]
    key = pd.DataFrame(
        {
            "kind": _codes(pd.Series(kind).iloc[at]),
            "src": _codes(pd.Series(src).iloc[at]),
            "dst": _codes(pd.Series(dst).iloc[at]),
            "amount": _codes(pd.Series(amount_at)),
            "currency": _codes(pd.Series(currency).astype("string").fillna("").iloc[at]),
            "moment": np.where(unit[at] == "D", day, minute).view(np.int64),
        }
    )
    event = key.groupby(list(key.columns), dropna=False, sort=False).ngroup().to_numpy()
    nth = pd.Series(event).groupby([event, source_code[at]]).cumcount().to_numpy()
    same = pd.DataFrame({"event": event, "nth": nth})
    first = same.groupby(["event", "nth"], sort=False).ngroup().to_numpy()
    first_at = pd.Series(at).groupby(first).transform("min").to_numpy()
    out[at] = first_at
    return out


def _codes(values: pd.Series) -> np.ndarray:
    """``values`` as integer codes, equal values one code (missing ones one of their
    own): the group-by of the event's key runs over integers, not Python objects."""
    return pd.factorize(values, sort=False, use_na_sentinel=False)[0]
