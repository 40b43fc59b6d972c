"""Text folding shared by every stage: Unicode, case, diacritics and script, for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "mme",
        "mlle",
        "herr",
        "frau",
        "sr",
        "sra",
        "srta",
        "don",
        "dona",
        "jr",
        "ii",
        "iii",
        "iv",
        "phd",
        "md",
        "esq",
        # Honorifics and styles of rank (not those that are also given names or
        # surnames: Earl, Duke, Baron, Major, General).
        "lady",
        "lord",
        "dame",
        "rev",
        "revd",
        "reverend",
        "hon",
        "capt",
        "lt",
        "sgt",
        "baronet",
        "bt",
        "viscount",
        "viscountess",
        "countess",
        "duchess",
        "marquess",
        "marchioness",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Apostrophes join, they do not split: the Cyrillic soft sign transliterates to one
# ("Панасицький" -> "panasits'kii"), and O'Brien is one name.
_APOSTROPHE = re.compile(r"['`\u2019\u02bc\u00b4]")


#: Characters that change how text around them is shown without being seen: bidi marks,
#: embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069;
#: "Trojan Source" spoofing, "abc\u202eexe.txt" reads "abctxt.exe"), the zero-width space,
#: the word joiner and a byte-order mark inside text. ZWNJ and ZWJ (U+200C, U+200D) are
#: only invisible beside a Latin, Greek or Cyrillic letter or digit (:data:`STRAY_JOINER`):
#: Persian, Arabic and Indic names and emoji sequences need them, and they cannot reorder text.
INVISIBLE_CHARACTERS = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
#: One of :data:`INVISIBLE_CHARACTERS` (a character class, for ``re`` and Arrow's RE2).
INVISIBLE = f"[{INVISIBLE_CHARACTERS}]"
_INVISIBLE = re.compile(INVISIBLE)
#: Letters and digits of the scripts that never join (Latin, Greek, Cyrillic).
_UNJOINED = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
    "\u0370-\u03ff\u0400-\u052f"
)
_JOINERS = "[\u200c\u200d]+"
#: Zero-width joiners and non-joiners after or before a Latin, Greek or Cyrillic letter or
#: digit, where they change nothing shown ("Wi\u200ddth" reads "Width"): groups 1 and 4 are
#: the letter to keep, 2 and 3 the joiners (for ``re`` and Arrow's RE2, which has no
#: look-behind). Those between Arabic, Persian or Indic letters, or in emoji, stay.
STRAY_JOINER = f"([{_UNJOINED}])({_JOINERS})|({_JOINERS})([{_UNJOINED}])"
#: What :data:`STRAY_JOINER` is replaced with: the letter, without the joiners.
STRAY_JOINER_KEPT = r"\1\4"
#: :data:`INVISIBLE` or :data:`STRAY_JOINER`: text holding something :func:`strip_invisible`
#: removes.
HIDDEN = f"{INVISIBLE}|{STRAY_JOINER}"
_STRAY_JOINER = re.compile(STRAY_JOINER)


def strip_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE_CHARACTERS`, nor zero-width joiners beside Latin,
    Greek or Cyrillic letters (:data:`STRAY_JOINER`).

    Examples:
        >>> strip_invisible("Ana\u202eexe.txt\u200b"), strip_invisible("Wi\u200ddth")
        ('Anaexe.txt', 'Width')
        >>> alireza = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627"  # Persian: kept
        >>> strip_invisible(alireza) == alireza
        True
    """
    return _STRAY_JOINER.sub(STRAY_JOINER_KEPT, _INVISIBLE.sub("", text))


#: Hidden characters (:data:`INVISIBLE` or a zero-width joiner or non-joiner, one at
#: least) between two letters, the second captured and not consumed: where they stand
#: between a lower-case and an upper-case letter ("Ioana\u2060Radu",
#: "Svetlana\u200dPetrova") they part two words, which :func:`part_glued_words` keeps.
#: (Arabic, Persian and Indic letters have no case: their joiners are never parted.)
_BETWEEN_LETTERS = re.compile(f"([^\\W\\d_])[{INVISIBLE_CHARACTERS}\u200c\u200d]+(?=([^\\W\\d_]))")


