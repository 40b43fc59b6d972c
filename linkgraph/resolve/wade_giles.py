"""Chinese names in two romanisations: Wade-Giles (Taiwan, Hong Kong, older passports
and the diaspora: "Chang Chun", "Hsu", "Ch'en") and Hanyu pinyin (the mainland:
"Zhang Jun", "Xu", "Chen"). :func:`romanised_key` reads a folded name as syllables of
either and gives one key for the spellings that may be one name: "jun" and "chun"
(Wade-Giles chün, its umlaut and apostrophe often dropped), "xu" and "hsu", "zhang" and
"chang", "zhou" and "chou", "guo" and "kuo", "deng" and "teng", "cai" and "tsai",
"xie" and "hsieh", "zi" and "tzu", "ren" and "jen", "song" and "sung".

No maintained PyPI library converts Wade-Giles to pinyin (``pypinyin``, ``xpinyin`` and
``dragonmapper`` read Chinese characters or convert pinyin to zhuyin and IPA only), and
the names meet here as written, without characters: so this is a small table of the
well-known syllable rules. Written without apostrophes and umlauts (as passports and
police records mostly give them), a Wade-Giles initial stands for two or four pinyin
ones (ch: zh, ch, j or q; k: g or k; t: d or t; p: b or p; ts/tz: z or c), so the key
merges those: it says "may be one name", which comparison counts as a close spelling,
never as the same name.
"""

from __future__ import annotations

from functools import lru_cache

#: Initials, longest first, and the class each stands for in the key: the pinyin
#: initials a Wade-Giles one may be, merged (aspiration and the umlaut are not written).
_INITIALS = (
    ("tz", "Z"), ("ts", "Z"), ("ch", "C"), ("zh", "C"), ("hs", "X"), ("sh", "S"),
    ("ss", "s"), ("sz", "s"),
    ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"),
    ("j", "C"), ("q", "C"), ("x", "X"), ("z", "Z"), ("c", "Z"), ("r", "R"),
    ("m", "m"), ("f", "f"), ("n", "n"), ("l", "l"), ("h", "h"), ("s", "s"),
    ("y", "y"), ("w", "w"), ("", ""),
)  # fmt: skip
#: Finals of either system, and the pinyin spelling of the Wade-Giles ones.
_FINALS = {
    "a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao", "e": "e", "ei": "ei",
    "en": "en", "eng": "eng", "er": "er", "erh": "er", "o": "o", "ong": "ong", "ung": "ong",
    "ou": "ou", "i": "i", "ia": "ia", "ian": "ian", "ien": "ian", "iang": "iang",
    "iao": "iao", "ie": "ie", "ieh": "ie", "in": "in", "ing": "ing", "iong": "iong",
    "iung": "iong", "iu": "iu", "ih": "i", "u": "u", "ua": "ua", "uai": "uai", "uan": "uan",
    "uang": "uang", "ue": "ue", "ueh": "ue", "uei": "ui", "ui": "ui", "un": "un", "uo": "uo",
    "eh": "e",
}  # fmt: skip
#: Wade-Giles "j" before these finals is pinyin "r" (jen, jang, jih, jung); before i
#: and u it is pinyin "j" (ji, jun: Wade-Giles chi, chün).
_WG_R_FINALS = frozenset({"a", "an", "ang", "ao", "e", "en", "eng", "ih", "o", "ou", "ung", "ui"})
#: The finals pinyin "r" and "f" take (so that "Maria" is no "ma ria").
_R_FINALS = frozenset({"an", "ang", "ao", "e", "en", "eng", "i", "ong", "ou", "u", "uan", "ui",
                       "un", "uo"})  # fmt: skip
_F_FINALS = frozenset({"a", "an", "ang", "ei", "en", "eng", "o", "ou", "u"})


def _syllable_key(syllable: str) -> str | None:
    found = next(
        ((i, c) for i, c in _INITIALS if syllable.startswith(i) and syllable[len(i) :] in _FINALS),
        None,
    )
    if found is None:
        return None
    initial, cls = found
    final = syllable[len(initial) :]
    if initial == "j" and final in _WG_R_FINALS:
        cls = "R"
    if initial == "r" and final not in _R_FINALS:
        return None  # no "ria", "rin": pinyin r takes these alone
    if initial == "f" and final not in _F_FINALS:
        return None
    if cls == "":
        if final == "i":  # Wade-Giles "i" alone is pinyin "yi"
            return "yi"
        if final not in ("a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "er", "erh",
                         "o", "ou"):  # fmt: skip
            return None
    pinyin = _FINALS[final]
    if initial in ("tz", "ss", "sz") and final == "u":
        pinyin = "i"  # tzu, ssu: pinyin zi, si
    elif cls in ("K", "h") and final == "o":
        pinyin = "e"  # ko, ho: pinyin ge, he
    return cls + pinyin


@lru_cache(maxsize=65536)
def romanised_key(name: str) -> str:
    """The key of a folded name read as Chinese syllables in pinyin or Wade-Giles
    (its words, each one or two syllables, run together), "" when it does not read so.

    >>> [romanised_key(n) for n in ("jun", "chun", "xu", "hsu", "zhang", "chang")]
    ['Cun', 'Cun', 'Xu', 'Xu', 'Cang', 'Cang']
    >>> romanised_key("chen") == romanised_key("chen"), romanised_key("hsiao ling")
    (True, 'Xiaoling')
    >>> romanised_key("tzu") == romanised_key("zi"), romanised_key("jen") == romanised_key("ren")
    (True, True)
    >>> romanised_key("kuo") == romanised_key("guo"), romanised_key("sung") == romanised_key("song")
    (True, True)
    >>> romanised_key("smith"), romanised_key("olena")
    ('', '')
    """
    words = []
    for word in name.split():
        keys = _parse(word)
        if keys is None:
            return ""
        words.append("".join(keys))
    return "".join(words)  # "Hsiao-ling", "Xiaoling": one given name


def _parse(word: str) -> list[str] | None:
    """The keys of ``word`` read as one or two syllables (a Chinese given name's, or a
    family name's), the second with an initial (pinyin writes "Xi'an" apart), or None."""
    whole = _syllable_key(word)
    if whole is not None:
        return [whole]
    for n in range(min(6, len(word) - 1), 0, -1):
        first, rest = _syllable_key(word[:n]), word[n:]
        if first is None or rest[0] in "aeiou":
            continue
        second = _syllable_key(rest)
        if second is not None:
            return [first, second]
    return None
