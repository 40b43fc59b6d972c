"""Normalisers: one function per value type (text, name, phone, email, date, country, ...).

Each function takes one raw value and returns its canonical form, or ``None`` when the value
is empty. A value that is present but cannot be normalised raises ``ValueError``; the caller
keeps it raw, flags it and reports it (see :func:`apply_unique`). The functions are called once
per distinct value of a column, never once per row.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from datetime import date as _date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest._booking_words import (
    BOOKING_WORDS,
    booking_words_only,
    name_after_phrase,
    opening_phrase,
    without_label,
)
from linkgraph.ingest._countries import (
    ALPHA3,
    ENGLISH_NAMES,
    EXTRA_NAMES,
    slavic_adjective_stem,
    slavic_adjectives,
)
from linkgraph.text import fold, strip_invisible

_SPACE = re.compile(r"\s+")
# Control characters except tab and newline: what text() removes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_TAG = re.compile(r"<[^<>]{0,200}>")
#: A cell a spreadsheet would run, checked after leading whitespace: ``=`` then anything,
#: ``@`` then a function call (``@SUM(``), or ``@ + -`` then a DDE command (``+cmd|``); not
#: a signed number (``+40 721``, ``-3+4``) nor a handle (``@anna``). Each match holds
#: ``=``, ``@`` or ``|``, which ingest scans a column for before matching.
FORMULA = r"^\s*(?:=|@[A-Za-z_.]*\(|[@+\-][A-Za-z_.]*\|)"
_FORMULA = re.compile(FORMULA)
_HYPERLINK = re.compile(r'^\s*=\s*HYPERLINK\s*\((?:.*,)?\s*"([^"]*)"\s*\)\s*$', re.IGNORECASE)
#: ``=HYPERLINK("target")`` or ``=HYPERLINK("target", "label")``: its two texts.
_HYPERLINK_PARTS = re.compile(
    r'^\s*=\s*HYPERLINK\s*\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)\s*$', re.IGNORECASE
)
#: A hyperlink's target that names a contact: ``tel:``, ``mailto:``, a web address.
_CONTACT_TARGET = re.compile(
    r"^\s*(?:(?P<tel>(?:tel|callto|sms|whatsapp):(?://)?)|(?P<mail>mailto:)|(?P<web>https?://))",
    re.IGNORECASE,
)
#: Labels of a link that say what to do with it, not whose it is ("click", "call"): never
#: a name (compared case-folded, without punctuation).
GENERIC_LINK_LABELS = frozenset(
    {
        "click", "click here", "here", "link", "this link", "link here", "open", "view",
        "call", "call now", "click to call", "tap to call", "dial", "phone", "tel",
        "telephone", "mobile", "whatsapp", "sms", "email", "e mail", "mail", "send email",
        "send e mail", "send mail", "click to email", "message", "write", "contact",
        "contact me", "website", "web", "site", "url", "go", "visit", "more", "details",
        "profile",
    }
)  # fmt: skip


def hyperlink_contact(value: str) -> tuple[str, str, str | None] | None:
    """A ``=HYPERLINK(...)`` formula whose target is a contact, read as ``(kind, value,
    name)``: kind ``phone`` (``tel:``), ``email`` (``mailto:``) or ``url`` (``http(s)://``),
    the number, address or URL, and the label it shows when that names someone (not a
    :data:`GENERIC_LINK_LABELS` word such as "click", nor the contact itself); ``None`` for
    any other cell.

    Examples:
        >>> hyperlink_contact('=HYPERLINK("tel:+447700900123","click")')
        ('phone', '+447700900123', None)
        >>> hyperlink_contact('=HYPERLINK("mailto:a@b.com?subject=Hi","Anna")')
        ('email', 'a@b.com', 'Anna')
        >>> hyperlink_contact('=HYPERLINK("https://x.example/p/7")')
        ('url', 'https://x.example/p/7', None)
        >>> hyperlink_contact('=HYPERLINK("#Sheet2!A1","Anna")') is None
        True
    """
    parts = _HYPERLINK_PARTS.match(value) if "(" in value else None
    if parts is None:
        return None
    target, label = parts.group(1).strip(), (parts.group(2) or "").strip()
    scheme = _CONTACT_TARGET.match(target)
    if scheme is None:
        return None
    if scheme.group("web"):
        kind, contact = "url", target
    else:
        kind = "phone" if scheme.group("tel") else "email"
        contact = urllib.parse.unquote(target[scheme.end() :].split("?", 1)[0]).strip()
    if not contact:
        return None
    return kind, contact, _link_name(label, contact, target)


def _link_name(label: str, contact: str, target: str) -> str | None:
    """A link's ``label`` when it names someone: not empty, not a generic word, not the
    contact or the target written again."""
    words = " ".join(re.sub(r"[^\w@+]+", " ", label.casefold()).split())
    if not words or words in GENERIC_LINK_LABELS:
        return None
    if label.casefold() in (contact.casefold(), target.casefold()):
        return None
    return label


def text(value: str | None) -> str | None:
    """Unicode NFC, control characters and bidi / zero-width formatting characters
    (:data:`linkgraph.text.INVISIBLE_CHARACTERS`) removed, whitespace collapsed; ``None``
    when empty.

    The text is kept as written: NFC only joins a letter and its combining marks, whereas
    NFKC would also rewrite letters of Thai, Lao, Indic and Arabic script ("ทองคำ", its
    SARA AM decomposed). Compatibility folding belongs to comparison keys
    (:func:`linkgraph.text.fold`) and to the readers of codes (:func:`compat_text`).

    Examples:
        >>> text("  Ana\\u00a0  Pérez\\x00 ")
        'Ana Pérez'
        >>> text("Ana\\u202eexe.txt"), text("   ") is None
        ('Anaexe.txt', True)
        >>> text("ทองคำ") == "ทองคำ", text("e\\u0301") == "\\u00e9"
        (True, True)
    """
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value))
    value = strip_invisible(_CONTROL.sub("", value))
    value = _SPACE.sub(" ", value).strip()
    return value or None


def compat_text(value: str | None) -> str | None:
    """:func:`text` of a code (phone, date, amount, document number, country...) with
    Unicode's compatibility forms folded (NFKC): fullwidth digits and letters, ligatures,
    superscripts read as the plain ones, as the code's parser expects.

    Examples:
        >>> compat_text("\\uff10\\uff17\\uff12\\uff11 123"), compat_text(None)
        ('0721 123', None)
    """
    return None if value is None else text(unicodedata.normalize("NFKC", str(value)))


def without_text_marker(value: str) -> str:
    """A cell without Excel's text marker: the leading apostrophe that keeps a number
    as typed (``'069123456``, ``'+380 67 …``, its leading zero kept), which is not part
    of the value.

    Examples:
        >>> without_text_marker("'069123456"), without_text_marker("O'Brien")
        ('069123456', "O'Brien")
    """
    return value[1:].lstrip() if value.startswith("'") else value


def strip_markup(value: str) -> tuple[str, str | None]:
    """A cell's spreadsheet formula flagged and its HTML removed: ``(clean text, flag or
    None)``.

    ``=HYPERLINK("url", "label")`` is read as its label, the text a spreadsheet shows (and
    the value a workbook saves for it), unless the label says only what to do ("click",
    "call", see :func:`hyperlink_contact`) with a ``tel:``, ``mailto:`` or web target: then
    as the number, address or URL; any other formula (:data:`FORMULA`) is kept as
    written, only flagged: its text is what the source holds, and the exports that a
    spreadsheet opens (csv, xlsx) guard it. HTML entities are decoded and tags dropped,
    again until nothing changes, so no tag is left, not even one that was written with
    entities (see :func:`strip_html`).

    Examples:
        >>> strip_markup('=HYPERLINK("http://x.example","Ana Pérez")')
        ('Ana Pérez', 'formula')
        >>> strip_markup("@SUM(1) Pop"), strip_markup("\t=cmd Tabpre")
        (('@SUM(1) Pop', 'formula'), ('=cmd Tabpre', 'formula'))
        >>> strip_markup("<b>Ivan</b> &amp; co")
        ('Ivan & co', 'html')
        >>> strip_markup("&lt;img src=x onerror=alert(4)&gt;Ana")
        ('Ana', 'html')
        >>> strip_markup("+44 20 7946 0958")
        ('+44 20 7946 0958', None)
    """
    flag = None
    link = _HYPERLINK.match(value)
    if link is not None:
        contact = hyperlink_contact(value)
        if contact is not None:  # "click" is no name: the number, address or URL instead
            value, flag = contact[2] or contact[1], "formula"
        else:
            value, flag = link.group(1), "formula"
    elif _FORMULA.match(value):
        flag = "formula"
    if "<" in value or "&" in value:
        cleaned = strip_html(value)
        if cleaned != value:
            value, flag = cleaned, flag or "html"
    return _SPACE.sub(" ", value).strip(), flag


#: Rounds of decoding entities and dropping tags before what is left is cut apart: a cell
#: encoded more often than this is hostile, not an export (real ones need one or two).
_HTML_ROUNDS = 8
# "<" then what makes a browser start a tag: a letter, "/", "!" or "?" ("a < b" is text).
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def strip_html(value: str) -> str:
    """``value`` with HTML entities decoded and tags dropped, repeated until it no longer
    changes: ``&lt;script&gt;`` and ``&amp;lt;script&amp;gt;`` lose their tags as
    ``<script>`` does. Then a ``<`` that could still start a tag (before a letter, ``/``,
    ``!`` or ``?``: a tag longer than the 200 characters dropped whole, or one left after
    :data:`_HTML_ROUNDS` rounds) becomes a space, so the result never holds a tag.

    Examples:
        >>> strip_html("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;")
        ' alert(1) '
        >>> strip_html("Tom &amp; Jerry <3, a < b")
        'Tom & Jerry <3, a < b'
    """
    import html  # here, not at the top: its module compiles a pattern on import

    for _ in range(_HTML_ROUNDS):
        cleaned = _TAG.sub(" ", html.unescape(value))
        if cleaned == value:
            break
        value = cleaned
    return _TAG_START.sub(" ", value)


def name(value: str | None) -> str | None:
    """A name as written, cleaned of markup and extra whitespace (the spelling is kept).

    Examples:
        >>> name("  <i>Oksana</i>   KOVALENKO ")
        'Oksana KOVALENKO'
        >>> name('=HYPERLINK("http://a","Ян Ковальчук")')
        'Ян Ковальчук'
    """
    value = text(value)
    if value is None:
        return None
    if "<<" in value and (mrz := mrz_name(value)) is not None:
        return mrz
    value, _ = strip_markup(value)
    return value or None


#: Words written where a person's name is not known (a hotline's anonymous caller, a
#: register's blank): such a cell is no name (:func:`placeholder_names`). Lower case;
#: compared after the punctuation around them is trimmed ("(Unknown)", "N/A", "N.N.").
#: Never a word that is someone's name too ("Na", a Korean and Chinese family name; "Nil", a
#: Turkish given name).
PLACEHOLDER_NAMES = frozenset({
    "anonymous", "anon", "anonym", "anonyme", "anonimo", "anónimo", "anonima", "anónima",
    "anonim", "anonimă", "anonimowy", "anonimowa", "anônimo", "аноним", "анонимный",
    "анонимно", "анонім", "анонімний", "анонімно", "unknown", "unk", "n/a", "n.a", "n/k",
    "none", "null", "nn", "n.n", "no name", "noname", "not known", "not available",
    "not given", "unnamed", "anonymous caller", "unknown caller", "unknown person",
    "unbekannt", "unbekannte", "inconnu", "inconnue", "sconosciuto", "sconosciuta",
    "desconocido", "desconocida", "desconhecido", "desconhecida", "necunoscut",
    "necunoscută", "nieznany", "nieznana", "bilinmiyor", "невідомий", "невідома",
    "невідомо", "неизвестный", "неизвестная", "неизвестно", "нет данных",
})  # fmt: skip
#: What is trimmed around a name cell before it is looked up in :data:`PLACEHOLDER_NAMES`.
_PLACEHOLDER_TRIM = " \t()[]{}<>.,;:-_*?!\"'«»“”"
#: A cell of placeholder words only, repeated or mixed ("Unknown Unknown" as given and
#: family name, "N/A N/A"), in RE2 syntax for Arrow.
_PLACEHOLDER_WORDS = "|".join(
    re.escape(w) for w in sorted(PLACEHOLDER_NAMES, key=len, reverse=True) if " " not in w
)
_REPEATED_PLACEHOLDER = rf"^(?:{_PLACEHOLDER_WORDS})(?:[\s,;/]+(?:{_PLACEHOLDER_WORDS}))+$"


def placeholder_names(values: pd.Series) -> np.ndarray:
    """Which cells of a name column are only a placeholder (:data:`PLACEHOLDER_NAMES`, or
    nothing but punctuation: "-", "?"), in Arrow's kernels (no loop over rows).

    Examples:
        >>> placeholder_names(pd.Series(["Anonimo", "(Unknown)", "N/A", "-", None,
        ...                              "Ana Unknown", "Na", "НЕВІДОМИЙ"])).tolist()
        [True, True, True, True, False, False, False, True]
        >>> placeholder_names(pd.Series(["Unknown Unknown", "N/A, N/A", "John Unknown"])).tolist()
        [True, True, False]
    """
    arr = pa.array(values.astype("string").array, type=pa.large_string())
    trimmed = pc.utf8_trim(pc.utf8_lower(arr), characters=_PLACEHOLDER_TRIM)
    words = pa.array(sorted(PLACEHOLDER_NAMES), type=pa.large_string())
    hit = pc.or_(pc.is_in(trimmed, value_set=words), pc.equal(trimmed, ""))
    hit = pc.or_(hit, pc.match_substring_regex(trimmed, _REPEATED_PLACEHOLDER))
    return np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)


#: A name as a passport's machine-readable zone writes it: "POPESCU<<ION<VASILE<<<<",
#: ``<`` between the words of a name, ``<<`` between the surname and the given names.
_MRZ_NAME = re.compile(r"([^\W\d_]+(?:<[^\W\d_]+)*)<<([^\W\d_]+(?:<[^\W\d_]+)*)?<*")


def mrz_name(value: str) -> str | None:
    """A machine-readable-zone name written family name first, "FAMILY, GIVEN NAMES"
    (as :func:`linkgraph.text.fold_name` and the person's name fields read it), or None
    when ``value`` is not one.

    Examples:
        >>> mrz_name("POPESCU<<ION<VASILE"), mrz_name("AL<HASHIMI<<AHMED<<<<")
        ('POPESCU, ION VASILE', 'AL HASHIMI, AHMED')
        >>> mrz_name("KOVALENKO<<"), mrz_name("a << b")
        ('KOVALENKO', None)
    """
    found = _MRZ_NAME.fullmatch(value.strip())
    if found is None:
        return None
    family = found[1].replace("<", " ")
    return f"{family}, {found[2].replace('<', ' ')}" if found[2] else family


#: An extension after a number: "ext. 12", "x12", "доб. 123", "wew. 12", "Durchwahl 12".
#: Letters between two digits ("Q1 Q2 … Q10", "Room 4 floor 2"): words, not a phone number
#: ("+12345678910" if their digits were read). Text before or after the number ("Tel:
#: 0722 …", "… (home)") and an extension (:data:`EXTENSION`, taken off first) may stay.
#: Written for both ``re`` and RE2 (``pyarrow.compute``).
LETTERS_AMID_DIGITS = r"[0-9][^0-9]*[^\W0-9_][^0-9]*[0-9]"


EXTENSION = re.compile(
    r"\s*[,;]?\s*(?:ext\.?|extn\.?|extension|x|#|доб\.?|добавочный|вн\.?|wew\.?|durchwahl"
    r"|dw\.?|poste|int\.?)\s*\d{1,6}\s*$",
    re.IGNORECASE,
)


def phone(value: str | None, region: str | None = None) -> str | None:
    """A phone number in E.164, read with ``region`` as the default country.

    Raises ValueError for numbers phonenumbers does not consider valid.

    Examples:
        >>> phone("020 7946 0958", "GB")
        '+442079460958'
        >>> phone("0044 (0)20 7946 0958", "UA")
        '+442079460958'
        >>> phone("+380 67 123 4567"), phone("380671234567")
        ('+380671234567', '+380671234567')
        >>> phone("+7 916 123-45-67 доб. 123"), phone("+44 20 7946 0958 ext. 12")
        ('+79161234567', '+442079460958')
        >>> phone("+40 (0)21 123 4567"), phone("+39 (0)2 1234 5678")
        ('+40211234567', '+390212345678')
        >>> phone("12")
        Traceback (most recent call last):
        ValueError: not a valid phone number: '12'
        >>> phone("Q1 Q2 Q3 Q4 Q5 Q6 Q7 Q8 Q9 Q10")
        Traceback (most recent call last):
        ValueError: not a valid phone number: 'Q1 Q2 Q3 Q4 Q5 Q6 Q7 Q8 Q9 Q10'
    """
    value = compat_text(value)
    if value is None:
        return None
    value = without_text_marker(value)
    if "(0)" not in value:
        return _phone(value, value, region)
    # "+40 (0)21 …": a trunk "0" to drop; but Italian numbers keep it ("+39 02 …").
    try:
        return _phone(value.replace("(0)", ""), value, region)
    except ValueError:
        try:
            return _phone(value.replace("(0)", "0"), value, region)
        except ValueError:
            pass
        raise


def _phone(cleaned: str, value: str, region: str | None) -> str | None:
    """:func:`phone` of ``cleaned`` (``value`` as written, for the error)."""
    if EXTENSION.search(cleaned):  # "+7 916 123-45-67 доб. 123": the line, not the desk
        cleaned = EXTENSION.sub("", cleaned)
    if re.search(LETTERS_AMID_DIGITS, cleaned):
        raise ValueError(f"not a valid phone number: {value!r}")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    read = _PLUS_READ.get(cleaned, False)
    if read is not False:  # read with many others by read_plus_numbers()
        return cleaned if read is not None else _international_digits(cleaned, value)
    known = _from_national(cleaned, region)
    if known is not None:
        return known
    try:
        parsed = phonenumbers.parse(cleaned, None if cleaned.startswith("+") else region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None:
        return _international_digits(cleaned, value)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    # Validity depends only on the country code and the national significant number,
    # which is exactly what the E.164 text holds: "+44 7700 900123" and "07700 900123"
    # share one check.
    valid = _VALID_E164.get(e164)
    if valid is None:
        # is_valid_number is region_code_for_number + is_valid_number_for_region; done
        # in two steps, the number's country is kept for phone_country() at no extra cost.
        region = phonenumbers.region_code_for_number(parsed)
        valid = region is not None and phonenumbers.is_valid_number_for_region(parsed, region)
        if len(_VALID_E164) > 1 << 20:
            _VALID_E164.clear()
            _REGION_E164.clear()
        _VALID_E164[e164] = valid
        if valid:
            _REGION_E164[e164] = region
    if not valid:
        return _international_digits(cleaned, value)
    return _code_read_twice(cleaned, e164) or e164


#: The number types a phone of a person is: what an international reading must be to be
#: preferred over a national one that holds the country code twice.
_PERSONAL_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
)


def _code_read_twice(cleaned: str, e164: str) -> str | None:
    """The international reading of digits that start with the default region's own
    country code, when the national reading kept that code as a digit of the number
    ("4917612345678" under DE: "+49 4917612345678", which the open German plan accepts,
    where Excel dropped the "+" of "+49 176 12345678"); ``None`` to keep ``e164``.

    Taken only when "+" and the digits is a valid mobile or fixed-line number: a code
    written twice is what a national reading of such digits needs, never how a number is
    dialled. Countries whose plan refuses the long reading are read so by phonenumbers
    itself ("447544534963" under GB).
    """
    digits = re.sub(r"[\s\-./()]", "", cleaned)
    if not digits.isdigit() or digits.startswith("0"):
        return None
    code = e164[1:].removesuffix(digits)
    if not code or e164 != f"+{code}{digits}" or not digits.startswith(code):
        return None  # the national reading does not hold the code twice
    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.number_type(parsed) not in _PERSONAL_TYPES:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _international_digits(cleaned: str, value: str) -> str:
    """An international number written without its "+" ("380671234567", as many CDRs
    give them); raises ValueError when it is not one either."""
    digits = re.sub(r"[\s\-./()]", "", cleaned)
    if digits.isdigit() and 10 <= len(digits) <= 15 and not digits.startswith("0"):
        try:
            parsed = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    raise ValueError(f"not a valid phone number: {value!r}")


_VALID_E164: dict[str, bool] = {}
_REGION_E164: dict[str, str] = {}
#: "+digits" cells read by read_plus_numbers(): their region when valid, else None.
_PLUS_READ: dict[str, str | None] = {}


def read_plus_numbers(numbers: Iterable[str]) -> None:
    """Read many numbers written as "+" and digits at once (vectorised, see
    ``_phone_fast``), so that :func:`phone` then answers for them without phonenumbers.

    Gives the same results as :func:`phone` alone, ~20x faster for a CDR's numbers.
    """
    from linkgraph.ingest._phone_fast import validate_plus_numbers

    found = validate_plus_numbers([n for n in set(numbers) if n not in _PLUS_READ])
    if len(_PLUS_READ) + len(found) > 1 << 20:  # bound the memory of a long run
        _PLUS_READ.clear()
    if len(_VALID_E164) + len(found) > 1 << 20:
        _VALID_E164.clear()
        _REGION_E164.clear()
    for number, region in found.items():
        _PLUS_READ[number] = region
        _VALID_E164[number] = region is not None
        if region is not None:
            _REGION_E164[number] = region


def phone_country(e164: str) -> str | None:
    """The ISO 3166 alpha-2 country of a valid E.164 number (``None`` when unknown).

    Examples:
        >>> phone_country("+380671234567"), phone_country("+48512345678")
        ('UA', 'PL')
    """
    found = _REGION_E164.get(e164)
    if found is not None:
        return found
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None
    return region if region and region != "ZZ" else None


_NATIONAL = re.compile(r"0[1-9]\d{2,16}")


@lru_cache(maxsize=512)
def _trunk_zero(
    region: str,
) -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    """``(country code, national-prefix, IDD and general-number patterns)`` of a region
    whose national prefix is "0" with no transform rule; ``None`` for other regions."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
    if meta is None or meta.national_prefix != "0" or meta.national_prefix_transform_rule:
        return None
    general = meta.general_desc.national_number_pattern if meta.general_desc else None
    if not meta.national_prefix_for_parsing or not meta.international_prefix or not general:
        return None
    return (
        meta.country_code,
        re.compile(meta.national_prefix_for_parsing),
        re.compile(meta.international_prefix),
        re.compile(general),
    )


def _from_national(cleaned: str, region: str | None) -> str | None:
    """The E.164 form of a national number "0…" when its international form has already
    been validated, without parsing it again; ``None`` means "parse it".

    This follows phonenumbers' own parse of a digits-only national number: no IDD prefix
    matches, the national prefix "0" is stripped when the rest fits the region's general
    pattern, and the country code is the region's. Only numbers already known to be
    valid take this path, so its answer is always the one ``parse`` would give.
    """
    if region is None or not _NATIONAL.fullmatch(cleaned):
        return None
    rules = _trunk_zero(region)
    if rules is None:
        return None
    code, prefix, idd, general = rules
    found = prefix.match(cleaned)
    if found is None or found.group(0) != "0" or any(g for g in found.groups()):
        return None
    rest = cleaned[1:]
    if idd.match(cleaned) or not general.fullmatch(rest):
        return None
    candidate = f"+{code}{rest}"
    return candidate if _VALID_E164.get(candidate) else None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z0-9-]{2,}$")
