"""Victims' names in free text: found and replaced by the victim's pseudonym.

Outputs show a victim entity by pseudonym (:mod:`linkgraph.privacy`), but a victim's name
also travels in text that belongs to no victim: a source file's name (WhatsApp calls an
export "WhatsApp Chat with Olena Shevchenko.txt", and every mention's ``source`` is that
name), an event's label ("WhatsApp Chat with Olena Shevchenko"), a link's attributes, a
row's raw text. :class:`Redactor` finds every spelling of a victim's name in such text and
replaces it with the victim's pseudonym:

- the spellings are those of the victim entity's person mentions: label, name, latin name,
  "given family" and "family given", each of two words or more, also with the first given
  name alone or the given names' initials ("Victimova O.", "O. Victimova";
  :func:`name_variants`; an initial taken only as a capital), the family name alone
  when it has 3 letters or more (one read from a full name without a family-name column
  only when distinctive and written with a capital: :func:`family_names_alone`), and a
  name of one word that is her whole mention's
  (a chat's participant "Olena" that resolution or an analyst joined to her); a given
  name alone is otherwise too common to be taken for her, except in the name of a source
  she is in: a chat she takes part in is named after her as the phone saved her, often by
  given name alone ("WhatsApp Chat with Olena.txt"), so every word of her names is taken
  out of the names of her sources (:func:`source_spellings`), wherever they are written,
  and out of the messages of a chat she takes part in ("Hi Olena, are you ok?": a link's
  ``message``, and the raw rows and rejects of such a chat; :func:`source_redactors`),
  with the case forms and -k diminutive of her given name there ("Олено", "Наталії",
  "Olenu", "Olenka"; :func:`given_name_forms`);
- matching ignores case and accents (``Ševčenko`` is ``Sevcenko``) and takes whole words
  (``Shevchenkova`` is not ``Shevchenko``); words may be joined by spaces, ``_``, ``-``
  or ``.``, as in file names;
- a spelling shared by several victims is replaced by :data:`SEVERAL`.

A victim's identifiers travel in such text too: a phone, a document, an account, an e-mail
address, a plate or an online id that a victim holds or uses (shown by pseudonym,
:func:`linkgraph.privacy.protected_entities`) is replaced by its pseudonym wherever its
value is written: a phone whatever its separators and in national form, a document,
account, plate or online id on its letters and digits, case, spaces, dashes, dots and
slashes ignored ("MD24 AG00 0225 ..." is "MD24AG000225..."), an e-mail address case
ignored, a victim's address (her home) whole, on its groups of letters and digits, case
and accents ignored (:func:`address_key`: a street name or a town alone is not taken).
Her date of birth is withheld in the common forms it is written in (:data:`_DATE_IN_TEXT`),
and her given name, its case forms and diminutives, just beside her pseudonym
(:attr:`Redactor.given_beside`), and anywhere in a text that holds an identifier she
holds or uses (:attr:`Redactor.held_by`: "Contact Rosa 612 345 678", her number in local
form, which no row links to her). Text with invisible characters is read as written and as
seen (:meth:`Redactor._hidden_text`: "Ma\u200bria", "Ioana\u2060Radu").
A number known nowhere else as hers, written in a row beside her name (a
transfer's "Receiver ID No" beside "Receiver Name"), is withheld
(:func:`withhold_beside_victims`).

The label of an entity that is not a person nor an event (an organisation's, a
vehicle's, a place's name) is a name, not text about her: it loses her full name (two
words or more, in every order and spelling above) and her family name beside one of her
given names, not one word of her name alone ("Evil Corp" of a victim Zoë Evil Ñandú,
"Elena Transport SRL" of Maria Elena Popescu; :meth:`Redactor.for_labels`).

Spellings are looked up word by word (a table of their first words, longest spelling
first), only in text that holds one of those first words, and only once per distinct
value: thousands of victims cost no more to prepare than a dictionary of their names.

Person names of people who are not victims are left as they are: a suspect who shares a
victim's family name keeps his name (:func:`redact_case`, :func:`redact_graph`), and in
free text a name of two words or more of someone who is not a victim ("Olena Marchenko",
"Ivan Shevchenko"; across a raw row's fields too) is a guard, left whole, though it holds
a word of a victim's name. So are the names of the sources she is not in.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from linkgraph._frame_memo import FrameMemo
from linkgraph.schema import IDENTIFIER_FIELDS
from linkgraph.skeleton import (
    ABJAD,
    WORD,
    abjad_keys,
    abjad_letters,
    abjad_pattern,
    abjad_word,
    is_abjad,
    joined_articles,
    latin_key,
    latin_word,
    prefixed_starts,
)
from linkgraph.text import (
    CHINESE_COMPOUND_FAMILY_NAMES,
    CHINESE_FAMILY_NAMES,
    OTHER_SCRIPT_RE,
    PINYIN_SYLLABLES,
    han_family_reading,
    han_name,
    han_syllables,
    pinyin_splits,
)

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case

#: What replaces a spelling that names more than one victim.
SEVERAL = "[victim]"
#: The fewest letters a family name needs to be redacted on its own.
MIN_FAMILY_LETTERS = 3
#: The fewest letters a word of a victim's name needs to be redacted on its own in the
#: names of her sources (a given name: "Ana", "Ion").
MIN_GIVEN_LETTERS = 3

#: Combining marks: accents, and Arabic's vowel signs and the hamza and madda that NFD
#: takes off their letters (أحمد is ا, hamza above, حمد: kept, the mark split the name in
#: two words, and أحمد, إبراهيم, عائشة were never found, though written as recorded)
_COMBINING = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    r"\u0610-\u061a\u064b-\u065f\u0670]"
)
_WORDS = re.compile(r"[^\W\d_]+")  # runs of letters
#: A phone number in free text: digits with spaces, dots, dashes, slashes or brackets
#: between them, perhaps after a "+" (7 digits or more in all).
_PHONE_IN_TEXT = re.compile(r"(?<![^\W_])\+?\d(?:[\s().\-/]{0,2}\d){6,}(?![^\W_])")
_DIGIT = re.compile(r"\d")
#: A run of letters and digits: a document's, an account's, a plate's group in free text
_ALNUM = re.compile(r"[^\W_]+")
#: Between two groups of a document, account or plate number ("MD24 AG00", "0421-9000")
_CODE_GAP = re.compile(r"[\s\-./]{1,2}")
#: A date in free text: year first ("2008-08-12", "2008.8.12"), year last, day or month
#: first, of four digits or two ("12.08.2008", "8/12/2008", "12-08-08"), each with one
#: separator ("-", "." or "/") used twice, or eight digits ("20080812")
_DATE_IN_TEXT = re.compile(
    r"(?<![\d.\-/])(?:(?P<iy>\d{4})(?P<is>[-./])(?P<im>\d{1,2})(?P=is)(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<s>[-./])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
    r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2}))(?![\d]|[-./]\d)"
)
#: A pseudonym with the word (a run of letters) just before and just after it, joined by
#: a space or two, or ", " after ("Olena Victim-1a2b3c", "Victim-1a2b3c, Olena")
_BESIDE_PSEUDONYM = re.compile(
    r"(?:(?<![^\W\d_])(?P<before>[^\W\d_]+)(?P<gap1>[ \t]{1,2}))?"
    r"(?P<alias>Victim-[0-9a-f]{6})(?![0-9a-f])"
    r"(?:(?P<gap2>,? {1,2}|\t)(?P<after>[^\W\d_]+)(?![^\W\d_]))?"
)
#: A pseudonym in free text
_PSEUDONYM = re.compile(r"Victim-[0-9a-f]{6}(?![0-9a-f])")
#: An e-mail address in free text
_EMAIL_IN_TEXT = re.compile(r"[\w.+%'-]+@[\w-]+(?:\.[\w-]+)+")
#: The fewest letters and digits a protected document, account, plate or online id needs
#: to be looked for in free text: a shorter one ("A1") would take unrelated words.
MIN_CODE_CHARS = 6
#: Cyrillic capitals written for their Latin look-alikes on documents and plates
_LOOKALIKE = str.maketrans("АВЕКМНОРСТУХІ", "ABEKMHOPCTYXI")
#: Between the words of a name: space, "_", "-", ". ", ... (no letter, no digit)
_GAP = re.compile(r"[\W_]{1,3}")
#: Between two fields of a raw row's JSON (``"Olena", "family_name": "Marchenko"``): a
#: guard (the name of someone who is not a victim) holds across it
_FIELD_GAP = re.compile(r'"\s*,\s*"[^"]{1,40}"\s*:\s*"')


def fold(text: str) -> str:
    """``text`` without accents and case (nor Arabic's vowel signs, hamza and madda), for
    comparing names.

    Examples:
        >>> fold("Ševčenko"), fold("ОЛЕНА"), fold("Łódź"), fold("أحمد") == fold("احمد")
        ('sevcenko', 'олена', 'łodz', True)
    """
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).casefold()


def name_words(text: str) -> list[str]:
    """The folded words (runs of letters) of ``text``.

    Examples:
        >>> name_words("WhatsApp_Chat with Olena-ŠEVČENKO.txt")
        ['whatsapp', 'chat', 'with', 'olena', 'sevcenko', 'txt']
    """
    if len(text) > _SHORT_NAME:
        return _WORDS.findall(fold(text))
    return list(_short_name_words(text))


#: The longest text whose words :func:`name_words` remembers (names, not documents).
_SHORT_NAME = 200


@functools.lru_cache(maxsize=1 << 15)
def _short_name_words(text: str) -> tuple[str, ...]:
    """:func:`name_words` of a short ``text``, remembered: a case writes each name on many
    rows, and the victims' redactor reads each of them several times."""
    return tuple(_WORDS.findall(fold(text)))


@dataclass(frozen=True)
class Redactor:
    """Replaces every spelling of a victim's name in text by the victim's pseudonym.

    Build it with :func:`redactor` (from spellings) or :func:`case_redactor` (from a case).
    A redactor without spellings changes nothing and is false.

    Examples:
        >>> r = redactor({"Olena Shevchenko": "Victim-1a2b3c", "Shevchenko": "Victim-1a2b3c"})
        >>> r.text("WhatsApp Chat with OLENA SHEVCHENKO.txt")
        'WhatsApp Chat with Victim-1a2b3c.txt'
        >>> redactor({"Núñez": "Victim-9f8e7d"}).text("chat nunez, NÚÑEZ.txt")
        'chat Victim-9f8e7d, Victim-9f8e7d.txt'
        >>> r.text("shevchenko_notes.csv"), r.text("Shevchenkova.csv")
        ('Victim-1a2b3c_notes.csv', 'Shevchenkova.csv')
        >>> r.text("Olena - Shevchenko"), r.text("Olena, the Shevchenko file")
        ('Victim-1a2b3c', 'Olena, the Victim-1a2b3c file')
    """

    #: folded spelling (words joined by one space) -> its replacement; None for a guard,
    #: a name of someone who is not a victim that holds a victim's word ("olena marchenko"
    #: for a victim written "Olena"): it is left as written, being the longer match
    replacements: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    #: the first word of every spelling: text holding none of them is left alone unsearched
    first_words: frozenset[str] = frozenset()
    #: first word -> the spellings that start with it (their words), longest first
    by_first: Mapping[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)
    #: the digits of a protected phone number, as written in full or nationally
    #: ("380931234567", "00380931234567", "0931234567") -> its replacement
    phones: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: the national significant number of a protected phone (8 digits or more:
    #: "712345678" of +380 71 234 5678) -> its replacement: the same number written with
    #: another country code ("+254 712 345 678", read in another region) is hers too
    phone_ends: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: source name -> the redactor of the free text of its rows (messages, raw rows): a
    #: chat a victim takes part in, where her given name alone is hers (see
    #: :func:`source_redactors`)
    in_sources: Mapping[str, Redactor] = dataclasses.field(default_factory=dict)
    #: the letters and digits, upper-case, of a protected document, account, plate or
    #: online id ("042190001234", "MD24AG000225100013104168") -> its replacement
    codes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: every leading and every trailing part of the ``codes`` (a written number's first and
    #: last groups are among them): text holding none of either is left unsearched
    code_heads: frozenset[str] = frozenset()
    code_tails: frozenset[str] = frozenset()
    #: a protected e-mail address, lower-case -> its replacement
    emails: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: a protected address (a victim's home) as its folded groups of letters and digits
    #: (("str", "florilor", "12", "chisinau")) -> its replacement, and their first groups
    addresses: Mapping[tuple[str, ...], str] = dataclasses.field(default_factory=dict)
    address_heads: frozenset[str] = frozenset()
    #: a victim's date of birth as it may be written: (year, month, day) with the year
    #: of four digits and of two ("2008", "08") -> its replacement
    birth_dates: Mapping[tuple[str, int, int], str] = dataclasses.field(default_factory=dict)
    #: a victim's pseudonym -> her given names, their case forms and diminutives
    #: (folded): taken out where written just beside her pseudonym ("Agnieszka
    #: Victim-1a2b3c" for "Agnieszka Nowak"), though a given name alone is left elsewhere
    given_beside: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    #: the pseudonym of an identifier a victim holds or uses (her phone, her account) ->
    #: the pseudonyms of the victims who hold it: a text that holds the identifier names
    #: her, so her given names (:attr:`given_beside`) are taken out of the whole of it
    #: ("Contact Rosa 612 345 678" is "Contact Victim-1a2b3c Victim-4d5e6f")
    held_by: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    #: each spelling (its words) -> its rank among those of its first word in
    #: :attr:`by_first`, its key in :attr:`replacements`, and whether it is a guard
    spelling_table: Mapping[tuple[str, ...], tuple[int, str, bool]] = dataclasses.field(
        default_factory=dict
    )
    #: first word -> the numbers of words of the spellings it starts, longest first
    lengths: Mapping[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)
    #: spellings (keys) taken only where written as names are: a family name alone, and
    #: the one-letter initials of a spelling, with a capital first letter ("Victimova",
    #: "Victimova O."; not "long", "may" or "a" as words: :func:`family_names_alone`)
    capitalised: frozenset[str] = frozenset()
    #: :attr:`spelling_table` again, each word by its reading across scripts
    #: (:func:`cross_script_key`: "Віктимова" and "Victimova" are "viktimova"): read where
    #: a text or a spelling is written in Cyrillic, so a victim recorded in Latin letters is
    #: found in a note written in Cyrillic, and the other way round
    cross_table: Mapping[tuple[str, ...], tuple[int, str, bool]] = dataclasses.field(
        default_factory=dict
    )
    #: first word -> the numbers of words of the :attr:`cross_table` spellings it starts
    cross_lengths: Mapping[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)
    #: whether some spelling is written in a script other than Latin (Cyrillic, Greek,
    #: Georgian...; the name is older than that): then Latin text is read across too
    cyrillic_spellings: bool = False
    #: the spellings of two words or more written in Latin letters, as a text in Arabic
    #: script or Hebrew is matched against them (:mod:`linkgraph.skeleton`: the script
    #: leaves short vowels out): the coarse keys of their first two words ("BCM C" of
    #: "fatima haddad") -> their words (folded, ASCII; the article joined, "alzahra") and
    #: their key in :attr:`replacements`
    skeleton_latin: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = dataclasses.field(
        default_factory=dict
    )
    #: the spellings of two words or more written in Arabic script or Hebrew, as a text in
    #: Latin letters is matched against them: each coarse key their first two words may
    #: have -> their words and their key in :attr:`replacements`
    skeleton_abjad: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = dataclasses.field(
        default_factory=dict
    )
    #: a name as Chinese writes it, family name first and the syllables of its words run
    #: together in pinyin without tones ("wangxiuying" of "Wang Xiuying" and of "王秀英")
    #: -> the keys in :attr:`replacements` of the spellings that read so: what a run of
    #: Han characters, written without spaces, is matched against (:meth:`_han_names_in`)
    han_names: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    #: the keys in :attr:`replacements` of one word that are a victim's whole name as a
    #: mention of hers writes it ("olena" of a chat's participant "Olena", "王秀英"):
    #: kept in the redactor of labels (:meth:`for_labels`), which drops other single words
    whole_names: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return (
            any(v is not None for v in self.replacements.values())
            or bool(self.phones)
            or bool(self.codes)
            or bool(self.emails)
            or bool(self.addresses)
            or bool(self.birth_dates)
        )

    def for_labels(self) -> Redactor:
        """The redactor of the labels of entities that are not people nor events (an
        organisation's, a vehicle's, a place's name): a victim's full name is taken out
        of them, in every order and spelling this redactor knows ("Maria Popescu SRL",
        "Popescu Maria Transport"), and her family name written beside one of her given
        names ("Elena Popescu SRL" of Maria Elena Popescu), but not a single word of her
        name alone ("Evil Corp" of Zoë Evil Ñandú, "Elena Transport SRL"): in a name of
        a thing, such a word is the name's own (:func:`_label_redactor`). Her identifiers
        are taken out as in free text. Free text (notes, file names, events' labels,
        raw rows) keeps :meth:`text`'s rule, single words included."""
        held = self.__dict__.get("_for_labels")
        if held is None:
            held = self.__dict__["_for_labels"] = _label_redactor(self)
        return held

    def text(self, value: str) -> str:
        """``value`` with every victim's name replaced: at each word (a run of letters), the
        longest spelling whose words follow, case and accents ignored, each joined to the
        next by one to three characters that are neither letters nor digits; every
        protected phone number, whatever its separators ("+380 93 123 4567"); every
        protected e-mail address, case ignored; and every protected document, account,
        plate or online id, written whole or in groups ("MD24 AG00 0225 ...").

        Text holding hidden characters (format and control characters, as written or as
        ingest shows them, "[U+200B]") is read both ways (:meth:`_hidden_text`)."""
        if not isinstance(value, str) or not value:
            return value
        if "[U+" in value or _HIDDEN_CHAR.search(value):
            return self._hidden_text(value)
        return self._scrubbed(value)

    def _hidden_text(self, value: str) -> str:
        """``value``, holding hidden characters, scrubbed as written, each hidden
        character a gap between words ("Ioana\u2060Radu"), then as a reader sees it,
        without them and with a right-to-left override's run reversed (:func:`seen_text`:
        "Ma\u200bria", "\u202ekazoK\u202c"). What the second reading finds is returned
        as seen (the hidden characters that hid her gone); else the first, its hidden
        characters shown as they were ("[U+200B]")."""
        written = _unshown(value)
        as_written = self._scrubbed(written)
        seen = seen_text(as_written)
        as_seen = self._scrubbed(seen)
        if as_seen != seen:
            return as_seen
        if as_written == written:
            return value
        return _shown(as_written) if written != value else as_written

    def _scrubbed(self, value: str) -> str:
        """``value`` with every victim's name and identifier replaced (:meth:`text`), read
        as written."""
        if self.phones and _DIGIT.search(value):
            value = _PHONE_IN_TEXT.sub(self._phone, value)
        if self.birth_dates and _DIGIT.search(value):
            value = _DATE_IN_TEXT.sub(self._birth_date, value)
        if self.emails and "@" in value:
            value = _EMAIL_IN_TEXT.sub(self._email, value)
        if self.codes:
            value = self._codes_in(value)
        if self.addresses:
            value = self._addresses_in(value)
        # full names across scripts first: the words of a victim's full name are hers
        # together, though one alone may read as another spelling of hers (the Latin
        # "Ali" of "Khadija al-Ali" as her family name العلي)
        if ((self.skeleton_latin or self.skeleton_abjad) and _ABJAD.search(value)) or (
            self.skeleton_abjad and _LATIN_LETTER.search(value)
        ):
            value = self._skeleton_names_in(value)
        if self.han_names and _HAN.search(value):
            value = self._han_names_in(value)
        if self.replacements and not self.first_words.isdisjoint(name_words(value)):
            value = self._names_in(value)
        if self.cross_table and (self.cyrillic_spellings or _OTHER_SCRIPT.search(value)):
            value = self._names_in(value, across=True)
        if self.held_by and "Victim-" in value:
            value = self._holders_given(value)
        if self.given_beside and "Victim-" in value:
            value = _BESIDE_PSEUDONYM.sub(self._given_beside, value)
        return value

    def _holders_given(self, value: str) -> str:
        """``value`` with the given names of the victims who hold an identifier whose
        pseudonym it holds (:attr:`held_by`) replaced, wherever written, by her pseudonym
        (:data:`SEVERAL` for a word of several of theirs); a name of someone who is not a
        victim that holds the word ("Rosa Lopez", a guard) is left whole."""
        owner: dict[str, str] = {}
        for found in _PSEUDONYM.findall(value):
            for holder in self.held_by.get(found, ()):
                for word in self.given_beside.get(holder, frozenset()):
                    owner[word] = holder if owner.get(word, holder) == holder else SEVERAL
        if not owner:
            return value
        spans = [(m.start(), m.end()) for m in _WORDS.finditer(value)]
        words = [fold(value[a:b]) for a, b in spans]
        out, at = [], 0
        for i, word in enumerate(words):
            if word not in owner or self._in_guard(words, i):
                continue
            out += [value[at : spans[i][0]], owner[word]]
            at = spans[i][1]
        out.append(value[at:])
        return "".join(out)

    def _in_guard(self, words: list[str], i: int) -> bool:
        """Whether the word ``i`` is one of two of a guard (:attr:`replacements`'s None:
        the name of someone who is not a victim) with the word before or after it."""
        pairs = [words[j : j + 2] for j in (i - 1, i) if 0 <= j < len(words) - 1]
        return any(self.replacements.get(" ".join(p), "") is None for p in pairs)

    def _given_beside(self, match: re.Match[str]) -> str:
        """A pseudonym with the given name of the same victim (or its case form or
        diminutive, :attr:`given_beside`) written just before or after it taken out: "Олені
        Victim-1a2b3c" ("Олені Савчук") is "Victim-1a2b3c"."""
        alias = match.group("alias")
        hers = self.given_beside.get(alias, frozenset())
        before, after = match.group("before"), match.group("after")
        out = match.group(0)
        if after and fold(after) in hers:
            out = out[: match.start("gap2") - match.start()]
        if before and fold(before) in hers:
            out = out[match.start("alias") - match.start() :]
        return out

    def _names_in(self, value: str, *, across: bool = False) -> str:
        """``value`` with every spelling of a victim's name replaced (:meth:`text`);
        ``across``: each word read across scripts (:attr:`cross_table`)."""
        value = unicodedata.normalize("NFC", value)
        spans = [(m.start(), m.end()) for m in _WORDS.finditer(value)]
        if across:
            words = [cross_script_key(value[a:b]) for a, b in spans]
            lengths = self.cross_lengths
            if lengths.keys().isdisjoint(words):
                return value
        else:
            words = [fold(value[a:b]) for a, b in spans]
        chain = _FieldChain(value, spans) if '"' in value else None
        out, at, i = [], 0, 0
        while i < len(words):
            n, key = self._match(value, spans, words, i, chain, across=across)
            if n:
                replacement = self.replacements.get(key, SEVERAL)
                if replacement is not None:  # None: a guard, left as written
                    out += [value[at : spans[i][0]], replacement]
                    at = spans[i + n - 1][1]
                i += n
            else:
                i += 1
        out.append(value[at:])
        return "".join(out)

    def _skeleton_names_in(self, value: str) -> str:
        """``value`` with every spelling of two words or more of a victim's name replaced
        where written in the other kind of script: a name in Latin letters written in
        Arabic script or Hebrew ("فاطمة حداد" for "Fatima Haddad"), and the other way
        round, each word matched whole (:func:`linkgraph.skeleton.abjad_pattern`), the
        words joined as :meth:`text` joins them; and a name in Arabic script written with
        other forms of its letters (ة or ه, ى or ي, alef with or without hamza:
        :func:`linkgraph.skeleton.abjad_letters`). A conjunction or preposition written
        joined to the first word ("وفاطمة", and Fatima) is kept. Where a guard (the name
        of someone who is not a victim) and a victim's name read alike, the victim's wins;
        a guard alone is left as written."""
        written, value = value, unicodedata.normalize("NFC", value)
        units = _skeleton_units(value)
        if len(units) < 2:
            return written
        out, at, i = [], 0, 0
        while i < len(units) - 1:
            start, _, word, abjad = units[i]
            second = units[i + 1]
            found: list[tuple[int, int, str]] = []  # words, where it starts, key
            if abjad == second[3]:
                # a conjunction or preposition written joined to it: one letter or a
                # run of two or three (ולרחל, וכשרחל, מהרחל)
                firsts = [(n, word[n:]) for n in (prefixed_starts(word) if abjad else [0])]
                for skip, first in firsts:
                    if abjad:  # against names in Latin letters, and other spellings of hers
                        tables = (self.skeleton_latin, self.skeleton_abjad)
                        heads, pairs = abjad_keys(first), abjad_keys(second[2])
                    else:
                        tables = (self.skeleton_abjad,)
                        heads, pairs = {latin_key(first)}, {latin_key(second[2])}
                    for table in tables:
                        for head in heads:
                            for pair in pairs:
                                for words, key in table.get(f"{head} {pair}", ()):
                                    if self._skeleton_at(value, units, i, first, words):
                                        found.append((len(words), skip, key))
            if not found:
                i += 1
                continue
            n = max(f[0] for f in found)
            best = [f for f in found if f[0] == n]
            replacement = _chosen(self.replacements, [key for _, _, key in best])
            if replacement is not None:
                skip = min(s for _, s, key in best if self.replacements.get(key, "") is not None)
                out += [value[at : start + skip], replacement]
                at = units[i + n - 1][1]
            i += n
        if not out:
            return written
        out.append(value[at:])
        return "".join(out)

    @staticmethod
    def _skeleton_at(
        value: str,
        units: list[tuple[int, int, str, bool]],
        i: int,
        first: str,
        words: tuple[str, ...],
    ) -> bool:
        """Whether the units of ``value`` from the ``i``-th (its first word read as
        ``first``) are the spelling ``words`` written in the other kind of script, word
        for word, joined by gaps as :meth:`text` takes them."""
        n = len(words)
        if i + n > len(units):
            return False
        abjad = units[i][3]
        for k in range(n):
            unit = units[i + k]
            if unit[3] != abjad:
                return False
            if k and not _GAP.fullmatch(value, units[i + k - 1][1], unit[0]):
                return False
            written = first if k == 0 else unit[2]
            if abjad and is_abjad(words[k]):  # in one script: its spellings of one letter
                if abjad_letters(written) != abjad_letters(words[k]):
                    return False
                continue
            pattern = abjad_pattern(written if abjad else words[k])
            if pattern is None or not pattern.fullmatch(words[k] if abjad else written):
                return False
        return True

    def _han_names_in(self, value: str) -> str:
        """``value`` with every victim's name replaced where a run of Han characters
        (written without spaces) holds it: from a character that is a common Chinese
        family name (:data:`linkgraph.text.CHINESE_FAMILY_NAMES`, or two of a compound
        one), the longest run of 2 to 4 characters whose reading in pinyin
        (:func:`linkgraph.text.han_syllables`) is a victim's name family name first
        (:attr:`han_names`: "王秀英" in "我见了王秀英。" for "Wang Xiuying")."""
        out, at = [], 0
        for run in _HAN_RUN.finditer(value):
            chars = run.group()
            read = han_syllables(chars)
            s = 0
            while s < len(chars) - 1:
                family = 2 if chars[s : s + 2] in CHINESE_COMPOUND_FAMILY_NAMES else 1
                if family == 1 and chars[s] not in CHINESE_FAMILY_NAMES:
                    s += 1
                    continue
                head = han_family_reading(chars[s : s + family])
                for length in range(min(_HAN_LONGEST, len(chars) - s), family, -1):
                    keys = self.han_names.get(head + "".join(read[s + family : s + length]))
                    if keys:
                        replacement = _chosen(self.replacements, keys)
                        if replacement is not None:
                            out += [value[at : run.start() + s], replacement]
                            at = run.start() + s + length
                        s += length
                        break
                else:
                    s += 1
        out.append(value[at:])
        return "".join(out)

    def _phone(self, match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        found = self.phones.get(digits)
        if found is None and self.phone_ends:
            found = _by_national_number(digits, self.phone_ends)
        return match.group(0) if found is None else found

    def _birth_date(self, match: re.Match[str]) -> str:
        for key in _date_readings(match):
            found = self.birth_dates.get(key)
            if found is not None:
                return found
        return match.group(0)

    def _email(self, match: re.Match[str]) -> str:
        return self.emails.get(match.group(0).lower(), match.group(0))

    def _codes_in(self, value: str) -> str:
        """``value`` with every protected code replaced: the longest run of groups (runs of
        letters and digits, each joined to the next by :data:`_CODE_GAP`) whose letters and
        digits, upper-case, are a protected code."""
        upper = value.upper()
        if not upper.isascii():
            upper = upper.translate(_LOOKALIKE)
        found = set(_ALNUM.findall(upper))
        if found.isdisjoint(self.code_heads) or found.isdisjoint(self.code_tails):
            return value
        groups = list(_ALNUM.finditer(value))
        keys = [g.group().upper().translate(_LOOKALIKE) for g in groups]
        out, at, i = [], 0, 0
        while i < len(groups):
            end = self._code_at(value, groups, keys, i)
            if end < 0:
                i += 1
                continue
            out += [value[at : groups[i].start()], self.codes[_joined(keys, i, end)]]
            at, i = groups[end].end(), end + 1
        out.append(value[at:])
        return "".join(out)

    def _addresses_in(self, value: str) -> str:
        """``value`` with every protected address replaced: the longest run of groups of
        letters and digits, each joined to the next by one to three other characters,
        whose folded groups are a protected address's, whole ("Str. Florilor 12,
        Chișinău" for "str florilor 12 chisinau"; not inside "Str. Florilor 123")."""
        if self.address_heads.isdisjoint(_ALNUM.findall(fold(value))):
            return value  # most text: one fold, no address's first group in it
        groups = list(_ALNUM.finditer(value))
        keys = [fold(g.group()) for g in groups]
        out, at, i = [], 0, 0
        while i < len(groups):
            n = self._address_at(value, groups, keys, i)
            if not n:
                i += 1
                continue
            replacement = self.addresses[tuple(keys[i : i + n])]
            out += [value[at : groups[i].start()], replacement]
            at, i = groups[i + n - 1].end(), i + n
        out.append(value[at:])
        return "".join(out)

    def _address_at(self, value: str, groups: list[re.Match[str]], keys: list[str], i: int) -> int:
        """How many groups from the ``i``-th make the longest protected address (0: none)."""
        if keys[i] not in self.address_heads:
            return 0
        for spelling in sorted(self.addresses, key=lambda s: (-len(s), s)):
            n = len(spelling)
            if spelling[0] != keys[i] or tuple(keys[i : i + n]) != spelling:
                continue
            gaps = (value[groups[k].end() : groups[k + 1].start()] for k in range(i, i + n - 1))
            if all(_GAP.fullmatch(g) for g in gaps):
                return n
        return 0

    def _code_at(self, value: str, groups: list[re.Match[str]], keys: list[str], i: int) -> int:
        """The last group of the longest protected code that starts at group ``i`` (-1:
        none)."""
        written, last = "", -1
        for k in range(i, len(groups)):
            if k > i and not _CODE_GAP.fullmatch(value, groups[k - 1].end(), groups[k].start()):
                break
            written += keys[k]
            # a code of letters only is taken whole ("sweetgirl" is not "sweet girl")
            if written in self.codes and (k == i or not written.isalpha()):
                last = k
            if written not in self.code_heads:
                break
        return last

    def _match(
        self,
        value: str,
        spans: list[tuple[int, int]],
        words: list[str],
        i: int,
        chain: _FieldChain | None = None,
        *,
        across: bool = False,
    ) -> tuple[int, str]:
        """How many words from the ``i``-th make the longest spelling, and that spelling
        (0 and "": none): written word after word, or a guard's written across the
        fields of a raw row's JSON (``chain``, None when ``value`` has no quote).

        Of the spellings of one length, the first in :attr:`by_first` that matches wins;
        looked up by the words found (:attr:`spelling_table`), not tried one by one."""
        lengths = (self.cross_lengths if across else self.lengths).get(words[i])
        if not lengths:
            return 0, ""
        table = self.cross_table if across else self.spelling_table
        for n in lengths:
            found: list[tuple[int, int, int, str]] = []  # rank, written second, words, key
            entry = table.get(tuple(words[i : i + n])) if i + n <= len(words) else None
            if entry is not None and not self._as_name(value, spans, i, n, entry[1]):
                entry = None
            if entry is not None:
                gaps = (value[spans[k][1] : spans[k + 1][0]] for k in range(i, i + n - 1))
                if all(_GAP.fullmatch(g) for g in gaps):
                    found.append((entry[0], 0, n, entry[1]))
            at = chain.positions(i, n) if chain is not None else None
            if at is not None:
                entry = table.get(tuple(words[k] for k in at))
                if entry is not None and entry[2]:  # a guard, across fields
                    found.append((entry[0], 1, at[-1] - i + 1, entry[1]))
            if found:
                _, _, count, key = min(found)
                return count, key
        return 0, ""

    def _as_name(self, value: str, spans: list[tuple[int, int]], i: int, n: int, key: str) -> bool:
        """Whether the ``n`` words from the ``i``-th are written as spelling ``key`` needs
        (:attr:`capitalised`: a word alone, and each one-letter word, with a capital)."""
        if key not in self.capitalised:
            return True
        return all(
            value[spans[k][0]].isupper()
            for k in range(i, i + n)
            if n == 1 or spans[k][1] - spans[k][0] == 1
        )

    def changes(self, values: Iterable[object]) -> dict[str, str]:
        """Of the distinct strings in ``values``: those that change, old -> new."""
        if not self:
            return {}
        out = {}
        for value in set(values):
            if isinstance(value, str):
                new = self.text(value)
                if new != value:
                    out[value] = new
        return out

    def series(self, values: pd.Series) -> pd.Series:
        """``values`` with every victim's name replaced; each distinct value is searched
        once. The same object when nothing changes."""
        if not self or values.empty:
            return values
        distinct = pd.unique(values.dropna())
        changed = self.changes(distinct.tolist())
        if not changed:
            return values
        hit = values.isin(list(changed)).to_numpy(dtype=bool)
        out = values.copy()
        out[hit] = values[hit].map(changed)
        return out


NO_REDACTION = Redactor()
#: A letter of Arabic script or Hebrew (:data:`linkgraph.skeleton.ABJAD`)
_ABJAD = re.compile(ABJAD)
#: A Latin letter
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: A Han character; a run of them
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,}")
#: The most characters of a Chinese name looked for in a run of Han characters
_HAN_LONGEST = 4


def _chosen(replacements: Mapping[str, str | None], keys: Iterable[str]) -> str | None:
    """What replaces a text that reads as each of ``keys`` (keys of ``replacements``):
    the victim's pseudonym, :data:`SEVERAL` for several victims, None when all are
    guards (names of others, left as written)."""
    found = {replacements.get(key, SEVERAL) for key in keys} - {None}
    if not found:
        return None
    return found.pop() if len(found) == 1 else SEVERAL


def _skeleton_units(value: str) -> list[tuple[int, int, str, bool]]:
    """The words of ``value`` as :meth:`Redactor._skeleton_names_in` reads them: (start,
    end, reading, whether in Arabic script or Hebrew); a word in Arabic script or Hebrew
    read without its marks (:func:`linkgraph.skeleton.abjad_word`), another in ASCII
    (:func:`linkgraph.skeleton.latin_word`), the Arabic article written apart joined to
    the word after it ("al-Zahra" is "alzahra": :func:`linkgraph.skeleton.joined_articles`)."""
    words = []
    for found in WORD.finditer(value):
        abjad = is_abjad(found.group())
        read = abjad_word(found.group()) if abjad else latin_word(found.group())
        if read:
            words.append((found.start(), found.end(), read, abjad))
    out: list[tuple[int, int, str, bool]] = []
    k = 0
    while k < len(words):
        start, end, read, abjad = words[k]
        if not abjad and k + 1 < len(words) and not words[k + 1][3]:
            gap = value[end : words[k + 1][0]]
            runs = joined_articles([read, words[k + 1][2]], [gap])
            if len(runs) == 1 and _GAP.fullmatch(gap):
                out.append((start, words[k + 1][1], read + words[k + 1][2], False))
                k += 2
                continue
        out.append((start, end, read, abjad))
        k += 1
    return out


def _date_readings(match: re.Match[str]) -> list[tuple[str, int, int]]:
    """The (year, month, day) a :data:`_DATE_IN_TEXT` match may be: year first, or year
    last with day first and with month first (12.08.2008, 08/12/2008)."""
    if match.group("iy"):
        return [(match.group("iy"), int(match.group("im")), int(match.group("id")))]
    if match.group("cy"):
        return [(match.group("cy"), int(match.group("cm")), int(match.group("cd")))]
    year, a, b = match.group("y"), int(match.group("a")), int(match.group("b"))
    return [(year, b, a), (year, a, b)]


#: A date of birth as ingest writes it (ISO; a year alone or a month is no date of birth
#: to look for)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _birth_date_keys(dates: Mapping[str, str]) -> dict[tuple[str, int, int], str]:
    """Each ISO date of ``dates`` (date -> replacement) as :attr:`Redactor.birth_dates`
    keys it: with its year of four digits and of two."""
    out: dict[tuple[str, int, int], str] = {}
    for date, replacement in dates.items():
        found = _ISO_DATE.match(str(date).strip())
        if found is None:
            continue
        year, month, day = found.group(1), int(found.group(2)), int(found.group(3))
        for key in ((year, month, day), (year[2:], month, day)):
            out.setdefault(key, replacement)
    return out


#: A hidden character: a format character (Unicode category Cf: zero-width space, word
#: joiner, soft hyphen, bidi marks and overrides, byte-order mark) or a control character
#: other than tab and line breaks
_HIDDEN_CHAR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
#: A hidden character as ingest shows it in a reject ("[U+200B]")
_SHOWN_MARK = re.compile(r"\[U\+([0-9A-F]{4,6})\]")
#: Right-to-left override and what ends it (pop directional formatting, a line break)
_RLO, _RLO_ENDS = "\u202e", frozenset("\u202c\u2069\n\r")


def _is_hidden(char: str) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char) in ("Cf", "Cc")


def _unshown(text: str) -> str:
    """``text`` with each hidden character shown by ingest ("[U+200B]") written again."""

    def back(found: re.Match[str]) -> str:
        code = int(found.group(1), 16)
        return chr(code) if code <= 0x10FFFF and _is_hidden(chr(code)) else found.group(0)

    return _SHOWN_MARK.sub(back, text) if "[U+" in text else text


def _shown(text: str) -> str:
    """``text`` with each hidden character shown as ingest shows it ("[U+200B]")."""
    return "".join(f"[U+{ord(c):04X}]" if _is_hidden(c) else c for c in text)


def seen_text(text: str) -> str:
    """``text`` as a reader sees it: hidden characters (format and control characters)
    removed, and the letters after a right-to-left override, up to what ends it, in the
    order they are shown.

    Examples:
        >>> seen_text("Ma\u200bria Pope\u00adscu"), seen_text("Svitlana \u202ekazoK\u202c!")
        ('Maria Popescu', 'Svitlana Kozak!')
    """
    out: list[str] = []
    run: list[str] | None = None  # the characters of a right-to-left override
    for char in text:
        if run is not None and (char in _RLO_ENDS or char == _RLO):
            out += reversed(run)
            run = None
        if char == _RLO:
            run = []
        elif _is_hidden(char):
            continue
        else:
            (out if run is None else run).append(char)
    if run is not None:
        out += reversed(run)
    return "".join(out)


def _joined(keys: list[str], first: int, last: int) -> str:
    return "".join(keys[first : last + 1])


class _FieldChain:
    """The words of a text that follow one another across the fields of a raw row's JSON
    (``"Olena", "family_name": "Marchenko"``: "olena", then "marchenko"), each joined to
    the next by a gap or by a field's end and the next field's start."""

    def __init__(self, value: str, spans: list[tuple[int, int]]) -> None:
        self.value, self.spans = value, spans
        self.starts = {a: k for k, (a, _) in enumerate(spans)}
        self.next: dict[int, int] = {}  # word -> the word after it (-1: none)

    def _after(self, k: int) -> int:
        if k not in self.next:
            end = self.spans[k][1]
            gap = _FIELD_GAP.match(self.value, end) or _GAP.match(self.value, end)
            self.next[k] = self.starts.get(gap.end(), -1) if gap else -1
        return self.next[k]

    def positions(self, i: int, n: int) -> list[int] | None:
        """The ``n`` words from the ``i``-th so followed (None: fewer)."""
        out = [i]
        while len(out) < n:
            k = self._after(out[-1])
            if k < 0:
                return None
            out.append(k)
        return out


def redactor(
    spellings: Mapping[str, str],
    phones: Mapping[str, str] | None = None,
    guards: Iterable[str] = (),
    identifiers: Mapping[str, str] | None = None,
    addresses: Mapping[str, str] | None = None,
    birth_dates: Mapping[str, str] | None = None,
) -> Redactor:
    """A :class:`Redactor` of ``spellings`` (a victim's name as written -> her pseudonym),
    of ``phones`` (a protected number in E.164, "+380931234567" -> its pseudonym) and of
    ``identifiers`` (a protected document, account, plate, online id or e-mail address ->
    its pseudonym).

    ``birth_dates``: a victim's date of birth (ISO, "2008-08-12") -> what replaces it,
    written in any of the common forms ("12.08.2008", "8/12/2008", "12.08.08",
    "20080812"; :data:`_DATE_IN_TEXT`).

    ``guards``: names of people who are not victims, left as written where they stand
    whole (a longer match than the victim's word they hold), unless a victim is written
    so too.

    Examples:
        >>> r = redactor({"Olena": "Victim-1a2b3c"}, guards=["Olena Marchenko"])
        >>> r.text("Olena.txt"), r.text("olena_marchenko.txt")
        ('Victim-1a2b3c.txt', 'olena_marchenko.txt')
        >>> r = redactor({}, identifiers={"MD24AG000225100013104168": "Victim-4d5e6f",
        ...                               "ana@example.com": "Victim-7a8b9c"})
        >>> r.text("IBAN md24 ag00 0225 1000 1310 4168, mail Ana@Example.com")
        'IBAN Victim-4d5e6f, mail Victim-7a8b9c'
    """
    digits = _phone_spellings(phones or {})
    ends = _national_numbers(phones or {})
    codes = _identifier_spellings(identifiers or {}) | _address_spellings(addresses or {})
    dates = _birth_date_keys(birth_dates or {})
    replacements = _keyed(spellings)
    if not replacements:
        if not digits and not any(codes.values()) and not dates:
            return NO_REDACTION
        return Redactor(phones=digits, phone_ends=ends, birth_dates=dates, **codes)
    return Redactor(
        **_name_fields(_guarded(replacements, guards)),
        phones=digits,
        phone_ends=ends,
        birth_dates=dates,
        **codes,
    )


def _label_redactor(r: Redactor) -> Redactor:
    """``r`` for the labels of things (:meth:`Redactor.for_labels`): its spellings of two
    words or more and guards, its one-word whole names (:attr:`Redactor.whole_names`),
    and, for each other spelling of one word of a single victim (a family name alone, a
    part of one), that word beside each of her given names, their case forms and
    diminutives (:attr:`Redactor.given_beside`) in either order; the rest of ``r`` (its
    phones, identifiers, addresses, dates of birth) as it is."""
    keep: dict[str, str | None] = {}
    paired: dict[str, str | None] = {}
    for key, alias in r.replacements.items():
        if alias is None or " " in key or key in r.whole_names:
            keep[key] = alias
            continue
        for given in sorted(r.given_beside.get(alias, frozenset()) if alias != SEVERAL else ()):
            if given != key:
                for pair in (f"{given} {key}", f"{key} {given}"):
                    paired[pair] = alias if paired.get(pair, alias) == alias else SEVERAL
    if len(keep) == len(r.replacements):
        return r
    for pair, alias in paired.items():
        if keep.get(pair) is None:  # a victim's spelling wins over a guard's
            keep[pair] = alias
    fields = _name_fields(keep) if keep else _name_fields({})
    return dataclasses.replace(
        r,
        **fields,
        in_sources={},
        capitalised=r.capitalised & frozenset(keep),
    )


def _keyed(spellings: Mapping[str, str]) -> dict[str, str | None]:
    """``spellings`` by their key (:func:`_key`): a key written for several replacements
    is :data:`SEVERAL`'s. A romanised Chinese name is keyed also with its given name's
    syllables apart (:func:`pinyin_spellings`: "Wang Xiuying" as "wang xiu ying", so
    "Wang Xiu-ying" and "Xiu-ying Wang" are hers), after every spelling as written: one
    written so is not taken over."""
    replacements: dict[str, str | None] = {}
    for spelling, replacement in spellings.items():
        key = _key(spelling)
        if not key:
            continue
        known = replacements.get(key)
        replacements[key] = replacement if known in (None, replacement) else SEVERAL
    written = set(replacements)
    split: dict[str, str | None] = {}
    for spelling, replacement in spellings.items():
        for key in pinyin_spellings(spelling):
            if key in written:
                continue
            known = split.get(key)
            split[key] = replacement if known in (None, replacement) else SEVERAL
    return replacements | split


def _guarded(
    replacements: Mapping[str, str | None], guards: Iterable[str]
) -> dict[str, str | None]:
    """``replacements`` with the keys of ``guards`` added (None: left as written), those of
    a spelling excepted."""
    out = dict(replacements)
    for guard in guards:
        out.setdefault(_key(guard), None)
    out.pop("", None)
    return out


def _name_fields(replacements: Mapping[str, str | None]) -> dict[str, Any]:
    """The :class:`Redactor` fields of names from their ``replacements`` (key -> its
    replacement, None for a guard): the tables its matching looks spellings up in."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in replacements:
        spelling = tuple(key.split(" "))
        by_first.setdefault(spelling[0], []).append(spelling)
    # Longest first, spellings of one length in their order: the same ranks on every run
    # (the keys come in the order a set gave them, which varies between runs).
    longest_first = {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in by_first.items()}
    table = {
        spelling: (rank, key, replacements[key] is None)
        for spellings in longest_first.values()
        for rank, spelling in enumerate(spellings)
        for key in (" ".join(spelling),)
    }
    return {
        "replacements": replacements,
        "first_words": frozenset(k.split(" ")[0] for k, v in replacements.items() if v is not None),
        "by_first": longest_first,
        "spelling_table": table,
        "lengths": {
            first: tuple(sorted({len(s) for s in spellings}, reverse=True))
            for first, spellings in longest_first.items()
        },
        **_cross_fields(table, {}, {}),
        **_skeleton_fields(replacements),
    }


def _skeleton_fields(replacements: Mapping[str, str | None]) -> dict[str, Any]:
    """The :class:`Redactor`'s fields of names written in the scripts that leave vowels
    out and in Han characters, from its ``replacements`` (key -> replacement, None for a
    guard): :attr:`Redactor.skeleton_latin`, :attr:`Redactor.skeleton_abjad` and
    :attr:`Redactor.han_names`. Only spellings of two words or more are kept (one-letter
    initials are not words here), or a Chinese name in Han characters: a given or family
    name alone read without its vowels is too often another's."""
    latin: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    abjad: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    han: dict[str, list[str]] = {}
    for key in sorted(replacements):  # the same tables on every run
        words = key.split(" ")
        if all(is_abjad(w) for w in words):
            read = [abjad_word(w) for w in words]
            if len(read) >= 2 and all(abjad_keys(w) for w in read):
                for head in abjad_keys(read[0]):
                    for pair in abjad_keys(read[1]):
                        abjad.setdefault(f"{head} {pair}", []).append((tuple(read), key))
            continue
        chinese = han_name(key) if len(words) == 1 else ""
        if chinese:
            given, family = chinese.split(" ")
            han.setdefault(family + given, []).append(key)
            continue
        if any(_OTHER_SCRIPT.search(w) for w in words):
            continue
        read = [latin_word(w) for w in words]
        if not all(w.isascii() and w.isalpha() for w in read):
            continue
        joined = ["".join(read[a : b + 1]) for a, b in joined_articles(read)]
        if len(joined) >= 2 and min(map(len, joined)) >= 2:
            head = f"{latin_key(joined[0])} {latin_key(joined[1])}"
            latin.setdefault(head, []).append((tuple(joined), key))
        if 2 <= len(read) <= _HAN_LONGEST and min(map(len, read)) >= 2:
            # as written, and family name (the last word) first, as Chinese writes it
            for chinese in dict.fromkeys(("".join(read), "".join(read[-1:] + read[:-1]))):
                han.setdefault(chinese, []).append(key)
    return {
        "skeleton_latin": {k: tuple(v) for k, v in latin.items()},
        "skeleton_abjad": {k: tuple(v) for k, v in abjad.items()},
        "han_names": {k: tuple(v) for k, v in han.items()},
    }


def _cross_fields(
    table: Mapping[tuple[str, ...], tuple[int, str, bool]],
    cross: Mapping[tuple[str, ...], tuple[int, str, bool]],
    lengths: Mapping[str, tuple[int, ...]],
) -> dict[str, Any]:
    """The :class:`Redactor`'s cross-script fields: ``cross`` (and its ``lengths``) with
    the spellings of ``table`` added, each word by its :func:`cross_script_key`. Where two
    spellings read alike, a victim's wins over a guard's, as in :func:`_guarded`."""
    out = dict(cross)
    found = {k: set(v) for k, v in lengths.items()}
    other_script = False
    for spelling, entry in sorted(table.items()):  # one winner of a tie on every run
        other_script = other_script or any(_OTHER_SCRIPT.search(w) for w in spelling)
        for read in (tuple(cross_script_key(w) for w in spelling), *_han_readings(spelling)):
            if not all(read):
                continue
            known = out.get(read)
            if known is None or (known[2] and not entry[2]):
                out[read] = entry
            found.setdefault(read[0], set()).add(len(read))
    return {
        "cross_table": out,
        "cross_lengths": {k: tuple(sorted(v, reverse=True)) for k, v in found.items()},
        "cyrillic_spellings": other_script,
    }


def _han_readings(spelling: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A Chinese name written in Han characters (one word, :func:`linkgraph.text.han_name`)
    as its Latin spellings read across scripts (:func:`cross_script_key`): family name
    first and last, the given name's syllables run together or apart ("王秀英": "Wang
    Xiuying", "Xiuying Wang", "Wang Xiu Ying"). None for other spellings.

    Examples:
        >>> _han_readings(("王秀英",))[:2], _han_readings(("olena",))
        ([('vanh', 'ksiuinh'), ('ksiuinh', 'vanh')], [])
    """
    chinese = han_name(spelling[0]) if len(spelling) == 1 else ""
    if not chinese:
        return []
    given, family = chinese.split(" ")
    word = unicodedata.normalize("NFKC", spelling[0]).strip()
    cut = 2 if word[:2] in CHINESE_COMPOUND_FAMILY_NAMES and len(word) >= 3 else 1
    syllables = han_syllables(word[cut:])
    out = [(family, given), (given, family)]
    if len(syllables) > 1:
        out += [(family, *syllables), (*syllables, family)]
    return [tuple(cross_script_key(w) for w in read) for read in out]


def _with_words(base: Mapping[str, Any], words: Mapping[str, str]) -> dict[str, Any]:
    """The :func:`_name_fields` ``base`` with single ``words`` (key -> replacement) added
    or replacing its own: a spelling of one word is the last of its first word's, so the
    others keep their rank. The base's tables are copied, not rebuilt."""
    replacements = {**base["replacements"], **words}
    by_first = dict(base["by_first"])
    table = dict(base["spelling_table"])
    lengths = dict(base["lengths"])
    for word in words:
        spelling = (word,)
        if spelling not in table:
            by_first[word] = (*by_first.get(word, ()), spelling)
            lengths[word] = (*lengths.get(word, ()), 1)
        table[spelling] = (by_first[word].index(spelling), word, False)
    added = {spelling: table[spelling] for spelling in ((w,) for w in words)}
    cross = _cross_fields(added, base["cross_table"], base["cross_lengths"])
    cross["cyrillic_spellings"] |= base["cyrillic_spellings"]
    return {
        "replacements": replacements,
        "first_words": base["first_words"] | frozenset(words),
        "by_first": by_first,
        "spelling_table": table,
        "lengths": lengths,
        **cross,
        **{k: base[k] for k in ("skeleton_latin", "skeleton_abjad", "han_names")},
    }


def _identifier_spellings(identifiers: Mapping[str, str]) -> dict[str, Any]:
    """The :class:`Redactor` fields of protected ``identifiers`` (value -> replacement):
    e-mail addresses lower-case (``emails``), the others as their letters and digits,
    upper-case, of :data:`MIN_CODE_CHARS` or more (``codes``), with their leading and
    trailing parts (``code_heads``, ``code_tails``)."""
    emails: dict[str, str] = {}
    codes: dict[str, str] = {}
    for value, replacement in identifiers.items():
        if "@" in value:
            _add(emails, value.strip().lower(), replacement)
            continue
        key = "".join(_ALNUM.findall(value.upper().translate(_LOOKALIKE)))
        if len(key) >= MIN_CODE_CHARS:
            _add(codes, key, replacement)
    heads = {key[:n] for key in codes for n in range(1, len(key) + 1)}
    tails = {key[n:] for key in codes for n in range(len(key))}
    return {
        "codes": codes,
        "code_heads": frozenset(heads),
        "code_tails": frozenset(tails),
        "emails": emails,
    }


#: The fewest groups of letters and digits a protected address needs to be looked for in
#: free text; one with no digit needs one more (a street name alone, "Main Street", or a
#: town, is too common to be taken for her home)
MIN_ADDRESS_GROUPS = 2


def address_key(address: str) -> tuple[str, ...] | None:
    """An address as it is compared in free text: its groups of letters and digits,
    without case or accents; None for one too short to be told from common words.

    Examples:
        >>> address_key("Str. Florilor 12, Chișinău")
        ('str', 'florilor', '12', 'chisinau')
        >>> address_key("Main Street"), address_key("Kyiv")
        (None, None)
    """
    key = tuple(fold(g) for g in _ALNUM.findall(address))
    digit = any(_DIGIT.search(g) for g in key)
    if len(key) < MIN_ADDRESS_GROUPS + (0 if digit else 1):
        return None
    return key


def _address_spellings(addresses: Mapping[str, str]) -> dict[str, Any]:
    """The :class:`Redactor` fields of protected ``addresses`` (address -> replacement)."""
    keyed: dict[tuple[str, ...], str] = {}
    for address, replacement in addresses.items():
        key = address_key(address)
        if key is not None:
            keyed[key] = replacement if keyed.get(key, replacement) == replacement else SEVERAL
    if not keyed:
        return {}
    return {"addresses": keyed, "address_heads": frozenset(k[0] for k in keyed)}


@functools.lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """The folded words of ``text`` joined by one space: its key in a
    :class:`Redactor`'s replacements (the same names are keyed again and again)."""
    return " ".join(name_words(text))


#: A text or a spelling holding a letter of another script than Latin (Cyrillic, Greek,
#: Georgian, Arabic, Han...) is also read across scripts.
_OTHER_SCRIPT = OTHER_SCRIPT_RE
#: Letters a Cyrillic name's romanisations write differently, each made one
#: (:func:`cross_script_key`), applied in order after "ch", "sh" and "zh" are set aside.
_CROSS_RULES = tuple(
    (re.compile(a), b)
    for a, b in (
        ("ye", "e"),  # Є, Е: Yevhen, Evhen
        ("kh|gh|g", "h"),  # Х; Г read as H (Ukrainian) or G (Russian): Olha, Olga
        ("[yj]", "i"),  # И, Ы, Й: Dmytro, Dmitro; Yuliia, Iuliia
        ("ts|tz", "c"),  # Ц: Kravets, Kravec
        ("c(?![eic]|$)", "k"),  # a hard c: Victimova, Viktimova
        ("w", "v"),
        ("x", "ks"),
        ("q", "k"),
        (r"(.)\1+", r"\1"),  # Zhanna, Жана; Yuliia, Юлия
    )
)


#: Greek eta (with or without accent) as iota, before transliteration.
_GREEK_ETA = str.maketrans({"η": "ι", "ή": "ί", "Η": "Ι", "Ή": "Ί"})


@functools.lru_cache(maxsize=1 << 16)
def cross_script_key(word: str) -> str:
    """A word of a name read the same whether written in Cyrillic (or Georgian, Armenian,
    much of Greek) or in one of its Latin romanisations: transliterated
    (:func:`linkgraph.text.fold_name_part`), then the letters the romanisations write
    differently made one (:data:`_CROSS_RULES`). Used only where a text or a victim's
    spelling is in a script other than Latin, so that a victim recorded as "Olena
    Victimova" is found in a note reading "Олена Віктимова". Scripts that leave vowels
    out (Arabic, Hebrew) rarely meet their romanisation this way: their full names are
    read as patterns of their romanisations instead (:mod:`linkgraph.skeleton`,
    :meth:`Redactor._skeleton_names_in`), and Chinese names written without spaces by
    their pinyin (:meth:`Redactor._han_names_in`).

    Examples:
        >>> [cross_script_key(w) for w in ("Віктимова", "Victimova", "VIKTYMOVA")]
        ['viktimova', 'viktimova', 'viktimova']
        >>> [cross_script_key(w) for w in ("Ольга", "Olha", "Юлія", "Yuliia", "Кравець")]
        ['olha', 'olha', 'iulia', 'iulia', 'kravec']
        >>> cross_script_key("Шевченко") == cross_script_key("Shevchenko")
        True
        >>> [cross_script_key(w) for w in ("Ελένη", "Eleni", "ნინო", "Nino")]
        ['eleni', 'eleni', 'nino', 'nino']
    """
    from linkgraph.text import fold_name_part

    # Greek η is i in the romanisation passports use (ELOT 743: Eleni, not Elene)
    word = word.translate(_GREEK_ETA)
    key = fold_name_part(word).replace(" ", "")
    key = key.replace("ch", "\x01").replace("sh", "\x02").replace("zh", "\x03")
    for pattern, replacement in _CROSS_RULES:
        key = pattern.sub(replacement, key)
    return key.replace("\x01", "ch").replace("\x02", "sh").replace("\x03", "zh")


#: The most digits before a national significant number: "00" and a country code of three
MAX_PHONE_PREFIX = 5
#: The fewest digits a national significant number needs to be matched on alone
MIN_NATIONAL_DIGITS = 8


def _by_national_number(digits: str, ends: Mapping[str, str]) -> str | None:
    """The replacement of the protected national significant number that ``digits``
    is, or ends with after at most :data:`MAX_PHONE_PREFIX` digits (a trunk "0", a
    country code with or without "00"), or None.

    Examples:
        >>> ends = {"712345678": "Victim-1a2b3c"}
        >>> [_by_national_number(d, ends) for d in ("254712345678", "712345678", "1712345678999")]
        ['Victim-1a2b3c', 'Victim-1a2b3c', None]
    """
    for prefix in range(MAX_PHONE_PREFIX + 1):
        found = ends.get(digits[prefix:])
        if found is not None:
            return found
    return None


def _parsed_phones(phones: Mapping[str, str]) -> Iterator[tuple[Any, str]]:
    """Each E.164 number of ``phones`` parsed by phonenumbers, with its replacement (a
    number phonenumbers cannot parse is left out)."""
    import phonenumbers

    for number, replacement in phones.items():
        try:
            yield phonenumbers.parse(number), replacement
        except phonenumbers.NumberParseException:
            continue


def _national_numbers(phones: Mapping[str, str]) -> dict[str, str]:
    """The national significant number of each E.164 number (the digits after its
    country code, :data:`MIN_NATIONAL_DIGITS` or more) -> its replacement."""
    import phonenumbers

    out: dict[str, str] = {}
    for parsed, replacement in _parsed_phones(phones):
        national = phonenumbers.national_significant_number(parsed)
        if len(national) >= MIN_NATIONAL_DIGITS:
            out[national] = replacement
    return out


def _phone_spellings(phones: Mapping[str, str]) -> dict[str, str]:
    """The digits of each E.164 number as written in full ("380931234567",
    "00380931234567") and nationally ("0931234567") -> its replacement."""
    import phonenumbers

    out: dict[str, str] = {}
    for parsed, replacement in _parsed_phones(phones):
        # E.164's digits, not country code + national_number: an Italian number keeps its
        # leading 0 ("+39 06 ..."), which national_number drops
        full = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:]
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        for digits in (full, "00" + full, re.sub(r"\D", "", national)):
            if len(digits) >= 7:
                out[digits] = replacement
    return out


#: The mention columns the victims' spellings are read from
_NAME_COLUMNS = ("entity_id", "type", "source", "label", "name", "name_latin", "given_name",
                 "family_name")  # fmt: skip


def _victim_persons(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], extra: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The person mentions of the victims (``entity_id`` in ``pseudonyms``), with the
    columns of their names and sources, and ``extra``, only (the others, raw rows, are
    not copied)."""
    wanted = (*_NAME_COLUMNS, *extra)
    m = mentions[[c for c in dict.fromkeys(wanted) if c in mentions.columns]]
    m = m[m["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)]
    return _without_owner_labels(m[m["type"].astype(str).eq("person").to_numpy()])


def _without_owner_labels(m: pd.DataFrame) -> pd.DataFrame:
    """``m`` with the labels ingest gives a nameless device owner ("owner of Records.json",
    "owner of backup 2024-03-01") left out of its name columns: they are no name of hers,
    and taken for one they rewrote her file's name ("Victim-1a2b3c_1000.json")."""
    if "source" not in m.columns:
        return m
    made = "owner of " + m["source"].astype("string").fillna("").str.casefold()
    owner = pd.Series(False, index=m.index)
    for col in ("label", "name"):
        if col in m.columns:
            text = m[col].astype("string").fillna("").str.casefold()
            owner |= (text == made) | text.str.startswith("owner of backup ")
    if not owner.any():
        return m
    out = m.copy()
    for col in ("label", "name", "name_latin"):  # name_latin: the name folded
        if col in out.columns:
            out.loc[owner.to_numpy(dtype=bool), col] = None
    return out


def _texts(m: pd.DataFrame, col: str) -> list[str]:
    """Column ``col`` of ``m`` as strings ("" when missing)."""
    if col not in m.columns:
        return [""] * len(m)
    return m[col].astype("string").fillna("").astype(str).tolist()


def _add(out: dict[str, str], spelling: str, alias: str) -> None:
    """``spelling`` -> ``alias`` in ``out``; :data:`SEVERAL` when another victim has it."""
    out.setdefault(spelling, alias)
    if out[spelling] != alias:
        out[spelling] = SEVERAL


def _letters(text: str) -> int:
    return len("".join(name_words(text)))


def victim_spellings(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """Every spelling of the victims' names in their person ``mentions`` -> pseudonym.

    ``mentions`` carry an ``entity_id`` column; ``pseudonyms`` maps each victim entity id
    to its pseudonym. Full names need two words or more, each also in the orders and
    abbreviations records write it in (:func:`name_variants`: "Victimova O.", "O.
    Victimova", "VICTIMOVA, Olena"); a family name alone needs
    :data:`MIN_FAMILY_LETTERS` letters; so does a name of one word that is the whole of a
    victim's mention (a chat's participant "Olena", joined to her by resolution or by an
    analyst: she is written so). A given name alone that no mention of hers is written as
    is left (:func:`source_spellings` takes it out of her files' names only).
    """
    return _victim_spellings(mentions, pseudonyms)[0]


def _victim_spellings(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str]
) -> tuple[dict[str, str], set[str]]:
    """:func:`victim_spellings`, and the keys of the abbreviated variants among them (a
    one-letter initial: taken only as a capital, :attr:`Redactor.capitalised`)."""
    out: dict[str, str] = {}
    variants: dict[str, str] = {}
    m = _victim_persons(mentions, pseudonyms)
    given, family = _texts(m, "given_name"), _texts(m, "family_name")
    columns = [_texts(m, c) for c in ("label", "name", "name_latin")]
    for i, entity in enumerate(m["entity_id"].astype(str).tolist()):
        alias = pseudonyms[entity]
        names = [col[i] for col in columns]
        if given[i] and family[i]:
            names += [f"{given[i]} {family[i]}", f"{family[i]} {given[i]}"]
        for name in names:
            count = len(name_words(name))
            # a Chinese name in Han characters is a full name in two ("李娜")
            if count >= 2 or (
                count == 1 and (_letters(name) >= MIN_FAMILY_LETTERS or han_name(name))
            ):
                _add(out, name, alias)
            for variant in name_variants(name, family[i]):
                _add(variants, variant, alias)
        if _letters(family[i]) >= MIN_FAMILY_LETTERS:
            _add(out, family[i], alias)
    base = {_key(k) for k in out}
    abbreviated = {k for k in variants if k not in base and min(map(len, k.split(" "))) == 1}
    for variant, alias in variants.items():
        _add(out, variant, alias)
    return out, abbreviated


@functools.cache
def _chinese_family_readings() -> frozenset[str]:
    """The common Chinese family names (:data:`linkgraph.text.CHINESE_FAMILY_NAMES`, one
    character or two) as pinyin without tones: "wang", "li", "ouyang"."""
    names = [*CHINESE_FAMILY_NAMES, *CHINESE_COMPOUND_FAMILY_NAMES]
    return frozenset(han_family_reading(n) for n in names)


def pinyin_spellings(name: str) -> list[str]:
    """The other spellings (folded words joined by a space) of a romanised Chinese
    ``name``: its given name's syllables written apart, and its family name first and
    last. "Wang Xiuying" is also written "Wang Xiu-ying", "WANG Xiu Ying", "Xiu-ying Wang"
    or "Xiuying Wang" (a hyphen is a gap between words, as :meth:`Redactor.text` reads
    them). A name is taken so when a word at one end is a common Chinese family name in
    pinyin ("wang", "ouyang") and the rest is a given name of two syllables: one word that
    reads as two (:func:`linkgraph.text.pinyin_splits`) or two words of one each; []
    otherwise ("Li Na": no syllables to part; "Olena Li", "Maria Wang": no Chinese given
    name).

    Examples:
        >>> pinyin_spellings("Wang Xiuying")
        ['xiuying wang', 'wang xiu ying', 'xiu ying wang']
        >>> pinyin_spellings("Xiu Ying Wang")
        ['wang xiu ying', 'wang xiuying', 'xiuying wang']
        >>> pinyin_spellings("Olena Li"), pinyin_spellings("Li Na"), pinyin_spellings("Wang X")
        ([], [], [])
    """
    words = name_words(name)
    if not 2 <= len(words) <= 3:
        return []
    families = _chinese_family_readings()
    out: list[str] = []
    for family_at in dict.fromkeys((0, len(words) - 1)):
        family = words[family_at]
        given = [w for k, w in enumerate(words) if k != family_at]
        if family not in families:
            continue
        if len(given) == 1:  # "Xiuying": parted as it reads
            forms = [given[0], *(" ".join(split) for split in pinyin_splits(given[0]))]
            if len(forms) == 1:
                continue
        elif all(w in PINYIN_SYLLABLES for w in given):  # "Xiu Ying": run together too
            forms = [" ".join(given), "".join(given)]
        else:
            continue
        for form in forms:
            out += [f"{family} {form}", f"{form} {family}"]
        break  # a family name first is read so ("Zhang Wei Ming"), not also one last
    return list(dict.fromkeys(o for o in out if o != " ".join(words)))


def name_variants(name: str, family: str = "") -> list[str]:
    """The spellings (folded words joined by a space) records write a full ``name`` of
    two words or more in: family name first and last (a comma between them is a gap, so
    "VICTIMOVA, Olena" is "victimova olena"), with all given names, the first alone, or
    their initials ("Victimova O.", "O. Victimova"). ``family``: the family name when
    known; else each end word of ``name`` is tried as the family name (police records
    write it first, most other records last).

    Examples:
        >>> name_variants("Olena Victimova", "Victimova")
        ['victimova olena', 'olena victimova', 'victimova o', 'o victimova']
        >>> sorted(name_variants("Olena VICTIMOVA"))[:4]
        ['o victimova', 'olena v', 'olena victimova', 'v olena']
    """
    words = name_words(name)
    if len(words) < 2:
        return []
    fam = name_words(family)
    n = len(fam)
    if fam and n < len(words) and words[-n:] == fam:
        splits = [(words[:-n], fam)]
    elif fam and n < len(words) and words[:n] == fam:
        splits = [(words[n:], fam)]
    else:
        splits = [(words[:-1], words[-1:]), (words[1:], words[:1])]
    out: list[str] = []
    for given, last in splits:
        initials = [g[0] for g in given]
        for first in (given, given[:1], initials, initials[:1]):
            out += [" ".join(last + first), " ".join(first + last)]
    return list(dict.fromkeys(out))


def family_names_alone(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], victims: pd.DataFrame | None = None
) -> dict[str, str]:
    """The victims' family names that are taken alone though no ``family_name`` gives them
    ("saw Victimova yesterday" of "Olena VICTIMOVA") -> pseudonym: the family words of
    each full name of hers (:func:`_family_words`) of :data:`MIN_FAMILY_LETTERS` letters
    or more that are distinctive, that is a word of no name of a person of ``mentions``
    who is not a victim (a suspect "Ivan Victimov" keeps "Victimov"). A common word is
    not a name: the :class:`Redactor` takes these only written with a capital
    (:attr:`Redactor.capitalised`: "Long", not "long"); a word the nickname tables know
    as a given name ("Rose", "May") is no family word unless written as one.

    ``victims``: the victims' person mentions, when already read
    (:func:`_victim_persons`)."""
    m = _victim_persons(mentions, pseudonyms) if victims is None else victims
    if "family_name" in m.columns:
        m = m[m["family_name"].isna().to_numpy(dtype=bool)]
    found: dict[str, str] = {}
    columns = [_texts(m, c) for c in ("label", "name", "name_latin")]
    for i, entity in enumerate(m["entity_id"].astype(str).tolist()):
        for name in dict.fromkeys(col[i] for col in columns):
            for word in _family_words(name):
                if len(word) >= MIN_FAMILY_LETTERS:
                    _add(found, word, pseudonyms[entity])
    taken = _other_name_words(mentions, pseudonyms, found)
    return {w: alias for w, alias in found.items() if w not in taken}


#: Words of a family name that are no name by themselves ("Fernández de la Vega",
#: "van der Berg", "dos Santos", "bin Laden"): never redacted alone (:func:`family_parts_alone`).
FAMILY_PARTICLES = frozenset({
    "al", "bin", "ben", "ibn", "bint", "da", "das", "de", "dei", "del", "della", "degli",
    "delle", "der", "den", "des", "di", "do", "dos", "du", "el", "la", "las", "le", "les",
    "lo", "los", "san", "santa", "st", "ter", "ten", "van", "von", "vom", "zu", "zum",
    "zur", "y", "e", "i", "und", "and",
})  # fmt: skip
#: What parts a family name of several ("Fernández Ortega", "D'Arcy-Smith", "O'Neil;
#: Núñez"): spaces, hyphens and dashes, and the separators records list names with.
_FAMILY_GAP = re.compile(r"[\s\-\u2010-\u2015;,/&+|]+")


def family_parts_alone(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], victims: pd.DataFrame | None = None
) -> dict[str, str]:
    """Each part of a victim's ``family_name`` of several -> her pseudonym, to be redacted
    alone where it is written as a name (with a capital, :attr:`Redactor.capitalised`):
    "saw Fernández at the flat; Ortega sick" of Lucía Fernández Ortega, "D'Arcy" and
    "Smith" of D'Arcy-Smith, "O'Neil" and "Núñez" of "O'Neil; Núñez"; and her given names
    with each part ("Lucía Fernández", "Fernández Lucía").

    A part is a word of the family name between spaces, hyphens or list separators; a
    part written with an apostrophe ("O'Neil", "D'Arcy") is taken whole (and run together:
    "ONeil"), and its rest
    after a one- or two-letter elision too ("Arcy"), unless that rest is a given name
    the nickname tables know ("Neil"). Left out: particles (:data:`FAMILY_PARTICLES`:
    de, la, da, van, bin...), parts of fewer than :data:`MIN_FAMILY_LETTERS` letters,
    and the words of the name of a person of ``mentions`` who is not a victim (a suspect
    "Pedro Ortega" keeps "Ortega"; a suspect "Patrick O'Neil" is left whole by the
    redactor's guards). A family name of one part is a spelling of hers
    already (:func:`victim_spellings`).

    ``victims``: the victims' person mentions, when already read
    (:func:`_victim_persons`)."""
    m = _victim_persons(mentions, pseudonyms) if victims is None else victims
    if "family_name" not in m.columns:
        return {}
    m = m[m["family_name"].notna().to_numpy(dtype=bool)]
    if m.empty:
        return {}
    from linkgraph.resolve.nicknames import NICKNAMES, has_english_nicknames

    words: dict[str, str] = {}
    pairs: dict[str, dict[str, str]] = {}
    given = _texts(m, "given_name")
    for i, (family, entity) in enumerate(
        zip(_texts(m, "family_name"), m["entity_id"].astype(str), strict=True)
    ):
        chunks = [c for c in _FAMILY_GAP.split(unicodedata.normalize("NFC", family)) if c]
        parts: list[str] = []
        for chunk in chunks:
            folded = name_words(chunk)
            if not folded:
                continue
            if len(folded) == 1:
                parts.append(folded[0])
                continue
            # "o neil": the part as written (the apostrophe a gap), and run together
            parts += [" ".join(folded), "".join(folded)]
            rest = folded[1:]
            if len(folded[0]) <= 2 and len(rest) == 1:
                word = rest[0]
                if word not in NICKNAMES and not has_english_nicknames(word):
                    parts.append(word)
        parts = [p for p in dict.fromkeys(parts)
                 if p not in FAMILY_PARTICLES and _letters(p) >= MIN_FAMILY_LETTERS]  # fmt: skip
        if len(parts) < 2 and len(chunks) < 2:
            continue  # one part: her family name, a spelling already
        alias = pseudonyms[entity]
        first = name_words(given[i])
        for part in parts:
            _add(words, part, alias)
            for g in dict.fromkeys((" ".join(first), first[0])) if first else ():
                pairs.setdefault(part, {})
                _add(pairs[part], f"{g} {part}", alias)
                _add(pairs[part], f"{part} {g}", alias)
    # A part written with an apostrophe ("o neil") is another's only as a whole ("Patrick
    # ONeil"): its words alone are an initial and a given name ("Jr. O. Brien", "Neil").
    taken = _other_name_words(mentions, pseudonyms, [p.replace(" ", "") for p in words])
    out = {p: a for p, a in words.items() if p.replace(" ", "") not in taken}
    for part in list(out):
        out |= pairs.get(part, {})
    return out


def _single_words(spellings: Mapping[str, str], theirs: set[str]) -> dict[str, str]:
    """Those of ``spellings`` of one word that are not one of ``theirs`` (a victim's
    spellings by key): a name taken alone only with a capital (:attr:`Redactor.capitalised`)."""
    return {w: a for w, a in spellings.items() if " " not in w and w not in theirs}


def _family_words(name: str) -> list[str]:
    """The folded words of a full ``name`` that are its family name: those before a comma
    ("VICTIMOVA, Olena"); else those written in capitals beside others that are not
    ("Olena VICTIMOVA"); else those the nickname tables do not know as given names
    ("Victimova Olena"). None of a name of one word."""
    name = unicodedata.normalize("NFC", name)
    before, comma, after = name.partition(",")
    if comma and name_words(before) and name_words(after):
        return name_words(before)
    written = _WORDS.findall(name)
    if len(written) < 2:
        return []
    capitals = [fold(w) for w in written if len(w) >= 2 and w.isupper()]
    if capitals and len(capitals) < len(written):
        return capitals
    from linkgraph.resolve.nicknames import NICKNAMES, has_english_nicknames

    words = [fold(w) for w in written]
    return [w for w in words if w not in NICKNAMES and not has_english_nicknames(w)]


def _other_name_words(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], words: Iterable[str]
) -> set[str]:
    """Those of ``words`` (folded) that are a word of the name of a person of ``mentions``
    who is not a victim (not in ``pseudonyms``). Each distinct name is looked at once."""
    wanted = frozenset(words)
    if not wanted or mentions.empty:
        return set()
    others = ~mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)
    m = mentions[others & mentions["type"].astype(str).eq("person").to_numpy()]
    cols = ("label", "name", "name_latin", "given_name", "family_name")
    values = [m[c].astype("string") for c in cols if c in m.columns]
    if not values:
        return set()
    names = pd.unique(pd.concat(values, ignore_index=True).dropna().astype(str))
    out: set[str] = set()
    for name in names.tolist():
        out.update(wanted.intersection(name_words(name)))
    return out


