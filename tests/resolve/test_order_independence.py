"""A pair's comparison levels, its match probability and the entities resolved do not depend
on which record is the left one (its row in the file, or which agency's file came first)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.ingest import Source, ingest
from linkgraph.resolve import MODEL_KEY, ResolveConfig, resolve, score_persons
from linkgraph.resolve.blocking import block
from linkgraph.resolve.comparisons import COMPARISONS, compare
from linkgraph.resolve.features import linked_identifiers, person_features
from linkgraph.resolve.scoring import Model
from linkgraph.synth.people import people_table

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# Names in either order, across scripts: a given slot that holds a family name.
_CROSSED = [
    ("x1", "Παπαδάκη Katerina", "1990-05-01", "+30 694 123 4567"),
    ("x2", "Katerina Papadaki", "1990-05-01", "+30 694 765 4321"),
    ("x3", "Papadaki Katerina", "1990-05-01", "+30 694 111 2222"),
    ("x4", "Katerina Nikolaou", "1990-05-01", "+30 694 333 4444"),
    ("x5", "Παπαδάκη Αικατερίνη", "1988-02-03", "+30 694 555 6666"),
    ("x6", "Katerina Papadaki", "1988-02-03", "+30 694 777 8888"),
    ("x7", "MYNIAK PETRO", "1979-11-12", ""),
    ("x8", "Piotr Myniak", "1979-11-12", ""),
    ("x9", "Zorvan Quell", "1970-01-01", ""),
    ("x10", "Quell Zorvan", "1970-01-01", ""),
    ("x11", "Quel Zorvan", "1970-01-01", ""),
]


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory):
    """The features of a person list as users have them (synthetic people with typos,
    other scripts, swapped names, nicknames; the transliteration set; crossed names),
    ingested with the ``people`` preset; its candidate pairs and 20,000 random pairs."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(BENCHMARKS))
        import translit_set

        translit = translit_set.build().drop(columns=["person_id"])
    folder = tmp_path_factory.mktemp("order")
    table = people_table(3000, seed=11).drop(columns=["true_id"])
    translit["record_id"] = "t" + translit["record_id"].astype(str)
    crossed = pd.DataFrame(_CROSSED, columns=["record_id", "full_name", "dob", "phone"])
    csv = folder / "people.csv"
    pd.concat([table, translit, crossed], ignore_index=True).to_csv(csv, index=False)
    case = ingest([Source(csv, preset="people")])
    persons = case.mentions[case.mentions["type"] == "person"].reset_index(drop=True)
    index = pd.Index(persons["mention_id"].astype(str))
    features = person_features(persons, linked_identifiers(case.mentions, case.links, index))
    pairs, _ = block(features, ResolveConfig().blocking)
    left, right = pairs["left"].to_numpy(np.int64), pairs["right"].to_numpy(np.int64)
    # Random pairs too: most disagree, some cross names by chance.
    rng = np.random.default_rng(5)
    extra = rng.integers(0, len(features), size=(2, 20_000))
    keep = extra[0] != extra[1]
    left = np.concatenate([left, extra[0][keep]])
    right = np.concatenate([right, extra[1][keep]])
    return case, features, left, right


def test_levels_do_not_depend_on_the_order(realistic):
    _, features, left, right = realistic
    names = list(COMPARISONS)
    forward = compare(features, left, right, names)
    backward = compare(features, right, left, names)
    swapped = forward["swapped"].to_numpy(bool)
    # The set exercises what it claims: names compared crosswise, both readings of them.
    assert swapped.sum() >= 50
    flipped = forward["names_flipped"].to_numpy(bool)
    assert 0 < flipped[swapped].sum() < swapped.sum()
    # "names_flipped" says which side is swapped: the left one, so the other one reversed.
    assert (backward["names_flipped"].to_numpy(bool) == (flipped ^ swapped)).all()
    same = forward.drop(columns="names_flipped")
    pd.testing.assert_frame_equal(same, backward.drop(columns="names_flipped"))


def test_probability_does_not_depend_on_the_order(realistic):
    case, features, left, right = realistic
    model = Model.from_dict(resolve(case).manifest[MODEL_KEY])
    config = ResolveConfig()
    forward, _ = score_persons(features, left, right, config, model=model)
    backward, _ = score_persons(features, right, left, config, model=model)
    for col in ("match_weight", "match_probability", "capped", "strong_rule"):
        if col in forward:
            pd.testing.assert_series_equal(forward[col], backward[col], check_names=False)


