"""vCard contact lists (``.vcf``) as a table: one row per card.

A seized phone's address book, an e-mail client's contacts and many CRM exports are vCards
(2.1, 3.0 or 4.0). Each card becomes a row with the columns the people preset and
``mapping suggest`` read: ``full_name``, ``given_name``, ``family_name``, ``phone`` and
``email`` (several values ``; ``-joined), ``dob``, ``address``, ``organisation``,
``nickname``, ``note`` and ``uid``; ``categories`` (the card's labels) and ``role``: the
labels that are roles (``CATEGORIES:victim``, ``Opfer``), read by the people preset as the
person's role. A NOTE that calls the person a victim ("girl - victim - owes 30k") with no
victim role is named in the summary's warnings (card numbers only). A vCard 4.0 ``tel:``
URI is read as its number; its extension (``tel:+380441234567;ext=102``) is kept in
``phone_extension`` (``+380441234567 ext. 102``), as the number itself is what links
contact lists. A birthday without a year (vCard 4.0's ``--0412``, Apple's
``X-APPLE-OMIT-YEAR``) is no date of birth (``dob`` holds dates with a year, and compares
them): it is kept as ``--04-12`` in ``birthday_without_year``. Cards are parsed with
``vobject``; vCard 2.1's quoted-printable values (old Android and Nokia exports) are
decoded first, soft line breaks included (``vobject`` alone cuts "Петро Бондар" at one, to
"Петро Бо"). Two contact lists that hold the same number are then linked through it, which
is how address books of seized phones are compared.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from linkgraph.errors import InputError

#: The columns of a contact list, in order.
COLUMNS = ("full_name", "given_name", "family_name", "nickname", "phone", "email", "dob",
           "address", "organisation", "note", "uid", "phone_extension",
           "birthday_without_year", "categories", "role")  # fmt: skip

_QP_LINE = re.compile(r"^([^:\r\n]*ENCODING=QUOTED-PRINTABLE[^:\r\n]*):(.*)$", re.IGNORECASE)


def _decode_quoted_printable(text: str) -> str:
    """vCard 2.1 lines written ``;ENCODING=QUOTED-PRINTABLE:`` (soft line breaks ``=`` at
    line ends included) as plain lines, in their declared charset (UTF-8 by default)."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _QP_LINE.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        params, value = match.group(1), match.group(2)
        while value.endswith("=") and i + 1 < len(lines):
            i += 1
            value = value[:-1] + lines[i]
        charset = re.search(r"CHARSET=([\w-]+)", params, re.IGNORECASE)
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            decoded = raw.decode(charset.group(1) if charset else "utf-8")
        except (LookupError, UnicodeDecodeError):
            decoded = raw.decode("utf-8", "replace")
        params = re.sub(r";?ENCODING=QUOTED-PRINTABLE", "", params, flags=re.IGNORECASE)
        params = re.sub(r";?CHARSET=[\w-]+", "", params, flags=re.IGNORECASE)
        out.append(f"{params}:{decoded}")
        i += 1
    return "\n".join(out) + "\n"


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value or "").split())


#: A birthday without a year: vCard 4.0's ``--MMDD`` or ``--MM-DD``.
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")


def _phone(value: str) -> tuple[str, str]:
    """A TEL value as ``(number, extension)``: a ``tel:`` URI (RFC 3966, vCard 4.0) as its
    number, its ``ext=`` parameter apart; another value as written.

    Examples:
        >>> _phone("tel:+380441234567;ext=102"), _phone("+40 721 000 111")
        (('+380441234567', '102'), ('+40 721 000 111', ''))
    """
    if not value.lower().startswith("tel:"):
        return value, ""
    number, *params = value[4:].split(";")
    ext = next((p.partition("=")[2] for p in params if p.lower().startswith("ext=")), "")
    return unquote(number).strip(), unquote(ext).strip()


