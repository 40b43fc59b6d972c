"""Every file made from a case with victims named (--show-victims) is recorded in the
case folder (named_outputs.jsonl: when, which command, where), so an analyst can tell
which files must not leave the agency; the default outputs are not recorded, and the
record goes with the case when a later command writes it (tester round 18, V6)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.named_outputs import NAMED_OUTPUTS_FILE, named_outputs


def _run(*args: str) -> None:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output


def test_outputs_naming_victims_are_recorded_and_kept(case_dir: Path, tmp_path: Path) -> None:
    _run("render", str(case_dir), "-o", str(tmp_path / "map.html"))
    _run("export", str(case_dir), "-f", "gexf", "-o", str(tmp_path / "plain.gexf"), "-q")
    assert not (case_dir / NAMED_OUTPUTS_FILE).exists()  # the defaults name nobody

    _run("render", str(case_dir), "-o", str(tmp_path / "named.html"), "--show-victims")
    _run("export", str(case_dir), "-f", "gexf", "-o", str(tmp_path / "named.gexf"),
         "--show-victims", "-q")  # fmt: skip
    record = named_outputs(case_dir)
    assert [(r["command"], Path(r["output"]).name) for r in record] == [
        ("render --show-victims", "named.html"),
        ("export -f gexf --show-victims", "named.gexf"),
    ]
    assert all(r["time"].endswith("Z") for r in record)

    _run("analyze", str(case_dir), "-q")  # writes the case again
    assert len(named_outputs(case_dir)) == 2
