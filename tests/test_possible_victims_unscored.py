"""A person with no role whom resolution never compared with a victim (blocking did not
pair them: "MARIN HELENA", family name first and the given name spelt with an H, for the
victim "Elena Marin") is still protected as a possible victim when the case's learnt
model, asked now, scores the pair a plausible match and both names agree. A namesake
whose given name differs, and a pair an analyst decided is two people, stay shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

HOTLINE = """\
victim,victim_phone,suspect,suspect_phone
Elena Marin,+40 721 111 222,Ion Traficant,+40 722 333 444
Oksana Bondar,+380 67 555 1122,Ion Traficant,+40 722 333 444
"""
HOTLINE_MAPPING = """\
region: RO
entities:
  victim: {type: person, fields: {name: victim, role: {value: victim}}}
  victim_phone: {type: phone, fields: {phone: victim_phone}}
  suspect: {type: person, fields: {name: suspect, role: {value: suspect}}}
  suspect_phone: {type: phone, fields: {phone: suspect_phone}}
links:
  - {kind: uses_phone, src: victim, dst: victim_phone}
  - {kind: uses_phone, src: suspect, dst: suspect_phone}
  - {kind: victim_of, src: victim, dst: suspect}
"""
BANK = """\
payer,payer_account,payee,payee_account,amount,date
MARIN HELENA,RO49AAAA1B31007593840000,ION TRAFICANT,RO09BCYP0000001234567890,300,2024-01-07
MARIN ANDREI,RO66BACX0000001234567890,ION TRAFICANT,RO09BCYP0000001234567890,700,2024-01-06
"""
BANK_MAPPING = """\
region: RO
entities:
  payer: {type: person, fields: {name: payer}}
  payer_account: {type: account, fields: {account: payer_account}}
  payee: {type: person, fields: {name: payee}}
  payee_account: {type: account, fields: {account: payee_account}}
links:
  - {kind: holds_account, src: payer, dst: payer_account}
  - {kind: holds_account, src: payee, dst: payee_account}
  - {kind: paid, src: payer_account, dst: payee_account, amount: amount, time: date}
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def case(tmp_path: Path) -> Path:
    for name, text in (("hotline.csv", HOTLINE), ("hotline.yaml", HOTLINE_MAPPING),
                       ("bank.csv", BANK), ("bank.yaml", BANK_MAPPING)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    for stem in ("hotline", "bank"):
        _run("ingest", str(tmp_path / f"{stem}.csv"), "--mapping",
             str(tmp_path / f"{stem}.yaml"), "-o", str(folder), "-q")  # fmt: skip
    _run("resolve", str(folder), "-q")
    return folder


def _never_compared(case: Path) -> None:
    """The premise: resolution holds no evidence row for her and MARIN HELENA."""
    import linkgraph as lg

    c = lg.Case.read(case)
    ids = c.mentions.set_index("label")["mention_id"]
    pair = {ids["Elena Marin"], ids["MARIN HELENA"]}
    ev = c.evidence if c.evidence is not None else pd.DataFrame(columns=["left", "right"])
    assert not any({a, b} == pair for a, b in zip(ev["left"], ev["right"], strict=True))


def test_an_uncompared_near_spelling_is_pseudonymised(case: Path) -> None:
    _never_compared(case)
    out = case.parent / "out"
    _run("render", str(case), "-o", str(out / "map.html"), "-q")
    _run("export", str(case), "-f", "csv", "-o", str(out / "csv"), "-q")
    texts = {f.name: f.read_text(encoding="utf-8") for f in (out / "csv").glob("*.csv")}
    texts["map.html"] = (out / "map.html").read_text(encoding="utf-8")
    texts["mentions"] = _run("mentions", str(case), "--csv")
    for name, text in texts.items():
        assert "MARIN HELENA" not in text, name
        assert "RO49AAAA1B31007593840000" not in text, name  # her account
        assert "Elena Marin" not in text, name
    # A namesake of another given name is someone else: shown.
    for name in ("entities.csv", "map.html", "mentions"):
        assert "MARIN ANDREI" in texts[name], name
    text = _run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    assert "MARIN HELENA" not in text
    assert any("possible victim" in line for line in text.splitlines())


def test_a_cannot_link_decision_shows_the_uncompared_name(case: Path) -> None:
    _run("decide", str(case), "hotline.csv:1:victim", "bank.csv:1:payer", "cannot_link")
    _run("resolve", str(case), "-q")
    assert "MARIN HELENA" in _run("mentions", str(case), "--csv")
