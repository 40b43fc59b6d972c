"""An output path of the wrong kind is a clear error naming it, never a traceback:
a file where a folder of files goes, a folder where a file goes, a file as a parent."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("out")
    (base / "list.csv").write_text(
        "record_id,given_name,family_name,dob,phone,role\n"
        "1,Ana,Pop,1990-01-01,+40722111222,suspect\n"
        "2,Ion,Rusu,1980-01-01,+40722111222,suspect\n",
        encoding="utf-8",
    )
    out = base / "case"
    got = CliRunner().invoke(cli, ["ingest", str(base / "list.csv"), "--preset", "people",
                                   "-o", str(out), "-q"])  # fmt: skip
    assert got.exit_code == 0, got.output
    return out


def _fails(*args: object) -> str:
    """The output of a command refused for its output path: exit status 2, as for a
    usage error (docs/concepts.md, exit statuses)."""
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 2, got.output
    assert not isinstance(got.exception, OSError), got.exception  # no raw traceback
    return got.output


@pytest.mark.parametrize("fmt", ["csv", "neo4j", "i2"])
def test_folder_format_to_an_existing_file(case_dir, tmp_path, fmt):
    there = tmp_path / "map.html"
    there.write_text("<html></html>", encoding="utf-8")
    out = _fails("export", case_dir, "-f", fmt, "-o", there)
    assert f"Error: {there} exists and is a file; this output is a folder of files" in out
    assert there.read_text(encoding="utf-8") == "<html></html>"  # untouched


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "xlsx", "sqlite", "ftm"])
def test_file_format_to_an_existing_folder(case_dir, tmp_path, fmt):
    there = tmp_path / "csv"
    there.mkdir()
    out = _fails("export", case_dir, "-f", fmt, "-o", there)
    assert f"Error: {there} is a folder; a file is needed here" in out
    assert f"such as {there / ('out.' + fmt)}" in out
    assert list(there.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{case}", "-f", "gexf", "-o", "{file}/x.gexf"],
        ["export", "{case}", "-f", "csv", "-o", "{file}/csv"],
        ["render", "{case}", "-o", "{file}/map.html", "-q"],
        ["report", "{case}", "-o", "{file}/report.html", "-q"],
        ["share", "{case}", "--secret", "{secret}", "-o", "{file}/bundle"],
    ],
)
def test_a_file_where_a_parent_folder_should_be(case_dir, tmp_path, args):
    file = tmp_path / "notes.txt"
    file.write_text("notes", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("0123456789abcdef0123456789abcdef\n", encoding="utf-8")
    filled = [a.format(case=case_dir, file=file, secret=secret) for a in args]
    target = next(a for a in filled if a.startswith(f"{file}/"))
    out = _fails(*filled)
    assert f"Error: {file} is a file, so {target} cannot be written inside it" in out


def test_keyplayers_csv_where_a_folder_stands(case_dir):
    (case_dir / "keyplayers.csv").mkdir()
    try:
        out = _fails("keyplayers", case_dir, "-k", "1")
        assert f"{case_dir / 'keyplayers.csv'} is a folder; a file is needed here" in out
    finally:
        (case_dir / "keyplayers.csv").rmdir()
