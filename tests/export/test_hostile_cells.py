"""`linkgraph export` on a small hand-built case: phones and signed numbers are written as
they are, formula attacks are defused (CSV) or stored as text (XLSX; and Neo4j's import
CSVs, which no spreadsheet reads, keep them as written), and the victim count
of the export message counts victims, not the identifiers only they use."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

#: Labels a spreadsheet reads as plain numbers: no quote mark in any export.
NUMBERS = ["+40721003001", "+442079460958", "-75.25"]
#: Labels a spreadsheet would run as formulas.
ATTACKS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(A1)", "=1+1", "+40 789 679 548"]  # fmt: skip
#: Labels with control characters -> as every export writes them (as ingest's rejects show
#: them): a NUL never raw, an ESC sequence whole.
CONTROLS = {"Nul\x00Byte Org": "Nul[U+0000]Byte Org",
            "\x1b[31mRed\x1b[0m Ansi": "[U+001B][31mRed[U+001B][0m Ansi"}  # fmt: skip


def _mention(mid: str, etype: str, label: str, row: int, **fields: str) -> dict:
    return {"mention_id": mid, "type": etype, "label": label, "source": "case.csv",
            "agency": "Police", "row": row, "raw": json.dumps(fields), **fields}  # fmt: skip


def _hostile_case() -> Case:
    """3 victims, each with a phone and an e-mail only they use (9 entities shown by
    pseudonym); a suspect with the phones in ``NUMBERS``; organisations named ``ATTACKS``."""
    mentions, links = [], []
    for n in range(1, 4):
        mentions += [
            _mention(f"m:v{n}", "person", f"Victim Name{n}", n, name=f"Victim Name{n}",
                     role="victim"),
            _mention(f"m:vp{n}", "phone", f"+4072200000{n}", n, phone=f"+4072200000{n}"),
            _mention(f"m:ve{n}", "email", f"v{n}@example.org", n, email=f"v{n}@example.org"),
        ]  # fmt: skip
        links += [(f"m:v{n}", f"m:vp{n}", "uses_phone"), (f"m:v{n}", f"m:ve{n}", "uses_email"),
                  ("m:s", f"m:v{n}", "victim_of")]  # fmt: skip
    mentions.append(_mention("m:s", "person", "Ion Rusu", 4, name="Ion Rusu", role="suspect"))
    for k, number in enumerate(NUMBERS[:2]):
        mentions.append(_mention(f"m:p{k}", "phone", number, 5 + k, phone=number))
        links.append(("m:s", f"m:p{k}", "uses_phone"))
    for k, name in enumerate([*ATTACKS, NUMBERS[2], *CONTROLS]):
        mentions.append(_mention(f"m:o{k}", "organisation", name, 10 + k, name=name))
        links.append(("m:s", f"m:o{k}", "director_of"))
    link_rows = [
        {"link_id": f"l:{i}", "src": a, "dst": b, "kind": kind, "source": "links.csv",
         "agency": "Police", "row": i}
        for i, (a, b, kind) in enumerate(links, start=1)
    ]  # fmt: skip
    mention_frame = pd.DataFrame(mentions)
    resolution = pd.DataFrame(
        {"mention_id": mention_frame["mention_id"], "entity_id": "e" + mention_frame["mention_id"]}
    )
    return Case().with_tables(
        mentions=mention_frame, links=pd.DataFrame(link_rows), resolution=resolution
    )


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built case written as a case folder."""
    return _hostile_case().write(tmp_path_factory.mktemp("hostile") / "case")


