"""What every export reads: the case's tables with victims protected, and entity-level frames.

Exports never recompute analysis: entity attributes come from the entity graph (the same
aggregation the map and report show), measures and communities from the ``metrics`` table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.privacy import is_victim, protected_entities, pseudonym
from linkgraph.privacy import protected_ids as case_protected_ids
from linkgraph.schema import link_kind

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from linkgraph.export.loss import LossReport
    from linkgraph.graph import EntityGraph
    from linkgraph.redact import Redactor

#: Mention columns that identify a person: withheld for victims unless --show-victims.
VICTIM_WITHHELD = (
    "given_name", "family_name", "name_latin", "dob", "city", "postcode", "address",
    "phone", "email", "account", "plate", "document", "identifier", "attrs", "raw",
)  # fmt: skip
#: What an export made with --show-victims says inside itself (a README beside a folder's
#: tables, a sheet, a graph attribute, a chart's summary): the file may leave without its
#: loss report.
VICTIMS_NAMED = "Victims are named in this export (--show-victims): do not share."
#: Entity columns from the graph that are not measures.
ENTITY_COLUMNS = (
    "entity_id", "type", "label", "victim", "role", "country", "mentions", "sources",
    "agencies", "source_rows",
)  # fmt: skip


@dataclass(frozen=True)
class ExportData:
    """One case ready for export.

    Attributes:
        case: the case with victims' identifying mention fields withheld (unless shown).
        entities: one row per entity, sorted by ``entity_id``: ``ENTITY_COLUMNS`` then every
            measure of the metrics table (``community`` included).
        edges: one row per (src, dst, kind), as the entity graph aggregates links, sorted;
            ``first``/``last`` are UTC timestamps, ``rows`` a JSON list of ``source:row``.
        measures: the metrics columns carried on entities, in the table's order.
        victims: entity ids of victims (entities whose role is a victim's).
        protected: entity ids an export shows by pseudonym: the victims, and the phones,
            e-mails, accounts... that victims hold or use.
        show_victims: whether victims' names were left in.
        withheld: how many mention values were withheld to protect victims.
        victim_places: the place strings of the places table that describe a victim
            (:func:`linkgraph.victim_places.victims_place_values`), withheld in it.
    """

    case: Case
    entities: pd.DataFrame
    edges: pd.DataFrame
    measures: tuple[str, ...]
    victims: frozenset[str]
    protected: frozenset[str]
    show_victims: bool
    withheld: int
    victim_places: frozenset[str] = frozenset()

    @cached_property
    def edge_times(self) -> pd.Series:
        """Per edge (positional, as ``edges``): the sorted distinct times of its links."""
        links = self.case.links
        if links.empty:
            return pd.Series([[] for _ in range(len(self.edges))], dtype=object)
        entity_of = self.case.entity_of()
        kinds = links["kind"].astype(str)
        directed = kinds.map(lambda k: link_kind(k).directed).astype(bool).to_numpy()
        src = entity_of.reindex(links["src"]).to_numpy().astype(object)
        dst = entity_of.reindex(links["dst"]).to_numpy().astype(object)
        swap = (~directed) & (src > dst)
        frame = pd.DataFrame(
            {
                "src": np.where(swap, dst, src),
                "dst": np.where(swap, src, dst),
                "kind": kinds.to_numpy(),
                "time": links["time"].to_numpy(),
            }
        ).dropna(subset=["time"])
        frame = frame.drop_duplicates().sort_values(["src", "dst", "kind", "time"])
        out: list[list] = [[] for _ in range(len(self.edges))]
        if frame.empty:
            return pd.Series(out, dtype=object)
        keys = pd.MultiIndex.from_frame(self.edges[["src", "dst", "kind"]].astype(object))
        position = keys.get_indexer(pd.MultiIndex.from_frame(frame[["src", "dst", "kind"]]))
        times = list(frame["time"])
        starts = np.flatnonzero(np.r_[True, position[1:] != position[:-1]])
        ends = np.r_[starts[1:], len(position)]
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if position[start] >= 0:
                out[position[start]] = times[start:end]
        return pd.Series(out, dtype=object)

    @cached_property
    def amounts_by_currency(self) -> pd.Series:
        """Per edge (positional, as ``edges``): where its links' amounts are in several
        currencies (``currency`` "mixed", ``amount`` empty: never a sum across them), the
        sum in each currency as ``"EUR 120.5; RON 300"`` ("no currency" for amounts
        without one); None on every other edge. Each sum is the entity graph's own
        (:func:`linkgraph.graph.link_edges` on that currency's links: a payment two
        sources report is added once)."""
        from linkgraph.graph import link_edges

        out = pd.Series([None] * len(self.edges), dtype=object)
        if "currency" not in self.edges or not self.edges["currency"].eq("mixed").any():
            return out
        mixed = self.edges["currency"].eq("mixed").to_numpy()
        keys = pd.MultiIndex.from_frame(self.edges[["src", "dst", "kind"]].astype(str))
        links = self.case.links
        currency = links["currency"].astype("string").fillna("")
        has_amount = links["amount"].notna()
        entity_of = self.case.entity_of()
        parts: dict[int, list[str]] = {}
        for code in sorted(set(currency[has_amount])):
            sums = link_edges(links[has_amount & currency.eq(code)], entity_of)
            at = keys.get_indexer(pd.MultiIndex.from_frame(sums[["src", "dst", "kind"]]))
            for position, amount in zip(at.tolist(), sums["amount"].tolist(), strict=True):
                if position >= 0 and mixed[position] and not pd.isna(amount):
                    parts.setdefault(position, []).append(
                        f"{code or 'no currency'} {format(amount, '.15g')}"
                    )
        for position, texts in parts.items():
            out.iat[position] = "; ".join(texts)
        return out

    @property
    def victims_named(self) -> bool:
        """Whether this export names victims (``show_victims`` and the case has some)."""
        return self.show_victims and bool(self.protected)

    def victims_statement(self) -> str | None:
        """The warning an export that names victims carries inside itself
        (:data:`VICTIMS_NAMED`); None when it names none."""
        return VICTIMS_NAMED if self.victims_named else None

    def provenance(self) -> dict[str, object]:
        """The case's inputs (file, agency, rows) for formats with a header or metadata."""
        inputs = []
        for item in self.case.manifest.get("inputs", []):
            inputs.append(
                {k: item[k] for k in ("name", "agency", "rows", "format", "sha256") if k in item}
            )
        return {"inputs": inputs, "updated": self.case.manifest.get("updated")}


def write_victims_readme(data: ExportData, folder: Path, report: LossReport) -> None:
    """``README.txt`` in an export's ``folder`` saying that its tables name victims; none
    (an old one removed) when they do not."""
    from linkgraph._io import atomic_write

    readme = folder / "README.txt"
    statement = data.victims_statement()
    if statement is None:
        readme.unlink(missing_ok=True)
        return
    with atomic_write(readme) as fh:
        fh.write(statement + "\n")
    report.files.append(readme.name)


def prepare(case: Case, *, show_victims: bool = False) -> ExportData:
    """The case as exports read it: entities with measures, edges, victims protected."""
    from linkgraph.graph import build_graph
    from linkgraph.redact import NO_REDACTION, involved_redactor, redact_case

    # Victims, the phones, accounts, ... that victims hold or use (they reach them), and
    # namesakes on her identifiers, judged by every spelling of her name before redaction.
    in_case = case_protected_ids(case)
    involved = NO_REDACTION if show_victims else involved_redactor(case)
    victim_places: frozenset[str] = frozenset()
    if not show_victims and case.places is not None:
        from linkgraph.victim_places import victims_place_values

        victim_places = frozenset(victims_place_values(case))  # on her rows before redaction
    if not show_victims:
        # Victims' names in file names, events' labels, raw rows, ... (linkgraph/redact.py).
        case = redact_case(case)
    graph = build_graph(case)
    nodes, protected_ids, victims = _entity_nodes(case, graph, in_case, show_victims)
    withheld = 0
    if protected_ids and not show_victims:
        case, withheld = _protect_mentions(case, protected_ids, involved)
    # _protect_mentions leaves the mentions' source and row, which source_rows reads
    entities, measures = _entity_rows(case, nodes)
    edges = graph.edges.copy()
    edges["src"] = edges["src"].astype(str)
    edges["dst"] = edges["dst"].astype(str)
    edges = edges.sort_values(["src", "dst", "kind"], kind="mergesort").reset_index(drop=True)
    return ExportData(
        case=case,
        entities=entities,
        edges=edges,
        measures=measures,
        victims=victims,
        protected=protected_ids,
        show_victims=show_victims,
        withheld=withheld,
        victim_places=victim_places,
    )


def prepared_entities(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """``prepare(case, show_victims=show_victims).entities``, the same table, without the
    rest of an export's preparation: of the victims' redaction only the mention columns
    the entity rows are made of (:data:`_ENTITY_TEXT`: a large case's raw rows and
    attributes took most of `linkgraph entities`' time), no edges sorted, no mention
    withheld (:func:`_protect_mentions` changes no column the entity rows read)."""
    from linkgraph.graph import build_graph

    in_case = case_protected_ids(case)
    if not show_victims:
        case = _entity_text_redacted(case)
    graph = build_graph(case)
    nodes, _, _ = _entity_nodes(case, graph, in_case, show_victims)
    return _entity_rows(case, nodes)[0]


#: The mention columns that :func:`linkgraph.redact.redact_mentions` redacts and the
#: entity rows read (the graph's labels, its count of sources, source_rows); the rest
#: (raw rows, attributes, addresses, phones ...) they never show.
_ENTITY_TEXT = ("source", "identifier")
_ENTITY_NAMES = ("label", "name")


def _entity_text_redacted(case: Case) -> Case:
    """``case`` with the mention columns the entity rows read (:data:`_ENTITY_TEXT`, and
    :data:`_ENTITY_NAMES` of mentions not of people) redacted as
    :func:`linkgraph.redact.redact_case` redacts them (each column value by value, with
    the case's redactor); the other tables and columns as they are."""
    from linkgraph.graph_cache import is_redacted
    from linkgraph.redact import (
        MENTION_NAMES,
        MENTION_TEXT,
        _redact_columns,
        _redact_labels,
        case_redactor,
    )

    if is_redacted(case):
        return case
    r = case_redactor(case)
    if not r:
        return case
    m = case.mentions
    text = [c for c in MENTION_TEXT if c in _ENTITY_TEXT]
    names = [c for c in MENTION_NAMES if c in _ENTITY_NAMES]
    out = _redact_columns(m, r, text)
    out = _redact_labels(out, r, names)
    return case if out is m else replace(case, mentions=out)


def _entity_nodes(
    case: Case, graph: EntityGraph, in_case: set[str], show_victims: bool
) -> tuple[pd.DataFrame, frozenset[str], frozenset[str]]:
    """The graph's nodes as entity rows: ``victim`` set, the protected ones (the graph's
    :func:`~linkgraph.privacy.protected_entities` and ``in_case``) labelled by pseudonym
    unless ``show_victims``; with the ids of the protected entities and of the victims."""
    nodes = graph.nodes.reset_index()
    nodes["entity_id"] = nodes["entity_id"].astype(str)
    victim_mask = nodes["role"].map(is_victim).fillna(False).astype(bool)
    protected = protected_entities(graph.nodes, graph.edges).to_numpy(dtype=bool)
    protected = protected | nodes["entity_id"].isin(in_case).to_numpy()
    protected_ids = frozenset(nodes.loc[protected, "entity_id"])
    nodes["victim"] = victim_mask.to_numpy()
    if protected_ids and not show_victims:
        key = case.pseudonym_key
        nodes.loc[protected, "label"] = [
            pseudonym(i, key) for i in nodes.loc[protected, "entity_id"]
        ]
    victims = frozenset(nodes.loc[victim_mask.to_numpy(), "entity_id"])
    return nodes, protected_ids, victims


def _entity_rows(case: Case, nodes: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The entity table of :class:`ExportData` from :func:`_entity_nodes`' ``nodes``:
    ``source_rows`` from the case's mentions, the measures of its metrics table (their
    names too), sorted by ``entity_id``."""
    nodes = nodes.copy()
    nodes["source_rows"] = _source_rows(case, nodes["entity_id"])
    measures: tuple[str, ...] = ()
    if case.metrics is not None:
        met = case.metrics.drop(columns=["label", "type"], errors="ignore").copy()
        met["entity_id"] = met["entity_id"].astype(str)
        measures = tuple(c for c in met.columns if c != "entity_id")
        nodes = nodes.merge(met, on="entity_id", how="left", validate="one_to_one")
    entities = nodes[list(ENTITY_COLUMNS) + list(measures)].sort_values(
        "entity_id", kind="mergesort"
    )
    return entities.reset_index(drop=True), measures


#: Mention columns of a place's address: withheld on the places (events, locations) of a
#: row that describes a protected entity, whose place name (in ``attrs``) is withheld:
#: the street address of the shelter she visited tells where she stays.
PLACE_WITHHELD = ("address", "postcode")
#: Mention types that are a place or a visit to one
PLACE_TYPES = ("event", "location")


def _protect_mentions(
    case: Case, victims: frozenset[str], involved: Redactor | None = None
) -> tuple[Case, int]:
    """Victims' mentions with name fields set to the pseudonym and identifying fields
    withheld; the raw rows and attributes of the rows that describe them withheld, and
    the addresses of the places in those rows, and the times of the events linked to
    them alone; the free text of the links that involve
    them redacted by ``involved`` (:func:`~linkgraph.redact.involved_redactor`)."""
    m = case.mentions.copy()
    key = case.pseudonym_key
    entity = case.entity_of().reindex(m["mention_id"]).astype(str).to_numpy()
    mask = pd.Series(entity, index=m.index).isin(victims).to_numpy()
    metrics = case.metrics
    if metrics is not None:
        metrics = metrics.copy()
        hit = metrics["entity_id"].astype(str).isin(victims).to_numpy()
        metrics.loc[hit, "label"] = [pseudonym(e, key) for e in metrics.loc[hit, "entity_id"]]
        case = replace(case, metrics=metrics)
    if not mask.any():
        return case, 0
    names = pd.Series(
        [pseudonym(e, key) for e in entity[mask]], index=m.index[mask], dtype="string"
    )
    withheld = 0
    for col in ("label", "name"):
        withheld += int(m.loc[mask, col].notna().sum())
        m.loc[mask, col] = names
    for col in VICTIM_WITHHELD:
        withheld += int(m.loc[mask, col].notna().sum())
        m.loc[mask, col] = pd.NA
    # A row's raw text is shared by every mention of the row: the raw of a suspect's phone
    # from the victim's hotline row holds the victim's name too.
    row_key = m["source"].astype(str) + "\x1f" + m["row"].astype("string").fillna("")
    victim_rows = set(row_key[mask])
    entity_of_mention = pd.Series(entity, index=m["mention_id"].astype(str).to_numpy())
    # and the rows of the links that involve her (her chat messages, sent or received:
    # the chat's sender is a mention of the first row she writes on only)
    theirs = reject_rows_of(case.links, entity_of_mention, victim_rows, victims)
    same_row = row_key.isin(theirs).to_numpy() & ~mask
    for col in ("raw", "attrs"):
        withheld += int(m.loc[same_row, col].notna().sum())
        m.loc[same_row, col] = pd.NA
    # The places she is linked to from another row (a location history's visits, each
    # its own row, all attended by the one owner mention): their rows describe her too.
    visited = _linked_to(case.links, set(m.loc[mask, "mention_id"].astype(str)))
    is_place = m["type"].astype(str).isin(PLACE_TYPES).to_numpy()
    her_place = is_place & m["mention_id"].astype(str).isin(visited).to_numpy() & ~same_row
    for col in ("raw", "attrs"):
        withheld += int(m.loc[her_place, col].notna().sum())
        m.loc[her_place, col] = pd.NA
    # An event only she takes part in (her case file's row, her visit): its time may be
    # hers alone (a date of birth a draft mapped as the event's time), withheld as its row.
    her_event = m["type"].astype(str).eq("event").to_numpy() & ~mask
    her_event &= _linked_only_to(case.links, m["mention_id"].astype(str), mask)
    withheld += int(m.loc[her_event, "time"].notna().sum())
    m.loc[her_event, "time"] = pd.NA
    place = (same_row & is_place) | her_place
    for col in PLACE_WITHHELD:
        if col in m.columns:
            withheld += int(m.loc[place, col].notna().sum())
            m.loc[place, col] = pd.NA
    links, hidden_texts = withhold_messages(case.links, entity_of_mention, victim_rows, victims)
    withheld += hidden_texts
    if involved:
        links = redact_involved(links, entity_of_mention, victim_rows, victims, involved)
    rejects = case.rejects.copy()
    if len(rejects):
        rkey = rejects["source"].astype(str) + "\x1f" + rejects["row"].astype("string").fillna("")
        hit = rkey.isin(theirs).to_numpy()
        for col in ("value", "raw"):
            if col in rejects.columns:
                withheld += int(rejects.loc[hit, col].notna().sum())
                rejects.loc[hit, col] = pd.NA
    return replace(case, mentions=m, links=links, rejects=rejects), withheld


def reject_rows_of(
    links: pd.DataFrame,
    entity_of_mention: pd.Series,
    victim_rows: set[str],
    protected: Iterable[str],
) -> set[str]:
    """The rows (``source`` + "\x1f" + ``row``) whose rejected values are withheld: those
    that describe a protected entity (``victim_rows``) and those of the links that
    involve one (:func:`_involving`): a chat message she sent or was sent, whose sender
    is a mention on an earlier row, resolved to her (its text is withheld from the
    links; a value of it rejected must not show it)."""
    out = set(victim_rows)
    if links.empty or not {"source", "row", "src", "dst"} <= set(links.columns):
        return out
    hers = _involving(links, entity_of_mention, victim_rows, frozenset(protected))
    if hers.any():
        row_key = links["source"].astype(str) + "\x1f" + links["row"].astype("string").fillna("")
        out |= set(row_key[hers].tolist())
    return out


def _linked_to(links: pd.DataFrame, mentions: set[str]) -> set[str]:
    """The mentions at the other end of a link from one of ``mentions``."""
    if links.empty or not mentions:
        return set()
    src, dst = links["src"].astype(str), links["dst"].astype(str)
    return set(dst[src.isin(mentions)]) | set(src[dst.isin(mentions)])


def _linked_only_to(links: pd.DataFrame, mention_ids: pd.Series, mask: np.ndarray) -> np.ndarray:
    """Per mention of ``mention_ids``: whether it is linked to one of the mentions that
    ``mask`` marks and to none that it does not."""
    if links.empty:
        return np.zeros(len(mention_ids), dtype=bool)
    marked = set(mention_ids[mask])
    src, dst = links["src"].astype(str), links["dst"].astype(str)
    src_marked, dst_marked = src.isin(marked).to_numpy(), dst.isin(marked).to_numpy()
    to_marked = set(dst[src_marked]) | set(src[dst_marked])
    to_others = set(dst[~src_marked]) | set(src[~dst_marked])
    return (mention_ids.isin(to_marked) & ~mention_ids.isin(to_others)).to_numpy()


#: Link attributes that hold what someone wrote (an SMS's or a chat's text, an e-mail's
#: subject): withheld on a protected person's or identifier's links.
MESSAGE_ATTRS = ("message", "text", "body", "subject", "caption")


def withhold_messages(
    links: pd.DataFrame,
    entity_of_mention: pd.Series,
    victim_rows: set[str],
    protected: frozenset[str],
) -> tuple[pd.DataFrame, int]:
    """``links`` with the message text (:data:`MESSAGE_ATTRS` of ``attrs``) withheld
    where the link is of a row that describes a protected entity (``victim_rows``,
    ``source`` + "\x1f" + ``row``) or one of its ends is a mention of one
    (``entity_of_mention``: mention id -> entity id): her SMS or chat message beside her
    pseudonymised phone would tell who she is ("Svetlana here, I am at ..."). Also the
    number of values withheld."""
    if links.empty or "attrs" not in links.columns:
        return links, 0
    attrs = links["attrs"].astype("string")
    texty = attrs.str.contains("|".join(f'"{k}"' for k in MESSAGE_ATTRS), regex=True)
    texty = texty.fillna(False).to_numpy(dtype=bool)
    if not texty.any():
        return links, 0
    hers = _involving(links, entity_of_mention, victim_rows, protected)
    hit = np.flatnonzero(hers & texty)
    if not len(hit):
        return links, 0
    out = links.copy()
    column = out.columns.get_loc("attrs")
    withheld = 0
    for i in hit:
        text, n = _withheld_text(out.iat[i, column])
        out.iat[i, column] = text
        withheld += n
    return out, withheld


def _involving(
    links: pd.DataFrame,
    entity_of_mention: pd.Series,
    victim_rows: set[str],
    protected: frozenset[str],
) -> np.ndarray:
    """Which ``links`` involve a protected entity: of a row that describes one
    (``victim_rows``), or with an end that is a mention of one (``entity_of_mention``)."""
    row_key = links["source"].astype(str) + "\x1f" + links["row"].astype("string").fillna("")
    hers = row_key.isin(victim_rows).to_numpy(dtype=bool, copy=True)
    for end in ("src", "dst"):
        entity = entity_of_mention.reindex(links[end].astype(str).to_numpy())
        hers = hers | entity.astype("string").isin(protected).fillna(False).to_numpy(dtype=bool)
    return hers


def redact_involved(
    links: pd.DataFrame,
    entity_of_mention: pd.Series,
    victim_rows: set[str],
    protected: frozenset[str],
    involved: Redactor,
) -> pd.DataFrame:
    """``links`` with the attributes (a payment's reference, a transfer's details) of the
    links that involve a protected entity (:func:`_involving`) redacted by ``involved``:
    her given name alone is hers there ("bilet autobuz Olena" on a payment to her
    account)."""
    from linkgraph.redact import _redact_columns

    if links.empty or "attrs" not in links.columns:
        return links
    rows = _involving(links, entity_of_mention, victim_rows, protected)
    if not rows.any():
        return links
    out = _redact_columns(links, involved, ("attrs",), rows=rows)
    return links if out is None else out


def _withheld_text(attrs: str) -> tuple[str, int]:
    """``attrs`` (a link's JSON attributes) with its :data:`MESSAGE_ATTRS` values
    replaced by :data:`~linkgraph.redact.WITHHELD`, and how many were."""
    from linkgraph.redact import WITHHELD

    try:
        values = json.loads(attrs)
    except ValueError:
        return WITHHELD, 1  # no JSON: the whole text may be the message
    if not isinstance(values, dict):
        return WITHHELD, 1
    keys = [k for k in MESSAGE_ATTRS if values.get(k) not in (None, "")]
    if not keys:
        return attrs, 0
    return json.dumps(values | dict.fromkeys(keys, WITHHELD), ensure_ascii=False), len(keys)


def _source_rows(case: Case, entity_ids: pd.Series) -> list[str]:
    """Per entity: a JSON list of the ``source:row`` of its mentions (provenance)."""
    m = case.mentions
    ref = m["source"].fillna("").astype(str) + ":" + m["row"].astype("string").fillna("")
    frame = pd.DataFrame(
        {"entity_id": case.entity_of().reindex(m["mention_id"]).astype(str).to_numpy(), "ref": ref}
    )
    frame = frame.drop_duplicates().sort_values(["entity_id", "ref"], kind="mergesort")
    ids = frame["entity_id"].to_numpy()
    refs = frame["ref"].tolist()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], int)
    ends = np.r_[starts[1:], len(ids)] if len(ids) else np.array([], int)
    by_entity = {
        ids[a]: json.dumps(refs[a:b], ensure_ascii=False)
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
    }
    return [by_entity.get(e, "[]") for e in entity_ids.tolist()]


def iso(value: object) -> str | None:
    """A timestamp as ISO 8601 UTC (``2024-01-05T10:00:00Z``), or None when missing."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.isoformat().split("+")[0] + "Z"
