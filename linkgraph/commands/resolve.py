"""CLI commands: resolve, explain, review, decide, evaluate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from linkgraph._counts import counted
from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    config_option,
    echo_table,
    emit_table,
    quiet_option,
    read_case,
    say,
    show_victims_option,
    table_format,
    table_options,
)
from linkgraph.schema import ANALYST_DECISIONS

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case


@click.command()
@case_argument
@config_option("resolve")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Override resolve.threshold.")
@click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Must-link / cannot-link CSV (left, right, decision); left and right are mention "
    "ids or references as `linkgraph explain` takes them, SOURCE:ROW or SOURCE#ROW "
    "(arrests.csv:14, cdr.csv#14#caller). Kept in the case. Ids are row positions: a "
    "row whose left_label/right_label names another record than the mention holds now "
    "(a corrected file was ingested since) is set aside and warned of; rows without "
    "labels are warned of when their file was ingested again after the CSV was written.",
)
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A labelled review CSV: trains the weights and is kept as overrides. Checked "
    "as --overrides is: a row whose left_label/right_label no longer names the record "
    "at its row is set aside (run `linkgraph review` again after a corrected file).",
)
@quiet_option
def resolve(
    case_dir: Path,
    config_path: Path | None,
    threshold: float | None,
    overrides: Path | None,
    labels: Path | None,
    quiet: bool,
) -> None:
    """Merge duplicate mentions in CASE_DIR into entities.

    Writes the resolution and evidence tables back into CASE_DIR, and drops what was
    measured on the earlier entities (metrics, communities, routes, stability.parquet,
    keyplayers.csv: run `linkgraph analyze` again). Run `linkgraph explain CASE_DIR A B`
    to see why two mentions were merged, and `linkgraph review CASE_DIR -o review.csv`
    for the borderline pairs to label.

    Says how many entity ids of the previous resolution changed (a file added since, or
    a merge), naming a few: `ego`, `path`, `entities --search` and `explain` still find
    an entity by its old id.

    \b
    Example:
        linkgraph resolve case/ --threshold 0.9
        linkgraph resolve case/ --overrides decisions.csv
    """
    import pandas as pd

    from linkgraph._process_memory import reuse_freed_memory
    from linkgraph.config import load_config
    from linkgraph.entity_ids import changed_line
    from linkgraph.model import Case
    from linkgraph.resolve import read_columns
    from linkgraph.resolve import resolve as run_resolve

    config = load_config(config_path).resolve.with_overrides(
        threshold=threshold,
        overrides=None if overrides is None else str(overrides),
        labels=None if labels is None else str(labels),
    )
    reuse_freed_memory()  # this process only (see linkgraph._process_memory)
    # Only what resolution reads: the other columns and tables stay on disk as they are.
    case = Case.read(case_dir, columns=read_columns(config))
    with cli_progress(quiet) as progress:
        resolved = run_resolve(case, config, progress=progress)
    resolved.write(case_dir)
    step = resolved.manifest["steps"][-1]
    click.echo(
        f"{counted(len(resolved.resolution), 'mention')} → "
        f"{counted(step['entities'], 'entity', 'entities')} "
        f"({counted(step['candidate_pairs'], 'candidate person pair')}, "
        f"{step['seconds']['total']:.1f} s)"
    )
    changed = changed_line(step.get("entity_ids_changed") or {})
    if changed:
        click.echo(changed)
    copies = _copies_line(step)
    if copies:
        click.echo(copies)
    decisions = _decisions_line(step)
    if decisions:
        click.echo(decisions)
    pairing = step.get("two_lists") or {}
    if pairing.get("applied"):
        sources = pairing["stats"]["sources"]
        coverage = pairing["stats"]["coverage"]
        left_over = pairing["stats"]["left_over"]
        lists = " and ".join(
            f"{name} ({share:.1%} linked, {left:,} left over)"
            for name, share, left in zip(sources, coverage, left_over, strict=True)
        )
        click.echo(
            f"Two lists of the same people, {lists}: {pairing['joined']:,} pairs of left-overs "
            "joined one to one"
        )
    if not quiet:  # -q: the summary only (the blocking rules' table is in the manifest)
        echo_table(pd.DataFrame(step["blocking"]))


def _copies_line(step: dict[str, Any]) -> str:
    """How many person mentions were copies of a repeated record, resolved through it
    ("" when none): they are in no candidate pair of their own."""
    copies = int(step.get("identical_copies") or 0)
    if not copies:
        return ""
    return (
        f"{copies:,} person mentions were copies of a repeated record, resolved as that "
        "record (`linkgraph explain` names it)"
    )


def _decisions_line(step: dict[str, Any]) -> str:
    """How many analysts' decisions the resolve step honoured, followed to another row,
    and set aside ("" when the case has none)."""
    honoured, moved = step["overrides"], step.get("decisions_moved", 0)
    aside = len(step.get("decisions_set_aside") or [])
    if not (honoured or aside):
        return ""
    parts = [f"{honoured:,} analyst decisions honoured"]
    if moved:
        parts.append(f"{moved:,} followed their records to other rows of a re-ingested file")
    if aside:
        parts.append(
            f"{aside:,} set aside, not applied (their records are gone or changed: see the warning)"
        )
    return "; ".join(parts)


@click.command()
@case_argument
@click.argument("left")
@click.argument("right")
@show_victims_option
@table_options
def explain(
    case_dir: Path, left: str, right: str, show_victims: bool, as_csv: bool, as_json: bool
) -> None:
    """Explain why mentions LEFT and RIGHT were (or were not) merged.

    LEFT and RIGHT are mention ids (m:...), entity ids (e:..., for the mention the
    entity is named after; an id from before a file was added finds its entity now) or
    SOURCE:ROW references such as
    arrests.csv:14 (SOURCE:ROW:SLOT when the row holds several people, SOURCE:ROW:SLOT:N
    for the N-th of several of one slot; # works as well as :, as in an overrides CSV:
    arrests.csv#14); `linkgraph mentions CASE_DIR --search TEXT`
    lists both. Prints both mentions, the decision, each
    field's level, similarity and weight, the chain of merges (each step's match
    probability) when they share an entity through others, the conflicting pairs
    (cannot-links, different dates of birth, ...) a refused merge would have joined,
    and, for two entities never compared, the keys each blocking rule found
    different. --csv and --json print one row per field (its weight in bits, and the
    part of it for how common the value is: tf_adjustment), and for two persons a last
    row "prior", the case's learnt prior: their weights sum to the pair's log2 odds
    before any cap or floor its rule names. A victim's mention
    is shown by pseudonym, without names, date of birth or identifiers, unless
    --show-victims.

    \b
    Example:
        linkgraph explain case/ arrests.csv:14 hotline.xlsx:54:suspect
        linkgraph explain case/ m:f49198811a633075 m:3e587012975f231f
    """
    from linkgraph.commands.mentions import find_mention
    from linkgraph.entity_ids import entity_mention
    from linkgraph.resolve import explain as run_explain

    fmt = table_format(as_csv, as_json)
    case = read_case(case_dir)
    a, b = (entity_mention(case, t) or find_mention(case, t) for t in (left, right))
    text = run_explain(case, a, b, show_victims=show_victims)
    if fmt == "text":
        click.echo(text)
    else:
        emit_table(_explain_table(case, a, b), fmt)


def _explain_table(case: Case, a: str, b: str) -> pd.DataFrame:
    """The decision on mentions ``a`` and ``b``, one row per compared field."""
    import pandas as pd

    from linkgraph.resolve.evidence import read_fields
    from linkgraph.resolve.explain import decided_as, rescore_pair

    entity = case.entity_of()
    evidence = case.evidence
    assert evidence is not None  # explain() has checked that the case is resolved
    # A copy of one record as resolution decided it: by its record's mention.
    ra, rb, row = decided_as(evidence, a, b)
    base: dict[str, object] = {
        "left": a,
        "right": b,
        "left_entity": entity.get(a),
        "right_entity": entity.get(b),
        "same_entity": bool(entity.get(a) == entity.get(b)),
        "rule": None,
        "decision": "not compared",
        "match_probability": None,
    }
    fields: dict[str, object] = {}
    if row is not None:
        base |= {
            "rule": row["rule"],
            "decision": row["decision"],
            "match_probability": float(row["match_probability"]),
        }
        fields = read_fields(row["fields"])
    else:
        scored = rescore_pair(case, ra, rb)
        if scored is not None:
            base["match_probability"] = scored["match_probability"]
            fields = scored["fields"]
    rows = [
        {
            **base,
            "field": name,
            "level": f.get("level"),
            "similarity": f.get("similarity"),
            "weight": f.get("weight"),
            "tf_adjustment": f.get("tf_adjustment"),
        }
        for name, f in fields.items()
        if isinstance(f, dict)
    ]
    prior = _prior_weight(case, a, b)
    if rows and prior is not None:
        # The learnt prior the text output adds before the fields: with it, the weights
        # sum to the pair's log2 odds (before any cap or floor its rule names).
        rows.append({**base, "field": "prior", "level": "learnt prior", "weight": prior})
    return pd.DataFrame(rows or [{**base, "field": None}])


def _prior_weight(case: Case, a: str, b: str) -> float | None:
    """The case's learnt prior weight (bits) when ``a`` and ``b`` are persons, else None."""
    from linkgraph.resolve.explain import MODEL_KEY
    from linkgraph.resolve.scoring import Model

    model = case.manifest.get(MODEL_KEY)
    types = case.mentions.set_index("mention_id")["type"]
    if model is None or not (types.get(a) == types.get(b) == "person"):
        return None
    return round(float(Model.from_dict(model).prior_weight), 3)


