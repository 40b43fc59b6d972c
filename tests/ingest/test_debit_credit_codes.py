"""A statement whose direction is a column of short codes (German Soll/Haben "S"/"H",
Russian "Дт"/"Кт"): each row's money goes the way its code says; a code none of them is a
``direction_invalid`` reject whose note lists the accepted codes; and a ``direction: sign``
link whose amounts are all positive is a warning (the direction is in another column)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest.normalize import money_direction
from linkgraph.model import Case

OWN = "DE89370400440532013000"
UA = "UA743052990000026007233566001"
MD = "MD24AG000225100013104168"

CSV = (
    "Buchungstag;IBAN;IBAN Gegenkonto;Betrag;Soll/Haben\n"
    f"07.03.2024;{OWN};{UA};1.250,00;S\n"
    f"08.03.2024;{OWN};{MD};2.000,00;H\n"
    f"09.03.2024;{OWN};{MD};10,00;X\n"
)


def _mapping(link: str) -> str:
    return (
        "format: csv\ndelimiter: ';'\ndecimal: ','\nentities:\n"
        "  account: {type: account, fields: {account: IBAN}}\n"
        "  counterparty: {type: account, fields: {account: IBAN Gegenkonto}}\n"
        f"links:\n  - {{kind: paid, src: account, dst: counterparty, amount: Betrag, {link}}}\n"
    )


def _ingest(tmp_path: Path, link: str) -> tuple[Case, str]:
    data = tmp_path / "umsaetze.csv"
    data.write_text(CSV, encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(_mapping(link), encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return Case.read(out), result.output


def _paid(case: Case) -> list[tuple[str, str, float]]:
    m = case.mentions.set_index("mention_id")
    return sorted(
        (m.at[r.src, "account"], m.at[r.dst, "account"], float(r.amount))
        for r in case.links.itertuples()
    )


@pytest.mark.parametrize(
    ("code", "way"),
    [("S", "out"), ("H", "in"), ("s", "out"), ("Dt", "out"), ("Kt", "in"), ("Дт", "out"),
     ("Кт", "in"), ("DR", "out"), ("CR", "in"), ("D", "out"), ("C", "in")],
)  # fmt: skip
def test_short_debit_credit_codes(code: str, way: str) -> None:
    assert money_direction(code) == way


def test_a_lone_letter_inside_text_says_no_direction() -> None:
    with pytest.raises(ValueError, match="not a debit or credit"):
        money_direction("Petro's")


def test_soll_haben_column_gives_each_payment_its_direction(tmp_path: Path) -> None:
    case, output = _ingest(tmp_path, "direction: incoming, incoming: Soll/Haben")
    # S: the account paid out; H: the counterparty paid in; X: no direction (as written)
    assert _paid(case) == sorted([(MD, OWN, 2000.0), (OWN, MD, 10.0), (OWN, UA, 1250.0)])
    bad = case.rejects[case.rejects["reason"] == "direction_invalid"]
    assert list(bad["value"]) == ["X"]
    assert list(bad["row"]) == [3]
    assert "1 value of Soll/Haben says no direction" in output
    assert "H/S (Haben/Soll)" in output
    assert "C/D" in output


def test_sign_direction_with_only_positive_amounts_is_a_warning(tmp_path: Path) -> None:
    _, output = _ingest(tmp_path, "direction: sign")
    assert "all 3 amounts in Betrag are positive" in output
    assert "such as 'Soll/Haben'" in output


def test_sign_direction_with_signed_amounts_is_no_warning(tmp_path: Path) -> None:
    data = tmp_path / "umsaetze.csv"
    data.write_text(CSV.replace("1.250,00;S", "-1.250,00;S"), encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(_mapping("direction: sign"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "case")]
    )
    assert result.exit_code == 0, result.output
    assert "are positive" not in result.output
