"""Re-identification attacks a bundle is checked against before it leaves.

The attacker holds the bundle and a public list of given names and surnames with their
frequencies (``data/public_names.csv``), but not the secret. Three attacks, each returning
which persons of the bundle it re-identifies (the name it recovers is the one encoded):

- **frequency alignment** (Kuzu, Kantarcioglu, Durham and Malin 2011): the encodings
  sorted by how many persons share them are aligned with the public names sorted by
  frequency;
- **pattern mining** (after Christen, Vidanage, Ranbaduge and Schnell 2018; on a seeded
  sample of 5,000 encodings in large bundles): bit positions that are set in exactly the
  same records are taken for the positions of one q-gram; these
  patterns, sorted by support, are aligned with the public q-grams sorted by frequency, and
  each record is decoded to the public name whose q-grams it best contains;
- **dictionary** (Niedermeyer, Steinmetzer, Kroll and Schnell 2014): with public (unkeyed)
  hash functions the attacker encodes the public names and looks the filters up. Keyed
  hashing makes it impossible without the secret.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from linkgraph.share.bundle import Bundle
from linkgraph.share.encoding import EncodingSettings, Secret, encode_segment, field_grams

_NAME_FIELDS = frozenset({"name", "given", "family"})
_COMBOS_GIVEN = 300
_COMBOS_FAMILY = 1500
_MINING_SAMPLE = 5000


def public_names() -> pd.DataFrame:
    """The shipped public name-frequency list: ``kind`` (given, family), ``name`` (folded
    transliteration skeleton), ``frequency`` (share within its kind).

    It is built from the name pools of ``linkgraph synth`` (national frequency rankings
    with Zipf weights), so on synthetic cases the attacker knows the true distribution: the
    strongest case for the attacker.
    """
    with resources.files("linkgraph.share").joinpath("data/public_names.csv").open("rb") as fh:
        return pd.read_csv(fh, dtype={"kind": str, "name": str, "frequency": float})


def _candidates(fields: tuple[str, ...], public: pd.DataFrame) -> pd.DataFrame:
    """Plain values an attacker expects in a segment, with their expected frequency."""
    given = public[public["kind"] == "given"]
    family = public[public["kind"] == "family"]
    if fields == ("given",):
        return given[["name", "frequency"]].reset_index(drop=True)
    if fields == ("family",):
        return family[["name", "frequency"]].reset_index(drop=True)
    g = given.nlargest(_COMBOS_GIVEN, "frequency")
    f = family.nlargest(_COMBOS_FAMILY, "frequency")
    gn = np.repeat(g["name"].to_numpy(dtype=object), len(f))
    fn = np.tile(f["name"].to_numpy(dtype=object), len(g))
    freq = np.repeat(g["frequency"].to_numpy(), len(f)) * np.tile(f["frequency"].to_numpy(), len(g))
    names = [" ".join(sorted((a, b))) for a, b in zip(gn, fn, strict=True)]
    out = pd.DataFrame({"name": names, "frequency": freq})
    return (
        out.groupby("name", as_index=False)["frequency"]
        .sum()
        .sort_values(["frequency", "name"], ascending=[False, True], ignore_index=True)
    )


def _name_segments(settings: EncodingSettings) -> list:  # type: ignore[type-arg]
    return [s for s in settings.segments if set(s.fields) <= _NAME_FIELDS]


def _true_values(records: pd.DataFrame, fields: tuple[str, ...]) -> np.ndarray:
    return records[fields[0]].astype(str).to_numpy(dtype=object)


def frequency_attack(bundle: Bundle, records: pd.DataFrame, public: pd.DataFrame) -> np.ndarray:
    """Persons (bundle pids) whose encoded name the frequency alignment recovers."""
    pids = bundle.persons["pid"].to_numpy(dtype=object)
    hit = np.zeros(len(pids), dtype=bool)
    for seg in _name_segments(bundle.settings):
        present = bundle.persons[f"has_{seg.name}"].to_numpy(bool)
        enc = bundle.persons[f"seg_{seg.name}"].to_numpy(dtype=object)
        frame = pd.DataFrame({"enc": enc[present], "pid": pids[present]})
        counts = frame.groupby("enc")["pid"].nunique().sort_values(ascending=False, kind="stable")
        cands = _candidates(seg.fields, public)
        k = min(len(counts), len(cands))
        guess = pd.Series(cands["name"].to_numpy(dtype=object)[:k], index=counts.index[:k])
        guessed = guess.reindex(enc).to_numpy(dtype=object)
        truth = _true_values(records, seg.fields)
        hit |= present & (guessed == truth)
    return _per_person(pids, hit)


def _gram_frequencies(cands: pd.DataFrame, fieldname: str) -> pd.Series:
    rows = []
    for name, freq in zip(cands["name"], cands["frequency"], strict=True):
        for g in set(field_grams(fieldname, name)):
            rows.append((g, freq))
    df = pd.DataFrame(rows, columns=["gram", "frequency"])
    return df.groupby("gram")["frequency"].sum().sort_values(ascending=False, kind="stable")


def pattern_mining_attack(
    bundle: Bundle, records: pd.DataFrame, public: pd.DataFrame
) -> np.ndarray:
    """Persons whose encoded name the pattern-mining attack recovers (see module doc)."""
    pids = bundle.persons["pid"].to_numpy(dtype=object)
    hit = np.zeros(len(pids), dtype=bool)
    for seg in _name_segments(bundle.settings):
        present = bundle.persons[f"has_{seg.name}"].to_numpy(bool)
        rows = np.flatnonzero(present)
        if len(rows) > _MINING_SAMPLE:  # decoding is a Python loop: a seeded sample
            rows = np.sort(np.random.default_rng(0).choice(rows, _MINING_SAMPLE, replace=False))
        if len(rows) < 2:
            continue
        bits = np.unpackbits(bundle.filters(seg.name)[rows], axis=1).astype(bool)
        support = bits.sum(axis=0)
        usable = (support >= 2) & (support < len(rows))
        col_keys = np.packbits(bits, axis=0).T  # one byte string per column
        keys = pd.Series([c.tobytes() for c in col_keys])
        groups = pd.DataFrame({"key": keys, "col": np.arange(bits.shape[1]), "support": support})
        groups = groups[usable]
        sizes = groups.groupby("key")["col"].transform("size")
        groups = groups[sizes >= 2]
        if groups.empty:
            continue
        patterns = (
            groups.groupby("key")
            .agg(col=("col", "first"), support=("support", "first"))
            .sort_values(["support", "col"], ascending=[False, True])
        )
        cands = _candidates(seg.fields, public)
        fieldname = seg.fields[0]
        gram_freq = _gram_frequencies(cands.head(20_000), fieldname)
        k = min(len(patterns), len(gram_freq))
        pattern_gram = dict(zip(patterns["col"].to_numpy()[:k], gram_freq.index[:k], strict=True))
        # Decode: a record holds the grams whose pattern columns it has set.
        cols = np.array(list(pattern_gram), dtype=np.int64)
        decoded_bits = bits[:, cols]
        gram_names = np.array([pattern_gram[c] for c in cols], dtype=object)
        cand_grams = [set(field_grams(fieldname, n)) for n in cands["name"].head(20_000)]
        index: dict[str, list[int]] = {}
        for i, grams in enumerate(cand_grams):
            for g in grams:
                index.setdefault(g, []).append(i)
        cand_names = cands["name"].to_numpy(dtype=object)
        truth = _true_values(records, seg.fields)
        for r, row in enumerate(rows):
            grams = set(gram_names[decoded_bits[r]])
            if not grams:
                continue
            score: dict[int, int] = {}
            for g in grams:
                for i in index.get(g, ()):
                    score[i] = score.get(i, 0) + 1
            if not score:
                continue
            best = max(score, key=lambda i: (2 * score[i] / (len(grams) + len(cand_grams[i])), -i))
            if cand_names[best] == truth[row]:
                hit[row] = True
    return _per_person(pids, hit)


def dictionary_attack(bundle: Bundle, records: pd.DataFrame, public: pd.DataFrame) -> np.ndarray:
    """Persons whose encoded name is found by encoding the public list (only possible with
    public, unkeyed hashing; nothing is found when the hashing is keyed)."""
    pids = bundle.persons["pid"].to_numpy(dtype=object)
    hit = np.zeros(len(pids), dtype=bool)
    settings = bundle.settings
    if settings.keyed:
        return _per_person(pids, hit)
    # Without a key the permutation key is unknown too: the attacker uses a guessed one,
    # which only matters when balancing is on.
    guess = Secret(b"attacker does not know the secret")
    for seg in _name_segments(settings):
        cands = _candidates(seg.fields, public).head(50_000)
        values = {f: cands["name"].to_numpy(dtype=object) for f in seg.fields}
        packed, _ = encode_segment(guess, settings, seg, values)
        lookup = pd.Series(
            cands["name"].to_numpy(dtype=object), index=[p.tobytes() for p in packed]
        )
        lookup = lookup[~lookup.index.duplicated()]
        enc = bundle.persons[f"seg_{seg.name}"].to_numpy(dtype=object)
        present = bundle.persons[f"has_{seg.name}"].to_numpy(bool)
        found = lookup.reindex(enc).to_numpy(dtype=object)
        hit |= present & (found == _true_values(records, seg.fields))
    return _per_person(pids, hit)


def _per_person(pids: np.ndarray, hit: np.ndarray) -> np.ndarray:
    """Row hits → one flag per distinct pid (sorted)."""
    frame = pd.DataFrame({"pid": pids, "hit": hit})
    return frame.groupby("pid", sort=True)["hit"].any().to_numpy()


ATTACKS = {
    "frequency alignment": frequency_attack,
    "pattern mining": pattern_mining_attack,
    "dictionary": dictionary_attack,
}


def run_attacks(
    bundle: Bundle, records: pd.DataFrame, public: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every built-in attack on ``bundle`` (``records``: the plain records it encodes, row
    for row). Returns ``attack``, ``persons``, ``reidentified``, ``share``."""
    public = public_names() if public is None else public
    persons = int(bundle.persons["pid"].nunique())
    rows = []
    for name, attack in ATTACKS.items():
        hits = attack(bundle, records, public)
        n = int(hits.sum())
        rows.append(
            {
                "attack": name,
                "persons": persons,
                "reidentified": n,
                "share": n / persons if persons else 0.0,
            }
        )
    return pd.DataFrame(rows)
