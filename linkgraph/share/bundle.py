"""A share bundle: encoded persons, tokenised identifiers and the link structure, with a
manifest and an integrity tag. It holds no name or identifier in plain text."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph import __version__
from linkgraph._io import check_folder_output, output_errors
from linkgraph.model import Case, check_format_version, file_sha256, now_iso, replace_folder
from linkgraph.privacy import protected_ids
from linkgraph.share.encoding import (
    EncodingSettings,
    encode_segment,
    person_id,
    tokens,
)
from linkgraph.share.records import identifier_values, own_identifiers, person_records
from linkgraph.share.secret import KDF, Secret, ShareError

FORMAT = "linkgraph-share"
FORMAT_VERSION = 2
#: Bundles of format 1 (unstretched secret, pids recomputable from row numbers) are refused.
OLDEST_READABLE = 2
#: Mention source prefix of data a ``link`` added from a partner's bundle.
PARTNER_SOURCE = "partner:"
_FILES = ("persons", "nodes", "links")


@dataclass(frozen=True)
class Bundle:
    """What a partner receives: ``persons`` (one row per distinct encoding of a person:
    ``pid``, ``seg_<segment>`` packed filters, ``has_<segment>``), ``nodes`` (``node_id``,
    ``type``, ``mentions``), ``links`` (``src``, ``dst``, ``kind``, ``count``, ``first``,
    ``last``, ``amount``) and the ``manifest``."""

    persons: pd.DataFrame
    nodes: pd.DataFrame
    links: pd.DataFrame
    manifest: dict[str, Any]

    @property
    def settings(self) -> EncodingSettings:
        """The encoding settings the bundle was made with."""
        return EncodingSettings.from_dict(self.manifest["encoding"])

    def filters(self, segment: str) -> np.ndarray:
        """The packed filters of one segment as a records × bytes uint8 array."""
        return _unpack_column(self.persons[f"seg_{segment}"])

    @property
    def agency(self) -> str:
        """The sharing agency's name as written in the manifest."""
        return str(self.manifest.get("agency") or "partner")


def _unpack_column(column: pd.Series) -> np.ndarray:
    values = column.to_numpy(dtype=object)
    if len(values) == 0:
        return np.zeros((0, 0), dtype=np.uint8)
    return np.frombuffer(b"".join(values), dtype=np.uint8).reshape(len(values), -1)


def salts_for(records: pd.DataFrame, settings: EncodingSettings) -> np.ndarray | None:
    """Per-record salt values for ``settings.salt`` ("" where the record lacks it)."""
    if settings.salt is None:
        return None
    if settings.salt == "dob_year":
        return records["dob"].astype(str).str[:4].to_numpy(dtype=object)
    raise ShareError(f"unknown salt {settings.salt!r}")


def field_masks(records: pd.DataFrame, fields: tuple[str, ...]) -> np.ndarray:
    """Per record, a bit mask of the ``fields`` it has a value in (bit i: ``fields[i]``).

    Two records whose masks share no bit hold disjoint kinds of values in one segment (a
    sex against a date of birth, a city against a postcode): their filters say nothing
    about each other, and the comparison is null, not a disagreement.
    """
    mask = np.zeros(len(records), dtype=np.int64)
    for i, f in enumerate(fields):
        has = (records[f].astype(object).fillna("").astype(str) != "").to_numpy()
        mask |= has.astype(np.int64) << i
    return mask


