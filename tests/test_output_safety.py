"""Outputs fail safely: a file-size limit or a full disk ends every export with a clean
error and exit 1 (no segfault, no "Exception ignored", no "internal error"), leaving no
half-written file or folder; no output ever replaces a source file of the case; a folder
that is not writable is reported before the work."""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from tests.people_case import resolved_people_case

PEOPLE = (
    "name,dob,phone,role\n"
    "Ana Pop,1990-01-02,+40 721 000 111,suspect\n"
    "Ion Rusu,1985-03-04,+40 721 000 111,suspect\n"
    "Dan Popa,1979-05-06,+40 721 000 222,suspect\n"
)
ROOT = Path(__file__).resolve().parents[1]
#: Bytes a file may grow to in the limited process: less than any export of the case.
LIMIT = 256


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    return resolved_people_case(tmp_path_factory.mktemp("safe"), police=PEOPLE)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _limited() -> None:  # in the child: `ulimit -f` of LIMIT bytes
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE on Linux")
@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("graphml", "net.graphml"),
        ("gexf", "net.gexf"),
        ("xlsx", "net.xlsx"),
        ("sqlite", "net.sqlite"),
        ("ftm", "net.ftm.json"),
        ("csv", "tables"),
        ("neo4j", "neo"),
        ("i2", "i2"),
    ],
)
def test_an_export_over_the_file_size_limit_ends_cleanly(case, tmp_path, fmt, name):
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "linkgraph", "export", str(case), "-f", fmt, "-o",
         str(out / name), "-q"],
        capture_output=True, text=True, env=env, preexec_fn=_limited, timeout=300,
    )  # fmt: skip
    err = done.stderr
    assert done.returncode == 1, (done.returncode, err)  # 139 was a segfault (graphml)
    assert "Fatal Python error" not in err
    assert "Segmentation" not in err
    assert "Exception ignored" not in err
    assert "internal error" not in err
    assert "this is a bug" not in err
    assert f"while writing {out / name}" in err or f"cannot write {out / name}" in err, err
    if fmt != "sqlite":  # SQLite says "disk I/O error", not which limit
        assert "file too large for this system's limit (ulimit -f)" in err, err
        assert "no space left" not in err
    assert list(out.iterdir()) == []  # no file, no temporary file, no folder made by it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE on Linux")
def test_a_graphml_export_cut_by_the_file_size_limit_does_not_segfault(tmp_path):
    """networkx's lxml writer, left half-open by the failed write, crashed the interpreter
    (rc 139) when collected: a graph of a few hundred KB cut at 20 KB did it."""
    rows = ["name,dob,phone,role"] + [
        f"Person{i} Name{i % 37},19{50 + i % 50}-0{1 + i % 9}-1{i % 9},"
        f"+40 721 {i % 400:03d} {i % 97:03d},suspect"
        for i in range(600)
    ]
    case = resolved_people_case(tmp_path, big="\n".join(rows) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    limit = 20_000

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "linkgraph", "export", str(case), "-f", "graphml", "-o",
         str(out / "net.graphml"), "-q"],
        capture_output=True, text=True, env=env, preexec_fn=limited, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, (done.returncode, done.stderr)  # was -11 (SIGSEGV)
    assert f"Error: file too large for this system's limit (ulimit -f) while writing {out}" in (
        done.stderr
    )
    assert list(out.iterdir()) == []


def test_sqlite_on_a_full_disk_is_the_disk_full_error(case, tmp_path, monkeypatch):
    sqlite_export = importlib.import_module("linkgraph.export.sqlite")

    def full(db, name, df) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_export, "_write_table", full)
    target = tmp_path / "net.sqlite"
    done = CliRunner().invoke(cli, ["export", str(case), "-f", "sqlite", "-o", str(target), "-q"])
    assert done.exit_code == 1, done.output
    assert f"no space left on the disk while writing {target}; it was not written" in done.output
    assert "internal error" not in done.output
    assert list(tmp_path.iterdir()) == []  # no database, no journal


def test_a_failed_xlsx_leaves_no_zip_writing_to_a_closed_file(case, tmp_path, monkeypatch):
    import gc
    import zipfile

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    unraisable: list[object] = []
    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / "net.xlsx"
    done = CliRunner().invoke(cli, ["export", str(case), "-f", "xlsx", "-o", str(target), "-q"])
    gc.collect()
    assert done.exit_code == 1, done.output
    assert f"no space left on the disk while writing {target}" in done.output
    assert [u.exc_value for u in unraisable] == []  # was: ValueError: seek of closed file
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{case}", "-q", "-o", "{src}"],
        ["report", "{case}", "-q", "-o", "{src}"],
        ["routes", "{case}", "-q", "-o", "{src}"],
        ["export", "{case}", "-f", "gexf", "-q", "-o", "{src}"],
        ["export", "{case}", "-f", "sqlite", "-q", "-o", "{src}"],
        ["export", "{case}", "-f", "xlsx", "-q", "-o", "{src}"],
    ],
    ids=lambda a: "-".join(a[0:1] + a[2:3]),
)
def test_no_output_replaces_a_source_file(case, args):
    source = case.parent / "police.csv"  # ingested into the case
    before = _sha(source)
    done = CliRunner().invoke(cli, [a.format(case=case, src=source) for a in args])
    assert done.exit_code == 2, done.output
    assert f"Error: {source} is a source file of the case" in done.output
    assert "Hint: give another path" in done.output
    assert _sha(source) == before


