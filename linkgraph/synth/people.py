"""A fast, vectorised person list with planted noisy duplicates (the ``people`` preset)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.synth._names import (
    CITIES,
    COUNTRIES,
    CYRILLIC,
    EMAIL_DOMAINS,
    STREETS,
    VARIANT_KINDS,
    name_pool,
)

#: Columns of :func:`people_table`, in order (the ``people`` preset's columns + ``true_id``).
PEOPLE_COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "full_name",
    "dob",
    "sex",
    "address",
    "city",
    "postcode",
    "country",
    "phone",
    "email",
    "id_number",
    "nationality",
    "true_id",
)

COUNTRY_NAMES = {
    "UA": "Ukraine",
    "MD": "Moldova",
    "RO": "Romania",
    "BG": "Bulgaria",
    "RS": "Serbia",
    "NG": "Nigeria",
    "DE": "Germany",
    "NL": "Netherlands",
    "IT": "Italy",
    "GB": "United Kingdom",
}

_CODES = np.array(list(COUNTRIES), dtype=object)
_KIND = {k: i for i, k in enumerate(VARIANT_KINDS)}
_EPOCH = np.datetime64("1955-01-01")


def _pick(rng: np.random.Generator, choices: list[int], probs: list[float], n: int) -> np.ndarray:
    return rng.choice(np.array(choices), size=n, p=np.array(probs) / sum(probs))


def _str(values: np.ndarray | pd.Series) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _pad(values: np.ndarray, width: int) -> pd.Series:
    return pd.Series(values).astype(str).str.zfill(width).astype(object)


def format_dates(days: np.ndarray, styles: np.ndarray) -> pd.Series:
    """Dates (days since 1955-01-01) written in one of four styles per row.

    Styles: 0 ``yyyy-mm-dd``, 1 ``dd.mm.yyyy``, 2 ``dd/mm/yyyy``, 3 ``mm/dd/yyyy``.
    """
    dates = pd.DatetimeIndex(_EPOCH + days.astype("timedelta64[D]"))
    y = _pad(dates.year.to_numpy(), 4)
    m = _pad(dates.month.to_numpy(), 2)
    d = _pad(dates.day.to_numpy(), 2)
    out = y + "-" + m + "-" + d
    style = pd.Series(styles)
    out = out.where(style != 1, d + "." + m + "." + y)
    out = out.where(style != 2, d + "/" + m + "/" + y)
    return out.where(style != 3, m + "/" + d + "/" + y)


def national_numbers(rng: np.random.Generator, codes: np.ndarray) -> pd.Series:
    """Random mobile national numbers (no trunk prefix) for each ISO country code."""
    out = pd.Series(np.empty(len(codes), dtype=object))
    for code, (_, length, prefixes, _) in COUNTRIES.items():
        idx = np.flatnonzero(codes == code)
        if idx.size == 0:
            continue
        pre = np.array(prefixes, dtype=object)[rng.integers(0, len(prefixes), idx.size)]
        rest = length - len(prefixes[0])
        digits = _pad(rng.integers(0, 10**rest, idx.size), rest)
        out.iloc[idx] = (_str(pre) + digits).to_numpy()
    return out


def format_phones(national: pd.Series, codes: np.ndarray, styles: np.ndarray) -> pd.Series:
    """Phone numbers written per row in one of four styles.

    Styles: 0 E.164 ``+380671234567``, 1 ``00380 67 123 45 67``, 2 local ``067 123 4567``,
    3 ``+380 67 1234567``.
    """
    cc = _str(np.array([COUNTRIES[c][0] for c in COUNTRIES], dtype=object))
    code_index = {c: i for i, c in enumerate(COUNTRIES)}
    dial = cc.iloc[[code_index[c] for c in codes]].reset_index(drop=True)
    trunk = _str(np.where(codes == "IT", "", "0"))
    nat = national.reset_index(drop=True)
    a, b, c, d = nat.str[:2], nat.str[2:5], nat.str[5:7], nat.str[7:]
    style = pd.Series(styles)
    out = "+" + dial + nat
    out = out.where(style != 1, "00" + dial + " " + a + " " + b + " " + c + " " + d)
    out = out.where(style != 2, trunk + a + " " + b + " " + nat.str[5:])
    return out.where(style != 3, "+" + dial + " " + a + " " + nat.str[2:])


def _names(
    rng: np.random.Generator, codes: np.ndarray, female: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Indices into the given-name and family-name pools of each row's country and sex."""
    given = np.zeros(len(codes), dtype=np.int64)
    family = np.zeros(len(codes), dtype=np.int64)
    for code in COUNTRIES:
        for fem in (False, True):
            idx = np.flatnonzero((codes == code) & (female == fem))
            if idx.size == 0:
                continue
            g = name_pool(code, "female" if fem else "male")
            f = name_pool(code, "family_f" if fem else "family")
            given[idx] = rng.choice(len(g.weights), size=idx.size, p=g.weights)
            family[idx] = rng.choice(len(f.weights), size=idx.size, p=f.weights)
    return given, family


