"""Export shapes a tester met that went wrong in silence: nested JSON whose numbers name
the country, a file with a header and no rows, an invalid date taken for a date order, a
date of birth in the future. Through the CLI, against hand-computed expectations."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_nested_json_numbers_name_the_region_of_its_local_numbers(tmp_path):
    reports = [
        {
            "case_no": "C-1",
            "suspects": [{"name": "Chinedu Eze", "phone": "+2348051112222"}],
            "victims": [{"name": "Amina Yusuf", "phone": "+2348031234567"}],
        },
        {"case_no": "C-2", "suspects": [{"name": "Chinedu Eze", "phone": "08051112222"}]},
    ]
    data = tmp_path / "reports.json"
    data.write_text(json.dumps(reports), encoding="utf-8")
    draft = tmp_path / "m.yaml"
    code, text = _cli("mapping", "suggest", str(data), "-o", str(draft))
    assert code == 0, text
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["region"] == "NG"
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    phones = Case.load(tmp_path / "c").mentions.query("type == 'phone'")
    # the local 0805 111 2222 is the suspect's +234 805 111 2222, not a reject
    assert sorted(phones["phone"]) == ["+2348031234567", "+2348051112222", "+2348051112222"]
    assert "phone_invalid" not in text


def test_a_header_without_rows_is_said_so(tmp_path):
    data = tmp_path / "victims.csv"
    data.write_text("name,phone,dob,role\n", encoding="utf-8")
    code, text = _cli("mapping", "suggest", str(data))
    assert code != 0
    assert "no data rows" in text
    assert "Traceback" not in text
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "0 rows" in text
    assert "warning: the file has no data rows" in text


def test_an_invalid_date_is_no_evidence_of_a_date_order(tmp_path):
    data = tmp_path / "calls.csv"
    data.write_text(
        "caller,callee,start\n"
        "+40721004001,+40721004002,31.12.2023 10:00\n"
        "+40721004001,+40721004002,13/13/2024 10:00\n"
        "+40721004001,+40721004002,05.01.2024 10:00\n",
        encoding="utf-8",
    )
    code, text = _cli(
        "ingest", str(data), "--preset", "cdr", "--timezone", "UTC", "-o", str(tmp_path / "c")
    )
    assert code == 0, text
    assert "month-first" not in text  # 13/13/2024 reads neither way: it is rejected
    assert "time_invalid: 1" in text
    times = Case.load(tmp_path / "c").links.sort_values("row")["time"].astype(str).tolist()
    assert times[2] == "2024-01-05 10:00:00+00:00"  # day-first, from 31.12.2023


def test_a_date_of_birth_in_the_future_is_rejected(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "name,dob\nAna Pop,2099-01-01\nIon Pop,12.03.1990\nEva Pop,31.12.2098\n", encoding="utf-8"
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "dob_invalid: 2" in text
    case = Case.load(tmp_path / "c")
    assert case.rejects.sort_values("row")["value"].tolist() == ["2099-01-01", "31.12.2098"]
    dobs = case.mentions.sort_values("row")["dob"].tolist()
    assert dobs[1] == "1990-03-12"


def test_nationalities_written_as_words_are_countries(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "name,nationality\nAna Pop,Romanian\nOlena Kravets,українка\nIvan Rusu,Moldovan\n"
        "Emre Yilmaz,türkisch\nJoy Obi,Nigerians\nMax Mustermann,Atlantean\n",
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "nationality_invalid: 1" in text  # Atlantean: no country
    case = Case.load(tmp_path / "c")
    got = case.mentions.sort_values("row")["nationality"].tolist()
    assert got[:5] == ["RO", "UA", "MD", "TR", "NG"]


def test_ads_numbers_and_addresses_written_in_the_text_link_the_ads(tmp_path):
    """Two ads that give one number only in their words ("Sunati-ma 0721 000 111", "call
    me 0721-000-111") are linked through it; prices and dates are no numbers."""
    ads = [
        {"ad_id": "a1", "text": "Sunati-ma 0721 000 111, 200 lei, 12.03.2024", "phones": []},
        {"ad_id": "a2", "text": "call me 0721-000-111, email eva[at]mail[dot]ro"},
        {"ad_id": "a3", "title": "New girl", "text": "Telegram only", "emails": ["x@y.ro"]},
    ]
    data = tmp_path / "ads.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in ads) + "\n", encoding="utf-8")
    code, text = _cli(
        "ingest", str(data), "--preset", "ads", "--region", "RO", "-o", str(tmp_path / "c")
    )
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    m = case.mentions
    found = m[m["slot"].isin(["text_phone", "text_email"])].sort_values("row")
    assert found[["row", "label"]].values.tolist() == [
        [1, "+40721000111"],
        [2, "+40721000111"],
        [2, "eva@mail.ro"],
    ]
    code, text = _cli("resolve", str(tmp_path / "c"), "-q")
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    entity = case.resolution.set_index("mention_id")["entity_id"]
    ads_of_phone = {
        entity[lk.src]
        for lk in case.links.itertuples()
        if lk.dst in set(found.loc[found["label"] == "+40721000111", "mention_id"])
    }
    assert len(ads_of_phone) == 2  # a1 and a2, joined by the number in their words


def test_payment_holders_with_a_legal_form_are_organisations(tmp_path):
    data = tmp_path / "tx.csv"
    data.write_text(
        "from_account,from_name,to_account,to_name,amount,currency\n"
        "RO49AAAA1B31007593840000,Dream Travel SRL,MD24AG000225100013104168,Elena Ceban,100,EUR\n"
        "MD24AG000225100013104168,Elena Ceban,GB29NWBK60161331926819,ООО Ромашка,50,EUR\n",
        encoding="utf-8",
    )
    expected = [("Dream Travel SRL", "organisation"), ("Elena Ceban", "person"),
                ("Elena Ceban", "person"), ("ООО Ромашка", "organisation")]  # fmt: skip
    draft = tmp_path / "m.yaml"
    assert _cli("mapping", "suggest", str(data), "-o", str(draft))[0] == 0
    for how, args in (
        ("preset", ["--preset", "transactions"]),
        ("draft", ["--mapping", str(draft)]),
    ):
        code, text = _cli("ingest", str(data), *args, "-o", str(tmp_path / how))
        assert code == 0, text
        m = Case.load(tmp_path / how).mentions
        parties = m[m["type"].isin(["person", "organisation"])].sort_values(["row", "slot"])
        assert list(zip(parties["label"], parties["type"], strict=True)) == expected, how


def test_a_list_of_types_other_than_person_or_organisation_is_refused(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "entities:\n  x:\n    type: [person, phone]\n    fields: {name: n}\n", encoding="utf-8"
    )
    data = tmp_path / "d.csv"
    data.write_text("n\nAna\n", encoding="utf-8")
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code != 0
    assert "[person, organisation]" in text


def test_the_people_preset_reads_the_role_column_in_other_languages(tmp_path):
    for header in ("Роль", "Статус", "Rolle", "Rol"):
        data = tmp_path / f"list_{len(header)}_{header}.csv"
        data.write_text(
            f"Прізвище,Ім'я,{header}\nШевченко,Марія,потерпіла\nКоваленко,Іван,підозрюваний\n",
            encoding="utf-8",
        )
        code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / header))
        assert code == 0, text
        assert "no person is marked as a victim" not in text, header
        roles = Case.load(tmp_path / header).mentions.query("type == 'person'")["role"]
        assert sorted(roles) == ["suspect", "victim"], header
