"""The same files ingested in another order resolve to the same entities with the same
learnt weights: the random pairs, the EM sample and the blocking windows are drawn from
the mentions in mention-id order, not in the order the files came in."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.synth.people import people_table


def _two_agencies(folder: Path) -> tuple[Path, Path, pd.DataFrame]:
    """1,200 records of 840 people (typos, nicknames, other scripts) split between two
    agencies' files; and the truth: (source, row) -> person."""
    table = people_table(1200, seed=7)
    truth = []
    paths = []
    for k, name in enumerate(("agencyA.csv", "agencyB.csv")):
        part = table.iloc[k::2].reset_index(drop=True)
        path = folder / name
        part.drop(columns=["true_id"]).to_csv(path, index=False)
        paths.append(path)
        truth.append(
            pd.DataFrame({"source": name, "row": range(1, len(part) + 1), "pid": part["true_id"]})
        )
    return paths[0], paths[1], pd.concat(truth, ignore_index=True)


def _resolved(case_dir: Path, files: list[Path]) -> tuple[set[frozenset], dict]:
    """Ingest ``files`` in their order and resolve, through the CLI; the entities as sets
    of (source, row) and the learnt model."""
    runner = CliRunner()
    args = ["ingest", *map(str, files), "--preset", "people", "-o", str(case_dir), "-q"]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case_dir), "-q"])
    assert out.exit_code == 0, out.output
    case = lg.Case.read(case_dir)
    persons = case.mentions[case.mentions["type"] == "person"][["mention_id", "source", "row"]]
    joined = persons.merge(case.resolution, on="mention_id")
    entities = {
        frozenset(zip(g["source"], g["row"], strict=True)) for _, g in joined.groupby("entity_id")
    }
    model = json.loads((case_dir / "manifest.json").read_text())["resolve_model"]
    return entities, model


def _leaves(value: object, at: str = "") -> dict[str, object]:
    """The leaves of a nested JSON value by their path."""
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _leaves(item, f"{at}/{key}").items()
        }
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _leaves(item, f"{at}/{i}").items()}
    return {at: value}


def _numbers(model: dict) -> dict[str, float]:
    return {k: float(v) for k, v in _leaves(model).items() if isinstance(v, float | int)}


def _words(model: dict) -> dict[str, object]:
    return {k: v for k, v in _leaves(model).items() if not isinstance(v, float | int)}


def test_file_order_changes_nothing(tmp_path):
    a, b, truth = _two_agencies(tmp_path)
    forward, model_ab = _resolved(tmp_path / "ab", [a, b])
    backward, model_ba = _resolved(tmp_path / "ba", [b, a])
    assert forward == backward
    # The same weights, to the rounding of sums taken in another order (and of the
    # manifest: 4 decimals). A level few matches reach (the family name's "different",
    # m about 0.004 here beside "unrelated") turns EM's stopping tolerance on m (1e-5)
    # into a thousandth of a bit or so of its weight: 0.0011 between the two orders.
    assert _numbers(model_ab) == pytest.approx(_numbers(model_ba), rel=1e-6, abs=2e-3)
    assert _words(model_ab) == _words(model_ba)
    # And they are the people: the entities hold the true pairs (the set is resolvable).
    people = {frozenset(zip(g["source"], g["row"], strict=True)) for _, g in truth.groupby("pid")}
    assert len(forward & people) >= 0.9 * len(people)
