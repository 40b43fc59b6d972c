"""Built-in presets: people, cdr, transactions, ads, edgelist, matrix, ftm; mapping suggest."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import ingest_file, load_mapping
from linkgraph.ingest.suggest import suggest_mapping
from linkgraph.model import Case
from tests.ingest.helpers import linked


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _suggested_person_phones(path, tmp_path):
    """``path`` ingested through its own `mapping suggest` draft: the case, and the sorted
    (person name, phone) pairs its links make."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(suggest_mapping(path), encoding="utf-8")
    case = ingest_file(path, mapping=load_mapping(draft))
    return case, linked(case, dst="phone")


def test_people_any_subset_of_columns(tmp_path):
    path = _write(
        tmp_path,
        "people.csv",
        "Record ID,Full Name,DOB,Sex,Address,City,Postcode,Country,Phone,Email,"
        "ID Number,Nationality\n"
        '7,"KOVALENKO, Oksana",03/04/1990,F,1 Main St,Kyiv,01001,Ukraine,+380671234567,'
        "ok@x.org,FA123456,UKR\n",
    )
    case = ingest_file(path, preset="people")
    types = sorted(case.mentions["type"])
    assert types == ["address", "document", "email", "person", "phone"]
    person = case.mentions[case.mentions.type == "person"].iloc[0]
    assert person["name_latin"] == "oksana kovalenko"
    assert person["nationality"] == "UA"
    assert sorted(case.links["kind"]) == ["holds_document", "lives_at", "uses_email", "uses_phone"]


