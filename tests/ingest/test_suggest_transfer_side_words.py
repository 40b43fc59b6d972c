"""Two-account transfer tables whose sides are said by a preposition or a word of
origin and destination ("Von Konto"/"An Konto", "Cuenta origen"/"Cuenta destino", "Z
rachunku"/"Na rachunek", "De"/"Para"): the draft pays from the one to the other with the
amount and date (tester t49); a mapping of accounts with no link is told of `paid`, not
of `uses_phone`. Expected links written by hand from the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_A, _B = "DE89370400440532013000", "UA743052990000026007233566001"


@pytest.mark.parametrize(
    ("header", "amount"),
    [
        ("Datum;Von Konto;An Konto;Betrag", "100,50"),
        ("Fecha;Cuenta origen;Cuenta destino;Importe", "100,50"),
        ("Data;Conta origem;Conta destino;Valor", "100,50"),
        ("Data;Z rachunku;Na rachunek;Kwota", "100,50"),
        ("Data;Da conto;A conto;Importo", "100,50"),
        ("Datum;Van rekening;Naar rekening;Bedrag", "100,50"),
        ("Дата;Со счета;На счет;Сумма", "100,50"),
    ],
)
def test_side_words_give_a_paid_link_with_amount_and_date(
    tmp_path: Path, header: str, amount: str
) -> None:
    data = tmp_path / "tx.csv"
    data.write_text(
        f"{header}\n2024-03-07;{_A};{_B};{amount}\n2024-03-08;{_B};{_A};7\n", encoding="utf-8"
    )
    draft, spec = suggest_draft(data, tmp_path)
    (paid,) = [link for link in spec["links"] if link["kind"] == "paid"]
    columns = header.split(";")
    assert spec["entities"][paid["src"]]["fields"]["account"] == columns[1]
    assert spec["entities"][paid["dst"]]["fields"]["account"] == columns[2]
    assert paid["amount"] == columns[3]
    assert paid["time"] == columns[0]
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    case = Case.read(out)
    ident = dict(zip(case.mentions["mention_id"], case.mentions["identifier"], strict=True))
    got = {
        (ident[r.src], ident[r.dst], float(r.amount), str(r.time)[:10])
        for r in case.links.itertuples()
        if r.kind == "paid"
    }
    assert got == {(_A, _B, 100.5, "2024-03-07"), (_B, _A, 7.0, "2024-03-08")}


def test_accounts_without_a_link_are_told_of_paid(tmp_path: Path) -> None:
    data = tmp_path / "tx.csv"
    data.write_text(f"Konto A;Konto B\n{_A};{_B}\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nagency: x\nentities:\n"
        "  account: {type: account, fields: {account: Konto A}}\n"
        "  account_2: {type: account, fields: {account: Konto B}}\n",
        encoding="utf-8",
    )
    code, text = run_cli("mapping", "check", str(data), "--mapping", str(mapping))
    assert code == 0, text
    said = " ".join(text.split())
    assert "{kind: paid, src: account, dst: account_2, amount: AMOUNT COLUMN}" in said
    assert "uses_phone" not in said
