"""Names in the scripts that leave short vowels out (Arabic, Persian, Urdu, Hebrew) read
against their spellings in Latin letters.

"فاطمة حداد" is "Fatima Haddad", but no transliteration gives back the vowels the script
does not write (unidecode reads it "fTm@ Hdd"). A word in such a script is read instead as
a pattern of the Latin spellings it may have (:func:`abjad_pattern`): each letter the ways
romanisations write it (ح h, خ kh or ch, ش sh or ch, ة a, ah or e or nothing, a long vowel
ا a, aa, e, o or u, و w, v, u, o or ou, ي y, i, e, ee or ai), each consonant perhaps
doubled (the shadda is not written: محمد is Mohammed), and at most one short vowel between
two letters. A Latin word matches it whole or not at all: "Fatma", "Fatimah" and "Fatemeh"
match فاطمة; "Hadid" does not match حداد (its ا is a long a, no i), nor does "Latifa"
match فاطمة. Names that differ only in vowels the script leaves out read alike (Mahmoud
and محمد, as French writes a short u "ou"); a victim's name is matched whole (given and
family name) for that reason.

Each word also has a coarse key (:func:`latin_key`, :func:`abjad_keys`): its consonants
in a few classes, vowels, semivowels and h left out, runs made one. A Latin word that
matches a word's pattern has one of the word's keys, so the keys find the few spellings
worth matching among thousands.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from linkgraph.text import fold

#: Letters of the Arabic script (Arabic, Persian, Urdu; their supplements and presentation
#: forms) and of Hebrew.
ABJAD = (
    "[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
    "\u08a0-\u08ff\ufb1d-\ufb4f\ufb50-\ufdff\ufe70-\ufefc]"
)
ABJAD_RE = re.compile(ABJAD)
#: A word as the skeleton pass reads text: letters, with the vowel points and other marks
#: Arabic and Hebrew may write on them (harakat, niqqud) inside it.
WORD = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])*"
)
#: Marks dropped before a word is read: harakat, niqqud, the tatweel.
_MARKS = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f"
    "\u0670\u06d6-\u06ed]"
)
#: Letters written alike in names: alef with hamza or madda, Persian and Urdu forms.
_SAME = str.maketrans({"\u0671": "\u0627", "\u06cc": "\u064a", "\u06a9": "\u0643",
                       "\u06c1": "\u0647", "\u06be": "\u0647", "\u06c3": "\u0629"})  # fmt: skip

_A = ("a", "e", "i", "o", "u", "aa")  # a vowel that opens a word
_LONG_A = ("a", "aa", "e", "o", "u")  # alef after a letter: ā (Abdullah writes it u)
_W = ("w", "v", "ou", "oo", "uu", "u", "o", "ow", "au")
_Y = ("ee", "ii", "ie", "ei", "ey", "ay", "ai", "i", "y", "e", "iy")
_H_END = ("", "h", "eh", "ah", "e", "a")  # a final ه: Fatemeh, Zahra
#: Arabic-script and Hebrew letter -> the Latin spellings of it: one tuple for every
#: position, or (opening a word, inside it, ending it). "" is a letter not written.
_LETTERS: dict[str, tuple[str, ...] | tuple[tuple[str, ...], ...]] = {
    # Arabic, Persian, Urdu
    "ا": (_A, _LONG_A, _LONG_A), "آ": ("a", "aa"), "أ": (_A, ("", *_A), ("", *_A)),
    "إ": (("i", "e"), ("", "i", "e"), ("", "i", "e")), "ء": ("", "a", "e", "i", "o", "u"),
    "ئ": ("", "i", "e", "y", "a", "ai", "ei", "ee"), "ؤ": ("", "o", "u", "w", "ou", "oo"),
    "ب": ("b",), "پ": ("p",), "ت": ("t",), "ث": ("th", "t", "s"), "ٹ": ("t",),
    "ج": ("j", "g", "dj", "dzh", "zh", "dsch"), "چ": ("ch", "tch", "tsh", "c"),
    "ح": ("h",), "خ": ("kh", "ch", "x", "k"), "د": ("d",), "ڈ": ("d",),
    "ذ": ("dh", "d", "z", "th"), "ر": ("r",), "ڑ": ("r",), "ز": ("z",), "ژ": ("zh", "j", "z"),
    "س": ("s",), "ش": ("sh", "ch", "sch", "s"), "ص": ("s",), "ض": ("d", "dh", "z"),
    "ط": ("t",), "ظ": ("z", "dh", "d"), "ع": ("",), "غ": ("gh", "g"), "ف": ("f", "ph"),
    "ق": ("q", "k", "g", "c"), "ك": ("k", "c", "ck"), "گ": ("g",), "ل": ("l",),
    "م": ("m",), "ن": ("n",), "ں": ("n",), "ه": (("h",), ("h",), _H_END),
    "ة": ("", "a", "ah", "e", "eh"), "و": (("w", "v", "ou", "o", "u"), _W, _W),
    "ي": (("y", "i", "e"), _Y, _Y), "ى": ("a", "aa", "i", "y", "e"), "ے": ("e", "ay", "ai"),
    # Hebrew
    "א": ("",), "ב": ("b", "v"), "ג": ("g", "j"), "ד": ("d",), "ה": (("h",), ("h",), ("", "h")),
    "ו": (("v", "w", "o", "u"), ("v", "w", "o", "u", "ou", "oo"), ("v", "w", "o", "u")),
    "ז": ("z",), "ח": ("ch", "h", "kh", "x"), "ט": ("t",),
    "י": (("y", "j", "i", "e"), ("y", "i", "e", "ei", "ey", "ai", "ay", "ie", "ee"),
          ("y", "i", "e", "ei", "ey", "ai", "ay")),
    "כ": ("k", "kh", "ch", "c"), "ך": ("k", "kh", "ch"), "ל": ("l",), "מ": ("m",), "ם": ("m",),
    "נ": ("n",), "ן": ("n",), "ס": ("s",), "ע": ("",), "פ": ("p", "f", "ph"), "ף": ("f", "ph"),
    "צ": ("tz", "ts", "z", "c", "tsh"), "ץ": ("tz", "ts", "z"), "ק": ("k", "q", "c"),
    "ר": ("r",), "ש": ("sh", "s", "sch"), "ת": ("t", "th", "s"),
}  # fmt: skip
#: At most one short vowel, unwritten, between two letters ("ou" is one in French
#: romanisations of Maghreb names: Houda هدى, Moustafa مصطفى).
_SHORT = "(?:ou|[aeiou])?"
#: The Arabic article ال opening a word, and how Latin spellings write it joined to the
#: name ("al-Zahra", "az-Zahra", "el-Sayed") or leave it out.
_ARTICLE = re.compile("^\u0627\u0644(?=..)")
_ARTICLE_LATIN = ("", "al", "el", "ul", "ad", "adh", "an", "ar", "as", "ash", "at", "ath",
                  "az", "ed", "en", "er", "es", "et", "ez")  # fmt: skip
#: Latin words that are the Arabic article: joined to the next word of a name
#: (:func:`joined_articles`), as are those of :data:`_ARTICLE_LATIN` written with a dash.
ARTICLES = frozenset({"al", "el", "ul"})
#: The one-letter words Arabic and Hebrew write joined to the next ("and", "for", "the"):
#: a name's first word may carry one (وفاطمة, "and Fatima").
PREFIXES = frozenset("وبلفكוהבלמשכ")
#: The runs of two or three of them Hebrew and Arabic write joined to a word: Hebrew
#: "and the", "and in", "and to", "and from", "and that", "when" (כש), "from the" (מה),
#: "that in", "and when" (וכש), "when the"...; Arabic "and with", "and to", "so with"
#: (وب، ول، فب، فل). A name's first word may carry one (ולרחל, "and to Rachel").
PREFIX_RUNS = frozenset({
    "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של", "שמ", "שכ", "כש", "מה", "מש",
    "לכ", "כשה", "כשב", "כשל", "וכש", "ומה", "ושה", "ושב", "ושל", "ושמ", "לכש", "שכש", "ומש",
    "وب", "ول", "وك", "فب", "فل", "فك",
})  # fmt: skip


def prefixed_starts(word: str, least: int = 3) -> list[int]:
    """Where a name may start in a ``word`` in Arabic script or Hebrew that holds it
    after the letters written joined to it (:data:`PREFIXES`, :data:`PREFIX_RUNS`): 0,
    then after one letter, two or three, each leaving ``least`` letters or more.

    Examples:
        >>> prefixed_starts("ורחל"), prefixed_starts("וכשרחל"), prefixed_starts("מהרחל")
        ([0, 1], [0, 1, 2, 3], [0, 1, 2])
        >>> prefixed_starts("רחל"), prefixed_starts("שלום")  # "ום" is too short a name
        ([0], [0, 1])
    """
    out = [0]
    if word[:1] in PREFIXES and len(word) - 1 >= least:
        out.append(1)
    out += [n for n in (2, 3) if word[:n] in PREFIX_RUNS and len(word) - n >= least]
    return out


#: The coarse class of each Latin consonant (vowels, semivowels, h are left out).
_CLASSES = str.maketrans(
    {
        **dict.fromkeys("bpf", "B"),
        **dict.fromkeys("cgjkqxdtsz", "C"),
        **{c: c.upper() for c in "lmnr"},
        **dict.fromkeys("aeiouywvh"),
    }
)
_RUN = re.compile(r"(.)\1+")


def is_abjad(word: str) -> bool:
    """Whether ``word`` is written in Arabic script or Hebrew (its first letter is)."""
    return bool(ABJAD_RE.match(word))


def abjad_word(word: str) -> str:
    """``word`` as it is read: NFKC, marks (harakat, niqqud, tatweel) dropped, letters
    written alike in names made one (Persian ی and ک as Arabic ي and ك)."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", word)).translate(_SAME)


