"""Exports in scripts and languages beyond the first ones linkgraph read: names and roles
are stored as written (no compatibility folding of Thai, Lao or Arabic letters), the header
words and role words of Thai and other languages are understood, national id numbers are
documents, nationality adjectives are read. Through the CLI, as a user runs it, against
values written out by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest" / "words"


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def _suggest(path: Path) -> tuple[dict, Path]:
    draft = path.with_suffix(".yaml")
    code, text = _cli("mapping", "suggest", str(path), "-o", str(draft))
    assert code == 0, text
    return yaml.safe_load(draft.read_text(encoding="utf-8")), draft


def _ingest(path: Path, mapping: Path, case: Path) -> str:
    code, summary = _cli("ingest", str(path), "--mapping", str(mapping), "-o", str(case))
    assert code == 0, summary
    return summary


def _persons(case: Path) -> pd.DataFrame:
    m = pd.read_parquet(case / "mentions.parquet")
    return m[m["type"] == "person"].sort_values("row").reset_index(drop=True)


THAI_HAND = {
    "format": "csv",
    "region": "TH",
    "entities": {
        "person": {
            "type": "person",
            "fields": {"given_name": "ชื่อ", "family_name": "นามสกุล", "role": "สถานะ"},
        }
    },
}


def test_thai_names_are_stored_as_written_and_found_by_ego(tmp_path):
    """SARA AM (U+0E33) stays one letter in the name stored, and `ego` finds the person
    by her name typed either way."""
    src = _copy("thai_register.csv", tmp_path)
    mapping = tmp_path / "hand.yaml"
    mapping.write_text(yaml.safe_dump(THAI_HAND, allow_unicode=True), encoding="utf-8")
    case = tmp_path / "case"
    _ingest(src, mapping, case)
    names = _persons(case)["name"].tolist()
    assert names[3] == "บุญมี ทอง\u0e04\u0e33"  # ทองคำ, as the file writes it
    assert "\u0e4d" not in "".join(names)  # never NIKHAHIT + SARA AA
    for typed in ("บุญมี ทองคำ", "บุญมี ทองค\u0e4d\u0e32"):
        code, out = _cli("ego", str(case), typed)
        assert code == 0, out
        assert "บุญมี ทองคำ" in out


def test_thai_register_is_drafted_and_its_roles_understood(tmp_path):
    """ชื่อ, นามสกุล, วันเกิด, สถานะ, โทรศัพท์, สัญชาติ are drafted; ผู้เสียหาย are victims,
    ผู้ต้องหา suspects, พยาน a witness; no role is warned of."""
    src = _copy("thai_register.csv", tmp_path)
    draft, path = _suggest(src)
    fields = draft["entities"]["person"]["fields"]
    assert {k: fields[k] for k in ("given_name", "family_name", "dob", "role", "nationality")} == {
        "given_name": "ชื่อ", "family_name": "นามสกุล", "dob": "วันเกิด", "role": "สถานะ",
        "nationality": "สัญชาติ",
    }  # fmt: skip
    assert draft["entities"]["phone"]["fields"] == {"phone": "โทรศัพท์"}
    case = tmp_path / "case"
    summary = _ingest(src, path, case)
    assert "not understood" not in summary
    persons = _persons(case)
    assert persons["role"].tolist() == ["victim", "victim", "suspect", "suspect", "witness"]
    assert persons["name"].tolist()[:2] == ["สมศรี ใจดี", "มาลี สุขใจ"]
    assert persons["dob"].tolist()[0] == "2002-03-12"  # 12/03/2545 in the Buddhist era


def test_a_role_not_understood_is_warned_of_and_kept_as_written(tmp_path):
    src = tmp_path / "thai.csv"
    src.write_text("ชื่อ,สถานะ\nสมศรี,ผู้ช่วย\n", encoding="utf-8")  # ผู้ช่วย: a helper
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        yaml.safe_dump(
            {"format": "csv", "entities": {"p": {"type": "person",
             "fields": {"name": "ชื่อ", "role": "สถานะ"}}}},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )  # fmt: skip
    summary = _ingest(src, mapping, tmp_path / "case")
    assert "role 'ผู้ช่วย' not understood (1 row, row 1)" in summary
    assert _persons(tmp_path / "case")["role"].tolist() == ["ผู้ช่วย"]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        # the injured or aggrieved party of each code of procedure
        ("parte vătămată", "victim"), ("parte vatamata", "victim"), ("poszkodowana", "victim"),
        ("Geschädigter", "victim"), ("Verletzte", "victim"), ("ofendido", "victim"),
        ("parte lesa", "victim"), ("partie lésée", "victim"), ("lesado", "victim"),
        ("пострадавший", "victim"), ("потерпевший", "victim"), ("оштећени", "victim"),
        ("oštećeni", "victim"), ("mağdur", "victim"), ("müşteki", "victim"),
        ("θύμα", "victim"), ("παθών", "victim"), ("korban", "victim"), ("biktima", "victim"),
        ("bị hại", "victim"), ("người bị hại", "victim"), ("ผู้เสียหาย", "victim"),
        ("poškodený", "victim"), ("målsägande", "victim"),
        ("tersangka", "suspect"), ("terdakwa", "suspect"), ("suspek", "suspect"),
        ("bị cáo", "suspect"), ("ผู้ต้องหา", "suspect"), ("saksi", "witness"),
        ("พยาน", "witness"), ("pelapor", "reporter"),
    ],
)  # fmt: skip
def test_role_words_of_more_languages(tmp_path, word, role):
    src = tmp_path / "p.csv"
    src.write_text(f"Name,Role\nAna Popa,{word}\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        yaml.safe_dump({"format": "csv", "entities": {"p": {"type": "person",
                        "fields": {"name": "Name", "role": "Role"}}}}),
        encoding="utf-8",
    )  # fmt: skip
    summary = _ingest(src, mapping, tmp_path / "case")
    assert "not understood" not in summary
    assert _persons(tmp_path / "case")["role"].tolist() == [role]


def test_romanian_parte_vatamata_is_a_protected_victim(tmp_path):
    """politia_ro.csv: the "parte vătămată" of row 2 is a victim, as the "persoană
    vătămată" of row 1; her name is in no HTML output."""
    src = _copy("politia_ro.csv", tmp_path)
    _, path = _suggest(src)
    case = tmp_path / "case"
    summary = _ingest(src, path, case)
    assert "not understood" not in summary
    persons = _persons(case)
    assert persons["role"].tolist() == ["victim", "victim", "suspect", "suspect", "witness",
                                        "suspect"]  # fmt: skip
    code, out = _cli("report", str(case), "-o", str(tmp_path / "report.html"))
    assert code == 0, out
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Țurcanu" not in html
    assert "Turcanu" not in html
    assert "Bălan" in html  # a suspect is named: the checks above are not vacuous


