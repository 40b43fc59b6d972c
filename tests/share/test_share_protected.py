"""A default bundle protects whom every other output protects (``protected_ids``): the
victim, the persons named on her phone, and the phone itself, even when a suspect calls it;
`reveal` answers a protected token exactly as one that is not in the case."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.model import Case
from tests.share.conftest import SECRET, run

PEOPLE_MAPPING = """\
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
CALLS_MAPPING = """\
format: csv
agency: {agency}
timezone: UTC
entities:
  caller: {{type: phone, fields: {{phone: caller}}}}
  callee: {{type: phone, fields: {{phone: callee}}}}
links:
  - {{kind: called, src: caller, dst: callee, time: start}}
"""
HEADER = "record_id,full_name,dob,sex,city,phone,role\n"
VICTIM_PHONE = "+37369200001"
BOSS_PHONE = "+37369100001"
SUSPECTS = (
    f"Ion Rusu,1980-02-01,m,Chisinau,{BOSS_PHONE},suspect\n"
    "Vasile Pop,1970-08-07,m,Chisinau,+37369100007,suspect\n"
    "Petru Newman,1990-01-01,m,Iasi,+40721000555,suspect\n"
    "Mihai Lungu,1975-11-30,m,Balti,+37369100009,suspect\n"
)
#: Agency A: four suspects, a victim, and "Z. Qorbuta" (no role) on the victim's phone.
PEOPLE_A = (
    HEADER
    + "".join(f"A{i},{row}" for i, row in enumerate(SUSPECTS.splitlines(True)))
    + (
        f"A8,Zinaida Qorbuta,2001-04-15,f,Berlin,{VICTIM_PHONE},victim\n"
        f"A9,Z. Qorbuta,,,,{VICTIM_PHONE},\n"
    )
)
#: The boss calls her once at 03:33; another suspect calls the boss.
CALLS_A = (
    "caller,callee,start\n"
    f"{BOSS_PHONE},{VICTIM_PHONE},2024-02-03 03:33:00\n"
    f"+37369100007,{BOSS_PHONE},2024-01-01 10:00:00\n"
)
#: Agency B (the partner): the same suspects, and her number as a plain phone of its own.
PEOPLE_B = (
    HEADER
    + "".join(f"B{i},{row}" for i, row in enumerate(SUSPECTS.splitlines(True)))
    + (f"B8,Unknown Subscriber,,,,{VICTIM_PHONE},\n")
)


def _ingest(root: Path, name: str, files: dict[str, tuple[str, str]]) -> Path:
    out = root / f"case_{name}"
    for stem, (rows, mapping) in files.items():
        (root / f"{name}_{stem}.csv").write_text(rows, encoding="utf-8")
        (root / f"{name}_{stem}.yaml").write_text(mapping.format(agency=name), encoding="utf-8")
        run("ingest", root / f"{name}_{stem}.csv", "--mapping", root / f"{name}_{stem}.yaml",
            "-o", out, "-q")  # fmt: skip
    run("resolve", out, "-q")
    return out


@pytest.fixture(scope="module")
def sides(tmp_path_factory) -> dict[str, Path]:
    """A's case and default bundle; B's case linked with it."""
    root = tmp_path_factory.mktemp("share_protected")
    secret = root / "secret.txt"
    secret.write_text(SECRET + "\n")
    a = _ingest(
        root, "A", {"people": (PEOPLE_A, PEOPLE_MAPPING), "calls": (CALLS_A, CALLS_MAPPING)}
    )
    bundle = root / "bundle"
    printed = run("share", a, "--secret", secret, "-o", bundle, "--force")
    b = _ingest(root, "B", {"people": (PEOPLE_B, PEOPLE_MAPPING)})
    run("link", b, "--partner", bundle, "--secret", secret, "-q")
    return {"root": root, "secret": secret, "a": a, "bundle": bundle, "b": b, "printed": printed}


def _joined_local_labels(case_dir: Path, kind: str) -> set[str]:
    """Labels of the local entities of ``kind`` that a partner node joined."""
    case = Case.read(case_dir)
    m, entity = case.mentions, case.entity_of()
    partner = m["source"].astype(str).str.startswith("partner:")
    partner_entities = set(entity.reindex(m.loc[partner, "mention_id"]))
    local = m[~partner & (m["type"] == kind)]
    joined = entity.reindex(local["mention_id"]).isin(partner_entities).to_numpy()
    return set(local.loc[joined, "label"].astype(str))


def test_her_phone_is_no_token_even_when_a_suspect_calls_it(sides):
    # The partner holds her number: it must not join anything in the bundle; the suspects'
    # numbers (the positive control) do.
    joined = _joined_local_labels(sides["b"], "phone")
    assert joined == {BOSS_PHONE, "+37369100007", "+40721000555", "+37369100009"}


