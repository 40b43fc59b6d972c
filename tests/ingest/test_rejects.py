"""Bad input: every problem lands in rejects with file, row, column and reason."""

from __future__ import annotations

import json

import pytest

from linkgraph.errors import InputError, StrictModeError
from linkgraph.ingest import IngestConfig, ingest_file


def _ingest(tmp_path, text, *, preset="people", name="in.csv", **kw):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return ingest_file(path, preset=preset, **kw)


def _reasons(case):
    table = case.rejects[["row", "column", "reason"]].astype(object)
    return table.where(table.notna(), None).values.tolist()


def test_short_rows_are_kept_and_reported(tmp_path):
    case = _ingest(tmp_path, "full_name,phone\nAna,+442079460958,,\nBo\nCy,+442079460959\n")
    assert _reasons(case)[:2] == [[1, None, "ragged_row"], [2, None, "ragged_row"]]
    assert set(case.rejects["level"]) == {"value"}
    assert len(case.mentions[case.mentions.type == "person"]) == 3


def test_a_row_wider_than_its_header_is_rejected_whole_not_read_shifted(tmp_path):
    """An unquoted "€1.234,56" in a comma-separated statement splits into two fields and
    pushes the currency one column on: read padded to the header, the link would pay
    1.234 and "56" would be a bad currency. The row is a row-level ragged_row reject
    saying how to fix it, and makes no link; the other rows are read."""
    text = (
        "date,payer,payee,amount,currency\n"
        "2024-03-05,Petro Bondar,Olena Kravets,1234.56,USD\n"
        "2024-03-07,Ion Ceban,Maria Rusu,€1.234,56,EUR\n"
        "2024-03-08,Ion Ceban,Petro Bondar,20.00,EUR\n"
    )
    from linkgraph.ingest.mapping import parse_mapping

    people = {"type": "person", "fields": {"name": "payer"}}
    spec = {
        "entities": {"payer": people, "payee": {"type": "person", "fields": {"name": "payee"}}},
        "links": [{"kind": "paid", "src": "payer", "dst": "payee", "amount": "amount",
                   "currency": "currency", "time": "date"}],
    }  # fmt: skip
    mapping = parse_mapping(spec, name="m", base=None)
    case = _ingest(tmp_path, text, preset=None, mapping=mapping)
    assert _reasons(case) == [[2, None, "ragged_row"]]
    reject = case.rejects.iloc[0]
    assert reject["level"] == "row"
    assert reject["value"].startswith("6 fields, header has 5: ")
    assert "quote the field that holds the delimiter" in reject["value"]
    assert sorted(case.links["row"]) == [1, 3]
    assert sorted(case.links["amount"].astype(float)) == [20.0, 1234.56]


def test_unparseable_dates_and_invalid_phones_keep_the_row(tmp_path):
    case = _ingest(tmp_path, "full_name,dob,phone\nAna,yesterday,12\n")
    assert _reasons(case) == [[1, "dob", "dob_invalid"], [1, "phone", "phone_invalid"]]
    person = case.mentions[case.mentions.type == "person"].iloc[0]
    assert person["dob"] == "yesterday"
    assert person["flags"] == "dob_invalid"
    # "12" is no phone to be a node: the reject, and the text kept on its owner
    assert (case.mentions.type == "phone").sum() == 0
    assert person["attrs"] == '{"phone_invalid": "12"}'
    assert set(case.rejects["level"]) == {"value"}


def test_unparseable_amounts(tmp_path):
    case = _ingest(
        tmp_path,
        'from_account,to_account,amount,currency\nA1,B2,lots,EUR\nA1,B2,"1.234,50",€\n',
        preset="transactions",
    )
    assert _reasons(case) == [[1, "amount", "amount_invalid"]]
    assert case.links.loc[case.links.kind == "paid", "amount"].tolist()[1] == 1234.5


def test_row_without_any_entity_is_a_row_reject(tmp_path):
    case = _ingest(tmp_path, "full_name,record_id\nAna,1\n,2\n")
    assert _reasons(case) == [[2, None, "no_entity"]]
    assert case.rejects.iloc[0]["level"] == "row"


def test_megabyte_cells_are_truncated(tmp_path):
    big = "x" * 2_000_000
    case = _ingest(tmp_path, f"full_name,notes\nAna,{big}\n")
    assert _reasons(case) == [[1, "notes", "cell_too_long"]]
    assert len(case.mentions.iloc[0]["raw"]) < 20_000


def test_nul_bytes_are_removed(tmp_path):
    case = _ingest(tmp_path, "full_name,phone\nA\x00na,+442079460958\n")
    assert _reasons(case) == [[1, "full_name", "nul_bytes"]]
    assert case.mentions.iloc[0]["name"] == "Ana"


