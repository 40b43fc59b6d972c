"""A map drawn with --show-victims says so in its header, where whoever opens it sees it
before sharing it: the map used to drop the pseudonym note and say nothing (tester
round 18, V6)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

from .conftest import VICTIM_NAME
from .helpers import map_payload

BANNER = "Victims are named in this map (--show-victims): do not share."


def _render(case_dir: Path, out: Path, *extra: str) -> str:
    done = CliRunner().invoke(cli, ["render", str(case_dir), "-o", str(out), *extra])
    assert done.exit_code == 0, done.output
    return out.read_text(encoding="utf-8")


def _header(html: str) -> str:
    found = re.search(r'<header id="lg-head">(.*?)</header>', html, re.S)
    assert found is not None
    return found.group(1)


def test_a_map_naming_victims_carries_a_banner_in_its_header(
    case_dir: Path, tmp_path: Path
) -> None:
    html = _render(case_dir, tmp_path / "named.html", "--show-victims")
    assert VICTIM_NAME in map_payload(html)["nodes"]["label"]
    assert f'<p id="lg-victims-named" role="alert">{BANNER}</p>' in _header(html)
    assert map_payload(html)["notes"][0] == BANNER


def test_the_default_map_has_no_banner(case_dir: Path, tmp_path: Path) -> None:
    html = _render(case_dir, tmp_path / "map.html")
    assert "lg-victims-named" not in _header(html)
    assert BANNER not in html
