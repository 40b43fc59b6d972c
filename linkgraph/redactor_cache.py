"""The victims' redactor of a case, kept beside it: :func:`linkgraph.redact.case_redactor`
of a case read from its folder is built once per version of the tables it depends on.

Building it (every spelling of every victim's name, her phones, documents, addresses,
dates of birth, the names of the sources she is in) costs a few tenths of a CPU-second
on the sample case, and every command that prints case data (`explain`, `ego`, `path`,
`mentions`) needs it. It is written to ``CASE_DIR/protection/redactor.json`` under the
key of the protected set (:mod:`linkgraph.protection_cache`: the tables' SHA-256, the
learnt model, the pseudonym key), with a digest of the code that builds it, and read
back only while both are those recorded: a changed table or a new linkgraph builds it
afresh. What the file holds is no more than the case's own tables hold (the victims'
names are in ``mentions.parquet``); a file that does not decode to a redactor is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkgraph.protection_cache import CACHE_DIR, folder_key, keep_beside

if TYPE_CHECKING:
    from linkgraph.model import Case
    from linkgraph.redact import Redactor

log = logging.getLogger(__name__)

#: Bump when the file's layout changes.
REDACTOR_FORMAT = 2
FILE_NAME = "redactor.json"
#: The modules whose code decides what the redactor holds (their text is in the key).
_BUILT_BY = ("redact.py", "privacy.py", "protection_cache.py", "schema.py", "resolve/nicknames.py",
             "skeleton.py", "text.py")  # fmt: skip


def read_redactor(case: Case) -> Redactor | None:
    """The redactor of ``case`` kept in its folder, or None when ``case`` is not the
    folder's tables as read, or nothing valid is kept for them."""
    folder, key = _folder_key(case)
    if folder is None:
        return None
    with _collector_paused():
        try:
            text = (folder / CACHE_DIR / FILE_NAME).read_text(encoding="utf-8")
        except (OSError, ValueError):  # unreadable
            return None
        try:
            # decoded as it is parsed: the parsed JSON (a dict and a list for every
            # container) is never all in memory beside the redactor it is decoded to
            stored = json.loads(text, object_hook=_Decoder())
        except _Malformed:
            stored = {"key": key, "redactor": None}  # (its key unknown: said malformed)
        except (ValueError, RecursionError):  # not JSON, nested too deep
            return None
        del text
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        found = stored.get("redactor")
    from linkgraph.redact import Redactor

    if not isinstance(found, Redactor):
        log.warning("redactor cache in %s is malformed; building it again", folder)
        return None
    return found


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Inside, no cyclic garbage collection (as it was before, after): the millions of
    lists and dicts a large case's file parses into (none in a cycle) set it off again and
    again, each pass over all of them: 8.7 of 9 CPU seconds of parsing a 49 MB file (8,000
    people), 0.6 s without."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_redactor(case: Case, built: Redactor) -> None:
    """Keep ``built`` (the redactor of ``case``) in its folder, when ``case`` holds the
    folder's tables; a read-only folder only logs a warning."""
    folder, key = _folder_key(case)
    if folder is None:
        return
    text = json.dumps({"key": key, "redactor": encode(built)}, ensure_ascii=False) + "\n"
    keep_beside(folder, FILE_NAME, text, "the victims' redactor")


def _folder_key(case: Case) -> tuple[Path | None, dict[str, Any] | None]:
    code = _code_digest()
    folder, key = folder_key(case) if code else (None, None)
    if folder is None or key is None:
        return None, None
    return folder, {**key, "redactor_format": REDACTOR_FORMAT, "code": code}


