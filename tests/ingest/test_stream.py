"""Streaming ingest (``ingest_to``, the CLI): the same case folder as ingest() + Case.write."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import StrictModeError
from linkgraph.ingest import IngestConfig, Source, ingest, ingest_to, merge_cases, readers
from linkgraph.model import Case

TABLE_NAMES = ("mentions", "links", "rejects")


def _sources(fixtures):
    return [
        Source(fixtures / "arrests.csv", mapping=fixtures / "arrests.yaml"),
        Source(fixtures / "ads.jsonl", preset="ads"),
        Source(fixtures / "entities.ftm.json", preset="ftm"),
    ]


def _same_folders(a, b):
    for name in TABLE_NAMES:
        ta, tb = pq.read_table(a / f"{name}.parquet"), pq.read_table(b / f"{name}.parquet")
        assert ta.schema.equals(tb.schema, check_metadata=True), name
        assert ta.equals(tb), name
    ma, mb = (json.loads((f / "manifest.json").read_text()) for f in (a, b))
    for m in (ma, mb):
        del m["created"], m["updated"]
        for step in m["steps"]:
            del step["at"]
    assert ma == mb


@pytest.mark.parametrize("chunk_rows", [2, 200_000])
def test_streamed_folder_equals_in_memory_write(tmp_path, fixtures, monkeypatch, chunk_rows):
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)  # the chunked (Arrow) CSV reader
    config = IngestConfig(chunk_rows=chunk_rows)
    ingest(_sources(fixtures), config).write(tmp_path / "memory")
    ingest_to(_sources(fixtures), tmp_path / "streamed", config)
    _same_folders(tmp_path / "memory", tmp_path / "streamed")
    case = Case.read(tmp_path / "streamed")
    assert case.manifest["inputs"][0]["rows"] == 3
    assert case.mentions["mention_id"].is_unique


def test_streaming_into_an_existing_case_merges_like_merge_cases(tmp_path, fixtures):
    sources = _sources(fixtures)
    for folder in ("memory", "streamed"):
        ingest(sources[:2]).write(tmp_path / folder)
        (tmp_path / folder / "notes.txt").write_text("kept", encoding="utf-8")
    merge_cases(Case.read(tmp_path / "memory"), ingest(sources[1:])).write(tmp_path / "memory")
    ingest_to(sources[1:], tmp_path / "streamed")
    _same_folders(tmp_path / "memory", tmp_path / "streamed")
    assert (tmp_path / "streamed" / "notes.txt").read_text(encoding="utf-8") == "kept"
    names = [i["name"] for i in Case.read(tmp_path / "streamed").manifest["inputs"]]
    assert names == ["arrests.csv", "ads.jsonl", "entities.ftm.json"]


def test_a_failed_streaming_ingest_leaves_the_folder_as_it_was(tmp_path, fixtures):
    out = tmp_path / "case"
    ingest_to(_sources(fixtures)[:1], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(StrictModeError):
        ingest_to(_sources(fixtures)[1:2], out, IngestConfig(strict=True))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # no temporary folder left; the hidden writer lock stays
    assert sorted(p.name for p in tmp_path.iterdir()) == [".case.lock", "case"]


def test_cli_streams_large_files_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    path = tmp_path / "calls.csv"
    lines = ["caller,callee,start_time"] + [
        f"+44 20 7946 {i:04d},020 7946 0958,2024-01-0{1 + i % 9} 10:00" for i in range(500)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "cdr", "--region", "GB", "-o", str(out)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "calls.csv: 500 rows, 1,000 mentions, 500 links, 0 rejects" in result.output
    case = Case.read(out)
    assert case.links["row"].tolist() == list(range(1, 501))
    assert set(case.mentions.loc[case.mentions.slot == "callee", "phone"]) == {"+442079460958"}