HEADERS = [
    # Vietnamese, Indonesian, Malay, Tagalog, Turkish, Greek
    ("Họ và tên", "name"), ("Ngày sinh", "dob"), ("Quốc tịch", "nationality"),
    ("Nama Lengkap", "name"), ("Tanggal Lahir", "dob"), ("No. HP", "phone"),
    ("Kewarganegaraan", "nationality"), ("Alamat", "address"), ("Jenis Kelamin", "sex"),
    ("Peran", "role"), ("Tarikh Lahir", "dob"), ("Jantina", "sex"), ("Warganegara", "nationality"),
    ("Buong Pangalan", "name"), ("Petsa ng Kapanganakan", "dob"), ("Apelyido", "family_name"),
    ("Nasyonalidad", "nationality"), ("Tirahan", "address"), ("Kasarian", "sex"),
    ("Adı Soyadı", "name"), ("Uyruğu", "nationality"), ("Ονοματεπώνυμο", "name"),
    ("Υπηκοότητα", "nationality"), ("Διεύθυνση", "address"), ("Φύλο", "sex"),
    ("Κινητό", "phone"), ("Ρόλος", "role"),
    # Thai and Lao, their words run together
    ("ชื่อ-นามสกุล", "name"), ("เบอร์โทรศัพท์", "phone"), ("ที่อยู่", "address"),
    ("เพศ", "sex"), ("เลขบัตรประชาชน", "document"), ("ສັນຊາດ", "nationality"),
    # national identity numbers
    ("DNI/NIE", "document"), ("NIF", "document"), ("NIE", "document"), ("CURP", "document"),
    ("RFC", "document"), ("CPF", "document"), ("RG", "document"), ("BSN", "document"),
    ("PESEL", "document"), ("CNP", "document"), ("EGN", "document"), ("OIB", "document"),
    ("JMBG", "document"), ("TCKN", "document"), ("TC Kimlik No", "document"),
    ("NIN", "document"), ("NRIC", "document"), ("MyKad", "document"), ("No. KTP", "document"),
    ("NIK", "document"), ("SSN", "document"), ("ID card no", "document"),
    ("Personalausweisnummer", "document"), ("Cédula", "document"), ("Số CCCD", "document"),
]  # fmt: skip


