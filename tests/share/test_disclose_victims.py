"""`disclose` and `reveal` keep victims (and the numbers they hold) out of what crosses
between agencies unless asked: a request names them by pseudonym, a release withholds them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from linkgraph.model import Case
from linkgraph.share.disclosure import VICTIM_RELEASED
from tests.share.conftest import SECRET, run

MAPPING = """\
format: csv
agency: {agency}
entities:
  person:
    type: person
    fields: {{name: full_name, dob: dob, sex: sex, city: city, role: role}}
  phone:
    type: phone
    fields: {{phone: phone}}
links:
  - {{kind: uses_phone, src: person, dst: phone}}
"""
HEADER = "record_id,full_name,dob,sex,city,phone,role\n"
VICTIM_NAME = "Zinaida Qorbuta"
VICTIM_PHONE = "+37369200001"
#: Agency A: a suspect keeps the victim's number too; it is hers all the same (a default
#: bundle withholds it, a bundle with victims has its token).
SIDE_A = HEADER + (
    "A1,Ion Rusu,1980-02-01,m,Chisinau,+37369100001,suspect\n"
    "A2,Vasile Pop,1970-08-07,m,Chisinau,+37369100007,suspect\n"
    "A3,Petru Newman,1990-01-01,m,Iasi,+40721000555,suspect\n"
    f"A4,{VICTIM_NAME},2001-04-15,f,Berlin,{VICTIM_PHONE},victim\n"
    f"A5,Oleg Tkach,1985-04-03,m,Berlin,{VICTIM_PHONE},suspect\n"
    "A6,Mihai Lungu,1975-11-30,m,Balti,+37369100009,suspect\n"
)
#: Agency B: the same people, the victim marked as one.
SIDE_B = HEADER + (
    "B1,Ion Rusu,1980-02-01,m,Chisinau,+37369100001,suspect\n"
    "B2,Vasile Pop,1970-08-07,m,Chisinau,+37369100007,suspect\n"
    "B3,Petru Newman,1990-01-01,m,Iasi,+40721000555,suspect\n"
    f"B4,{VICTIM_NAME},2001-04-15,f,Berlin,{VICTIM_PHONE},victim\n"
    "B5,Mihai Lungu,1975-11-30,m,Balti,+37369100009,suspect\n"
)


def _case(root: Path, name: str, rows: str) -> Path:
    (root / f"{name}.csv").write_text(rows, encoding="utf-8")
    (root / f"{name}.yaml").write_text(MAPPING.format(agency=name), encoding="utf-8")
    out = root / f"case_{name}"
    run("ingest", root / f"{name}.csv", "--mapping", root / f"{name}.yaml", "-o", out, "-q")
    run("resolve", out, "-q")
    return out


@pytest.fixture(scope="module")
def agencies(tmp_path_factory) -> dict[str, Path]:
    """A's case, B's case linked with A's bundle (victims included, or left out: ``b_default``)."""
    root = tmp_path_factory.mktemp("disclose_victims")
    secret = root / "secret.txt"
    secret.write_text(SECRET + "\n")
    a = _case(root, "A", SIDE_A)
    paths = {"root": root, "secret": secret, "a": a}
    for name, extra in (("b", ["--include-victims"]), ("b_default", [])):
        bundle = root / f"bundle_{name}"
        run("share", a, "--secret", secret, "-o", bundle, "--force", "-q", *extra)
        b = _case(root, name, SIDE_B)
        run("link", b, "--partner", bundle, "--secret", secret, "-q")
        paths[name] = b
    return paths


def _victim_phone_entity(case_dir: Path) -> str:
    case = Case.read(case_dir)
    m = case.mentions
    local = ~m["source"].astype(str).str.startswith("partner:")
    phone = m[local & (m["type"] == "phone") & m["label"].astype(str).eq(VICTIM_PHONE)]
    return str(case.entity_of()[phone["mention_id"].iloc[0]])


