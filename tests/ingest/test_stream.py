"""Streaming ingest (``ingest_to``, the CLI): the same case folder as ingest() + Case.write."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import StrictModeError
from linkgraph.ingest import (
    IngestConfig,
    Source,
    ingest,
    ingest_to,
    merge_cases,
    read_ahead,
    readers,
)
from linkgraph.ingest._writer import CaseWriter, table_schema
from linkgraph.model import TABLES, Case

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
    # no temporary folder nor writer lock file left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


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


def test_streamed_raw_rows_are_stored_once_per_chunk(tmp_path, monkeypatch):
    # The mentions of a row share its JSON: the file holds it in a dictionary page, once
    # per row of the chunk, and reads back as the spec's plain text column.
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    path = tmp_path / "people.csv"
    rows = [f"P{i},Ana {i},+44 7700 9{i:05d},ana{i}@example.com" for i in range(2500)]
    path.write_text("record_id,full_name,phone,email\n" + "\n".join(rows) + "\n", "utf-8")
    config = IngestConfig(chunk_rows=1000)
    ingest([Source(path, preset="people")], config).write(tmp_path / "memory")
    ingest_to([Source(path, preset="people")], tmp_path / "streamed", config)
    _same_folders(tmp_path / "memory", tmp_path / "streamed")
    file = pq.ParquetFile(tmp_path / "streamed" / "mentions.parquet")
    assert file.schema_arrow == table_schema(TABLES["mentions"])
    mentions = Case.read(tmp_path / "streamed").mentions
    assert (mentions.groupby("row")["raw"].nunique() == 1).all()
    assert mentions.loc[mentions["row"] == 7, "raw"].iloc[0].startswith('{"record_id": "P6"')
    raw = file.schema_arrow.get_field_index("raw")
    meta = file.metadata
    assert meta.num_row_groups == 3  # one per chunk: 1,000 + 1,000 + 500 rows
    start = 0
    for g in range(meta.num_row_groups):
        group = mentions.iloc[start : start + meta.row_group(g).num_rows]
        start += len(group)
        column = meta.row_group(g).column(raw)
        assert "RLE_DICTIONARY" in column.encodings
        # each row's text once (plus the indices), not once per mention (x3 here)
        once = group.drop_duplicates("row")["raw"].str.len().sum()
        assert column.total_uncompressed_size < 1.5 * once


def test_read_ahead_gives_the_items_and_their_errors_in_order():
    import threading

    advanced: list[int] = []
    busy = threading.Lock()

    def items():
        for i in range(5):
            assert busy.acquire(blocking=False)  # never advanced on two threads at once
            advanced.append(i)
            busy.release()
            if i == 3:
                raise ValueError("row 3 is bad")
            yield i

    got = []
    stream = read_ahead(items())
    got = [next(stream) for _ in range(3)]
    with pytest.raises(ValueError, match="row 3"):
        next(stream)
    assert got == [0, 1, 2]
    assert list(read_ahead(iter(range(4)))) == [0, 1, 2, 3]
    # left early: at most one item read ahead, then nothing more
    advanced.clear()
    stream = read_ahead(items())
    assert next(stream) == 0
    stream.close()
    assert advanced in ([0], [0, 1])


def test_phone_slot_reads_each_row_with_its_own_country(tmp_path):
    # A person list's phones are read for the whole column on a helper thread, then the
    # phone slot takes its rows (rows without a phone make no mention): each mention must
    # be what the per-value reader says of its cell under its row's country (rows count
    # from 1, the header apart).
    from linkgraph.ingest._phones import _phone_or_error

    cells = [
        ("CH", "079 202 42 06"), ("RS", "064 1234567"), ("GB", "+44 7911 123456"),
        ("GB", ""), ("DE", "0151 23456789"), ("", "0044 20 7946 0958"), ("NL", "12"),
        ("Switzerland", "044 668 18 00"), ("CH", "079 202 42 06"), ("RS", "079 202 42 06"),
        ("BG", "+359 88 992 5882"), ("FR", "not a phone"), ("IT", ""), ("US", "(202) 555-0143"),
    ]  # fmt: skip
    path = tmp_path / "people.csv"
    lines = ["record_id,full_name,country,phone"]
    lines += [f"r{i},Person {i},{c},{p}" for i, (c, p) in enumerate(cells)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_to([Source(path, preset="people")], tmp_path / "case")
    case = Case.read(tmp_path / "case")
    phones = case.mentions[case.mentions["type"] == "phone"].set_index("row")
    persons = case.mentions[case.mentions["type"] == "person"].set_index("row")
    read = {
        i + 1: _phone_or_error(p, _region_of(c)) for i, (c, p) in enumerate(cells) if p
    }  # fmt: skip
    # a number that cannot be read is no phone: a reject, kept as written on its person
    rows_with_phone = [row for row, got in read.items() if not isinstance(got, ValueError)]
    assert sorted(phones.index.astype(int)) == rows_with_phone
    for row, expected in read.items():
        cell = cells[row - 1][1]
        if isinstance(expected, ValueError):
            attrs = json.loads(persons.loc[row, "attrs"])
            assert attrs["phone_invalid"] == cell, cell
        else:
            mention = phones.loc[row]
            assert pd.isna(mention["flags"]), cell
            assert mention["phone"] == expected, cell
    invalid = case.rejects[case.rejects["reason"] == "phone_invalid"]
    expected_bad = [
        i + 1
        for i, (c, p) in enumerate(cells)
        if p and isinstance(_phone_or_error(p, _region_of(c)), ValueError)
    ]
    assert sorted(invalid["row"].astype(int)) == expected_bad


def _region_of(country):
    from linkgraph.ingest import normalize

    if not country:
        return None
    try:
        return normalize.country(country)
    except ValueError:
        return None


def test_freed_pages_are_returned_sooner_unless_jemalloc_is_configured(monkeypatch):
    import pyarrow as pa

    from linkgraph._arrow_pool import return_freed_after, use_lean_pool

    use_lean_pool()
    monkeypatch.setenv("JE_ARROW_MALLOC_CONF", "dirty_decay_ms:1000")
    assert return_freed_after(250) is False  # the user's configuration wins
    monkeypatch.delenv("JE_ARROW_MALLOC_CONF")
    jemalloc = pa.default_memory_pool().backend_name == "jemalloc"
    assert return_freed_after(250) is jemalloc
    if jemalloc:
        pa.jemalloc_set_decay_ms(1000)  # pyarrow's own setting, for the other tests


def _rows_of(case: Case, table: str, source: str):
    frame = getattr(case, table)
    return frame[frame["source"] == source].reset_index(drop=True)


@pytest.mark.parametrize("written_by", ["cli", "case_write"])
def test_reingest_replaces_one_source_and_keeps_the_others_row_for_row(tmp_path, written_by):
    """Re-ingesting a file reads the old rows' sources, copies the other sources' rows
    as they are (row groups of one source, and a Case.write row group that mixes them),
    and replaces the file's rows with exactly those of a fresh ingest."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("name,dob,phone\nAna Pop,1990-01-02,+40712345678\nIon Rus,1985-03-04,\n")
    b.write_text("name,dob\nMaria Ionescu,1970-05-06\nDan Stan,\nEva Lup,2001-07-08\n")
    case_dir = tmp_path / "case"
    run = CliRunner()
    for f in (a, b):
        assert (
            run.invoke(cli, ["ingest", str(f), "--preset", "people", "-o", str(case_dir)]).exit_code
            == 0
        )
    if written_by == "case_write":  # one row group holding both sources
        Case.read(case_dir).write(case_dir)
    before = Case.read(case_dir)
    a.write_text("name,dob\nAna Pop,1990-01-02\n")  # the file changed since
    result = run.invoke(cli, ["ingest", str(a), "--preset", "people", "-o", str(case_dir)])
    assert result.exit_code == 0, result.output
    after = Case.read(case_dir)
    run.invoke(cli, ["ingest", str(a), "--preset", "people", "-o", str(tmp_path / "fresh")])
    fresh = Case.read(tmp_path / "fresh")
    for table in ("mentions", "links", "rejects"):
        pd.testing.assert_frame_equal(
            _rows_of(after, table, "b.csv"), _rows_of(before, table, "b.csv")
        )
        pd.testing.assert_frame_equal(
            _rows_of(after, table, "a.csv"), _rows_of(fresh, table, "a.csv")
        )
    assert len(after.mentions) == len(_rows_of(before, "mentions", "b.csv")) + len(fresh.mentions)


