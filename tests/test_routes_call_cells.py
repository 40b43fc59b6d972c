"""A call placed at its cell (a CDR with a cell-site list, or its own lat/lon) is a
sighting of the phone the position belongs to (the served line of a carrier's export, else
the caller), and of the person who uses that phone: `linkgraph routes` moves them, as a
location history's points move its owner. A victim's cells are withheld as her other
places are; a call whose cell is not listed is no sighting."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

PEOPLE = """name,phone,nationality,role
Ion Popa,+37360000001,MD,
Maria Rusu,+37360000005,MD,victim
Vasile Ceban,+37360000009,MD,
Petru Lungu,+40720000007,UA,
"""
# Chisinau (101), Bucharest (201), Vienna (301), Berlin (401), Iasi (402); 999 is not listed.
CELLS = """cell_id,site_name,lat,lon
101,Chisinau Centru,47.0105,28.8638
201,Bucuresti Unirii,44.4268,26.1025
301,Wien Mitte,48.2082,16.3738
401,Berlin Mitte,52.5200,13.4050
402,Iasi Copou,47.1585,27.6014
"""
# Ion calls from Chisinau twice, Bucharest, Vienna, then from an unlisted cell; row 6 is a
# call *to* him placed at its caller's cell in Berlin (not his); Maria (a victim) calls
# from Chisinau, then Iasi.
CALLS = """caller,callee,start_time,cell_id
+37360000001,+40720000002,2024-03-01 10:00,101
+37360000001,+40720000002,2024-03-01 11:00,101
+37360000001,+40720000003,2024-03-02 10:00,201
+37360000001,+40720000002,2024-03-03 10:00,301
+37360000001,+40720000002,2024-03-04 10:00,999
+40720000002,+37360000001,2024-03-05 10:00,401
+37360000005,+40720000002,2024-03-01 09:00,101
+37360000005,+40720000002,2024-03-02 09:00,402
"""
# A carrier's export for Vasile's line: the cell is the served line's, also when Petru
# calls him (row 1), so Petru (UA) is seen nowhere.
SERVED = """served_msisdn,caller,callee,start_time,cell_id
+37360000009,+40720000007,+37360000009,2024-03-01 08:00,201
+37360000009,+37360000009,+40720000007,2024-03-02 08:00,301
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    files = {"people.csv": PEOPLE, "cells.csv": CELLS, "calls.csv": CALLS, "served.csv": SERVED}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-o", str(case), "-q")
    cdrs = [str(tmp_path / n) for n in ("calls.csv", "served.csv", "cells.csv")]
    _run("ingest", *cdrs, "--preset", "cdr", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    _run("analyze", str(case), "-q")
    return case


def _people_movements(case: Path) -> dict[str, tuple[object, ...]]:
    """Each person's movement as (origin, transit, destination, destination city, first,
    last, rows), by name (--show-victims)."""
    text = _run("routes", str(case), "--table", "movements", "--json", "--show-victims", "-q")
    rows = json.loads(text)
    return {
        r["label"]: (
            r["origin_country"],
            ";".join(r["transit_countries"]),
            r["destination_country"],
            r["destination_city"],
            pd.Timestamp(r["first"]).strftime("%m-%d %H:%M"),
            pd.Timestamp(r["last"]).strftime("%m-%d %H:%M"),
            r["rows"],
        )
        for r in rows
        if r["kind"] in ("person", "victim")
    }


def test_positioned_calls_move_the_phones_users(tmp_path: Path) -> None:
    """Ion (MD) seen in Chisinau, Bucharest, Vienna: MD -> RO -> AT; the unlisted cell
    (row 5) and the Berlin cell of a call to him (row 6, its caller's) see him nowhere.
    Vasile's served line: Bucharest, Vienna (MD -> RO -> AT), Petru who called him is not
    seen at Vasile's cell. Maria (victim) Chisinau, then Iasi: MD -> RO."""
    moves = _people_movements(_case(tmp_path))
    assert set(moves) == {"Ion Popa", "Vasile Ceban", "Maria Rusu"}
    ion = moves["Ion Popa"]
    assert ion[:6] == ("MD", "RO", "AT", "Vienna", "03-01 10:00", "03-03 10:00")
    # the two calls from Chisinau are one stay (its first and last call)
    assert [r for r in ion[6] if r.startswith("calls.csv")] == [
        "calls.csv:1",
        "calls.csv:2",
        "calls.csv:3",
        "calls.csv:4",
    ]
    assert moves["Vasile Ceban"][:6] == ("MD", "RO", "AT", "Vienna", "03-01 08:00", "03-02 08:00")
    assert moves["Maria Rusu"][:6] == ("MD", "", "RO", "Iaşi", "03-01 09:00", "03-02 09:00")


def test_flows_and_map_show_the_calls_places(tmp_path: Path) -> None:
    """Flows by country count Ion and Vasile on MD -> RO -> AT and the victim on MD -> RO;
    the routes map draws Vienna as a city."""
    from linkgraph.render.routes import routes_data

    case = _case(tmp_path)
    flows = json.loads(_run("routes", str(case), "--json", "-q"))
    by_path = {(f["origin"], ";".join(f["transit"]), f["destination"]): f for f in flows}
    assert by_path[("MD", "RO", "AT")]["persons"] == 2
    assert by_path[("MD", "", "RO")]["victims"] == 1
    data = routes_data(Case.read(case))
    assert "Vienna" in {p["name"] for p in data["places"] if p["level"] == "city"}


def test_a_victims_cells_are_withheld(tmp_path: Path) -> None:
    """Maria's cells (Iasi, and Chisinau she shares with Ion) are her places: the places
    table withholds their coordinates, her name is never printed; --show-victims shows
    them."""
    case = _case(tmp_path)
    places = _run("routes", str(case), "--table", "places", "--csv", "-q")
    text = _run("routes", str(case), "-q")
    for shown in (places, text):
        assert "47.1585, 27.6014" not in shown
        assert "47.0105, 28.8638" not in shown
        assert "Maria Rusu" not in shown
    table = pd.read_csv(io.StringIO(places))
    cells = table[table["field"].eq("cell")]
    assert cells["value"].eq("(a victim's place, withheld)").sum() == 2
    assert "44.4268, 26.1025" in places  # Ion's and Vasile's Bucharest cell: not hers
    shown = _run("routes", str(case), "--table", "places", "--csv", "--show-victims", "-q")
    assert "47.1585, 27.6014" in shown
