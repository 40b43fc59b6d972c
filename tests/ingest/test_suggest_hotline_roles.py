"""Hotline logs: a "Caller role" column is the callers' role, never their name; a cell of
several phones is split, read in the country the file's own international numbers name;
a role column mapped as the name is warned of."""

from __future__ import annotations

from pathlib import Path

import linkgraph as lg
from tests.suggest_draft import run_cli, suggest_draft

_HOTLINE = (
    "Call ID;Received;Caller role;Caller name;Phones mentioned;Notes\n"
    "C-1;01.03.2024 14:05;victim;Ana Talpa;0751 234 567 / +40 722 000 111;took passport\n"
    "C-2;02.03.2024 09:30;relative;Ion Talpa;0751234567, 0744 999 000;brother of C-1\n"
    "C-3;03.03.2024 18:00;anonymous;;+373 69 111 222;saw the van\n"
    'C-4;04.03.2024 11:11;potential victim;Mara Bucur;"0733 111 222\n0722 555 111";two lines\n'
)


def _hotline(tmp_path: Path, text: str = _HOTLINE) -> Path:
    path = tmp_path / "calls.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _ingested(tmp_path: Path, data: Path, draft: Path) -> lg.Case:
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    return lg.Case.read(out)


def test_caller_role_column_is_the_role_and_caller_name_the_name(tmp_path: Path) -> None:
    data = _hotline(tmp_path)
    draft, spec = suggest_draft(data, tmp_path)
    (person,) = [e for e in spec["entities"].values() if e["type"] == "person"]
    assert person["fields"]["name"] == "Caller name"
    assert person["fields"]["role"] == "Caller role"
    m = _ingested(tmp_path, data, draft).mentions
    persons = m[m["type"] == "person"].sort_values("row")
    assert list(persons["label"]) == ["Ana Talpa", "Ion Talpa", "Mara Bucur"]
    assert list(persons["role"]) == ["victim", "relative", "victim"]


def test_role_header_in_other_languages_is_the_role(tmp_path: Path) -> None:
    text = (
        "Fall;Rolle des Anrufers;Name;Telefon\n"
        "F-1;Opfer;Olga Weiss;+49 176 1234 5678\n"
        "F-2;Mutter;Paul Kern;+49 151 2345 6789\n"
        "F-3;anonym;Karl Bauer;+49 160 3456 7890\n"
    )
    data = tmp_path / "faelle.csv"
    data.write_text(text, encoding="utf-8")
    _, spec = suggest_draft(data, tmp_path)
    persons = [e for e in spec["entities"].values() if e["type"] == "person"]
    assert [p["fields"].get("role") for p in persons] == ["Rolle des Anrufers"]
    assert persons[0]["fields"]["name"] == "Name"
    cyrillic = tmp_path / "zvonki.csv"
    cyrillic.write_text(
        "Роль звонящего;ФИО;Телефон\n"
        "потерпевшая;Петрова Анна;+7 916 123-45-67\n"
        "родственник;Иванов Петр;+7 916 765-43-21\n"
        "аноним;Сидоров Олег;+7 916 111-22-33\n",
        encoding="utf-8",
    )
    _, spec = suggest_draft(cyrillic, tmp_path)
    (person,) = [e for e in spec["entities"].values() if e["type"] == "person"]
    assert person["fields"]["role"] == "Роль звонящего"
    assert person["fields"]["name"] == "ФИО"


def test_victims_names_and_phones_stay_out_of_export_and_rejects(tmp_path: Path) -> None:
    data = _hotline(tmp_path)
    draft, _ = suggest_draft(data, tmp_path)
    case = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    assert code == 0, text
    code, text = run_cli("export", str(case), "-f", "csv", "-o", str(tmp_path / "csv"))
    assert code == 0, text
    exported = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv"))
    code, rejects = run_cli("rejects", str(case))
    assert code == 0, rejects
    for secret in ("Ana Talpa", "Mara Bucur", "0733 111 222", "+40733111222", "722555111"):
        assert secret not in exported
        assert secret not in rejects
    assert "Ion Talpa" in exported  # a relative is shown


def test_several_phones_a_cell_are_split_in_the_files_own_country(tmp_path: Path) -> None:
    data = _hotline(tmp_path)
    draft, spec = suggest_draft(data, tmp_path)
    (phone,) = [e for e in spec["entities"].values() if e["type"] == "phone"]
    assert phone.get("split") == "auto"
    assert spec.get("region") == "RO"  # the +40 numbers of the file's own cells
    case = _ingested(tmp_path, data, draft)
    phones = case.mentions[case.mentions["type"] == "phone"]
    assert sorted(phones["label"]) == sorted(
        [
            "+40751234567",
            "+40722000111",
            "+40751234567",
            "+40744999000",
            "+37369111222",
            "+40733111222",
            "+40722555111",
        ]
    )
    assert len(case.rejects) == 0


def test_national_numbers_of_one_cell_without_region_are_phone_several(tmp_path: Path) -> None:
    data = _hotline(tmp_path)
    mapping = tmp_path / "by_hand.yaml"
    mapping.write_text(
        "format: csv\n"
        "entities:\n"
        "  caller: {type: person, fields: {name: Caller name, role: Caller role}}\n"
        "  phone: {type: phone, fields: {phone: Phones mentioned}}\n"
        "links: [{kind: uses_phone, src: caller, dst: phone}]\n",
        encoding="utf-8",
    )
    case = _ingested(tmp_path, data, mapping)
    reasons = dict(zip(case.rejects["row"], case.rejects["reason"].astype(str), strict=True))
    assert reasons == {1: "phone_several", 2: "phone_several", 4: "phone_several"}


