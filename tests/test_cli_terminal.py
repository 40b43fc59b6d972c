"""Progress bars as a person sees them: the long commands run in a real pseudo-terminal.

Bars are drawn only on a terminal, so a test through CliRunner (or any pipe) never draws
one; these tests give the command a pty, as `script` or a terminal emulator does.
"""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from linkgraph.commands._common import ClickProgress

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
FULL_BAR = re.compile(r"\[#{24}\]")
ESCAPES = re.compile(r"\x1b\[[?0-9;]*[A-Za-z]")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_draw_with_and_without_a_total():
    out = _Terminal()
    progress = ClickProgress(quiet=False, file=out)
    progress.start("ingest calls.csv", None)  # the total is unknown while streaming
    progress.advance(500)
    progress.advance(250)
    progress.start("betweenness", 4)  # starting a step finishes the previous one
    progress.advance(2)
    progress.advance(2)
    progress.finish()
    text = ESCAPES.sub("", out.getvalue())
    lines = re.split(r"[\r\n]", text)
    ingest_line = next(x for x in lines if "ingest calls.csv" in x and FULL_BAR.search(x))
    assert ingest_line.rstrip().endswith("750")  # the count of rows read
    assert FULL_BAR.search(ingest_line)
    assert "100%" in text
    assert len(FULL_BAR.findall(text)) >= 2


@pytest.mark.parametrize("quiet", [True, False])
def test_no_bars_when_quiet_or_not_a_terminal(quiet):
    out = _Terminal() if quiet else io.StringIO()  # StringIO is not a terminal
    progress = ClickProgress(quiet=quiet, file=out)
    progress.start("resolve: blocking")
    progress.advance(3)
    progress.finish()
    assert out.getvalue() == ""


def run_in_terminal(
    args: list[str], cwd: Path, timeout: float = 900, columns: int = 120, term: str = "xterm"
) -> tuple[int, str]:
    """Run ``linkgraph ARGS`` with stdin, stdout and stderr on a new pseudo-terminal
    ``columns`` wide."""
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": str(columns), "TERM": term}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from linkgraph.cli import cli; cli()", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                proc.kill()
                raise TimeoutError(f"linkgraph {' '.join(args)} took over {timeout} s")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return proc.wait(), b"".join(chunks).decode("utf-8", "replace")


def _bar_labels(text: str) -> set[str]:
    """Labels of the steps whose bar was drawn full."""
    labels = set()
    for line in re.split(r"[\r\n]", ESCAPES.sub("", text)):
        if FULL_BAR.search(line):
            labels.add(line.split("[", 1)[0].strip())
    return labels


@pytest.mark.slow
def test_long_commands_draw_bars_in_a_terminal_and_never_crash(tmp_path):
    case = tmp_path / "case"
    # fmt: off
    steps = [
        (["demo", "-o", "demo-out"], {"ingest cdr.csv", "resolve: blocking", "render map"}),
        (
            ["run", str(SAMPLE / "pipeline.yaml"), "-o", "run-out"],
            {"ingest arrests.csv", "analyze", "write case"},
        ),
        (
            ["ingest", str(SAMPLE / "cdr.csv"), "--mapping", str(SAMPLE / "mappings/cdr.yaml"),
             "-o", str(case)],
            {"ingest cdr.csv"},
        ),
        (["resolve", str(case)], {"resolve: features", "resolve: clustering"}),
        (["analyze", str(case)], {"analyze"}),
        (["render", str(case), "-o", "map.html"], {"render: graph and view", "render: map"}),
        (["report", str(case), "-o", "report.html"], {"report"}),
    ]
    # fmt: on
    for args, expected in steps:
        code, text = run_in_terminal(args, tmp_path)
        command = f"linkgraph {' '.join(args)}"
        assert "Traceback" not in text, f"{command}:\n{text}"
        assert code == 0, f"{command} exited {code}:\n{text}"
        drawn = _bar_labels(text)
        assert expected <= drawn, f"{command}: bars {sorted(drawn)}, expected {sorted(expected)}"
    code, text = run_in_terminal(["analyze", str(case), "-q"], tmp_path)
    assert code == 0, text
    assert not _bar_labels(text), "-q must not draw bars"
    assert (tmp_path / "report.html").stat().st_size > 0