def _variants(
    codes: np.ndarray,
    female: np.ndarray,
    given: np.ndarray,
    family: np.ndarray,
    given_kind: np.ndarray,
    family_kind: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The spelling of each row's given and family name under the chosen variant kinds."""
    g_out = np.empty(len(codes), dtype=object)
    f_out = np.empty(len(codes), dtype=object)
    for code in COUNTRIES:
        for fem in (False, True):
            idx = np.flatnonzero((codes == code) & (female == fem))
            if idx.size == 0:
                continue
            g = name_pool(code, "female" if fem else "male").variants
            f = name_pool(code, "family_f" if fem else "family").variants
            g_out[idx] = g[given[idx], given_kind[idx]]
            f_out[idx] = f[family[idx], family_kind[idx]]
    return g_out, f_out


def people_table(n: int, *, seed: int = 0, duplicate_rate: float = 0.3) -> pd.DataFrame:
    """A person list of ``n`` rows, ``duplicate_rate`` of them noisy duplicates of others.

    Names come from per-country pools (Ukraine, Moldova, Romania, Bulgaria, Serbia, Nigeria,
    Germany, Netherlands, Italy, United Kingdom) with a Zipf frequency skew, so common
    surnames are common and blocking meets realistic block sizes. Duplicates carry the noise
    that case exports show: typos, other transliterations, Cyrillic spellings, nicknames,
    "FAMILY, Given" order, missing fields, other date and phone formats, moved addresses and
    new phones. Everything is numpy-vectorised over precomputed name variants: a million
    rows take a few seconds.

    Args:
        n: number of rows.
        seed: seed of the numpy Generator; the same seed gives the same table.
        duplicate_rate: share of rows that are duplicates of another row's person.

    Returns:
        DataFrame with the ``people`` preset columns ``record_id, given_name, family_name,
        full_name, dob, sex, address, city, postcode, country, phone, email, id_number,
        nationality`` (strings, missing values as ``<NA>``) and ``true_id``, the planted
        person each row describes. Rows are shuffled.

    Examples:
        >>> df = people_table(1000, seed=1)
        >>> len(df), df["true_id"].nunique()
        (1000, 700)
    """
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if not 0 <= duplicate_rate < 1:
        raise ValueError("duplicate_rate must be in [0, 1)")
    rng = np.random.default_rng(seed)
    n_dup = round(n * duplicate_rate)
    n_orig = n - n_dup
    if n_orig == 0:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in PEOPLE_COLUMNS})

    # -- the true people ----------------------------------------------------------------
    shares = np.array([v[3] for v in COUNTRIES.values()])
    nationality = _CODES[rng.choice(len(_CODES), size=n_orig, p=shares / shares.sum())]
    # most live where they come from; a share of the origin-country people live abroad
    abroad = rng.random(n_orig) < 0.15
    residence = np.where(
        abroad, rng.choice(np.array(["DE", "NL", "IT", "GB"], dtype=object), n_orig), nationality
    )
    female = rng.random(n_orig) < 0.5
    given, family = _names(rng, nationality, female)
    dob = rng.integers(0, 365 * 50, n_orig)
    national = national_numbers(rng, residence).to_numpy()
    city = rng.integers(0, 4, n_orig)
    street = rng.integers(0, 4, n_orig)
    house = rng.integers(1, 180, n_orig)
    postfix = rng.integers(0, 1000, n_orig)
    id_number = (
        _str(np.array(list("ABCEHKMPTX"), dtype=object)[rng.integers(0, 10, n_orig)])
        + _str(np.array(list("ABCEHKMPTX"), dtype=object)[rng.integers(0, 10, n_orig)])
        + _pad(rng.integers(0, 10**7, n_orig), 7)
    ).to_numpy()
    has_id = rng.random(n_orig) < 0.7
    has_email = rng.random(n_orig) < 0.6
    domain = np.array(EMAIL_DOMAINS, dtype=object)[rng.integers(0, len(EMAIL_DOMAINS), n_orig)]
    email_no = rng.integers(1, 99, n_orig)

    # -- rows: each original once, then duplicates of random originals ------------------
    src = np.concatenate([np.arange(n_orig), rng.integers(0, n_orig, n_dup)])
    dup = np.arange(n) >= n_orig
    nat, res, fem = nationality[src], residence[src], female[src]
    cyr = np.isin(nat, list(CYRILLIC))

    kinds = [_KIND[k] for k in VARIANT_KINDS]
    # originals: canonical, a few in their own script; duplicates: the full noise model
    g_kind = np.where(dup, _pick(rng, kinds, [50, 0, 14, 6, 8, 8, 8, 6], n), 0)
    f_kind = np.where(dup, _pick(rng, kinds, [62, 0, 12, 6, 0, 7, 7, 6], n), 0)
    native = (rng.random(n) < np.where(dup, 0.2, 0.08)) & cyr
    g_kind = np.where(native, _KIND["native"], g_kind)
    f_kind = np.where(native, _KIND["native"], f_kind)
    # the script is a property of the whole row: both names native, or neither
    g_name, f_name = _variants(nat, fem, given[src], family[src], g_kind, f_kind)
    g_s, f_s = _str(g_name), _str(f_name)

    order = _pick(rng, [0, 1, 2, 3], [70, 15, 10, 5], n)
    order = np.where(dup, order, 0)
    full = g_s + " " + f_s
    full = full.where(order != 1, f_s.str.upper() + ", " + g_s)
    full = full.where(order != 2, f_s + " " + g_s)
    full = full.where(order != 3, (g_s + " " + f_s).str.upper())
    split_missing = dup & (rng.random(n) < 0.15)
    swapped = dup & (rng.random(n) < 0.03)
    given_col = g_s.where(~swapped, f_s).where(~split_missing, None)
    family_col = f_s.where(~swapped, g_s).where(~split_missing, None)
    full = full.where(~(dup & ~split_missing & (rng.random(n) < 0.2)), None)

    # dates: originals ISO; duplicates in agency styles, some with day and month swapped
    days = dob[src].copy()
    styles = np.where(dup, _pick(rng, [0, 1, 2, 3], [50, 25, 15, 10], n), 0)
    dob_s = format_dates(days, styles)
    swap_dm = dup & (rng.random(n) < 0.03)
    if swap_dm.any():
        alt = format_dates(days, np.where(styles == 3, 2, 3))
        dob_s = dob_s.where(~swap_dm, alt)
    dob_s = dob_s.where(~(dup & (rng.random(n) < 0.1)), None)

    # phones: some duplicates carry a new number (people change phones)
    nat_no = _str(national[src])
    new_phone = dup & (rng.random(n) < 0.1)
    if new_phone.any():
        nat_no[new_phone] = national_numbers(rng, res[new_phone]).to_numpy()
    p_style = np.where(dup, _pick(rng, [0, 1, 2, 3], [40, 20, 30, 10], n), 0)
    phone = format_phones(nat_no, res, p_style)
    phone = phone.where(~(dup & (rng.random(n) < 0.15)), None)

    # places
    city_idx = city[src].copy()
    moved = dup & (rng.random(n) < 0.1)
    city_idx[moved] = rng.integers(0, 4, int(moved.sum()))
    street_idx = np.where(moved, rng.integers(0, 4, n), street[src])
    house_no = np.where(moved, rng.integers(1, 180, n), house[src])
    city_latin = np.empty(n, dtype=object)
    city_native = np.empty(n, dtype=object)
    postcode = np.empty(n, dtype=object)
    address = np.empty(n, dtype=object)
    for code in COUNTRIES:
        idx = np.flatnonzero(res == code)
        if idx.size == 0:
            continue
        cities = CITIES[code]
        ci = city_idx[idx] % len(cities)
        city_latin[idx] = np.array([c[0] for c in cities], dtype=object)[ci]
        city_native[idx] = np.array([c[1] for c in cities], dtype=object)[ci]
        pre = _str(np.array([c[2] for c in cities], dtype=object)[ci])
        postcode[idx] = (pre + _pad(postfix[src][idx], 3)).str[:5].to_numpy()
        streets = np.array(STREETS[code], dtype=object)[street_idx[idx] % len(STREETS[code])]
        address[idx] = (_str(streets) + " " + _str(house_no[idx]).astype(str)).to_numpy()
    city_s = _str(city_latin).where(~(native & dup), _str(city_native))
    city_s = city_s.where(~(dup & (rng.random(n) < 0.1)), None)
    address_s = _str(address)
    address_s = address_s.where(~(dup & (rng.random(n) < 0.1)), address_s.str.upper())
    address_s = address_s.where(~(dup & (rng.random(n) < 0.2)), None)
    postcode_s = _str(postcode).where(~(dup & (rng.random(n) < 0.3)), None)
    country_s = _str(res)
    country_s = country_s.where(
        ~(dup & (rng.random(n) < 0.15)), country_s.map(COUNTRY_NAMES).astype(object)
    )
    country_s = country_s.where(~(dup & (rng.random(n) < 0.1)), None)

    # contact and documents
    g_fold = _str(name_pool_folds(nat, fem, given[src], family[src], 0))
    f_fold = _str(name_pool_folds(nat, fem, given[src], family[src], 1))
    email = g_fold + "." + f_fold + _str(email_no[src]).astype(str) + "@" + _str(domain[src])
    email = email.str.replace(" ", "", regex=False)
    keep_email = has_email[src] & ~(dup & (rng.random(n) < 0.4))
    email = email.where(keep_email, None)
    ids = _str(id_number[src]).where(has_id[src] & ~(dup & (rng.random(n) < 0.5)), None)
    nat_s = _str(nat).where(~(dup & (rng.random(n) < 0.2)), None)
    sex = _str(np.where(fem, "F", "M"))
    sex = sex.where(~(dup & (rng.random(n) < 0.15)), None)

    perm = rng.permutation(n)
    record_id = "r" + _pad(np.arange(1, n + 1), 7)
    df = pd.DataFrame(
        {
            "record_id": record_id,
            "given_name": given_col.to_numpy()[perm],
            "family_name": family_col.to_numpy()[perm],
            "full_name": full.to_numpy()[perm],
            "dob": dob_s.to_numpy()[perm],
            "sex": sex.to_numpy()[perm],
            "address": address_s.to_numpy()[perm],
            "city": city_s.to_numpy()[perm],
            "postcode": postcode_s.to_numpy()[perm],
            "country": country_s.to_numpy()[perm],
            "phone": phone.to_numpy()[perm],
            "email": email.to_numpy()[perm],
            "id_number": ids.to_numpy()[perm],
            "nationality": nat_s.to_numpy()[perm],
            "true_id": ("p" + _pad(src, 7)).to_numpy()[perm],
        }
    )
    return df.astype("string")