def test_people_place_of_birth_and_the_columns_it_leaves_unread(tmp_path):
    """Without a town column, the place of birth is the person's city; columns the preset
    does not read are named in the summary, not dropped in silence."""
    path = _write(
        tmp_path,
        "hist.csv",
        "unique_id,first_name,surname,dob,birth_place,postcode_fake,occupation\n"
        "Q1-1,walter,bryant,1813-01-01,sheffield,s6 6ab,painter\n",
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "preset does not read" in result.output
    assert "unique_id, occupation;" in result.output
    # "postcode_fake" has none of the preset's postcode names, but its words say postcode:
    # it is read, and the summary says so.
    assert "column 'postcode_fake' read as postcode" in result.output
    mentions = Case.load(out).mentions
    person = mentions[mentions.type == "person"].iloc[0]
    assert (person["city"], person["given_name"], person["dob"], person["postcode"]) == (
        "sheffield", "walter", "1813-01-01", "s6 6ab",
    )  # fmt: skip
    assert mentions[mentions.type == "address"]["postcode"].tolist() == ["s6 6ab"]
    # A town column, when there is one, wins over the place of birth.
    both = _write(tmp_path, "both.csv", "name,city,birth_place\nAna Pop,Iasi,Chisinau\n")
    assert ingest_file(both, preset="people").mentions["city"].tolist() == ["Iasi"]


def test_people_reads_loosely_named_columns_only_when_their_values_fit(tmp_path):
    """Columns matched by their header's words fill only fields the preset left empty,
    and an e-mail or a date of birth only when the values are e-mails or dates: a yes/no
    "email_opt_in" is no e-mail, a "house_number" no phone, a "document_type" no
    document."""
    path = _write(
        tmp_path,
        "crm.csv",
        "Full Name,Email opt in,Private e-mail address,Zip (home),house_number,"
        "document_type,Birth date (verified)\n"
        "Ana Pop,yes,ana.pop@example.org,10115,12,passport,1990-03-04\n"
        "Ion Rusu,no,ion@example.org,10117,4,id card,1985-11-20\n",
    )
    case = ingest_file(path, preset="people")
    persons = case.mentions[case.mentions.type == "person"].set_index("name")
    assert persons.loc["Ana Pop", "postcode"] == "10115"
    assert persons.loc["Ion Rusu", "dob"] == "1985-11-20"
    emails = sorted(case.mentions.loc[case.mentions.type == "email", "identifier"])
    assert emails == ["ana.pop@example.org", "ion@example.org"]
    assert set(case.mentions["type"]) == {"person", "email", "address"}
    # A column with a preset's own name wins over a loosely named one.
    both = _write(tmp_path, "both.csv", "name,zip,zip_work\nAna Pop,10115,20095\n")
    person = ingest_file(both, preset="people").mentions.iloc[0]
    assert person["postcode"] == "10115"


def test_people_reads_numbered_phone_and_email_columns(tmp_path):
    """ "Phone 1", "Phone 2", "Phone 3" are three phones and "Email 1", "Email 2" two
    e-mails of the person, each linked to her (before, "Phone 1" and "Email 2" were left
    unread); "Tel1" is the first of a series too."""
    path = _write(
        tmp_path,
        "crm.csv",
        "Name,Phone 1,Phone 2,Phone 3,Email 1,Email 2\n"
        "Ana Pop,+40721000111,+40721000112,+40721000113,ana@x.ro,ana.pop@y.ro\n",
    )
    case = ingest_file(path, preset="people")
    m = case.mentions.set_index("mention_id")
    kinds = sorted((link.kind, m.at[link.dst, "identifier"]) for link in case.links.itertuples())
    assert kinds == [
        ("uses_email", "ana.pop@y.ro"), ("uses_email", "ana@x.ro"),
        ("uses_phone", "+40721000111"), ("uses_phone", "+40721000112"),
        ("uses_phone", "+40721000113"),
    ]  # fmt: skip
    assert {m.at[link.src, "name"] for link in case.links.itertuples()} == {"Ana Pop"}
    tel = _write(tmp_path, "tel.csv", "Name,Tel1,Tel2\nIon Rusu,+40721000114,+40721000115\n")
    phones = ingest_file(tel, preset="people").mentions.query("type == 'phone'")
    assert sorted(phones["identifier"]) == ["+40721000114", "+40721000115"]


def test_people_reads_cells_of_several_phones_and_emails(tmp_path):
    """A cell with two numbers or two addresses gives two phones or e-mails of the person
    (before, one invalid identifier "+40721000111; +40721000112"); a German number
    written with a slash ("030/1234567") stays one number."""
    path = _write(
        tmp_path,
        "contacts.csv",
        "Name,Phone,Email\n"
        'Ana Pop,"+40721000111; +40721000112","ana@x.ro, ana.pop@y.ro"\n'
        "Ion Rusu,+40721000113 / +40721000114,ion@x.ro\n"
        "Max Muller,030/1234567,max@x.de\n",
    )
    case = ingest_file(path, mapping=replace(load_mapping("people"), region="DE"))
    assert linked(case) == [
        ("Ana Pop", "+40721000111"), ("Ana Pop", "+40721000112"), ("Ana Pop", "ana.pop@y.ro"),
        ("Ana Pop", "ana@x.ro"), ("Ion Rusu", "+40721000113"), ("Ion Rusu", "+40721000114"),
        ("Ion Rusu", "ion@x.ro"), ("Max Muller", "+49301234567"), ("Max Muller", "max@x.de"),
    ]  # fmt: skip
    assert case.rejects.empty


def test_people_reads_bank_accounts(tmp_path):
    """A customer list with an IBAN column (an FIU's, a bank's): each account is held by
    its person, with the IBAN's country; two in one cell are two (before, the column
    was left unread)."""
    path = _write(
        tmp_path,
        "customers.csv",
        "Name,IBAN\nAna Pop,RO49 AAAA 1B31 0075 9384 0000\n"
        'Ion Rusu,"DE89370400440532013000; GB33BUKB20201555555555"\n',
    )
    case = ingest_file(path, preset="people")
    m = case.mentions.set_index("mention_id")
    held = sorted(
        (m.at[lk.src, "name"], m.at[lk.dst, "identifier"], m.at[lk.dst, "country"])
        for lk in case.links.itertuples()
        if lk.kind == "holds_account"
    )
    assert held == [
        ("Ana Pop", "RO49AAAA1B31007593840000", "RO"),
        ("Ion Rusu", "DE89370400440532013000", "DE"),
        ("Ion Rusu", "GB33BUKB20201555555555", "GB"),
    ]


def test_suggest_reads_a_person_lists_own_id_as_its_record_id(tmp_path):
    """A list of persons whose rows carry their own id ("id", "unique_id") gets that id
    as the person's record id, not an event per row; a report's id with a date, or with a
    victim and a suspect in the row, stays a case event."""
    people = _write(tmp_path, "people.csv", "id,name,dob\np1,Ana Pop,1990-03-12\n")
    fields = yaml.safe_load(suggest_mapping(people))["entities"]
    assert set(fields) == {"person"}
    assert fields["person"]["fields"]["record_id"] == "id"
    reports = _write(
        tmp_path, "reports.csv", "Report ID,Date,Victim name,Suspect name\nR1,12.01.2024,Ana,Ion\n"
    )
    assert yaml.safe_load(suggest_mapping(reports))["entities"]["case"]["type"] == "event"


def test_suggest_reads_whole_names_places_of_birth_and_person_postcodes(tmp_path):
    """Two whole-name columns are one name, not parts to join; a place of birth is a
    place, not a date; the postcode is the person's as well as the address's."""
    path = _write(
        tmp_path,
        "hist.csv",
        "full_name,first_and_surname,first_name,surname,dob,birth_place,postcode_fake\n"
        "walter bryant,walter bryant,walter,bryant,1813-01-01,sheffield,s6 6ab\n",
    )
    person = yaml.safe_load(suggest_mapping(path))["entities"]["person"]["fields"]
    assert person["name"] == "full_name"
    assert (person["given_name"], person["family_name"]) == ("first_name", "surname")
    assert (person["dob"], person["city"], person["postcode"]) == (
        "dob", "birth_place", "postcode_fake",
    )  # fmt: skip


def test_people_reads_headers_as_registries_write_them(tmp_path):
    """Notes in brackets, dotted abbreviations, number words and two-in-one headers are
    read as the names they hold; an exact header still wins over a looser one."""
    path = _write(
        tmp_path,
        "reg.csv",
        "First Name(s),Last Name,D.O.B.,Sex (M/F),Place of Birth,Town/City,Post Code,"
        "Mobile No.,Passport No.\n"
        "Olena,Kravets,12/03/1990,F,Lviv,Kyiv,01001,+380671234567,FA123456\n",
    )
    case = ingest_file(path, preset="people")
    person = case.mentions[case.mentions.type == "person"].iloc[0]
    got = [person[c] for c in ("given_name", "family_name", "dob", "sex", "city", "postcode")]
    assert got == ["Olena", "Kravets", "1990-03-12", "F", "Kyiv", "01001"]
    assert sorted(case.mentions["type"]) == ["address", "document", "person", "phone"]
    both = _write(tmp_path, "both.csv", "Sex (M/F),Sex,Name\nx,M,Ana Pop\n")
    assert ingest_file(both, preset="people").mentions["sex"].tolist() == ["M"]


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (
            "Nom;Prénom;Date de naissance;Téléphone portable;Adresse;Ville;Code postal",
            "Kravets;Olena;12/03/1990;+380671234567;1 rue Haute;Lyon;69001",
        ),
        (
            "Nombre,Apellidos,Fecha de nacimiento,Teléfono móvil,Dirección,Localidad,Código postal",
            "Olena,Kravets,12/03/1990,+380671234567,1 rue Haute,Lyon,69001",
        ),
        (
            "Cognome;Nome;Data di nascita;Cellulare;Indirizzo;Comune;CAP",
            "Kravets;Olena;12/03/1990;+380671234567;1 rue Haute;Lyon;69001",
        ),
        (
            "Imię;Nazwisko;Data urodzenia;Telefon;Adres;Miejscowość;Kod pocztowy",
            "Olena;Kravets;12/03/1990;+380671234567;1 rue Haute;Lyon;69001",
        ),
        (
            "Фамилия,Имя,Дата рождения,Телефон,Адрес,Город,Почтовый индекс",
            "Kravets,Olena,12/03/1990,+380671234567,1 rue Haute,Lyon,69001",
        ),
        (
            "Voornaam,Achternaam,Geboortedatum,Telefoonnummer,Adres,Woonplaats,Postcode",
            "Olena,Kravets,12/03/1990,+380671234567,1 rue Haute,Lyon,69001",
        ),
        (
            "Adı,Soyadı,Doğum Tarihi,Telefon,Adres,Şehir,Posta Kodu",
            "Olena,Kravets,12/03/1990,+380671234567,1 rue Haute,Lyon,69001",
        ),
    ],
)
def test_people_reads_registry_headers_in_other_languages(tmp_path, header, row):
    """French, Spanish, Italian, Polish, Russian, Dutch and Turkish registries: the
    headers are read with their accents folded and Cyrillic transliterated, so the
    names, date of birth, phone, address, town and postcode all reach the person."""
    sep = ";" if ";" in header else ","
    names = dict(zip(header.split(sep), row.split(sep), strict=True))
    path = _write(tmp_path, "reg.csv", f"{header}\n{row}\n")
    case = ingest_file(path, preset="people")
    person = case.mentions[case.mentions.type == "person"].iloc[0]
    got = [person[c] for c in ("given_name", "family_name", "dob", "city", "postcode")]
    assert got == ["Olena", "Kravets", "1990-03-12", "Lyon", "69001"], names
    assert sorted(case.mentions["type"]) == ["address", "person", "phone"]