#: Letters Arabic writes one for another in names: ة for ه, ى for ي, alef with or without
#: hamza or madda, hamza on its carrier.
_ALIKE = str.maketrans({"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي"})


def abjad_letters(word: str) -> str:
    """``word`` (Arabic script or Hebrew, :func:`abjad_word`) with the letters Arabic
    writes one for another in names made one: "فاطمه" and "فاطمة", "العلى" and "العلي",
    "احمد" and "أحمد" are alike.

    Examples:
        >>> abjad_letters("فاطمه") == abjad_letters("فاطمة")
        True
        >>> abjad_letters("احمد") == abjad_letters("أحمد")
        True
    """
    return abjad_word(word).translate(_ALIKE)


def latin_word(word: str) -> str:
    """``word`` in lower-case ASCII letters (:func:`linkgraph.text.fold`), as a pattern
    reads it: "Ḥaddād" is "haddad"."""
    return fold(word).replace(" ", "")


def latin_key(word: str) -> str:
    """The coarse key of a Latin word (lower-case ASCII): its consonants in classes (b p
    f; c g j k q x d t s z; l; m; n; r), a run of one class once.

    Examples:
        >>> latin_key("haddad"), latin_key("fatima"), latin_key("mohammed")
        ('C', 'BCM', 'MC')
    """
    return _RUN.sub(r"\1", word.translate(_CLASSES))


