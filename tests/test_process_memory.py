"""The process-wide memory settings of a ``linkgraph`` command (linkgraph._process_memory)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from linkgraph._process_memory import reuse_freed_memory

_HUGE_PAGES = (
    "import linkgraph.cli, numpy\n"
    "from numpy._core.multiarray import _get_madvise_hugepage\n"
    "print(_get_madvise_hugepage())\n"
)


def _numpy_asks_for_huge_pages(**env: str) -> bool:
    clean = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    out = subprocess.run(
        [sys.executable, "-c", _HUGE_PAGES],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "True"


def test_reuse_freed_memory_takes_effect_on_glibc() -> None:
    glibc = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    assert reuse_freed_memory() is glibc


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="numpy asks for huge pages on Linux only"
)
def test_commands_keep_numpy_off_huge_pages_unless_the_user_asks() -> None:
    # numpy on its own asks for them on Linux; the command's module turns that off before
    # numpy is imported, and a user's own setting still wins.
    assert _numpy_asks_for_huge_pages() is False
    assert _numpy_asks_for_huge_pages(NUMPY_MADVISE_HUGEPAGE="1") is True
