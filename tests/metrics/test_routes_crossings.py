"""Border-crossing logs reach `linkgraph routes` through the public path: a log drafted by
`linkgraph mapping suggest` (unedited), ingested and resolved, gives the flows its rows
say by hand; the mapping names a crossing's sides `from`/`to` or their usual synonyms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

# Seven crossings, as a border police exports them: 2 x MD->RO, 2 x UA->MD, 2 x RO->HU,
# 1 x HU->DE (Elena crosses RO->HU, then HU->DE).
LOG = """crossing_id,traveller,dob,passport,from_country,to_country,border_point,date
B1,Elena Marin,1999-03-14,RO1234567,RO,HU,Nadlac,2024-02-20
B2,Marius Popescu,1978-05-02,RO7654321,RO,HU,Nadlac,2024-02-20
B3,Oksana Melnyk,2001-07-02,UA FE123456,UA,MD,Palanca,2024-02-18
B4,Dmytro Kovalenko,1990-01-30,UA FE654321,UA,MD,Palanca,2024-02-18
B5,Ana Dumitru,2000-11-20,MD A0987654,MD,RO,Leuseni,2024-02-19
B6,Sergiu Balan,1988-08-08,MD A1111111,MD,RO,Leuseni,2024-02-19
B7,Elena Marin,1999-03-14,RO1234567,HU,DE,Hegyeshalom,2024-02-21
"""
#: By hand: (origin, destination) -> the travellers on that flow.
FLOWS = {
    ("MD", "RO"): {"Ana Dumitru", "Sergiu Balan"},
    ("UA", "MD"): {"Oksana Melnyk", "Dmytro Kovalenko"},
    ("RO", "HU"): {"Elena Marin", "Marius Popescu"},
    ("HU", "DE"): {"Elena Marin"},
}

# The same kind of log with no crossing id, the countries named "Origin"/"Destination"
# in words, a time of day: three crossings, one flow each.
LOG_NO_ID = """Passport,Traveller,Nationality,Origin,Destination,Crossing date
RO1234567,Elena Marin,Romanian,Romania,Hungary,2024-02-20 10:15
UAFE123456,Oksana Melnyk,Ukrainian,Ukraine,Moldova,2024-02-18 08:00
MDA0987654,Ana Dumitru,Moldovan,Moldova,Romania,2024-02-19 13:40
UAFE654321,Dmytro Kovalenko,Ukrainian,Ukraine,Moldova,2024-02-18 08:00
"""
FLOWS_NO_ID = {
    ("RO", "HU"): {"Elena Marin"},
    ("UA", "MD"): {"Oksana Melnyk", "Dmytro Kovalenko"},
    ("MD", "RO"): {"Ana Dumitru"},
}


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output + done.stderr
    return done.stdout


def _case(tmp_path: Path, text: str, mapping: str | None = None) -> Path:
    data = tmp_path / "border_log.csv"
    data.write_text(text, encoding="utf-8")
    draft = tmp_path / "border_log.yaml"
    draft.write_text(mapping or _run("mapping", "suggest", str(data)), encoding="utf-8")
    folder = tmp_path / "case"
    _run("ingest", str(data), "--mapping", str(draft), "-o", str(folder), "-q")
    _run("resolve", str(folder), "-q")
    return folder


def _flows(folder: Path) -> dict[tuple[str, str], set[str]]:
    """The country flows `routes --json` prints: (origin, destination) -> its people."""
    flows = json.loads(_run("routes", str(folder), "--json"))
    return {(f["origin"], f["destination"]): set(f["people"]) for f in flows}


def test_suggested_draft_of_a_crossing_log_gives_its_flows(tmp_path: Path) -> None:
    folder = _case(tmp_path, LOG)
    assert _flows(folder) == FLOWS


def test_draft_names_the_sides_from_and_to_on_the_event(tmp_path: Path) -> None:
    data = tmp_path / "log.csv"
    data.write_text(LOG, encoding="utf-8")
    text = _run("mapping", "suggest", str(data))
    assert "      from: from_country\n" in text
    assert "      to: to_country\n" in text
    assert "country: from_country" not in text  # the country left is not the person's


def test_a_log_without_crossing_ids_and_countries_in_words(tmp_path: Path) -> None:
    assert _flows(_case(tmp_path, LOG_NO_ID)) == FLOWS_NO_ID


@pytest.mark.parametrize(("left", "entered"), [("from_country", "to_country"),
                                               ("origin", "destination")])  # fmt: skip
def test_synonyms_of_from_and_to_are_accepted(tmp_path: Path, left: str, entered: str) -> None:
    mapping = f"""format: csv
