"""Files whose kind names their own reading (graph files, bank statements, chat exports,
vCards) mixed with tables: read through their own preset whatever --preset says, in
`linkgraph ingest`, `linkgraph run` and the Python API alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case
from tests.ingest.test_statements import HANS, OWN, _camt

_PEOPLE = "full_name,dob,phone\nIon Popescu,1980-01-02,+40721000111\n"
_VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Olena Kravets\nTEL:0671234567\nEND:VCARD\n"
_CHAT = (
    "01/03/2023, 10:16 - Ana Pop: Hi, when is the bus?\n"
    "01/03/2023, 10:17 - Vira M: Tomorrow 6am, bring passport\n"
)
_GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph defaultedgetype="directed">
<nodes><node id="a" label="Andrii Melnyk"/><node id="b" label="Petro Bondar"/></nodes>
<edges><edge id="0" source="a" target="b"/></edges></graph></gexf>
"""


def _files(folder: Path) -> list[str]:
    """A person list, a vCard list, a chat export, a GEXF chart and a camt.053 statement."""
    texts = {
        "police.csv": _PEOPLE,
        "contacts.vcf": _VCARD,
        "chat.txt": _CHAT,
        "chart.gexf": _GEXF,
        "camt053.xml": _camt(),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in texts]


def _read_by(case_dir: Path) -> dict[str, str | None]:
    manifest = json.loads((case_dir / "manifest.json").read_text(encoding="utf-8"))
    return {i["name"]: i.get("preset") for i in manifest["inputs"]}


def _paid(case: Case, source: str) -> int:
    links = case.links
    return int(((links["source"] == source) & (links["kind"] == "paid")).sum())


def test_ingest_reads_a_statement_through_its_own_preset_whatever_preset_says(
    tmp_path: Path,
) -> None:
    """--preset people reads the table; the statement, the chat, the chart and the vCards
    are read through their own presets (before: the camt statement through people, three
    holders and no payment, and the chat aborted the command); the summary says which
    preset read each file."""
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", *_files(tmp_path), "--preset", "people",
                                      "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _read_by(out) == {
        "police.csv": "people",
        "contacts.vcf": "people",
        "chat.txt": "chat",
        "chart.gexf": "gexf",
        "camt053.xml": "statement",
    }
    case = Case.read(out)
    assert _paid(case, "camt053.xml") == 2  # the credit and the debit; the fee a reject
    accounts = set(case.mentions.loc[case.mentions["type"] == "account", "label"])
    assert {OWN, HANS} <= accounts
    lines = {line.split(":")[0]: line for line in result.output.splitlines()}
    assert "read through the statement preset" in lines["camt053.xml"]
    assert "read through the people preset" in lines["police.csv"]


