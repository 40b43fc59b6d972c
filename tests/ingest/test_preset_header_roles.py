"""A preset that reads a person's name from a header naming a role ("Victim name",
"Opfer", "Потерпіла") gives the persons that role: a victim so named is protected."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli


def _ingest(tmp_path, header: str, extra: str = "") -> tuple[pd.DataFrame, str]:
    """The persons' mentions of a one-row people-preset ingest, and `mentions --csv`."""
    src = tmp_path / "tips.csv"
    src.write_text(f"{header},city{extra}\nGrace Hill,Lagos{',victim' if extra else ''}\n")
    case = tmp_path / "case"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(cli, ["mentions", str(case), "--csv"])
    assert shown.exit_code == 0, shown.output
    return pd.read_parquet(case / "mentions.parquet"), shown.output


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Victim name", "victim"),
        ("Opfer", "victim"),
        ("Name des Opfers", "victim"),
        ("Потерпіла", "victim"),
        ("Nombre de la víctima", "victim"),
        ("Suspect name", "suspect"),
        ("Zeuge", "witness"),
    ],
)
def test_role_from_the_name_header(tmp_path, header, role):
    mentions, shown = _ingest(tmp_path, header)
    persons = mentions[mentions["type"] == "person"]
    assert persons["role"].tolist() == [role]
    if role == "victim":
        assert "Grace" not in shown
        assert "Hill" not in shown
        table = pd.read_csv(io.StringIO(shown[shown.index("mention_id") :]))
        assert table["label"].str.startswith("Victim-").all()


def test_role_column_wins_over_the_header(tmp_path):
    """A column of roles says each person's role; the header's is not added to it."""
    mentions, _ = _ingest(tmp_path, "Suspect name", extra=",role")
    assert mentions[mentions["type"] == "person"]["role"].tolist() == ["victim"]


def test_plain_name_header_gives_no_role(tmp_path):
    mentions, shown = _ingest(tmp_path, "Full name")
    assert mentions[mentions["type"] == "person"]["role"].isna().all()
    assert "Grace Hill" in shown