def test_copy_filtered_in_small_batches_keeps_the_rows_a_full_read_keeps(tmp_path):
    """The Arrow copy reads a kept row group ``batch_rows`` at a time, each batch with its
    slice of the row group's mask: the same rows as filtering the whole table."""
    rows = "".join(f"P{i} Pop,19{50 + i}-01-02\n" for i in range(7))
    (tmp_path / "a.csv").write_text("name,dob\n" + rows)
    (tmp_path / "b.csv").write_text("name,dob\n" + rows.replace("Pop", "Rus"))
    src = tmp_path / "src"
    for f in ("a.csv", "b.csv"):
        CliRunner().invoke(cli, ["ingest", str(tmp_path / f), "--preset", "people", "-o", str(src)])
    whole = Case.read(src)
    whole.write(src)  # one row group mixing both sources
    out = tmp_path / "out"
    with CaseWriter(out) as writer:
        writer.copy_filtered(
            src, lambda df: df["source"].eq("b.csv"), columns=("source",), batch_rows=3
        )
        writer.close({})
    copied = Case.read(out)
    expected = whole.mentions[whole.mentions["source"] == "b.csv"].reset_index(drop=True)
    pd.testing.assert_frame_equal(copied.mentions.reset_index(drop=True), expected)
    assert len(expected) == 7
