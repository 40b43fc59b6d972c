"""Money as agencies' exports write it: amounts with scale words and either decimal
mark, account numbers a spreadsheet rounded, the direction of payments, bank statements.
Through the CLI (``mapping suggest`` then ``ingest``), where a user meets them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(tmp_path: Path, text: str, mapping: str | None = None) -> tuple[Case, str]:
    """``text`` written as a CSV, ingested through the drafted mapping (or ``mapping``):
    the case and the ingest summary."""
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    yaml = tmp_path / "m.yaml"
    if mapping is None:
        result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(yaml)])
        assert result.exit_code == 0, result.output
    else:
        yaml.write_text(mapping, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(yaml), "-o", str(tmp_path / "case")]
    )
    assert result.exit_code == 0, result.output
    return Case.read(tmp_path / "case"), result.output


def _amounts(case: Case) -> list[float | None]:
    """The paid links' amounts in row order (None where it was rejected)."""
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    return [None if pd.isna(a) else float(a) for a in paid["amount"]]


def _rejected(case: Case, reason: str) -> list[tuple[int, str]]:
    r = case.rejects[case.rejects["reason"] == reason].sort_values("row")
    return [(int(row), str(value)) for row, value in r[["row", "value"]].to_numpy()]


_HEADER = "date,sender_account,receiver_account,amount,currency\n"
_ACCOUNTS = "RO49AAAA1B31007593840000,GB82WEST12345698765432"


def _transfers(*amounts: str) -> str:
    return _HEADER + "".join(
        f'2024-01-{i:02d},{_ACCOUNTS},"{a}",EUR\n' for i, a in enumerate(amounts, start=1)
    )


# -- amounts ---------------------------------------------------------------------------------


def test_scale_words_multiply_and_an_ambiguous_one_is_rejected(tmp_path):
    """ "1,5 Mio" is one and a half million, not 1.5; "1,5M" (a million, or a thousand as
    accountants write M?) is refused, never guessed."""
    case, _ = _ingest(
        tmp_path,
        _transfers("1,5 Mio", "2,3 mln", "500 тыс.", "1,2 Mrd.", "3 Tsd.", "7,5k", "1,5M"),
    )
    assert _amounts(case) == [1_500_000.0, 2_300_000.0, 500_000.0, 1_200_000_000.0,
                              3000.0, 7500.0, None]  # fmt: skip
    assert _rejected(case, "amount_invalid") == [(7, "1,5M")]


def test_a_column_of_decimal_commas_reads_its_lone_dots_as_thousands(tmp_path):
    """A column whose values show decimal commas ("1 234,50", "€1.234,50", "75,25") reads
    "1.234" as 1234 and "1,234" as 1.234; a scale word's lone comma is a decimal comma."""
    case, out = _ingest(
        tmp_path, _transfers("1 234,50", "€1.234,50", "75,25", "1.234", "1,234", "2,5 Mio")
    )
    assert _amounts(case) == [1234.5, 1234.5, 75.25, 1234.0, 1.234, 2_500_000.0]
    assert case.rejects.empty
    assert "decimal mark" not in out


def test_a_column_of_both_decimal_marks_refuses_what_reads_both_ways(tmp_path):
    """Values that show a decimal comma and others a decimal point: each is read by its
    own mark, "1.234" and "1,234" (which could be either) are refused, and the summary says
    how to decide; `decimal: ","` in the mapping reads the column one way."""
    text = _transfers("1 234,50", "(500.00)", "1.234", "1,234", "12.5")
    case, out = _ingest(tmp_path, text)
    assert _amounts(case)[2:] == [None, None, 12.5]
    assert _rejected(case, "amount_invalid") == [(3, "1.234"), (4, "1,234")]
    assert "amounts in amount are written with both decimal marks" in out
    # the file's own first value of each mark, not a fixed text
    assert "both decimal marks ('1 234,50' and '(500.00)')" in out
    assert 'set `decimal: ","`' in out

    drafted = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    case, out = _ingest(tmp_path, text, 'decimal: ","\n' + drafted)
    assert _amounts(case)[2:] == [1234.0, 1.234, None]
    assert _rejected(case, "amount_invalid") == [(2, "(500.00)"), (5, "12.5")]


