"""An output that cannot be written is named as the user gave it, with the real cause
(the folder is not writable, the file is write-protected, the disk is full): never the
temporary file, lock or copy linkgraph writes beside it, and never "No such file or
directory" for a folder that exists."""

from __future__ import annotations

import errno
import os
import shutil
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
)
#: A folder that exists and where no one, not even root, can make a file.
PROC = Path("/proc")
needs_proc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not PROC.is_dir(), reason="needs Linux /proc"
)


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    return resolved_people_case(tmp_path_factory.mktemp("w"), police=PEOPLE)


def _fails(*args: object) -> str:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    assert done.exit_code == 1, done.output
    assert not isinstance(done.exception, OSError), done.exception
    assert "lgtmp" not in done.output
    assert ".lock" not in done.output
    assert "No such file or directory" not in done.output
    return done.output


@needs_proc
@pytest.mark.parametrize(
    ("command", "out"),
    [
        (["render", "{case}", "-q", "-o"], "map.html"),
        (["report", "{case}", "-q", "-o"], "report.html"),
        (["export", "{case}", "-f", "graphml", "-q", "-o"], "net.graphml"),
        (["export", "{case}", "-f", "sqlite", "-q", "-o"], "net.sqlite"),
        (["export", "{case}", "-f", "csv", "-q", "-o"], "csv"),
    ],
)
def test_a_folder_that_takes_no_files_is_named_not_the_temporary_file(case, command, out):
    args = [a.format(case=case) for a in command]
    got = _fails(*args, PROC / out)
    assert f"Error: cannot write {PROC / out}: the folder /proc is not writable" in got
    assert "Hint: give a path in a folder you can write to" in got


@needs_proc
def test_a_case_folder_there_is_named_not_its_lock(case, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    got = _fails("ingest", source, "--preset", "people", "-o", PROC / "case", "-q")
    assert "Error: cannot write /proc/case: the folder /proc is not writable" in got


@needs_proc
def test_a_bundle_there_is_named_not_its_temporary_copy(case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n", encoding="utf-8"
    )
    got = _fails("share", case, "--secret", secret, "-o", PROC / "bundle", "-q")
    assert "Error: cannot write /proc/bundle: the folder /proc is not writable" in got


@needs_proc
def test_a_folder_that_cannot_be_made_says_where(case):
    got = _fails("render", case, "-q", "-o", PROC / "sub" / "map.html")
    assert "cannot write /proc/sub/map.html: its folder /proc/sub cannot be made in /proc" in got


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_a_folder_without_write_permission(case, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        got = _fails("render", case, "-q", "-o", locked / "map.html")
    finally:
        locked.chmod(0o755)
    assert f"cannot write {locked / 'map.html'}: the folder {locked} is not writable" in got
    assert list(locked.iterdir()) == []


def test_a_write_protected_file_is_named_as_such(case, tmp_path):
    target = tmp_path / "map.html"
    target.write_text("kept\n", encoding="utf-8")
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(target)], check=False).returncode:
        pytest.skip("cannot make a file immutable here (chattr +i needs root and ext4/xfs)")
    try:
        got = _fails("render", case, "-q", "-o", target)
    finally:
        subprocess.run([chattr, "-i", str(target)], check=True)
    assert f"Error: {target} cannot be replaced (write-protected)" in got
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left


def test_a_full_disk_is_named_with_the_output(case, tmp_path, monkeypatch):
    import linkgraph._io as io_module

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src))

    monkeypatch.setattr(io_module.os, "replace", full)
    target = tmp_path / "map.html"
    got = _fails("render", case, "-q", "-o", target)
    assert f"Error: no space left on the disk while writing {target}; it was not written" in got
    assert "Hint: free some space" in got
    assert list(tmp_path.iterdir()) == []