def test_suggest_reads_headers_in_other_languages(tmp_path):
    """French "Nom" beside "Prénom" is the family name; a lone "Nombre" is the whole
    name; the phone region is the one that reads the local numbers as mobiles (06... is a
    French mobile, and a Rome landline)."""
    fr = _write(
        tmp_path,
        "fr.csv",
        "Nom;Prénom;Date de naissance;Téléphone;Ville;Rôle\n"
        "Moreau;Luc;31/07/1979;06 12 34 56 78;Lyon;suspect\n"
        "Roux;Léa;02/01/2001;07 98 76 54 32;Paris;victime\n",
    )
    draft = yaml.safe_load(suggest_mapping(fr))
    person = draft["entities"]["person"]["fields"]
    assert (person["family_name"], person["given_name"]) == ("Nom", "Prénom")
    assert (person["dob"], person["city"], person["role"]) == (
        "Date de naissance", "Ville", "Rôle",
    )  # fmt: skip
    assert draft["region"] == "FR"
    # 612 345 678 is a mobile in Spain and in other plans: the city decides
    es = _write(tmp_path, "es.csv", "Nombre,Teléfono,Ciudad\nLucía García,612 345 678,Sevilla\n")
    draft = yaml.safe_load(suggest_mapping(es))
    assert draft["entities"]["person"]["fields"]["name"] == "Nombre"
    assert draft["region"] == "ES"