def _birthday(line: Any) -> tuple[str, str]:
    """A BDAY line as ``(dob, birthday without a year)``: ``--0412`` and Apple's
    ``1604-04-12`` with ``X-APPLE-OMIT-YEAR=1604`` are a month and day (``--04-12``)."""
    value = _text(line.value)
    no_year = _NO_YEAR.match(value)
    if no_year:
        return "", f"--{no_year.group(1)}-{no_year.group(2)}"
    omit = next(iter(line.params.get("X-APPLE-OMIT-YEAR", [])), "")
    if omit and value.startswith(f"{omit}-"):
        return "", "--" + value[len(omit) + 1 :][:5]
    return value, ""


def _row(card: Any) -> list[str]:
    """A card's cells, in :data:`COLUMNS` order."""
    names = _values(card, "n")
    given = family = ""
    if names and not isinstance(names[0], str):
        given = _text(getattr(names[0], "given", ""))
        family = _text(getattr(names[0], "family", ""))
    address = ""
    for adr in _values(card, "adr"):
        parts = [getattr(adr, k, "") for k in ("street", "city", "code", "region", "country")]
        address = ", ".join(p for p in (_text(x) for x in parts) if p)
        if address:
            break

    def joined(name: str) -> str:
        return "; ".join(dict.fromkeys(t for t in map(_text, _values(card, name)) if t))

    def first(name: str) -> str:
        return next((t for t in map(_text, _values(card, name)) if t), "")

    name = first("fn") or " ".join(p for p in (given, family) if p)
    phones = [_phone(t) for t in map(_text, _values(card, "tel")) if t]
    numbers = "; ".join(dict.fromkeys(number for number, _ in phones if number))
    extensions = "; ".join(f"{number} ext. {ext}" for number, ext in phones if ext)
    dob, no_year = next(
        (b for b in map(_birthday, card.contents.get("bday", [])) if any(b)), ("", "")
    )
    categories = _categories(card)
    return [name, given, family, joined("nickname"), numbers, joined("email"), dob, address,
            first("org"), joined("note"), first("uid"), extensions, no_year,
            "; ".join(categories), _roles(categories)]  # fmt: skip


def _categories(card: Any) -> list[str]:
    """A card's CATEGORIES (groups, labels: "Work", "victim"), each once, in order."""
    found: list[str] = []
    for value in _values(card, "categories"):
        for item in value if isinstance(value, list) else str(value or "").split(","):
            text = _text(item)
            if text and text not in found:
                found.append(text)
    return found


def _roles(categories: list[str]) -> str:
    """The roles among a card's categories (``victim``, ``suspect``, in any language the
    role vocabulary knows), ``;``-joined: a seized phone's labels are often the only mark
    of a victim. Other labels ("Work", "Family") are no role."""
    from linkgraph.schema import OTHER_ROLES, ROLES, canonical_role

    roles = [r for r in map(canonical_role, categories) if r in ROLES or r in OTHER_ROLES]
    return ";".join(dict.fromkeys(r for r in roles if r))


def _victim_word(note: str) -> str | None:
    """The victim word a card's NOTE holds as a word ("girl - victim - owes 30k"), else
    None."""
    from linkgraph.schema import role_spellings
    from linkgraph.text import fold

    padded = f" {fold(note)} "
    return next((w for w in role_spellings("victim") if f" {w} " in padded), None)


def _victim_notes_warning(cards: list[int]) -> str:
    """The summary's warning for cards whose NOTE names a victim but that have no role."""
    shown = ", ".join(map(str, cards[:10])) + (
        f" and {len(cards) - 10} more" if len(cards) > 10 else ""
    )
    return (
        f"{len(cards):,} card(s) have a NOTE that calls the person a victim but no victim"
        f" role (card {shown}): if they are victims, add CATEGORIES:victim to their cards"
        " (read as their role) and ingest again, so that maps and reports protect them"
    )


