"""Edge lists whose headers are in another language, read by the edgelist preset."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_ROWS = "Ivan|Olena|3|12.03.2024\nAndrei|Olena|1.5|13.03.2024\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("kanten.csv", "Quelle;Ziel;Gewicht;Datum\n" + _ROWS.replace(".5", ",5").replace("|", ";")),
        ("ребра.csv", "Джерело,Ціль,Вага,Дата\n" + _ROWS.replace("|", ",")),
        ("krawedzie.csv", "Źródło;Cel;Waga;Czas\n" + _ROWS.replace(".5", ",5").replace("|", ";")),
    ],
)  # fmt: skip
def test_edge_list_headers_in_other_languages(tmp_path: Path, name: str, text: str) -> None:
    """Source, target, weight and date headers in German, Ukrainian and Polish are read
    as the English ones: a decimal-comma weight is 1.5, and "12.03.2024" beside
    "13.03.2024" is 12 March (before: the header row became an edge, or an error)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    label = case.mentions.set_index("mention_id")["label"]
    links = {
        (label[r.src], label[r.dst]): (r.weight, r.time.date().isoformat())
        for r in case.links.itertuples()
    }
    assert links == {
        ("Ivan", "Olena"): (3.0, "2024-03-12"),
        ("Andrei", "Olena"): (1.5, "2024-03-13"),
    }
    assert case.rejects.empty


def test_unknown_edge_list_headers_say_how_to_map_them(tmp_path: Path) -> None:
    """Headers the preset does not know: the error names the columns and the mapping
    keys to write, since a preset cannot be edited."""
    path = tmp_path / "edges.csv"
    path.write_text("Foo,Bar,Menge\na,b,3\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code != 0
    assert "edges.csv" in result.output
    assert "Foo, Bar, Menge" in result.output
    assert "network: {source: COLUMN, target: COLUMN}" in result.output
    assert "Traceback" not in result.output
