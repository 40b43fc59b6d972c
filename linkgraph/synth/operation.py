"""The planted operation: people, cells, key players, phones, accounts and who talks to whom."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from linkgraph.synth._draw import cumulative, weighted
from linkgraph.synth._names import CITIES, COUNTRIES, name_pool

#: The cells of the operation: name -> (member nationalities, base member count,
#: victim nationalities, base victim count at 300 people, where members live).
CELLS: dict[str, tuple[tuple[str, ...], int, tuple[str, ...], int, str | None]] = {
    "recruitment-UA": (("UA",), 5, ("UA",), 14, "UA"),
    "recruitment-MD-RO": (("MD", "RO"), 5, ("MD", "RO"), 14, None),
    "transport-Balkans": (("BG", "RS"), 6, ("UA", "MD", "RO"), 9, None),
    "control-DE": (("UA", "RO", "DE", "MD"), 6, ("UA", "MD", "RO"), 26, "DE"),
    "control-IT": (("NG", "NG", "IT"), 6, ("NG",), 22, "IT"),
    "money": (("RO", "BG", "UA", "NL", "DE", "MD"), 8, (), 0, None),
}

#: The key players: (role, nationality, residence, home cell, cells their phones reach).
KEY_PLAYERS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("organiser", "UA", "DE", "control-DE", ("control-DE", "control-IT", "money")),
    ("broker", "UA", "UA", "recruitment-UA", ("recruitment-UA", "transport-Balkans")),
    ("broker", "MD", "MD", "recruitment-MD-RO", ("recruitment-MD-RO", "transport-Balkans")),
    ("broker", "BG", "BG", "transport-Balkans", ("transport-Balkans", "control-DE", "control-IT")),
    ("broker", "RO", "NL", "money", ("money", "control-DE", "control-IT")),
)

MEMBER_ROLES = {
    "recruitment-UA": "recruiter",
    "recruitment-MD-RO": "recruiter",
    "transport-Balkans": "transporter",
    "control-DE": "controller",
    "control-IT": "controller",
    "money": "money mule",
}

#: Front businesses: (name, country, cell).
FRONTS = (
    ("Nova Work Agency LLC", "UA", "recruitment-UA"),
    ("Euro Trans Logistic EOOD", "BG", "transport-Balkans"),
    ("Wellness Oase Berlin GmbH", "DE", "control-DE"),
    ("Rhein Trading B.V.", "NL", "money"),
    ("Bella Vita Servizi S.r.l.", "IT", "control-IT"),
)

_BANKS = {
    "UA": ("305299", 19),
    "MD": ("AG", 18),
    "RO": ("BTRL", 16),
    "BG": ("UNCR7000", 10),
    "RS": ("265", 15),
    "NG": ("", 0),
    "DE": ("10010010", 10),
    "NL": ("INGB", 10),
    "IT": ("X0306909606", 12),
    "GB": ("NWBK601613", 8),
}


def iban(country: str, rng: np.random.Generator) -> str:
    """A random IBAN with valid mod-97 check digits (Nigerian people bank in Italy)."""
    if country not in _BANKS or not _BANKS[country][1]:
        country = "IT"
    bank, length = _BANKS[country]
    body = bank + "".join(str(d) for d in rng.integers(0, 10, length))
    digits = "".join(str(int(c, 36)) for c in body + country + "00")
    check = 98 - int(digits) % 97
    return f"{country}{check:02d}{body}"


@dataclass
class Person:
    """One true person of the case."""

    pid: str
    nationality: str
    residence: str
    female: bool
    given: int  # index into the country's given-name pool
    family: int  # index into the family-name pool
    dob: int  # days since 1955-01-01
    role: str
    cell: str | None = None
    key_player: bool = False
    phones: list[str] = field(default_factory=list)  # E.164
    phone_cells: list[str | None] = field(default_factory=list)  # the cell each phone reaches
    accounts: list[str] = field(default_factory=list)
    document: str = ""
    city: str = ""

    def pools(self) -> tuple[str, str]:
        """Names of the given-name and family-name pools of this person."""
        return ("female" if self.female else "male"), ("family_f" if self.female else "family")

    def canonical(self) -> tuple[str, str]:
        """Canonical Latin given and family name."""
        g, f = self.pools()
        return (
            str(name_pool(self.nationality, g).latin[self.given]),
            str(name_pool(self.nationality, f).latin[self.family]),
        )

    def variant(self, given_kind: int, family_kind: int) -> tuple[str, str]:
        """Given and family name under the variant kinds (see VARIANT_KINDS)."""
        g, f = self.pools()
        return (
            str(name_pool(self.nationality, g).variants[self.given, given_kind]),
            str(name_pool(self.nationality, f).variants[self.family, family_kind]),
        )


@dataclass
class Operation:
    """The people of a case and the ties between their phones and accounts."""

    people: list[Person]
    fronts: list[tuple[str, str, str, str]]  # name, country, cell, IBAN
    calls: list[tuple[str, str, int]]  # (phone, phone, number of calls)
    payments: list[tuple[str, str, int]]  # (IBAN, IBAN, number of payments)
    relatives: dict[str, str]  # relative pid -> victim pid
    registered: dict[str, str]  # phone -> pid of the subscriber, where registered
    groups: list[list[str]]  # background friend/family groups (pids)
    handlers: dict[str, list[str]]  # victim pid -> pids of the members who handle her

    def by_id(self) -> dict[str, Person]:
        """Persons by pid."""
        return {p.pid: p for p in self.people}

    def cell_members(self, cell: str, *, victims: bool = False) -> list[Person]:
        """Members (or victims) of a cell, key players included among members."""
        want = "victim" if victims else None
        return [
            p
            for p in self.people
            if p.cell == cell and ((p.role == "victim") == (want == "victim"))
        ]


@lru_cache(maxsize=64)
def _name_cdf(country: str, kind: str) -> np.ndarray:
    return cumulative(name_pool(country, kind).weights)


#: Draws per person before a namesake of somebody already generated is accepted.
_NAME_TRIES = 30


class _Factory:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self.names: set[tuple[str, int, int, bool]] = set()
        self.phones: set[str] = set()
        self.full_pools: set[tuple[str, bool]] = set()  # pools where namesakes are accepted

    def phone(self, country: str) -> str:
        code, length, prefixes, _ = COUNTRIES[country]
        rest = length - len(prefixes[0])
        while True:
            # the same draws as people.national_numbers for one number, without pandas
            pre = prefixes[int(self.rng.integers(0, len(prefixes), 1)[0])]
            digits = str(int(self.rng.integers(0, 10**rest, 1)[0])).zfill(rest)
            number = f"+{code}{pre}{digits}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def person(
        self, nationality: str, role: str, cell: str | None, residence: str | None = None
    ) -> Person:
        rng = self.rng
        female = role == "victim" and nationality != "NG" and rng.random() < 0.92
        female = female or (role == "victim" and nationality == "NG" and rng.random() < 0.95)
        female = female or (role not in ("victim",) and rng.random() < 0.25)
        g_pool, f_pool = ("female", "family_f") if female else ("male", "family")
        # names are kept unique while that is easy; in a large population the name pools
        # fill up and namesakes appear, as they do in life (the truth still tells them apart)
        g_cdf, f_cdf = _name_cdf(nationality, g_pool), _name_cdf(nationality, f_pool)
        full = (nationality, female) in self.full_pools
        for _ in range(1 if full else _NAME_TRIES):
            given, family = weighted(rng, g_cdf), weighted(rng, f_cdf)
            key = (nationality, given, family, female)
            if key not in self.names:
                break
        else:
            self.full_pools.add((nationality, female))
        self.names.add(key)
        res = residence or nationality
        cities = CITIES[res]
        person = Person(
            pid=f"P{len(self.people) + 1:04d}",
            nationality=nationality,
            residence=res,
            female=female,
            given=given,
            family=family,
            dob=int(rng.integers(365 * 10, 365 * 42))
            if role != "victim"
            else int(rng.integers(365 * 30, 365 * 49)),
            role=role,
            cell=cell,
            document=f"{'ABCEHKMPTX'[rng.integers(10)]}{'ABCEHKMPTX'[rng.integers(10)]}"
            f"{int(rng.integers(0, 10**7)):07d}",
            city=cities[int(rng.integers(len(cities)))][0],
        )
        self.people.append(person)
        return person


def _scaled(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def build_operation(people: int, rng: np.random.Generator) -> Operation:
    """Plant one trafficking operation and a background population of ``people`` persons.

    Cells are dense inside (members call each other, victims call their handlers) and
    meet only through the key players, who keep one phone per cell they deal with, as
    brokers do; a couple of stray calls between ordinary members keep it realistic.
    """
    if people < 60:
        raise ValueError("people must be at least 60 (the operation alone needs about 50)")
    scale = people / 300
    f = _Factory(rng)
    member_scale = max(1.0, scale**0.5)
    for (role, nat, res, cell, _), _n in zip(KEY_PLAYERS, range(len(KEY_PLAYERS)), strict=True):
        kp = f.person(nat, role, cell, res)
        kp.key_player = True
    for cell, (nats, n_members, _, _, res) in CELLS.items():
        for i in range(_scaled(n_members, member_scale)):
            f.person(nats[i % len(nats)], MEMBER_ROLES[cell], cell, res)
    for cell, (_, _, v_nats, n_victims, _) in CELLS.items():
        for i in range(_scaled(n_victims, scale, 0)):
            dest = {"control-DE": "DE", "control-IT": "IT"}.get(cell)
            f.person(v_nats[i % len(v_nats)], "victim", cell, dest)
    n_background = people - len(f.people)
    if n_background < 0:
        raise ValueError(f"people must be at least {len(f.people)} for this operation")
    # background: mostly from the same countries, so names collide realistically
    shares = np.array([v[3] for v in COUNTRIES.values()])
    countries = list(COUNTRIES)
    country_cdf = cumulative(shares / shares.sum())
    for _ in range(n_background):
        nat = countries[weighted(rng, country_cdf)]
        f.person(nat, "uninvolved", None)

    op_people = [p for p in f.people if p.cell is not None]
    background = [p for p in f.people if p.cell is None]
    calls: dict[tuple[str, str], int] = {}

    def call(a: str, b: str, n: int) -> None:
        if a != b:
            calls[(a, b)] = calls.get((a, b), 0) + n

    # phones: one each; key players one per cell they reach
    for p in f.people:
        if p.key_player:
            reach = next(k[4] for k in KEY_PLAYERS if k[3] == p.cell and k[1] == p.nationality)
            for c in reach:
                country = p.residence if c == p.cell else _cell_country(c)
                p.phones.append(f.phone(country))
                p.phone_cells.append(c)
        else:
            p.phones.append(f.phone(p.residence))
            p.phone_cells.append(p.cell)
    for p in op_people:
        if not p.key_player and p.role != "victim" and rng.random() < 0.25:
            p.phones.append(f.phone(p.residence))  # a second phone, same cell
            p.phone_cells.append(p.cell)

    by_cell: dict[str, list[Person]] = {c: [] for c in CELLS}
    victims: dict[str, list[Person]] = {c: [] for c in CELLS}
    for p in op_people:
        (victims if p.role == "victim" else by_cell)[p.cell or ""].append(p)

    def cell_phone(p: Person, cell: str) -> str:
        options = [ph for ph, c in zip(p.phones, p.phone_cells, strict=True) if c == cell]
        return options[int(rng.integers(len(options)))]

    handler_of: dict[str, list[str]] = {}
    for cell, members in by_cell.items():
        regular = [m for m in members if not m.key_player]
        # members: a connected chain plus dense extra ties
        for a, b in itertools.pairwise(regular):
            call(cell_phone(a, cell), cell_phone(b, cell), 1 + int(rng.poisson(4)))
        for i, a in enumerate(regular):
            for b in regular[i + 2 :]:
                if rng.random() < 0.5:
                    call(cell_phone(a, cell), cell_phone(b, cell), 1 + int(rng.poisson(3)))
        # victims: each talks to one or two handlers, sometimes to another victim
        for v in victims[cell]:
            picks = rng.choice(
                len(regular), size=min(len(regular), 1 + int(rng.random() < 0.6)), replace=False
            )
            handler_of[v.pid] = [regular[int(h)].pid for h in picks]
            for h in picks:
                call(v.phones[0], cell_phone(regular[int(h)], cell), 1 + int(rng.poisson(3)))
            if len(victims[cell]) > 1 and rng.random() < 0.2:
                other = victims[cell][int(rng.integers(len(victims[cell])))]
                call(v.phones[0], other.phones[0], 1 + int(rng.poisson(1)))
    # key players: each of their phones talks to two to four members of that cell
    for kp in (p for p in op_people if p.key_player):
        for ph, cell in zip(kp.phones, kp.phone_cells, strict=True):
            regular = [m for m in by_cell[cell] if not m.key_player]
            k = min(len(regular), int(rng.integers(2, 5)))
            for i in rng.choice(len(regular), size=k, replace=False):
                call(ph, cell_phone(regular[int(i)], cell), 2 + int(rng.poisson(5)))
            if cell != kp.cell:
                # brokers also talk to the other key players of the cells they reach
                for other in op_people:
                    if (
                        other.key_player
                        and other is not kp
                        and cell in other.phone_cells
                        and rng.random() < 0.5
                    ):
                        call(ph, cell_phone(other, cell), 1 + int(rng.poisson(2)))
    # a few stray calls between ordinary members of different cells
    regular_all = [p for p in op_people if p.role != "victim" and not p.key_player]
    for _ in range(2):
        a, b = (regular_all[int(i)] for i in rng.choice(len(regular_all), 2, replace=False))
        if a.cell != b.cell:
            call(a.phones[0], b.phones[0], 1)

    # background: families and friends who call each other
    order = list(rng.permutation(len(background)))
    groups: list[list[Person]] = []
    while order:
        size = int(rng.integers(3, 8))
        groups.append([background[int(i)] for i in order[:size]])
        order = order[size:]
    for g in groups:
        for i, a in enumerate(g):
            for b in g[i + 1 :]:
                if rng.random() < 0.6:
                    call(a.phones[0], b.phones[0], 1 + int(rng.poisson(3)))
        for a, b in itertools.pairwise(g):
            call(a.phones[0], b.phones[0], 1 + int(rng.poisson(2)))
    # relatives of some victims (they call the victim and may call the hotline)
    # (one relative per family group, so a group touches the operation at one place only)
    relatives: dict[str, str] = {}
    all_victims = [v for vs in victims.values() for v in vs]
    free = list(range(len(groups)))
    for v in all_victims:
        if free and rng.random() < 0.3:
            g = groups[free.pop(int(rng.integers(len(free))))]
            r = g[int(rng.integers(len(g)))]
            relatives[r.pid] = v.pid
            call(r.phones[0], v.phones[0], 1 + int(rng.poisson(2)))
    # taxi drivers, landlords: a handful of one-off calls into the operation
    for _ in range(max(2, round(4 * scale))):
        if not free:
            break
        g = groups[free.pop(int(rng.integers(len(free))))]
        a = g[int(rng.integers(len(g)))]
        b = op_people[int(rng.integers(len(op_people)))]
        if not b.key_player:
            call(a.phones[0], b.phones[0], 1)

    # phone registration: ordinary phones mostly registered, burners never
    registered: dict[str, str] = {}
    controllers = {c: [m for m in ms if not m.key_player] for c, ms in by_cell.items()}
    for p in f.people:
        for i, ph in enumerate(p.phones):
            if p.key_player and i > 0:
                continue
            if p.role == "victim" and rng.random() < 0.15 and controllers.get(p.cell or ""):
                # the controller bought the victim's SIM card in his own name
                ctrl = controllers[p.cell or ""]
                registered[ph] = ctrl[int(rng.integers(len(ctrl)))].pid
            elif rng.random() < (0.9 if p.key_player else 0.7):
                registered[ph] = p.pid

    # accounts and payments
    for p in f.people:
        if p.key_player or p.role in ("money mule", "controller", "recruiter"):
            p.accounts.append(iban(p.residence, rng))
            if p.role == "money mule" and rng.random() < 0.5:
                p.accounts.append(iban(p.nationality, rng))
        elif (p.cell is None and rng.random() < 0.35) or (
            p.role == "victim" and rng.random() < 0.1
        ):
            p.accounts.append(iban(p.residence, rng))
    for kp in (p for p in op_people if p.key_player):
        kp.accounts.append(iban(kp.residence, rng))  # a second, collection account
    fronts = [(name, c, cell, iban(c, rng)) for name, c, cell in FRONTS]
    payments = _payments(f.people, fronts, relatives, groups, rng)
    return Operation(
        people=f.people,
        fronts=fronts,
        calls=[(a, b, n) for (a, b), n in calls.items()],
        payments=payments,
        relatives=relatives,
        registered=registered,
        groups=[[p.pid for p in g] for g in groups],
        handlers=handler_of,
    )


def _cell_country(cell: str) -> str:
    return {
        "recruitment-UA": "UA",
        "recruitment-MD-RO": "MD",
        "transport-Balkans": "RS",
        "control-DE": "DE",
        "control-IT": "IT",
        "money": "NL",
    }[cell]


def _payments(
    people: list[Person],
    fronts: list[tuple[str, str, str, str]],
    relatives: dict[str, str],
    groups: list[list[Person]],
    rng: np.random.Generator,
) -> list[tuple[str, str, int]]:
    """Who pays whom: controllers pay the money broker, who pays mules, who pay the fronts;
    the fronts pay the organiser and the transporters; families pay each other."""
    out: dict[tuple[str, str], int] = {}

    def pay(a: str, b: str, n: int) -> None:
        if a != b:
            out[(a, b)] = out.get((a, b), 0) + n

    key = {p.cell: p for p in people if p.key_player}
    organiser = key["control-DE"]
    money_broker = key["money"]
    front_of = {cell: acct for _, _, cell, acct in fronts}
    mules = [p for p in people if p.role == "money mule"]
    by_cell: dict[str, list[Person]] = {}
    for p in people:
        if p.cell is not None and p.role != "victim" and not p.key_player:
            by_cell.setdefault(p.cell, []).append(p)
    # key players take money in on their last account and pay out from their first, so
    # every flow through them passes the person, as it does in real layering
    collect = money_broker.accounts[-1]
    for cell in ("control-DE", "control-IT"):
        for c in by_cell[cell]:
            pay(c.accounts[0], front_of[cell], 1 + int(rng.poisson(3)))  # "rent" to the front
        pay(front_of[cell], collect, 3 + int(rng.poisson(4)))
        # controllers deposit into their own front, victims pay "debts" to controllers
    for v in (p for p in people if p.role == "victim" and p.accounts):
        ctrl = [c for c in by_cell.get(v.cell or "", []) if c.accounts]
        if ctrl:
            pay(v.accounts[0], ctrl[int(rng.integers(len(ctrl)))].accounts[0], 1)
    # the money broker layers through mules, mules pass on to the money front
    for m in mules:
        pay(money_broker.accounts[0], m.accounts[0], 2 + int(rng.poisson(3)))
        pay(m.accounts[-1], front_of["money"], 2 + int(rng.poisson(3)))
        if len(m.accounts) > 1:
            pay(m.accounts[0], m.accounts[1], 1 + int(rng.poisson(2)))
    for a, b in itertools.pairwise(mules):
        if rng.random() < 0.5:
            pay(a.accounts[0], b.accounts[0], 1 + int(rng.poisson(1)))
    pay(front_of["money"], organiser.accounts[-1], 3 + int(rng.poisson(2)))
    # recruiters and transporters are paid per head, by the brokers of their cells
    for cell in ("recruitment-UA", "recruitment-MD-RO", "transport-Balkans"):
        kp = key[cell]
        pay(organiser.accounts[0], kp.accounts[-1], 2 + int(rng.poisson(2)))
        for r in by_cell[cell]:
            if r.accounts:
                pay(kp.accounts[0], r.accounts[0], 1 + int(rng.poisson(2)))
        if cell in front_of:
            pay(kp.accounts[0], front_of[cell], 1 + int(rng.poisson(2)))
    pay(key["transport-Balkans"].accounts[0], front_of["transport-Balkans"], 2)
    # families, rent and wages among uninvolved people
    for g in groups:
        holders = [p for p in g if p.accounts]
        for a, b in itertools.pairwise(holders):
            pay(a.accounts[0], b.accounts[0], 1 + int(rng.poisson(2)))
    by_id = {p.pid: p for p in people}
    for rel, vic in relatives.items():
        v, r = by_id[vic], by_id[rel]
        if v.accounts and r.accounts:
            pay(v.accounts[0], r.accounts[0], 1 + int(rng.poisson(1)))
    return [(a, b, n) for (a, b), n in out.items()]