_AT_WORD = re.compile(r"\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*")
_DOT_WORD = re.compile(r"\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*")


def email(value: str | None) -> str | None:
    """An email address, trimmed and lower-cased; ``mailto:`` removed, and the bracketed
    "at" and "dot" of addresses written to escape scrapers ("ana[at]example[dot]com",
    common in online ads) read as ``@`` and ``.``.

    Examples:
        >>> email(" Mailto:Ana.Perez@Example.COM ")
        'ana.perez@example.com'
        >>> email("Ana.Perez [at] example (dot) com"), email("ana(at)mail.ru")
        ('ana.perez@example.com', 'ana@mail.ru')
        >>> email("ana(at)example")
        Traceback (most recent call last):
        ValueError: not an email address: 'ana(at)example'
    """
    value = compat_text(value)
    if value is None:
        return None
    out = value.lower().removeprefix("mailto:").strip().strip("<>")
    if "at" in out and "@" not in out:
        out = _DOT_WORD.sub(".", _AT_WORD.sub("@", out))
    if not _EMAIL.match(out):
        raise ValueError(f"not an email address: {value!r}")
    return out


_MONTH_NAMES = [
    # English, French, German, Spanish, Italian, Polish (and its genitive), Romanian,
    # Portuguese, Dutch, Czech, Hungarian, Turkish, Albanian; Russian, Ukrainian and Greek
    # as written (folded below to the Latin forms dates are matched in), with their
    # genitives ("12 марта 1990", "12 березня 1990", "12 Μαρτίου 1990"). Then the
    # three-letter abbreviations that Spanish, Portuguese, Italian, German, Dutch and
    # Romanian spreadsheets write in "05-abr-1990", "12-dic-78", "3 set 2001", "5 Okt 1990"
    # (those equal to an English or a French one are already listed).
    "jan january janv janvier januar enero gennaio styczen stycznia ianuarie janeiro januari"
    " leden ledna januar ocak janar январь января янв січень січня ιανουάριος ιανουαρίου"
    " ene gen ian",
    "feb february fev fevr fevrier februar febrero febbraio luty lutego februarie fevereiro"
    " februari unor unora subat shkurt февраль февраля фев лютий лютого φεβρουάριος"
    " φεβρουαρίου",
    "mar march mars marz marzo marzec marca martie marco maart brezen brezna marcius mart"
    " март марта березень березня μάρτιος μαρτίου mrt",
    "apr april avr avril abril aprile kwiecien kwietnia aprilie duben dubna aprilis nisan"
    " prill апрель апреля апр квітень квітня απρίλιος απριλίου abr",
    "may mai mayo maggio maj maja maio mei kveten kvetna majus mayis май мая травень травня"
    " μάιος μαΐου mag",
    "jun june juin juni junio giugno czerwiec czerwca iunie junho cerven cervna junius"
    " haziran qershor июнь июня червень червня ιούνιος ιουνίου giu iun",
    "jul july juil juillet juli julio luglio lipiec lipca iulie julho cervenec cervence"
    " julius temmuz korrik июль июля липень липня ιούλιος ιουλίου lug iul",
    "aug august aout agosto sierpien sierpnia augustus srpen srpna augusztus agustos gusht"
    " август августа серпень серпня αύγουστος αυγούστου ago",
    "sep sept september septembre septiembre settembre wrzesien wrzesnia septembrie"
    " setembro zari szeptember eylul shtator сентябрь сентября вересень вересня"
    " σεπτέμβριος σεπτεμβρίου set setiembre",
    "oct october octobre oktober octubre ottobre pazdziernik pazdziernika octombrie outubro"
    " rijen rijna ekim tetor октябрь октября жовтень жовтня οκτώβριος οκτωβρίου okt ott out",
    "nov november novembre noviembre listopad listopada noiembrie novembro listopadu kasim"
    " nentor ноябрь ноября листопад листопада νοέμβριος νοεμβρίου noi",
    "dec december decembre dezember diciembre dicembre grudzien grudnia decembrie dezembro"
    " prosinec prosince aralik dhjetor декабрь декабря грудень грудня δεκέμβριος"
    " δεκεμβρίου dic dez",
]


def _word_table(words_of: Mapping[Any, str]) -> dict[str, Any]:
    """Each space-separated word of ``words_of[value]`` -> value, as written (lower-case)
    and folded ("мужской" and "muzhskoi"), for :func:`_looked_up`."""
    return {
        key: value
        for value, words in words_of.items()
        for w in words.split()
        for key in (w, fold(w).lower())
    }


def _looked_up(table: Mapping[str, Any], word: str) -> Any:
    """``word`` in a :func:`_word_table`, as written, else folded; None when absent."""
    found = table.get(word)
    return found if found is not None else table.get(fold(word).lower())


_MONTHS = _word_table(dict(enumerate(_MONTH_NAMES, start=1)))
#: A month in Roman numerals between dots: "12.III.1990".
_ROMAN_DATE = re.compile(r"^(\d{1,2})\.\s?(i{1,3}|iv|vi{0,3}|ix|xi{0,2})\.\s?(\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}  # fmt: skip
_YYMMDD = re.compile(r"^(\d{2})(\d{2})(\d{2})$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})(?:[ t,].*)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_COMPACT = re.compile(r"^(1[89]\d\d|20\d\d)(\d\d)(\d\d)(?:\.0)?$")
# Excel stores dates as days since 1899-12-30; a CSV saved from Excel may keep the number.
# Five digits from 10000 (1927) to 73050 (2099) are read as such a serial day.
_SERIAL = re.compile(r"^([1-7]\d{4})(?:\.\d+)?$")
_EXCEL_EPOCH = _date(1899, 12, 30).toordinal()
_WORDS = re.compile(r"[a-z]+|\d+")
#: A Chinese, Japanese or Korean date: year, month and day each followed by its sign
#: ("2024年3月5日", "2024年3月5号", "2024년 3월 5일"), or a year and month alone.
_CJK_DATE = re.compile(r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日号號일]?)?\s*$")


#: A Thai Buddhist-era year (2400-2699) in a date: set off by a date's separator before
#: it, or first and followed by one (as ``_columns.gregorian_years`` reads a time column).
_BUDDHIST_YEAR = re.compile(r"(?:(?<=[-/.\s])2[4-6]\d\d(?!\d)|^\s*2[4-6]\d\d(?=[-/.]))")
#: Thai months, full and abbreviated ("ก.ย.", with or without the dots), as the English
#: abbreviations the month table reads; "พ.ศ." (Buddhist era) and "ค.ศ." (Common Era) go.
_THAI_MONTHS = (
    ("มกราคม", "ม.ค."), ("กุมภาพันธ์", "ก.พ."), ("มีนาคม", "มี.ค."), ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."), ("มิถุนายน", "มิ.ย."), ("กรกฎาคม", "ก.ค."), ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."), ("ตุลาคม", "ต.ค."), ("พฤศจิกายน", "พ.ย."), ("ธันวาคม", "ธ.ค."),
)  # fmt: skip
_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                   "dec")  # fmt: skip