def test_role_column_mapped_as_name_is_warned_of(tmp_path: Path) -> None:
    data = _hotline(tmp_path)
    mapping = tmp_path / "wrong.yaml"
    mapping.write_text(
        "format: csv\nregion: RO\n"
        "entities:\n"
        "  caller: {type: person, fields: {name: Caller role, caller_name: Caller name}}\n",
        encoding="utf-8",
    )
    said = "slot 'caller': 2 of the first 4 names are role words ('victim', 'potential victim')"
    for command in ("ingest", "check", "preview"):
        args = ["ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c")]
        if command != "ingest":
            args = ["mapping", command, str(data), "--mapping", str(mapping)]
        code, text = run_cli(*args)
        assert code == 0, text
        assert said in " ".join(text.split()), (command, text)


_INTAKE = (
    "Case,Victim Name,Victim Phone,Suspect Name,Suspect Phone\n"
    "K-1,Lia Moraru,0722 555 111,Radu Stan,+373 69 222 333\n"
    "K-2,Eva Lungu,0744 999 000,Petru Vlad,0733 444 555\n"
)


def test_local_numbers_no_named_country_reads_are_ambiguous(tmp_path: Path) -> None:
    data = tmp_path / "intake.csv"
    data.write_text(_INTAKE, encoding="utf-8")
    draft, spec = suggest_draft(data, tmp_path)
    assert "region" not in spec  # +373 (MD) reads none of them; RO, KE, ... all do
    comment = " ".join(draft.read_text(encoding="utf-8").split())
    assert "# region: ambiguous (RO, " in comment
    assert "KE" in comment.split("region: ambiguous (")[1].split(")")[0]
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    said = " ".join(text.split())
    assert "3 phones rejected as phone_invalid" in said
    assert "region: ambiguous (RO, " in said
    assert "e.g. --region RO" in said


def test_statement_without_phones_gets_no_region(tmp_path: Path) -> None:
    data = tmp_path / "umsaetze.csv"
    data.write_text(
        "Buchungstag;Wertstellung;Empfänger;IBAN;Soll;Haben\n"
        "02.01.2024;02.01.2024;Olena Kravets;UA743052990000026007233566001;1.234,56 €;\n"
        "08.01.2024;09.01.2024;Ion Ceban;MD24AG000225100013104168;500,50 €;\n"
        "15.01.2024;15.01.2024;Sunrise Travel SRL;RO92RNCB0082044390980001;;3.400,00 €\n",
        encoding="utf-8",
    )
    draft, spec = suggest_draft(data, tmp_path)
    assert "region" not in spec
    assert "# region" not in draft.read_text(encoding="utf-8")
    assert not [e for e in spec["entities"].values() if e["type"] == "phone"]


def test_record_role_beside_one_reporter_object_is_that_persons_role(tmp_path: Path) -> None:
    """A JSON record's "role" beside its one "reporter" object (and a list of
    perpetrators) is the reporter's standing: victims get pseudonyms and are victims of
    the record's perpetrators; a "witness" reporter is no one's victim."""
    import json

    records = [
        {"id": "H-1", "reporter": {"name": "Olena Kravets", "contact": {"phone": "+380671234567"}},
         "role": "victim", "perpetrators": ["Petro Bondar", "Ion Ceban"]},
        {"id": "H-2", "reporter": {"name": "Maria Rusu", "contact": {"phone": "+37369123456"}},
         "role": "victim", "perpetrators": ["Ion Ceban"]},
        {"id": "H-3", "reporter": {"name": "Vasile Lungu"}, "role": "witness",
         "perpetrators": ["Petro Bondar"]},
    ]  # fmt: skip
    data = tmp_path / "hotline.json"
    data.write_text(json.dumps({"data": {"records": records}}), encoding="utf-8")
    draft, spec = suggest_draft(data, tmp_path)
    assert spec["entities"]["reporter"]["fields"]["role"] == "role"
    case = _ingested(tmp_path, data, draft)
    m = case.mentions
    persons = m[m["type"] == "person"]
    role = dict(zip(persons["name"], persons["role"], strict=False))
    assert role["Olena Kravets"] == role["Maria Rusu"] == "victim"
    assert role["Vasile Lungu"] == "witness"
    assert role["Petro Bondar"] == role["Ion Ceban"] == "suspect"
    code, shown = run_cli("mentions", str(tmp_path / "case"))
    assert code == 0, shown
    for secret in ("Olena Kravets", "Maria Rusu"):
        assert secret not in shown
    for shown_name in ("Vasile Lungu", "Petro Bondar"):
        assert shown_name in shown
    name = dict(zip(m["mention_id"], m["name"], strict=False))
    links = case.links[case.links["kind"] == "victim_of"]
    got = {(name[s], name[d]) for s, d in zip(links["src"], links["dst"], strict=True)}
    assert got == {
        ("Olena Kravets", "Petro Bondar"),
        ("Olena Kravets", "Ion Ceban"),
        ("Maria Rusu", "Ion Ceban"),
    }


def test_victim_object_keeps_its_role_against_a_record_role_column(tmp_path: Path) -> None:
    """A slot named for a victim is never given another role by a record-level column."""
    import json

    records = [
        {"id": "1", "victim": {"name": "Olena Kravets"}, "role": "informant"},
        {"id": "2", "victim": {"name": "Maria Rusu"}, "role": "informant"},
    ]
    data = tmp_path / "v.json"
    data.write_text(json.dumps(records), encoding="utf-8")
    _, spec = suggest_draft(data, tmp_path)
    assert spec["entities"]["victim"]["fields"]["role"] == {"value": "victim"}
