"""Pipeline config: YAML keys are the dataclass fields; every key validated before raising."""

from __future__ import annotations

import pytest
import yaml

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
