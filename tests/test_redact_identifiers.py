"""A victim's document number, account, e-mail address written into another person's row
(a money transfer whose mapping put the receiver's columns on the sender) is replaced by
the identifier's pseudonym in every output, unless --show-victims."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.redact import redactor

PEOPLE = (
    "full_name,dob,nationality,passport,iban,email,role\n"
    "Nguyen Thi Lan,02/01/2000,VNM,042190001234,MD24 AG00 0225 1000 1310 4168,"
    "lan.nguyen@example.com,victim\n"
    "Nguyen Van Hung,02/01/1988,VNM,C1234567,,hung@example.com,suspect\n"
)
# The receiver is the victim: her document, account and e-mail, written otherwise than in
# her own row (dashes, no spaces, capitals)
TRANSFERS = (
    "MTCN,Sender Name,Receiver Name,Receiver ID No,Receiver Account,Receiver Email,Note,"
    "Receiver Phone\n"
    "6234567895,Nguyen Van Hung,Nguyen Thi Lan,0421-9000-1234,MD24AG000225100013104168,"
    'Lan.Nguyen@Example.com,"to md24 ag00 0225 1000 1310 4168, doc 042190001234",'
    "+84 91 000 1111\n"
)
# The draft's mistake: the receiver's columns as attributes of the sender
TRANSFERS_MAPPING = """format: csv
entities:
  sender:
    type: person
    fields:
      name: Sender Name
      receiver_name: Receiver Name
      receiver_id_no: Receiver ID No
      receiver_account: Receiver Account
      receiver_email: Receiver Email
      mtcn: MTCN
      note: Note
      receiver_phone: Receiver Phone
"""
#: How her identifiers may be written, lower-case
HER_IDENTIFIERS = (
    "042190001234",
    "0421-9000-1234",
    "md24ag000225100013104168",
    "md24 ag00 0225 1000 1310 4168",
    "lan.nguyen@example.com",
)
TRANSFERS_FILE = "KYC 042190001234.csv"  # a file named after her document


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _text_of(path: Path) -> str:
    """Every file under ``path`` as one lower-case text (xlsx unzipped)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    parts = []
    for f in files:
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(f.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts).lower()


