"""Pipeline config: YAML keys are the dataclass fields; every key validated before raising."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.config import PipelineConfig, defaults_yaml, load_config
from linkgraph.errors import ConfigError


def test_defaults_round_trip_through_yaml(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(defaults_yaml())
    config = load_config(path)
    assert config.resolve == PipelineConfig().resolve
    assert config.sources[0].path == "arrests.csv"
    assert config.resolve_path("arrests.csv") == tmp_path / "arrests.csv"


def test_all_problems_reported_with_dotted_paths_and_suggestions(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        yaml.safe_dump({"resolve": {"treshold": 0.9, "seed": "x"}, "analyze": {"resolution": True}})
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    text = info.value.render()
    assert "p.yaml.resolve.treshold: unknown key; did you mean 'threshold'?" in text
    assert "p.yaml.resolve.seed: expected an integer" in text
    assert "p.yaml.analyze.resolution: expected a number" in text
    assert "linkgraph config --defaults" in text


def test_unreadable_and_invalid_yaml(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml")


_BAD = """\
sources:
  - {path: people.csv}
  - {path: missing.csv, preset: people}
  - {path: people.csv, preset: peopl, region: ROU, timezone: Europe/Kiyv}
ingest: {chunk_rows: 0}
resolve: {threshold: 1.5, block_cap: -3, blocking: [[dob, citty]]}
analyze: {resolution: -1, betweenness_samples: -5, leiden_iterations: 0, betweenness_agreement: 2}
render: {color_by: banana, max_nodes: -1}
"""


def test_run_lists_every_problem_before_reading_anything(tmp_path):
    """Out-of-range numbers, a colour not among the choices, an unknown blocking key, a
    misspelt preset, a bad region and zone, a table with no preset and a missing file:
    all in one error, before any stage runs (before: one per run, the ranges never, and
    color_by only at render after ingest, resolve and analyze had run)."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    (tmp_path / "people.csv").write_text("full_name\nIon Popescu\n", encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(_BAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    expected = [
        "p.yaml.ingest.chunk_rows: 0 is out of range: give 1 or more",
        "p.yaml.resolve.threshold: 1.5 is out of range: give a number from 0 to 1",
        "p.yaml.resolve.block_cap: -3 is out of range: give 1 or more",
        "p.yaml.resolve.blocking[0][1]: unknown name 'citty'; did you mean 'city'?",
        "p.yaml.analyze.resolution: -1.0 is out of range: give a number above 0",
        "p.yaml.analyze.betweenness_samples: -5 is out of range",
        "p.yaml.analyze.leiden_iterations: 0 is out of range: give 1 or more, or -1",
        "p.yaml.analyze.betweenness_agreement: 2.0 is out of range",
        "p.yaml.render.color_by: 'banana' is not allowed (choices: community, type, country)",
        "p.yaml.render.max_nodes: -1 is out of range: give 0 or more",
        "p.yaml.sources[2].preset: unknown name 'peopl'; did you mean 'people'?",
        "p.yaml.sources[2].region: region 'ROU' is not a country code phonenumbers knows; "
        "did you mean 'RO'?",
        "p.yaml.sources[2].timezone: unknown time zone 'Europe/Kiyv'; did you mean 'Europe/Kyiv'",
    ]
    for line in expected:
        assert line in result.output, line
    # The files too, in the same error.
    assert "p.yaml.sources[0]: people.csv: give a preset or a mapping" in result.output
    assert "p.yaml.sources[1]: missing.csv: file not found" in result.output


def test_config_objects_built_in_python_are_checked_too():
    """The same ranges hold for a config built in Python (and so for CLI overrides)."""
    from linkgraph.config import AnalyzeConfig, ResolveConfig

    with pytest.raises(ConfigError, match=r"ResolveConfig\.threshold: 1\.5 is out of range"):
        ResolveConfig(threshold=1.5)
    with pytest.raises(ConfigError, match=r"leiden_iterations: 0 .*or -1 \(until stable\)"):
        AnalyzeConfig(leiden_iterations=0)
    assert AnalyzeConfig(leiden_iterations=-1).leiden_iterations == -1


def test_refining_singleton_communities_splits_nothing():
    """Every entity its own community (no edge inside one): nothing to refine (before: a
    raw ValueError from zip())."""
    import igraph as ig
    import numpy as np

    from linkgraph.metrics.communities import refine_communities

    graph = ig.Graph.Famous("Zachary")
    membership, splits = refine_communities(graph, np.arange(graph.vcount()))
    assert splits == 0
    assert membership.tolist() == list(range(graph.vcount()))


def test_max_nodes_zero_is_a_documented_choice(tmp_path):
    """render.max_nodes: 0 is valid (the map draws every entity) and the defaults say so;
    a negative number is out of range."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    runner = CliRunner()
    assert "max_nodes: 100000  # above: only the top-ranked entities; 0 draws every entity" in (
        runner.invoke(cli, ["config", "--defaults"]).output
    )
    path = tmp_path / "c.yaml"
    path.write_text("render:\n  max_nodes: 0\n", encoding="utf-8")
    assert runner.invoke(cli, ["config", str(path)]).exit_code == 0
    path.write_text("render:\n  max_nodes: -1\n", encoding="utf-8")
    result = runner.invoke(cli, ["config", str(path)])
    assert result.exit_code == 1
    assert "render.max_nodes: -1 is out of range: give 0 or more" in result.output


def test_a_mapping_or_config_indented_with_tabs_says_so(tmp_path):
    """A mapping or pipeline file indented with a tab: the error says YAML wants spaces and
    where the tab is (before: PyYAML's "found character '\\t' that cannot start any
    token" alone), through the CLI."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    (tmp_path / "calls.csv").write_text("caller,callee\n+40721000111,+40721000222\n")
    mapping = tmp_path / "cdr.yaml"
    mapping.write_text("format: csv\nentities:\n\tcaller:\n\t\ttype: phone\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "calls.csv"),
            "--mapping",
            str(mapping),
            "-o",
            str(tmp_path / "case"),
        ],
    )
    assert result.exit_code != 0
    said = " ".join(result.output.split())
    assert "YAML indents with spaces, not tabs: replace the tab at line 3 (column 1)" in said
    config = tmp_path / "pipeline.yaml"
    config.write_text("resolve:\n\tthreshold: 0.9\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config)
    assert "replace the tab at line 2 (column 1) with spaces" in info.value.render()


def test_retired_keys_are_not_offered_and_are_warned_of_when_set(tmp_path):
    """Hostile round 14, D9: `config --defaults` (meant to be pasted into a pipeline
    YAML) leaves out the keys that change nothing; a config that sets one is told so."""
    defaults = CliRunner().invoke(cli, ["config", "--defaults"])
    assert defaults.exit_code == 0, defaults.output
    assert "budget_seconds" not in defaults.output
    assert "no longer used" not in defaults.output
    path = tmp_path / "old.yaml"
    path.write_text("analyze:\n  closeness_budget_seconds: 5\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["config", str(path)])
    assert done.exit_code == 0, done.output
    assert (
        "warning: analyze.closeness_budget_seconds is no longer used and changes nothing"
        in done.stderr
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text("analyze:\n  seed: 3\n", encoding="utf-8")
    assert "no longer used" not in CliRunner().invoke(cli, ["config", str(plain)]).output