def _stem(source: str) -> str:
    """A source's name without its extension ("WhatsApp Chat with Olena.txt" ->
    "WhatsApp Chat with Olena", the name the chat reader gives a chat)."""
    stem, dot, ext = source.rpartition(".")
    return stem if dot and stem and 0 < len(ext) <= 5 and ext.isalnum() else source


def source_spellings(
    mentions: pd.DataFrame,
    pseudonyms: Mapping[str, str],
    spellings: Mapping[str, str] | None = None,
    guards: Iterable[str] = (),
) -> dict[str, str]:
    """The names of the sources that have a victim among their people (a chat she takes
    part in, a list that names her) -> the name with every word of her names of
    :data:`MIN_GIVEN_LETTERS` letters or more replaced by her pseudonym, her given name alone
    too ("WhatsApp Chat with Olena.txt" -> "WhatsApp Chat with Victim-1a2b3c.txt"); each
    also without its extension (a chat's name). A file is named after a contact as the
    phone saved her, often by given name alone; elsewhere a given name alone is too
    common to be taken for her. ``spellings``: the victims' names, matched first (longest
    first; :func:`victim_spellings`); ``guards``: names of others, left whole. A run of one
    pseudonym ("Olena Ivanivna" -> "Victim-1a2b3c Victim-1a2b3c") is written once.
    """
    return _renamed_sources(source_redactors(mentions, pseudonyms, spellings, guards))