@functools.lru_cache(maxsize=1 << 14)
def _read(word: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """:func:`abjad_pattern` and :func:`abjad_keys` of ``word``, made once."""
    word = abjad_word(word)
    article = bool(_ARTICLE.match(word))
    if article:
        word = word[2:]
    if len(word) < 2 or any(c not in _LETTERS for c in word):
        return None
    pieces: list[str] = []
    keys = {""}
    if article:
        written = sorted((a for a in _ARTICLE_LATIN if a), key=len, reverse=True)
        pieces.append(f"(?:{'|'.join(written)})?")
        keys = {latin_key(a) for a in _ARTICLE_LATIN}
    last = len(word) - 1
    for at, letter in enumerate(word):
        spellings = _LETTERS[letter]
        if isinstance(spellings[0], tuple):
            spellings = spellings[0 if at == 0 else 2 if at == last else 1]
        alternatives = sorted(set(spellings), key=len, reverse=True)
        written = [a for a in alternatives if a]
        piece = "|".join(written)
        vowel = all(not latin_key(a) for a in written) or "" in alternatives
        if not written:
            piece = ""
        elif vowel:
            piece = f"(?:{piece})" + ("?" if "" in alternatives else "")
        else:
            piece = f"(?:{piece}){{1,2}}"  # a consonant, perhaps doubled (no shadda)
        pieces.append(piece)
        keys = {_RUN.sub(r"\1", k + latin_key(a)) for k in keys for a in alternatives}
    pattern = pieces[0] if not article else pieces[0] + pieces[1]
    for piece in pieces[1 if not article else 2 :]:
        pattern += _SHORT + piece
    return re.compile(pattern), frozenset(keys)


def abjad_pattern(word: str) -> re.Pattern[str] | None:
    """The Latin spellings ``word`` (Arabic script or Hebrew) may have, as a pattern a
    folded Latin word (:func:`latin_word`) must match whole; None for a word of fewer
    than two letters or with a letter not known.

    Examples:
        >>> p = abjad_pattern("فاطمة")
        >>> [bool(p.fullmatch(w)) for w in ("fatima", "fatma", "fatimah", "fatemeh", "latifa")]
        [True, True, True, True, False]
        >>> h, m = abjad_pattern("حداد"), abjad_pattern("محمد")
        >>> [bool(h.fullmatch(w)) for w in ("haddad", "hadad", "hadid")]
        [True, True, False]
        >>> [bool(m.fullmatch(w)) for w in ("mohammed", "muhammad", "hamid", "mahmoud")]
        [True, True, False, True]
        >>> c, r = abjad_pattern("כהן"), abjad_pattern("מרים")
        >>> [bool(c.fullmatch("cohen")), bool(r.fullmatch("miriam")), bool(r.fullmatch("maryam"))]
        [True, True, True]
        >>> bool(abjad_pattern("الزهراء").fullmatch("alzahra"))
        True
    """
    found = _read(word)
    return None if found is None else found[0]


def abjad_keys(word: str) -> frozenset[str]:
    """The coarse keys (:func:`latin_key`) of the Latin spellings ``word`` may have
    (:func:`abjad_pattern`): each Latin word the pattern matches has one of them. Empty
    for a word that has no pattern.

    Examples:
        >>> sorted(abjad_keys("فاطمة")), sorted(abjad_keys("חנה"))
        (['BCM'], ['CN', 'N'])
    """
    found = _read(word)
    return frozenset() if found is None else found[1]


def joined_articles(words: list[str], gaps: list[str] | None = None) -> list[tuple[int, int]]:
    """The runs of ``words`` (folded Latin words) that make one word of a name: the
    Arabic article written apart ("al Zahra", "el-Sayed"; "as-Sabah" with a dash:
    ``gaps``, the text between each word and the next) joined to the word after it. Each
    run is (first, last) index.

    Examples:
        >>> joined_articles(["fatima", "al", "zahra"])
        [(0, 0), (1, 2)]
        >>> joined_articles(["as", "sabah"], ["-"]), joined_articles(["as", "sabah"], [" "])
        ([(0, 1)], [(0, 0), (1, 1)])
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        word = words[i]
        dashed = gaps is not None and i < len(gaps) and gaps[i].strip() == "-"
        if i + 1 < len(words) and (word in ARTICLES or (dashed and word in _ARTICLE_LATIN)):
            out.append((i, i + 1))
            i += 2
        else:
            out.append((i, i))
            i += 1
    return out
