"""The report's "How sure are these findings?" section and the map's stability rows: read
from CASE/stability.parquet (never recomputed), escaped, victims by pseudonym."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case
from linkgraph.render.map import map_data
from linkgraph.render.report import report_html

from .conftest import VICTIM2_NAME, VICTIM_NAME, XSS_END, XSS_IMG, XSS_SCRIPT, make_case


def _section(html: str) -> str:
    start = html.index('<section id="stability">')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    make_case().write(folder)
    return folder


def _stability(case_dir: Path, *args: str) -> None:
    out = CliRunner().invoke(
        cli, ["stability", str(case_dir), "--draws", "40", "--top", "5", "-q", *args]
    )
    assert out.exit_code == 0, out.output


def test_without_stability_the_section_says_how_to_run_it(case_dir: Path) -> None:
    section = _section(report_html(Case.read(case_dir), include_map=False))
    assert "has not been run on this case" in section
    where = f"{case_dir.parent.name}&#47;case&#47;"
    assert f"<code>linkgraph stability {where}</code>" in section
    assert case_dir.parent.parent.name not in section  # no path of this machine in a briefing
    assert map_data(case_graph(Case.read(case_dir)), case=Case.read(case_dir))["stability"] is None


def test_the_section_reads_the_stored_figures(case_dir: Path) -> None:
    _stability(case_dir)
    stored = pd.read_parquet(case_dir / "stability.parquet")
    case = Case.read(case_dir)
    html = report_html(case, include_map=False)
    section = _section(html)
    assert '<a href="#stability">' in html
    assert "How sure are these findings?" in section
    assert "40 perturbed versions" in section
    assert "betweenness (exact)" in section
    actors = stored.loc[stored["kind"] == "actor"]
    first = actors.loc[actors["observed_rank"] == 1].set_index("perturbation")
    # the top actor's claims, with the stored shares
    assert re.search(r"is the top broker in \d+% of perturbed versions with missing ties", section)
    share = first.loc["missing_ties", "p_rank1"]
    assert f"the top broker in {share:.0%} of perturbed versions with missing ties" in section
    # every top actor has a row; fragile shares are flagged in the table and the claims
    assert section.count("<tr>") >= actors["entity_id"].nunique() + 1
    fragile = (actors["p_top"] < 0.8).any() or (first["p_rank1"] < 0.8).any()
    assert ('class="fragile"' in section) == bool(fragile)
    for part in ("The key-player set", "Communities", "Source: stability.parquet"):
        assert part in section


def test_the_section_and_map_rows_are_escaped_and_protect_victims(case_dir: Path) -> None:
    _stability(case_dir, "--top", "12")  # every person and organisation is followed
    case = Case.read(case_dir)
    section = _section(report_html(case, include_map=False))
    for payload in (XSS_SCRIPT, XSS_IMG, XSS_END, VICTIM_NAME, VICTIM2_NAME):
        assert payload not in section
    assert "&lt;script&gt;" in section  # the hostile name is there, escaped
    assert "Victim-" in section
    data = map_data(case_graph(case), case=case)
    rows = data["stability"]["rows"]
    assert rows, "the followed actors have rows in the map"
    cells = {c for per in rows.values() for r in per for c in r}
    assert all(re.fullmatch(r"\d+%|\d+-\d+|missing ties|missing people|re-drawn merges|", c)
               for c in cells)  # fmt: skip
    assert data["stability"]["head"][2] == "P(top 12)"


def test_a_stale_table_is_not_shown(case_dir: Path) -> None:
    _stability(case_dir)
    table = pd.read_parquet(case_dir / "stability.parquet")
    table.loc[table["kind"] == "run", "entities"] = 999  # as if the case had changed since
    table.to_parquet(case_dir / "stability.parquet", index=False)
    case = Case.read(case_dir)
    section = _section(report_html(case, include_map=False))
    assert "ran on an earlier state of this case" in section
    assert "top broker" not in section
    assert map_data(case_graph(case), case=case)["stability"] is None
