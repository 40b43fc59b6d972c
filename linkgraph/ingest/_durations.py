"""A call's duration written as a clock (``00:03:12``), read as whole seconds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

#: Hours, minutes and seconds ("00:03:12", "1:02:03"); two parts ("03:12") are left as
#: written: minutes and seconds, or hours and minutes, the value does not say.
_CLOCK = r"^[ \t]*([0-9]{1,3}):([0-5][0-9]):([0-5][0-9])[ \t]*$"
#: :data:`_CLOCK` for RE2, whose ``$`` is the end of the text only.
_CLOCK_RE2 = _CLOCK.removesuffix("$") + r"\n?$"


def read_durations(attrs: dict[str, pd.Series]) -> dict[str, pd.Series]:
    """``attrs`` with each value of its ``duration`` written as hours, minutes and seconds
    as whole seconds, as the other readers give it (a Telegram call's, a phone backup's);
    any other value (seconds already, "3 min") as written.

    Examples:
        >>> s = pd.Series(["00:03:12", "45", "1:02:03", None, "03:12"], dtype="string")
        >>> read_durations({"duration": s})["duration"].tolist()
        ['192', '45', '3723', <NA>, '03:12']
    """
    values = attrs.get("duration")
    if values is None:
        return attrs
    text = values.astype("string")
    # A whole-column match first, in pyarrow's RE2 called directly: ``[0-9]`` and
    # ``[ \t]`` (RE2's ``\d`` and ``\s`` differ from Python's on non-ASCII text), and
    # ``\n?$`` for Python's ``$`` (which also matches before a final line feed). Through
    # pandas, ``str.match`` scans the column for non-ASCII text and line feeds first to
    # choose between RE2 and Python. A CDR of a million durations in seconds has none to
    # convert, and the groups are extracted (by Python's ``re``) for the clocks alone.
    from linkgraph.ingest._columns import arrow_text

    matched = pc.match_substring_regex(arrow_text(text), _CLOCK_RE2).fill_null(False)
    hit = pd.Series(
        np.asarray(matched.to_numpy(zero_copy_only=False), dtype=bool), index=text.index
    )
    if not hit.any():
        return attrs
    parts = text[hit].str.extract(_CLOCK).astype("Int64")
    seconds = (parts[0] * 3600 + parts[1] * 60 + parts[2]).astype("string")
    out = text.copy()
    out[hit] = seconds
    return {**attrs, "duration": out}
