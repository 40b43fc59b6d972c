"""A user's own small files given to the wrong command (a YAML where a truth or decisions
CSV goes, a people list as truth, a mapping as a pipeline config, a folder that is not
there): the error names the file, says what is wrong and how to fix it, exit code 1,
no traceback (tester 27)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PIPELINE = (
    "# The synthetic sample case\n"
    "sources:\n"
    "  - {path: arrests.csv, mapping: mappings/arrests.yaml}\n"
    "out: linkgraph-out\n"
)
MAPPING = (
    "format: csv\n"
    "agency: hotline\n"
    "entities:\n"
    "  person:\n"
    "    type: person\n"
    "    columns: {name: [first, last], dob: birth}\n"
    "links: []\n"
)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A resolved case of three people (two on one phone)."""
    root = tmp_path_factory.mktemp("case")
    people = root / "people.csv"
    people.write_text(
        "name,phone\nIon Popa,+40721000001\nAna Rusu,+40721000001\nDan Marin,+40721000002\n"
    )
    folder = root / "case"
    runner = CliRunner()
    done = runner.invoke(cli, ["ingest", str(people), "--preset", "people", "-o", str(folder)])
    assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["resolve", str(folder), "-q"]).exit_code == 0
    return folder


def _fails(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.output


@pytest.mark.parametrize(
    ("name", "text", "line"), [("pipeline.yaml", PIPELINE, 3), ("hotline.yaml", MAPPING, 6)]
)
def test_evaluate_a_yaml_says_it_is_no_truth_csv(case, tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text)
    out = _fails(["evaluate", str(case), str(path)])
    assert f"{path}: is not a truth CSV (it reads as YAML" in out
    assert f"cannot be parsed as CSV at line {line}" in out
    assert "needs columns mention_id and cluster, or source, row, slot and person_id" in out


def test_evaluate_a_people_list_names_its_columns_and_the_needed_ones(case, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("person_id,name,role\nP0001,Ion Popa,organiser\n")
    out = _fails(["evaluate", str(case), str(path)])
    assert f"{path}: is not a truth CSV: it has columns person_id, name, role" in out
    assert "it needs columns mention_id and cluster" in out
    assert "source,row,slot,item,person_id" in out  # the example


@pytest.mark.parametrize("option", ["--labels", "--overrides"])
def test_resolve_a_yaml_as_decisions_says_so(case, tmp_path, option):
    path = tmp_path / "pipeline.yaml"
    path.write_text(PIPELINE)
    out = _fails(["resolve", str(case), option, str(path)])
    assert f"{path}: is not a decisions CSV (it reads as YAML" in out
    assert "at line 3" in out
    assert "columns left, right and decision" in out
    assert "overrides" not in out.split("Hint:")[0]  # not "cannot read overrides" for --labels
    assert "Error tokenizing" not in out


def test_reveal_a_yaml_request_says_it_is_no_request(case, tmp_path):
    path = tmp_path / "pipeline.yaml"
    path.write_text(PIPELINE)
    secret = tmp_path / "secret.txt"
    secret.write_text("3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a")
    out = _fails(
        ["reveal", str(case), "--secret", str(secret), "--request", str(path), "-o", "r.csv"]
    )
    assert f"{path}: is not a disclosure request CSV (it reads as YAML" in out
    assert "partner_token column" in out
    assert not Path("r.csv").exists()


def test_a_case_folder_that_is_not_there_is_said_so(tmp_path):
    # a path on the command line that does not exist: a usage error, status 2, as click's
    # own check of a path that is a file (`resolve afile`) exits
    result = CliRunner().invoke(cli, ["resolve", str(tmp_path / "nocase")])
    assert result.exit_code == 2, result.output
    out = result.output
    assert "Traceback" not in out
    assert f"{tmp_path / 'nocase'} does not exist" in out
    assert "manifest" not in out


def test_run_a_mapping_says_it_is_a_mapping_not_a_pipeline(tmp_path):
    path = tmp_path / "hotline.yaml"
    path.write_text(MAPPING)
    out = _fails(["run", str(path)])
    assert f"{path} is an ingest mapping (entities:, format:, links:), not a pipeline" in out
    assert f"--mapping {path}" in out
    assert "unknown key" not in out


def test_analyze_by_a_misspelt_measure_fails_before_any_work(case):
    metrics = case / "metrics.parquet"
    before = metrics.stat().st_mtime_ns if metrics.exists() else None
    result = CliRunner().invoke(cli, ["analyze", str(case), "--by", "betweness"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "unknown measure 'betweness'; did you mean 'betweenness'" in result.output
    assert "choose one of: component, degree_centrality" in result.output
    assert (metrics.stat().st_mtime_ns if metrics.exists() else None) == before
    assert "entities," not in result.output  # no analysis summary: nothing was analysed


def test_analyze_in_degree_says_it_needs_directed(case):
    result = CliRunner().invoke(cli, ["analyze", str(case), "--by", "in_degree"])
    assert result.exit_code == 1, result.output
    assert "'in_degree' is measured only on a directed graph" in result.output
    assert "add --directed" in result.output


def test_analyze_by_betweenness_ranks_by_betweenness_centrality(case):
    """The name keyplayers --by and stability --measure use; the ranking is the column's
    (reference: metrics.parquet written by the same run, sorted)."""
    import pandas as pd

    result = CliRunner().invoke(
        cli, ["analyze", str(case), "--by", "betweenness", "--type", "all", "--csv"]
    )
    assert result.exit_code == 0, result.output
    from io import StringIO

    listed = pd.read_csv(StringIO(result.stdout))
    assert "betweenness_centrality" in listed.columns
    metrics = pd.read_parquet(case / "metrics.parquet")
    top = metrics["betweenness_centrality"].max()
    assert listed["betweenness_centrality"].iloc[0] == pytest.approx(top)


def test_the_measures_named_are_the_columns_analyze_writes(case, tmp_path):
    import shutil

    import pandas as pd

    from linkgraph.metrics.measures import DIRECTED_MEASURES, MEASURES

    for directed, names in ((False, MEASURES), (True, (*MEASURES, *DIRECTED_MEASURES))):
        copy = tmp_path / f"case{directed}"
        shutil.copytree(case, copy)
        args = ["analyze", str(copy), "-q", *(["--directed"] if directed else [])]
        assert CliRunner().invoke(cli, args).exit_code == 0
        written = set(pd.read_parquet(copy / "metrics.parquet").columns)
        assert written - {"entity_id", "label", "type"} == set(names)


def test_an_unclosed_quote_names_its_line(case, tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text('left,right,decision\na,b,must_link\n"x,1\n')
    out = _fails(["resolve", str(case), "--overrides", str(path)])
    assert f"{path}: is not a decisions CSV: cannot be parsed as CSV" in out
    assert "a quote opened on line 3 is never closed" in out


def test_synth_at_its_smallest_size_makes_a_case(tmp_path):
    """--people takes 60 and up; 60 crashed ('internal error (ValueError: high <= 0)')."""
    result = CliRunner().invoke(cli, ["synth", "--people", "60", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "hotline.xlsx").is_file()
    assert (tmp_path / "pipeline.yaml").is_file()
