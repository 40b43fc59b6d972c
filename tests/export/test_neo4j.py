"""Neo4j export: headers follow the documented neo4j-admin import grammar; ids connect."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

import linkgraph as lg
from linkgraph.model import Case
from tests.export.conftest import HOSTILE, VICTIM_NAME
from tests.export.helpers import (
    all_bytes,
    assert_victim_hidden,
    assert_victim_shown,
)

# The CSV header grammar of `neo4j-admin database import` (Neo4j 5 Operations Manual,
# "Import > CSV header format": <name>:<field_type>; ID/START_ID/END_ID take an optional
# (id-group); property types int, long, float, double, boolean, byte, short, char, string,
# point, date, localtime, time, localdatetime, datetime, duration, each optionally an array []).
_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|"
    "localdatetime|datetime|duration"
)
ID_FIELD = re.compile(r"^[A-Za-z_][\w]*:ID(\([A-Za-z_]\w*\))?$|^:ID(\([A-Za-z_]\w*\))?$")
SPECIAL = re.compile(
    r"^:(LABEL|TYPE|IGNORE|START_ID(\([A-Za-z_]\w*\))?|END_ID(\([A-Za-z_]\w*\))?)$"
)
PROPERTY = re.compile(rf"^[A-Za-z_][\w]*(:({_TYPES})(\[\])?)?$")


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def test_headers_follow_the_neo4j_admin_grammar(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    lg.export(case, "neo4j", out)
    nodes, rels = _header(out / "nodes.csv"), _header(out / "relationships.csv")
    for field in nodes + rels:
        assert ID_FIELD.match(field) or SPECIAL.match(field) or PROPERTY.match(field), field
    assert sum(bool(ID_FIELD.match(f)) for f in nodes) == 1
    assert ":LABEL" in nodes
    assert {":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"} <= set(rels)
    assert "pagerank:double" in nodes
    assert "community:long" in nodes
    assert "times:datetime[]" in rels


def test_values_parse_as_their_declared_types(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    lg.export(case, "neo4j", out)
    nodes = pd.read_csv(out / "nodes.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(out / "relationships.csv", dtype=str, keep_default_na=False)
    ids = set(nodes["entityId:ID(Entity)"])
    assert len(ids) == len(nodes) == len(lg.build_graph(case))
    assert set(rels[":START_ID(Entity)"]) <= ids
    assert set(rels[":END_ID(Entity)"]) <= ids
    for frame in (nodes, rels):
        for col in frame.columns:
            kind = col.split(":")[-1]
            values = [v for v in frame[col] if v != ""]
            for v in values:
                if kind == "long":
                    int(v)
                elif kind == "double":
                    float(v)
                elif kind == "boolean":
                    assert v in ("True", "False", "true", "false")
                elif kind.startswith("datetime"):
                    for t in v.split(";"):
                        pd.Timestamp(t)
    pr = dict(
        zip(nodes["entityId:ID(Entity)"], nodes["pagerank:double"].astype(float), strict=True)
    )
    for row in case.metrics.itertuples():
        assert pr[row.entity_id] == pytest.approx(row.pagerank, rel=1e-12)
    assert set(nodes[":LABEL"]) >= {"Entity;Person", "Entity;Phone", "Entity;Account"}
    # import files, not spreadsheets: the formula-like name is stored as written
    assert HOSTILE[0] in set(nodes["label:string"])


def test_cypher_script_names_every_column(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    lg.export(case, "neo4j", out)
    script = (out / "load.cypher").read_text()
    for field in _header(out / "nodes.csv") + _header(out / "relationships.csv"):
        assert f"row.`{field}`" in script, field
    assert "CREATE (e:Entity:Person" in script
    assert "CREATE (a)-[r:CALLED]->(b)" in script


def test_neo4j_protects_victims_and_is_deterministic(case: Case, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "neo4j", tmp_path / "b" / "neo4j"
    lg.export(case, "neo4j", first)
    lg.export(case, "neo4j", second)
    assert all_bytes(first) == all_bytes(second)
    assert_victim_hidden(first, VICTIM_NAME, "e:vic", case.pseudonym_key)
    lg.export(case, "neo4j", tmp_path / "c", show_victims=True)
    assert_victim_shown(tmp_path / "c", VICTIM_NAME)
