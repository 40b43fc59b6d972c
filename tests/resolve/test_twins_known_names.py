"""Twins: one family name, one date of birth, one town, two given names the nickname
tables know and do not relate ("Bohdan" / "Yulia Hnatiuk") are two people, even with no
home or phone in common; the learnt weights, which count the date and the town, merged
them. A diminutive the tables relate (Oleksandr / Sasha) is still one person."""

from __future__ import annotations

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.synth.people import people_table

_TWINS = """first_name,last_name,dob,city,pid
Bohdan,Hnatiuk,1996-01-31,Leeds,t1
Yulia,Hnatiuk,1996-01-31,Leeds,t2
Maksym,Dovzhenko,2003-10-11,Leeds,t3
Mykola,Dovzhenko,2003-10-11,Leeds,t4
Olena,Yarema,1989-04-02,Leeds,t5
Dmytro,Yarema,1989-04-02,Leeds,t6
Iryna,Fedoriv,1979-12-19,Leeds,t7
Svitlana,Fedoriv,1979-12-19,Leeds,t8
Oleksandr,Zhuravel,1984-07-07,Leeds,s1
Sasha,Zhuravel,1984-07-07,Leeds,s1
"""


def test_twins_with_known_names_stay_apart(tmp_path):
    twins = tmp_path / "twins.csv"
    lines = _TWINS.splitlines()
    twins.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    truth = [line.rsplit(",", 1)[1] for line in lines[1:]]
    others = tmp_path / "register.csv"
    people_table(800, seed=5).drop(columns=["true_id"]).to_csv(others, index=False)
    case = tmp_path / "case"
    runner = CliRunner()
    args = ["ingest", str(twins), str(others), "--preset", "people", "-o", str(case), "-q"]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case), "-q"])
    assert out.exit_code == 0, out.output
    read = lg.Case.read(case)
    m = read.mentions[read.mentions["source"] == "twins.csv"].merge(read.resolution)
    entity = dict(zip(m["row"], m["entity_id"], strict=True))
    # Hand-written truth: rows of one pid are one person, and no one else.
    for i, a in enumerate(truth, start=1):
        for j, b in enumerate(truth, start=1):
            assert (entity[i] == entity[j]) == (a == b), (i, j)
