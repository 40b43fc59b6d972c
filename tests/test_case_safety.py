"""Case folders under concurrent writers, crashes and odd output paths (issue 18, items 3 and 5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from linkgraph._casefs import _exchange, case_lock
from linkgraph.errors import CaseBusyError, CaseError
from linkgraph.model import Case

PEOPLE = "record_id,given_name,family_name,dob,phone\n"


def _people_csv(path: Path, n: int, tag: str) -> Path:
    rows = [
        f"{tag}{i},Name{tag}{i},Family{i},1990-01-{(i % 28) + 1:02d},+4915112{i:05d}"
        for i in range(n)
    ]
    path.write_text(PEOPLE + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _cli(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["linkgraph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )


def _sources(case_dir: Path) -> set[str]:
    return set(Case.read(case_dir).mentions["source"].unique())


def test_two_ingests_into_one_case_at_once_keep_both_sources(tmp_path):
    a = _people_csv(tmp_path / "a.csv", 3000, "a")
    b = _people_csv(tmp_path / "b.csv", 3000, "b")
    case = tmp_path / "case"
    procs = [_cli("ingest", str(f), "--preset", "people", "-o", str(case), "-q") for f in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _sources(case) == {"a.csv", "b.csv"}
    assert len(Case.read(case).mentions[lambda d: d["type"] == "person"]) == 6000


def test_a_stage_that_read_an_older_case_refuses_to_overwrite_a_newer_one(tmp_path):
    case = tmp_path / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(_people_csv(tmp_path / "a.csv", 5, "a")),
         "--preset", "people", "-o", str(case), "-q"],
        check=True,
    )  # fmt: skip
    stale = Case.read(case)  # as `resolve` reads it ...
    subprocess.run(
        ["linkgraph", "ingest", str(_people_csv(tmp_path / "b.csv", 5, "b")),
         "--preset", "people", "-o", str(case), "-q"],
        check=True,
    )  # fmt: skip
    # ... and writes back after another command added a source: refused, nothing lost.
    with pytest.raises(CaseError, match="changed by another linkgraph command") as info:
        stale.with_step("resolve").write(case)
    assert "run this command again" in info.value.render()
    assert _sources(case) == {"a.csv", "b.csv"}
    # Writing the same Case twice is not a conflict with itself.
    fresh = Case.read(case)
    fresh.with_step("analyze").write(case)
    fresh.with_step("analyze").write(case)


def test_a_busy_case_is_a_clear_error_after_the_wait(tmp_path):
    target = tmp_path / "case"
    Case().write(target)
    with case_lock(target), pytest.raises(CaseBusyError, match="busy"):  # noqa: SIM117
        with case_lock(target, wait=0.2):
            pass


def test_the_lock_file_is_removed_and_a_waiting_writer_still_excludes_others(tmp_path):
    """The ``.case.lock`` file is removed when a write ends; a writer that waited on the
    removed file locks the one now at its path, so a third still finds the case busy."""
    target = tmp_path / "case"
    Case().write(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]
    waiting_holds, release = threading.Event(), threading.Event()

    def second_writer() -> None:
        with case_lock(target, wait=10):
            waiting_holds.set()
            release.wait(10)

    with case_lock(target):
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.2)  # the second writer now waits on this lock file
    assert waiting_holds.wait(10)
    with pytest.raises(CaseBusyError, match="busy"), case_lock(target, wait=0.3):
        pass
    release.set()
    thread.join(10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_a_crash_between_the_two_renames_leaves_a_case_that_loads(tmp_path):
    target = tmp_path / "case"
    Case(mentions=pd.DataFrame({"mention_id": ["m:1"], "type": ["phone"], "role": [None],
                                "source": ["s"], "row": [1]})).write(target)  # fmt: skip
    # What the fallback swap leaves when killed after its first rename.
    os.replace(target, tmp_path / ".case.old-999999999")
    assert len(Case.read(target).mentions) == 1
    assert not (tmp_path / ".case.old-999999999").exists()


def test_stale_temporary_copies_of_dead_processes_are_cleaned(tmp_path):
    target = tmp_path / "case"
    Case().write(target)
    stale = tmp_path / ".case.tmp-999999999-abcd"
    stale.mkdir()
    (stale / "mentions.parquet").write_bytes(b"half")
    Case().write(target)
    assert not stale.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux-only")
def test_folders_are_exchanged_in_one_system_call(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not _exchange(a, b):
        pytest.skip("this file system does not support RENAME_EXCHANGE")
    assert (a / "x").read_text() == "b"
    assert (b / "x").read_text() == "a"


@pytest.mark.parametrize("kind", ["dot", "symlink", "fifo", "file"])
def test_output_paths_that_are_not_plain_folders_are_refused(tmp_path, kind):
    src = _people_csv(tmp_path / "a.csv", 2, "a")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cwd = tmp_path
    if kind == "dot":
        out = "."
        cwd = elsewhere
    elif kind == "symlink":
        (tmp_path / "link").symlink_to(elsewhere)
        out = str(tmp_path / "link")
    elif kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
        out = str(tmp_path / "fifo")
    else:
        (tmp_path / "file").write_text("keep me")
        out = str(tmp_path / "file")
    proc = subprocess.run(
        ["linkgraph", "ingest", str(src), "--preset", "people", "-o", out],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )  # fmt: skip
    assert proc.returncode in (1, 2), proc.stderr  # 2: click refuses it as a usage error
    assert "Traceback" not in proc.stderr
    assert "Error" in proc.stderr
    assert list(elsewhere.iterdir()) == []
    if kind == "file":
        assert (tmp_path / "file").read_text() == "keep me"
    if kind == "symlink":
        assert (tmp_path / "link").is_symlink()


def test_links_inside_a_case_folder_are_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the case")
    target = tmp_path / "case"
    Case().write(target)
    (target / "notes").symlink_to(secret)
    Case().write(target)
    assert (target / "notes").is_symlink()  # kept as a link, its target not copied in
    (target / "links.parquet").unlink()
    (target / "links.parquet").symlink_to(secret)
    with pytest.raises(CaseError, match="symbolic link"):
        Case.read(target)


@pytest.mark.slow
def test_kill_during_ingest_leaves_the_old_or_the_new_case(tmp_path):
    """SIGKILL at spread-out moments of an ingest over an existing case: every time the
    folder loads, and holds either the old sources or the old plus the new."""
    case = tmp_path / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(_people_csv(tmp_path / "a.csv", 2000, "a")),
         "--preset", "people", "-o", str(case), "-q"],
        check=True,
    )  # fmt: skip
    big = _people_csv(tmp_path / "b.csv", 20000, "b")
    seen = set()
    for delay in (0.05, 0.2, 0.4, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        proc = _cli("ingest", str(big), "--preset", "people", "-o", str(case), "-q")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        sources = _sources(case)
        assert sources in ({"a.csv"}, {"a.csv", "b.csv"})
        seen.add(frozenset(sources))
    assert frozenset({"a.csv"}) in seen


def test_the_manifest_holds_no_absolute_path_of_the_analysts_machine(tmp_path):
    (tmp_path / "inputs").mkdir()
    src = _people_csv(tmp_path / "inputs" / "a.csv", 3, "a")
    case = tmp_path / "cases" / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(src.resolve()), "--preset", "people", "-o", str(case), "-q"],
        check=True,
    )
    Case.read(case).with_step("analyze").write(case)
    text = (case / "manifest.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in text
    inputs = Case.read(case).manifest["inputs"]
    assert inputs[0]["path"] == os.path.join("..", "..", "inputs", "a.csv")
    assert (case / inputs[0]["path"]).resolve() == src.resolve()


def test_a_command_waiting_for_the_lock_says_who_holds_it(tmp_path):
    """A command waiting for another writer's case lock says so on stderr, once, after
    about a second: the case, the holder's pid and since when; then it goes on."""
    target = tmp_path / "case"
    people = _people_csv(tmp_path / "people.csv", 5, "a")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    with case_lock(target):
        held_since = time.strftime("%H:%M")
        proc = subprocess.Popen(
            [sys.executable, "-m", "linkgraph", "ingest", str(people), "--preset", "people",
             "-o", str(target), "-q"],
            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        time.sleep(4)  # the command starts, reaches the lock and waits
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    line = f"waiting for another linkgraph command writing {target} (pid {os.getpid()}, since"
    assert err.count(line) == 1, err
    assert held_since in err or time.strftime("%H:%M") in err
    assert "Ctrl-C to stop" in err
    assert (Case.read(target).mentions["type"] == "person").sum() == 5