entities:
  person: {{type: person, fields: {{name: traveller, dob: dob}}}}
  crossing:
    type: event
    fields: {{identifier: crossing_id, time: date, {left}: from_country, {entered}: to_country}}
links:
  - {{kind: involved_in, src: person, dst: crossing}}
"""
    assert _flows(_case(tmp_path, LOG, mapping)) == FLOWS


# A Hungarian border police's log of entries and exits, no countries written: entering
# Hungary at Nadlac (a Romanian town: the far side) is RO -> HU, leaving by it HU -> RO;
# leaving at Hegyeshalom (a village the map does not know) is HU -> ? (one side known).
LOG_IN_OUT = """Passport,Traveller,Crossing point,Direction,Date time
RO1234567,Elena Marin,Nadlac,IN,2024-02-20 10:15
RO7654321,Marius Popescu,Nadlac,Entry,2024-02-20 10:15
HU5555555,Bela Kovacs,Nadlac,OUT,2024-02-21 09:00
DE7777777,Jonas Weber,Hegyeshalom,exit,2024-02-21 12:00
"""
FLOWS_IN_OUT = {
    ("RO", "HU"): {"Elena Marin", "Marius Popescu"},
    ("HU", "RO"): {"Bela Kovacs"},
    ("HU", "?"): {"Jonas Weber"},
}


def test_a_log_of_entries_and_exits_once_its_country_is_set(tmp_path: Path) -> None:
    data = tmp_path / "in_out.csv"
    data.write_text(LOG_IN_OUT, encoding="utf-8")
    draft = _run("mapping", "suggest", str(data))
    assert "      direction: Direction\n" in draft
    assert "      border_point: Crossing point\n" in draft
    assert "set the crossing event's country" in draft
    # the analyst sets the country the draft asks for, and nothing else
    mapping = draft.replace(
        "      direction: Direction\n", "      direction: Direction\n      country: {value: HU}\n"
    )
    assert _flows(_case(tmp_path, LOG_IN_OUT, mapping)) == FLOWS_IN_OUT


# A Frontex-style log in ISO alpha-3 codes, one side "XXX" (ICAO's "unspecified"; "XXA"
# stateless): the unknown code neither stops the draft nor its row, whose origin is "?".
LOG_ALPHA3 = """event_id,crossing_date,bcp,from_country,to_country,person_name,nationality
FX-001,2024-06-01,Kipoi,TUR,GRC,Ali Reza,AFG
FX-002,2024-06-03,Medyka,UKR,POL,Iryna Boyko,UKR
FX-003,2024-06-05,Sculeni,MDA,ROU,Ana Munteanu,MDA
FX-004,2024-06-07,Kipoi,XXX,GRC,Omar Farouk,SYR
FX-005,2024-06-08,Kipoi,XXA,GRC,Amal Haddad,SYR
"""
FLOWS_ALPHA3 = {
    ("TR", "GR"): {"Ali Reza"},
    ("UA", "PL"): {"Iryna Boyko"},
    ("MD", "RO"): {"Ana Munteanu"},
    ("?", "GR"): {"Omar Farouk", "Amal Haddad"},
}


def test_an_unknown_iso_code_on_one_crossing_does_not_stop_the_draft(tmp_path: Path) -> None:
    assert _flows(_case(tmp_path, LOG_ALPHA3)) == FLOWS_ALPHA3


# A Greek coast guard's log of entries and exits (Σημείο: the crossing point, Κατεύθυνση:
# Είσοδος/Έξοδος), nationalities as feminine or adjective forms, a smuggler (διακινητής).
LOG_GR = """Ημερομηνία,Σημείο,Κατεύθυνση,Ονοματεπώνυμο,Υπηκοότητα,Ιδιότητα,Αριθμός Διαβατηρίου
2024-05-02,Λέσβος,Είσοδος,Ahmad Karimi,Αφγανή,θύμα,
2024-05-02,Λέσβος,Είσοδος,Mustafa Demir,Τουρκική,διακινητής,U12345678
2024-05-09,Σάμος,Είσοδος,Fatima Haidari,Αφγανή,θύμα,
2024-05-09,Σάμος,Έξοδος,Mustafa Demir,Τουρκική,διακινητής,U12345678
2024-05-20,Κως,Είσοδος,Samir Haddad,Συριακή,θύμα,N0099887
"""


def test_a_greek_border_log_is_drafted_as_crossings(tmp_path: Path) -> None:
    data = tmp_path / "coastguard.csv"
    data.write_text(LOG_GR, encoding="utf-8")
    draft = _run("mapping", "suggest", str(data))
    assert "      border_point: Σημείο\n" in draft
    assert "      direction: Κατεύθυνση\n" in draft
    assert "      document: Αριθμός Διαβατηρίου\n" in draft
    folder = tmp_path / "case"
    (tmp_path / "gr.yaml").write_text(draft, encoding="utf-8")
    done = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(tmp_path / "gr.yaml"), "-o", str(folder)]
    )
    assert done.exit_code == 0, done.output
    assert "0 rejects" in done.output
    assert "not understood" not in done.output
    from linkgraph.model import Case

    persons = Case.load(folder).mentions.query("type == 'person'")
    assert sorted(set(zip(persons["nationality"], persons["role"], strict=True))) == [
        ("AF", "victim"),
        ("SY", "victim"),
        ("TR", "smuggler"),
    ]


# An English copy of such a log, its country not set: "Samos" is a Greek island that no
# town of the gazetteer is named after (linkgraph.geo._islands places it), never Samoa (a
# country's name); the log's other points are Greek towns, so its crossings are into and
# out of Greece.
LOG_ISLANDS = """Date,Border point,Direction,Name,Nationality,Role,Passport No
2024-05-02,Chios,In,Ahmad Karimi,Afghan,victim,
2024-05-02,Kos,In,Mustafa Demir,Turkish,smuggler,U12345678
2024-05-09,Samos,Out,Mustafa Demir,Turkish,smuggler,U12345678
2024-05-09,Samos,In,Samir Haddad,Syrian,victim,N0099887
"""


def test_a_crossing_point_is_a_town_of_its_logs_country_never_a_country(tmp_path: Path) -> None:
    flows = json.loads(_run("routes", str(_case(tmp_path, LOG_ISLANDS)), "--json"))
    # entries at Chios (Ahmad), Kos (Mustafa) and Samos (Samir); Mustafa's exit at Samos
    assert {(f["origin"], f["destination"]): f["persons"] for f in flows} == {
        ("?", "GR"): 3,
        ("GR", "?"): 1,
    }


def test_a_greek_log_with_its_country_set_gives_its_entries_and_exits(tmp_path: Path) -> None:
    data = tmp_path / "coastguard.csv"
    data.write_text(LOG_GR, encoding="utf-8")
    draft = _run("mapping", "suggest", str(data)).replace(
        "      direction: Κατεύθυνση\n", "      direction: Κατεύθυνση\n      country: {value: GR}\n"
    )
    flows = {
        (f["origin"], f["destination"]): f["persons"]
        for f in json.loads(_run("routes", str(_case(tmp_path, LOG_GR, draft)), "--json"))
    }
    # four entries from a side the map does not know (Lesvos, Samos: Greek islands; Kos:
    # a Greek town; all this side), one exit at Samos
    assert flows == {("?", "GR"): 4, ("GR", "?"): 1}
