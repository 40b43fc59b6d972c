"""Phone numbers read with the right default region, and cells that hold no single number:
nationality as a row's region, mixed files in `mapping suggest`, WhatsApp JIDs, withheld
callers, cells of several numbers and the Italian "(0)"."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

RECRUITERS = (
    "Full name,Nationality,Phone\n"
    "NGUYEN Van Hung,Viet Nam,+84 912 345 678\n"
    "Nguyen Thi Lan,Viet Nam,098 765 4321\n"
    "Siriporn Thongchai,Thailand,081 234 5678\n"
    "Somsak Thongchai,Thailand,081-111-2222\n"
    "Tran Van Minh,Viet Nam,0912 000 111\n"
)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(tmp_path, path, mapping, *extra):
    out = tmp_path / f"case_{path.stem}"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return Case.load(out), result.output


def _phones_by_row(case):
    phones = case.mentions.query("type == 'phone'")
    return dict(zip(phones["row"].astype(int), phones["phone"], strict=True))


def _person_phone_mapping(tmp_path, region, **fields):
    spec = {
        "format": "csv",
        "region": region,
        "entities": {
            "person": {"type": "person", "fields": {"name": "Full name", **fields}},
            "phone": {"type": "phone", "fields": {"phone": "Phone"}},
        },
        "links": [{"kind": "uses_phone", "src": "person", "dst": "phone"}],
    }
    path = tmp_path / "map.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def test_a_rows_nationality_reads_its_national_numbers(tmp_path):
    """Under a file-wide `region: VN`, the Thai rows' "081 234 5678" are Thai numbers
    (+66 81 234 5678), not Vietnamese (+84 81 …), because the row says Thailand."""
    path = _write(tmp_path, "agency.csv", RECRUITERS)
    mapping = _person_phone_mapping(tmp_path, "VN", nationality="Nationality")
    case, _ = _ingest(tmp_path, path, mapping)
    assert _phones_by_row(case) == {
        1: "+84912345678",
        2: "+84987654321",
        3: "+66812345678",
        4: "+66811112222",
        5: "+84912000111",
    }


def test_a_number_invalid_in_the_rows_nationality_falls_back_to_the_region_and_says_so(
    tmp_path,
):
    """A Nigerian with an Italian SIM: "333 123 4567" is no Nigerian number, so it is read
    under the mapping's region (+39 333 123 4567), and the summary says so; a row without
    nationality is read under the region too, and the summary says that as well."""
    path = _write(
        tmp_path,
        "guests.csv",
        "Full name,Nationality,Phone\nAda Obi,Nigeria,333 123 4567\nLuca Rossi,,06 1234 5678\n",
    )
    mapping = _person_phone_mapping(tmp_path, "IT", nationality="Nationality")
    case, output = _ingest(tmp_path, path, mapping)
    assert _phones_by_row(case) == {1: "+393331234567", 2: "+390612345678"}
    assert "1 phone invalid in its row's country read as an IT number" in output
    assert "'333 123 4567' -> +393331234567 (nationality NG)" in output
    assert "1 phone without a country code read as an IT number" in output


def test_a_rows_city_reads_its_national_numbers_when_no_column_names_a_country(tmp_path):
    """An Italian NGO's intake (`region: IT`) with no country or nationality column: the
    Nigerian mobile "0806 111 2233" of a woman from Benin City is +234 806 111 2233, not
    the Italian landline +39 0806 111 2233 it also spells; a number of a Castel Volturno
    row, or one that is no number of its city's country ("333 765 4321", a Nigerian
    from Lagos with an Italian SIM), stays Italian; the summary names the inference."""
    path = _write(
        tmp_path,
        "intake.csv",
        "Full name,City,Phone\n"
        "Joy Osagie,Benin City,0806 111 2233\n"
        "Efe Omoregie,Castel Volturno,333 765 4321\n"
        "Ada Obi,Lagos,333 123 4567\n"
        "Luca Rossi,,06 1234 5678\n",
    )
    mapping = _person_phone_mapping(tmp_path, "IT", city="City")
    case, output = _ingest(tmp_path, path, mapping)
    assert _phones_by_row(case) == {
        1: "+2348061112233",
        2: "+393337654321",
        3: "+393331234567",
        4: "+390612345678",
    }
    said = " ".join(output.split())
    assert (
        "1 phone without a country code read as a number of the country of its row's city" in said
    )
    assert "'0806 111 2233' -> +2348061112233 (NG)" in said
    assert "'333 123 4567' -> +393331234567 (city in NG)" in said


def test_the_region_warning_is_in_every_summary(tmp_path):
    """A mapping's region reading national numbers is named in the summary (not only a
    preset's guessed one)."""
    path = _write(tmp_path, "list.csv", "Full name,Phone\nAnna,098 765 4321\nBen,+84912345678\n")
    case, output = _ingest(tmp_path, path, _person_phone_mapping(tmp_path, "VN"))
    assert _phones_by_row(case) == {1: "+84987654321", 2: "+84912345678"}
    assert "1 phone without a country code read as a VN number (`region:` of the mapping)" in (
        " ".join(output.split())
    )


