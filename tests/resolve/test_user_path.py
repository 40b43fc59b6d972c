"""Resolution on the user's path for the other benchmark sets: the transliteration stress set
(benchmarks/translit_set.py) through the ``people`` preset, and a ``linkgraph synth`` case
through the CLI (its exports, each with its generated mapping), scored against their truth."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.ingest import Source, ingest
from linkgraph.resolve import evaluate, resolve

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def translit_set(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import translit_set

    return translit_set


def test_translit_stress_set(translit_set, tmp_path):
    # Cyrillic, Greek, Arabic and Latin spellings of one person, either order, nicknames;
    # a man and a woman of one family (Ivanov / Ivanova) are two people.
    # Measured: P 0.996, R 0.954, F1 0.974 (before the Arabic consonant comparison and
    # the blocking on name tokens: F1 0.88).
    rows = translit_set.write_set(tmp_path)
    case = resolve(ingest([Source(tmp_path / "people.csv", preset="people")]))
    scores = evaluate(case, pd.read_csv(tmp_path / "truth.csv"))
    assert scores["mentions"] == rows
    assert scores["precision"] >= 0.99, scores
    assert scores["f1"] >= 0.97, scores


def test_translit_set_has_gendered_relatives(translit_set):
    frame = translit_set.build()
    # The set tests what it claims: several scripts, and relatives who share a family.
    text = " ".join(frame["full_name"])
    assert any("\u0400" <= ch <= "\u04ff" for ch in text)  # Cyrillic
    assert any("\u0370" <= ch <= "\u03ff" for ch in text)  # Greek
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic
    assert "Ivanova" in text or "Иванова" in text
    assert frame["person_id"].nunique() < len(frame)


@pytest.mark.slow
def test_synth_case_through_the_cli(tmp_path):
    runner = CliRunner()
    out = tmp_path / "synth"
    assert (
        runner.invoke(cli, ["synth", "--people", "1000", "--seed", "3", "-o", str(out)]).exit_code
        == 0
    )
    import yaml

    case_dir = tmp_path / "case"
    for source in yaml.safe_load((out / "pipeline.yaml").read_text())["sources"]:
        args = ["ingest", str(out / source["path"]), "--mapping", str(out / source["mapping"])]
        result = runner.invoke(cli, [*args, "-o", str(case_dir), "-q"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["resolve", str(case_dir), "-q"])
    assert result.exit_code == 0, result.output
    scores = evaluate(lg.Case.read(case_dir), pd.read_csv(out / "truth" / "mentions.csv"))
    assert scores["mentions"] > 0
    # Measured at 10,000 people: P 0.992, R 0.987, F1 0.989 (the target: F1 0.985
    # with P 0.99); at 100,000: P 0.994, R 0.969, F1 0.981 (not reached).
    assert scores["precision"] >= 0.97, scores
    assert scores["f1"] >= 0.93, scores
