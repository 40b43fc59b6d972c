"""Victim protection: entities marked as victims are shown by a stable pseudonym by default."""

from __future__ import annotations

import hashlib


def is_victim(role: object) -> bool:
    """Whether a ``role`` value (";"-joined roles from the data) marks a victim.

    Examples:
        >>> is_victim("suspect;victim"), is_victim("recruiter"), is_victim(None)
        (True, False, False)
    """
    return isinstance(role, str) and "victim" in role.lower()


def pseudonym(entity_id: str) -> str:
    """The stable pseudonym shown for a victim: ``Victim-`` + 6 hex digits of SHA-256.

    Examples:
        >>> pseudonym("e:ana")
        'Victim-2cafc5'
    """
    return "Victim-" + hashlib.sha256(str(entity_id).encode("utf-8")).hexdigest()[:6]
