"""A household's one phone across generations, and a short name that fits two people on
it (round 9 F5, F6): a mother and the daughter named after her are two people, and a
bare given name on a line of two namesakes is listed for the analyst to decide."""

from __future__ import annotations

import io
import re

import pandas as pd
from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

HOUSEHOLD = "+40 21 555 0199"
OFFICE = "+40 21 555 0100"


def _case(tmp_path, **files: str):
    return resolved_people_case(tmp_path, **files)


def _entities(case) -> pd.Series:
    """Entity id per (source, row) of the person mentions."""
    return person_mentions(case)["entity_id"]


def _review(case, *args: str) -> pd.DataFrame:
    out = CliRunner().invoke(cli, ["review", str(case), "--csv", "--show-victims", *args])
    assert out.exit_code == 0, out.output
    return pd.read_csv(io.StringIO(out.stdout), dtype={"right_row": str, "left_row": str})


def test_mother_and_daughter_of_one_name_on_the_household_phone_stay_apart(tmp_path):
    """F5: 'Elena Dobre' born 1961 and 'Elena Dobre' born 1988 on one household phone
    are a mother and her daughter (27 years apart), the family name rare or common;
    a shared phone is no exception, a shared passport is."""
    case = _case(
        tmp_path,
        callcentre=(
            "name,phone,role,dob,passport\n"
            f"Elena Dobre,{HOUSEHOLD},suspect,1988-08-08,\n"
            f"Elena Dobre,{HOUSEHOLD},witness,1961-06-06,\n"
            "Mihai Stan,+40 744 123 456,suspect,1979-02-02,RO1234567\n"
            "Mihai Stan,+40 744 123 456,witness,1959-12-12,RO1234567\n"
        ),
    )
    entity = _entities(case)
    assert entity[("callcentre.csv", 1)] != entity[("callcentre.csv", 2)]
    # one passport: one person whose date of birth was keyed wrong, the weights decide
    assert entity[("callcentre.csv", 3)] == entity[("callcentre.csv", 4)]
    out = CliRunner().invoke(
        cli, ["explain", str(case), "callcentre.csv:1", "callcentre.csv:2", "--show-victims"]
    )
    assert out.exit_code == 0, out.output
    assert "SAME entity" not in out.output
    assert re.search(
        r"rule: (capped: .*|generation conflict: )dates of birth (decades|a generation) apart",
        out.output,
    )


def test_bare_name_on_a_line_of_two_people_is_listed_for_review(tmp_path):
    """F6: 'Ion' on the office phone of 'Ion Popescu' and 'Ion Vasilescu' joins
    neither, and review lists both of its pairs first, saying why; so it does 'Elena' on
    the household phone of a mother and daughter both named 'Elena Dobre'."""
    case = _case(
        tmp_path,
        staff=(
            "name,phone,role,dob\n"
            f"Ion Popescu,{OFFICE},suspect,1985-02-03\n"
            f"Ion Vasilescu,{OFFICE},witness,1990-07-08\n"
            f"Andrei Popa,{OFFICE},witness,1975-01-01\n"
            f"Elena Dobre,{HOUSEHOLD},suspect,1988-08-08\n"
            f"Elena Dobre,{HOUSEHOLD},witness,1961-06-06\n"
        ),
        book=f"name,phone\nIon,{OFFICE}\nElena,{HOUSEHOLD}\n",
    )
    entity = _entities(case)
    ion, elena = entity[("book.csv", 1)], entity[("book.csv", 2)]
    assert ion not in {entity[("staff.csv", 1)], entity[("staff.csv", 2)]}
    assert elena not in {entity[("staff.csv", 4)], entity[("staff.csv", 5)]}
    table = _review(case)
    reason = "name fits two people on one phone"
    first = table.head(4)
    assert (first["reason"] == reason).all()
    pairs = {
        frozenset((f"{r.left_label} {r.left_row}", f"{r.right_label} {r.right_row}"))
        for r in first.itertuples()
    }
    assert pairs == {
        frozenset(("Ion 1", "Ion Popescu 1")),
        frozenset(("Ion 1", "Ion Vasilescu 2")),
        frozenset(("Elena 2", "Elena Dobre 4")),
        frozenset(("Elena 2", "Elena Dobre 5")),
    }
    # Andrei Popa shares the phone but not the name: an ordinary pair, not ambiguous.
    assert (table.iloc[4:]["reason"] == "closest to the threshold").all()
    # Asked for fewer pairs, the ambiguous ones still come first.
    assert (_review(case, "-n", "2")["reason"] == reason).all()


def test_report_lists_the_ambiguous_name_among_its_borderline_pairs(tmp_path):
    """The report's borderline table reads the same evidence: the two pairs of 'Ion'
    are there, with why they are listed."""
    case = _case(
        tmp_path,
        staff=(
            f"name,phone,role,dob\nIon Popescu,{OFFICE},suspect,1985-02-03\n"
            f"Ion Vasilescu,{OFFICE},witness,1990-07-08\n"
        ),
        book=f"name,phone\nIon,{OFFICE}\n",
    )
    runner = CliRunner()
    done = runner.invoke(cli, ["analyze", str(case), "-q"])
    assert done.exit_code == 0, done.output
    html_path = tmp_path / "report.html"
    done = runner.invoke(cli, ["report", str(case), "-o", str(html_path), "--no-map", "-q"])
    assert done.exit_code == 0, done.output
    html = html_path.read_text(encoding="utf-8")
    section = html[html.index("Borderline pairs") :]
    section = section[: section.index("</table>")]
    assert section.count("name fits two people on one phone") == 2
    assert "Ion Popescu" in section
    assert "Ion Vasilescu" in section
