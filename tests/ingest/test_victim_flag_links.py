"""A row whose yes/no victim flag says no ("Identified as Victim: No", "Víctima: No")
makes no victim_of link and marks nobody as victim (tester 36, D6), through `mapping
suggest` -> `ingest`."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_HOTLINE = """Case ID,Potential Victim,Trafficker,Identified as Victim
PH-1,Maria Lopez,Kevin Brandt,Yes
PH-2,Jose Ramirez,Kevin Brandt,No
PH-3,Ana Torres,Tina Ruiz,Yes
PH-4,Luis Gomez,Ray Holt,
"""
_ES = """Expediente,Nombre de la víctima,Víctima,Sospechoso
E-1,Lucía Pérez,Sí,Carlos Ruiz
E-2,Marta Gil,No,Carlos Ruiz
E-3,Rosa León,Sí,Pablo Díaz
"""


@pytest.mark.parametrize(
    ("text", "flag", "linked_rows"),
    [
        (_HOTLINE, "Identified as Victim", {1, 3, 4}),  # PH-4's empty flag says no "no"
        (_ES, "Víctima", {1, 3}),
    ],
)
def test_a_row_flagged_no_makes_no_victim_of_link(
    tmp_path: Path,
    text: str,
    flag: str,
    linked_rows: set[int],
) -> None:
    data = tmp_path / "cases.csv"
    data.write_text(text, encoding="utf-8")
    draft, mapping = suggest_draft(data, tmp_path)
    assert mapping["entities"]["victim"]["fields"]["role"] == {"column": flag, "flag": "victim"}
    case_dir = tmp_path / "case"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    assert code == 0, out
    case = Case.read(case_dir)
    m = case.mentions.set_index("mention_id")
    victim_of = case.links[case.links["kind"] == "victim_of"]
    # each link joins the victim and the suspect of one row; row 2 says no
    rows = [(int(m.at[s, "row"]), int(m.at[d, "row"])) for s, d in zip(
        victim_of["src"], victim_of["dst"], strict=True)]  # fmt: skip
    assert sorted(rows) == sorted((r, r) for r in linked_rows)
    victims = m[m["slot"] == "victim"]
    assert set(victims.loc[victims["role"] == "victim", "row"].astype(int)) == {1, 3}
    assert f"1 victim_of link victim -> suspect not made: {flag} says no" in out