def _renamed_sources(redactors: Mapping[str, Redactor]) -> dict[str, str]:
    """The names of the sources of ``redactors`` (and without their extension) that
    their own redactor changes -> the new name."""
    out: dict[str, str] = {}
    for source, r in redactors.items():
        for name in dict.fromkeys((source, _stem(source))):
            new = _RUN.sub(r"\1", r.text(name))
            if new != name:
                out[name] = new
    return out


#: The fewest letters a given name needs for its case forms to be redacted in her chats.
MIN_INFLECTED_LETTERS = 4
#: The fewest letters of a stem whose diminutive (Olen-ka, Natal-ko) is redacted.
MIN_DIMINUTIVE_STEM = 4
_CASE_ENDINGS_CYRILLIC = ("у", "ю", "і", "ї", "и", "ы", "е", "є", "о", "ой", "ою", "ей", "ею", "єю",
                          "ом")  # fmt: skip
#: Ukrainian, Russian, Polish, Czech and Slovak (-u -o -i -y -e -ou), Romanian (-ei:
#: Elenei), Serbian and Croatian (-om: Jelenom), Lithuanian (-os -ai -oje) and Latvian (-as)
_CASE_ENDINGS_LATIN = ("u", "o", "i", "y", "e", "ou", "iu", "yu", "ei", "om", "os", "ai", "oje",
                       "as")  # fmt: skip