def _export(case_dir: Path, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(cli, ["export", str(case_dir), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def _csv_cells(folder: Path) -> list[str]:
    cells = []
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8-sig", newline="") as fh:
            cells += [c for row in csv.reader(fh) for c in row]
    return cells


@pytest.mark.parametrize("fmt", ["csv", "i2"])
def test_csv_exports_keep_numbers_and_defuse_formulas(
    case_dir: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / fmt
    _export(case_dir, fmt, out)
    cells = _csv_cells(out)
    for number in NUMBERS:
        assert number in cells, number
        assert "'" + number not in cells, number
    for attack in ATTACKS:
        assert "'" + attack in cells, attack
        assert attack not in cells, attack


def test_neo4j_import_csvs_keep_text_as_written(case_dir: Path, tmp_path: Path) -> None:
    """neo4j-admin reads nodes.csv as RFC 4180 CSV and stores every cell as it is: no
    spreadsheet quote on a formula-like name, quotes doubled inside a quoted field."""
    out = tmp_path / "neo4j"
    _export(case_dir, "neo4j", out)
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        labels = [row["label:string"] for row in csv.DictReader(fh)]
    for text in [*ATTACKS, *NUMBERS]:
        assert text in labels, text
        assert "'" + text not in labels, text
    raw = (out / "nodes.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""http://x"",""y"")"' in raw
    assert "CASE WHEN" not in (out / "load.cypher").read_text(encoding="utf-8")


def test_xlsx_stores_every_label_as_text_without_a_quote(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.xlsx"
    _export(case_dir, "xlsx", out)
    sheet = openpyxl.load_workbook(out)["entities"]
    labels = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(NUMBERS + ATTACKS) <= set(labels)
    assert not [label for label in labels if str(label).startswith("'")]
    # In the file itself: "=1+1" is an inline string cell, and no cell holds a formula <f>.
    with zipfile.ZipFile(out) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "<f " not in xml
    assert re.search(r'<c r="C\d+" (s="\d+" )?t="inlineStr"><is><t>=1\+1</t></is></c>', xml)
    assert re.search(r'<c r="C\d+" (s="\d+" )?t="inlineStr"><is><t>\+40721003001</t></is></c>', xml)


def test_xlsx_text_that_an_edit_would_run_keeps_excels_quote_prefix(
    case_dir: Path, tmp_path: Path
) -> None:
    """Text cells beginning with =, +, - or @ carry the cell format's quote prefix (Excel
    keeps them text when the cell is edited); the value itself is unchanged."""
    out = tmp_path / "case.xlsx"
    _export(case_dir, "xlsx", out)
    cells = {c.value: c for c in openpyxl.load_workbook(out)["entities"]["C"][1:]}
    for label in NUMBERS + ATTACKS:
        assert cells[label].quotePrefix, label
    others = [v for v in cells if isinstance(v, str) and not v.startswith(("=", "+", "-", "@"))]
    assert others
    assert not any(cells[v].quotePrefix for v in others)


def test_export_message_counts_victims_not_their_identifiers(
    case_dir: Path, tmp_path: Path
) -> None:
    output = _export(case_dir, "csv", tmp_path / "csv")
    assert "3 victim(s) shown by pseudonym" in output
    assert "6 phone(s), e-mail(s) or other identifiers victims hold or use" in output
    labels = pd.read_csv(tmp_path / "csv" / "entities.csv", dtype=str)["label"]
    assert labels.str.startswith("Victim-").sum() == 9  # all nine are pseudonymised


def test_neo4j_export_warns_of_each_unguarded_formula(case_dir: Path, tmp_path: Path) -> None:
    """The neo4j CSVs keep formulas as written (above): the printed report says how many
    (the six ``ATTACKS``), and where a guarded copy is, also in the -q one-liner."""
    output = _export(case_dir, "neo4j", tmp_path / "neo4j")
    warning = f"Warning: {len(ATTACKS)} text value(s) in nodes.csv and relationships.csv"
    assert output.splitlines()[1].startswith(warning)
    assert "-f csv" in output.splitlines()[1]
    quiet = CliRunner().invoke(
        cli, ["export", str(case_dir), "-f", "neo4j", "-o", str(tmp_path / "q"), "-q"]
    )
    assert warning in quiet.output
    report = json.loads((tmp_path / "q" / "loss_report.json").read_text(encoding="utf-8"))
    assert report["warnings"][0].startswith(warning.removeprefix("Warning: "))
    help_text = CliRunner().invoke(cli, ["export", "--help"]).output
    assert "NOT guarded against spreadsheet formulas" in help_text


def test_mentions_csv_defuses_a_signed_number_with_blanks(case_dir: Path) -> None:
    """``+40 789 679 548`` is Excel's range intersection (an error), not a number."""
    result = CliRunner().invoke(cli, ["mentions", str(case_dir), "--csv"])
    assert result.exit_code == 0, result.output
    labels = [row["label"] for row in csv.DictReader(result.stdout.splitlines())]
    assert "'+40 789 679 548" in labels
    assert "+40721003001" in labels


@pytest.mark.parametrize("fmt", ["csv", "neo4j", "i2"])
def test_csv_files_show_control_characters(case_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    _export(case_dir, fmt, out)
    for file in out.glob("*.csv"):
        data = file.read_bytes()
        assert b"\x00" not in data, file.name
        assert b"\x1b" not in data, file.name
    cells = _csv_cells(out)
    for shown in CONTROLS.values():
        assert shown in cells, (fmt, shown)


def test_xlsx_and_graph_files_show_control_characters(case_dir: Path, tmp_path: Path) -> None:
    import networkx as nx

    _export(case_dir, "xlsx", tmp_path / "case.xlsx")
    labels = [
        row[2]
        for row in openpyxl.load_workbook(tmp_path / "case.xlsx")["entities"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    _export(case_dir, "graphml", tmp_path / "case.graphml")
    graph = nx.read_graphml(tmp_path / "case.graphml")
    graph_labels = [d.get("label") for _, d in graph.nodes(data=True)]
    for shown in CONTROLS.values():
        assert shown in labels
        assert shown in graph_labels
    with zipfile.ZipFile(tmp_path / "case.xlsx") as book:
        assert "_x0000_" not in book.read("xl/worksheets/sheet1.xml").decode()


#: Cells an edit would run, behind blanks, tabs and line breaks, or in full-width form
#: (tester round 38, D7: a reject's "\t=1+1" had no quote prefix)
HIDDEN_ATTACKS = ["\t=1+1", " =2+2", "\t=3+3", "\r\n@SUM(A1)", "＝4+4"]


def test_xlsx_every_sheet_quotes_formulas_behind_blanks(tmp_path: Path) -> None:
    """Every sheet (the rejects as the mentions) gives a cell whose first character after
    blanks, tabs or line breaks is =, +, - or @ (or a full-width form) the quote prefix,
    as the CSV export defuses it; its value is kept as written."""
    rows = [["name", "dob", "phone"], ["Ion Pop", HIDDEN_ATTACKS[0], "+40721000111"],
            ["Ana Rus", HIDDEN_ATTACKS[1], HIDDEN_ATTACKS[2]],
            ["Dan Oprea", HIDDEN_ATTACKS[4], HIDDEN_ATTACKS[3]]]  # fmt: skip
    with (tmp_path / "h.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    done = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "h.csv"), "--preset", "people", "-o", str(tmp_path / "c")]
    )
    assert done.exit_code == 0, done.output
    _export(tmp_path / "c", "xlsx", tmp_path / "case.xlsx")
    book = openpyxl.load_workbook(tmp_path / "case.xlsx")
    rejected = [c.value for c in book["rejects"]["E"][1:]]
    # ingest reads a cell's "\r\n" as one line break
    for attack in [a.replace("\r\n", "\n") for a in HIDDEN_ATTACKS]:
        assert attack in rejected, attack
    unquoted = [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str)
        and re.match(r"[\s]*[=+\-@＝＋－＠]", cell.value)
        and not cell.quotePrefix
    ]
    assert unquoted == []
    # text an edit leaves text is not quoted: the raw rows, names
    assert not book["mentions"]["A2"].quotePrefix
