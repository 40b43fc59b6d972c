"""CLI commands: share, link, disclose, reveal (linking across agencies without names)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    echo_table,
    guard_case_sources,
    quiet_option,
    read_case,
    step,
)
from linkgraph.named_outputs import record_named_output

secret_option = click.option(
    "--secret",
    "secret_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File holding the secret agreed with the partner out of band (never sent).",
)


def _format_option(func):  # type: ignore[no-untyped-def]
    func = click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")(func)
    return click.option(
        "--csv",
        "as_csv",
        is_flag=True,
        help="Print the table as CSV (cells cannot trigger spreadsheet formulas).",
    )(func)


def _print(table, as_csv: bool, as_json: bool) -> bool:  # type: ignore[no-untyped-def]
    if as_json:
        click.echo(table.to_json(orient="records", indent=2, date_format="iso"))
        return True
    if as_csv:
        from linkgraph._io import safe_csv_frame

        click.echo(safe_csv_frame(table).to_csv(index=False), nl=False)
        return True
    return False


def _write_new_secret(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    """``--new-secret FILE``: write a fresh random secret and stop."""
    if value is None or ctx.resilient_parsing:
        return
    from linkgraph.share.secret import new_secret

    if value.exists():
        raise click.UsageError(f"{value} exists; a new secret is never written over a file")
    value.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(value, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(new_secret() + "\n")
    click.echo(
        f"Wrote a new random secret to {value}: give it to the partner out of band "
        "(never with a bundle), and keep it as safe as the data it protects."
    )
    ctx.exit(0)


@click.command()
@click.option(
    "--new-secret",
    type=click.Path(dir_okay=False, path_type=Path),
    is_eager=True,
    expose_value=False,
    callback=_write_new_secret,
    help="Write a fresh random secret (256 bits) to this file and stop.",
)
@case_argument
@secret_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Bundle folder to write.",
)
@click.option(
    "--include-partners",
    is_flag=True,
    help="Put what `link` added from partners' bundles in the bundle too (left out by "
    "default; the manifest records which partners were included).",
)
@click.option(
    "--include-victims",
    is_flag=True,
    help="Put victims, the persons who may be them and their phones, accounts, ... in the "
    "bundle too (left out or withheld by default).",
)
@click.option("--agency", help="Agency name written in the manifest (default: the case's).")
@click.option(
    "--hardening",
    type=click.Choice(["default", "none"]),
    default="default",
    show_default=True,
    help="Encoding hardening; `none` is the textbook encoding the attacks break.",
)
@click.option(
    "--salt",
    type=click.Choice(["dob_year"]),
    help="Salt the name filters with the year of birth (only where both sides have it).",
)
@click.option(
    "--max-reidentified",
    type=click.FloatRange(0, 1),
    default=0.01,
    show_default=True,
    help="Refuse when an attack re-identifies more than this share of persons.",
)
@click.option("--force", is_flag=True, help="Write the bundle even when the attack check fails.")
@click.option(
    "--round-times",
    type=click.Choice(["day", "week"]),
    help="Floor the links' first and last times to the day or week (harder to align two "
    "bundles, or a bundle with a partner's own records, by when calls and payments happened).",
)
@_format_option
@quiet_option
def share(
    case_dir: Path,
    secret_path: Path,
    out_dir: Path,
    include_partners: bool,
    include_victims: bool,
    agency: str | None,
    hardening: str,
    salt: str | None,
    max_reidentified: float,
    force: bool,
    round_times: str | None,
    as_csv: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Write a bundle of CASE_DIR a partner agency can link against without names.

    Identifiers (phones, accounts, documents, e-mails, ...) become keyed HMAC-SHA-256
    tokens; persons become hardened Bloom-filter encodings of their transliterated names,
    date of birth, sex and address; the links between them are kept over pseudonymous
    ids. Before writing, built-in attacks try to re-identify the persons; the command
    refuses when one succeeds for more than --max-reidentified of them. Victims, possible
    victims and the persons named on a victim's phone or account are left out unless
    --include-victims; a phone, account, ... a victim holds or uses keeps its links from
    others under a random id, with no value, time or amount. See docs/share.md for what a
    partner can learn.

    \b
    Example:
        linkgraph share case/ --secret secret.txt -o bundle/
    """
    from linkgraph._io import check_folder_output
    from linkgraph.graph_cache import warn_if_unresolved
    from linkgraph.share import encoding_settings, read_secret, share_case, write_bundle

    secret = read_secret(secret_path)
    check_folder_output(out_dir, replaces=True)  # before the work (a source or the case in it)
    case = read_case(case_dir)
    warn_if_unresolved(case)  # each mention its own entity: the partner gets them so
    with cli_progress(quiet) as progress, step(progress, "share"):
        bundle, report = share_case(
            case,
            secret,
            encoding_settings(hardening, salt),
            include_victims=include_victims,
            agency=agency,
            max_reidentified=max_reidentified,
            force=force,
            round_times=round_times,
            include_partners=include_partners,
        )
        write_bundle(bundle, secret, out_dir)
    if include_victims:
        record_named_output(case_dir, "share --include-victims", out_dir)
    if _print(report, as_csv, as_json):
        return
    counts = bundle.manifest["counts"]
    click.echo(
        f"Wrote {out_dir}: {counts['persons']:,} persons ({counts['person_encodings']:,} "
        f"encodings), {counts['nodes'] - counts['persons']:,} identifier tokens, "
        f"{counts['links']:,} links; {counts['victims_left_out']:,} victims and "
        f"{counts['protected_persons_left_out'] - counts['victims_left_out']:,} persons who "
        f"may be them left out, {counts['identifiers_withheld']:,} of their identifiers "
        "withheld."
    )
    click.echo("Attack check (share of persons re-identified):")
    echo_table(report)


