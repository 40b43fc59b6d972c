"""Western names written in Cyrillic: one key for "Джеймс Вуд" and "James Wood".

A Russian or Ukrainian agency writes an English, German or French name as it sounds
(practical transcription), not letter by letter: James is Джеймс, Wood is Вуд, William is
Уильям or Вільям, Müller is Мюллер, Jean Dupont is Жан Дюпон. Transliterated back
(:func:`linkgraph.text.fold`) that is "dzheims vud", far from "james wood". The key
below folds both spellings towards one: the transcription's letters read back (дж, ж: j;
х: h; ю after a consonant: u; у before a vowel: w), and the Latin spellings that
transcription reads as one sound (w: v, th: t, ph: f, c: k or s, oo: u, ay / ey / ai /
ei: ei, a silent final e making the vowel before it long, h after a vowel silent, g and
h as one letter, as Russian Г writes H). It is compared only across scripts, a name
written in Cyrillic against one written in Latin letters (:func:`cyrillic_names`).

No package on PyPI reverses this transcription (the transliteration packages read
Cyrillic letter by letter; the phonetic ones key one language each), so the rules are
kept here, each with the names it is for.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Cyrillic letters (Russian, Ukrainian, Belarusian and the rest of the basic block).
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _rules(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), r) for p, r in pairs)


#: The transcription read back, on a name written in Cyrillic (as :func:`fold` spells it).
_FROM_CYRILLIC = _rules(
    # дж, ж are J (Джон, John; Жан, Jean); щ is шч; х (kh) is H (Ханс, Hans).
    ("shch", "sh"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    # ю, ё, я opening a word are J (Юрген, Jürgen; Йорг, Jörg; Ян, Jan); ю after a
    # consonant is a German ü or a French u (Мюллер, Müller; Дюпон, Dupont).
    ("^i(?=[aeou])", "j"),
    ("(?<=[^aeiouy])iu", "u"),
    # у opening a word before a vowel is W (Уильям, William; Уокер, Walker).
    ("^u(?=[aeio])", "w"),
)
#: Latin spellings that transcription writes as one sound, on a name in Latin letters.
_FROM_LATIN = _rules(
    # German and English spellings of one sound: tsch, sch (Schmidt, Шмидт), ph, th
    # (Smith, Смит), ck, wh (White, Уайт).
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("wh", "w"),
    # Letters English writes and does not say: wr, kn, igh (Wright, Райт; Knight, Найт).
    ("^wr", "r"),
    ("^kn", "n"),
    ("igh", "ai"),
    # ge, gi are дж (George, Джордж; Gina, Джина); c before e, i, y is с (Nancy, Нэнси),
    # else к; x is кс, q is к.
    ("^geo", "jo"),
    ("ge$", "j"),
    ("g(?=[eiy])", "j"),
    ("c(?=[eiy])", "s"),
    ("ch", "\x00"),
    ("c", "k"),
    ("\x00", "ch"),
    ("x", "ks"),
    ("q", "k"),
    # wa is уо (Walsh, Уолш; Ward, Уорд); al before l or k is ол, о (Hall, Холл; Walker,
    # Уокер); au is о (Paul, Пол; Laurent, Лоран).
    ("al(?=[lk])", "o"),
    ("wa", "wo"),
    # ow before a consonant or at the end is ау (Brown, Браун); ew is ю (Andrew, Эндрю;
    # Lewis, Льюис); eau and au are о, oo is у, ee is и (Moreau, Моро; Wood, Вуд; Green,
    # Грин).
    ("ew", "u"),
    ("eau", "o"),
    ("au", "o"),
    ("ow(?=[^aeiouy]|$)", "au"),
    ("oo", "u"),
    ("ou", "u"),
    ("ee", "i"),
    # French oi is уа (Dubois, Дюбуа); English -ey ending a name is и (Bailey, Бейли;
    # Jeffrey, Джеффри).
    ("oi", "ua"),
    ("ey$", "i"),
    # A vowel made long by a silent final e (James, Джеймс; Mike, Майк; Pete, Пит), and
    # an a in an open first syllable (Baker, Бейкер; Jason, Джейсон; Mary, Мэри): ей, ай.
    ("a([bdfgjklmnprstvz])e(s?)$", r"ei\1\2"),
    ("i([bdfgjklmnprstvz])e(s?)$", r"ai\1\2"),
    ("e([bdfgjklmnprstvz])e(s?)$", r"i\1\2"),
    ("([ou][bdfgjklmnprstvz])e(s?)$", r"\1\2"),
    ("^([^aeiouy]+)a(?=[bdfklmnpstvz][aeiouy])", r"\1ei"),
    # ... and an e in one: и (Peter, Питер; Steven, Стивен).
    ("^([^aeiouy]+)e(?=[bdfklmnpstvz][aeiouy])", r"\1i"),
    # An h after a vowel, not before one, is silent (John, Джон; Sarah, Сара).
    ("(?<=[aeiou])h(?![aeiou])", ""),
)
#: On both: ay, ey, ai, ei are ей, эй, ай (Taylor, Тейлор; Schneider, Шнайдер); w is в;
#: y is и, ы; Г writes H as well as G (Гарри, Harry; Гофман, Hoffmann): one letter.
_BOTH = _rules(
    ("[ae][iy]", "ei"),
    ("w", "v"),
    ("y", "i"),
    ("g", "h"),
    ("z$", "s"),
)
#: What the looser key folds besides: English a is э as often as а (Campbell, Кэмпбелл;
#: Nancy, Нэнси), s between vowels з (Joseph, Джозеф), a French final t or d silent
#: (Dupont, Дюпон; Girard, Жирар).
_LOOSE = _rules(
    ("a", "e"),
    ("z", "s"),
    ("(?<=[nr])[td]$", ""),
)
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)
def transcription_key(name: str, cyrillic: bool) -> str:
    """A folded name (:func:`linkgraph.text.fold_name_part`) keyed so that a Western name
    and its Russian or Ukrainian transcription read back meet (``cyrillic``: the name
    was written in Cyrillic), word by word, doubled letters once.

    Examples:
        >>> transcription_key("james", False), transcription_key("dzheims", True)
        ('jeims', 'jeims')
        >>> transcription_key("wood", False), transcription_key("vud", True)
        ('vud', 'vud')
        >>> transcription_key("william", False), transcription_key("uiliam", True)
        ('viliam', 'viliam')
        >>> transcription_key("muller", False), transcription_key("miuller", True)
        ('muler', 'muler')
    """
    words = []
    for word in name.split():
        for pattern, repl in (*(_FROM_CYRILLIC if cyrillic else _FROM_LATIN), *_BOTH):
            word = pattern.sub(repl, word)
        words.append(_DOUBLED.sub(r"\1", word))
    return " ".join(words)


@lru_cache(maxsize=100_000)
def loose_transcription_key(name: str, cyrillic: bool) -> str:
    """:func:`transcription_key` with a and e, s and z one letter, a final t or d after
    n or r dropped: a closer reading, for names that are close, not the same.

    >>> loose_transcription_key("campbell", False), loose_transcription_key("kempbell", True)
    ('kempbel', 'kempbel')
    """
    words = []
    for word in transcription_key(name, cyrillic).split():
        for pattern, repl in _LOOSE:
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)


def cyrillic_names(*columns: pd.Series) -> np.ndarray:
    """Whether each mention's name (any of ``columns``: its raw name, given and family
    name) is written in Cyrillic letters, in part or whole."""
    out = np.zeros(len(columns[0]) if columns else 0, dtype=bool)
    for col in columns:
        text = pa.array(col.astype(object).where(col.notna(), ""), pa.large_string())
        found = pc.fill_null(pc.match_substring_regex(text, _CYRILLIC.pattern), False)
        out |= np.asarray(found, dtype=bool)
    return out


def keys_of(names: np.ndarray, cyrillic: np.ndarray, *, loose: bool = False) -> np.ndarray:
    """:func:`transcription_key` (``loose``: :func:`loose_transcription_key`) of each
    folded name, read as written in Cyrillic where ``cyrillic``; once per distinct name."""
    key = loose_transcription_key if loose else transcription_key
    out = np.full(len(names), "", dtype=object)
    for flag in (False, True):
        rows = np.flatnonzero(cyrillic == flag)
        if len(rows):
            values, inverse = np.unique(names[rows].astype(str), return_inverse=True)
            mapped = np.array([key(v, flag) for v in values], dtype=object)
            out[rows] = mapped[inverse.reshape(-1)]
    return out


#: The similarity of two names whose transcription keys are equal but not their spellings
#: is 1 (one name); of loose keys, :data:`LOOSE_SIMILARITY` (close); of other keys, their
#: Jaro-Winkler, never above :data:`OTHER_AT_MOST` (alike at most: "Stewart" / "Стюарт").
LOOSE_SIMILARITY, OTHER_AT_MOST = 0.95, 0.9


def key_similarity(
    same: np.ndarray, loose_same: np.ndarray, filled: np.ndarray, jaro_winkler: np.ndarray
) -> np.ndarray:
    """The similarity that two names' transcription keys give them, per pair: 1 where
    the keys are the ``same``, :data:`LOOSE_SIMILARITY` where the loose keys are
    (``loose_same``), else the keys' ``jaro_winkler`` up to :data:`OTHER_AT_MOST`; 0
    where a key is empty (not ``filled``)."""
    out = np.minimum(np.asarray(jaro_winkler, dtype=np.float32), OTHER_AT_MOST)
    out = np.where(loose_same, LOOSE_SIMILARITY, out)
    out = np.where(same, 1.0, out)
    return np.where(filled, out, 0.0).astype(np.float32)