def test_suggest_gives_each_phone_column_its_own_slot(tmp_path):
    """Two phone columns of a person are two numbers, each linked to the person: joined,
    they would be one invalid number."""
    path = _write(tmp_path, "c.csv", "Name,Phone,Phone 2\nIon Rusu,+37369123456,+37379123456\n")
    case_dir = tmp_path / "case"
    draft = tmp_path / "draft.yaml"
    draft.write_text(suggest_mapping(path), encoding="utf-8")
    case = ingest_file(path, mapping=load_mapping(draft))
    phones = case.mentions.loc[case.mentions.type == "phone", "phone"]
    assert sorted(phones) == ["+37369123456", "+37379123456"]
    assert sorted(case.links["kind"]) == ["uses_phone", "uses_phone"]
    del case_dir


def test_suggest_finds_iban_columns_by_their_values(tmp_path):
    """A column of IBANs is an account whatever its header's language."""
    path = _write(
        tmp_path,
        "t.csv",
        "Nadawca,Nr nadawcy,Odbiorca,Nr odbiorcy,Kwota\n"
        "Jan Kowalski,PL61 1090 1014 0000 0712 1981 2874,Zofia Nowak,"
        "PL27 1140 2004 0000 3002 0135 5387,100\n",
    )
    draft = yaml.safe_load(suggest_mapping(path))
    slots = draft["entities"].values()
    accounts = {s["fields"]["account"] for s in slots if s["type"] == "account"}
    assert accounts == {"Nr nadawcy", "Nr odbiorcy"}
    paid = [link for link in draft["links"] if link["kind"] == "paid"]
    assert [(p["src"], p["dst"]) for p in paid] == [("from_account", "to_account")]


