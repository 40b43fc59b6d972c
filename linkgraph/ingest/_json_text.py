"""JSON text Python's decoder refuses or a table cannot hold: an integer of more digits
than ``int()`` converts (``sys.get_int_max_str_digits``, 4,300: a 5,000-digit "account
number") is kept as its text; a lone surrogate escape (``"Iv\\ud800an"``), which no UTF-8
text holds, is replaced with U+FFFD and reported (``lone_surrogate``)."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

#: A surrogate code point the decoder left alone: a pair (``\\ud83d\\ude00``) is one
#: character once decoded, so any surrogate left is lone.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def int_or_text(text: str) -> int | str:
    """A JSON integer's value, or its text when it has more digits than ``int()`` reads.

    Examples:
        >>> int_or_text("-42"), int_or_text("9" * 5000) == "9" * 5000
        (-42, True)
    """
    limit = sys.get_int_max_str_digits()
    return text if limit and len(text.lstrip("-")) > limit else int(text)


#: A decoder keeping over-long integers as text (:func:`int_or_text`).
TEXT_INTS = json.JSONDecoder(parse_int=int_or_text)


def too_many_digits(exc: BaseException) -> bool:
    """Whether ``exc`` is the decoder refusing an integer of too many digits."""
    return (
        isinstance(exc, ValueError)
        and not isinstance(exc, json.JSONDecodeError)
        and "integer string conversion" in str(exc)
    )


def loads(text: str, **kwargs: Any) -> Any:
    """:func:`json.loads`, an integer of too many digits kept as its text (the C decoder
    first: only a document that holds one is decoded again, with :func:`int_or_text`).

    Examples:
        >>> loads('{"n": ' + "1" * 5000 + "}")["n"] == "1" * 5000
        True
    """
    try:
        return json.loads(text, **kwargs)
    except ValueError as exc:
        if not too_many_digits(exc):
            raise
    return json.loads(text, parse_int=int_or_text, **kwargs)


def shown_surrogates(text: str) -> str:
    """``text`` with each lone surrogate shown as its code point.

    Examples:
        >>> shown_surrogates("Iv\\ud800an")
        'Iv[U+D800]an'
    """
    return LONE_SURROGATE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