def _case(root: Path, mapping: str = TRANSFERS_MAPPING) -> Path:
    """A case of a person list marking Nguyen Thi Lan a victim and a transfer file whose
    mapping writes her identifiers into the sender's (a suspect's) mention."""
    (root / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (root / TRANSFERS_FILE).write_text(TRANSFERS, encoding="utf-8")
    (root / "transfers.yaml").write_text(mapping, encoding="utf-8")
    case = root / "case"
    _run("ingest", root / "people.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", root / TRANSFERS_FILE, "--mapping", root / "transfers.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    return case


def _outputs(case: Path, out: Path, *flags: str) -> dict[str, str]:
    """The map, the CSV and xlsx exports and `mentions`, each as lower-case text."""
    _run("render", case, "-o", out / "map.html", "-q", *flags)
    _run("export", case, "-f", "csv", "-o", out / "csv", *flags)
    _run("export", case, "-f", "xlsx", "-o", out / "case.xlsx", *flags)
    return {
        "map": _text_of(out / "map.html"),
        "csv": _text_of(out / "csv"),
        "xlsx": _text_of(out / "case.xlsx"),
        "mentions": _run("mentions", case, "-n", "1000", "--csv", *flags).lower(),
    }


@pytest.fixture(scope="module")
def transfer_case(tmp_path_factory) -> Path:
    return _case(tmp_path_factory.mktemp("ids"))


def test_her_identifiers_in_a_suspects_row_are_withheld(transfer_case, tmp_path):
    for what, text in _outputs(transfer_case, tmp_path).items():
        for written in (*HER_IDENTIFIERS, "+84 91 000 1111"):
            assert written not in text, (what, written)
        assert "nguyen van hung" in text, what  # the suspect keeps his name
    mentions = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    sender = next(line for line in mentions.splitlines() if "Nguyen Van Hung" in line
                  and "6234567895" in line)  # fmt: skip
    # each of her identifiers by its pseudonym, her name by hers, in his attrs and raw row
    for column in ("receiver_name", "receiver_id_no", "receiver_account", "receiver_email"):
        assert re.search(rf'""{column}"": ""Victim-[0-9a-f]{{6}}""', sender), column
    assert re.search(r"to Victim-[0-9a-f]{6}, doc Victim-[0-9a-f]{6}", sender)
    # a value known nowhere else as hers, in a column beside her name: withheld
    assert '""receiver_phone"": ""[withheld]""' in sender
    assert '""Receiver Phone"": ""[withheld]""' in sender
    assert '""mtcn"": ""6234567895""' in sender  # the transfer's own columns are kept
    ids = re.findall(r'""receiver_(?:id_no|account|email)"": ""(Victim-[0-9a-f]{6})""', sender)
    assert len(set(ids)) == 3  # one pseudonym per identifier
    assert "c1234567" in _text_of(tmp_path / "csv")  # the suspect's own passport is shown


def test_show_victims_shows_her_identifiers(transfer_case, tmp_path):
    outputs = _outputs(transfer_case, tmp_path, "--show-victims")
    for what in ("csv", "xlsx"):
        for written in (*HER_IDENTIFIERS, "+84 91 000 1111"):
            assert written in outputs[what], (what, written)
    assert TRANSFERS_FILE.lower() in outputs["mentions"]
    assert TRANSFERS_FILE.lower() in outputs["map"]


def test_her_document_in_a_suspects_own_field_is_withheld(tmp_path):
    """A mapping that gives the sender her document as his own ``document`` field: the
    document is still hers alone (no link makes it his), shown by its pseudonym there."""
    mapping = TRANSFERS_MAPPING.replace("receiver_id_no:", "document:")
    case = _case(tmp_path, mapping)
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv")
    text = _text_of(tmp_path / "csv")
    for written in HER_IDENTIFIERS:
        assert written not in text, written
    _run("export", case, "-f", "csv", "-o", tmp_path / "shown", "--show-victims")
    assert "042190001234" in _text_of(tmp_path / "shown")


def test_codes_match_whole_groups_only():
    codes = {"AA1234567": "Victim-aaaaaa", "sweetgirl": "Victim-bbbbbb", "A1": "Victim-cccccc"}
    r = redactor({}, identifiers=codes | {"ana@mail.ru": "Victim-dddddd"})
    assert r.text("passport aa 1234567.") == "passport Victim-aaaaaa."
    assert r.text("№ АА1234567") == "№ Victim-aaaaaa"  # Cyrillic look-alikes
    assert r.text("XAA1234567 AA12345678") == "XAA1234567 AA12345678"  # other numbers
    assert r.text('"doc": "AA1234567", "n": "1"') == '"doc": "Victim-aaaaaa", "n": "1"'
    assert r.text('"AA", "1234567"') == '"AA", "1234567"'  # not across fields
    assert r.text("SweetGirl and sweet girl") == "Victim-bbbbbb and sweet girl"
    assert r.text("A1 A-1") == "A1 A-1"  # too short to look for
    assert r.text("mailto:ANA@mail.ru, ana@mail.ru.example") == (
        "mailto:Victim-dddddd, ana@mail.ru.example"
    )


def test_a_vehicle_or_online_id_only_victims_use_is_protected():
    """Vehicles (their plates) and online ids (ads, profiles) point at a person too."""
    import pandas as pd

    from linkgraph.privacy import protected_entities

    nodes = pd.DataFrame(
        {"type": ["person", "vehicle", "ad", "person", "vehicle", "vehicle"],
         "role": ["victim", None, None, "suspect", None, None]},
        index=["e:v", "e:car", "e:profile", "e:s", "e:van", "e:truck"],
    )  # fmt: skip
    edges = pd.DataFrame({"src": ["e:v", "e:v", "e:s", "e:v", "e:s"],
                          "dst": ["e:car", "e:profile", "e:van", "e:van", "e:truck"]})  # fmt: skip
    # Changed rule (hostile5 item 3): the van the victim is linked to is hers too (a link
    # of no kind counts as holding), though the suspect uses it as well; his own truck not.
    assert protected_entities(nodes, edges).tolist() == [True, True, True, False, True, False]
