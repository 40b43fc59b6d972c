"""Five agency exports of one planted operation, with ground truth: generate_case, write_case."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.synth._draw import cumulative_of, weighted
from linkgraph.synth._mappings import MAPPINGS, PIPELINE_YAML
from linkgraph.synth._names import CYRILLIC, VARIANT_KINDS
from linkgraph.synth.operation import Operation, Person, build_operation

_K = {k: i for i, k in enumerate(VARIANT_KINDS)}
_START = datetime(2023, 1, 9, 8, 0)
_DAYS = 440  # the operation runs from January 2023 to the raids in March 2024
_RAIDS = datetime(2024, 3, 19, 6, 0)
_EPOCH = datetime(1955, 1, 1)

#: The files of a synthetic case, in the order they are written and listed in pipeline.yaml.
SOURCES = ("arrests.csv", "hotline.xlsx", "transactions.csv", "cdr.csv", "ads.jsonl")


@dataclass(frozen=True)
class SynthCase:
    """A generated case: one table per export, the truth tables, and the true entity graph.

    ``edges`` (columns ``src, dst, kind``) is the graph the exports describe, over true
    ids (``person:P0001``, ``phone:+380...``, ``account:IBAN``, ``event:ID``, ``ad:ID``,
    ``email:...``, ``organisation:NAME``): what a perfect ingest and resolution would find.
    """

    tables: dict[str, pd.DataFrame]
    people: pd.DataFrame
    mentions: pd.DataFrame
    key_players: pd.DataFrame
    edges: pd.DataFrame
    seed: int
    n_people: int
    attrs: dict[str, Any] = field(default_factory=dict)


class _Rows:
    """Rows of one export, the person mentions in them, and the true edges they imply."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[dict[str, Any]] = []
        self.mentions: list[tuple[str, int, str, int, str]] = []
        self.edges: list[tuple[str, str, str]] = []

    def add(self, row: dict[str, Any], people: dict[str, Person | None]) -> int:
        """Append a row; ``people`` maps person slots to who they truly are."""
        self.rows.append(row)
        n = len(self.rows)
        for slot, p in people.items():
            if p is not None:
                self.mentions.append((self.source, n, slot, 0, p.pid))
        return n

    def edge(self, a: str, b: str, kind: str) -> None:
        self.edges.append((a, b, kind))


def _when(rng: np.random.Generator, start: datetime = _START, days: int = _DAYS) -> datetime:
    return start + timedelta(seconds=int(rng.integers(0, days * 86400)))


def _dob(p: Person, fmt: str) -> str:
    return (_EPOCH + timedelta(days=p.dob)).strftime(fmt)


def _kinds(rng: np.random.Generator, probs: dict[str, float]) -> int:
    names = list(probs)
    w = np.array([probs[n] for n in names])
    return _K[names[weighted(rng, cumulative_of(tuple(w / w.sum())))]]


def _name(
    p: Person,
    rng: np.random.Generator,
    *,
    native: float,
    nick: float = 0.0,
    alt: float = 0.15,
    typo: float = 0.06,
) -> tuple[str, str]:
    """Given and family name as one agency writes them (same script for both)."""
    if p.nationality in CYRILLIC and rng.random() < native:
        g = _kinds(rng, {"native": 1 - nick, "nickname": nick})
        given, family = p.variant(g, _K["native"])
        if g == _K["nickname"]:
            from linkgraph.synth._names import to_cyrillic

            given = to_cyrillic(given, p.nationality)
        return given, family
    rest = 1 - nick - alt - typo
    g = _kinds(
        rng,
        {
            "canonical": rest,
            "nickname": nick,
            "alt1": alt * 0.7,
            "alt2": alt * 0.3,
            "typo1": typo / 2,
            "typo2": typo / 2,
        },
    )
    f = _kinds(rng, {"canonical": 1 - alt - typo, "alt1": alt, "typo3": typo})
    return p.variant(g, f)


def _ascii_upper(text: str) -> str:
    from linkgraph.text import fold

    return fold(text).upper()