def test_ingest_without_preset_names_the_table_that_needs_one(tmp_path: Path) -> None:
    """With no --preset, the files of their own kind need none; the table's error names it."""
    files = _files(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", *files, "-o", str(tmp_path / "case")])
    assert result.exit_code == 2
    assert "police.csv: give --preset NAME or --mapping MAP.yaml" in result.output
    assert "Traceback" not in result.output
    # The others alone need nothing, and --region/--timezone apply to them.
    out = tmp_path / "c2"
    result = CliRunner().invoke(
        cli, ["ingest", *files[1:], "--region", "UA", "--timezone", "Europe/Kyiv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    phones = Case.read(out).mentions.query("type == 'phone' and source == 'contacts.vcf'")
    assert phones["label"].tolist() == ["+380671234567"]  # a national number read as UA


def test_a_mapping_of_the_files_format_reads_it(tmp_path: Path) -> None:
    """A --mapping for the statement's format (as `mapping suggest` drafts) reads it."""
    files = _files(tmp_path)
    mapping = tmp_path / "camt.yaml"
    mapping.write_text("include: statement\nformat: camt\nagency: FIU\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", files[-1], files[2], "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_name = {i["name"]: i for i in manifest["inputs"]}
    assert by_name["camt053.xml"]["agency"] == "FIU"
    assert by_name["chat.txt"]["preset"] == "chat"


def test_pipeline_sources_need_no_preset_and_take_region_and_timezone(tmp_path: Path) -> None:
    """`linkgraph run`: a statement, vCards, a chat and a chart need only their path;
    `region` and `timezone` apply to their source."""
    _files(tmp_path)
    (tmp_path / "p.yaml").write_text(
        "sources:\n"
        "  - {path: police.csv, preset: people}\n"
        "  - {path: contacts.vcf, region: ua}\n"
        "  - {path: chat.txt, timezone: Europe/Kyiv}\n"
        "  - {path: chart.gexf}\n"
        "  - {path: camt053.xml}\n"
        "out: out\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "p.yaml"), "-q"])
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "out" / "case")
    assert _paid(case, "camt053.xml") == 2
    phones = case.mentions.query("type == 'phone' and source == 'contacts.vcf'")
    assert phones["label"].tolist() == ["+380671234567"]
    times = case.links.loc[case.links["source"] == "chat.txt", "time"].dropna()
    assert str(times.min()).startswith("2023-03-01 08:16")  # 10:16 in Kyiv is 08:16 UTC


def test_python_sources_of_their_own_kind_need_no_preset(tmp_path: Path) -> None:
    """lg.Source(path) reads a statement; a table without a preset, or a preset of
    another kind for a statement, is a clear error naming the file."""
    files = _files(tmp_path)
    case = lg.ingest([lg.Source(files[-1]), lg.Source(files[0], preset="people")])
    assert _paid(case, "camt053.xml") == 2
    with pytest.raises(lg.InputError, match=r"police\.csv") as info:
        lg.ingest([lg.Source(files[0])])
    assert "preset" in str(info.value)
    with pytest.raises(lg.InputError, match=r"camt053\.xml.*statement preset"):
        lg.ingest([lg.Source(files[-1], preset="people")])
    with pytest.raises(lg.InputError, match="unknown time zone"):
        lg.ingest([lg.Source(files[2], timezone="Europe/Kiyv")])


_FTM = [
    {"id": "p1", "schema": "Person", "properties": {"name": ["Andrii Melnyk"]}},
    {"id": "c1", "schema": "Company", "properties": {"name": ["Dnipro Travel LLC"]}},
    {"id": "d1", "schema": "Directorship",
     "properties": {"director": ["p1"], "organization": ["c1"]}},
]  # fmt: skip


@pytest.mark.parametrize("layout", ["entities.jsonl", "entities.json", "entities.ndjson"])
def test_followthemoney_entities_need_no_preset(tmp_path: Path, layout: str) -> None:
    """FtM entities (JSON lines or a JSON array) are read through the ftm preset with no
    --preset, and whatever --preset the tables beside them take (before: "give --preset
    NAME" for them, and `--preset people` read them as a table of people)."""
    path = tmp_path / layout
    if layout.endswith(".json"):
        path.write_text(json.dumps(_FTM, indent=1), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(e) + "\n" for e in _FTM), encoding="utf-8")
    (tmp_path / "police.csv").write_text(_PEOPLE, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _read_by(out) == {layout: "ftm"}
    mixed = tmp_path / "mixed"
    result = CliRunner().invoke(cli, ["ingest", str(path), str(tmp_path / "police.csv"),
                                      "--preset", "people", "-o", str(mixed)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _read_by(mixed) == {layout: "ftm", "police.csv": "people"}
    case = Case.read(mixed)
    ftm = case.mentions[case.mentions["source"] == layout]
    assert sorted(ftm["label"]) == ["Andrii Melnyk", "Dnipro Travel LLC"]
    kinds = case.links.loc[case.links["source"] == layout, "kind"].tolist()
    assert len(kinds) == 1


def test_a_json_table_that_is_not_ftm_still_needs_a_preset(tmp_path: Path) -> None:
    """Records that only look alike (a `schema` that is not an FtM name, or no
    `properties` object) are a table, which needs a preset or a mapping."""
    path = tmp_path / "ads.jsonl"
    path.write_text(
        json.dumps({"id": 1, "schema": "v2", "properties": {"price": 50}}) + "\n"
        + json.dumps({"id": 2, "title": "x"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code == 2
    assert "ads.jsonl: give --preset NAME or --mapping MAP.yaml" in result.output
