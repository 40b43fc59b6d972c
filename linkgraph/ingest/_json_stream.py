"""A large JSON file read a value at a time: the items of the lists at its top (a top-level
list, or each list-valued key of a top-level object), each decoded by the standard
library's C decoder (:meth:`json.JSONDecoder.raw_decode`) from a buffer of about a
megabyte, so that memory stays bounded by the largest item, not the file.

>>> import io
>>> list(top_level_items(io.StringIO('{"a": [1, {"b": 2}], "c": {"d": 3}}'), "f.json"))
[('a', 1, True), ('a', {'b': 2}, True), ('c', {'d': 3}, False)]
>>> list(top_level_items(io.StringIO('[{"x": 1}, 12345]'), "f.json"))
[(None, {'x': 1}, True), (None, 12345, True)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from linkgraph.errors import InputError
from linkgraph.ingest._json_text import TEXT_INTS, too_many_digits

_CHUNK = 1 << 20  # characters read at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def top_level_items(fh: TextIO, name: str) -> Iterator[tuple[str | None, Any, bool]]:
    """``(key, value, listed)`` for each item of each list at the top of a JSON text: key
    ``None`` for a top-level list; a top-level key whose value is no list gives that value
    whole (``listed`` False).

    Raises:
        InputError: naming the file and the character where the text is no valid JSON.
    """
    stream = _Stream(fh, name)
    first = stream.peek()
    if first == "[":
        for item in stream.items():
            yield None, item, True
    elif first == "{":
        yield from stream.members()
    else:
        raise stream.invalid("a JSON object or list should start the file")
    if stream.peek():
        raise stream.invalid("text after the end of the JSON value")


class _Stream:
    """A JSON text read through a moving window: ``buf[pos:]`` is what is yet to be read,
    ``base`` the file position of ``buf[0]``."""

    def __init__(self, fh: TextIO, name: str) -> None:
        self.fh, self.name = fh, name
        self.buf, self.pos, self.base, self.done = "", 0, 0, False

    def more(self, at_least: int = _CHUNK) -> bool:
        """Read at least ``at_least`` more characters (dropping those read); False at the
        end of the file."""
        if self.done:
            return False
        chunk = self._read(max(at_least, _CHUNK))
        if not chunk:
            self.done = True
            return False
        if self.base == 0 and not self.buf:
            chunk = chunk.lstrip("\ufeff")
        if self.pos:
            self.base += self.pos
            self.buf, self.pos = self.buf[self.pos :], 0
        self.buf += chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """The next JSON value, decoded whole."""
        self.peek()
        while True:
            try:
                try:
                    value, end = _DECODER.raw_decode(self.buf, self.pos)
                except ValueError as exc:
                    if not too_many_digits(exc):
                        raise
                    value, end = TEXT_INTS.raw_decode(self.buf, self.pos)  # kept as text
            except json.JSONDecodeError as exc:
                if self.more(len(self.buf) - self.pos):  # an item longer than the window
                    continue
                raise self.invalid(exc.msg, self.base + exc.pos) from exc
            except RecursionError as exc:
                raise self.invalid("nested too deeply") from exc
            # a number at the window's end may go on in the next characters
            if end == len(self.buf) and self.more():
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[Any]:
        """The items of the list that starts here, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.separator("]"):
                return

    def members(self) -> Iterator[tuple[str | None, Any, bool]]:
        """The object that starts here: each item of a list-valued key, other values whole."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.invalid("a key (a string in quotes) expected")
            self.expect(":")
            if self.peek() == "[":
                for item in self.items():
                    yield key, item, True
            else:
                yield key, self.value(), False
            if self.separator("}"):
                return

    def separator(self, closing: str) -> bool:
        """Past the "," after an item (False) or the ``closing`` bracket (True)."""
        char = self.peek()
        if char not in (",", closing):
            raise self.invalid(f"',' or '{closing}' expected")
        self.pos += 1
        return char == closing

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.invalid(f"'{char}' expected")
        self.pos += 1

    def invalid(self, what: str, at: int | None = None) -> InputError:
        where = self.base + self.pos if at is None else at
        return InputError(
            f"not valid JSON: {what} (character {where + 1})",
            source=self.name,
            hint="export it again from the phone or from Takeout (a copy may have been cut short)",
        )

    def _read(self, size: int) -> str:
        return _read(self.fh, size, self.name)


def text_chunks(fh: TextIO, name: str) -> Iterator[str]:
    """The text of ``fh`` a megabyte at a time (bytes that do not decode an error naming
    the file)."""
    while chunk := _read(fh, _CHUNK, name):
        yield chunk


def _read(fh: TextIO, size: int, name: str) -> str:
    try:
        return fh.read(size)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode bytes as {exc.encoding}",
            source=name,
            hint="set `encoding:` in the mapping (the phone and Takeout exports are UTF-8)",
        ) from exc
