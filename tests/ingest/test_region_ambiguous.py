"""Local numbers valid in several countries' plans ("0712 345 678" is a Kenyan and a
Ukrainian mobile): `mapping suggest` takes the country the file's places or currency
name, else sets no region and lists the countries; a victim's number written with another
country code elsewhere is still withheld (round 9 F2)."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli

REGISTER = (
    "Name,Phone,Role{extra}\n"
    "Amina Wanjiru,0712 345 678,victim{a}\n"
    "Peter Kamau,0722 000 111,suspect{b}\n"
)


def _suggest(tmp_path, text: str) -> tuple[dict, str]:
    data = tmp_path / "register.csv"
    data.write_text(text, encoding="utf-8")
    draft = tmp_path / "register.yaml"
    done = CliRunner().invoke(cli, ["mapping", "suggest", str(data), "-o", str(draft)])
    assert done.exit_code == 0, done.output
    body = draft.read_text(encoding="utf-8")
    return yaml.safe_load(body), body


def test_numbers_of_several_plans_set_no_region(tmp_path):
    mapping, body = _suggest(tmp_path, REGISTER.format(extra="", a="", b=""))
    assert "region" not in mapping
    ambiguous = next(line for line in body.splitlines() if line.startswith("# region: ambiguous"))
    assert "KE" in ambiguous
    assert "UA" in ambiguous


def test_a_county_column_decides_the_region(tmp_path):
    mapping, _ = _suggest(tmp_path, REGISTER.format(extra=",County", a=",Nairobi", b=",Mombasa"))
    assert mapping["region"] == "KE"


def test_a_currency_column_decides_the_region(tmp_path):
    mapping, _ = _suggest(tmp_path, REGISTER.format(extra=",Currency", a=",KES", b=",KES"))
    assert mapping["region"] == "KE"


def test_her_number_with_another_country_code_is_withheld(tmp_path):
    """Her register read her number in the wrong plan (+380 71 234 5678); a statement
    writes it +254 712 345 678: the same national number, withheld in every export."""
    (tmp_path / "victims.csv").write_text(
        "name,phone,role\nAmina Wanjiru,+380 71 234 5678,victim\n", encoding="utf-8"
    )
    (tmp_path / "book.csv").write_text(
        "name,phone,note\nPeter Kamau,+254 712 345 678,paid 5000 to 254712345678\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    case = tmp_path / "case"
    for name in ("victims.csv", "book.csv"):
        done = runner.invoke(
            cli, ["ingest", str(tmp_path / name), "--preset", "people", "-o", str(case), "-q"]
        )
        assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["resolve", str(case)]).exit_code == 0
    for fmt in ("csv", "gexf"):
        out = tmp_path / f"exp_{fmt}"
        done = runner.invoke(cli, ["export", str(case), "-f", fmt, "-o", str(out), "-q"])
        assert done.exit_code == 0, done.output
        files = [out] if out.is_file() else [f for f in out.rglob("*") if f.is_file()]
        text = "".join(f.read_text(encoding="utf-8") for f in files)
        assert "Peter Kamau" in text
        assert "712345678" not in text, fmt
        assert "712 345 678" not in text, fmt


def test_the_ingest_warning_names_the_countries_the_draft_names(tmp_path):
    """Ingest with a preset takes no region either; its 'pass --region' warning lists the
    same countries, in the same words, as the draft's comment."""
    _, body = _suggest(tmp_path, REGISTER.format(extra="", a="", b=""))
    drafted = next(line for line in body.splitlines() if line.startswith("# region: ambiguous"))
    note = drafted.removeprefix("# ").split(", and nothing")[0]
    assert note.endswith("the local numbers are valid in each of these countries' numbering plans")
    countries = note.split("(", 1)[1].split(")", 1)[0].split(", ")
    assert {"KE", "UA"} <= set(countries)
    assert len(countries) <= 9  # 8 and "... N in all"
    done = CliRunner().invoke(
        cli,
        ["ingest", str(tmp_path / "register.csv"), "--preset", "people", "-o", str(tmp_path / "c")],
    )
    assert done.exit_code == 0, done.output
    warning = next(line for line in done.output.splitlines() if "no region was given" in line)
    assert f"no region was given; {note}; pass the country as --region XX" in warning
    assert f"e.g. --region {countries[0]})" in warning