_DIMINUTIVE_CYRILLIC = ("ка", "ко", "ку", "ки", "кою")
_DIMINUTIVE_LATIN = ("ka", "ko", "ku", "ki", "ky")
#: A stem ending in one of these takes no diminutive (Natali-: "Natalika" is no form)
_VOWELS = frozenset("aeiouyаеєиіїоуыэюя")
#: A given name's last letters -> the endings its stem (the name without them) takes: a
#: closed list of Ukrainian, Russian and Polish case forms (Олена: Олену, Олено, Олени,
#: Оленою; Olena: Olenu, Oleno; Наталія: Наталії, Наталію, and the soft stem of Наталя:
#: Наталю, Наталею; Natalia: Nataliu). A final "й" is folded to "и" (:func:`fold`).
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ія", ("ю", "і", "ею")),
    ("ия", ("ю", "і", "ею")),
    ("ья", ("ю", "і", "ею")),
    ("а", _CASE_ENDINGS_CYRILLIC),
    ("я", _CASE_ENDINGS_CYRILLIC),
    ("о", _CASE_ENDINGS_CYRILLIC),
    ("и", ("ю", "я", "є", "єм", "ем", "ї")),  # "й" (Андрій: Андрію, Андрія, Андрієм)
    ("ija", ("iu", "yu", "i", "ije", "iji", "iju")),
    ("iya", ("iu", "yu", "i")),
    ("ia", ("iu", "yu", "i", "iei", "ii", "ie")),  # Romanian Mariei, Polish Marii
    ("ya", ("iu", "yu", "i")),
    ("a", _CASE_ENDINGS_LATIN),
    ("o", _CASE_ENDINGS_LATIN),
)


