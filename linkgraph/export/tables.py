"""The case as flat tables (entities, links, communities, case tables) for csv, xlsx, sqlite."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from linkgraph.export._data import ExportData, iso

if TYPE_CHECKING:
    from linkgraph.export.loss import LossReport


def entity_links(data: ExportData) -> pd.DataFrame:
    """Entity-level links with both ends' labels; times as ISO text."""
    labels = data.entities.set_index("entity_id")["label"]
    e = data.edges
    out = pd.DataFrame(
        {
            "src": e["src"],
            "src_label": labels.reindex(e["src"]).to_numpy(),
            "dst": e["dst"],
            "dst_label": labels.reindex(e["dst"]).to_numpy(),
            "kind": e["kind"],
            "directed": e["directed"].astype(bool),
            "count": e["count"].astype("int64"),
            "weight": e["weight"].astype(float),
            "amount": e["amount"].astype(float),
            "currency": e["currency"].astype("string") if "currency" in e else "",
            "first": [iso(v) for v in e["first"]],
            "last": [iso(v) for v in e["last"]],
            "source_rows": e["rows"],
        }
    )
    return out


def communities(data: ExportData) -> pd.DataFrame | None:
    """The case's ``communities`` table (what ``analyze`` wrote: size, types, countries,
    density, leading members); for a case analysed before it existed, each community's
    size and how many entities of each type, from the metrics table."""
    if data.case.communities is not None:
        return data.case.communities
    ents = data.entities
    if "community" not in ents.columns:
        return None
    counts = pd.crosstab(ents["community"], ents["type"]).sort_index()
    counts.columns = [f"{c}s" for c in counts.columns]
    out = counts.assign(entities=counts.sum(axis=1)).reset_index()
    return out[["community", "entities", *counts.columns]]


def as_text_times(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose datetime columns are ISO 8601 UTC text (the formats without a time type)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = pd.Series([iso(v) for v in out[col]], index=out.index, dtype="string")
    return out


class _Written(dict):
    """The tables, whose ``items()`` reports each table's rows as done when the writer
    goes on to the next (:func:`linkgraph.progress.advance_current`): an export's bar
    moves table by table."""

    def items(self):  # type: ignore[override]
        from linkgraph.progress import advance_current

        for name, df in super().items():
            yield name, df
            advance_current(len(df))


def flat_tables(data: ExportData) -> dict[str, pd.DataFrame]:
    """Every table an analyst opens: entities, links, communities, then the case's tables
    (iterating ``items()`` advances the current progress by each table's rows)."""
    tables: dict[str, pd.DataFrame] = {
        "entities": data.entities,
        "links": entity_links(data),
    }
    comm = communities(data)
    if comm is not None:
        tables["communities"] = comm
    case_tables = data.case.tables()
    tables["mentions"] = case_tables["mentions"]
    tables["source_links"] = case_tables["links"]
    for name in ("rejects", "resolution", "evidence"):
        if name in case_tables:
            tables[name] = case_tables[name]
    tables.update(analysis_tables(data))
    return _Written((name, as_text_times(df)) for name, df in tables.items())


#: The tables made from the entities that exports carry as the case holds them (the
#: metrics are on the entities, the communities beside them).
ANALYSIS_EXPORTED: tuple[str, ...] = ("key_players", "places", "movements", "flows", "hotspots")


def analysis_tables(data: ExportData) -> dict[str, pd.DataFrame]:
    """The case's key players, places (a victim's place strings withheld, as `linkgraph
    routes --table places` withholds them), movements, flows and hotspots, and the stored
    ``stability`` table (one long table, as ``CASE/stability.parquet`` holds it), each
    one the case holds."""
    from linkgraph.victim_places import withhold_place_values

    out: dict[str, pd.DataFrame] = {}
    for name in ANALYSIS_EXPORTED:
        df = getattr(data.case, name)
        if df is None:
            continue
        if name == "places" and data.victim_places:
            df = withhold_place_values(df, set(data.victim_places))
        out[name] = df
    from linkgraph.metrics.stability import stored_stability_table

    stability = stored_stability_table(data.case)
    if stability is not None:
        out["stability"] = stability
    return out


def report_left_out(data: ExportData, report: LossReport) -> None:
    """Name in ``report`` the case tables :func:`flat_tables` leaves out: the analysts'
    decisions (the metrics are on the entities)."""
    decisions = data.case.decisions
    if decisions is not None and len(decisions):
        report.lose(
            "decisions table (the analysts' must-link / cannot-link records; rows)",
            len(decisions),
            "Not exported in this format: the case folder's decisions.parquet and the "
            "sqlite export hold them.",
        )
