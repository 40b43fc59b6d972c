"""The partners' shared secret and the keys derived from it (one key per purpose)."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from linkgraph.errors import LinkgraphError

_MIN_BYTES = 16
_CONTEXT = b"linkgraph-share/1/"


class ShareError(LinkgraphError):
    """A bundle, secret or request cannot be used (wrong secret, tampering, bad format)."""


@dataclass(frozen=True)
class Secret:
    """The secret the partners agreed out of band; never written anywhere."""

    value: bytes

    def key(self, purpose: str) -> bytes:
        """A 32-byte key for one purpose (HMAC-SHA-256 of the purpose under the secret)."""
        return hmac.new(self.value, _CONTEXT + purpose.encode("utf-8"), hashlib.sha256).digest()

    def check_value(self) -> str:
        """A key check value: tells a wrong secret from a tampered bundle, reveals nothing."""
        return hmac.new(self.key("check"), b"key check", hashlib.sha256).hexdigest()[:16]


def read_secret(path: str | os.PathLike[str]) -> Secret:
    """Read a secret file (its bytes, surrounding whitespace removed; at least 16 bytes).

    Raises:
        ShareError: the file is missing, empty or too short.
    """
    file = Path(path)
    hint = (
        "agree a secret with the partner out of band, e.g. "
        '`python -c "import secrets; print(secrets.token_hex(32))" > secret.txt`'
    )
    if not file.is_file():
        raise ShareError(f"{file}: secret file not found", hint=hint)
    value = file.read_bytes().strip()
    if len(value) < _MIN_BYTES:
        raise ShareError(
            f"{file}: the secret is {len(value)} bytes; at least {_MIN_BYTES} are needed",
            hint=hint,
        )
    return Secret(value)
