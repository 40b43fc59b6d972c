"""`linkgraph resolve` writes back only the tables it makes; the others keep their bytes."""

from __future__ import annotations

import hashlib

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

from .factory import case_of, mention


def _case() -> Case:
    """Two spellings of one man with a shared phone, and a woman; links to the phones."""
    case = case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04", phone="+380501234567"),
        mention("person", row=2, name="Kovalenko, Oleksandr", dob="1985-03-04"),
        mention("phone", row=1, phone="+380501234567", label="+380501234567"),
        mention("phone", row=2, phone="+380501234567", label="+380501234567"),
        mention("person", row=3, name="Maria Petrenko", dob="1990-01-01"),
    ])  # fmt: skip
    ids = case.mentions["mention_id"].tolist()
    links = pd.DataFrame(
        {
            "link_id": ["l:1", "l:2"],
            "src": [ids[0], ids[1]],
            "dst": [ids[2], ids[3]],
            "kind": ["uses", "uses"],
        }
    )
    return case.with_tables(links=links)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_resolve_keeps_mentions_and_links_files_and_writes_arrow_text(tmp_path):
    folder = tmp_path / "case"
    _case().write(folder)
    before = {n: _digest(folder / f"{n}.parquet") for n in ("mentions", "links")}
    got = CliRunner().invoke(cli, ["resolve", str(folder), "-q"])
    assert got.exit_code == 0, got.output
    # resolve reads only some columns of these two (not link_id): written back untouched.
    assert {n: _digest(folder / f"{n}.parquet") for n in before} == before
    case = Case.read(folder)
    assert case.links["link_id"].tolist() == ["l:1", "l:2"]
    ids = case.mentions["mention_id"].tolist()
    entity = case.resolution.set_index("mention_id")["entity_id"]
    # Hand-computed: the two Kovalenko spellings are one man, the two phone mentions
    # one phone, Maria alone; each entity named after its smallest mention id.
    groups = [[ids[0], ids[1]], [ids[2], ids[3]], [ids[4]]]
    for group in groups:
        assert {entity[i] for i in group} == {"e:" + min(group).split(":", 1)[1]}
    assert entity.nunique() == 3
    ev = case.evidence
    pair = ev[(ev["type"] == "phone")]
    assert pair[["rule", "decision"]].values.tolist() == [["same identifier", "match"]]
    assert set(pair[["left", "right"]].values[0]) == {ids[2], ids[3]}
    person = ev[(ev["type"] == "person") & (ev["decision"] == "match")]
    assert {frozenset(p) for p in person[["left", "right"]].values.tolist()} == {frozenset(ids[:2])}
