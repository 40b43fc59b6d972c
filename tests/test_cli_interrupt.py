"""Ctrl-C during a command: one line saying which command stopped and what state the
outputs are in (written whole, or as they were), and exit status 130 (128 + SIGINT), not
click's bare "Aborted!" with status 1."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import linkgraph.metrics
import linkgraph.render
from linkgraph.cli import cli

PEOPLE = (
    "name,dob,phone,country\n"
    "Ion Popescu,1990-01-02,0722 123 456,RO\n"
    "Ana Pop,1985-05-06,0733 222 111,RO\n"
    "Ion Popescu,1990-01-02,0722 123 456,RO\n"
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    (tmp_path / "people.csv").write_text(PEOPLE)
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_analyze_interrupted_says_the_case_is_as_it_was(case_dir, monkeypatch) -> None:
    before = _snapshot(case_dir)
    monkeypatch.setattr(linkgraph.metrics, "analyze", _interrupt)
    result = CliRunner().invoke(cli, ["analyze", str(case_dir)])
    assert result.exit_code == 130, result.output
    assert "Aborted!" not in result.output
    assert result.stderr.strip().splitlines() == [
        "Interrupted: `linkgraph analyze` stopped before writing anything: the case folder "
        "and the other outputs are as they were (each is replaced whole or not at all, never "
        "left half-written); run the command again to finish."
    ]
    assert _snapshot(case_dir) == before


def test_run_interrupted_after_the_case_names_what_it_wrote(tmp_path, monkeypatch) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE)
    config = tmp_path / "pipeline.yaml"
    config.write_text("sources:\n  - path: people.csv\n    preset: people\nout: out\n")
    monkeypatch.setattr(linkgraph.render, "render_map", _interrupt)
    result = CliRunner().invoke(cli, ["run", str(config), "-q"])
    assert result.exit_code == 130
    case = tmp_path / "out" / "case"
    assert result.stderr.strip().splitlines()[-1:] == [
        f"Interrupted: `linkgraph run` stopped after writing {case} in full; its other outputs "
        "are as they were (each is replaced whole or not at all, never left half-written); "
        "run the command again to finish."
    ]
    assert (case / "metrics.parquet").is_file()  # the case was written whole
    assert not (tmp_path / "out" / "map.html").exists()  # the map was not begun


def test_a_real_sigint_mid_command_exits_130(case_dir: Path) -> None:
    """The process signals itself from inside the analysis (SIGINT at a known point
    rather than after a guessed delay), as the terminal does on Ctrl-C."""
    before = _snapshot(case_dir)
    script = (
        "import os, signal, sys, time\n"
        # as in a terminal: a CI job started in the background inherits SIGINT ignored
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import linkgraph.metrics\n"
        "from linkgraph.cli import cli\n"
        "def stop(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(60)\n"
        "linkgraph.metrics.analyze = stop\n"
        "cli(['analyze', sys.argv[1]], prog_name='linkgraph')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(case_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 128 + signal.SIGINT
    assert done.stderr.strip().startswith(
        "Interrupted: `linkgraph analyze` stopped before writing anything"
    ), done.stderr
    assert "Aborted!" not in done.stderr
    assert _snapshot(case_dir) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_sigterm_mid_command_says_what_stopped_and_exits_143(case_dir: Path, tmp_path) -> None:
    """SIGTERM sent from outside (a timeout, a scheduler) to a running command: the same
    line as after Ctrl-C, naming the signal, and exit status 143 (128 + SIGTERM), not a
    bare "Terminated." that reads as the shell's. The child says when it is inside the
    command (a file), so the signal is sent mid-command, not after a guessed delay."""
    before = _snapshot(case_dir)
    inside = tmp_path / "inside"
    script = (
        "import pathlib, sys, time\n"
        "import linkgraph.metrics\n"
        "from linkgraph.cli import cli\n"
        "def busy(*a, **k):\n"
        "    pathlib.Path(sys.argv[2]).touch()\n"
        "    time.sleep(60)\n"
        "linkgraph.metrics.analyze = busy\n"
        "cli(['analyze', sys.argv[1]], prog_name='linkgraph')\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(case_dir), str(inside)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not inside.exists() and proc.poll() is None:
            assert time.monotonic() < deadline, "the command never started"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # a failed assertion above: leave no process behind
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines() == [
        "Terminated (SIGTERM): `linkgraph analyze` stopped before writing anything: the case "
        "folder and the other outputs are as they were (each is replaced whole or not at all, "
        "never left half-written); run the command again to finish."
    ]
    assert _snapshot(case_dir) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_sigterm_during_a_long_read_exits_without_waiting_for_it(tmp_path) -> None:
    """SIGTERM while the next chunk of a file is read on ingest's reader thread (a
    workbook's next 200,000 rows take minutes): the command stops at once, not when that
    read ends (tester 30: SIGTERM at 10 s, exit at 59 s). The read sleeps a minute on the
    reader thread, after saying (a file) that it started."""
    (tmp_path / "people.csv").write_text(PEOPLE)
    inside = tmp_path / "inside"
    script = (
        "import pathlib, sys, threading, time\n"
        "from linkgraph.cli import cli\n"
        "from linkgraph.ingest import readers\n"
        "real = readers.read_chunks\n"
        "def slow(*a, **k):\n"
        "    if threading.current_thread() is not threading.main_thread():\n"
        "        pathlib.Path(sys.argv[2]).touch()\n"
        "        time.sleep(60)\n"
        "    yield from real(*a, **k)\n"
        "readers.read_chunks = slow\n"
        "cli(['ingest', sys.argv[1], '--preset', 'people', '-o', sys.argv[3], '-q'],"
        " prog_name='linkgraph')\n"
    )
    case = tmp_path / "case"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "people.csv"), str(inside), str(case)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not inside.exists() and proc.poll() is None:
            assert time.monotonic() < deadline, "the read never started"
            time.sleep(0.05)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.startswith("Terminated (SIGTERM): `linkgraph ingest` stopped"), err
    assert took < 30, f"exited {took:.0f} s after SIGTERM (the read sleeps 60 s)"
    assert not case.exists()
