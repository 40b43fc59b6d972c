"""Routes and hotspots: movements read from a case, flows origin -> transit -> destination.

Where a movement comes from (each keeps its source rows):

- **victim** / **person**: a person's origin is their nationality (else the country they
  live in); the places they were *seen* (an arrest's or event's place, or the city nearest
  its latitude and longitude (a location history's points), a hotline report's
  location in the ``city`` field, the city of an ad that lists their phone, the city
  nearest the cell of a call of a phone they use: a CDR's served line when its row names
  one, else the caller; a phone's calls in a row from one city are one stay), in time
  order, end at the destination; places seen on the way are transit. A victim's *contacts* (the
  phones their phones called or were called by, and the phones of the suspects they are
  named with) in a third country are transit too, when at least two contacts and a
  quarter of them are there: that is how a transport cell shows.
- **crossing**: an event with ``from``/``to`` countries in its fields (a border crossing),
  or a ``direction`` (in/out) at its ``country``'s border
  (:mod:`linkgraph.metrics.crossings`).
- **call** / **transfer**: a call between phones, a payment between accounts, from the
  country of the one to the country of the other.
- **reported**: a link between two locations (a country network such as the TIP reports).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.metrics.crossings import DIRECTION_KEYS, POINT_KEYS, crossing_ends
from linkgraph.metrics.crossings import json_attrs as _attrs
from linkgraph.privacy import is_victim
from linkgraph.same_event import first_reports
from linkgraph.schema import CROSSING_FIELDS

if TYPE_CHECKING:
    from linkgraph.model import Case

#: Link kinds through which a person is seen at an event's place.
_AT_EVENT = ("involved_in", "attended")
#: attrs keys of an event (or ad) that name its place.
_PLACE_KEYS = ("place", "location", "city")
#: attrs keys of a border crossing's two sides (a mapping stores them as ``from``/``to``;
#: cases ingested before that keep the other names).
_FROM_KEYS = ("from", *CROSSING_FIELDS["from"])
_TO_KEYS = ("to", *CROSSING_FIELDS["to"])

MOVEMENT_KINDS = ("victim", "person", "crossing", "call", "transfer", "reported")
#: Movements of people (and reported flows of them): what hotspots are measured on.
PEOPLE_KINDS = ("victim", "person", "crossing", "reported")


def _point(attrs: dict[str, Any]) -> str | None:
    """An event's or location's ``lat`` and ``lon`` (checked at ingest) as the place
    string "lat, lon" that :func:`linkgraph.geo.places.geocode_one` places in the nearest
    city; None without both."""
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if not (isinstance(lat, str | int | float) and isinstance(lon, str | int | float)):
        return None
    return f"{lat}, {lon}"


#: Link kinds whose ``lat``/``lon`` (a call's cell, from a CDR or its cell-site list) are a
#: sighting of the phone the position belongs to.
_POSITIONED_KINDS = ("called", "messaged")
#: Slots of a CDR's served (target) line, the cdr preset's ``served``: the phone whose
#: cell a row's position is, whichever end of the call it is.
SERVED_SLOTS = ("served",)
_CALL_POSITION_COLUMNS = ("mention_id", "value", "time", "row")


def call_positions(case: Case) -> pd.DataFrame:
    """Each call or message with a position (its cell's ``lat`` and ``lon`` in the link's
    attrs) as a sighting of the phone the position belongs to: the row's served line when
    the mapping names one (:data:`SERVED_SLOTS`; a carrier's export for one line gives that
    line's cell, whether it called or was called), else the caller (the link's ``src``).

    Read column-wise in Arrow, only on links of :data:`_POSITIONED_KINDS`.

    Returns:
        Columns ``mention_id`` (the phone's mention), ``value`` ("lat, lon", the place
        string :func:`places` geocodes to the nearest city), ``time`` (the call's) and
        ``row`` ("source:row").
    """
    from linkgraph.ingest._columns import arrow_text
    from linkgraph.ingest._coordinates import attr_degrees

    links = case.links
    calls = links[links["kind"].isin(_POSITIONED_KINDS).to_numpy() & links["attrs"].notna()]
    if calls.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _CALL_POSITION_COLUMNS})
    attrs = arrow_text(calls["attrs"])
    lat, lon = attr_degrees(attrs, "lat"), attr_degrees(attrs, "lon")
    comma = pa.scalar(", ", pa.large_string())
    point = pc.binary_join_element_wise(lat, lon, comma)  # null unless both are there
    has = pc.is_valid(point).to_numpy(zero_copy_only=False)
    calls = calls[has]
    value = point.filter(pa.array(has)).to_numpy(zero_copy_only=False)
    rows = _row_keys(calls)
    owner = _served_lines(case).reindex(rows).to_numpy(dtype=object)
    caller = calls["src"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "mention_id": np.where(pd.isna(owner), caller, owner),
            "value": value,
            "time": pd.to_datetime(calls["time"], utc=True).reset_index(drop=True),
            "row": rows.to_numpy(),
        }
    )


def _row_keys(table: pd.DataFrame) -> pd.Series:
    """Each row's "source:row", as the movements' ``rows`` name it."""
    return table["source"].astype(str) + ":" + table["row"].astype("Int64").astype(str)


def _served_lines(case: Case) -> pd.Series:
    """The served line's mention of each row ("source:row") that names one."""
    m = case.mentions
    served = m[m["slot"].isin(SERVED_SLOTS).to_numpy() & m["type"].eq("phone").to_numpy()]
    keys = _row_keys(served)
    first = ~keys.duplicated().to_numpy()
    return pd.Series(served["mention_id"].to_numpy()[first], index=keys.to_numpy()[first])


def _row(source: object, row: object) -> str:
    return f"{source}:{'' if pd.isna(row) else int(row)}"  # type: ignore[call-overload]


def _rows_of(sources: pd.Series, rows: pd.Series) -> np.ndarray:
    """:func:`_row` of each (source, row) pair, column-wise: "source:row", "source:"
    when the row is not known."""
    numbers = pd.Series(rows.to_numpy(), dtype="Int64").astype("string").fillna("")
    return (pd.Series(sources.to_numpy()).astype(str) + ":" + numbers).to_numpy(dtype=object)


def place_strings(case: Case) -> pd.DataFrame:
    """Every place string of the case, one row per (mention, field).

    Returns:
        Columns ``mention_id``, ``field`` (nationality, country, city, place, from, to,
        point: a border crossing point), ``value``, ``kind`` (country or city: what the
        field holds; None when it may be either) and ``hint`` (the mention's country, to
        tell same-named cities apart).
    """
    m = case.mentions
    frames = []
    for field, kind in (("nationality", "country"), ("country", "country"), ("city", None)):
        part = m.loc[
            m[field].notna() & m[field].astype(str).str.strip().ne(""),
            list(dict.fromkeys(["mention_id", field, "country"])),
        ]
        if field == "country":  # identifiers carry countries too; persons' and places' count
            keep = m.loc[part.index, "type"].isin(["person", "location", "organisation"])
            part = part[keep.to_numpy()]
        frames.append(
            pd.DataFrame(
                {
                    "mention_id": part["mention_id"].to_numpy(),
                    "field": field,
                    "value": part[field].astype(str).to_numpy(),
                    "kind": kind,
                    "hint": part["country"].to_numpy() if field == "city" else None,
                }
            )
        )
    # a location known by its name only (a country network's nodes)
    named = m[m["type"].eq("location") & m["country"].isna() & m["city"].isna() & m["name"].notna()]
    frames.append(
        pd.DataFrame(
            {
                "mention_id": named["mention_id"].to_numpy(),
                "field": "name",
                "value": named["name"].astype(str).to_numpy(),
                "kind": None,
                "hint": None,
            }
        )
    )
    rows = []
    with_attrs = m[m["type"].isin(["event", "location", "ad"]) & m["attrs"].notna()]
    for mid, text, hint in zip(
        with_attrs["mention_id"], with_attrs["attrs"], with_attrs["country"], strict=True
    ):
        attrs = _attrs(text)
        for keys, field in (
            (_PLACE_KEYS, "place"),
            (_FROM_KEYS, "from"),
            (_TO_KEYS, "to"),
            (POINT_KEYS, "point"),  # a border crossing point: an in/out crossing's far side
        ):
            value = next((attrs[k] for k in keys if isinstance(attrs.get(k), str)), None)
            if field == "point" and not any(k in attrs for k in DIRECTION_KEYS):
                continue  # a crossing point tells a side of in/out crossings only
            if field == "place" and not (value and value.strip()):
                value = _point(attrs)  # no place named: its coordinates, if any
            if value and value.strip():
                # a crossing point is a town or a post, never a country ("Samos" is no
                # Samoa): looked up among the towns, of the event's own country first
                kinds = {"from": "country", "to": "country", "point": "city"}
                kind = kinds.get(field)
                rows.append((mid, field, value, kind, None if pd.isna(hint) else hint))
    frames.append(pd.DataFrame(rows, columns=["mention_id", "field", "value", "kind", "hint"]))
    calls = call_positions(case)  # the cells of calls: where their phones were
    frames.append(
        pd.DataFrame(
            {
                "mention_id": calls["mention_id"].to_numpy(),
                "field": "cell",
                "value": calls["value"].to_numpy(),
                "kind": None,
                "hint": None,
            }
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out["hint"] = out["hint"].astype(object).where(out["hint"].notna(), None)
    return out


def places(case: Case) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Geocode every place string of ``case``.

    Returns:
        ``(places, located)``: ``places`` has one row per distinct string (``value``,
        ``field``, ``mentions``, ``place_id`` (None when not found), ``kind``, ``name``,
        ``country``, ``lat``, ``lon``, ``matched``); ``located`` is :func:`place_strings`
        with the place columns joined.
    """
    from linkgraph.geo.places import geocode

    strings = _points_of_their_log(case, place_strings(case))
    # each distinct string once: a CDR's million calls name a few hundred cells
    asked = strings[["value", "hint", "kind"]].drop_duplicates()
    found = geocode(asked["value"], asked["hint"], asked["kind"])
    located = strings.merge(found, on=["value", "hint"], how="left", suffixes=("_asked", ""))
    located["kind"] = located["kind"].fillna(located.pop("kind_asked"))
    table = (
        located.groupby(["value", "field"], dropna=False, sort=True)
        .agg(
            mentions=("mention_id", "size"),
            place_id=("place_id", "first"),
            kind=("kind", "first"),
            name=("name", "first"),
            country=("country", "first"),
            lat=("lat", "first"),
            lon=("lon", "first"),
            matched=("matched", "first"),
        )
        .reset_index()
    )
    return table, located


def _points_of_their_log(case: Case, strings: pd.DataFrame) -> pd.DataFrame:
    """``strings`` with each crossing point that has no country of its own (the event's)
    looked up in its log's country first: the one most of that file's points are towns of
    (a Greek log's "Samos" among Kos and Chios, not a town of that name elsewhere)."""
    from linkgraph.geo.places import geocode

    points = strings["field"].eq("point").to_numpy() & strings["hint"].isna().to_numpy()
    if not points.any():
        return strings
    asked = strings[points]
    found = geocode(asked["value"], [None] * len(asked), ["city"] * len(asked))
    country = dict(zip(found["value"], found["country"], strict=True))
    source = case.mentions.set_index("mention_id")["source"]
    of = pd.DataFrame(
        {
            "source": source.reindex(asked["mention_id"]).to_numpy(),
            "country": asked["value"].map(country).to_numpy(),
        }
    ).dropna()
    if of.empty:
        return strings
    log = of.groupby("source")["country"].agg(lambda c: c.mode().iloc[0])
    hints = source.reindex(asked["mention_id"]).map(log).to_numpy()
    out = strings.copy()
    out.loc[points, "hint"] = pd.Series(hints, dtype=object).where(pd.notna(hints), None).to_numpy()
    return out


class _Sightings:
    """Where each entity was seen, and when: rows (entity_id, time, place columns, basis,
    row)."""

    def __init__(self, case: Case, located: pd.DataFrame) -> None:
        self.case = case
        self.entity = case.entity_of()
        m = case.mentions.set_index("mention_id")
        self.type = m["type"]
        links = case.links
        self.links = links.assign(
            src_e=self.entity.reindex(links["src"]).to_numpy(),
            dst_e=self.entity.reindex(links["dst"]).to_numpy(),
        )
        ok = located[located["place_id"].notna()]
        self.located = ok.assign(entity_id=self.entity.reindex(ok["mention_id"]).to_numpy())
        self.rows = (m["source"].astype(str) + ":" + m["row"].astype("Int64").astype(str)).to_dict()
        times = pd.concat(
            [
                links[["src", "time"]].rename(columns={"src": "mention_id"}),
                links[["dst", "time"]].rename(columns={"dst": "mention_id"}),
                case.mentions[["mention_id", "time"]],
            ]
        ).dropna()
        # in UTC nanoseconds even when no row has a time (the min of nothing loses them)
        first = times.groupby("mention_id")["time"].min()
        self.time = pd.to_datetime(first, utc=True).astype("datetime64[ns, UTC]")

    def seen(self) -> pd.DataFrame:
        """Sightings of persons: their own city (hotline location), events' places, ads'
        cities (through the phone the ad lists)."""
        loc = self.located
        out = []
        own = loc[(loc["field"] == "city") & loc["mention_id"].map(self.type).eq("person")]
        out.append(own.assign(person=own["entity_id"], basis="city of the record"))
        ev = loc[loc["field"] == "place"]
        if len(ev):
            lk = self.links[self.links["kind"].isin(_AT_EVENT)]
            at = lk[["src", "src_e", "dst"]].merge(ev, left_on="dst", right_on="mention_id")
            at = at.assign(
                person=at["src_e"], basis="place of the event", mention_id=at["dst"], via=at["src"]
            )
            out.append(at)
            ads = ev[ev["mention_id"].map(self.type).eq("ad")]
            if len(ads):
                contact = self.links[self.links["kind"].eq("ad_contact")]
                a = contact.merge(ads, left_on="src", right_on="mention_id")
                uses = self.links[self.links["kind"].eq("uses_phone")][["src_e", "dst_e"]]
                a = a.merge(
                    uses.rename(columns={"src_e": "person", "dst_e": "phone_e"}),
                    left_on="dst_e",
                    right_on="phone_e",
                )
                out.append(a.assign(basis="city of an ad listing their phone"))
        cols = ["person", "mention_id", "place_id", "name", "country", "basis"]
        parts = [o[cols] for o in out if len(o)]
        calls = self.calls_seen()
        if not parts:
            return calls if len(calls) else pd.DataFrame(columns=[*cols, "time", "row"])
        seen = pd.concat(parts, ignore_index=True)
        # reindex, not map: pandas cannot map through an empty datetime Series (a case
        # whose links and mentions carry no time at all)
        seen["time"] = self.time.reindex(seen["mention_id"]).to_numpy()
        seen["row"] = seen["mention_id"].map(self.rows)
        seen = seen.drop_duplicates(["person", "mention_id", "place_id"])
        return pd.concat([seen, calls], ignore_index=True) if len(calls) else seen

    def calls_seen(self) -> pd.DataFrame:
        """Sightings of phones at their calls' cells (:func:`call_positions`), as a location
        history's points are its owner's: each seen as the phone's entity and as each
        person who uses the phone (``uses_phone``). A phone's calls in a row at one place
        are one stay, kept as its first and last call. Columns as :meth:`seen`'s."""
        cols = ["person", "mention_id", "place_id", "name", "country", "basis", "time", "row"]
        loc = self.located
        cells = loc[loc["field"].eq("cell")].drop_duplicates("value").set_index("value")
        if cells.empty:
            return pd.DataFrame(columns=cols)
        calls = call_positions(self.case)
        found = cells.reindex(calls["value"])
        calls = calls.assign(
            phone=self.entity.reindex(calls["mention_id"]).to_numpy(),
            place_id=found["place_id"].to_numpy(),
            name=found["name"].to_numpy(),
            country=found["country"].to_numpy(),
            basis="cell of a call of their phone",
        )
        stays = _stay_ends(calls[calls["place_id"].notna() & calls["phone"].notna()])
        uses = self.links[self.links["kind"].eq("uses_phone")][["src_e", "dst_e"]]
        users = stays.merge(uses.dropna().drop_duplicates(), left_on="phone", right_on="dst_e")
        seen = pd.concat(
            [stays.assign(person=stays["phone"]), users.assign(person=users["src_e"])],
            ignore_index=True,
        )
        return seen.drop_duplicates(["person", "row", "place_id"])[cols]


def _stay_ends(calls: pd.DataFrame) -> pd.DataFrame:
    """The first and last call of each run of one ``phone``'s calls at one ``place_id``, in
    time order (a phone's thousand calls from its home city are one stay there)."""
    calls = calls.sort_values(["phone", "time", "row"], na_position="last", kind="stable")
    phone = calls["phone"].to_numpy(dtype=object)
    place = calls["place_id"].to_numpy(dtype=object)
    same_as_before = np.zeros(len(calls), dtype=bool)
    same_as_before[1:] = (phone[1:] == phone[:-1]) & (place[1:] == place[:-1])
    same_as_after = np.zeros(len(calls), dtype=bool)
    same_as_after[:-1] = same_as_before[1:]
    return calls[~same_as_before | ~same_as_after]


def _origins(case: Case, located: pd.DataFrame, entity: pd.Series) -> pd.DataFrame:
    """Origin country of each person entity: the most frequent nationality, else the
    most frequent country of residence. Columns person, country, row."""
    loc = located[located["place_id"].notna() & located["field"].isin(["nationality", "country"])]
    loc = loc.assign(person=entity.reindex(loc["mention_id"]).to_numpy())
    rows = case.mentions.set_index("mention_id").reindex(loc["mention_id"])
    loc = loc.assign(
        row=_rows_of(rows["source"], rows["row"]),
        order=loc["field"].map({"nationality": 0, "country": 1}),
    )
    counts = loc.groupby(["person", "order", "country"]).agg(
        n=("row", "size"), row=("row", "first")
    )
    counts = counts.reset_index().sort_values(
        ["person", "order", "n", "country"], ascending=[True, True, False, True]
    )
    return counts.drop_duplicates("person").set_index("person")[["country", "row", "order"]]


def _contacts(case: Case, entity: pd.Series, victims: Iterable[str]) -> pd.DataFrame:
    """Countries of the phones each victim is in contact with: calls to or from their
    phones, and the phones of the suspects they are named with. Columns person, country,
    row."""
    links = case.links
    e_src = entity.reindex(links["src"]).to_numpy()
    e_dst = entity.reindex(links["dst"]).to_numpy()
    lk = links.assign(src_e=e_src, dst_e=e_dst)
    m = case.mentions
    phone_country = (
        pd.DataFrame({"e": entity.reindex(m["mention_id"]).to_numpy(), "c": m["country"]})[
            m["type"].eq("phone").to_numpy()
        ]
        .dropna()
        .drop_duplicates("e")
        .set_index("e")["c"]
    )
    uses = lk[lk["kind"].eq("uses_phone")][["src_e", "dst_e"]].drop_duplicates()
    vset = set(victims)
    vphones = uses[uses["src_e"].isin(vset)].rename(columns={"src_e": "person", "dst_e": "ph"})
    calls = lk[lk["kind"].isin(["called", "messaged"])]
    rows = []
    for a, b in (("src_e", "dst_e"), ("dst_e", "src_e")):
        c = calls.merge(vphones, left_on=a, right_on="ph")
        rows.append(
            pd.DataFrame(
                {
                    "person": c["person"],
                    "other": c[b],
                    "row": c["source"].astype(str) + ":" + c["row"].astype(str),
                }
            )
        )
    named = lk[lk["kind"].eq("victim_of") & lk["src_e"].isin(vset)]
    sus = named.merge(uses, left_on="dst_e", right_on="src_e", suffixes=("", "_u"))
    rows.append(
        pd.DataFrame(
            {
                "person": sus["src_e"],
                "other": sus["dst_e_u"],
                "row": sus["source"].astype(str) + ":" + sus["row"].astype(str),
            }
        )
    )
    out = pd.concat(rows, ignore_index=True)
    out["country"] = out["other"].map(phone_country)
    # the victim's own phones are not contacts
    own = set(zip(vphones["person"], vphones["ph"], strict=True))
    keep = [(p, o) not in own for p, o in zip(out["person"], out["other"], strict=True)]
    return out[np.array(keep, dtype=bool)].dropna(subset=["country"])


def movements(case: Case, located: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every movement the case shows (see the module docstring), one row each.

    Returns:
        Columns ``movement_id``, ``kind``, ``entity_id`` (person, phone, account or place
        it starts from), ``other_id`` (the phone, account or place it goes to),
        ``victim``, ``origin_country``, ``transit_countries`` (";"-joined, in order),
        ``destination_country``, ``origin_city``, ``destination_city`` (GeoNames names),
        ``origin_place``, ``transit_places``, ``destination_place`` (place ids),
        ``first``, ``last``, ``amount``, ``currency``, ``weight`` (how many times a reported
        flow was reported; 1 otherwise), ``basis`` and ``rows`` (JSON list of ``source:row``).
    """
    if located is None:
        located = places(case)[1]
    entity = case.entity_of()
    m = case.mentions.set_index("mention_id")
    role = pd.Series(m["role"].to_numpy(), index=entity.reindex(m.index).to_numpy())
    victim_entities = set(role[role.map(is_victim)].index)
    persons = set(entity.reindex(m.index[m["type"].eq("person")]).dropna())
    out: list[dict[str, Any]] = []

    # -- persons: origin -> seen places --------------------------------------------------
    sight = _Sightings(case, located)
    seen = sight.seen()
    seen = seen[seen["person"].isin(persons)]
    origins = _origins(case, located, entity)
    contacts = _contacts(case, entity, victim_entities & set(seen["person"]))
    # a comprehension: dict() would call the groupby's .keys attribute (a string)
    by_contact = {p: g for p, g in contacts.groupby("person")}  # noqa: C416
    never = pd.Timestamp.max.tz_localize("UTC")
    # sorted once, not per person: a CDR's thousand subscribers each seen at their cells
    seen = seen.assign(t=pd.to_datetime(seen["time"], utc=True).fillna(never))
    seen = seen.sort_values(["person", "t", "row"], kind="stable")
    # each person's sightings are one run of the sorted table: walked as plain lists
    # (a groupby's frame per person cost seconds on a CDR's thousands of subscribers)
    first_seen = seen.groupby("person", sort=True)["time"].agg(["min", "max"])
    origin_of = origins.to_dict("index")
    who = seen["person"].to_numpy()
    starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]]).tolist() if len(who) else []
    ends = [*starts[1:], len(who)] if starts else []
    countries, place_ids = seen["country"].tolist(), seen["place_id"].tolist()
    names, bases, seen_rows = seen["name"].tolist(), seen["basis"].tolist(), seen["row"].tolist()
    for start, end in zip(starts, ends, strict=True):
        person = who[start]
        o = origin_of.get(person)
        o_country = None if o is None else str(o["country"])
        stops = list(zip(countries[start:end], place_ids[start:end], names[start:end], strict=True))
        o_city = o_place = None
        if o_country is not None and stops and stops[0][0] == o_country and len(stops) > 1:
            o_place, o_city = stops[0][1], stops[0][2]
        while stops and stops[0][0] == o_country and len(stops) > 1:
            stops = stops[1:]
        d_country, d_place, d_city = stops[-1]
        transit = [s[0] for s in stops[:-1]]
        rows = ([] if o is None else [str(o["row"])]) + [
            r for r in seen_rows[start:end] if not pd.isna(r)
        ]
        basis = [
            "origin: "
            + ("unknown" if o is None else "nationality" if o["order"] == 0 else "residence"),
            *sorted(set(bases[start:end])),
        ]
        is_victim_ = person in victim_entities
        if is_victim_ and person in by_contact:
            c = by_contact[person]
            third = c[~c["country"].isin([o_country, d_country, *transit])]
            counts = third["country"].value_counts()
            # one call to a cousin abroad is not a route: a third country counts when at
            # least two contacts and a quarter of the victim's contacts are there
            counts = counts[(counts >= 2) & (counts >= 0.25 * len(c))]
            third = third[third["country"].isin(counts.index)]
            if len(third):
                transit += sorted(counts.index)
                rows += third["row"].drop_duplicates().head(20).tolist()
                basis.append("transit: countries of their contacts' phones")
        transit = list(dict.fromkeys(t for t in transit if t not in (o_country, d_country)))
        if o_country == d_country and not transit and not is_victim_:
            continue  # a person seen at home: no movement
        out.append(
            {
                "kind": "victim" if is_victim_ else "person",
                "entity_id": person,
                "other_id": d_place,
                "victim": is_victim_,
                "origin_country": o_country,
                "transit_countries": ";".join(transit),
                "destination_country": d_country,
                "origin_city": o_city,
                "destination_city": d_city,
                "origin_place": o_place or (None if o_country is None else f"country:{o_country}"),
                "transit_places": ";".join(f"country:{t}" for t in transit),
                "destination_place": d_place,
                "first": first_seen.at[person, "min"],
                "last": first_seen.at[person, "max"],
                "basis": "; ".join(basis),
                "rows": json.dumps(list(dict.fromkeys(rows))),
            }
        )
    # -- crossings: events with from/to (or an in/out direction) --------------------------
    ends = crossing_ends(case, located)
    if len(ends):
        lk = case.links[case.links["kind"].isin(_AT_EVENT) & case.links["dst"].isin(ends.index)]
        for _, link in lk.iterrows():
            # a side not known (an entry whose far side no field names) stays missing
            f, t = (None if pd.isna(v) else v for v in ends.loc[link["dst"], ["from", "to"]])
            person = entity.get(link["src"])
            when = sight.time.get(link["dst"])
            out.append(
                {
                    "kind": "crossing",
                    "entity_id": person,
                    "other_id": entity.get(link["dst"]),
                    "victim": person in victim_entities,
                    "origin_country": f,
                    "transit_countries": "",
                    "destination_country": t,
                    "origin_place": None if f is None else f"country:{f}",
                    "destination_place": None if t is None else f"country:{t}",
                    "transit_places": "",
                    "first": when,
                    "last": when,
                    "basis": "border crossing (event from/to)",
                    "rows": json.dumps([sight.rows.get(link["dst"], "")]),
                }
            )
    frame = pd.DataFrame(out)
    # -- calls, transfers, reported flows: one per link ----------------------------------
    ident = case.mentions[["mention_id", "country", "type"]].set_index("mention_id")
    loc_country = located[located["place_id"].notna() & located["field"].isin(["country", "name"])]
    loc_country = loc_country.drop_duplicates("mention_id").set_index("mention_id")["country"]
    place_country = ident["country"].where(ident["type"].ne("location"))
    place_country = place_country.fillna(loc_country.reindex(place_country.index))
    kinds = {"called": "call", "messaged": "call", "paid": "transfer"}
    lk = case.links
    src_c = place_country.reindex(lk["src"]).to_numpy()
    dst_c = place_country.reindex(lk["dst"]).to_numpy()
    src_t = ident["type"].reindex(lk["src"]).to_numpy()
    dst_t = ident["type"].reindex(lk["dst"]).to_numpy()
    kind = lk["kind"].map(kinds).to_numpy(dtype=object)
    kind = np.where((src_t == "location") & (dst_t == "location"), "reported", kind)
    keep = pd.notna(kind) & pd.notna(src_c) & pd.notna(dst_c)
    sel = lk[keep]
    if len(sel):
        links = pd.DataFrame(
            {
                "kind": kind[keep],
                "entity_id": entity.reindex(sel["src"]).to_numpy(),
                "other_id": entity.reindex(sel["dst"]).to_numpy(),
                "victim": False,
                "origin_country": src_c[keep],
                "transit_countries": "",
                "destination_country": dst_c[keep],
                "origin_place": ["country:" + str(c) for c in src_c[keep]],
                "transit_places": "",
                "destination_place": ["country:" + str(c) for c in dst_c[keep]],
                "first": sel["time"].to_numpy(),
                "last": sel["time"].to_numpy(),
                "amount": sel["amount"].to_numpy(),
                "currency": sel["currency"].to_numpy(),
                "weight": np.where(
                    kind[keep] == "reported", sel["weight"].fillna(1.0).to_numpy(), 1.0
                ),
                "basis": np.where(
                    kind[keep] == "reported",
                    "link between two places",
                    "countries of the two numbers",
                ),
                "rows": '["'
                + pd.Series(_rows_of(sel["source"], sel["row"]))
                .str.replace('"', '\\"', regex=False)
                .to_numpy(dtype=object)
                + '"]',
            }
        )
        links = _seen_once(
            links, sel["kind"].to_numpy(dtype=object), sel["source"].to_numpy(dtype=object)
        )
        frame = pd.concat([frame, links], ignore_index=True) if len(frame) else links
    if frame.empty:
        return _empty_movements()
    for col in ("origin_city", "destination_city", "amount", "currency"):
        if col not in frame.columns:
            frame[col] = None
    frame["weight"] = frame["weight"].fillna(1.0) if "weight" in frame.columns else 1.0
    frame["first"] = pd.to_datetime(frame["first"], utc=True)
    frame["last"] = pd.to_datetime(frame["last"], utc=True)
    frame.insert(0, "movement_id", [f"mv:{i + 1}" for i in range(len(frame))])
    return frame[list(MOVEMENT_COLUMNS)]


def _seen_once(links: pd.DataFrame, link_kinds: np.ndarray, sources: np.ndarray) -> pd.DataFrame:
    """Calls and transfers that two sources both report counted once, as the graph counts
    them (:func:`linkgraph.same_event.first_reports` says when two links are one event:
    ``link_kinds`` are the links' own kinds, paid, called, messaged); the one kept lists
    the rows of both.

    Examples:
        >>> t = pd.Timestamp("2024-03-01 10:00", tz="UTC")
        >>> links = pd.DataFrame({"kind": ["transfer"] * 3, "entity_id": ["a"] * 3,
        ...     "other_id": ["b"] * 3, "amount": [3000.0] * 3, "currency": ["EUR"] * 3,
        ...     "first": [t] * 3, "rows": ['["bank.csv:4"]', '["camt.xml:2"]', '["bank.csv:9"]']})
        >>> _seen_once(links, np.array(["paid"] * 3),
        ...     np.array(["bank.csv", "camt.xml", "bank.csv"]))["rows"].tolist()
        ['["bank.csv:4", "camt.xml:2"]', '["bank.csv:9"]']
    """
    group = first_reports(
        pd.Series(link_kinds),
        links["entity_id"],
        links["other_id"],
        links["amount"],
        links["currency"],
        links["first"],
        pd.Series(sources),
    )
    first = group == np.arange(len(links))
    if first.all():
        return links
    rows = (
        pd.Series(links["rows"].to_numpy())
        .groupby(group, sort=False)
        .agg(lambda r: json.dumps([x for cell in r for x in json.loads(cell)]))
    )
    out = links[first].copy()
    out["rows"] = rows.reindex(group[first]).to_numpy()
    return out.reset_index(drop=True)


MOVEMENT_COLUMNS = (
    "movement_id",
    "kind",
    "entity_id",
    "other_id",
    "victim",
    "origin_country",
    "transit_countries",
    "destination_country",
    "origin_city",
    "destination_city",
    "origin_place",
    "transit_places",
    "destination_place",
    "first",
    "last",
    "amount",
    "currency",
    "weight",
    "basis",
    "rows",
)


def _empty_movements() -> pd.DataFrame:
    """An empty movements table."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in MOVEMENT_COLUMNS})


_COUNT_KINDS = {"calls": "call", "transfers": "transfer", "reports": "reported"}


def flows(movements: pd.DataFrame, *, min_count: int = 1, domestic: bool = False) -> pd.DataFrame:
    """Flows origin -> transit -> destination by country and by city.

    Args:
        movements: from :func:`movements`.
        min_count: UNODC's rule: a flow is kept when at least this many victims share it
            (flows that no victim is on: at least this many movements).
        domestic: keep calls and transfers within one country (victims and persons found
            in their own country are always kept: domestic trafficking is trafficking).

    Returns:
        Columns ``level`` (country, city), ``origin``, ``transit`` (";"-joined),
        ``destination``, ``victims``, ``persons`` (distinct people, victims included),
        ``reports`` (times reported), ``calls``, ``transfers``, ``money`` (the transfers'
        amounts summed per currency, never across currencies: "1,500.00 EUR; 2,000.50
        MDL", amounts of no known currency apart as "300.00 (currency unknown)"; empty
        without transfers), ``first``, ``last``, ``movements``, ``entities``
        (";"-joined entity ids of the people on it) and ``rows`` (JSON, up to 50 source
        rows); known origins first, then most victims. At the city level an end of no
        known city is its country, marked: "UA (no city)".
    """
    mv = movements
    if mv.empty:
        return _flows_from(mv, "country")
    if not domestic:
        same = mv["origin_country"].eq(mv["destination_country"]) & mv["transit_countries"].eq("")
        mv = mv[~(same & mv["kind"].isin(["call", "transfer"]))]
    city = mv[mv["origin_city"].notna() | mv["destination_city"].notna()]
    out = pd.concat([_flows_from(mv, "country"), _flows_from(city, "city")], ignore_index=True)
    people = out["victims"] > 0
    keep = np.where(people, out["victims"] >= min_count, out["movements"] >= min_count)
    return out[keep].reset_index(drop=True)


#: The key of amounts of no known currency in a flow's ``money`` (currencies are upper case).
UNKNOWN_CURRENCY = "unknown"


def money_totals(transfers: pd.DataFrame, key: list[str]) -> pd.Series:
    """Per group of ``key``, the ``amount`` of ``transfers`` summed per ``currency``, as a
    JSON object ``{"MDL": 2000.5, "EUR": 1500.0}`` (largest first): amounts of different
    currencies are never added up, and those of no known currency are summed apart under
    :data:`UNKNOWN_CURRENCY`. Groups without an amount are absent."""
    money = transfers[transfers["amount"].notna()]
    if money.empty:
        return pd.Series(dtype="string")
    cur = money["currency"].astype("string").fillna("").rename("_currency")
    sums = money.groupby([*(money[k] for k in key), cur], sort=False)["amount"].sum()
    sums = sums.reset_index().sort_values("amount", ascending=False, kind="stable")
    sums["_currency"] = sums["_currency"].replace("", UNKNOWN_CURRENCY)
    pairs = pd.Series(
        list(zip(sums["_currency"], sums["amount"].astype(float), strict=True)), index=sums.index
    )
    joined = pairs.groupby([sums[k] for k in key], sort=False).agg(
        lambda s: json.dumps(dict(s.tolist()))
    )
    return joined.astype("string")


def money_amounts(money: object) -> dict[str, float]:
    """A flow's ``money`` as ``{currency: total}`` (empty when the flow moved none)."""
    if not isinstance(money, str) or not money.strip().startswith("{"):
        return {}  # none, or the text of a flows table written before ("2,500.00 EUR")
    return {str(k): float(v) for k, v in json.loads(money).items()}


def money_text(money: object) -> str:
    """A flow's ``money`` for a person: "2,000.50 MDL; 1,500.00 EUR; 300.00 (currency
    unknown)", or "" when the flow moved none."""
    if isinstance(money, str) and money.strip() and not money.strip().startswith("{"):
        return money  # already text: a flows table written before money was JSON
    return "; ".join(
        f"{total:,.2f} " + ("(currency unknown)" if cur == UNKNOWN_CURRENCY else cur)
        for cur, total in money_amounts(money).items()
    )


#: How the city level names a place whose city is not known: by its country, marked.
NO_CITY = " (no city)"


def no_city(countries: pd.Series) -> pd.Series:
    """Countries as the city level shows a place of no known city: "UA (no city)"
    (missing stays missing).

    Examples:
        >>> no_city(pd.Series(["UA", None])).tolist()
        ['UA (no city)', <NA>]
    """
    return countries.astype("string") + NO_CITY


def _flows_from(mv: pd.DataFrame, level: str) -> pd.DataFrame:
    cols = [
        "level",
        "origin",
        "transit",
        "destination",
        "victims",
        "persons",
        "reports",
        "calls",
        "transfers",
        "money",
        "first",
        "last",
        "movements",
        "entities",
        "rows",
    ]
    if mv.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    if level == "country":
        o, d = mv["origin_country"], mv["destination_country"]
    else:
        o = mv["origin_city"].fillna(no_city(mv["origin_country"]))
        d = mv["destination_city"].fillna(no_city(mv["destination_country"]))
    frame = pd.DataFrame(
        {
            "origin": o.fillna("?").astype(str),
            "transit": mv["transit_countries"].fillna(""),
            "destination": d.fillna("?").astype(str),
            "kind": mv["kind"],
            "victim": mv["victim"].astype(bool),
            "entity_id": mv["entity_id"],
            "amount": pd.to_numeric(mv["amount"], errors="coerce"),
            "currency": mv["currency"].astype("string").str.strip().str.upper(),
            "weight": pd.to_numeric(mv["weight"], errors="coerce").fillna(1.0),
            "first": mv["first"],
            "last": mv["last"],
            "rows": mv["rows"],
        }
    )
    frame["person"] = frame["kind"].isin(["victim", "person", "crossing"])
    key = ["origin", "transit", "destination"]
    g = frame.groupby(key, sort=False)
    out = g.agg(first=("first", "min"), last=("last", "max"), movements=("kind", "size"))
    out["victims"] = frame[frame["victim"]].groupby(key)["entity_id"].nunique()
    out["persons"] = frame[frame["person"]].groupby(key)["entity_id"].nunique()
    for col, kind in _COUNT_KINDS.items():
        out[col] = frame[frame["kind"].eq(kind)].groupby(key).size()
    # a reported flow counts as often as it was reported (repeated rows of an edge list)
    out["reports"] = frame[frame["kind"].eq("reported")].groupby(key)["weight"].sum()
    out["money"] = money_totals(frame[frame["kind"].eq("transfer")], key)
    out["entities"] = (
        frame[frame["person"]]
        .groupby(key)["entity_id"]
        .agg(lambda s: ";".join(sorted(set(s.dropna()))))
    )
    out["rows"] = g["rows"].agg(
        lambda s: json.dumps(list(dict.fromkeys(r for x in s for r in json.loads(x)))[:50])
    )
    for col in ("victims", "persons", "reports", "calls", "transfers"):
        out[col] = out[col].fillna(0).astype("int64")
    out["money"] = out["money"].fillna("").astype("string")
    out["entities"] = out["entities"].fillna("")
    out = out.reset_index()
    out["level"] = level
    # known origins first: a flow from "?" says where victims were found, not a route
    out["unknown"] = out["origin"].eq("?")
    out = out.sort_values(
        [
            "unknown",
            "victims",
            "persons",
            "reports",
            "movements",
            "origin",
            "transit",
            "destination",
        ],
        ascending=[True, False, False, False, False, True, True, True],
        kind="stable",
    )
    return out[cols].reset_index(drop=True)


def hotspots(movements: pd.DataFrame, place_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Places ranked by the movements through them, by country and by city.

    Each movement is a path origin -> transit... -> destination. ``inflow`` counts the
    movements arriving at a place (as destination or transit), ``outflow`` those leaving
    it (as origin or transit), ``throughput`` is their sum, ``victims_*`` the same for
    victims only; ``betweenness`` is the normalised betweenness centrality of the place in
    the directed network of legs (networkx's definition, unweighted). At the city level a
    place of no known city (an origin known by its country, a transit country) is its
    country, named "Ukraine (no city)".

    Returns:
        Columns ``level``, ``place``, ``name``, ``inflow``, ``outflow``, ``transit``,
        ``throughput``, ``victims_in``, ``victims_out``, ``victims_through``,
        ``betweenness``, sorted by throughput.
    """
    import networkx as nx

    names = place_names or {}
    frames = []
    for level in ("country", "city"):
        counts: dict[str, dict[str, int]] = {}
        graph = nx.DiGraph()
        countries: set[str] = set()  # at the city level: places of no known city
        for row in movements.itertuples(index=False):
            if level == "country":
                path = [
                    row.origin_country,
                    *filter(None, str(row.transit_countries or "").split(";")),
                    row.destination_country,
                ]
            else:
                if pd.isna(row.origin_city) and pd.isna(row.destination_city):
                    continue
                transit = list(filter(None, str(row.transit_countries or "").split(";")))
                first = row.origin_place if pd.notna(row.origin_city) else row.origin_country
                last = (
                    row.destination_place
                    if pd.notna(row.destination_city)
                    else row.destination_country
                )
                path = [first, *transit, last]
                countries.update(transit)
                if pd.isna(row.origin_city):
                    countries.add(row.origin_country)
                if pd.isna(row.destination_city):
                    countries.add(row.destination_country)
            path = [p for p in path if isinstance(p, str) and p]
            if len(path) < 2:
                continue
            for i, p in enumerate(path):
                c = counts.setdefault(
                    p,
                    dict.fromkeys(
                        (
                            "inflow",
                            "outflow",
                            "transit",
                            "victims_in",
                            "victims_out",
                            "victims_through",
                        ),
                        0,
                    ),
                )
                first, last = i == 0, i == len(path) - 1
                c["inflow"] += not first
                c["outflow"] += not last
                c["transit"] += not first and not last
                if row.victim:
                    c["victims_in"] += last
                    c["victims_out"] += first
                    c["victims_through"] += not first and not last
            nx.add_path(graph, path)
        if not counts:
            continue
        bc = nx.betweenness_centrality(graph)
        df = pd.DataFrame.from_dict(counts, orient="index")
        df["throughput"] = df["inflow"] + df["outflow"]
        df["betweenness"] = pd.Series(bc)
        df.index.name = "place"
        df = df.reset_index()
        df["level"] = level
        df["name"] = [
            names.get(p, names.get(f"country:{p}", p)) + (NO_CITY if p in countries else "")
            for p in df["place"]
        ]
        frames.append(df)
    cols = [
        "level",
        "place",
        "name",
        "inflow",
        "outflow",
        "transit",
        "throughput",
        "victims_in",
        "victims_out",
        "victims_through",
        "betweenness",
    ]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.sort_values(
        ["level", "throughput", "place"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)


def routes(case: Case, *, min_count: int = 1) -> Case:
    """Places, movements, flows and hotspots of ``case``, written into a new Case.

    Adds the ``places``, ``movements``, ``flows`` and ``hotspots`` tables (see
    :func:`places`, :func:`movements`, :func:`flows`, :func:`hotspots`); the others pass
    through. ``min_count`` is recorded in the manifest and applied to ``flows``.
    """
    from linkgraph.geo.places import country_place

    table, located = places(case)
    mv = movements(case, located)
    names = {
        str(p): str(n)
        for p, n in zip(table["place_id"], table["name"], strict=True)
        if isinstance(p, str)
    }
    for code in (
        set(mv["origin_country"].dropna())
        | set(mv["destination_country"].dropna())
        | {t for s in mv["transit_countries"].dropna() for t in str(s).split(";") if t}
    ):
        place = country_place(str(code))
        names[str(code)] = place.name if place is not None else str(code)
    fl = flows(mv, min_count=min_count)
    # hotspots are where people go: calls and transfers tie every country of a case to
    # every other and would drown the routes (they are counted in the flows)
    people = mv[mv["kind"].isin(PEOPLE_KINDS)]
    hs = hotspots(people if len(people) else mv, names)
    found = table["place_id"].notna()
    stats = {
        "place_strings": len(table),
        "geocoded": int(found.sum()),
        "place_mentions": int(table["mentions"].sum()),
        "geocoded_mentions": int(table.loc[found, "mentions"].sum()),
        "movements": len(mv),
        "flows": len(fl),
    }
    return case.with_tables(places=table, movements=mv, flows=fl, hotspots=hs).with_step(
        "routes", {"min_count": min_count}, **stats
    )