def _thai_month_pattern(i: int, full: str, short: str) -> str:
    dots = r"\.?"
    letters = dots.join(re.escape(c) for c in short.replace(".", ""))
    return f"(?P<m{i}>{re.escape(full)}|{letters}{dots})"


_THAI_MONTH = re.compile(
    "|".join(_thai_month_pattern(i, full, short) for i, (full, short) in enumerate(_THAI_MONTHS))
)
_THAI_ERA = re.compile(r"(?:พ|ค)\.?\s?ศ\.?")


def _thai_months(raw: str) -> str:
    """``raw`` with Thai month names as English ones ("14 ก.ย. 2538" -> "14 sep 2538")."""
    if not re.search("[\u0e00-\u0e7f]", raw):
        return raw
    raw = _THAI_ERA.sub(" ", raw)
    return _THAI_MONTH.sub(lambda m: f" {_ENGLISH_MONTHS[int(m.lastgroup[1:])]} ", raw).strip()


def _gregorian(raw: str) -> str:
    """``raw`` with a Buddhist-era year (2400-2699) as its Gregorian year (less 543)."""
    return _BUDDHIST_YEAR.sub(lambda m: str(int(m[0]) - 543), raw)


def _iso(y: int, m: int, d: int, raw: str) -> str:
    """``y-m-d`` as ISO; a day of 0 (``1987-05-00``, ``00.05.1987``) the month it is
    written in, a day and month of 0 (``1987-00-00``, ``00.00.1987``, ``19870000``) the
    year: a registry's partial date, where the year is written in four figures (an
    all-zero ``00.00.00`` or ``0000-00-00`` is no date)."""
    if d == 0 and 0 <= m <= 12 and _FOUR_FIGURE_YEAR.search(raw) and 1800 <= y <= 2099:
        return f"{y:04d}" if m == 0 else f"{y:04d}-{m:02d}"
    try:
        return _date(y, m, d).isoformat()
    except ValueError:
        raise ValueError(f"not a date: {raw!r}") from None


_FOUR_FIGURE_YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)|^(1[89]|20)\d\d")


def _year(y: str) -> int:
    # Two-digit years: 00-29 are 20xx, 30-99 are 19xx (birth dates and recent events).
    return int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 30 else 1900 + int(y))


def birth_date(value: str | None, *, dayfirst: bool = True, buddhist: bool = True) -> str | None:
    """A date of birth: :func:`date`, and never after today (``2099-01-01`` is a typing
    mistake or a placeholder, not a birth).

    A date shaped as numbers (day, month, year of four figures, or the year first) with
    letters a scanner reads for digits is read with them as digits
    (:func:`ocr_date_digits`).

    A year 1300-1499 written in Persian or Arabic-Indic digits is a Solar Hijri date
    (۱۳۷۸ is 1999), never read as a Gregorian one. (A column's few dates before
    :data:`EARLIEST_BIRTH_YEAR` among modern ones are refused where the column is read.)

    Examples:
        >>> birth_date("09.04.1956"), birth_date("1g52-01-15"), birth_date("31.O5.1950")
        ('1956-04-09', '1952-01-15', '1950-05-31')
        >>> birth_date("2099-01-01")
        Traceback (most recent call last):
        ValueError: date of birth in the future: '2099-01-01'
        >>> birth_date("\u06f1\u06f3\u06f7\u06f8/\u06f0\u06f1/\u06f2\u06f3")
        Traceback (most recent call last):
        ValueError: date of birth in the Solar Hijri calendar: '۱۳۷۸/۰۱/۲۳'
    """
    try:
        out = date(value, dayfirst=dayfirst, buddhist=buddhist)
    except ValueError:
        digits = ocr_date_digits(value)
        if digits is None:
            raise
        out = date(digits, dayfirst=dayfirst, buddhist=buddhist)
    if out is not None and out > _date.today().isoformat()[: len(out)]:
        raise ValueError(f"date of birth in the future: {value!r}")
    if out is not None and 1300 <= int(out[:4]) < 1500 and _EASTERN_DIGITS.search(str(value)):
        raise ValueError(f"date of birth in the Solar Hijri calendar: {value!r}")
    return out


#: Letters optical character recognition reads for digits, and the digit each stands for.
_OCR_DIGITS = str.maketrans("OoIlSBg", "0011589")
#: A date written in numbers, some figures read as those letters: day and month (or
#: month and day) with a year of four figures after them, or the year first.
_OCR_DATE = re.compile(
    r"\s*(?:(?P<a>[0-9OoIlSBg]{1,2})(?P<s1>[-./])(?P<b>[0-9OoIlSBg]{1,2})(?P=s1)"
    r"(?P<y1>[0-9OoIlSBg]{4})|(?P<y2>[0-9OoIlSBg]{4})(?P<s2>[-./])(?P<c>[0-9OoIlSBg]{1,2})"
    r"(?P=s2)(?P<d>[0-9OoIlSBg]{1,2}))\s*"
)


def ocr_date_digits(value: str | None) -> str | None:
    """``value`` with :data:`_OCR_DIGITS`'s letters read as digits, when it is shaped as a
    date in numbers (:data:`_OCR_DATE`) that holds such letters and a digit in each of
    its parts: inside such a value, O is 0, l and I are 1, S 5, B 8 and g 9. None for any
    other value (a month's name, Roman numerals, a word).

    Examples:
        >>> ocr_date_digits("1g52-01-15"), ocr_date_digits("31.O5.1950")
        ('1952-01-15', '31.05.1950')
        >>> [ocr_date_digits(v) for v in ("12.III.1990", "1952-01-15", "Sl.OS.l99O")]
        [None, None, None]
    """
    if value is None or value.isdigit():
        return None
    found = _OCR_DATE.fullmatch(value)
    if found is None or value.translate(_OCR_DIGITS) == value:
        return None
    parts = [p for k, p in found.groupdict().items() if p and not k.startswith("s")]
    if not all(any(ch.isdigit() for ch in p) for p in parts):
        return None
    return value.strip().translate(_OCR_DIGITS)


#: The earliest year of birth of a modern record: a person born before is 120 years old
#: or more at any record since 2000. A column of such dates (a historical register) is
#: read as written; a few among modern ones are refused (see ``build._early_births``).
EARLIEST_BIRTH_YEAR = 1880
#: Persian (U+06F0-U+06F9) and Arabic-Indic (U+0660-U+0669) digits.
_EASTERN_DIGITS = re.compile("[\u06f0-\u06f9\u0660-\u0669]")


def early_birth_hint(value: str) -> str | None:
    """Why ``value``, a date of birth :func:`birth_date` refused, was refused when it is
    a date before :data:`EARLIEST_BIRTH_YEAR`: ``None`` when it is no such date. A year
    1300-1499 in Persian or Arabic-Indic digits is likely a Solar Hijri (Persian) date.

    Examples:
        >>> early_birth_hint("\u06f1\u06f3\u06f7\u06f8/\u06f0\u06f1/\u06f2\u06f3")[:41]
        'looks like a Solar Hijri (Persian) date: '
        >>> early_birth_hint("1378-01-23")[:11], early_birth_hint("1990-01-01")
        ('before 1880', None)
    """
    try:
        out = date(value, buddhist=False)
    except ValueError:
        return None
    if out is None or int(out[:4]) >= EARLIEST_BIRTH_YEAR:
        return None
    year = int(out[:4])
    if _EASTERN_DIGITS.search(value) and 1300 <= year < 1500:
        return (
            "looks like a Solar Hijri (Persian) date: convert it to the Gregorian calendar"
            f" (year {year} is {year + 621}/{year + 622})"
        )
    return (
        f"before {EARLIEST_BIRTH_YEAR} among modern dates: no living person's date of birth"
        " (a typo in the year?)"
    )


def date(value: str | None, *, dayfirst: bool = True, buddhist: bool = True) -> str | None:
    """A date as ISO ``YYYY-MM-DD``; partial dates stay partial (``YYYY-MM``, ``YYYY``).

    ``dayfirst`` decides ambiguous numeric dates such as 03/04/1990; a day above 12
    is read correctly in either order. With ``buddhist``, a year 2400-2699 set off by
    the date's separators is a Thai Buddhist-era year, less 543 (2538 BE = 1995); a
    later year (2999) is no such year, and is read as written.

    Examples:
        >>> date("03/04/1990"), date("03/04/1990", dayfirst=False)
        ('1990-04-03', '1990-03-04')
        >>> date("25.12.85"), date("1990-4-3"), date("12 March 1990"), date("March 1990")
        ('1985-12-25', '1990-04-03', '1990-03-12', '1990-03')
        >>> date("1990"), date("31/02/1990" if False else "2001-07")
        ('1990', '2001-07')
        >>> date("1987-00-00"), date("00.00.1987"), date("1987-05-00"), date("00/05/1987")
        ('1987', '1987', '1987-05', '1987-05')
        >>> date("19560409"), date("20240112")
        ('1956-04-09', '2024-01-12')
        >>> date("930101"), date("981231")  # six figures whose year is above 31: yymmdd
        ('1993-01-01', '1998-12-31')
        >>> date("36526"), date("45303.0")  # Excel serial days
        ('2000-01-01', '2024-01-12')
        >>> date("12-Jan-90"), date("Jan 12, 1990"), date("12.III.1990")
        ('1990-01-12', '1990-01-12', '1990-03-12')
        >>> date("12 марта 1990"), date("12 березня 1990 р."), date("2 Haziran 1990")
        ('1990-03-12', '1990-03-12', '1990-06-02')
        >>> date("14/09/2538"), date("14 ก.ย. 2538"), date("2 เมษายน พ.ศ. 2567")
        ('1995-09-14', '1995-09-14', '2024-04-02')
        >>> date("05-abr-1990"), date("12/dic/78"), date("3 set 2001"), date("5 Okt 1990")
        ('1990-04-05', '1978-12-12', '2001-09-03', '1990-10-05')
        >>> date("2024年3月5日"), date("2024年3月5号"), date("2024년 3월 5일"), date("1985年3月")
        ('2024-03-05', '2024-03-05', '2024-03-05', '1985-03')
        >>> date("14/09/2538", buddhist=False)
        '2538-09-14'
        >>> date("yesterday")
        Traceback (most recent call last):
        ValueError: not a date: 'yesterday'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    s = without_text_marker(raw).lower()
    s = _thai_months(s)
    if buddhist:
        s = _gregorian(s)
    if m := _ISO.match(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _CJK_DATE.match(s):
        if m[3] is None:
            return f"{int(m[1]):04d}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else _bad(raw)
        return _iso(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _COMPACT.match(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]), raw)
    if (m := _YYMMDD.match(s)) and int(m[1]) > 31:
        # "930101" (the Berka/PKDD'99 bank's dates): a year first, as no day is above 31
        return _iso(_year(m[1]), int(m[2]), int(m[3]), raw)
    if (m := _SERIAL.match(s)) and 10_000 <= int(m[1]) <= 73_050:
        return _date.fromordinal(_EXCEL_EPOCH + int(m[1])).isoformat()
    if m := _NUMERIC.match(s):
        a, b, y = int(m[1]), int(m[2]), _year(m[3])
        day, month = (a, b) if dayfirst else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        return _iso(y, month, day, raw)
    if m := _YEAR_MONTH.match(s):
        return f"{int(m[1]):04d}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else _bad(raw)
    if m := _MONTH_YEAR.match(s):
        return f"{int(m[2]):04d}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else _bad(raw)
    if _YEAR.match(s):
        return s
    if m := _ROMAN_DATE.match(s):
        return _iso(int(m[3]), _ROMAN[m[2]], int(m[1]), raw)
    words = _WORDS.findall(fold(s).lower())
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [w for w in words if w.isdigit()]
    if len(months) == 1 and numbers:
        years = [n for n in numbers if len(n) == 4]
        days = [int(n) for n in numbers if len(n) <= 2]
        if len(years) == 1 and not days:
            return f"{years[0]}-{months[0]:02d}"
        if len(years) == 1 and len(days) == 1:
            return _iso(int(years[0]), months[0], days[0], raw)
        short = [n for n in numbers if len(n) <= 2]
        if not years and len(short) == 2 and len(numbers) == 2 and int(short[0]) <= 31:
            # "12-Jan-90", "Jan 12, 90": the day first, then a two-digit year
            return _iso(_year(short[1]), months[0], int(short[0]), raw)
    return _bad(raw)


def _bad(raw: str) -> str:
    raise ValueError(f"not a date: {raw!r}")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from phonenumbers.geodata.locale import LOCALE_DATA

    names: dict[str, str] = {}
    for region, by_lang in LOCALE_DATA.items():
        for local in by_lang.values():
            names.setdefault(fold(local), region)
    for local, region in _cldr_country_names():
        names.setdefault(fold(local), region)
    names.update(EXTRA_NAMES)
    return names


#: Languages of the exports' countries whose country names phonenumbers' data leaves out
#: in part (Ukrainian "Росія", "Румунія"; Bulgarian, Romanian, Turkish, ...).
_CLDR_LANGUAGES = ("uk", "ru", "be", "ro", "pl", "bg", "de", "it", "fr", "es", "pt", "tr",
                   "hu", "cs", "sk", "sr", "hr", "sl", "el", "nl", "lt", "lv", "et", "sq",
                   "mk", "vi", "th", "ar")  # fmt: skip


def _cldr_country_names() -> list[tuple[str, str]]:
    """(name, alpha-2) of every country in the CLDR's names in :data:`_CLDR_LANGUAGES`
    (through Babel), limited to the codes :func:`_region_codes` knows."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a core dependency
        return []
    known = _region_codes()
    return [
        (local, code)
        for language in _CLDR_LANGUAGES
        for code, local in Locale.parse(language).territories.items()
        if code in known
    ]


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    """The alpha-2 codes that :func:`_country_names` maps names to, without building it:
    importing phonenumbers' locale data and folding its ~47,000 names costs seconds, and a
    column of codes does not need them. The same set as the regions of that data
    (tests/ingest/test_countries_fast.py checks it): every ISO 3166 code, plus the
    Netherlands Antilles ("AN") that the data still names."""
    return frozenset(ALPHA3.values()) | frozenset(EXTRA_NAMES.values()) | {"AN"}


