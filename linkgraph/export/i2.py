"""i2 Analyst's Notebook export: a chart (``chart.anx``, written with ``anxwritter``) with
entity types mapped to i2 entity types, and ``entities.csv``/``links.csv`` with
``import_specification.json`` for the Analyst's Notebook and iBase import wizards."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from linkgraph._io import formula_like_count, write_csv, write_text
from linkgraph.export._data import ExportData, iso, write_victims_readme
from linkgraph.export._graphs import XML_SHOWN, XmlText, graph_losses, present
from linkgraph.export.loss import LossReport
from linkgraph.schema import link_kind

DIRECTORY = True
#: linkgraph entity type -> i2 entity type (named as in the i2 standard palette).
I2_TYPES = {
    "person": "Person", "phone": "Telephone", "email": "Email Address", "address": "Address",
    "vehicle": "Vehicle", "account": "Account", "organisation": "Organisation",
    "location": "Location", "document": "Document", "ad": "Website", "event": "Event",
    "image": "Image",
}  # fmt: skip
#: Above this many entities anxwritter's layout is skipped for a grid (ANB lays out again).
LAYOUT_MAX = 2_000
ENTITY_COLUMNS = ("Identity", "Entity Type", "Label", "Date", "Source Type", "Source Reference")
LINK_COLUMNS = ("Link Identity", "From Identity", "To Identity", "Link Type", "Direction",
                "Label", "Date", "Time", "Source Type", "Source Reference")  # fmt: skip
#: The links' attributes (chart and links.csv): ``currency`` is the amount's, none when
#: the link's payments are in several (then ``amount`` is empty too and ``amounts by
#: currency`` holds the sum in each: "EUR 120.5; RON 300"); a currency attribute holds
#: only a currency, which a chart's reader reads as one.
LINK_ATTRIBUTES = ("count", "weight", "amount", "currency", "amounts by currency", "last")


def i2_type(entity_type: str) -> str:
    """The i2 entity type of a linkgraph entity type."""
    return I2_TYPES.get(entity_type, entity_type.replace("_", " ").title())


def _attribute_value(value: object) -> object:
    if hasattr(value, "item"):
        value = value.item()
    return value


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``chart.anx``, ``entities.csv``, ``links.csv`` and ``import_specification.json``."""
    from anxwritter import ANXChart

    path.mkdir(parents=True, exist_ok=True)
    text = XmlText()
    ents = data.entities
    attr_cols = ["role", "country", "agencies", "mentions", *data.measures]
    created = str(data.case.manifest.get("updated") or "2000-01-01T00:00:00")[:19]
    summary = {"title": "linkgraph case export", "created": created, "last_save": created}
    if data.victims_named:
        summary["comments"] = data.victims_statement()
    chart = ANXChart(settings={"summary": summary})
    write_victims_readme(data, path, report)
    for name in sorted({i2_type(t) for t in ents["type"]}):
        chart.add_entity_type(name=name)
    big = len(ents) > LAYOUT_MAX
    for i, row in enumerate(ents.itertuples(index=False)):
        attrs = {}
        for col in attr_cols:
            value = getattr(row, col)
            if present(value) and value != "":
                value = _attribute_value(value)
                attrs[col] = text(value) if isinstance(value, str) else value
        position = {"x": (i % 400) * 120, "y": (i // 400) * 120} if big else {}
        chart.add_icon(
            id=text(row.entity_id), type=i2_type(str(row.type)), label=text(row.label),
            attributes=attrs, source_type=text(row.agencies) or None,
            source_ref=text(", ".join(json.loads(row.source_rows))) or None, **position,
        )  # fmt: skip
    self_loop = (data.edges["src"] == data.edges["dst"]).to_numpy()
    edges = data.edges[~self_loop]
    link_rows = []
    by_currency = data.amounts_by_currency[~self_loop].tolist()
    for j, e in enumerate(edges.itertuples(index=False)):
        first = iso(e.first)
        date, time = (first[:10], first[11:19]) if first else (None, None)
        attrs = {"count": int(e.count), "weight": float(e.weight)}
        if present(e.amount):
            attrs["amount"] = float(e.amount)
        currency = getattr(e, "currency", "")
        if isinstance(currency, str) and currency and currency != "mixed":
            attrs["currency"] = currency  # several: no amount nor currency, sums per currency
        if by_currency[j]:
            attrs["amounts by currency"] = by_currency[j]
        if iso(e.last):
            attrs["last"] = iso(e.last)
        kind = link_kind(str(e.kind))
        refs = ", ".join(json.loads(e.rows))
        link_type = str(e.kind).replace("_", " ")  # unique per kind (labels are not)
        chart.add_link(
            from_id=text(e.src), to_id=text(e.dst), type=link_type, label=kind.label,
            arrow="ArrowOnHead" if e.directed else None, date=date, time=time,
            attributes=attrs, source_ref=text(refs) or None,
        )  # fmt: skip
        link_rows.append(
            {"Link Identity": f"l{j}", "From Identity": e.src, "To Identity": e.dst,
             "Link Type": link_type, "Direction": "Head" if e.directed else "None",
             "Label": kind.label, "Date": date, "Time": time, "Source Type": None,
             "Source Reference": refs, **attrs}
        )  # fmt: skip
    anx = chart.to_anx(str(path / "chart.anx"))
    Path(anx).chmod(0o644)
    entity_rows = pd.DataFrame(
        {
            "Identity": ents["entity_id"],
            "Entity Type": ents["type"].map(i2_type),
            "Label": ents["label"],
            "Date": None,
            "Source Type": ents["agencies"],
            "Source Reference": [", ".join(json.loads(r)) for r in ents["source_rows"]],
            **{c: ents[c] for c in attr_cols},
        }
    )
    links = pd.DataFrame(link_rows, columns=[*LINK_COLUMNS, *LINK_ATTRIBUTES])
    defused = formula_like_count(entity_rows) + formula_like_count(links)
    # with a byte order mark: the import wizard, like Excel, reads a CSV without one in
    # the machine's ANSI code page
    write_csv(entity_rows, path / "entities.csv", bom=True)
    write_csv(links, path / "links.csv", bom=True)
    spec = _import_specification(list(entity_rows.columns), list(links.columns), attr_cols)
    write_text(path / "import_specification.json", json.dumps(spec, indent=2) + "\n")
    report.files += ["chart.anx", "entities.csv", "links.csv", "import_specification.json"]
    report.counts.update(entities=len(ents), links=len(edges))
    graph_losses(data, report, by_currency=True)
    loops = data.edges[self_loop]
    report.lose(
        "links of an entity to itself (self-loops: two merged mentions that called each "
        "other, a transfer between one holder's own accounts)",
        len(loops),
        f"i2 charts cannot hold them: {_loops_text(loops)} left out of the chart and "
        "links.csv; the csv, xlsx and sqlite exports hold them.",
    )
    report.lose(
        "link times after the first (i2 links hold one date and time)",
        int(sum(max(len(t) - 1, 0) for t in data.edge_times[~self_loop])),
        "the last time is an attribute; every time is in the csv/sqlite export.",
    )
    report.lose(
        XML_SHOWN,
        text.changed,
        "control characters other than tab, line feed and carriage return.",
    )
    report.lose(
        "CSV text values that start like a spreadsheet formula (= + - @, tab, CR, LF; "
        "not signed numbers such as +40721003001)",
        defused,
        "they carry a leading ' so the CSVs are safe to open in a spreadsheet.",
    )
    report.note(
        "Provenance: agencies as each item's Source Type, source:row as its Source Reference "
        "(chart and CSVs). Entity types are named as in the i2 standard palette; Analyst's "
        "Notebook picks each type's icon by that name. entities.csv and links.csv start "
        "with a UTF-8 byte order mark, so that the import wizard and Excel read them as UTF-8."
    )


def _loops_text(loops: pd.DataFrame) -> str:
    """The left-out self-loops as ``N edge(s) (M links: 2 paid, 1 called)``."""
    by_kind = loops.groupby("kind", sort=True)["count"].sum()
    kinds = ", ".join(f"{int(n):,} {kind}" for kind, n in by_kind.items())
    return f"{len(loops):,} edge(s) ({int(by_kind.sum()):,} links: {kinds})"


def _import_specification(
    entity_cols: list[str], link_cols: list[str], attr_cols: list[str]
) -> dict[str, object]:
    """Which CSV column fills which i2 field, for the Analyst's Notebook / iBase import wizard.

    (The wizard's own ``.ximp`` files are a proprietary format: this says the same in JSON.)
    """
    return {
        "format": "linkgraph i2 import specification 1",
        "entities": {
            "file": "entities.csv",
            "columns": entity_cols,
            "identity": "Identity",
            "entity_type": "Entity Type",
            "label": "Label",
            "date": "Date",
            "source_type": "Source Type",
            "source_reference": "Source Reference",
            "attributes": attr_cols,
        },
        "links": {
            "file": "links.csv",
            "columns": link_cols,
            "identity": "Link Identity",
            "from_identity": "From Identity",
            "to_identity": "To Identity",
            "link_type": "Link Type",
            "direction": "Direction",
            "label": "Label",
            "date": "Date",
            "time": "Time",
            "source_type": "Source Type",
            "source_reference": "Source Reference",
            "attributes": list(LINK_ATTRIBUTES),
        },
        "entity_types": I2_TYPES,
    }
