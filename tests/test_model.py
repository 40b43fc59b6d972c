"""The Case: Parquet round trip, atomic writes, stable ids, manifest."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from linkgraph.errors import CaseError, OutputError
from linkgraph.model import LINKS, MENTIONS, Case, concat_cases, file_sha256, stable_id


def _toy_case() -> Case:
    mentions = pd.DataFrame(
        {
            "mention_id": ["m:1", "m:2", "m:3"],
            "type": ["person", "person", "phone"],
            "name": ["Олександр Коваленко", 'Ana "La Rubia" Pérez', None],
            "dob": ["1990-02-01", None, None],
            "identifier": [None, None, "+380671234567"],
            "role": [None, "suspect", None],
            "time": pd.to_datetime(["2024-01-02T03:04:05Z", None, None], utc=True),
            "raw": [json.dumps({"name": "=HYPERLINK(1)"}), "{}", "{}"],
            "source": ["a.csv", "b.csv", "b.csv"],
            "row": [1, 2, 2],
        }
    )
    links = pd.DataFrame(
        {
            "link_id": ["l:1"],
            "src": ["m:2"],
            "dst": ["m:3"],
            "kind": ["uses_phone"],
            "amount": [12.5],
            "source": ["b.csv"],
            "row": [2],
        }
    )
    resolution = pd.DataFrame(
        {"mention_id": ["m:1", "m:2", "m:3"], "entity_id": ["e:1", "e:1", "e:3"]}
    )
    return Case().with_tables(mentions=mentions, links=links, resolution=resolution)


def test_round_trip_every_table_exactly(tmp_path):
    case = _toy_case()
    case.save(tmp_path / "case")
    back = Case.load(tmp_path / "case")
    for name, df in case.tables().items():
        pd.testing.assert_frame_equal(getattr(back, name), df, check_exact=True)
    assert back.evidence is None
    assert back.metrics is None
    assert back.manifest == json.loads(json.dumps(case.manifest))


def test_conform_gives_every_spec_column_with_its_dtype():
    case = _toy_case()
    assert list(case.mentions.columns[: len(MENTIONS.columns)]) == list(MENTIONS.columns)
    for col, dtype in LINKS.columns.items():
        assert str(case.links[col].dtype) == dtype, col


def test_write_replaces_tables_but_keeps_other_files(tmp_path):
    target = tmp_path / "case"
    _toy_case().write(target)
    (target / "notes.txt").write_text("step\n0\n")
    (target / "keyplayers.csv").write_text("step\n0\n")
    Case().write(target)
    assert (target / "notes.txt").read_text() == "step\n0\n"
    # Measured on the entities of other mentions: not kept.
    assert not (target / "keyplayers.csv").exists()
    assert not (target / "resolution.parquet").exists()  # the new case has none
    assert Case.read(target).mentions.empty
    # no temp folders nor writer lock file (.case.lock) left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_failed_write_leaves_the_old_case_intact(tmp_path, monkeypatch):
    target = tmp_path / "case"
    _toy_case().write(target)

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", boom)
    with pytest.raises(OutputError, match="disk full") as info:
        Case().write(target)
    assert str(target) in str(info.value)  # the case folder, not its temporary copy
    monkeypatch.undo()
    assert len(Case.read(target).mentions) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_read_errors_say_what_to_do(tmp_path):
    with pytest.raises(CaseError, match=r"no manifest\.json") as info:
        Case.read(tmp_path)
    assert "linkgraph ingest" in info.value.render()
    (tmp_path / "manifest.json").write_text(json.dumps({"format_version": 99}))
    with pytest.raises(CaseError, match="newer linkgraph"):
        Case.read(tmp_path)


def test_stable_id_is_deterministic_and_distinguishes_parts():
    assert stable_id("m", "a.csv", 1, "person") == stable_id("m", "a.csv", 1, "person")
    assert stable_id("m", "a.csv", 1, "person") != stable_id("m", "a.csv", 11, "person")
    # the separator keeps ("a", "bc") and ("ab", "c") apart
    assert stable_id("m", "a", "bc") != stable_id("m", "ab", "c")
    assert stable_id("m", "x").startswith("m:")
    assert len(stable_id("m", "x")) == 18


def test_file_sha256_matches_hashlib(tmp_path):
    import hashlib

    p = tmp_path / "f.bin"
    p.write_bytes(b"abc" * 1_000_000)
    assert file_sha256(p) == hashlib.sha256(b"abc" * 1_000_000).hexdigest()


def test_manifest_records_versions_steps_and_config():
    case = _toy_case().with_step("resolve", {"threshold": 0.9}, pairs=12)
    m = case.manifest
    assert m["versions"]["pandas"] == pd.__version__
    assert m["config"]["resolve"] == {"threshold": 0.9}
    assert m["steps"][-1]["stage"] == "resolve"
    assert m["steps"][-1]["pairs"] == 12


def test_entity_of_without_resolution_is_identity():
    case = Case().with_tables(mentions=_toy_case().mentions)
    assert case.entity_of().to_dict() == {"m:1": "m:1", "m:2": "m:2", "m:3": "m:3"}


def test_concat_cases_keeps_rows_and_inputs():
    a, b = _toy_case(), _toy_case()
    a.manifest["inputs"].append({"name": "a.csv"})
    b.manifest["inputs"].append({"name": "b.csv"})
    both = concat_cases([a, b])
    assert len(both.mentions) == 6
    assert len(both.links) == 2
    assert [i["name"] for i in both.manifest["inputs"]] == ["a.csv", "b.csv"]


@pytest.mark.parametrize(
    ("written", "said"),
    [("1.0", "format_version must be a whole number, not '1.0'"),
     (1.5, "format_version must be a whole number, not 1.5"),
     (None, "format_version must be a whole number, not None")],
)  # fmt: skip
def test_a_hand_edited_format_version_is_a_clear_error_in_every_command(tmp_path, written, said):
    """A manifest whose format_version was edited by hand ("1.0") is an error naming the
    file, in Python and in the CLI (before: a ValueError traceback from int())."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    case = tmp_path / "case"
    Case().write(case)
    manifest = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    manifest["format_version"] = written
    (case / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CaseError, match=re.escape(said)):
        Case.read(case)
    for args in (["render", str(case), "-o", str(tmp_path / "m.html")],
                 ["mentions", str(case)]):  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert said in result.output
        assert "Traceback" not in result.output