@functools.cache
def _demonyms() -> dict[str, str]:
    from linkgraph.ingest._countries import demonyms

    return demonyms()


def _demonym(key: str) -> str | None:
    """The country of a nationality written as a word ("Romanian", "rumänisch", "українка",
    "Nigerians"), by its folded spelling."""
    table = _demonyms()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


#: "eva [at] mail [dot] ro", "eva(at)mail.ro", "eva @ mail . ro": an address written so
#: that scrapers miss it, as ads write them.
_AT = re.compile(r"\s*(?:[\[({<]\s*(?:at|@|аt|собака)\s*[\])}>]|\s@\s)\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|punct|punkt|точка|\.)\s*[\])}>]\s*", re.IGNORECASE)
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


#: A WhatsApp ID ("380671234567@s.whatsapp.net", the older "…@c.us"): an international
#: number without its "+", never an e-mail address. Group IDs ("…@g.us") name no phone.
_WHATSAPP_JID = re.compile(
    r"(?<![\w.+-])\+?(\d{6,15})@(?:s\.whatsapp\.net|c\.us)(?![\w.-])", re.IGNORECASE
)
_WHATSAPP_DOMAIN = re.compile(r"@(?:s\.whatsapp\.net|c\.us|g\.us)$", re.IGNORECASE)

#: A phone cell that says the number was withheld: "Private number", "Unknown",
#: "Withheld", "Anonymous", "Номер скрыт", "Număr privat", "Rufnummer unterdrückt", ...
WITHHELD = re.compile(
    r"^\W*(?:(?:private|privé|privat|privato|privado|prywatny|privat|anonymous|anonym"
    r"|anonimo|anónimo|anonim|unknown|unbekannt|inconnu|sconosciuto|desconocido"
    r"|necunoscut|nieznany|bilinmiyor|gizli|withheld|restricted|blocked|hidden|masqué"
    r"|oculto|nascosto|ascuns|zastrzeżony|unterdrückt|скрыт\w*|скрытый|приховано"
    r"|прихований|неизвестн\w*|невідом\w*|анонім\w*|аноним\w*|unavailable|no caller id"
    r"|caller id withheld|number withheld|номер|número|numéro|numero|număr|numer"
    r"|rufnummer|number|caller|id)\W*){1,4}$",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(r"^\W*(?:номер|número|numéro|numero|număr|numer|rufnummer|number"
                          r"|caller|id)\W*$", re.IGNORECASE)  # fmt: skip


def withheld(value: str) -> bool:
    """Whether a phone cell says the number was withheld ("Private number", "Unknown",
    "Номер скрыт"), rather than giving one.

    Examples:
        >>> withheld("Private number"), withheld("Номер скрыт"), withheld("(Unknown)")
        (True, True, True)
        >>> withheld("Number"), withheld("+40 721 000 111"), withheld("Olena")
        (False, False, False)
    """
    return bool(WITHHELD.match(value)) and not _NUMBER_WORD.match(value)


def international_form(value: str) -> bool:
    """Whether a phone cell that :func:`phone` rejects is still written as a whole
    international number: "+" or "00" and eight to fifteen digits (E.164's longest), no
    letters: "+44 7911 654321" in a range the metadata does not know yet, "+47 742987629"
    a digit longer than Norway's numbers, or a country code no country has yet. Such a number
    is written the same way wherever its holder is recorded (two records that share it
    are evidence), so it stays a phone, flagged ``phone_invalid``; any other rejected
    cell ("12", "+44 12", "not-a-phone", "078 555 123" without its country) is no phone.

    Examples:
        >>> international_form("+44 7911 654321"), international_form("0044 7911 654321")
        (True, True)
        >>> international_form("+47 742987629"), international_form("+44 12")
        (True, False)
        >>> international_form("078 555 123"), international_form("+1 800 CALL-NOW")
        (False, False)
        >>> international_form("12"), international_form("+44 1234 5678 9012 3456")
        (False, False)
    """
    cleaned = EXTENSION.sub("", value).strip()
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    if not cleaned.startswith("+") or re.search(LETTERS_AMID_DIGITS, cleaned):
        return False
    if re.search(r"[^\d\s\-./()+]", cleaned):
        return False
    return 8 <= len(re.sub(r"\D", "", cleaned)) <= 15


def found_in_text(text_value: str, kind: str, region: str | None = None) -> list[str]:
    """The phone numbers (``kind`` ``phone``) or e-mail addresses (``email``) written in a
    free text, as written: an ad's "Sunati-ma 0721 000 111" or "eva[at]mail[dot]ro".

    Phone numbers are found by phonenumbers' matcher (valid numbers only, national ones
    in ``region``; without one, international numbers only), so prices and dates are not
    taken for numbers.

    Examples:
        >>> found_in_text("Sunati-ma 0721 000 111 sau +40 722 333 444, 200 lei", "phone", "RO")
        ['0721 000 111', '+40 722 333 444']
        >>> found_in_text("call 0721 000 111 or +40 722 333 444", "phone")
        ['+40 722 333 444']
        >>> found_in_text("email eva[at]mail[dot]ro or ana.pop (at) gmail.com", "email")
        ['eva@mail.ro', 'ana.pop@gmail.com']
        >>> found_in_text("380671234567@s.whatsapp.net Olena Kov", "phone", "RO")
        ['+380671234567']
        >>> found_in_text("380671234567@s.whatsapp.net Olena Kov", "email")
        []
        >>> found_in_text("TRANSFER TO ION RUSU RO49AAAA1B31007593840000 ref 12", "account")
        ['RO49AAAA1B31007593840000']
        >>> found_in_text("SEPA from DE89 3704 0044 0532 0130 00 / rent", "account")
        ['DE89 3704 0044 0532 0130 00']
        >>> found_in_text("A NOWAK 20-00-00 43218765 LOAN", "account")
        ['20-00-00 43218765']
        >>> found_in_text("A NOWAK 20-00-00 43218765 LOAN", "name")
        ['A NOWAK']
    """
    if kind == "phone":
        # WhatsApp IDs first ("380671234567@s.whatsapp.net Olena": "+380671234567"), then
        # the numbers of the rest of the text, in the order they are written.
        found = [(m.start(), f"+{m.group(1)}") for m in _WHATSAPP_JID.finditer(text_value)]
        rest = _WHATSAPP_JID.sub(lambda m: " " * len(m.group(0)), text_value)
        matcher = phonenumbers.PhoneNumberMatcher(
            rest, region or "ZZ", leniency=phonenumbers.Leniency.VALID
        )
        found += [(m.start, m.raw_string) for m in matcher]
        return [number for _, number in sorted(found)]
    if kind == "account":
        return [m.group(0) for m in _ACCOUNT_IN_TEXT.finditer(text_value)]
    if kind == "name":
        if _ACCOUNT_IN_TEXT.search(text_value):
            return names_beside_accounts(text_value)
        # else the names after phone numbers (M-Pesa), else after a booking phrase
        # that opens the text ("To MIHAI IONESCU", "Payment from Ana Pop")
        found = names_after_numbers(text_value, region)
        return found or [n for n in [name_after_phrase(text_value)] if n]
    if kind == "email":
        plain = _DOT.sub(".", _AT.sub("@", text_value))
        return [e for e in _EMAIL_IN_TEXT.findall(plain) if not _WHATSAPP_DOMAIN.search(e)]
    return [text_value]


#: A name written after a phone number in a mobile-money statement's text: words of
#: letters (a dash or colon before them skipped), up to the end or a punctuation mark.
_NAME_AFTER = re.compile(r"\A[\s:\-–]*([^\W\d_][^\W\d_'’.&]*(?:[ \-][^\W\d_][^\W\d_'’.&]*){0,5})")


def names_after_numbers(text_value: str, region: str | None = None) -> list[str]:
    """The names written right after the phone numbers of a free text, one per number
    found by :func:`found_in_text` that has one: the counterparty of an M-Pesa row.

    Examples:
        >>> names_after_numbers("Customer Transfer to 254712345678 JOSEPH OTIENO", "KE")
        ['JOSEPH OTIENO']
        >>> names_after_numbers("Funds received from 254722000111 - OLENA SAVCHUK", "KE")
        ['OLENA SAVCHUK']
        >>> names_after_numbers("Customer Transfer Charge", "KE")
        []

    A number written masked (``2547******678 AMINA WANJIRU``) names no phone, but the
    name after it is the counterparty all the same:

        >>> names_after_numbers("Customer Transfer to 0722***456 - JOHN KAMAU", "KE")
        ['JOHN KAMAU']
        >>> names_after_numbers("2547******678 AMINA WANJIRU", "KE")
        ['AMINA WANJIRU']
    """
    matcher = phonenumbers.PhoneNumberMatcher(
        text_value, region or "ZZ", leniency=phonenumbers.Leniency.VALID
    )
    ends = [(match.start, match.end) for match in matcher]
    ends += [(start, end) for start, end, _ in _masked_spans(text_value)]
    names = []
    for _, end in sorted(ends):
        found = _NAME_AFTER.match(text_value[end:])
        if found:
            names.append(found.group(1).strip())
    return names


#: A phone number written masked, as mobile-money statements print the other party's
#: (``2547******678``, ``0722***456``, ``0722XXX456``): digits, a run of at least
#: two mask characters, digits. It names no line: never read as a phone.
_MASKED_NUMBER = re.compile(r"(?<![\w*#•])\+?\d{1,6}[ \-]?(?:[*#•xX][ \-]?){2,9}\d{1,6}(?![\w*#•])")


def _masked_spans(text_value: str) -> list[tuple[int, int, str]]:
    """The masked phone numbers of a text: ``(start, end, as written)`` (at least 6
    characters of digits and masks, at least 2 of them masks)."""
    if not any(c in text_value for c in "*#•xX"):
        return []
    return [
        (m.start(), m.end(), m.group(0))
        for m in _MASKED_NUMBER.finditer(text_value)
        if len(re.sub(r"[ \-+]", "", m.group(0))) >= 6
    ]


def masked_number_before(text_value: str, name_value: str) -> str | None:
    """The masked phone number written right before ``name_value`` in a text (see
    :func:`names_after_numbers`), as written; ``None`` when the name follows no masked
    number.

    Examples:
        >>> masked_number_before("Customer Transfer to 0722***456 - JOHN KAMAU", "JOHN KAMAU")
        '0722***456'
        >>> masked_number_before("Transfer to 254712345678 JOHN KAMAU", "JOHN KAMAU") is None
        True
    """
    for _, end, written in _masked_spans(text_value):
        found = _NAME_AFTER.match(text_value[end:])
        if found and found.group(1).strip() == name_value:
            return written
    return None


#: An IBAN written in a free text (a bank statement's description): two capital letters,
#: two check digits and 11 to 30 letters or digits, written whole or in groups of four.
#: The check digits are checked where the account is read (a failed one is rejected).
_IBAN_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: \d{1,3})?)"
    r"(?![A-Za-z0-9])"
)
#: A UK account written in a free text: its sort code and account number together
#: ("A NOWAK 20-00-00 43218765 LOAN", "OKAFOR C 401234 56781234 WAGES"), as Lloyds' and
#: Barclays' descriptions name a counterparty; read as the digits of both.
_UK_ACCOUNT_IN_TEXT = r"(?<![\w-])(?:\d{2}-\d{2}-\d{2}|\d{6}) \d{8}(?![\w-])"
#: An account in a free text: an IBAN or a UK sort code and account number.
_ACCOUNT_IN_TEXT = re.compile(f"{_IBAN_IN_TEXT.pattern}|{_UK_ACCOUNT_IN_TEXT}")
#: Words of a statement's description before its counterparty's name ("TRANSFER TO",
#: "SEPA Überweisung an", "Virament către", "Przelew od"), folded: skipped at its start.
_PAYMENT_WORDS = frozenset(
    """transfer transfers trf tfr xfer to from payment payments paid pay sepa credit debit
    incoming outgoing received sent beneficiary payee payer ordering order by for standing
    instant inward outward remittance online mobile bank giro wire faster fps bacs chaps
    uberweisung ueberweisung gutschrift lastschrift zahlung dauerauftrag an von
    virement recu emis vers pour de la en
    transferencia pago abono cargo desde para
    bonifico pagamento a da
    overboeking betaling naar van
    przelew wplata od do dla na
    virament transfer plata incasare catre
    perevod platezh ot k
    """.split()  # noqa: SIM905
)
#: A name of up to six words of letters (a dash, colon or slash around it skipped).
_NAME_WORDS = re.compile(r"[^\W\d_][^\W\d_'’.&]*(?:[ \-][^\W\d_][^\W\d_'’.&]*){0,5}")


def names_beside_accounts(text_value: str) -> list[str]:
    """The names written beside the IBANs of a free text, one per IBAN that has one: the
    words right before it, after the payment words that open the text ("TRANSFER TO ION
    RUSU RO49…" is ION RUSU), else the words right after it ("RO49… ION RUSU"). The
    counterparty of a bank statement's row whose description alone names it.

    Examples:
        >>> names_beside_accounts("TRANSFER TO ION RUSU RO49AAAA1B31007593840000")
        ['ION RUSU']
        >>> names_beside_accounts("SEPA Überweisung an Max Mustermann, DE89370400440532013000")
        ['Max Mustermann']
        >>> names_beside_accounts("MD24AG000225100013104168 - ANA CEBAN / rent")
        ['ANA CEBAN']
        >>> names_beside_accounts("TRANSFER FROM RO49AAAA1B31007593840000")
        []

    A label before the IBAN, and booking words, are no name ("IBAN", "PLASHTANE KAM"):

        >>> names_beside_accounts("Transfer;Beneficiar: ION RUSU;IBAN: RO48RNCB0082004412340001")
        ['ION RUSU']
        >>> names_beside_accounts("PLASHTANE KAM RO10BTRL0130120456789000")
        []
    """
    names = []
    start = 0
    for match in _ACCOUNT_IN_TEXT.finditer(text_value):
        # a label before the IBAN ("Beneficiar: IONESCU MARIA;IBAN: RO48...") is no name
        before = without_label(text_value[start : match.start()]).strip(" \t\r\n,;:/-–|")
        start = match.end()
        name = _name_at_end(before) or _name_at_start(text_value[match.end() :])
        if name and not booking_words_only(name):
            names.append(name)
    return names


