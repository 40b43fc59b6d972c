"""Nested objects of JSON records in `mapping suggest`: whose fields are whose.

A record's object inside an object ("victim": {"mother": {"name", "phone"}}) is another
party: her mother's phone is never the victim's. An object that holds one identifier of
its parent ("suspect": {"vehicle": {"plate"}}) is the parent's. An object of the record
that names another party and drafts no person ("employer": {"phone"}) lends nothing to
the record's person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: An object key naming a relative of its parent: linked to it as ``family``.
KIN = re.compile(
    r"^(mother|father|parents?|mum|mom|dad|sister|brother|siblings?|sons?|daughters?"
    r"|child|children|kids?|wife|husband|spouse|aunt|uncle|cousin|niece|nephew"
    r"|grand(mother|father|parent)s?|relatives?|family|next_of_kin|guardian"
    r"|mutter|vater|eltern|madre|padre|mere|pere|mama|tata|mati|batko|otets|sestra|brat)$"
)
#: An object key naming another party than its parent (besides relatives and roles).
_PARTY = re.compile(
    r"^(employer|company|organi[sz]ation|workplace|contact_person|emergency_contact"
    r"|associate|friend|boss|landlord|recruiter|agent|sponsor|guarantor|referee|manager"
    r"|arbeitgeber|firma|angajator|pracodavets|robotodavets|empleador)$"
)
#: An object key holding the record's own contact data ("contact": {"phone", "email"}).
_OWN = re.compile(
    r"^(contacts?|contact_(details|info|data)|details|info|kontakt(e|daten)?|contacto"
    r"|coordonnees|identifiers?)$"
)
#: The fields an object key names when the object holds one of its parent's identifiers
#: or places ("vehicle", "passport", "address").
_HELD = frozenset({"plate", "address", "document", "phone", "email", "account", "city", "country"})
_NAMES = frozenset({"name", "given_name", "family_name"})


@dataclass(frozen=True, slots=True)
class NestedColumn:
    """Where a nested column ("victim.mother.phone") belongs."""

    owner: tuple[str, ...]  # the object path of the party it is a field of: (victim, mother)
    rest: str  # its key under that object, as words: "phone", "vehicle_plate"


def nested_columns(
    columns: Iterable[str],
    words: Callable[[str], str],
    field_of: Callable[[str], str | None],
    role_of: Callable[[str], str | None],
) -> dict[str, NestedColumn]:
    """Per nested column (a dotted key of a JSON record), the party object it is a field
    of: the record's object it is under (``victim``), or an object inside it that is
    another party (a relative, an employer, a role, or one with a name that holds no
    identifier of its parent: ``victim.mother``).

    Examples:
        >>> from linkgraph.ingest.suggest import _field_of, _role_of, _words
        >>> cols = ["victim.name", "victim.mother.phone", "suspect.vehicle.plate"]
        >>> found = nested_columns(cols, _words, _field_of, _role_of)
        >>> found["victim.mother.phone"], found["suspect.vehicle.plate"].owner
        (NestedColumn(owner=('victim', 'mother'), rest='phone'), ('suspect',))
    """
    columns = list(columns)
    named = {
        c.rsplit(".", 1)[0]
        for c in columns
        if "." in c and field_of(words(c.rsplit(".", 1)[1])) in _NAMES
    }
    out = {}
    for col in columns:
        parts = col.split(".")
        owner = parts[:1]
        for i, comp in enumerate(parts[1:-1], start=1):
            key = words(comp)
            path = ".".join(parts[: i + 1])
            party = KIN.match(key) or _PARTY.match(key) or role_of(key) is not None
            held = field_of(key) in _HELD or _OWN.match(key)
            if party or (path in named and not held):
                owner = parts[: i + 1]
        out[col] = NestedColumn(tuple(owner), words("_".join(parts[len(owner) :])))
    return out


def own_object(key: str) -> bool:
    """Whether a record's object holds the record person's own data ("contact_details")."""
    return _OWN.match(key) is not None


def party_kind(key: str) -> str | None:
    """The link kind from a party object's person to her parent ("victim.mother" to the
    victim): ``family`` for a relative, ``associate`` for another party ("employer",
    "friend"); None for a role ("victim"), which the roles link.

    Examples:
        >>> party_kind("mother"), party_kind("friend"), party_kind("victim")
        ('family', 'associate', None)
    """
    if KIN.match(key):
        return "family"
    return "associate" if _PARTY.match(key) else None
