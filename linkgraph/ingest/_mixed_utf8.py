"""Whether bytes that are not all UTF-8 are UTF-8 text with a few rows in a legacy code page.

An export saved as UTF-8 with rows appended by an older system in Windows-1252 holds
lines that decode as UTF-8 whole ("Ștefan" as ``C8 98 74 65 66 61 6E``) beside lines
that do not ("Jürgen" as ``4A FC 72 67 65 6E``). A legacy single-byte file seldom holds a
line whose every byte above ASCII forms a valid UTF-8 sequence, and when it does the
characters so read are not words: Polish "DÓŁ" in cp1250 (``D3 A3``) reads as the
Cyrillic "ӣ" inside a Latin word, Ukrainian "ВІ" in cp1251 (``C2 B2``) as "²".
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_WORD = re.compile(r"\w+")

#: Scripts written together in one word (Japanese mixes kanji and kana).
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _SAME_SCRIPT.get(first, first)


def _reads_as_words(text: str) -> bool | None:
    """True when ``text`` holds a letter beyond ASCII and every word is written in one
    script; False when a word mixes scripts; None when it holds no letter beyond ASCII."""
    found = False
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        letters = [ch for ch in word if ch.isalpha()]
        if len({_script(ch) for ch in letters}) > 1:
            return False
        found = found or any(ord(ch) > 127 for ch in letters)
    return found or None


def holds_utf8_rows(head: bytes, *, cut: bool) -> bool:
    """Whether ``head``, which does not decode as UTF-8 whole, holds lines that do and
    read as words (more such lines than lines that decode as UTF-8 but do not read as
    words). ``cut``: the sample ends inside a line, which is not weighed.

    Examples:
        >>> holds_utf8_rows("Ștefan,1\\n".encode() + "Jürgen,2\\n".encode("cp1252"), cut=False)
        True
        >>> holds_utf8_rows("DÓŁ,1\\nŁódź,2\\n".encode("cp1250"), cut=False)
        False
    """
    lines = head.split(b"\n")
    if cut:
        lines = lines[:-1]
    words = not_words = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        verdict = _reads_as_words(text)
        if verdict:
            words += 1
        elif verdict is False or any(ord(ch) > 127 for ch in text):
            not_words += 1
    return words > not_words


def legacy_lines(path: Path, limit: int = 5) -> tuple[list[int], int]:
    """The first ``limit`` line numbers (1-based, as a text editor counts them) of the lines
    of ``path`` that do not decode as UTF-8, and how many there are."""
    found: list[int] = []
    total = 0
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                total += 1
                if len(found) < limit:
                    found.append(number)
    return found, total