def _name_at_end(text_value: str) -> str | None:
    """The name that ends ``text_value``, without the payment words that open it."""
    found = _TRAILING_WORDS.search(text_value[-200:])  # a name is short: bounded work
    if not found:
        return None
    # the whole run of words (a booking phrase of any length, "VIREMENT EN VOTRE FAVEUR
    # DE"), less its opening payment words, and the last six words of what is left
    words = found.group(0).split()
    # a phrase with a bank's code or other words before its direction word ("Plata OP
    # catre", "Ordin de plata catre"): the name is after it
    words = words[opening_phrase(words) :]
    while words and (
        (first := fold(words[0]).replace("-", "_")) in BOOKING_WORDS
        # a particle ("a", "de") opens a phrase, or is the initial of "A NOWAK"
        or (first in _PAYMENT_WORDS and len(words) > 2)
    ):
        words = words[1:]
    return " ".join(words[-6:]) or None


#: The words of letters that end a text (separated by spaces or dashes).
_TRAILING_WORDS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][^\W\d_'’.&]*[ \-]+)*[^\W\d_][^\W\d_'’.&]*$")


def _name_at_start(text_value: str) -> str | None:
    """The name that opens ``text_value`` (a dash, colon or slash before it skipped)."""
    found = _NAME_AFTER.match(text_value)
    if not found:
        return None
    words = found.group(1).split()
    while words and fold(words[0]) in _PAYMENT_WORDS | BOOKING_WORDS:
        words = words[1:]
    return " ".join(words) or None


#: Legal forms that make a name an organisation's (whole words, case ignored).
_LEGAL_FORM = re.compile(
    r"(?<![\w.])(s\.?r\.?l\.?|s\.?a\.?|s\.?a\.?s\.?|s\.?a\.?r\.?l\.?|s\.?l\.?|s\.?p\.?a\.?|gmbh"
    r"|ag|kg|ohg|ug|e\.?\s?v\.?|ltd\.?|limited|llc|llp|plc|inc\.?|corp\.?|co\.|b\.?v\.?"
    r"|n\.?v\.?|sp\.? z\.? ?o\.? ?o\.?|s\.?r\.?o\.?|a\.?s\.?|oy|ab|aps|kft|d\.?o\.?o\.?|ooo"
    r"|ооо|тов|пп|ао|зао|оао|фоп|тоо|ип)(?![\w])",
    re.IGNORECASE,
)
#: Words that name a business or a body, not a person ("Western Union Agent Chisinau",
#: "Hotel Dacia", "Dream Travel"), compared folded (case and accents ignored). Only words
#: that are no one's given or family name in the case's languages, as far as we know: a
#: false organisation hides a person from resolution.
ORGANISATION_WORDS: frozenset[str] = frozenset(
    """bank banks banca banque bankas banka банк банку
    agency agencies agenzia agentia agentie agencia agence agentur agentschap agencja
    агентство агенція agent agents
    travel travels tours turism touristik reisen reisebuero viaggi voyages туризм
    hotel hotels hotelul hostel motel готель гостиница отель
    restaurant restaurante ristorante ресторан restoran cafe cafenea кафе pizzeria
    club clubul клуб casino nightclub
    company compania companie firma фирма group grup groupe gruppe holding holdings
    services servicii service logistics transport transporturi trading import export
    consulting recruitment recruiting staffing employment modeling models
    insurance exchange moneygram
    foundation fundatia fundacja association asociatia asociacion ассоциация
    ministry ministerul university universitatea""".split()  # noqa: SIM905
)
#: Organisation words that are common family names too ("Ion Banca"): the second of a
#: two-word name is read as a family name, not an organisation's word.
_ALSO_FAMILY_NAMES = frozenset({"banca", "banka"})
#: Names of several words that name an organisation, folded.
_ORGANISATION_PHRASES = ("western union",)


@lru_cache(maxsize=1)
def _folded_organisation_words() -> frozenset[str]:
    """:data:`ORGANISATION_WORDS` as :func:`~linkgraph.text.fold` writes them (Cyrillic
    in Latin letters: банк is bank)."""
    from linkgraph.text import fold

    return frozenset(fold(w) for w in ORGANISATION_WORDS)


def _has_organisation_word(name: str) -> bool:
    """Whether a name holds one of :data:`ORGANISATION_WORDS` or "Western Union"; not
    when that word may be a family name and is the second of two words ("Ion Banca")."""
    from linkgraph.text import fold

    known = _folded_organisation_words()
    folded = fold(name)
    if any(f" {p} " in f" {folded} " for p in _ORGANISATION_PHRASES):
        return True
    words = re.findall(r"\w+", folded)
    for i, word in enumerate(words):
        if word not in known:
            continue
        if word in _ALSO_FAMILY_NAMES and len(words) == 2 and i == 1:
            continue
        return True
    return False


def is_organisation(name: str) -> bool:
    """Whether a name is an organisation's: it carries a legal form (``Sol Travel S.L.``,
    ``Dream Travel SRL``) or a word of :data:`ORGANISATION_WORDS` (``Western Union Agent
    Chisinau``, ``Banca Transilvania``); ``Ion Banca`` is a person.

    Examples:
        >>> is_organisation("Dream Travel SRL"), is_organisation("ООО Ромашка")
        (True, True)
        >>> is_organisation("Western Union Agent Chisinau"), is_organisation("Hotel Dacia")
        (True, True)
        >>> is_organisation("Ana Popescu"), is_organisation("Agata Srlic")
        (False, False)
        >>> is_organisation("Ion Banca"), is_organisation("Banca Transilvania")
        (False, True)
        >>> is_organisation("Готель Дністер"), is_organisation("Alpha Bank")
        (True, True)
    """
    return _LEGAL_FORM.search(name) is not None or _has_organisation_word(name)


def organisation_names(names: pd.Series) -> np.ndarray:
    """Which of ``names`` carry a legal form (:func:`is_organisation`), read once per
    distinct name."""
    text = names.astype("string")
    known = {n: is_organisation(n) for n in pd.unique(text.dropna().to_numpy(dtype=object))}
    return text.map(known).fillna(False).to_numpy(dtype=bool)


def country(value: str | None) -> str | None:
    """An ISO 3166 alpha-2 code from a code, an alpha-3 code or a name in any language.

    Examples:
        >>> country("UKR"), country("Україна"), country("Moldova, Republic of")
        ('UA', 'UA', 'MD')
        >>> country("gb"), country("Deutschland"), country("Россия")
        ('GB', 'DE', 'RU')
        >>> country("Romanian"), country("rumänisch"), country("українка"), country("Nigerians")
        ('RO', 'RO', 'UA', 'NG')
        >>> country("española"), country("marroquí"), country("سعودية"), country("algériennes")
        ('ES', 'MA', 'SA', 'DZ')
        >>> country("polskie"), country("ukraińska"), country("украинская"), country("Ukraynalı")
        ('PL', 'UA', 'UA', 'UA')
        >>> country("Ιρακινή"), country("Ρουμάνος"), country("WNI"), country("ชาวพม่า")
        ('IQ', 'RO', 'ID', 'MM')
        >>> country("Τουρκική"), country("Συριακή"), country("Αφγανή"), country("Gürcü")
        ('TR', 'SY', 'AF', 'GE')
        >>> country("Atlantis")
        Traceback (most recent call last):
        ValueError: not a country: 'Atlantis'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    upper = raw.upper()
    if len(upper) == 2 and upper.isalpha() and upper in _region_codes():
        return upper
    if len(upper) == 3 and upper in ALPHA3:
        return ALPHA3[upper]
    key = fold(raw)
    # English names and the extra spellings first: the full table (every language of
    # phonenumbers' locale data, ~1 s to import and fold) maps them the same way.
    known = EXTRA_NAMES.get(key) or ENGLISH_NAMES.get(key) or _demonym(key)
    if known is not None:
        return known
    if _DIGIT.search(fold(raw.split(",")[0])):
        # No country's name has a digit, nor any spelling below derived from it: a date
        # or a number is no country, without building the full table (~0.5 s).
        raise ValueError(f"not a country: {raw!r}")
    names = _country_names()
    if key in names:
        return names[key]
    if "," in raw:  # "Moldova, Republic of"
        head = fold(raw.split(",")[0])
        if head in names:
            return names[head]
    for form in _nationality_forms(raw, key):
        found = _demonym(form) or names.get(form)
        if found is not None:
            return found
    if (stem := slavic_adjective_stem(key)) and (found := _slavic_adjectives().get(stem)):
        return found  # "polskie", "ukraińska", "rumunský", "украинская"
    raise ValueError(f"not a country: {raw!r}")


@functools.cache
def _slavic_adjectives() -> dict[str, str]:
    return slavic_adjectives()


#: A digit (any script's, as folded): in no country's name.
_DIGIT = re.compile(r"\d")
#: The Arabic article "ال" before a word ("السعودي", "المغربية").
_ARABIC_ARTICLE = re.compile(r"^\s*ال(?=[\u0600-\u06ff])")
#: "Citizen of" or "people of" before a country's name: Indonesian/Malay "warga negara",
#: Thai "ชาว", "สัญชาติ".
_PEOPLE_OF = re.compile(r"^\s*(?:warga\s*negara|warganegara|ชาว|สัญชาติ)\s*", re.IGNORECASE)
#: Greek script, and the endings of a Greek word of nationality (folded: -ός, -ή, -ές, -οί).
_GREEK = re.compile(r"[\u0370-\u03ff]")
#: A Greek adjective's or noun's ending, folded: masculine -ος/-οι, feminine -η/-ες,
#: -ίδα/-ίδες, -ισσα, and the adjectives' -ική/-ικός, -ακή/-ακός ("Τουρκική", "Συριακή").
_GREEK_ENDING = re.compile(r"(?:iakos|iake|ikos|ike|ikes|ikoi|os|e|es|oi|ides|ida|issa)$")
#: Chinese "person of" and "nationality" after a country's name ("中国人", "中国籍"), folded.
_CJK_NATIONAL = re.compile(r"\s(ren|ji)$")


def _nationality_forms(raw: str, key: str) -> list[str]:
    """The folded spellings a nationality's word may stand for when it is not in the
    tables as written: the masculine of a Romance feminine or plural ("española" ->
    "espanol", "nigeriana" -> "nigeriano", "algérienne" -> "algerien", "marroquíes"),
    the word without the Arabic article ("السعودية"; the feminine "ة" already folds
    away), a country's name before Chinese "人" or "籍" ("中国籍").

    Examples:
        >>> _nationality_forms("española", "espanola")
        ['espanol', 'espanolo', 'espanole']
        >>> _nationality_forms("ivoiriennes", "ivoiriennes")[:3]
        ['ivoirienne', 'ivoirien', 'ivoirienn']
    """
    forms: list[str] = []
    stems = [key]
    if key.endswith("s"):  # plurals: "nigerianas", "marroquíes", "ivoiriennes"
        stems = [key[:-1], key[:-2]] if key.endswith("es") else [key[:-1]]
    for stem in stems:
        forms.append(stem)
        if stem.endswith("nne"):
            forms.append(stem[:-2])  # ukrainienne -> ukrainien
        if stem.endswith(("a", "e")):
            forms += [stem[:-1], f"{stem[:-1]}o", f"{stem[:-1]}e"]
    if _ARABIC_ARTICLE.match(raw):
        forms.append(fold(_ARABIC_ARTICLE.sub("", raw)))
    if (m := _PEOPLE_OF.match(raw)) and m.end() < len(raw):
        forms.append(fold(raw[m.end() :]))  # "warga negara Indonesia", "ชาวพม่า"
    if key.endswith(("li", "lu")) and " " not in key:  # Turkish "Ukraynalı", "Iraklı"
        forms.append(key[:-2])
    if _GREEK.search(raw) and (m := _GREEK_ENDING.search(key)):
        stem = key[: m.start()]  # "Ρουμάνος" -> "rouman(ia)", "Ιρακινή" -> "irak"
        forms += [f"{stem}ia", f"{stem}a", stem, stem[:-2] if stem.endswith("in") else ""]
    if m := _CJK_NATIONAL.search(key):
        forms.append(key[: m.start()])
    return [f for f in dict.fromkeys(forms) if f and f != key]


def region_problem(region: object) -> str | None:
    """Why ``region`` is no phone region (a country code phonenumbers knows, in any case),
    with the code meant when it is a country's other code or name (``UK`` -> ``GB``,
    ``ROU`` -> ``RO``, ``Romania`` -> ``RO``); None when it is one.

    Examples:
        >>> region_problem("ua") is None, region_problem("UK")
        (True, "region 'UK' is not a country code phonenumbers knows; did you mean 'GB'?")
    """
    code = str(region).strip().upper()
    if code in phonenumbers.SUPPORTED_REGIONS:
        return None
    try:
        meant = country(str(region))
    except ValueError:
        meant = None
    tip = f"; did you mean {meant!r}?" if meant in phonenumbers.SUPPORTED_REGIONS else ""
    return f"region {region!r} is not a country code phonenumbers knows{tip}"


REGION_HINT = "give a country's ISO 3166 alpha-2 code, such as UA, RO or GB"


_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
#: The longest IBAN (ISO 13616), longer than any national account number.
_LONGEST_ACCOUNT = 34
#: A number a spreadsheet wrote in scientific notation ("4.47712E+11"), its digits lost.
ROUNDED_NUMBER = r"\s*\d(?:[.,]\d+)?[eE]\+?\d{1,2}\s*"
_ROUNDED = re.compile(ROUNDED_NUMBER)
#: A number written as a decimal with all its digits ("37369123457.0"), as pandas and
#: spreadsheets write a column of numbers to CSV: its digits are the number before the
#: ".0" (group 1). A rounded one ("4.07212E+10") is no such number.
DECIMAL_ZERO = r"^\s*(\+?[0-9]{5,})\.0+\s*$"


def _refuse_rounded(raw: str, what: str) -> None:
    """Raise ValueError for a number a spreadsheet rounded (``4.53211E+15``): it stands
    for many numbers, and none of them is known."""
    if _ROUNDED.fullmatch(raw):
        raise ValueError(f"{what} in scientific notation, its last digits lost: {raw!r}")


#: Crypto-currency wallet addresses: Bitcoin bech32 (``bc1q...``) and base58 (``1...``,
#: ``3...``), Ethereum and other EVM chains (``0x`` and 40 hex digits), Tron (``T...``),
#: Litecoin. Base58 is case-sensitive: such an address is kept as written.
_WALLET = re.compile(
    r"(?:bc1|tb1|ltc1)[02-9ac-hj-np-z]{25,87}|(?:BC1|TB1|LTC1)[02-9AC-HJ-NP-Z]{25,87}"
    r"|0x[0-9a-fA-F]{40}|[13LM][1-9A-HJ-NP-Za-km-z]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33}"
)


def wallet(value: str | None) -> str | None:
    """A crypto-currency wallet address in its canonical form, or None when ``value`` is
    none: bech32 and hex addresses in lower case (their case carries no meaning), base58
    ones as written (their case does).

    Examples:
        >>> wallet(" 0xDE0B295669a9FD93d5F28D9Ec85E40f4cb697BAe ")
        '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae'
        >>> wallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), wallet("DE89370400440532013000")
        ('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', None)
    """
    raw = compat_text(value)
    if raw is None or not _WALLET.fullmatch(raw) or not re.search(r"[a-z]", raw, re.I):
        return None
    if raw[:2] in ("0x",) or raw.lower().startswith(("bc1", "tb1", "ltc1")):
        return raw.lower()
    return raw


#: Two letters right before two digits, as an IBAN begins ("ДЕ89", not "р/с 4070").
_IBAN_HEAD = re.compile(r"\s*[^\W\d_]{2}\d{2}")


def _latin_country(raw: str, out: str) -> str | None:
    """The country code an IBAN-shaped ``out`` writes in Cyrillic or Greek letters, read
    as their Latin look-alikes or transliteration (``ДЕ``, ``ΔΕ``: DE); None when it is
    no IBAN's head."""
    if not _IBAN_HEAD.match(raw):
        return None
    head = fold(out[:2].translate(_LOOKALIKE).translate(_GREEK_LOOKALIKE)).upper()
    if head not in set(ALPHA3.values()) or not _IBAN.match(head + out[2:]):
        return None
    return head


