"""A victim's name in free text (a chat export's file name, an event's label, a raw row)
is replaced by her pseudonym in every output, unless --show-victims."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.privacy import protected_ids, pseudonym
from linkgraph.redact import SEVERAL, redactor

PEOPLE = """record_id,given_name,family_name,dob,sex,nationality,phone,city,role
A1,Olena,Shevchenko,03.02.2001,f,UKR,+380 93 123 4567,Kharkiv,victim
A2,Vira,Mykhalovych,01.07.1990,f,UKR,+380 67 111 2233,Lviv,suspect
A3,Ion,Popescu,20.11.1978,m,ROU,+40 721 000 111,Bucuresti,suspect
"""
CHAT_WITH_VICTIM = """01/03/2023, 10:16 - Olena Shevchenko: Hi, when is the bus?
01/03/2023, 10:17 - Vira Mykhalovych: Tomorrow 6am, bring passport
01/03/2023, 10:18 - Olena Shevchenko: ok
"""
CHAT_WITH_SUSPECT = """05/03/2023, 09:00 - Ion Popescu: the girl arrives Friday
05/03/2023, 09:02 - Vira Mykhalovych: ok, I pay on Saturday
"""
FORMATS = {
    "csv": "csv",
    "gexf": "case.gexf",
    "graphml": "case.graphml",
    "i2": "i2",
    "neo4j": "neo4j",
    "sqlite": "case.sqlite",
    "xlsx": "case.xlsx",
    "ftm": "case.ftm",
}


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def chat_case(tmp_path_factory) -> Path:
    """A case built through the CLI: a person list marking Olena Shevchenko as a victim,
    a WhatsApp export named after her and one named after a suspect."""
    root = tmp_path_factory.mktemp("redact")
    (root / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (root / "WhatsApp Chat with Olena Shevchenko.txt").write_text(CHAT_WITH_VICTIM, "utf-8")
    (root / "WhatsApp Chat with Vira Mykhalovych.txt").write_text(CHAT_WITH_SUSPECT, "utf-8")
    case = root / "case"
    _run("ingest", root / "people.csv", "--preset", "people", "-o", case, "-q")
    chats = [root / "WhatsApp Chat with Olena Shevchenko.txt",
             root / "WhatsApp Chat with Vira Mykhalovych.txt"]  # fmt: skip
    _run("ingest", *chats, "--region", "UA", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    return case


def _victim_alias(case: Path) -> str:
    c = Case.read(case)
    entity = c.entity_of()[c.mentions.loc[c.mentions["family_name"].eq("Shevchenko").fillna(False),
                                          "mention_id"].iloc[0]]  # fmt: skip
    assert entity in protected_ids(c)
    return pseudonym(entity, c.pseudonym_key)


def _text_of(path: Path) -> str:
    """Every file under ``path`` as one lower-case text (xlsx unzipped, binaries decoded)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    parts = []
    for f in files:
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(f.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts).lower()


def test_victim_name_in_file_name_is_redacted_in_every_output(chat_case, tmp_path):
    alias = _victim_alias(chat_case)
    _run("render", chat_case, "-o", tmp_path / "map.html", "-q")
    _run("report", chat_case, "-o", tmp_path / "report.html", "-q")
    outputs = {"map": tmp_path / "map.html", "report": tmp_path / "report.html"}
    for fmt, name in FORMATS.items():
        _run("export", chat_case, "-f", fmt, "-o", tmp_path / name)
        outputs[fmt] = tmp_path / name
    for what, path in outputs.items():
        text = _text_of(path)
        assert "shevchenko" not in text, what
        if what in ("map", "report", "csv"):
            assert alias.lower() in text, what
            # a suspect named in a file name is not redacted
            assert "whatsapp chat with vira mykhalovych" in text, what
    listed = _run("mentions", chat_case, "-n", "1000", "--csv")
    assert "Shevchenko" not in listed
    assert f"WhatsApp Chat with {alias}.txt" in listed
    assert "WhatsApp Chat with Vira Mykhalovych.txt" in listed
    for command in (["analyze", chat_case], ["ego", chat_case, "Vira Mykhalovych"]):
        assert "shevchenko" not in _run(*command).lower()


