"""The partners' shared secret and the keys derived from it (one key per purpose).

The secret is stretched once with scrypt (:data:`KDF`) before any use: every key, token,
filter position and the manifest's key check derive from the stretched key, so testing
one guessed secret against a bundle costs a full scrypt run, not one HMAC. Secrets that
look guessable (short, few distinct characters, a phrase) are refused
(:func:`check_strength`); ``linkgraph share --new-secret FILE`` writes a good one.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets as _secrets
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linkgraph.errors import LinkgraphError

_MIN_BYTES = 20
#: Least estimated entropy of a secret, in bits (length times the empirical Shannon
#: entropy of its characters: 32 random hex digits give about 115, 64 about 240).
MIN_BITS = 100
_CONTEXT = b"linkgraph-share/2/"

#: The key stretching every secret goes through (recorded in each bundle's manifest).
#: n=2**15, r=8: about 32 MiB and a tenth of a second per guess.
KDF = {"name": "scrypt", "n": 2**15, "r": 8, "p": 1, "salt": _CONTEXT.decode() + "kdf"}

#: How to make a good secret, said wherever a secret is refused.
NEW_SECRET_HINT = (
    "make a random secret with `linkgraph share --new-secret secret.txt` (or "
    '`python -c "import secrets; print(secrets.token_hex(32))" > secret.txt`) and give '
    "it to the partner out of band"
)


class ShareError(LinkgraphError):
    """A bundle, secret or request cannot be used (wrong secret, tampering, bad format)."""


@lru_cache(maxsize=16)
def _stretch(value: bytes) -> bytes:
    return hashlib.scrypt(
        value,
        salt=KDF["salt"].encode(),  # type: ignore[union-attr]
        n=int(KDF["n"]),  # type: ignore[arg-type]
        r=int(KDF["r"]),  # type: ignore[arg-type]
        p=int(KDF["p"]),  # type: ignore[arg-type]
        maxmem=128 * 1024 * 1024,
        dklen=32,
    )


@dataclass(frozen=True)
class Secret:
    """The secret the partners agreed out of band; never written anywhere."""

    value: bytes

    @property
    def master(self) -> bytes:
        """The stretched secret (scrypt, :data:`KDF`): the root of every key."""
        return _stretch(self.value)

    def key(self, purpose: str) -> bytes:
        """A 32-byte key for one purpose (HMAC-SHA-256 of the purpose under the stretched
        secret)."""
        return hmac.new(self.master, _CONTEXT + purpose.encode("utf-8"), hashlib.sha256).digest()

    def check_value(self) -> str:
        """A key check value: tells a wrong secret from a tampered bundle, reveals nothing
        (it costs a scrypt run per guessed secret)."""
        return hmac.new(self.key("check"), b"key check", hashlib.sha256).hexdigest()[:16]


def estimated_bits(value: bytes) -> float:
    """A rough upper estimate of a secret's entropy: its length times the empirical
    Shannon entropy of its characters.

    Examples:
        >>> round(estimated_bits(b"a" * 64))
        0
        >>> estimated_bits(b"passwordpassword") < MIN_BITS
        True
    """
    if not value:
        return 0.0
    counts = Counter(value)
    n = len(value)
    per_char = -sum(c / n * math.log2(c / n) for c in counts.values())
    return max(0.0, n * per_char)


def _looks_like_words(value: bytes) -> bool:
    """Mostly letters and spaces, with runs of letters like words (a phrase, a name)."""
    text = value.decode("utf-8", errors="replace")
    words = [w for w in text.replace("-", " ").replace("_", " ").split() if w]
    letters = sum(ch.isalpha() for ch in text)
    return len(words) >= 2 and letters >= 0.7 * len(text) and len(words) < 8


def check_strength(value: bytes, where: str = "the secret") -> None:
    """Refuse a secret a partner or thief could guess.

    Raises:
        ShareError: fewer than 20 bytes, under :data:`MIN_BITS` of estimated entropy
            (repeated characters, a word repeated), or a short phrase of words.
    """
    if len(value) < _MIN_BYTES:
        raise ShareError(
            f"{where} is {len(value)} bytes; at least {_MIN_BYTES} random bytes are needed",
            hint=NEW_SECRET_HINT,
        )
    bits = estimated_bits(value)
    if bits < MIN_BITS or _looks_like_words(value):
        raise ShareError(
            f"{where} is too easy to guess (about {bits:.0f} bits; a phrase, a word or "
            f"repeated characters): anyone with a bundle could find it by trying guesses",
            hint=NEW_SECRET_HINT,
        )


def new_secret() -> str:
    """A fresh random secret: 64 hex digits (256 bits)."""
    return _secrets.token_hex(32)


def read_secret(path: str | os.PathLike[str]) -> Secret:
    """Read a secret file (its bytes, surrounding whitespace removed) and check it is hard
    to guess (:func:`check_strength`).

    Raises:
        ShareError: the file is missing, empty, too short or too easy to guess.
    """
    file = Path(path)
    if not file.is_file():
        raise ShareError(f"{file}: secret file not found", hint=NEW_SECRET_HINT)
    value = file.read_bytes().strip()
    check_strength(value, f"{file}: the secret")
    return Secret(value)
