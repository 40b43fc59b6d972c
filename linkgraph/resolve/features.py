"""Person mentions turned into folded, comparable columns (the input of blocking and comparison)."""

from __future__ import annotations

import re
from collections.abc import Callable

import jellyfish
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.resolve.korean import is_family_name as is_korean_family
from linkgraph.resolve.korean import korean_parts
from linkgraph.resolve.nicknames import canonical_given
from linkgraph.resolve.patronymics import split_patronymic
from linkgraph.resolve.transcription import cyrillic_names, keys_of
from linkgraph.resolve.vietnamese import MIDDLE_NAMES, family_in_given_column
from linkgraph.schema import PERSON_IDENTIFIERS, canonical_role
from linkgraph.text import fold, fold_name, fold_name_part

#: Columns of the features frame, all ``object`` arrays of str ("" when missing),
#: except ``dob_y``/``dob_m``/``dob_d`` (int32, 0 when missing). ``phone``, ``email``,
#: ``account`` and ``document`` may hold several values, sorted and joined by ``|``
#: (see :data:`MULTI_VALUED`).
FEATURE_COLUMNS = (
    "given_name",
    "family_name",
    "full_name",
    "given_canon",
    "given_skeleton",
    "family_skeleton",
    "given_phonetic",
    "given_patronymic",
    "family_phonetic",
    "name_joined",
    "dob",
    "dob8",
    "dob_digits",
    "sex",
    "phone",
    "email",
    "account",
    "document",
    "postcode",
    "city",
    "address",
    "nationality",
)

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_SEPARATORS = re.compile(r"[;,|]")
_ADDRESS_WORDS = {
    "street": "st",
    "str": "st",
    "strasse": "st",
    "ulitsa": "ul",
    "ulica": "ul",
    "road": "rd",
    "avenue": "ave",
    "av": "ave",
    "boulevard": "blvd",
    "drive": "dr",
    "place": "pl",
    "lane": "ln",
    "court": "ct",
    "crescent": "cres",
    "circuit": "cct",
    "apartment": "apt",
    "flat": "apt",
    "number": "no",
    "square": "sq",
}


