"""The report's warning on a source that marks no victim says its persons are protected
only where resolution joins them to a victim marked in another file, and how many are."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.render.report import report_html

_MARKED = "Name,Phone,Role\nAna Victima,+40721000222,victim\nIon Popa,+40721000111,suspect\n"
_UNMARKED = "Name,Phone\nAna Victima,+40721000222\nMihai Rus,+40721000333\n"
_MAPPING = """\
format: csv
entities:
  person: {type: person, fields: {name: Name%s}}
  phone: {type: phone, fields: {phone: Phone}}
links:
  - {kind: uses_phone, src: person, dst: phone}
"""


def _ingest(tmp_path: Path, name: str, text: str, mapping: str, out: Path) -> None:
    data, yaml = tmp_path / name, tmp_path / f"{name}.yaml"
    data.write_text(text, encoding="utf-8")
    yaml.write_text(mapping, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(yaml), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_the_warning_counts_the_persons_resolution_joined_to_a_victim(tmp_path):
    out = tmp_path / "case"
    _ingest(tmp_path, "ngo.csv", _MARKED, _MAPPING % ", role: Role", out)
    _ingest(tmp_path, "bank.csv", _UNMARKED, _MAPPING % "", out)
    result = CliRunner().invoke(cli, ["resolve", str(out)])
    assert result.exit_code == 0, result.output
    html = " ".join(report_html(Case.read(out), include_map=False).split())
    assert "Warning: no person is marked as a victim in bank.csv" in html
    assert "none of their persons is protected" not in html
    assert (
        "protected as victims in this report and the map only where resolution joins them"
        " to a victim marked in another file (1 of their person mentions are)"
    ) in html
