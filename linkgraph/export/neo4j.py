"""Neo4j export: ``neo4j-admin database import`` CSVs in the Neo4j 5 header format
(``entityId:ID(Entity)``, ``:LABEL``, ``:START_ID(Entity)``, ``:END_ID(Entity)``, ``:TYPE``,
typed properties such as ``pagerank:double``), the import command, and a Cypher script that
loads the same files into a running database with ``LOAD CSV``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from linkgraph._io import formula_like_count, write_csv, write_text
from linkgraph.export._data import ExportData, iso, write_victims_readme
from linkgraph.export._graphs import column_kind, graph_losses
from linkgraph.export.loss import LossReport
from linkgraph.schema import ENTITY_TYPES

DIRECTORY = True
ID_SPACE = "Entity"
_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}
#: Entity columns that hold ";"-joined values: string arrays in Neo4j.
_ARRAYS = {"agencies", "role"}
_CYPHER_CAST = {
    "boolean": "toBoolean({v})", "long": "toInteger({v})", "double": "toFloat({v})",
    "string": "{v}", "string[]": "split({v}, ';')", "datetime": "datetime({v})",
    "datetime[]": "[t IN split({v}, ';') | datetime(t)]",
}  # fmt: skip


def neo4j_label(entity_type: str) -> str:
    """The node label of an entity type: its display name in PascalCase (``OnlineAd``)."""
    known = ENTITY_TYPES.get(entity_type)
    name = known.label if known else entity_type.replace("_", " ")
    return "".join(part[:1].upper() + part[1:] for part in name.split()) or "Entity"


def _typed(frame: pd.DataFrame, column: str) -> str:
    if column in _ARRAYS:
        return "string[]"
    return _TYPES[column_kind(frame[column])]


def _json_list_to_array(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return ";".join(json.loads(value)) or None


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``nodes.csv``, ``relationships.csv``, ``import.sh`` and ``load.cypher``."""
    path.mkdir(parents=True, exist_ok=True)
    write_victims_readme(data, path, report)
    ents = data.entities.copy()
    ents["source_rows"] = ents["source_rows"].map(_json_list_to_array)
    props = [c for c in ents.columns if c != "entity_id"]
    node_types = {c: "string[]" if c == "source_rows" else _typed(ents, c) for c in props}
    nodes = pd.DataFrame({"entityId:ID(Entity)": ents["entity_id"]})
    nodes[":LABEL"] = [f"{ID_SPACE};{neo4j_label(t)}" for t in ents["type"]]
    for c in props:
        nodes[f"{c}:{node_types[c]}"] = ents[c]
    e = data.edges
    rels = pd.DataFrame(
        {
            ":START_ID(Entity)": e["src"],
            ":END_ID(Entity)": e["dst"],
            ":TYPE": e["kind"].str.upper(),
            "kind:string": e["kind"],
            "directed:boolean": e["directed"].astype(bool),
            "count:long": e["count"].astype("int64"),
            "weight:double": e["weight"].astype(float),
            "amount:double": e["amount"].astype(float),
            "currency:string": e["currency"].astype("string").replace("", pd.NA)
            if "currency" in e
            else pd.NA,
            "first:datetime": [iso(v) for v in e["first"]],
            "last:datetime": [iso(v) for v in e["last"]],
            "times:datetime[]": [";".join(iso(t) for t in ts) or None for ts in data.edge_times],
            "source_rows:string[]": e["rows"].map(_json_list_to_array),
        }
    )
    write_csv(nodes, path / "nodes.csv", formula_safe=False)
    write_csv(rels, path / "relationships.csv", formula_safe=False)
    write_text(path / "import.sh", _import_script())
    labels = sorted({neo4j_label(t) for t in ents["type"]})
    types = sorted(set(rels[":TYPE"]))
    write_text(path / "load.cypher", _cypher(nodes.columns, rels.columns, labels, types))
    report.files += ["nodes.csv", "relationships.csv", "import.sh", "load.cypher"]
    report.counts.update(nodes=len(nodes), relationships=len(rels))
    graph_losses(data, report)
    unguarded = formula_like_count(nodes) + formula_like_count(rels)
    if unguarded:
        report.warn(
            f"{unguarded:,} text value(s) in nodes.csv and relationships.csv start like a "
            "spreadsheet formula (= + - @, tab, CR) and are written unguarded, so that Neo4j "
            "imports them exactly: do not open these files in a spreadsheet. A copy safe to "
            "open: `linkgraph export CASE -f csv -o FOLDER` (or -f xlsx)."
        )
    report.note(
        "nodes.csv and relationships.csv are for neo4j-admin import and LOAD CSV, not for a "
        "spreadsheet: text is written as it is (RFC 4180 quoting, a quote doubled), with no "
        "' guard against spreadsheet formulas, which Neo4j would store as part of the value; "
        "control characters are shown as [U+0000]; UTF-8 with no byte order mark, as "
        "neo4j-admin and LOAD CSV read it. Open the csv or xlsx export in a "
        "spreadsheet instead."
    )
    report.note(
        "Provenance: agencies and source_rows (source:row) arrays on every node, "
        "source_rows on every relationship. The inputs (file, agency, rows) have no place in "
        "a property graph's files: " + json.dumps(data.provenance()["inputs"], ensure_ascii=False)
    )


