"""Readers: every format and encoding gives the same text cells and 1-based data rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import InputError
from linkgraph.ingest import ingest_file, readers
from linkgraph.model import Case

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

ROWS = [["Ana Pérez", "+44 20 7946 0958"], ["Олег Шевченко", "+380 67 123 4567"]]
HEADER = ["full_name", "phone"]


def _names(case):
    person = case.mentions[case.mentions["type"] == "person"]
    return person.sort_values("row")["name"].tolist()


def _csv_text(sep=","):
    return "\n".join(sep.join(r) for r in [HEADER, *ROWS]) + "\n"


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("utf-16-le", "\r")],
)
def test_csv_encodings_and_line_endings(tmp_path, encoding, newline):
    path = tmp_path / "people.csv"
    path.write_bytes(_csv_text().replace("\n", newline).encode(encoding))
    case = ingest_file(path, preset="people")
    assert _names(case) == ["Ana Pérez", "Олег Шевченко"]
    assert case.mentions["row"].min() == 1
    assert sorted(case.mentions.loc[case.mentions.type == "phone", "phone"]) == [
        "+380671234567",
        "+442079460958",
    ]


def test_mixed_line_endings(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"full_name,phone\r\nAna,1\nBo,2\rCy,3\r\n")
    assert _names(ingest_file(path, preset="people")) == ["Ana", "Bo", "Cy"]


def test_cp1251_cyrillic_is_detected(tmp_path):
    path = tmp_path / "people.csv"
    text = "full_name,city\nОлег Шевченко,Київ\nИван Петров,Москва\nАнна Коваленко,Одесса\n"
    path.write_bytes(text.encode("cp1251"))
    assert _names(ingest_file(path, preset="people"))[0] == "Олег Шевченко"


def test_cp1252_is_detected(tmp_path):
    path = tmp_path / "people.csv"
    text = "full_name,city\nJosé Muñoz,Málaga\nFrançois Ærø,Zürich\nRenée Œuvre,Ångström\n"
    path.write_bytes(text.encode("cp1252"))
    case = ingest_file(path, preset="people")
    assert _names(case) == ["José Muñoz", "François Ærø", "Renée Œuvre"]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1250", "full_name,city\nŁukasz Wójcik,Gdańsk\nZofia Żółć,Łódź\n"),
        ("cp1250", "full_name,city\nJiří Dvořák,Brno\nŽaneta Šťastná,Ústí nad Labem\n"),
        ("cp1254", "full_name,city\nAyşe Yılmaz,İstanbul\nÇağrı Öztürk,Eskişehir\n"),
        ("cp1252", "full_name,city\nHélène Lefèvre,Besançon\nJürgen Müller,Köln\n"),
    ],
)
def test_central_european_and_turkish_code_pages_are_told_from_cp1252(tmp_path, encoding, text):
    """Short samples of Polish, Czech and Turkish in their Windows code pages are scored
    as cp1252 by charset-normalizer ("W³aœciciel"); the page that reads the accented
    characters as letters wins, and Western text stays cp1252."""
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))
    want = [line.split(",")[0] for line in text.splitlines()[1:]]
    assert _names(ingest_file(path, preset="people")) == want


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, sep):
    path = tmp_path / "people.txt"
    path.write_text(_csv_text(sep), encoding="utf-8")
    assert _names(ingest_file(path, preset="people")) == ["Ana Pérez", "Олег Шевченко"]


def test_tsv_quoted_multiline_cell(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text('full_name\taddress\n"Ana\nPérez"\t"1 High St"\nBo Li\tx\n', encoding="utf-8")
    case = ingest_file(path, preset="people")
    assert _names(case) == ["Ana Pérez", "Bo Li"]
    assert case.mentions.loc[case.mentions.type == "person", "row"].tolist() == [1, 2]


def test_xlsx_every_sheet_and_chosen_sheet(tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame(ROWS, columns=HEADER).to_excel(xl, sheet_name="A", index=False)
        pd.DataFrame([["Bo Li", 447700900123]], columns=HEADER).to_excel(
            xl, sheet_name="B", index=False
        )
    case = ingest_file(path, preset="people")
    assert set(case.mentions["source"]) == {"book.xlsx#A", "book.xlsx#B"}
    # a number stored as a number is read as its digits, not 4.477e11: with no "+" and no
    # region it is no phone node, a phone_invalid reject that quotes it
    bad = case.rejects[case.rejects["reason"].eq("phone_invalid")]
    assert bad["value"].tolist() == ["447700900123"]
    assert readers.sheet_names(path) == ["A", "B"]


def test_json_records_path_and_nested(tmp_path):
    path = tmp_path / "export.json"
    data = {"data": {"people": [{"full_name": "Ana", "contact": {"phone": "+44 20 7946 0958"}}]}}
    path.write_text(json.dumps(data), encoding="utf-8")
    from linkgraph.ingest.mapping import parse_mapping

    mapping = parse_mapping(
        {
            "records": "data.people",
            "entities": {
                "p": {"type": "person", "fields": {"name": "full_name"}},
                "t": {"type": "phone", "fields": {"phone": "contact.phone"}},
            },
            "links": [{"kind": "uses_phone", "src": "p", "dst": "t"}],
        },
        name="m.yaml",
        base=None,
    )
    case = ingest_file(path, mapping=mapping)
    assert len(case.links) == 1
    assert case.mentions["row"].tolist() == [1, 1]


def test_jsonl_list_cells_make_one_mention_per_item(fixtures):
    case = ingest_file(fixtures / "ads.jsonl", preset="ads", agency="Scrape")
    phones = case.mentions[case.mentions.type == "phone"]
    # the national "07700 900456" (no region given) is a reject, not a phone node
    assert phones["phone"].tolist() == ["+447911123456"]
    bad = case.rejects[case.rejects["reason"].eq("phone_invalid")]
    assert bad["value"].tolist() == ["07700 900456"]
    assert case.rejects.loc[case.rejects.reason == "invalid_json", "row"].tolist() == [3]
    ads = case.mentions[case.mentions.type == "ad"]
    assert ads["identifier"].tolist() == ["AD-1", "AD-2"]
    assert json.loads(ads.iloc[0]["raw"])["phones"] == ["+44 7911 123456", "07700 900456"]


def test_parquet(tmp_path):
    path = tmp_path / "people.parquet"
    pd.DataFrame(ROWS, columns=HEADER).to_parquet(path)
    assert _names(ingest_file(path, preset="people")) == ["Ana Pérez", "Олег Шевченко"]


def test_large_files_read_in_chunks_with_pandas(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    path = tmp_path / "calls.csv"
    lines = ["caller,callee,start_time"] + [
        f"+44 20 7946 {i:04d},+44 20 7946 0958,2024-01-0{1 + i % 9} 10:00" for i in range(1000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from linkgraph.ingest.config import IngestConfig

    case = ingest_file(path, preset="cdr", config=IngestConfig(chunk_rows=128))
    assert len(case.links) == 1000
    assert case.links["row"].max() == 1000


def test_a_large_file_of_two_columns_finds_its_page_lines_in_one_pass(tmp_path, monkeypatch):
    """In a file of two columns every row fills few enough cells to be looked at as a
    page's line: read in chunks with Arrow (as files over 16 MB are), that look is a pass
    over the columns, never work per row (a backward fill along Arrow rows took 45 CPU-s
    per 200,000 rows: a million took two minutes; the time is measured by running the CLI,
    not here). A page mark and a page total among the rows are still footer rows, and
    nothing else is."""
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    path = tmp_path / "people.csv"
    lines = ["name,phone"] + ["Ivan Petrov,+380501112233"] * 60_000
    lines[20_000], lines[40_000] = "Page 1 of 3,", "Total: 3 persons,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(readers.read_chunks(path, "csv"))
    rejects = [(r["row"], r["reason"], r["value"]) for c in chunks for r in c.rejects]
    assert rejects == [
        (20_000, "footer_row", "Page 1 of 3"),
        (40_000, "footer_row", "Total: 3 persons"),
    ]
    assert sum(len(c.frame) for c in chunks) == 59_998


def test_ragged_row_in_large_file_falls_back_to_exact_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    path = tmp_path / "calls.csv"
    lines = ["caller,callee"] + ["+442079460958,+442079460959"] * 50
    lines[30] = "+442079460958,+442079460959,extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = ingest_file(path, preset="cdr")
    assert case.rejects[["row", "reason"]].values.tolist() == [[30, "ragged_row"]]
    assert len(case.links) == 49  # the row wider than its header is rejected whole


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        ingest_file(tmp_path / "nope.csv", preset="people")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty") as info:
        ingest_file(empty, preset="people")
    assert info.value.source == "empty.csv"


def test_ragged_row_after_blank_lines_reads_no_row_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    from linkgraph.ingest.config import IngestConfig

    path = tmp_path / "calls.csv"
    lines = ["caller,callee"] + [f"+4420794609{i:02d},+442079460958" for i in range(60)]
    lines[5:5] = ["", ""]  # blank lines are not rows
    lines[50] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = ingest_file(path, preset="cdr", config=IngestConfig(chunk_rows=16))
    assert case.links["row"].tolist() == [r for r in range(1, 61) if r != 48]
    assert case.rejects[["row", "reason"]].values.tolist() == [[48, "ragged_row"]]


def test_jsonl_chunks_with_different_keys(tmp_path):
    from linkgraph.ingest.config import IngestConfig

    path = tmp_path / "ads.jsonl"
    records = [{"ad_id": f"a{i}", "phones": ["+442079460958"]} for i in range(3)]
    records += [{"ad_id": f"b{i}", "handle": "@x", "emails": "z@y.org"} for i in range(3)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    case = ingest_file(path, preset="ads", config=IngestConfig(chunk_rows=3))
    assert sorted(case.mentions["type"].value_counts().items()) == [
        ("ad", 6),
        ("email", 3),
        ("phone", 3),
    ]


def test_footer_rows_are_rejects_not_people(tmp_path):
    """Totals, balances and printing notes under a table are rejected as footer rows with
    their text, not read as persons "Total: 2 persons"; a sparse last row that is data
    (a person with a name only) stays."""
    path = tmp_path / "people.csv"
    path.write_text(
        "name,phone,city\nAna Pop,+40721000111,Iasi\nIon Pop,+40721000222,Iasi\n"
        "Bo Li,,\nTotal: 3 persons,,\nPrinted 05.01.2024 by CaseDB,,\n",
        encoding="utf-8",
    )
    case = ingest_file(path, preset="people")
    assert _names(case) == ["Ana Pop", "Ion Pop", "Bo Li"]
    footer = case.rejects[case.rejects["reason"] == "footer_row"]
    assert footer[["row", "value"]].values.tolist() == [
        [4, "Total: 3 persons"],
        [5, "Printed 05.01.2024 by CaseDB"],
    ]


def test_values_as_people_write_them(tmp_path):
    """Extensions after a phone number ("доб. 123", "ext. 12", "x45") are dropped, e-mails
    written to escape scrapers ("eva[at]x[dot]ro") are read, and "12-Jan-90" is a date of
    birth: none of them is a reject."""
    path = tmp_path / "people.csv"
    path.write_text(
        "name,dob,phone,email\n"
        "Ana Pop,Jan 12 1990,+7 (916) 123-45-67 доб. 123,MAILTO:Ana.Pop@Example.COM\n"
        "Ion Pop,12-Jan-90,+44 20 7946 0958 ext. 12,ion (at) x.ro\n"
        "Eva Pop,1990/01/12,+447911123456x45,eva[at]x[dot]ro\n",
        encoding="utf-8",
    )
    case = ingest_file(path, preset="people")
    m = case.mentions
    assert case.rejects.empty, case.rejects[["row", "column", "reason", "value"]]
    assert sorted(m.loc[m.type == "phone", "phone"]) == [
        "+442079460958", "+447911123456", "+79161234567",
    ]  # fmt: skip
    assert sorted(m.loc[m.type == "email", "email"]) == [
        "ana.pop@example.com", "eva@x.ro", "ion@x.ro",
    ]  # fmt: skip
    assert m.loc[m.type == "person", "dob"].tolist() == ["1990-01-12"] * 3


def test_excel_exports_that_are_not_xlsx(tmp_path):
    """Files named .xls are read by what they hold: tab-separated UTF-16 text, an .xlsx
    renamed; an Excel 97-2003 workbook and an OpenDocument sheet are clear errors that
    say how to convert them."""
    text = tmp_path / "tabs.xls"
    text.write_text("Name\tPhone\nAna Pop\t+40721000111\n", encoding="utf-16")
    assert readers.guess_format(text) == "csv"
    assert _names(ingest_file(text, preset="people")) == ["Ana Pop"]
    renamed = tmp_path / "renamed.xls"
    renamed.write_bytes((EXPORTS / "grouped_victims_suspects.xlsx").read_bytes())
    assert readers.guess_format(renamed) == "xlsx"
    frames = [c.frame for c in readers.read_chunks(renamed, "xlsx", sheet="Personen")]
    assert frames[0]["Opfer Name"].tolist() == ["Olena Kravets", "Maria Rusu"]
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputError, match="Excel 97-2003") as err:
        readers.guess_format(old)
    assert "convert-to xlsx" in (err.value.hint or "")
    ods = tmp_path / "sheet.ods"
    ods.write_bytes(b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(InputError, match="OpenDocument"):
        readers.guess_format(ods)


def test_html_table_export():
    """An HTML page named .xls: the largest table is read, cells spanning columns are
    group labels over the titles under them, entities and line breaks are text, and the
    printing note in the last row is a footer reject."""
    path = EXPORTS / "portal_export.xls"
    assert readers.guess_format(path) == "html"
    chunks = list(readers.read_chunks(path, "html"))
    frame = chunks[0].frame
    assert list(frame.columns) == [
        "Fall", "Opfer Name", "Opfer Telefon", "Tatverdächtige Name", "Tatverdächtige Telefon",
    ]  # fmt: skip
    assert frame["Tatverdächtige Name"].tolist() == ["Petro Bondar", "Ion Ceban"]
    assert frame["Opfer Name"].tolist() == ["Olena Kravets", "Maria Rusu & Ana"]
    assert [(r["row"], r["reason"]) for r in chunks[0].rejects] == [(3, "footer_row")]


def test_utf8_file_with_rows_in_cp1252(tmp_path):
    """A UTF-8 export with rows appended in Windows-1252 is read whole: the bytes that are
    not UTF-8 are read as cp1252 (not the file refused, nor the row dropped), and the
    summary counts them. Large files (Arrow's reader) fall back to the csv module there."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "name,city\nОлена Кравець,Київ\n".encode()
        + "José Muñoz,Málaga\n".encode("cp1252")
        + "Zoë Ärø,Zürich\n".encode()
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "3 bytes were not UTF-8 and were read as Windows-1252" in result.output
    assert _names(Case.load(out)) == ["Олена Кравець", "José Muñoz", "Zoë Ärø"]
    big = tmp_path / "big.csv"
    rows = "".join(f"Person {i},Iasi\n" for i in range(1_100_000))
    big.write_bytes(b"name,city\n" + rows.encode() + "José Muñoz,Málaga\n".encode("cp1252"))
    assert big.stat().st_size > readers.SMALL_FILE_BYTES
    frames = [c.frame for c in readers.read_chunks(big, "csv", chunk_rows=500_000)]
    assert sum(len(f) for f in frames) == 1_100_001
    assert frames[-1]["name"].iloc[-1] == "José Muñoz"


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_header_repeated_inside_the_file_is_a_reject(tmp_path, size):
    """Two exports concatenated repeat the header halfway: that row is a repeated_header
    reject, not a person named "name" with the phone "phone" (both readers: the csv
    module for small files, Arrow's for large ones)."""
    rows = 1 if size == "small" else 700_000
    first = "".join(f"Person {i},+4072100{i % 10000:04d},Iasi\n" for i in range(rows))
    path = tmp_path / "two.csv"
    path.write_text(
        "name,phone,city\n" + first + "name,phone,city\nIon Pop,+40721000222,Cluj\n",
        encoding="utf-8",
    )
    chunks = list(readers.read_chunks(path, "csv", chunk_rows=250_000))
    names = pd.concat([c.frame["name"] for c in chunks], ignore_index=True)
    assert "name" not in set(names)
    assert len(names) == rows + 1
    rejects = [r for c in chunks for r in c.rejects]
    assert [(r["row"], r["reason"]) for r in rejects] == [(rows + 1, "repeated_header")]


def test_times_as_carriers_and_apis_write_them(tmp_path):
    """Compact times (20240112143300, 202401121433), Unix seconds and milliseconds and
    Excel serial days with a time of day are read as call times, none rejected."""
    path = tmp_path / "cdr.csv"
    path.write_text(
        "caller,callee,start_time\n"
        "+380671234567,+380501112233,20240112143300\n"
        "+380671234567,+380501112233,202401121433\n"
        "+380671234567,+380501112233,1705069980\n"
        "+380671234567,+380501112233,1705069980000\n"
        "+380671234567,+380501112233,45303.6\n",
        encoding="utf-8",
    )
    case = ingest_file(path, preset="cdr")
    assert case.rejects.empty, case.rejects[["row", "column", "reason", "value"]]
    times = [str(t)[:16] for t in case.links.sort_values("row")["time"]]
    assert times == ["2024-01-12 14:33"] * 4 + ["2024-01-12 14:24"]


def test_a_line_longer_than_arrows_block_is_read_not_an_internal_error(tmp_path, monkeypatch):
    # D8: a 16 MB line with no line break in a large file made Arrow fail ("straddling
    # object straddles two block boundaries"); here a block of 1 KiB and a 3 KiB line.
    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)
    monkeypatch.setattr(readers, "ARROW_BLOCK_BYTES", 1 << 10)
    lines = ["full_name,phone"] + [f"Person {i},+4420794609{i:02d}" for i in range(40)]
    lines[20] = "Long Line," + ",".join(["x"] * 1500)  # 1,501 fields
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = ingest_file(path, preset="people")
    persons = case.mentions[case.mentions.type == "person"]
    assert persons["row"].tolist() == [r for r in range(1, 41) if r != 20]
    ragged = case.rejects[case.rejects.reason == "ragged_row"]
    assert ragged["row"].tolist() == [20]  # wider than its header: rejected whole
    assert ragged["value"].iloc[0].startswith("1501 fields, header has 2: ")
