"""`linkgraph render` and `linkgraph report` over a case folder."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.render import pseudonym

from .conftest import VICTIM_NAME, make_case
from .helpers import map_payload


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_render_writes_the_map(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    printed = run("render", str(case_dir), "-o", str(out), "--size-by", "pagerank")
    assert "whole network: 12 entities" in printed
    data = map_payload(out.read_text(encoding="utf-8"))
    assert data["size_by"] == "metrics.pagerank"
    assert pseudonym("e:vic", Case.read(case_dir).pseudonym_key) in data["nodes"]["label"]


def test_render_views_and_show_victims(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ego.html"
    printed = run(
        "render", str(case_dir), "-o", str(out), "--ego", "e:ana", "--hops", "1",
        "--show-victims", "--color-by", "type",
    )  # fmt: skip
    assert "1 hops around e:ana: 4 entities" in printed
    data = map_payload(out.read_text(encoding="utf-8"))
    assert VICTIM_NAME in data["nodes"]["label"]
    run("render", str(case_dir), "-o", str(out), "--since", "2023-03-01", "--until", "2023-04-30")
    run("render", str(case_dir), "-o", str(out), "--path", "e:ana", "e:ben")
    run("render", str(case_dir), "-o", str(out), "--community", "1")


def test_render_without_metrics_says_so(tmp_path: Path) -> None:
    case_dir = make_case(with_metrics=False).write(tmp_path / "case")
    printed = run("render", str(case_dir))
    assert "no metrics" in printed
    assert (case_dir / "map.html").is_file()


def test_render_unknown_measure_is_an_error(case_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(case_dir), "--size-by", "nope"])
    assert result.exit_code == 1
    assert "unknown measure 'nope'" in result.output
    assert "Hint:" in result.output


def test_report_writes_the_report(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert "Report:" in run("report", str(case_dir), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "Key players and the disruption curve" in text
    assert VICTIM_NAME not in text


def test_render_time_window_draws_only_contacts_inside_it(tmp_path: Path) -> None:
    """A pair in touch in January and June is not drawn in a March window (issue 19)."""
    src = tmp_path / "calls.csv"
    src.write_text(
        "source,target,time\nAna,Bo,2024-01-10\nAna,Bo,2024-06-10\nCy,Di,2024-03-15\n",
        encoding="utf-8",
    )
    case_dir = tmp_path / "case"
    run("ingest", str(src), "--preset", "edgelist", "-o", str(case_dir), "-q")
    out = tmp_path / "march.html"
    printed = run(
        "render", str(case_dir), "-o", str(out), "--since", "2024-03-01", "--until", "2024-03-31"
    )
    labels = sorted(map_payload(out.read_text(encoding="utf-8"))["nodes"]["label"])
    assert labels == ["Cy", "Di"]
    assert "contacts from 2024-03-01 to 2024-03-31" in printed


def test_a_very_long_name_is_cut_on_the_map_and_in_the_report(tmp_path: Path) -> None:
    """A 10,000-character name (kept whole in the case and the exports) is shown
    as its first 199 characters and an ellipsis; a short name as it is."""
    long_name = "Longname" + "x" * 9_992
    people = tmp_path / "people.csv"
    people.write_text(
        f"full_name,phone\n{long_name},+40722100006\nAna Pop,+40722100006\n", encoding="utf-8"
    )
    case_dir = tmp_path / "case"
    run("ingest", str(people), "--preset", "people", "-o", str(case_dir), "-q")
    run("resolve", str(case_dir), "-q")
    run("analyze", str(case_dir), "-q")
    run("render", str(case_dir), "-o", str(tmp_path / "map.html"))
    run("report", str(case_dir), "-o", str(tmp_path / "report.html"))
    labels = map_payload((tmp_path / "map.html").read_text(encoding="utf-8"))["nodes"]["label"]
    assert long_name[:199] + "…" in labels
    assert "Ana Pop" in labels
    for page in ("map.html", "report.html"):
        text = (tmp_path / page).read_text(encoding="utf-8")
        assert long_name[:200] not in text, page
        assert long_name[:199] in text, page
    names = Case.read(case_dir).mentions["name"].dropna()
    assert long_name in set(names)
