"""Compressed exports: a gzip file and a ZIP archive of one file are read as the file they
hold (recognised by their first bytes, never decoded as text); a ZIP of several files, a
tar archive and an archive that unpacks too far are refused with what to do."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import archive
from linkgraph.model import Case

REGISTER = (
    "Name,Phone,ID Number,Role,County\n"
    "Amina Wanjiru,+254 712 345 678,28765432,victim,Nairobi\n"
    "Peter Kamau,+254 722 000 111,22334455,suspect,Mombasa\n"
)
MAPPING = """\
entities:
  person: {type: person, fields: {name: Name, role: Role}}
  phone: {type: phone, fields: {phone: Phone}}
links:
- {kind: uses_phone, src: person, dst: phone}
"""


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def _archives(tmp_path: Path) -> list[Path]:
    gz = tmp_path / "ke_register.csv.gz"
    gz.write_bytes(gzip.compress(REGISTER.encode()))
    macos = {"__MACOSX/._ke_register.csv": "\x00\x05", "export/.DS_Store": "x"}
    zipped = _zip(
        tmp_path / "ke_register_export.zip", {"export/ke_register.csv": REGISTER, **macos}
    )
    return [gz, zipped]


def test_a_gzip_file_and_a_zip_of_one_csv_are_ingested_as_the_csv(
    tmp_path: Path, mapping: Path
) -> None:
    """Both archives give the register's persons with their roles and phones (before: the
    .gz had no format, and the .zip read as latin-1 text made a header 'PK\\x03\\x04...Name'
    and no person); the case names each archive as the source, the manifest the member."""
    gz, zipped = _archives(tmp_path)
    case = tmp_path / "case"
    code, out = _invoke("ingest", gz, zipped, "--mapping", mapping, "-o", case)
    assert code == 0, out
    assert "ke_register.csv.gz: 2 rows, 4 mentions, 2 links, 0 rejects" in out
    assert "ke_register_export.zip: 2 rows, 4 mentions, 2 links, 0 rejects" in out
    c = Case.read(case)
    persons = c.mentions[c.mentions["type"] == "person"]
    assert sorted(zip(persons["source"], persons["name"], persons["role"], strict=True)) == [
        ("ke_register.csv.gz", "Amina Wanjiru", "victim"),
        ("ke_register.csv.gz", "Peter Kamau", "suspect"),
        ("ke_register_export.zip", "Amina Wanjiru", "victim"),
        ("ke_register_export.zip", "Peter Kamau", "suspect"),
    ]
    inputs = json.loads((case / "manifest.json").read_text())["inputs"]
    assert [(i["name"], i["format"], i["unpacked"]) for i in inputs] == [
        ("ke_register.csv.gz", "csv", "ke_register.csv"),
        ("ke_register_export.zip", "csv", "export/ke_register.csv"),
    ]
    assert len(c.rejects) == 0


def test_suggest_check_and_preview_read_the_file_an_archive_holds(
    tmp_path: Path, mapping: Path
) -> None:
    gz, zipped = _archives(tmp_path)
    for path in (gz, zipped):
        code, out = _invoke("mapping", "suggest", path)
        assert code == 0, out
        assert "format: csv" in out
        assert "name: Name" in out
        assert "role: Role" in out
        code, out = _invoke("mapping", "check", path, "--mapping", mapping)
        assert code == 0, out
        assert f"OK for {path.name}" in out
        code, out = _invoke("mapping", "preview", path, "--mapping", mapping, "--json")
        assert code == 0, out
        persons = [m for m in json.loads(out)["mentions"] if m["type"] == "person"]
        # the victim's row (the first) after the others: its place would tell her row
        assert [p["role"] for p in persons] == ["suspect", "victim"]
        assert "Amina Wanjiru" not in out  # the victim is still hidden


def test_an_xlsx_is_a_workbook_not_an_archive(tmp_path: Path) -> None:
    """A workbook is a ZIP container of its own: read by the xlsx reader as before."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Phone"])
    wb.active.append(["Peter Kamau", "+254 722 000 111"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    assert archive.archive_kind(path) is None
    assert archive.readable_file(path) == path


def test_a_zip_of_several_files_is_refused_listing_them(tmp_path: Path, mapping: Path) -> None:
    path = _zip(tmp_path / "export.zip", {"persons.csv": REGISTER, "calls.csv": "a,b\n1,2\n"})
    code, out = _invoke("ingest", path, "--mapping", mapping, "-o", tmp_path / "case")
    assert code != 0
    assert "a ZIP archive holding 2 files: persons.csv, calls.csv" in out
    assert "unzip export.zip" in out
    assert "Traceback" not in out
    assert not (tmp_path / "case").exists()
    code, out = _invoke("mapping", "suggest", path)
    assert code != 0
    assert "holding 2 files" in out


def test_a_tar_gz_and_a_damaged_gzip_are_refused(tmp_path: Path) -> None:
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("persons.csv")
        info.size = len(REGISTER)
        tar.addfile(info, io.BytesIO(REGISTER.encode()))
    tgz = tmp_path / "export.tar.gz"
    tgz.write_bytes(buf.getvalue())
    code, out = _invoke("mapping", "suggest", tgz)
    assert code != 0
    assert "a tar archive" in out
    assert "tar -xzf export.tar.gz" in out
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(REGISTER.encode() * 50)[:60])
    code, out = _invoke("mapping", "suggest", cut)
    assert code != 0
    assert "cannot be decompressed" in out
    assert "Traceback" not in out


def test_an_archive_unpacking_past_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small file that expands past the cap (a 'zip bomb') is not unpacked further."""
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 10_000)
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n" + b"0,0\n" * 10_000))
    assert len(path.read_bytes()) < 1_000
    code, out = _invoke("mapping", "suggest", path)
    assert code != 0
    assert "unpacks to more than" in out
    assert "zip bomb" in out


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_an_ingest_sent_sigterm_removes_the_unpacked_copy_and_its_unfinished_case(
    tmp_path: Path,
) -> None:
    """SIGTERM (a timeout, a scheduler, a shutdown) unwinds as Ctrl-C does: the archive's
    unpacked copy in the temporary folder and the case's temporary folder are removed, the
    exit status is 143 (before: the process died at once and left both)."""
    rows = "".join(f"Person {i},+40 722 {i % 1000:03d} {i % 997:03d},suspect\n"
                   for i in range(300_000))  # fmt: skip
    gz = tmp_path / "people.csv.gz"
    gz.write_bytes(gzip.compress(("name,phone,role\n" + rows).encode(), 1))
    temp = tmp_path / "tmp"
    temp.mkdir()
    case = tmp_path / "case"
    proc = subprocess.Popen(
        [sys.executable, "-m", "linkgraph", "ingest", str(gz), "--preset", "people",
         "-o", str(case), "-q"],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(temp.glob("linkgraph-unpacked-*/people.csv")) and proc.poll() is None:
        assert time.monotonic() < deadline, "the archive was never unpacked"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Terminated (SIGTERM): `linkgraph ingest` stopped before writing anything" in err
    assert list(temp.iterdir()) == []
    assert not case.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".case.tmp")] == []


def test_an_archive_that_unpacks_hundreds_of_times_its_size_is_warned_about_first(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip or ZIP whose content is over 100 times its size gets a warning naming both
    sizes before it is unpacked (the tester's 4 MB .gz became a 3.6 GB case without a
    word); an ordinary export does not."""
    monkeypatch.setattr(archive, "LARGE_UNPACKED_BYTES", 1_000_000)
    repeated = REGISTER + REGISTER.split("\n", 2)[2] * 20_000  # 1.1 MB of the same rows
    gz = tmp_path / "repeated.csv.gz"
    gz.write_bytes(gzip.compress(repeated.encode()))
    zipped = _zip(tmp_path / "repeated.zip", {"repeated.csv": repeated})
    ratio = len(repeated) // gz.stat().st_size
    assert ratio > 100
    for path in (gz, zipped):
        code, out = _invoke("mapping", "suggest", path, "-o", tmp_path / f"{path.name}.yaml")
        assert code == 0, out
        flat = " ".join(out.split())
        assert f"warning: {path.name}: " in flat
        assert (
            f"unpacks to 1.1 MB ({len(repeated) // path.stat().st_size:,} times its size)" in flat
        )
    varied = REGISTER + "".join(
        f"Person {i * 7919 % 100_003},+254 7{i * 104_729 % 100_000_000:08d},{i * 31},suspect,X\n"
        for i in range(25_000)
    )  # 1.1 MB that compresses as tables do
    plain = tmp_path / "varied.csv.gz"
    plain.write_bytes(gzip.compress(varied.encode()))
    code, out = _invoke("mapping", "suggest", plain, "-o", tmp_path / "varied.yaml")
    assert code == 0, out
    assert "unpacks to" not in out


def test_an_archive_in_an_archive_a_pdf_and_an_empty_file_say_what_they_are(
    tmp_path: Path,
) -> None:
    """Before, each was "cannot tell the format ... rename it with its format's extension"
    (.zip is read; a PDF renamed .csv is no fix; an empty file has no format at all)."""
    inner = _zip(tmp_path / "inner.zip", {"register.csv": REGISTER})
    nested = _zip(tmp_path / "nested.zip", {})
    with zipfile.ZipFile(nested, "w") as zf:
        zf.write(inner, "inner.zip")
    scan = tmp_path / "scan.zip"
    with zipfile.ZipFile(scan, "w") as zf:
        zf.writestr("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    empty = tmp_path / "empty.csv.gz"
    empty.write_bytes(b"")
    expected = {
        nested: (
            "nested.zip: the archive holds another archive, inner.zip (a ZIP archive): one"
            " level of archive is read Hint: unpack nested.zip and read inner.zip"
        ),
        scan: "scan.pdf: a PDF document, not a table Hint: export the data",
        empty: "empty.csv.gz: the file is empty (0 bytes)",
    }
    for path, said in expected.items():
        code, out = _invoke("ingest", path, "--preset", "people", "-o", tmp_path / "case")
        assert code == 1, out
        assert said in " ".join(out.split())
        assert "rename it" not in out
