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


_INGEST_THEN_CONF = (
    "import os, sys, pathlib\n"
    "from click.testing import CliRunner\n"
    "from linkgraph.cli import cli\n"
    "p = pathlib.Path(sys.argv[1]) / 'p.csv'\n"
    "p.write_text('name,dob\\nAna Pop,1990-01-02\\n')\n"
    "args = ['ingest', str(p), '--preset', 'people', '-o', str(p.parent / 'c'), '-q']\n"
    "r = CliRunner().invoke(cli, args)\n"
    "assert r.exit_code == 0, r.output\n"
    "print(os.environ.get('JE_ARROW_MALLOC_CONF'))\n"
)  # fmt: skip


def _conf_after_ingest(tmp_path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "JE_ARROW_MALLOC_CONF"}
    out = subprocess.run(
        [sys.executable, "-c", _INGEST_THEN_CONF, str(tmp_path)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def test_ingest_command_keeps_freed_pages_unless_the_user_configures_jemalloc(tmp_path) -> None:
    # The ingest command's process configures jemalloc before pyarrow is loaded (jemalloc
    # reads it once, when it starts); a user's own configuration wins.
    from linkgraph._arrow_pool import STREAMING_CONF

    assert _conf_after_ingest(tmp_path) == STREAMING_CONF
    assert _conf_after_ingest(tmp_path, JE_ARROW_MALLOC_CONF="narenas:2") == "narenas:2"


def test_keep_freed_pages_does_nothing_once_pyarrow_is_loaded() -> None:
    code = (
        "import os, pyarrow\n"
        "from linkgraph._arrow_pool import keep_freed_pages\n"
        "print(keep_freed_pages(), os.environ.get('JE_ARROW_MALLOC_CONF'))\n"
    )
    clean = {k: v for k, v in os.environ.items() if k != "JE_ARROW_MALLOC_CONF"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "None"]


@pytest.mark.parametrize("command", ["demo", "run"])
def test_pipeline_commands_leave_loaded_objects_out_of_collections(
    command: str, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The objects alive once the pipeline's modules are imported are frozen (gc.freeze):
    # the collector's full passes no longer walk them.
    import gc

    from click.testing import CliRunner

    from linkgraph.cli import cli

    monkeypatch.setattr("linkgraph.pipeline.run_pipeline", lambda *a, **k: None)
    monkeypatch.setattr("linkgraph.commands.pipeline._echo_summary", lambda *a: None)
    config = tmp_path / "pipeline.yaml"
    config.write_text("sources: []\n", encoding="utf-8")
    args = ["demo", "-q", "-o", str(tmp_path)] if command == "demo" else ["run", str(config), "-q"]
    gc.unfreeze()
    try:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
