"""A file whose content is not what its name says (hostile round 11, H5): a document,
an image or a ZIP archive named .csv is refused with what it is and how to rename it, in
ingest, mapping suggest, mapping preview and the Python API; a CSV or HTML text named
.xlsx, and an Excel workbook named .csv (round 20, see test_misleading_messages.py), are
read as what they are. Never a CSV "header" of binary bytes, nor
"File is not a zip file"."""

from __future__ import annotations

import gzip
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli

PRESETS = Path(linkgraph.__file__).parent / "ingest" / "presets"
PEOPLE = "name,dob,phone\nAna Pop,1990-01-02,+40 721 000 111\nIon Rusu,1985-03-04,+40 721 000 222\n"


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for row in [line.split(",") for line in PEOPLE.splitlines()]:
        wb.active.append(row)
    wb.save(path)
    return path


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return path


def _bytes(data: bytes):
    def write(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return write


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(30)
#: 2 KiB of random bytes (an encrypted or damaged file renamed .csv): no magic number.
NOISE = random.Random(15).randbytes(2048)
BINARY = "not text (binary data, of no format linkgraph knows): not a table"
CASES = [
    ("letter.csv", _docx, "a Word document, named .csv", "export the table"),
    ("cut.csv", _bytes(b"PK\x03\x04" + bytes(40)), "a damaged ZIP archive", "copy or export"),
    ("photo.csv", _bytes(JPEG), "an image (JPEG), not a table", "XLSX"),
    ("scan.json", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(30)), "an image (PNG), not a table", "XLSX"),
    ("report.xlsx", _bytes(b"%PDF-1.4\n1 0 obj\n"), "a PDF document, not a table", "XLSX"),
    ("noise.csv", _bytes(NOISE), BINARY, "copy or export it again"),
    ("noise.json", _bytes(b"\x00\x01" + NOISE), BINARY, "copy or export it again"),
]  # fmt: skip


def _error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    return result.output


@pytest.mark.parametrize(("name", "make", "what", "how"), CASES)
def test_ingest_and_mapping_say_what_the_file_is(tmp_path, name, make, what, how):
    path = make(tmp_path / name)
    runner = CliRunner()
    for args in (
        ["ingest", str(path), "--preset", "people", "-o", str(tmp_path / "case")],
        ["mapping", "suggest", str(path)],
        ["mapping", "preview", str(path), "--mapping", str(PRESETS / "people.yaml")],
    ):
        out = _error(runner.invoke(cli, args))
        assert f"Error: {name}: {what}" in out, args
        assert how in out, args
    assert not (tmp_path / "case").exists()


@pytest.mark.parametrize(("name", "make", "what", "how"), CASES[:1] + CASES[2:3])
def test_the_python_api_raises_the_same_input_error(tmp_path, name, make, what, how):
    path = make(tmp_path / name)
    with pytest.raises(linkgraph.InputError) as err:
        linkgraph.ingest([linkgraph.Source(path, preset="people")])
    assert err.value.source == name
    assert what in err.value.message
    assert how in str(err.value.hint)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (PEOPLE, "csv"),
        (
            "<html><body><table><tr><th>name</th><th>dob</th><th>phone</th></tr>"
            "<tr><td>Ana Pop</td><td>1990-01-02</td><td>+40 721 000 111</td></tr>"
            "<tr><td>Ion Rusu</td><td>1985-03-04</td><td>+40 721 000 222</td></tr>"
            "</table></body></html>",
            "html",
        ),
    ],
)
def test_a_text_file_named_xlsx_is_read_as_the_text_it_is(tmp_path, text, fmt):
    path = tmp_path / "export.xlsx"
    path.write_text(text, encoding="utf-8")
    case = linkgraph.ingest([linkgraph.Source(path, preset="people")])
    people = case.mentions[case.mentions["type"] == "person"]
    assert sorted(people["label"]) == ["Ana Pop", "Ion Rusu"]
    from linkgraph.ingest.readers import guess_format

    assert guess_format(path) == fmt


def test_a_real_workbook_a_gzip_and_a_zip_of_one_csv_still_read(tmp_path):
    book = _xlsx(tmp_path / "book.xlsx")
    packed = tmp_path / "people.csv.gz"
    packed.write_bytes(gzip.compress(PEOPLE.encode()))
    zipped = tmp_path / "export.csv"  # a ZIP of one CSV, named as what it holds
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("people.csv", PEOPLE)
    for path in (book, packed, zipped):
        case = linkgraph.ingest([linkgraph.Source(path, preset="people")])
        assert (case.mentions["type"] == "person").sum() == 2, path.name


def test_text_in_other_encodings_is_no_binary_data(tmp_path):
    """UTF-16 without a byte order mark (its every other byte zero), cp1252 and a gzip
    named .csv are still read: only control bytes no text holds make a file binary."""
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(PEOPLE.encode("utf-16-le"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes(PEOPLE.replace("Ana Pop", "Ana Pöp").encode("cp1252"))
    packed = tmp_path / "packed.csv"
    packed.write_bytes(gzip.compress(PEOPLE.encode()))
    for path in (utf16, latin, packed):
        case = linkgraph.ingest([linkgraph.Source(path, preset="people")])
        assert (case.mentions["type"] == "person").sum() == 2, path.name
