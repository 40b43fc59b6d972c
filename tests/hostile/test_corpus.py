"""A generated corpus of hostile input files, each run through the CLI (issue 18).

Every case is a small file a hostile source or a careless colleague could send. For each:

- no traceback: the command ends with output or a clear ``Error:`` naming the file;
- no silent drop: every data row of the file is in the mentions or the rejects (rows in =
  rows accounted for), whenever the file as a whole was accepted;
- nothing on the terminal a terminal would act on (control or bidi characters);
- victims' names never printed by the table commands, whatever the payload, nor stored in
  the derived ``metrics.parquet`` labels, and neither is the phone only the victim uses;
- every CSV we write then (``export --format csv``) holds no cell a spreadsheet would run.

The payloads are the classes of the issue; the expectations come from how each file was
built (its number of data rows), not from running linkgraph.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

pytestmark = pytest.mark.slow

# Payloads that go into one cell (a name).
PAYLOADS = {
    "formula": '=HYPERLINK("http://evil.example","x")',
    "formula_cr": "\r=1+1",
    "formula_tab": "\t@SUM(A1)",
    "formula_space": "  +cmd|' /C calc'!A0",
    "formula_fullwidth": "\uff1d1+1",
    "esc_title": "Ana\x1b]0;pwned\x07Pop",
    "esc_csi": "Ana\x1b[2J\x1b[31mPop",
    "c1_csi": "Ana\x9b31mPop",
    "bidi_rlo": "Ana\u202eexe.txt",
    "bidi_isolate": "Ion\u2066Rusu\u2069",
    "line_sep": "Ana\u2028Pop",
    "nel": "Ana\x85Pop",
    "html": "<script>alert(1)</script>",
    "html_img": '<img src=x onerror="fetch(`//evil`)">',
    "quote": 'Ana "the boss" Pop',
    "backslash": "Ana\\Pop\\",
    "long": "A" * 20_000,
    "zero_width": "A\u200bn\u200ba",
    "combining": "A\u0301\u0301\u0301\u0301na",
    "emoji": "Ana \U0001f600 Pop",
    "rtl": "محمد علي",
    "cjk": "王小明",
    "semicolons": "Ana;Pop;Ion",
    "json_like": '{"name": "x"}',
    "blank": "",
}

HEADER = ["record_id", "given_name", "family_name", "dob", "phone", "role"]
#: The phone only the victim of :func:`_rows` uses: it names her as surely as her name.
VICTIM_PHONE = "+380501234567"


@dataclass
class HostileCase:
    """One hostile file: how to ingest it and how many data rows it holds (None: no rows
    are expected to be counted, e.g. the file must be refused as a whole)."""

    name: str
    content: bytes
    args: tuple[str, ...]
    rows: int | None
    victim: str | None = None


def _rows(payload: str) -> list[list[str]]:
    return [
        ["1", payload, "Pop", "1990-01-02", "+40722111222", "suspect"],
        ["2", "Olena", "Kravets", "2001-03-04", VICTIM_PHONE, "victim"],
        ["3", "Ion", payload, "19850607", "0722 333 444", ""],
    ]


def _csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    out = []
    for row in [HEADER, *rows]:
        cells = []
        for c in row:
            if any(ch in c for ch in (delimiter, '"', "\n", "\r")):
                c = '"' + c.replace('"', '""') + '"'
            cells.append(c)
        out.append(delimiter.join(cells))
    return newline.join(out) + newline


def _xlsx(rows: list[list[str]]) -> bytes:
    """A workbook as an agency sends it: a title row and a blank row above the header."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Hotline reports, exported 2024-05-01"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        # A cell that starts with "=" is stored as a formula, as a spreadsheet would.
        sheet.append(["".join(ch for ch in c if ch >= " " or ch in "\t\n\r") for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _jsonl(rows: list[list[str]]) -> str:
    return "".join(json.dumps(dict(zip(HEADER, r, strict=True))) + "\n" for r in rows)


def _cases() -> list[HostileCase]:
    cases: list[HostileCase] = []
    people = ("--preset", "people")
    for key, payload in PAYLOADS.items():
        rows = _rows(payload)
        cases.append(HostileCase(f"{key}.csv", _csv_text(rows).encode(), people, 3, "Kravets"))
        cases.append(
            HostileCase(
                f"{key}_crlf_semicolon.csv",
                _csv_text(rows, ";", "\r\n").encode(),
                people,
                3,
                "Kravets",
            )
        )
        cases.append(
            HostileCase(
                f"{key}_bom.csv", b"\xef\xbb\xbf" + _csv_text(rows).encode(), people, 3, "Kravets"
            )
        )
        cases.append(
            HostileCase(f"{key}_utf16.csv", _csv_text(rows).encode("utf-16"), people, 3, "Kravets")
        )
        cases.append(HostileCase(f"{key}.jsonl", _jsonl(rows).encode(), people, 3, "Kravets"))
        cases.append(
            HostileCase(f"{key}.tsv", _csv_text(rows, "\t").encode(), people, 3, "Kravets")
        )
        cases.append(HostileCase(f"{key}.xlsx", _xlsx(rows), people, 3, "Kravets"))
        cases.append(
            HostileCase(
                f"{key}_nested.json",
                json.dumps(
                    {"data": {"records": [dict(zip(HEADER, r, strict=True)) for r in rows]}}
                ).encode(),
                people,
                3,
                "Kravets",
            )
        )
        try:
            cp = _csv_text(rows).encode("cp1252")
        except UnicodeEncodeError:
            cp = None
        if cp is not None:
            cases.append(HostileCase(f"{key}_cp1252.csv", cp, people, 3, "Kravets"))
        # The payload as an edge-list node and as a FtM name.
        edges = f"source,target,weight\n{json.dumps(payload)},b,1\nb,c,2\nc,d,1\n"
        cases.append(HostileCase(f"{key}_edges.csv", edges.encode(), ("--preset", "edgelist"), 3))
        ftm = [
            {"id": "p1", "schema": "Person", "properties": {"name": [payload or "x"]}},
            {"id": "p2", "schema": "Person", "properties": {"name": ["Olena Kravets"]}},
        ]
        cases.append(
            HostileCase(f"{key}_ftm.json", json.dumps(ftm).encode(), ("--preset", "ftm"), 2)
        )

    # Structural hostility.
    good = _csv_text(_rows("Ana")).encode()
    structural = [
        HostileCase("empty.csv", b"", people, None),
        HostileCase("blank_lines.csv", b"\n\n\n\n", people, None),
        HostileCase("header_only.csv", ",".join(HEADER).encode() + b"\n", people, 0),
        HostileCase("no_newline_at_end.csv", good.rstrip(b"\n"), people, 3),
        HostileCase("mixed_newlines.csv", good.replace(b"\n", b"\r", 1), people, 3),
        HostileCase("nul_bytes.csv", good.replace(b"Olena", b"Ol\x00ena"), people, 3),
        HostileCase("binary.csv", bytes(range(256)) * 8, people, None),
        HostileCase("bad_utf8.csv", good.replace(b"Ion", b"I\xff\xfen"), people, 3),
        HostileCase("short_cp1252.csv", "name\nJos\xe9\n".encode("cp1252"), people, 1),
        HostileCase(
            "ragged.csv",
            (",".join(HEADER) + "\n1,Ana\n2,Ion,Rusu,1980-01-01,+40722333444,,x,y\n").encode(),
            people,
            2,
        ),
        HostileCase(
            "dup_headers.csv",
            b"given_name,given_name,family_name\nAna,Maria,Pop\nIon,Ion,Rusu\n",
            people,
            2,
        ),
        HostileCase("unclosed_quote.csv", good + b'4,"Ana,Pop,1990-01-01\n', people, 4),
        HostileCase("huge_cell.csv", good + b"4," + b"A" * (5 << 20) + b",Pop,,,\n", people, 4),
        HostileCase(
            "many_columns.csv",
            (",".join(f"c{i}" for i in range(3000)) + "\n" + ",".join("x" * 3000) + "\n").encode(),
            people,
            None,  # no column the preset knows: refused as a whole, clearly
        ),
        HostileCase("deep.json", b"[" * 20_000 + b"]" * 20_000, people, None),
        HostileCase(
            "deep.jsonl",
            b'{"name": ' + b"[" * 20_000 + b"]" * 20_000 + b'}\n{"given_name": "Ion"}\n',
            people,
            2,
        ),
        HostileCase("scalars.jsonl", b'1\n"Ana"\nnull\n{"given_name": "Ion"}\n', people, 4),
        HostileCase("not_json.json", b"{this is not json", people, None),
        HostileCase("u2028.jsonl", '{"given_name": "A\u2028B"}\n'.encode(), people, 1),
        HostileCase(
            "list_in_name.jsonl",
            b'{"given_name": ["Ana", "Maria"], "family_name": {"x": 1}}\n{"given_name": "Ion"}\n',
            people,
            2,
        ),
        HostileCase("ftm_not_objects.json", b'[1, "x", null, []]', ("--preset", "ftm"), 4),
        HostileCase(
            "ftm_bad_props.json",
            json.dumps(
                [
                    {"id": "a", "schema": "Person", "properties": "Ana"},
                    {"id": "b", "schema": "Nope", "properties": {}},
                    {
                        "id": "c",
                        "schema": "Person",
                        "properties": {
                            "name": "Ion",
                            "phone": "+40722111222",
                            "birthDate": "yesterday",
                        },
                    },
                ]
            ).encode(),
            ("--preset", "ftm"),
            3,
        ),
        HostileCase(
            "ftm_deep.json", b"[" + b"[" * 20_000 + b"]" * 20_000 + b"]", ("--preset", "ftm"), None
        ),
        HostileCase(
            "edges_comments.csv", b"source,target\n#a,b\n%c,d\ne,f\n", ("--preset", "edgelist"), 3
        ),
        HostileCase(
            "edges_negative.csv",
            b"source,target,weight\na,b,-5\nb,c,2\n",
            ("--preset", "edgelist"),
            2,
        ),
        HostileCase(
            "edges_nan.csv",
            b"source,target,weight\na,b,nan\nb,c,inf\nc,,1\n",
            ("--preset", "edgelist"),
            3,
        ),
        HostileCase("edges_self.csv", b"source,target\na,a\na,b\n", ("--preset", "edgelist"), 2),
    ]
    cases.extend(structural)
    # Dates and numbers agencies really write, with hostile twists.
    for i, dob in enumerate(["31/02/1990", "00000000", "99999999", "1e10", "-1", "2024-13-45",
                             "0x1F", "NaN", "∞", "１９９０-０１-０２"]):  # fmt: skip
        rows = [["1", "Ana", "Pop", dob, "+40722111222", ""]]
        cases.append(HostileCase(f"dob_{i}.csv", _csv_text(rows).encode(), people, 1))
    for i, phone in enumerate(["+", "++40", "0" * 200, "+40 722 111 222 ext. 5", "tel:+40722",
                               "=1+1", "-40722111222", "+999999999999999"]):  # fmt: skip
        rows = [["1", "Ana", "Pop", "1990-01-01", phone, ""]]
        cases.append(HostileCase(f"phone_{i}.csv", _csv_text(rows).encode(), people, 1))
    return cases


CASES = _cases()
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def test_the_corpus_is_large_and_covers_the_classes():
    assert len(CASES) >= 300, len(CASES)
    assert len({c.name for c in CASES}) == len(CASES)


def _no_traceback(result) -> None:
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"traceback: {type(exc).__name__}: {exc}\n{result.output[-2000:]}"
    )


def _printable(text: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(text) if c not in "\n\t"})
    assert not bad, f"terminal control characters printed: {bad}"


