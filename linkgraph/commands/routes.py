"""CLI command: routes (where victims come from, pass through and end up)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    emit_table,
    quiet_option,
    read_case,
    say,
    show_victims_option,
    step,
    table_format,
    table_options,
)
from linkgraph.named_outputs import record_named_output
from linkgraph.victim_places import VICTIMS_PLACE, victims_place_values, withhold_place_values

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

_TABLES = ("flows", "hotspots", "movements", "places")


@click.command()
@case_argument
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Keep a flow when at least this many victims share it (UNODC counts a flow from 5); "
    "flows no victim is on need this many movements.",
)
@click.option(
    "--level",
    type=click.Choice(["country", "city"]),
    default="country",
    show_default=True,
    help="Flows and hotspots by country or by city (where a city is not known, the city "
    'level shows the country, marked: "Ukraine (no city)").',
)
@click.option(
    "--table",
    "table_name",
    type=click.Choice(_TABLES),
    default="flows",
    show_default=True,
    help="The table printed with --csv/--json (the text view prints flows and hotspots).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=15,
    show_default=True,
    help="Rows shown per table in the text view.",
)
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the geographic view (offline HTML map, Sankey) here.",
)
@show_victims_option
@table_options
@quiet_option
def routes(
    case_dir: Path,
    min_count: int,
    level: str,
    table_name: str,
    top: int,
    out_path: Path | None,
    show_victims: bool,
    as_csv: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Routes and hotspots of CASE_DIR: origin -> transit -> destination, offline.

    Geocodes the case's countries and cities (GeoNames and Natural Earth shipped with
    linkgraph; a place not found is listed, never guessed), reads movements (victims'
    and persons' origin against where they were seen: events' places, location
    histories' points, the cells of the calls of the phones they use (the CDR's served
    line when it names one, else the caller's), ...; border crossings, calls and
    transfers between countries, links between places), and counts flows by country and
    city (victims, persons, calls, transfers, money, first and last time) and hotspots
    (inflow, outflow, throughput, betweenness of the place network). Writes the places,
    movements, flows and hotspots tables into CASE_DIR. Victims are shown by pseudonym.
    A flow's money is summed per currency, never across currencies: with --json an
    object {"EUR": 2500.0, "MDL": 2000.5, "unknown": 300.0} ("unknown": amounts of no
    known currency), with --csv a column per currency (money_EUR, money_unknown).

    \b
    Example:
        linkgraph routes case/
        linkgraph routes case/ --min-count 5 --level city -o routes.html
        linkgraph routes case/ --table hotspots --csv > hotspots.csv
    """
    import linkgraph
    from linkgraph.graph_cache import case_graph
    from linkgraph.redact import redact_route_tables, shown_graph

    fmt = table_format(as_csv, as_json)
    case = read_case(case_dir, evidence=False)
    with cli_progress(quiet) as progress, step(progress, "routes"):
        case = linkgraph.routes(case, min_count=min_count)
    case.write(case_dir)
    graph = case_graph(case, case_dir)
    labels = shown_graph(case, graph, show_victims=show_victims).nodes["label"].astype(str)
    hers: set[str] = set()
    if not show_victims:
        hers = victims_place_values(case)
        # victims' names in the source rows of the tables printed (linkgraph/redact.py)
        case = redact_route_tables(case)
        if case.places is not None and hers:
            case = replace(case, places=withhold_place_values(case.places, hers))
    if out_path is not None:
        from linkgraph.render.routes import render_routes

        render_routes(case, out_path, labels=labels)
        if show_victims:
            record_named_output(case_dir, "routes --show-victims", out_path)
    info = case.manifest["steps"][-1]
    if fmt != "text":
        emit_table(_printable(case, table_name, level, labels, fmt), fmt, lists=_LISTS)
        if out_path is not None:
            say(f"Geographic view: {out_path}", fmt)
        return
    rate = info["geocoded"] / info["place_strings"] if info["place_strings"] else 1.0
    say(
        f"Places: {info['place_strings']:,} place strings, {info['geocoded']:,} geocoded "
        f"({rate:.0%}; {info['geocoded_mentions']:,} of {info['place_mentions']:,} mentions)"
    )
    places = case.places
    if places is not None and places["place_id"].isna().any():
        say(_not_found(places))
    say(flows_said(case, info["movements"], min_count, level))
    if not quiet:  # -q: the summary lines only
        say(
            f"\nFlows by {level} (known origins first, then most victims;"
            " ? = origin not in the data):"
        )
        emit_table(_printable(case, "flows", level, labels), max_rows=top)
        say(f"\nHotspots by {level}, by throughput:")
        emit_table(_printable(case, "hotspots", level, labels), max_rows=top)
    if out_path is not None:
        say(f"\nGeographic view: {out_path}")


