"""Values read as their writers meant them, through `mapping suggest` and `ingest` (tester
26): Excel's text marker, a header naming the date order, H/M sex codes, FtM countries,
signed amounts beside payer and payee columns, the region message."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import normalize
from tests.suggest_draft import suggest_draft

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest" / "values"


def _ingest(data: Path, draft: Path, tmp: Path) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """`linkgraph ingest DATA --mapping DRAFT -o TMP/case`: its output, mentions, rejects."""
    case = tmp / "case"
    done = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(draft), "-o", str(case)])
    assert done.exit_code == 0, done.output
    return (
        done.output,
        pd.read_parquet(case / "mentions.parquet"),
        pd.read_parquet(case / "rejects.parquet"),
    )


def _written(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


# D5: Excel's text marker ------------------------------------------------------------


def test_apostrophe_marked_phones_read_as_without_it(tmp_path):
    """'+380... and '0721234567 (Excel's text marker): the +380 numbers name Ukraine, whose
    plan reads 0721234567 (+380721234567); '069123456 is no Ukrainian number, and is no
    Somali one either (the marker read as part of it drafted region SO)."""
    data = FIXTURES / "so_region_apos.csv"
    draft, body = suggest_draft(data, tmp_path)
    assert body["region"] == "UA"
    _, mentions, rejects = _ingest(data, draft, tmp_path)
    phones = mentions.loc[mentions["type"] == "phone"].set_index("row")["phone"].to_dict()
    assert phones == {1: "+380501112233", 3: "+380721234567", 4: "+380671234567"}
    assert rejects[["row", "reason"]].values.tolist() == [[2, "phone_invalid"]]


def test_apostrophe_dropped_from_identifiers_and_numbers():
    assert normalize.account("'DE89370400440532013000") == "DE89370400440532013000"
    assert normalize.document("'FA123456") == "FA123456"
    assert normalize.identifier("'00017") == "00017"
    assert normalize.amount("'1.234,50") == "1234.50"
    assert normalize.phone("'0721234567", "UA") == "+380721234567"


# D7: a header naming the date order --------------------------------------------------

DOB_US = (
    "Name,DOB (MM/DD/YYYY),Phone,Role\n"
    "Olena Kravets,03/05/1990,+380671234567,victim\n"
    "Petro Bondar,11/12/1980,+380501112233,suspect\n"
    "Ion Ceban,01/02/1979,+37369123456,suspect\n"
    "Andrei Pop,13/05/1985,+37369123457,suspect\n"
)


def test_header_month_first_decides_dates_and_refuses_the_other_order(tmp_path):
    """DOB (MM/DD/YYYY): 03/05/1990 is 5 March, 11/12/1980 12 November, 01/02/1979
    2 January (all three were read day-first); 13/05/1985 cannot be month-first: a
    reject, not 13 May."""
    data = _written(tmp_path, "dob_us.csv", DOB_US)
    draft, body = suggest_draft(data, tmp_path)
    assert body["dayfirst"] is False
    output, mentions, rejects = _ingest(data, draft, tmp_path)
    dob = mentions.loc[mentions["type"] == "person"].set_index("row")["dob"].to_dict()
    assert (dob[1], dob[2], dob[3]) == ("1990-03-05", "1980-11-12", "1979-01-02")
    assert rejects[["row", "reason", "value"]].values.tolist() == [[4, "dob_invalid", "13/05/1985"]]
    assert "no value decides" not in output


def test_header_order_read_without_the_drafts_dayfirst(tmp_path):
    """A mapping written by hand, without `dayfirst:`: the header still decides, for a
    link's time too (Datum TT.MM.JJJJ: day-first; 05/13/2024 contradicts it)."""
    data = _written(
        tmp_path,
        "calls.csv",
        "Caller,Callee,Datum (TT.MM.JJJJ)\n"
        "+380501112233,+380671234567,03/05/2024\n"
        "+380501112233,+380671234568,05/13/2024\n",
    )
    draft = _written(
        tmp_path,
        "calls.yaml",
        "format: csv\nentities:\n  a: {type: phone, fields: {phone: Caller}}\n"
        "  b: {type: phone, fields: {phone: Callee}}\n"
        "links:\n- {kind: called, src: a, dst: b, time: Datum (TT.MM.JJJJ)}\n",
    )
    _, _, rejects = _ingest(data, draft, tmp_path)
    links = pd.read_parquet(tmp_path / "case" / "links.parquet").set_index("row")
    assert str(links.at[1, "time"])[:10] == "2024-05-03"
    assert pd.isna(links.at[2, "time"])
    assert rejects[["row", "reason"]].values.tolist() == [[2, "time_invalid"]]


# D6: sex codes read by their column ----------------------------------------------------


def _sexes(tmp: Path, data: Path) -> tuple[str, dict, pd.DataFrame]:
    draft, _ = suggest_draft(data, tmp)
    output, mentions, rejects = _ingest(data, draft, tmp)
    persons = mentions.loc[mentions["type"] == "person"].set_index("row")["sex"]
    return output, persons.astype(object).where(persons.notna(), None).to_dict(), rejects


def test_h_and_m_codes_read_m_as_mujer(tmp_path):
    """Sexo H/M: Lucía and Marta (M, mujer) are female, José (H, hombre) male."""
    output, sexes, rejects = _sexes(tmp_path, FIXTURES / "sexo_hm.csv")
    assert sexes == {1: "F", 2: "M", 3: "F"}
    assert rejects.empty
    assert "codes H and M" in output


def test_m_and_f_codes_stay_english(tmp_path):
    data = _written(tmp_path, "mf.csv", "Name;Sex;Role\nAna Pop;F;victim\nIon Pop;M;suspect\n")
    _, sexes, _ = _sexes(tmp_path, data)
    assert sexes == {1: "F", 2: "M"}


def test_h_m_and_f_codes_leave_m_unread(tmp_path):
    """H, M and F in one column: M is mujer or male, so it is a sex_invalid reject with no
    sex kept; H and F are read. Thai ชาย (male) and หญิง (female) are read too."""
    data = _written(
        tmp_path,
        "mixed.csv",
        "Nombre;Sexo;Condición\nLucía Ruiz;M;víctima\nJosé Pérez;H;investigado\n"
        "Ana Pop;F;víctima\nSomchai Prasert;ชาย;investigado\nMali Chan;หญิง;víctima\n",
    )
    output, sexes, rejects = _sexes(tmp_path, data)
    assert sexes == {1: None, 2: "M", 3: "F", 4: "M", 5: "F"}
    assert rejects[["row", "reason", "value"]].values.tolist() == [[1, "sex_invalid", "M"]]
    assert "coded H, M and F" in output


# D13: an FtM entity's country reads its own local numbers ------------------------------


def test_ftm_country_is_the_region_of_its_own_phones(tmp_path):
    """Person p1 (country ua) writes 0671234567: a Ukrainian mobile, +380671234567 (it
    was phone_invalid, with advice to map a country column)."""
    data = _written(
        tmp_path,
        "people.ndjson",
        '{"id":"p1","schema":"Person","properties":{"name":["Olena Kravets"],'
        '"phone":["0671234567"],"country":["ua"]}}\n'
        '{"id":"p2","schema":"Person","properties":{"name":["Petro Bondar"],'
        '"phone":["0501112233"],"nationality":["Ukrainian"]}}\n'
        '{"id":"p3","schema":"Person","properties":{"name":["Ion Ceban"],'
        '"phone":["069123456"]}}\n',
    )
    draft, _ = suggest_draft(data, tmp_path)
    output, mentions, rejects = _ingest(data, draft, tmp_path)
    phones = mentions.loc[mentions["type"] == "phone"].set_index("row")["phone"].to_dict()
    assert phones == {1: "+380671234567", 2: "+380501112233"}
    assert rejects[["row", "reason"]].values.tolist() == [[3, "phone_invalid"]]
    assert "map a country column" not in output
    assert "set `region:` in the mapping" in output


# D12: negative amounts beside payer and payee, in tables and in FtM ----------------------


def _paid(tmp: Path) -> list[tuple[int, str, str, float]]:
    mentions = pd.read_parquet(tmp / "case" / "mentions.parquet").set_index("mention_id")
    links = pd.read_parquet(tmp / "case" / "links.parquet")
    paid = links.loc[links["kind"] == "paid"].sort_values("row")
    return [
        (int(r.row), mentions.at[r.src, "identifier"], mentions.at[r.dst, "identifier"], r.amount)
        for r in paid.itertuples()
    ]


def test_negative_amounts_between_payer_and_payee_columns_are_reversals_and_counted(tmp_path):
    """Auftraggeberkonto -> Empfängerkonto, Betrag −200,00, (150,00), -75,25 and 300,00-:
    four reversals (the payee paying back, as docs/mapping.md's `as_given` says), each
    with its size, and the summary counts them (it said nothing)."""
    data = FIXTURES / "umsaetze_minus.csv"
    draft, _ = suggest_draft(data, tmp_path)
    output, _, _ = _ingest(data, draft, tmp_path)
    de = "DE89370400440532013000"
    assert _paid(tmp_path) == [
        (1, de, "UA743052990000026007233566001", 1234.5),
        (2, "RO92RNCB0082044390980001", de, 200.0),
        (3, "MD24AG000225100013104168", de, 150.0),
        (4, de, "GB29NWBK60161331926819", 1234567.0),
        (5, "PL61109010140000071219812874", de, 75.25),
        (6, "UA743052990000026007233566001", de, 300.0),
        (7, de, "RO92RNCB0082044390980001", 1000.1),
    ]
    assert "4 negative amounts in Betrag read as reversals" in output


def test_ftm_negative_payment_is_read_as_a_tables_is(tmp_path):
    """A Payment of -250 from p2 to p1 is p1 paying p2 250, as a table's row is (it kept
    -250 from p2 to p1), and the summary says so."""
    data = _written(
        tmp_path,
        "pay.ndjson",
        '{"id":"p1","schema":"Person","properties":{"name":["Ana Pop"],"idNumber":["A1"]}}\n'
        '{"id":"p2","schema":"Person","properties":{"name":["Ion Pop"],"idNumber":["B2"]}}\n'
        '{"id":"pay","schema":"Payment","properties":{"payer":["p2"],"beneficiary":["p1"],'
        '"amount":["-250"],"currency":["UAH"]}}\n',
    )
    draft, _ = suggest_draft(data, tmp_path)
    output, mentions, _ = _ingest(data, draft, tmp_path)
    names = mentions.set_index("mention_id")["name"]
    links = pd.read_parquet(tmp_path / "case" / "links.parquet")
    paid = links.loc[links["kind"] == "paid"]
    assert [(names[r.src], names[r.dst], r.amount) for r in paid.itertuples()] == [
        ("Ana Pop", "Ion Pop", 250.0)
    ]
    assert "1 negative amount" in output


# D15: the region message names what the file says ----------------------------------------


def test_region_message_names_the_files_plus_numbers(tmp_path):
    """Three +380 numbers and four local numbers of Nigeria, Thailand, Britain and Moldova:
    only Germany's open plan reads all four (as landlines); Ukraine's reads none. The
    draft and the warning say so, and never that the file has no numbers with +CC."""
    data = FIXTURES / "phones_nocountry.csv"
    draft, body = suggest_draft(data, tmp_path)
    comment = " ".join(
        line[2:] for line in draft.read_text(encoding="utf-8").splitlines() if line[:1] == "#"
    )
    assert "region" not in body
    assert "only DE's numbering plan reads the local numbers (4 of 4, none as a mobile)" in comment
    assert "numbers with +CC are of UA (3), whose plan reads none of them" in comment
    assert "numbers with +CC) tells which" not in comment
    output, _, rejects = _ingest(data, draft, tmp_path)
    assert len(rejects) == 4
    assert "numbers with +CC are of UA (3), whose plan reads none of them" in output
    assert "ambiguous (DE)" not in output