def test_a_column_that_never_shows_its_decimal_mark_is_said(tmp_path):
    """Only values that read both ways: read as decimal points (a comma groups thousands),
    and the summary names the column and the way out."""
    case, out = _ingest(tmp_path, _transfers("1.234", "1,234", "100"))
    assert _amounts(case) == [1.234, 1234.0, 100.0]
    assert (
        "amounts in amount are read with a point as the decimal mark and a comma grouping"
        " thousands (no value shows the decimal mark), such as 1.234 read as 1.234;" in out
    )
    assert 'set `decimal: ","` in the mapping' in out


def test_a_decimal_key_that_is_no_mark_is_a_mapping_error(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(_transfers("1"), encoding="utf-8")
    yaml = tmp_path / "m.yaml"
    yaml.write_text(
        "decimal: comma\nentities:\n  a: {type: account, fields: {account: sender_account}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(yaml), "-o", str(tmp_path / "case")]
    )
    assert result.exit_code != 0
    assert "decimal" in result.output
    assert 'expected "," or "."' in result.output


# -- numbers a spreadsheet rounded -----------------------------------------------------------


def test_account_numbers_a_spreadsheet_rounded_are_flagged_and_never_merged(tmp_path):
    """Two card numbers Excel wrote as "4.53211E+15" are two unknown numbers: each stays on
    its mention, labelled rounded, flagged and rejected, with no account to merge on;
    before, both became the account "453211E+15"."""
    case, out = _ingest(
        tmp_path,
        _HEADER
        + "2024-01-01,RO49AAAA1B31007593840000,4.53211E+15,10,EUR\n"
        + "2024-01-02,GB82WEST12345698765432,4.53211E+15,20,EUR\n",
    )
    rounded = case.mentions[case.mentions["label"] == "4.53211E+15 (rounded)"]
    assert len(rounded) == 2
    assert rounded["account"].isna().all()
    assert (rounded["flags"] == "account_invalid").all()
    assert _rejected(case, "account_invalid") == [(1, "4.53211E+15"), (2, "4.53211E+15")]
    assert "2 accounts rejected as account_invalid are in scientific notation" in out
    assert not case.mentions["account"].astype("string").str.contains("E+", regex=False).any()


def test_document_numbers_a_spreadsheet_rounded_are_flagged(tmp_path):
    mapping = (
        "entities:\n"
        "  person: {type: person, fields: {name: name}}\n"
        "  passport: {type: document, fields: {document: passport}}\n"
        "links:\n  - {kind: holds_document, src: person, dst: passport}\n"
    )
    case, out = _ingest(tmp_path, "name,passport\nAna Pop,1.23457E+11\nIon Rus,FA123456\n", mapping)
    docs = case.mentions[case.mentions["type"] == "document"].sort_values("row")
    assert docs["label"].tolist() == ["1.23457E+11 (rounded)", "FA123456"]
    assert docs["document"].isna().tolist() == [True, False]
    assert "1 document numbers rejected as document_invalid" in out


# -- the direction of payments ---------------------------------------------------------------


def test_a_negative_transfer_runs_the_other_way_with_a_positive_amount(tmp_path):
    """In a list of transfers (two account columns, no statement), "-75,25" from A to B is
    B paying A 75.25: amounts are stored positive, the sign gives the direction; before,
    the link kept A -> B and stored -75.25. `direction: as_written` keeps the sign."""
    text = (
        "Date;IBAN Auftraggeber;IBAN Empfänger;Betrag\n"
        "03.01.2024;DE89370400440532013000;FR1420041010050500013M02606;1.234,50\n"
        "05.01.2024;ES9121000418450200051332;DE89370400440532013000;-75,25\n"
        "06.01.2024;ES9121000418450200051332;DE89370400440532013000;(10,00)\n"
    )
    case, _ = _ingest(tmp_path, text)
    acc = case.mentions.set_index("mention_id")["account"]
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    ends = paid[["src", "dst", "amount"]].to_numpy()
    assert [(acc[s][:2], acc[d][:2], a) for s, d, a in ends] == [
        ("DE", "FR", 1234.5), ("DE", "ES", 75.25), ("DE", "ES", 10.0),
    ]  # fmt: skip

    drafted = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert "direction" not in drafted
    kept = drafted.replace("  amount: Betrag\n", "  amount: Betrag\n  direction: as_written\n")
    case, _ = _ingest(tmp_path, text, kept)
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    assert [(acc[s][:2], a) for s, a in paid[["src", "amount"]].to_numpy()] == [
        ("DE", 1234.5), ("ES", -75.25), ("ES", -10.0),
    ]  # fmt: skip


# -- bank statements -------------------------------------------------------------------------

_STATEMENT = (
    "Account statement\n"
    "Account holder:;Vasile Lungu\n"
    "IBAN:;RO49AAAA1B31007593840000\n"
    "\n"
    "Booking date;Counterparty;Counterparty IBAN;Details;Debit;Credit;Balance\n"
    ";;;Opening balance;;;10.000,00\n"
    "02.03.2024;Mihai Popa;RO09BCYP0000001234567890;transfer;1.500,00;;8.500,00\n"
    "05.03.2024;Elena Stoica;RO66BACX0000001234567890;rent;;2.000,00;10.500,00\n"
    "07.03.2024;ATM withdrawal;;cash;300,00;;10.200,00\n"
    "08.03.2024;Kartenzahlung;;Lidl;45,10;;10.154,90\n"
    ";;;Closing balance;1.845,10;2.000,00;10.154,90\n"
)


def test_a_statement_movement_without_counterparty_account_is_a_reject(tmp_path):
    """An ATM withdrawal (no counterparty account) moved money: it is a reject naming the
    missing column with the amount, never dropped in silence; its "ATM withdrawal" is no
    person; the opening and closing balance rows are balance rows, not movements."""
    case, out = _ingest(tmp_path, _STATEMENT)
    assert _amounts(case) == [1500.0, 2000.0]
    assert _rejected(case, "no_counterparty") == [
        (
            4,
            "300,00 (Debit): no counterparty_account in the row and not both holder and"
            " counterparty to link instead, so no paid link",
        ),
        (
            5,
            "45,10 (Debit): no counterparty_account in the row and not both holder and"
            " counterparty to link instead, so no paid link",
        ),
    ]
    assert set(case.rejects.loc[case.rejects["reason"] == "no_counterparty", "column"]) == {
        "Counterparty IBAN"
    }
    assert _rejected(case, "balance_row") == [
        (1, "Opening balance 10.000,00"),
        (6, "Closing balance 1.845,10 2.000,00 10.154,90"),
    ]
    assert _rejected(case, "not_a_name") == [(4, "ATM withdrawal"), (5, "Kartenzahlung")]
    persons = case.mentions.loc[case.mentions["type"] == "person", "label"]
    assert set(persons) == {"Vasile Lungu", "Mihai Popa", "Elena Stoica"}
    assert not (case.mentions["row"].isin([1, 6])).any()
    assert "no_counterparty: 2" in out


def test_names_that_look_like_movements_are_kept_outside_payments(tmp_path):
    """Only mappings that read payments take "Saldo" or "Card payment" as a balance row or
    a movement: a person list with a Mr Saldo keeps him."""
    case, _ = _ingest(tmp_path, "full_name,phone\nAna Saldo,+40721000111\nSaldo,+40721000112\n")
    assert set(case.mentions.loc[case.mentions["type"] == "person", "label"]) == {
        "Ana Saldo",
        "Saldo",
    }
    assert case.rejects.empty


# -- what mapping suggest reads as a transfer ------------------------------------------------


def test_beneficiary_names_in_several_languages_are_holders_of_their_accounts(tmp_path):
    """The name beside the beneficiary's account is its holder, whatever the export calls
    it ("receiver", "recipient", "Destinatar", "Получатель"); before, "receiver" was left
    unmapped, and the beneficiaries' names lost."""
    for sender, receiver in (
        ("sender", "receiver"),
        ("payer", "recipient"),
        ("Platitor", "Destinatar"),
        ("Отправитель", "Получатель"),
    ):
        case, _ = _ingest(
            tmp_path,
            f"date,sender_account,receiver_account,{sender},{receiver},amount\n"
            f"2024-01-05,{_ACCOUNTS},Acme SRL,Ion Popa,10\n",
        )
        acc = case.mentions.set_index("mention_id")
        held = case.links[case.links["kind"] == "holds_account"]
        pairs = {
            (acc.at[s, "label"], acc.at[d, "label"]) for s, d in held[["src", "dst"]].to_numpy()
        }
        assert ("Ion Popa", "GB82WEST12345698765432") in pairs, (receiver, pairs)
        assert ("Acme SRL", "RO49AAAA1B31007593840000") in pairs, (sender, pairs)


# -- payments without one of their accounts --------------------------------------------------

_NO_ACCOUNT = (
    "transaction_id,date,from_account,from_name,to_account,to_name,amount,currency\n"
    "T1,2024-03-01,DE89370400440532013000,Max Mueller,RO49AAAA1B31007593840000,Vasile Rusu,"
    "100,EUR\n"
    "T2,2024-03-03,GB29NWBK60161331926819,Sunrise Models,,Western Union Agent,300,GBP\n"
    "T3,2024-03-07,,Cash deposit,RO49AAAA1B31007593840000,Vasile Rusu,5000,RON\n"
)


def _ingest_preset(tmp_path: Path, text: str, preset: str = "transactions") -> tuple[Case, str]:
    path = tmp_path / "tx.csv"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", preset, "-o", str(tmp_path / "case")]
    )
    assert result.exit_code == 0, result.output
    return Case.read(tmp_path / "case"), result.output


