"""Keyed tokens for exact identifiers and hardened Bloom-filter encodings of persons.

Tokens: HMAC-SHA-256 of the canonical value under a key per identifier type.

Persons: each *segment* (names; date of birth and sex; address) is a Bloom filter of the
record's q-grams (Schnell, Bachteler and Reiher 2009). With the default hardening
(Christen, Ranbaduge, Vatsalan and Schnell 2019; Schnell and Borgs 2016):

- per-field keyed hashing: every q-gram's bit positions come from HMAC-SHA-256 under a key
  of its own field ("random hashing"), so nobody without the secret can compute a position
  and equal q-grams of different fields do not collide on purpose;
- names of a person go into one filter (given and family name together, order-free), so
  no filter stands for a single given name or surname;
- XOR-folding: the two halves of the filter are XOR-ed, which breaks the column patterns
  that pattern-mining attacks recover q-grams from;
- balancing: the folded filter is joined with its complement and the bits are shuffled by
  a keyed permutation, so every filter has the same number of ones (no length leak);
- salting (optional, ``salt="dob_year"``): the year of birth is hashed with every q-gram,
  so the same name encodes differently in different birth years. Off by default because
  case records rarely carry a year of birth on both sides, and a salt missing on one side
  makes the filters unrelated.

``hardening="none"`` gives the textbook encoding the attacks are shown to break: one
filter per name field, public double hashing (SHA-1 and MD5), no folding, no balancing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.share.secret import Secret, ShareError
from linkgraph.text import fold

#: Identifier-like entity types shared as keyed tokens (everything that is not a person).
TOKEN_TYPES = (
    "phone", "email", "account", "document", "vehicle", "ad", "event", "image",
    "organisation", "address", "location",
)  # fmt: skip


@dataclass(frozen=True)
class Segment:
    """One Bloom filter of a person encoding: which fields go in, its size and hashes."""

    name: str
    fields: tuple[str, ...]
    bits: int
    hashes: int


@dataclass(frozen=True)
class EncodingSettings:
    """How persons are encoded; recorded in the bundle manifest, so the partner encodes alike."""

    hardening: str = "default"
    keyed: bool = True
    xor_fold: bool = True
    balance: bool = True
    salt: str | None = None
    segments: tuple[Segment, ...] = field(
        default_factory=lambda: (
            Segment("name", ("name",), 1024, 20),
            Segment("dob", ("dob", "sex"), 256, 8),
            Segment("address", ("address", "city", "postcode"), 512, 10),
        )
    )

    def stored_bits(self, segment: Segment) -> int:
        """Bits of the filter as stored (after folding and balancing)."""
        bits = segment.bits // 2 if self.xor_fold else segment.bits
        return bits * 2 if self.balance else bits

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for the manifest."""
        out = asdict(self)
        out["segments"] = [asdict(s) for s in self.segments]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EncodingSettings:
        """The settings a manifest recorded."""
        try:
            segments = tuple(
                Segment(s["name"], tuple(s["fields"]), int(s["bits"]), int(s["hashes"]))
                for s in data["segments"]
            )
            return cls(
                hardening=str(data["hardening"]),
                keyed=bool(data["keyed"]),
                xor_fold=bool(data["xor_fold"]),
                balance=bool(data["balance"]),
                salt=data.get("salt"),
                segments=segments,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ShareError(f"the bundle's encoding settings are incomplete: {exc}") from exc


SALTS = ("dob_year",)


def encoding_settings(hardening: str = "default", salt: str | None = None) -> EncodingSettings:
    """The settings for a hardening level: ``"default"`` or ``"none"`` (see module doc)."""
    if salt is not None and salt not in SALTS:
        raise ShareError(f"unknown salt {salt!r}", hint=f"use one of: {', '.join(SALTS)}")
    if hardening == "default":
        return EncodingSettings(salt=salt)
    if hardening == "none":
        return EncodingSettings(
            hardening="none",
            keyed=False,
            xor_fold=False,
            balance=False,
            salt=salt,
            segments=(
                Segment("given", ("given",), 1000, 20),
                Segment("family", ("family",), 1000, 20),
                Segment("dob", ("dob", "sex"), 256, 8),
                Segment("address", ("address", "city", "postcode"), 512, 10),
            ),
        )
    raise ShareError(f"unknown hardening {hardening!r}", hint="use default or none")


# -- exact identifiers ----------------------------------------------------------------


def canonical_identifier(kind: str, value: object) -> str:
    """The form of an identifier both partners hash: E.164 digits for phones, upper-case
    alphanumerics for accounts and documents, lower-case e-mails, folded text otherwise.

    Examples:
        >>> canonical_identifier("phone", "+49 151 2345678")
        '491512345678'
        >>> canonical_identifier("account", "de89 3704 0044 0532 0130 00")
        'DE89370400440532013000'
        >>> canonical_identifier("organisation", "Nova Work Agency LLC")
        'nova work agency llc'
    """
    if value is None or value != value:  # None or NaN
        return ""
    text = str(value).strip()
    if kind == "phone":
        return "".join(ch for ch in text if ch.isdigit())
    if kind in ("account", "document", "vehicle"):
        return "".join(ch for ch in text if ch.isalnum()).upper()
    if kind == "email":
        return text.lower()
    if kind in ("ad", "event", "image"):
        return text
    return fold(text)


def tokens(secret: Secret, kind: str, canonical: Sequence[str]) -> np.ndarray:
    """``"t:"`` + 32 hex digits of HMAC-SHA-256 of each canonical value under the key of
    ``kind``; "" for empty values. Equal values of one kind give equal tokens."""
    key = secret.key(f"token/{kind}")
    values = pd.Series(list(canonical), dtype=object)
    codes, uniques = pd.factorize(values)
    mapped = np.array(
        [
            "t:" + hmac.new(key, str(u).encode("utf-8"), hashlib.sha256).hexdigest()[:32]
            if u
            else ""
            for u in uniques
        ],
        dtype=object,
    )
    if len(mapped) == 0:
        return np.full(len(values), "", dtype=object)
    return mapped[codes]


def person_id(secret: Secret, entity_ids: Sequence[str], case_key: bytes) -> np.ndarray:
    """The pseudonymous id of each local entity in a bundle: ``"p:"`` + 24 hex digits.

    Keyed by the shared secret *and* by ``case_key``, a key of the sharing case that never
    leaves it (derived from :attr:`~linkgraph.model.Case.pseudonym_key`): a partner who
    holds the secret cannot recompute a pid from a guessed entity id (entity ids are
    unkeyed hashes of file, column and row), while the sharing agency's ``reveal`` finds
    the entity behind each pid of its own bundles."""
    if not case_key:
        raise ShareError("a person id needs the case's own key")
    inner = hmac.new(case_key, b"linkgraph-share/person-id", hashlib.sha256).digest()
    key = hmac.new(secret.key("person"), inner, hashlib.sha256).digest()
    return np.array(
        [
            "p:" + hmac.new(key, str(e).encode(), hashlib.sha256).hexdigest()[:24]
            for e in entity_ids
        ],
        dtype=object,
    )


# -- q-grams ----------------------------------------------------------------------------


def _bigrams(token: str) -> list[str]:
    padded = f"_{token}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def field_grams(fieldname: str, value: str) -> list[str]:
    """The q-grams one field value contributes, prefixed by the field.

    Names: padded bigrams of each token (transliterated skeletons, order-free). Date of
    birth: year, month, day, year-month and month-day. Sex: one gram. Address, city and
    postcode: bigrams of the folded text.

    Examples:
        >>> field_grams("name", "ana pop")
        ['name:_a', 'name:an', 'name:na', 'name:a_', 'name:_p', 'name:po', 'name:op', 'name:p_']
        >>> field_grams("dob", "1985-03-02")
        ['dob:y1985', 'dob:m03', 'dob:d02', 'dob:ym1985-03', 'dob:md03-02']
    """
    if not value:
        return []
    if fieldname == "dob":
        parts = value.split("-")
        year = parts[0]
        month = parts[1].zfill(2) if len(parts) > 1 and parts[1] != "00" else ""
        day = parts[2].zfill(2) if len(parts) > 2 and parts[2] != "00" else ""
        grams = [f"y{year}"] if year and year != "0000" else []
        grams += [f"m{month}"] if month else []
        grams += [f"d{day}"] if day else []
        grams += [f"ym{year}-{month}"] if grams and month else []
        grams += [f"md{month}-{day}"] if month and day else []
        return [f"dob:{g}" for g in grams]
    if fieldname == "sex":
        return [f"sex:{value}"]
    if fieldname == "postcode":
        return [f"postcode:{value}", f"postcode:{value[:3]}"]
    out: list[str] = []
    for token in value.split():
        out.extend(f"{fieldname}:{g}" for g in _bigrams(token))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1_000_000)
