"""Victim protection: entities marked as victims are shown by a stable pseudonym by default."""

from __future__ import annotations

import hashlib

from linkgraph.schema import canonical_role


def is_victim(role: object) -> bool:
    """Whether a ``role`` value (";"-joined roles from the data) marks a victim.

    Roles are normalised at ingest; spellings in other languages are recognised here too, so
    a case built by other means still protects its victims.

    Examples:
        >>> is_victim("suspect;victim"), is_victim("Geschädigte"), is_victim("recruiter")
        (True, True, False)
        >>> is_victim(None)
        False
    """
    if not isinstance(role, str):
        return False
    canonical = canonical_role(role)
    return canonical is not None and "victim" in canonical.split(";")


def pseudonym(entity_id: str) -> str:
    """The stable pseudonym shown for a victim: ``Victim-`` + 6 hex digits of SHA-256.

    Examples:
        >>> pseudonym("e:ana")
        'Victim-2cafc5'
    """
    return "Victim-" + hashlib.sha256(str(entity_id).encode("utf-8")).hexdigest()[:6]
