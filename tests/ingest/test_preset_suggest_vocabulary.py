"""The people preset reads every person header `mapping suggest` maps ("F. Nac.", "护照号",
"Subscriber phone"), and an English "Name" beside "Surname" is the given name (in the
preset and in suggest's drafts), so that a person's name is not one part of it."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import ingest_file, load_mapping
from linkgraph.ingest.suggest import suggest_mapping
from tests.ingest.helpers import linked

# header, two cells, the field, and the values read from them (by hand: day-first dates,
# E.164 phones, documents as written)
_DOB = ("dob", ["1990-03-12", "1985-11-01"])
_PHONE = ("phone", ["+34612345678", "+380671234567"])
_DOC = ("document", ["FE119153", "X1234567L"])
HEADERS = [
    ("F. Nac.", "12/03/1990", "01/11/1985", *_DOB),
    ("Fec. Nac.", "12/03/1990", "01/11/1985", *_DOB),
    ("Geb.-Dat.", "12.03.1990", "01.11.1985", *_DOB),
    ("Data nasc.", "12/03/1990", "01/11/1985", *_DOB),
    ("Date naiss.", "12/03/1990", "01/11/1985", *_DOB),
    ("Tanggal lahir", "12/03/1990", "01/11/1985", *_DOB),
    ("Birthdate of subject", "12/03/1990", "01/11/1985", *_DOB),
    ("Subscriber phone", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("Contact phone", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("Tel. móvil", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("Numar telefon", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("电话号码", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("電話番号", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("护照号", "FE119153", "X1234567L", *_DOC),
    ("身份证号", "FE119153", "X1234567L", *_DOC),
    ("Nº pasaporte", "FE119153", "X1234567L", *_DOC),
    ("Número de pasaporte", "FE119153", "X1234567L", *_DOC),
    ("Reisepassnummer", "FE119153", "X1234567L", *_DOC),
    ("Hộ chiếu", "FE119153", "X1234567L", *_DOC),
    # Korean and Japanese headers, whose words run together
    ("생년월일", "1990-03-12", "1985-11-01", *_DOB),
    ("生年月日", "1990/03/12", "1985/11/01", *_DOB),
    ("전화번호", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("携帯番号", "+34 612 345 678", "+380 67 123 4567", *_PHONE),
    ("여권번호", "FE119153", "X1234567L", *_DOC),
    ("旅券番号", "FE119153", "X1234567L", *_DOC),
    ("Numer paszportu", "FE119153", "X1234567L", *_DOC),
    ("Domicilio actual", "Calle Mayor 1", "Main Street 2", "address",
     ["Calle Mayor 1", "Main Street 2"]),
    ("地址", "Calle Mayor 1", "Main Street 2", "address", ["Calle Mayor 1", "Main Street 2"]),
    ("주소", "Calle Mayor 1", "Main Street 2", "address", ["Calle Mayor 1", "Main Street 2"]),
    ("住所", "Calle Mayor 1", "Main Street 2", "address", ["Calle Mayor 1", "Main Street 2"]),
]  # fmt: skip


def _read(case, field: str) -> list[str]:
    """The values of ``field`` the people's rows give: a person's own, or those of the
    phones, documents and addresses linked to them."""
    if field == "dob":
        persons = case.mentions[case.mentions.type == "person"]
        return sorted(persons["dob"].dropna())
    return sorted(v for _, v in linked(case, dst="address" if field == "address" else "identifier"))


@pytest.mark.parametrize(("header", "cell_1", "cell_2", "field", "expected"), HEADERS)
def test_preset_reads_the_person_headers_suggest_maps(tmp_path, header, cell_1, cell_2, field,
                                                      expected):  # fmt: skip
    path = tmp_path / "list.csv"
    path.write_text(f'Full name,"{header}"\nAna Pop,{cell_1}\nIon Rusu,{cell_2}\n', "utf-8")
    # suggest drafts the header as the field ...
    draft = yaml.safe_load(suggest_mapping(path))
    drafted = {f for slot in draft["entities"].values() for f, c in slot["fields"].items()
               if c == header}  # fmt: skip
    assert drafted == {field}
    # ... and the people preset reads it as that field too
    assert _read(ingest_file(path, preset="people"), field) == sorted(expected)


def test_file_with_only_loosely_named_columns_is_read(tmp_path):
    """A file whose every column the preset finds by its header's words alone (a
    telecom's subscriber list) is read, not refused as "none of the mapped columns"."""
    path = tmp_path / "telecom.csv"
    path.write_text(
        "Subscriber phone,护照号\n+380 67 667 1347,FE542986\n+380 67 070 8478,\n", "utf-8"
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "column 'Subscriber phone' read as phone" in result.output
    case = ingest_file(path, preset="people")
    assert sorted(case.mentions[["type", "identifier"]].itertuples(index=False)) == [
        ("document", "FE542986"), ("phone", "+380670708478"), ("phone", "+380676671347"),
    ]  # fmt: skip
    assert len(case.rejects) == 0


@pytest.mark.parametrize(
    ("header", "rows", "given", "family", "label"),
    [
        # English: "Name" beside a family name is the given name
        ("Name,Surname", "Anna,Smith\nJohn,Brown", ["Anna", "John"], ["Smith", "Brown"],
         ["Anna Smith", "John Brown"]),
        ("Name,Last name", "Anna,Smith", ["Anna"], ["Smith"], ["Anna Smith"]),
        ("Name,Family name", "Anna,Smith", ["Anna"], ["Smith"], ["Anna Smith"]),
        # German "Name, Vorname": "Name" beside a given name is the family name
        ("Name,Vorname", "Schmidt,Anna", ["Anna"], ["Schmidt"], ["Anna Schmidt"]),
    ],
)  # fmt: skip
def test_name_beside_one_part_of_a_name_is_the_other_part(tmp_path, header, rows, given,
                                                          family, label):  # fmt: skip
    path = tmp_path / "list.csv"
    path.write_text(f"{header}\n{rows}\n", "utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(suggest_mapping(path), "utf-8")
    for case in (
        ingest_file(path, preset="people"),
        ingest_file(path, mapping=load_mapping(draft)),
    ):
        persons = case.mentions[case.mentions.type == "person"]
        assert persons["given_name"].tolist() == given
        assert persons["family_name"].tolist() == family
        assert persons["label"].tolist() == label


def test_name_of_whole_names_beside_a_surname_stays_the_whole_name(tmp_path):
    """A "Name" column whose cells hold the surname beside it is the whole name."""
    path = tmp_path / "list.csv"
    path.write_text("Name,Surname\nAnna Smith,Smith\nJohn Brown,Brown\n", "utf-8")
    persons = ingest_file(path, preset="people").mentions.query("type == 'person'")
    assert persons["label"].tolist() == ["Anna Smith", "John Brown"]
    assert persons["given_name"].isna().all()


def test_loosely_named_document_column_of_yes_and_no_is_no_document(tmp_path):
    """A column of yes/no under a document word ("Documents seen") gives no document
    "yes" that every person holding it would share."""
    path = tmp_path / "list.csv"
    path.write_text("Full name,Documents seen\nAna Pop,yes\nIon Rusu,yes\n", "utf-8")
    case = ingest_file(path, preset="people")
    assert set(case.mentions["type"]) == {"person"}
