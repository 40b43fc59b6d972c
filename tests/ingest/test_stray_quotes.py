"""A quote left open mid-file (D2): the records after it are read, not swallowed."""

from __future__ import annotations

import pytest

from linkgraph.ingest import ingest_file, readers

PEOPLE = [
    ("Ana Popa", "+40 721 000 001", "Bucuresti"),
    ("Ion Rusu", "+40 721 000 002", "Iasi"),
    ("Eva Lungu", "+40 721 000 003", "Cluj"),
    ("Dan Moraru", "+40 721 000 004", "Arad"),
    ("Mia Stan", "+40 721 000 005", "Sibiu, Centru"),
]


def _write(tmp_path, lines):
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _people(case):
    persons = case.mentions[case.mentions.type == "person"]
    return dict(zip(persons["row"], persons["name"], strict=True))


@pytest.mark.parametrize("large", [False, True])
def test_an_open_quote_swallows_no_records(tmp_path, monkeypatch, large):
    if large:  # the Arrow reader of large files hands the file to the csv module
        monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    lines = ["full_name,phone,city"] + [
        f'{n},{p},"{c}"' if "," in c else f"{n},{p},{c}" for n, p, c in PEOPLE
    ]
    lines[2] = 'Ion Rusu,+40 721 000 002,"Iasi'  # line 3: the quote is not closed there
    # ... but at line 6's first quote: lines 4 and 5 would be inside Ion Rusu's city
    case = ingest_file(_write(tmp_path, lines), preset="people")
    # every line is its own row, numbered as the file's lines (data row = line - 1)
    assert _people(case) == {i + 1: n for i, (n, _, _) in enumerate(PEOPLE)}
    rejects = case.rejects[["row", "reason", "value"]].values.tolist()
    assert rejects == [
        [
            2,
            "stray_quote",
            'quote opened on line 3 is not closed until line 6: read as a literal ", '
            'the lines after it as rows of their own; fix or remove the stray "',
        ]
    ]


def test_a_quote_never_closed_is_said_so_and_the_rest_is_read(tmp_path):
    lines = ["full_name,phone,city"] + [f"{n},{p},{c.split(',')[0]}" for n, p, c in PEOPLE]
    lines[3] = 'Eva Lungu,"+40 721 000 003'  # too few fields, and the quote runs to the end
    case = ingest_file(_write(tmp_path, lines), preset="people")
    assert _people(case) == {i + 1: n for i, (n, _, _) in enumerate(PEOPLE)}
    got = case.rejects[["row", "reason"]].values.tolist()
    assert got == [[3, "stray_quote"], [3, "ragged_row"]]
    assert "quote opened on line 4 is never closed" in case.rejects["value"].iloc[0]


def test_a_cell_with_line_breaks_is_still_one_cell(tmp_path):
    lines = ["full_name,phone,address", 'Ana Popa,+40 721 000 001,"Str. Lunga 1,', 'Iasi, RO"']
    lines += ["Ion Rusu,+40 721 000 002,Cluj"]
    case = ingest_file(_write(tmp_path, lines), preset="people")
    assert _people(case) == {1: "Ana Popa", 2: "Ion Rusu"}
    assert case.rejects.empty


def test_records_in_a_cell_are_found_only_in_the_batch_cells():
    import pyarrow as pa

    swallowed = "Iasi\nEva Lungu,+40 721 000 003,Cluj"  # a cell holding a whole record
    cells = ["Bucuresti", swallowed, "Arad"]
    batch = pa.RecordBatch.from_arrays([pa.array(["a", "b", "c"]), pa.array(cells)], ["x", "y"])
    # the reference: the cells one by one
    assert any(readers.holds_records(c, ",", 3) for c in cells)
    assert readers._holds_records(batch, ",", 3)
    # the break is in the column's text buffer, but not in the cells of the batch
    assert not readers._holds_records(batch.slice(2), ",", 3)
    assert not readers._holds_records(batch.slice(0, 1), ",", 3)


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("columns", [1, 2])
def test_an_open_quote_in_a_narrow_table_swallows_no_records(tmp_path, monkeypatch, columns, large):
    """A stray quote in a table of one or two columns, as in three: the quote is read as
    a literal character, a stray_quote reject says so, every line is its own row (rows
    in = rows read)."""
    if large:
        monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    header = ["full_name", "phone"][:columns]
    lines = [",".join(header)] + [",".join([n, p][:columns]) for n, p, _ in PEOPLE]
    lines[2] = '"' + lines[2]  # line 3: a quote opened and never closed
    case = ingest_file(_write(tmp_path, lines), preset="people")
    expected = {i + 1: n for i, (n, _, _) in enumerate(PEOPLE)}
    expected[2] = '"Ion Rusu'
    assert _people(case) == expected
    rejects = case.rejects[["row", "reason"]].values.tolist()
    assert rejects == [[2, "stray_quote"]]
    assert "quote opened on line 3 is never closed" in case.rejects["value"].iloc[0]


def test_a_two_column_note_with_commas_on_its_lines_is_still_one_cell(tmp_path):
    """Lines of a quoted note that hold a comma look like two-column records; the quote is
    closed and the record has the header's two fields, so it is one cell."""
    lines = ["full_name,notes", 'Ana Popa,"met Ion at the station', 'later called, twice"']
    lines += ["Ion Rusu,none"]
    case = ingest_file(_write(tmp_path, lines), preset="people")
    assert _people(case) == {1: "Ana Popa", 2: "Ion Rusu"}
    assert case.rejects.empty