def given_name_forms(word: str) -> set[str]:
    """The case forms and diminutives of a given name (:func:`_given_name_forms`, made once
    per word).

    Examples:
        >>> sorted(given_name_forms("olena") & {"olenu", "oleno", "olenka", "olenyuk"})
        ['olenka', 'oleno', 'olenu']
        >>> given_name_forms("ion"), given_name_forms("oleg")
        (set(), set())
    """
    return set(_given_name_forms(word))


@functools.lru_cache(maxsize=1 << 12)
def _given_name_forms(word: str) -> frozenset[str]:
    """The case forms and diminutives of a given name (folded, :func:`fold`) of
    :data:`MIN_INFLECTED_LETTERS` letters or more, as Ukrainian, Russian, Polish (and
    Czech, Slovak, Romanian, Serbian, Croatian, Lithuanian, Latvian) write
    them when they speak to or of her: its stem (the name without its final vowel, and
    without "ія"/"ia"/"ya" as well) with one ending of a closed list (:data:`_INFLECTIONS`),
    and, for a stem of :data:`MIN_DIMINUTIVE_STEM` letters or more that ends in a
    consonant, the diminutive in -к/-k (Оленка, Наталко, Olenka: in practice her too).
    Other words are never made: a name that only starts with her stem and goes on
    ("Olenyuk") is not among them; other diminutives ("Оленочка") are not made either.

    Examples:
        >>> sorted(_given_name_forms("наталія") & {"наталю", "наталіі", "наталко", "наталія"})
        ['наталко', 'наталю', 'наталіі']
    """
    if len(word) < MIN_INFLECTED_LETTERS:
        return frozenset()
    latin = word.isascii()
    diminutives = _DIMINUTIVE_LATIN if latin else _DIMINUTIVE_CYRILLIC
    forms: set[str] = set()
    for final, endings in _INFLECTIONS:
        stem = word[: -len(final)]
        if not word.endswith(final) or final.isascii() != latin or len(stem) < 3:
            continue
        forms.update(fold(stem + ending) for ending in endings)
        if len(stem) >= MIN_DIMINUTIVE_STEM and stem[-1] not in _VOWELS:
            forms.update(stem + ending for ending in diminutives)
    forms.discard(word)
    return frozenset(forms)


