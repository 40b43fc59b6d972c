"""The Python API's stages given what a user types (hostile round 11, H6): a case folder's
path where a Case is expected is read, or a CaseError naming it; ``ingest(strict=True)``
is the CLI's --strict; ``stability()``'s settings are checked as the CLI's options are."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import linkgraph as lg
from tests.people_case import resolved_people_case

PEOPLE = (
    "name,dob,phone,role\n"
    "Ana Pop,1990-01-02,+40 721 000 111,suspect\n"
    "Ion Rusu,1985-03-04,+40 721 000 111,suspect\n"
    "Dan Popa,1979-05-06,+40 721 000 222,suspect\n"
)


@pytest.fixture
def case_dir(tmp_path) -> Path:
    return resolved_people_case(tmp_path, police=PEOPLE)


@pytest.mark.parametrize(
    ("stage", "args"),
    [
        ("resolve", ()),
        ("analyze", ()),
        ("routes", ()),
        ("build_graph", ()),
        ("top_actors", ()),
        ("render_report", ("report.html",)),
        ("share_case", (b"k" * 32,)),
        ("render_map", ("map.html",)),
        ("stability", ()),
        ("export", ("csv", "out")),
    ],
)
def test_a_stage_given_a_folder_that_is_no_case_names_it(tmp_path, stage, args):
    missing = tmp_path / "no_such_case"
    with pytest.raises(lg.CaseError, match="no_such_case does not exist"):
        getattr(lg, stage)(str(missing), *args)
    other = tmp_path / "some_folder"
    other.mkdir()
    with pytest.raises(lg.CaseError, match="some_folder is not a linkgraph case folder"):
        getattr(lg, stage)(str(other), *args)


def test_a_stage_given_something_else_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match=r"resolve\(\) takes a Case or the path of a case folder"):
        lg.resolve(42)


def test_stages_given_a_case_folders_path_read_it(case_dir, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # not analysed yet
        resolved = lg.resolve(str(case_dir))
        analysed = lg.analyze(case_dir)
    # Ana Pop and Ion Rusu share a phone: 3 persons, 2 phones, 3 links.
    assert resolved.resolution["entity_id"].nunique() == 5
    assert len(analysed.metrics) == 5
    graph = lg.build_graph(case_dir)
    assert graph.nodes.shape[0] == 5
    analysed.write(case_dir)
    top = lg.top_actors(str(case_dir), n=5, by="degree")
    assert sorted(top["label"]) == ["Ana Pop", "Dan Popa", "Ion Rusu"]  # persons only
    out = lg.render_map(case_dir, tmp_path / "map.html")
    assert "Ana Pop" in out.read_text(encoding="utf-8")


def test_ingest_strict_fails_on_the_first_reject_as_the_cli_does(tmp_path):
    dates = tmp_path / "bad_dates.csv"
    dates.write_text("name,dob\nA B,not a date\nC D,1990-01-02\n", encoding="utf-8")
    with pytest.raises(lg.InputError) as err:
        lg.ingest([lg.Source(dates, preset="people")], strict=True)
    assert type(err.value).__name__ == "StrictModeError"
    assert (err.value.source, err.value.row) == ("bad_dates.csv", 1)
    assert "dob_invalid" in err.value.message
    with pytest.raises(lg.InputError, match="strict mode"):
        lg.ingest_file(dates, preset="people", strict=True)
    relaxed = lg.ingest([lg.Source(dates, preset="people")])
    assert relaxed.rejects["reason"].tolist() == ["dob_invalid"]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("draws", 0),
        ("top", -1),
        ("key_set", 0),
        ("draws", 2.5),
        ("tie_loss", 1.0),
        ("people_loss", -0.1),
        ("measure", "closeness"),
        ("perturbations", ("missing_ties", "typo")),
    ],
)
def test_stability_refuses_what_the_cli_refuses(case_dir, setting, value):
    with pytest.raises(lg.ConfigError) as err:
        lg.stability(case_dir, **{setting: value})
    assert err.value.key == setting
    assert repr(value) in err.value.message


def test_stability_names_an_unknown_setting(case_dir):
    with pytest.raises(lg.ConfigError, match="unknown stability setting 'drawz'") as err:
        lg.stability(case_dir, drawz=5)
    assert "draws" in str(err.value.hint)