@functools.cache
def _code_digest() -> str:
    """SHA-256 of the code that builds the redactor (:data:`_BUILT_BY`); "" when it cannot
    be read (nothing is then kept nor read)."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    try:
        for name in _BUILT_BY:
            digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()


def encode(value: Any) -> Any:
    """``value`` (a :class:`~linkgraph.redact.Redactor` and what its fields hold: mappings,
    tuples, frozensets, strings, numbers, None) as JSON data, each container tagged with
    its kind so :func:`decode` gives back an equal value."""
    from linkgraph.redact import Redactor

    if isinstance(value, Redactor):
        return {"R": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, frozenset):
        return {"S": sorted((encode(v) for v in value), key=_order)}
    if isinstance(value, tuple):
        return {"T": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        # In key order, not the order the keys were found in (a set's, which varies
        # between runs): the same redactor is written as the same file.
        return {"M": sorted(([encode(k), encode(v)] for k, v in value.items()), key=_order)}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the redactor cache")


def _order(encoded: Any) -> str:
    """Where an encoded set member or mapping item goes in the file: by its JSON text
    (a key is unique in its mapping, so its item's text starts differently from the
    others')."""
    return json.dumps(encoded, ensure_ascii=False, sort_keys=True)


def decode(data: Any) -> Any:
    """The value :func:`encode` made ``data`` of; TypeError, ValueError or KeyError for
    data it cannot have made."""
    from linkgraph.redact import NO_REDACTION, Redactor

    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError("not an encoded value")
    ((tag, body),) = data.items()
    if tag == "R":
        names = {f.name for f in dataclasses.fields(Redactor)}
        if not isinstance(body, dict) or set(body) != names:
            raise ValueError("not a redactor's fields")
        found = Redactor(**{k: decode(v) for k, v in body.items()})
        return NO_REDACTION if found == NO_REDACTION else found
    if not isinstance(body, list):
        raise ValueError("not an encoded container")
    if tag == "S":
        return frozenset(v if type(v) in _PLAIN else decode(v) for v in body)
    if tag == "T":
        return tuple(v if type(v) in _PLAIN else decode(v) for v in body)
    if tag == "M":
        return {
            (k if type(k) in _PLAIN else decode(k)): (v if type(v) in _PLAIN else decode(v))
            for k, v in body
        }
    raise KeyError(tag)


class _Malformed(Exception):
    """A tagged container of the redactor cache that :func:`encode` cannot have made."""


class _Decoder:
    """``json.loads``'s ``object_hook`` (:meth:`__call__`) that gives :func:`decode`'s
    value of each tagged container as soon as it is parsed (its members already are),
    other objects (the file's record, its key, a redactor's fields) as they are; raises
    :class:`_Malformed` where :func:`decode` raises."""

    def __init__(self) -> None:
        #: the ids of the objects given as they are: no member of a tagged container
        #: (decode refuses them there); each stays in the parsed record, its id not reused
        self.untouched: set[int] = set()

    def __call__(self, obj: dict[str, Any]) -> Any:
        if len(obj) == 1:
            ((tag, body),) = obj.items()
            if tag in ("R", "S", "T", "M"):
                try:
                    return self._container(tag, body)
                except (TypeError, ValueError, KeyError) as exc:
                    raise _Malformed(str(exc)) from exc
        self.untouched.add(id(obj))
        return obj

    def _container(self, tag: str, body: Any) -> Any:
        """The value of the container tagged ``tag`` whose members (in ``body``) are
        decoded."""
        from linkgraph.redact import NO_REDACTION, Redactor

        if tag == "R":
            names = {f.name for f in dataclasses.fields(Redactor)}
            if not isinstance(body, dict) or set(body) != names:
                raise ValueError("not a redactor's fields")
            self._refuse_raw(body.values())
            found = Redactor(**body)
            return NO_REDACTION if found == NO_REDACTION else found
        if not isinstance(body, list):
            raise ValueError("not an encoded container")
        if tag == "M":
            for item in body:
                if not isinstance(item, list) or len(item) != 2:
                    raise ValueError("not a mapping's item")
                self._refuse_raw(item)
            return dict(body)
        self._refuse_raw(body)
        return frozenset(body) if tag == "S" else tuple(body)

    def _refuse_raw(self, values: Iterable[Any]) -> None:
        """ValueError when one of ``values`` is a JSON array, or an object given as it
        is (untagged, or of an unknown tag): :func:`decode` refuses them."""
        for v in values:
            if type(v) is list or (type(v) is dict and id(v) in self.untouched):
                raise ValueError("not an encoded value")


#: What JSON data is as itself (a container is tagged: see :func:`encode`).
_PLAIN = frozenset({str, bool, int, float, type(None)})
