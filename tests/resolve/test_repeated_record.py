"""One record repeated on hundreds of rows with no identifier is one person (round 7, N3).

Its block was above the cap, so only a window of its pairs was compared; the all-pairs
prior counted every other pair as a non-match (300 rows: 33,930 of them), fell to its
floor and merged nobody. The copies are now one record resolved once, its pairs of
copies counted as what they are (resolve.identical); a bare name repeated is not such a
record."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

HEADER = "surname,first_name,date_of_birth,status\n"
ROSSI = "Rossi,Mario,01/02/1980,suspect\n"
OTHERS = (
    "Romano,Chiara,26/06/1962,suspect\n"
    "Ferrari,Anna,16/04/1985,suspect\n"
    "Marino,Davide,10/05/1962,suspect\n"
)


def _resolved(tmp_path: Path, text: str) -> Path:
    src = tmp_path / "rows.csv"
    src.write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)])
    assert ingest.exit_code == 0, ingest.output
    resolve = runner.invoke(cli, ["resolve", str(case)])
    assert resolve.exit_code == 0, resolve.output
    return case


def _entities_by_row(case: Path) -> pd.Series:
    """The entity of each source row's person (1-based rows)."""
    mentions = pd.read_parquet(case / "mentions.parquet", columns=["mention_id", "row", "type"])
    mentions = mentions[mentions["type"] == "person"]
    resolution = pd.read_parquet(case / "resolution.parquet")
    joined = mentions.merge(resolution, on="mention_id")
    return joined.set_index(joined["row"].astype(int))["entity_id"].sort_index()


def _model(case: Path) -> dict:
    return json.loads((case / "manifest.json").read_text(encoding="utf-8"))["resolve_model"]


def _step(case: Path) -> dict:
    steps = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["steps"]
    return next(s for s in steps if "identical_copies" in s)


def test_one_record_on_300_rows_is_one_person_and_the_others_stay_apart(tmp_path):
    case = _resolved(tmp_path, HEADER + ROSSI * 300 + OTHERS)
    entity = _entities_by_row(case)
    assert len(entity) == 303
    assert entity.loc[1:300].nunique() == 1  # Mario Rossi, born 1980-02-01
    # Romano, Ferrari, Marino: three people, none of them Rossi.
    assert entity.nunique() == 4
    assert set(entity.loc[301:303]).isdisjoint({entity.loc[1]})
    assert _step(case)["identical_copies"] == 299
    model = _model(case)
    assert model["identical_pairs_not_counted"] == 0  # none left uncompared
    assert model["prior"] > 1e-6  # not at its floor (1e-12)


def test_a_name_alone_repeated_is_not_an_identical_record(tmp_path):
    # 300 bare "Mario Rossi": for all the case says, namesakes. The change leaves them out
    # of nothing; the prior is computed over all their pairs, as before.
    case = _resolved(tmp_path, "surname,first_name,status\n" + "Rossi,Mario,suspect\n" * 300)
    model = _model(case)
    assert model["identical_pairs_not_counted"] == 0
    assert _entities_by_row(case).nunique() > 1


def test_records_that_differ_in_one_field_are_not_identical(tmp_path):
    # One name and date of birth on 60 rows, each in another city: 60 records, not one
    # repeated (their block is capped all the same).
    rows = "".join(f"Rossi,Mario,01/02/1980,City{i:02d},suspect\n" for i in range(60))
    case = _resolved(tmp_path, "surname,first_name,date_of_birth,city,status\n" + rows)
    assert _model(case)["identical_pairs_not_counted"] == 0


def _distinct_people(n: int) -> str:
    """``n`` people, each with a name of their own and a date of birth of their own."""
    given = [f"Given{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(50)]
    family = [f"Family{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(n // 50 + 1)]
    return "".join(
        f"{family[i // 50]},{given[i % 50]},{1 + i % 28:02d}/{1 + i % 12:02d}/{1940 + i % 60},"
        "witness\n"
        for i in range(n)
    )


def test_a_repeated_record_among_2000_other_people(tmp_path):
    case = _resolved(tmp_path, HEADER + ROSSI * 300 + _distinct_people(2000))
    entity = _entities_by_row(case)
    assert len(entity) == 2300
    assert entity.loc[1:300].nunique() == 1
    # Each of the 2,000 others alone, none with Rossi: 2,001 entities.
    assert entity.loc[301:].nunique() == 2000
    assert entity.nunique() == 2001
    assert _step(case)["identical_copies"] == 299