def encode_records(
    records: pd.DataFrame, secret: Secret, settings: EncodingSettings
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every segment of every record: segment name → (packed filters, present flags)."""
    salts = salts_for(records, settings)
    out = {}
    for seg in settings.segments:
        values = {f: records[f].to_numpy(dtype=object) for f in seg.fields}
        out[seg.name] = encode_segment(secret, settings, seg, values, salts)
    return out


def _link_table(case: Case, node_of: pd.Series) -> pd.DataFrame:
    links = case.links
    src = node_of.reindex(links["src"].astype(str).to_numpy()).to_numpy(dtype=object)
    dst = node_of.reindex(links["dst"].astype(str).to_numpy()).to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "src": src,
            "dst": dst,
            "kind": links["kind"].astype(str).to_numpy(dtype=object),
            "time": links["time"],
            "amount": pd.to_numeric(links["amount"], errors="coerce").to_numpy(),
        }
    )
    frame = frame[pd.notna(frame["src"]) & pd.notna(frame["dst"])]
    frame = frame[(frame["src"] != "") & (frame["dst"] != "") & (frame["src"] != frame["dst"])]
    return frame


#: Prefix of a withheld identifier's node id: a fresh random id, no HMAC of its value.
WITHHELD_PREFIX = "w:"


def withheld_ids(count: int) -> np.ndarray:
    """``count`` fresh random node ids (:data:`WITHHELD_PREFIX` + 32 hex digits) for
    protected identifiers: drawn anew for every bundle, derived from nothing, so a partner
    cannot confirm or enumerate the value behind one, nor find it in another bundle."""
    return np.array([WITHHELD_PREFIX + secrets.token_hex(16) for _ in range(count)], dtype=object)


def _kept_records(records: pd.DataFrame, protected: set[str]) -> tuple[pd.DataFrame, int, int]:
    """The person records a default bundle holds: without victims and every person
    :func:`~linkgraph.privacy.protected_ids` protects (possible victims, namesakes on her
    phone or account). Also returns how many victim entities and how many protected
    entities in all were left out."""
    left_out = records["victim"].to_numpy(dtype=bool) | records["entity_id"].astype(str).isin(
        protected
    ).to_numpy(dtype=bool)
    victims = int(records.loc[records["victim"], "entity_id"].nunique())
    persons = int(records.loc[left_out, "entity_id"].nunique())
    return records[~left_out].reset_index(drop=True), victims, persons


def _withheld_tokens(idv: pd.DataFrame, id_tokens: np.ndarray, protected: set[str]) -> pd.Series:
    """Token -> its placeholder (:func:`withheld_ids`) for every identifier value a
    protected entity (a phone, account, ... a victim holds or uses) carries. Keyed by
    token, so a mention of the same value left apart from hers (an unresolved case, a
    suspect's own column) is withheld too."""
    mine = idv["entity_id"].astype(str).isin(protected).to_numpy(dtype=bool)
    hers = pd.unique(id_tokens[mine])
    return pd.Series(withheld_ids(len(hers)), index=pd.Index(hers, dtype=object))


def _id_tokens(secret: Secret, frame: pd.DataFrame) -> np.ndarray:
    """The token of each row's ``canonical`` value under the key of its ``type``."""
    out = np.empty(len(frame), dtype=object)
    for kind in frame["type"].unique():
        sel = (frame["type"] == kind).to_numpy()
        out[sel] = tokens(secret, kind, frame.loc[sel, "canonical"].to_numpy(dtype=object))
    return out


def _node_ids(id_tokens: np.ndarray, withheld: pd.Series) -> np.ndarray:
    """Each token as its node id: the token, or its placeholder when withheld."""
    out = np.asarray(id_tokens, dtype=object).copy()
    if withheld.empty:
        return out
    at = withheld.index.get_indexer(out)
    hit = at >= 0
    out[hit] = withheld.to_numpy(dtype=object)[at[hit]]
    return out


def _without_times(link_frame: pd.DataFrame, withheld: pd.Series) -> pd.DataFrame:
    """``link_frame`` with the time and amount of every link to or from a withheld
    identifier blanked: a call at a unique minute would let a partner who holds the same
    call find the number in their own records."""
    hidden = link_frame["src"].isin(withheld.to_numpy()) | link_frame["dst"].isin(
        withheld.to_numpy()
    )
    if hidden.any():
        link_frame = link_frame.copy()
        link_frame.loc[hidden, "time"] = pd.NaT
        link_frame.loc[hidden, "amount"] = np.nan
    return link_frame


#: What ``round_times`` may be: the start of the day or of the (Monday-first) week.
TIME_ROUNDINGS = ("day", "week")


def rounded_times(times: pd.Series, unit: str | None) -> pd.Series:
    """``times`` (UTC) floored to the start of their ``unit`` (:data:`TIME_ROUNDINGS`),
    or as they are when ``unit`` is None.

    Examples:
        >>> t = pd.Series(pd.to_datetime(["2024-02-03 03:33", None], utc=True))
        >>> [str(x) for x in rounded_times(t, "day")], str(rounded_times(t, "week")[0])
        (['2024-02-03 00:00:00+00:00', 'NaT'], '2024-01-29 00:00:00+00:00')
    """
    if unit is None:
        return times
    if unit not in TIME_ROUNDINGS:
        raise ShareError(f"unknown time rounding {unit!r}", hint="use day or week")
    days = times.dt.floor("D")
    if unit == "week":
        days = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days


def _keyed_order(persons: pd.DataFrame, settings: EncodingSettings) -> np.ndarray:
    """Row order of ``persons`` by pid, then by the encodings' bytes (for a pid's several
    variants): a function of the tokens alone, never of where the rows came from."""
    if persons.empty:
        return np.arange(0)
    key = persons["pid"].astype(str)
    for seg in settings.segments:
        key = key + "|" + persons[f"seg_{seg.name}"].map(lambda b: bytes(b).hex())
    return np.argsort(key.to_numpy(dtype=str), kind="stable")


def partner_agencies(case: Case) -> set[str]:
    """The agencies whose bundles an earlier ``link`` added to ``case``."""
    source = case.mentions["source"].astype(str)
    return {s[len(PARTNER_SOURCE) :] for s in source[source.str.startswith(PARTNER_SOURCE)]}


def without_partners(case: Case) -> Case:
    """``case`` without what ``link`` added from partners' bundles: their mentions, links,
    resolution rows and match evidence (a bundle re-shares only the agency's own data)."""
    source = case.mentions["source"].astype(str)
    theirs = source.str.startswith(PARTNER_SOURCE).to_numpy()
    gone = set(case.mentions.loc[theirs, "mention_id"].astype(str))
    links = case.links
    keep = ~links["source"].astype(str).str.startswith(PARTNER_SOURCE)
    keep &= ~links["src"].astype(str).isin(gone) & ~links["dst"].astype(str).isin(gone)
    resolution = case.resolution
    if resolution is not None:
        resolution = resolution[~resolution["mention_id"].astype(str).isin(gone)]
    evidence = case.evidence
    if evidence is not None:
        drop = evidence["rule"].astype(str).str.startswith(PARTNER_SOURCE)
        for col in ("left", "right"):
            if col in evidence:
                drop |= evidence[col].astype(str).isin(gone)
        evidence = evidence[~drop]
    return case.with_tables(
        mentions=case.mentions[~theirs], links=links[keep], resolution=resolution,
        evidence=evidence,
    )  # fmt: skip


def encode_case(
    case: Case,
    secret: Secret,
    settings: EncodingSettings | None = None,
    *,
    include_victims: bool = False,
    agency: str | None = None,
    round_times: str | None = None,
    include_partners: bool = False,
) -> tuple[Bundle, pd.DataFrame]:
    """Encode a case for a partner.

    Persons are grouped by entity (the case's resolution; each mention its own entity when
    unresolved) under a pseudonymous id; identifiers become keyed tokens; links are counted
    per (source node, target node, kind) with first and last time and total amount.
    Unless ``include_victims``, the entities every output protects
    (:func:`~linkgraph.privacy.protected_ids`) are protected here too: victims, possible
    victims and the persons named on her phone or account are left out with their links;
    a phone, account, ... a victim holds or uses (even when a suspect calls it) keeps its
    links from others under a fresh random id (:func:`withheld_ids`), with no time or
    amount, and its value is in no form in the bundle. ``round_times`` (``day``, ``week``)
    floors every link's first and last time to the start of its day or week. Data an
    earlier ``link`` added from partners' bundles (sources ``partner:<agency>``) is left
    out unless ``include_partners``. Every table is in the order of its tokens (persons by
    pid, nodes by id, links by source, target and kind), never in source-file order.

    Returns:
        The bundle (manifest without files and tag: :func:`write_bundle` adds them) and the
        plain person records it encodes (for the attack check; never written out).
    """
    settings = EncodingSettings() if settings is None else settings
    partners = partner_agencies(case)
    if partners and not include_partners:
        case = without_partners(case)
    protected = set() if include_victims else protected_ids(case)
    records = person_records(case)
    excluded_victims = excluded_persons = 0
    if not include_victims:
        records, excluded_victims, excluded_persons = _kept_records(records, protected)
    records["pid"] = person_id(
        secret, records["entity_id"].astype(str).to_numpy(), case.pseudonym_key
    )
    fields = [f for seg in settings.segments for f in seg.fields]
    variants = records.drop_duplicates(["pid", *dict.fromkeys(fields)]).reset_index(drop=True)
    encoded = encode_records(variants, secret, settings)
    persons = pd.DataFrame({"pid": variants["pid"].to_numpy(dtype=object)})
    for name, (packed, present) in encoded.items():
        persons[f"seg_{name}"] = [row.tobytes() for row in packed]
        persons[f"has_{name}"] = present
    for seg in settings.segments:
        if len(seg.fields) > 1:  # which of the segment's fields each encoding holds
            persons[f"fields_{seg.name}"] = field_masks(variants, seg.fields)
    keep_person = (
        np.zeros(len(persons), dtype=bool)
        if persons.empty
        else np.column_stack([persons[f"has_{s.name}"] for s in settings.segments]).any(axis=1)
    )
    persons = persons[keep_person].reset_index(drop=True)
    variants = variants[keep_person].reset_index(drop=True)
    # Rows in the order of their (random-looking) pids and encodings, not of the source
    # files: the row order must say nothing of which row of which file a person came from.
    order = _keyed_order(persons, settings)
    persons = persons.iloc[order].reset_index(drop=True)
    variants = variants.iloc[order].reset_index(drop=True)

    # Node of every mention: persons by pid, identifiers by token (a placeholder if hers).
    idv = identifier_values(case)
    idv = idv[idv["canonical"] != ""]
    id_tokens = _id_tokens(secret, idv)
    withheld = _withheld_tokens(idv, id_tokens, protected)
    id_nodes = _node_ids(id_tokens, withheld)
    node_of = pd.concat(
        [
            pd.Series(records["pid"].to_numpy(), index=records["mention_id"].to_numpy()),
            pd.Series(id_nodes, index=idv["mention_id"].to_numpy()),
        ]
    )
    node_of = node_of[~node_of.index.duplicated()]
    node_type = pd.concat(
        [
            pd.Series("person", index=records["pid"].to_numpy()),
            pd.Series(idv["type"].to_numpy(), index=id_nodes),
        ]
    )
    node_type = node_type[~node_type.index.duplicated()]
    link_frame = _link_table(case, node_of)
    own = own_identifiers(case)
    own = own[own["mention_id"].isin(records["mention_id"])]
    if len(own):
        own_tok = _id_tokens(secret, own)
        own_tok = _node_ids(own_tok, withheld)
        node_type = pd.concat([node_type, pd.Series(own["type"].to_numpy(), index=own_tok)])
        node_type = node_type[~node_type.index.duplicated()]
        own_links = pd.DataFrame(
            {
                "src": node_of.reindex(own["mention_id"].to_numpy()).to_numpy(dtype=object),
                "dst": own_tok,
                "kind": own["kind"].to_numpy(dtype=object),
                "time": pd.NaT,
                "amount": np.nan,
            }
        )
        link_frame = pd.concat([link_frame, own_links], ignore_index=True)
    link_frame = _without_times(link_frame, withheld)
    link_frame["time"] = pd.to_datetime(link_frame["time"], utc=True)
    grouped = link_frame.groupby(["src", "dst", "kind"], sort=True, dropna=False)
    links = grouped.agg(
        count=("kind", "size"), first=("time", "min"), last=("time", "max")
    ).reset_index()
    links["amount"] = grouped["amount"].sum(min_count=1).to_numpy()
    links["first"] = rounded_times(links["first"], round_times)
    links["last"] = rounded_times(links["last"], round_times)
    used = pd.Index(pd.unique(np.concatenate([links["src"], links["dst"], persons["pid"]])))
    mention_counts = node_of.value_counts()
    mentions = mention_counts.reindex(used).fillna(1).astype(np.int64)
    mentions[used.isin(withheld.to_numpy())] = 1  # how often hers was written: no signature
    nodes = pd.DataFrame(
        {
            "node_id": used.to_numpy(dtype=object),
            "type": node_type.reindex(used).fillna("").to_numpy(dtype=object),
            "mentions": mentions.to_numpy(),
        }
    ).sort_values("node_id", kind="stable", ignore_index=True)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": now_iso(),
        "linkgraph_version": __version__,
        "agency": agency or _case_agency(case),
        "encoding": settings.to_dict(),
        "victims_included": bool(include_victims),
        "times_rounded_to": round_times,
        "partners_included": sorted(partners) if include_partners else [],
        "kdf": dict(KDF),
        "counts": {
            "persons": int(persons["pid"].nunique()),
            "person_encodings": len(persons),
            "nodes": len(nodes),
            "links": len(links),
            "victims_left_out": excluded_victims,
            "protected_persons_left_out": excluded_persons,
            "identifiers_withheld": int(used.isin(withheld.to_numpy()).sum()),
            **{f"nodes_{k}": int(v) for k, v in nodes["type"].value_counts().sort_index().items()},
        },
        "key_check": secret.check_value(),
    }
    return Bundle(persons=persons, nodes=nodes, links=links, manifest=manifest), variants


def _case_agency(case: Case) -> str:
    agencies = case.mentions["agency"].dropna().astype(str).unique()
    return "; ".join(sorted(agencies)) if len(agencies) else "partner"


def _tag(secret: Secret, manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "tag"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=True, default=str).encode()
    return hmac.new(secret.key("tag"), text, hashlib.sha256).hexdigest()


def write_bundle(bundle: Bundle, secret: Secret, path: str | os.PathLike[str]) -> Path:
    """Write the bundle folder atomically: Parquet tables, ``manifest.json`` with the
    SHA-256 of every file and an HMAC tag over the manifest under the shared secret."""
    target = Path(path)
    check_folder_output(target, replaces=True)  # the bundle replaces the whole folder
    with output_errors(target):  # named after the bundle, not its temporary copy
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with output_errors(target):
            _write_bundle_files(bundle, secret, tmp)
            replace_folder(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _write_bundle_files(bundle: Bundle, secret: Secret, folder: Path) -> None:
    """The bundle's Parquet tables and its tagged ``manifest.json``, into ``folder``."""
    files = {}
    for name in _FILES:
        file = folder / f"{name}.parquet"
        getattr(bundle, name).to_parquet(file, index=False)
        files[file.name] = file_sha256(file)
    manifest = dict(bundle.manifest, files=files)
    manifest["tag"] = _tag(secret, manifest)
    (folder / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def read_bundle(path: str | os.PathLike[str], secret: Secret) -> Bundle:
    """Read and verify a bundle folder.

    Raises:
        ShareError: not a bundle, a wrong secret, or a file or the manifest changed after
            the bundle was written.
    """
    folder = Path(path)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise ShareError(
            f"{folder} is not a share bundle (no manifest.json)",
            hint="make one with `linkgraph share CASE --secret SECRET_FILE -o BUNDLE_DIR`",
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ShareError(f"{manifest_path} is corrupt: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ShareError(f"{folder} is not a linkgraph share bundle")
    version = check_format_version(manifest, manifest_path, FORMAT_VERSION, ShareError)
    if version < OLDEST_READABLE:
        raise ShareError(
            f"{folder} is a share bundle of format {version}, which this linkgraph no longer "
            "reads: its key check could be attacked by fast guessing and its person ids "
            "traced back to source rows",
            hint="ask the partner to share again with this version of linkgraph",
        )
    if manifest.get("key_check") != secret.check_value():
        raise ShareError(
            f"{folder}: the secret does not match the one the bundle was made with",
            hint="use the secret file agreed with the partner who sent this bundle",
        )
    tampered = "the bundle was changed after it was shared"
    hint = "ask the partner to send the bundle again; do not use this one"
    if not hmac.compare_digest(str(manifest.get("tag", "")), _tag(secret, manifest)):
        raise ShareError(f"{manifest_path}: integrity tag does not match: {tampered}", hint=hint)
    tables = {}
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise ShareError(f"{manifest_path}: no list of files", hint=hint)
    for name in _FILES:
        file = folder / f"{name}.parquet"
        if not file.is_file():
            raise ShareError(f"{file}: file missing from the bundle", hint=hint)
        if files.get(file.name) != file_sha256(file):
            raise ShareError(f"{file}: checksum does not match the manifest: {tampered}", hint=hint)
        try:
            tables[name] = pd.read_parquet(file)
        except Exception as exc:  # a damaged or foreign file under a valid tag
            raise ShareError(f"{file}: cannot be read as a table: {exc}", hint=hint) from exc
    bundle = Bundle(manifest=manifest, **tables)
    validate_bundle(bundle, folder)
    return bundle


def validate_bundle(bundle: Bundle, folder: Path) -> None:
    """Refuse a bundle whose tables do not have the shape a ``share`` writes (a tag proves
    only that a holder of the secret wrote it, not that linkgraph did).

    Raises:
        ShareError: a column missing or of the wrong kind, filters of unequal or wrong
            length, duplicate ids, negative counts, non-finite amounts, links to nodes
            that are not in the bundle.
    """

    def bad(what: str) -> ShareError:
        return ShareError(
            f"{folder} is malformed: {what}",
            hint="ask the partner to share again with `linkgraph share`; do not use this one",
        )

    try:
        settings = bundle.settings
    except ShareError as exc:
        raise bad(str(exc)) from exc
    persons, nodes, links = bundle.persons, bundle.nodes, bundle.links
    for table, name, columns in (
        (persons, "persons", ["pid"]),
        (nodes, "nodes", ["node_id", "type", "mentions"]),
        (links, "links", ["src", "dst", "kind", "count", "first", "last", "amount"]),
    ):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise bad(f"{name}.parquet lacks column(s) {', '.join(missing)}")
        if table.columns.duplicated().any():
            raise bad(f"{name}.parquet has duplicate column names")
    for seg in settings.segments:
        if seg.bits <= 0 or seg.hashes <= 0 or seg.bits > 1 << 20 or seg.hashes > 1000:
            raise bad(f"segment {seg.name!r} has {seg.bits} bits and {seg.hashes} hashes")
        for col in (f"seg_{seg.name}", f"has_{seg.name}"):
            if col not in persons.columns:
                raise bad(f"persons.parquet lacks column {col}")
        width = (settings.stored_bits(seg) + 7) // 8
        sizes = persons[f"seg_{seg.name}"].map(
            lambda v: len(v) if isinstance(v, bytes | bytearray) else -1
        )
        if len(sizes) and not (sizes == width).all():
            raise bad(f"filters of segment {seg.name!r} are not all {width} bytes")
        if persons[f"has_{seg.name}"].dtype != bool:
            raise bad(f"has_{seg.name} is not true/false")
    if persons["pid"].isna().any():
        raise bad("a person has no pid")
    segs = [f"seg_{seg.name}" for seg in settings.segments]
    if persons.duplicated(["pid", *segs]).any():
        raise bad("a person's encoding is repeated")
    for col in persons.columns:
        if col.startswith("fields_") and not pd.api.types.is_integer_dtype(persons[col]):
            raise bad(f"{col} is not whole numbers")
    for col in ("first", "last"):
        if links[col].notna().any() and not pd.api.types.is_datetime64_any_dtype(links[col]):
            raise bad(f"link {col} times are not times")
    ids = nodes["node_id"]
    if ids.isna().any() or ids.duplicated().any():
        raise bad("node ids are missing or repeated")
    if not pd.api.types.is_integer_dtype(nodes["mentions"]) or (nodes["mentions"] < 0).any():
        raise bad("node mention counts must be whole numbers of at least 0")
    known = set(ids.astype(str))
    if not set(persons["pid"].astype(str)) <= known:
        raise bad("a person's pid is not among the nodes")
    ends = pd.concat([links["src"], links["dst"]]).astype(str)
    if not set(ends) <= known:
        raise bad("a link points to a node that is not in the bundle")
    if not pd.api.types.is_integer_dtype(links["count"]) or (links["count"] < 1).any():
        raise bad("link counts must be whole numbers of at least 1")
    amount = pd.to_numeric(links["amount"], errors="coerce")
    if links["amount"].notna().sum() != amount.notna().sum() or np.isinf(amount).any():
        raise bad("link amounts must be finite numbers")
    if links.duplicated(["src", "dst", "kind"]).any():
        raise bad("a link (source, target, kind) is repeated")
