"""Routes on a tiny hand-made case: movements, flows and hotspots computed by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import linkgraph as lg
from linkgraph.geo.places import geocode_one
from linkgraph.metrics.routes import hotspots, money_text, movements
from linkgraph.model import LINKS, MENTIONS, Case


def _m(mid: str, type_: str, row: int, **fields: object) -> dict[str, object]:
    return {"mention_id": mid, "type": type_, "source": "tiny.csv", "row": row, **fields}


def _l(
    src: str, dst: str, kind: str, row: int, time: str | None = None, amount: float | None = None
) -> dict[str, object]:
    return {
        "link_id": f"l:{src}:{dst}:{row}",
        "src": src,
        "dst": dst,
        "kind": kind,
        "time": time,
        "amount": amount,
        "source": "tiny.csv",
        "row": row,
    }


@pytest.fixture(scope="module")
def tiny() -> Case:
    """Victims v1 (UA) and v2 (MD) and suspect s1 (BG) arrested in Berlin; victim v3 (UA)
    arrested at Passau, whose phone called two Serbian phones; two payments DE -> NL."""
    mentions = [
        _m("v1", "person", 1, name="Ana", nationality="UA", role="victim"),
        _m("v2", "person", 2, name="Ina", nationality="MD", role="victim"),
        _m("s1", "person", 3, name="Boris", nationality="BG", role="suspect"),
        _m("e1", "event", 1, attrs=json.dumps({"place": "Berlin-Neukölln"})),
        _m("v3", "person", 4, name="Olha", nationality="UA", role="victim"),
        _m("e2", "event", 4, attrs=json.dumps({"place": "BAB 3, Passau (Grenze)"})),
        _m("p3", "phone", 5, phone="+380501112233", country="UA"),
        _m("p4", "phone", 5, phone="+381601112233", country="RS"),
        _m("p5", "phone", 6, phone="+381601112244", country="RS"),
        _m("a1", "account", 7, account="DE1", country="DE"),
        _m("a2", "account", 7, account="NL1", country="NL"),
    ]
    links = [
        _l("v1", "e1", "involved_in", 1, "2023-01-05T10:00:00Z"),
        _l("v2", "e1", "involved_in", 2, "2023-01-05T10:00:00Z"),
        _l("s1", "e1", "involved_in", 3, "2023-01-05T10:00:00Z"),
        _l("v3", "e2", "involved_in", 4, "2023-02-01T08:00:00Z"),
        _l("v3", "p3", "uses_phone", 4),
        _l("p3", "p4", "called", 5, "2023-01-20T08:00:00Z"),
        _l("p3", "p5", "called", 6, "2023-01-21T08:00:00Z"),
        _l("a1", "a2", "paid", 7, "2023-03-01T00:00:00Z", 100.0),
        _l("a1", "a2", "paid", 8, "2023-03-02T00:00:00Z", 50.0),
    ]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(mentions)), links=LINKS.conform(pd.DataFrame(links))
    )
    return lg.routes(case)


def _flow(case: Case, o: str, t: str, d: str) -> pd.Series:
    f = case.flows
    sel = f[
        (f["level"] == "country")
        & (f["origin"] == o)
        & (f["transit"] == t)
        & (f["destination"] == d)
    ]
    assert len(sel) == 1, (o, t, d, f[["origin", "transit", "destination"]].to_dict("records"))
    return sel.iloc[0]


def test_flows_by_hand(tiny: Case) -> None:
    assert tiny.flows is not None
    assert _flow(tiny, "UA", "", "DE")[["victims", "persons"]].tolist() == [1, 1]
    assert _flow(tiny, "MD", "", "DE")[["victims", "persons"]].tolist() == [1, 1]
    # v3's phone called two Serbian phones: Serbia is her transit country
    via = _flow(tiny, "UA", "RS", "DE")
    assert via[["victims", "persons"]].tolist() == [1, 1]
    assert {"tiny.csv:4", "tiny.csv:5", "tiny.csv:6"} <= set(json.loads(via["rows"]))
    bg = _flow(tiny, "BG", "", "DE")
    assert bg[["victims", "persons"]].tolist() == [0, 1]
    money = _flow(tiny, "DE", "", "NL")
    assert money["transfers"] == 2
    assert json.loads(money["money"]) == {"unknown": 150.0}
    calls = _flow(tiny, "UA", "", "RS")
    assert calls["calls"] == 2
    assert str(calls["first"].date()) == "2023-01-20"
    assert str(calls["last"].date()) == "2023-01-21"
    # UNODC-style minimum: no flow here has two victims, and the money/call flows 2 movements
    strict = lg.routes(tiny, min_count=2).flows
    assert strict is not None
    assert set(strict.loc[strict["level"] == "country", "origin"]) == {"DE", "UA"}
    assert strict["victims"].sum() == 0


def test_city_level(tiny: Case) -> None:
    f = tiny.flows
    assert f is not None
    city = f[f["level"] == "city"]
    assert set(city["destination"]) == {"Neukölln", "Passau"}


def test_hotspots_by_hand(tiny: Case) -> None:
    hs = tiny.hotspots
    assert hs is not None
    country = hs[hs["level"] == "country"].set_index("place")
    assert country.loc["DE", ["inflow", "outflow", "victims_in"]].tolist() == [4, 0, 3]
    assert country.loc["UA", ["outflow", "victims_out"]].tolist() == [2, 2]
    assert country.loc["RS", ["inflow", "outflow", "transit", "victims_through"]].tolist() == [
        1,
        1,
        1,
        1,
    ]
    g = nx.DiGraph([("UA", "DE"), ("MD", "DE"), ("UA", "RS"), ("RS", "DE"), ("BG", "DE")])
    expected = nx.betweenness_centrality(g)
    for place, value in expected.items():
        assert country.loc[place, "betweenness"] == pytest.approx(value)


def test_movements_keep_their_rows(tiny: Case) -> None:
    mv = tiny.movements
    assert mv is not None
    v1 = mv[(mv["entity_id"] == "v1")].iloc[0]
    assert v1["kind"] == "victim"
    assert json.loads(v1["rows"]) == ["tiny.csv:1"]
    assert "nationality" in v1["basis"]
    assert "place of the event" in v1["basis"]
    assert set(mv["kind"]) == {"victim", "person", "call", "transfer"}
    assert len(movements(tiny)) == len(mv)
    assert hotspots(mv.iloc[0:0]).empty


@pytest.mark.parametrize(
    ("values", "name", "country"),
    [
        (["Київ", "Kyiv", "Kiev", "Киев", "KYIV", "Kijów"], "Kyiv", "UA"),
        (["Chișinău", "Chisinau", "Кишинёв", "Кишинів", "Chişinău", "Kishinev"], "Chisinau", "MD"),
        (["Одеса", "Odesa"], "Odesa", "UA"),
        (["Bucureşti", "București", "Bucharest", "Бухарест"], "Bucharest", "RO"),
        (["Warszawa", "Warsaw", "Варшава", "Warschau"], "Warsaw", "PL"),
        (["Ниш", "Nis", "Niš"], "Niš", "RS"),
        (["München", "Munich", "Flughafen München", "Мюнхен"], "Munich", "DE"),
        (["Milano", "Milan", "Милан"], "Milan", "IT"),
        (["Cologne", "Köln"], "Köln", "DE"),
        (["Україна", "Ukraine", "UKR", "UA"], "Ukraine", "UA"),
    ],
)
def test_multi_script_aliases(values: list[str], name: str, country: str) -> None:
    places = {geocode_one(v)[0] for v in values}
    assert len(places) == 1, values
    (place,) = places
    assert place is not None
    assert place.name == name
    assert place.country == country


def test_a_spelling_gazetteer_lacks_is_matched_within_the_country_known() -> None:
    """ "Kischinau" (German) is no GeoNames name of Chișinău, one letter from "Kishinau":
    found in Moldova when the row's country is known, never guessed without it; "Odessa"
    is Odesa in Ukraine."""
    assert geocode_one("Kischinau", hint="MD")[0].name == "Chisinau"
    assert geocode_one("Kischinau") == (None, "")
    assert geocode_one("Odessa", hint="UA")[0].country == "UA"
    assert geocode_one("Xanadu City", hint="MD") == (None, "")


def test_routes_geocode_a_city_in_any_script() -> None:
    mentions = [
        _m("v1", "person", 1, name="Ana", nationality="UA", role="victim", city="Кишинів"),
        _m("v2", "person", 2, name="Ina", nationality="MD", role="victim", city="Kishinev"),
    ]
    links = [_l("v1", "v2", "knows", 1, "2023-01-05T10:00:00Z")]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(mentions)), links=LINKS.conform(pd.DataFrame(links))
    )
    places = lg.routes(case).places
    cities = places[places["kind"] == "city"]
    found = dict(zip(cities["value"], cities["name"], strict=True))
    assert found == {"Кишинів": "Chisinau", "Kishinev": "Chisinau"}, found
    assert cities["place_id"].nunique() == 1


def test_unknown_places_are_not_invented() -> None:
    assert geocode_one("Xanadu City") == (None, "")
    assert geocode_one("") == (None, "")
    assert geocode_one("Tibet", kind="country") == (None, "")
    found = lg.geocode(["Kiev", "Qwertzuiop"])
    assert found["place_id"].isna().tolist() == [False, True]


def test_a_case_without_places_has_empty_tables() -> None:
    m = [_m("a", "person", 1, name="A"), _m("b", "person", 2, name="B")]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(m)),
        links=LINKS.conform(pd.DataFrame([_l("a", "b", "contacted", 1)])),
    )
    routed = lg.routes(case)
    for table in (routed.places, routed.movements, routed.flows, routed.hotspots):
        assert table is not None
        assert table.empty
    assert routed.manifest["steps"][-1]["place_strings"] == 0


def test_money_is_summed_per_currency_never_across_currencies() -> None:
    """1500 EUR and 2000.50 MDL from RO to MD are two totals; before, the flow showed
    "3500". Amounts of no known currency are summed apart."""
    mentions = [
        _m("a1", "account", 1, account="RO1", country="RO"),
        _m("a2", "account", 1, account="MD1", country="MD"),
    ]
    links = [
        {**_l("a1", "a2", "paid", 1, "2024-03-01T00:00:00Z", 1000.0), "currency": "EUR"},
        {**_l("a1", "a2", "paid", 2, "2024-03-02T00:00:00Z", 2000.5), "currency": "MDL"},
        {**_l("a1", "a2", "paid", 3, "2024-03-03T00:00:00Z", 500.0), "currency": "EUR"},
        _l("a1", "a2", "paid", 4, "2024-03-04T00:00:00Z", 300.0),
    ]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(mentions)), links=LINKS.conform(pd.DataFrame(links))
    )
    flow = _flow(lg.routes(case), "RO", "", "MD")
    assert flow["transfers"] == 4
    assert list(json.loads(flow["money"]).items()) == [
        ("MDL", 2000.5),
        ("EUR", 1500.0),
        ("unknown", 300.0),
    ]
    assert money_text(flow["money"]) == "2,000.50 MDL; 1,500.00 EUR; 300.00 (currency unknown)"


def test_city_level_marks_places_of_no_known_city(tiny: Case) -> None:
    """The origins (nationalities) and Serbia (a transit country) have no city: the city
    level names them by country, marked, never as if they were cities."""
    f = tiny.flows
    assert f is not None
    city = f[f["level"] == "city"]
    got = set(zip(city["origin"], city["transit"], city["destination"], strict=True))
    assert got == {
        ("UA (no city)", "", "Neukölln"),
        ("MD (no city)", "", "Neukölln"),
        ("BG (no city)", "", "Neukölln"),
        ("UA (no city)", "RS", "Passau"),
    }
    hs = tiny.hotspots
    assert hs is not None
    names = set(hs.loc[hs["level"] == "city", "name"])
    assert {"Ukraine (no city)", "Serbia (no city)", "Moldova (no city)"} <= names
    assert {"Neukölln", "Passau"} <= names
    assert not names & {"Ukraine", "Serbia", "Moldova", "Bulgaria"}
    country = set(hs.loc[hs["level"] == "country", "name"])
    assert "Ukraine" in country  # the country level is unchanged


def test_routes_cli_counts_the_flows_of_the_level_printed(tiny: Case, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from linkgraph.cli import cli

    case_dir = tiny.write(tmp_path / "case")
    runner = CliRunner()
    for level, shown, other in (("city", 4, "country: 6"), ("country", 6, "city: 4")):
        out = runner.invoke(cli, ["routes", str(case_dir), "--level", level])
        assert out.exit_code == 0, out.output
        assert f"flows by {level} (min count 1): {shown} (by {other})" in out.output
        table = runner.invoke(cli, ["routes", str(case_dir), "--level", level, "--csv"])
        assert len(pd.read_csv(io.StringIO(table.stdout))) == shown
    out = runner.invoke(cli, ["routes", str(case_dir), "--level", "city", "--min-count", "2"])
    assert "flows by city (min count 2): 0 (by country: 2)" in out.output
    hot = runner.invoke(cli, ["routes", str(case_dir), "--level", "city", "--table", "hotspots",
                              "--json"])  # fmt: skip
    assert "Ukraine (no city)" in {row["name"] for row in json.loads(hot.stdout)}
