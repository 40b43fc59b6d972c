"""Parties of a case list's row for ``mapping suggest``: which columns are whose.

A case management export (Primero, CiviCRM, an NGO's spreadsheet) names its parties by
words of their standing rather than by the role vocabulary: "Client First Name", "Date of
Birth", "Recruiter Name", "Recruiter Phone". Each party is a slot of its own: the client
(beneficiary) of a trafficking case list is its victim, a recruiter or trafficker a
suspect, an employer or driver a party of its own role; a yes/no column under a role word
("Identified as Victim") is the role of the party it describes; an incident's or case's
reference ("Incident Ref") names the row's event, never a person's attribute.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from linkgraph.ingest._role_flags import flag_share
from linkgraph.schema import role_spellings

#: Header words of the person a case list is about, its victim where the list is of
#: trafficking cases: English, German, Spanish/Italian/Portuguese, French, Romanian,
#: Polish, Ukrainian/Russian transliterated.
_CLIENT = re.compile(
    r"(?:^|_)(clients?|klient(?:in|en|y|i|ka)?|clientes?|beneficiar(?:y|ies|io|ia|ios|ias|a|i)?"
    r"|beneficiaires?|service_user|assisted_person|case_subject|kliientka|kliient)(?:_|$)"
)
#: Roles whose header words name the other side from a victim's (``schema.OTHER_ROLES``
#: spellings): a suspect's slot, linked ``victim_of`` from the row's victim.
_OFFENDER_ROLES = ("recruiter", "trafficker", "smuggler", "pimp", "madam")
#: Roles of a party of its own, neither victim nor suspect by its word alone.
_OTHER_PARTIES = ("employer", "driver", "buyer", "landlord")
#: Person fields without a party word that a case list's client holds ("Date of Birth",
#: "Gender" beside "Client First Name"): the person the list is about.
_SUBJECT_FIELDS = ("dob", "sex", "nationality")
#: A header or value that says the list is of trafficking or exploitation cases.
_TRAFFICKING = re.compile(
    r"traffick|exploit|trafic|menschenhandel|ausbeut|tratt|sfrutt|explota|exploat|handel_lud"
    r"|torhivl|torgovl|forced_labou?r|servitude|debt_bondage"
)
#: An incident's, case's or report's reference ("Incident Ref", "Case No", "Report
#: number"): the row's event.
_EVENT_REF = re.compile(
    r"(?:^|_)(incident|case|report|offen[cs]e|crime|operation|referral|dossier|fall|vorgang"
    r"|caz|sprawa|sprava|expediente|atestado|denuncia|verfahren|akte|dosya|kaso|perkara"
    r"|laporan|lp)_?(ref|reference|no|nr|num|number|id|code|nummer|blg|nomor)(?:_|$)"
    # the number first: Ukrainian "№ справи", Tagalog "Blg. ng Kaso", Indonesian "No. LP",
    # "Nomor Perkara"; Thai "เลขคดี" (transliterated "elkhkhdii")
    r"|^(no|nr|nomer|numer|blg|bilang|nomor)_(ng_)?(kaso|spravi|spravy|sprawy|lp|laporan"
    r"|perkara|dosya|dela)(?:_|$)|^elkh(thii)?khdii$"
)
#: A place's header that says it is where the row's event happened ("Location City",
#: "Incident location", "Olay Yeri", "Tempat Kejadian", "Tatort"), not where a person lives.
_SCENE = re.compile(
    r"(?:^|_)(location|incident|scene|olay|kejadian|tatort|tatorts|lugar_de_los_hechos"
    r"|luogo_del_fatto|miejsce_zdarzenia|lugar|pinangyarihan)(?:_|$)"
)
#: Separators of several names in one cell ("Chinedu Eze; Mama Blessing"); never a comma,
#: which stands between a family and a given name ("DOBRE, Marius").
_NAME_SEPARATORS = (";", "|", "\n")


def _words_of(role: str) -> str:
    return "|".join(re.escape(w.replace(" ", "_")) for w in role_spellings(role))


#: Case endings a party word takes in a header of another word ("Телефон вербувальника":
#: Ukrainian/Russian/Polish genitive, dative, instrumental).
_CASE_ENDINGS = r"(?:a|u|y|i|ovi|om|em|ov|iv)?"
_PARTY_WORDS = [
    (role, re.compile(rf"(?:^|_)({_words_of(role)}){_CASE_ENDINGS}(?:_|$)"))
    for role in (*_OFFENDER_ROLES, *_OTHER_PARTIES)
]


@dataclass
class Parties:
    """What :func:`find_parties` read of a case list's columns."""

    sides: dict[str, str] = field(default_factory=dict)  # column -> its party's group
    flags: dict[str, str] = field(default_factory=dict)  # yes/no column -> its role
    roles: dict[str, str | None] = field(default_factory=dict)  # group -> its role
    client: str | None = None  # the group of the person the list is about
    notes: list[str] = field(default_factory=list)


