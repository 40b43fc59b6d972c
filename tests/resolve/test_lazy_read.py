"""Resolution of a case read without its mention columns (as ``linkgraph resolve`` reads
it: each step reads what it uses from the folder) gives exactly what resolving the whole
case in memory gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import CaseError
from linkgraph.ingest import ingest_file
from linkgraph.model import MENTIONS, Case, read_rows
from linkgraph.resolve import READ_COLUMNS, resolve
from linkgraph.synth.people import people_table


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A person list of 1,500 rows (with duplicates, phones, e-mails, addresses) ingested
    with the ``people`` preset and written to a case folder; the row groups are small, so
    that the reads go row group by row group."""
    tmp = tmp_path_factory.mktemp("lazy")
    csv = tmp / "people.csv"
    people_table(1500, seed=3).drop(columns=["true_id"]).to_csv(csv, index=False)
    case = ingest_file(csv, preset="people")
    out = tmp / "case"
    case.write(out)
    mentions = pd.read_parquet(out / "mentions.parquet")
    mentions.to_parquet(out / "mentions.parquet", index=False, row_group_size=700)
    return out


def test_read_rows_is_the_filtered_table(folder):
    whole = Case.read(folder).mentions
    keep = (whole["type"] == "person").to_numpy()
    got = read_rows(folder / "mentions.parquet", ("mention_id", "given_name", "dob"), keep)
    want = whole.loc[keep, ["mention_id", "given_name", "dob"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    assert str(got["dob"].dtype) == MENTIONS.columns["dob"]
    nothing = read_rows(folder / "mentions.parquet", ("mention_id",), np.zeros(len(whole), bool))
    assert len(nothing) == 0
    assert list(nothing.columns) == ["mention_id"]


def test_partial_read_resolves_as_the_whole_case(folder):
    whole = resolve(Case.read(folder))
    partial_case = Case.read(folder, columns=READ_COLUMNS)
    assert partial_case.mentions.shape[1] == 0  # nothing of the mentions read up front
    partial = resolve(partial_case)
    assert whole.resolution["entity_id"].nunique() < len(whole.resolution)  # merges made
    pd.testing.assert_frame_equal(partial.resolution, whole.resolution)
    pd.testing.assert_frame_equal(partial.evidence, whole.evidence)


def test_cli_resolve_keeps_the_mentions_bytes_and_matches_the_api(folder, tmp_path):
    import shutil

    case = tmp_path / "case"
    shutil.copytree(folder, case)
    before = (case / "mentions.parquet").read_bytes()
    got = CliRunner().invoke(cli, ["resolve", str(case), "-q"])
    assert got.exit_code == 0, got.output
    assert (case / "mentions.parquet").read_bytes() == before
    api = resolve(Case.read(folder))
    written = Case.read(case)
    pd.testing.assert_frame_equal(
        written.resolution, api.resolution.astype(written.resolution.dtypes)
    )
    assert len(written.evidence) == len(api.evidence)


def test_a_case_changed_while_resolving_is_refused(folder, tmp_path):
    import shutil

    case = tmp_path / "case"
    shutil.copytree(folder, case)
    partial = Case.read(case, columns=READ_COLUMNS)
    Case.read(case).with_step("other", {}).write(case)  # another command wrote it
    with pytest.raises(CaseError, match="changed by another"):
        resolve(partial)
