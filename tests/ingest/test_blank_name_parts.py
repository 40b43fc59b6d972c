"""A person list with a `name` column left blank on rows that give the given and family
names in their own columns: those rows are named by their parts, not left unlabelled
(`entities` listed them by mention id), and a filled `name` is kept as written."""

from __future__ import annotations

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

PEOPLE = """id,name,given_name,family_name,dob,phone
1,,Olena,Kravets,1990-01-02,+380671112233
2,Ion Rusu,,,1985-03-04,+37369123456
3,,Maria,POPESCU,1991-05-06,
4,Ana Pop,Ana,Popa,1992-07-08,
5,,,,1993-09-10,+40721000111
"""


def test_blank_names_are_filled_from_their_parts(tmp_path):
    (tmp_path / "p.csv").write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    done = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "p.csv"), "--preset", "people", "-o", str(case), "-q"]
    )
    assert done.exit_code == 0, done.output
    m = Case.read(case).mentions
    persons = m[m["type"] == "person"].set_index("row")
    assert persons.loc[1, "label"] == "Olena Kravets"
    assert persons.loc[2, "label"] == "Ion Rusu"
    assert persons.loc[3, "label"] == "Maria POPESCU"
    assert persons.loc[4, "label"] == "Ana Pop"  # a name as written wins over its parts
    assert persons.loc[1, "name_latin"] == "olena kravets"
    assert persons.loc[5, "label"] == "unnamed person"  # no name nor parts: said so
    assert persons["name"].isna().tolist() == [False, False, False, False, True]