def _given_words(m: pd.DataFrame) -> dict[str, set[str]]:
    """Per victim entity of her person mentions ``m``: the words of her names that are
    not her family name's (her given names; every word when no family name is known)."""
    family: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    entities = m["entity_id"].astype(str).tolist()
    for i, name in enumerate(_texts(m, "family_name")):
        family.setdefault(entities[i], set()).update(name_words(name))
    for col in ("label", "name", "name_latin", "given_name"):
        for entity, name in zip(entities, _texts(m, col), strict=True):
            words.setdefault(entity, set()).update(name_words(name))
    return {e: found - family.get(e, set()) for e, found in words.items()}


def _forms_of_others(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], forms: set[str]
) -> set[str]:
    """Those of ``forms`` that are a word of the name of a person who is not a victim
    ("Mario", the vocative of Maria, when a Mario is in the case): left as written."""
    if not forms or mentions.empty:
        return set()
    others = ~mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)
    m = mentions[others & mentions["type"].astype(str).eq("person").to_numpy()]
    heads = "|".join(sorted({re.escape(f[:3]) for f in forms}))
    found: set[str] = set()
    for col in ("label", "name", "given_name"):
        if col not in m.columns:
            continue
        names = m[col].astype("string").dropna()
        names = names[names.str.casefold().str.contains(heads).fillna(False).to_numpy(dtype=bool)]
        for name in pd.unique(names).tolist():  # a few names: those that start a form
            found.update(w for w in name_words(name) if w in forms)
    return found


def source_redactors(
    mentions: pd.DataFrame,
    pseudonyms: Mapping[str, str],
    spellings: Mapping[str, str] | None = None,
    guards: Iterable[str] = (),
    *,
    victims: pd.DataFrame | None = None,
    variants: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, Redactor]:
    """Per source that has a victim among its people (a chat she takes part in), the
    :class:`Redactor` of every word of her names of :data:`MIN_GIVEN_LETTERS` letters or
    more, her given name alone too, besides ``spellings`` (matched first) and with the
    ``guards`` (names of others) left whole: what takes her out of the source's name
    (:func:`source_spellings`) and out of its messages ("Hi Olena, are you ok?").
    ``victims``: the victims' person mentions of ``mentions`` when the caller has them
    (:func:`_victim_persons`); ``variants``: per victim's pseudonym, more words of hers
    taken out too (:attr:`Redactor.given_beside`: her given names' diminutives and
    variants in the resolver's nickname table and their case forms, "Natasha" of
    Natalya)."""
    m = _victim_persons(mentions if victims is None else victims, pseudonyms)
    if m.empty or "source" not in m.columns:
        return {}
    words: dict[str, set[str]] = {}  # victim entity -> the words of all her names
    columns = [_texts(m, c) for c in ("label", "name", "name_latin", "given_name", "family_name")]
    entities = m["entity_id"].astype(str).tolist()
    for i, entity in enumerate(entities):
        for col in columns:
            words.setdefault(entity, set()).update(
                w for w in name_words(col[i]) if len(w) >= MIN_GIVEN_LETTERS
            )
            # a romanised Chinese given name with its syllables apart: "Xiu-ying"
            words[entity].update(_parted_given(col[i]))
    in_source: dict[str, set[str]] = {}
    for source, entity in zip(_texts(m, "source"), entities, strict=True):
        if source:
            in_source.setdefault(source, set()).add(entity)
    forms = {
        e: {f for w in given for f in given_name_forms(w)} for e, given in _given_words(m).items()
    }
    for entity, found in forms.items():
        found.update((variants or {}).get(pseudonyms[entity], ()))
    theirs = _forms_of_others(mentions, pseudonyms, set().union(*forms.values()))
    spellings, guards = dict(spellings or {}), list(guards)
    keyed = _keyed(spellings)
    base = _name_fields(_guarded(keyed, guards))  # shared by the sources, built once
    out: dict[str, Redactor] = {}
    for source, victims in in_source.items():
        local: dict[str, str] = {}
        for entity in sorted(victims):
            for word in words.get(entity, ()):
                _add(local, word, pseudonyms[entity])
            for form in forms.get(entity, set()) - theirs:
                _add(local, form, pseudonyms[entity])
        added = _local_words(local, spellings, keyed)
        if any(" " in key for key in added):  # a word that folds to two: built whole
            out[source] = redactor({**local, **spellings}, guards=guards)
        elif added or keyed:
            out[source] = Redactor(**_with_words(base, added))
        else:
            out[source] = NO_REDACTION
    return out


def _parted_given(name: str) -> list[str]:
    """The given name of a romanised Chinese ``name`` (:func:`pinyin_spellings`) with its
    syllables apart ("xiu ying" of "Wang Xiuying"); [] for another name.

    >>> _parted_given("Wang Xiuying"), _parted_given("Olena Shevchenko")
    (['xiu ying'], [])
    """
    if not pinyin_spellings(name):
        return []
    return [" ".join(split) for word in name_words(name) for split in pinyin_splits(word)]


def _local_words(
    local: Mapping[str, str], spellings: Mapping[str, str], keyed: Mapping[str, str | None]
) -> dict[str, str]:
    """The keys of a source's ``local`` words (word -> pseudonym) and their replacements
    as the victims' ``spellings`` (:func:`_keyed`: ``keyed``) written after them make
    them: a word written as one of the spellings is the spelling's; a key both hold is
    :data:`SEVERAL`'s when their replacements differ."""
    out: dict[str, str] = {}
    for word, alias in local.items():
        if word not in spellings:
            key = _key(word)
            if key:
                _add(out, key, alias)
    return {k: v if keyed.get(k, v) == v else SEVERAL for k, v in out.items()}


#: One replacement written again after a gap: "Victim-1a2b3c Victim-1a2b3c"
_RUN = re.compile(r"(Victim-[0-9a-f]+|\[victim\])(?:[\W_]{1,3}\1)+")


def guard_names(
    mentions: pd.DataFrame, pseudonyms: Mapping[str, str], words: Iterable[str]
) -> list[str]:
    """The names of two words or more of the people who are not victims that hold one of
    ``words`` (folded): "Olena Marchenko", a suspect, when a victim is written "Olena";
    each also with its last word first ("Marchenko Olena"). Each distinct name is looked
    at once."""
    wanted = frozenset(words)
    if not wanted or mentions.empty:
        return []
    others = ~mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)
    m = mentions[others & mentions["type"].astype(str).eq("person").to_numpy()]
    if m.empty:
        return []
    candidates = [m[c].astype("string") for c in ("label", "name") if c in m.columns]
    if "given_name" in m.columns and "family_name" in m.columns:
        given, family = m["given_name"].astype("string"), m["family_name"].astype("string")
        candidates.append(given + " " + family)
    names = pd.unique(pd.concat(candidates, ignore_index=True).dropna().astype(str))
    out = []
    for name in names.tolist():
        found = _WORDS.findall(name.casefold()) if name.isascii() else name_words(name)
        if len(found) >= 2 and not wanted.isdisjoint(found):
            out += [name, " ".join(found[-1:] + found[:-1])]
    return out


def protected_phones(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The E.164 numbers of the protected phone entities (shown by pseudonym: numbers a
    victim uses) in ``mentions`` (with an ``entity_id`` column) -> their pseudonym: a chat
    export named after the number ("WhatsApp Chat with +380 93 123 4567.txt") must not
    give it away."""
    # a phone mention's number is its ``phone``, and its ``identifier`` (a case read for
    # the map or an analysis holds only the latter)
    column = next((c for c in ("phone", "identifier") if c in mentions.columns), None)
    if column is None:
        return {}
    m = mentions[mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)]
    m = m[m["type"].astype(str).eq("phone").to_numpy() & m[column].notna().to_numpy()]
    return {
        str(p): pseudonyms[str(e)]
        for p, e in zip(m[column], m["entity_id"], strict=True)
        if str(p).startswith("+")
    }


def protected_identifiers(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The values of the protected identifiers other than phones (documents, accounts,
    plates, online ids, e-mail addresses that a victim holds, shown by pseudonym) in
    ``mentions`` (with an ``entity_id`` column) -> their pseudonym: a victim's document
    number written into a suspect's row ("receiver_id_no") must not give it away."""
    m = mentions[mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)]
    types = m["type"].astype(str)
    out: dict[str, str] = {}
    for kind, field in IDENTIFIER_FIELDS.items():
        if kind == "phone":
            continue  # protected_phones: a number is also written nationally
        of_kind = m[types.eq(kind).to_numpy()]
        # a mention's value is in its type's own field and in ``identifier`` (a case
        # read for the map or an analysis holds only the latter)
        for column in dict.fromkeys((field, "identifier")):
            if column not in of_kind.columns:
                continue
            held = of_kind[of_kind[column].notna().to_numpy()]
            for value, entity in zip(held[column].astype(str), held["entity_id"], strict=True):
                out.setdefault(value, pseudonyms[str(entity)])
    return out


#: The end of the attribute that keeps, as written, a phone number ingest could not read
#: (``phone_invalid``, ``phone_2_invalid``: see linkgraph/ingest/build.py)
UNREAD_PHONE_SUFFIX = "_invalid"


