"""The US TIP reports' country network (../shared/datasets): ingested through the CLI, its
README's counts reproduced, and its flows read by `linkgraph routes`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "datasets" / "trafficking_tip_country_network" / "edgelists"
if not DATA.is_dir():
    DATA = Path("/work/shared/datasets/trafficking_tip_country_network/edgelists")
MAPPING = ROOT / "notebooks" / "tip.yaml"

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"the TIP country network is not here ({DATA}): ../shared absent"
)

# the README's table: year -> (rows, countries, distinct arcs), directed, duplicates collapsed
README = {
    2001: (461, 117, 391),
    2005: (773, 151, 622),
    2010: (1691, 177, 1085),
    2014: (2698, 193, 1605),
    2016: (1601, 192, 1065),
}


@pytest.fixture(scope="module")
def tip_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tip") / "case"
    files = [str(DATA / f"edgelist{year}.txt") for year in README]
    result = CliRunner().invoke(
        cli,
        ["ingest", *files, "--mapping", str(MAPPING), "-o", str(out), "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def test_readme_counts(tip_case: Path) -> None:
    mentions = pd.read_parquet(tip_case / "mentions.parquet")
    links = pd.read_parquet(tip_case / "links.parquet")
    for year, (rows, countries, arcs) in README.items():
        source = f"edgelist{year}.txt"
        year_links = links[links["source"] == source]
        assert int(year_links["weight"].sum()) == rows, year  # repeats counted back
        assert int((mentions["source"] == source).sum()) == countries, year
        assert len(year_links) == arcs, year


def test_routes_of_the_tip_network(tip_case: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["routes", str(tip_case), "--table", "flows", "--csv", "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    from linkgraph.model import Case

    case = Case.read(tip_case)
    assert case.places is not None
    assert case.flows is not None
    found = case.places["place_id"].notna()
    # every country string but "Tibet" is placed; none is guessed
    assert case.places.loc[~found, "value"].tolist() == ["Tibet"]
    # the reported flows add up to the rows of the files whose two countries are placed
    flows = case.flows[case.flows["level"] == "country"]
    tibet = sum(
        sum("Tibet" in line for line in (DATA / f"edgelist{y}.txt").read_text().splitlines())
        for y in README
    )
    assert int(flows["reports"].sum()) == sum(r for r, _, _ in README.values()) - tibet
