"""A report table that repeats its Name/Phone/Role headers for a second person of each
row, through `mapping suggest` and `ingest` with no edit: where the first person's role
column says victim and the second's suspect (or another trafficking role), the victim is
`victim_of` the suspect, as under "Victim"/"Suspect" group headers."""

from __future__ import annotations

from pathlib import Path

from linkgraph.model import Case
from tests.ingest.helpers import linked
from tests.suggest_draft import run_cli, suggest_draft


def _suggest_ingest(tmp: Path, text: str) -> tuple[Case, dict]:
    data = tmp / "reports.csv"
    data.write_text(text, encoding="utf-8")
    draft_path, draft = suggest_draft(data, tmp)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft_path), "-o", str(tmp / "c"))
    assert code == 0, out
    return Case.read(tmp / "c"), draft


def test_the_victim_of_a_row_is_victim_of_its_suspect(tmp_path):
    case, draft = _suggest_ingest(
        tmp_path,
        "Report ID,Name,Phone,Role,Name,Phone,Role,Date\n"
        "R1,Olena Kovalenko,+380671112233,victim,Petro Bondar,+380501234567,suspect,2024-02-01\n"
        "R2,Maria Ionescu,+40722111222,victim,Petro Bondar,+380501234567,trafficker,2024-02-03\n"
        "R3,Anna Shevchenko,+380931112244,victim,Ion Ceban,+37369111222,suspect,2024-02-05\n",
    )
    assert {"kind": "victim_of", "src": "person", "dst": "person_2"} in draft["links"]
    assert linked(case, src="name", dst="name", kinds=["victim_of"]) == [
        ("Anna Shevchenko", "Ion Ceban"),
        ("Maria Ionescu", "Petro Bondar"),
        ("Olena Kovalenko", "Petro Bondar"),
    ]


def test_no_victim_of_link_between_persons_of_other_roles(tmp_path):
    """Two witnesses, or a victim beside a relative: no one is anyone's victim."""
    case, draft = _suggest_ingest(
        tmp_path,
        "Report ID,Name,Phone,Role,Name,Phone,Role\n"
        "R1,Olena Kovalenko,+380671112233,victim,Iryna Kovalenko,+380501234567,relative\n"
        "R2,Maria Ionescu,+40722111222,witness,Dan Ionescu,+40722111333,witness\n",
    )
    assert not [lk for lk in draft["links"] if lk["kind"] == "victim_of"]
    assert "victim_of" not in set(case.links["kind"])