def _id_like(values: list[str]) -> bool:
    return bool(values) and sum(any(c.isdigit() for c in v) for v in values) >= 0.8 * len(values)


def find_parties(
    info: dict[str, dict[str, Any]],
    nested: Callable[[str], bool],
    person_name: Callable[[str], str | None] | None = None,
) -> Parties:
    """The parties of a row by their header words; sets each party column's ``role`` (and
    a flag's ``field``, ``role``; an event reference's ``field``; the ``name`` field of a
    party's column of names, by ``person_name``) in ``info``."""
    out = Parties()
    plain = {c: i for c, i in info.items() if not nested(c) and i["values"]}
    for col, i in plain.items():
        if i["field"] is None and _EVENT_REF.search(i["key"]) and _id_like(i["values"]):
            i["field"] = "id"  # "Incident Ref": the row's incident, not a person's attribute
        elif i["role"] in ("victim", "suspect", "witness") and flag_share(i["values"]) >= 0.8:
            out.flags[col] = i["role"]  # "Identified as Victim": Yes/No
            i["field"], i["role"] = "role", None
    client: str | None = None
    for col, i in plain.items():
        if col in out.flags or i["role"] is not None:
            continue
        if (m := _CLIENT.search(i["key"])) is not None:
            group = "beneficiary" if m[1].startswith("benef") else "client"
            client = client or group
            out.sides[col] = client
            continue
        for role, pattern in _PARTY_WORDS:
            if pattern.search(i["key"]):
                out.sides[col] = role
                out.roles[role] = "suspect" if role in _OFFENDER_ROLES else role
                break
    if not out.sides and not any(
        any(i["role"] == r for c, i in plain.items() if c not in out.flags)
        for r in out.flags.values()
    ):
        return out
    if person_name is not None:
        _names_of_parties(info, out.sides, person_name)
    context = (
        any(r == "suspect" for r in out.roles.values())
        or any(i["role"] == "suspect" for i in plain.values())
        or "victim" in out.flags.values()
        or any(_TRAFFICKING.search(i["key"]) for i in plain.values())
        or any(_TRAFFICKING.search(v.lower()) for i in plain.values() for v in i["values"][:50])
    )
    if client is None and any(i["role"] == "victim" for i in plain.values()):
        # "Victim Name" beside "Recruiter Name": the victim's group is the list's subject
        client = "victim"
        out.roles[client] = "victim"
    elif client is not None:
        out.roles[client] = "victim" if context else None
    out.client = client
    if client is not None:
        held = {info[c]["field"] for c, i in plain.items() if out.sides.get(c, i["role"]) == client}
        for col, i in plain.items():
            fld = i["field"]
            if col in out.sides or i["role"] is not None or fld not in _SUBJECT_FIELDS:
                continue
            if fld not in held:  # "Date of Birth" beside "Client First Name": the client's
                out.sides[col] = client
                held.add(fld)
        for col in out.flags:
            out.sides[col] = client  # "Identified as Victim": said of the case's client
        if context and client != "victim":
            out.notes += [
                f"# {client} columns: the {client} of a trafficking case list is its victim"
                " (role victim);",
                "# the other parties' columns are slots of their own",
            ]
    for col, i in info.items():
        if col in out.sides and col not in out.flags:
            i["role"] = out.roles.get(out.sides[col])
    return out