def _paid_ends(case: Case) -> list[tuple[str, str, float, str]]:
    """The paid links in row order: payer's label, payee's label, amount, currency."""
    label = case.mentions.set_index("mention_id")["label"]
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    return [
        (label[s], label[d], float(a), str(c))
        for s, d, a, c in paid[["src", "dst", "amount", "currency"]].to_numpy()
    ]


def test_a_payment_without_an_account_links_its_holders_or_is_a_reject(tmp_path):
    """£300 to a named agent with no account is the payer's holder paying the agent;
    before, the row made no paid link (or only a reject). A cash deposit with neither an
    account nor a named payer is a no_counterparty reject saying why."""
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    for case, _ in (
        _ingest_preset(tmp_path / "a", _NO_ACCOUNT),
        _ingest(tmp_path / "b", _NO_ACCOUNT),
    ):
        assert _paid_ends(case) == [
            ("DE89370400440532013000", "RO49AAAA1B31007593840000", 100.0, "EUR"),
            ("Sunrise Models", "Western Union Agent", 300.0, "GBP"),
        ]
        assert _rejected(case, "no_counterparty") == [
            (
                3,
                "5000 (amount): no from_account in the row and not both from_holder and"
                " to_holder to link instead, so no paid link",
            )
        ]


# -- currencies written in the amount --------------------------------------------------------