def _phone_text(e164: str, style: int, region: str) -> str:
    """A phone written the way a person would: style 0 E.164, 1 ``00`` spaced,
    2 local (only inside ``region``), 3 ``+CC (0NN) NNN-NN-NN``."""
    from linkgraph.synth._names import COUNTRIES

    code = next(
        c
        for c, v in COUNTRIES.items()
        if e164.startswith("+" + v[0]) and len(e164) - 1 - len(v[0]) == v[1]
    )
    cc = COUNTRIES[code][0]
    nat = e164[1 + len(cc) :]
    if style == 2 and code == region:
        trunk = "" if code == "IT" else "0"
        return f"{trunk}{nat[:2]} {nat[2:5]} {nat[5:]}"
    if style == 1:
        return f"00{cc} {nat[:2]} {nat[2:5]} {nat[5:7]} {nat[7:]}"
    if style == 3 and code == "UA":
        return f"+38 (0{nat[:2]}) {nat[2:5]}-{nat[5:7]}-{nat[7:]}"
    if style == 3:
        return f"+{cc} {nat[:3]} {nat[3:]}"
    return e164


def _phones_for(p: Person, rng: np.random.Generator, region: str, styles: list[float]) -> str:
    w = np.array(styles)
    cdf = cumulative_of(tuple(w / w.sum()))
    return "; ".join(_phone_text(ph, weighted(rng, cdf), region) for ph in p.phones)


# -- the five exports -------------------------------------------------------------------------


