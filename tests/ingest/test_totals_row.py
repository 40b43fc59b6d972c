"""A totals row under a statement ("Summe" and the column sums, after a blank row) is a
footer, not a movement (tester round 15, F7): `mapping suggest` -> `ingest` with no edit
gives the three payments and one footer_row reject, no phantom account or counterparty."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

STATEMENT = """\
Umsatzanzeige;;;;;
Kontoinhaber;Anna Schmidt;;;;
IBAN;DE89 3704 0044 0532 0130 00;;;;
;;;;;
Buchungstag;Wertstellung;Auftraggeber / Empfänger;IBAN;Soll;Haben
02.01.2024;02.01.2024;Olena Kravets;UA743052990000026007233566001;1.234,56 €;
08.01.2024;08.01.2024;Sunrise Travel SRL;RO92RNCB0082044390980001;;3.400,00 €
15.01.2024;15.01.2024;Ion Ceban;MD24AG000225100013104168;500,50 €;
;;;;;
Summe;;;;1.735,06 €;3.400,00 €
"""


def test_a_totals_row_is_a_footer_not_a_payment(tmp_path: Path) -> None:
    path = tmp_path / "umsaetze.csv"
    path.write_bytes(STATEMENT.encode("cp1252"))
    draft = tmp_path / "draft.yaml"
    case = str(tmp_path / "c")
    for args in (["mapping", "suggest", str(path), "-o", str(draft)],
                 ["ingest", str(path), "--mapping", str(draft), "-o", case]):  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    import linkgraph as lg

    case = lg.Case.read(tmp_path / "c")
    paid = case.links[case.links["kind"].eq("paid")]
    assert sorted(paid["amount"].round(2)) == [500.5, 1234.56, 3400.0]
    assert set(case.mentions["row"].astype(int)) == {1, 2, 3}  # the data rows
    rejects = case.rejects
    assert list(rejects["reason"]) == ["footer_row"]
    assert int(rejects["row"].iloc[0]) == 5  # the blank row under the table is row 4
    assert not case.mentions["label"].astype(str).str.contains("1.735", regex=False).any()
    assert pd.isna(case.mentions["label"]).sum() == 0


def test_filled_cells_are_the_cells_not_empty():
    import pyarrow as pa

    from linkgraph.ingest import readers

    texts = ["Ana", "", None, " ", "Total"]
    columns = [
        pd.Series(texts, dtype="string"),
        pd.Series(texts, dtype=object),
        pd.Series(pd.arrays.ArrowStringArray(pa.array(["x", *texts], pa.large_string())[1:])),
    ]
    for column in columns:
        # the reference: a comparison cell by cell
        expected = [t is not None and t != "" for t in texts]
        if column.dtype == object:  # pandas compares a None cell as not ""
            expected = [t != "" for t in texts]
        assert readers._filled_cells(column).tolist() == expected