def name_pool_folds(
    codes: np.ndarray, female: np.ndarray, given: np.ndarray, family: np.ndarray, which: int
) -> np.ndarray:
    """Folded (ASCII, lower-case) canonical given (``which=0``) or family (1) names."""
    from linkgraph.text import fold

    out = np.empty(len(codes), dtype=object)
    for code in COUNTRIES:
        for fem in (False, True):
            idx = np.flatnonzero((codes == code) & (female == fem))
            if idx.size == 0:
                continue
            kind = (
                ("female" if fem else "male") if which == 0 else ("family_f" if fem else "family")
            )
            pool = name_pool(code, kind)
            folded = np.array([fold(s).replace(" ", "") for s in pool.latin], dtype=object)
            out[idx] = folded[(given if which == 0 else family)[idx]]
    return out


def write_people_csv(
    path: str | os.PathLike[str], n: int, seed: int = 0, duplicate_rate: float = 0.3
) -> Path:
    """Write :func:`people_table` as UTF-8 CSV (missing values empty); returns the path."""
    from linkgraph._io import atomic_write

    out = Path(path)
    with atomic_write(out) as fh:
        people_table(n, seed=seed, duplicate_rate=duplicate_rate).to_csv(
            fh, index=False, lineterminator="\n"
        )
    return out
