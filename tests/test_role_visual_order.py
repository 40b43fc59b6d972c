"""A role word hidden by a right-to-left override ("\u202emitciv\u202c" shows "victim")
is read as it shows: the person is a victim and protected in every output, as a name
so hidden is redacted. Ingest strips the override and kept the role as "mitciv", a role
not understood: she was shown by name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "name,phone,role\n"
    "Katya Kiss,+40 733 170 370,\u202emitciv\u202c\n"
    "Larisa Lungu,+40 733 177 407,\u202erefpO\u202c\n"
    "Mihai Moldovan,+40 733 184 444,suspect\n"
)


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_role_word_written_backwards_behind_an_override_is_read(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    said = _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case)
    assert "mitciv" not in said  # no "role not understood" warning
    _run("resolve", case, "-q")
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    entities = _run("entities", case, "--type", "person", "--csv")
    exported = "\n".join(f.read_text(encoding="utf-8") for f in (tmp_path / "csv").glob("*.csv"))
    for text in (entities, exported):
        for name in ("Katya", "Kiss", "Larisa", "Lungu"):
            assert name not in text, name
        assert "Mihai Moldovan" in text  # the suspect is named
    assert entities.count(",victim,True,") == 2