@pytest.mark.parametrize(
    "document",
    [
        # records keyed by their ids, under a wrapper object
        {"persons": {"p7": {"name": "Ana Pop", "phone": "+40721000111"},
                     "p8": {"name": "Ion Pop", "phone": "+40721000222"}}},
        # a table written as lists, its first row the header
        [["name", "phone"], ["Ana Pop", "+40721000111"], ["Ion Pop", "+40721000222"]],
    ],
)  # fmt: skip
def test_json_keyed_records_and_tables_of_lists(tmp_path, document):
    """Two JSON shapes APIs and database dumps give: each record is a row, every row a
    person with the phone of its row (no object read as a name)."""
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    case, pairs = _suggested_person_phones(path, tmp_path)
    assert pairs == [("Ana Pop", "+40721000111"), ("Ion Pop", "+40721000222")]
    assert case.rejects.empty


def test_phones_a_spreadsheet_rounded_are_rejected_with_the_reason_and_never_merged(tmp_path):
    """A CDR saved from Excel with the numbers in scientific notation: the columns are
    still read as phones, every rounded number is a reject the summary explains, and two
    different numbers rounded alike ("4.47712E+11") are not one phone."""
    path = _write(
        tmp_path,
        "cdr.csv",
        "Caller,Callee,Start\n4.47712E+11,4.47799E+11,2024-01-12 14:33\n"
        "4.47712E+11,4.47713E+11,2024-01-12 14:35\n",
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(suggest_mapping(path), encoding="utf-8")
    assert yaml.safe_load(draft.read_text())["entities"]["caller"]["type"] == "phone"
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(draft), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "4 phones rejected as phone_invalid are in scientific notation" in result.output
    case = Case.load(out)
    phones = case.mentions[case.mentions.type == "phone"]
    assert phones["identifier"].isna().all()
    assert sorted(phones["label"])[:2] == ["4.47712E+11 (rounded)"] * 2
    resolved = CliRunner().invoke(cli, ["resolve", str(out), "-q"])
    assert resolved.exit_code == 0, resolved.output
    entities = Case.load(out).resolution.set_index("mention_id")["entity_id"]
    assert entities[phones["mention_id"]].nunique() == len(phones)


def test_people_preset_reads_national_numbers_in_the_files_region(tmp_path):
    """Without --region, the preset reads national numbers in the region that reads them
    (the headers' language breaks a tie: "06 12345678" is French and Dutch), says so in
    the summary, and --region still decides when given."""
    fr = _write(
        tmp_path,
        "fr.csv",
        "Nom,Prénom,Téléphone\nRoux,Léa,06 12 34 56 78\nMoreau,Luc,07 98 76 54 32\n",
    )
    nl = _write(
        tmp_path, "nl.csv", "Voornaam,Achternaam,Telefoonnummer\nJan,de Vries,06 12345678\n"
    )
    for path, want in ((fr, "+33612345678"), (nl, "+31612345678")):
        out = tmp_path / f"case_{path.stem}"
        result = CliRunner().invoke(
            cli, ["ingest", str(path), "--preset", "people", "-o", str(out), "-q"]
        )
        assert result.exit_code == 0, result.output
        assert "without a country code read as" in result.output
        phones = Case.load(out).mentions.query("type == 'phone'")["phone"].tolist()
        assert phones[0] == want
    out = tmp_path / "case_be"
    result = CliRunner().invoke(
        cli, ["ingest", str(fr), "--preset", "people", "--region", "BE", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "read as" not in result.output
    phones = Case.load(out).mentions.query("type == 'phone'")["phone"].tolist()
    assert "+33612345678" not in phones  # not Belgian numbers: rejected, no phone


def test_people_second_phone_and_voter_register_columns(tmp_path):
    """Two phone columns ("Mobile", "Home phone") make two phones of the person, not one
    twice; a voter register's columns (res_street_address, res_city_desc, birth_year,
    gender_code, midl_name, full_phone_number) are read."""
    two = _write(tmp_path, "two.csv", "name,mobile,home phone\nAna Pop,+40721000111,+40213000111\n")
    case = ingest_file(two, preset="people")
    assert sorted(case.mentions.query("type == 'phone'")["phone"]) == [
        "+40213000111", "+40721000111",
    ]  # fmt: skip
    assert sorted(case.links["kind"]) == ["uses_phone", "uses_phone"]
    one = _write(tmp_path, "one.csv", "name,mobile\nAna Pop,+40721000111\n")
    assert ingest_file(one, preset="people").mentions["type"].tolist() == ["person", "phone"]
    ncvr = _write(
        tmp_path,
        "ncvr.csv",
        "voter_reg_num,last_name,first_name,midl_name,res_street_address,res_city_desc,"
        "zip_code,full_phone_number,birth_year,gender_code\n"
        "000001,SMITH,JOHN,A,12 MAIN ST,RALEIGH,27601,+19195550134,1956,M\n",
    )
    person = ingest_file(ncvr, preset="people").mentions.iloc[0]
    got = [person[c] for c in ("given_name", "family_name", "dob", "sex", "city", "postcode")]
    assert got == ["JOHN", "SMITH", "1956", "M", "RALEIGH", "27601"]
    assert json.loads(person["attrs"])["middle_name"] == "A"


def test_suggest_never_joins_two_people_into_one_name(tmp_path):
    """A repeated block of titles ("Name, Phone, Name, Phone") is two persons, each with
    the phone of their block; a second, different name column ("Contact name") stays an
    attribute of the row's person instead of being joined into "Olena Kravets Petro
    Bondar"."""
    path = _write(
        tmp_path,
        "pairs.csv",
        "Name,Phone,Name,Phone\nOlena Kravets,+380671234567,Petro Bondar,+380501112233\n",
    )
    _, pairs = _suggested_person_phones(path, tmp_path)
    assert pairs == [("Olena Kravets", "+380671234567"), ("Petro Bondar", "+380501112233")]
    other = _write(tmp_path, "other.csv", "Name,Contact name\nOlena Kravets,Petro Bondar\n")
    person = yaml.safe_load(suggest_mapping(other))["entities"]["person"]["fields"]
    assert (person["name"], person["contact_name"]) == ("Name", "Contact name")


def test_cdr(tmp_path):
    path = _write(
        tmp_path,
        "calls.csv",
        "a_number,b_number,start_time,duration,cell_id\n"
        "067 123 4567,+380501112233,2024-03-01 10:00:00,65,C1\n",
    )
    case = ingest_file(path, preset="cdr", agency="Telecom", config=None)
    link = case.links.iloc[0]
    assert link["kind"] == "called"
    assert str(link["time"]) == "2024-03-01 10:00:00+00:00"
    assert '"duration": "65"' in link["attrs"]


def test_transactions(tmp_path):
    path = _write(
        tmp_path,
        "tx.csv",
        "from_account,to_account,from_holder,to_holder,amount,currency,date\n"
        'GB82 WEST 1234 5698 7654 32,40817-810-0,Ana Pérez,Bo Li,"1.500,00",eur,05/01/2024\n',
    )
    case = ingest_file(path, preset="transactions")
    paid = case.links[case.links.kind == "paid"].iloc[0]
    assert (paid["amount"], paid["currency"]) == (1500.0, "EUR")
    assert str(paid["time"].date()) == "2024-01-05"
    accounts = case.mentions[case.mentions.type == "account"]["account"].tolist()
    assert accounts == ["GB82WEST12345698765432", "408178100"]
    assert (case.links.kind == "holds_account").sum() == 2


def test_ads_csv_with_separated_phones(tmp_path):
    path = _write(
        tmp_path,
        "ads.csv",
        "ad_id,phones,location,text\nAD-9,+447911123456;+447911654321,Leeds,hi\n",
    )
    case = ingest_file(path, preset="ads")
    phones = case.mentions[case.mentions.type == "phone"]
    assert phones["phone"].tolist() == ["+447911123456", "+447911654321"]
    assert sorted(case.links["kind"]) == ["ad_contact", "ad_contact", "located_in"]


def test_ads_list_of_handles_is_several_values_not_a_nested_value(tmp_path):
    """A JSON list of plain values in an attribute column (an ad's "handles") is kept as
    several values, as a cell of several; a list of objects is still refused."""
    path = _write(
        tmp_path,
        "ads.jsonl",
        '{"ad_id": "A1", "handles": ["@anna_buc", "anna.buc", "@anna_buc"]}\n'
        '{"ad_id": "A2", "handles": []}\n'
        '{"ad_id": "A3", "handles": [{"site": "tg", "name": "x"}]}\n',
    )
    case = ingest_file(path, preset="ads")
    handles = [json.loads(a)["handles"] for a in case.mentions.sort_values("row")["attrs"]]
    assert handles == ["@anna_buc; anna.buc", None, None]
    assert list(zip(case.rejects["row"], case.rejects["reason"], strict=True)) == [
        (3, "nested_value")
    ]


def test_edgelist_whitespace_no_header_combines_repeats(tmp_path):
    path = _write(tmp_path, "net.txt", "a b 2\nb c 1\na b 3\n")
    case = ingest_file(path, preset="edgelist")
    weights = dict(zip(case.links["row"].astype(int), case.links["weight"], strict=True))
    assert weights == {1: 5.0, 2: 1.0}
    assert case.manifest["inputs"][0]["repeated_pairs"] == 1
    assert sorted(case.mentions["name"]) == ["a", "b", "c"]


def test_edgelist_combine_rules(tmp_path):
    from dataclasses import replace

    path = _write(tmp_path, "net.tsv", "source\ttarget\tweight\nx\ty\t2\nx\ty\t7\n")
    base = load_mapping("edgelist")
    for rule, expected in (("sum", 9.0), ("max", 7.0), ("first", 2.0), ("count", 2.0)):
        mapping = replace(base, network=replace(base.network, combine=rule))
        case = ingest_file(path, mapping=mapping)
        assert case.links["weight"].tolist() == [expected], rule


def test_matrix(tmp_path):
    path = _write(tmp_path, "m.csv", '"","a","b","c"\n"a",0,2,0\n"b",1,0,0\n"c",0,0,0\n')
    case = ingest_file(path, preset="matrix")
    assert sorted(case.mentions["name"]) == ["a", "b", "c"]
    assert case.links["weight"].tolist() == [2.0, 1.0]
    assert set(case.links["kind"]) == {"contacted"}


def test_ftm(fixtures):
    case = ingest_file(fixtures / "entities.ftm.json", preset="ftm", agency="Aleph")
    m = case.mentions
    assert sorted(m["type"].value_counts().items()) == [
        ("account", 2), ("document", 2), ("email", 1), ("organisation", 1), ("person", 2),
        ("phone", 2), ("vehicle", 1),
    ]  # fmt: skip
    assert m.loc[m.type == "phone", "phone"].tolist() == ["+380671234567"] * 2
    # FtM property names: Passport.passportNumber, Identification.number
    assert sorted(m.loc[m.type == "document", "document"]) == ["FA123456", "KB123456"]
    kinds = sorted(case.links["kind"])
    assert kinds == [
        "director_of", "family", "holds_account", "holds_account",
        "holds_document", "holds_document", "owns_vehicle", "paid", "paid", "uses_email",
        "uses_phone", "uses_phone",
    ]  # fmt: skip
    by_id = dict(zip(m["mention_id"], m["label"], strict=True))
    paid = case.links[case.links.kind == "paid"].sort_values("amount")
    # payerAccount -> beneficiaryAccount where the Payment names them (pay1), each party
    # holding its account; payer -> beneficiary where it names no account (pay2)
    assert [(by_id[s], by_id[d], a) for s, d, a in paid[["src", "dst", "amount"]].values] == [
        ("Sunrise Travel LLC", "Oksana Kovalenko", 200.0),
        ("GB82WEST12345698765432", "408178100", 1500.0),
    ]
    assert set(paid["currency"]) == {"EUR"}
    owned = case.links[case.links.kind.isin(["holds_account", "owns_vehicle"])]
    assert sorted((by_id[s], by_id[d]) for s, d in owned[["src", "dst"]].values) == [
        ("Ivan Petrov", "408178100"), ("Ivan Petrov", "AA1234BB"),
        ("Sunrise Travel LLC", "GB82WEST12345698765432"),  # once: its Ownership says so
    ]  # fmt: skip
    assert case.rejects["reason"].tolist() == ["unknown_reference"]


def test_ftm_property_names_match_the_followthemoney_schema():
    """Property names checked against followthemoney/schema/*.yaml (FtM 3.x)."""
    from linkgraph.ingest.ftm import RELATIONS, THINGS

    assert RELATIONS["Ownership"][1:] == ("owner", "asset")
    assert RELATIONS["Payment"][1:] == ("payer", "beneficiary")
    assert RELATIONS["Employment"][1:] == ("employee", "employer")
    assert RELATIONS["Family"][1:] == ("person", "relative")
    assert RELATIONS["Associate"][1:] == ("person", "associate")
    assert RELATIONS["Representation"][1:] == ("agent", "client")
    assert THINGS["Passport"][1]["document"].split("|")[0] == "passportNumber"
    assert THINGS["Vehicle"][1]["plate"] == "registrationNumber"
    assert "Phone" not in THINGS  # FtM has no Phone schema; "Email" is a message
    assert "Email" not in THINGS


def test_mapping_suggest_round_trips(tmp_path):
    path = _write(
        tmp_path,
        "export.csv",
        "Surname,Forename,Date of birth,Mobile,Mail,notes\n"
        "Kovalenko,Oksana,03/04/1990,+380671234567,ok@x.org,met at station\n",
    )
    text = suggest_mapping(path)
    data = yaml.safe_load(text)
    assert data["entities"]["person"]["fields"]["family_name"] == "Surname"
    assert data["entities"]["phone"]["fields"]["phone"] == "Mobile"
    mapping_path = _write(tmp_path, "m.yaml", text)
    case = ingest_file(path, mapping=mapping_path)
    assert sorted(case.links["kind"]) == ["uses_email", "uses_phone"]


def test_cli_ingest_summary_strict_and_idempotent_reingest(tmp_path, fixtures):
    runner = CliRunner()
    out = tmp_path / "case"
    args = ["ingest", str(fixtures / "arrests.csv"), "--mapping", str(fixtures / "arrests.yaml")]
    result = runner.invoke(cli, [*args, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "arrests.csv: 3 rows" in result.output
    first = Case.read(out)
    runner.invoke(cli, [*args, "-o", str(out)], catch_exceptions=False)
    again = Case.read(out)
    assert again.mentions["mention_id"].tolist() == first.mentions["mention_id"].tolist()
    assert len(again.manifest["inputs"]) == 1
    result = runner.invoke(
        cli, ["ingest", str(fixtures / "ads.jsonl"), "--preset", "ads", "--strict", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "strict" in result.output
    result = runner.invoke(cli, ["ingest", str(fixtures / "ads.jsonl"), "-o", str(out)])
    assert result.exit_code == 2


def test_workbook_with_a_sheet_per_role(tmp_path):
    """A workbook with a victims' sheet and a suspects' sheet: each sheet's draft gives its
    persons the sheet's role; both sheets go into one case through their own mappings, in
    one call or one after the other, without sharing a mention id or replacing each other,
    and the case resolves."""
    import openpyxl

    book = tmp_path / "case.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Потерпілі"
    ws.append(["ПІБ", "Телефон"])
    ws.append(["Олена Кравець", "+380671234567"])
    ws.append(["Ірина Мельник", "+380931234567"])
    ws2 = wb.create_sheet("Suspects")
    ws2.append(["Name", "Phone"])
    ws2.append(["Petro Bondar", "+380501112233"])
    wb.save(book)
    victims, suspects = tmp_path / "v.yaml", tmp_path / "s.yaml"
    victims.write_text(suggest_mapping(book), encoding="utf-8")
    suspects.write_text(suggest_mapping(book, sheet="Suspects"), encoding="utf-8")
    assert yaml.safe_load(victims.read_text())["entities"]["person"]["fields"]["role"] == {
        "value": "victim"
    }
    assert yaml.safe_load(suspects.read_text())["sheet"] == "Suspects"
    out = tmp_path / "case"
    runner = CliRunner()
    for mapping in (victims, suspects, suspects, victims):  # re-ingest keeps the other
        result = runner.invoke(
            cli, ["ingest", str(book), "--mapping", str(mapping), "-o", str(out), "-q"]
        )
        assert result.exit_code == 0, result.output
    m = Case.load(out).mentions
    assert m["mention_id"].is_unique
    roles = dict(zip(m["name"].dropna(), m["role"].dropna(), strict=True))
    assert roles == {"Олена Кравець": "victim", "Ірина Мельник": "victim",
                     "Petro Bondar": "suspect"}  # fmt: skip
    assert runner.invoke(cli, ["resolve", str(out), "-q"]).exit_code == 0
    from linkgraph.ingest import Source, ingest_to

    both = tmp_path / "both"
    ingest_to([Source(book, mapping=victims), Source(book, mapping=suspects)], both)
    assert Case.load(both).mentions["mention_id"].is_unique