@pytest.mark.parametrize("fmt", ["csv", "neo4j", "i2"])
def test_no_folder_export_goes_where_a_source_file_is(case, fmt):
    source = case.parent / "police.csv"
    before = _sha(source)
    done = CliRunner().invoke(cli, ["export", str(case), "-f", fmt, "-o", str(case.parent), "-q"])
    assert done.exit_code == 2, done.output
    assert f"Error: {case.parent} holds police.csv, a source file of the case" in done.output
    assert _sha(source) == before


@pytest.mark.parametrize("fmt", ["csv", "neo4j", "i2"])
def test_no_folder_export_goes_into_the_case_folder_itself(case, fmt):
    """An export folder is for sending; the case folder holds the unprotected tables and
    the pseudonym key, which would go with it."""
    before = sorted(p.name for p in case.iterdir())
    done = CliRunner().invoke(cli, ["export", str(case), "-f", fmt, "-o", str(case), "-q"])
    assert done.exit_code == 2, done.output
    assert f"Error: {case} is the case folder itself" in done.output
    assert sorted(p.name for p in case.iterdir()) == before


def test_a_bundle_goes_not_where_a_source_file_is(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n", encoding="utf-8"
    )
    source = tmp_path / "inbox" / "2024" / "police.csv"  # below the bundle's folder
    source.parent.mkdir(parents=True)
    source.write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    done = runner.invoke(cli, ["ingest", str(source), "--preset", "people", "-o", str(case), "-q"])
    assert done.exit_code == 0, done.output
    out = tmp_path / "inbox"
    done = runner.invoke(cli, ["share", str(case), "--secret", str(secret), "-o", str(out), "-q"])
    assert done.exit_code == 2, done.output
    assert f"Error: {out} holds {source}, a source file of the case" in done.output
    assert source.read_text(encoding="utf-8") == PEOPLE


def test_a_mapping_draft_does_not_replace_the_file_it_reads(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    done = CliRunner().invoke(cli, ["mapping", "suggest", str(source), "-o", str(source)])
    assert done.exit_code == 2, done.output
    assert f"Error: {source} is the file read" in done.output
    assert source.read_text(encoding="utf-8") == PEOPLE


def test_an_output_beside_the_sources_is_still_written(case, tmp_path):
    out = case.parent / "map_of_case.html"
    done = CliRunner().invoke(cli, ["render", str(case), "-q", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    out.unlink()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path("/proc").is_dir(), reason="needs /proc"
)
@pytest.mark.parametrize(("fmt", "name"), [("csv", "tables"), ("xlsx", "net.xlsx")])
def test_a_folder_not_writable_is_reported_before_the_work(case, monkeypatch, fmt, name):
    data_module = importlib.import_module("linkgraph.export._data")

    def no_work(*args, **kwargs):
        raise AssertionError("the export's work started before the folder was checked")

    monkeypatch.setattr(data_module, "prepare", no_work)
    target = Path("/proc") / name  # exists, and no one (not even root) makes a file in it
    done = CliRunner().invoke(cli, ["export", str(case), "-f", fmt, "-o", str(target), "-q"])
    assert done.exit_code == 1, done.output
    assert f"Error: cannot write {target}: the folder /proc is not writable" in done.output


def test_a_case_command_removes_temporary_copies_of_killed_processes(case):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid no longer runs
    stale = case / f".graph.tmp-{dead.pid}-x1y2"
    stale.mkdir()
    (stale / "nodes.arrow").write_bytes(b"half")
    stale_file = case / f".keyplayers.csv.tmp-{dead.pid}-z"
    stale_file.write_text("half", encoding="utf-8")
    live = case / f".graph.tmp-{os.getpid()}-live"  # a writer that runs: kept
    live.mkdir()
    try:
        done = CliRunner().invoke(cli, ["entities", str(case), "--csv"])
        assert done.exit_code == 0, done.output
        assert not stale.exists()
        assert not stale_file.exists()
        assert live.is_dir()
    finally:
        live.rmdir()


def test_a_bundle_does_not_replace_a_folder_holding_the_case(case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n", encoding="utf-8"
    )
    for out in (case, case.parent.parent):  # the case itself; a folder above it
        done = CliRunner().invoke(
            cli, ["share", str(case), "--secret", str(secret), "-o", str(out), "-q"]
        )
        assert done.exit_code == 2, done.output
        assert f"Error: {out} holds the case {case}" in done.output
        assert (case / "manifest.json").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["mapping", "suggest", "{src}", "-o", "{out}"],
        ["export", "{case}", "-f", "gexf", "-o", "{out}", "-q"],
    ],
    ids=["suggest", "export"],
)
def test_an_output_to_a_named_pipe_is_written_into_it_not_renamed_over_it(tmp_path, case, args):
    """``-o /dev/null`` or a pipe: the output goes into it and it stays what it was (a
    write renamed over /dev/null made it a plain file, as root)."""
    import stat
    import threading

    source = tmp_path / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    done = CliRunner().invoke(
        cli, [a.format(src=source, out=pipe, case=case) for a in args], catch_exceptions=False
    )
    reader.join(timeout=60)
    assert done.exit_code == 0, done.output
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert got
    assert len(got[0]) > 100
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.pipe")]
