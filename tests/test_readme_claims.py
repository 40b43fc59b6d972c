"""What README.md, sample_data/README.md, the notebooks and --help say, against what the
code does (tester 27: D3, D4, D5, D8)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_readme_routes_says_the_movement_rule_of_min_count():
    """flows() keeps a flow with victims when victims >= N, one without when movements >= N
    (tests/metrics/test_routes.py checks the rule by hand); the README said only the first."""
    text = _flat(README)
    assert "keeps the flows at least five victims share" not in text
    assert "a flow no victim is on" in text
    assert "when at least N movements make it" in text
    assert "a flow with 1 to N-1 victims is dropped" in text


def test_exports_write_a_victims_identifier_bare_as_the_readme_says(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(
        "name,phone,role\nIon Popa,+40721000001,suspect\nAna Rusu,+40721000002,victim\n"
    )
    case = tmp_path / "case"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(people), "--preset", "people", "-o", str(case)]).exit_code
        == 0
    )
    out = tmp_path / "csv"
    done = runner.invoke(cli, ["export", str(case), "-f", "csv", "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    entities = pd.read_csv(out / "entities.csv", dtype=str)
    phone = entities.loc[entities["type"] == "phone"].set_index("label")
    hidden = [label for label in phone.index if label.startswith("Victim-")]
    assert len(hidden) == 1
    assert re.fullmatch(r"Victim-[0-9a-f]{6}", hidden[0])  # no "(phone)"
    text = _flat(README)
    assert "write the bare `Victim-xxxxxx` as its label" in text
    assert (
        "(an identifier as `Victim-xxxxxx (phone)`) in the map, the report, every export"
        not in text
    )


def test_routes_tip_notebook_names_no_machine_path_and_says_where_its_data_come_from():
    notebook = (ROOT / "notebooks" / "routes_tip.ipynb").read_text(encoding="utf-8")
    code = "".join(
        "".join(c["source"]) for c in json.loads(notebook)["cells"] if c["cell_type"] == "code"
    )
    assert "/work/" not in code
    assert "LINKGRAPH_SHARED_DATASETS" in code
    for text in (notebook, README):
        flat = _flat(text.replace('\\n",\n    "', " "))
        assert "cib117/trafficking" in flat
        assert "LINKGRAPH_SHARED_DATASETS" in flat
        assert "print that the data are absent and do nothing" in flat


def test_export_help_points_at_the_formats_where_they_are(tmp_path):
    text = CliRunner().invoke(cli, ["export", "--help"]).output
    assert text.index("Formats:") < text.index("Target format")
    assert "see below" not in text
    assert "(see Formats above)" in _flat(text)


def test_sample_data_readme_says_synth_writes_no_readme(tmp_path):
    done = CliRunner().invoke(cli, ["synth", "--people", "100", "--seed", "7", "-o", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert not (tmp_path / "README.md").exists()
    readme = _flat((ROOT / "sample_data" / "README.md").read_text(encoding="utf-8"))
    assert "and this README.md, which synth does not write" in readme


def test_readme_link_example_shows_the_joined_case_line():
    source = (ROOT / "linkgraph" / "commands" / "share.py").read_text(encoding="utf-8")
    assert 'click.echo(f"Joined case written to {target}")' in source
    assert "compared, ...)\nJoined case written to b\n partner" in README