def flows_said(case: Case, movements: int, min_count: int, level: str) -> str:
    """The summary line of movements and of the flows of the printed ``level`` (the flows
    table holds both levels)."""
    flows = case.flows
    levels = flows["level"].astype(str) if flows is not None else None
    shown = int((levels == level).sum()) if levels is not None else 0
    other = "city" if level == "country" else "country"
    others = int((levels == other).sum()) if levels is not None else 0
    return (
        f"Movements: {movements:,}; flows by {level} (min count {min_count}): {shown:,} "
        f"(by {other}: {others:,})"
    )


def _not_found(places: pd.DataFrame) -> str:
    """The line naming the place strings not found; victims' places (withheld in
    ``places``) counted, not named."""
    missing = places.loc[places["place_id"].isna(), "value"].astype(str)
    withheld = int(missing.eq(VICTIMS_PLACE).sum())
    named = missing[missing.ne(VICTIMS_PLACE)].tolist()
    parts = []
    if named:
        parts.append(", ".join(named[:20]) + (" ..." if len(named) > 20 else ""))
    if withheld:
        parts.append(f"{withheld} of the victims' places (withheld)")
    return "Not found: " + "; ".join(parts)


#: The list-valued columns of the route tables, with how their cells are joined.
_LISTS: dict[str, str | None] = {
    "transit": ";",
    "transit_countries": ";",
    "transit_places": ";",
    "rows": None,
}


def _printable(case: object, name: str, level: str, labels: object, fmt: str = "text") -> object:
    """The table ``name`` as printed: one level, people by their labels (victims by
    pseudonym, never by entity id alone); in text, at most five people per flow and no
    source rows, which CSV and JSON keep. A flow's money is text for a person, an object
    ``{currency: total}`` in JSON and a ``money_<currency>`` column per currency in CSV."""

    df: pd.DataFrame = getattr(case, name)
    lab: pd.Series = labels
    short = fmt == "text"
    if name in ("flows", "hotspots"):
        df = df[df["level"] == level].drop(columns=["level"])
    if name == "flows":
        people = []
        for s in df["entities"]:
            ids = [e for e in str(s).split(";") if e]
            shown = [str(lab.get(e, e)) for e in (ids[:5] if short else ids)]
            people.append(shown if fmt == "json" else "; ".join(shown))
            if short and len(ids) > 5:
                people[-1] += " ..."
        df = df.assign(people=people).drop(columns=["entities", "rows"] if short else ["entities"])
        df = _money_columns(df, fmt)
        if short:
            df["first"] = df["first"].dt.strftime("%Y-%m-%d")
            df["last"] = df["last"].dt.strftime("%Y-%m-%d")
            df = df.replace({"transit": {"": "-"}})
    if name == "hotspots":
        df = df.drop(columns=["place"]).set_index("name")
    if name == "movements":
        df = df.assign(label=df["entity_id"].map(lambda e: lab.get(e, e)))
    return df.reset_index(drop=name != "hotspots")


def _money_columns(flows: object, fmt: str) -> object:
    """The flows' ``money`` (JSON ``{currency: total}``) as printed: text, a JSON object,
    or one number column per currency (``money_EUR``, ``money_unknown``) in CSV."""
    import pandas as pd

    from linkgraph.metrics.routes import money_amounts, money_text

    df: pd.DataFrame = flows
    if fmt == "text":
        return df.assign(money=df["money"].map(money_text))
    # a list, not Series.map: pandas reads the dicts a map returns as mappings
    amounts = [money_amounts(cell) for cell in df["money"].tolist()]
    if fmt == "json":
        return df.assign(money=pd.Series(amounts, index=df.index, dtype=object))
    wide = pd.DataFrame(amounts, index=df.index, dtype="float64")
    at = df.columns.get_loc("money")
    wide = wide.add_prefix("money_")
    return pd.concat([df.iloc[:, :at], wide, df.iloc[:, at + 1 :]], axis=1)


COMMANDS: list[click.Command] = [routes]
