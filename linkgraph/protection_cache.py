"""Whom to protect, kept beside the case: :func:`linkgraph.privacy.protected_ids` of a
case read from its folder, with its possible victims and why
(:func:`linkgraph.privacy.possible_victims`), is computed once per version of the tables
it depends on.

Finding the possible victims of a large case (rescoring every namesake of a victim with
the case's model) takes most of a minute at 300k mentions, and every lookup (`mentions`,
`explain`, `rejects`) needs the answer. It is written to ``CASE_DIR/protection/``
(``ids.json`` and ``key.json``) and read back while the SHA-256 of ``mentions``,
``links``, ``resolution``, ``evidence`` and ``decisions``, the case's learnt model and
its pseudonym key are those recorded in ``key.json``: re-ingesting, resolving, deciding
or editing a table by any tool changes the key, and the set is computed afresh. A case
changed in memory (not the tables its folder holds) is never read from nor written to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from linkgraph.model import Case

log = logging.getLogger(__name__)

#: Bump when the protection rules change, so sets written by older code are not used.
#: 2: the possible victims kept with the ids. 3: an unresolved case's identifier mentions
#: of one value taken as one (:mod:`linkgraph.unresolved_protection`). 4: the identifiers
#: of a row about a victim alone (:func:`linkgraph.redact.identifiers_on_victim_rows`).
#: 5: the contacts of a protected ad (:func:`linkgraph.privacy.contacts_of_hidden_ads`).
CACHE_FORMAT = 5
CACHE_DIR = "protection"
#: The tables the protected set is computed from.
_UPSTREAM = ("mentions", "links", "resolution", "evidence", "decisions")


class Protection(NamedTuple):
    """Whom outputs of a case protect."""

    #: the entity ids outputs must not name (:func:`linkgraph.privacy.protected_ids`)
    ids: frozenset[str]
    #: entity id -> why it is protected as a possible victim
    #: (:func:`linkgraph.privacy.possible_victims`)
    possible: dict[str, str]


def read_protected(case: Case) -> Protection | None:
    """The protection of ``case`` kept in its folder, or None when ``case`` is not the
    folder's tables as read, or nothing valid is kept."""
    folder, key = _folder_key(case)
    if folder is None:
        return None
    try:
        stored = json.loads((folder / CACHE_DIR / "ids.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    ids, possible = stored.get("ids"), stored.get("possible")
    if (
        not isinstance(ids, list)
        or not all(isinstance(i, str) for i in ids)
        or not isinstance(possible, dict)
        or not all(isinstance(v, str) for v in possible.values())
    ):
        log.warning("protection cache in %s is malformed; computing it again", folder)
        return None
    return Protection(frozenset(ids), possible)


def write_protected(case: Case, kept: Protection) -> None:
    """Keep ``kept`` (the protection of ``case``) in its folder, when ``case`` holds the
    folder's tables; a read-only folder only logs a warning."""
    folder, key = _folder_key(case)
    if folder is None:
        return
    record = {"key": key, "ids": sorted(kept.ids), "possible": dict(kept.possible)}
    keep_beside(folder, "ids.json", json.dumps(record) + "\n", "the protected set")


def keep_beside(folder: Path, name: str, text: str, what: str) -> None:
    """Write ``text`` to ``folder/protection/name`` whole or not at all (a temporary file
    renamed over it); a read-only case folder only logs a warning naming ``what``."""
    target = folder / CACHE_DIR
    tmp = target / f"{name}.{os.getpid()}.tmp"
    try:
        target.mkdir(exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target / name)
    except OSError as exc:  # a read-only case folder: not kept
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("cannot keep %s in %s: %s", what, folder, exc)


def folder_key(case: Case) -> tuple[Path | None, dict[str, Any] | None]:
    """(the folder ``case`` was read from, the key of what is kept of it beside the
    case), or (None, None) when ``case`` is not that folder's tables as read."""
    return _folder_key(case)


def _folder_key(case: Case) -> tuple[Path | None, dict[str, Any] | None]:
    """(the folder ``case`` was read from, the key of its protected set), or (None, None)
    when ``case`` is not that folder's tables as read (changed in memory, redacted, or
    the folder written since)."""
    from linkgraph._casefs import manifest_digest
    from linkgraph.model import folder_version

    if not case.tables_as_read(_UPSTREAM):
        return None, None
    folder = Path(case.origin.path)  # type: ignore[union-attr]
    before = (manifest_digest(folder), folder_version(folder))
    if before[0] != case.origin.digest:  # type: ignore[union-attr]
        return None, None
    if case.origin.version is not None and before[1] != case.origin.version:  # type: ignore[union-attr]
        return None, None
    key = _key(case, folder)
    if before != (manifest_digest(folder), folder_version(folder)):
        return None, None  # written while its tables were hashed
    return folder, key


def _key(case: Case, folder: Path) -> dict[str, Any]:
    """What the protected set depends on: the tables' hashes, the learnt model, the
    pseudonym key (by a keyed digest, never the key) and the cache format."""
    from linkgraph.model import LEGACY_DECISIONS_KEY, file_sha256
    from linkgraph.resolve.explain import MODEL_KEY

    tables = {}
    for name in _UPSTREAM:
        file = folder / f"{name}.parquet"
        tables[name] = file_sha256(file) if file.is_file() else None
    settings = {k: case.manifest.get(k) for k in (MODEL_KEY, LEGACY_DECISIONS_KEY)}
    settings_text = json.dumps(settings, sort_keys=True, default=str).encode()
    return {
        "format": CACHE_FORMAT,
        "tables": tables,
        "settings": hashlib.sha256(settings_text).hexdigest(),
        "pseudonyms": hmac.new(case.pseudonym_key, b"protection-cache", "sha256").hexdigest(),
    }