def unread_victim_phones(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The phone numbers that ingest could not read (kept as written in a person's
    attributes, ``phone_invalid``) of the victims (``entity_id`` in ``pseudonyms``) -> the
    victim's pseudonym: "078 555 123" without its country is no phone node, but it is
    still hers wherever it is written."""
    if "attrs" not in mentions.columns:
        return {}
    victims = _victim_persons(mentions, pseudonyms, ("attrs",))
    held = victims[victims["attrs"].astype("string").str.contains(
        UNREAD_PHONE_SUFFIX, regex=False).fillna(False).to_numpy(dtype=bool)]  # fmt: skip
    out: dict[str, str] = {}
    for text, entity in zip(held["attrs"].astype(str), held["entity_id"], strict=True):
        try:
            attrs = json.loads(text)
        except ValueError:
            continue
        if not isinstance(attrs, dict):
            continue
        for key, value in attrs.items():
            if str(key).endswith(UNREAD_PHONE_SUFFIX) and isinstance(value, str):
                for number in value.split("; "):
                    out.setdefault(number.strip(), pseudonyms[str(entity)])
    return out


def protected_birth_dates(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The dates of birth of the victims (``entity_id`` in ``pseudonyms``) in their person
    ``mentions`` -> :data:`WITHHELD`: her date of birth written beside her pseudonym in a
    suspect's notes ("geb. 12.08.2008") or a payment's reference must not give it away."""
    if "dob" not in mentions.columns:
        return {}
    victims = _victim_persons(mentions, pseudonyms, ("dob",))
    dates = victims["dob"].dropna().astype(str)
    return dict.fromkeys(pd.unique(dates).tolist(), WITHHELD)


def protected_addresses(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The addresses of the protected address entities (a victim's home, shown by
    pseudonym) -> their pseudonym, and the victims' own address fields -> the victim's:
    her home written in a suspect's notes must not give it away."""
    if "address" not in mentions.columns:
        return {}
    m = mentions[mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)]
    m = m[m["type"].astype(str).isin(["address", "person"]).to_numpy()]
    m = m[m["address"].notna().to_numpy()]
    out: dict[str, str] = {}
    for address, entity in zip(m["address"].astype(str), m["entity_id"], strict=True):
        out.setdefault(address, pseudonyms[str(entity)])
    return out


def identifiers_named_beside(mentions: pd.DataFrame, victims: Mapping[str, str]) -> set[str]:
    """The entity ids of the identifiers (phones, e-mails, accounts, documents, plates,
    online ids, addresses) whose value is written in a cell of their row that names a
    victim: "Customer Transfer to 254712345678 OLENA SAVCHUK" in an M-Pesa statement's
    ``Details`` makes the number hers, whether or not the mapping linked it to her.

    ``mentions`` carry an ``entity_id`` column; ``victims`` maps each victim person's
    entity id to her pseudonym. Only the rows whose raw text names a victim (each
    distinct row looked at once) are read cell by cell.
    """
    if "raw" not in mentions.columns or not victims:
        return set()
    names = _names_redactor(mentions, victims)
    if not names:
        return set()
    candidates = mentions[
        _beside_candidates(mentions, victims) & mentions["raw"].notna().to_numpy()
    ]
    return _beside_found(candidates, names, _naming(candidates["raw"], names))


def identifiers_on_victim_rows(
    mentions: pd.DataFrame, victims: Mapping[str, str], links: pd.DataFrame | None = None
) -> set[str]:
    """The entity ids of the identifiers (phones, e-mails, accounts, documents, plates,
    addresses; not the ad or record itself) of a row that is about a victim alone: its
    text names her (in any cell, :func:`_names_redactor`) and no person on it is anyone
    else. An ad "Massage Svetlana Petrova" giving her phone and ``sveta@example.md``
    gives her e-mail too, whether or not its address spells her name (the rule of
    :func:`identifiers_named_beside` found ``ioana.s@example.com`` on the ad beside it,
    not ``sveta@``).

    ``mentions`` carry ``entity_id``, ``source``, ``row`` and ``raw`` (of identifiers at
    least); ``victims`` maps each victim person's entity id to her pseudonym. An
    identifier that is an end of a link on its row that is no holding (``called``,
    ``contacted``: the number she called is the other party's, :func:`holds`) is not
    taken for hers; ``links`` (``src``, ``dst``, ``kind``) tell those.
    """
    needed = {"raw", "source", "row", "entity_id", "type", "mention_id"}
    if not victims or not needed <= set(mentions.columns):
        return set()
    names = _names_redactor(mentions, victims)
    if not names:
        return set()
    found = mentions[_row_candidates(mentions, victims, links) & mentions["raw"].notna().to_numpy()]
    return _rows_found(found, _naming(found["raw"], names))


def identifiers_beside_victims(
    mentions: pd.DataFrame,
    victims: Mapping[str, str],
    links: pd.DataFrame | None,
    raw_chunks: Callable[[np.ndarray], Iterable[tuple[np.ndarray, pd.Series]]],
) -> set[str]:
    """:func:`identifiers_named_beside` and :func:`identifiers_on_victim_rows` (when
    ``mentions`` carry ``source`` and ``row``) of ``mentions`` that lack their ``raw``
    rows, which ``raw_chunks`` gives a piece at a time: called with a boolean array over
    ``mentions`` (the identifier mentions either rule may find), it yields (positions in
    ``mentions``, their raw rows) for those mentions, so that the raw rows of a large
    case are never all in memory (3.1 million mentions: 0.8 GB of text). The same
    entity ids as the two rules on the whole table."""
    if not victims:
        return set()
    names = _names_redactor(mentions, victims)
    if not names:
        return set()
    beside = _beside_candidates(mentions, victims)
    rowed = {"source", "row", "mention_id"} <= set(mentions.columns)
    rows = _row_candidates(mentions, victims, links) if rowed else np.zeros(len(mentions), bool)
    wanted = beside | rows
    if not wanted.any():
        return set()
    found: set[str] = set()
    for positions, raw in raw_chunks(wanted):
        has = raw.notna().to_numpy(dtype=bool)
        at = np.asarray(positions)[has]
        chunk = mentions.iloc[at].assign(raw=raw.to_numpy()[has])
        if chunk.empty:
            continue
        naming = _naming(chunk["raw"], names)
        if not naming:
            continue
        found |= _beside_found(chunk[beside[at]], names, naming)
        found |= _rows_found(chunk[rows[at]], naming)
    return found


def _beside_candidates(mentions: pd.DataFrame, victims: Mapping[str, str]) -> np.ndarray:
    """Which ``mentions`` :func:`identifiers_named_beside` looks for in their rows'
    cells (those with a raw row): identifiers of no victim."""
    from linkgraph.privacy import IDENTIFYING_TYPES

    return mentions["type"].astype(str).isin(IDENTIFYING_TYPES).to_numpy() & ~mentions[
        "entity_id"
    ].isin(list(victims)).to_numpy(dtype=bool)


def _row_candidates(
    mentions: pd.DataFrame, victims: Mapping[str, str], links: pd.DataFrame | None
) -> np.ndarray:
    """Which ``mentions`` :func:`identifiers_on_victim_rows` takes for a victim's when
    their raw row names her (those with a raw row): identifiers (no ad) of no victim on
    a row where no one else is, no other party of a link."""
    from linkgraph.privacy import IDENTIFYING_TYPES, holds

    kinds = mentions["type"].astype(str)
    entity = mentions["entity_id"].astype("string")
    row = mentions["source"].astype(str) + "\x1f" + mentions["row"].astype("string").fillna("")
    person = kinds.eq("person").to_numpy()
    hers = entity.isin(list(victims)).fillna(False).to_numpy(dtype=bool)
    others = set(row[person & ~hers])  # a row that names someone else too
    candidates = (
        kinds.isin(IDENTIFYING_TYPES - {"ad"}).to_numpy() & ~hers & ~row.isin(others).to_numpy()
    )
    if links is not None and not links.empty and {"src", "dst", "kind"} <= set(links.columns):
        other_party = links[~holds(links["kind"])]
        ends = set(other_party["src"].astype(str)) | set(other_party["dst"].astype(str))
        candidates &= ~mentions["mention_id"].astype(str).isin(ends).to_numpy()
    return candidates


def _naming(raw: pd.Series, names: Redactor) -> dict[str, str]:
    """Of the distinct texts of ``raw`` (no nulls), those that name a victim (``names``
    changes them), old -> new."""
    raws = pd.Series(pd.unique(raw), dtype="string")
    return names.changes(raws[_may_name(raws, names)].tolist())


def _beside_found(candidates: pd.DataFrame, names: Redactor, naming: Mapping[str, str]) -> set[str]:
    """The entity ids of the ``candidates`` (of :func:`_beside_candidates`, with a raw
    row) written in a cell of their row that names a victim (the rows of ``naming``)."""
    if candidates.empty or not naming:
        return set()
    candidates = candidates[candidates["raw"].isin(list(naming)).to_numpy(dtype=bool)]
    cells = {raw: _cells_naming(raw, names) for raw in pd.unique(candidates["raw"])}
    return {
        str(row.entity_id)
        for row in candidates.itertuples(index=False)
        if _written_in(row, cells[row.raw])
    }


def _rows_found(candidates: pd.DataFrame, naming: Mapping[str, str]) -> set[str]:
    """The entity ids of the ``candidates`` (of :func:`_row_candidates`, with a raw row)
    whose row names a victim (the rows of ``naming``)."""
    if candidates.empty or not naming:
        return set()
    hit = candidates["raw"].isin(list(naming)).to_numpy(dtype=bool)
    return set(candidates.loc[hit, "entity_id"].dropna().astype(str))


def _may_name(texts: pd.Series, names: Redactor) -> np.ndarray:
    """Which ``texts`` may name a victim, vectorised: those not all ASCII (read whole by
    the redactor, which folds other scripts) and those that hold, case ignored, the first
    word of one of her spellings."""
    # (not Series.str.isascii, which pandas 2 lacks: a case can be read there too)
    maybe = texts.str.contains(r"[^\x00-\x7f]", regex=True).fillna(False).to_numpy(dtype=bool)
    heads = sorted(w for w in names.first_words if w.isascii())
    if heads:
        pattern = "|".join(re.escape(w) for w in heads)
        found = texts.str.contains(pattern, case=False, regex=True).fillna(False)
        maybe = maybe | found.to_numpy(dtype=bool)
    return maybe


def _names_redactor(mentions: pd.DataFrame, victims: Mapping[str, str]) -> Redactor:
    """The :class:`Redactor` of the ``victims``' names only (their spellings, others'
    names that hold one of their words left whole)."""
    persons = _victim_persons(mentions, victims)
    words = {w for c in ("label", "name", "name_latin", "given_name", "family_name")
             for v in _texts(persons, c) for w in name_words(v)}  # fmt: skip
    return redactor(
        victim_spellings(persons, victims), guards=guard_names(mentions, victims, words)
    )


def _cells_naming(raw: str, names: Redactor) -> list[str]:
    """The cells (values) of a raw row's JSON that name a victim; the whole text when it
    is no JSON object."""
    try:
        row = json.loads(raw)
    except ValueError:
        row = None
    values = list(row.values()) if isinstance(row, dict) else [raw]
    return [v for v in values if isinstance(v, str) and names.text(v) != v]


def _written_in(mention: Any, cells: list[str]) -> bool:
    """Whether the identifier of ``mention`` (a row of the mentions) is written in one of
    ``cells``, in any of the spellings a :class:`Redactor` knows for its type."""
    if not cells:
        return False
    kind = str(mention.type)
    field = "phone" if kind == "phone" else IDENTIFIER_FIELDS.get(kind, "address")
    value = getattr(mention, field, None)
    if not isinstance(value, str) or not value:
        value = getattr(mention, "identifier", None)
    if not isinstance(value, str) or not value:
        return False
    if kind == "phone":
        # Every spelling of a number (see _phone_spellings) ends with its last digits: a
        # cell without them, separators aside, cannot hold it.
        tail = _NOT_DIGIT.sub("", value)[-6:]
        cells = [cell for cell in cells if tail in _NOT_DIGIT.sub("", cell)]
        if not cells:
            return False
    found = _value_redactor(kind, value)
    return any(found.text(cell) != cell for cell in cells)


_NOT_DIGIT = re.compile(r"\D")


@functools.lru_cache(maxsize=1 << 12)
def _value_redactor(kind: str, value: str) -> Redactor:
    """The :class:`Redactor` of one identifier's spellings (one per distinct value: a
    phone written in many rows is parsed once)."""
    if kind == "phone":
        return redactor({}, phones={value: WITHHELD})
    if kind == "address":
        return redactor({}, addresses={value: WITHHELD})
    return redactor({}, identifiers={value: WITHHELD})


#: The last few redactors of :func:`case_redactor`, by the case tables they were built from
_REDACTORS: FrameMemo[Redactor] = FrameMemo(4)


def case_redactor(case: Case) -> Redactor:
    """The :class:`Redactor` of the victims of ``case``: persons that outputs show by
    pseudonym (:func:`linkgraph.privacy.protected_ids`)."""
    frames = (case.mentions, case.resolution)
    held = _REDACTORS.get(frames)
    if held is not None:
        return held
    from linkgraph.privacy import protected_ids, pseudonym
    from linkgraph.redactor_cache import read_redactor, write_redactor

    # Kept beside the case by an earlier command, for these very tables and this code.
    built = read_redactor(case)
    if built is None:
        # the whole tables: a narrowed read (``analyze``, ``render``) lacks the columns
        # a victim's date of birth, documents and raw rows are in
        case = _redactor_case(case)
        hidden = protected_ids(case)
        built = NO_REDACTION
        if hidden:
            m = case.mentions
            entity = case.entity_of().reindex(m["mention_id"]).astype("string")
            m = m.assign(entity_id=entity.to_numpy())
            key = case.pseudonym_key
            aliases = {e: pseudonym(e, key) for e in hidden}
            built = _victims_redactor(m, aliases)
            held_by = _held_by(case, m, aliases)
            if held_by:
                built = dataclasses.replace(built, held_by=held_by)
            write_redactor(case, built)
    _remember(frames, built)
    return built


def _redactor_case(case: Case) -> Case:
    """``case``, or the same version of it read whole from its folder when a command read
    only some columns of the tables the redactor is built from (``analyze`` and
    ``render`` read what the graph needs: no dates of birth, documents, raw rows): the
    redactor holds the same whichever command builds it first."""
    from linkgraph.errors import CaseError
    from linkgraph.model import TABLES, Case

    origin = case.origin
    if origin is None or not origin.partial & {"mentions", "links", "resolution"}:
        return case
    # every mention column but the raw rows (most of a large case's mentions: 3.1M
    # mentions, GBs), which the redactor is not built from (protected_ids reads those it
    # needs a row group at a time)
    wanted = [c for c in TABLES["mentions"].columns if c != "raw"]
    whole = Case.read(origin.path, columns={"evidence": [], "mentions": wanted})
    if whole.origin is None or whole.origin.digest != origin.digest:
        raise CaseError(
            f"{origin.path} changed while it was read (another command wrote it)",
            hint="run the command again",
        )
    return whole


def _held_by(
    case: Case, mentions: pd.DataFrame, aliases: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """The pseudonym of each protected identifier (``aliases``: entity id -> pseudonym)
    that a victim holds or uses (:func:`linkgraph.privacy.holds`) -> the pseudonyms of
    those victims, from ``mentions`` with an ``entity_id`` column and ``case``'s links."""
    from linkgraph.privacy import holds

    links = case.links
    if links.empty or "kind" not in links.columns:
        return {}
    persons = mentions[mentions["type"].astype(str).eq("person").to_numpy()]
    victims = set(persons["entity_id"].dropna().astype(str)) & set(aliases)
    entity = dict(
        zip(mentions["mention_id"].astype(str), mentions["entity_id"].astype(str), strict=True)
    )
    held = links[holds(links["kind"])]
    src, dst = (held[c].astype(str).map(entity) for c in ("src", "dst"))
    theirs = (src.isin(victims) | dst.isin(victims)).to_numpy(dtype=bool)
    out: dict[str, set[str]] = {}
    for a, b in zip(src[theirs].astype(str), dst[theirs].astype(str), strict=True):
        for person, thing in ((a, b), (b, a)):
            if person in victims and thing in aliases and thing not in victims:
                out.setdefault(aliases[thing], set()).add(aliases[person])
    return {alias: tuple(sorted(found)) for alias, found in out.items()}


def _victims_redactor(mentions: pd.DataFrame, aliases: Mapping[str, str]) -> Redactor:
    """The :class:`Redactor` of the victims ``aliases`` (entity id -> pseudonym), from
    ``mentions`` with an ``entity_id`` column: the spellings of their names, the names
    of their sources (:func:`source_spellings`) and their phones; the names of others
    that hold one of their words are left whole."""
    # The victims' own mentions, once (with what unread_victim_phones and
    # protected_birth_dates read): each step below reads them from these.
    victims = _victim_persons(mentions, aliases, ("attrs", "dob"))
    spellings, abbreviated = _victim_spellings(victims, aliases)
    theirs = {_key(n) for n in spellings}
    alone = {w: a for w, a in family_names_alone(mentions, aliases, victims).items()
             if w not in theirs}  # fmt: skip
    parts = family_parts_alone(mentions, aliases, victims)
    alone |= _single_words(parts, theirs)
    words = {w for c in ("label", "name", "name_latin", "given_name", "family_name")
             for v in _texts(victims, c) for w in name_words(v)}  # fmt: skip
    guards = [g for g in guard_names(mentions, aliases, words)
              if _key(g) not in theirs]  # fmt: skip
    in_sources = source_redactors(mentions, aliases, spellings, guards, victims=victims)
    of_sources = _renamed_sources(in_sources)
    # the names of the other sources are left whole ("... with Olena Marchenko.txt"
    # holds "... with Olena", the name of her chat)
    sources = pd.unique(mentions["source"].dropna().astype(str)).tolist()
    guards += [n for s in sources for n in (s, _stem(s)) if n not in of_sources]
    built = redactor(
        spellings | parts | alone | of_sources,
        protected_phones(mentions, aliases),
        guards,
        protected_identifiers(mentions, aliases) | unread_victim_phones(victims, aliases),
        protected_addresses(mentions, aliases),
        protected_birth_dates(victims, aliases),
    )
    whole = {
        key
        for c in ("label", "name", "name_latin")
        for v in _texts(victims, c)
        if " " not in (key := _key(v)) and key and built.replacements.get(key) is not None
    }
    return dataclasses.replace(
        built,
        in_sources=in_sources,
        given_beside=_given_forms(victims, aliases),
        capitalised=frozenset(abbreviated | set(alone)) & frozenset(built.replacements),
        whole_names=frozenset(whole),
    )


def _given_forms(victims: pd.DataFrame, aliases: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Per victim's pseudonym: the folded words of her given names
    (:func:`_given_words` of her person mentions ``victims``), their case forms
    (:func:`given_name_forms`) and their diminutives and variants in the resolver's
    nickname table ("mariuca", "masha" of Maria)."""
    from linkgraph.resolve.nicknames import NICKNAMES

    variants: dict[str, set[str]] = {}
    for variant, canon in NICKNAMES.items():
        variants.setdefault(canon, set()).add(fold(variant))
    out: dict[str, set[str]] = {}
    for entity, given in _given_words(victims).items():
        words = out.setdefault(aliases[entity], set())
        for word in given:
            if len(word) < MIN_GIVEN_LETTERS:
                continue
            words.add(word)
            words.update(given_name_forms(word))
            for variant in variants.get(NICKNAMES.get(word, word), ()):
                words.add(variant)
                words.update(given_name_forms(variant))
    return {alias: frozenset(w) for alias, w in out.items() if w}


#: The one source name :func:`involved_redactor` reads every victim's mentions under
_EVERY_SOURCE = "\x00every source"


def involved_redactor(case: Case) -> Redactor:
    """The :class:`Redactor` of the free text of the rows and links that involve a victim
    (her own rows, links to or from her or her identifiers): every word of her names of
    :data:`MIN_GIVEN_LETTERS` letters or more, her given name alone and its case forms too
    ("bilet autobuz Olena", the reference of a payment to her account), as a chat she
    takes part in reads (:func:`source_redactors`), and her given names' diminutives and
    variants in the resolver's nickname table with their case forms ("for Natasha" from
    Natalya's account); the names of others that hold one of her words are left whole."""
    from linkgraph.privacy import protected_ids, pseudonym

    hidden = protected_ids(case)
    if not hidden:
        return NO_REDACTION
    m = case.mentions
    m = m[[c for c in _NAME_COLUMNS if c in m.columns and c != "source"]]
    entity = case.entity_of().reindex(case.mentions["mention_id"]).astype("string")
    m = m.assign(entity_id=entity.to_numpy(), source=_EVERY_SOURCE)
    aliases = {e: pseudonym(e, case.pseudonym_key) for e in hidden}
    victims = _victim_persons(m, aliases)
    spellings = victim_spellings(victims, aliases)
    words = {w for c in ("label", "name", "name_latin", "given_name", "family_name")
             for v in _texts(victims, c) for w in name_words(v)}  # fmt: skip
    theirs = {_key(n) for n in spellings}
    guards = [g for g in guard_names(m, aliases, words) if _key(g) not in theirs]
    # her given names' nicknames and their case forms, as the case's redactor has them
    given = case_redactor(case).given_beside
    found = source_redactors(m, aliases, spellings, guards, victims=victims, variants=given)
    return found.get(_EVERY_SOURCE, NO_REDACTION)


def _remember(frames: tuple[object, object], built: Redactor) -> None:
    _REDACTORS.put(frames, built)


#: Mention columns of free text, redacted in every mention; and the identifier fields: a
#: victim's document number in a suspect's ``document`` field (a mapping that put the
#: receiver's columns on the sender) is hers, shown by pseudonym.
MENTION_TEXT = (
    "source", "address", "phone", "email", "account", "plate", "document", "identifier",
    "attrs", "raw",
)  # fmt: skip
#: Mention columns that hold a person's own name: redacted only in mentions that are not
#: of people (an event's or an organisation's label); a victim's are shown by pseudonym.
MENTION_NAMES = ("label", "name", "name_latin")


def _redact_columns(
    df: pd.DataFrame | None, r: Redactor, columns: Iterable[str], rows: Any = None
) -> pd.DataFrame | None:
    """``df`` with ``columns`` redacted (in ``rows`` only, a boolean mask, when given); the
    same object when nothing changes."""
    if df is None or df.empty:
        return df
    out = None
    for col in columns:
        if col not in df.columns:
            continue
        values = df[col] if rows is None else df.loc[rows, col]
        new = r.series(values)
        if new is values:
            continue
        if out is None:
            out = df.copy()
        if rows is None:
            out[col] = new
        else:
            out.loc[rows, col] = new
    return df if out is None else out


#: What a row of a chat's message holds in its attributes or raw text.
_MESSAGE_KEY = '"message": '


def _redact_messages(
    df: pd.DataFrame | None, original: pd.DataFrame | None, r: Redactor, columns: Iterable[str]
) -> pd.DataFrame | None:
    """``df`` (``original`` redacted, row for row) with ``columns`` of the rows that hold
    a message (``"message": ...``) redacted by their source's own redactor
    (:attr:`Redactor.in_sources`): in a chat a victim takes part in, her given name alone
    is hers ("Hi Olena, are you ok?"). The same object when nothing changes."""
    if df is None or original is None or df.empty or not r.in_sources:
        return df
    if "source" not in original.columns:
        return df
    sources = original["source"].astype("string")
    for source, local in r.in_sources.items():
        of_source = sources.eq(source).fillna(False).to_numpy(dtype=bool)
        if not of_source.any():
            continue
        for col in columns:
            if col not in df.columns:
                continue
            holds = df[col].astype("string").str.contains(_MESSAGE_KEY, regex=False)
            rows = of_source & holds.fillna(False).to_numpy(dtype=bool)
            if rows.any():
                df = _redact_columns(df, local, [col], rows=rows)
    return df


#: What stands for a value withheld beside a victim's pseudonym in a row
WITHHELD = "[withheld]"
#: A field's whole value that is a victim's pseudonym
_WHOLE_PSEUDONYM = re.compile(r"Victim-[0-9a-f]{6}|\[victim\]")
#: Between the words of a column's name ("Receiver ID No", "receiver_id_no")
_KEY_GAP = re.compile(r"[\s_\-.]+")


def _key_head(key: str) -> str | None:
    """The first word of a column's name of two words or more ("receiver" of "Receiver
    ID No"); None for a name of one word."""
    words = [w for w in _KEY_GAP.split(key.strip().casefold()) if w]
    return words[0] if len(words) >= 2 else None


def _identifying(value: object) -> bool:
    """Whether a row's value may identify someone: a number, or text holding a digit or
    an "@" (an id, a phone, an account, an e-mail address)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(_DIGIT.search(value) or "@" in value)


def withhold_beside_victims(text: str) -> str:
    """A row's JSON (``raw``, ``attrs``) with the identifying values of the columns that
    describe a victim withheld: where a column's whole value is a victim's pseudonym
    ("Receiver Name": "Victim-1a2b3c"), the columns named with the same first word
    ("Receiver ID No", "Receiver Phone") are hers; their values that hold a digit or an
    "@" become :data:`WITHHELD`. Text that is no JSON object is returned as it is.

    Examples:
        >>> withhold_beside_victims('{"Receiver Name": "Victim-1a2b3c", '
        ...     '"Receiver ID No": "042190001234", "Receiver ID Type": "CCCD", "MTCN": "12"}')
        '{"Receiver Name": "Victim-1a2b3c", "Receiver ID No": "[withheld]", \
"Receiver ID Type": "CCCD", "MTCN": "12"}'
    """
    if not isinstance(text, str) or not text.startswith("{") or not _WHOLE_PSEUDONYM.search(text):
        return text
    try:
        row = json.loads(text)
    except ValueError:
        return text
    if not isinstance(row, dict):
        return text
    heads = {
        _key_head(k)
        for k, v in row.items()
        if isinstance(v, str) and _WHOLE_PSEUDONYM.fullmatch(v.strip())
    }
    heads.discard(None)
    hers = [k for k, v in row.items() if _key_head(k) in heads and _identifying(v)
            and not (isinstance(v, str) and _WHOLE_PSEUDONYM.fullmatch(v.strip()))]  # fmt: skip
    if not hers:
        return text
    return json.dumps(row | dict.fromkeys(hers, WITHHELD), ensure_ascii=False)


def _withhold_rows(df: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame | None:
    """``df`` with :func:`withhold_beside_victims` applied to its JSON ``columns``, each
    distinct value once; the same object when nothing changes."""
    if df is None or df.empty:
        return df
    out = None
    for col in columns:
        if col not in df.columns:
            continue
        values = df[col]
        named = values.astype("string").str.contains(_WHOLE_PSEUDONYM.pattern, regex=True)
        distinct = pd.unique(values[named.fillna(False).to_numpy(dtype=bool)])
        changed = {}
        for v in distinct.tolist():
            new = withhold_beside_victims(v)
            if new != v:
                changed[v] = new
        if not changed:
            continue
        if out is None:
            out = df.copy()
        hit = values.isin(list(changed)).to_numpy(dtype=bool)
        out.loc[hit, col] = values[hit].map(changed)
    return df if out is None else out


def _redact_labels(df: pd.DataFrame | None, r: Redactor, columns: Iterable[str]) -> Any:
    """``df``'s name ``columns`` (label, name) redacted by their entity's type: a
    person's left (a victim's is her pseudonym, another's his own name); a thing's
    (organisation, vehicle, place, ...) by :meth:`Redactor.for_labels`, which takes a
    victim's full name out, not a single word of it; an event's, a description written
    about it ("meeting at Popescu's"), as free text by ``r``."""
    if df is None or df.empty:
        return df
    types = df["type"].astype(str)
    events = types.eq("event").to_numpy()
    things = ~(events | types.eq("person").to_numpy())
    columns = list(columns)
    if things.any():
        df = _redact_columns(df, r.for_labels(), columns, rows=things)
    if events.any():
        df = _redact_columns(df, r, columns, rows=events)
    return df


def redact_manifest(manifest: Mapping[str, Any], r: Redactor) -> dict[str, Any]:
    """The manifest with victims' names taken out of every string in it, keys included
    (inputs' names, paths and warnings, steps' file lists, per-source statistics)."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return r.text(value)
        if isinstance(value, Mapping):
            return {walk(k): walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(walk(v) for v in value)
        return value

    return walk(dict(manifest)) if r else copy.deepcopy(dict(manifest))


def redact_case(case: Case, r: Redactor | None = None) -> Case:
    """``case`` with every victim's name taken out of its free text: every mention's and
    link's source, mentions' addresses, e-mails, identifiers, attributes and raw rows, the
    labels of mentions that are not of people (events, organisations, ...), links'
    attributes (in a chat a victim takes part in, her given name alone too), rejects'
    sources and values, the manifest's file names, the metrics'
    labels of entities that are not people, and the source rows of movements and flows.

    ``r`` defaults to the case's own (:func:`case_redactor`). A redacted case is for
    outputs only: its graph (:func:`linkgraph.graph_cache.case_graph`) is built from its
    own tables and never cached on disk.
    """
    from linkgraph.graph_cache import held_graph, is_redacted, remember_redacted
    from linkgraph.privacy import known_protection, remember_protection

    if is_redacted(case):
        return case
    r = case_redactor(case) if r is None else r
    if not r:
        return case
    # The map, the report and the tables of one command redact the same case: once.
    key = (case.mentions, case.links, case.rejects, case.metrics, case.communities,
           case.movements, case.flows, case.manifest, r)  # fmt: skip
    tables = _REDACTED_TABLES.get(key)
    if tables is None:
        tables = _redacted_tables(case, r)
        _REDACTED_TABLES.put(key, tables)
    out = dataclasses.replace(case, **tables)
    _remember((out.mentions, out.resolution), r)
    known = known_protection(case)
    if known is not None:  # the copy protects whom the case protects: not found again
        remember_protection(out, known)
    whole = held_graph(case)
    sources = pd.unique(case.links["source"].dropna()).tolist()
    remember_redacted(out, None if whole is None else redact_graph(whole, r, sources))
    return out


def redact_mentions(mentions: pd.DataFrame, r: Redactor) -> pd.DataFrame:
    """``mentions`` (a case's, or some of its rows) redacted with ``r`` as
    :func:`redact_case` redacts a case's mentions, row by row: an output that prints a
    few mentions redacts those alone, not every mention's raw row. The same object when
    nothing changes."""
    out = _redact_columns(mentions, r, MENTION_TEXT)
    out = _redact_labels(out, r, MENTION_NAMES)
    out = _withhold_rows(out, ("attrs", "raw"))
    return _redact_messages(out, mentions, r, ("attrs", "raw"))


def redact_rejects(rejects: pd.DataFrame | None, r: Redactor) -> pd.DataFrame | None:
    """``rejects`` redacted with ``r`` as :func:`redact_case` redacts a case's rejects:
    for a table of the rejects alone, without redacting every mention's raw row."""
    out = _redact_columns(rejects, r, ("source", "value", "raw"))
    return _withhold_rows(_redact_messages(out, rejects, r, ("value", "raw")), ("raw",))


def redact_mention_labels(mentions: pd.DataFrame, r: Redactor) -> pd.DataFrame:
    """``mentions`` with their ``source`` and, of mentions not of people, their ``label``
    redacted with ``r`` as :func:`redact_case` redacts them: for a table that prints
    those columns alone, without redacting every mention's raw row."""
    out = _redact_columns(mentions, r, ["source"])
    return _redact_labels(out, r, ["label"])


def redact_graph(
    graph: EntityGraph, r: Redactor, sources: Iterable[str] | None = None
) -> EntityGraph:
    """``graph`` with victims' names taken out of the labels of entities that are not
    people and out of the edges' source rows.

    ``sources``: the case's source names, when known (else read from the edges' rows).
    The map and the report of one command redact the same graph: once."""
    if not r:
        return graph
    names = None if sources is None else tuple(sources)
    held = _REDACTED_GRAPHS.get((graph.nodes, graph.edges, r))
    if held is not None and held[0] == names:
        return held[1]
    out = _redacted_graph(graph, r, names)
    _REDACTED_GRAPHS.put((graph.nodes, graph.edges, r), (names, out))
    return out


#: The graphs :func:`redact_graph` made, by the very tables and redactor they were made
#: from, with the source names it was given
_REDACTED_GRAPHS: FrameMemo[tuple[tuple[str, ...] | None, EntityGraph]] = FrameMemo(4)


def _redacted_graph(graph: EntityGraph, r: Redactor, sources: Iterable[str] | None) -> EntityGraph:
    """``graph`` redacted with ``r`` (:func:`redact_graph`)."""
    nodes = _redact_labels(graph.nodes, r, ["label"])
    edges = graph.edges
    if "rows" in edges.columns and len(edges):
        edges = _redact_rows(edges, r, sources)
    if nodes is graph.nodes and edges is graph.edges:
        return graph
    out = dataclasses.replace(graph, nodes=nodes, edges=edges)
    if "_codes" in graph.__dict__:  # same vertices and edges: same codes
        out.__dict__["_codes"] = graph.__dict__["_codes"]
    return out


def _redact_rows(edges: pd.DataFrame, r: Redactor, sources: Iterable[str] | None) -> pd.DataFrame:
    """The edges' ``rows`` (JSON lists of "source:row") with sources redacted: each
    distinct source is looked at once, and only rows naming a changed source rewritten."""
    import json

    if sources is None:
        found: set[str] = set()
        for text in pd.unique(edges["rows"].dropna()):
            for ref in json.loads(text) if isinstance(text, str) and text else []:
                found.add(str(ref).rpartition(":")[0])
        sources = found
    changed = r.changes(sources)
    if not changed:
        return edges
    rows = edges["rows"].astype("string")
    for old, new in changed.items():
        rows = rows.str.replace(json.dumps(old)[1:-1] + ":", json.dumps(new)[1:-1] + ":",
                                regex=False)  # fmt: skip
    return edges.assign(rows=rows.astype(edges["rows"].dtype))


#: The tables :func:`redact_case` made, by the very tables and redactor they were made from
_REDACTED_TABLES: FrameMemo[dict[str, Any]] = FrameMemo(2)


def _redacted_tables(case: Case, r: Redactor) -> dict[str, Any]:
    """The tables of ``case`` that :func:`redact_case` replaces, redacted with ``r``."""
    metrics = case.metrics
    if metrics is not None and "type" in metrics.columns:
        metrics = _redact_labels(metrics, r, ["label"])
    mentions = redact_mentions(case.mentions, r)
    links = _redact_columns(case.links, r, ("source", "attrs"))
    return {
        "mentions": mentions,
        "links": _withhold_rows(_redact_messages(links, case.links, r, ("attrs",)), ("attrs",)),
        "rejects": redact_rejects(case.rejects, r),
        "metrics": metrics,
        "communities": _redact_columns(case.communities, r, ("central",)),
        "manifest": redact_manifest(case.manifest, r),
        # An analyst's note may name her; the labels and files are kept as decided.
        "decisions": _redact_columns(case.decisions, r, _DECISION_TEXT),
        **_route_tables(case, r),
    }


#: The columns of the decisions table that hold text from the case or an analyst.
_DECISION_TEXT = (
    "note", "left_label", "right_label", "source", "left_source", "right_source",
)  # fmt: skip


def redact_output(case: Case, graph: EntityGraph | None = None) -> tuple[Case, EntityGraph | None]:
    """``case`` and ``graph`` (the case's graph or a view of it) as an output that does
    not show victims' names reads them: :func:`redact_case` and :func:`redact_graph`
    with the case's :func:`case_redactor`."""
    r = case_redactor(case)
    if not r:
        return case, graph
    redacted = redact_case(case, r)
    if graph is not None:
        sources = pd.unique(case.links["source"].dropna()).tolist()
        graph = redact_graph(graph, r, sources)
    return redacted, graph


def shown_graph(case: Case, graph: EntityGraph, *, show_victims: bool = False) -> EntityGraph:
    """``graph`` (of ``case``, or a view of it) as terminal tables print it: victims, and
    identifiers they hold or use, by pseudonym (:func:`linkgraph.privacy.protect_victims`),
    and victims' names taken out of other labels and source rows; as it is with
    ``show_victims``."""
    from linkgraph.privacy import protect_victims

    if show_victims:
        return graph
    graph = protect_victims(graph, case.pseudonym_key)
    r = case_redactor(case)
    if not r:
        return graph
    # the graph only: redacting the whole case (every mention's raw row) to drop it is
    # most of the time of a command on a CDR of a million calls
    return redact_graph(graph, r, case_sources(case))


def case_sources(case: Case) -> list[str]:
    """The distinct source names of ``case``'s mentions and links (what a "source:row"
    reference names)."""
    names = pd.concat([case.mentions["source"], case.links["source"]], ignore_index=True)
    return pd.unique(names.dropna().astype(str)).tolist()


def redact_route_tables(case: Case, r: Redactor | None = None) -> Case:
    """``case`` with the source rows of its ``movements`` and ``flows`` (JSON lists of
    "source:row") redacted: each distinct source name is looked at once
    (:func:`redact_case` does this, among the rest of the case)."""
    r = case_redactor(case) if r is None else r
    if not r:
        return case
    return dataclasses.replace(case, **_route_tables(case, r))


def _route_tables(case: Case, r: Redactor) -> dict[str, pd.DataFrame | None]:
    """The ``movements`` and ``flows`` of ``case`` with the sources in their rows
    redacted."""
    sources = case_sources(case)
    return {
        "movements": _redact_source_rows(case.movements, r, sources),
        "flows": _redact_source_rows(case.flows, r, sources),
    }


def _redact_source_rows(
    table: pd.DataFrame | None, r: Redactor, sources: list[str]
) -> pd.DataFrame | None:
    """``table`` with the sources in its ``rows`` redacted (:func:`_redact_rows`)."""
    if table is None or table.empty or "rows" not in table.columns:
        return table
    return _redact_rows(table, r, sources)
