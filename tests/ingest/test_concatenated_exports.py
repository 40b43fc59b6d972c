"""Exports as users have them, through the CLI: a header repeated with other titles (two
exports concatenated), a lone carriage return inside a quoted cell, comment lines in a
sheet (tester 26/28 follow-ups). Expected values are worked out by hand from the fixtures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _run(path: Path, tmp_path: Path) -> tuple[str, str, Case]:
    """``mapping suggest`` then ``ingest --mapping`` of ``path``: the draft, the summary
    and the case."""
    draft = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    out = tmp_path / f"{path.stem}_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return draft.output, result.output, Case.read(out)


def _persons(case: Case) -> pd.DataFrame:
    m = case.mentions
    return m[m["type"] == "person"].sort_values("row").reset_index(drop=True)


def _accounted(case: Case, rows: range) -> None:
    """Every data row made a mention or a row-level reject."""
    m, rj = case.mentions, case.rejects
    seen = set(m["row"].astype(int)) | set(rj.loc[rj["level"] == "row", "row"].astype(int))
    assert seen == set(rows)


# -- a lone CR inside a quoted cell ---------------------------------------------------------


def test_a_lone_carriage_return_in_a_quoted_cell_stays_in_it(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(
        b'name,phone,note\r\nAna Pop,+40721234567,"\r=1+2"\r\nIon Rusu,+40721234568,ok\r\n'
    )
    _, _, case = _run(path, tmp_path)
    assert list(_persons(case)["name"]) == ["Ana Pop", "Ion Rusu"]
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], rejects["value"], strict=True)) == [
        (1, "formula", "\r=1+2")
    ]
    _accounted(case, range(1, 3))


def test_lines_ending_in_cr_alone_or_mixed_still_read(tmp_path):
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b'name,phone\rAna Pop,+40721234567\rIon Rusu,"+40721234568"\r')
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        b"name,phone\rAna Pop,+40721234567\r\nIon Rusu,+40721234568\nVasile Lupu,+40721234569\r"
    )
    for path, names in (
        (mac, ["Ana Pop", "Ion Rusu"]),
        (mixed, ["Ana Pop", "Ion Rusu", "Vasile Lupu"]),
    ):
        _, _, case = _run(path, tmp_path)
        assert list(_persons(case)["name"]) == names
        assert case.rejects.empty


# -- the header repeated with other columns ----------------------------------------------

#: Two exports of one system concatenated, the second with its columns moved and "city"
#: added: rows 4-5 are read under their own header (row 3).
ADDED = (
    "name,dob,phone,role\n"
    "Olena Kravets,1990-03-05,+380671234567,victim\n"
    "Petro Bondar,1980-11-12,+380671234568,suspect\n"
    "name,phone,dob,role,city\n"
    "Maria Rusu,+37369123456,2001-12-01,victim,Chisinau\n"
    "Ion Ceban,+37378123456,1979-01-02,suspect,Balti\n"
)


def _phones(case: Case) -> dict[int, str]:
    m = case.mentions
    return dict(
        zip(m.loc[m["type"] == "phone", "row"], m.loc[m["type"] == "phone", "phone"], strict=True)
    )


def test_a_header_repeated_with_a_column_added_starts_a_block_read_under_it(tmp_path):
    path = tmp_path / "added.csv"
    path.write_text(ADDED, encoding="utf-8")
    draft, summary, case = _run(path, tmp_path)
    assert "city: city" in draft  # the added column is offered to the mapping
    people = _persons(case)
    assert list(zip(people["row"], people["name"], people["dob"], people["role"], strict=True)) == [
        (1, "Olena Kravets", "1990-03-05", "victim"),
        (2, "Petro Bondar", "1980-11-12", "suspect"),
        (4, "Maria Rusu", "2001-12-01", "victim"),
        (5, "Ion Ceban", "1979-01-02", "suspect"),
    ]
    assert '"city": "Chisinau"' in people["raw"].iloc[2]
    assert _phones(case) == {
        1: "+380671234567",
        2: "+380671234568",
        4: "+37369123456",
        5: "+37378123456",
    }
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], strict=True)) == [(3, "repeated_header")]
    assert "header is repeated with other columns (row 3: city added" in summary
    _accounted(case, range(1, 6))


def test_a_block_lacking_a_mapped_column_reads_it_empty_and_says_so(tmp_path):
    path = tmp_path / "lacks.csv"
    path.write_text(
        "name,dob,phone\nOlena Kravets,1990-03-05,+380671234567\nName,DOB\nMaria Rusu,2001-12-01\n",
        encoding="utf-8",
    )
    _, summary, case = _run(path, tmp_path)
    people = _persons(case)
    assert list(zip(people["row"], people["name"], people["dob"], strict=True)) == [
        (1, "Olena Kravets", "1990-03-05"),
        (3, "Maria Rusu", "2001-12-01"),
    ]
    assert _phones(case) == {1: "+380671234567"}
    assert list(zip(case.rejects["row"], case.rejects["reason"], strict=True)) == [
        (2, "repeated_header")
    ]
    assert "(row 2: no phone: empty from row 3)" in summary
    assert "lack the mapped column phone: read empty there" in summary
    _accounted(case, range(1, 4))


def test_only_the_mapped_columns_a_block_lacks_are_warned_of(tmp_path):
    path = tmp_path / "noted.csv"
    path.write_text(
        "name,phone,note,city\nOlena Kravets,+380671234567,x,Lviv\nname,note\nMaria Rusu,y\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "noted.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  person:\n    type: person\n    fields: {name: name}\n"
        "  phone:\n    type: phone\n    fields: {phone: phone}\n",
        encoding="utf-8",
    )
    out = tmp_path / "noted_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    # note and city are not mapped: the rows lacking them lose nothing the case reads
    assert "lack the mapped column phone: read empty there" in result.output
    assert "(row 2: no phone, city: empty from row 3)" in result.output
    assert list(_persons(Case.read(out))["name"]) == ["Olena Kravets", "Maria Rusu"]


def test_a_data_row_with_two_titles_and_a_value_stays_a_row(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text(
        "name,alias,phone\nAna Pop,Ani,+40721234567\nName,Alias,+40721234568\n",
        encoding="utf-8",
    )
    _, _, case = _run(path, tmp_path)
    assert list(_persons(case)["name"]) == ["Ana Pop", "Name"]
    assert _phones(case) == {1: "+40721234567", 2: "+40721234568"}
    assert case.rejects.empty


def test_arrows_reader_hands_a_renamed_header_to_the_csv_module(tmp_path, monkeypatch):
    from linkgraph.ingest import readers

    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 0)  # as a file of 16 MiB and more
    path = tmp_path / "renamed.csv"
    path.write_text(
        "name,dob,phone\n"
        "Olena Kravets,1990-03-05,+380671234567\n"
        "Name,DOB,Mobile\n"
        "Maria Rusu,2001-12-01,+37369123456\n",
        encoding="utf-8",
    )
    _, summary, case = _run(path, tmp_path)
    people = _persons(case)
    assert list(zip(people["row"], people["dob"], strict=True)) == [
        (1, "1990-03-05"),
        (3, "2001-12-01"),
    ]
    # "Mobile" is no "phone": a column of its own, which the draft maps as a second phone
    assert _phones(case) == {1: "+380671234567", 3: "+37369123456"}
    assert '"Mobile": "+37369123456"' in people["raw"].iloc[1]
    assert "(row 2: no phone: empty from row 3; Mobile added" in summary
    _accounted(case, range(1, 4))


def test_a_block_goes_on_across_a_chunk_boundary(tmp_path):
    from linkgraph.ingest.readers import read_chunks

    path = tmp_path / "long.csv"
    lines = ["name,dob,phone"] + [f"A{i},1990-01-01,+4072100{i:04d}" for i in range(1, 501)]
    lines += ["name,phone,dob,email"]
    lines += [f"B{i},+4072200{i:04d},2000-01-01,b{i}@x.ro" for i in range(1, 1001)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(read_chunks(path, "csv", chunk_rows=1000))
    assert len(chunks) == 2
    frame = pd.concat([c.frame for c in chunks], ignore_index=True)
    rows = [int(r) for c in chunks for r in c.rows]
    assert rows == [*range(1, 501), *range(502, 1502)]
    assert frame.iloc[499].tolist() == ["A500", "1990-01-01", "+40721000500", ""]
    assert frame.iloc[1499].tolist() == ["B1000", "2000-01-01", "+40722001000", "b1000@x.ro"]
    assert [(r["row"], r["reason"]) for c in chunks for r in c.rejects] == [
        (501, "repeated_header")
    ]


# -- a workbook: the header again, and comment lines -------------------------------------


def test_a_sheet_reads_each_header_s_block_and_rejects_comment_lines(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Persons"
    for row in (
        ["name", "dob", "phone", "role"],
        ["Olena Kravets", "1990-03-05", "+380671234567", "victim"],
        ["# checked 02.05.", None, None, None],
        ["Petro Bondar", "1980-11-12", "+380671234568", "suspect"],
        ["Name", "Phone", "DOB", "Role", "City"],
        ["Maria Rusu", "+37369123456", "2001-12-01", "victim", "Chisinau"],
        ["#5 Ion", "+37378123456", "1979-01-02", "suspect", "Balti"],
    ):
        ws.append(row)
    path = tmp_path / "persons.xlsx"
    wb.save(path)
    _, summary, case = _run(path, tmp_path)
    people = _persons(case)
    assert list(zip(people["row"], people["name"], people["dob"], strict=True)) == [
        (1, "Olena Kravets", "1990-03-05"),
        (3, "Petro Bondar", "1980-11-12"),
        (5, "Maria Rusu", "2001-12-01"),
        (6, "#5 Ion", "1979-01-02"),
    ]
    assert _phones(case) == {
        1: "+380671234567",
        3: "+380671234568",
        5: "+37369123456",
        6: "+37378123456",
    }
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], strict=True)) == [
        (2, "comment_line"),
        (4, "repeated_header"),
    ]
    assert rejects["value"].iloc[0] == "# checked 02.05."
    assert "(row 4: City added" in summary
    _accounted(case, range(1, 7))