def test_the_currency_written_in_an_amount_is_the_payment_s_currency(tmp_path):
    """ "€1,500.00", "2.000,50 MDL", "1 250,00 zł", "USD 1,000.00" and "1.500,00 грн" with no
    currency column (or an empty cell) are EUR, MDL, PLN, USD and UAH; before, their
    currency was unknown. A currency cell wins when it agrees ("$75.5" and CAD); "€100"
    beside USD is a currency_conflict with no currency kept, its amount still read."""
    rows = [
        ("€1,500.00", ""), ("2.000,50 MDL", ""), ("1 250,00 zł", ""), ("USD 1,000.00", ""),
        ("1.500,00 грн", ""), ("$75.5", "CAD"), ("-200", "EUR"), ("€100", "USD"),
    ]  # fmt: skip
    text = "date,sender_account,receiver_account,amount,currency\n" + "".join(
        f'2024-01-{i:02d},{_ACCOUNTS},"{a}",{c}\n' for i, (a, c) in enumerate(rows, start=1)
    )
    case, _ = _ingest(tmp_path, text)
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    got = [
        (float(a), None if pd.isna(c) else c) for a, c in paid[["amount", "currency"]].to_numpy()
    ]
    assert got == [
        (1500.0, "EUR"), (2000.5, "MDL"), (1250.0, "PLN"), (1000.0, "USD"), (1500.0, "UAH"),
        (75.5, "CAD"), (200.0, "EUR"), (100.0, None),
    ]  # fmt: skip
    assert _rejected(case, "currency_conflict") == [(8, "€100 (amount) against USD (currency)")]