def _accounted_rows(case_dir: Path, source: str) -> set[int]:
    case = Case.read(case_dir)
    rows: set[int] = set()
    for table in (case.mentions, case.rejects):
        sub = table[table["source"].astype(str).str.startswith(source)]
        rows |= {int(r) for r in sub["row"].dropna()}
    return rows


@pytest.mark.parametrize("hostile", CASES, ids=lambda c: c.name)
def test_hostile_file_through_the_cli(tmp_path, hostile):
    runner = CliRunner()
    src = tmp_path / hostile.name
    src.write_bytes(hostile.content)
    case_dir = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(src), *hostile.args, "-o", str(case_dir), "-q"])
    _no_traceback(result)
    _printable(result.output)
    if result.exit_code != 0:
        assert result.exit_code in (1, 2)
        assert "Error" in result.output
        assert hostile.name in result.output or "Usage" in result.output
        assert hostile.rows in (None, 0) or hostile.name.endswith(("utf16.csv",)), (
            f"{hostile.name} was refused as a whole: {result.output[-500:]}"
        )
        return
    if hostile.rows is not None:
        assert _accounted_rows(case_dir, hostile.name) == set(range(1, hostile.rows + 1))
    later = runner.invoke(cli, ["analyze", str(case_dir), "-q"])
    _no_traceback(later)
    _printable(later.output)
    if hostile.victim:
        assert hostile.victim not in later.output
        assert VICTIM_PHONE not in later.output
        if later.exit_code == 0:
            labels = " ".join(Case.read(case_dir).metrics["label"].dropna().astype(str))
            assert hostile.victim not in labels, "metrics.parquet names the victim"
            assert VICTIM_PHONE not in labels, "metrics.parquet names the victim's phone"
    exported = tmp_path / "export"
    out = runner.invoke(cli, ["export", str(case_dir), "--format", "csv", "-o", str(exported)])
    _no_traceback(out)
    for file in sorted(exported.rglob("*.csv")) if exported.exists() else []:
        with open(file, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    stripped = cell.lstrip(" \t\r\n\x00\x0b\x0c\u00a0\u3000")
                    assert not (cell[:1] in "\t\r\n" and cell) or cell.startswith("'")
                    assert stripped[:1] not in tuple("=+-@\uff1d\uff0b\uff0d\uff20") or (
                        cell.startswith("'") or _is_number(cell)
                    ), f"{file.name}: formula cell {cell[:40]!r}"
                    if hostile.victim:
                        assert hostile.victim not in cell, f"{file.name}: victim named"
                        assert VICTIM_PHONE not in cell, f"{file.name}: victim's phone"


def _is_number(cell: str) -> bool:
    """A signed plain number, spaces allowed (``+44 20 7946 0958``): not a formula."""
    try:
        float(cell.replace(" ", "").replace(",", ".", 1))
    except ValueError:
        return False
    return True


def test_every_payload_class_reaches_every_container():
    names = {c.name for c in CASES}
    for key, suffix in itertools.product(PAYLOADS, ["csv", "jsonl", "edges.csv", "ftm.json"]):
        stem = f"{key}.{suffix}" if suffix in ("csv", "jsonl") else f"{key}_{suffix}"
        assert stem in names
