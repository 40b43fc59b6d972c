"""A case over its life: analysts' decisions and the pseudonym key survive every ingest
(CLI, Python API, `linkgraph run`), derived tables do not; decisions that name mentions
no longer in the case are set aside and reported when resolving."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.errors import CaseWarning
from linkgraph.ingest import Source, ingest, ingest_to, merge_cases
from linkgraph.model import LEGACY_DECISIONS_KEY, Case
from linkgraph.privacy import read_key

HEADER = "record_id,given_name,family_name,dob,sex,city,role\n"
#: Two men of one name and date of birth (rows 1 and 2): merged unless an analyst says no.
TWINS = (
    "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
    "2,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
    "3,Maria,Popa,1991-05-06,f,Iasi,witness\n"
)
CALLS = "caller,callee,start_time\n+40722111222,+40722333444,2024-01-02T10:00:00Z\n"


def _run(*args: str) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "people.csv").write_text(HEADER + TWINS, encoding="utf-8")
    (tmp_path / "cdr.csv").write_text(CALLS, encoding="utf-8")
    return tmp_path


def _entities(case_dir: Path) -> int:
    return int(Case.read(case_dir).resolution["entity_id"].nunique())


def _split_twins(case_dir: Path) -> None:
    _run("resolve", case_dir, "-q")
    merged = _entities(case_dir)
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link", "--note", "twins")
    _run("resolve", case_dir, "-q")
    assert _entities(case_dir) == merged + 1  # the decision split them


def test_cli_ingest_keeps_decisions_and_key_and_drops_derived_tables(files):
    case_dir = files / "case"
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    _split_twins(case_dir)
    split = _entities(case_dir)
    key = read_key(case_dir)
    _run("analyze", case_dir, "-q")
    assert (case_dir / "metrics.parquet").is_file()

    # An unrelated file, then the same file again: neither loses the decision.
    _run("ingest", files / "cdr.csv", "--preset", "cdr", "-o", case_dir, "-q")
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    after = Case.read(case_dir)
    assert after.decisions is not None
    assert after.decisions[["decision", "note"]].values.tolist() == [["cannot_link", "twins"]]
    assert read_key(case_dir) == key
    for derived in ("resolution", "evidence", "metrics"):
        assert not (case_dir / f"{derived}.parquet").exists(), derived
    out = _run("resolve", case_dir, "-q")
    assert "1 analyst decisions honoured" in out
    # 2 more entities: the two phones of the call records.
    assert _entities(case_dir) == split + 2


def test_older_case_with_decisions_in_its_manifest_keeps_them_over_an_ingest(files):
    case_dir = files / "case"
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    ids = Case.read(case_dir).mentions.set_index("row")["mention_id"]
    manifest_file = case_dir / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest[LEGACY_DECISIONS_KEY] = [
        {"left": ids[1], "right": ids[2], "decision": "cannot_link", "note": "twins"}
    ]
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    _run("ingest", files / "cdr.csv", "--preset", "cdr", "-o", case_dir, "-q")
    kept = Case.read(case_dir).decisions
    assert kept is not None
    assert kept["note"].tolist() == ["twins"]


def test_python_merge_cases_keeps_decisions_and_key(files):
    case_dir = files / "case"
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    _split_twins(case_dir)
    old = Case.read(case_dir)
    new = ingest([Source(files / "cdr.csv", preset="cdr")])
    merged = merge_cases(old, new)
    assert merged.resolution is None
    assert merged.metrics is None
    pd.testing.assert_frame_equal(merged.decisions, old.decisions)
    assert merged.pseudonym_key == old.pseudonym_key
    merged.write(case_dir)
    assert Case.read(case_dir).decisions["note"].tolist() == ["twins"]


def test_run_into_an_existing_out_folder_keeps_and_honours_decisions(files):
    config = files / "pipeline.yaml"
    config.write_text(
        "sources:\n  - path: people.csv\n    preset: people\nout: out\n", encoding="utf-8"
    )
    case_dir = files / "out" / "case"
    _run("run", config, "-q")
    merged = _entities(case_dir)
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link")
    _run("run", config, "-q")
    assert Case.read(case_dir).decisions["decision"].tolist() == ["cannot_link"]
    assert _entities(case_dir) == merged + 1


def test_resolve_reports_decisions_whose_mentions_are_gone(files):
    case_dir = files / "case"
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    _split_twins(case_dir)
    # The file corrected: row 2 was a mistake and is gone.
    (files / "people.csv").write_text(HEADER + TWINS.splitlines(True)[0], encoding="utf-8")
    _run("ingest", files / "people.csv", "--preset", "people", "-o", case_dir, "-q")
    got = CliRunner().invoke(cli, ["resolve", str(case_dir), "-q"])
    assert got.exit_code == 0, got.output
    assert "warning: 1 analyst decision set aside, not applied: cannot_link" in got.stderr
    assert "('twins'): people.csv row 2 person ('Ion Rusu'); the record is not" in got.stderr
    assert "0 analyst decisions honoured; 1 set aside" in got.stdout  # none could apply
    step = Case.read(case_dir).manifest["steps"][-1]
    assert [d["note"] for d in step["decisions_set_aside"]] == ["twins"]
    # Kept on record all the same.
    assert Case.read(case_dir).decisions["note"].tolist() == ["twins"]

    # The Python API warns with a linkgraph category.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lg.resolve(Case.read(case_dir))
    absent = [w for w in caught if issubclass(w.category, CaseWarning)]
    assert len(absent) == 1
    assert "set aside, not applied" in str(absent[0].message)


# -- ingest warnings reach Python and `linkgraph run` users ------------------------------

NO_ROLE = "record_id,given_name,family_name,dob\n1,Ana,Pop,1990-01-01\n"


def test_python_ingest_warns_when_no_victim_is_marked(tmp_path):
    from linkgraph.errors import IngestWarning

    (tmp_path / "list.csv").write_text(NO_ROLE, encoding="utf-8")
    for call in (
        lambda: lg.ingest([lg.Source(tmp_path / "list.csv", preset="people")]),
        lambda: lg.ingest_file(tmp_path / "list.csv", preset="people"),
        lambda: ingest_to([lg.Source(tmp_path / "list.csv", preset="people")], tmp_path / "c"),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        texts = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
        assert texts == [
            "list.csv: no person is marked as a victim: 1 person mentions and no role"
            " information; give the victims' slot `role: {value: victim}` (or map a role"
            " column) so that maps and reports protect them"
        ]


def test_run_prints_ingest_warnings_and_ingest_prints_them_once(tmp_path):
    (tmp_path / "list.csv").write_text(NO_ROLE, encoding="utf-8")
    config = tmp_path / "pipeline.yaml"
    config.write_text(
        "sources:\n  - path: list.csv\n    preset: people\nout: out\n", encoding="utf-8"
    )
    got = CliRunner().invoke(cli, ["run", str(config), "-q"])
    assert got.exit_code == 0, got.output
    assert got.stderr.count("warning: list.csv: no person is marked as a victim") == 1
    got = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "list.csv"), "--preset", "people", "-o", str(tmp_path / "c")]
    )
    assert got.exit_code == 0, got.output
    assert got.output.count("no person is marked as a victim") == 1  # in its summary