def _piped(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "40"}
    return subprocess.run(
        [sys.executable, "-m", "linkgraph", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.parametrize("columns", [40, 80])
def test_tables_and_summaries_fit_the_terminal_and_stay_whole_in_a_pipe(demo_out, columns):
    case = str(demo_out / "case")
    for args in (["entities", case, "-n", "3"], ["links", case, "-n", "3"], ["analyze", case]):
        header = _piped([*args[:2], "--csv"], demo_out).splitlines()[0].split(",")
        code, text = run_in_terminal(args, demo_out, timeout=300, columns=columns)
        assert code == 0, text
        lines = [x for x in re.split(r"[\r\n]", ESCAPES.sub("", text)) if x.strip()]
        too_wide = [line for line in lines if len(line) > columns]
        assert not too_wide, f"{args[0]} at {columns} columns: {too_wide}"
        if args[0] in ("entities", "links"):  # seconds on a large case: said on stderr
            for label in ("read case", "sum up"):  # a bar as wide as the terminal allows
                full = re.compile(rf"{args[0]}: {label}\s+\[#+\]")
                assert any(full.match(line) for line in lines), lines[:4]
        piped = _piped(args, demo_out)
        if args[0] == "analyze":
            # the Network (...) line whole, on one line, in a pipe
            network = next(x for x in piped.splitlines() if x.startswith("Network ("))
            assert len(network) > 80
            continue
        # in a pipe: every text column, however narrow COLUMNS says the screen is
        shown_text = piped.splitlines()[1].split()
        note = " ".join(lines[lines.index(next(x for x in lines if "left out" in x)) :])
        left_out = note.split("columns: ", 1)[1].split(";", 1)[0].replace(" ", "").split(",")
        assert left_out, note
        assert set(left_out) <= set(header) | set(shown_text), note
        assert "--csv or --json" in note
        for name in left_out:
            assert name in shown_text
            assert not any(name in line.split() for line in lines[:3])


@pytest.mark.parametrize("columns", [30, 40, 80])
def test_bar_lines_fit_a_narrow_terminal(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("TERM", "xterm")
    out = _Terminal()
    progress = ClickProgress(quiet=False, file=out)
    progress.start("resolve: features of every mention", 1000)
    progress.advance(999)
    progress.finish()
    progress.start("ingest calls_from_the_jit.csv", None)
    progress.advance(123_456)
    progress.finish()
    lines = [x for x in re.split(r"[\r\n]", out.getvalue()) if x.strip()]
    assert lines
    assert max(len(x) for x in lines) < columns
    assert any(x.rstrip().endswith("100%") for x in lines)
    assert lines[-1].endswith("123,456")


def test_no_cursor_escapes_and_no_redraws_on_a_dumb_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    out = _Terminal()
    progress = ClickProgress(quiet=False, file=out)
    progress.start("analyze", 10)
    for _ in range(10):
        progress.advance()
    progress.finish()
    text = out.getvalue()
    assert "\x1b" not in text
    assert "\r" not in text
    assert text.count("\n") == 1
    assert "analyze" in text
    assert "100%" in text


def test_a_bar_stopped_by_ctrl_c_is_not_drawn_full(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "80")
    out = _Terminal()
    progress = ClickProgress(quiet=False, file=out)
    progress.start("export xlsx", 100)
    progress.advance(30)

    def stopped() -> None:
        try:
            raise KeyboardInterrupt
        finally:
            progress.finish()  # as the library's finally blocks call it

    with pytest.raises(KeyboardInterrupt):
        stopped()
    text = out.getvalue()
    assert "\x1b" not in text
    assert "100%" not in text
    assert not FULL_BAR.search(text)
    assert text.endswith("\n")


def test_arrows_are_ascii_where_the_encoding_or_terminal_cannot_show_them(demo_out, monkeypatch):
    from linkgraph._terminal import PrintableStream, wants_ascii

    # an encoding without "→" (PYTHONIOENCODING=latin-1): "->", no UnicodeEncodeError
    for encoding, arrow in (("latin-1", " mentions -> "), ("utf-8", " mentions → ")):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": encoding}
        done = subprocess.run(
            [sys.executable, "-m", "linkgraph", "resolve", str(demo_out / "case"), "-q"],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        out = done.stdout.decode("utf-8")
        assert done.returncode == 0, done.stderr
        assert arrow in out  # UTF-8 (a pipe, a file) keeps the arrow
    # a terminal under the C locale: Python writes UTF-8 that it shows as garbage
    for env, expected in (("C", True), ("POSIX", True), ("en_US.UTF-8", False)):
        monkeypatch.setenv("LC_ALL", env)
        assert wants_ascii(_Terminal()) is expected
        assert wants_ascii(io.StringIO()) is False  # not a terminal: UTF-8 stays
    out = io.StringIO()
    PrintableStream(out, ascii=True, control=False).write("a → b … c\r")
    assert out.getvalue() == "a -> b ... c\r"