def test_suggest_sets_no_region_when_the_rows_are_of_several_countries(tmp_path):
    """The draft of a list of Vietnamese and Thai workers takes no file-wide region (VN
    would make the Thai numbers Vietnamese); its ingest reads each row's numbers with
    the row's nationality."""
    path = _write(tmp_path, "agency.csv", RECRUITERS)
    draft = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text(encoding="utf-8")
    assert "region" not in yaml.safe_load(text)
    assert "several countries (VN 2, TH 2)" in text
    case, _ = _ingest(tmp_path, path, draft)
    phones = _phones_by_row(case)
    assert phones[3] == "+66812345678"
    assert phones[4] == "+66811112222"
    assert phones[2] == "+84987654321"


def _calls_mapping(tmp_path, split=None):
    ends = {"type": "phone", "fields": {"phone": "From"}}
    spec = {
        "format": "csv",
        "region": "RO",
        "entities": {
            "sender": {**ends, **({"split": split} if split else {})},
            "receiver": {
                "type": "phone",
                "fields": {"phone": "To"},
                **({"split": split} if split else {}),
            },
        },
        "links": [{"kind": "messaged", "src": "sender", "dst": "receiver"}],
    }
    path = tmp_path / f"calls_{split}.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


CHATS = (
    "From,To\n"
    "380671234567@s.whatsapp.net Olena Kov,+40 721 234 567\n"
    "+40 721 234 567,971501234567@c.us Ahmed\n"
    "Private number,+40 721 234 567\n"
    "+40 721 234 567,Номер скрыт\n"
)


def _links_and_rejects(case):
    labels = dict(zip(case.mentions["mention_id"], case.mentions["phone"], strict=True))
    links = sorted(
        (int(r), labels[s], labels[d])
        for r, s, d in zip(case.links["row"], case.links["src"], case.links["dst"], strict=True)
    )
    rejects = sorted(
        (int(r), c, reason, v)
        for r, c, reason, v in zip(
            case.rejects["row"],
            case.rejects["column"],
            case.rejects["reason"],
            case.rejects["value"],
            strict=True,
        )
    )
    return links, rejects


def test_find_reads_whatsapp_ids_and_withheld_numbers_are_rejects(tmp_path):
    """`split: find` reads a WhatsApp ID's digits as an international number (JIDs are
    E.164 without "+"), and a withheld party is a reject `phone_withheld`: each of the
    four rows is a link or a reject."""
    path = _write(tmp_path, "chats.csv", CHATS)
    case, _ = _ingest(tmp_path, path, _calls_mapping(tmp_path, "find"))
    links, rejects = _links_and_rejects(case)
    assert links == [(1, "+380671234567", "+40721234567"), (2, "+40721234567", "+971501234567")]
    assert rejects == [
        (3, "From", "phone_withheld", "Private number"),
        (4, "To", "phone_withheld", "Номер скрыт"),
    ]
    assert not (case.mentions["type"] == "email").any()


