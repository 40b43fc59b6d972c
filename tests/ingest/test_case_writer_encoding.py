"""The case writer's cheaper encodings keep the values: a column of one value per chunk
becomes the dictionary ``pyarrow.compute.dictionary_encode`` gives, and the files read
back as the rows written."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from linkgraph.ingest._writer import CaseWriter, _constant_dictionary
from linkgraph.model import Case


def _chunks(*parts: list[str | None]) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array(p, pa.large_string()) for p in parts])


def test_one_value_per_chunk_is_the_dictionary_arrow_would_make() -> None:
    col = _chunks(["caller"] * 3, [], ["callee"] * 2, ["caller"] * 4)
    made = _constant_dictionary(col)
    assert made is not None
    assert made.num_chunks == 1
    reference = pc.dictionary_encode(col.combine_chunks())
    assert made.chunk(0).dictionary.equals(reference.dictionary)
    assert made.chunk(0).indices.cast(pa.int32()).equals(reference.indices.cast(pa.int32()))
    assert made.cast(pa.large_string()).equals(col.cast(pa.large_string()))


def test_a_chunk_of_two_values_or_with_a_null_is_left_to_arrow() -> None:
    assert _constant_dictionary(_chunks(["a", "a"], ["a", "b"])) is None
    assert _constant_dictionary(_chunks(["a", None])) is None
    assert _constant_dictionary(_chunks([])) is None


def test_written_tables_read_back_as_appended(tmp_path) -> None:
    mentions = pd.DataFrame(
        {
            "mention_id": ["m:00000000000000a1", "m:00000000000000a2", "m:00000000000000a3"],
            "type": ["phone", "phone", "person"],
            "slot": ["caller", "caller", "subscriber"],
            "label": ["+447700900001", "+447700900002", "Ana"],
            "source": ["cdr.csv"] * 3,
            "row": pd.array([1, 2, 2], dtype="Int64"),
        }
    ).astype(dict.fromkeys(("mention_id", "type", "slot", "label", "source"), "string"))
    links = pd.DataFrame(
        {
            "link_id": ["l:00000000000000b1", "l:00000000000000b2"],
            "src": ["m:00000000000000a1", "m:00000000000000a3"],
            "dst": ["m:00000000000000a2", "m:00000000000000a2"],
            "kind": ["called", "uses_phone"],
            "time": pd.to_datetime(["2024-01-01 10:00", None], utc=True).astype(
                "datetime64[ns, UTC]"
            ),
            "source": ["cdr.csv"] * 2,
            "row": pd.array([1, 2], dtype="Int64"),
        }
    ).astype(dict.fromkeys(("link_id", "src", "dst", "kind", "source"), "string"))
    with CaseWriter(tmp_path / "case") as writer:
        # two appends per table: two row groups, one of them of one value per column
        writer.append("mentions", mentions.iloc[:2])
        writer.append("mentions", mentions.iloc[2:])
        writer.append("links", links)
        writer.append("links", links.iloc[:1])
        writer.close({"inputs": []})
    case = Case.read(tmp_path / "case")
    got = case.mentions[list(mentions.columns)]
    pd.testing.assert_frame_equal(got, mentions.reset_index(drop=True), check_dtype=False)
    got = case.links[list(links.columns)]
    want = pd.concat([links, links.iloc[:1]], ignore_index=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    for name in ("mentions", "links"):
        stored = pq.ParquetFile(tmp_path / "case" / f"{name}.parquet").schema_arrow
        assert not any(pa.types.is_dictionary(f.type) for f in stored), name
