"""`mapping suggest` on files whose headers say little: a role column headed "Condición" or
"Qualité", headers in Arabic, Chinese or Vietnamese, an Italian "Valuta" of ISO codes. The
values decide (role words are a role, phones a phone, past dates a date of birth, ISO
4217 codes a currency), and the draft, ingested unedited through the CLI, marks the
victims and reads dates and nationalities as those languages write them."""

from __future__ import annotations

from pathlib import Path

from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_cli = run_cli
_draft = suggest_draft


def _persons(data: Path, draft: Path, case: Path) -> dict[str, dict]:
    """Ingest ``data`` with ``draft``; each person mention by name: its role, dob and
    nationality; and the ingest's output."""
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    assert code == 0, text
    m = Case.load(case).mentions
    people = m[m["type"] == "person"]
    return {
        str(n): {"role": r, "dob": d, "nationality": c}
        for n, r, d, c in zip(
            people["name"].fillna(people["label"]),
            people["role"].astype(object).where(people["role"].notna(), None),
            people["dob"].astype(object).where(people["dob"].notna(), None),
            people["nationality"].astype(object).where(people["nationality"].notna(), None),
            strict=True,
        )
    }


def test_a_spanish_condicion_column_of_role_words_marks_the_victim(tmp_path):
    data = tmp_path / "registro.csv"
    data.write_text(
        "Nombre y apellidos,Fecha de nacimiento,Teléfono móvil,Nacionalidad,Condición\n"
        "María José Ortega Ruiz,05-abr-1990,+34 612 345 678,española,víctima\n"
        "Carlos Alberto Mendes,12-dic-1978,+34 699 111 222,brasileño,investigado\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["person"]["fields"]["role"] == "Condición"
    people = _persons(data, draft, tmp_path / "c")
    assert people == {
        "María José Ortega Ruiz": {"role": "victim", "dob": "1990-04-05", "nationality": "ES"},
        "Carlos Alberto Mendes": {"role": "suspect", "dob": "1978-12-12", "nationality": "BR"},
    }


def test_a_french_qualite_column_of_role_words_marks_the_victim(tmp_path):
    data = tmp_path / "registre.csv"
    data.write_text(
        "Nom,Prénom,Date de naissance,Téléphone portable,Qualité\n"
        "TRAORÉ,Aïcha,5 avril 1990,06 12 34 56 78,victime\n"
        'KOUASSI,Jérôme,"17 févr. 1985",07 98 76 54 32,mis en cause\n',
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["person"]["fields"]["role"] == "Qualité"
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    m = Case.load(tmp_path / "c").mentions
    roles = dict(zip(m["given_name"].dropna(), m["role"].dropna(), strict=True))
    assert roles == {"Aïcha": "victim", "Jérôme": "suspect"}


def test_a_status_column_of_other_words_is_no_role(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "Name,Phone,Status\nIon Popescu,+40721000111,active\nAna Rusu,+40721000112,closed\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    assert "role" not in mapping["entities"]["person"]["fields"]


def test_arabic_headers_are_read_and_the_victim_marked(tmp_path):
    data = tmp_path / "cases.csv"
    data.write_text(
        "الاسم الكامل,تاريخ الميلاد,الهاتف,الجنسية,الدور\n"
        "فاطمة بنت علي الحسن,١٤/٠٣/١٩٩٨,٠٥٥١٢٣٤٥٦٧,سعودية,ضحية\n"
        "عبد الله بن محمد العتيبي,٠٢/٠٧/١٩٧٥,+٩٦٦٥٠٩٨٧٦٥٤٣,سعودي,مشتبه به\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["person"]["fields"] == {
        "name": "الاسم الكامل",
        "dob": "تاريخ الميلاد",
        "nationality": "الجنسية",
        "role": "الدور",
    }
    assert mapping["entities"]["phone"]["fields"] == {"phone": "الهاتف"}
    people = _persons(data, draft, tmp_path / "c")
    assert people["فاطمة بنت علي الحسن"] == {
        "role": "victim",
        "dob": "1998-03-14",
        "nationality": "SA",
    }
    assert people["عبد الله بن محمد العتيبي"]["role"] == "suspect"


def test_chinese_and_vietnamese_headers_and_dates(tmp_path):
    # A header no preset lists: its role words make it the role column.
    other = tmp_path / "other.csv"
    other.write_text("Name,Kind\nAna Gil,víctima\nLuis Paz,sospechoso\n", encoding="utf-8")
    code, text = _cli("ingest", str(other), "--preset", "people", "-o", str(tmp_path / "o"))
    assert code == 0, text
    assert "column 'Kind' read as role" in text
    m = Case.load(tmp_path / "o").mentions
    assert m[["name", "role"]].values.tolist() == [["Ana Gil", "victim"], ["Luis Paz", "suspect"]]
    chinese = tmp_path / "register.csv"
    chinese.write_text(
        "姓名,出生日期,电话,角色\n王伟,1985年3月5日,13812345678,嫌疑人\n"
        "李娜,2000年11月20号,13987654321,受害人\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(chinese, tmp_path)
    assert mapping["entities"]["person"]["fields"] == {
        "name": "姓名",
        "dob": "出生日期",
        "role": "角色",
    }
    people = _persons(chinese, draft, tmp_path / "zh")
    assert people == {
        "王伟": {"role": "suspect", "dob": "1985-03-05", "nationality": None},
        "李娜": {"role": "victim", "dob": "2000-11-20", "nationality": None},
    }
    vietnamese = tmp_path / "danh_sach.csv"
    vietnamese.write_text(
        "Họ và tên,Ngày sinh,Số điện thoại,Vai trò\n"
        "Nguyễn Thị Hoa,12/08/2001,0912 345 678,nạn nhân\n"
        "Trần Văn Hùng,01/01/1980,0987 654 321,đối tượng\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(vietnamese, tmp_path)
    assert mapping["entities"]["person"]["fields"]["role"] == "Vai trò"
    people = _persons(vietnamese, draft, tmp_path / "vi")
    assert people["Nguyễn Thị Hoa"]["role"] == "victim"
    assert people["Trần Văn Hùng"]["role"] == "suspect"


def test_unknown_headers_are_read_by_their_values(tmp_path):
    data = tmp_path / "liste.csv"
    # Headers in no vocabulary (Korean): the values say name, date of birth, phone, role.
    data.write_text(
        "가,나,다,라\n"
        "Blessing Osaro Igbinedion,1998-03-14,+2348031234567,victim\n"
        "Efe Omoregie,1975-07-02,+2348039876543,suspect\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["person"]["fields"] == {"name": "가", "dob": "나", "role": "라"}
    assert mapping["entities"]["phone"]["fields"] == {"phone": "다"}
    people = _persons(data, draft, tmp_path / "c")
    assert people["Blessing Osaro Igbinedion"]["role"] == "victim"
    assert people["Blessing Osaro Igbinedion"]["dob"] == "1998-03-14"


def test_suggest_that_finds_nothing_says_what_each_column_looks_like(tmp_path):
    data = tmp_path / "codes.csv"
    data.write_text("가,나\n17,x\n23,y\n", encoding="utf-8")
    code, text = _cli("mapping", "suggest", str(data))
    assert code != 0
    assert "could not propose any entity" in text
    assert "가: no field; 나: no field" in text
    assert "Traceback" not in text


def test_an_italian_valuta_of_iso_codes_is_the_currency(tmp_path):
    data = tmp_path / "bonifici.csv"
    data.write_text(
        "Data;Ordinante;IBAN ordinante;Beneficiario;IBAN beneficiario;Importo;Valuta\n"
        "03/02/2024;Blessing Igbinedion;IT60X0542811101000000123456;Efe Omoregie;"
        'DE89370400440532013000;"1.450,50";EUR\n'
        "10/02/2024;Efe Omoregie;DE89370400440532013000;Osas Ehigiator;"
        'IT60X0542811101000000123456;"12.000,00";EUR\n',
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    paid = next(link for link in mapping["links"] if link["kind"] == "paid")
    assert paid["currency"] == "Valuta"
    assert paid["time"] == "Data"
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    links = Case.load(tmp_path / "c").links
    paid_links = links[links["kind"] == "paid"]
    assert sorted(paid_links["currency"].tolist()) == ["EUR", "EUR"]
    assert sorted(paid_links["amount"].astype(float).tolist()) == [1450.5, 12000.0]


def test_an_italian_valuta_of_dates_stays_the_value_date(tmp_path):
    data = tmp_path / "movimenti.csv"
    data.write_text(
        "Valuta;IBAN ordinante;IBAN beneficiario;Importo\n"
        "03/02/2024;IT60X0542811101000000123456;DE89370400440532013000;100,00\n"
        "05/02/2024;DE89370400440532013000;IT60X0542811101000000123456;200,00\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    paid = next(link for link in mapping["links"] if link["kind"] == "paid")
    assert paid["time"] == "Valuta"
    assert "currency" not in paid


def test_the_no_victim_warning_names_a_column_of_victim_words(tmp_path):
    data = tmp_path / "registro.csv"
    data.write_text(
        "Nombre y apellidos,Condición\nMaría José Ortega Ruiz,víctima\nCarlos Mendes,testigo\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "entities:\n  person:\n    type: person\n    fields:\n      name: Nombre y apellidos\n",
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "no person is marked as a victim" in text
    assert "column 'Condición' holds victim words" in text


def test_the_people_preset_reads_a_column_of_role_words_and_foreign_headers(tmp_path):
    data = tmp_path / "liste.csv"
    data.write_text(
        "Nom et prénom,Date de naissance,Qualité\n"
        "Aïcha Traoré,5 avril 1990,victime\n"
        "Jérôme Kouassi,17 févr. 1985,mis en cause\n",
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    m = Case.load(tmp_path / "c").mentions
    people = m[m["type"] == "person"]
    assert dict(zip(people["name"], people["role"], strict=True)) == {
        "Aïcha Traoré": "victim",
        "Jérôme Kouassi": "suspect",
    }
    # A header no preset lists: its role words make it the role column.
    other = tmp_path / "other.csv"
    other.write_text("Name,Kind\nAna Gil,víctima\nLuis Paz,sospechoso\n", encoding="utf-8")
    code, text = _cli("ingest", str(other), "--preset", "people", "-o", str(tmp_path / "o"))
    assert code == 0, text
    assert "column 'Kind' read as role" in text
    m = Case.load(tmp_path / "o").mentions
    assert m[["name", "role"]].values.tolist() == [["Ana Gil", "victim"], ["Luis Paz", "suspect"]]
    chinese = tmp_path / "register.csv"
    chinese.write_text("姓名,出生日期,角色\n李娜,2000年11月20日,受害人\n", encoding="utf-8")
    code, text = _cli("ingest", str(chinese), "--preset", "people", "-o", str(tmp_path / "z"))
    assert code == 0, text
    m = Case.load(tmp_path / "z").mentions
    assert m[["name", "dob", "role"]].values.tolist() == [["李娜", "2000-11-20", "victim"]]


def test_a_rejected_nationality_is_no_country_of_the_person(tmp_path):
    from linkgraph.graph import build_graph

    data = tmp_path / "p.csv"
    data.write_text(
        "name,nationality,role\nAna Gil,Atlantisch,victim\nLuis Paz,española,suspect\n",
        encoding="utf-8",
    )
    code, text = _cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    assert case.rejects["value"].tolist() == ["Atlantisch"]
    nodes = build_graph(case).nodes
    assert sorted(c for c in nodes["country"].dropna().tolist() if c) == ["ES"]


def test_a_column_of_notes_naming_a_role_is_no_role_column(tmp_path):
    """A notes column whose sentences name a role ("girl - victim - owes 30k") is free
    text, not a role column (before: the draft mapped `role: Notizie`, and a person's role
    became the whole note); the ingest still warns that nobody is marked and names it."""
    data = tmp_path / "rubrica.csv"
    data.write_text(
        "Nome,Telefono,Notizie\n"
        "Blessing Osaro,+393291234567,girl - victim - owes 30k\n"
        "Efe Omoregie,+393337654321,the madam who keeps the money\n"
        "Osas Ehigiator,+2348035550101,driver from Lagos to Tripoli\n",
        encoding="utf-8",
    )
    draft, spec = _draft(data, tmp_path)
    assert "role" not in spec["entities"]["person"]["fields"]
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert "no person is marked as a victim" in " ".join(text.split())
