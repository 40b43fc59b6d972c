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