def _names_of_parties(
    info: dict[str, dict[str, Any]], sides: dict[str, str], person_name: Callable[[str], str | None]
) -> None:
    """A party's column without a field whose cells are persons' names ("Клієнтка (ПІБ)",
    "Вербувальник": "Василь Гнатюк; Ірина Мельник") is its party's name, when no other
    column of that party is."""
    named = {g for c, g in sides.items() if info[c]["field"] == "name"}
    for col, group in sides.items():
        i = info[col]
        if i["field"] is not None or group in named:
            continue
        parts = [p.strip() for v in i["values"] for p in re.split(r"[;|\n]", v) if p.strip()]
        if parts and sum(person_name(p) is not None for p in parts) >= 0.8 * len(parts):
            i["field"] = "name"
            named.add(group)


def finish_parties(draft: Any, parties: Parties, info: dict[str, dict[str, Any]]) -> None:
    """After the slots are drafted: a flag column as its slot's role (``{column: C, flag:
    victim}``), ``victim_of`` from a flagged victim to the row's suspects, and ``split``
    on a person's name column whose cells hold several names."""
    suspects = [
        s for s, e in draft.entities.items() if e["fields"].get("role") == {"value": "suspect"}
    ]
    for slot, entity in draft.entities.items():
        role = entity["fields"].get("role")
        if isinstance(role, str) and role in parties.flags:
            entity["fields"]["role"] = {"column": role, "flag": parties.flags[role]}
            draft.notes.append(
                f"# {role}: a yes/no column, the role {parties.flags[role]} of {slot} on its yes"
                " rows (none on its no rows)" + (";" if suspects else "")
            )
            if parties.flags[role] == "victim" and suspects:
                # the link only where there is a suspect slot to draw it to
                draft.notes.append(
                    f"# victim_of {slot} -> the row's suspect: made only on rows whose {role}"
                    " does not say no"
                )
                for s in suspects:
                    draft.link("victim_of", slot, s)
    _event_dates_on_links(draft, info)
    _event_places(draft, info)
    roles = {i["role"] for i in info.values() if i["role"]}
    for group in sorted((set(parties.sides.values()) | roles) - set(draft.entities)):
        # "Employer Name" drafted as the organisation, "Caller Phone" of a hotline's
        # caller who has no name column: their phone is not the person's of the row
        theirs = [x for x in draft.links if x["dst"].startswith(f"{group}_")]
        for item in theirs:
            draft.links.remove(item)
            draft.notes.append(
                f"# {item['dst']}: the {group}'s, who has no person slot: left unlinked"
                f" (not {item['src']}'s)"
            )
    for entity in draft.entities.values():
        if entity["type"] != "person" or entity.get("each") or entity.get("split"):
            continue
        name = entity["fields"].get("name")
        if isinstance(name, str) and name in info:
            separator = _name_separator(info[name]["values"])
            if separator is not None:
                entity["split"], note = _with_commas(separator, info[name]["values"])
                draft.notes.append(
                    f"# {name}: cells of several names ({separator!r}): one person each{note}"
                )
    draft.notes += parties.notes


def _event_places(draft: Any, info: dict[str, dict[str, Any]]) -> None:
    """A person's town whose header says it is where the row's event happened ("Location
    City", "Olay Yeri"): the ``place`` of the row's event, when it has one, so a row
    without a victim makes no unnamed victim of it."""
    events = [s for s, e in draft.entities.items() if e["type"] == "event"]
    if len(events) != 1:
        return
    event = draft.entities[events[0]]["fields"]
    for slot, entity in draft.entities.items():
        if entity["type"] != "person" or "place" in event:
            continue
        for name in ("city", "address"):
            column = entity["fields"].get(name)
            i = info.get(column) if isinstance(column, str) else None
            if i is None or i["role"] is not None or not _SCENE.search(i["key"]):
                continue
            del entity["fields"][name]
            event["place"] = column
            draft.notes.append(f"# {column}: where the row's event happened (not {slot}'s {name})")
            break