def test_without_a_currency_column_the_amount_gives_the_currency(tmp_path):
    text = f'date,sender_account,receiver_account,amount\n2024-01-01,{_ACCOUNTS},"5000 RON"\n'
    case, _ = _ingest(tmp_path, text)
    paid = case.links[case.links["kind"] == "paid"]
    assert paid[["amount", "currency"]].values.tolist() == [[5000.0, "RON"]]


def test_scientific_notation_amounts_keep_their_exponent(tmp_path):
    """ "2e5" is two hundred thousand (never 25), Excel's "1.23457E+11" and "7,5E+03" are
    read with their exponent, signed or not; an "E" with no exponent, and an amount beyond
    what a float holds, are rejected; a finite but absurd one is kept and named."""
    case, out = _ingest(
        tmp_path,
        _transfers("2e5", "5E3", "EUR 1e6", "1.2e3", "1.23457E+11", "7,5E+03", "1.5e-3",
                   "-1e+06", "12E", "1e400", "1e308", "9.9e308"),
    )  # fmt: skip
    assert _amounts(case) == [200_000.0, 5000.0, 1_000_000.0, 1200.0, 123_457_000_000.0,
                              7500.0, 0.0015, 1_000_000.0, None, None, 1e308, None]  # fmt: skip
    assert _rejected(case, "amount_invalid") == [(9, "12E"), (10, "1e400"), (12, "9.9e308")]
    assert "amounts in amount reach 10^15 or more (such as '1e308')" in out


def test_an_overlong_account_and_a_cyrillic_iban_country_code_are_flagged(tmp_path):
    """A "DE" followed by 202 zeros is longer than any IBAN (34 characters), and "ДЕ89…"
    writes Germany's code in Cyrillic: both are account_invalid (the mention kept and
    flagged, as for an IBAN whose check digits fail); a valid IBAN and a Russian account
    written after "р/с" (settlement account) are no such thing."""
    path = tmp_path / "people.csv"
    path.write_text(
        "name,iban,role\n"
        f"Ivan Petrov,DE{'0' * 202},suspect\n"
        "Olga Petrova,GB82WEST12345698765432,suspect\n"
        "Xenia Ylova,ДЕ89 3704 0044 0532 0130 00,suspect\n"
        "Zoya Zueva,р/с 40702810099910004312,suspect\n",
        encoding="utf-8",
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "people", "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    assert [row for row, _ in _rejected(case, "account_invalid")] == [1, 3]
    accounts = case.mentions[case.mentions["type"] == "account"].sort_values("row")
    assert accounts["flags"].fillna("").tolist() == ["account_invalid", "", "account_invalid", ""]
