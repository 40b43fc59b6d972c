"""A UTF-8 export (with or without Excel's BOM) holding a few rows in Windows-1252 is read
as UTF-8, those rows' bytes as cp1252, with a warning naming their lines; a legacy
single-byte file stays in its code page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(tmp_path, data: bytes):
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "people", "-o", str(out)])
    return result, out


def _names(out) -> list[str]:
    mentions = Case.load(out).mentions
    return mentions[mentions["type"] == "person"].sort_values("row")["name"].tolist()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no_bom", "bom"])
def test_more_cp1252_bytes_than_utf8_characters(tmp_path, bom):
    """One UTF-8 row with one accented letter ("Ș", 2 bytes) and a cp1252 row with two
    ("ü" twice): UTF-8 rows read as UTF-8, not the whole file as cp1252 ("È˜tefan"), and
    a BOM (Excel's "CSV UTF-8") does not turn the cp1252 row into a decode error."""
    data = (
        bom
        + b"name,phone\nAna Pop,+40721000111\n"
        + "Jürgen Müller,+40721000112\n".encode("cp1252")
        + "Ștefan Ionescu,+40721000113\n".encode()
    )
    result, out = _ingest(tmp_path, data)
    assert result.exit_code == 0, result.output
    assert _names(out) == ["Ana Pop", "Jürgen Müller", "Ștefan Ionescu"]
    assert "2 bytes were not UTF-8 and were read as Windows-1252" in result.output
    assert "(line 3 of people.csv;" in result.output
    assert "text read as cp1252" not in result.output


def test_lines_named_when_many(tmp_path):
    """Seven cp1252 rows among UTF-8 ones: the warning names the first five lines and
    counts the rest."""
    rows = [f"Müller {i},+4072100011{i}\n".encode("cp1252") for i in range(7)]
    data = "name,phone\nȘtefan Ionescu,+40721000100\nIoana Țurcan,+40721000101\n".encode()
    result, out = _ingest(tmp_path, data + b"".join(rows))
    assert result.exit_code == 0, result.output
    assert _names(out)[:3] == ["Ștefan Ionescu", "Ioana Țurcan", "Müller 0"]
    assert "(lines 4, 5, 6, 7, 8 and 2 more of people.csv;" in result.output


@pytest.mark.parametrize(
    ("encoding", "names"),
    [
        # "DÓŁ" is D3 A3 in cp1250: a valid UTF-8 sequence (Cyrillic "ӣ" in a Latin word)
        ("cp1250", ["Adam DÓŁ", "Paweł Łódź", "Zofia Wójcik", "Jan Kowalski"]),
        # "ВІ" is C2 B2 in cp1251: a valid UTF-8 sequence ("²")
        ("cp1251", ["ВІ", "Олена Кравець", "Тарас Шевченко", "Вікторія Бондар"]),
    ],
)
def test_legacy_files_with_a_valid_utf8_pair_keep_their_page(tmp_path, encoding, names):
    rows = "".join(f"{n},Київ\n" for n in names) if encoding == "cp1251" else ""
    rows = rows or "".join(f"{n},Kraków\n" for n in names)
    result, out = _ingest(tmp_path, ("name,city\n" + rows).encode(encoding))
    assert result.exit_code == 0, result.output
    assert _names(out) == names
    assert "not UTF-8" not in result.output