def _name_separator(values: list[str]) -> str | None:
    """The separator of several names in a name column's cells (``;``, ``|``, a line
    break; never a comma), when the column uses it to list whole names: in the cells that
    hold it, at least :data:`_LIST_CONSISTENCY` of the time, every part is a whole name
    (:func:`_whole_name`: two words or more, no digits or markup), and such cells are two
    or more, or :data:`_LIST_SHARE` of the column's cells. A name that holds the
    character ("María O'Neil; Núñez", her two family names; "+cmd|' /C calc'!A0") is
    not cut in two.

    Examples:
        >>> _name_separator(["Ion Cojocaru", "Ion Cojocaru; Vera Ciobanu"])
        ';'
        >>> _name_separator(["DOBRE, Marius", "Eze | "]) is None
        True
        >>> _name_separator(["María O'Neil; Núñez"] + ["Ana Pop"] * 10) is None
        True
    """
    cells = [v for v in values if isinstance(v, str) and v.strip()]
    held: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    for v in cells:
        for sep in _NAME_SEPARATORS:
            parts = [p for p in v.split(sep) if any(ch.isalpha() for ch in p)]
            if len(parts) < 2:
                continue
            held[sep] += 1
            if all(_whole_name(p) for p in parts):
                listed[sep] += 1
    good = [
        sep
        for sep, n in listed.items()
        if n >= _LIST_CONSISTENCY * held[sep] and (n >= 2 or n >= _LIST_SHARE * len(cells))
    ]
    return max(good, key=lambda sep: listed[sep]) if good else None


#: The least share of a name column's cells holding a separator whose parts are all
#: whole names, for that separator to be drafted as ``split`` (when only one cell does).
_LIST_SHARE = 0.15
#: The least share of the cells holding a separator whose parts are all whole names.
_LIST_CONSISTENCY = 0.8
#: A word of a name (two letters or more) and what no name holds (digits, markup, a formula)
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_IN_NAME = re.compile(r"[\d<>=+@{}\[\]\\]")


def _with_commas(separator: str, values: list[str]) -> tuple[str, str]:
    """The ``split`` of a name column whose lists use ``separator`` and, in some cells, a
    comma ("Petro Bondar; Ion Ceban" beside "Ion Ceban, Petro Bondar"), and what the
    draft says of it: ``auto`` (every separator, the comma too) when each comma of the
    column parts whole names; else ``separator``, and the note names a comma list left
    whole (a comma also parts "BONDAR, Petro", one name). Without such cells:
    ``separator`` and no note.

    Examples:
        >>> _with_commas(";", ["Petro Bondar; Ion Ceban", "Ion Ceban, Petro Bondar"])[0]
        'auto'
        >>> _with_commas(";", ["Petro Bondar; Ion Ceban", "Ion Ceban, Petro Bondar",
        ...                    "BONDAR, Petro"])[0]
        ';'
        >>> _with_commas(";", ["Petro Bondar; Ion Ceban", "Ana Pop"])
        (';', '')
    """
    commas = [v for v in values if isinstance(v, str) and "," in v and separator not in v]
    listed = [v for v in commas if all(_whole_name(p) for p in v.split(",") if p.strip())]
    if not listed:
        return separator, ""
    if len(listed) == len(commas):
        return "auto", f", and some with , instead (such as {listed[0]!r}): split on both"
    return separator, (
        f"; WARNING: some cells list names with , instead (such as {listed[0]!r}), left"
        " whole: a comma also parts one name here (Surname, Given name); fix those cells"
    )


def _whole_name(part: str) -> bool:
    """Whether ``part`` of a cell reads as a person's whole name: two words or more and
    nothing no name holds ("Vera Ciobanu", not "Núñez" alone nor "' /C calc'!A0").

    Examples:
        >>> _whole_name(" Vera Ciobanu"), _whole_name("Núñez"), _whole_name("calc'!A0 Dde")
        (True, False, False)
    """
    return len(_NAME_WORD.findall(part)) >= 2 and _NOT_IN_NAME.search(part) is None


