"""A CDR whose number columns are headed only by a call's end ("Caller", "Apelat",
"Llamado", "Абонент Б") and hold national numbers (no country code) is drafted as calls
between phones, whatever region would read them (tester 40, D1 and D9): not a hotline's
"reporter" named by her number, nor "could not propose any entity". The region the
values cannot tell is said with how to give it: `mapping suggest --region XX`, which
the draft then records, and which the cdr preset's error passes on. Each through the
user's path: suggest, ingest the draft unedited, the case's links against hand-read
numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

#: Three calls between Moldovan numbers written nationally: 069 and 078 mobiles and a
#: Chișinău landline 22 (+373 22).
ROWS = [
    ("25.03.2024", "14:05:09", "069123456", "078123456", "00:03:27"),
    ("25.03.2024", "23:59:30", "078123456", "069123456", "00:00:10"),
    ("26.03.2024", "09:00:00", "069123456", "22123456", "00:01:10"),
]
#: The calls read as Moldovan numbers (E.164), by row: caller -> callee.
MOLDOVAN_CALLS = [
    (1, "called", "+37369123456", "+37378123456"),
    (2, "called", "+37378123456", "+37369123456"),
    (3, "called", "+37369123456", "+37322123456"),
]

ENDS = [
    ("Caller", "Callee"),
    ("Apelant", "Apelat"),
    ("Appelant", "Appelé"),
    ("Llamante", "Llamado"),
    ("Chiamante", "Chiamato"),
    ("Anrufer", "Angerufener"),
    ("Arayan", "Aranan"),
    ("Вызывающий", "Вызываемый"),
    ("Абонент А", "Абонент Б"),
]


def _cdr(tmp: Path, caller: str, callee: str) -> Path:
    path = tmp / "cdr.csv"
    lines = [f"Date;Time;{caller};{callee};Durata"] + [";".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _links(case: Case) -> list[tuple[int, str, str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    lk = case.links
    rows = zip(lk["row"], lk["kind"], lk["src"], lk["dst"], strict=True)
    return sorted((int(r), k, label[s], label[d]) for r, k, s, d in rows)


@pytest.mark.parametrize(("caller", "callee"), ENDS)
def test_national_numbers_under_a_calls_ends_are_drafted_as_calls(tmp_path, caller, callee):
    """No region in the draft (MD, or another plan that reads 069/078/22 alike): its
    comment names the candidates and the command that gives one; the slots are the two
    phones and the link `called`, with the date and clock joined, and no person."""
    draft, mapping = suggest_draft(_cdr(tmp_path, caller, callee), tmp_path)
    assert mapping["entities"] == {
        "caller": {"type": "phone", "fields": {"phone": caller}},
        "callee": {"type": "phone", "fields": {"phone": callee}},
    }
    (link,) = mapping["links"]
    assert (link["kind"], link["src"], link["dst"]) == ("called", "caller", "callee")
    assert link["time"] == {"columns": ["Date", "Time"], "join": " "}
    assert link["attrs"] == {"duration": "Durata"}
    assert "region" not in mapping
    text = draft.read_text(encoding="utf-8")
    ambiguous = next(line for line in text.splitlines() if "region: ambiguous (" in line)
    assert "MD" in ambiguous
    assert "#   linkgraph mapping suggest cdr.csv --region " in text


@pytest.mark.parametrize(("caller", "callee"), [ENDS[0], ENDS[1], ENDS[7]])
def test_suggest_region_reads_the_numbers_and_the_draft_records_it(tmp_path, caller, callee):
    path = _cdr(tmp_path, caller, callee)
    draft = tmp_path / "d.yaml"
    code, out = run_cli("mapping", "suggest", str(path), "--region", "md", "-o", str(draft))
    assert code == 0, out
    text = draft.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["region"] == "MD"
    assert "# region MD: given with --region" in text
    assert "ambiguous" not in text
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert _links(case) == MOLDOVAN_CALLS
    assert case.rejects.empty
    assert not case.mentions["type"].eq("person").any()
    times = sorted(case.links["time"].astype(str))
    assert times == [
        "2024-03-25 14:05:09+00:00",
        "2024-03-25 23:59:30+00:00",
        "2024-03-26 09:00:00+00:00",
    ]


def test_a_region_that_is_no_country_code_is_refused_with_the_one_meant(tmp_path):
    code, out = run_cli(
        "mapping", "suggest", str(_cdr(tmp_path, "Caller", "Callee")), "--region", "UK"
    )
    assert code != 0
    assert "region 'UK' is not a country code" in out
    assert "did you mean 'GB'" in out


def test_the_cdr_presets_error_leads_to_a_draft_that_reads_the_file(tmp_path):
    """`ingest --preset cdr --region MD` on headers the preset does not know: its hint's
    command, with the region it was given, drafts a mapping whose ingest makes the
    calls (no way back to the preset)."""
    path = _cdr(tmp_path, "Apelant", "Apelat")
    code, out = run_cli(
        "ingest", str(path), "--preset", "cdr", "--region", "MD", "-o", str(tmp_path / "p")
    )
    assert code != 0
    command = f"linkgraph mapping suggest {path.name} --region MD -o mapping.yaml"
    assert command in " ".join(out.split())
    draft = tmp_path / "mapping.yaml"
    code, out = run_cli("mapping", "suggest", str(path), "--region", "MD", "-o", str(draft))
    assert code == 0, out
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    assert _links(Case.read(tmp_path / "c")) == MOLDOVAN_CALLS


def test_unnamed_columns_of_national_numbers_say_to_give_the_region(tmp_path):
    """Headers that name nothing ("Xyz", "Qwe") over national numbers: no draft, and the
    error says that --region reads them; given, each is a phone read as Moldovan."""
    path = _cdr(tmp_path, "Xyz", "Qwe")
    code, out = run_cli("mapping", "suggest", str(path))
    assert code != 0
    flat = " ".join(out.split())
    assert "Xyz, Qwe hold numbers that may be national phone numbers" in flat
    assert "`linkgraph mapping suggest cdr.csv --region XX`" in flat
    draft = tmp_path / "d.yaml"
    code, out = run_cli("mapping", "suggest", str(path), "--region", "MD", "-o", str(draft))
    assert code == 0, out
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    phones = Case.read(tmp_path / "c").mentions.query("type == 'phone'")
    assert sorted(set(phones["label"])) == ["+37322123456", "+37369123456", "+37378123456"]


def test_a_hotline_callers_names_are_still_a_person(tmp_path):
    """A "Caller" column of names (a hotline's reporter) stays her name, not a phone."""
    path = tmp_path / "hotline.csv"
    path.write_text(
        "Date,Caller,Phone,Notes\n"
        "2024-03-01,Ion Rusu,+37369123456,reports a missing sister\n"
        "2024-03-02,Ana Ceban,+37378123456,saw an advert\n",
        encoding="utf-8",
    )
    _, mapping = suggest_draft(path, tmp_path)
    names = [e["fields"].get("name") for e in mapping["entities"].values()]
    assert "Caller" in names
    assert not any(
        e["type"] == "phone" and e["fields"].get("phone") == "Caller"
        for e in mapping["entities"].values()
    )
