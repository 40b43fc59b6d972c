"""An identifier value that one file gives to many different people (every hotel guest
"holds" the document PASSAPORTO) or that is a placeholder (N/A, 0000) is warned of at
ingest, naming the value, its rows and what to do; a busy phone in a call list and one
person's document on many rows are not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest._shared_values import _Shape


def _ingest(tmp_path: Path, name: str, text: str, preset: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / f"case_{path.stem}"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", preset, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def _people(rows: list[tuple[str, str]]) -> str:
    return "full_name,passport_number\n" + "".join(f"{n},{d}\n" for n, d in rows)


def _guest(i: int) -> str:
    return f"Guest {chr(65 + i // 26)}{chr(65 + i % 26)}"


def test_a_document_every_guest_holds_is_warned_of(tmp_path: Path) -> None:
    # 25 guests of different names "hold" PASSAPORTO; 10 more hold documents of their own
    rows = [(_guest(i), "PASSAPORTO") for i in range(25)]
    rows += [(f"Other {chr(65 + i)}", f"AB{i:06d}") for i in range(10)]
    output = _ingest(tmp_path, "hotel.csv", _people(rows), "people")
    assert (
        "document 'PASSAPORTO' (document) is on many rows: 25 of 35 rows (71%), held by 20+"
        " different persons" in output
    )
    assert "clear it in the file, or (in a mapping) give its column" in output
    assert output.count("is on many rows") == 1


def test_below_the_thresholds_nothing_is_said(tmp_path: Path) -> None:
    # 19 different holders (fewer than 20), though on 19 of 25 rows
    few = [(_guest(i), "PASSAPORTO") for i in range(19)]
    few += [(f"Other {chr(65 + i)}", f"AB{i:06d}") for i in range(6)]
    assert "PASSAPORTO" not in _ingest(tmp_path, "few.csv", _people(few), "people")
    # 20 different holders, but on 20 of 100 rows (20%, under 30%)
    rare = [(_guest(i), "PASSAPORTO") for i in range(20)]
    rare += [(_guest(100 + i), f"AB{i:06d}") for i in range(80)]
    assert "PASSAPORTO" not in _ingest(tmp_path, "rare.csv", _people(rare), "people")


def test_one_persons_document_on_many_rows_is_no_placeholder(tmp_path: Path) -> None:
    rows = [("Ion Popescu", "AB123456")] * 40 + [("Maria Rusu", "CD654321")]
    assert "is on many rows" not in _ingest(tmp_path, "ion.csv", _people(rows), "people")


def test_a_busy_phone_in_a_call_list_is_no_placeholder(tmp_path: Path) -> None:
    calls = "caller,callee,start\n" + "".join(
        f"+4072100{i:04d},+40721999999,2024-01-01 10:{i % 60:02d}:00\n" for i in range(100)
    )
    output = _ingest(tmp_path, "cdr.csv", calls, "cdr")
    assert "+40721999999" not in output
    assert "placeholder" not in output


def test_a_placeholder_value_on_two_rows_is_warned_of(tmp_path: Path) -> None:
    rows = [("Ion Popescu", "0000"), ("Maria Rusu", "0000"), ("Ana Vasile", "AB123456")]
    rows += [("Dan Lupu", "N/A"), ("Elena Moraru", "N/A")]
    output = _ingest(tmp_path, "list.csv", _people(rows), "people")
    assert "document '0000' (document) looks like a placeholder: 2 of 5 rows (40%)" in output
    # N/A is read as the document number NA (letters and digits only)
    assert "document 'NA' (document) looks like a placeholder: 2 of 5 rows (40%)" in output
    assert "AB123456" not in output


def _payments(pairs: list[tuple[str, str]]) -> str:
    return "from_account,to_account,amount\n" + "".join(f"{a},{b},10\n" for a, b in pairs)


def test_a_node_id_in_a_run_of_integer_ids_is_no_placeholder(tmp_path: Path) -> None:
    # AMLSim's 20K sample: accounts are node ids 0..19999, and 9999 is one of them
    pairs = [(str(i), str(9999)) for i in range(1000, 1100)]
    pairs += [(str(9999), str(i)) for i in range(2000, 2050)]
    pairs += [(str(i), str(i + 7)) for i in range(10, 200)]
    output = _ingest(tmp_path, "tx.csv", _payments(pairs), "transactions")
    assert "'9999'" not in output
    assert "placeholder" not in output


def test_a_repeated_digit_among_long_account_numbers_is_a_placeholder(tmp_path: Path) -> None:
    # 9999 stands out among 10-digit account numbers: warned of, as before
    pairs = [(f"40{i:08d}", "9999") for i in range(30)]
    pairs += [(f"40{i:08d}", f"41{i:08d}") for i in range(30)]
    output = _ingest(tmp_path, "tx.csv", _payments(pairs), "transactions")
    assert "account '9999' (to_account) looks like a placeholder: 30 of 60 rows (50%)" in output


def test_shapes_counted_from_distinct_values_as_from_every_value() -> None:
    # "216" three times, "19999" twice, "0216" and "x" once: 5 whole numbers of 3 or 5 digits
    values = pa.array(["216", "19999", "0216", "x"], pa.large_string())
    shape = _Shape()
    shape.add_distinct(values, np.array([3, 2, 1, 1]))
    assert shape.values == 7
    assert shape.digits == {3: 3, 5: 2}


SHARED_MAPPING = """\
format: csv
entities:
  person:
    type: person
    fields:
      name: Name
      role: Role
  phone:
    type: phone
    fields:
      phone: Phone
links:
- {kind: uses_phone, src: person, dst: phone}
"""


def test_a_value_on_a_victims_row_is_not_quoted(tmp_path: Path) -> None:
    """A phone 25 persons hold, one of them a victim, is warned of without its value (the
    victim's phone is hers too); one that 25 suspects hold is quoted."""
    rows = [(_guest(i), "victim" if i == 0 else "suspect", "+40 721 000 001") for i in range(25)]
    rows += [(_guest(100 + i), "suspect", "+40 721 000 002") for i in range(25)]
    data, mapping = tmp_path / "shared.csv", tmp_path / "shared.yaml"
    data.write_text(
        "Name,Role,Phone\n" + "".join(f"{n},{r},{p}\n" for n, r, p in rows), encoding="utf-8"
    )
    mapping.write_text(SHARED_MAPPING, encoding="utf-8")
    out = tmp_path / "case"
    got = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)])
    assert got.exit_code == 0, got.output
    flat = " ".join(got.output.split())
    assert "721000001" not in flat
    assert "721 000 001" not in flat
    assert (
        "a phone (phone; its value withheld: a victim's row holds it) is on many rows: 25 of"
        " 50 rows (50%), held by 20+ different persons" in flat
    )
    assert (
        "phone '+40721000002' (phone) is on many rows: 25 of 50 rows (50%), held by 20+"
        " different persons" in flat
    )
    assert "721000001" not in (out / "manifest.json").read_text(encoding="utf-8")
