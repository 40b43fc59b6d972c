"""Start-up: the command registry is complete, and --help does not import the library.

The timings themselves are in benchmarks/bench_startup.py; these tests check the mechanism
(what gets imported), which does not depend on how loaded the machine is.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import linkgraph
import linkgraph.commands
from linkgraph.cli import COMMANDS, cli, load_command

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "igraph", "pyarrow", "scipy", "networkx", "rapidfuzz", "yaml")


def _command_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.iter_modules(linkgraph.commands.__path__)
        if not m.name.startswith("_")
    ]


def test_registry_lists_exactly_the_commands_the_modules_define():
    defined = {}
    for name in _command_modules():
        module = importlib.import_module(f"linkgraph.commands.{name}")
        for command in module.COMMANDS:
            assert command.name not in defined, f"{command.name} defined twice"
            defined[command.name] = name
    assert defined == COMMANDS


def test_every_registered_command_loads_and_is_listed_in_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert isinstance(load_command(name), click.Command)
        assert f"  {name} " in result.output
    assert load_command("no-such-command") is None


def _modules_after(code: str) -> set[str]:
    """The top-level modules imported by a fresh interpreter that runs ``code``."""
    script = (
        f"{code}\nimport sys\n"
        "print('MODULES:', *sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
    )
    err = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stderr
    line = next(x for x in err.splitlines() if x.startswith("MODULES:"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], *[[name, "--help"] for name in sorted(COMMANDS)]],
    ids=lambda a: " ".join(a),
)
def test_help_does_not_import_the_heavy_libraries(argv):
    code = (
        "from linkgraph.cli import cli\n"
        f"try:\n    cli({argv!r})\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
    )
    assert not _modules_after(code) & set(HEAVY)


def test_ingest_that_guesses_the_phone_region_does_not_load_the_analysis(tmp_path):
    # A CDR of national numbers (UK mobiles) and no --region: the region is guessed from
    # the phone columns, which needs neither linkgraph.metrics nor scipy (the analysis).
    cdr = tmp_path / "calls.csv"
    cdr.write_text(
        "caller,callee,start_time\n"
        "07470 417125,07544 534963,2024-01-02 10:00:00\n"
        "07544 534963,07450 977569,2024-01-02 11:00:00\n",
        encoding="utf-8",
    )
    argv = ["ingest", str(cdr), "--preset", "cdr", "-q", "-o", str(tmp_path / "case")]
    code = (
        "import sys\nfrom linkgraph.cli import cli\n"
        f"try:\n    cli({argv!r})\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'linkgraph.metrics' not in sys.modules\n"
    )
    modules = _modules_after(code)  # CalledProcessError when the ingest or assert fails
    assert "scipy" not in modules
    assert (tmp_path / "case" / "mentions.parquet").is_file()


def test_import_linkgraph_is_light_and_names_load_on_use():
    assert not _modules_after("import linkgraph") & set(HEAVY)
    for name in linkgraph.__all__:
        assert getattr(linkgraph, name) is not None
    assert set(linkgraph.__all__) == {*linkgraph._EXPORTS, "__version__"}


def test_ingest_and_resolve_stay_the_functions_when_their_subpackages_load():
    code = (
        "import linkgraph.resolve.evaluate, linkgraph.ingest.config\n"
        "import linkgraph as lg\n"
        "assert callable(lg.resolve) and lg.resolve.__module__ == 'linkgraph.resolve'\n"
        "assert callable(lg.ingest) and lg.ingest.__module__ == 'linkgraph.ingest'\n"
    )
    assert "linkgraph" in _modules_after(code)  # CalledProcessError when an assert fails


def test_render_color_choices_match_the_renderer():
    from linkgraph.commands.render import COLOR_BY as cli_choices
    from linkgraph.render.map import COLOR_BY

    assert cli_choices == COLOR_BY