def account(value: str | None) -> str | None:
    """An IBAN or account number: spaces, dots and dashes removed, upper-case; a crypto
    wallet address as :func:`wallet` writes it.

    IBANs are checked with their mod-97 check digits; a failed check raises ValueError,
    and so does a number of letters and digits longer than an IBAN can be (34), and an
    IBAN whose country code is written in Cyrillic or Greek letters (``ДЕ89…``: another
    account to a computer, the same one to a reader).

    Examples:
        >>> account("gb82 west 1234 5698 7654 32")
        'GB82WEST12345698765432'
        >>> account("40817-810-0"), account(" 0012.3456 ")
        ('408178100', '00123456')
        >>> account("GB00 WEST 1234 5698 7654 32")
        Traceback (most recent call last):
        ValueError: IBAN check digits fail: 'GB00 WEST 1234 5698 7654 32'
        >>> account("ДЕ89 3704 0044 0532 0130 00")
        Traceback (most recent call last):
        ValueError: an IBAN whose country code is written in non-Latin letters ('ДЕ', not 'DE'): \
'ДЕ89 3704 0044 0532 0130 00'
        >>> account("4.53211E+15")
        Traceback (most recent call last):
        ValueError: an account number in scientific notation, its last digits lost: '4.53211E+15'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    raw = without_text_marker(raw)
    crypto = wallet(raw)
    if crypto is not None:
        return crypto
    _refuse_rounded(raw, "an account number")
    out = re.sub(r"[\s.\-/]", "", raw).upper()
    if not out:
        return None
    if len(out) > _LONGEST_ACCOUNT and re.fullmatch(r"\w+", out):
        raise ValueError(
            f"an account number of {len(out)} characters, longer than any IBAN or account"
            f" number ({_LONGEST_ACCOUNT}): {raw!r}"
        )
    if not out[:2].isascii() and (latin := _latin_country(raw, out)) is not None:
        raise ValueError(
            f"an IBAN whose country code is written in non-Latin letters ({out[:2]!r}, not"
            f" {latin!r}): {raw!r}"
        )
    if _IBAN.match(out):
        digits = "".join(str(int(c, 36)) for c in out[4:] + out[:4])
        if int(digits) % 97 != 1:
            raise ValueError(f"IBAN check digits fail: {raw!r}")
    return out


def plate(value: str | None) -> str | None:
    """A vehicle registration plate: Latin upper-case letters and digits only.

    Cyrillic letters that look like Latin ones (as on Ukrainian and Russian plates) become
    the Latin letter, so ``АА 1234 ВВ`` and ``AA1234BB`` match.

    Examples:
        >>> plate("ab-123 cd"), plate("АА 1234 ВВ")
        ('AB123CD', 'AA1234BB')
    """
    raw = compat_text(value)
    if raw is None:
        return None
    out = raw.upper().translate(_LOOKALIKE)
    out = re.sub(r"[^0-9A-Z]", "", fold(out).upper())
    return out or None


# Cyrillic capitals that plates use for their Latin look-alikes; Greek ones (for IBANs).
_LOOKALIKE = str.maketrans("АВЕКМНОРСТУХІ", "ABEKMHOPCTYXI")
_GREEK_LOOKALIKE = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX")


def document(value: str | None) -> str | None:
    """A passport or identity document number: letters and digits, upper-case.

    Examples:
        >>> document(" fa 123-456 "), document("№ КВ 123456")
        ('FA123456', 'KB123456')
        >>> document("1.23457E+11")
        Traceback (most recent call last):
        ValueError: a document number in scientific notation, its last digits lost: '1.23457E+11'
    """
    raw = compat_text(None if value is None else str(value).replace("№", ""))
    if raw is None:
        return None
    raw = without_text_marker(raw)
    _refuse_rounded(raw, "a document number")
    out = raw.upper()
    out = re.sub(r"[^0-9A-Z]", "", fold(out.translate(_LOOKALIKE)).upper())
    return out or None


#: Spellings of each sex in the languages of the exports (English, French, German,
#: Spanish, Italian, Portuguese, Polish, Czech, Romanian, Turkish, Dutch, Russian,
#: Ukrainian, Greek, Bulgarian, Serbian/Croatian, Albanian, Hungarian, Thai, Vietnamese,
#: Indonesian/Malay, Tagalog, Chinese, Japanese, Korean, Arabic, Persian, Hebrew, Hindi),
#: matched as written and folded ("Männlich" -> mannlich). ``M`` is male here; a column
#: whose codes are H and M (hombre/mujer) reads its M as female (:mod:`._sex_codes`).
_SEX_WORDS = {
    "M": "m male man men h homme masculin masculino maschio uomo hombre varon mann mannlich"
    " maennlich herr mezczyzna erkek barbat muz man manlijk ч чол чоловік чоловіча чоловічий"
    " м муж мужской мужчина мужск άνδρας αρσενικό мъж мъжки muski muškarac mashkull férfi"
    " ชาย เพศชาย nam laki-laki lelaki pria lalaki 男 男性 남 남성 남자 ذكر رجل مرد זכר पुरुष",
    "F": "f female woman women w femme feminin feminino femenino femmina donna mujer frau"
    " weiblich kobieta k kadin kadın femeie zena žena ž vrouw vrouwelijk ж жен женский"
    " женщина жін жінка жіноча жіночий γυναίκα θηλυκό жена женски zenski ženski femër femer"
    " női หญิง เพศหญิง nữ perempuan wanita babae 女 女性 여 여성 여자 أنثى انثى امرأة زن נקבה"
    " महिला स्त्री",
    "X": "x other divers diverse nonbinary non-binary autre otro altro inne",
}
_SEX: dict[str, str | None] = _word_table(_SEX_WORDS)
_SEX.update(dict.fromkeys(("u", "unknown", "unbekannt", "inconnu", "desconocido", "?")))


def sex(value: str | None) -> str | None:
    """``M``, ``F`` or ``X`` from common spellings; unknown spellings raise ValueError.

    Examples:
        >>> sex("Female"), sex("m"), sex("Ж"), sex("unknown")
        ('F', 'M', 'F', None)
        >>> sex("männlich"), sex("Kadın"), sex("жіноча"), sex("Mujer"), sex("divers")
        ('M', 'F', 'F', 'F', 'X')
        >>> sex("ชาย"), sex("หญิง"), sex("女"), sex("남"), sex("أنثى"), sex("Nữ")
        ('M', 'F', 'F', 'M', 'F', 'F')
    """
    raw = compat_text(value)
    if raw is None:
        return None
    key = raw.lower().strip(".")
    if key in _SEX or fold(key).lower() in _SEX:
        return _looked_up(_SEX, key)
    raise ValueError(f"not a sex: {raw!r}")


#: How a CDR says which way a call or message went (English, German, French, Spanish,
#: Italian, Polish, Romanian, Ukrainian, Russian; network terms MO/MT).
_DIRECTION_WORDS = {
    "in": "in incoming inbound mt mtc mt_sms sms_mt mtsms received recv terminating terminated"
    " eingehend ankommend"
    " entrant entrante recibida recibido ricevuta ricevuto przychodzace przychodzaca primit"
    " primita intrare вх вхід вхідний вхідна вхідні входящий входящая входящие",
    "out": "out outgoing outbound mo moc mo_sms sms_mo mosms sent originating originated ausgehend"
    " abgehend sortant"
    " sortante saliente realizada efectuada effettuata uscita wychodzace wychodzaca efectuat"
    " efectuata iesire вих вихід вихідний вихідна вихідні исх исходящий исходящая исходящие",
}
_DIRECTIONS: dict[str, str] = _word_table(_DIRECTION_WORDS)


def call_direction(value: str | None) -> str | None:
    """``in`` or ``out``: which way a call or message of a subscriber's CDR went.

    Examples:
        >>> call_direction("OUT"), call_direction("Вхідний"), call_direction("MT")
        ('out', 'in', 'in')
        >>> call_direction("Incoming call"), call_direction("SMS ausgehend")
        ('in', 'out')
        >>> call_direction("VOICE_MT"), call_direction("SMS_MO")
        ('in', 'out')
        >>> call_direction("forwarded")
        Traceback (most recent call last):
        ValueError: not a call direction: 'forwarded'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    words = re.findall(r"\w+", raw.lower())
    # "VOICE_MT", "DATA_MO": a record type and a direction joined by "_" (a tower dump's
    # Event), each word read where the whole is none ("mt_sms" is one)
    words += [p for w in words if "_" in w and w not in _DIRECTIONS for p in w.split("_")]
    found = {_looked_up(_DIRECTIONS, w) for w in words} - {None}
    if len(found) == 1:
        return found.pop()
    raise ValueError(f"not a call direction: {raw!r}")


#: Words of a statement's or a transaction table's type column that say whether money came
#: in to the row's account (a credit) or went out of it (a debit): English, German, French,
#: Spanish, Italian, Polish, Romanian, Czech (the Berka/PKDD'99 bank's PRIJEM and VYDAJ,
#: VYBER a cash withdrawal), Ukrainian, Russian, Turkish (Borç, Alacak), Greek, Hungarian,
#: Serbian and Croatian. The short codes of a debit/credit column: C/D, Cr/Dr, H/S (German
#: Haben/Soll), Kt/Dt and Кт/Дт (Russian and Ukrainian Кредит/Дебет).
_MONEY_DIRECTION_WORDS = {
    "in": "in credit cr c h kt кт cred incoming inflow deposit received haben gutschrift eingang"
    " credito abono ingreso entrada accredito entrata avere uznanie uznania wplyw wplata"
    " incasare intrare prijem příjem надходження зарахування поступление зачисление приход"
    " кредит kredit bij alacak πίστωση jóváírás potražuje uplata",
    "out": "out debit dr d s dt дт deb outgoing outflow withdrawal sent soll lastschrift belastung"
    " ausgang debito cargo salida addebito uscita dare obciazenie obciazenia wyplata plata"
    " iesire vydaj výdaj vyber výběr списання списание расход дебет af debet borç χρέωση"
    " terhelés duguje isplata",
}
_MONEY_DIRECTIONS: dict[str, str] = _word_table(_MONEY_DIRECTION_WORDS)


def money_direction(value: str | None) -> str | None:
    """``in`` or ``out``: whether a row's money came in to its account or went out of it,
    from a type column ("PRIJEM"/"VYDAJ", "C"/"D", "Credit"/"Debit").

    Examples:
        >>> money_direction("PRIJEM"), money_direction("VYDAJ"), money_direction("Cr")
        ('in', 'out', 'in')
        >>> money_direction("S"), money_direction("H"), money_direction("Dt"), money_direction("Кт")
        ('out', 'in', 'out', 'in')
        >>> money_direction("wire")
        Traceback (most recent call last):
        ValueError: not a debit or credit: 'wire'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    words = re.findall(r"[^\W_]+", raw.lower())
    if len(words) > 1:  # "Petro's": an S or H is a code only when it is the whole value
        words = [w for w in words if w not in _LONE_CODES]
    found = {_looked_up(_MONEY_DIRECTIONS, w) for w in words} - {None}
    if len(found) == 1:
        return found.pop()
    raise ValueError(f"not a debit or credit: {raw!r}")


#: Money directions that are a letter that is a word of any text: a code only alone.
_LONE_CODES = frozenset({"h", "s"})
#: The values :func:`money_direction` reads, for a reject's explanation.
MONEY_DIRECTION_EXAMPLES = (
    "in/out, credit/debit, C/D, Cr/Dr, H/S (Haben/Soll), Kt/Dt, Gutschrift/Lastschrift,"
    " incoming/outgoing (and the same words in other languages)"
)


def flow_direction(value: str | None) -> str | None:
    """``in`` or ``out`` of a call (:func:`call_direction`) or of money
    (:func:`money_direction`).

    Examples:
        >>> flow_direction("Вхідний"), flow_direction("VYDAJ")
        ('in', 'out')
    """
    try:
        return call_direction(value)
    except ValueError:
        pass
    try:
        return money_direction(value)
    except ValueError:
        raise ValueError(f"not a direction: {value!r}") from None


#: What a CDR's record type says a row is: a voice call, a text message, or a data session
#: (not a contact between two numbers). English, German, French, Spanish, Italian, Polish,
#: Romanian, Ukrainian, Russian; the network terms MOC/MTC, SMS-MO/SMS-MT, GPRS.
_RECORD_TYPE_WORDS = {
    "data": "data gprs egprs umts_data lte_data internet web wap pdp psdata packet datos dati"
    " daten dane dados интернет інтернет трафик трафік gprs_mo gprs_mt",
    "sms": "sms mms text message msg sms_mo sms_mt mo_sms mt_sms mosms mtsms smsmo smsmt"
    " nachricht mensaje messaggio wiadomosc mesaj смс сообщение повідомлення",
    "voice": "voice voce voz voix glos call moc mtc mocall mtcall telephony speech sprache anruf"
    " gesprach"
    " appel llamada chiamata polaczenie rozmowa apel convorbire голос голосовой голосовий"
    " звонок дзвінок вызов виклик разговор розмова",
}
_RECORD_TYPES: dict[str, str] = _word_table(_RECORD_TYPE_WORDS)


def record_type(value: str | None) -> str | None:
    """``voice``, ``sms`` or ``data``: what a row of a CDR records, from its record type.
    A data session outranks a message, and a message a call ("SMS call" is a message).

    Examples:
        >>> record_type("MOC"), record_type("SMS-MT"), record_type("GPRS"), record_type("Голос")
        ('voice', 'sms', 'data', 'voice')
        >>> record_type("Входящий SMS"), record_type("Mobile Internet")
        ('sms', 'data')
        >>> record_type("USSD")
        Traceback (most recent call last):
        ValueError: not a record type: 'USSD'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    words = re.findall(r"[^\W_]+", raw.lower())
    words += [f"{a}_{b}" for a, b in itertools.pairwise(words)]
    found = {_looked_up(_RECORD_TYPES, w) for w in words} - {None}
    for kind in ("data", "sms", "voice"):
        if kind in found:
            return kind
    raise ValueError(f"not a record type: {raw!r}")