def test_redacted_source_still_names_a_mention(chat_case):
    alias = _victim_alias(chat_case)
    said = _run("explain", chat_case, f"WhatsApp Chat with {alias}.txt:2:sender", "people.csv:2")
    assert "Shevchenko" not in said
    assert alias in said


def test_show_victims_shows_the_name(chat_case, tmp_path):
    _run("render", chat_case, "-o", tmp_path / "map.html", "--show-victims", "-q")
    assert "Shevchenko" in (tmp_path / "map.html").read_text(encoding="utf-8")
    _run("export", chat_case, "-f", "csv", "-o", tmp_path / "csv", "--show-victims")
    assert "WhatsApp Chat with Olena Shevchenko.txt" in _text_of(tmp_path / "csv").replace(
        "whatsapp chat with olena shevchenko.txt", "WhatsApp Chat with Olena Shevchenko.txt"
    )
    listed = _run("mentions", chat_case, "-n", "1000", "--csv", "--show-victims")
    assert "WhatsApp Chat with Olena Shevchenko.txt" in listed


def test_share_bundle_names_no_file(chat_case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n", encoding="utf-8"
    )
    _run("share", chat_case, "--secret", secret, "-o", tmp_path / "bundle")
    assert "shevchenko" not in _text_of(tmp_path / "bundle")


def test_matching_ignores_case_and_accents_and_takes_whole_words():
    r = redactor({"Ana María Núñez": "Victim-aaaaaa", "Núñez": "Victim-aaaaaa",
                  "Ion Núñez": "Victim-bbbbbb"})  # fmt: skip
    assert r.text("chat_ANA_MARIA_NUNEZ.txt") == "chat_Victim-aaaaaa.txt"
    assert r.text("Nunez-2023.csv") == "Victim-aaaaaa-2023.csv"
    assert r.text("Nunezova.csv") == "Nunezova.csv"  # another word
    assert r.text("ion nuñez") == "Victim-bbbbbb"
    assert r.text("Ana María") == "Ana María"  # a given name alone is left
    shared = redactor({"Popescu": "Victim-aaaaaa", "popescu": "Victim-bbbbbb"})
    assert shared.text("Popescu.csv") == f"{SEVERAL}.csv"