@click.command()
@case_argument
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV to write [default: review.csv, or none with --csv/--json].",
)
@click.option(
    "-n",
    "--pairs",
    "pairs",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="How many pairs.",
)
@show_victims_option
@table_options
def review(
    case_dir: Path, out: Path | None, pairs: int, show_victims: bool, as_csv: bool, as_json: bool
) -> None:
    """Write the borderline pairs of CASE_DIR (closest to the threshold) to label.

    A short name that fits two people on one phone, e-mail or account ("Ion" on the
    line of "Ion Popescu" and "Ion Vasilescu") joins neither, nor does a record without
    a date of birth whose name alone fits several people told apart by their dates:
    their pairs come first, their `reason` saying so; the other pairs' reason is
    "closest to the threshold". A record repeated on several rows whose copies stayed
    apart is listed once (the record and its first copy).
    Fill the `label` column with match or non_match, then feed it back:
    `linkgraph resolve CASE_DIR --labels review.csv`. Labels train the weights and
    are kept as must-link / cannot-link decisions. Victims are labelled by pseudonym and
    their dates of birth withheld (the source and row say where to read them) unless
    --show-victims.

    \b
    Example:
        linkgraph review case/ -o review.csv
        linkgraph review case/ --json -n 20
    """
    from linkgraph._io import write_csv
    from linkgraph.resolve import review as run_review

    fmt = table_format(as_csv, as_json)
    table = run_review(read_case(case_dir), n=pairs, show_victims=show_victims)
    if fmt != "text":
        emit_table(table, fmt)
    if out is None and fmt == "text":
        out = Path("review.csv")
    if out is not None:
        write_csv(table, out)
        say(f"{len(table):,} pairs written to {out}", fmt)