_AMOUNT_JUNK = re.compile(r"[^\d,.\-+]")
#: Minus signs other than the ASCII hyphen (typographic minus, dashes, full-width).
_MINUSES = str.maketrans(dict.fromkeys("\u2212\u2012\u2013\u2014\ufe63\uff0d", "-"))
#: A number in parentheses (accounting's negative): "(150,00)", "€ (1,234.50)".
_PARENTHESISED = re.compile(r"^[^()\d]*\(([^()]*\d[^()]*)\)[^()\d]*$")
#: A debit or credit mark beside the number, as bank statements write it: "250.00 DR".
_DEBIT_CREDIT = re.compile(r"(?<![^\W\d_])(dr|db|debit|cr|credit)\b\.?", re.IGNORECASE)


#: An amount that shows its decimal mark: the last mark of two kinds, or a lone mark not
#: followed by exactly three digits ("12,50"; "12,500" may be twelve thousand five hundred).
#: A repeated group mark shows the other one too ("1.000.000": a decimal comma).
_DECIMAL_COMMA = re.compile(
    r"(?:\.\d{3},\d*|^[^.,]*\d,(?:\d{1,2}|\d{4,})\D*$|^[^.,]*\d{1,3}(?:\.\d{3}){2,}\D*$)"
)
_DECIMAL_POINT = re.compile(
    r"(?:,\d{3}\.\d*|^[^.,]*\d\.(?:\d{1,2}|\d{4,})\D*$|^[^.,]*\d{1,3}(?:,\d{3}){2,}\D*$)"
)
#: Digits whose only mark repeats, grouping thousands (``1.000.000``, ``1,000,000``; the
#: Indian ``10,00,000``): no decimal mark can repeat, so they read one way, a whole number.
_REPEATED_GROUPS = re.compile(
    r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,}|\d{1,2}(?:,\d{2})+,\d{3}"
)
#: An amount that reads two ways: one mark, followed by exactly three digits ("1.234").
AMBIGUOUS_AMOUNT = r"^[^.,]*\d[.,]\d{3}\D*$"
_AMBIGUOUS_AMOUNT = re.compile(AMBIGUOUS_AMOUNT)


def decimal_marks(values: Iterable[str]) -> set[str]:
    """The decimal marks a column of amounts shows: "," for the values with a decimal
    comma (``1.234,56``, ``12,5``), "." for those with a decimal point; empty when no
    value tells (``12.345`` and ``1,000`` read both ways).

    Examples:
        >>> sorted(decimal_marks(["12.345", "1.234,56"])), sorted(decimal_marks(["3.5", "1,5"]))
        ([','], [',', '.'])
        >>> decimal_marks(["12.345", "100"])
        set()
    """
    marks: set[str] = set()
    for v in values:
        if "," not in marks and _DECIMAL_COMMA.search(v):
            marks.add(",")
        if "." not in marks and _DECIMAL_POINT.search(v):
            marks.add(".")
        if len(marks) == 2:
            break
    return marks


def decimal_mark_examples(values: Iterable[str]) -> dict[str, str]:
    """The first value of each decimal mark :func:`decimal_marks` finds, by mark.

    Examples:
        >>> decimal_mark_examples(["12.345", "1.250,00", "99,9", "500.00"])
        {',': '1.250,00', '.': '500.00'}
    """
    found: dict[str, str] = {}
    for v in values:
        if "," not in found and _DECIMAL_COMMA.search(v):
            found[","] = v
        if "." not in found and _DECIMAL_POINT.search(v):
            found["."] = v
        if len(found) == 2:
            break
    return found


def decimal_mark(values: Iterable[str]) -> str | None:
    """The decimal mark a column of amounts shows: "," when some value has a decimal
    comma (``1.234,56``, ``12,5``) and none a decimal point, "." for the converse, None
    when no value tells (or they disagree: see :func:`decimal_marks`).

    Examples:
        >>> decimal_mark(["12.345", "1.234,56"]), decimal_mark(["12,345", "3.5"])
        (',', '.')
        >>> decimal_mark(["12.345", "100"]) is None
        True
    """
    marks = decimal_marks(values)
    return marks.pop() if len(marks) == 1 else None


#: Words that scale an amount ("1,5 Mio", "2.3 mln", "500 тыс.", "1.2bn"), by the power of
#: ten, as folded text (English, German, French, Spanish, Italian, Portuguese, Polish,
#: Romanian, Russian, Ukrainian; Indian lakh and crore).
_SCALE_WORDS = {
    3: "k tsd tausend thousand thousands tys tis tysiecy mii",
    5: "lakh lakhs lac lacs",
    6: "mio mill million millions millionen millon millones milhao milhoes milione milioni"
    " milion miliony milionow milioane mln mn",
    7: "crore crores",
    9: "bn bln mrd milliard milliards milliarden miliard miliardy miliardow miliarde mlrd"
    " billion billions",
}
_SCALES: dict[str, int] = _word_table(_SCALE_WORDS)
#: Scale words that mean different amounts to different writers ("1.5M": a million, or a
#: thousand as accountants write it; German "Billion" is 10^12): never guessed.
_AMBIGUOUS_SCALES = frozenset({"m", "mm", "b", "bil", "bio", "mil", "mille", "billionen", "t"})
_WORD = re.compile(r"[^\W\d_]+")
_WORD_DOT = re.compile(r"[^\W\d_]+\.?")
#: A power of ten in scientific notation, right after the digits ("2e5", "1.5E-3",
#: Excel's "1.23457E+11"); an "E" glued to the digits with no exponent ("12E") is cut off.
_EXPONENT = re.compile(r"(?<=\d)[.,]?[eE]([+-]?\d+)?(?![^\W\d_])")
#: The largest power of ten an amount may reach: beyond it no float holds it (1e309 is
#: infinite), and it is no money anyone paid.
_MAX_AMOUNT_POWER = 308
_LARGEST_FLOAT = Decimal("1.7976931348623157e308")


def _scale(text_: str) -> int:
    """The power of ten a scale word in an amount's text gives ("1,5 Mio": 6), 0 without
    one; an ambiguous or repeated scale word raises ValueError."""
    found = 0
    for word in _WORD.findall(text_):
        key = fold(word).lower()
        if key in _AMBIGUOUS_SCALES:
            raise ValueError(f"not an amount (the scale {word!r} is ambiguous): {text_!r}")
        power = _SCALES.get(key)
        if power is not None:
            if found:
                raise ValueError(f"not an amount (two scale words): {text_!r}")
            found = power
    return found


def _read_marks(s: str, decimal: str | None, raw: str) -> str:
    """``s`` (digits and marks) as a plain decimal string. With the column's ``decimal``
    mark, the other mark must group thousands (``1.234.567,8``): a value that shows the
    other decimal mark ("12.5" among decimal commas) raises ValueError. Digits whose only
    mark repeats (``1.000.000``) are a whole number under any decimal mark."""
    if _REPEATED_GROUPS.fullmatch(s):
        return s.replace(".", "").replace(",", "")
    if decimal is not None:
        group = "." if decimal == "," else ","
        whole, point, fraction = s.partition(decimal)
        if decimal in fraction or group in fraction:
            raise ValueError(f"not an amount (its marks do not read as {decimal!r}): {raw!r}")
        if group in whole and not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+", whole):
            raise ValueError(
                f"not an amount with the decimal mark {decimal!r} of its column: {raw!r}"
            )
        return whole.replace(group, "") + ("." + fraction if point else "")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            return s.replace(".", "").replace(",", ".")
        return s.replace(",", "")
    if s.count(",") == 1 and len(s.split(",")[1]) != 3:
        return s.replace(",", ".")
    return s.replace(",", "")


def amount(value: str | None, *, decimal: str | None = None, strict: bool = False) -> str | None:
    """A money amount as a plain decimal string; ``1.234,50`` and ``1,234.50`` both work.
    Negative amounts as accounts write them are negative: ``(150.00)``, ``1.234,56-``,
    ``−75`` (a typographic minus) and ``250.00 DR`` (a debit mark; ``CR`` is a credit).
    A scale word multiplies: ``1,5 Mio`` is 1500000 (``k``, ``Tsd.``, ``mln``, ``млн``,
    ``тыс.``, ``bn``, ``Mrd.``, ...); an ambiguous one (``1.5M``) raises ValueError.
    Scientific notation is read (``2e5``, Excel's ``1.23457E+11``; the one mark before
    the exponent is the decimal mark); an amount beyond 10^308 raises ValueError.
    ``decimal``: the column's decimal mark (:func:`decimal_mark`), which settles a value
    that does not show it (``12.345`` is 12345 in a column of ``1.234,56``) and refuses
    one that shows the other (``12.5``). ``strict``: refuse a value that reads both ways
    (``1.234``) when the column has no one decimal mark.

    Examples:
        >>> amount("EUR 1.234,50"), amount("1,234.50"), amount("-12"), amount("3,5")
        ('1234.50', '1234.50', '-12', '3.5')
        >>> amount("(150,00)"), amount("1.234,56-"), amount("\u2212250.00"), amount("250.00 DR")
        ('-150.00', '-1234.56', '-250.00', '-250.00')
        >>> amount("100.00 CR"), amount("€ (1,234.50)"), amount("+12")
        ('100.00', '-1234.50', '12')
        >>> amount("12.345"), amount("12.345", decimal=","), amount("12,345", decimal=",")
        ('12.345', '12345', '12.345')
        >>> amount("KES 1.000.000"), amount("1,000,000", decimal=","), amount("1 000 000")
        ('1000000', '1000000', '1000000')
        >>> amount("1,5 Mio"), amount("2.3 mln EUR"), amount("500 тыс."), amount("1.2bn")
        ('1500000', '2300000', '500000', '1200000000')
        >>> amount("2e5"), amount("1.23457E+11"), amount("7,5E+03"), amount("1.5e-3")
        ('200000', '123457000000', '7500', '0.0015')
        >>> amount("12.5", decimal=",")
        Traceback (most recent call last):
        ValueError: not an amount with the decimal mark ',' of its column: '12.5'
        >>> amount("lots")
        Traceback (most recent call last):
        ValueError: not an amount: 'lots'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    t = without_text_marker(raw).translate(_MINUSES)
    negative = False
    if (paren := _PARENTHESISED.match(t)) is not None:
        t, negative = paren.group(1), True
    if (mark := _DEBIT_CREDIT.search(t)) is not None:
        negative = negative or mark.group(1).lower() in ("dr", "db", "debit")
        t = t[: mark.start()] + t[mark.end() :]
    power = 0
    if (exponent := _EXPONENT.search(t)) is not None:
        if exponent.group(1) is None:
            raise ValueError(f"not an amount (an exponent with no digits): {raw!r}")
        power = int(exponent.group(1))
        t = t[: exponent.start()] + " " + t[exponent.end() :]
    if _WORD.search(t):  # a currency or a scale word, and the dot that abbreviates it
        power += _scale(t)
        t = _WORD_DOT.sub(" ", t)
    s = _AMOUNT_JUNK.sub("", t)
    if s.startswith(("-", "+")):
        negative, s = negative or s[0] == "-", s[1:]
    elif s.endswith(("-", "+")):
        negative, s = negative or s[-1] == "-", s[:-1]
    if exponent is not None:  # a mantissa's one mark is its decimal mark: "1,234E+05"
        if s.count(".") + s.count(",") > 1:
            raise ValueError(f"not an amount (two marks before its exponent): {raw!r}")
        s = s.replace(",", ".")
    elif strict and decimal is None and _AMBIGUOUS_AMOUNT.match(t):
        raise ValueError(
            f"not an amount (reads both ways, and its column has both decimal marks): {raw!r}"
        )
    else:
        s = _read_marks(s, decimal, raw)
    if not s or (not s[0].isdigit() and not s.startswith(".")):
        raise ValueError(f"not an amount: {raw!r}")
    try:
        number = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"not an amount: {raw!r}") from None
    if number and (
        abs(number.adjusted() + power) > _MAX_AMOUNT_POWER
        or abs(number.scaleb(power)) > _LARGEST_FLOAT
    ):
        raise ValueError(f"not an amount (out of range, beyond 1e±{_MAX_AMOUNT_POWER}): {raw!r}")
    if power:
        s = format(number.scaleb(power), "f")
    return f"-{s}" if negative else s


#: ISO 4217 codes in use (and a few recently replaced, which old records still write).
ISO_CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
    MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
    QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS
    TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR
    ZMW ZWG HRK BYR ROL LTL LVL EEK SKK SIT""".split()  # noqa: SIM905
)
#: Codes also read in lower or mixed case inside an amount ("100 eur"); the other codes
#: only in capitals, so that words such as "all" or "top" are no currency.
_COMMON_CURRENCIES = frozenset(
    "EUR USD GBP CHF RON MDL UAH RUB PLN TRY CZK HUF BGN SEK NOK DKK".split()  # noqa: SIM905
)
#: Currency symbols and short words, each with the codes it may stand for (the first is
#: the one read when nothing else tells: "$" is US dollars, but a "$" amount in a column
#: of CAD is Canadian dollars, no conflict).
_CURRENCY_SYMBOLS: dict[str, tuple[str, ...]] = {
    "€": ("EUR",), "£": ("GBP",), "₴": ("UAH",), "грн": ("UAH",), "₽": ("RUB",),
    "руб": ("RUB",), "р": ("RUB",), "zł": ("PLN",), "zl": ("PLN",), "₺": ("TRY",),
    "tl": ("TRY",), "₸": ("KZT",), "₪": ("ILS",), "₹": ("INR",), "kč": ("CZK",),
    "ft": ("HUF",), "лв": ("BGN",), "₾": ("GEL",), "֏": ("AMD",), "₼": ("AZN",),
    "lei": ("RON", "MDL"), "leu": ("RON", "MDL"), "¥": ("JPY", "CNY"), "元": ("CNY",),
    "kr": ("SEK", "NOK", "DKK", "ISK"), "fr": ("CHF", "XOF", "XAF"), "sfr": ("CHF",),
    "$": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "BSD", "ARS", "CLP", "COP"),
    "us$": ("USD",), "c$": ("CAD",), "a$": ("AUD",), "r$": ("BRL",),
}  # fmt: skip
#: What an amount's text holds besides its currency: digits, marks, signs, spaces.
AMOUNT_NUMBER_CHARS = r"[\p{Nd}\s.,'’+\-−()]+"


