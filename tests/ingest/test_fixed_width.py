"""Fixed-width text (a mainframe extract): `format: fixed` with `widths:` (widths, or
[start, end] pairs) cuts each line into its columns; `mapping suggest` drafts the widths
from the columns' alignment instead of taking the title line for the header."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

EXTRACT = """BORDER POLICE - CROSSINGS EXTRACT         RUN 2024-03-20 PAGE 1

SURNAME             GIVEN NAMES         DOB        NAT DOC NO
------------------- ------------------- ---------- --- -----------
KOVALENKO           DARIA               2000-11-21 UKR FT123456
RAMOS GARCIA        LUCIA MARIA DEL CAR 1998-05-30 ESP PAB123456

BONDAR              SERGIY              1985-07-07 UKR FE998877
TOTAL RECORDS: 3
"""
PERSON = """entities:
  person: {type: person, fields: {family_name: SURNAME, given_name: GIVEN NAMES, dob: DOB,
           nationality: NAT, document: DOC NO}}
"""


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _persons(case: Path) -> list[tuple[int, str, str, str, str]]:
    m = Case.read(case).mentions
    p = m[m["type"] == "person"].sort_values("row")
    return list(
        zip(
            p["row"].astype(int), p["label"], p["dob"], p["nationality"], p["document"], strict=True
        )
    )


def _write(tmp_path: Path, mapping: str) -> tuple[Path, Path]:
    data, spec = tmp_path / "crossings.txt", tmp_path / "map.yaml"
    data.write_text(EXTRACT, encoding="utf-8")
    spec.write_text(mapping, encoding="utf-8")
    return data, spec


def test_widths_cut_the_lines_under_the_header_and_the_total_is_no_person(
    tmp_path: Path,
) -> None:
    """The header is the line above the rule; blank and rule lines are skipped; a row is
    its line in the file; 'TOTAL RECORDS: 3' is a footer_row reject, not a person."""
    data, spec = _write(tmp_path, "widths: [20, 20, 11, 4, 11]\n" + PERSON)
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", case)
    assert code == 0, out
    assert _persons(case) == [
        (5, "DARIA KOVALENKO", "2000-11-21", "UA", "FT123456"),
        (6, "LUCIA MARIA DEL CAR RAMOS GARCIA", "1998-05-30", "ES", "PAB123456"),
        (8, "SERGIY BONDAR", "1985-07-07", "UA", "FE998877"),
    ]
    r = Case.read(case).rejects
    assert r[["row", "reason", "value"]].values.tolist() == [[9, "footer_row", "TOTAL RECORDS: 3"]]


def test_start_end_pairs_and_a_missing_widths_key(tmp_path: Path) -> None:
    """[start, end] pairs read the same columns; `format: fixed` alone is a mapping error
    naming widths."""
    pairs = "format: fixed\nwidths: [[0, 19], [20, 39], [40, 50], [51, 54], [55, 66]]\n"
    data, spec = _write(tmp_path, pairs + PERSON)
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", case, "-q")
    assert code == 0, out
    assert [p[1] for p in _persons(case)] == [
        "DARIA KOVALENKO",
        "LUCIA MARIA DEL CAR RAMOS GARCIA",
        "SERGIY BONDAR",
    ]
    spec.write_text("format: fixed\n" + PERSON, encoding="utf-8")
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", tmp_path / "c2")
    assert code != 0
    assert "widths" in out
    assert "Traceback" not in out


def test_suggest_drafts_the_widths_and_the_header_line(tmp_path: Path) -> None:
    """Before: 'its columns ...: BORDER POLICE - CROSSINGS EXTRACT RUN 2024-03-20 PAGE 1:
    no field'. Now the draft is format fixed with the rule line's widths, header on line
    3, and ingests the three persons."""
    data, _ = _write(tmp_path, "")
    draft = tmp_path / "draft.yaml"
    code, out = _invoke("mapping", "suggest", data, "-o", draft)
    assert code == 0, out
    mapping = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert mapping["format"] == "fixed"
    assert mapping["widths"] == [20, 20, 11, 4, 11]
    assert mapping["header_row"] == 3
    assert "fixed-width export" in draft.read_text(encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", draft, "-o", case, "-q")
    assert code == 0, out
    assert [p[1] for p in _persons(case)] == [
        "DARIA KOVALENKO",
        "LUCIA MARIA DEL CAR RAMOS GARCIA",
        "SERGIY BONDAR",
    ]


def test_suggest_infers_widths_from_aligned_columns_without_a_rule(tmp_path: Path) -> None:
    """No rule line: the columns are where every line of the table has text."""
    data = tmp_path / "list.txt"
    data.write_text(
        "PERSONS LIST  2024\n\nNAME          PHONE            CITY\n"
        "Ana Pop       +40721000111     Iasi\nBo Li         +40722000222     Cluj Napoca\n"
        "Ion Rusu      +40723000333     Arad\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    code, out = _invoke("mapping", "suggest", data, "-o", draft)
    assert code == 0, out
    mapping = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert mapping["widths"] == [14, 17, 11]
    assert mapping["header_row"] == 3


def test_a_preset_reads_a_fixed_width_file_with_the_widths_suggest_drafts(
    tmp_path: Path,
) -> None:
    """With no mapping, `ingest --preset people` cuts the columns where `mapping suggest`
    would (not the title line as a CSV header), and the summary gives the widths."""
    data = tmp_path / "crossings.txt"
    data.write_text(EXTRACT, encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--preset", "people", "-o", case)
    assert code == 0, out
    assert "read as fixed-width, widths [20, 20, 11, 4, 11]" in out
    m = Case.read(case).mentions
    p = m[m["type"] == "person"].sort_values("row")
    assert list(zip(p["row"].astype(int), p["label"], p["dob"], strict=True)) == [
        (5, "DARIA KOVALENKO", "2000-11-21"),
        (6, "LUCIA MARIA DEL CAR RAMOS GARCIA", "1998-05-30"),
        (8, "SERGIY BONDAR", "1985-07-07"),
    ]
    suggested = yaml.safe_load(_invoke("mapping", "suggest", data)[1])
    assert suggested["widths"] == [20, 20, 11, 4, 11]


LEGACY = (
    "BORDER EXTRACT RUN 2024-03-20\n\n"
    "SURNAME        GIVEN          DOB        PHONE         ROLE\n"
    "-------------- -------------- ---------- ------------- -------\n"
    "САВЧУК         ОЛЕНА          2001-04-12 +37369123456  victim\n"
    "РУСНАК         ВАДИМ          1984-10-10 +37379555111  suspect\n"
    "TOTAL RECORDS: 2\n"
)
ROLES = """entities:
  person: {type: person, fields: {family_name: SURNAME, given_name: GIVEN, dob: DOB,
           role: ROLE}}