def _positions_keyed(key: bytes, gram: str, k: int, bits: int) -> np.ndarray:
    """k positions from HMAC-SHA-256(key, counter | gram), 16 bits each (random hashing)."""
    out = b""
    counter = 0
    while len(out) < 2 * k:
        out += hmac.digest(key, f"{counter}|{gram}".encode(), "sha256")
        counter += 1
    return np.frombuffer(out[: 2 * k], dtype="<u2").astype(np.int64) % bits


@lru_cache(maxsize=1_000_000)
def _positions_public(gram: str, k: int, bits: int) -> np.ndarray:
    """Double hashing with SHA-1 and MD5, as in Schnell et al. (2009): public, unkeyed."""
    h1 = int.from_bytes(hashlib.sha1(gram.encode()).digest(), "big")
    h2 = int.from_bytes(hashlib.md5(gram.encode()).digest(), "big")
    return np.array([(h1 + i * h2) % bits for i in range(k)], dtype=np.int64)


def _value_grams(fieldname: str, text: str) -> list[str]:
    """The q-grams of one field value, each prefixed by the value's salt (the text before
    a ``\\x1f``) when it has one."""
    salt, _, value = text.rpartition("\x1f")
    grams = field_grams(fieldname, value)
    return [f"{salt}|{g}" for g in grams] if salt else grams


