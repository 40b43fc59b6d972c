"""Messages that named the wrong cause (tester round 20, D10): a password-protected
workbook called an old Office document, a damaged .zip said to be "named .csv", a cut
gzip file said to unpack to gigabytes, a `format:` list answered "did you mean 'csv'?",
and a workbook named .csv refused by `mapping suggest` while `ingest` read it."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli

PEOPLE = "name,dob,phone\nAna Pop,1990-01-02,+40 721 000 111\nIon Rusu,1985-03-04,+40 721 000 222\n"


def _run(*args: object) -> tuple[int, str]:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in got.output
    assert "internal error" not in got.output
    return got.exit_code, got.output


# -- a password-protected workbook ---------------------------------------------------------


def _entry(name: str, kind: int) -> bytes:
    """A compound file's directory entry (MS-CFB 2.6): ``kind`` 1 storage, 2 stream, 5
    root; no siblings, no data."""
    raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    none = struct.pack("<I", 0xFFFFFFFF)
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + none * 3
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", 0xFFFFFFFE, 0)
    )


def _compound_file(path: Path, streams: list[str]) -> Path:
    """An OLE compound file (version 3, 512-byte sectors: header, FAT, directory) whose
    directory holds ``streams``: as Office writes a workbook it encrypted with a
    password (``EncryptionInfo``, ``EncryptedPackage``), or an Excel 97 one."""
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", 0xFFFFFFFF) * 108
    )
    assert len(header) == 512
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + struct.pack("<I", 0xFFFFFFFF) * 126
    entries = [_entry("Root Entry", 5)] + [_entry(s, 2) for s in streams]
    directory = b"".join(entries).ljust(512, b"\x00")
    path.write_bytes(header + fat + directory)
    return path


def test_a_password_protected_workbook_is_said_to_be_one(tmp_path: Path) -> None:
    path = _compound_file(
        tmp_path / "cases.xlsx", ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]
    )
    for args in (
        ["ingest", path, "--preset", "people", "-o", tmp_path / "case"],
        ["mapping", "suggest", path],
    ):
        code, out = _run(*args)
        assert code == 1
        assert "cases.xlsx: a password-protected workbook" in out, args
        assert "remove the password in Excel (File > Info > Protect Workbook" in out
        assert "old Office document" not in out


def test_an_old_workbook_is_still_an_old_office_document(tmp_path: Path) -> None:
    path = _compound_file(tmp_path / "old.csv", ["Workbook", "\x05SummaryInformation"])
    code, out = _run("mapping", "suggest", path)
    assert code == 1
    assert "an old Office document" in out
    assert "password" not in out


# -- a damaged ZIP archive named .zip ------------------------------------------------------


def test_a_damaged_zip_is_not_said_to_be_named_csv(tmp_path: Path) -> None:
    """The mapping's `format: csv` is the format of the file the archive holds: the
    message names the damage, not a ".csv" name the file does not have."""
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04" + bytes(40))
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  p:\n    type: person\n    fields: {name: name}\n",
        encoding="utf-8",
    )
    for how in (["--mapping", mapping], ["--preset", "people"]):
        code, out = _run("ingest", path, *how, "-o", tmp_path / "case")
        assert code == 1
        assert "export.zip: a damaged ZIP archive" in out, how
        assert "it cannot be opened" in out
        assert "named .csv" not in out


# -- a gzip file cut short -----------------------------------------------------------------


def test_a_cut_gzip_is_damaged_not_huge(tmp_path: Path) -> None:
    """A gzip file's last four bytes say its unpacked size; a file cut short ends with
    compressed data instead (here: bytes that read as 1.9 GB). Its stream is checked."""
    whole = gzip.compress((PEOPLE * 2000).encode(), mtime=0)
    cut = whole[:600]
    path = tmp_path / "people.csv.gz"
    path.write_bytes(cut[:-4] + struct.pack("<I", 1_900_000_000))
    code, out = _run("ingest", path, "--preset", "people", "-o", tmp_path / "case")
    assert code == 1
    assert "unpacks to" not in out
    assert "times its size" not in out
    assert "people.csv.gz: a gzip file that cannot be decompressed (cut short" in out


# -- `format:` given as a list -------------------------------------------------------------


def test_a_format_list_is_said_to_be_one(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text(PEOPLE, encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: [csv]\nentities:\n  p:\n    type: person\n    fields: {name: name}\n",
        encoding="utf-8",
    )
    code, out = _run("mapping", "check", data, "--mapping", mapping)
    assert code != 0
    assert "format: must be one word, not a list: write `format: csv`" in out
    assert "did you mean" not in out


# -- a workbook named .csv -----------------------------------------------------------------


@pytest.fixture
def book(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    for row in [line.split(",") for line in PEOPLE.splitlines()]:
        wb.active.append(row)
    path = tmp_path / "book.csv"
    wb.save(path)
    return path


NOTE = "book.csv is an Excel workbook named .csv: read as a workbook; rename it to book.xlsx"


def test_suggest_and_ingest_read_a_workbook_named_csv_alike(book: Path, tmp_path: Path) -> None:
    code, draft = _run("mapping", "suggest", book)
    assert code == 0, draft
    assert NOTE in draft
    mapping = tmp_path / "book.yaml"
    mapping.write_text(draft, encoding="utf-8")
    for source in (["--mapping", mapping], ["--preset", "people"]):
        out_dir = tmp_path / f"case_{str(source[0]).strip('-')}"
        code, out = _run("ingest", book, *source, "-o", out_dir)
        assert code == 0, out
        assert NOTE in out
        case = linkgraph.Case.read(out_dir)
        persons = case.mentions[case.mentions["type"] == "person"]
        assert sorted(persons["label"]) == ["Ana Pop", "Ion Rusu"]
