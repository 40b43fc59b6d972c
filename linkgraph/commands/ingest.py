"""CLI commands: ingest, mapping suggest / check / preview."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click

from linkgraph.commands._common import cli_progress, once_option, quiet_option

COMMANDS: list[click.Command] = []
#: The built-in presets' names, read without importing the ingest package (and pandas)
#: so that ``--help`` stays quick; ``linkgraph.ingest.preset_names`` gives the same.
_PRESETS = sorted(p.stem for p in (Path(__file__).parents[1] / "ingest" / "presets").glob("*.yaml"))

#: What to do instead of repeating a reading option (--mapping, --preset, --agency, ...).
_ONE_READING = (
    "To read files each their own way, run one `linkgraph ingest FILE... --mapping MAP.yaml"
    " -o CASE` per mapping (each adds to the case), or list them in a pipeline YAML for"
    " `linkgraph run`, one source each: `sources: [{path: a.csv, mapping: a.yaml},"
    " {path: b.csv, mapping: b.yaml}]` (`linkgraph config --defaults` prints one to start from)."
)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@once_option(
    "--preset",
    repeated_hint=_ONE_READING,
    help=f"Built-in mapping: {', '.join(_PRESETS)}. `statement` reads the banks' own formats"
    " (camt XML, MT940, MT103), not a CSV or spreadsheet statement: for those, `linkgraph"
    " mapping suggest FILE` drafts a mapping.",
)
@once_option(
    "--mapping",
    "mapping_path",
    repeated_hint=_ONE_READING,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Mapping YAML (see docs/mapping.md).",
)
@once_option(
    "--agency",
    repeated_hint=_ONE_READING,
    help="Agency written on every mention (overrides the mapping's).",
)
@once_option(
    "--region",
    repeated_hint=_ONE_READING,
    help="Default phone region / country, ISO alpha-2 (overrides the mapping's).",
)
@once_option(
    "--timezone",
    repeated_hint=_ONE_READING,
    help="Zone of times written without an offset: Europe/Kyiv, UTC+3, CET (overrides the"
    " mapping's; default UTC).",
)
@click.option("--strict", is_flag=True, help="Fail on any reject instead of recording it.")
@once_option(
    "--replaces",
    metavar="SOURCE",
    repeated_hint="Ingest each corrected file with its own command.",
    help="The source of OUT this FILE takes the place of (a corrected export under another"
    " file name, e.g. --replaces arrests.csv): read under its name, its mentions, links and"
    " rejects are replaced as by a file of the same name.",
)
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Case folder to write (created, or added to).",
)
@quiet_option
def ingest(
    files: tuple[Path, ...],
    preset: str | None,
    mapping_path: Path | None,
    agency: str | None,
    region: str | None,
    timezone: str | None,
    strict: bool,
    replaces: str | None,
    out: Path,
    quiet: bool,
) -> None:
    """Read case exports FILE... into the case folder OUT as mentions, links and rejects.

    A file whose kind names its own reading is read through the preset of its kind, whatever
    --preset says: graph files (.gexf .graphml .gml .dot .anx .mtgx, Pajek .net, UCINET .dl)
    through theirs, igraph's .ncol and networkx's .edgelist edge lists through edgelist, vCard
    contact lists (.vcf) through people, chat exports (.txt, Telegram and Meta JSON) and phone
    extractions (SMS Backup & Restore XML, Android's call-log database) through chat, Google
    location histories (Takeout's Records.json, a phone's Timeline.json) through location, bank
    statements (camt.052/053/054 XML, MT940 .sta/.txt) and SWIFT MT103 payments through
    statement, FollowTheMoney entities (.json, .jsonl) through ftm, goAML reports (FIU XML)
    through goaml; a --mapping of their format (`format: camt`, `include: chat`) reads them too.
    Every other file (a table) is read through the one built-in --preset or --mapping YAML
    given, and the summary names the preset that read each file when they differ. Each of
    --preset, --mapping, --agency, --region and --timezone is given at most once: to read
    files each with its own mapping, run one ingest per mapping into the same OUT, or list
    them as sources of a pipeline YAML (`linkgraph run`). A cell-site list among the tables
    of a CDR (a cell id, latitude and longitude, no caller or callee:
    `cell_id,site_name,lat,lon`, OpenCelliD's export) places each call at its cell's lat/lon
    (the CDR's own coordinates win) and makes no mentions; calls of cells it does not list
    are kept and counted in the summary (docs/mapping.md, Cell-site lists). Values
    that cannot be normalised are kept raw, flagged, and listed in the rejects table;
    --strict turns any reject into an error. When OUT already holds a case, the files are
    added to it, and a file ingested before (same file name) replaces its earlier mentions,
    so re-running the same command is idempotent; a file of that name from another folder (a
    corrected export) replaces it too, and the summary says so. Two files of one name in one
    command are kept apart, each named by its folder. Resolution and metrics of OUT are
    dropped, with stability.parquet and keyplayers.csv (run `linkgraph resolve` again); the
    analysts' decisions and the pseudonym key are kept. The next resolve moves a decision
    to its record's new row, and sets aside (and names) one whose record is gone. A victim's
    pseudonym follows her record, wherever its row; those of her phones, accounts, ...
    follow their values. A file read before, unchanged (same SHA-256) and read the same
    way (preset or mapping, agency, region, timezone, --strict), is not read again: the
    case, its resolution included, is kept as it is.

    A corrected export under another file name is not recognised by its name: give
    --replaces SOURCE (a source of OUT) to read it in that source's place. Without it, a
    file that repeats most records (80 % or more of the smaller file's) of a source of
    OUT of about its size (within a factor of 2) is added beside it, with a warning
    naming --replaces. `linkgraph remove-source
    OUT SOURCE` removes a source from the case.

    \b
    Examples:
        linkgraph ingest arrests.csv --mapping mappings/arrests.yaml -o case/
        linkgraph ingest calls_*.csv --preset cdr --agency Telecom --region UA \\
            -o case/
        linkgraph ingest calls_tr.csv --preset cdr --region TR \\
            --timezone Europe/Istanbul -o case/
        linkgraph ingest calls.csv cells.csv --preset cdr -o case/
        linkgraph ingest phase1.csv --preset matrix -o caviar/
        linkgraph ingest partner_chart.anx -o case/
        linkgraph ingest seized_phone_contacts.vcf --region RO -o case/
        linkgraph ingest "WhatsApp Chat with Olena.txt" --region UA -o case/
        linkgraph ingest statement.camt053.xml statement.sta -o case/
        linkgraph ingest police.csv contacts.vcf statement.xml --preset people \\
            -o case/
        linkgraph ingest arrests_corrected.csv --preset people \\
            --replaces arrests.csv -o case/
    """
    from linkgraph._arrow_pool import keep_freed_pages

    keep_freed_pages()  # this process only, before pyarrow is imported (see there)
    from linkgraph.errors import IngestWarning
    from linkgraph.ingest import IngestConfig, Source, ingest_summary, ingest_to, load_mapping
    from linkgraph.ingest._sources import unchanged_in_case

    if preset is not None and mapping_path is not None:
        raise click.UsageError("give one of --preset NAME or --mapping MAP.yaml, not both")
    if timezone is not None:
        from linkgraph.ingest._zones import zone_problem

        if (problem := zone_problem(timezone)) is not None:
            raise click.BadParameter(problem, param_hint="--timezone")
    given = (
        None
        if preset is None and mapping_path is None
        else load_mapping(
            preset if preset is not None else mapping_path  # type: ignore[arg-type]
        )
    )
    readings = _readings(files, given)
    if replaces is not None and len(files) != 1:
        raise click.UsageError("--replaces SOURCE takes one FILE: the one that replaces it")
    sources = [
        Source(f, mapping=m, agency=agency, region=region, timezone=timezone, replaces=replaces)
        for f, m in zip(files, readings, strict=True)
    ]
    if unchanged := unchanged_in_case(sources, out, strict):
        same = ", ".join(unchanged)
        click.echo(
            f"{same} {'is' if len(unchanged) == 1 else 'are'} unchanged (same SHA-256, read the"
            f" same way): nothing to do; {out}/ is kept as it was"
        )
        return
    # Streams chunk by chunk into OUT (memory bounded by one chunk, not by the file size).
    with cli_progress(quiet) as progress, warnings.catch_warnings():
        warnings.simplefilter("ignore", IngestWarning)  # the summary below prints them
        ingest_to(sources, out, IngestConfig(strict=strict), progress=progress)
    # Files read otherwise than --preset/--mapping says: the summary names each reading.
    mixed = len({id(m) for m in readings}) > 1 or all(m is not given for m in readings)
    click.echo(ingest_summary(out, latest=True, readings=mixed))
    click.echo(f"wrote {out}/ (mentions, links, rejects, manifest.json)")


COMMANDS.append(ingest)


@click.command("remove-source")
@click.argument("case_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("source")
def remove_source(case_dir: Path, source: str) -> None:
    """Remove SOURCE (a file ingested into CASE_DIR, by its name in the case) from the case:
    its mentions, links, rejects and manifest entry.

    As after an ingest, the resolution and metrics of CASE_DIR are dropped (run `linkgraph
    resolve` again); the analysts' decisions and the pseudonym key are kept (a decision
    about a record of SOURCE is set aside, and named, by the next resolve). `linkgraph
    ingest FILE --replaces SOURCE` puts a corrected export in its place instead.

    \b
    Example:
        linkgraph remove-source case/ arrests.csv
    """
    from linkgraph.ingest._sources import remove_source as remove

    removed = remove(case_dir, source)
    click.echo(
        f"removed {source} from {case_dir}/: {removed.get('mentions', 0):,} mentions,"
        f" {removed.get('links', 0):,} links and its rejects (run `linkgraph resolve"
        f" {case_dir}` again)"
    )


COMMANDS.append(remove_source)


def _readings(files: tuple[Path, ...], given: Any) -> list[Any]:
    """The mapping that reads each file: a file whose kind names its own reading (a graph
    file, a bank statement, a chat export, a vCard list) through its own preset unless
    ``given`` (--preset's or --mapping's) is one for its kind; every other file (a
    table) through ``given``, which it then needs."""
    from linkgraph.ingest import load_mapping, reads_kind
    from linkgraph.ingest.readers import guess_format, own_preset

    own = {f: own_preset(f) for f in files}
    tables = [f.name for f in files if own[f] is None]
    if tables and given is None:
        for f in files:
            if own[f] is None:
                guess_format(f)  # a file of no format read says so, not "give a preset"
        raise click.UsageError(
            f"{', '.join(tables)}: give --preset NAME or --mapping MAP.yaml to read"
            f" {'this table' if len(tables) == 1 else 'these tables'} with"
            f" (`linkgraph mapping suggest {tables[0]}` drafts a mapping)"
        )
    presets = {name: load_mapping(name) for name in dict.fromkeys(own.values()) if name}
    return [
        given if own[f] is None or (given is not None and reads_kind(given, f)) else presets[own[f]]
        for f in files
    ]


@click.group()
def mapping() -> None:
    """Work with ingest mappings (docs/mapping.md): draft one from a file, check it, and
    preview what it makes of the first rows, before `linkgraph ingest --mapping`.

    \b
    Example:
        linkgraph mapping suggest hotline.xlsx -o hotline.yaml
        linkgraph mapping check hotline.xlsx --mapping hotline.yaml
        linkgraph mapping preview hotline.xlsx --mapping hotline.yaml --rows 5
    """


@mapping.command("suggest")
# exists=False: linkgraph says what is wrong with the path (a loop of links, a named pipe)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the YAML here instead of printing it.",
)
@click.option(
    "--sheet",
    help="Workbook sheet to read (default: the visible one with the most data).",
)
@click.option(
    "--region",
    help="Country of the file's national phone numbers, ISO alpha-2 (e.g. MD): the columns"
    " are read with it and the draft records it as `region:`, also a chat export's, FtM's,"
    " goAML's or a graph file's (default: the country whose numbering plan reads the"
    " numbers, when the file tells one).",
)
def suggest(file: Path, out: Path | None, sheet: str | None, region: str | None) -> None:
    """Propose a mapping YAML for FILE from its headers and sample values.

    The proposal is a starting point: check the slots, fields and links, then use it
    with `linkgraph ingest FILE --mapping MAP.yaml -o CASE`. A workbook's visible sheet
    with the most data is read unless --sheet names another (hidden sheets, as a rule a
    dropdown's lookup list, are skipped), with every other visible sheet of the same
    columns (`sheet: ['2023', '2024']`, a sheet a year); a sheet named for victims, suspects or
    witnesses ("Victims", "Opfer", "Потерпілі") gives its persons that role, and so does
    the name of a file of one table ("victims.csv", "opfer_2024.csv"). A network file, an
    adjacency matrix or an edge list (source/target headers, or none), is recognised first
    and drafted as one (docs/mapping.md, "Network files"); a graph file (GraphML, GEXF,
    GML, Pajek, UCINET DL, i2, Maltego) needs none: the draft says so and only names the
    preset that reads it. National phone numbers ("069123456") that several countries'
    numbering plans read alike are read, and recorded as the draft's `region:`, with the
    country --region gives; without it, the draft says which countries they could be.

    \b
    Example:
        linkgraph mapping suggest hotline.xlsx -o mappings/hotline.yaml
        linkgraph mapping suggest case.xlsx --sheet Suspects \\
            -o mappings/suspects.yaml
        linkgraph mapping suggest calls.csv --region MD -o mappings/calls.yaml
    """
    import os

    from linkgraph._io import check_not_source
    from linkgraph.ingest.suggest import graph_file_draft, suggest_mapping

    if out is not None:  # the draft never replaces the file it is drafted from
        check_not_source(
            out, sources=frozenset({Path(os.path.realpath(file))}), role="the file read"
        )
    preset = _graph_file_preset(file)
    if preset is not None:
        # A graph file (GraphML, GEXF, Pajek, UCINET DL, i2, Maltego...) says what each
        # node and edge is: nothing to map. The draft only names the preset that reads it,
        # so that `ingest --mapping DRAFT` works too, and the region given.
        text = graph_file_draft(file, preset, region)
    else:
        text = suggest_mapping(file, sheet=sheet, region=region)
    if out is None:
        click.echo(text, nl=False)
    else:
        from linkgraph._io import write_text

        write_text(out, text)
        click.echo(f"wrote {out}")


COMMANDS.append(mapping)


def _graph_file_preset(file: Path) -> str | None:
    """The preset of a graph file (GraphML, GEXF, GML, DOT, Pajek, UCINET DL, i2, Maltego),
    which needs no mapping; None for any other file (a table, an archive, FtM, goAML, ...,
    which `mapping suggest` drafts)."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.readers import GRAPH_FORMATS, guess_format, own_preset

    try:
        if guess_format(file) not in GRAPH_FORMATS:
            return None
        return own_preset(file)
    except InputError:  # an archive, a file of no format read: suggest says what it is
        return None


_MAPPING_SUFFIXES = (".yaml", ".yml")


def _mapping_and_file(paths: tuple[Path, ...], option: Path | None) -> tuple[Path, Path]:
    """(mapping, data file) from a command's arguments, in either form: ``FILE --mapping
    MAPPING``, or ``MAPPING FILE`` (``FILE MAPPING`` too when only one is a .yaml/.yml)."""
    from linkgraph.ingest._input_path import check_input_file

    # Each path is checked as ingest checks its files (a loop of links, a folder, a named
    # pipe, an unreadable file: said so, not "does not exist").
    for path in (*paths, *([option] if option is not None else [])):
        check_input_file(path)
    if option is not None and len(paths) == 1:
        return option, paths[0]
    if option is None and len(paths) == 2:
        first, second = paths
        yaml_first = first.suffix.lower() in _MAPPING_SUFFIXES
        yaml_second = second.suffix.lower() in _MAPPING_SUFFIXES
        return (second, first) if yaml_second and not yaml_first else (first, second)
    raise click.UsageError(
        "give the data file and its mapping: FILE --mapping MAPPING (or MAPPING FILE)"
    )


_mapping_paths = click.argument(
    "paths",
    nargs=-1,
    metavar="[MAPPING] FILE",
    type=click.Path(path_type=Path),
)
_mapping_option = click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Mapping YAML (see docs/mapping.md); or give it before FILE.",
)


@mapping.command("check")
@_mapping_paths
@_mapping_option
def check(paths: tuple[Path, ...], mapping_path: Path | None) -> None:
    """Check a mapping against FILE before ingesting it: `check FILE --mapping MAPPING`
    or `check MAPPING FILE`.

    Errors (exit 1): an unknown key, field, entity type or link kind (with the nearest
    correct spelling), a slot that can make no mention, a column or preamble fact missing
    from FILE. Reported from FILE's first 200 rows: slots that make nothing, links never
    made, rejects, warnings (such as nobody marked as a victim, or a role not understood).

    \b
    Example:
        linkgraph mapping check hotline.xlsx --mapping mappings/hotline.yaml
        linkgraph mapping check mappings/hotline.yaml hotline.xlsx
    """
    from linkgraph.ingest.preview import check as check_mapping

    mapping_file, file = _mapping_and_file(paths, mapping_path)

    problems = check_mapping(mapping_file, file)
    for line in problems:
        click.echo(line)
    errors = [p for p in problems if p.startswith(("slot ", "link "))]
    if errors:
        raise click.ClickException(
            f"{mapping_file.name}: {len(errors)} problem(s) with {file.name} (listed above)"
        )
    click.echo(f"{mapping_file.name}: OK for {file.name}" + (" (see above)" if problems else ""))


@mapping.command("preview")
@_mapping_paths
@_mapping_option
@click.option("--rows", default=10, show_default=True, help="How many rows of FILE to read.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print {mentions, links, rejects} as JSON records."
)
@click.option(
    "--show-victims",
    is_flag=True,
    help="Show victims' names, dates of birth, identifiers and rows instead of pseudonyms"
    " (Victim-xxxxxx).",
)
def preview(
    paths: tuple[Path, ...], mapping_path: Path | None, rows: int, as_json: bool, show_victims: bool
) -> None:
    """Show what --mapping makes of the first rows of FILE: mentions, links, rejects
    (`preview FILE --mapping MAPPING`, or `preview MAPPING FILE`).

    Nothing is written. A mention the mapping marks as a victim is shown by a pseudonym
    (this session's: it changes on the next run), without her name, date of birth or
    row, and so is every phone, e-mail, account... she holds or uses ("Victim-xxxxxx
    (phone)", as in every other table), unless --show-victims; every mention, link and
    reject of her rows (the case her row opens too) is listed after the others, without
    its row, and the values rejected on her rows are withheld.

    \b
    Example:
        linkgraph mapping preview hotline.xlsx --mapping mappings/hotline.yaml \\
            --rows 5
    """
    import pandas as pd

    from linkgraph.ingest.preview import preview as run_preview

    mapping_path, file = _mapping_and_file(paths, mapping_path)
    result = run_preview(file, mapping_path, rows=rows)
    if not show_victims:
        result = _victims_hidden(result)
    if as_json:
        import json

        tables = {
            "mentions": result.mentions,
            "links": result.links,
            "rejects": result.rejects,
        }
        out = {
            name: json.loads(t.to_json(orient="records", date_format="iso")) if len(t) else []
            for name, t in tables.items()
        }
        out["warnings"] = result.warnings
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    from linkgraph._terminal import brief, fitted_table, terminal_columns

    # On a terminal each table fits its width (cells cut, then columns left out, said);
    # in a pipe or a file, whole.
    width = terminal_columns()

    def show(table: pd.DataFrame) -> None:
        if not len(table):
            click.echo("  none")
            return
        text, left_out = fitted_table(table, columns=width)
        click.echo(text)
        if left_out:
            click.echo(f"(left out to fit {width} columns: {', '.join(left_out)}; --json "
                       "prints every column)")  # fmt: skip

    for source, layout in result.layout.items():
        found = ", ".join(f"{k} {v!r}" for k, v in layout.items())
        click.echo(f"{source}: {found}")
    m = result.mentions
    cols = [c for c in ("row", "slot", "type", "label", "role", "country", "flags") if c in m]
    click.echo(f"\nmentions ({len(m)}):")
    show(m[cols])
    lk = result.links
    cols = [c for c in ("row", "kind", "src_label", "dst_label", "time", "amount") if c in lk]
    click.echo(f"\nlinks ({len(lk)}):")
    show(lk[cols])
    rj = result.rejects
    cols = [c for c in ("row", "column", "reason", "value") if c in rj]
    click.echo(f"\nrejects ({len(rj)}):")
    show(rj[cols])
    for w in result.warnings:
        click.echo(f"warning: {brief(w)}")


def _victims_hidden(result: Any) -> Any:
    """The preview as every other terminal table shows it (:mod:`linkgraph.privacy`): the
    mentions of victims, and of the phones, accounts, ... victims hold or use (the value
    names the entity, as in a case), by pseudonym (``Victim-xxxxxx``, ``Victim-xxxxxx
    (phone)``), without their name, date of birth, value, attributes, row or mention id
    (a hash of the row); the raw rows and rejected values of their rows withheld."""
    from dataclasses import replace

    import pandas as pd

    from linkgraph.privacy import protected_entities, protected_labels, session_key

    m = result.mentions
    if not len(m) or "role" not in m:
        return result
    nodes, node_of = _preview_nodes(m)
    hidden_node = protected_entities(nodes, _preview_edges(result.links, node_of))
    if not hidden_node.any():
        return result
    key = session_key()
    hidden = hidden_node.reindex(node_of.to_numpy()).to_numpy(dtype=bool)
    labels = protected_labels(nodes, hidden_node, key).reindex(node_of.to_numpy())
    m = m.copy()
    m.loc[hidden, "label"] = labels.to_numpy()[hidden]
    for col in [*_PREVIEW_WITHHELD, *_value_columns(m)]:
        if col in m:
            m.loc[hidden, col] = pd.NA
    rows = set(m.loc[hidden, "row"].dropna().astype(int)) if "row" in m else set()
    # and the rows of her messages: a chat's sender is a mention of her first row only
    rows |= _rows_of_links_to(result.links, set(result.mentions.loc[hidden, "mention_id"]))
    # Every mention of a victim's row (the case her row opens, a place in it) is of her
    # row: its number, and its id (a hash of source, row and slot), would say which row
    # is hers. They are withheld, and the mentions listed after the others.
    her_row = hidden | (m["row"].isin(rows).to_numpy(dtype=bool) if "row" in m else hidden)
    if "raw" in m and rows:  # every mention of a victim's row carries the whole row
        m.loc[her_row, "raw"] = pd.NA
    if "row" in m:
        m["row"] = m["row"].astype("Int64")
        m.loc[her_row, "row"] = pd.NA
    ids = _keyed_mention_ids(m["mention_id"].astype(str), her_row, key)
    m["mention_id"] = ids.to_numpy()
    lk = _preview_links_hidden(
        result.links, m, dict(zip(node_of.index, ids, strict=True)), key, rows
    )
    rj = result.rejects
    if len(rj) and "row" in rj and rows:
        rj = rj.copy()
        at = rj["row"].isin(rows).to_numpy(dtype=bool)
        rj.loc[at, "value"] = "(withheld: a victim's row)"
        rj["row"] = rj["row"].astype("Int64")
        rj.loc[at, "row"] = pd.NA
        rj = _last(rj, at)
    return replace(result, mentions=_last(m, her_row), links=lk, rejects=rj)


def _rows_of_links_to(links: Any, mentions: set[str]) -> set[int]:
    """The rows of the ``links`` to or from one of ``mentions`` (mention ids)."""
    if not len(links) or not mentions or "row" not in links:
        return set()
    ends = links["src"].astype(str).isin(mentions) | links["dst"].astype(str).isin(mentions)
    return set(links.loc[ends.to_numpy(dtype=bool), "row"].dropna().astype(int))


def _last(frame: Any, rows: Any) -> Any:
    """``frame`` with its ``rows`` (a boolean array) after the others, each part in its
    order: where a withheld row's items stand would tell which row they are of."""
    import numpy as np

    order = np.argsort(np.asarray(rows, dtype=bool), kind="stable")
    return frame.iloc[order].reset_index(drop=True)


#: The columns of a protected mention the preview withholds (besides its value columns)
_PREVIEW_WITHHELD = (
    "name", "given_name", "family_name", "name_latin", "dob", "raw", "attrs", "identifier",
)  # fmt: skip


def _value_columns(m: Any) -> list[str]:
    """The columns of ``m`` named after an identifier type (``phone``, ``account``...):
    each holds the value of its mentions."""
    from linkgraph.privacy import IDENTIFYING_TYPES

    return [c for c in m.columns if c in IDENTIFYING_TYPES]


def _preview_nodes(m: Any) -> tuple[Any, Any]:
    """The preview's mentions as the entities of a case would be: (nodes indexed by node
    id with ``type``, ``role`` and ``label``; each mention's node id, indexed by mention
    id). Mentions of one identifier (a victim's phone that is also the caller's) are one
    node, keyed on type and value; every other mention is its own."""
    import pandas as pd

    types = m["type"].astype(str).reset_index(drop=True)
    node_of = m["mention_id"].astype(str).reset_index(drop=True)
    if "identifier" in m:
        value = m["identifier"].astype("string").reset_index(drop=True)
        keyed = value.notna().to_numpy(dtype=bool)
        node_of = node_of.where(~keyed, "id:" + types + ":" + value.fillna(""))
    frame = pd.DataFrame({
        "node": node_of, "type": types,
        "role": m["role"].astype("string").to_numpy(),
        "label": m["label"].astype("string").to_numpy(),
    })  # fmt: skip
    nodes = frame.groupby("node", sort=False).agg(
        type=("type", "first"),
        role=("role", lambda r: ";".join(sorted(set(r.dropna()))) or None),
        label=("label", "first"),
    )
    return nodes, pd.Series(node_of.to_numpy(), index=m["mention_id"].astype(str).to_numpy())


def _preview_edges(links: Any, node_of: Any) -> Any:
    """The preview's links between its nodes (:func:`_preview_nodes`): ``src``, ``dst``
    and ``kind``."""
    import pandas as pd

    if not len(links):
        return pd.DataFrame({"src": [], "dst": [], "kind": []})
    return pd.DataFrame({
        "src": links["src"].astype(str).map(node_of),
        "dst": links["dst"].astype(str).map(node_of),
        "kind": links["kind"].astype(str),
    }).dropna(subset=["src", "dst"])  # fmt: skip


def _keyed_mention_ids(ids: Any, hidden: Any, key: bytes, prefix: str = "m:") -> Any:
    """``ids`` with each ``hidden`` one replaced by ``prefix`` and a keyed hash of it: a
    mention or link id is a hash of source, row and slot, so it would tell her row."""
    import hashlib
    import hmac

    keyed = ids.copy()
    keyed[hidden] = [
        prefix + hmac.new(key, i.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
        for i in ids[hidden]
    ]
    return keyed


def _preview_links_hidden(
    links: Any, m: Any, ids: dict[str, str], key: bytes, rows: set[int] | None = None
) -> Any:
    """``links`` with the ends' ids and labels as ``m`` shows them, and of each link to or
    from a hidden mention, or of a victim's row (``rows``), its row and attributes
    withheld, its id keyed, and the link listed after the others."""
    import pandas as pd

    if not len(links):
        return links
    shown = dict(zip(m["mention_id"], m["label"], strict=True))
    src = links["src"].astype(str).map(ids).fillna(links["src"])
    dst = links["dst"].astype(str).map(ids).fillna(links["dst"])
    lk = links.assign(src=src, dst=dst, src_label=src.map(shown), dst_label=dst.map(shown))
    touched = (src.ne(links["src"]) | dst.ne(links["dst"])).to_numpy(dtype=bool)
    if rows and "row" in lk:
        touched = touched | lk["row"].isin(rows).to_numpy(dtype=bool)
    if "link_id" in lk:
        lk["link_id"] = _keyed_mention_ids(lk["link_id"].astype(str), touched, key, "l:")
    for col in ("row", "attrs"):
        if col in lk and touched.any():
            lk[col] = lk[col].astype("Int64" if col == "row" else object)
            lk.loc[touched, col] = pd.NA
    return _last(lk, touched)
