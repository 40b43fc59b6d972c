"""Victims' names in free text: found and replaced by the victim's pseudonym.

Outputs show a victim entity by pseudonym (:mod:`linkgraph.privacy`), but a victim's name
also travels in text that belongs to no victim: a source file's name (WhatsApp calls an
export "WhatsApp Chat with Olena Shevchenko.txt", and every mention's ``source`` is that
name), an event's label ("WhatsApp Chat with Olena Shevchenko"), a link's attributes, a
row's raw text. :class:`Redactor` finds every spelling of a victim's name in such text and
replaces it with the victim's pseudonym:

- the spellings are those of the victim entity's person mentions: label, name, latin name,
  "given family" and "family given", each of two words or more, and the family name alone
  when it has 3 letters or more (a given name alone is too common to be taken for her);
- matching ignores case and accents (``Ševčenko`` is ``Sevcenko``) and takes whole words
  (``Shevchenkova`` is not ``Shevchenko``); words may be joined by spaces, ``_``, ``-``
  or ``.``, as in file names;
- a spelling shared by several victims is replaced by :data:`SEVERAL`.

Spellings are looked up word by word (a table of their first words, longest spelling
first), only in text that holds one of those first words, and only once per distinct
value: thousands of victims cost no more to prepare than a dictionary of their names.

Person names of people who are not victims are left as they are: a suspect who shares a
victim's family name keeps his name (:func:`redact_case`, :func:`redact_graph`).
"""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case

#: What replaces a spelling that names more than one victim.
SEVERAL = "[victim]"
#: The fewest letters a family name needs to be redacted on its own.
MIN_FAMILY_LETTERS = 3

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORDS = re.compile(r"[^\W\d_]+")  # runs of letters
#: A phone number in free text: digits with spaces, dots, dashes, slashes or brackets
#: between them, perhaps after a "+" (7 digits or more in all).
_PHONE_IN_TEXT = re.compile(r"(?<![^\W_])\+?\d(?:[\s().\-/]{0,2}\d){6,}(?![^\W_])")
#: Between the words of a name: space, "_", "-", ". ", ... (no letter, no digit)
_GAP = re.compile(r"[\W_]{1,3}")


def fold(text: str) -> str:
    """``text`` without accents and case, for comparing names.

    Examples:
        >>> fold("Ševčenko"), fold("ОЛЕНА"), fold("Łódź")
        ('sevcenko', 'олена', 'łodz')
    """
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).casefold()


