"""A phone book dump with numbers in its Name column: no person is named "+380 67 123
4567"; a number whose row has no phone is read as the row's phone, else it is a
``name_is_phone`` reject, and the summary counts both."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

CSV = (
    "Name,Mobile,Email\n"
    "Petro Bondar,+380501112233,petro@example.com\n"
    "+380 67 123 4567,+380671234567,\n"
    "Ion Ceban,+37378123456,\n"
    "0931234567,,\n"
    "Agent 007,,\n"
)
MAPPING = (
    "format: csv\nregion: UA\nentities:\n"
    "  person: {type: person, fields: {name: Name}}\n"
    "  phone: {type: phone, fields: {phone: Mobile}}\n"
    "  email: {type: email, fields: {email: Email}}\n"
    "links:\n  - {kind: uses_phone, src: person, dst: phone}\n"
    "  - {kind: uses_email, src: person, dst: email}\n"
)


def _ingest(tmp_path: Path, csv: str, mapping: str) -> tuple[Case, str]:
    data = tmp_path / "phonebook.csv"
    data.write_text(csv, encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text(mapping, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(m), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Case.read(out), result.output


def test_no_person_is_named_by_a_phone_number(tmp_path: Path) -> None:
    case, output = _ingest(tmp_path, CSV, MAPPING)
    m = case.mentions
    assert sorted(m.loc[m["type"] == "person", "name"]) == [
        "Agent 007",
        "Ion Ceban",
        "Petro Bondar",
    ]
    # row 4's number had no phone in its row: it is the row's phone now
    p = m[m["type"] == "phone"]
    phones = sorted(zip(p["row"], p["phone"], strict=True))
    assert phones == [
        (1, "+380501112233"), (2, "+380671234567"), (3, "+37378123456"), (4, "+380931234567"),
    ]  # fmt: skip
    bad = case.rejects[case.rejects["reason"] == "name_is_phone"]
    said = list(zip(bad["row"], bad["column"], bad["value"], strict=True))
    assert said == [(2, "Name", "+380 67 123 4567")]
    assert "2 names in Name are a phone number (such as '+380 67 123 4567', row 2)" in output
    assert "1 read as the row's phone; 1 rejected as name_is_phone" in output


def test_a_person_slot_with_its_own_phone_column_takes_the_number(tmp_path: Path) -> None:
    mapping = (
        "format: csv\nregion: UA\nentities:\n"
        "  person: {type: person, fields: {name: Name, phone: Mobile}}\n"
    )
    case, _ = _ingest(tmp_path, "Name,Mobile\n067 123 45 67,\nIvan Petrov,+380501112233\n", mapping)
    m = case.mentions
    assert sorted(m.loc[m["type"] == "person", "name"].dropna()) == ["Ivan Petrov"]
    assert "+380671234567" in set(m["phone"].dropna())
    assert case.rejects[case.rejects["reason"] == "name_is_phone"].empty


def test_a_column_of_numbers_mapped_as_names_is_left_as_it_is(tmp_path: Path) -> None:
    # customer ids written where the names are: no phone book, every person kept
    csv = "Name,Mobile\n10000001,\n10000002,\n+380 67 123 4567,\nIvan Petrov,\n"
    case, output = _ingest(
        tmp_path,
        csv,
        MAPPING.replace("  email: {type: email, fields: {email: Email}}\n", "").replace(
            "  - {kind: uses_email, src: person, dst: email}\n", ""
        ),
    )
    m = case.mentions
    assert len(m[m["type"] == "person"]) == 4
    assert "phone number" not in output