def test_control_characters_are_removed_and_reported_like_nul_bytes(tmp_path):
    """Through the CLI: U+000B and U+0001 inside a name are removed, each cell a
    `control_characters` reject showing them; tab and line breaks are whitespace, no reject."""
    from click.testing import CliRunner

    from linkgraph.cli import cli
    from linkgraph.model import Case

    path = tmp_path / "ctrl.csv"
    path.write_bytes(
        b'full_name,phone\n"Bad\x0bName\x01 Ctl",+40722000001\n'
        b'"Tab\tName\r\nTwo",+40722000002\nNul\x00Byte,+40722000003\n'
    )
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert "control_characters: 1" in result.output
    case = Case.load(tmp_path / "c")
    assert _reasons(case) == [[1, "full_name", "control_characters"], [3, "full_name", "nul_bytes"]]
    assert case.rejects["value"].tolist()[0] == "Bad[U+000B]Name[U+0001] Ctl"
    names = case.mentions.loc[case.mentions.type == "person", "name"].tolist()
    # a vertical tab parts words as a space does; a control character is dropped
    assert names == ["Bad Name Ctl", "Tab Name Two", "NulByte"]
    assert "\x0b" not in " ".join(case.mentions["raw"].astype(str))


def test_formula_text_and_html(tmp_path):
    case = _ingest(
        tmp_path,
        'full_name,email\n"=HYPERLINK(""http://evil"",""Ana Pérez"")",a@x.org\n'
        "<b>Bo</b> <script>alert(1)</script>,b@x.org\n",
    )
    assert _reasons(case) == [[1, "full_name", "formula"], [2, "full_name", "html"]]
    names = case.mentions.loc[case.mentions.type == "person", "name"].tolist()
    assert names == ["Ana Pérez", "Bo alert(1)"]


def test_formula_like_names_are_kept_as_written_and_exported_safely(tmp_path):
    """Through the CLI: a formula-like name keeps its text (looked for after leading
    whitespace), is a `formula` reject, is guarded with a quote in the csv export and is
    written as it is in Neo4j's import CSVs; HYPERLINK reads as the label it shows, or as its
    target when the label only says "click"."""
    import csv

    from click.testing import CliRunner

    from linkgraph.cli import cli
    from linkgraph.model import Case

    path = tmp_path / "names.csv"
    path.write_text(
        "full_name,phone\n"
        '"=HYPERLINK(""http://x"",""click"")",+40722100003\n'
        "@SUM(1) Pop,+40722100005\n"
        "\t=cmd Tabpre,+40722100010\n"
        "-1+2 Minus,+40722100011\n"
        "@anna Pop,+40722100012\n",
        encoding="utf-8",
    )
    case_dir = tmp_path / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(path), "--preset", "people", "-o", str(case_dir), "-q"],
        ["resolve", str(case_dir), "-q"],
        ["export", str(case_dir), "-f", "csv", "-o", str(tmp_path / "csv")],
        ["export", str(case_dir), "-f", "neo4j", "-o", str(tmp_path / "neo4j")],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    case = Case.load(case_dir)
    persons = case.mentions[case.mentions.type == "person"]
    names = persons["name"].fillna("").tolist()
    # "click" only says what to do with the link: no name, the person holds its URL
    assert names == ["", "@SUM(1) Pop", "=cmd Tabpre", "-1+2 Minus", "@anna Pop"]
    assert persons["label"].iloc[0] == "unnamed person"
    assert json.loads(persons["attrs"].iloc[0])["url"] == "http://x"
    assert _reasons(case) == [
        [1, "full_name", "formula"], [2, "full_name", "formula"], [3, "full_name", "formula"],
    ]  # fmt: skip

    def labels(file, column):
        with file.open(encoding="utf-8", newline="") as fh:
            return {row[column] for row in csv.DictReader(fh)}

    exported = labels(tmp_path / "csv" / "entities.csv", "label")
    assert {"'@SUM(1) Pop", "'=cmd Tabpre", "'-1+2 Minus", "'@anna Pop"} <= exported
    stored = labels(tmp_path / "neo4j" / "nodes.csv", "label:string")
    assert {"@SUM(1) Pop", "=cmd Tabpre", "-1+2 Minus", "@anna Pop"} <= stored


def test_html_written_with_entities_never_becomes_a_tag(tmp_path):
    from linkgraph.ingest.mapping import parse_mapping

    fields = {"name": "full_name", "notes": "notes"}
    mapping = parse_mapping({"entities": {"p": {"type": "person", "fields": fields}}},
                            name="m", base=None)  # fmt: skip
    case = _ingest(
        tmp_path,
        "full_name,notes\n"
        "&lt;img src=x onerror=alert(4)&gt;Ana,&lt;img src=x onerror=alert(4)&gt;\n"
        "Bo &amp;lt;script&amp;gt;alert(5)&amp;lt;/script&amp;gt;,Tom &amp;amp; Jerry\n",
        preset=None,
        mapping=mapping,
    )
    assert _reasons(case) == [
        [1, "full_name", "html"], [1, "notes", "html"],
        [2, "full_name", "html"], [2, "notes", "html"],
    ]  # fmt: skip
    assert case.mentions["name"].tolist() == ["Ana", "Bo alert(5)"]
    attrs = case.mentions["attrs"].astype(str).tolist()
    assert "<" not in " ".join(attrs)
    assert "Tom & Jerry" in attrs[1]


