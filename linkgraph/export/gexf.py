"""GEXF 1.3 export for Gephi: typed entity attributes, every measure and community, link
kinds, weights, and each link's time as a spell so Gephi's timeline works.

Written directly rather than with ``networkx.write_gexf``: networkx writes numpy integer
columns with a type name GEXF 1.3 does not have and cannot mix directed and undirected edges.

Times: the graph declares ``timeformat="date"`` and every spell holds the full instant in
ISO 8601 UTC (``2024-01-05T10:00:00Z``), which GEXF 1.3's time type (a union of xs:date
and xs:dateTime) allows. ``date`` rather than ``dateTime`` because networkx's
``read_gexf`` knows only ``date``, ``double`` and ``long`` (it fails on ``dateTime``);
it reads the spells as ISO strings. Gephi parses a date with or without its time part
whatever the declared format, so its timeline keeps the time of day; it only prints the
bounds as dates. Epoch numbers (``double``) would read everywhere too, but Gephi would show
them as bare numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from linkgraph import __version__
from linkgraph._io import atomic_write
from linkgraph.export._data import ExportData, iso
from linkgraph.export._graphs import (
    XML_SHOWN,
    XmlText,
    column_kind,
    graph_losses,
    number_text,
    present,
)
from linkgraph.export.loss import LossReport
from linkgraph.progress import advance_current
from linkgraph.schema import link_kind

DIRECTORY = False
NS = "http://gexf.net/1.3"
#: networkx reads ``date`` (not ``dateTime``); the spells still hold full UTC instants.
TIMEFORMAT = "date"
_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}
#: Node attributes, besides the label; measures follow.
NODE_ATTRS = ("type", "role", "victim", "country", "mentions", "sources", "agencies",
              "source_rows")  # fmt: skip
EDGE_ATTRS = ("kind", "directed", "count", "amount", "currency", "first", "last", "source_rows")


def _attributes(cls: str, frame: pd.DataFrame, names: tuple[str, ...]) -> list[str]:
    out = [f'    <attributes class="{cls}" mode="static">']
    for i, name in enumerate(names):
        kind = _TYPES[column_kind(frame[name])]
        out.append(f'      <attribute id="{i}" title={quoteattr(name)} type="{kind}"/>')
    out.append("    </attributes>")
    return out


def _attvalues(row: tuple, kinds: list[str], text: XmlText) -> str:
    parts = []
    for i, (value, kind) in enumerate(zip(row, kinds, strict=True)):
        if not present(value):
            continue
        shown = text(value) if kind == "str" else number_text(value)
        parts.append(f'<attvalue for="{i}" value={quoteattr(shown)}/>')
    return "<attvalues>" + "".join(parts) + "</attvalues>" if parts else ""


#: Rows (nodes, edges) written between two advances of the export's progress bar.
_ROWS_PER_ADVANCE = 5_000


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``path`` as GEXF 1.3 (validates against the GEXF 1.3 XSD)."""
    text = XmlText()
    ents = data.entities
    node_names = NODE_ATTRS + data.measures
    edges = data.edges.copy()
    edges["first"] = [iso(v) for v in edges["first"]]
    edges["last"] = [iso(v) for v in edges["last"]]
    edges = edges.rename(columns={"rows": "source_rows"})
    edges["directed"] = edges["directed"].astype(bool)
    times = data.edge_times
    updated = str(data.case.manifest.get("updated") or "")[:10]
    prov = data.provenance()
    description = "linkgraph case export. Inputs: " + json.dumps(
        prov["inputs"], ensure_ascii=False, sort_keys=True
    )
    if data.victims_named:
        description = f"{data.victims_statement()} {description}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NS} {NS}/gexf.xsd" version="1.3">',
        f'  <meta lastmodifieddate="{updated}">' if updated else "  <meta>",
        f"    <creator>linkgraph {escape(__version__)}</creator>",
        f"    <description>{escape(text(description))}</description>",
        "  </meta>",
        f'  <graph defaultedgetype="directed" mode="dynamic" timeformat="{TIMEFORMAT}" '
        'timerepresentation="interval" timezone="UTC">',
    ]
    lines += _attributes("node", ents, node_names)
    lines += _attributes("edge", edges, EDGE_ATTRS)
    with atomic_write(path) as fh:
        fh.write("\n".join(lines) + "\n")
        fh.write(f'    <nodes count="{len(ents)}">\n')
        kinds = [column_kind(ents[c]) for c in node_names]
        cols = ["entity_id", "label", *node_names]
        for i, row in enumerate(ents[cols].itertuples(index=False, name=None)):
            if i % _ROWS_PER_ADVANCE == 0:
                advance_current(min(_ROWS_PER_ADVANCE, len(ents) - i))
            values = _attvalues(row[2:], kinds, text)
            fh.write(
                f"      <node id={quoteattr(text(row[0]))} label={quoteattr(text(row[1]))}>"
                f"{values}</node>\n"
            )
        fh.write(f'    </nodes>\n    <edges count="{len(edges)}">\n')
        kinds = [column_kind(edges[c]) for c in EDGE_ATTRS]
        cols = ["src", "dst", "weight", *EDGE_ATTRS]
        spelled = 0
        for j, row in enumerate(edges[cols].itertuples(index=False, name=None)):
            if j % _ROWS_PER_ADVANCE == 0:
                advance_current(min(_ROWS_PER_ADVANCE, len(edges) - j))
            src, dst, weight, kind, directed = row[0], row[1], row[2], row[3], row[4]
            edge_type = "directed" if directed else "mutual"
            spells = ""
            if times.iloc[j]:
                spelled += len(times.iloc[j])
                spells = "<spells>" + "".join(
                    f'<spell start="{iso(t)}" end="{iso(t)}"/>' for t in times.iloc[j]
                ) + "</spells>"  # fmt: skip
            label = link_kind(str(kind)).label
            fh.write(
                f'      <edge id="{j}" source={quoteattr(text(src))} '
                f'target={quoteattr(text(dst))} type="{edge_type}" '
                f'label={quoteattr(text(label))} weight="{number_text(float(weight))}">'
                f"{_attvalues(row[3:], kinds, text)}{spells}</edge>\n"
            )
        fh.write("    </edges>\n  </graph>\n</gexf>\n")
    report.files.append(path.name)
    report.counts.update(entities=len(ents), edges=len(edges), spells=spelled)
    graph_losses(data, report)
    report.lose(
        XML_SHOWN,
        text.changed,
        "control characters other than tab, line feed and carriage return.",
    )
    report.note(
        "Undirected link kinds are 'mutual' edges (a both-ways edge), so readers that "
        "cannot mix directed and undirected edges (networkx) read the file."
    )
    report.note(
        "Link times are spells in ISO 8601 UTC (2024-01-05T10:00:00Z) under "
        'timeformat="date", the GEXF time format networkx\'s read_gexf also reads (as '
        "text); Gephi reads the full instant but prints the timeline's bounds as dates."
    )
    report.note(
        "Provenance: the inputs (file, agency, rows) in <meta><description>; agencies and "
        "source_rows (JSON list of source:row) on every node, source_rows on every edge."
    )