def test_a_withheld_number_is_no_phone_node(tmp_path):
    """Without a split, "Private number" is a reject `phone_withheld`, not an invalid phone
    that would join every withheld call into one node."""
    path = _write(tmp_path, "chats.csv", CHATS)
    case, _ = _ingest(tmp_path, path, _calls_mapping(tmp_path))
    links, rejects = _links_and_rejects(case)
    assert links == [(1, "+380671234567", "+40721234567"), (2, "+40721234567", "+971501234567")]
    assert [r[2:] for r in rejects] == [
        ("phone_withheld", "Private number"),
        ("phone_withheld", "Номер скрыт"),
    ]
    assert sorted(case.mentions["phone"].dropna().unique()) == [
        "+380671234567",
        "+40721234567",
        "+971501234567",
    ]


def test_find_rejects_a_cell_with_digits_but_no_number(tmp_path):
    """A `find` cell whose digits make no valid number is a reject, not a silent loss."""
    path = _write(tmp_path, "chats.csv", "From,To\n+40 721 234 567,tel 12 34 56 78 90 x\n")
    case, _ = _ingest(tmp_path, path, _calls_mapping(tmp_path, "find"))
    _, rejects = _links_and_rejects(case)
    assert rejects == [(1, "To", "phone_invalid", "tel 12 34 56 78 90 x")]


def test_a_bracketed_zero_is_kept_where_the_number_needs_it(tmp_path):
    """ "+40 (0)21 …" drops its trunk 0 (+40 21 …), but an Italian landline keeps it:
    "+39 (0)2 1234 5678" is +39 02 1234 5678."""
    path = _write(
        tmp_path,
        "list.csv",
        "Full name,Phone\n"
        "Maria,+39 (0)2 1234 5678\n"
        "Ion,+40 (0)21 123 4567\n"
        "John,+44 (0)20 7946 0958\n"
        "Gianni,0039 (0)6 1234 5678\n",
    )
    case, _ = _ingest(tmp_path, path, _person_phone_mapping(tmp_path, "RO"))
    assert _phones_by_row(case) == {
        1: "+390212345678",
        2: "+40211234567",
        3: "+442079460958",
        4: "+390612345678",
    }
    assert case.rejects.empty


SUSPECTS = (
    "Full name,Phone\n"
    "PETROV Sergey,+7 (916) 123-45-67 / 8 916 765 43 21\n"
    'POPESCU Ion,"0040 721 234 567\n+40 (0)21 123 4567 ext. 12"\n'
    "KOVALENKO Olena,067 123 4567\n"
)


def test_a_cell_of_several_numbers_without_split_is_rejected_not_one_node(tmp_path):
    """Without `split`, a cell of two numbers is a reject `phone_several` and no phone
    node named by both; the summary says to give the slot `split: auto`."""
    path = _write(tmp_path, "suspects.csv", SUSPECTS)
    case, output = _ingest(tmp_path, path, _person_phone_mapping(tmp_path, "UA"))
    assert _phones_by_row(case) == {3: "+380671234567"}
    rejects = case.rejects
    assert sorted(zip(rejects["row"].astype(int), rejects["reason"], strict=True)) == [
        (1, "phone_several"),
        (2, "phone_several"),
    ]
    assert "split: auto" in " ".join(output.split())