def test_her_phone_keeps_the_boss_call_under_a_random_id_without_its_time(sides):
    nodes = pd.read_parquet(sides["bundle"] / "nodes.parquet")
    links = pd.read_parquet(sides["bundle"] / "links.parquet")
    withheld = nodes[nodes["node_id"].str.startswith("w:")]
    assert withheld[["type", "mentions"]].values.tolist() == [["phone", 1]]
    hers = withheld["node_id"].iloc[0]
    to_her = links[(links["src"] == hers) | (links["dst"] == hers)]
    assert to_her[["kind", "count"]].values.tolist() == [["called", 1]]
    assert to_her["first"].isna().all()
    assert to_her["last"].isna().all()
    assert to_her["amount"].isna().all()
    # 4 suspects' uses_phone, the boss's call to her, the other suspect's call to the boss
    assert sorted(links["kind"]) == ["called", "called", *["uses_phone"] * 4]
    assert not links["first"].astype(str).str.contains("03:33").any()


def test_a_fresh_random_id_in_every_bundle(sides, tmp_path):
    again = tmp_path / "again"
    run("share", sides["a"], "--secret", sides["secret"], "-o", again, "--force", "-q")
    first = set(pd.read_parquet(sides["bundle"] / "nodes.parquet")["node_id"])
    second = set(pd.read_parquet(again / "nodes.parquet")["node_id"])
    assert len(first - second) == len(second - first) == 1  # hers only; the rest as before
    assert all(n.startswith("w:") for n in first ^ second)


def test_the_namesake_on_her_phone_is_not_in_the_bundle(sides):
    counts = json.loads((sides["bundle"] / "manifest.json").read_text())["counts"]
    assert counts["persons"] == 4  # the suspects; not Zinaida, not "Z. Qorbuta"
    assert counts["victims_left_out"] == 1
    assert counts["protected_persons_left_out"] == 2
    assert counts["identifiers_withheld"] == 1
    assert (
        "1 victims and 1 persons who may be them left out, 1 of their identifiers"
        in (sides["printed"])
    )


def test_reveal_gives_no_victim_reason(sides, tmp_path):
    """Tokens of her, of her namesake and of her phone (from a bundle with victims) get the
    same row as a token that is not in the case; a suspect is released."""
    full = tmp_path / "full"
    run("share", sides["a"], "--secret", sides["secret"], "-o", full, "--force", "-q",
        "--include-victims")  # fmt: skip
    nodes = pd.read_parquet(full / "nodes.parquet")
    asked = nodes[
        ~nodes["node_id"].isin(pd.read_parquet(sides["bundle"] / "nodes.parquet")["node_id"])
    ]
    assert sorted(asked["type"]) == ["person", "person", "phone"]  # her, the namesake, her phone
    boss = run_token_of_boss(sides, tmp_path)
    request = tmp_path / "request.csv"
    wanted = [*asked["node_id"], "t:" + "0" * 32, boss]
    pd.DataFrame({"partner_token": wanted}).to_csv(request, index=False)
    release = tmp_path / "release.csv"
    printed = run("reveal", sides["a"], "--secret", sides["secret"], "--request", request,
                  "-o", release)  # fmt: skip
    assert "1 of 5 tokens released, 4 not released" in printed
    rows = pd.read_csv(release, dtype=str, keep_default_na=False).set_index("partner_token")
    held_back = rows.drop(index=boss)
    assert held_back.drop_duplicates().values.tolist() == [
        ["", "False", "", "not released", "", "", "", ""]
    ]
    text = release.read_text(encoding="utf-8")
    for told in ("victim", "qorbuta", "37369200001"):
        assert told not in text.lower()
    assert rows.loc[boss, "label"] == "Ion Rusu"


def run_token_of_boss(sides: dict[str, Path], tmp_path: Path) -> str:
    """The pid of Ion Rusu, from B's request (B matched him by name and phone)."""
    request = tmp_path / "boss.csv"
    run("disclose", sides["b"], "--matches", "all", "-o", request)
    table = pd.read_csv(request, dtype=str)
    return str(table.loc[table["local_label"] == "Ion Rusu", "partner_token"].iloc[0])


def test_round_times_floors_first_and_last_to_the_day(sides, tmp_path):
    rounded = tmp_path / "rounded"
    run("share", sides["a"], "--secret", sides["secret"], "-o", rounded, "--force", "-q",
        "--round-times", "day")  # fmt: skip
    links = pd.read_parquet(rounded / "links.parquet")
    dated = links[links["first"].notna()]
    assert [str(t) for t in dated["first"]] == ["2024-01-01 00:00:00+00:00"]  # 10:00 that day
    assert [str(t) for t in dated["last"]] == ["2024-01-01 00:00:00+00:00"]
    assert json.loads((rounded / "manifest.json").read_text())["times_rounded_to"] == "day"
    exact = pd.read_parquet(sides["bundle"] / "links.parquet")
    assert [str(t) for t in exact["first"].dropna()] == ["2024-01-01 10:00:00+00:00"]