def _is_arrow_text(values: object) -> bool:
    return isinstance(values, pd.Series) and (
        (isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow")
        or (
            isinstance(values.dtype, pd.ArrowDtype)
            and pa.types.is_string(values.dtype.pyarrow_dtype)
        )
    )


def _distinct(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes (one per row) into the distinct values of a column, missing ones as "".
    A column of Arrow strings is encoded in Arrow: no Python string per row."""
    if _is_arrow_text(values):
        encoded = pc.dictionary_encode(_arrow_text(values))
        uniques = np.asarray(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
        codes = pc.fill_null(encoded.indices, len(uniques)).to_numpy(zero_copy_only=False)
        codes = codes.astype(np.int64)
        if encoded.null_count:
            uniques = np.append(uniques, "")
        return codes, uniques
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(series.fillna("").astype(str), sort=False)
    return codes, np.asarray(uniques, dtype=object)


def _map_unique(values: pd.Series | np.ndarray, func: Callable[[str], str]) -> np.ndarray:
    """``func`` applied once per distinct value (names repeat a lot), as an object array."""
    codes, uniques = _distinct(values)
    mapped = np.array([func(u) for u in uniques], dtype=object)
    if len(mapped) == 0:
        return np.full(len(values), "", dtype=object)
    return mapped[codes]


#: The roles on the other side from a victim's (:func:`role_side`).
OFFENDER_ROLES = frozenset({
    "suspect", "recruiter", "trafficker", "smuggler", "pimp", "madam", "controller",
    "guard", "organiser", "coordinator", "financier", "accomplice",
})  # fmt: skip
#: :func:`role_side` of a victim and of a suspect (0: neither, both or unknown).
VICTIM_SIDE, OFFENDER_SIDE = 1, 2


def role_side(role: str) -> int:
    """Which side a mention's ``role`` puts it on: :data:`VICTIM_SIDE` (a victim),
    :data:`OFFENDER_SIDE` (a suspect or a trafficking role), 0 for neither or both.

    >>> role_side("Geschädigte"), role_side("suspect"), role_side("suspect;victim")
    (1, 2, 0)
    """
    canonical = canonical_role(role) if role else None
    roles = set(canonical.split(";")) if canonical else set()
    victim, offender = "victim" in roles, bool(roles & OFFENDER_ROLES)
    if victim == offender:
        return 0
    return VICTIM_SIDE if victim else OFFENDER_SIDE


def _role_sides(mentions: pd.DataFrame) -> np.ndarray:
    """:func:`role_side` of each mention (int8), computed once per distinct role."""
    codes, uniques = _distinct(_col(mentions, "role"))
    if not len(uniques):
        return np.zeros(len(mentions), dtype=np.int8)
    return np.array([role_side(str(u)) for u in uniques], dtype=np.int8)[codes]


def _city_column(mentions: pd.DataFrame) -> np.ndarray:
    """Each mention's city as the folded name of the gazetteer city it names, in any
    script or spelling ("Кишинів", "Chişinău", "Kishinev" -> "chisinau"; the mention's
    country, else nationality, breaking ties), else folded: looked up once per distinct
    city and country (:func:`linkgraph.geo.places.city_keys`)."""
    city_codes, cities = _distinct(_col(mentions, "city"))
    if len(cities) == 0 or not any(cities):
        return _map_unique(_col(mentions, "city"), fold)
    country = _col(mentions, "country").astype(object).to_numpy()
    nationality = _col(mentions, "nationality").astype(object).to_numpy()
    hint = np.where(pd.Series(country).fillna("").astype(str) != "", country, nationality)
    hint_codes, hints = pd.factorize(pd.Series(hint, dtype=object).fillna("").astype(str))
    pair = city_codes.astype(np.int64) * (len(hints) + 1) + hint_codes
    pair_codes, pairs = pd.factorize(pair, sort=False)
    from linkgraph.geo.places import city_keys

    keys = city_keys(
        [cities[p // (len(hints) + 1)] for p in pairs],
        [hints[p % (len(hints) + 1)] or None for p in pairs],
    )
    return np.asarray(keys, dtype=object)[pair_codes]


def _col(mentions: pd.DataFrame, name: str) -> pd.Series:
    """A mention column, "" where missing (Arrow strings stay Arrow strings)."""
    if name in mentions.columns:
        if _is_arrow_text(mentions[name]):
            return mentions[name].fillna("")
        return mentions[name].astype(object).where(mentions[name].notna(), "")
    return pd.Series("", index=mentions.index, dtype=object)


def _phonetic(token: str) -> str:
    """Metaphone of a name, without a leading vowel (Aleksandr / Oleksandr share a key)."""
    if not token:
        return ""
    key = jellyfish.metaphone(token.replace(" ", ""))
    return key[1:] if len(key) > 1 and key[0] in "AEIOU" else key


# Spelling differences of transliterated names (Ukrainian h / Russian g, German w / v,
# -off / -ov, y / i / j, tsh / ch / c, doubled letters): "Hrytsenko", "Gritsenko" and
# "Грыценко" share a skeleton, so the name comparison can see them as close.
_SKELETON_RULES = (
    ("shch", "s"), ("sch", "s"), ("tsch", "c"), ("tsh", "c"), ("tch", "c"), ("ch", "c"),
    ("cz", "c"), ("ts", "c"), ("tz", "c"), ("sh", "s"), ("sz", "s"), ("zh", "j"),
    ("kh", "h"), ("ck", "k"), ("q", "k"), ("ph", "f"), ("w", "v"), ("x", "ks"),
    ("g", "h"), ("y", "i"), ("j", "i"), ("off", "ov"), ("ou", "u"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


def name_skeleton(name: str) -> str:
    """A folded name with transliteration variants unified (for similarity, not identity).

    Examples:
        >>> name_skeleton("hrytsenko"), name_skeleton("gritsenko"), name_skeleton("yuliia")
        ('hricenko', 'hricenko', 'iulia')
    """
    out = name.replace(" ", "")
    for a, b in _SKELETON_RULES:
        out = out.replace(a, b)
    return _DOUBLED.sub(r"\1", out)


_VOWELS_W = re.compile(r"[aeiouyw]+")


def consonant_key(name: str) -> str:
    """A folded name's consonants, doubled letters once, a leading article "l" dropped:
    what a transliteration from Arabic script (which writes no short vowels) and a Latin
    spelling of one name share ("mhmd" / "mohammed", "ywsf" / "yousef", "lhsn" /
    "al-hassan").

    Examples:
        >>> consonant_key("mhmd"), consonant_key("mohammed"), consonant_key("haddad")
        ('mhmd', 'mhmd', 'hd')
        >>> consonant_key("lhsn"), consonant_key("alhassan"), consonant_key("hassan")
        ('hsn', 'hsn', 'hsn')
        >>> consonant_key("darwich"), consonant_key("drwysh"), consonant_key("tarek")
        ('drsh', 'drsh', 'trk')
    """
    name = name.replace(" ", "")
    for latin, arabic in _ARABIC_SPELLINGS:
        name = name.replace(latin, arabic)
    key = _DOUBLED.sub(r"\1", _VOWELS_W.sub("", name))
    return key[1:] if len(key) >= 4 and key[0] == "l" else key


#: Latin spellings of one Arabic letter, as :func:`consonant_key` reads them: ش written
#: "ch" in French ("Darwich" / "Darwish"), ق written "k" ("Tarek" / "Tariq").
_ARABIC_SPELLINGS = (("ch", "sh"), ("q", "k"))
#: Words after the given name that open a patronymic (nasab: "bin Khalid", "bint Omar")
#: or a kunya ("Abu Hassan", "Umm Ali"), in a given name as folded.
_NASAB_WORDS = frozenset({"bin", "ibn", "bint", "abu", "umm"})


def given_without_nasab(given: str) -> str:
    """A folded given name without the patronymic or kunya written after it ("tariq ibn
    khalid", "mostafa abu hassan": "tariq", "mostafa"), as a full name's first word is
    its given name ("مصطفى بن خالد الزهراني": "mstf").

    >>> given_without_nasab("tariq ibn khalid"), given_without_nasab("mostafa abu hassan")
    ('tariq', 'mostafa')
    >>> given_without_nasab("abu bakr"), given_without_nasab("ben")
    ('abu bakr', 'ben')
    """
    words = given.split()
    if len(words) >= 3 and words[1] in _NASAB_WORDS:
        return words[0]
    return given


def vowelless(name: str) -> bool:
    """Whether a folded name of two letters or more has no vowel: read from a script that
    writes none (Arabic, Hebrew), it is to be compared by :func:`consonant_key`."""
    return len(name) >= 2 and not any(ch in "aeiouy" for ch in name)


def joined_names(full_name: str) -> str:
    """The name's tokens as skeletons, joined without spaces: for two tokens the smaller
    of the two orders, for more each cyclic order, ``|``-joined. "Mel Nik Mikola" and
    "Mykola Melnyk" share ``melnikmikola``, so names split, joined or ordered differently
    still meet (in blocking and comparison); "" for a single token.

    Examples:
        >>> joined_names("mel nik mikola")
        'melnikmikola|nikmikolamel|mikolamelnik'
        >>> joined_names("mykola melnyk"), joined_names("ana")
        ('melnikmikola', '')
    """
    tokens = [name_skeleton(t) for t in full_name.split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2:
        return ""
    if len(tokens) == 2:
        return min(tokens[0] + tokens[1], tokens[1] + tokens[0])
    out: list[str] = []
    for i in range(len(tokens)):
        value = "".join(tokens[i:] + tokens[:i])
        if value not in out:
            out.append(value)
    return "|".join(out)


def _joined_column(full: np.ndarray, given_skel: np.ndarray, family_skel: np.ndarray) -> np.ndarray:
    """:func:`joined_names` of every full name: from the given and family skeletons where
    the full name has two tokens (nearly all, vectorised), else name by name."""
    spaces = pd.Series(full, dtype=object).str.count(" ").to_numpy()
    two = (spaces == 1) & (given_skel != "") & (family_skel != "")
    gf = pd.Series(given_skel, dtype=object) + pd.Series(family_skel, dtype=object)
    fg = pd.Series(family_skel, dtype=object) + pd.Series(given_skel, dtype=object)
    out = np.where(gf.to_numpy(dtype=object) <= fg.to_numpy(dtype=object), gf, fg).astype(object)
    out[~two] = ""
    other = ~two & (spaces >= 1)
    if other.any():
        out[other] = _map_unique(pd.Series(full[other], dtype=object), joined_names)
    return out


def _digits_tail(text: str) -> str:
    """The last 9 digits of a phone number: local and international forms agree."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits[-9:] if len(digits) >= 6 else ""


def _digits_tails(values: np.ndarray) -> np.ndarray:
    """:func:`_digits_tail` of many values at once, with Arrow string kernels."""
    digits = pc.replace_substring_regex(pa.array(values, pa.large_string()), r"[^0-9]+", "")
    tail = pc.utf8_slice_codeunits(digits, -9)
    out = pc.if_else(pc.greater_equal(pc.utf8_length(digits), 6), tail, "")
    result = np.asarray(out.to_pylist(), dtype=object)
    # Other scripts' digits (Arabic-Indic, ...) count as digits too: the slow path there.
    for i in np.flatnonzero(~np.asarray(pc.string_is_ascii(pa.array(values, pa.large_string())))):
        result[i] = _digits_tail(values[i])
    return result


def _document(text: str) -> str:
    key = _NON_ALNUM.sub("", text).upper()
    return key if len(key) >= 4 else ""


def _email(text: str) -> str:
    text = text.strip().lower()
    return text if "@" in text else ""


def _address(text: str) -> str:
    tokens = fold(text).split() if text else []
    return " ".join(_ADDRESS_WORDS.get(t, t) for t in tokens)


def _postcode(text: str) -> str:
    return _NON_ALNUM.sub("", text).upper()


def _sex(text: str) -> str:
    t = text.strip().lower()[:1]
    return t.upper() if t in ("m", "f") else ""


def _account(text: str) -> str:
    key = _NON_ALNUM.sub("", text).upper()
    return key if len(key) >= 6 else ""


#: Words that start a family name of several words (De Luca, van der Berg, Al Hassan, bin
#: Salman), kept with it when a full name is split into given and family name.
FAMILY_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "do",
        "del",
        "della",
        "dela",
        "dos",
        "das",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "ab",
        "mac",
        "mc",
        "st",
    ]
)

#: The Arabic definite article, a word of its own once folded ("Al Zahrani", "al-Hashimi",
#: "El-Sayed"): written or left out of one family name by clerk and clerk.
ARABIC_ARTICLES = frozenset({"al", "el"})

#: Words a name's blocking keys leave out (:func:`name_key_words`): the particles that
#: open or join family names (de, van der, dos, y), the Arabic article and the words of a
#: patronymic or kunya (bin, ibn, bint, abu, umm). Not "mac", "mc" or "st": part of the
#: name itself.
NAME_KEY_PARTICLES = (
    (FAMILY_PARTICLES - {"mac", "mc", "st"})
    | ARABIC_ARTICLES
    | _NASAB_WORDS
    | {"ten", "los", "las", "y", "e"}
)


def family_without_article(family: str) -> str:
    """A folded family name without a leading Arabic article (:data:`ARABIC_ARTICLES`):
    the name its skeleton is made of, so "Al Zahrani" and "Zahrani" share one.

    >>> family_without_article("al zahrani"), family_without_article("el sayed")
    ('zahrani', 'sayed')
    >>> family_without_article("al"), family_without_article("alzahrani")
    ('al', 'alzahrani')
    """
    words = family.split()
    if len(words) >= 2 and words[0] in ARABIC_ARTICLES:
        return " ".join(words[1:])
    return family


def name_key_words(part: str) -> list[str]:
    """The words of a folded given or family name that its blocking keys are made of:
    without particles, articles and patronymic words (:data:`NAME_KEY_PARTICLES`), a
    Vietnamese middle name (:data:`~linkgraph.resolve.vietnamese.MIDDLE_NAMES`) before
    another word, and single letters; the name's words as they are when that leaves none.

    >>> name_key_words("al zahrani"), name_key_words("van der berg"), name_key_words("thi huong")
    (['zahrani'], ['berg'], ['huong'])
    >>> name_key_words("ali darwish"), name_key_words("van"), name_key_words("j r")
    (['ali', 'darwish'], ['van'], ['j', 'r'])
    """
    words = part.split()
    kept = [
        w
        for i, w in enumerate(words)
        if len(w) >= 2
        and w not in NAME_KEY_PARTICLES
        and not (w in MIDDLE_NAMES and i < len(words) - 1)
    ]
    return kept or words


#: Single letters written with dots, hyphens or spaces between them ("J.-P.", "A. S.",
#: "J.P.", "J P"): initials, however the letters are cased.
_DOTTED_INITIALS = re.compile(r"\s*(?:[^\W\d_][.\-\s]*){2,3}")
#: Vowels: a word of three capitals without one ("JPM") reads as initials.
_VOWELS = frozenset("aeiouy")


def written_initials(written: str) -> str:
    """The folded letters of a given name written as the initials of a given name of
    several words ("JP", "J.-P.", "J. P." for Jean-Pierre; "AS" for Anne-Sophie), "" for
    any other name. Two or three letters with dots, hyphens or spaces between them, or a
    word of two capitals (of three without a vowel); not a name in lower or mixed case
    ("Al", "Ed", "Ann"). Whether a word in capitals before a full name is initials or a
    family name a register writes so ("LI Wei") is :func:`~linkgraph.resolve.korean.korean_parts`'s.

    >>> [written_initials(w) for w in ("JP", "J.-P.", "J. P.", "A.S.", "j p", "MJK")]
    ['jp', 'jp', 'jp', 'as', 'jp', 'mjk']
    >>> [written_initials(w) for w in ("Al", "Jean", "ANA", "J.", "", "J. Paul")]
    ['', '', '', '', '', '']
    """
    letters = [c for c in written if c.isalpha()]
    if not 2 <= len(letters) <= 3:
        return ""
    folded = "".join(fold_name_part(c) for c in letters)
    if len(folded) != len(letters):
        return ""
    if any(c in ".- " for c in written.strip()):
        return folded if _DOTTED_INITIALS.fullmatch(written) else ""
    if not all(c.isupper() for c in letters):
        return ""
    if len(letters) == 3 and _VOWELS & set(folded):
        return ""
    return folded


def _given_initials(mentions: pd.DataFrame, need: np.ndarray, given: np.ndarray) -> np.ndarray:
    """Per mention, :func:`written_initials` of its given name as written: the given-name
    column, else the full name's first word where that word is the given name read from
    it ("AM Fontaine"; "Fontaine, AM")."""
    column = _col(mentions, "given_name")
    out = _map_unique(column, written_initials)
    unwritten = _map_unique(column, lambda v: "x" if v.strip() else "") == ""
    rows = np.flatnonzero(need & unwritten)
    if len(rows):

        def first_word(name: str) -> str:
            if name.count(",") == 1:  # "Fontaine, AM"
                family, given = name.split(",")
                return (given.split() or [""])[0] if family.strip() else ""
            words = name.split()
            return words[0] if len(words) >= 2 else ""

        words = _map_unique(_col(mentions, "name").iloc[rows], first_word)
        folded = _map_unique(pd.Series(words, dtype=object), fold_name_part)
        got = _map_unique(pd.Series(words, dtype=object), written_initials)
        out = out.copy()
        out[rows] = np.where((got != "") & (folded == given[rows]), got, "")
    return out


def _family_words(full: np.ndarray, given: np.ndarray, family: np.ndarray) -> np.ndarray:
    """Per mention whose given and family names were read from a full name with words
    between them, those words and the family name ("Concepción González Dias":
    "gonzalez dias", two family names, of which the split kept the last); "" for any
    other mention."""

    def between(text: str) -> str:
        g, f, n = text.split("\t")
        words, tail, tokens = g.split(), f.split(), n.split()
        if (
            words
            and tail
            and len(tokens) > len(words) + len(tail)
            and tokens[: len(words)] == words
            and tokens[-len(tail) :] == tail
        ):
            return " ".join(tokens[len(words) :])
        return ""

    return _map_unique(pd.Series(given + "\t" + family + "\t" + full, dtype=object), between)


def _given_word_initials(full: np.ndarray, given: np.ndarray, family: np.ndarray) -> np.ndarray:
    """Per mention, the first letters of the words of its given name, where it has two
    or three ("jp" for Jean-Pierre), "" otherwise. A given name read from a full name
    is every word before the family name ("Anne Sophie Henry": "as"), not its first word
    alone."""

    def initials(text: str) -> str:
        g, f, n = text.split("\t")
        words = g.split()
        tokens, tail = n.split(), f.split()
        if (
            words
            and tail
            and len(tokens) > len(words) + len(tail)
            and tokens[: len(words)] == words
            and tokens[-len(tail) :] == tail
        ):
            words = tokens[: -len(tail)]
        return "".join(w[0] for w in words) if 2 <= len(words) <= 3 else ""

    return _map_unique(pd.Series(given + "\t" + family + "\t" + full, dtype=object), initials)


#: Spellings of Korean family names in Latin letters, by the commonest one (the spelling
#: :data:`linkgraph.text.KOREAN_FAMILY_NAMES` gives the name in Hangul): 김 Kim / Gim,
#: 이 Lee / Yi / Rhee / Ri, 박 Park / Pak / Bak, ... Not "I" (an initial far more often
#: than 이), and Cho (조) and Choi (최) stay two names.
KOREAN_FAMILY_SPELLINGS = {
    "gim": "kim", "yi": "lee", "rhee": "lee", "ri": "lee", "rhie": "lee", "pak": "park",
    "bak": "park", "choe": "choi", "jeong": "jung", "chung": "jung", "cheong": "jung",
    "jo": "cho", "gang": "kang", "yun": "yoon", "chang": "jang", "im": "lim",
    "choy": "choi", "joung": "jung", "rim": "lim", "sin": "shin", "suh": "seo",
    "gwon": "kwon", "yu": "yoo", "ryu": "yoo", "an": "ahn",
}  # fmt: skip


def korean_family_spelling(family: str) -> str:
    """A folded family name, in the commonest spelling if it is one of the spellings of a
    Korean family name (:data:`KOREAN_FAMILY_SPELLINGS`), else as it is.

    >>> [korean_family_spelling(f) for f in ("gim", "rhee", "choe", "cho", "smith")]
    ['kim', 'lee', 'choi', 'cho', 'smith']
    """
    return KOREAN_FAMILY_SPELLINGS.get(family, family)


#: Identifier features that may hold several values, joined by ``|``.
MULTI_VALUED = PERSON_IDENTIFIERS
_NORMALISE: dict[str, Callable[[str], str]] = {
    "phone": _digits_tail,
    "email": _email,
    "account": _account,
    "document": _document,
}
#: Mention types whose linked values become identifiers of the person they are linked to.
LINKED_TYPES = {kind: kind for kind in PERSON_IDENTIFIERS}


def _arrow_text(values: object) -> pa.Array:
    """A column (pandas, numpy or Arrow) as one Arrow large_string array; pandas' Arrow
    strings are taken as they are, without a Python string per row."""
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else None
    if arr is None:
        try:
            arr = pa.array(values.array if isinstance(values, pd.Series | pd.Index) else values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arr = pa.array(np.asarray(values, dtype=object).astype(str))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.large_string())
    return arr


def factorize_sorted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, sort=True)`` for text: the distinct strings sorted by
    Arrow (UTF-8 byte order is code-point order, as Python's) rather than by Python
    comparisons of objects, seconds faster on millions of distinct values. Missing
    values get -1; anything not plain text falls back to pandas."""
    codes, uniques = pd.factorize(values)
    try:
        text = pa.array(np.asarray(uniques, dtype=object), pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):
        return pd.factorize(values, sort=True)
    order = pc.sort_indices(text).to_numpy()
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    sorted_codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1) if len(order) else codes
    return sorted_codes, np.asarray(uniques, dtype=object)[order]


def _empty(arr: pa.Array) -> np.ndarray:
    """Where an Arrow string array is null or ""."""
    return np.asarray(pc.fill_null(pc.equal(arr, ""), True), dtype=bool)


def linked_identifiers(
    mentions: pd.DataFrame, links: pd.DataFrame | None, persons: pd.Index, *, years: bool = True
) -> pd.DataFrame:
    """Phones, e-mails, accounts and identity documents linked to each person mention
    as hers (:func:`_linked_ids`), and, where ``mentions`` has a ``time`` column and a
    mention of the person's record linked to her has a time (an NGO's intake date, a
    police report's event date), column ``record_year``: the year of the earliest such
    time, 0 for none (the date an age was stated on: :func:`record_birth_years`; not
    looked for unless ``years``)."""
    out = _linked_ids(mentions, links, persons)
    if years and "time" in mentions and links is not None and len(links) and len(persons):
        years = _linked_years(mentions, links, persons)
        if years.any():
            out["record_year"] = years
    return out


def _linked_years(mentions: pd.DataFrame, links: pd.DataFrame, persons: pd.Index) -> np.ndarray:
    """Per person of ``persons``, the earliest year of a time held by a mention linked to
    it (either direction, any kind: the links of one record's row), 0 for none."""
    out = np.zeros(len(persons), dtype=np.int32)
    time = pd.to_datetime(mentions["time"], errors="coerce", utc=True)
    has = time.notna().to_numpy()
    if not has.any():
        return out
    ids = _arrow_text(mentions["mention_id"][has])
    year = time[has].dt.year.to_numpy(np.int32)
    src, dst = _arrow_text(links["src"]), _arrow_text(links["dst"])
    person_at = _lookup(pa.concat_arrays([src, dst]), _arrow_text(persons))
    other = pa.concat_arrays([dst, src])
    rows = np.flatnonzero(person_at >= 0)
    if not len(rows):
        return out
    at = _lookup(other.take(pa.array(rows)), ids)
    keep = at >= 0
    pos, y = person_at[rows[keep]], year[at[keep]]
    if len(pos):
        first = pd.Series(y).groupby(pos).min()
        out[first.index.to_numpy()] = first.to_numpy(np.int32)
    return out


def _linked_ids(
    mentions: pd.DataFrame, links: pd.DataFrame | None, persons: pd.Index
) -> pd.DataFrame:
    """Phones, e-mails, accounts and identity documents linked to each person mention
    as hers (``uses_phone``, ``holds_document``, ... in either direction; not ``called``,
    ``messaged``, ``contacted`` or ``paid``), normalised, ``|``-joined.

    A person in a call record or a bank transfer usually carries no number itself: the
    number is a mention of its own, linked to the person. Those values identify the
    person as well as a phone column in the same row would.

    The ids are matched in Arrow's hash kernels and each distinct value is normalised
    once: no Python string is made per link or per identifier mention.

    Returns:
        One row per id of ``persons`` (same order), columns ``phone``, ``email``,
        ``account``, ``document``; "" when none.
    """
    out = pd.DataFrame("", index=pd.RangeIndex(len(persons)), columns=list(LINKED_TYPES))
    if links is None or len(links) == 0 or len(persons) == 0:
        return out
    names = list(LINKED_TYPES)
    type_code = pc.index_in(_arrow_text(mentions["type"]), value_set=pa.array(names))
    type_code = pc.fill_null(type_code, -1).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(type_code >= 0)
    if len(rows) == 0:
        return out
    taken = pa.array(rows)
    ids = _arrow_text(mentions["mention_id"]).take(taken)
    value = (
        _arrow_text(mentions["identifier"]).take(taken)
        if "identifier" in mentions
        else pa.array([""] * len(rows), pa.large_string())
    )
    for col in names:
        if col in mentions.columns:
            own = _arrow_text(mentions[col]).take(taken)
            value = pc.if_else(pa.array(_empty(value)), own, value)
    if "kind" in links.columns:
        # Only a link that says the identifier is the person's: the number a caller
        # rang, messaged or paid is the other party's (two callers of one hotline are
        # not one person), see :func:`linkgraph.privacy.holds`.
        from linkgraph.privacy import holds

        links = links[holds(links["kind"])]
        if len(links) == 0:
            return out
    src, dst = _arrow_text(links["src"]), _arrow_text(links["dst"])
    # Both directions: person → identifier and identifier → person.
    # The ids as they are (Arrow strings in a case read from disk), no Python string each.
    person_at = _lookup(pa.concat_arrays([src, dst]), _arrow_text(persons))
    # Only the other end of a link with a person at one end is looked up among the
    # identifiers (in a person list, half the ends).
    forward = np.flatnonzero(person_at[: len(src)] >= 0)
    backward = np.flatnonzero(person_at[len(src) :] >= 0)
    other_end = pa.concat_arrays([dst.take(pa.array(forward)), src.take(pa.array(backward))])
    pos = np.concatenate([person_at[forward], person_at[len(src) + backward]])
    at = _lookup(other_end, ids)
    del person_at, other_end
    keep = at >= 0
    if not keep.any():
        return out
    pos, at = pos[keep], at[keep]
    kind = type_code[rows][at]
    for k, col in enumerate(names):
        sel = kind == k
        if not sel.any():
            continue
        p_k = pos[sel]
        # Each distinct value normalised once; the links carry its code.
        encoded = pc.dictionary_encode(value.take(pa.array(at[sel])))
        raw = np.asarray(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
        code = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        raw = np.where(pd.isna(raw), "", raw).astype(object)
        if col == "phone":
            norm = _digits_tails(raw) if len(raw) else raw
        else:
            norm = np.array([_NORMALISE[col](v) for v in raw], dtype=object)
        # Codes of the distinct normalised values, in sorted order (values join sorted).
        n_code, n_values = factorize_sorted(norm)
        n_values = np.asarray(n_values, dtype=object)
        v = np.where(code >= 0, n_code[np.maximum(code, 0)], -1)
        ok = v >= 0
        ok[ok] = n_values[v[ok]] != ""
        if not ok.any():
            continue  # no usable value of this type (e.g. every phone too short)
        # Sorted by person, then value: one plain sort of both packed in an int64.
        packed = p_k[ok] * np.int64(len(n_values)) + v[ok]
        packed.sort()
        p_k, v = np.divmod(packed, np.int64(len(n_values)))
        del packed
        distinct = np.r_[True, (p_k[1:] != p_k[:-1]) | (v[1:] != v[:-1])]
        p_k, v = p_k[distinct], v[distinct]
        values = n_values[v]
        # Most persons have one value of a type: set directly; the few with several are
        # joined group by group.
        single = np.r_[p_k[1:] != p_k[:-1], True] & np.r_[True, p_k[1:] != p_k[:-1]]
        column = out[col].to_numpy(dtype=object)
        column[p_k[single]] = values[single]
        if not single.all():
            multi = pd.DataFrame({"pos": p_k[~single], "value": values[~single]})
            joined = multi.groupby("pos", sort=False)["value"].agg("|".join)
            column[joined.index.to_numpy()] = joined.to_numpy(dtype=object)
        out[col] = column
    return out


def _lookup(values: np.ndarray | pa.Array, keys: np.ndarray | pa.Array) -> np.ndarray:
    """Position in ``keys`` of each of ``values`` (its first, when ``keys`` repeat one);
    -1 when absent."""
    found = pc.index_in(_arrow_text(values), value_set=_arrow_text(keys))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _merge_values(own: np.ndarray, extra: np.ndarray | None) -> np.ndarray:
    """Own and linked values of a multi-valued feature: distinct, sorted, ``|``-joined."""
    if extra is None or not (extra != "").any():
        return own
    out = own.copy()
    # Both sides are sorted and distinct already: one side alone, or both equal, is the
    # answer as it stands (nearly every mention); only the rest are split and joined.
    only_extra = (own == "") & (extra != "")
    out[only_extra] = extra[only_extra]
    both = (extra != "") & (own != "") & (own != extra)
    if not both.any():
        return out
    combined = pd.Series(own[both], dtype=object) + "|" + pd.Series(extra[both], dtype=object)
    out[both] = _map_unique(combined, lambda t: "|".join(sorted({v for v in t.split("|") if v})))
    return out


def _multi(values: pd.Series, func: Callable[[str], str]) -> np.ndarray:
    """``func`` on each ``;``-, ``,``- or ``|``-separated value of a column, ``|``-joined."""

    def each(text: str) -> str:
        parts = [func(p) for p in _SEPARATORS.split(text)] if text else []
        return "|".join(sorted({p for p in parts if p}))

    codes, uniques = _distinct(values)
    if len(uniques) == 0:
        return np.full(len(values), "", dtype=object)
    split = np.fromiter((bool(_SEPARATORS.search(u)) for u in uniques), bool, len(uniques))
    if func is _digits_tail:
        mapped = _digits_tails(uniques)
        if split.any():
            mapped[split] = [each(u) for u in uniques[split]]
    else:
        mapped = np.array(
            [each(u) if cut else func(u) for u, cut in zip(uniques, split, strict=True)],
            dtype=object,
        )
    return mapped[codes]


def _dob_parts(dob: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of ISO dates (YYYY, YYYY-MM or YYYY-MM-DD; 0 when missing), and
    the eight digits of each value written YYYY-MM-DD or YYYYMMDD whatever its month and
    day ("" for any other value): "1938-11-31", no calendar date, is one typo from the
    true 1938-11-13, which its parts alone (November 1938) no longer tell."""
    # Parsed once per distinct date (tens of thousands among a million mentions).
    codes, uniques = _distinct(dob)
    text = pd.Series(uniques, dtype=object)
    parts = text.str.extract(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
    if not len(uniques):
        zeros = np.zeros(len(dob), dtype=np.int32)
        return zeros, zeros.copy(), zeros.copy(), np.full(len(dob), "", dtype=object)
    typed = text.str.extract(r"^(\d{4})-?(\d{2})-?(\d{2})$")
    digits = (typed[0] + typed[1] + typed[2]).fillna("").to_numpy(dtype=object)
    y, m, d = (
        pd.to_numeric(parts[i], errors="coerce").fillna(0).to_numpy(np.int32) for i in range(3)
    )
    # A value ingest rejected as a date (kept in the mention, flagged dob_invalid) keeps
    # what is sound of it: "1856-86-18" is born in 1856, "1860-01-81" in January 1860.
    # Day and month swapped ("1990-14-09": a month above 12, a day that can be a month)
    # stay as they are: the date comparison has a level for a swap.
    swapped = (m > 12) & (d >= 1) & (d <= 12)
    bad_month = ((m < 0) | (m > 12)) & ~swapped
    m[bad_month] = 0
    d[m == 0] = 0  # a day without its month says nothing
    full = (m >= 1) & (m <= 12) & (d > 0)
    last = np.zeros(len(y), dtype=np.int32)
    if full.any():
        first = pd.to_datetime(
            pd.DataFrame({"year": y[full], "month": m[full], "day": 1}), errors="coerce"
        )
        last[full] = first.dt.days_in_month.fillna(31).to_numpy(np.int32)
    d[full & (d > last)] = 0
    return y[codes], m[codes], d[codes], digits[codes]


def _int_text(values: np.ndarray) -> np.ndarray:
    """The decimal text of each int (negative: ""), one string per distinct value."""
    codes, uniques = pd.factorize(values)
    text = np.array([str(v) if v >= 0 else "" for v in uniques.tolist()], dtype=object)
    return text[codes] if len(text) else np.full(len(values), "", dtype=object)


def _joined_pairs(given: np.ndarray, family: np.ndarray) -> np.ndarray:
    """ "given family" (stripped) of each mention, one string per distinct pair."""
    g_code, g_values = pd.factorize(given)
    f_code, f_values = pd.factorize(family)
    codes, pairs = pd.factorize(g_code.astype(np.int64) * (len(f_values) + 1) + f_code)
    if len(pairs) == 0:
        return np.full(len(given), "", dtype=object)
    g_of = np.asarray(g_values, dtype=object)[pairs // (len(f_values) + 1)]
    f_of = np.asarray(f_values, dtype=object)[pairs % (len(f_values) + 1)]
    text = np.array([f"{a} {b}".strip() for a, b in zip(g_of, f_of, strict=True)], dtype=object)
    return text[codes]


#: Particles that, first in a name of three words or more, start a family name written
#: first ("van der Berg Pieter", "De Luca Sara"); not those that are also given names or
#: Arabic name parts (Ben, Al, El, Le, La, ...).
_LEADING_PARTICLES = frozenset(
    ["de", "da", "di", "do", "del", "della", "dos", "das", "du", "van", "von", "der", "den",
     "ter", "ten"]
)  # fmt: skip


def _hyphenated_ends(
    names: pd.Series, tokens: pd.Series, first: np.ndarray, last: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``first`` and ``last`` (the first and last tokens of the folded full names
    ``tokens``) as the whole hyphenated word the written ``names`` start or end with
    ("Ji-woo Singh": "ji woo", not "ji"; "Anna Smith-Jones": "smith jones"), as
    :func:`~linkgraph.text.fold_name_part` folds a given-name or family-name column
    holding that word: one name written in a full-name column or in two columns reads
    alike. Only where the folded word is those tokens of the full name, with a token
    left for the other part."""
    raw = names.fillna("").astype(str).to_numpy(dtype=object)
    hyphen = np.flatnonzero(pd.Series(raw, dtype=object).str.contains("-", regex=False))
    if not len(hyphen):
        return first, last
    first, last = first.copy(), last.copy()
    for i in hyphen:
        name, words = raw[i], tokens.iloc[i]
        if not isinstance(words, list) or len(words) < 2:
            continue
        written = name.replace(",", " ").split()
        if not written:
            continue
        head, tail = fold_name_part(written[0]).split(), fold_name_part(written[-1]).split()
        if "-" in written[0] and 1 < len(head) < len(words) and words[: len(head)] == head:
            first[i] = " ".join(head)
        if "-" in written[-1] and 1 < len(tail) < len(words) and words[-len(tail) :] == tail:
            last[i] = " ".join(tail)
    return first, last


#: A word in capitals: a family name, as passports and registers write it ("RHEE Ji woo").
_CAPITALS = r"(?:^|\s)[A-Z]{2,}(?:\s|$)"


def _written_parts(
    names: pd.Series, tokens: pd.Series, first: np.ndarray, last: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``first`` and ``last`` as :func:`~linkgraph.resolve.korean.korean_parts` reads the
    given and family name of the written ``names`` of two or three words: the family name
    in capitals ("WANG Jianhua"), a Korean given name of two syllables in one ("Lee
    Ji-woo", "Seo jun Yi")."""
    raw = pd.Series(names.fillna("").astype(str).to_numpy(dtype=object), dtype=object)
    count = tokens.str.len().fillna(0).to_numpy()
    look = (count >= 2) & (count <= 3)
    ends = tokens.str[0].map(is_korean_family) | tokens.str[-1].map(is_korean_family)
    look &= raw.str.contains(_CAPITALS).to_numpy(bool) | ((count == 3) & ends.to_numpy(bool))
    at = np.flatnonzero(look)
    if not len(at):
        return first, last
    first, last = first.copy(), last.copy()
    read = {name: korean_parts(name) for name in set(raw.iloc[at])}
    for i in at:
        parts = read[raw.iloc[i]]
        if parts is not None:
            first[i], last[i] = parts
    return first, last


def _particle_names(
    full: np.ndarray, first: np.ndarray, last: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Given (``first``) and family (``last``) names split from full names, corrected where
    particles make the family name several words: a run of particles before the last word
    joins it ("Kees van der Pol": "van der pol", not "der pol"), and a name of three
    words or more that starts with a particle is family name first ("van der Pol Kees":
    given "kees", family "van der pol").

    Examples:
        >>> full = np.array(["kees van der pol", "van der pol kees", "de luca sara"], dtype=object)
        >>> first = np.array(["kees", "van", "de"], dtype=object)
        >>> f, l = _particle_names(full, first, np.array(["der pol", "kees", "sara"], dtype=object))
        >>> f.tolist(), l.tolist()
        (['kees', 'kees', 'sara'], ['van der pol', 'van der pol', 'de luca'])
    """
    first, last = first.copy(), last.copy()
    for i, name in enumerate(full):
        words = str(name).split()
        if len(words) < 3:
            continue
        if words[0] in _LEADING_PARTICLES and words[-1] not in FAMILY_PARTICLES:
            first[i], last[i] = words[-1], " ".join(words[:-1])
            continue
        k = len(words) - 1
        while k > 1 and words[k - 1] in FAMILY_PARTICLES:
            k -= 1
        if k < len(words) - 1:
            last[i] = " ".join(words[k:])
    return first, last


#: Generational suffixes that close a name, folded, by generation (1 the father, 2 the
#: son named after him, 3 the grandson): Sr. / Jr., II / III / IV, père / fils,
#: padre / hijo (Spanish), pai / filho / júnior / neto / bisneto (Portuguese),
#: "der Ältere" / "der Jüngere", "the elder" / "the younger".
GENERATIONS = {
    "sr": 1, "snr": 1, "senior": 1, "pere": 1, "padre": 1, "pai": 1, "the elder": 1,
    "der altere": 1, "der aeltere": 1, "jr": 2, "jnr": 2, "junior": 2, "fils": 2,
    "filho": 2, "hijo": 2, "ii": 2, "the younger": 2, "der jungere": 2, "der juengere": 2,
    "iii": 3, "neto": 3, "iv": 4, "bisneto": 4,
}  # fmt: skip


def name_generation(text: str) -> int:
    """The generation (:data:`GENERATIONS`) a name's closing suffix states, 0 for none. A
    suffix is read after another word only: "Sen", "Junior" or "Neto" alone is the name.

    >>> [name_generation(t) for t in ("Smith Sr.", "John Smith Jr", "Dumas père", "Junior")]
    [1, 2, 1, 0]
    >>> [name_generation(t) for t in ("Cranach der Ältere", "Henry Ford II", "Sr. García")]
    [1, 2, 0]
    """
    words = fold(text).split()
    if len(words) >= 3 and " ".join(words[-2:]) in GENERATIONS:
        return GENERATIONS[" ".join(words[-2:])]
    return GENERATIONS.get(words[-1], 0) if len(words) >= 2 else 0


def without_generation(folded: str, keep: int = 2) -> str:
    """A folded name without the generational suffix that closes it (:data:`GENERATIONS`:
    "diego mendoza hijo" is Diego Mendoza's son, named as his father), when at least
    ``keep`` words are left: the suffix is no part of the name to compare (the generation
    column tells the generations apart), and a one-cell name would otherwise read it as
    the family name. A suffix that is the whole name, or with fewer words left, stays
    ("Carlos Junior": a given name and a family name).

    >>> [without_generation(t) for t in ("diego mendoza hijo", "joao silva filho", "carlos junior")]
    ['diego mendoza', 'joao silva', 'carlos junior']
    >>> without_generation("mendoza ramirez hijo", keep=1), without_generation("neto", keep=1)
    ('mendoza ramirez', 'neto')
    """
    words = folded.split()
    for size in (2, 1):
        if len(words) - size >= keep and " ".join(words[-size:]) in GENERATIONS:
            return " ".join(words[:-size])
    return folded


#: A folded name closing with a word of :data:`GENERATIONS` that folding keeps.
_CLOSING_GENERATION = (
    r" (?:senior|snr|pere|padre|pai|elder|altere|aeltere|jnr|junior|fils|filho|hijo|younger"
    r"|jungere|juengere|neto|bisneto)$"
)


def _without_generations(folded: np.ndarray, keep: int) -> np.ndarray:
    """:func:`without_generation` of each folded name, read only where one may close
    with a suffix (a cheap test per distinct name first)."""
    codes, uniques = _distinct(pd.Series(folded, dtype=object))
    may = pd.Series(uniques, dtype=object).str.contains(_CLOSING_GENERATION)
    at = np.flatnonzero(may.to_numpy(dtype=bool, na_value=False))
    if not len(at):
        return folded
    mapped = np.asarray(uniques, dtype=object).copy()
    for i in at:
        mapped[i] = without_generation(mapped[i], keep)
    return mapped[codes]


#: A name that may close with one of :data:`GENERATIONS` (a cheap test run on every
#: distinct name, so that :func:`name_generation` reads only these).
_MAY_CLOSE_WITH_GENERATION = (
    r"(?i)[\s,.](?:sr|snr|senior|p[eè]re|padre|pai|elder|[aä]e?ltere|jr|jnr|j[uú]nior|fils"
    r"|filho|hijo|ii|iii|iv|younger|j[uü]e?ngere|neto|bisneto)[\s.,]*$"
)


#: Generational suffixes written alone in a suffix column (an attribute ``suffix``,
#: ``name_suffix``, ``name_suffix_lbl``, ``sfx``), beside :data:`GENERATIONS`: there a
#: bare "Sen." or "Jun." is no name.
_SUFFIX_ALONE = {"sen": 1, "jun": 2, "2nd": 2, "3rd": 3, "4th": 4}
#: An attribute holding a name's suffix, and its text, in a mention's ``attrs`` JSON.
_SUFFIX_ATTR = r'(?i)"(?:[a-z]+_)?(?:suffix|sfx)(?:_lbl|_label)?"\s*:\s*"(?P<suffix>[^"]*)"'


def suffix_generation(text: str) -> int:
    """The generation (:data:`GENERATIONS`) a suffix column's value states, 0 for none
    or another suffix ("MD", "PhD").

    >>> [suffix_generation(t) for t in ("JR", "Sr.", "III", "Jun.", "der Jüngere", "MD", "")]
    [2, 1, 3, 2, 2, 0, 0]
    """
    key = " ".join(fold(text).replace(".", " ").split())
    return GENERATIONS.get(key, _SUFFIX_ALONE.get(key, 0))


def _suffix_attribute(mentions: pd.DataFrame) -> np.ndarray:
    """Each mention's :func:`suffix_generation` of the suffix attribute in its ``attrs``
    (a register's suffix column: NCVR's ``name_suffix_lbl``), 0 where none."""
    out = np.zeros(len(mentions), dtype=np.int8)
    if "attrs" not in mentions or not len(mentions):
        return out
    found = pc.struct_field(
        pc.extract_regex(_arrow_text(mentions["attrs"]), _SUFFIX_ATTR), "suffix"
    )
    codes, uniques = _distinct(pd.Series(found, dtype=pd.ArrowDtype(found.type)))
    generation = np.array([suffix_generation(u) for u in uniques], dtype=np.int8)
    return generation[codes] if len(generation) else out


def _generation_column(mentions: pd.DataFrame) -> np.ndarray:
    """Each mention's generation: of its suffix attribute (:func:`_suffix_attribute`),
    else :func:`name_generation` read from its family name, else its full name, else its
    given name (fold_name drops the suffixes from the matching keys)."""
    out = np.zeros(len(mentions), dtype=np.int8)
    for col in ("given_name", "name", "family_name"):  # later columns win
        if col in mentions:
            codes, uniques = _distinct(_col(mentions, col))
            found = np.zeros(len(uniques), dtype=np.int8)
            may = pd.Series(uniques, dtype=object).str.contains(_MAY_CLOSE_WITH_GENERATION)
            for i in np.flatnonzero(may.to_numpy(dtype=bool, na_value=False)):
                found[i] = name_generation(uniques[i])
            if len(found) and found.any():
                value = found[codes]
                out = np.where(value > 0, value, out)
    stated = _suffix_attribute(mentions)
    return np.where(stated > 0, stated, out).astype(np.int8)


def _other_script_column(mentions: pd.DataFrame) -> dict[str, np.ndarray]:
    """``name_other_script``: the person's name is written in a script other than Latin
    (Arabic, Cyrillic, Han, Thai...), in part or whole; none when no name is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from linkgraph.text import OTHER_SCRIPT

    out = np.zeros(len(mentions), dtype=bool)
    for col in ("name", "given_name", "family_name"):
        if col in mentions:
            text = pa.array(_col(mentions, col).astype(object), pa.large_string())
            found = pc.fill_null(pc.match_substring_regex(text, OTHER_SCRIPT), False)
            out |= np.asarray(found, dtype=bool)
    return {"name_other_script": out} if out.any() else {}


def _transcription_columns(
    mentions: pd.DataFrame, given: np.ndarray, family: np.ndarray
) -> dict[str, np.ndarray]:
    """``name_cyrillic`` (the name written in Cyrillic) and the transcription keys of the
    given and family names (``given_transcribed``, ``family_transcribed``, and their
    ``_loose`` keys: :mod:`~linkgraph.resolve.transcription`), for a case whose person
    names are written in Cyrillic and in Latin letters; none for another case."""
    raw = [_col(mentions, c) for c in ("name", "given_name", "family_name") if c in mentions]
    cyrillic = cyrillic_names(*raw) if raw else np.zeros(len(mentions), dtype=bool)
    if cyrillic.all() or not cyrillic.any():
        return {}
    given, family = np.asarray(given, dtype=object), np.asarray(family, dtype=object)
    return {
        "name_cyrillic": cyrillic,
        "given_transcribed": keys_of(given, cyrillic),
        "family_transcribed": keys_of(family, cyrillic),
        "given_transcribed_loose": keys_of(given, cyrillic, loose=True),
        "family_transcribed_loose": keys_of(family, cyrillic, loose=True),
    }


#: An age stated in a mention's ``attrs`` JSON (``{"age": "29"}``, ``{"age": 29}``).
_AGE_ATTR = r'"age"\s*:\s*"?\s*(?P<age>\d{1,3})(?:\.0+)?\s*"?\s*[,}]'
#: Ages above this are no person's age (a year, a typo): not read.
MAX_AGE = 110


def record_birth_years(
    mentions: pd.DataFrame, linked: pd.DataFrame | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """The years of birth each person mention's stated age gives, as a range (``lo``,
    ``hi``; 0 where none): an age A on a record dated in year Y is a birth in Y - A - 1
    (the birthday not yet come) or Y - A. The record's date is the mention's own time,
    else the earliest time of a mention of its record linked to it (an NGO's intake
    date, a report's event date: ``linked["record_year"]`` of :func:`linked_identifiers`).
    None when no mention has both.

    >>> m = pd.DataFrame({"attrs": ['{"age": "29"}', '{"age": 40}', None, '{"age": "29"}'],
    ...                   "time": pd.to_datetime(["2024-03-01", None, "2020-01-01", None])})
    >>> lo, hi = record_birth_years(m, pd.DataFrame({"record_year": [0, 2025, 0, 0]}))
    >>> lo.tolist(), hi.tolist()
    ([1994, 1984, 0, 0], [1995, 1985, 0, 0])
    """
    if "attrs" not in mentions or not len(mentions):
        return None
    found = pc.struct_field(pc.extract_regex(_arrow_text(mentions["attrs"]), _AGE_ATTR), "age")
    age = pd.to_numeric(pd.Series(found, dtype=pd.ArrowDtype(found.type)), errors="coerce")
    age = age.to_numpy(dtype=float, na_value=np.nan)
    has_age = ~np.isnan(age) & (age <= MAX_AGE)
    if not has_age.any():
        return None
    year = np.zeros(len(mentions), dtype=np.int32)
    if linked is not None and "record_year" in linked:
        year = linked["record_year"].to_numpy(np.int32).copy()
    if "time" in mentions:
        own = pd.to_datetime(mentions["time"], errors="coerce", utc=True)
        own_year = own.dt.year.to_numpy(dtype=float, na_value=0).astype(np.int32)
        year = np.where(own_year > 0, own_year, year)
    ok = has_age & (year > 0)
    if not ok.any():
        return None
    hi = np.where(ok, year - np.nan_to_num(age).astype(np.int32), 0).astype(np.int32)
    lo = np.where(ok, hi - 1, 0).astype(np.int32)
    return lo, hi


def undated_ages(
    mentions: pd.DataFrame, dated: np.ndarray | None, dob_year: np.ndarray
) -> dict[str, np.ndarray]:
    """``age_undated`` (the stated age, -1 for none) and ``age_source`` (the code of the
    mention's source file, -1 for none) of the person mentions that state an age with
    neither a date of birth nor a date of their record (``dated``: where
    :func:`record_birth_years` gave years of birth): two such ages of one source file
    were stated at about one time, and compare as ages (29 and 31: two years apart)
    though their years of birth are unknown. An empty dict where no two such mentions
    share a source file, or the mentions have no ``source``.

    >>> m = pd.DataFrame({"attrs": ['{"age": "29"}', '{"age": 31}', '{"age": 40}', None],
    ...                   "source": ["a.csv", "a.csv", "b.csv", "a.csv"]})
    >>> out = undated_ages(m, None, np.zeros(4, dtype=np.int32))
    >>> out["age_undated"].tolist(), out["age_source"].tolist()
    ([29, 31, 40, -1], [0, 0, 1, -1])
    """
    if "attrs" not in mentions or "source" not in mentions or not len(mentions):
        return {}
    found = pc.struct_field(pc.extract_regex(_arrow_text(mentions["attrs"]), _AGE_ATTR), "age")
    age = pd.to_numeric(pd.Series(found, dtype=pd.ArrowDtype(found.type)), errors="coerce")
    age = age.to_numpy(dtype=float, na_value=np.nan)
    undated = ~np.isnan(age) & (age <= MAX_AGE) & (np.asarray(dob_year) <= 0)
    if dated is not None:
        undated &= ~np.asarray(dated, dtype=bool)
    if undated.sum() < 2:
        return {}
    codes = pd.factorize(mentions["source"].astype(object).to_numpy()[undated])[0]
    if np.bincount(codes[codes >= 0]).max(initial=0) < 2:
        return {}
    source = np.full(len(mentions), -1, dtype=np.int32)
    source[undated] = codes
    return {
        "age_undated": np.where(undated, np.nan_to_num(age), -1).astype(np.int16),
        "age_source": source,
    }


def person_features(mentions: pd.DataFrame, linked: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person mention (same order), with the folded columns used for matching.

    Given and family names come from ``given_name``/``family_name`` when present, else
    from the first and last token of ``name_latin`` (or of the folded ``name``).
    Cyrillic and other scripts are transliterated by :func:`linkgraph.text.fold_name`.
    ``linked`` (from :func:`linked_identifiers`) adds the phones, e-mails and accounts
    linked to each mention to its own.

    Returns:
        DataFrame with :data:`FEATURE_COLUMNS` plus ``dob_y``, ``dob_m``, ``dob_d``.
    """
    n = len(mentions)
    given = _map_unique(_col(mentions, "given_name"), fold_name_part)
    family = _map_unique(_col(mentions, "family_name"), fold_name_part)
    latin = _map_unique(_col(mentions, "name_latin"), str)
    missing_latin = latin == ""
    if missing_latin.any():
        latin = latin.copy()
        latin[missing_latin] = _map_unique(_col(mentions, "name")[missing_latin], fold_name)
    # A generational suffix closing a name ("Mendoza Ramírez hijo") is no part of it: the
    # generation column (read from the names as written) keeps it.
    family = _without_generations(family, 1)
    latin = _without_generations(latin, 2)
    built = _joined_pairs(given, family)
    full = np.where(latin != "", latin, built)
    # Fill missing given/family from the full name: first and last token.
    need = (given == "") | (family == "")
    if need.any():
        tokens = pd.Series(full[need]).str.split()
        # astype(object): with no name at all every token is NaN (float64), and filling
        # float64 with a str is refused by newer pandas
        first = tokens.str[0].astype(object).fillna("").to_numpy(dtype=object)
        last = tokens.str[-1].astype(object).fillna("").to_numpy(dtype=object)
        # "Francesco De Luca": a particle before the last token belongs to the family name.
        particle = tokens.str[-2].isin(FAMILY_PARTICLES).to_numpy(bool) & (
            tokens.str.len().fillna(0).to_numpy() >= 3
        )
        if particle.any():
            last = last.copy()
            last[particle] = tokens[particle].str[-2].to_numpy(dtype=object) + " " + last[particle]
        look = tokens.str.len().fillna(0).to_numpy() >= 3
        look &= tokens.str[0].isin(_LEADING_PARTICLES).to_numpy(bool) | particle
        if look.any():
            first, last = first.copy(), last.copy()
            first[look], last[look] = _particle_names(full[need][look], first[look], last[look])
        first, last = _hyphenated_ends(_col(mentions, "name")[need], tokens, first, last)
        first, last = _written_parts(_col(mentions, "name")[need], tokens, first, last)
        one_token = tokens.str.len().fillna(0).to_numpy() <= 1
        g, f = given[need], family[need]
        given = given.copy()
        family = family.copy()
        # A part is filled only from what the full name holds beside the known part: a
        # record with a given name and no family name ("Theodore") has no family name,
        # not "theodore" (which would disagree with every family name it meets).
        given[need] = np.where(g != "", g, np.where(one_token | (first == f), "", first))
        family[need] = np.where(f != "", f, np.where(one_token & (g != ""), "", last))
        family[need] = np.where((f == "") & (g != "") & (last == g), "", family[need])
    # A Vietnamese family name written in the given-name column ("Ngo" / "Minh Son",
    # "Ngo Van" / "Thang"): family name first, then the middle and given names.
    split = _map_unique(
        pd.Series(given + "\t" + family, dtype=object),
        lambda v: "\t".join(family_in_given_column(*v.split("\t")) or ()),
    )
    moved = split != ""
    if moved.any():
        given, family = given.copy(), family.copy()
        parts = [v.split("\t") for v in split[moved]]
        given[moved] = [p[0] for p in parts]
        family[moved] = [p[1] for p in parts]
    family = _map_unique(pd.Series(family, dtype=object), korean_family_spelling)
    given = _map_unique(pd.Series(given, dtype=object), given_without_nasab)
    # "Олександр Петрович" (a patronymic joined into the given name, as `mapping suggest`
    # drafts it): the given name alone is compared as the given name, the patronymic
    # beside it (comparisons.name_levels), so that two brothers' given names, alike
    # in the father's name they share, do not look alike.
    patronymic = _map_unique(pd.Series(given, dtype=object), lambda g: split_patronymic(g)[1])
    given = _map_unique(pd.Series(given, dtype=object), lambda g: split_patronymic(g)[0])
    dob = _col(mentions, "dob")
    y, m, d, typed = _dob_parts(dob)
    full_dob = (y > 0) & (m > 0) & (d > 0)
    # One string per distinct date, shared by its mentions (not one per mention).
    ymd = y.astype(np.int64) * 10000 + m * 100 + d
    dob_key = _int_text(np.where(y > 0, ymd, -1))
    dob8 = np.where(full_dob, dob_key, "")
    # The eight digits as keyed, for a full date that is no calendar date ("1856-86-18",
    # "1938-11-31", flagged dob_invalid at ingest): one typo from its true date, as the
    # date comparison's "close" level tells.
    dob_digits = np.where(full_dob, dob8, typed)
    given_skel = _map_unique(pd.Series(given), name_skeleton)
    # Without a leading Arabic article: "Al Zahrani" and "Zahrani" are one family name
    # (its spellings counted as one, and compared as the same skeleton).
    family_skel = _map_unique(pd.Series(family), lambda f: name_skeleton(family_without_article(f)))
    columns: dict[str, np.ndarray] = {
        "given_name": given,
        "family_name": family,
        "full_name": full,
        "given_canon": _map_unique(pd.Series(given), canonical_given),
        "given_skeleton": given_skel,
        "family_skeleton": family_skel,
        "name_joined": _joined_column(np.asarray(full, dtype=object), given_skel, family_skel),
        "given_phonetic": _map_unique(pd.Series(given), _phonetic),
        "given_patronymic": patronymic,
        # A given name written as initials ("JP", "J.-P."), and the initials of a given
        # name of several words ("Jean-Pierre": "jp"): comparisons.name_levels.
        "given_initials": _given_initials(mentions, need, given),
        "given_word_initials": _given_word_initials(np.asarray(full, dtype=object), given, family),
        # The words between a full name's given and family name, with the family name
        # ("gonzalez dias"): a double family name (comparisons.name_levels).
        "family_words": _family_words(np.asarray(full, dtype=object), given, family),
        "family_phonetic": _map_unique(pd.Series(family), _phonetic),
        "dob": dob_key,
        "dob8": dob8,
        "dob_digits": dob_digits,
        "dob_y": y,
        "dob_m": m,
        "dob_d": d,
        "sex": _map_unique(_col(mentions, "sex"), _sex),
        "generation": _generation_column(mentions),
        "role_side": _role_sides(mentions),
        **{
            col: _merge_values(
                _multi(_col(mentions, col), _NORMALISE[col]),
                None if linked is None or col not in linked else linked[col].to_numpy(object),
            )
            for col in MULTI_VALUED
        },
        "postcode": _map_unique(_col(mentions, "postcode"), _postcode),
        "city": _city_column(mentions),
        "address": _map_unique(_col(mentions, "address"), _address),
        "nationality": _map_unique(_col(mentions, "nationality"), lambda s: s.strip().upper()),
    }
    born = record_birth_years(mentions, linked)
    if born is not None:
        # A stated age's years of birth (record_birth_years), where no date of birth is.
        columns["age_born_lo"] = np.where(y > 0, 0, born[0]).astype(np.int32)
        columns["age_born_hi"] = np.where(y > 0, 0, born[1]).astype(np.int32)
    # Ages stated on records without a date, compared within their source file.
    columns.update(undated_ages(mentions, None if born is None else born[0] > 0, y))
    columns.update(_transcription_columns(mentions, given, family))
    columns.update(_other_script_column(mentions))
    # Kept as object columns: pandas would otherwise turn them into Arrow strings, and
    # blocking and comparison read them back as object arrays dozens of times (a copy
    # each time, seconds at a million mentions). Each column is its array as made, not
    # copied into one 2-D block (seconds and a copy of every string pointer).
    return pd.DataFrame(
        {
            k: pd.Series(v, dtype=object, copy=False)
            if v.dtype == object
            else pd.Series(v, copy=False)
            for k, v in columns.items()
        },
        index=pd.RangeIndex(n),
        copy=False,
    )