def test_request_all_leaves_the_victim_out(agencies, tmp_path):
    out = tmp_path / "request.csv"
    printed = run("disclose", agencies["b"], "--matches", "all", "-o", out)
    text = out.read_text(encoding="utf-8")
    request = pd.read_csv(out, dtype=str)
    assert set(request["local_label"]) == {"Ion Rusu", "Vasile Pop", "Petru Newman", "Mihai Lungu"}
    assert "Zinaida" not in text
    assert "1 match(es) of victims or identifiers they hold left out" in printed


def test_request_with_victims_names_her_by_pseudonym(agencies, tmp_path):
    out = tmp_path / "request.csv"
    run("disclose", agencies["b"], "--matches", "all", "--include-victims", "-o", out)
    text = out.read_text(encoding="utf-8")
    labels = pd.read_csv(out, dtype=str)["local_label"]
    assert len(labels) == 5
    assert labels.str.fullmatch(r"Victim-[0-9a-f]{6}").sum() == 1
    assert "Qorbuta" not in text

    shown = tmp_path / "shown.csv"
    run("disclose", agencies["b"], "--include-victims", "--show-victims", "-o", shown)
    assert VICTIM_NAME in set(pd.read_csv(shown, dtype=str)["local_label"])


def test_request_for_her_phone_names_it_by_pseudonym(agencies, tmp_path):
    phone = _victim_phone_entity(agencies["b"])
    out = tmp_path / "request.csv"
    run("disclose", agencies["b"], "--matches", phone, "-o", out)
    request = pd.read_csv(out, dtype=str)
    assert request["local_label"].tolist()[0].endswith(" (phone)")
    assert "37369200001" not in out.read_text(encoding="utf-8")

    shown = tmp_path / "shown.csv"
    run("disclose", agencies["b"], "--matches", phone, "--show-victims", "-o", shown)
    assert pd.read_csv(shown, dtype=str)["local_label"].tolist() == [VICTIM_PHONE]


def test_default_bundle_does_not_join_her_number(agencies):
    """A suspect keeps her number too, yet it is hers: not tokenised in a default bundle."""
    case = Case.read(agencies["b_default"])
    partner = case.mentions["source"].astype(str).str.startswith("partner:")
    partner_entities = set(case.entity_of().reindex(case.mentions.loc[partner, "mention_id"]))
    assert _victim_phone_entity(agencies["b_default"]) not in partner_entities


def test_reveal_withholds_the_number_a_victim_holds(agencies, tmp_path):
    phone = _victim_phone_entity(agencies["b"])
    request = tmp_path / "request.csv"
    run("disclose", agencies["b"], "--matches", phone, "-o", request)
    release = tmp_path / "release.csv"
    printed = run(
        "reveal", agencies["a"], "--secret", agencies["secret"], "--request", request,
        "-o", release,
    )  # fmt: skip
    assert "0 of 1 tokens released, 1 not released" in printed
    rows = pd.read_csv(release, dtype=str, keep_default_na=False)
    assert rows[["type", "found", "withheld", "label", "identifier"]].values.tolist() == [
        ["", "False", "not released", "", ""]
    ]
    assert "37369200001" not in release.read_text(encoding="utf-8")

    opened = tmp_path / "opened.csv"
    run(
        "reveal", agencies["a"], "--secret", agencies["secret"], "--request", request,
        "-o", opened, "--include-victims",
    )  # fmt: skip
    rows = pd.read_csv(opened, dtype=str, keep_default_na=False)
    # Released, and marked as hers for the sharing analyst's review (L3).
    assert rows[["withheld", "identifier"]].values.tolist() == [[VICTIM_RELEASED, "37369200001"]]


def test_share_link_and_ingest_leave_no_lock_file(agencies):
    """`share -o bundle` (and every case writer) removed its `.NAME.lock` when done."""
    names = sorted(p.name for p in agencies["root"].iterdir())
    assert "bundle_b" in names
    assert [n for n in names if n.endswith(".lock")] == []
