"""National identity numbers with a published check digit (TCKN, DNI/NIE, CURP) are kept
when the digit is wrong, but flagged on their mention and counted in the ingest summary
(tester 36, D12), through `mapping suggest` -> `ingest`."""

from __future__ import annotations

from pathlib import Path

from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

# Check digits worked by hand: DNI 12345678 mod 23 = 14 -> "Z" (table TRWAGMYFPDXBNJZSQVHLCKE);
# NIE X1234567 -> 01234567 mod 23 = 19 -> "L"; TCKN 284619375..: 10th digit
# ((2+4+1+3+5)*7 - (8+6+9+7)) mod 10 = 5, 11th (the first ten's sum) mod 10 = 0; CURP
# BOXW310820HNERXN0 -> 9 (python-stdnum's documented example).
_CSV = """Caso,Nombre del sospechoso,DNI/NIE,CURP,Şüpheli TCKN
C-1,Juan Pérez,12345678Z,BOXW310820HNERXN09,28461937550
C-2,Ana Gómez,12345678A,BOXW310820HNERXN08,28461937551
C-3,Luis Mora,X1234567L,,12345678950
"""


def test_wrong_check_digits_are_kept_flagged_and_said(tmp_path: Path) -> None:
    data = tmp_path / "ids.csv"
    data.write_text(_CSV, encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    case_dir = tmp_path / "case"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    assert code == 0, out
    docs = Case.read(case_dir).mentions.query("type == 'document'")
    flags = dict(zip(docs["label"], docs["flags"].fillna(""), strict=True))
    assert flags == {
        "12345678Z": "",
        "12345678A": "document_checksum",
        "X1234567L": "",
        "BOXW310820HNERXN09": "",
        "BOXW310820HNERXN08": "document_checksum",
        "28461937550": "",
        "28461937551": "document_checksum",
        "12345678950": "",
    }
    for name, value in (("DNI/NIE", "12345678A"), ("CURP", "BOXW310820HNERXN08"),
                        ("TCKN", "28461937551")):  # fmt: skip
        assert f"fails the {name} check digit (first: {value}, row 2)" in out
    assert "0 rejects" in out  # kept, not dropped


def test_a_number_of_the_wrong_length_is_flagged_by_its_format(tmp_path: Path) -> None:
    data = tmp_path / "tr.csv"
    data.write_text("Şüpheli Adı,TC Kimlik No\nHasan Kaya,2846193755\n", encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    case_dir = tmp_path / "case"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    assert code == 0, out
    docs = Case.read(case_dir).mentions.query("type == 'document'")
    assert docs["flags"].tolist() == ["document_format"]
    assert "fails the TCKN length or format" in out