_BEGIN_END = re.compile(r"^(BEGIN|END)[ \t]*:[ \t]*([^\s;]+)[ \t]*$", re.IGNORECASE)
_UNPARSED_LINE = re.compile(r"^Failed to parse line: (.*)$", re.DOTALL)
_REEXPORT = "or export the contacts again as vCard (.vcf), or as CSV"


def unbalanced_line(text: str) -> tuple[int, str, str] | None:
    """The first BEGIN/END line of a vCard file ``text`` that does not pair up, as
    ``(line number from 1 in the file, what is wrong, how to fix it)``; None when every
    BEGIN has its END. Folded lines (starting with a space) are no BEGIN or END."""
    opened: list[tuple[str, int]] = []  # (component, line of its BEGIN)
    last_end = 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = _BEGIN_END.match(line)
        if match is None:
            continue
        word, name = match.group(1).upper(), match.group(2).upper()
        if word == "BEGIN":
            opened.append((name, number))
            continue
        if not opened:
            after = f" (the card before it ends at line {last_end})" if last_end else ""
            return (
                number,
                f"END:{name} closes no card{after}",
                f"delete line {number}, or add BEGIN:{name} where its card starts",
            )
        if opened[-1][0] != name:
            inner, begun = opened[-1]
            return (
                number,
                f"END:{name} while the BEGIN:{inner} of line {begun} is not ended",
                f"add END:{inner} before line {number}",
            )
        opened.pop()
        last_end = number
    if opened:
        name, begun = opened[-1]
        return (
            begun,
            f"BEGIN:{name} is never ended",
            f"add END:{name} after the last line of that card",
        )
    return None


def _unreadable(path: Path, text: str, exc: Exception) -> InputError:
    """The error for a vCard file vobject cannot parse, at the file's own line number
    (vobject counts lines its own way: "line 45" of a 23-line file)."""
    problem = unbalanced_line(text)
    if problem is not None:
        number, what, fix = problem
        return InputError(
            f"not a readable vCard file: line {number}: {what}",
            source=path.name,
            hint=f"{fix}, {_REEXPORT}",
        )
    message = str(exc.args[0]) if exc.args else str(exc)
    unparsed = _UNPARSED_LINE.match(message)
    lines = text.splitlines()
    if unparsed is not None and unparsed.group(1).strip() in (x.strip() for x in lines):
        bad = unparsed.group(1).strip()
        number = next(i for i, x in enumerate(lines, start=1) if x.strip() == bad)
        return InputError(
            f"not a readable vCard file: line {number} is no vCard property (NAME:value)",
            source=path.name,
            hint=f"fix or delete line {number} (a continued line starts with a space), "
            + _REEXPORT,
        )
    return InputError(
        f"not a readable vCard file: {message}",
        source=path.name,
        hint="export the contacts again as vCard (.vcf), or as CSV",
    )


def read_vcards(
    path: Path, text: str, notes: list[str] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(card number from 1, row)`` of each card of a vCard file's ``text``; warnings on
    the cards are added to ``notes`` (for the summary)."""
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise InputError(
            "no vCard in the file (no BEGIN:VCARD line)",
            source=path.name,
            hint="export the contacts again as vCard (.vcf), or as CSV",
        )
    raw = text
    if "QUOTED-PRINTABLE" in text.upper():
        text = _decode_quoted_printable(text)
    try:
        cards = list(vobject.readComponents(text, ignoreUnreadable=True))
    except Exception as exc:  # vobject raises its own ParseError and plain errors alike
        raise _unreadable(path, raw, exc) from exc
    number = 0
    victims_in_notes: list[int] = []
    for card in cards:
        if getattr(card, "name", "").upper() != "VCARD":
            continue
        number += 1
        row = _row(card)
        if "victim" not in row[COLUMNS.index("role")].split(";") and _victim_word(
            row[COLUMNS.index("note")]
        ):
            victims_in_notes.append(number)
        yield number, row
    if victims_in_notes and notes is not None:
        notes.append(_victim_notes_warning(victims_in_notes))