def part_glued_words(text: str) -> str:
    """``text`` with each run of :data:`INVISIBLE_CHARACTERS` or zero-width (non-)joiners
    between a lower-case and an upper-case letter made one space: a zero-width space, word
    joiner or joiner glues two words there ("Ioana\u2060Radu" shows as "IoanaRadu", read as
    two names; "Svetlana\u200dPetrova" too); elsewhere they are left for
    :func:`strip_invisible` ("Ma\u200bria" is "Maria", "Wi\u200ddth" "Width").

    Examples:
        >>> part_glued_words("Ioana\u2060Radu"), part_glued_words("Ma\u200bria") == "Ma\u200bria"
        ('Ioana Radu', True)
        >>> part_glued_words("Svetlana\u200dPetrova")
        'Svetlana Petrova'
        >>> part_glued_words("Wi\u200ddth") == "Wi\u200ddth"
        True
    """
    return _BETWEEN_LETTERS.sub(_parted, text)


def _parted(found: re.Match[str]) -> str:
    before, after = found.group(1), found.group(2)
    if before.islower() and after.isupper():
        return before + " "
    return found.group(0)


def show_invisible(text: str) -> str:
    """``text`` with each of :data:`INVISIBLE_CHARACTERS` (and each stray joiner) written
    as a visible ``[U+XXXX]``.

    Examples:
        >>> show_invisible("Ana\u202eexe.txt"), show_invisible("Wi\u200ddth")
        ('Ana[U+202E]exe.txt', 'Wi[U+200D]dth')
    """
    shown = _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    return _STRAY_JOINER.sub(_shown_joiners, shown)


def _shown_joiners(found: re.Match[str]) -> str:
    """A :data:`STRAY_JOINER` match with its joiners written as ``[U+XXXX]``."""
    joiners = found.group(2) or found.group(3)
    marks = "".join(f"[U+{ord(c):04X}]" for c in joiners)
    return f"{found.group(1) or ''}{marks}{found.group(4) or ''}"


