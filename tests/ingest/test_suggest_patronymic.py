"""A person list with a patronymic column ("Отчество", "По батькові", "Vatername")
through `mapping suggest`, `ingest` and `resolve` with no edit: the patronymic is part of
the given name, not an attribute, so resolution tells two namesakes apart by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _drafted(tmp: Path, name: str, text: str, case: Path) -> dict:
    """``text`` written as ``name``, drafted and ingested into ``case``: the draft."""
    data = tmp / name
    data.write_text(text, encoding="utf-8")
    draft_path, draft = suggest_draft(data, tmp)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft_path), "-o", str(case))
    assert code == 0, out
    return draft


@pytest.mark.parametrize(
    ("family", "given", "patronymic"),
    [
        ("Фамилия", "Имя", "Отчество"),
        ("Прізвище", "Імʼя", "По батькові"),
        ("Nachname", "Vorname", "Vatername"),
        ("Family name", "Given name", "Patronymic"),
    ],
)
def test_a_patronymic_is_part_of_the_given_name(tmp_path, family, given, patronymic):
    """The given name's column joined with the patronymic's; a row without one keeps its
    given name alone."""
    case = tmp_path / "c"
    text = (
        f"{family},{given},{patronymic},Телефон\n"
        "Иванов,Сергей,Петрович,+79161234567\nСидоренко,Олег,,+380671234567\n"
    )
    draft = _drafted(tmp_path, "spisok.csv", text, case)
    person = draft["entities"]["person"]["fields"]
    assert person["given_name"] == {"columns": [given, patronymic], "join": " "}
    assert person["family_name"] == family
    assert len(person) == 2  # no attribute of the patronymic, no whole name of it
    names = Case.read(case).mentions.query("type == 'person'")
    assert sorted(zip(names["given_name"], names["name"], strict=True)) == [
        ("Олег", "Олег Сидоренко"),
        ("Сергей Петрович", "Сергей Петрович Иванов"),
    ]


def test_resolution_tells_namesakes_apart_by_their_patronymics(tmp_path):
    """Three lists of one Sergei Ivanov of Moscow, each with his own phone: the two of
    Sergei Petrovich are one man, Sergei Ivanovich another."""
    case = tmp_path / "c"
    for n, patronymic in enumerate(("Петрович", "Иванович", "Петрович")):
        folder = tmp_path / str(n)
        folder.mkdir()
        _drafted(
            folder,
            f"list{n}.csv",
            f"Фамилия,Имя,Отчество,Город,Телефон\nИванов,Сергей,{patronymic},Москва,"
            f"+7916123456{n}\n",
            case,
        )
    code, out = run_cli("resolve", str(case))
    assert code == 0, out
    resolved = Case.read(case)
    persons = resolved.mentions.query("type == 'person'")
    entity = persons["mention_id"].map(resolved.entity_of())
    groups = persons.groupby(entity)["source"].apply(lambda s: sorted(s)).tolist()
    assert sorted(groups) == [["list0.csv", "list2.csv"], ["list1.csv"]]
