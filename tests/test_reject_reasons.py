"""`linkgraph rejects --help` lists every reason ingest gives a reject, one entry each;
a reason written in the code (a call that makes a reject, or a ``"reason": ...`` key)
and missing from the list fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli
from linkgraph.reject_reasons import REJECT_REASONS

#: String arguments of reject calls that are a column, slot or level, no reason.
_NOT_REASONS = {
    "row", "value", "amount", "amount_local", "currency", "currency_code_local", "data",
    "date", "date_transaction", "number", "properties", "report", "report_parties",
    "schema", "string", "tph_number",
}  # fmt: skip


def _reasons_in_code() -> set[str]:
    found: set[str] = set()
    for path in Path(linkgraph.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant) and key.value == "reason"
                        and isinstance(value, ast.Constant)
                    ):  # fmt: skip
                        found.add(value.value)
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
                if "reject" not in name.lower():
                    continue
                found |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and re.fullmatch(r"[a-z]+(?:_[a-z]+)*", arg.value)
                }
    return found - _NOT_REASONS


def test_every_reason_in_the_code_is_listed() -> None:
    missing = {
        r for r in _reasons_in_code() if r not in REJECT_REASONS and not r.endswith("_invalid")
    }
    assert missing == set()


def test_rejects_help_lists_the_reasons() -> None:
    result = CliRunner().invoke(cli, ["rejects", "--help"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for reason in ("FIELD_invalid", "dob_invalid", "name_is_phone", "skipped_by_mapping"):
        assert any(line.split()[:1] == [reason] for line in lines), reason
    # one entry each, in the order of the list
    listed = [line.split()[0] for line in lines if line.startswith("    ") and line[4] != " "]
    assert listed[-len(REJECT_REASONS) :] == list(REJECT_REASONS)
