"""Persons' names under headers the drafts did not read (tester 40): a column headed
"person" ("Persona", "Особа", ...) of names is the person's name (D2: the victims were
only an event's attribute, unprotected); transliterated Ukrainian and Russian headers
("Prizvyshche", "Familiya", "Imya", "Otchestvo") are the family name, given name and
patronymic as their Cyrillic forms are (D6: the given name was made the whole name);
and a yes/no victim flag without a suspect slot says nothing of a victim_of link
(D10b). Each through the user's path: suggest, ingest the draft unedited, the case's
mentions against hand-read rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _ingest(path: Path, tmp: Path) -> tuple[Case, dict, str]:
    draft, mapping = suggest_draft(path, tmp)
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, out
    return Case.read(tmp / "c"), mapping, draft.read_text(encoding="utf-8")


def _uses(case: Case) -> list[tuple[str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    lk = case.links[case.links["kind"].eq("uses_phone")]
    return sorted((label[s], label[d]) for s, d in zip(lk["src"], lk["dst"], strict=True))


# -- D2: a name column headed "person" -------------------------------------------------------

HOTLINE = (
    "ref,{header},role,phone,notes\n"
    'T-01,"NGUYEN, Thi Lan",victim,+84 912 345 678,"Called from a shelter"\n'
    "T-02,محمد الأحمد,suspect,+971 50 123 4567,Recruiter\n"
    "T-03,Lê Văn Đức,witness,+84 98 765 4321,\n"
)


@pytest.mark.parametrize(
    "header", ["person", "Person", "Persona", "Personne", "Persoană", "Особа", "Лицо", "Pessoa"]
)
def test_a_person_column_of_names_makes_the_persons_with_their_roles(tmp_path, header):
    path = tmp_path / "hotline.csv"
    path.write_text(HOTLINE.format(header=header), encoding="utf-8")
    case, mapping, _ = _ingest(path, tmp_path)
    persons = case.mentions[case.mentions["type"].eq("person")]
    assert sorted(zip(persons["row"], persons["label"], persons["role"], strict=True)) == [
        (1, "NGUYEN, Thi Lan", "victim"),
        (2, "محمد الأحمد", "suspect"),
        (3, "Lê Văn Đức", "witness"),
    ]
    assert _uses(case) == [
        ("Lê Văn Đức", "+84987654321"),
        ("NGUYEN, Thi Lan", "+84912345678"),
        ("محمد الأحمد", "+971501234567"),
    ]
    person = next(e for e in mapping["entities"].values() if e["type"] == "person")
    assert person["fields"]["name"] == header


def test_a_person_column_of_codes_is_no_name(tmp_path):
    """ "person" over codes ("P-001"): no person is named by a code."""
    path = tmp_path / "list.csv"
    path.write_text(
        "person,phone\nP-001,+380671234567\nP-002,+380501112233\nP-003,+380931234567\n",
        encoding="utf-8",
    )
    _, mapping = suggest_draft(path, tmp_path)
    names = [e["fields"].get("name") for e in mapping["entities"].values()]
    assert "person" not in names


# -- D6: transliterated Cyrillic headers ------------------------------------------------------

ROWS = [
    ("Shevchenko", "Iryna", "Petrivna", "02.02.1981"),
    ("Bondar", "Olena", "Ivanivna", "03.03.1982"),
]


@pytest.mark.parametrize(
    ("family", "given", "patronymic"),
    [
        ("Prizvyshche", "Imia", None),  # Ukrainian, the national transliteration (KMU 2010)
        ("Prizvishche", "Im'ia", None),
        ("Prizvyshche", "Imia", "Po batkovi"),
        ("Familiya", "Imya", "Otchestvo"),  # Russian
        ("Familija", "Imja", "Otchestvo"),
    ],
)
def test_transliterated_headers_are_family_and_given_name(tmp_path, family, given, patronymic):
    heads = ["Nr.", family, given] + ([patronymic] if patronymic else []) + ["Data narodzhennia"]
    lines = [";".join(heads)]
    for n, (f, g, p, dob) in enumerate(ROWS, 1):
        lines.append(";".join([str(n), f, g] + ([p] if patronymic else []) + [dob]))
    path = tmp_path / "zvit.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case, mapping, _ = _ingest(path, tmp_path)
    fields = mapping["entities"]["person"]["fields"]
    assert fields["family_name"] == family
    assert "name" not in fields
    persons = case.mentions[case.mentions["type"].eq("person")].sort_values("row")
    if patronymic:
        assert fields["given_name"] == {"columns": [given, patronymic], "join": " "}
        labels = ["Iryna Petrivna Shevchenko", "Olena Ivanivna Bondar"]
        givens = ["Iryna Petrivna", "Olena Ivanivna"]
    else:
        assert fields["given_name"] == given
        labels, givens = ["Iryna Shevchenko", "Olena Bondar"], ["Iryna", "Olena"]
    assert list(persons["label"]) == labels
    assert list(persons["given_name"]) == givens
    assert list(persons["family_name"]) == ["Shevchenko", "Bondar"]
    assert list(persons["dob"].astype(str)) == ["1981-02-02", "1982-03-03"]


# -- D10b: no victim_of said without a suspect slot ------------------------------------------


def test_a_victim_flag_without_a_suspect_says_no_victim_of_link(tmp_path):
    path = tmp_path / "flagged.csv"
    path.write_text(
        "Full Name,Phone,Identified as Victim\n"
        '"KOVAL, Oksana",+380 67 765 4321,Yes\n'
        '"BONDAR, Petro",+380 50 111 2233,No\n',
        encoding="utf-8",
    )
    case, mapping, text = _ingest(path, tmp_path)
    assert "victim_of" not in text
    assert "# Identified as Victim: a yes/no column, the role victim of person" in text
    assert "links" not in mapping or all(lk["kind"] != "victim_of" for lk in mapping["links"])
    assert not case.links["kind"].eq("victim_of").any()
    persons = case.mentions[case.mentions["type"].eq("person")].sort_values("row")
    assert list(persons["role"].fillna("")) == ["victim", ""]


def test_a_victim_flag_beside_a_suspect_still_says_and_makes_victim_of(tmp_path):
    path = tmp_path / "flagged.csv"
    path.write_text(
        "Victim Name,Victim Phone,Identified as Victim,Suspect Name\n"
        "Oksana Koval,+380 67 765 4321,Yes,Petro Bondar\n"
        "Maria Rusu,+373 69 123 456,No,Ion Ceban\n",
        encoding="utf-8",
    )
    case, _, text = _ingest(path, tmp_path)
    assert "victim_of" in text
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    lk = case.links[case.links["kind"].eq("victim_of")]
    pairs = sorted((label[s], label[d]) for s, d in zip(lk["src"], lk["dst"], strict=True))
    assert pairs == [("Oksana Koval", "Petro Bondar")]
