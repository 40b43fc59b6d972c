"""Mention and link ids for millions of rows: a 64-bit hash mixed in numpy, stable anywhere.

An id is ``prefix:`` + 16 hex digits, like :func:`linkgraph.model.stable_id`'s, but the
parts that vary per row are integers (a row number, an item number, the 64 bits of another
id) and are mixed with numpy's wrapping ``uint64`` arithmetic instead of a SHA-256 call per
row (~0.6 µs a row in Python, ~40% of a CDR ingest). The text parts that are the same for
every row (source, slot, link kind) are hashed once, by SHA-256, into the starting value.

The mix is MurmurHash3's 64-bit finaliser after each part, multiplied by an odd constant:
both steps are bijections of the 64-bit integers, so for one source, slot and item the
rows of a file never share an id (and one link kind's ids never repeat for distinct
``(src, dst)`` with the same ``src``). Everything is defined on integers (big-endian
digest bytes, explicit byte order for the hex digits), so the same input gives the same
ids on every machine, numpy version and run; :func:`hashed_id` is the plain-Python
reference that the tests hold the vectorised code to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

_MASK = (1 << 64) - 1
_M1, _M2 = 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53  # MurmurHash3 fmix64
#: One odd multiplier per varying part, so that swapping two parts changes the id.
_PART = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


def _seed(prefix: str, key: Sequence[str]) -> int:
    # surrogateescape: a file name of bytes that are not UTF-8 (os.fsdecode gives them as
    # lone surrogates) hashes as those bytes.
    text = "\x1f".join([prefix, *key]).encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


def _fmix(h: int) -> int:
    h ^= h >> 33
    h = (h * _M1) & _MASK
    h ^= h >> 33
    h = (h * _M2) & _MASK
    return h ^ (h >> 33)


def hashed_id(prefix: str, key: Sequence[str], *numbers: int) -> str:
    """One id: ``prefix:`` + the hash of the constant text ``key`` and the integers.

    The plain-Python reference of :func:`hashed_ids` (negative numbers are taken modulo
    2**64, as numpy's ``uint64`` takes them).

    Examples:
        >>> hashed_id("m", ["calls.csv", "caller"], 1, 0)
        'm:ceeebe609f4436f1'
    """
    if len(numbers) > len(_PART):
        raise ValueError(f"at most {len(_PART)} varying parts")
    h = _seed(prefix, key)
    for number, mult in zip(numbers, _PART, strict=False):
        h = _fmix(h ^ ((number * mult) & _MASK))
    return f"{prefix}:{h:016x}"


def _fmix_array(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint64(33)
    h *= np.uint64(_M1)
    h ^= h >> np.uint64(33)
    h *= np.uint64(_M2)
    h ^= h >> np.uint64(33)
    return h


_HEX2 = np.frombuffer("".join(f"{i:02x}" for i in range(256)).encode(), dtype=np.uint16)


def hashed_ids(prefix: str, key: Sequence[str], *numbers: np.ndarray) -> pd.Series:
    """:func:`hashed_id` for many rows: one id per element of the integer arrays.

    Returns a pandas "string" series (default index), Arrow-backed.
    """
    return id_text(prefix, hashed_bits(prefix, key, *numbers))


def hashed_bits(prefix: str, key: Sequence[str], *numbers: np.ndarray) -> np.ndarray:
    """The 64 bits (``uint64``) of each id :func:`hashed_ids` gives, which is
    ``id_text(prefix, hashed_bits(...))``; :func:`id_bits` of those ids gives them back, so
    ids derived from these (a link's, from its ends) need not parse the text again."""
    if len(numbers) > len(_PART):
        raise ValueError(f"at most {len(_PART)} varying parts")
    n = len(numbers[0]) if numbers else 1
    h = np.full(n, _seed(prefix, key), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for number, mult in zip(numbers, _PART, strict=False):
            part = np.asarray(number).astype(np.int64, copy=False).view(np.uint64)
            h = _fmix_array(h ^ (part * np.uint64(mult)))
    return h


def id_text(prefix: str, h: np.ndarray) -> pd.Series:
    """``prefix:`` + 16 lower-case hex digits of each value, built as Arrow buffers."""
    n = len(h)
    head = f"{prefix}:".encode()
    digits = h.astype(">u8").view(np.uint8).reshape(n, 8)  # big-endian: most significant first
    width = len(head) + 16
    if len(head) % 2 == 0:
        # Two bytes at a time ("m:" and each byte's two hex digits): the digits are
        # gathered straight into their place, without a copy of them byte by byte.
        pairs = np.empty((n, width // 2), dtype=np.uint16)
        pairs[:, : len(head) // 2] = np.frombuffer(head, dtype=np.uint16)
        pairs[:, len(head) // 2 :] = _HEX2[digits]
        out = pairs.view(np.uint8)
    else:
        out = np.empty((n, width), dtype=np.uint8)
        out[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
        out[:, len(head) :] = _HEX2[digits].view(np.uint8).reshape(n, 16)
    offsets = np.arange(0, width * n + 1, width, dtype=np.int64)
    ids = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(out))
    return pd.Series(pd.arrays.ArrowStringArray(ids), dtype="string")


_NIBBLE = np.full(256, 255, dtype=np.uint8)
_NIBBLE[np.frombuffer(b"0123456789", dtype=np.uint8)] = np.arange(10)
_NIBBLE[np.frombuffer(b"abcdef", dtype=np.uint8)] = np.arange(10, 16)


def id_bits(ids: pd.Series | pa.Array) -> np.ndarray:
    """The 64 bits of each id (``uint64``), to mix into ids derived from it.

    An id of the form ``prefix:`` + 16 lower-case hex digits gives the number those digits
    write; anything else (an id from elsewhere, a missing one) the first 8 bytes of the
    SHA-256 of its text, so every value has bits that depend on it alone.

    Examples:
        >>> id_bits(pd.Series(["m:00000000000000ff", "e:0000000000000010"])).tolist()
        [255, 16]
    """
    arr = ids if isinstance(ids, pa.Array | pa.ChunkedArray) else pa.array(pd.Series(ids).array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    n = len(arr)
    out = np.zeros(n, dtype=np.uint64)
    if n == 0:
        return out
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = arr.buffers()[2]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    if not arr.null_count and lengths.min() == lengths.max() >= 18:
        # All ids of one width (the usual case: mention ids): the digits are a column of
        # a byte matrix, two hex digits make a byte, eight bytes a big-endian integer.
        width = int(lengths[0])
        block = raw[offsets[0] : offsets[-1]].reshape(n, width)
        nibbles = _NIBBLE[block[:, width - 16 :]]
        if (nibbles != 255).all() and (block[:, width - 17] == ord(":")).all():
            pairs = (nibbles[:, 0::2] << 4) | nibbles[:, 1::2]
            return np.ascontiguousarray(pairs).view(">u8").ravel().astype(np.uint64)
    ok = (lengths >= 18) & np.asarray(arr.is_valid(), dtype=bool)
    if ok.any():
        # The 16 digits are the last 16 bytes; the byte before them must be ":".
        ends = offsets[1:][ok]
        where = ends[:, None] - 16 + np.arange(16)
        nibbles = _NIBBLE[raw[where]]
        ok_rows = (nibbles != 255).all(axis=1) & (raw[ends - 17] == ord(":"))
        value = np.zeros(len(ends), dtype=np.uint64)
        for i in range(16):
            value = (value << np.uint64(4)) | nibbles[:, i].astype(np.uint64)
        idx = np.flatnonzero(ok)
        out[idx[ok_rows]] = value[ok_rows]
        ok[idx[~ok_rows]] = False
    for i in np.flatnonzero(~ok).tolist():
        value_i = arr[i].as_py()
        text = b"" if value_i is None else str(value_i).encode("utf-8")
        out[i] = int.from_bytes(hashlib.sha256(text).digest()[:8], "big")
    return out


def id_bits_of(value: str | None) -> int:
    """:func:`id_bits` of one id, in plain Python (the tests' reference)."""
    text = "" if value is None else value
    head, _, digits = text.rpartition(":")
    if head and len(digits) == 16 and all(c in "0123456789abcdef" for c in digits):
        return int(digits, 16)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
