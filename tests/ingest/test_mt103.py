"""SWIFT MT103 payment messages: told by their content, each message one ``paid`` link
ordering customer -> beneficiary with amount, currency, value date and references; read
as MT940 they are an error naming what they are, never an empty case. Through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_BATCH = """\
{1:F01DEUTDEFFAXXX0000000000}{2:I103RZBAROBUXXXXN}{3:{121:8a562c67-ca16-48ba-b074-65581be6f001}}{4:
:20:REF20240307A
:23B:CRED
:32A:240307EUR12500,00
:50K:/DE89370400440532013000
SERGIY BONDAR
HAUPTSTR. 9
10827 BERLIN
:59:/RO49AAAA1B31007593840000
ION POPA
STR. MORII 3 IASI
:70:INVOICE 44
CONSULTING
:71A:SHA
-}
{1:F01DEUTDEFFAXXX0000000000}{2:I103RZBAROBUXXXXN}{4:
:20:REF20240309B
:23B:CRED
:32A:240309EUR800,
:50F:/DE89370400440532013000
1/DREAM TRAVEL SRL
2/STR. LUNGA 1
:59:/RO09BCYP0000001234567890
MIHAELA RUSU
:70:TICKET
:71A:OUR
-}
{1:F01DEUTDEFFAXXX0000000000}{2:I103RZBAROBUXXXXN}{4:
:20:REF20240310C
:23B:CRED
:50K:/DE89370400440532013000
SERGIY BONDAR
:59:/RO09BCYP0000001234567890
MIHAELA RUSU
-}
"""


def _write(tmp_path: Path, text: str = _BATCH) -> Path:
    path = tmp_path / "wires.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _labels(case: Case) -> dict[str, str]:
    m = case.mentions
    return dict(zip(m["mention_id"], m["name"].fillna(m["account"]), strict=True))


def test_each_message_is_one_payment_from_ordering_customer_to_beneficiary(tmp_path):
    path = _write(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "case")
    label = _labels(case)
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    got = [
        (int(r.row), label[r.src], label[r.dst], float(r.amount), r.currency,
         r.time.strftime("%Y-%m-%d"), json.loads(r.attrs))
        for r in paid.itertuples()
    ]  # fmt: skip
    assert [g[:6] for g in got] == [
        (1, "DE89370400440532013000", "RO49AAAA1B31007593840000", 12500.0, "EUR", "2024-03-07"),
        (2, "DE89370400440532013000", "RO09BCYP0000001234567890", 800.0, "EUR", "2024-03-09"),
    ]
    first, second = got[0][6], got[1][6]
    assert first["bank_reference"] == "REF20240307A"
    assert first["reference"] == "INVOICE 44 CONSULTING"
    assert first["end_to_end_id"] == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert first["value_date"] == "2024-03-07"
    assert second["reference"] == "TICKET"
    holds = case.links[case.links["kind"] == "holds_account"]
    owners = sorted((label[s], label[d]) for s, d in holds[["src", "dst"]].to_numpy())
    assert owners == [
        ("DREAM TRAVEL SRL", "DE89370400440532013000"),
        ("ION POPA", "RO49AAAA1B31007593840000"),
        ("MIHAELA RUSU", "RO09BCYP0000001234567890"),
        ("SERGIY BONDAR", "DE89370400440532013000"),
    ]
    kinds = dict(zip(case.mentions["name"], case.mentions["type"], strict=False))
    assert kinds["DREAM TRAVEL SRL"] == "organisation"
    assert kinds["SERGIY BONDAR"] == "person"
    bad = case.rejects[case.rejects["reason"] == "entry_invalid"]
    assert bad["row"].tolist() == [3]  # no :32A:: no amount to read


def test_mt103_read_as_mt940_is_an_error_naming_it(tmp_path):
    path = _write(tmp_path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: mt940\ninclude: statement\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code != 0
    flat = " ".join(result.output.split())
    assert "not an MT940 statement: the file holds SWIFT MT103 payment messages" in flat
    assert "format: mt103" in flat
    assert not (out / "links.parquet").exists()


def test_a_mapping_with_format_mt103_reads_the_text_blocks_alone(tmp_path):
    """Without the SWIFT blocks each message begins at its :20:."""
    bare = "\n".join(line for line in _BATCH.splitlines() if not line.startswith(("{1:", "-}")))
    path = _write(tmp_path, bare)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: mt103\ninclude: statement\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    paid = Case.read(out).links.query("kind == 'paid'").sort_values("row")
    assert paid["amount"].tolist() == [12500.0, 800.0]


def test_a_message_with_a_field_written_twice_is_a_reject_naming_both_values(tmp_path):
    """Two :32A: (or :50K: and :50F:) in one message: which was sent cannot be told, so
    the message is an entry_invalid reject, never the first one taken silently."""
    twice = _BATCH.replace(":32A:240309EUR800,\n", ":32A:240309EUR800,\n:32A:240309EUR80000,\n")
    path = _write(tmp_path, twice)
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    paid = case.links.query("kind == 'paid'")
    assert paid["row"].tolist() == [1]
    assert paid["amount"].tolist() == [12500.0]
    bad = case.rejects[case.rejects["reason"] == "entry_invalid"].sort_values("row")
    assert bad["row"].tolist() == [2, 3]
    said = bad["value"].iloc[0]
    assert "two :32A: fields" in said
    assert "240309EUR800," in said
    assert "240309EUR80000," in said


_ADDRESSES = """\
{1:F01DEUTDEFFAXXX0000000000}{2:I103RZBAROBUXXXXN}{4:
:20:REF1
:32A:240307EUR100,00
:50K:/DE89370400440532013000
SERGIY BONDAR
HAUPTSTR. 9
10827 BERLIN
GERMANY
:59:/RO49AAAA1B31007593840000
ION POPA
STR. MORII 3 IASI
-}
{1:F01DEUTDEFFAXXX0000000000}{2:I103RZBAROBUXXXXN}{4:
:20:REF2
:32A:240309EUR800,
:50F:/DE89370400440532013000
1/DREAM TRAVEL SRL
2/STR. LUNGA 1
3/RO/BUCURESTI
:59F:/GB29NWBK60161331926819
1/ANNA SMITH
2/12 HIGH STREET
3/GB/LONDON
-}
"""


def test_party_address_lines_are_the_party_address(tmp_path):
    """The lines after :50K:/:59:'s name are the party's address (the name stays the
    name); :50F:/:59F:'s 2/ and 3/ lines too, with the country of 3/CC/TOWN."""
    path = _write(tmp_path, _ADDRESSES)
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "case")
    m = case.mentions
    names = sorted(m.loc[m["type"].isin(["person", "organisation"]), "name"])
    assert names == ["ANNA SMITH", "DREAM TRAVEL SRL", "ION POPA", "SERGIY BONDAR"]
    by_id = m.set_index("mention_id")

    def country(mention: str) -> object:
        value = by_id.at[mention, "country"]
        return value if isinstance(value, str) else None

    lived = {
        (by_id.at[r.src, "name"], by_id.at[r.dst, "address"], country(r.dst), r.kind)
        for r in case.links.itertuples()
        if r.kind in ("lives_at", "registered_at")
    }
    assert lived == {
        ("SERGIY BONDAR", "HAUPTSTR. 9, 10827 BERLIN, GERMANY", None, "lives_at"),
        ("ION POPA", "STR. MORII 3 IASI", None, "lives_at"),
        ("DREAM TRAVEL SRL", "STR. LUNGA 1, BUCURESTI", "RO", "registered_at"),
        ("ANNA SMITH", "12 HIGH STREET, LONDON", "GB", "lives_at"),
    }
