"""A map or report that names victims because the config says
``render: {pseudonymize_victims: false}`` (`linkgraph run`, `render --config`, `report
--config`) is recorded in the case's named_outputs.jsonl and said on the terminal as one
made with --show-victims is, and the files name the route that named the victims (not
"--show-victims", which was not given) with "do not share"."""

from __future__ import annotations

import html
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.named_outputs import named_outputs

PEOPLE = (
    "name,phone,role\n"
    "Paulina Kowalska,+48 512 345 678,victim\n"
    "Marek Zielinski,+48 600 100 200,suspect\n"
)
MAPPING = """format: csv
region: PL
entities:
  person: {type: person, fields: {name: name, role: role}}
  phone: {type: phone, fields: {phone: phone}}
links:
- {kind: uses_phone, src: person, dst: phone}
"""
PIPELINE = """sources:
  - {path: people.csv, mapping: m.yaml}
render:
  pseudonymize_victims: false
out: run_named
"""
RENDER = "render:\n  pseudonymize_victims: false\n"
ROUTE = "render.pseudonymize_victims: false"


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _text(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8"))


def test_victims_named_by_the_config_are_recorded_and_said(tmp_path: Path) -> None:
    files = {"people.csv": PEOPLE, "m.yaml": MAPPING, "pipe.yaml": PIPELINE, "render.yaml": RENDER}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    said = _run("run", tmp_path / "pipe.yaml", "-q")
    out = tmp_path / "run_named"
    case = out / "case"
    assert "name victims" in said
    assert ROUTE in said
    for name in ("map.html", "report.html"):
        text = _text(out / name)
        assert "Paulina Kowalska" in text  # named, as the config asked
        assert f"({ROUTE})" in text
        assert "do not share" in text
        assert "--show-victims)" not in text
    assert [Path(r["output"]).name for r in named_outputs(case)] == ["map.html", "report.html"]
    assert all(ROUTE in r["command"] for r in named_outputs(case))

    said = _run("render", case, "-o", tmp_path / "X.html", "--config", tmp_path / "render.yaml")
    said += _run("report", case, "-o", tmp_path / "R.html", "--config", tmp_path / "render.yaml")
    assert said.count(f"names victims ({ROUTE}") == 2
    for name in ("X.html", "R.html"):
        text = _text(tmp_path / name)
        assert "Paulina Kowalska" in text
        assert f"({ROUTE})" in text
        assert "--show-victims)" not in text
    _run("report", case, "-o", tmp_path / "S.html", "--show-victims", "-q")
    assert "(--show-victims): do not share" in _text(tmp_path / "S.html")
    record = [(r["command"].split()[0], Path(r["output"]).name) for r in named_outputs(case)]
    assert record[2:] == [("render", "X.html"), ("report", "R.html"), ("report", "S.html")]

    # the default names nobody and records nothing
    _run("render", case, "-o", tmp_path / "plain.html", "-q")
    assert "Paulina Kowalska" not in _text(tmp_path / "plain.html")
    assert len(named_outputs(case)) == 5
