"""Islands and crossing points a border log names that GeoNames' towns do not (tester 36,
D10): "Lesvos"/"Lesbos" and "Samos" are Greek, "Lampedusa" Italian, "Gran Canaria"
Spanish; never "not found", never Samoa. Through the user's path: `mapping suggest` ->
`ingest` -> `resolve` -> `routes --json`, and the case's places table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

LOG = """Date,Border point,Direction,Name,Nationality,Role
2024-05-02,Lesvos,In,Ahmad Karimi,Afghan,victim
2024-05-03,Lesbos,In,Hamid Noori,Afghan,victim
2024-05-09,Samos,Out,Mustafa Demir,Turkish,smuggler
2024-06-01,Lampedusa,In,Amadou Diallo,Guinean,victim
2024-06-02,Gran Canaria,In,Moussa Sow,Senegalese,victim
"""


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output
    return done.stdout


def test_islands_are_placed_in_their_countries(tmp_path: Path) -> None:
    data = tmp_path / "coastguard.csv"
    data.write_text(LOG, encoding="utf-8")
    draft = tmp_path / "coastguard.yaml"
    draft.write_text(_run("mapping", "suggest", str(data)), encoding="utf-8")
    folder = tmp_path / "case"
    _run("ingest", str(data), "--mapping", str(draft), "-o", str(folder), "-q")
    _run("resolve", str(folder), "-q")
    flows = json.loads(_run("routes", str(folder), "--json"))
    # each entry is into the island's country, the exit out of Greece; the other side is
    # not in the log
    assert {(f["origin"], f["destination"]): f["persons"] for f in flows} == {
        ("?", "GR"): 2,
        ("GR", "?"): 1,
        ("?", "IT"): 1,
        ("?", "ES"): 1,
    }
    places = Case.read(folder).places
    points = places[places["field"] == "point"].set_index("value")
    assert points["country"].to_dict() == {
        "Lesvos": "GR",
        "Lesbos": "GR",
        "Samos": "GR",
        "Lampedusa": "IT",
        "Gran Canaria": "ES",
    }
    assert points.loc["Lesbos", "place_id"] == points.loc["Lesvos", "place_id"]


# A log of border crossings on the Black Sea and Mediterranean routes, its crossing point
# mapped by hand (docs/mapping.md: an event's `border_point` and `direction`), no country
# set: each point's country is the crossing's. By hand: Odessa is Odesa in Ukraine (not
# Odessa, Texas), Crete and Santorini Greek islands (not Crete, Illinois), Rhodes the
# Greek town (not the suburb of Sydney), Sicily Italian, Majorca Spanish, Bali Indonesian
# (not Bāli in India).
ROUTE_LOG = """Date,Border point,Direction,Name,Nationality,Role
2024-04-02,Odessa,Out,Olena Kovalenko,Ukrainian,victim
2024-05-02,Crete,In,Ahmad Karimi,Afghan,victim
2024-05-03,Rhodes,In,Hamid Noori,Afghan,victim
2024-05-09,Santorini,Out,Mustafa Demir,Turkish,smuggler
2024-06-01,Sicily,In,Amadou Diallo,Guinean,victim
2024-06-02,Majorca,In,Moussa Sow,Senegalese,victim
2024-07-01,Bali,In,Siti Rahma,Indonesian,victim
"""

ROUTE_MAPPING = """format: csv
entities:
  traveller:
    type: person
    fields:
      name: Name
      nationality: Nationality
      role: Role
  crossing:
    type: event
    fields:
      identifier: {columns: [Date, Border point, Name], join: " "}
      time: Date
      border_point: Border point
      direction: Direction
links:
  - {kind: involved_in, src: traveller, dst: crossing}
"""


def test_route_places_are_in_their_countries_not_their_namesakes(tmp_path: Path) -> None:
    data = tmp_path / "crossings.csv"
    data.write_text(ROUTE_LOG, encoding="utf-8")
    mapping = tmp_path / "crossings.yaml"
    mapping.write_text(ROUTE_MAPPING, encoding="utf-8")
    folder = tmp_path / "case"
    _run("ingest", str(data), "--mapping", str(mapping), "-o", str(folder), "-q")
    _run("resolve", str(folder), "-q")
    flows = json.loads(_run("routes", str(folder), "--json"))
    assert {(f["origin"], f["destination"]): f["persons"] for f in flows} == {
        ("UA", "?"): 1,
        ("?", "GR"): 2,
        ("GR", "?"): 1,
        ("?", "IT"): 1,
        ("?", "ES"): 1,
        ("?", "ID"): 1,
    }
    places = Case.read(folder).places
    points = places[places["field"] == "point"].set_index("value")
    found = {v: (r["name"], r["country"]) for v, r in points.iterrows()}
    assert found == {
        "Odessa": ("Odesa", "UA"),
        "Crete": ("Crete", "GR"),
        "Rhodes": ("Ródos", "GR"),
        "Santorini": ("Santorini", "GR"),
        "Sicily": ("Sicily", "IT"),
        "Majorca": ("Mallorca", "ES"),
        "Bali": ("Bali", "ID"),
    }
    # the places table a user prints names them so (victims' strings withheld)
    shown = pd.read_csv(io.StringIO(_run("routes", str(folder), "--table", "places", "--csv")))
    shown = shown[shown["field"] == "point"]
    assert sorted(zip(shown["name"], shown["country"], strict=True)) == sorted(found.values())