@click.command()
@click.argument(
    "case_dir",
    metavar="CASE_DIR",
    type=click.Path(file_okay=False, path_type=Path),
    callback=guard_case_sources,
)
@click.option(
    "--partner",
    "partners",
    multiple=True,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A partner's bundle folder (repeat for several).",
)
@secret_option
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Least match probability of a person match.",
)
@click.option(
    "--one-to-one/--many",
    "one_to_one",
    default=False,
    show_default=True,
    help="Let each partner person match at most one local entity and the other way round "
    "(default: a pair above the threshold that is the best match of either of its persons, "
    "or that is certain; a person each agency split in two can then match both halves).",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the joined case here instead of back into CASE_DIR (needed when "
    "CASE_DIR does not exist and two bundles are linked).",
)
@_format_option
@quiet_option
def link(
    case_dir: Path,
    partners: tuple[Path, ...],
    secret_path: Path,
    threshold: float,
    one_to_one: bool,
    out_dir: Path | None,
    as_csv: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Link partners' bundles with CASE_DIR and add their networks to it.

    The local persons are encoded as the partner encoded theirs; person pairs are scored
    with weights learnt by EM (as `resolve` does); matched partner persons join the
    local entities, partner identifiers join the local ones with the same token, and the
    partner's links are added as a source `partner:<agency>`. `analyze`, `path`,
    `render` and `report` then run on the joined network. Partner entities show by token.
    With a CASE_DIR that does not exist, the first bundle is the base and -o is needed.

    \b
    Examples:
        linkgraph link case/ --partner bundle/ --secret secret.txt
        linkgraph link joined/ --partner a/ --partner b/ --secret secret.txt \\
            -o joined/
    """
    import pandas as pd

    from linkgraph.model import Case
    from linkgraph.share import LinkConfig, link_partners, read_bundle, read_secret
    from linkgraph.share.secret import ShareError

    secret = read_secret(secret_path)
    bundles = [read_bundle(p, secret) for p in partners]
    case: Case | None
    if (case_dir / "manifest.json").is_file():
        case = read_case(case_dir)
    elif len(bundles) >= 2 and out_dir is not None:
        case = None
    else:
        raise ShareError(
            f"{case_dir} is not a case folder",
            hint="give a case made by `linkgraph ingest`, or two bundles and -o OUT",
        )
    config = LinkConfig(threshold=threshold, one_to_one=one_to_one)
    target = out_dir or case_dir
    with cli_progress(quiet) as progress, step(progress, "link"):
        joined, results = link_partners(case, bundles, secret, config)
        joined.write(target)
    ent = joined.entity_of()
    # Only the columns the table needs: filtering every column of the joined mentions
    # took seconds on 100,000 persons.
    columns = ["mention_id", "label", "role"]
    partner_rows = joined.mentions["source"].astype(str).str.startswith("partner:").to_numpy()
    local = joined.mentions.loc[~partner_rows, columns]
    if local.empty:  # two bundles linked without a case: the base bundle's labels
        local = joined.mentions[columns]
    label = pd.Series(local["label"].to_numpy(), index=ent.reindex(local["mention_id"]).to_numpy())
    label = label[~label.index.duplicated()]
    # A local victim matched by a partner is printed by pseudonym, as in every table.
    from linkgraph.privacy import is_victim, pseudonym

    marked = local["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    victims = set(ent.reindex(local.loc[marked, "mention_id"]).dropna().astype(str))
    hidden = label.index.astype(str).isin(list(victims))
    label[hidden] = [pseudonym(e, joined.pseudonym_key) for e in label.index[hidden]]
    tables = []
    for result, bundle in zip(results, bundles[len(bundles) - len(results) :], strict=True):
        m = result.matches
        agree = {
            c: (m[f"{c}_weight"].to_numpy() > 0).tolist()
            for c in result.model.comparisons
            if f"{c}_weight" in m
        }
        fields = [", ".join(c for c, yes in agree.items() if yes[i]) for i in range(len(m))]
        tables.append(
            pd.DataFrame(
                {
                    "partner": bundle.agency,
                    "partner_token": m["partner"].to_numpy(dtype=object),
                    "local_entity": m["local"].to_numpy(dtype=object),
                    "local_label": label.reindex(m["local"]).to_numpy(dtype=object),
                    "match_probability": m["match_probability"].to_numpy(),
                    "agreeing": fields,
                }
            )
        )
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    for result, bundle in zip(results, bundles[len(bundles) - len(results) :], strict=True):
        for problem in result.info.get("warnings", []):  # on stderr, whatever the format
            click.echo(f"warning: {bundle.agency}: {problem}", err=True)
    if _print(table, as_csv, as_json):
        return
    for result, bundle in zip(results, bundles[len(bundles) - len(results) :], strict=True):
        info = result.info
        click.echo(
            f"{bundle.agency}: {info['matches']:,} person matches from "
            f"{info['candidate_pairs']:,} candidate pairs ({info['candidates']}; "
            f"{info.get('compared_pairs', info['candidate_pairs']):,} compared, "
            f"{info['comparisons_per_second']:,} comparisons/s)"
        )
        pairing = info.get("two_lists") or {}
        if pairing.get("applied"):
            share_a, share_b = pairing["coverage"]
            left_a, left_b = pairing["left_over"]
            click.echo(
                f"  two lists of the same people ({share_a:.1%} and {share_b:.1%} matched): "
                f"{pairing['joined']:,} pairs joined among the {left_a:,} and {left_b:,} "
                "persons left unmatched"
            )
    click.echo(f"Joined case written to {target}")
    echo_table(table)


@click.command()
@case_argument
@click.option(
    "--matches",
    "wanted",
    default="all",
    show_default=True,
    help="Comma-separated partner tokens or local entity ids, or `all` person matches.",
)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("request.csv"),
    show_default=True,
    help="Request CSV to write.",
)
@click.option(
    "--include-victims",
    is_flag=True,
    help="With `all`, ask about matches of victims (and of identifiers they hold) too; "
    "left out by default. Tokens named in --matches are always asked about.",
)
@click.option(
    "--show-victims",
    is_flag=True,
    help="Write victims' (and their identifiers') real labels in local_label instead of "
    "their pseudonyms.",
)
def disclose(
    case_dir: Path, wanted: str, out: Path, include_victims: bool, show_victims: bool
) -> None:
    """Write the partner tokens the analyst wants revealed, as a request CSV.

    The partner answers through their own legal channel with `linkgraph reveal`. The
    request holds tokens and, for the analyst's file, the local entity and evidence.
    Victims and the identifiers they hold appear by pseudonym (unless --show-victims),
    and `--matches all` leaves their matches out (unless --include-victims).

    \b
    Example:
        linkgraph disclose case/ --matches all -o request.csv
    """
    from linkgraph._io import write_csv
    from linkgraph.share import disclosure_request
    from linkgraph.share.disclosure import no_match_reason, victim_matches_left_out

    chosen = (
        None if wanted.strip() == "all" else [w.strip() for w in wanted.split(",") if w.strip()]
    )
    case = read_case(case_dir)
    table = disclosure_request(
        case, chosen, include_victims=include_victims, show_victims=show_victims
    )
    write_csv(table, out)
    if show_victims:
        record_named_output(case_dir, "disclose --show-victims", out)
    click.echo(f"{len(table):,} tokens written to {out}")
    left_out = victim_matches_left_out(case) if chosen is None and not include_victims else 0
    if left_out:
        click.echo(
            f"{left_out:,} match(es) of victims or identifiers they hold left out "
            "(--include-victims asks about them too, by pseudonym)"
        )
    reason = no_match_reason(case) if chosen is None and table.empty else ""
    if reason:
        click.echo(f"No partner person to ask about: {reason}", err=True)


@click.command()
@case_argument
@secret_option
@click.option(
    "--request",
    "request_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A request CSV made by `linkgraph disclose`.",
)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("release.csv"),
    show_default=True,
    help="CSV of plain rows to review before releasing.",
)
@click.option(
    "--include-victims",
    is_flag=True,
    help="Reveal victims and the phones, accounts, ... they hold too (withheld by default); "
    "their rows say so in the withheld column.",
)
@click.option(
    "--unmatched",
    "include_unmatched",
    is_flag=True,
    help="Reveal tokens the partner's bundle you linked does not hold too (by default only "
    "persons a partner person matched and identifiers you have in common are revealed, "
    "once you have linked their bundle).",
)
def reveal(
    case_dir: Path,
    secret_path: Path,
    request_path: Path,
    out: Path,
    include_victims: bool,
    include_unmatched: bool,
) -> None:
    """Answer a partner's disclosure request from your own CASE_DIR.

    Looks every requested token up among your persons and identifiers and writes the
    plain rows to review: delete what your legal channel does not allow, then send.
    Victims, possible victims, persons named on a victim's phone or account, and the
    identifiers a victim holds or uses are answered "not released", exactly as a token
    not in your case is, unless --include-victims.

    \b
    Example:
        linkgraph reveal case/ --secret secret.txt --request request.csv \\
            -o release.csv
    """
    from linkgraph._io import write_csv
    from linkgraph._user_csv import read_user_csv
    from linkgraph.share import read_secret
    from linkgraph.share import reveal as run_reveal

    request = read_user_csv(
        request_path,
        kind="disclosure request CSV",
        needs="a partner_token column (a partner's `linkgraph disclose` writes it)",
        example="partner_agency,partner_token,type\n  ro-police,t:3f9a...,person",
        required=[("partner_token",)],
    )
    case = read_case(case_dir)
    table = run_reveal(
        case,
        read_secret(secret_path),
        request,
        include_victims=include_victims,
        include_unmatched=include_unmatched,
    )
    write_csv(table, out)
    if include_victims:
        record_named_output(case_dir, "reveal --include-victims", out)
    released = int(table["found"].sum())
    click.echo(
        f"{released:,} of {len(table):,} tokens released, {len(table) - released:,} not "
        f"released (protected, not matched by the partner, or not in this case: the file "
        "does not say which); "
        f"written to {out}"
    )
    from linkgraph.share.disclosure import partner_matched

    if partner_matched(case) is None:
        click.echo(
            "This case has linked no partner bundle, so nothing says which tokens the partner "
            "matched (matched column empty): review every row before sending.",
            err=True,
        )
    elif not include_unmatched:
        click.echo(
            "Only tokens the linked partner bundle holds were released (--unmatched releases "
            "the others too).",
            err=True,
        )
    victims = int((table["withheld"] != "").sum() - (~table["found"]).sum())
    if victims:
        click.echo(
            f"{victims:,} released row(s) are victims' or protected as theirs (withheld "
            "column): delete them unless your legal channel allows sending them.",
            err=True,
        )


COMMANDS: list[click.Command] = [share, link, disclose, reveal]