def test_suggest_splits_cells_of_several_numbers_and_a_trunk_8_reads_beside_a_plus_7(
    tmp_path,
):
    """The draft gives the phone slot `split: auto`; its ingest reads each number, the
    Russian "8 916 765 43 21" beside "+7 (916) …" as +7 916 765 43 21 (not under UA)."""
    path = _write(tmp_path, "suspects.csv", SUSPECTS)
    draft = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    spec = yaml.safe_load(draft.read_text(encoding="utf-8"))
    phone_slots = [e for e in spec["entities"].values() if e["type"] == "phone"]
    assert [e.get("split") for e in phone_slots] == ["auto"]
    spec["region"] = "UA"
    draft.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    case, _ = _ingest(tmp_path, path, draft)
    phones = case.mentions.query("type == 'phone'")
    assert sorted(zip(phones["row"].astype(int), phones["phone"], strict=True)) == [
        (1, "+79161234567"),
        (1, "+79167654321"),
        (2, "+40211234567"),
        (2, "+40721234567"),
        (3, "+380671234567"),
    ]
    assert case.rejects.empty


NATIONAL = "name,phone\nIon Pop,0722 111 222\n"


def _refused(args):
    """Run the CLI, expecting a one-line refusal (exit 1, no traceback)."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_region_phonenumbers_does_not_know_is_refused_with_the_code_meant(tmp_path):
    """--region, a mapping's region: and a pipeline config's region all refuse a code that
    is no country (XX) and name the code meant by another one (UK is GB, ROU is RO)."""
    path = _write(tmp_path, "nat.csv", NATIONAL)
    out = str(tmp_path / "c")
    base = ["ingest", str(path), "--preset", "people", "-o", out]
    said = _refused([*base, "--region", "XX"])
    assert "region 'XX' is not a country code phonenumbers knows" in said
    assert "did you mean" not in said
    assert not (tmp_path / "c").exists()
    assert "region 'UK' is not a country code phonenumbers knows; did you mean 'GB'?" in (
        _refused([*base, "--region", "UK"])
    )
    mapping = _write(
        tmp_path, "m.yaml", "region: ROU\nentities:\n  p: {type: person, fields: {name: name}}\n"
    )
    said = _refused(["ingest", str(path), "--mapping", str(mapping), "-o", out])
    assert "region 'ROU' is not a country code phonenumbers knows; did you mean 'RO'?" in said
    config = _write(
        tmp_path, "p.yaml", "sources:\n  - {path: nat.csv, preset: people, region: ZZ}\n"
    )
    said = _refused(["config", str(config)])
    assert "p.yaml.sources[0].region: region 'ZZ' is not a country code phonenumbers" in said


def test_a_known_region_in_any_case_reads_the_national_number(tmp_path):
    path = _write(tmp_path, "nat.csv", NATIONAL)
    out = tmp_path / "c"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "people", "--region", "ro", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    phones = Case.load(out).mentions.query("type == 'phone'")
    assert phones["phone"].tolist() == ["+40722111222"]


def test_a_cdr_without_region_looks_for_it_without_the_table_of_every_countrys_names(
    tmp_path, monkeypatch
):
    # Looking for the region reads the first rows' columns as `mapping suggest` does, which
    # asks whether a column names countries: dates and numbers cannot, and the table of
    # every language's country names (~0.5 s to build) is not built for them.
    from linkgraph.ingest import normalize

    built = []
    real = normalize._country_names
    monkeypatch.setattr(normalize, "_country_names", lambda: built.append(1) or real())
    rows = "".join(
        f"+447911{i:06d},07911 2{i:05d},2024-01-{i % 28 + 1:02d} 10:00:00,{i}\n" for i in range(50)
    )
    path = _write(tmp_path, "cdr.csv", "caller,callee,start_time,duration\n" + rows)
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "cdr", "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    # The callers' +44 names GB, whose plan reads the callees' national numbers: "callee"
    # over numbers is a call's end whatever region reads them (07911 200000 is +447911200000).
    assert len(case.mentions) == 100
    assert case.rejects.empty
    callees = case.mentions[case.mentions["slot"].eq("callee")]["label"]
    assert sorted(callees) == [f"+4479112{i:05d}" for i in range(50)]
    assert not built
    # and a value that is a country's name still reads as one
    assert normalize.country("Moldova, 2024") == "MD"
    assert normalize.country("Deutschland") == "DE"


# A Thai investigator's case list: the victim's nationality beside the suspect's phone.
# The same suspect number "081-234-5678" is a Thai mobile (+66 81 234 5678) on the Lao
# victim's row and on the Vietnamese victim's row: not +856 or +84.
CASES_TH = (
    "Case,Victim,Nationality,Suspect,Suspect phone\n"
    "45/2567,Mali Jaidee,Lao,Somchai Mangmee,081-234-5678\n"
    "46/2567,Nguyen Thi Hoa,Vietnamese,Somchai Mangmee,0812345678\n"
    "47/2567,Kham Si,Lao,Wandee Srisuk,+66 89 111 2222\n"
)


def test_a_victims_nationality_does_not_read_the_suspects_phone(tmp_path):
    """Through the public path (`mapping suggest` draft, then `ingest`): a row's
    nationality column is the victim's, so the suspect's local numbers read with the
    mapping's region (TH), on every row whatever the victim's nationality."""
    data = _write(tmp_path, "cases.csv", CASES_TH)
    drafted = CliRunner().invoke(cli, ["mapping", "suggest", str(data)])
    assert drafted.exit_code == 0, drafted.output
    draft = yaml.safe_load(drafted.stdout)
    assert draft["region"] == "TH"
    slots = draft["entities"]
    # the draft gives the nationality to the victim and the phone to the suspect
    assert any(e["fields"].get("nationality") == "Nationality" for e in slots.values())
    assert {"kind": "uses_phone", "src": "suspect", "dst": "suspect_phone"} in draft["links"]
    mapping = _write(tmp_path, "cases.yaml", drafted.stdout)
    case, output = _ingest(tmp_path, data, mapping)
    phones = case.mentions.query("type == 'phone'")
    assert dict(zip(phones["row"].astype(int), phones["phone"], strict=True)) == {
        1: "+66812345678",
        2: "+66812345678",
        3: "+66891112222",
    }
    assert "invalid in their row's country" not in output
    # the summary says why the nationality column did not read the suspect's numbers
    assert "2 phones without a country code read as TH numbers" in output
    flat = " ".join(output.split())
    assert (
        "their row's nationality column 'Nationality' is the victim's, not their owners', so it"
        " did not set their country"
    ) in flat


def test_an_employers_country_does_not_read_its_workers_phone(tmp_path):
    """A labour inspectorate's list: the employer's country column is the organisation's,
    not its workers'. A Romanian worker's "0721 000 111" in a Dubai company is the
    Romanian mobile (+40 721 000 111, `region: RO`), not a number of the UAE (where it is
    none, so it was rejected); the employer's own "04 331 1111" is a Dubai landline."""
    data = _write(
        tmp_path,
        "firms.csv",
        "Employer,Employer Country,Employer Phone,Worker,Worker Phone\n"
        "Sands Cleaning LLC,AE,04 331 1111,Ana Pop,0721 000 111\n",
    )
    mapping = _write(
        tmp_path,
        "firms.yaml",
        "format: csv\nregion: RO\nentities:\n"
        "  employer:\n    type: organisation\n"
        "    fields: {name: Employer, country: Employer Country}\n"
        "  employer_phone: {type: phone, fields: {phone: Employer Phone}}\n"
        "  worker: {type: person, fields: {name: Worker}}\n"
        "  worker_phone: {type: phone, fields: {phone: Worker Phone}}\n"
        "links:\n"
        "- {kind: uses_phone, src: employer, dst: employer_phone}\n"
        "- {kind: uses_phone, src: worker, dst: worker_phone}\n",
    )
    case, output = _ingest(tmp_path, data, mapping)
    phones = case.mentions.query("type == 'phone'").set_index("slot")["phone"]
    assert phones.to_dict() == {"employer_phone": "+97143311111", "worker_phone": "+40721000111"}
    assert case.rejects.empty
    flat = " ".join(output.split())
    assert "its row's country column 'Employer Country' is the employer's, not its owner's" in flat
