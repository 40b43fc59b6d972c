"""Two lists holding only a full name and a year of birth: the same full name with the
same year is evidence for one person. Both years being only years, their agreement
does not reveal namesakes to the name calibration (which counted every such pair as
namesakes, found "99.9% namesakes" and weighed exact full names 6.5 bits against)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

_GIVEN_NAMES = (
    "Emma Olivia Amelia Isla Ava Mia Ivy Lily Freya Grace Willow Rosie Evie Ella Sophia "
    "Noah Oliver George Arthur Leo Oscar Archie Henry Jack Theo Charlie Freddie "
    "Alfie Thomas Finley Arlo Rory Ezra Hugo Reggie Jude Ronnie"
)
_FAMILY_NAMES = (
    "Kennedy Harrison Brooks Gutierrez Whitfield Ashdown Penhallow Trevelyan Blackwood "
    "Fairbairn Hollingsworth Kettering Lockhart Marchbanks Northcott Oakeshott Pemberton "
    "Quennell Ravensworth Stainforth Thistlewood Underhill Vavasour Wetherby Yardley "
    "Ackroyd Bramhall Chetwynd Darlington Eldridge Fanshawe Gilmartin Hathersage"
)
_GIVEN, _FAMILY = _GIVEN_NAMES.split(), _FAMILY_NAMES.split()


def _lists(folder):
    """list1: 600 people; list2: 250 of them (name and year as in list1) and 350 others.
    Every full name is borne by one person only, no given name a nickname of another."""
    rng = np.random.default_rng(4)
    names = [f"{g} {f}" for g, f in itertools.product(_GIVEN, _FAMILY)]
    picked = rng.choice(len(names), 950, replace=False)
    people = pd.DataFrame(
        {"full_name": [names[i] for i in picked], "year_of_birth": rng.integers(1950, 2005, 950)}
    )
    first, again, others = people.iloc[:600], people.iloc[:250], people.iloc[600:]
    second = pd.concat([again, others]).sample(frac=1, random_state=2)
    first.to_csv(folder / "list1.csv", index=False)
    second.to_csv(folder / "list2.csv", index=False)
    return set(again["full_name"])


def test_same_rare_name_and_year_merge(tmp_path):
    both = _lists(tmp_path)
    case = tmp_path / "case"
    runner = CliRunner()
    args = ["ingest", str(tmp_path / "list1.csv"), str(tmp_path / "list2.csv")]
    out = runner.invoke(cli, [*args, "--preset", "people", "-o", str(case), "-q"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case), "-q"])
    assert out.exit_code == 0, out.output
    read = lg.Case.read(case)
    m = read.mentions[read.mentions["type"] == "person"].merge(read.resolution, on="mention_id")
    per_name = m.groupby("label")["entity_id"].nunique()
    rows = m.groupby("label").size()
    # Truth: the 250 names in both lists are one person each; every other name one row.
    assert set(rows[rows == 2].index) == both
    assert all(per_name[name] == 1 for name in both)
    assert m["entity_id"].nunique() == 1200 - len(both)