def _arrests(op: Operation, rng: np.random.Generator) -> _Rows:
    """Federal police arrest records (DE): one row per person recorded at an arrest."""
    out = _Rows("arrests.csv")
    people = op.by_id()
    events: list[tuple[str, datetime, str, str, list[tuple[Person, str]]]] = []
    members = {
        c: [p for p in op.people if p.cell == c and p.role != "victim"]
        for c in {p.cell for p in op.people if p.cell}
    }
    victims = {c: [p for p in op.people if p.cell == c and p.role == "victim"] for c in members}
    key = {p.cell: p for p in op.people if p.key_player}
    # the raids: one event per flat or vehicle, each inside one cell
    plan = [
        ("control-DE", "Berlin-Neukölln", "§ 232a StGB Zwangsprostitution", 3, 5),
        ("control-DE", "Frankfurt am Main", "§ 232a StGB Zwangsprostitution", 2, 4),
        ("transport-Balkans", "BAB 3, Passau (Grenze)", "§ 96 AufenthG Einschleusen", 2, 4),
        ("transport-Balkans", "BAB 93, Kiefersfelden", "§ 96 AufenthG Einschleusen", 2, 3),
        ("money", "Düsseldorf", "§ 261 StGB Geldwäsche", 3, 0),
        ("recruitment-UA", "Flughafen Frankfurt", "§ 232 StGB Menschenhandel", 2, 3),
        ("recruitment-MD-RO", "Flughafen München", "§ 232 StGB Menschenhandel", 2, 3),
        ("control-IT", "Flughafen München", "§ 232a StGB Zwangsprostitution", 2, 2),
    ]
    for i, (cell, place, offence, n_members, n_victims) in enumerate(plan):
        regular = [m for m in members[cell] if not m.key_player]
        chosen = [
            regular[int(j)]
            for j in rng.choice(len(regular), min(n_members, len(regular)), replace=False)
        ]
        if i in (0, 2, 4, 5, 6):  # the key players are taken in the raids of their own cells
            chosen.insert(0, key[cell])
        vs = victims[cell]
        n_v = min(n_victims, len(vs))
        chosen_v = [vs[int(j)] for j in rng.choice(len(vs), n_v, replace=False)] if n_v else []
        when = _RAIDS + timedelta(hours=int(rng.integers(0, 30)), minutes=int(rng.integers(60)))
        if cell in ("transport-Balkans", "recruitment-UA", "recruitment-MD-RO", "control-IT"):
            when = _when(rng, datetime(2023, 6, 1), 250)
        role = [(p, "Beschuldigter") for p in chosen] + [(p, "Geschädigte") for p in chosen_v]
        events.append((f"BPOL-{when:%Y}-{41000 + 37 * i:06d}", when, place, offence, role))
    # uninvolved people: shoplifting, fare dodging, drunk driving, brawls
    background = [p for p in op.people if p.cell is None and p.pid not in op.relatives]
    offences = (
        "§ 242 StGB Diebstahl",
        "§ 265a StGB Erschleichen von Leistungen",
        "§ 316 StGB Trunkenheit im Verkehr",
        "§ 223 StGB Körperverletzung",
        "§ 95 AufenthG unerlaubter Aufenthalt",
    )
    cities = ("Berlin", "Hamburg", "München", "Köln", "Leipzig", "Nürnberg", "Dresden")
    n_bg = max(3, round(len(background) * 0.18))
    by_pid = op.by_id()
    group_of = {pid: g for g in op.groups for pid in g}
    for j in range(n_bg):
        first = background[int(rng.integers(len(background)))]
        # people arrested together know each other: the second one is from the same group
        mates = [m for m in group_of[first.pid] if m != first.pid and m not in op.relatives]
        ps = [first]
        if mates and rng.random() < 0.25:
            ps.append(by_pid[mates[int(rng.integers(len(mates)))]])
        when = _when(rng)
        events.append(
            (
                f"BPOL-{when:%Y}-{30000 + 113 * j:06d}",
                when,
                cities[int(rng.integers(len(cities)))],
                offences[int(rng.integers(len(offences)))],
                [(p, "Beschuldigter") for p in ps],
            )
        )
    events.sort(key=lambda e: (e[1], e[0]))
    del people
    for arrest_id, when, place, offence, persons in events:
        for p, status in persons:
            given, family = _name(p, rng, native=0.0, alt=0.12, typo=0.05)
            if rng.random() < 0.5:
                family = family.upper()
            phones = _phones_for(p, rng, "DE", [0.4, 0.3, 0.2, 0.1])
            if not p.key_player and rng.random() < 0.15:
                phones = ""  # no phone on them
            row = {
                "arrest_id": arrest_id,
                "arrest_date": when.strftime("%d.%m.%Y"),
                "arrest_time": when.strftime("%H:%M"),
                "place": place,
                "surname": family,
                "first_name": given,
                "date_of_birth": "" if rng.random() < 0.08 else _dob(p, "%d.%m.%Y"),
                "sex": "w" if p.female else "m",
                "nationality": {
                    "UA": "UKR",
                    "MD": "MDA",
                    "RO": "ROU",
                    "BG": "BGR",
                    "RS": "SRB",
                    "NG": "NGA",
                    "DE": "DEU",
                    "NL": "NLD",
                    "IT": "ITA",
                    "GB": "GBR",
                }[p.nationality],
                "status": status,
                "phones": phones,
                "id_document": p.document if rng.random() < 0.7 else "",
                "offence": offence,
            }
            out.add(row, {"person": p})
            out.edge(f"person:{p.pid}", f"event:{arrest_id}", "involved_in")
            if phones:
                for ph in p.phones:
                    out.edge(f"person:{p.pid}", f"phone:{ph}", "uses_phone")
    return out


