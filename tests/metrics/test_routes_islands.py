"""Islands and crossing points a border log names that GeoNames' towns do not (tester 36,
D10): "Lesvos"/"Lesbos" and "Samos" are Greek, "Lampedusa" Italian, "Gran Canaria"
Spanish; never "not found", never Samoa. Through the user's path: `mapping suggest` ->
`ingest` -> `resolve` -> `routes --json`, and the case's places table."""

from __future__ import annotations

import json
from pathlib import Path

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
