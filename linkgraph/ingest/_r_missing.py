"""R's missing values in a CSV it wrote: ``NA``, unquoted, among quoted text.

R's ``write.csv`` quotes every text cell and the header, and writes a missing value as
``NA`` without quotes (``"1","CARSTEN",NA,"MEIER"``): the record-linkage benchmarks of
R's RecordLinkage package (RLdata500, RLdata10000) and many research exports come so.
There, an unquoted ``NA`` is an empty cell; a quoted ``"NA"`` (a Korean family name, the
country code of Namibia) is text and is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


def written_by_r(sample: str, sep: str) -> bool:
    """Whether ``sample`` (a delimited file's first lines) reads as R writes a CSV: a
    header whose every cell is quoted, and an unquoted ``NA`` cell in a line below it.

    Examples:
        >>> written_by_r('"","name","dob"\\n"1","ANA",NA\\n', ",")
        True
        >>> written_by_r('id,name\\n1,NA\\n', ",")  # the header is not quoted
        False
        >>> written_by_r('"id","name"\\n"1","NA"\\n', ",")  # quoted: text
        False
    """
    lines = [line for line in sample.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    header = lines[0].lstrip("\ufeff").split(sep)
    if not all(len(c) >= 2 and c.startswith('"') and c.endswith('"') for c in header):
        return False
    pattern = _unquoted_na(sep)
    return any(_has_na(line, pattern) for line in lines[1:])


def without_r_missing(lines: Iterator[str], sep: str) -> Iterator[str]:
    """``lines`` with each unquoted ``NA`` cell made empty; a line that starts inside a
    quoted cell (one over several lines) is kept as it is.

    Examples:
        >>> list(without_r_missing(iter(['"1",NA,"NA",NA\\n', '"x","a,NA,b"\\n']), ","))
        ['"1",,"NA",\\n', '"x","a,NA,b"\\n']
    """
    pattern = _unquoted_na(sep)
    inside = False
    for line in lines:
        if not inside and "NA" in line:
            line = pattern.sub(lambda m: m.group(0) if m.group(1) else "", line)
        inside ^= line.count('"') % 2 == 1
        yield line


def _has_na(line: str, pattern: re.Pattern[str]) -> bool:
    return any(not m.group(1) for m in pattern.finditer(line))


@lru_cache(maxsize=8)
def _unquoted_na(sep: str) -> re.Pattern[str]:
    """Quoted cells (group 1, matched whole so that nothing inside them is taken) or an
    unquoted ``NA`` cell between separators or line ends."""
    s = re.escape(sep)
    return re.compile(rf'("(?:[^"]|"")*")|(?:^|(?<={s}))NA(?=(?:{s}|\r?\n|$))')
