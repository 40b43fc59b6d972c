"""Phones whose "+" Excel dropped, read under a region whose own country code they start
with: "4917612345678" under DE is +49 176 12345678, not +49 4917612345678 (the open
German plan accepts the long reading)."""

from __future__ import annotations

import openpyxl

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _person_list(path):
    """A German police person list whose mobile numbers Excel stored as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Vorname", "Staatsangehörigkeit", "Handy"])
    sheet.append(["Müller", "Jürgen", "deutsch", 4917612345678])  # +49 lost its "+"
    sheet.append(["Schmidt", "Anna", "deutsch", 1701234567])  # 0170 lost its "0"
    sheet.append(["Kravets", "Olena", "ukrainisch", 380675554433])
    sheet.append(["Popa", "Ioana", "rumänisch", 40722111222])
    sheet.append(["Weber", "Klaus", "deutsch", 491701234567])  # +49 170 lost its "+"
    sheet.append(["Braun", "Eva", "deutsch", 4930123456])  # +49 30 lost its "+"
    book.save(path)


def test_digits_starting_with_the_regions_code_are_read_as_international(tmp_path):
    data = tmp_path / "personen.xlsx"
    _person_list(data)
    draft, spec = suggest_draft(data, tmp_path)
    assert spec["region"] == "DE"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    phones = Case.load(tmp_path / "c").mentions.query("type == 'phone'")
    assert dict(zip(phones["row"].astype(int), phones["phone"], strict=True)) == {
        1: "+4917612345678",
        2: "+491701234567",
        3: "+380675554433",
        4: "+40722111222",
        5: "+491701234567",
        6: "+4930123456",
    }
    assert "0 rejects" in text


def test_a_gb_number_without_its_plus_keeps_its_reading(tmp_path):
    """GB's plan refuses the long reading, so "447544534963" was and stays +44 7544 534963;
    a national number written with its trunk "0" is untouched."""
    data = tmp_path / "calls.csv"
    data.write_text("Caller,Callee\n447544534963,07887 962142\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nregion: GB\nentities:\n"
        "  caller: {type: phone, fields: {phone: Caller}}\n"
        "  callee: {type: phone, fields: {phone: Callee}}\n"
        "links:\n- {kind: called, src: caller, dst: callee}\n",
        encoding="utf-8",
    )
    code, text = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, text
    phones = Case.load(tmp_path / "c").mentions.query("type == 'phone'")["phone"]
    assert sorted(phones) == ["+447544534963", "+447887962142"]


def test_the_region_note_counts_only_numbers_without_their_country_code(tmp_path):
    """'447544534963' had its country code (only the "+" was lost): the note on numbers
    read as GB numbers neither counts nor quotes it; '07911 123456' it does."""
    data = tmp_path / "calls.csv"
    data.write_text(
        "Calling Number,Called Number\n447544534963,07911 123456\n447544534963,447887962142\n",
        encoding="utf-8",
    )
    code, text = run_cli("ingest", str(data), "--preset", "cdr", "-o", str(tmp_path / "c"))
    assert code == 0, text
    flat = " ".join(text.split())
    assert "1 phone without a country code read as a GB number" in flat
    assert "such as '07911 123456' -> +447911123456" in flat
    assert "'447544534963' ->" not in flat
    phones = Case.load(tmp_path / "c").mentions.query("type == 'phone'")["phone"]
    assert set(phones) == {"+447544534963", "+447911123456", "+447887962142"}
