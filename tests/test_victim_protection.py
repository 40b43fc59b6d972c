"""Victims and the identifiers only they use are not named by default (issue 18, item 2)."""

from __future__ import annotations

import subprocess

import pytest

from linkgraph.privacy import is_victim

# Role spellings met in practice (NGO referral forms, police exports in several languages).
SPELLINGS = [
    "victim", "victims", "VoT", "potential VoT", "trafficked person", "complainant",
    "pokrzywdzona", "Betroffene", "vittime", "victimes", "жертви", "Geschädigte",
    "Потерпіла", "survivor", "presumed victim",
]  # fmt: skip


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_victim_role_spellings_are_recognised(spelling):
    assert is_victim(spelling)


@pytest.mark.parametrize("spelling", ["suspect", "recruiter", "witness", "voter", "victor"])
def test_other_roles_are_not_victims(spelling):
    assert not is_victim(spelling)


def test_analyze_does_not_print_a_victims_name(tmp_path):
    src = tmp_path / "report.csv"
    src.write_text(
        "record_id,given_name,family_name,dob,phone,role\n"
        "1,Olena,Kravets,2003-05-01,+380501234567,potential VoT\n"
        "2,Ivan,Bondar,1980-02-02,+380671112233,suspect\n"
        "3,Ivan,Bondar,1980-02-02,+380501234567,suspect\n"
        "4,Petro,Lysenko,1979-03-03,+380939998877,suspect\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(src), "--preset", "people", "-o", str(case), "-q"], check=True
    )
    subprocess.run(["linkgraph", "resolve", str(case), "-q"], check=True, capture_output=True)
    out = subprocess.run(
        ["linkgraph", "analyze", str(case), "--top", "20"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "Olena" not in out.stdout
    assert "Kravets" not in out.stdout
    # The phone the suspect also used is not victim-only: it stays; the suspect's own too.
    assert "Ivan Bondar" in out.stdout


def test_protect_victims_hides_victim_only_identifiers_on_a_built_graph():
    import pandas as pd

    from linkgraph.graph import build_graph
    from linkgraph.model import Case
    from linkgraph.privacy import protect_victims

    def mention(mid, type_, label, role=None):
        return {"mention_id": mid, "type": type_, "label": label, "role": role,
                "source": "s.csv", "row": 1}  # fmt: skip

    mentions = pd.DataFrame([
        mention("m:v", "person", "Olena Kravets", "victim"),
        mention("m:s", "person", "Ivan Bondar", "suspect"),
        mention("m:p1", "phone", "+380509990000"),   # only the victim uses it
        mention("m:p2", "phone", "+380501234567"),   # victim and suspect
    ])  # fmt: skip
    links = pd.DataFrame({
        "link_id": ["l1", "l2", "l3"], "src": ["m:v", "m:v", "m:s"],
        "dst": ["m:p1", "m:p2", "m:p2"], "kind": ["uses"] * 3,
    })  # fmt: skip
    case = Case().with_tables(mentions=mentions, links=links)
    labels = protect_victims(build_graph(case), case.pseudonym_key).nodes["label"]
    assert "Olena Kravets" not in set(labels)
    assert "+380509990000" not in set(labels)
    assert "+380501234567" in set(labels)
    assert "Ivan Bondar" in set(labels)