#: Values of each field, plain enough that only the header tells the field.
_VALUES = {
    "name": ("Ana Popa", "Ion Rusu"), "dob": ("1990-01-02", "1985-07-30"),
    "nationality": ("Romania", "Moldova"), "address": ("Str. Mare 5, Cluj", "Str. Mica 2, Iasi"),
    "sex": ("F", "M"), "role": ("victim", "suspect"), "family_name": ("Popa", "Rusu"),
    "phone": ("+40 721 555 201", "+40 722 555 202"), "document": ("AB123456", "CD654321"),
}  # fmt: skip


@pytest.mark.parametrize(("header", "field"), HEADERS)
def test_header_words_of_more_languages(tmp_path, header, field):
    """Each header is drafted as its field by `mapping suggest`, beside a column of names
    (of given names beside a family name, of phones beside a name)."""
    first, a, b = {
        "family_name": ("Given", "Ana", "Ion"),
        "name": ("Phone", "+40 721 555 201", "+40 722 555 202"),
    }.get(field, ("Full name", "Ana Popa", "Ion Rusu"))
    src = tmp_path / "people.csv"
    rows = [[first, header], [a, _VALUES[field][0]], [b, _VALUES[field][1]]]
    src.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n", "utf-8")
    draft, _ = _suggest(src)
    drafted = {
        f: (spec if isinstance(spec, str) else spec.get("column"))
        for slot in draft["entities"].values()
        for f, spec in slot["fields"].items()
    }
    assert drafted.get(field) == header, draft


def test_spanish_dni_nie_is_a_document(tmp_path):
    """atestado_es.csv: `DNI/NIE` is drafted as the persons' document, read as written."""
    src = _copy("atestado_es.csv", tmp_path)
    draft, path = _suggest(src)
    assert draft["entities"]["document"]["fields"] == {"document": "DNI/NIE"}
    assert "dni_nie" not in draft["entities"]["person"]["fields"]
    case = tmp_path / "case"
    _ingest(src, path, case)
    m = pd.read_parquet(case / "mentions.parquet")
    docs = m[m["type"] == "document"].sort_values("row")["document"].tolist()
    assert docs == ["12345678Z", "X1234567L", "Y7654321G", "87654321X", "11223344B", "Z1111111H"]


def test_polish_nationality_adjectives_are_read(tmp_path):
    """policja_pl.xlsx: Obywatelstwo "polskie", "ukraińskie" is drafted and read as the
    nationality, none rejected."""
    src = _copy("policja_pl.xlsx", tmp_path)
    draft, path = _suggest(src)
    assert draft["entities"]["person"]["fields"]["nationality"] == "Obywatelstwo"
    case = tmp_path / "case"
    _ingest(src, path, case)
    assert _persons(case)["nationality"].tolist() == ["PL", "PL", "PL", "UA", "PL", "UA"]
    assert len(pd.read_parquet(case / "rejects.parquet")) == 0


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("polskie", "PL"), ("ukraińska", "UA"), ("rumuński", "RO"), ("rumunská", "RO"),
        ("ukrajinský", "UA"), ("украинская", "UA"), ("українська", "UA"),
        ("молдовська", "MD"), ("niemieckie", "DE"), ("wietnamska", "VN"),
        ("ucraniana", "UA"), ("ukrainienne", "UA"), ("irakisch", "IQ"), ("Ukraynalı", "UA"),
        ("Iraklı", "IQ"), ("Ιρακινή", "IQ"), ("Ρουμάνος", "RO"), ("warga negara Indonesia", "ID"),
        ("Pilipino", "PH"), ("ชาวพม่า", "MM"), ("ลาว", "LA"),
    ],
)  # fmt: skip
def test_nationality_adjectives(tmp_path, written, code):
    src = tmp_path / "p.csv"
    src.write_text(f"Name,Nationality\nAna Popa,{written}\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        yaml.safe_dump({"format": "csv", "entities": {"p": {"type": "person",
                        "fields": {"name": "Name", "nationality": "Nationality"}}}}),
        encoding="utf-8",
    )  # fmt: skip
    _ingest(src, mapping, tmp_path / "case")
    assert _persons(tmp_path / "case")["nationality"].tolist() == [code]


