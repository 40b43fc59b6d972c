"""`ingest a.csv --mapping a.yaml b.csv --mapping b.yaml` looks per-file, but one ingest
reads every file one way: Click kept the last --mapping, silently read a.csv with b.yaml
and lost its persons. A repeated reading option is refused, saying what to do instead."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = "name,phone,role\nAna Pop,+40 721 000 111,victim\nIon Rusu,+40 721 000 222,suspect\n"
PHONES = "phone\n+40 721 000 333\n"
PEOPLE_MAP = "entities:\n  person: {type: person, fields: {name: name, role: role}}\n"
PHONES_MAP = "entities:\n  phone: {type: phone, fields: {phone: phone}}\n"


@pytest.fixture
def files(tmp_path):
    """Two tables, each with its own mapping."""
    for name, text in {
        "people.csv": PEOPLE,
        "phones.csv": PHONES,
        "people.yaml": PEOPLE_MAP,
        "phones.yaml": PHONES_MAP,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_mapping_per_file_is_refused_and_nothing_written(files):
    args = ["ingest", str(files / "people.csv"), "--mapping", str(files / "people.yaml")]
    args += [str(files / "phones.csv"), "--mapping", str(files / "phones.yaml")]
    done = CliRunner().invoke(cli, [*args, "-o", str(files / "case")])
    assert done.exit_code == 2, done.output
    assert "--mapping was given 2 times" in done.output
    assert "people.yaml" in done.output
    assert "phones.yaml" in done.output
    assert "linkgraph run" in done.output
    assert "sources:" in done.output
    assert not (files / "case").exists()


@pytest.mark.parametrize(
    "repeated",
    [
        ["--preset", "people", "--preset", "cdr"],
        ["--preset", "people", "--agency", "A", "--agency", "B"],
        ["--preset", "people", "--region", "RO", "--region", "MD"],
        ["--preset", "people", "--timezone", "UTC", "--timezone", "CET"],
    ],
)
def test_every_reading_option_is_given_once(files, repeated):
    done = CliRunner().invoke(
        cli, ["ingest", str(files / "people.csv"), *repeated, "-o", str(files / "case")]
    )
    assert done.exit_code == 2, done.output
    assert f"{repeated[-2]} was given 2 times" in done.output
    assert not (files / "case").exists()


def test_one_ingest_per_mapping_into_one_case_still_works(files):
    runner = CliRunner()
    for name in ("people", "phones"):
        done = runner.invoke(
            cli,
            [
                "ingest",
                str(files / f"{name}.csv"),
                "--mapping",
                str(files / f"{name}.yaml"),
                "--region",
                "RO",
                "-o",
                str(files / "case"),
            ],
        )
        assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["mentions", str(files / "case"), "--csv"])
    assert done.exit_code == 0, done.output
    mentions = pd.read_csv(io.StringIO(done.stdout))
    assert sorted(mentions["type"]) == ["person", "person", "phone"], done.output
