"""Run a command as a child process and measure that process alone: wall, CPU and peak RSS.

Linux carries a process's peak resident memory over ``fork`` and ``exec``: a child started by a
benchmark that holds a large data set reports at least the benchmark's own peak in
``ru_maxrss``. So the command is started by a small launcher interpreter (about 10 MiB), whose
``wait4`` reads the command's own figures and hands them back as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = """
import json, os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, u = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    json.dump({"wall": time.perf_counter() - t, "user": u.ru_utime, "sys": u.ru_stime,
               "maxrss_kib": u.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}, f)
"""


@dataclass(frozen=True)
class ChildRun:
    """What one child process cost, and what it wrote."""

    wall: float
    cpu: float  # user + system seconds
    peak_mib: float
    code: int
    stdout: bytes
    stderr: bytes


def run_child(cmd: list[str], *, capture_stdout: bool = False) -> ChildRun:
    """Run ``cmd`` through the launcher; its own wall, CPU and peak RSS (see the module doc)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as res:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, res.name, *cmd],
            stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        figures = json.loads(Path(res.name).read_text(encoding="utf-8") or "{}")
    if not figures:
        raise SystemExit(f"`{' '.join(cmd)}` could not be started: {done.stderr[-2000:]!r}")
    return ChildRun(
        wall=figures["wall"],
        cpu=figures["user"] + figures["sys"],
        peak_mib=figures["maxrss_kib"] / 1024,
        code=figures["code"],
        stdout=done.stdout or b"",
        stderr=done.stderr or b"",
    )