"""


def _labels_and_roles(case: Path) -> list[tuple[int, str, str]]:
    m = Case.read(case).mentions
    p = m[m["type"] == "person"].sort_values("row")
    return list(zip(p["row"].astype(int), p["label"], p["role"], strict=True))


def test_a_cp1251_extract_reads_as_cyrillic_not_japanese(tmp_path: Path) -> None:
    """A short legacy extract in cp1251 with no `encoding:` (charset-normalizer scores it
    as Shift-JIS katakana) reads as the Cyrillic names it holds."""
    data, spec = tmp_path / "extract.txt", tmp_path / "map.yaml"
    data.write_bytes(LEGACY.encode("cp1251"))
    spec.write_text("widths: [15, 15, 11, 14, 7]\n" + ROLES, encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", case, "-q")
    assert code == 0, out
    assert _labels_and_roles(case) == [
        (5, "ОЛЕНА САВЧУК", "victim"),
        (6, "ВАДИМ РУСНАК", "suspect"),
    ]


def test_a_utf8_extract_padded_by_bytes_is_cut_in_bytes(tmp_path: Path) -> None:
    """An export padded to its widths in UTF-8 bytes (C's printf("%-15s")): the
    Cyrillic rows are cut at byte positions, so the role stays 'victim' (and the victim
    protected) instead of a piece of the phone number."""
    padded = LEGACY
    for name in ("САВЧУК", "ОЛЕНА", "РУСНАК", "ВАДИМ"):  # 15 bytes, not 15 characters
        padded = padded.replace(name + " " * (15 - len(name)), name + " " * (15 - 2 * len(name)))
    assert "САВЧУК   ОЛЕНА     2001" in padded
    assert "РУСНАК   ВАДИМ     1984" in padded
    data, spec = tmp_path / "extract.txt", tmp_path / "map.yaml"
    data.write_text(padded, encoding="utf-8")
    spec.write_text("widths: [15, 15, 11, 14, 7]\n" + ROLES, encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", case, "-q")
    assert code == 0, out
    assert _labels_and_roles(case) == [
        (5, "ОЛЕНА САВЧУК", "victim"),
        (6, "ВАДИМ РУСНАК", "suspect"),
    ]
    assert _persons_dob(case) == ["2001-04-12", "1984-10-10"]


def _persons_dob(case: Path) -> list[str]:
    m = Case.read(case).mentions
    return list(m[m["type"] == "person"].sort_values("row")["dob"])


def test_a_tab_line_and_a_short_line_are_rejects_not_persons(tmp_path: Path) -> None:
    """A line holding tabs or with text in the first column alone does not fit the
    widths: a fixed_misaligned reject with the line, never a person; a line whose last
    columns are empty, its trailing blanks stripped, is read. `mapping suggest` still
    drafts the widths from the aligned lines."""
    text = (
        "SURNAME        GIVEN          DOB        PHONE         ROLE\n"
        "-------------- -------------- ---------- ------------- -------\n"
        "LUNGU          GHEORGHE       1970-01-05 +37368000111  suspect\n"
        "POPA\tION\t1980-05-05\t+40721000222\tsuspect\n"
        "SAVCHUK        OLENA          2001-04-12 +37369123456  victim\n"
        "SHORT\n"
        "RUSNAC         VADIM          1979-03-03\n"
    )
    data, spec = tmp_path / "extract.txt", tmp_path / "map.yaml"
    data.write_text(text, encoding="utf-8")
    spec.write_text("widths: [15, 15, 11, 14, 7]\n" + ROLES, encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", case, "-q")
    assert code == 0, out
    assert _labels_and_roles(case) == [
        (3, "GHEORGHE LUNGU", "suspect"),
        (5, "OLENA SAVCHUK", "victim"),
        (7, "VADIM RUSNAC", pd.NA),
    ]
    r = Case.read(case).rejects
    assert r[["row", "reason", "value"]].values.tolist() == [
        [
            4,
            "fixed_misaligned",
            "line does not fit the widths: 'POPA\\tION\\t1980-05-05\\t+40721000222\\tsuspect'",
        ],
        [6, "fixed_misaligned", "line does not fit the widths: 'SHORT'"],
    ]
    code, out = _invoke("mapping", "suggest", data)
    assert code == 0, out
    draft = yaml.safe_load(out)
    assert draft["format"] == "fixed"
    assert draft["widths"] == [15, 15, 11, 14, 7]


def test_a_data_line_above_the_header_is_warned_and_a_title_is_not(tmp_path: Path) -> None:
    """A victim's line above the header (the export's first row left over when the header
    was repeated, or `header_row:` set too low) is not read: ingest and `mapping suggest`
    name its row. The title, the `Run date:` line and the blank line are a preamble's,
    named by no warning; with the header row set to row 2, row 1 is read as data."""
    lines = [
        "BORDER POLICE - CROSSINGS EXTRACT         RUN 2024-03-20 PAGE 1",
        "Run date: 2024-03-20",
        "",
        "MORARU              OLGA                2003-02-11 MDA VR998877",
        "SURNAME             GIVEN NAMES         DOB        NAT DOC NO",
        "------------------- ------------------- ---------- --- -----------",
        "KOVALENKO           DARIA               2000-11-21 UKR FT123456",
        "BONDAR              SERGIY              1985-07-07 UKR FE998877",
    ]
    data, spec = tmp_path / "crossings.txt", tmp_path / "map.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec.write_text("widths: [20, 20, 11, 4, 11]\n" + PERSON, encoding="utf-8")
    code, out = _invoke("ingest", data, "--mapping", spec, "-o", tmp_path / "case")
    assert code == 0, out
    assert (
        "warning: crossings.txt: row 4 above the header (row 5) looks like the table's data"
        " rows (as wide, values where its rows hold values) but is not read" in out
    )
    assert "row 1" not in out
    assert "row 2 " not in out
    assert [p[0] for p in _persons(tmp_path / "case")] == [7, 8]
    code, out = _invoke("mapping", "suggest", data)
    assert code == 0, out
    assert "# WARNING: crossings.txt: row 4 above the header (row 5) looks like" in out
    # the same extract without the stray line: no warning
    clean = tmp_path / "clean.txt"
    clean.write_text("\n".join(lines[:3] + lines[4:]) + "\n", encoding="utf-8")
    code, out = _invoke("ingest", clean, "--mapping", spec, "-o", tmp_path / "case2")
    assert code == 0, out
    assert "above the header" not in out
    assert "not read" not in out