def test_a_mistyped_column_is_named_with_its_accents(tmp_path):
    """`mapping check` of a mapping whose "Data nasteri" lacks the file's accents and a
    letter says which column it likely means."""
    src = _copy("politia_ro.csv", tmp_path)
    _, path = _suggest(src)
    text = path.read_text(encoding="utf-8").replace("dob: Data nașterii", "dob: Data nasteri")
    path.write_text(text, encoding="utf-8")
    code, out = _cli("mapping", "check", str(src), "--mapping", str(path))
    assert code != 0
    assert "did you mean 'Data nașterii'?" in out


def test_region_follows_the_rows_nationality_and_arabic_indic_phones_read(tmp_path):
    """arabic_register.csv: local numbers that GB, IN, IQ ... plans all read are Iraqi, as
    four of five nationalities say; the Syrian victim's Iraqi number ٠٧٧١٢٣٤٥٦٧٨ reads."""
    src = _copy("arabic_register.csv", tmp_path)
    draft, path = _suggest(src)
    assert draft["region"] == "IQ"
    case = tmp_path / "case"
    _ingest(src, path, case)
    m = pd.read_parquet(case / "mentions.parquet")
    phones = m[m["type"] == "phone"].sort_values("row")
    assert phones["phone"].tolist() == [
        "+9647901234567", "+9647712345678", "+9647509876543", "+9647901234567",
    ]  # fmt: skip
    assert len(pd.read_parquet(case / "rejects.parquet")) == 0


def test_graphql_case_number_is_no_phone_and_opened_at_is_the_time(tmp_path):
    """graphql_edges_tr.json: node.caseNumber ("K-1") is the case's identifier, not a phone;
    node.openedAt ("20240105") its time."""
    src = _copy("graphql_edges_tr.json", tmp_path)
    draft, path = _suggest(src)
    phones = [
        spec["fields"].get("phone")
        for spec in draft["entities"].values()
        if spec["type"] == "phone"
    ]
    assert "node.caseNumber" not in phones
    case = tmp_path / "case"
    _ingest(src, path, case)
    m = pd.read_parquet(case / "mentions.parquet")
    events = m[m["type"] == "event"].sort_values("row")
    assert events["identifier"].tolist() == ["K-1", "K-2", "K-3"]
    assert [str(t.date()) for t in events["time"]] == ["2024-01-05", "2024-02-12", "2024-03-01"]
    rejects = pd.read_parquet(case / "rejects.parquet")
    assert "phone_invalid" not in set(rejects["reason"])


def test_report_says_one_row_of_a_role_not_understood(tmp_path):
    src = tmp_path / "p.csv"
    src.write_text("Name,Role\nAna Popa,victim\nIon Rusu,vt\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        yaml.safe_dump({"format": "csv", "entities": {"p": {"type": "person",
                        "fields": {"name": "Name", "role": "Role"}}}}),
        encoding="utf-8",
    )  # fmt: skip
    case = tmp_path / "case"
    _ingest(src, mapping, case)
    code, out = _cli("report", str(case), "-o", str(tmp_path / "r.html"))
    assert code == 0, out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "(1 row)" in html
    assert "(1 rows)" not in html


def test_thai_headers_naming_victim_and_suspect_give_their_slots(tmp_path):
    """ชื่อผู้เสียหาย (the victim's name) and ชื่อผู้ต้องหา (the suspect's), their words run
    together, give a victim and a suspect slot, each with its phone, and victim_of."""
    src = tmp_path / "th.csv"
    src.write_text(
        "ชื่อผู้เสียหาย,เบอร์โทรผู้เสียหาย,ชื่อผู้ต้องหา,เบอร์โทรผู้ต้องหา\n"
        "สมศรี ใจดี,081-234-5678,สมชาย รักชาติ,083-456-7890\n"
        "มาลี สุขใจ,082-345-6789,บุญมี ทองคำ,084-567-8901\n",
        encoding="utf-8",
    )
    draft, _ = _suggest(src)
    ents = draft["entities"]
    assert ents["victim"]["fields"] == {"name": "ชื่อผู้เสียหาย", "role": {"value": "victim"}}
    assert ents["suspect"]["fields"] == {"name": "ชื่อผู้ต้องหา", "role": {"value": "suspect"}}
    assert ents["victim_phone"]["fields"] == {"phone": "เบอร์โทรผู้เสียหาย"}
    assert {"kind": "victim_of", "src": "victim", "dst": "suspect"} in draft["links"]