@click.command()
@case_argument
@click.argument("left")
@click.argument("right")
@click.argument("decision", type=click.Choice([d.value for d in ANALYST_DECISIONS]))
@click.option("--note", default="", help="Why: kept with the decision.")
@click.option("--analyst", help="Who decides [default: $LINKGRAPH_ANALYST, else the login name].")
def decide(
    case_dir: Path, left: str, right: str, decision: str, note: str, analyst: str | None
) -> None:
    """Record an analyst's DECISION on mentions LEFT and RIGHT of CASE_DIR.

    DECISION is must_link (one entity) or cannot_link (never one entity). LEFT and RIGHT
    are mention ids or SOURCE:ROW references, as for `linkgraph explain` (SOURCE#ROW,
    as an overrides CSV may write them, works too), or entity ids as `linkgraph entities`
    lists them: an entity stands for the mention it is named after (an id of an earlier
    resolution is followed to the entity that holds that mention now, and said). The
    decision goes into the case's decisions table with who, when and why (a CSV of many
    goes in with `linkgraph resolve CASE_DIR --overrides FILE`, whose left and right
    columns take the same references, with : or #); on each pair the newest decision
    wins. It applies from the next `linkgraph resolve CASE_DIR`. The decision keeps what
    each side is about (source, slot, label and a fingerprint of the record): when a
    corrected file moves the record to another row, resolve moves the decision with it,
    and follows it too when only columns other than its name, date of birth, identifiers
    and record id changed (naming them in a warning); when the record is gone or changed
    in those, resolve sets the decision aside and names it in a warning.

    \b
    Example:
        linkgraph decide case/ arrests.csv:14 hotline.xlsx:3:suspect must_link \\
            --note "same tattoo"
        linkgraph resolve case/
    """
    from linkgraph.commands.mentions import find_mention
    from linkgraph.model import Case
    from linkgraph.resolve.overrides import DECIDE_COLUMNS
    from linkgraph.resolve.overrides import decide as run_decide

    case = Case.read(case_dir, columns=DECIDE_COLUMNS)
    a, b = (_entity_mention(case_dir, t) or find_mention(case, t) for t in (left, right))
    run_decide(case, a, b, decision, note=note, analyst=analyst).write(case_dir)
    click.echo(f"{decision} {a} {b} recorded; `linkgraph resolve {case_dir}` applies it")