def _import_script() -> str:
    return (
        "#!/bin/sh\n"
        "# Full import into a new, empty database (Neo4j 5). Run from $NEO4J_HOME with the\n"
        "# CSVs in ./import, then `CREATE DATABASE linkgraph` in Neo4j.\n"
        "bin/neo4j-admin database import full linkgraph \\\n"
        "  --nodes=import/nodes.csv --relationships=import/relationships.csv \\\n"
        "  --array-delimiter=';' --multiline-fields=true\n"
    )


def _cypher(node_cols: pd.Index, rel_cols: pd.Index, labels: list[str], types: list[str]) -> str:
    """Plain Cypher (no plugins): one LOAD CSV statement per label and per relationship type,
    since labels and types cannot be parameters."""

    def assign(var: str, cols: pd.Index, skip: set[str]) -> str:
        parts = []
        for col in cols:
            if col in skip:
                continue
            name, kind = col.split(":", 1)
            value = _CYPHER_CAST[kind].format(v=f"row.`{col}`")
            parts.append(f"{var}.`{name}` = {value}")
        return ",\n      ".join(parts)

    node_set = assign("e", node_cols, {"entityId:ID(Entity)", ":LABEL"})
    rel_set = assign("r", rel_cols, {":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"})
    out = [
        "// Load the linkgraph export into a running Neo4j 5 database: put nodes.csv and",
        "// relationships.csv in its import folder, then `cypher-shell -f load.cypher`.",
        f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:{ID_SPACE}) "
        "REQUIRE e.entityId IS UNIQUE;",
    ]
    for label in labels:
        out.append(
            f"""
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
WITH row WHERE row.`:LABEL` = '{ID_SPACE};{label}'
CALL {{
  WITH row
  CREATE (e:{ID_SPACE}:{label} {{entityId: row.`entityId:ID(Entity)`}})
  SET {node_set}
}} IN TRANSACTIONS OF 10000 ROWS;"""
        )
    for rel_type in types:
        out.append(
            f"""
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = '{rel_type}'
CALL {{
  WITH row
  MATCH (a:{ID_SPACE} {{entityId: row.`:START_ID(Entity)`}})
  MATCH (b:{ID_SPACE} {{entityId: row.`:END_ID(Entity)`}})
  CREATE (a)-[r:{rel_type}]->(b)
  SET {rel_set}
}} IN TRANSACTIONS OF 10000 ROWS;"""
        )
    return "\n".join(out) + "\n"
