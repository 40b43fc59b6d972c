"""A party's country column ("Empfänger Land", "Sender country") is that party's country
in the draft, not an attribute (tester round 15, F13)."""

from __future__ import annotations

from pathlib import Path

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

REMITTANCES = """\
MTCN;Datum;Absender;Absender Tel;Empfänger;Empfänger Land;Betrag;Währung
1234567890;2024-03-05T14:00:00Z;Jürgen Müller;+49 176 12345678;Olena Kravets;UA;1 250,00;EUR
1234567891;2024-03-09T09:30:00Z;Jürgen Müller;+49 176 12345678;Ioana Popa;RO;300,50;EUR
"""


def test_the_receivers_country_column_is_her_country(tmp_path: Path) -> None:
    path = tmp_path / "remittances.csv"
    path.write_text(REMITTANCES, encoding="utf-8")
    draft, data = suggest_draft(path, tmp_path)
    assert data["entities"]["receiver"]["fields"]["country"] == "Empfänger Land"
    case = tmp_path / "case"
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(case))
    assert code == 0, out
    m = Case.read(case).mentions
    receivers = m[m["slot"].eq("receiver")].set_index("label")["country"]
    assert receivers.to_dict() == {"Olena Kravets": "UA", "Ioana Popa": "RO"}
