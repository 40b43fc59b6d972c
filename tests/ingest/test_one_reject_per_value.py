"""A bad value read twice by a mapping (an event's time and its link's time, one column)
is one reject, not one per reading (tester round 11, G6: a Takeout history listed its bad
times twice, ``time_invalid: 6`` for 3 rows)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

MAPPING = """\
entities:
  who: {type: person, fields: {name: who}}
  meeting: {type: event, fields: {identifier: id, time: time}}
links:
  - {kind: attended, src: who, dst: meeting, time: time}
"""


def test_a_time_read_by_an_event_and_its_link_is_rejected_once(tmp_path: Path) -> None:
    data = tmp_path / "meetings.csv"
    data.write_text(
        "who,id,time\nAna Popa,e1,yesterday\nIon Rusu,e2,2024-03-01 10:00\n"
        "Dan Lupu,e3,31.31.2024\n",
        encoding="utf-8",
    )
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(tmp_path / "m.yaml"), "-o", str(case)]
    )
    assert result.exit_code == 0, result.output
    assert "3 rows, 6 mentions, 3 links, 2 rejects (time_invalid: 2)" in result.output
    rejects = Case.read(case).rejects
    assert rejects[["row", "column", "reason", "value"]].values.tolist() == [
        [1, "time", "time_invalid", "yesterday"],
        [3, "time", "time_invalid", "31.31.2024"],
    ]
