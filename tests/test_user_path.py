"""The README's step-by-step path, as a first-time user runs it (tester round 21)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pandas as pd
import phonenumbers
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.pipeline import sample_data_dir


@pytest.fixture(scope="module")
def stepwise_case(tmp_path_factory) -> Path:
    """arrests.csv (its mapping) and cdr.csv (the cdr preset) ingested and resolved."""
    root = tmp_path_factory.mktemp("steps")
    sample = sample_data_dir()
    case = root / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(sample / "arrests.csv"), "--mapping",
         str(sample / "mappings" / "arrests.yaml"), "-o", str(case), "-q"],
        ["ingest", str(sample / "cdr.csv"), "--preset", "cdr", "--region", "UA",
         "-o", str(case), "-q"],
        ["resolve", str(case), "-q"],
    ):  # fmt: skip
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return case


@pytest.mark.parametrize(
    "args",
    [
        ["decide", "{case}", "arrests.csv:14", "hotline.xlsx:3", "must_link"],
        ["explain", "{case}", "arrests.csv:14", "hotline.xlsx:3"],
    ],
)
def test_a_source_not_in_a_fresh_case_is_named_not_a_crash(stepwise_case, tmp_path, args):
    # the first command after resolve: nothing kept beside the case yet
    case = tmp_path / "case"
    shutil.copytree(stepwise_case, case)
    result = CliRunner().invoke(cli, [a.format(case=case) for a in args])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "no source 'hotline.xlsx' in the case" in result.output
    assert "sources: arrests.csv, cdr.csv" in result.output


def _help_examples(command: str) -> list[str]:
    """The command lines `linkgraph COMMAND --help` shows under "Example:"."""
    text = CliRunner().invoke(cli, [command, "--help"]).output
    tail = text.split("Example:", 1)[1].split("\n\n", 1)[0]
    # A long example goes on after a backslash, as a shell reads it.
    joined = re.sub(r"\\\n\s*", " ", tail)
    return [line.strip() for line in joined.splitlines() if line.strip().startswith("linkgraph ")]


@pytest.mark.parametrize("command", ["explain", "decide"])
def test_help_examples_run_on_the_demo_case_as_written(demo_out, tmp_path, command):
    case = tmp_path / "case"  # the examples write `case/`
    shutil.copytree(demo_out / "case", case)
    examples = _help_examples(command)
    assert examples
    for line in examples:
        args = shlex.split(line)[1:]
        assert args[1] == "case/"
        args[1] = str(case)
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, f"{line}\n{result.output}"


def _readme() -> str:
    return (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_stability_command_writes_the_briefing_the_demo_wrote(demo_out, tmp_path):
    # README: "`linkgraph stability demo-out/case && linkgraph report demo-out/case ...` adds it"
    text = " ".join(_readme().split())
    found = re.search(r"`linkgraph stability demo-out/case && (linkgraph report [^`]*)`", text)
    assert found, "README shows no stability-then-report command"
    out = tmp_path / "demo-out"
    shutil.copytree(demo_out, out)
    args = [a.replace("demo-out", str(out)) for a in shlex.split(found.group(1))[1:]]
    result = CliRunner().invoke(cli, [*args, "-q"])
    assert result.exit_code == 0, result.output
    # the briefing the user opened (the demo's Report: line) is the one rewritten
    assert f"Report: {out / 'report.html'}" in result.output
    assert not (out / "case" / "report.html").exists()


def test_rejects_of_a_source_the_case_lacks_is_an_error_naming_its_sources(demo_out):
    case = str(demo_out / "case")
    result = CliRunner().invoke(cli, ["rejects", case, "--source", "hotlin.xlsx"])
    assert result.exit_code == 1, result.output
    assert "no source of the case contains 'hotlin.xlsx'; did you mean 'hotline.xlsx'?" in (
        result.output
    )
    sources = "ads.jsonl, arrests.csv, cdr.csv, hotline.xlsx, transactions.csv"
    assert f"the case's sources: {sources}" in result.output
    # a part of a name, in any case, still filters
    assert CliRunner().invoke(cli, ["rejects", case, "--source", "HOTLINE"]).exit_code == 0


def test_readme_evaluate_command_runs_beside_the_demo_output(demo_out, monkeypatch):
    # README's command, run in the folder the demo wrote demo-out/ in (no clone there)
    text = " ".join(_readme().split())
    found = re.search(r"`(linkgraph evaluate demo-out/case [^`]*)`", text)
    assert found, "README shows no evaluate command for the demo"
    monkeypatch.chdir(demo_out.parent)
    assert not Path("sample_data").exists()
    result = CliRunner().invoke(cli, [*shlex.split(found.group(1))[1:], "--json"])
    assert result.exit_code == 0, result.output
    # the sample's truth: README's figures (pairwise precision 1.00, F1 0.999), no
    # truth row left without its mention
    (scores,) = json.loads(result.stdout)
    assert scores["precision"] == 1.0
    assert round(scores["f1"], 3) == 0.999
    assert scores["missing"] == 0


SINGULAR_MAPPING = """\
format: csv
region: DE
entities:
  victim:
    type: person
    fields: {name: Opfer, city: Tatort, role: {value: victim}}
  victim_phone:
    type: phone
    fields: {phone: Opfer Telefon}
  suspect:
    type: person
    fields: {name: Täter, role: {value: suspect}}
  suspect_phone:
    type: phone
    fields: {phone: Täter Telefon}
