"""Helpers shared by the graph formats (gexf, graphml, neo4j, i2): XML text, typed columns,
and the losses of reducing a case to one node per entity and one edge per (pair, kind)."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from linkgraph.export._data import ExportData
from linkgraph.export.loss import LossReport

# Characters XML 1.0 cannot hold (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone
# surrogates), and DEL and the C1 controls, which it can but which act on a terminal.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: How the loss report names the values :class:`XmlText` changed.
XML_SHOWN = "text values with control characters XML cannot hold (shown as [U+0000])"


class XmlText:
    """Makes text XML-safe, each control character shown as ``[U+0000]`` as in the CSV
    and XLSX exports (an ESC sequence stays whole), and counts the values it changed."""

    def __init__(self) -> None:
        self.changed = 0

    def __call__(self, value: object) -> str:
        text = str(value)
        clean = _XML_ILLEGAL.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
        if clean != text:
            self.changed += 1
        return clean


def column_kind(series: pd.Series) -> str:
    """``bool``, ``int``, ``float`` or ``str``: how a column is typed in a graph format."""
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    return "str"


def present(value: object) -> bool:
    """Whether a cell holds a value (not None, NA, NaN or NaT)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    return not (isinstance(value, float) and math.isnan(value))


def number_text(value: object) -> str:
    """A number as text that reads back to the same value (``repr`` of floats)."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isinf(v):
            return "INF" if v > 0 else "-INF"
        return repr(v)
    return str(int(value))  # type: ignore[call-overload]


def graph_losses(
    data: ExportData,
    report: LossReport,
    *,
    holds_mentions: bool = False,
    by_currency: bool = False,
) -> None:
    """Record what a graph of entities and aggregated edges cannot hold of the case;
    ``by_currency``: the format holds each mixed-currency edge's sum per currency
    (:attr:`ExportData.amounts_by_currency`)."""
    case = data.case
    n_links, n_edges = len(case.links), len(data.edges)
    if not holds_mentions:
        report.lose(
            "mention fields (names as written, dates of birth, identifiers, raw rows)",
            int(case.mentions.drop(columns=["mention_id", "type"]).notna().sum().sum()),
            f"{len(case.mentions):,} mentions are summed up as {len(data.entities):,} entities "
            "(label, type, role, country, agencies, source_rows); the csv, xlsx or sqlite "
            "export holds every field.",
        )
    report.lose(
        "links merged into one edge per (entity pair, kind)",
        n_links - n_edges if n_links > n_edges else 0,
        "count, weight and amount are summed (a payment or call two sources report "
        "counted once), first/last kept, each link's time kept as a spell (gexf) or list; "
        "per-link attrs are not (an edge's currency is its links' own, 'mixed' for several).",
    )
    mixed = int(data.edges["currency"].eq("mixed").sum()) if "currency" in data.edges else 0
    report.lose(
        "amounts of edges whose links are in several currencies",
        0 if by_currency else mixed,
        "never added across currencies: the edge's amount is empty and its currency "
        "'mixed'; the i2 export holds the sum in each currency, the csv, xlsx and sqlite "
        "exports every link's amount and currency.",
    )
    if case.evidence is not None:
        report.lose(
            "resolution evidence (scored mention pairs)",
            len(case.evidence),
            "use the sqlite export or the case folder.",
        )
    report.lose("rejects (unusable source values)", len(case.rejects), "use the sqlite export.")