def _permutation(secret: Secret, segment: str, size: int) -> np.ndarray:
    seed = int.from_bytes(secret.key(f"permutation/{segment}")[:16], "big")
    return np.random.default_rng(seed).permutation(size)


#: Records encoded at a time: the chunk's bit matrix stays small and in cache.
_ENCODE_CHUNK = 8192


def _field_positions(
    secret: Secret,
    settings: EncodingSettings,
    segment: Segment,
    fieldname: str,
    values: np.ndarray,
    salts: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Bit positions of one field of every record, computed once per distinct value.

    Returns:
        Per record: the offset of its positions in the flat array and their number (0 when
        the field is empty); the flat positions (int32); whether the record has a value.
    """
    key = secret.key(f"bloom/{segment.name}/{fieldname}")
    column = pd.Series(values, dtype=object).fillna("").astype(str)
    has = (column != "").to_numpy()
    if salts is not None:
        column = pd.Series(salts, dtype=object).fillna("").astype(str) + "\x1f" + column
    codes, uniques = pd.factorize(column)
    # The q-grams of each distinct value, and the positions of each distinct q-gram once.
    grams = [_value_grams(fieldname, u) for u in uniques]
    lengths = np.array([len(g) for g in grams], dtype=np.int64) * segment.hashes
    gram_codes, distinct = pd.factorize(pd.Series([g for gs in grams for g in gs], dtype=object))
    if len(distinct):
        table = np.stack(
            [
                _positions_keyed(key, g, segment.hashes, segment.bits)
                if settings.keyed
                else _positions_public(g, segment.hashes, segment.bits)
                for g in distinct
            ]
        ).astype(np.int32)
        # Repeated positions are harmless: setting a bit twice sets it once.
        flat = table[gram_codes].reshape(-1)
    else:
        flat = np.empty(0, np.int32)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
    ok = has & (codes >= 0)
    safe = np.where(ok, codes, 0)
    count = np.where(ok, lengths[safe] if len(lengths) else 0, 0)
    start = np.where(ok, offsets[safe] if len(offsets) else 0, 0)
    return start, count, flat, has


def encode_segment(
    secret: Secret,
    settings: EncodingSettings,
    segment: Segment,
    values: dict[str, np.ndarray],
    salts: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Encode one segment of many records.

    Args:
        values: field name → object array of folded values ("" when missing), one per record.
        salts: per-record salt ("" for none), when ``settings.salt`` is set.

    Returns:
        The stored filters as packed bytes (records × stored bits / 8, uint8) and a boolean
        array: whether the record had anything to encode in this segment.
    """
    n = len(next(iter(values.values()))) if values else 0
    fields = [
        _field_positions(secret, settings, segment, f, values[f], salts) for f in segment.fields
    ]
    present = np.zeros(n, dtype=bool)
    for _, count, _, _ in fields:
        present |= count > 0
    stored = settings.stored_bits(segment)
    out = np.zeros((n, (stored + 7) // 8), dtype=np.uint8)
    perm = _permutation(secret, segment.name, stored) if settings.balance else None
    half = segment.bits // 2
    bits = np.zeros((min(n, _ENCODE_CHUNK), segment.bits), dtype=bool)
    # Records go chunk by chunk through one reused bit matrix: the temporaries of 100,000
    # records at once (positions times records) cost more in page faults than in work.
    for lo in range(0, n, _ENCODE_CHUNK):
        hi = min(n, lo + _ENCODE_CHUNK)
        chunk = bits[: hi - lo]
        chunk[:] = False
        flat_bits = chunk.reshape(-1)
        for start, count, flat, _ in fields:
            c = count[lo:hi]
            total = int(c.sum())
            if total == 0:
                continue
            rows = np.repeat(np.arange(hi - lo, dtype=np.int64) * segment.bits, c)
            ends = np.cumsum(c)
            at = np.arange(total, dtype=np.int64) + np.repeat(start[lo:hi] - (ends - c), c)
            flat_bits[rows + flat[at]] = True
        b = chunk
        if settings.xor_fold:
            b = b[:, :half] ^ b[:, half : 2 * half]
        if perm is not None:
            # np.take, not b[:, perm]: fancy indexing of columns is ten times slower.
            b = np.take(np.concatenate([b, ~b], axis=1), perm, axis=1)
        b[~present[lo:hi]] = False
        out[lo:hi] = np.packbits(b, axis=1)
    return out, present


def dice(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dice coefficient of packed filters, row by row (``a`` and ``b`` the same shape)."""
    a64 = _as_words(a)
    b64 = _as_words(b)
    both = np.bitwise_count(a64 & b64).sum(axis=1, dtype=np.int64)
    total = np.bitwise_count(a64).sum(axis=1, dtype=np.int64) + np.bitwise_count(b64).sum(
        axis=1, dtype=np.int64
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 2.0 * both / np.maximum(total, 1), np.nan)


def popcounts(packed: np.ndarray) -> np.ndarray:
    """Number of set bits of each packed filter (row)."""
    return np.bitwise_count(_as_words(packed)).sum(axis=1, dtype=np.int64)


#: Bytes of one gathered block of filters in :func:`dice_indexed` (fits in the L2 cache).
_DICE_BLOCK_BYTES = 1 << 18


def dice_indexed(
    a: np.ndarray, b: np.ndarray, ones_a: np.ndarray, ones_b: np.ndarray,
    ia: np.ndarray, ib: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """Dice coefficient of filters ``a[ia]`` and ``b[ib]`` (packed, as from :func:`words`),
    with each filter's count of ones computed once (:func:`popcounts`).

    The pairs go through in blocks gathered into buffers that are reused, so millions of
    pairs never make a temporary of millions of filters."""
    n = len(ia)
    shared = np.empty(n, dtype=np.int64)
    width = max(a.shape[1], 1)
    block = max(256, _DICE_BLOCK_BYTES // (8 * width))
    buf_a = np.empty((min(n, block), a.shape[1]), dtype=a.dtype)
    buf_b = np.empty_like(buf_a)
    bit_counts = np.empty(buf_a.shape, dtype=np.uint8)
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        m = hi - lo
        x, y, c = buf_a[:m], buf_b[:m], bit_counts[:m]
        np.take(a, ia[lo:hi], axis=0, out=x, mode="clip")  # "clip": no buffered copy
        np.take(b, ib[lo:hi], axis=0, out=y, mode="clip")
        np.bitwise_and(x, y, out=x)
        np.bitwise_count(x, out=c)
        np.sum(c, axis=1, dtype=np.int64, out=shared[lo:hi])
    total = ones_a[ia] + ones_b[ib]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 2.0 * shared / np.maximum(total, 1), np.nan)


def words(packed: np.ndarray) -> np.ndarray:
    """Packed filters as rows of 64-bit words (zero-padded), for fast bit operations."""
    return _as_words(packed)


def _as_words(packed: np.ndarray) -> np.ndarray:
    packed = np.ascontiguousarray(packed)
    if packed.shape[1] % 8:
        pad = np.zeros((packed.shape[0], 8 - packed.shape[1] % 8), dtype=np.uint8)
        packed = np.concatenate([packed, pad], axis=1)
    return packed.view(np.uint64)
