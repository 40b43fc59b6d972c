"""Files as R's ``write.csv`` writes them, and dates of birth over three columns, read with
the ``people`` preset (RLdata500 / RLdata10000, R's RecordLinkage benchmarks, come so:
``"","fname_c1","fname_c2","lname_c1","lname_c2","by","bm","bd"`` and NA for missing)."""

from __future__ import annotations

import pytest

from linkgraph.ingest import Source, ingest, readers

R_CSV = (
    '"","fname_c1","fname_c2","lname_c1","lname_c2","by","bm","bd","country"\n'
    '"1","CARSTEN",NA,"MEIER",NA,1949,7,22,"DE"\n'
    '"2","ANDREAS","BENJAMIN","BERGMANN",NA,1989,9,13,NA\n'
    '"3","JI-HO",NA,"NA",NA,1990,1,5,"NA"\n'  # a Korean family name, Namibia: quoted text
    '"4","ANA","MARIA","GARCIA","LOPEZ",1975,12,1,"ES"\n'
)


@pytest.mark.parametrize("reader", ["csv module", "arrow"])
def test_unquoted_na_is_empty_and_quoted_na_is_text(tmp_path, monkeypatch, reader):
    if reader == "arrow":
        monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 10)  # the chunked Arrow reader
    path = tmp_path / "rl.csv"
    path.write_text(R_CSV, encoding="utf-8")
    case = ingest([Source(path, preset="people")])
    m = case.mentions.set_index("row").sort_index()
    assert m.loc[1, "family_name"] == "MEIER"  # not "MEIER NA"
    assert m.loc[1, "given_name"] == "CARSTEN"
    assert "NA" not in str(m.loc[1, "attrs"])  # no middle name "NA"
    assert "BENJAMIN" in m.loc[2, "attrs"]  # fname_c2 kept as the middle name
    assert m.loc[3, "family_name"] == "NA"  # quoted: a name
    assert m.loc[4, "family_name"] == "GARCIA LOPEZ"  # the two components joined
    assert list(m["dob"]) == ["1949-07-22", "1989-09-13", "1990-01-05", "1975-12-01"]
    assert case.rejects.empty


def test_na_of_a_file_not_written_by_r_is_kept(tmp_path):
    # An unquoted header: not R's write.csv, and "NA" is what the cell says.
    path = tmp_path / "people.csv"
    path.write_text("given_name,family_name\nJI-HO,NA\n", encoding="utf-8")
    m = ingest([Source(path, preset="people")]).mentions
    assert m["family_name"].tolist() == ["NA"]


def test_date_of_birth_over_year_month_and_day_columns(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "Vorname,Nachname,Geburtsjahr,Geburtsmonat,dob_day\nJan,Nowak,1980,2,29\nEva,Berg,1975,,\n",
        encoding="utf-8",
    )
    m = ingest([Source(path, preset="people")]).mentions.sort_values("row")
    assert m["dob"].tolist() == ["1980-02-29", "1975"]  # the year alone where no more


def test_spanish_first_and_second_surnames_are_one_family_name(tmp_path):
    path = tmp_path / "padron.csv"
    path.write_text(
        "Nombre,Primer apellido,Segundo apellido,Fecha de nacimiento\n"
        "María,García,López,01/02/1980\n",
        encoding="utf-8",
    )
    m = ingest([Source(path, preset="people")]).mentions
    assert m["family_name"].tolist() == ["García López"]
    assert m["given_name"].tolist() == ["María"]


def test_suggest_drafts_the_register_as_persons(tmp_path):
    # It drafted an edge list between fname_c1 and fname_c2 (two alike columns of first
    # names), and, once that was refused, a "case" event dated by the year of birth.
    from linkgraph.ingest import load_mapping
    from tests.suggest_draft import suggest_draft

    path = tmp_path / "rl.csv"
    path.write_text(R_CSV, encoding="utf-8")
    draft, data = suggest_draft(path, tmp_path)
    assert data["format"] == "csv"
    assert list(data["entities"]) == ["person"]
    fields = data["entities"]["person"]["fields"]
    assert fields["given_name"] == "fname_c1"
    assert fields["family_name"] == {"columns": ["lname_c1", "lname_c2"], "join": " "}
    assert fields["dob"] == {"columns": ["by", "bm", "bd"], "join": "-"}
    m = ingest([Source(path, mapping=load_mapping(draft))]).mentions.sort_values("row")
    assert m["family_name"].tolist() == ["MEIER", "BERGMANN", "NA", "GARCIA LOPEZ"]
    assert m["dob"].tolist() == ["1949-07-22", "1989-09-13", "1990-01-05", "1975-12-01"]
