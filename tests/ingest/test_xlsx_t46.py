"""Hostile and awkward workbooks of tester 46: shared strings no sheet could use (a
"bomb" of 40 million tiny strings, 1.7 MB zipped), a sheet formatted down to row
1,048,576, hundreds of small sheets, hidden sheets a mapping leaves unread, damaged
files, openpyxl's warnings. Each workbook here is written part by part, a few KB."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import _xlsx_guard, readers

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (
    f'<styleSheet {NS}><fonts count="1"><font/></fonts><fills count="1"><fill>'
    '<patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fillId="0"/>'
    "</cellXfs></styleSheet>"
)
MAPPING = """format: xlsx
agency: test
region: UA
{sheet}entities:
  person:
    type: person
    fields:
      name: name
  phone:
    type: phone
    fields:
      phone: phone
links:
- kind: uses_phone
  src: person
  dst: phone
"""


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _people(rows: list[tuple[str, str]], first: int = 1) -> str:
    """A header (name, phone) on row ``first`` and ``rows`` under it."""
    out = [f'<row r="{first}">{_inline(f"A{first}", "name")}{_inline(f"B{first}", "phone")}</row>']
    for n, (name, phone) in enumerate(rows, start=first + 1):
        out.append(f'<row r="{n}">{_inline(f"A{n}", name)}{_inline(f"B{n}", phone)}</row>')
    return "".join(out)


def _book(
    path: Path,
    sheets: list[tuple[str, str, str | list[bytes]]],
    shared: list[bytes] | None = None,
    styles: bool = True,
) -> Path:
    """A workbook of ``sheets`` (name, state, sheetData's inner XML, or its parts), no
    ``<dimension>`` (as other programs than Excel write), with ``shared`` strings."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/>'
            + (
                ""
                if shared is None
                else '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd'
                '.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            )
            + "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        rels = [
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        ]
        n = len(sheets)
        if styles:
            rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>')
            zf.writestr("xl/styles.xml", STYLES)
        if shared is not None:
            rels.append(
                f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings"'
                ' Target="sharedStrings.xml"/>'
            )
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(f"<sst {NS}>".encode())
                for part in shared:
                    fh.write(part)
                fh.write(b"</sst>")
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        listed = "".join(
            f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
            for i, (name, state, _) in enumerate(sheets, start=1)
        )
        zf.writestr("xl/workbook.xml", f"<workbook {NS} {RNS}><sheets>{listed}</sheets></workbook>")
        for i, (_, _, body) in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as fh:
                fh.write(f"<worksheet {NS}><sheetData>".encode())
                for part in [body.encode()] if isinstance(body, str) else body:
                    fh.write(part)
                fh.write(b"</sheetData></worksheet>")
    return path


def _mapping(tmp_path: Path, sheet: str | None = None) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(MAPPING.format(sheet=f"sheet: {sheet}\n" if sheet else ""))
    return path


def _ingest(tmp_path: Path, book: Path, sheet: str | None = None) -> tuple[int, str]:
    args = ["ingest", str(book), "--mapping", str(_mapping(tmp_path, sheet))]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "case")])
    return result.exit_code, result.output


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks openpyxl opened (the guard refuses a bomb before that)."""
    paths: list[Path] = []
    real = readers._open_workbook

    def spy(path: Path, **kwargs: object) -> object:
        paths.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(readers, "_open_workbook", spy)
    return paths


# --- H1: shared strings ---------------------------------------------------------------


def test_more_shared_strings_than_the_sheets_could_use_are_refused_by_count(
    tmp_path, opened, monkeypatch
):
    # The slack scaled down 100 times: 2,000 tiny strings stand for 40 million.
    monkeypatch.setattr(_xlsx_guard, "_SHARED_SLACK", 1_000)
    strings = [b"<si><t>x</t></si>" * 2_000]
    sheet = _people([("Ivan Petrov", "+380671234567")])  # some 200 bytes: room for ~10
    book = _book(tmp_path / "sst.xlsx", [("People", "visible", sheet)], shared=strings)
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert "Error: sst.xlsx: the workbook's shared strings (xl/sharedStrings.xml) hold more" in out
    assert "have room to use" in out
    assert "save each sheet as CSV" in out
    assert opened == []  # refused before openpyxl built a string


def test_more_shared_strings_than_the_limit_are_refused(tmp_path, opened, monkeypatch):
    monkeypatch.setattr(_xlsx_guard, "MAX_SHARED_STRINGS", 500)
    book = _book(
        tmp_path / "sst.xlsx",
        [("People", "visible", _people([("Ivan Petrov", "+380671234567")]))],
        shared=[b"<si><t>x</t></si>" * 600],
    )
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert "over the 500 read" in out
    assert opened == []


def test_shared_strings_expanding_like_a_zip_bomb_are_refused_from_their_sizes(
    tmp_path, opened, monkeypatch
):
    # The size limit scaled down 1,024 times: 2 MB of one repeated string stands for 2 GB.
    monkeypatch.setattr(_xlsx_guard, "LARGE_UNPACKED_BYTES", 1 << 16)
    scanned: list[object] = []
    monkeypatch.setattr(_xlsx_guard, "_long_shared", lambda *a: scanned.append(a) or {})
    book = _book(
        tmp_path / "sst.xlsx",
        [("People", "visible", _people([("Ivan Petrov", "+380671234567")]))],
        shared=[b"<si><t>" + b"A" * (2 << 20) + b"</t></si>"],
    )
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert "shared strings (xl/sharedStrings.xml) unzip to 2 MB from" in out
    assert opened == []
    assert scanned == []  # refused from the sizes, nothing scanned


def test_shared_strings_used_by_the_cells_are_read(tmp_path, monkeypatch):
    # No slack at all: 300 strings used by 300 cells are within the sheet's room.
    monkeypatch.setattr(_xlsx_guard, "_SHARED_SLACK", 0)
    names = [f"Person {i}" for i in range(150)]
    phones = [f"+3806712{i:05d}" for i in range(150)]
    strings = ["name", "phone", *names, *phones]
    shared = [b"".join(f"<si><t>{s}</t></si>".encode() for s in strings)]
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    for i in range(150):
        r = i + 2
        rows.append(
            f'<row r="{r}"><c r="A{r}" t="s"><v>{i + 2}</v></c>'
            f'<c r="B{r}" t="s"><v>{i + 152}</v></c></row>'
        )
    book = _book(tmp_path / "used.xlsx", [("People", "visible", "".join(rows))], shared=shared)
    code, out = _ingest(tmp_path, book)
    assert code == 0, out
    assert "used.xlsx: 150 rows, 300 mentions, 150 links" in out


def test_a_long_shared_string_is_still_found_by_its_index(tmp_path, monkeypatch):
    monkeypatch.setattr(_xlsx_guard, "MAX_CELL_CHARS", 1000)
    shared = [b"<si><t>name</t></si><si><t>phone</t></si>", b"<si><t>" + b"A" * 5000 + b"</t></si>"]
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c></row>'
    )
    book = _book(tmp_path / "long.xlsx", [("People", "visible", sheet)], shared=shared)
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert 'long.xlsx#People, row 2, column "A": a cell of more than 1,000 characters' in out


# --- H5: a sheet formatted down to its last row ---------------------------------------


def _formatted_rows(first: int, last: int) -> list[bytes]:
    cols = [chr(65 + i) for i in range(26)] + ["AA", "AB", "AC", "AD"]
    return [
        (f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>' for c in cols) + "</row>").encode()
        for r in range(first, last + 1)
    ]


def test_rows_of_formatted_empty_cells_cost_no_python_call_each(tmp_path, monkeypatch):
    import openpyxl.worksheet._reader as sheet_reader

    calls = {"guard": 0, "openpyxl": 0}
    local = _xlsx_guard._local
    row = sheet_reader.WorkSheetParser.parse_row

    def counted_local(name: str) -> str:
        calls["guard"] += 1
        return local(name)

    def counted_row(self, element):
        calls["openpyxl"] += 1
        return row(self, element)

    monkeypatch.setattr(_xlsx_guard, "_local", counted_local)
    monkeypatch.setattr(sheet_reader.WorkSheetParser, "parse_row", counted_row)

    def dimensions(self):
        raise AssertionError("openpyxl parsed the sheet to find its size")

    monkeypatch.setattr(sheet_reader.WorkSheetParser, "parse_dimensions", dimensions)
    people = _people([("Ivan Petrov", "+380671234567"), ("Olena Koval", "+380501112233")])
    body = [people.encode(), *_formatted_rows(4, 4_000)]  # 120,000 empty cells
    book = _book(tmp_path / "formatted.xlsx", [("People", "visible", body)])
    code, out = _ingest(tmp_path, book)
    assert code == 0, out
    assert "formatted.xlsx: 2 rows, 4 mentions, 2 links, 0 rejects" in out
    # The guard's Python work: the elements holding values, and a row per block of
    # empty ones (3,997 rows of 30 empty cells: 123,907 elements).
    assert calls["guard"] < 1_000, calls
    # openpyxl read the sheet to its last value (row 3) and one row past it, in the
    # ingest and the suggest of a header it runs first.
    assert calls["openpyxl"] <= 2 * 4, calls


def test_the_row_limit_still_holds_past_empty_formatted_rows(tmp_path):
    body = [_people([("Ivan Petrov", "+380671234567")]).encode(), *_formatted_rows(3, 3_000)]
    body.append(b'<row r="1048577"><c r="A1048577" s="1"/></row>')
    book = _book(tmp_path / "over.xlsx", [("People", "visible", body)])
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert "over.xlsx#People, row 1048577: more than 1,048,576 rows" in out


def test_a_value_among_formatted_cells_is_read(tmp_path):
    body = [_people([("Ivan Petrov", "+380671234567")]).encode(), *_formatted_rows(3, 2_000)]
    late = f'<row r="2001"><c r="A2001" s="1"/>{_inline("B2001", "+380501112233")}</row>'
    body += [late.encode(), *_formatted_rows(2002, 3_000)]
    book = _book(tmp_path / "late.xlsx", [("People", "visible", body)])
    code, out = _ingest(tmp_path, book)
    assert code == 0, out
    assert "late.xlsx: 2 rows, 3 mentions" in out  # row 2001: a phone, no name


# --- damaged files, openpyxl's warnings -----------------------------------------------


def _ok(tmp_path: Path, name: str = "ok.xlsx", styles: bool = True) -> Path:
    people = _people([("Ivan Petrov", "+380671234567")])
    return _book(tmp_path / name, [("People", "visible", people)], styles=styles)


def test_a_workbook_cut_short_is_said_to_be(tmp_path):
    data = _ok(tmp_path).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    code, out = _ingest(tmp_path, cut)
    assert code == 1, out
    assert "Error: cut.xlsx: the file is cut short or damaged" in out
    assert "download or copy it again" in out


def test_a_damaged_workbook_is_said_to_be_without_its_bytes(tmp_path):
    data = bytearray(_ok(tmp_path).read_bytes())
    at = data.index(b"xl/workbook.xml")  # the local header's name, not the directory's
    data[at + 1] ^= 0x20
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    code, out = _ingest(tmp_path, bad)
    assert code == 1, out
    assert "Error: bad.xlsx: the file is damaged" in out
    assert "b'" not in out


def test_openpyxl_warnings_stay_off_the_terminal(tmp_path):
    book = _ok(tmp_path, "nostyle.xlsx")  # styles without cellStyles: "no default style"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        code, out = _ingest(tmp_path, book)
    assert code == 0, out
    assert [str(w.message) for w in seen if "openpyxl" in w.filename] == []


# --- H2: many sheets ------------------------------------------------------------------


def _sheets(tmp_path: Path, count: int, empty: int = 0) -> Path:
    people = _people([("Ivan Petrov", "+380671234567")])
    sheets = [(f"S{i}", "visible", people) for i in range(count)]
    sheets += [(f"E{i}", "visible", '<row r="1"><c r="A1" s="1"/></row>') for i in range(empty)]
    return _book(tmp_path / "sheets.xlsx", sheets)


def test_more_sheets_than_read_in_one_ingest_are_refused_before_reading(
    tmp_path, opened, monkeypatch
):
    # The limit scaled down 50 times: 6 sheets stand for 300.
    monkeypatch.setattr(readers, "MAX_SHEETS_READ", 5)
    built: list[object] = []
    monkeypatch.setattr(readers, "_sheet_chunks", lambda *a, **k: built.append(a) or iter(()))
    code, out = _ingest(tmp_path, _sheets(tmp_path, 6))
    assert code == 1, out
    assert "Error: sheets.xlsx: the workbook has 6 sheets holding data" in out
    assert "at most 5 are read in one ingest" in out
    assert "copy the sheets of the same columns into one sheet" in out
    assert built == []  # refused before a sheet was read


def test_empty_sheets_and_sheets_left_unnamed_do_not_count(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_SHEETS_READ", 5)
    code, out = _ingest(tmp_path, _sheets(tmp_path, 5, empty=3))  # 5 with data
    assert code == 0, out
    assert "sheets.xlsx: 5 rows, 10 mentions, 5 links" in out
    (tmp_path / "named").mkdir()
    code, out = _ingest(tmp_path / "named", _sheets(tmp_path, 8), sheet="S3")
    assert code == 0, out
    assert "sheets.xlsx: 1 row, 2 mentions, 1 link" in out


def test_a_workbook_of_more_sheets_than_the_limit_is_refused_from_its_parts(
    tmp_path, opened, monkeypatch
):
    monkeypatch.setattr(_xlsx_guard, "MAX_SHEETS", 10)
    scanned: list[object] = []
    monkeypatch.setattr(_xlsx_guard, "_scan_sheet", lambda *a: scanned.append(a))
    code, out = _ingest(tmp_path, _sheets(tmp_path, 11))
    assert code == 1, out
    assert "Error: sheets.xlsx: the workbook has 11 sheets (at most 10 are read)" in out
    assert opened == []
    assert scanned == []


# --- M4: hidden sheets of people ------------------------------------------------------


def _hidden_book(tmp_path: Path) -> Path:
    lists = '<row r="1">' + _inline("A1", "type") + "</row>"
    lists += "".join(f'<row r="{r}">{_inline(f"A{r}", t)}</row>' for r, t in [(2, "a"), (3, "b")])
    return _book(
        tmp_path / "hidden.xlsx",
        [
            ("Data", "visible", _people([("Ivan Petrov", "+380671234567")])),
            ("Secret", "hidden", _people([("Anna Secret", "+380661234567")])),
            ("Deep", "veryHidden", _people([("Bo Deep", "+380661234568"), ("Al X", "+38066")])),
            ("Lists", "veryHidden", lists),  # a dropdown's list: one column, no table
        ],
    )


def test_ingest_names_the_hidden_sheets_of_people_a_mapping_leaves_unread(tmp_path):
    code, out = _ingest(tmp_path, _hidden_book(tmp_path), sheet="Data")
    assert code == 0, out
    said = " ".join(out.split())
    assert "hidden.xlsx: 1 row, 2 mentions, 1 link" in said
    assert (
        "warning: 2 other sheets of hidden.xlsx, tables of their own, not read by this"
        " mapping: 'Secret' (hidden; 1 row: name, phone); 'Deep' (hidden; 2 rows: name,"
        " phone)."
    ) in said
    assert "'Lists'" not in said


def test_suggest_warns_of_hidden_sheets_holding_tables(tmp_path):
    draft = tmp_path / "d.yaml"
    result = CliRunner().invoke(
        cli, ["mapping", "suggest", str(_hidden_book(tmp_path)), "-o", str(draft)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(line.lstrip("# ") for line in draft.read_text().splitlines())
    assert "sheet: Data" in draft.read_text()
    assert (
        "WARNING: hidden sheets holding tables of their own, not read by this draft:"
        " 'Secret' (1 row: name, phone); 'Deep' (2 rows: name, phone)"
    ) in text


def test_a_cell_using_a_shared_string_the_workbook_lacks_is_a_damaged_file(tmp_path):
    shared = [b"<si><t>name</t></si><si><t>phone</t></si><si><t>Ivan Petrov</t></si>"]
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>7</v></c></row>'
    )
    book = _book(tmp_path / "lacks.xlsx", [("People", "visible", sheet)], shared=shared)
    code, out = _ingest(tmp_path, book)
    assert code == 1, out
    assert "Error: lacks.xlsx: a cell uses a shared string the workbook does not hold" in out
    assert "internal error" not in out


def test_a_workbook_the_users_own_code_opens_keeps_openpyxls_sizing(tmp_path, monkeypatch):
    """The sizing repair is linkgraph's alone: after ingest read a workbook, the same
    workbook opened by openpyxl directly (a notebook's own code) is sized by openpyxl's
    own method, not by linkgraph's."""
    import openpyxl

    from linkgraph.ingest import _workbook_open

    body = _people([("Ivan Petrov", "+380671234567"), ("Olga Ivanova", "+380501112233")])
    book = _book(tmp_path / "plain.xlsx", [("People", "visible", body)])
    code, out = _ingest(tmp_path, book)
    assert code == 0, out
    original = _workbook_open._original_size
    assert original is not None
    calls: list[str] = []

    def spy(self):
        calls.append(self.title)
        return original(self)

    monkeypatch.setattr(_workbook_open, "_original_size", spy)
    _workbook_open.open_workbook(book, "plain.xlsx")["People"]
    assert calls == []  # linkgraph's own sizing
    openpyxl.load_workbook(book, read_only=True)["People"]
    assert calls == ["People"]  # openpyxl's, for the user's code