links:
- {kind: uses_phone, src: victim, dst: victim_phone}
- {kind: uses_phone, src: suspect, dst: suspect_phone}
"""


def test_one_phone_is_said_in_the_singular(tmp_path):
    # Row 1: the victim's 095… reads in Italy, her city's country (a Catania landline).
    # Row 2: her 0176… is no Italian number, so it reads as DE, the mapping's region; the
    # suspect's 030… reads as DE too, not by the victim's city (Roma).
    data, mapping = tmp_path / "opfer.csv", tmp_path / "opfer.yaml"
    data.write_text(
        "Opfer,Opfer Telefon,Tatort,Täter,Täter Telefon\n"
        "Anna Schmidt,0951234567,Roma,Max Müller,+49 176 12345678\n"
        "Olena Kravets,0176 12345678,Roma,Max Müller,030 2222222\n",
        encoding="utf-8",
    )
    mapping.write_text(SINGULAR_MAPPING, encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "case"), "-q",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "1 phone invalid in its row's country read as a DE number instead" in flat
    assert "1 phone without a country code read as a number of the country of its row's city" in (
        flat
    )
    assert (
        "1 phone without a country code read as a DE number (`region:` of the mapping)"
        " (example withheld: a victim's row): its row's city column 'Tatort' is the victim's,"
        " not its owner's, so it did not set its country; if it is a local number of another"
        " country, map its owner's own country column"
    ) in flat
    assert not re.search(r"\b1 phones\b", result.output)


def test_the_hotlines_callers_numbers_are_not_read_by_the_victims_city(tmp_path):
    """hotline.xlsx row 35: a Ukrainian caller's "095 225 7810" beside the victim's city,
    Turin. The number reads in Italy too (a Catania landline), but it is his: the sample's
    call records list it as +380952257810 under his name, and the truth's people say he is
    Ukrainian. The other callers' and suspects' local numbers read as UA, the mapping's
    region, and the summary says why the victim's city did not read them."""
    sample = sample_data_dir()
    case = tmp_path / "case"
    result = CliRunner().invoke(cli, [
        "ingest", str(sample / "hotline.xlsx"), "--mapping",
        str(sample / "mappings" / "hotline.yaml"), "-o", str(case), "-q",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    calls = pd.read_csv(sample / "cdr.csv", dtype=str)
    his = calls.loc[calls["callee_subscriber"] == "PARKHOMENKO, Dmytro", "callee"].unique()
    people = pd.read_csv(sample / "truth" / "people.csv", dtype=str).set_index("name")
    assert people.loc["Dmytro Parkhomenko", "country"] == "UA"
    phones = Case.read(case).mentions.query("type == 'phone'")
    caller = phones.loc[(phones["row"].astype(int) == 35) & (phones["slot"] == "caller_phone")]
    assert list(caller["phone"]) == list(his) == ["+380952257810"]
    # every caller's and suspect's number written without a country code (6 cells): each
    # read as phonenumbers reads it in Ukraine, on its own row
    sheet = pd.read_excel(sample / "hotline.xlsx", sheet_name="Reports", dtype=str)
    expected = set()
    for column, slot in (("caller_phone", "caller_phone"), ("suspect_phones", "suspect_phone")):
        for i, cell in sheet[column].dropna().items():
            for number in cell.split(";"):
                if not number.strip().startswith(("+", "00")):
                    e164 = phonenumbers.PhoneNumberFormat.E164
                    read = phonenumbers.format_number(phonenumbers.parse(number, "UA"), e164)
                    expected.add((i + 1, slot, read))
    assert len(expected) == 6
    got = set(zip(phones["row"].astype(int), phones["slot"], phones["phone"], strict=True))
    assert expected <= got
    flat = " ".join(result.output.split())
    assert (
        "6 phones without a country code read as UA numbers (`region:` of the mapping)"
        " (example withheld: a victim's row): their row's city column 'location' is the"
        " victim's, not their owners', so it did not set their country"
    ) in flat
    assert "country of its row's city" not in flat


def test_keyplayers_bound_and_count_agree(demo_out, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(demo_out / "case", case)
    args = ["keyplayers", str(case), "-k", "5", "--by", "fragmentation"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    scored = re.search(r"stopped after scoring ([\d,]+) sets", result.output)
    assert scored, result.output
    # a bound said as "at most N" is one the count stays within
    bound = re.search(r"at most ([\d,]+) sets", result.output)
    if bound:
        assert int(scored.group(1).replace(",", "")) <= int(bound.group(1).replace(",", ""))
    assert "it stops after scoring about 20,000 sets" in result.output