def _entity_mention(case_dir: Path, text: str) -> str | None:
    """The mention entity id ``text`` stands for (:func:`linkgraph.entity_ids.entity_mention`),
    read from the case's ids alone; None when ``text`` is no entity id of the case."""
    from linkgraph.entity_ids import entity_mention, looks_like_entity_id
    from linkgraph.model import OPTIONAL_TABLES, Case

    if not looks_like_entity_id(text):
        return None
    columns: dict[str, tuple[str, ...]] = dict.fromkeys(OPTIONAL_TABLES, ())
    columns.update(mentions=("mention_id",), links=("link_id",),
                   resolution=("mention_id", "entity_id"))  # fmt: skip
    return entity_mention(Case.read(case_dir, columns=columns), text)


@click.command()
@case_argument
@click.argument("truth", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@table_options
def evaluate(case_dir: Path, truth: Path, as_csv: bool, as_json: bool) -> None:
    """Score the resolution of CASE_DIR against ground truth TRUTH (CSV).

    TRUTH has columns mention_id, cluster, or source, row, slot, person_id (as
    `linkgraph synth` writes in truth/mentions.csv). Prints pairwise precision,
    recall, F1 and B-cubed scores over the mentions the truth lists.

    \b
    Example:
        linkgraph evaluate demo-out/case demo-out/truth/mentions.csv
    """
    import pandas as pd

    from linkgraph._user_csv import read_user_csv
    from linkgraph.resolve import evaluate as run_evaluate
    from linkgraph.resolve.evaluate import TRUTH_COLUMN_SETS, TRUTH_EXAMPLE, TRUTH_NEEDS

    fmt = table_format(as_csv, as_json)
    truth_table = read_user_csv(
        truth,
        kind="truth CSV",
        needs=TRUTH_NEEDS,
        example=TRUTH_EXAMPLE,
        required=TRUTH_COLUMN_SETS,
    )
    scores = run_evaluate(read_case(case_dir), truth_table)
    if fmt != "text":
        emit_table(pd.DataFrame([scores]), fmt)
        return
    for key, value in scores.items():
        click.echo(
            f"{key:>20}: {value:.4f}" if isinstance(value, float) else f"{key:>20}: {value:,}"
        )


COMMANDS: list[click.Command] = [resolve, explain, review, decide, evaluate]