def _hotline(op: Operation, rng: np.random.Generator) -> _Rows:
    """NGO hotline reports (a Kyiv-based anti-trafficking hotline), in an XLSX sheet."""
    out = _Rows("hotline.xlsx")
    people = op.by_id()
    reports: list[tuple[datetime, Person | None, str, Person, Person]] = []
    handlers: dict[str, list[Person]] = {}
    for p in op.people:
        if p.cell and p.role != "victim" and not p.key_player:
            handlers.setdefault(p.cell, []).append(p)
    relative_of = {v: people[r] for r, v in op.relatives.items()}
    for v in (p for p in op.people if p.role == "victim"):
        if rng.random() > 0.5:
            continue
        suspect = people[op.handlers[v.pid][0]]
        caller: Person | None = v
        relation = "self"
        if v.pid in relative_of and rng.random() < 0.7:
            caller = relative_of[v.pid]
            relation = str(rng.choice(["mother", "sister", "friend", "husband"]))
        reports.append((_when(rng, datetime(2023, 4, 1), 340), caller, relation, v, suspect))
    # the organiser is named once, by a victim who escaped
    organiser = next(p for p in op.people if p.key_player and p.role == "organiser")
    escaped = [p for p in op.people if p.role == "victim" and p.cell == "control-DE"]
    v = escaped[int(rng.integers(len(escaped)))]
    reports.append((datetime(2024, 2, 27, 21, 14), v, "self", v, organiser))
    # unrelated reports: labour disputes, missing persons
    background = [p for p in op.people if p.cell is None]
    groups = [g for g in op.groups if len(g) >= 3]
    # (a small population may have no such group: then it has no unrelated reports)
    for _ in range(max(3, round(len(background) * 0.05)) if groups else 0):
        g = groups[int(rng.integers(len(groups)))]
        a, b, c = (people[g[int(i)]] for i in rng.choice(len(g), 3, replace=False))
        reports.append((_when(rng, datetime(2023, 4, 1), 340), a, "friend", b, c))
    reports.sort(key=lambda r: (r[0], r[3].pid))
    narratives = {
        "recruitment": "Offered a job as a waitress/cleaner abroad via {site}. Recruiter asked "
        "for a copy of the passport and paid the bus ticket. Family worried.",
        "transport": "Travelled by minibus via Serbia/Bulgaria. Driver kept the passports. "
        "Called from the road, very scared.",
        "control": "Works in a flat, passport taken, 'debt' of {debt} EUR. Not allowed to go "
        "out alone. Controller collects all money.",
        "other": "Employer does not pay wages for {months} months; asked for advice.",
    }
    for i, (when, caller, relation, victim, suspect) in enumerate(reports):
        kind = "other"
        if victim.cell:
            kind = victim.cell.split("-")[0].replace("recruitment", "recruitment")
        text = narratives.get(kind, narratives["other"]).format(
            site=str(rng.choice(["OLX", "Telegram", "Facebook", "robota.ua"])),
            debt=int(rng.integers(3, 15)) * 1000,
            months=int(rng.integers(2, 7)),
        )
        cname = _full(caller, rng, "hotline") if caller is not None and relation != "self" else ""
        vname = _full(victim, rng, "hotline")
        sname = _full(suspect, rng, "hotline", suspect=True)
        alias = ""
        if suspect.cell and rng.random() < 0.4:
            alias = suspect.variant(_K["nickname"], 0)[0]
        s_phones = _phones_for(suspect, rng, "UA", [0.3, 0.2, 0.3, 0.2])
        if suspect.key_player:
            # a victim knows the number she was called from, not the other burners
            phones_known = [
                ph
                for ph, c in zip(suspect.phones, suspect.phone_cells, strict=True)
                if c == victim.cell
            ] or suspect.phones[:1]
            s_phones = "; ".join(_phone_text(ph, 0, "UA") for ph in phones_known)
        else:
            phones_known = suspect.phones
        if rng.random() < 0.15:
            s_phones, phones_known = "", []
        v_phone = _phone_text(victim.phones[0], int(rng.choice([0, 2, 3])), "UA")
        if rng.random() < 0.3:
            v_phone = ""
        c_phone = ""
        if caller is not None and relation != "self":
            c_phone = _phone_text(caller.phones[0], int(rng.choice([0, 2, 3])), "UA")
        elif relation == "self" and v_phone:
            c_phone = v_phone
        row = {
            "report_no": f"HL-{when:%y}-{i + 101:04d}",
            "received": when.strftime("%d.%m.%Y %H:%M"),
            "channel": str(rng.choice(["phone", "Viber", "Telegram", "e-mail"])),
            "caller_name": cname,
            "caller_relation": relation,
            "caller_phone": c_phone,
            "victim_name": vname,
            "victim_age": str((when - _EPOCH).days // 365 - victim.dob // 365)
            if rng.random() < 0.7
            else "",
            "victim_phone": v_phone,
            "suspect_name": sname,
            "suspect_alias": alias,
            "suspect_phones": s_phones,
            "location": victim.city or "",
            "summary": text,
        }
        out.add(
            row,
            {
                "caller": caller if cname else None,
                "victim": victim,
                "suspect": suspect,
            },
        )
        s, vv = f"person:{suspect.pid}", f"person:{victim.pid}"
        out.edge(vv, s, "victim_of")
        if cname and caller is not None:
            out.edge(f"person:{caller.pid}", s, "reported")
            out.edge(f"person:{caller.pid}", f"phone:{caller.phones[0]}", "uses_phone")
        if v_phone:
            out.edge(vv, f"phone:{victim.phones[0]}", "uses_phone")
        for ph in phones_known:
            out.edge(s, f"phone:{ph}", "uses_phone")
    return out


def _full(p: Person, rng: np.random.Generator, source: str, *, suspect: bool = False) -> str:
    """A full name in one cell: the hotline writes Cyrillic for UA, BG and RS people."""
    given, family = _name(p, rng, native=0.75, nick=0.08 if suspect else 0.04)
    r = rng.random()
    if r < 0.2:
        return f"{family} {given}"
    if r < 0.3:
        return f"{family.upper()}, {given}"
    return f"{given} {family}"


def _transactions(op: Operation, rng: np.random.Generator) -> _Rows:
    """Payments reported by a money-transfer FIU: SEPA and wire transfers (mm/dd/yyyy)."""
    out = _Rows("transactions.csv")
    holder: dict[str, Person | tuple[str, str]] = {}
    for p in op.people:
        for a in p.accounts:
            holder[a] = p
    for name, country, _, acct in op.fronts:
        holder[acct] = (name, country)
    rows: list[tuple[datetime, str, str, float]] = []
    for a, b, n in op.payments:
        base = float(rng.choice([150, 300, 450, 800, 1200, 2500, 4900, 9500]))
        for _ in range(n):
            amount = round(base * float(rng.uniform(0.6, 1.4)), 2)
            rows.append((_when(rng), a, b, amount))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for i, (when, a, b, amount) in enumerate(rows):
        row: dict[str, Any] = {
            "txn_id": f"TX{when:%y%m}{i + 1:06d}",
            "value_date": when.strftime("%m/%d/%Y"),
        }
        slots: dict[str, Person | None] = {}
        for side, acct in (("from", a), ("to", b)):
            h = holder[acct]
            spaced = " ".join(acct[i : i + 4] for i in range(0, len(acct), 4))
            row[f"{side}_iban"] = spaced if rng.random() < 0.3 else acct
            if isinstance(h, Person):
                row[f"{side}_holder"] = "" if rng.random() < 0.1 else _bank_name(h, rng)
                row[f"{side}_company"] = ""
                slots["payer" if side == "from" else "payee"] = h if row[f"{side}_holder"] else None
                if row[f"{side}_holder"]:
                    out.edge(f"person:{h.pid}", f"account:{acct}", "holds_account")
            else:
                row[f"{side}_holder"] = ""
                row[f"{side}_company"] = h[0].upper() if rng.random() < 0.5 else h[0]
                out.edge(f"organisation:{h[0]}", f"account:{acct}", "holds_account")
        row["amount"] = f"{amount:.2f}"
        row["currency"] = (
            "EUR"
            if not a.startswith(("UA", "MD", "RO", "BG", "RS")) or rng.random() < 0.6
            else {"UA": "UAH", "MD": "MDL", "RO": "RON", "BG": "BGN", "RS": "RSD"}[a[:2]]
        )
        row["reference"] = str(
            rng.choice(
                ["rent", "loan", "services", "consulting", "family", "transport", "invoice", ""]
            )
        )
        out.add(row, slots)
        out.edge(f"account:{a}", f"account:{b}", "paid")
    return out


def _bank_name(p: Person, rng: np.random.Generator) -> str:
    given, family = _name(p, rng, native=0.0, alt=0.2, typo=0.04)
    given, family = _ascii_upper(given), _ascii_upper(family)
    return f"{family} {given}" if rng.random() < 0.5 else f"{given} {family}"


def _cdr(op: Operation, rng: np.random.Generator) -> _Rows:
    """Call-detail records of the intercepted lines (joint investigation team export)."""
    out = _Rows("cdr.csv")
    people = op.by_id()
    calls: list[tuple[datetime, str, str]] = []
    for a, b, n in op.calls:
        for _ in range(n):
            x, y = (a, b) if rng.random() < 0.6 else (b, a)
            calls.append((_when(rng), x, y))
    calls.sort()
    seen: set[str] = set()
    for i, (when, a, b) in enumerate(calls):
        row: dict[str, Any] = {
            "call_id": f"C{i + 1:07d}",
            "start_time": when.strftime("%Y-%m-%d %H:%M:%S"),
            "caller": a if rng.random() < 0.8 else "00" + a[1:],
            "callee": b if rng.random() < 0.8 else "00" + b[1:],
            "duration_s": "0" if rng.random() < 0.1 else str(int(rng.gamma(2.0, 60.0)) + 3),
            "type": "sms" if rng.random() < 0.15 else "voice",
            "cell_id": f"{a[1:4]}-{int(rng.integers(100, 999))}-{int(rng.integers(1000, 99999))}",
        }
        slots: dict[str, Person | None] = {}
        for side, ph in (("caller", a), ("callee", b)):
            pid = op.registered.get(ph)
            name = ""
            if pid is not None and (ph not in seen or rng.random() < 0.08):
                seen.add(ph)
                p = people[pid]
                given, family = _name(p, rng, native=0.4, alt=0.2, typo=0.05)
                name = f"{family.upper()}, {given}" if rng.random() < 0.6 else f"{given} {family}"
                slots[f"{side}_subscriber"] = p
                out.edge(f"person:{pid}", f"phone:{ph}", "uses_phone")
            row[f"{side}_subscriber"] = name
        out.add(row, slots)
        out.edge(f"phone:{a}", f"phone:{b}", "called")
    return out


_SEX_ADS = (
    "New in town! {name}, {age}, sweet and discreet. Call or WhatsApp.",
    "{name} ({age}) – real photos, 24h, incall/outcall {city}.",
    "Young model {name}, {age} years, only today in {city}!!!",
)
_JOB_ADS = (
    "Робота в Німеччині / Work in Germany: waitress, hotel cleaning. Salary from {pay} EUR, "
    "housing and visa provided. Write to Viber.",
    "Vacancy: seasonal work in Italy, {pay} EUR/month, travel paid, no language needed.",
    "Angajăm fete pentru restaurant în Germania, salariu {pay} EUR, cazare gratuită.",
)
_OTHER_ADS = (
    "Flat for rent, 2 rooms, {city}, {pay} EUR.",
    "Selling VW Passat 2011, good condition, {pay} EUR.",
    "Moving service, cheap, {city} and around.",
)


def _ads(op: Operation, rng: np.random.Generator) -> _Rows:
    """Scraped online ads (JSON lines): escort ads, job offers and ordinary classifieds."""
    out = _Rows("ads.jsonl")
    people = op.by_id()
    ads: list[tuple[datetime, dict[str, Any], list[str], str]] = []
    handlers: dict[str, list[Person]] = {}
    for p in op.people:
        if p.cell and p.role != "victim" and not p.key_player:
            handlers.setdefault(p.cell, []).append(p)
    sites = {
        "control-DE": "kaufmich.example",
        "control-IT": "bakeca.example",
        "recruitment-UA": "work.ua.example",
        "recruitment-MD-RO": "999.md.example",
    }
    cell_email = {
        "control-DE": "vip.berlin.girls@proton.me",
        "control-IT": "bellavita.milano@gmail.com",
        "recruitment-UA": "nova.work.agency@ukr.net",
        "recruitment-MD-RO": "jobs.europa.md@gmail.com",
    }
    for v in (
        p for p in op.people if p.role == "victim" and p.cell in ("control-DE", "control-IT")
    ):
        hs = op.handlers[v.pid]
        for _ in range(1 + int(rng.random() < 0.5)):
            h = people[hs[int(rng.integers(len(hs)))]]
            phones = [h.phones[0]] + ([v.phones[0]] if rng.random() < 0.4 else [])
            tmpl = _SEX_ADS[int(rng.integers(len(_SEX_ADS)))]
            first = v.variant(_K["nickname"], 0)[0]
            city = "Berlin" if v.cell == "control-DE" else "Milano"
            text = tmpl.format(name=first, age=int(rng.integers(19, 27)), city=city)
            ads.append(
                (
                    _when(rng, datetime(2023, 3, 1), 380),
                    {"site": sites[v.cell or ""], "city": city, "text": text, "cell": v.cell},
                    phones,
                    cell_email[v.cell or ""] if rng.random() < 0.3 else "",
                )
            )
    for cell in ("recruitment-UA", "recruitment-MD-RO"):
        for _ in range(max(3, len(handlers[cell]) * 2)):
            h = handlers[cell][int(rng.integers(len(handlers[cell])))]
            tmpl = _JOB_ADS[int(rng.integers(len(_JOB_ADS)))]
            text = tmpl.format(pay=int(rng.integers(12, 30)) * 100)
            ads.append(
                (
                    _when(rng),
                    {"site": sites[cell], "city": h.city, "text": text, "cell": cell},
                    [h.phones[0]],
                    cell_email[cell] if rng.random() < 0.6 else "",
                )
            )
    background = [p for p in op.people if p.cell is None]
    for _ in range(max(5, round(len(background) * 0.12))):
        p = background[int(rng.integers(len(background)))]
        tmpl = _OTHER_ADS[int(rng.integers(len(_OTHER_ADS)))]
        text = tmpl.format(city=p.city, pay=int(rng.integers(3, 90)) * 100)
        ads.append(
            (
                _when(rng),
                {"site": "classifieds.example", "city": p.city, "text": text, "cell": None},
                [p.phones[0]],
                "",
            )
        )
    ads.sort(key=lambda a: (a[0], a[1]["text"]))
    html_done = script_done = False
    for i, (when, info, phones, email) in enumerate(ads):
        ad_id = f"AD{int(when.timestamp()) % 10_000_000:07d}{i:03d}"
        text = info["text"]
        # scraped text keeps the site's markup now and then, once even a script tag
        if info["cell"] == "control-DE" and not html_done:
            text, html_done = f"<b>NEW!!!</b><br/>{text} <i>100% real</i>", True
        elif info["cell"] == "control-IT" and not script_done:
            text = f'{text}<script>document.location="http://track.example/?c="+1</script>'
            script_done = True
        region = "DE"
        row = {
            "ad_id": ad_id,
            "site": info["site"],
            "posted": when.strftime("%Y-%m-%dT%H:%M:%S") + "Z",
            "title": text.split(".")[0][:60].split("<")[0] or "Ad",
            "text": text,
            "city": info["city"],
            "phones": [_phone_text(ph, int(rng.choice([0, 1, 3])), region) for ph in phones],
            "email": email or None,
            "handle": f"@{info['site'][:4]}_{int(rng.integers(100, 999))}"
            if info["cell"] and rng.random() < 0.3
            else None,
            "price": int(rng.integers(5, 30)) * 10 if info["cell"] else None,
        }
        out.add(row, {})
        for ph in phones:
            out.edge(f"ad:{ad_id}", f"phone:{ph}", "ad_contact")
        if email:
            out.edge(f"ad:{ad_id}", f"email:{email}", "ad_contact")
    return out


# -- public API -------------------------------------------------------------------------------


def generate_case(people: int = 300, *, seed: int = 0) -> SynthCase:
    """A synthetic multi-agency case: one planted trafficking operation in a population.

    The operation has six cells (recruitment in Ukraine and in Moldova/Romania, transport
    through the Balkans, control in Germany and in Italy, money) joined by five key players
    (the organiser and four brokers). Five agencies saw parts of it: arrest records,
    NGO hotline reports, money transfers, call-detail records and online ads, each with its
    own name spelling, script, date and phone format.

    Args:
        people: number of true persons (operation, victims and uninvolved people); at least 60.
        seed: seed of the numpy Generator; the same seed gives byte-identical files.

    Returns:
        A SynthCase; write it with :func:`write_case`.
    """
    rng = np.random.default_rng(seed)
    op = build_operation(people, rng)
    parts = [
        _arrests(op, np.random.default_rng([seed, 1])),
        _hotline(op, np.random.default_rng([seed, 2])),
        _transactions(op, np.random.default_rng([seed, 3])),
        _cdr(op, np.random.default_rng([seed, 4])),
        _ads(op, np.random.default_rng([seed, 5])),
    ]
    tables = {part.source: pd.DataFrame(part.rows) for part in parts}
    mentions = pd.DataFrame(
        [m for part in parts for m in part.mentions],
        columns=["source", "row", "slot", "item", "person_id"],
    )
    truth_people = pd.DataFrame(
        {
            "person_id": [p.pid for p in op.people],
            "name": [" ".join(p.canonical()) for p in op.people],
            "role": [p.role for p in op.people],
            "cell": [p.cell or "" for p in op.people],
            "country": [p.nationality for p in op.people],
            "key_player": [p.key_player for p in op.people],
        }
    )
    key = truth_people[truth_people["key_player"]].copy()
    bridges = {p.pid: ";".join(c for c in p.phone_cells if c) for p in op.people if p.key_player}
    key["bridges"] = key["person_id"].map(bridges)
    edges = pd.DataFrame(
        sorted({e for part in parts for e in part.edges}), columns=["src", "dst", "kind"]
    )
    return SynthCase(
        tables=tables,
        people=truth_people,
        mentions=mentions,
        key_players=key.reset_index(drop=True),
        edges=edges,
        seed=seed,
        n_people=people,
        attrs={"fronts": [f[0] for f in op.fronts]},
    )


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _xlsx_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """XLSX with fixed timestamps inside and out, so the same data gives the same bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([None if v == "" else v for v in row])
    fixed = datetime(2024, 4, 1, 0, 0, 0)
    wb.properties.creator = "linkgraph synth"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the zip entries (and sometimes docProps) with the current time
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2024-04-01T00:00:00Z",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 4, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def _jsonl_bytes(df: pd.DataFrame) -> bytes:
    lines = []
    for rec in df.to_dict(orient="records"):
        # pandas turns a column of ints with gaps into floats: undo that
        clean = {
            k: (None if v != v else int(v) if v.is_integer() else v) if isinstance(v, float) else v
            for k, v in rec.items()
        }
        clean = {k: v for k, v in clean.items() if v is not None}  # scrapers omit empty keys
        lines.append(json.dumps(clean, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def case_files(case: SynthCase) -> dict[str, bytes]:
    """Every file of the case folder, by relative path, as bytes."""
    files: dict[str, bytes] = {}
    for name in SOURCES:
        df = case.tables[name]
        if name.endswith(".csv"):
            files[name] = _csv_bytes(df)
        elif name.endswith(".xlsx"):
            files[name] = _xlsx_bytes(df, "Reports")
        else:
            files[name] = _jsonl_bytes(df)
    for name, text in MAPPINGS.items():
        files[f"mappings/{name}.yaml"] = text.encode("utf-8")
    files["pipeline.yaml"] = PIPELINE_YAML.encode("utf-8")
    files["truth/mentions.csv"] = _csv_bytes(case.mentions)
    files["truth/people.csv"] = _csv_bytes(case.people)
    files["truth/key_players.csv"] = _csv_bytes(case.key_players)
    return files


def write_case(case: SynthCase, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the exports, mappings, pipeline.yaml and truth/ into ``out_dir``.

    Existing files of the same names are replaced; other files in ``out_dir`` are kept.

    Returns:
        The paths written, in a stable order.
    """
    from linkgraph._io import atomic_write

    root = Path(out_dir)
    written = []
    for rel, data in case_files(case).items():
        path = root / rel
        with atomic_write(path, "wb", encoding=None) as fh:
            fh.write(data)
        written.append(path)
    return written