def test_crossed_names_read_alike(realistic):
    """The pairs of crossed names above, compared both ways: the given-name level compares
    the given names (Katerina, Petro / Piotr, Aikaterini / Katerina) whichever is left."""
    case, features, _, _ = realistic
    rows = case.mentions[case.mentions["type"] == "person"].reset_index(drop=True)
    at = {rid: i for i, rid in enumerate(rows["row"])}
    first = len(rows) - len(_CROSSED) + 1  # the crossed rows close the file
    pos = {rec[0]: at[first + i] for i, rec in enumerate(_CROSSED)}
    pairs = [("x1", "x2"), ("x3", "x4"), ("x5", "x6"), ("x7", "x8")]
    for a, b in pairs:
        for lr in ((pos[a], pos[b]), (pos[b], pos[a])):
            got = compare(features, np.array([lr[0]]), np.array([lr[1]]), ["given_name"])
            level = COMPARISONS["given_name"].level_names[got["given_name_level"].iloc[0]]
            assert bool(got["swapped"].iloc[0]), (a, b)
            assert level == "exact", (a, b, level)


# Two people written with their names in either order (one in Greek script, a full name
# of the Greek form of Katerina), the sister of one, as two agencies file them: one file
# lists each person's two rows in the other order. Hand-built truth: the rows of one
# person_id are one person, and no one else. Among 1,500 other people (people_table), so
# that the model is learnt from a list of realistic size.
_AGENCY = [
    ("Παπαδάκη Αικατερίνη", "1990-05-01", "F", "+30 694 123 4567", "Athens", "p1"),
    ("Katerina Papadaki", "1990-05-01", "F", "+30 694 765 4321", "Athens", "p1"),
    ("Eleni Papadaki", "1993-07-21", "F", "+30 694 222 3333", "Athens", "p2"),
    ("MYNIAK PETRO", "1979-11-12", "M", "+380 67 123 4567", "Lviv", "p3"),
    ("Piotr Myniak", "1979-11-12", "M", "+48 601 234 567", "Lviv", "p3"),
]


def _groups(tmp_path: Path, order: list[int]) -> list[tuple[str, ...]]:
    """Ingest and resolve, through the CLI, 1,500 people and then the rows of ``_AGENCY``
    in ``order``; those rows' person ids, grouped as the resolved entities group them."""
    tmp_path.mkdir()
    rows = pd.DataFrame(
        [_AGENCY[i] for i in order], columns=["full_name", "dob", "sex", "phone", "city", "pid"]
    )
    rows.insert(0, "record_id", [f"x{i}" for i in order])
    others = people_table(1500, seed=3).drop(columns=["true_id"])
    csv = tmp_path / "people.csv"
    pd.concat([others, rows.drop(columns="pid")], ignore_index=True).to_csv(csv, index=False)
    runner = CliRunner()
    case_dir = tmp_path / "case"
    out = runner.invoke(cli, ["ingest", str(csv), "--preset", "people", "-o", str(case_dir), "-q"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case_dir), "-q"])
    assert out.exit_code == 0, out.output
    case = lg.Case.read(case_dir)
    entity = case.resolution.set_index("mention_id")["entity_id"]
    persons = case.mentions[case.mentions["type"] == "person"].sort_values("row")
    by_entity: dict[str, list[str]] = {}
    for pid, mid in zip(rows["pid"], persons["mention_id"].tail(len(rows)), strict=True):
        by_entity.setdefault(str(entity[mid]), []).append(pid)
    return sorted(tuple(sorted(p)) for p in by_entity.values())


def test_same_entities_in_either_file_order(tmp_path):
    truth = [("p1", "p1"), ("p2",), ("p3", "p3")]
    assert _groups(tmp_path / "forward", [0, 1, 2, 3, 4]) == truth
    # Before: "Katerina Papadaki" first compared Katerina with Αικατερίνη as given names,
    # no nickname the table knew, and the sibling cap kept the two apart.
    assert _groups(tmp_path / "backward", [1, 0, 2, 4, 3]) == truth
