"""A small list where no candidate pair agrees on the date of birth (tester 35).

Forty people, twenty names each borne by two of them, born ten or twenty years apart on
the same day of another month. No candidate pair shares a date of birth, so EM has no
example of what a match looks like on that field: it took the twenty namesake pairs for
the matches and made "different date of birth" weigh nothing, merging all twenty pairs
(a suspect with a witness, two victims). The date's m now stays its default there, and
the pairs stay apart; the same list with one person written twice still merges her.
Through the CLI, against the list's truth (the person id, not mapped).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli

_GIVEN = ["Ana", "Mihai", "Elena", "Ion", "Maria", "Vasile", "Ioana", "Dorin", "Olga", "Petru",
          "Irina", "Sorin", "Daria", "Radu", "Nadia", "Tudor", "Lidia", "Cezar", "Viorica",
          "Andrei"]  # fmt: skip
_FAMILY = ["Popescu", "Ciobanu", "Stan", "Dinu", "Rusu", "Lungu", "Ursu", "Ionescu",
           "Munteanu", "Moraru"]  # fmt: skip


def _people() -> list[tuple[str, str, str, str, str]]:
    """(person id, given, family, dob, phone): person i and i + 20 share a name, born
    on the same day of another month, 10 or 20 years apart."""
    rows = []
    for i in range(40):
        year = 1970 + (i % 30)
        month = 1 + ((i % 9) + i // 20 * 2) % 12
        day = 10 + i % 10
        rows.append((f"P{i:03d}", _GIVEN[i % 20], _FAMILY[i % 10], f"{year}-{month:02d}-{day:02d}",
                     f"+40 72000{i:04d}"))  # fmt: skip
    return rows


def _resolve(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> dict[int, str]:
    """Row -> entity of the list's persons, ingested with the people preset and resolved."""
    src = tmp_path / "people.csv"
    lines = ["person_id,first_name,last_name,date_of_birth,phone"]
    lines += [",".join(r) for r in rows]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = tmp_path / "case"
    for args in (["ingest", str(src), "--preset", "people", "-q", "-o", str(case)],
                 ["resolve", str(case), "-q"]):  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    return {row: e for (_, row), e in entity_by_row(case).items()}


def test_namesakes_born_years_apart_stay_apart(tmp_path):
    rows = _people()
    namesakes = {(r[1], r[2]) for r in rows}
    assert len(namesakes) == 20  # every name borne twice
    entity = _resolve(tmp_path, rows)
    assert len(entity) == 40
    assert len(set(entity.values())) == 40  # nobody merged


def test_one_person_written_twice_still_merges(tmp_path):
    rows = _people()
    again = rows[3]  # Ion Dinu, 1973, written again by another officer
    entity = _resolve(tmp_path, [*rows, (again[0], again[1], again[2], again[3], again[4])])
    assert entity[4] == entity[41]  # rows count from 1
    others = {e for row, e in entity.items() if row not in (4, 41)}
    assert len(others) == 39
