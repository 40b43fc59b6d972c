"""`resolve --labels` with cannot-link labels prints no numpy warning (hostile round 14,
D10): a cannot-link pair's probability, 0, reached log2 when small entities were boosted."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.pipeline import sample_data_dir


def _cli(*args: str) -> None:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output


def test_labels_with_non_matches_leak_no_runtime_warning(tmp_path):
    sample, case = sample_data_dir(), tmp_path / "case"
    arrests_mapping = str(sample / "mappings" / "arrests.yaml")
    _cli("ingest", str(sample / "arrests.csv"), "--mapping", arrests_mapping, "-o", str(case))
    _cli("ingest", str(sample / "cdr.csv"), "--preset", "cdr", "--region", "UA", "-o", str(case))
    _cli("resolve", str(case), "-q")
    review = tmp_path / "review.csv"
    _cli("review", str(case), "-o", str(review))
    labels = pd.read_csv(review, dtype=str, keep_default_na=False)
    labels["label"] = ""
    labels.loc[:2, "label"] = "match"
    labels.loc[3:5, "label"] = "non_match"
    labels.to_csv(review, index=False)
    done = subprocess.run(
        [sys.executable, "-m", "linkgraph", "resolve", str(case), "--labels", str(review), "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "always"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "6 analyst decisions honoured" in done.stdout + done.stderr
    assert "RuntimeWarning" not in done.stderr