def keep_attribute(draft: Any, owner: str, name: str, column: str) -> None:
    """A group's attribute column as a field of its slot ``owner``; one whose name the slot
    has taken already (an item's own ``role``, "recruiter", under a slot whose key says
    ``role: {value: suspect}``) is kept as ``OWNER_NAME`` ("suspect_role"), and said."""
    fields = draft.entities[owner]["fields"]
    if name not in fields or fields[name] == column:
        fields[name] = column
        return
    fields.setdefault(f"{owner}_{name}", column)
    each = draft.entities[owner].get("each")
    taken = fields[name]
    said = taken.get("value", taken) if isinstance(taken, dict) else taken
    draft.notes += [
        f"# {f'{each}[].' if each else ''}{column}: the {owner}'s own {name}, kept as attribute"
        f" {owner}_{name} (the slot's {name} is {said});",
        f"# map it as `{name}: {column}` to use it instead",
    ]


def unread_item_keys(draft: Any, groups: dict[str, dict[str, Any]]) -> None:
    """Say which keys of a list's items (``suspects[].id``) no slot of that list reads."""
    read: dict[str, set[str]] = {}

    def walk(x: Any, into: set[str]) -> None:
        if isinstance(x, str):
            into.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k not in ("value", "flag", "fact", "scope", "missing", "except"):
                    walk(v, into)
        elif isinstance(x, list):
            for v in x:
                walk(v, into)

    whole: set[str] = set()  # lists a slot reads as values, object by object (images)
    for entity in draft.entities.values():
        if entity.get("each"):
            walk(entity["fields"], read.setdefault(entity["each"], set()))
        else:
            walk(entity["fields"], whole)
    for spec in groups.values():
        each = spec.get("each")
        if not each or each in whole:
            continue
        keys = [c for cols in spec["fields"].values() for c in cols]
        left = [k for k in dict.fromkeys(keys) if k not in read.get(each, set())]
        if left:
            draft.notes.append(
                f"# {each}[]: keys not mapped: {', '.join(left)} (map them as fields of"
                f" a slot with `each: {each}`)"
            )


#: A date's header that names an event ("Incident Date", "Date of offence"): the event's
#: time, never an attribute of a person (who would be made of it on a row without her).
_EVENT_DATE = re.compile(
    r"(?:^|_)(incident|offen[cs]e|crime|arrest|report|case|exploitation|recruitment"
    r"|tat|vorfall|fall|infractiune|delito|hecho|reato|przestepstw"
    # Turkish "Olay Tarihi", Indonesian "Tanggal Kejadian", Tagalog "Petsa ng Insidente",
    # Ukrainian "Дата звернення" (of the client's call), "Дата події"
    r"|olay|kejadian|insidente|pangyayari|zvernennia|podii)(?:_|$)"
)


def _event_dates_on_links(draft: Any, info: dict[str, dict[str, Any]]) -> None:
    """A row's event date that no event slot holds ("Incident Date" beside "Victim Name"
    and "Suspect Name", no incident reference) and that was drafted as the main person's
    attribute: the time of the row's ``victim_of`` links instead, so a row without a
    victim makes no unnamed victim."""
    victim_of = [x for x in draft.links if x["kind"] == "victim_of"]
    if not victim_of:
        return
    for slot, entity in draft.entities.items():
        if entity["type"] != "person":
            continue
        for name, column in list(entity["fields"].items()):
            i = info.get(column) if isinstance(column, str) else None
            if i is None or i["field"] != "time" or not _EVENT_DATE.search(i["key"]):
                continue
            del entity["fields"][name]
            for item in victim_of:
                item.setdefault("time", column)
            draft.notes.append(
                f"# {column}: the date of the row's event, the time of its victim_of links"
                f" (not {slot}'s attribute)"
            )