def repair_mojibake(text: str) -> str:
    """``text`` read back as UTF-8 where each of its UTF-8 bytes was written as one code
    point (Meta's "Download your information" JSON writes "Aïcha" as ``A\\u00c3\\u00afcha``):
    only when every character is a Latin-1 code point, one at least is not ASCII, and the
    bytes are valid UTF-8 (so a true "Ã" or "é" alone is kept as written).

    Examples:
        >>> repair_mojibake("A\\u00c3\\u00afcha Traor\\u00c3\\u00a9"), repair_mojibake("Müller")
        ('Aïcha Traoré', 'Müller')
    """
    if text.isascii() or any(ord(ch) > 0xFF for ch in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


#: Per character of Windows-1252 above Latin-1 ("ž", "‚", "Ÿ", "€"), its byte.
_CP1252_BYTES = {ch: i for i in range(0x80, 0xA0) if (ch := bytes([i]).decode("cp1252", "ignore"))}
#: A UTF-8 lead byte (0xC2-0xF4) read as one Windows-1252 or Latin-1 character, then a
#: continuation byte (0x80-0xBF) read so: the mark of UTF-8 read in the wrong encoding.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf" + "".join(sorted(_CP1252_BYTES)) + "]")


def _mojibake_bytes(text: str) -> bytes | None:
    """``text`` written back in Windows-1252 (Latin-1 for the five bytes it leaves
    undefined, 0x81 0x8D 0x8F 0x90 0x9D, which decoders pass through as C1 controls);
    None when a character is in neither."""
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x80 or 0xA0 <= code <= 0xFF or code in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
            out.append(code)
        elif ch in _CP1252_BYTES:
            out.append(_CP1252_BYTES[ch])
        else:
            return None
    return bytes(out)


def repair_name_mojibake(text: str) -> str:
    """``text`` with UTF-8 read as Windows-1252 or Latin-1 repaired ("ÅžÃ¼krÃ¼" is
    "Şükrü", "MaÅ‚gorzata" "Małgorzata", "StrauÃŸ" "Strauß"), twice read so too;
    only when the text written back in that encoding is valid UTF-8 and the result
    holds fewer of mojibake's marks (:data:`_MOJIBAKE_PAIR`): a name truly written
    "Ã" or "é" is kept as written. A matching key's first step (:func:`fold_name_word`):
    the name as recorded is kept.

    Examples:
        >>> repair_name_mojibake("ÅžÃ¼krÃ¼"), repair_name_mojibake("Ã–ztÃ¼rk")
        ('Şükrü', 'Öztürk')
        >>> repair_name_mojibake("Ä°brahim"), repair_name_mojibake("MÃƒÂ¼ller")
        ('İbrahim', 'Müller')
        >>> [repair_name_mojibake(n) for n in ("Müller", "Ãngel", "Ñuñez")]
        ['Müller', 'Ãngel', 'Ñuñez']
    """
    for _ in range(3):
        marks = len(_MOJIBAKE_PAIR.findall(text))
        if not marks:
            return text
        raw = _mojibake_bytes(text)
        if raw is None:
            return text
        try:
            repaired = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
        if len(_MOJIBAKE_PAIR.findall(repaired)) >= marks:
            return text
        text = repaired
    return text


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """NFKC, transliterate any script to Latin, drop diacritics, lower-case, one space.

    Examples:
        >>> fold("  Ólafur   Þórsson ")
        'olafur thorsson'
        >>> fold("Александр Коваленко")
        'aleksandr kovalenko'
        >>> fold("Панасицький, Мар'яна O'Brien")
        'panasitskii mariana obrien'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _APOSTROPHE.sub("", unidecode(_APOSTROPHE.sub("", text))).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def fold_name_part(text: str | None) -> str:
    """:func:`fold_name` of a given name or a family name alone: a word in Hangul is not
    split into family and given name ("지훈" is "jihun", "남궁" is "namgung").

    >>> fold_name_part("지훈"), fold_name_part("남궁"), fold_name("지훈")
    ('jihun', 'namgung', 'hun ji')
    """
    if text is None or text != text:  # None or NaN
        return ""
    return " ".join(t for part in str(text).split(" ") if (t := fold_name_word(part)))


def fold_name(text: str | None) -> str:
    """A person or organisation name folded for matching, titles and suffixes removed,
    "FAMILY, Given" turned into "given family". Empty string for missing names.

    The original spelling is kept elsewhere: this is only a matching key.

    Examples:
        >>> fold_name("KOVALENKO, Oleksandr")
        'oleksandr kovalenko'
        >>> fold_name("Dr. José  Pérez Jr.")
        'jose perez'
        >>> fold_name(None)
        ''
    """
    if text is None or text != text:  # None or NaN
        return ""
    text = str(text)
    if text.count(",") == 1:
        family, given = text.split(",")
        if family.strip() and given.strip():
            text = f"{given} {family}"
    # Folded word by word: fold() works character by character and splits on spaces, so
    # this is the same key, and the cache of fold() then serves the ~thousands of distinct
    # words instead of the ~millions of distinct full names.
    hangul = hangul_name(text) or han_name(text)
    if hangul:
        return hangul
    return " ".join(t for part in text.split(" ") if (t := fold_name_word(part)))


#: Characters of other scripts than Latin (Latin letters, their diacritics and
#: Vietnamese's extended letters, digits and punctuation are not).
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff]")
#: Letters of a script other than Latin (Greek to Mongolian, Greek Extended, CJK and the
#: rest of the BMP's scripts, presentation forms; not general punctuation, nor Latin
#: Extended Additional, Vietnamese's): a pattern both Python's re and pyarrow (RE2) read.
OTHER_SCRIPT = "[\u0370-\u1dff\u1f00-\u1fff\u2e80-\ufaff\ufb1d-\ufdff\ufe70-\ufeff]"
OTHER_SCRIPT_RE = re.compile(OTHER_SCRIPT)
#: Arabic-script letters (Arabic, its supplement and extended blocks, presentation forms).
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: "Son of" and "daughter of" in Arabic script, spelt as Latin names write them.
_ARABIC_NASAB = {"\u0628\u0646": "bin", "\u0627\u0628\u0646": "ibn", "\u0625\u0628\u0646": "ibn",
                 "\u0628\u0646\u062a": "bint"}  # fmt: skip
#: The Arabic article ال (alif, with or without hamza or wasla, and lam) opening a word.
_ARABIC_ARTICLE = re.compile(r"^[\u0627\u0623\u0625\u0671]\u0644(?=\S{2})")


@lru_cache(maxsize=200_000)
def fold_name_word(word: str) -> str:
    """One space-separated word of a name folded (:func:`fold`), as :func:`fold_name`
    keys it: a title ("Mr", "Dr") dropped only when the word is written in Latin script
    ("عمر" folds to "mr", and is the name Umar), the Arabic article ال written apart
    ("الرشيد" as "al rshyd", as the Latin "al-Rasheed" folds), a Korean family name in
    Hangul in its common spelling (:data:`KOREAN_FAMILY_NAMES`).

    Examples:
        >>> fold_name_word("Mr."), fold_name_word("عمر"), fold_name_word("الرشيد")
        ('', 'mr', 'al rshyd')
        >>> fold_name_word("بن"), fold_name_word("بنت")
        ('bin', 'bint')
        >>> fold_name_word("김"), fold_name_word("최")
        ('kim', 'choi')
    """
    if word in KOREAN_FAMILY_NAMES:
        return KOREAN_FAMILY_NAMES[word]
    if not word.isascii():
        word = repair_name_mojibake(word)
    if _ARABIC.search(word):
        word = unicodedata.normalize("NFKC", word)
        if word in _ARABIC_NASAB:
            return _ARABIC_NASAB[word]
        if _ARABIC_ARTICLE.match(word):
            return f"al {fold(word[2:])}".strip()
    tokens = fold(word).split()
    if not _NOT_LATIN.search(word):
        tokens = [t for t in tokens if t not in _TITLES]
    return " ".join(tokens)


#: Korean family names in Hangul and their commonest spelling in Latin letters (passports
#: and registers write 김 Kim, not Gim as Revised Romanization would), the two-syllable
#: ones among them (남궁 Namgung).
KOREAN_FAMILY_NAMES = {
    "김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang",
    "조": "cho", "윤": "yoon", "장": "jang", "임": "lim", "한": "han", "오": "oh",
    "서": "seo", "신": "shin", "권": "kwon", "황": "hwang", "안": "ahn", "송": "song",
    "전": "jeon", "홍": "hong", "유": "yoo", "고": "ko", "문": "moon", "양": "yang",
    "손": "son", "배": "bae", "백": "baek", "허": "heo", "남": "nam", "심": "shim",
    "노": "noh", "하": "ha", "곽": "kwak", "성": "sung", "차": "cha", "주": "joo",
    "우": "woo", "구": "koo", "민": "min", "류": "ryu", "나": "na", "진": "jin",
    "지": "ji", "엄": "um", "채": "chae", "원": "won", "천": "cheon", "방": "bang",
    "공": "kong", "현": "hyun", "함": "ham", "변": "byun", "염": "yeom", "여": "yeo",
    "추": "choo", "도": "do", "소": "so", "석": "seok", "선": "sun", "설": "seol",
    "마": "ma", "길": "gil", "연": "yeon", "위": "wi", "표": "pyo", "명": "myung",
    "기": "ki", "반": "ban", "왕": "wang", "금": "keum", "옥": "ok", "육": "yook",
    "인": "in", "맹": "maeng", "제": "je", "모": "mo", "탁": "tak", "국": "kook",
    "남궁": "namgung", "제갈": "jegal", "선우": "sunwoo", "독고": "dokgo",
    "황보": "hwangbo", "사공": "sagong", "서문": "seomun",
}  # fmt: skip
#: A name written in Hangul syllables alone, in one word or several.
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)*$")


def hangul_name(text: str) -> str:
    """A Korean name written in Hangul, folded given name first as :func:`fold_name` keys
    names: the family name (the first syllable, or the first two of a two-syllable family
    name such as 남궁, or the first word) in its common Latin spelling, then the given name
    in Revised Romanization, run together ("김지훈" -> "jihun kim", "남궁민" -> "min
    namgung", "이 서연" and "서연 이" -> "seoyeon lee"). "" for other text, and for one
    word of a single syllable or of more than five.

    Examples:
        >>> hangul_name("김지훈"), hangul_name("이서연"), hangul_name("제갈공명")
        ('jihun kim', 'seoyeon lee', 'gongmyeong jegal')
        >>> hangul_name("Kim Ji-hoon"), hangul_name("김")
        ('', '')
    """
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not _HANGUL_NAME.match(text):
        return ""
    words = text.split(" ")
    if len(words) == 1:
        word = words[0]
        if not 2 <= len(word) <= 5:
            return ""
        cut = 2 if len(word) >= 3 and word[:2] in KOREAN_FAMILY_NAMES else 1
        family, given = word[:cut], word[cut:]
    elif words[-1] in KOREAN_FAMILY_NAMES and words[0] not in KOREAN_FAMILY_NAMES:
        family, given = words[-1], "".join(words[:-1])  # given name first: "지훈 김"
    else:
        family, given = words[0], "".join(words[1:])
    family_key = KOREAN_FAMILY_NAMES.get(family) or fold(family).replace(" ", "")
    return f"{fold(given).replace(' ', '')} {family_key}"


#: Common Chinese family names of one character, simplified and traditional: a name in
#: Han characters opening with one of them is read family name first (:func:`han_name`).
#: A Japanese name in kanji has no such rule (山田太郎, 田中実: the family name is one,
#: two or three characters), and is read as before unless it opens with one of these.
CHINESE_FAMILY_NAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳"
    "翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲"
    "虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻"
    "張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閻龍賀顧龔萬錢嚴湯溫齊喬龐顏"
    "聶魯蔣蘭寧紀畢駱藍靳鮑饒時農車項蘆麥婁竇岑黨費衛臧閔鄔邊師欒隋榮鞏遲鄺譚樂"
)
#: Chinese family names of two characters (欧阳 Ouyang, 司马 Sima...), simplified and
#: traditional: the first two characters of a name opening with one are its family name.
CHINESE_COMPOUND_FAMILY_NAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "司徒",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "夏侯",
        "令狐",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "钟离",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "闻人",
        "濮阳",
        "赫连",
        "歐陽",
        "司馬",
        "諸葛",
        "東方",
        "尉遲",
        "公孫",
        "長孫",
        "令狐",
        "軒轅",
        "獨孤",
        "鍾離",
        "澹臺",
        "聞人",
        "濮陽",
        "赫連",
    ]
)
#: Characters whose reading in a name differs from the one unidecode gives (娜 nà, not nuó;
#: 万 wàn, not mò).
_HAN_NAME_READINGS = {"娜": "na", "万": "wan"}
#: Family names whose reading as a family name differs from the one unidecode gives
#: (单 Shan, not dan; 曾 Zeng, not ceng; 长孙 Zhangsun), simplified and traditional.
HAN_FAMILY_READINGS = {
    "单": "shan", "單": "shan", "曾": "zeng", "解": "xie", "区": "ou", "區": "ou",
    "仇": "qiu", "朴": "piao", "查": "zha", "乐": "yue", "樂": "yue", "盖": "ge",
    "蓋": "ge", "覃": "qin", "翟": "zhai", "缪": "miao", "繆": "miao", "柏": "bai",
    "长孙": "zhangsun", "長孫": "zhangsun", "尉迟": "yuchi", "尉遲": "yuchi",
}  # fmt: skip
#: A name written in Han characters alone, in one word.
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf]{2,4}$")


def han_name(text: str) -> str:
    """A Chinese name written in Han characters without a space, folded given name first as
    :func:`fold_name` keys names: the family name is the first character (or the first two
    of a compound family name, :data:`CHINESE_COMPOUND_FAMILY_NAMES`), the given name the
    rest, its syllables run together as Latin passports write them ("王建华" -> "jianhua
    wang", "欧阳娜" -> "na ouyang"). "" for other text, and for a name whose split is not
    known: one not opening with a common Chinese family name
    (:data:`CHINESE_FAMILY_NAMES`), or four characters without a compound family name
    (more often a Japanese name, 佐藤健太, than a Chinese one).

    Examples:
        >>> han_name("王建华"), han_name("黄娜"), han_name("欧阳娜"), han_name("司马光")
        ('jianhua wang', 'na huang', 'na ouyang', 'guang sima')
        >>> han_name("佐藤健太"), han_name("山田太郎"), han_name("王"), han_name("Wang Min")
        ('', '', '', '')
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not _HAN_NAME.match(text):
        return ""
    if text[:2] in CHINESE_COMPOUND_FAMILY_NAMES and len(text) >= 3:
        family, given = text[:2], text[2:]
    elif text[0] in CHINESE_FAMILY_NAMES and len(text) <= 3:
        family, given = text[:1], text[1:]
    else:
        return ""
    return f"{''.join(han_syllables(given))} {han_family_reading(family)}"


def han_syllables(chars: str) -> list[str]:
    """The reading of each Han character of ``chars`` in a name, in pinyin without tones
    (unidecode's, but for :data:`_HAN_NAME_READINGS`).

    Examples:
        >>> han_syllables("王秀英"), han_syllables("李娜")
        (['wang', 'xiu', 'ying'], ['li', 'na'])
    """
    return [_HAN_NAME_READINGS.get(c) or fold(c).replace(" ", "") for c in chars]


def han_family_reading(chars: str) -> str:
    """The reading of a Chinese family name (one character or two) in pinyin without
    tones, as a family name is read (:data:`HAN_FAMILY_READINGS`: 曾 is Zeng, 单 Shan).

    Examples:
        >>> han_family_reading("曾"), han_family_reading("欧阳"), han_family_reading("王")
        ('zeng', 'ouyang', 'wang')
    """
    return HAN_FAMILY_READINGS.get(chars) or "".join(han_syllables(chars))


#: The syllables of Mandarin in pinyin without tones (ü written u, as passports and
#: :func:`fold` write it): what a romanised Chinese given name run together ("Xiuying")
#: or hyphenated ("Xiu-ying") is made of.
PINYIN_SYLLABLES = frozenset(
    """a ai an ang ao e ei en eng er o ou
    ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
    pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
    fa fan fang fei fen feng fo fou fu
    da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan dui dun duo
    ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
    na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan
    nun nuo nue
    la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu
    luan lun luo lue
    ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
    ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
    ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
    ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
    xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
    zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang
    zhui zhun zhuo
    cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui
    chun chuo
    sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
    shun shuo
    ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
    ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
    sa sai san sang sao se sen seng si song sou su suan sui sun suo
    ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
    wa wai wan wang wei wen weng wo wu""".split()  # noqa: SIM905 (a table, read as one)
)
_PINYIN_LONGEST = 6


@lru_cache(maxsize=4096)
def pinyin_splits(word: str) -> tuple[tuple[str, ...], ...]:
    """The ways a folded ``word`` reads as two pinyin syllables (:data:`PINYIN_SYLLABLES`),
    as a romanised Chinese given name of two characters is written run together
    ("xiuying": xiu ying); the second not opening with a, e or o (pinyin writes such a
    syllable after another with an apostrophe, "Xi'an": "jianhua" is jian hua, not ji an
    hua). None for a word of one syllable, of more than two or of none.

    Examples:
        >>> pinyin_splits("xiuying"), pinyin_splits("jianhua"), pinyin_splits("xian")
        ((('xiu', 'ying'),), (('jian', 'hua'),), ())
        >>> pinyin_splits("maria"), pinyin_splits("mingyu")
        ((), (('ming', 'yu'),))
    """
    found: list[tuple[str, ...]] = []

    def split(at: int, taken: tuple[str, ...]) -> None:
        if at == len(word):
            if len(taken) == 2:
                found.append(taken)
            return
        if len(taken) == 2:
            return
        for end in range(at + 1, min(len(word), at + _PINYIN_LONGEST) + 1):
            syllable = word[at:end]
            if syllable in PINYIN_SYLLABLES and (not taken or syllable[0] not in "aeo"):
                split(end, (*taken, syllable))

    if word.isascii() and word.isalpha():
        split(0, ())
    return tuple(found)
