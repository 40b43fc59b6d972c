"""A user's mapping for a bank statement: `include: statement` with a constant holder of the
statement's own account (MT940 names none) is read, never replaced by the preset without a
word; a field reading a column a statement does not have is an error naming its key."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from linkgraph.cli import cli
from linkgraph.model import Case

from .test_statements import HANS, MT940, OWN, VASILE

_NO_HOLDER = "MT940 names no account holder"


def _ingest(tmp_path: Path, mapping: str | None, *, name: str = "map.yaml") -> Result:
    statement = tmp_path / "stmt.sta"
    statement.write_text(MT940, encoding="utf-8")
    args = ["ingest", str(statement), "-o", str(tmp_path / "case")]
    if mapping is not None:
        (tmp_path / name).write_text(mapping, encoding="utf-8")
        args += ["--mapping", str(tmp_path / name)]
    return CliRunner().invoke(cli, args)


def _holders(case: Case) -> list[tuple]:
    m = case.mentions.set_index("mention_id")
    held = case.links[case.links["kind"] == "holds_account"]
    return sorted({(m.at[r.src, "type"], m.at[r.src, "name"], m.at[r.dst, "account"])
                   for r in held.itertuples()})  # fmt: skip


def test_a_constant_holder_holds_the_statements_own_account(tmp_path: Path) -> None:
    mapping = (
        "include: statement\n"
        "entities:\n"
        '  holder_person: {type: person, fields: {name: {value: "Ion Popescu"}}}\n'
    )
    result = _ingest(tmp_path, mapping)
    assert result.exit_code == 0, result.output
    assert "read through the statement preset" not in result.output
    assert _NO_HOLDER not in result.output
    case = Case.read(tmp_path / "case")
    assert _holders(case) == [
        ("organisation", "Hans Muller GmbH", HANS),
        ("person", "Ion Popescu", OWN),
        ("person", "Vasile Rusu", VASILE),
    ]
    # one holder mention on each of the three transactions' rows (:61: lines 6, 9, 11)
    ion = case.mentions[case.mentions["name"] == "Ion Popescu"]
    assert sorted(ion["row"]) == [6, 9, 11]


def test_a_holder_slot_of_its_own_through_an_included_file(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("include: statement\n", encoding="utf-8")
    mapping = (
        "include: base.yaml\n"
        "entities:\n"
        '  owner: {type: organisation, fields: {name: {value: "Dream Travel SRL"}}}\n'
        "links:\n"
        "  - {kind: holds_account, src: owner, dst: account}\n"
    )
    result = _ingest(tmp_path, mapping)
    assert result.exit_code == 0, result.output
    assert ("organisation", "Dream Travel SRL", OWN) in _holders(Case.read(tmp_path / "case"))
    assert _NO_HOLDER not in result.output


def test_a_column_a_statement_does_not_have_is_an_error(tmp_path: Path) -> None:
    mapping = (
        "include: statement\n"
        "entities:\n"
        "  holder_person: {type: person, fields: {name: Kontoinhaber}}\n"
    )
    result = _ingest(tmp_path, mapping)
    assert result.exit_code == 1
    assert (
        "map.yaml: entities.holder_person.fields.name: reads column 'Kontoinhaber', which a"
        " mt940 statement (stmt.sta) does not have" in result.output
    )
    assert 'name: {value: "Ion Popescu"}' in result.output
    assert "Traceback" not in result.output


def test_a_link_attribute_from_a_column_a_statement_does_not_have_is_an_error(
    tmp_path: Path,
) -> None:
    mapping = (
        "include: statement\n"
        "links:\n"
        "  - {kind: paid, src: account, dst: counterparty_account, amount: amount,\n"
        "     direction: sign, attrs: {memo: Verwendungszweck}}\n"
    )
    # the statement preset's 9 links come first: the mapping's own link is links[9]
    result = _ingest(tmp_path, mapping)
    assert result.exit_code == 1
    assert "links[9].attrs.memo: reads column 'Verwendungszweck'" in result.output


def test_a_statement_read_without_a_holder_says_how_to_give_one(tmp_path: Path) -> None:
    result = _ingest(tmp_path, None)
    assert result.exit_code == 0, result.output
    assert _NO_HOLDER in result.output
    assert "include: statement" in result.output