def name_words(text: str) -> list[str]:
    """The folded words (runs of letters) of ``text``.

    Examples:
        >>> name_words("WhatsApp_Chat with Olena-ŠEVČENKO.txt")
        ['whatsapp', 'chat', 'with', 'olena', 'sevcenko', 'txt']
    """
    return _WORDS.findall(fold(text))


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

    #: folded spelling (words joined by one space) -> its replacement
    replacements: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: the first word of every spelling: text holding none of them is left alone unsearched
    first_words: frozenset[str] = frozenset()
    #: first word -> the spellings that start with it (their words), longest first
    by_first: Mapping[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)
    #: the digits of a protected phone number, as written in full or nationally
    #: ("380931234567", "00380931234567", "0931234567") -> its replacement
    phones: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.replacements) or bool(self.phones)

    def text(self, value: str) -> str:
        """``value`` with every victim's name replaced: at each word (a run of letters), the
        longest spelling whose words follow, case and accents ignored, each joined to the
        next by one to three characters that are neither letters nor digits; and every
        protected phone number, whatever its separators ("+380 93 123 4567")."""
        if not isinstance(value, str) or not value:
            return value
        if self.phones and any(c.isdigit() for c in value):
            value = _PHONE_IN_TEXT.sub(self._phone, value)
        if not self.replacements or self.first_words.isdisjoint(name_words(value)):
            return value
        value = unicodedata.normalize("NFC", value)
        spans = [(m.start(), m.end()) for m in _WORDS.finditer(value)]
        words = [fold(value[a:b]) for a, b in spans]
        out, at, i = [], 0, 0
        while i < len(words):
            n = self._match(value, spans, words, i)
            if n:
                key = " ".join(words[i : i + n])
                out += [value[at : spans[i][0]], self.replacements.get(key, SEVERAL)]
                at = spans[i + n - 1][1]
                i += n
            else:
                i += 1
        out.append(value[at:])
        return "".join(out)

    def _phone(self, match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return self.phones.get(digits, match.group(0))

    def _match(self, value: str, spans: list[tuple[int, int]], words: list[str], i: int) -> int:
        """How many words from the ``i``-th make the longest spelling (0: none)."""
        for spelling in self.by_first.get(words[i], ()):
            n = len(spelling)
            if tuple(words[i : i + n]) != spelling:
                continue
            gaps = (value[spans[k][1] : spans[k + 1][0]] for k in range(i, i + n - 1))
            if all(_GAP.fullmatch(g) for g in gaps):
                return n
        return 0

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


def redactor(spellings: Mapping[str, str], phones: Mapping[str, str] | None = None) -> Redactor:
    """A :class:`Redactor` of ``spellings`` (a victim's name as written -> her pseudonym)
    and of ``phones`` (a protected number in E.164, "+380931234567" -> its pseudonym)."""
    digits = _phone_spellings(phones or {})
    replacements: dict[str, str] = {}
    for spelling, replacement in spellings.items():
        key = " ".join(name_words(spelling))
        if not key:
            continue
        known = replacements.get(key)
        replacements[key] = replacement if known in (None, replacement) else SEVERAL
    if not replacements:
        return Redactor(phones=digits) if digits else NO_REDACTION
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in replacements:
        spelling = tuple(key.split(" "))
        by_first.setdefault(spelling[0], []).append(spelling)
    return Redactor(
        replacements=replacements,
        first_words=frozenset(by_first),
        by_first={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
        phones=digits,
    )


def _phone_spellings(phones: Mapping[str, str]) -> dict[str, str]:
    """The digits of each E.164 number as written in full ("380931234567",
    "00380931234567") and nationally ("0931234567") -> its replacement."""
    import phonenumbers

    out: dict[str, str] = {}
    for number, replacement in phones.items():
        try:
            parsed = phonenumbers.parse(number)
        except phonenumbers.NumberParseException:
            continue
        full = f"{parsed.country_code}{parsed.national_number}"
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        for digits in (full, "00" + full, re.sub(r"\D", "", national)):
            if len(digits) >= 7:
                out[digits] = replacement
    return out


def victim_spellings(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """Every spelling of the victims' names in their person ``mentions`` -> pseudonym.

    ``mentions`` carry an ``entity_id`` column; ``pseudonyms`` maps each victim entity id
    to its pseudonym. Full names need two words or more; a family name alone needs
    :data:`MIN_FAMILY_LETTERS` letters.
    """
    out: dict[str, str] = {}
    m = mentions[mentions["entity_id"].isin(list(pseudonyms)).to_numpy(dtype=bool)]
    m = m[m["type"].astype(str).eq("person").to_numpy()]

    def text(col: str) -> list[str]:
        if col not in m.columns:
            return [""] * len(m)
        return m[col].astype("string").fillna("").astype(str).tolist()

    given, family = text("given_name"), text("family_name")
    columns = [text(c) for c in ("label", "name", "name_latin")]
    for i, entity in enumerate(m["entity_id"].astype(str).tolist()):
        alias = pseudonyms[entity]
        names = [col[i] for col in columns]
        if given[i] and family[i]:
            names += [f"{given[i]} {family[i]}", f"{family[i]} {given[i]}"]
        for name in names:
            if len(name_words(name)) >= 2:
                out.setdefault(name, alias)
                if out[name] != alias:
                    out[name] = SEVERAL
        if len("".join(name_words(family[i]))) >= MIN_FAMILY_LETTERS:
            out.setdefault(family[i], alias)
            if out[family[i]] != alias:
                out[family[i]] = SEVERAL
    return out


def protected_phones(mentions: pd.DataFrame, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """The E.164 numbers of the protected phone entities (shown by pseudonym: numbers only
    victims use) in ``mentions`` (with an ``entity_id`` column) -> their pseudonym: a chat
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


#: The last few redactors of :func:`case_redactor`, by the case tables they were built from
_REDACTORS: list[tuple[tuple[object, object], Redactor]] = []


def case_redactor(case: Case) -> Redactor:
    """The :class:`Redactor` of the victims of ``case``: persons that outputs show by
    pseudonym (:func:`linkgraph.privacy.protected_ids`)."""
    frames = (case.mentions, case.resolution)
    for held, found in _REDACTORS:
        if held[0] is frames[0] and held[1] is frames[1]:
            return found
    from linkgraph.privacy import protected_ids, pseudonym

    hidden = protected_ids(case)
    built = NO_REDACTION
    if hidden:
        m = case.mentions
        entity = case.entity_of().reindex(m["mention_id"]).astype("string")
        m = m.assign(entity_id=entity.to_numpy())
        key = case.pseudonym_key
        aliases = {e: pseudonym(e, key) for e in hidden}
        built = redactor(victim_spellings(m, aliases), protected_phones(m, aliases))
    _remember(frames, built)
    return built


def _remember(frames: tuple[object, object], built: Redactor) -> None:
    _REDACTORS.insert(0, (frames, built))
    del _REDACTORS[4:]


#: Mention columns of free text, redacted in every mention.
MENTION_TEXT = ("source", "address", "email", "identifier", "attrs", "raw")
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


def _not_person(df: pd.DataFrame) -> Any:
    return ~df["type"].astype(str).eq("person").to_numpy()


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
    attributes, rejects' sources and values, the manifest's file names, the metrics'
    labels of entities that are not people, and the source rows of movements and flows.

    ``r`` defaults to the case's own (:func:`case_redactor`). A redacted case is for
    outputs only: its graph (:func:`linkgraph.graph_cache.case_graph`) is built from its
    own tables and never cached on disk.
    """
    from linkgraph.graph_cache import held_graph, is_redacted, remember_redacted

    if is_redacted(case):
        return case
    r = case_redactor(case) if r is None else r
    if not r:
        return case
    m = case.mentions
    mentions = _redact_columns(m, r, MENTION_TEXT)
    mentions = _redact_columns(mentions, r, MENTION_NAMES, rows=_not_person(m))
    metrics = case.metrics
    if metrics is not None and "type" in metrics.columns:
        metrics = _redact_columns(metrics, r, ["label"], rows=_not_person(metrics))
    out = dataclasses.replace(
        case,
        mentions=mentions,
        links=_redact_columns(case.links, r, ("source", "attrs")),
        rejects=_redact_columns(case.rejects, r, ("source", "value", "raw")),
        metrics=metrics,
        communities=_redact_columns(case.communities, r, ("central",)),
        movements=_redact_columns(case.movements, r, ("rows",)),
        flows=_redact_columns(case.flows, r, ("rows",)),
        manifest=redact_manifest(case.manifest, r),
    )
    _remember((out.mentions, out.resolution), r)
    whole = held_graph(case)
    sources = pd.unique(case.links["source"].dropna()).tolist()
    remember_redacted(out, None if whole is None else redact_graph(whole, r, sources))
    return out


def redact_graph(
    graph: EntityGraph, r: Redactor, sources: Iterable[str] | None = None
) -> EntityGraph:
    """``graph`` with victims' names taken out of the labels of entities that are not
    people and out of the edges' source rows.

    ``sources``: the case's source names, when known (else read from the edges' rows)."""
    if not r:
        return graph
    nodes = _redact_columns(graph.nodes, r, ["label"], rows=_not_person(graph.nodes))
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
    identifiers only they use, by pseudonym (:func:`linkgraph.privacy.protect_victims`),
    and victims' names taken out of other labels and source rows; as it is with
    ``show_victims``."""
    from linkgraph.privacy import protect_victims

    if show_victims:
        return graph
    graph = protect_victims(graph, case.pseudonym_key)
    return redact_output(case, graph)[1] or graph
