"""The label of an entity that is not a person (an organisation's name) loses a victim's
full name, in any order ("Popescu Maria Transport", "Maria Popescu SRL"), and her family
name beside a given name of hers ("Elena Popescu SRL" of Maria Elena Popescu), but not a
single word of her name that is the thing's own ("Evil Corp" of Zoë Evil Ñandú, "Elena
Transport SRL"): the same in the terminal tables, the exports and the report. Free text
(a note) keeps the stricter rule: her family name alone is taken out."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "name,given,family,phone,role,notes,org\n"
    "Maria Elena Popescu,Maria Elena,Popescu,+40 721 000 333,victim,,\n"
    "Zoë Evil Ñandú,,,+40 721 000 111,victim,,\n"
    "Ion Rusu,Ion,Rusu,+40 721 000 444,suspect,met Popescu at the depot,"
    "Popescu Maria Transport\n"
    "Dan Lupu,Dan,Lupu,+40 721 000 445,suspect,,Maria Popescu SRL\n"
    "Ana Lupu,Ana,Lupu,+40 721 000 446,suspect,,Evil Corp\n"
    "Ion Popescu,Ion,Popescu,+40 721 000 222,suspect,,Elena Transport SRL\n"
    "Vlad Dinu,Vlad,Dinu,+40 721 000 447,suspect,,Elena Popescu SRL\n"
)
MAPPING = """format: csv
region: RO
entities:
  person:
    type: person
    fields: {name: name, given_name: given, family_name: family, role: role, notes: notes}
  phone:
    type: phone
    fields: {phone: phone}
  org:
    type: organisation
    fields: {name: org}
links:
- {kind: uses_phone, src: person, dst: phone}
- {kind: director_of, src: person, dst: org}
"""
#: organisation label as written -> whether it names a victim (and is redacted)
ORGS = {
    "Popescu Maria Transport": True,
    "Maria Popescu SRL": True,
    "Elena Popescu SRL": True,
    "Evil Corp": False,
    "Elena Transport SRL": False,
}


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _org_labels(rows: list[dict[str, str]]) -> list[str]:
    return sorted(r["label"] for r in rows if r["type"] == "organisation")


def _expected() -> tuple[set[str], dict[str, str]]:
    kept = {o for o, named in ORGS.items() if not named}
    tails = {o: o.rsplit(" ", 1)[-1] for o, named in ORGS.items() if named}
    return kept, tails


def _check(labels: list[str]) -> None:
    kept, tails = _expected()
    assert len(labels) == len(ORGS)
    assert kept <= set(labels)
    redacted = [lab for lab in labels if lab not in kept]
    assert sorted(lab.rsplit(" ", 1)[-1] for lab in redacted) == sorted(tails.values())
    for lab in redacted:
        assert lab.startswith("Victim-"), lab
        assert "Popescu" not in lab, lab
        assert "Maria" not in lab, lab


def test_labels_lose_a_victims_full_name_not_a_word_of_it(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--mapping", tmp_path / "m.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    # the terminal table
    table = list(csv.DictReader(_run("entities", case, "--csv").splitlines()))
    _check(_org_labels(table))
    # the CSV export: labels as in the table; the note loses her family name alone
    out = tmp_path / "csv"
    _run("export", case, "-f", "csv", "-o", out, "-q")
    with (out / "entities.csv").open(encoding="utf-8-sig") as fh:
        exported = list(csv.DictReader(fh))
    assert _org_labels(exported) == _org_labels(table)
    texts = "\n".join(f.read_text(encoding="utf-8-sig") for f in out.glob("*.csv"))
    assert "met Victim-" in texts
    assert "met Popescu" not in texts
    for name in ("Maria Elena Popescu", "Maria Popescu", "Popescu Maria", "Elena Popescu",
                 "Zoë Evil Ñandú", "Zoe Evil Nandu"):  # fmt: skip
        assert name not in texts, name
    assert "Ion Popescu" in texts  # a suspect's own name is his
    # the GraphML export
    _run("export", case, "-f", "graphml", "-o", tmp_path / "g.graphml", "-q")
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert _org_labels([d for _, d in g.nodes(data=True)]) == _org_labels(table)
