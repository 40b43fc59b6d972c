"""Hostile text exports a tester (t46) met: a line of hundreds of megabytes, a header
row past the file's end, mapping includes that leave the mapping's folder or loop, JSON
numbers and strings Python refuses, a byte-order mark in the middle of a file. Each
bound is checked by what is read (characters scanned, lines asked for), not by time."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import readers
from linkgraph.model import Case


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_line_without_breaks_is_scanned_once_and_held_cut(monkeypatch):
    keep = 1 << 16
    monkeypatch.setattr(readers, "LINE_KEEP_CHARS", keep, raising=False)
    scanned = []
    split = readers._split_lines

    def counting(text, quoted):
        scanned.append(len(text))
        return split(text, quoted)

    monkeypatch.setattr(readers, "_split_lines", counting)
    size = 8 << 20  # eight blocks of the reader's 1 MiB
    text = "name,phone\n" + "x" * size + ",+380501112233\nAnna,+380631234567\n"
    lines = list(readers._universal_lines(io.StringIO(text)))
    # Each character is scanned once (the old reader scanned the held line again with
    # each block: 1 + 2 + ... + 8 MiB), and the long line is held as its two ends.
    assert sum(scanned) <= len(text)
    assert len(lines) == 3
    assert lines[1] == "x" * (2 * keep - len(",+380501112233")) + ",+380501112233\n"
    assert lines[2] == "Anna,+380631234567\n"


def test_a_huge_quoted_cell_is_cut_and_its_row_keeps_its_other_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "LINE_KEEP_CHARS", 1 << 15, raising=False)
    data = tmp_path / "people.csv"
    data.write_text(
        "name,phone\nIvan Petrov,+380671234567\n"
        '"' + "A" * 300_000 + '",+380501112233\nAnna Ko,+380631234567\n',
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    rejects = case.rejects
    long = rejects[rejects["reason"] == "cell_too_long"]
    assert list(long["row"]) == [2]
    assert list(long["column"]) == ["name"]
    phones = set(case.mentions.query("type == 'phone'")["phone"])
    assert phones == {"+380671234567", "+380501112233", "+380631234567"}
    assert "ragged_row" not in set(rejects["reason"])


def _count_lines(monkeypatch) -> list[int]:
    asked = [0]

    class Counted(readers.Lines):
        def __next__(self):
            asked[0] += 1
            return super().__next__()

    monkeypatch.setattr(readers, "Lines", Counted)
    return asked


def test_a_header_row_past_the_end_stops_at_the_end_and_names_the_key(tmp_path, monkeypatch):
    asked = _count_lines(monkeypatch)
    data = tmp_path / "people.csv"
    data.write_text("name,phone\nAna Pop,+40721000001\n", encoding="utf-8")
    for key, value in (("header_row", 1_000_000), ("skip_rows", 1_000_000)):
        mapping = tmp_path / f"{key}.yaml"
        mapping.write_text(
            f"format: csv\n{key}: {value}\n"
            "entities:\n  person: {type: person, fields: {given_name: name}}\n",
            encoding="utf-8",
        )
        asked[0] = 0
        code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path))
        assert code != 0
        assert f"`{key}: {value}` is past the end of the file: people.csv holds 2 rows" in text
        assert asked[0] < 10  # the reader stopped at the file's end (it asked a million)


def test_a_header_row_past_the_end_of_an_html_table_names_the_key(tmp_path):
    data = tmp_path / "t.html"
    data.write_text(
        "<table><tr><th>name</th><th>phone</th></tr><tr><td>Ana</td><td>1</td></tr></table>",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: html\nheader_row: 50\n"
        "entities:\n  person: {type: person, fields: {given_name: name}}\n",
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code != 0
    assert "`header_row: 50` is past the end of the file: t.html holds 2 rows" in text
    assert "internal error" not in text


_PERSON = "entities:\n  person: {type: person, fields: {given_name: name}}\n"


def test_an_include_linked_out_of_the_mapping_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("format: csv\n" + _PERSON, encoding="utf-8")
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "common.yaml").symlink_to(outside / "secret.yaml")
    (maps / "inside.yaml").write_text("format: csv\n" + _PERSON, encoding="utf-8")
    (maps / "near.yaml").symlink_to(maps / "inside.yaml")  # a link inside stays readable
    data = tmp_path / "people.csv"
    data.write_text("name,phone\nAna Pop,+40721000001\n", encoding="utf-8")
    for target, fine in (("common.yaml", False), ("near.yaml", True)):
        mapping = maps / f"m_{target}"
        mapping.write_text(f"include: {target}\n", encoding="utf-8")
        code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
        if fine:
            assert code == 0, text
        else:
            assert code != 0
            assert f"include '{target}' is a link to a file outside the mapping's folder" in text


def test_an_include_cycle_is_named(tmp_path):
    (tmp_path / "a.yaml").write_text("include: b.yaml\n" + _PERSON, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("include: a.yaml\n", encoding="utf-8")
    (tmp_path / "self.yaml").write_text("include: self.yaml\n" + _PERSON, encoding="utf-8")
    data = tmp_path / "people.csv"
    data.write_text("name,phone\nAna Pop,+40721000001\n", encoding="utf-8")
    for top, said in (
        ("a.yaml", "include cycle: a.yaml → b.yaml → a.yaml"),
        ("self.yaml", "include cycle: self.yaml → self.yaml"),
    ):
        mapping = tmp_path / top
        code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
        assert code != 0
        assert said in text
        assert "internal error" not in text


def test_a_json_integer_of_thousands_of_digits_is_kept_as_text(tmp_path):
    digits = "9" * 5000
    people = tmp_path / "people.json"
    people.write_text(
        f'[{{"name": "Ivan Petrov", "phone": "+380671234567", "n": {digits}}}]', encoding="utf-8"
    )
    lines = tmp_path / "people.jsonl"
    lines.write_text(
        f'{{"name": "Ivan Petrov", "phone": "+380671234567", "n": {digits}}}\n', encoding="utf-8"
    )
    for data in (people, lines):
        code, text = _cli("mapping", "suggest", str(data))
        assert code == 0, text
        out = tmp_path / f"c_{data.suffix[1:]}"
        code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(out))
        assert code == 0, text
        raw = Case.load(out).mentions.query("type == 'person'")["raw"].iloc[0]
        assert digits in raw


def test_a_lone_surrogate_is_replaced_and_rejected_naming_its_row(tmp_path):
    data = tmp_path / "people.json"
    data.write_text(
        '[{"name": "Anna Ko", "phone": "+380631234567"},'
        ' {"name": "Iv\\ud800an", "phone": "+380671234567"},'
        ' {"name": "Smile \\ud83d\\ude00", "phone": "+380501112233"}]',
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    rejects = case.rejects.query("reason == 'lone_surrogate'")
    assert rejects[["row", "column", "value"]].values.tolist() == [[2, "name", "Iv[U+D800]an"]]
    names = sorted(case.mentions.query("type == 'person'")["label"])
    assert names == ["Anna Ko", "Iv\ufffdan", "Smile \U0001f600"]  # a pair is one character


def test_two_bom_exports_joined_read_the_second_header_as_a_repeat(tmp_path):
    one = "\ufeffname,phone,dob\nIvan Petrov,+380671234567,01.02.1980\n"
    two = "\ufeffname,phone,dob\nAnna Ko,+380631234567,07.08.1985\n"
    data = tmp_path / "joined.csv"
    data.write_bytes((one + two).encode("utf-8"))  # as `cat one.csv two.csv` joins them
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "\ufeff" not in text
    case = Case.load(tmp_path / "c")
    assert sorted(case.mentions.query("type == 'person'")["label"]) == ["Anna Ko", "Ivan Petrov"]
    assert case.rejects[["row", "reason"]].values.tolist() == [[2, "repeated_header"]]


def test_json_without_records_says_so(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    code, text = _cli("ingest", str(empty), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code != 0
    assert "empty.json: the file holds no records" in text
    nested = tmp_path / "nested.json"
    nested.write_text('{"data": {"items": 7}}', encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: json\nrecords: data.items\n" + _PERSON, encoding="utf-8")
    code, text = _cli("ingest", str(nested), "--mapping", str(mapping), "-o", str(tmp_path / "d"))
    assert code != 0
    assert "expected a list of records at `records: data.items`, found a number" in text


def test_ftm_lines_with_one_odd_entity_are_read_as_ftm(tmp_path):
    data = tmp_path / "entities.jsonl"
    data.write_text(
        '{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"]}}\n'
        '{"id":"bad","schema":"Person","properties":"notadict"}\n'
        '{"id":"p2","schema":"Person","properties":{"name":["Anna Ko"]}}\n',
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "read through the ftm preset" in text
    labels = sorted(Case.load(tmp_path / "c").mentions.query("type == 'person'")["label"])
    assert labels == ["Anna Ko", "Ivan Petrov"]


def test_a_row_of_delimiters_alone_between_rows_is_counted(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "name,phone,dob\nAna Pop,+40721000001,01.02.1980\n,,,\n"
        "Bo Li,+40721000002,03.04.1990\n,,\n",  # the last: padding under the table
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "people.csv: 1 empty row (delimiters only: row 2) not read" in text


def test_a_file_given_by_a_link_is_named_by_the_link_in_the_summary(tmp_path):
    target = tmp_path / "export_2024.csv"
    target.write_text("name,phone\nAna Pop,+40721000001\n", encoding="utf-8")
    link = tmp_path / "victims.csv"
    link.symlink_to(target)
    code, text = _cli("ingest", str(link), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert text.startswith("victims.csv: 1 row")
    assert "export_2024" not in text
    assert list(Case.load(tmp_path / "c").mentions["source"].unique()) == ["victims.csv"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # three rows: charset-normalizer scores Chinese as Korean cp949 ("蠟寬, 珙렐") and
        # Central European ISO 8859-2 as Vietnamese cp1258
        (
            "name,phone,dob\n张伟,+8613812345678,1980-01-02\n王芳,+8613912345678,1990-03-04\n"
            "李娜,+8613712345678,1985-07-08\n",
            "gb18030",
        ),
        (
            "name,phone,dob\nŁukasz Żółć,+48501234567,01.02.1980\n"
            "Štěpán Řezníček,+420601234567,03.04.1990\nŐrs Kővári,+36201234567,07.08.1985\n",
            "iso8859_2",
        ),
        ("이름,전화\n김민준,+821012345678\n이서연,+821098765432\n", "cp949"),
        ("name,phone\n山田太郎,+81312345678\n佐藤花子,+81901234567\n", "cp932"),
    ],
)
def test_a_few_rows_in_a_code_page_are_read_in_it(tmp_path, text, encoding):
    data = tmp_path / "people.csv"
    data.write_bytes(text.encode(encoding))
    assert readers.detect_encoding(data) == encoding