def _currency_candidates(word: str) -> tuple[str, ...]:
    """The codes a currency word or symbol of an amount may stand for (empty: none)."""
    key = word.lower()
    if key in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[key]
    upper = word.upper()
    if upper in ISO_CURRENCIES and (word == upper or upper in _COMMON_CURRENCIES):
        return (upper,)
    return ()


def amount_currency(value: str | None) -> str | None:
    """The currency written inside an amount, as the codes it may stand for separated by
    spaces, the likeliest first (``"$"``: US dollars first, then other dollars); None
    when the amount names none. Two different currencies raise ValueError.

    Examples:
        >>> amount_currency("€1,500.00"), amount_currency("2.000,50 MDL")
        ('EUR', 'MDL')
        >>> amount_currency("1 250,00 zł"), amount_currency("1.500 грн"), amount_currency("-200")
        ('PLN', 'UAH', None)
        >>> amount_currency("250.00 DR"), amount_currency("2.3 mln EUR")
        (None, 'EUR')
        >>> amount_currency("5 lei")
        'RON MDL'
    """
    raw = compat_text(value)
    if raw is None:
        return None
    found: list[tuple[str, ...]] = []
    for token in re.findall(r"[^\W\d_]+\$?|[^\w\s.,'’+\-−()]", raw):
        codes = _currency_candidates(token)  # other words (scales, "DR") are none
        if codes:
            found.append(codes)
    if not found:
        return None
    common = [c for c in found[0] if all(c in codes for codes in found[1:])]
    if not common:
        raise ValueError(f"two currencies in one amount: {raw!r}")
    return " ".join(common)


#: Crypto-currency tickers an exchange's export names its coins by (not ISO 4217 codes).
_CRYPTO_TICKERS = frozenset(
    [
        "BTC",
        "ETH",
        "USDT",
        "USDC",
        "TRX",
        "BNB",
        "LTC",
        "XMR",
        "DAI",
        "SOL",
        "XRP",
        "DOGE",
        "BUSD",
        "TON",
        "MATIC",
        "POL",
        "BCH",
        "ZEC",
        "DASH",
        "ADA",
        "AVAX",
    ]
)


def currency(value: str | None) -> str | None:
    """An ISO 4217 code from a code, a common symbol or an English name; a crypto-currency's
    ticker.

    Examples:
        >>> currency("eur"), currency("€"), currency("грн"), currency("zł"), currency("usdt")
        ('EUR', 'EUR', 'UAH', 'PLN', 'USDT')
        >>> currency("US Dollar"), currency("UK pounds"), currency("Yen"), currency("Bitcoin")
        ('USD', 'GBP', 'JPY', 'BTC')
    """
    raw = compat_text(value)
    if raw is None:
        return None
    if raw.upper() in _CRYPTO_TICKERS:
        return raw.upper()
    key = raw.strip(". ").lower()
    if key in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[key][0]
    named = _currency_named(key)  # before three letters: "Yen", "Won", "Lek" are names
    if named is not None:
        return named
    if re.fullmatch(r"[A-Za-z]{3}", raw):
        return raw.upper()
    raise ValueError(f"not a currency: {raw!r}")


#: Currencies by their English names, as AML benchmarks and payment exports write them
#: ("US Dollar", "UK pounds", "Euro", "Yuan", "Bitcoin"; IBM AMLworld, SAML-D). A bare
#: unit is read only where one currency has the name or where the benchmarks mean one by
#: it ("Yen", "Rupee" INR, "Dirham" AED, "Ruble"); "Dollars", "Peso", "Franc", "Pound"
#: name several currencies, and stay unknown (currency_invalid).
_CURRENCY_NAMES: dict[str, str] = {
    **dict.fromkeys(("us dollar", "u s dollar", "united states dollar", "american dollar",
                     "usd dollar"), "USD"),
    **dict.fromkeys(("euro",), "EUR"),
    **dict.fromkeys(("uk pound", "british pound", "pound sterling", "sterling",
                     "gb pound", "great british pound"), "GBP"),
    **dict.fromkeys(("yuan", "chinese yuan", "renminbi", "rmb", "yuan renminbi"), "CNY"),
    **dict.fromkeys(("yen", "japanese yen"), "JPY"),
    **dict.fromkeys(("rupee", "indian rupee"), "INR"),
    "pakistani rupee": "PKR", "sri lankan rupee": "LKR", "nepalese rupee": "NPR",
    **dict.fromkeys(("ruble", "rouble", "russian ruble", "russian rouble"), "RUB"),
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD",
    "swiss franc": "CHF",
    "mexican peso": "MXN",
    "philippine peso": "PHP", "argentine peso": "ARS", "colombian peso": "COP",
    "chilean peso": "CLP",
    **dict.fromkeys(("brazil real", "brazilian real"), "BRL"),
    **dict.fromkeys(("saudi riyal", "saudi arabian riyal"), "SAR"),
    "qatari riyal": "QAR",
    **dict.fromkeys(("shekel", "israeli shekel", "new shekel", "new israeli shekel"), "ILS"),
    **dict.fromkeys(("dirham", "uae dirham", "emirati dirham"), "AED"),
    "moroccan dirham": "MAD",
    **dict.fromkeys(("naira", "nigerian naira"), "NGN"),
    **dict.fromkeys(("lek", "albanian lek"), "ALL"),
    **dict.fromkeys(("lira", "turkish lira"), "TRY"),
    **dict.fromkeys(("hryvnia", "hryvna", "ukrainian hryvnia"), "UAH"),
    **dict.fromkeys(("zloty", "polish zloty"), "PLN"),
    "romanian leu": "RON", "moldovan leu": "MDL",
    **dict.fromkeys(("forint", "hungarian forint"), "HUF"),
    **dict.fromkeys(("koruna", "czech koruna", "czech crown"), "CZK"),
    "swedish krona": "SEK",
    "norwegian krone": "NOK", "danish krone": "DKK",
    **dict.fromkeys(("rand", "south african rand"), "ZAR"),
    **dict.fromkeys(("won", "korean won", "south korean won"), "KRW"),
    **dict.fromkeys(("baht", "thai baht"), "THB"),
    **dict.fromkeys(("dong", "vietnamese dong"), "VND"),
    **dict.fromkeys(("ringgit", "malaysian ringgit"), "MYR"),
    **dict.fromkeys(("rupiah", "indonesian rupiah"), "IDR"),
    "kenyan shilling": "KES", "ugandan shilling": "UGX", "tanzanian shilling": "TZS",
    **dict.fromkeys(("cedi", "ghanaian cedi"), "GHS"),
    "egyptian pound": "EGP",
    "bitcoin": "BTC", "ether": "ETH", "ethereum": "ETH", "tether": "USDT", "litecoin": "LTC",
    "monero": "XMR",
}  # fmt: skip


def _currency_named(key: str) -> str | None:
    """The code of a currency's English name ("US Dollar", "UK pounds"), else None."""
    words = re.sub(r"[^a-z]+", " ", fold(key).lower()).strip()
    for candidate in (words, re.sub(r"s$", "", words), re.sub(r"e?s$", "", words)):
        if candidate in _CURRENCY_NAMES:
            return _CURRENCY_NAMES[candidate]
    return None


def identifier(value: str | None) -> str | None:
    """A generic identifier (ad id, event id): text, trimmed.

    Examples:
        >>> identifier("  AD-00017 ")
        'AD-00017'
    """
    out = text(value)
    return None if out is None else (without_text_marker(out) or None)


_IMAGE_URL = re.compile(
    r"^(?:(?P<scheme>[a-z][a-z0-9+.\-]*):)?//(?P<host>[^/?#\s]+)(?P<rest>[^#\s]*)", re.I
)
_HEX = re.compile(r"^[0-9a-fA-F]+$")
#: How a hash may be labelled before its value ("md5:", "sha1=", "phash ").
_HASH_LABEL = re.compile(
    r"^(?:md5|sha-?1|sha-?256|sha-?512|phash|dhash|ahash|whash|hash)\s*[:=\s]\s*", re.I
)


def image(value: str | None) -> str | None:
    """An image's key: its hash (hexadecimal lower-cased, a label such as ``md5:``
    dropped), else its URL normalised (``http`` read as ``https``, the host lower-cased
    and without ``www.`` and a default port, the fragment dropped; path and query kept,
    they name the file). A value with blanks inside, or a bare word of fewer than 6
    characters, names no one image.

    Examples:
        >>> image(" MD5:D41D8CD98F00B204E9800998ECF8427E ")
        'd41d8cd98f00b204e9800998ecf8427e'
        >>> image("http://WWW.Img.Example:80/a/B.jpg?w=640#top")
        'https://img.example/a/B.jpg?w=640'
        >>> image("//img.example/a/B.jpg") == image("https://img.example/a/B.jpg")
        True
        >>> image("www.img.example/1.jpg"), image("img_7F3a.jpg")
        ('https://img.example/1.jpg', 'img_7F3a.jpg')
        >>> image("a photo")
        Traceback (most recent call last):
        ValueError: not an image hash or URL: 'a photo'
    """
    value = compat_text(value)
    if value is None:
        return None
    out = value.strip()
    if out.lower().startswith("www."):
        out = "//" + out
    url = _IMAGE_URL.match(out)
    if url is not None and (url.group("scheme") or "https").lower() in ("http", "https"):
        host = url.group("host").lower().rstrip(".")
        if "@" in host:  # user info names no other file
            host = host.rsplit("@", 1)[1]
        host = host.removeprefix("www.")
        host = re.sub(r":(?:80|443)$", "", host)
        rest = url.group("rest") or "/"
        return f"https://{host}{rest.rstrip('?')}"
    out = _HASH_LABEL.sub("", out).strip()
    if not out or re.search(r"\s", out) or len(out) < 6:
        raise ValueError(f"not an image hash or URL: {value!r}")
    return out.lower() if _HEX.match(out) else out


def apply_unique(
    values: pd.Series, func: Callable[[str], str | None]
) -> tuple[pd.Series, pd.Series]:
    """Run ``func`` once per distinct non-empty value of ``values``.

    Returns ``(normalised, failed)``: values that raised ValueError are kept as they were
    (trimmed) and marked True in ``failed``; empty values are ``<NA>`` and not failed.
    Where ``func`` has a vectorised fast path (``_fast``), the distinct values it answers
    are normalised all at once in Arrow, and only the others one by one.

    Examples:
        >>> out, failed = apply_unique(pd.Series(["A@X.ORG", None, "bad", "a@x.org"]), email)
        >>> out.tolist(), failed.tolist()
        (['a@x.org', <NA>, 'bad', 'a@x.org'], [False, False, True, False])
    """
    from linkgraph.ingest._columns import arrow_text, spread_distinct
    from linkgraph.ingest._fast import fast_path

    arr = arrow_text(values)
    fast = fast_path(func)
    if fast is not None and _mostly_distinct(arr):
        return _apply_rows(arr, values.index, func, fast)
    encoded = pc.dictionary_encode(arr)
    uniques = encoded.dictionary.cast(pa.large_string())
    bad = np.zeros(len(uniques), dtype=bool)
    if fast is not None and len(uniques):
        table, answered = fast(uniques)
        table = table.cast(pa.large_string())
    else:
        table, answered = pa.nulls(len(uniques), pa.large_string()), np.zeros(len(uniques), bool)
    todo = np.flatnonzero(~answered)
    if len(todo):
        results: list[str | None] = []
        # One conversion to Python objects: iterating an Arrow array costs a call a value.
        for i, u in zip(todo.tolist(), uniques.take(pa.array(todo)).to_pylist(), strict=True):
            try:
                results.append(func(str(u)))
            except ValueError:
                results.append(text(str(u)))
                bad[i] = True
        mask = np.zeros(len(uniques), dtype=bool)
        mask[todo] = True
        table = pc.replace_with_mask(
            table, pa.array(mask), pa.array(results, type=pa.large_string())
        )
    # Gather with Arrow: one C-level take instead of a Python object per row.
    return spread_distinct(encoded, table, bad, values.index)


#: Values looked at to tell a column of mostly distinct values (names, e-mails, document
#: numbers of a person list) from one that repeats them (cities, dates of birth).
_SAMPLE = 4096


def _mostly_distinct(arr: pa.Array) -> bool:
    """Whether nearly all values of ``arr`` (a large_string array) differ, judged on
    ``_SAMPLE`` values spread over it: then de-duplicating them (a hash of every value,
    and a gather back) costs more than the fast path saves on the few repeats."""
    if len(arr) < 4 * _SAMPLE:
        return False
    sample = pc.drop_null(arr.take(pa.array(np.linspace(0, len(arr) - 1, _SAMPLE, dtype=np.int64))))
    return len(sample) >= _SAMPLE // 2 and len(pc.unique(sample)) >= 0.95 * len(sample)


def _apply_rows(
    arr: pa.Array, index: pd.Index, func: Callable[[str], str | None], fast: Any
) -> tuple[pd.Series, pd.Series]:
    """:func:`apply_unique` for a column of mostly distinct values: the fast path reads
    every value as it is (no de-duplication), and only the values it leaves are read by
    ``func``, each distinct one once. The result is the same."""
    from linkgraph.ingest._columns import arrow_strings

    present = np.asarray(arr.is_valid(), dtype=bool)
    full = bool(present.all())
    values = arr if full else arr.filter(pa.array(present))
    table, answered = fast(values)
    table = table.cast(pa.large_string())
    bad = np.zeros(len(values), dtype=bool)
    todo = np.flatnonzero(~answered)
    if len(todo):
        seen: dict[str, tuple[str | None, bool]] = {}
        results: list[str | None] = []
        for i, u in zip(todo.tolist(), values.take(pa.array(todo)).to_pylist(), strict=True):
            found = seen.get(u)
            if found is None:
                try:
                    found = (func(str(u)), False)
                except ValueError:
                    found = (text(str(u)), True)
                seen[u] = found
            results.append(found[0])
            bad[i] = found[1]
        mask = np.zeros(len(values), dtype=bool)
        mask[todo] = True
        table = pc.replace_with_mask(
            table, pa.array(mask), pa.array(results, type=pa.large_string())
        )
    failed = np.zeros(len(arr), dtype=bool)
    if full:
        out = table
        failed = bad
    else:
        out = pc.replace_with_mask(pa.nulls(len(arr), pa.large_string()), pa.array(present), table)
        failed[present] = bad
    normalised = arrow_strings(out)
    normalised.index = index
    return normalised, pd.Series(failed, index=index)


#: The reader of each mention field whose values are read one by one (FtM properties,
#: graph-file attributes): as ingest reads a column of that field. Phones take a region
#: and are read by :func:`phone` directly.
FIELD_READERS: Mapping[str, Callable[[str | None], str | None]] = {
    "dob": date, "nationality": country, "country": country, "sex": sex,
    "document": document, "account": account, "plate": plate, "email": email,
    "name": name, "given_name": name, "family_name": name,
}  # fmt: skip