def _word(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(letters[(i // 26**k) % 26] for k in range(4))


def test_many_victims_one_pattern():
    spellings = {f"Ola {_word(i)}ko": f"Victim-{i:06x}" for i in range(3000)}
    spellings |= {f"{_word(i)}ko": f"Victim-{i:06x}" for i in range(3000)}
    r = redactor(spellings)
    last = _word(2999)
    assert r.text(f"chat with OLA {last.upper()}KO.txt") == "chat with Victim-000bb7.txt"
    assert r.text(f"{last}kov and {last}ko") == f"{last}kov and Victim-000bb7"
    assert r.series(__import__("pandas").Series(["x", None, f"{last}ko"])).tolist()[2] == (
        "Victim-000bb7"
    )


def test_a_victims_phone_number_in_a_file_name_is_redacted(tmp_path):
    """A chat or call list named after a victim's number ("+380 93 123 4567", her phone
    only, so shown by pseudonym) must not give the number away in a file name."""
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    other = tmp_path / "contacts of +380 93 123 4567.csv"
    other.write_text("full_name,city\nPetro Ivanenko,Kyiv\n", encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", other, "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    _run("render", case, "-o", tmp_path / "map.html", "-q")
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv")
    listed = _run("mentions", case, "-n", "1000", "--csv")
    for text in (_text_of(tmp_path / "map.html"), _text_of(tmp_path / "csv"), listed.lower()):
        for written in ("+380 93 123 4567", "380931234567", "0931234567", "93 123 4567"):
            assert written not in text
        assert "contacts of victim-" in text  # the file named by her number's pseudonym


def test_a_victims_italian_number_keeps_its_leading_zero_when_redacted(tmp_path):
    """An Italian number keeps the 0 of its area code in E.164 (+39 06 ..., +39 0806 ...);
    her number, in the ingest summary's warning (which quotes a number of a row with no
    victim, here the suspect's) and in another record's note, must not give it away
    (before: only the national form was redacted)."""
    (tmp_path / "intake.csv").write_text(
        "full_name,dob,phone,role,note\n"
        "Joy Osagie,2002-09-09,0806 111 2233,victim,\n"
        "Efe Omoregie,1972-06-01,333 7654321,suspect,calls +39 0806 111 2233 daily\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nregion: IT\nentities:\n  person:\n    type: person\n    fields:"
        " {name: full_name, dob: dob, role: role, note: note}\n  phone:\n    type: phone\n"
        "    fields: {phone: phone}\nlinks:\n  - {kind: uses_phone, src: person, dst: phone}\n",
        encoding="utf-8",
    )
    out = _run("ingest", tmp_path / "intake.csv", "--mapping", mapping, "-o", case)
    # nor in the summary on the analyst's terminal: its example is the suspect's number
    assert "+3908061112233" not in out
    assert "0806 111 2233" not in out
    assert "+393337654321" in out
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    _run("export", case, "-f", "sqlite", "-o", tmp_path / "case.sqlite")
    texts = _outputs(case, tmp_path / "out")
    texts["sqlite"] = (tmp_path / "case.sqlite").read_bytes().decode("utf-8", "replace")
    for name, text in texts.items():
        for written in ("3908061112233", "0806 111 2233", "08061112233", "Osagie"):
            assert written.lower() not in text.lower(), (name, written)
    assert "efe omoregie" in texts["csv"]  # the suspect is shown


PEOPLE_TWO_OLENAS = """record_id,given_name,family_name,dob,sex,nationality,city,role
A1,Olena,Shevchenko,03.02.2001,f,UKR,Kharkiv,victim
A2,Vira,Mykhalovych,01.07.1990,f,UKR,Lviv,suspect
A3,Olena,Marchenko,20.11.1978,f,UKR,Odesa,suspect
"""
CHAT_BY_GIVEN_NAME = """01/03/2023, 10:16 - Olena: Hi, when is the bus?
01/03/2023, 10:17 - Vira Mykhalovych: Tomorrow 6am, bring passport
01/03/2023, 10:18 - Olena: ok
"""
CHAT_WITH_OTHER_OLENA = """02/03/2023, 11:00 - Olena Marchenko: two more on Friday
02/03/2023, 11:05 - Vira Mykhalovych: ok
"""


def _outputs(case: Path, out: Path, *flags: str) -> dict[str, str]:
    """The map, the report, the CSV export and `mentions`, each as lower-case text."""
    _run("render", case, "-o", out / "map.html", "-q", *flags)
    _run("report", case, "-o", out / "report.html", "-q", *flags)
    _run("export", case, "-f", "csv", "-o", out / "csv", *flags)
    return {
        "map": _text_of(out / "map.html"),
        "report": _text_of(out / "report.html"),
        "csv": _text_of(out / "csv"),
        "mentions": _run("mentions", case, "-n", "1000", "--csv", *flags).lower(),
    }


def _two_olenas(root: Path, chat_name: str, chat: str) -> Path:
    """A case of a person list (victim Olena Shevchenko, suspect Olena Marchenko), the
    chat ``chat_name`` and a chat between the two suspects."""
    (root / "people.csv").write_text(PEOPLE_TWO_OLENAS, encoding="utf-8")
    (root / chat_name).write_text(chat, encoding="utf-8")
    (root / "WhatsApp Chat with Olena Marchenko.txt").write_text(CHAT_WITH_OTHER_OLENA, "utf-8")
    case = root / "case"
    _run("ingest", root / "people.csv", "--preset", "people", "-o", case, "-q")
    chats = [root / chat_name, root / "WhatsApp Chat with Olena Marchenko.txt"]
    _run("ingest", *chats, "--region", "UA", "-o", case, "-q")
    return case


def test_a_chat_with_a_victim_saved_by_given_name_is_redacted(tmp_path):
    """WhatsApp names a chat after the contact as saved, "Olena": once the analyst joins
    that participant to the victim, "Olena" is one of her spellings, gone from every
    output; the suspect Olena Marchenko keeps her name, her chat's and her raw row's."""
    case = _two_olenas(tmp_path, "WhatsApp Chat with Olena.txt", CHAT_BY_GIVEN_NAME)
    # "Olena" is one participant of her chat: one mention, at her first message
    _run("decide", case, "WhatsApp Chat with Olena.txt:1:sender", "people.csv:1", "must_link")
    _run("resolve", case, "-q")
    alias = _victim_alias(case).lower()
    for what, text in _outputs(case, tmp_path).items():
        # "olena" only as Olena Marchenko's: "olena marchenko", "olena,marchenko" (the CSV's
        # columns), '"given_name": "olena", "family_name": "marchenko"' (her raw row)
        assert not re.search(r'olena(?![ ,"]*(?:family_name[": ]*)?marchenko)', text), what
        assert "shevchenko" not in text, what
        assert "olena marchenko" in text, what
    listed = _run("mentions", case, "-n", "1000", "--csv")
    assert f"WhatsApp Chat with {alias.capitalize()}.txt" in listed
    assert "WhatsApp Chat with Olena Marchenko.txt" in listed
    exported = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    assert '""given_name"": ""Olena"", ""family_name"": ""Marchenko""' in exported
    shown = _run("mentions", case, "-n", "1000", "--csv", "--show-victims")
    assert "WhatsApp Chat with Olena.txt" in shown


def test_her_given_name_alone_is_redacted_in_the_name_of_her_chat(tmp_path):
    """A file named after her given name alone ("WhatsApp Chat with Olena.txt") whose
    participant is the victim, written in full: her given name is taken out of its name,
    not out of the name of a chat she is not in ("... with Olena Marchenko")."""
    chat = CHAT_BY_GIVEN_NAME.replace("- Olena:", "- Olena Shevchenko:")
    case = _two_olenas(tmp_path, "WhatsApp Chat with Olena.txt", chat)
    _run("resolve", case, "-q")
    alias = _victim_alias(case)
    listed = _run("mentions", case, "-n", "1000", "--csv")
    assert f"WhatsApp Chat with {alias}.txt" in listed
    assert "WhatsApp Chat with Olena Marchenko.txt" in listed
    outputs = _outputs(case, tmp_path)
    for what, text in outputs.items():
        assert not re.search(r"chat with olena(?! marchenko)", text), what
        assert "shevchenko" not in text, what
        assert "whatsapp chat with olena marchenko" in text, what
    shown = _outputs(case, tmp_path, "--show-victims")
    assert "whatsapp chat with olena.txt" in shown["mentions"]
    assert "whatsapp chat with olena.txt" in shown["csv"]


def test_a_name_of_someone_else_that_holds_her_word_is_left_whole():
    r = redactor({"Olena": "Victim-aaaaaa", "Shevchenko": "Victim-aaaaaa"},
                 guards=["Olena Marchenko", "Marchenko Olena", "Ivan Shevchenko"])  # fmt: skip
    assert r.text("chat_olena.txt") == "chat_Victim-aaaaaa.txt"
    assert r.text("OLENA MARCHENKO, Olena") == "OLENA MARCHENKO, Victim-aaaaaa"
    assert r.text("marchenko olena") == "marchenko olena"
    assert r.text("Ivan Shevchenko and Shevchenko") == "Ivan Shevchenko and Victim-aaaaaa"
    raw = '{"given_name": "Olena", "family_name": "Marchenko", "note": "Olena"}'
    assert r.text(raw) == raw.replace('"note": "Olena"', '"note": "Victim-aaaaaa"')


CHAT_NAMING_HER = """01/03/2023, 10:16 - Olena Shevchenko: Hi, when is the bus?
01/03/2023, 10:17 - Vira Mykhalovych: Hi Olena, are you ok? Olena Marchenko drives
01/03/2023, 10:18 - Olena Shevchenko: ok
01/03/2023, 10:19 - Vira Mykhalovych: SHEVCHENKO, shevchenko and olena: passport
"""
CHAT_NAMING_THE_OTHER_OLENA = """02/03/2023, 11:00 - Olena Marchenko: two more, Olena too
02/03/2023, 11:05 - Vira Mykhalovych: ok Olena
"""


def test_her_given_name_alone_is_redacted_in_the_messages_of_her_chat(tmp_path):
    """In a chat she takes part in, her given name alone ("Hi Olena, are you ok?") and
    her family name alone are taken out of the messages in every export, as they are out
    of the chat's name; the full name of someone else ("Olena Marchenko") is left whole,
    and so is "Olena" in a chat she is not in. --show-victims shows them."""
    (tmp_path / "people.csv").write_text(PEOPLE_TWO_OLENAS, encoding="utf-8")
    hers, other = tmp_path / "WhatsApp Chat with Vira.txt", tmp_path / "chat2.txt"
    hers.write_text(CHAT_NAMING_HER, encoding="utf-8")
    other.write_text(CHAT_NAMING_THE_OTHER_OLENA, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", hers, other, "--region", "UA", "-o", case, "-q")
    _run("resolve", case, "-q")
    alias = _victim_alias(case).lower()
    for fmt, name in FORMATS.items():
        _run("export", case, "-f", fmt, "-o", tmp_path / name)
        text = _text_of(tmp_path / name)
        assert "hi olena" not in text, fmt
        assert "shevchenko" not in text, fmt
        assert not re.search(r"\bolena: passport", text), fmt
    messages = _text_of(tmp_path / "csv" / "source_links.csv")
    # The messages of her chat are withheld whole in exports (her words, and what is
    # said to her, can name her address or her people); in-text redaction of her name
    # is what the map, the report and the chat's name get.
    assert "are you ok?" not in messages
    assert ": passport" not in messages
    assert messages.count("[withheld]") == 4
    assert alias  # her pseudonym exists: she is protected, not merely absent
    assert "two more, olena too" in messages  # a chat she is not in
    assert "ok olena" in messages
    _run("export", case, "-f", "csv", "-o", tmp_path / "shown", "--show-victims")
    shown = _text_of(tmp_path / "shown" / "source_links.csv")
    assert "hi olena, are you ok?" in shown


PEOPLE_SLAVIC = """record_id,given_name,family_name,dob,sex,nationality,city,role
A1,Наталія,Шевченко,03.02.2001,f,UKR,Kharkiv,victim
A2,Віра,Михалович,01.07.1990,f,UKR,Lviv,suspect
A3,Olena,Koval,05.06.1999,f,UKR,Lviv,victim
A4,Ivan,Popa,20.11.1978,m,MDA,Chisinau,suspect
"""
CHAT_WITH_NATALIIA = """01/03/2023, 10:16 - Наталія Шевченко: Привіт, коли автобус?
01/03/2023, 10:17 - Віра Михалович: Наталю, завтра о 6. Скажи Наталії, Наталко
01/03/2023, 10:18 - Наталія Шевченко: Добре, Віро. Віру я бачила
01/03/2023, 10:19 - Віра Михалович: Я з Наталією та Наталкою
"""
CHAT_WITH_OLENA = """02/03/2023, 09:00 - Olena Koval: Hi Ivan
02/03/2023, 09:01 - Ivan Popa: Oleno, where are you? Tell Olenu and Olenka
02/03/2023, 09:02 - Olena Koval: ask Olenyuk, Ivane
"""
CHAT_WITHOUT_THEM = """03/03/2023, 08:00 - Ivan Popa: Oleno and Наталю are late
03/03/2023, 08:01 - Віра Михалович: ok
"""


def test_her_inflected_given_name_is_redacted_in_her_chats(tmp_path):
    """In a chat she takes part in, the case forms and the diminutive of her given name
    ("Наталю", "Наталії", "Наталко", "Наталією"; "Oleno", "Olenu", "Olenka") are taken out
    of the messages in the map, the report and the CSV export, as her name is; the forms
    of someone else's name ("Віро", "Віру", "Ivane"), a longer name on her stem
    ("Olenyuk") and the forms in a chat she is not in are left as written."""
    (tmp_path / "people.csv").write_text(PEOPLE_SLAVIC, encoding="utf-8")
    chats = {"WhatsApp Chat with Віра.txt": CHAT_WITH_NATALIIA,
             "WhatsApp Chat with Olenka.txt": CHAT_WITH_OLENA,
             "WhatsApp Chat with Team.txt": CHAT_WITHOUT_THEM}  # fmt: skip
    for name, text in chats.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", *(tmp_path / n for n in chats), "--region", "UA", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    outputs = _outputs(case, tmp_path)
    forms = ("наталю", "наталії", "наталко", "наталією", "наталкою", "oleno, where", "olenu",
             "olenka")  # fmt: skip
    for what, text in outputs.items():
        for form in forms:
            assert form not in text.replace("oleno and наталю are late", ""), (what, form)
    messages = _text_of(tmp_path / "csv" / "source_links.csv")
    # her chats' messages are withheld whole in exports (see the test above)
    assert "добре, віро" not in messages
    assert "ask olenyuk" not in messages
    assert "oleno and наталю are late" in messages  # a chat neither is in
    _run("export", case, "-f", "csv", "-o", tmp_path / "shown", "--show-victims")
    shown = _text_of(tmp_path / "shown" / "source_links.csv")
    assert "наталю, завтра о 6. скажи наталії, наталко" in shown
    assert "oleno, where are you? tell olenu and olenka" in shown


def test_a_form_of_her_name_that_is_someone_elses_name_is_left(tmp_path):
    """ "Mario" is the Polish vocative of Maria, but a Mario is in the case: her other
    forms ("Mariu") are taken out of every output (the guard that leaves his name is
    tested on the redactor above), and in exports her chat's messages are withheld whole;
    --show-victims shows them as written."""
    (tmp_path / "people.csv").write_text(
        "given_name,family_name,role\nMaria,Kowalska,victim\nMario,Bianchi,suspect\n",
        encoding="utf-8",
    )
    chat = tmp_path / "WhatsApp Chat with Mario.txt"
    chat.write_text(
        "01/03/2023, 10:16 - Maria Kowalska: Mario, when?\n"
        "01/03/2023, 10:17 - Mario Bianchi: tomorrow, Mariu\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", chat, "--region", "PL", "-o", case, "-q")
    _run("resolve", case, "-q")
    outputs = _outputs(case, tmp_path)
    for what, text in outputs.items():
        assert "mariu" not in text, what
    # in exports her chat's messages are withheld whole; --show-victims shows them
    messages = outputs["csv"]
    assert "mario, when?" not in messages
    assert messages.count("[withheld]") >= 2
    _run("export", case, "-f", "csv", "-o", tmp_path / "shown", "--show-victims")
    shown = _text_of(tmp_path / "shown" / "source_links.csv")
    assert "mario, when?" in shown
    assert "tomorrow, mariu" in shown
