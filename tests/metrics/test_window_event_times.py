"""Time windows place a link without a time of its own at the time of the event at its
end (a person named in a dated hotline report): through the CLI on hand-made files, the
window holds the persons of the reports dated in it, and says as undated only the links
to an event of no known time."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

# Hotline reports, each naming two persons; the persons' links to their report carry no
# time (the report's date is the event's). R3 has no date.
REPORTS = """report_id,date,first,second
R1,2024-02-03,Anna Albu,Boris Botnaru
R2,2024-03-01,Cezar Ciobanu,Dan Dabija
R3,,Fiodor Frunza,Gheorghe Grosu
"""
# A follow-up that names report R1 again, undated: one entity with R1 of the reports.
FOLLOW_UP = """report_id,person
R1,Elena Esanu
"""
MAPPINGS = {
    "reports": """format: csv
timezone: UTC
entities:
  first: {type: person, fields: {name: first}}
  second: {type: person, fields: {name: second}}
  report: {type: event, fields: {identifier: report_id, time: date}}
links:
  - {kind: involved_in, src: first, dst: report}
  - {kind: involved_in, src: second, dst: report}
""",
    "follow_up": """format: csv
entities:
  person: {type: person, fields: {name: person}}
  report: {type: event, fields: {identifier: report_id}}
links:
  - {kind: involved_in, src: person, dst: report}
""",
}
FILES = {"reports": REPORTS, "follow_up": FOLLOW_UP}

# By hand, the window 1-10 February: report R1 (3 Feb) and the three persons named in it
# (Anna and Boris in the reports, Elena in the follow-up, whose R1 is the same report):
# 4 entities, 3 edges. R2 (1 March) is outside, with Cezar and Dan. R3 has no date: its
# 2 links are the only undated ones, and R3, Fiodor and Gheorghe are linked by them only.
IN_WINDOW = {"R1", "Anna Albu", "Boris Botnaru", "Elena Esanu"}


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output + done.stderr
    return done.output


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    for name, text in FILES.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(MAPPINGS[name], encoding="utf-8")
        _run("ingest", str(tmp_path / f"{name}.csv"), "--mapping",
             str(tmp_path / f"{name}.yaml"), "-o", str(folder), "-q")  # fmt: skip
    _run("resolve", str(folder), "-q")
    return folder


def test_analyze_window_places_links_at_their_reports_time(case: Path) -> None:
    out = _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-02-10", "-q")
    assert out.splitlines()[0].startswith("4 entities, 3 edges,"), out
    assert "2 undated link(s) (involved_in 2) and the 3 entities linked only by such" in out
    m = pd.read_parquet(case / "metrics.parquet")
    assert set(m["label"]) == IN_WINDOW
    manifest = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    window = manifest["steps"][-1]["window"]
    assert window["undated_links_left_out"] == {"involved_in": 2}
    assert window["entities_without_dated_link"] == 3


def test_render_window_places_them_alike(case: Path, tmp_path: Path) -> None:
    out = _run("render", str(case), "--since", "2024-02-01", "--until", "2024-02-10",
               "-o", str(tmp_path / "w.html"), "-q")  # fmt: skip
    assert "contacts from 2024-02-01 to 2024-02-10: 4 entities, 3 edges)" in out
    assert "Window: 2 undated link(s) (involved_in 2)" in out
