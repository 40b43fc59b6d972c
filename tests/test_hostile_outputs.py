"""Hostile case data in what we write and print (issue 18, items 6, 7 and 9)."""

from __future__ import annotations

import csv
import itertools
import subprocess

import pytest

from linkgraph._io import defuse_formula, write_csv
from linkgraph._terminal import printable

# Every way a spreadsheet (Excel, LibreOffice, Google Sheets) starts a formula, also after
# the blanks and control characters that some of them skip (OWASP CSV injection).
_PREFIXES = ["", " ", "  ", "\t", "\r", "\n", "\r\n", "\x00", "\u00a0", "\u3000", "\x0b"]
_STARTS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"]
_BODIES = ['cmd|" /C calc"!A0', "1+1", 'HYPERLINK("http://x","y")', "SUM(A1:A9)"]
HOSTILE_CELLS = ["".join(p) for p in itertools.product(_PREFIXES, _STARTS, _BODIES)]


def _spreadsheet_would_run(cell: str) -> bool:
    """The reference: a cell is a formula unless its first character is a quote mark, or
    a control character shown as "[U+0000]" (a "[" starts no formula)."""
    return not cell.startswith(("'", "[U+"))


def _shown(cell: str) -> str:
    """``cell`` with NUL and VT written as we write control characters in CSV."""
    return cell.replace("\x00", "[U+0000]").replace("\x0b", "[U+000B]")


def test_every_formula_cell_is_defused_in_the_csv_we_write(tmp_path):
    import pandas as pd

    assert len(HOSTILE_CELLS) == 352
    df = pd.DataFrame({"label": HOSTILE_CELLS, "n": range(len(HOSTILE_CELLS))})
    path = write_csv(df, tmp_path / "out.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(HOSTILE_CELLS)
    running = [r["label"] for r in rows if _spreadsheet_would_run(r["label"])]
    assert running == []
    # The text is kept: only the quote mark is added (control characters are shown).
    assert [r["label"].removeprefix("'") for r in rows] == [_shown(c) for c in HOSTILE_CELLS]
    assert all(r["label"].startswith("'") for r in rows if "[U+" not in r["label"])


@pytest.mark.parametrize("cell", ["Ana-Maria", "Pop, Ana", "1990-01-01", "ana@x.org", "O'Neil"])
def test_ordinary_cells_stay_as_they_are(cell):
    assert defuse_formula(cell) == cell


# C0/C1 controls, DEL, bidi overrides/isolates/marks, line separators.
CONTROL = [chr(c) for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]]
BIDI = ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029", *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A))]  # fmt: skip


@pytest.mark.parametrize("char", CONTROL + BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_printable_leaves_no_control_or_bidi_character(char):
    shown = printable(f"Ana{char}Pop")
    assert char not in shown
    assert shown == f"Ana[U+{ord(char):04X}]Pop"  # as ingest shows it in its rejects


def test_names_that_need_joiners_are_printed_as_they_are():
    assert printable("Ali\u200cReza Pop\tx\ny") == "Ali\u200cReza Pop\tx\ny"


def test_cli_tables_print_no_terminal_control_characters(tmp_path):
    src = tmp_path / "hostile.csv"
    src.write_text(
        "record_id,given_name,family_name,dob,phone\n"
        "1,Ana\u202eexe.txt,Pop\u009b31m,1990-01-01,+40722111222\n"
        "2,Ion\u2066,Rusu\u200f,1980-01-01,+40722333444\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(src), "--preset", "people", "-o", str(case), "-q"],
        check=True,
    )
    out = subprocess.run(
        ["linkgraph", "analyze", str(case)], capture_output=True, text=True, check=True
    )
    printed = out.stdout + out.stderr
    bad = [c for c in printed if c in CONTROL + BIDI and c not in "\n\t"]
    assert bad == []
    assert "[U+009B]" in printed  # shown, not hidden
    assert "Anaexe.txt" in printed  # the bidi override was removed at ingest


def test_a_yaml_alias_bomb_is_refused_quickly_and_clearly(tmp_path):
    levels = "abcdefghijkl"
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in itertools.pairwise(levels)
    )
    assert len(text) < 1000
    mapping = tmp_path / "bomb.yaml"
    mapping.write_text(text, encoding="utf-8")
    src = tmp_path / "a.csv"
    src.write_text("name\nAna\n", encoding="utf-8")
    proc = subprocess.run(
        ["linkgraph", "ingest", str(src), "--mapping", str(mapping), "-o", str(tmp_path / "c")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "alias" in proc.stderr