#: Alireza in Persian: the zero-width non-joiner keeps علی and رضا apart as written.
ALIREZA = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627"


def test_bidi_and_zero_width_characters_are_removed_and_reported(tmp_path):
    case = _ingest(
        tmp_path,
        "full_name,phone,email\n"
        "Ana\u202eexe.txt,+4072\u200b1003001,a\u2066@x.org\n"
        f"{ALIREZA} Pop\u200f,+40721003002,b@x.org\n",
    )
    assert _reasons(case) == [
        [1, "full_name", "invisible_characters"], [1, "phone", "invisible_characters"],
        [1, "email", "invisible_characters"], [2, "full_name", "invisible_characters"],
    ]  # fmt: skip
    assert case.rejects["value"].tolist()[:2] == ["Ana[U+202E]exe.txt", "+4072[U+200B]1003001"]
    persons = case.mentions[case.mentions.type == "person"]
    assert persons["name"].tolist() == ["Anaexe.txt", f"{ALIREZA} Pop"]  # Persian ZWNJ stays
    assert persons["label"].tolist() == ["Anaexe.txt", f"{ALIREZA} Pop"]
    phones = case.mentions.loc[case.mentions.type == "phone", "phone"].tolist()
    assert phones == ["+40721003001", "+40721003002"]
    assert case.mentions.loc[case.mentions.type == "email", "email"].tolist()[0] == "a@x.org"
    assert "\u202e" not in " ".join(case.mentions["raw"].astype(str))


def test_zero_width_joiners_in_latin_and_cyrillic_names_are_removed_and_reported(tmp_path):
    """ZWJ and ZWNJ change nothing shown beside Latin or Cyrillic letters: "Wi\u200ddth"
    would otherwise differ from "Width" in another file. Between Arabic letters and in an
    emoji sequence they stay."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, joined
    case = _ingest(
        tmp_path,
        "full_name,phone,email\n"
        "Zero Wi\u200ddth Ivanov,+40721003001,a@x.org\n"
        "\u200cКсе\u200dния Жмуркова,+40721003002,b@x.org\n"
        f"{ALIREZA} {family},+40721003003,c@x.org\n",
    )
    assert _reasons(case) == [
        [1, "full_name", "invisible_characters"], [2, "full_name", "invisible_characters"],
    ]  # fmt: skip
    assert case.rejects["value"].tolist() == [
        "Zero Wi[U+200D]dth Ivanov",
        "[U+200C]Ксе[U+200D]ния Жмуркова",
    ]
    persons = case.mentions[case.mentions.type == "person"]
    assert persons["name"].tolist() == [
        "Zero Width Ivanov",
        "Ксения Жмуркова",
        f"{ALIREZA} {family}",
    ]
    assert "\u200d" not in " ".join(persons["raw"].astype(str).head(2))


def _declared(encoding):
    from linkgraph.ingest.mapping import parse_mapping

    entities = {"p": {"type": "person", "fields": {"name": "full_name"}}}
    return parse_mapping({"encoding": encoding, "entities": entities}, name="m", base=None)


def test_undecodable_bytes_and_unknown_encodings(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"full_name\nAna\n\xff\xfe\xfa\x81\n")
    with pytest.raises(InputError, match="cannot decode") as info:
        ingest_file(path, mapping=_declared("utf-8"))
    assert "encoding" in info.value.hint
    with pytest.raises(InputError, match="unknown text encoding"):
        ingest_file(path, mapping=_declared("klingon-8"))


def test_header_only_file_is_fine_but_blank_file_is_not(tmp_path):
    case = _ingest(tmp_path, "full_name,phone\n")
    assert len(case.mentions) == 0
    assert case.manifest["inputs"][0]["rows"] == 0
    with pytest.raises(InputError, match="no rows"):
        _ingest(tmp_path, "\n\n  \n", name="blank.csv")


def test_strict_makes_any_reject_an_error(tmp_path):
    with pytest.raises(StrictModeError) as info:
        _ingest(tmp_path, "full_name,phone\nAna,12\n", config=IngestConfig(strict=True))
    err = info.value
    assert (err.source, err.row, err.column) == ("in.csv", 1, "phone")
    assert "phone_invalid" in err.render()


def test_a_terminal_escape_sequence_goes_whole(tmp_path):
    """A name holding a terminal's colour codes (tester 28): the ESC and its parameters
    go ("\\x1b[31mRed\\x1b[0m Ansi" -> "Red Ansi", not "[31mRed[0m Ansi"); the reject
    shows the cell as written, each control character named."""
    from click.testing import CliRunner

    from linkgraph.cli import cli
    from linkgraph.model import Case

    path = tmp_path / "ansi.csv"
    path.write_bytes(b'full_name,phone\n"\x1b[31mRed\x1b[0m Ansi",+40722000001\n"\x1b[2JReset",\n')
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    case = Case.load(tmp_path / "c")
    names = case.mentions.loc[case.mentions.type == "person", "name"].tolist()
    assert names == ["Red Ansi", "Reset"]
    assert case.rejects["value"].tolist()[0] == "[U+001B][31mRed[U+001B][0m Ansi"
