"""Tokens and Bloom-filter encodings against hand-computed references."""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pandas as pd

from linkgraph.share.encoding import (
    canonical_identifier,
    dice,
    encode_segment,
    encoding_settings,
    field_grams,
    tokens,
)
from linkgraph.share.secret import Secret


def test_token_is_hmac_sha256_of_the_canonical_value():
    secret = Secret(b"0123456789abcdef0123")
    # The secret is stretched with scrypt (n=2**15, r=8, p=1) before any key is derived.
    master = hashlib.scrypt(
        secret.value, salt=b"linkgraph-share/2/kdf", n=2**15, r=8, p=1, maxmem=2**27, dklen=32
    )
    key = hmac.new(master, b"linkgraph-share/2/token/phone", hashlib.sha256).digest()
    expected = "t:" + hmac.new(key, b"491512345678", hashlib.sha256).hexdigest()[:32]
    forms = ["+49 151 2345678", "+491512345678", "+49-151-234-5678"]
    got = tokens(secret, "phone", [canonical_identifier("phone", f) for f in forms])
    assert list(got) == [expected] * 3
    other = tokens(Secret(b"another secret of 20b"), "phone", ["491512345678"])
    assert other[0] != expected


def test_dice_of_packed_filters_matches_set_arithmetic():
    rng = np.random.default_rng(1)
    bits = rng.random((50, 256)) < 0.3
    a, b = np.packbits(bits[:25], axis=1), np.packbits(bits[25:], axis=1)
    got = dice(a, b)
    for i in range(25):
        sa, sb = set(np.flatnonzero(bits[i])), set(np.flatnonzero(bits[25 + i]))
        assert abs(got[i] - 2 * len(sa & sb) / (len(sa) + len(sb))) < 1e-12


def test_unhardened_filter_sets_the_double_hashing_positions():
    settings = encoding_settings("none")
    seg = next(s for s in settings.segments if s.name == "given")
    packed, present = encode_segment(
        Secret(b"x" * 16), settings, seg, {"given": np.array(["ana", ""], dtype=object)}
    )
    expected = set()
    for gram in field_grams("given", "ana"):
        h1 = int.from_bytes(hashlib.sha1(gram.encode()).digest(), "big")
        h2 = int.from_bytes(hashlib.md5(gram.encode()).digest(), "big")
        expected |= {(h1 + i * h2) % seg.bits for i in range(seg.hashes)}
    assert set(np.flatnonzero(np.unpackbits(packed[0])[: seg.bits])) == expected
    assert list(present) == [True, False]


def test_hardened_filters_are_balanced_and_keep_similarity_order():
    settings = encoding_settings("default")
    seg = settings.segments[0]
    names = np.array(["ivan petrenko", "ivan petrenka", "maria popescu"], dtype=object)
    packed, _ = encode_segment(Secret(b"k" * 32), settings, seg, {"name": names})
    ones = np.unpackbits(packed, axis=1).sum(axis=1)
    assert (ones == settings.stored_bits(seg) // 2).all()  # balanced: same weight for all
    sims = dice(packed[[0, 0]], packed[[1, 2]])
    assert sims[0] > sims[1]
    assert pd.notna(sims).all()
