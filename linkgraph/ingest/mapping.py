"""Declarative ingest mappings (docs/mapping.md): dataclasses, YAML loading and validation."""

from __future__ import annotations

import copy
import difflib
import functools
import os
from collections.abc import Mapping as MappingABC
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any

import yaml

from linkgraph._utf8 import read_utf8
from linkgraph._yaml import YamlLimitError, load_yaml, yaml_hint, yaml_problem
from linkgraph.errors import MappingError
from linkgraph.schema import ENTITY_TYPES, LINK_KINDS, crossing_field

FORMATS = ("csv", "tsv", "xlsx", "html", "json", "jsonl", "parquet", "edgelist", "matrix", "ftm",
           "gexf", "graphml", "gml", "dot", "dl", "anx", "mtgx", "pajek", "vcf", "chat",
           "location", "fixed", "camt", "mt940", "mt103", "goaml")  # fmt: skip
COMBINE_RULES = ("sum", "max", "first", "last", "count", "each")
_TOP_KEYS = (
    "include", "format", "encoding", "sheet", "records", "agency", "region", "dayfirst",
    "buddhist_era", "decimal", "timezone", "delimiter", "header", "missing_columns",
    "required_columns", "entities", "links", "network", "description", "header_row", "skip_rows",
    "widths", "skip_rows_where",
)  # fmt: skip
_ENTITY_KEYS = ("type", "fields", "split", "each", "where")
_LINK_KEYS = (
    "kind", "src", "dst", "time", "amount", "currency", "weight", "attrs", "direction", "debit",
    "incoming", "otherwise", "record_type",
)  # fmt: skip
DIRECTIONS = ("as_given", "as_written", "sign", "debit", "incoming")
_NETWORK_KEYS = (
    "source", "target", "weight", "time", "kind", "node_type", "node_prefix", "combine",
    "group_by", "directed", "target_type", "nodes", "source_role", "target_role", "direction",
    "where",
)  # fmt: skip
_ROW_FILTER_KEYS = ("column", "in", "not_in")
_FIELD_KEYS = (
    "column", "columns", "join", "first", "except", "value", "fact", "missing", "scope",
    "flag",
)  # fmt: skip
#: Field names with a meaning of their own (mention columns, and attributes the presets
#: and the suggester use). Any other name is kept in ``attrs``, unless it is one letter or
#: two away from one of these: then it is taken for a typo and refused.
KNOWN_FIELDS = (
    "name", "given_name", "family_name", "dob", "sex", "nationality", "country", "city",
    "postcode", "address", "phone", "email", "account", "plate", "document", "identifier",
    "role", "time", "label",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Where one field's value comes from: a column (or the first present of several
    alternative names), several columns joined, or a constant value."""

    column: tuple[str, ...] = ()  # alternatives: the first present in the file is used
    # Parts joined with ``join``; each part is a column or alternative names (first present
    # wins), and absent parts are skipped: an address from house number, street and line 2.
    columns: tuple[tuple[str, ...], ...] = ()
    join: str = " "
    # ``columns`` read row by row as alternatives instead of joined: each row takes the
    # first part with a value (an ad's own id, else its URL).
    first: bool = False
    # With ``first``: a part holding this value (case and surrounding blanks ignored)
    # counts as empty: each row's e-mail that is not the account owner's.
    except_value: str | None = None
    value: str | None = None
    fact: str | None = None  # a file-level fact (a statement's preamble: "IBAN", "holder")
    # ``row``: a row without a value takes its own name, ``SOURCE:ROW`` ("ads.jsonl:6"),
    # so an ad without an id is still the ad its phones are linked to.
    missing: str | None = None
    # ``source``: each value prefixed with its source, ``SOURCE:VALUE``
    # ("crossings.csv:1"): an id that is unique only within its file (a running row
    # number) never makes the rows of two files one entity.
    scope: str | None = None
    # A yes/no column ("Identified as Victim": Yes/No): this value on its yes rows, none on
    # its no rows, any other cell as written (``linkgraph.ingest._role_flags``).
    flag: str | None = None

    @property
    def constant(self) -> bool:
        """True when the value is the same for every row (a value or a fact)."""
        return self.value is not None or self.fact is not None


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """One slot: the entity of one type that each row may mention."""

    slot: str
    type: str
    fields: MappingABC[str, FieldSpec]
    split: str | None = None
    each: str | None = None  # JSON: one mention per item of this list of objects
    # With ``each``: only the items whose key holds one of these values (case and accents
    # ignored): {"type": ("phone", "mobile")} of typed contacts [{type, value}, ...]; a
    # :class:`NotIn` of values (``{type: {not: [email]}}``): every item but those.
    where: MappingABC[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``type: [person, organisation]``: a person, or an organisation where the name
    #: carries a legal form ("Dream Travel SRL", "ООО Ромашка"), row by row
    organisations_by_name: bool = False


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """A link between two slots, made in each row where both slots made a mention."""

    kind: str
    src: str
    dst: str
    time: FieldSpec | None = None
    amount: FieldSpec | None = None
    currency: FieldSpec | None = None
    weight: FieldSpec | None = None
    attrs: MappingABC[str, FieldSpec] = field(default_factory=dict)
    # as_given: src -> dst, and a negative amount (a refund, a reversal) dst paying src
    # its absolute value. as_written: src -> dst, amounts kept with their sign. sign: a
    # negative amount is src paying dst, a positive one dst paying src (a statement of
    # src's account). debit: rows with a value in ``debit`` are
    # src paying dst that amount; the others dst paying src ``amount``. incoming: rows whose
    # ``incoming`` value says the call or message came in ("IN", "вхідний", "eingehend") go
    # dst -> src (a subscriber's own CDR: src is the subscriber, dst the other party).
    direction: str = "as_given"
    debit: FieldSpec | None = None
    incoming: FieldSpec | None = None
    # (src, dst) slots linked instead in a row where src or dst made no mention: a
    # payment without one of its accounts links the account holders.
    otherwise: tuple[str, str] | None = None
    # A CDR's record type ("MOC", "SMS-MT", "GPRS"): on a ``called`` link, messages become
    # ``messaged`` links, data sessions no link at all (``not_a_call`` rejects).
    record_type: FieldSpec | None = None


@dataclass(frozen=True, slots=True)
class NetworkSpec:
    """How an edge list or an adjacency matrix becomes node mentions and weighted links."""

    # edgelist columns: a name, alternative names (first present wins), or a 0-based position
    source: tuple[str, ...] | int = 0
    target: tuple[str, ...] | int = 1
    weight: tuple[str, ...] | int | None = None  # absent: each row counts 1
    time: tuple[str, ...] | int | None = None
    kind: str = "contacted"
    node_type: str = "person"
    node_prefix: str = ""  # prepended to node labels ("n" turns CAVIAR's 1 into n1)
    combine: str = "sum"  # repeated pairs: sum | max | first | last | count | each
    group_by: tuple[str, ...] = ()  # pairs are combined within groups of these columns
    directed: bool = True
    # Two-mode data: targets (matrix columns) are entities of this type, e.g. "event" for
    # a person x summit matrix; None: one-mode, every node is a ``node_type``.
    target_type: str | None = None
    # A node list (path relative to the network file; first column, or name/id/node/label)
    # whose labels all become nodes, so isolates are kept.
    nodes: str | None = None
    # Edge-list columns holding the role of a row's source / target node ("victim",
    # "suspect", in any language): the node's role, so victims are protected.
    source_role: tuple[str, ...] | int | None = None
    target_role: tuple[str, ...] | int | None = None
    # An edge-list column saying each row's direction (Gephi's Type: Directed/Undirected).
    direction: tuple[str, ...] | int | None = None
    # ``where: {graph: CAVIAR_FULL}``: only the rows whose column holds one of the values
    # (a file of several graphs, phases or layers read one at a time); the others are
    # ``skipped_by_mapping`` rejects. Also filters a node list that has the column.
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The optional column keys (``weight``, ``time``, roles, ``direction``) the mapping
    #: itself names, not inherited from a built-in preset: a file lacking one of these is
    #: an error, while a preset's guesses (``weight: [weight, calls, ...]``) are optional.
    named: tuple[str, ...] = ()


#: NetworkSpec keys naming optional columns (see ``NetworkSpec.named``).
_OPTIONAL_NETWORK_COLUMNS = ("weight", "time", "source_role", "target_role", "direction")


@dataclass(frozen=True, slots=True)
class RowFilter:
    """``skip_rows_where:``: the rows whose ``column`` value (trimmed, case aside) is one
    of ``values`` (``in:``), or is not (``not_in:``), are skipped as rejects."""

    column: tuple[str, ...]  # alternatives: the first present in the file is used
    values: tuple[str, ...]
    negate: bool = False  # True: ``not_in:``, a row is skipped unless its value is listed


@dataclass(frozen=True, slots=True)
class Mapping:
    """A validated mapping: how one export becomes mentions and links."""

    name: str
    format: str | None = None
    encoding: str | None = None
    #: xlsx: one sheet's name, or several sheets of the same columns (``[2023, 2024]``)
    sheet: str | tuple[str, ...] | None = None
    records: str | None = None
    agency: str | None = None
    region: str | None = None
    dayfirst: bool | None = None  # None: inferred per column from the values
    #: a year 2400-2699 in a date is a Thai Buddhist-era year (2567 BE = 2024); False:
    #: such a year is read as written (and, past 2261, rejected)
    buddhist_era: bool = True
    decimal: str | None = None  # the amounts' decimal mark, "," or "."; None: per column
    timezone: str = "UTC"  # where times without an offset were recorded (see _zones)
    #: a column naming each row's zone ("Europe/Istanbul", "UTC+3", "CET"); rows without
    #: one use ``timezone``
    timezone_column: FieldSpec | None = None
    timezone_set: bool = False  # False: no zone was given, and ``timezone`` is the default
    delimiter: str | None = None
    header_row: int | None = None  # 1-based row of the header; None: detected
    skip_rows: int = 0  # rows skipped before looking for the header
    #: ``format: fixed``: each column's (start, end) character positions (``widths:``)
    widths: tuple[tuple[int, int], ...] | None = None
    header: bool | None = None  # edgelist: None = detect
    missing_columns: str = "error"  # error | ignore (presets: columns are optional)
    required_columns: tuple[tuple[str, ...], ...] = ()  # each: alternative names
    entities: tuple[EntitySpec, ...] = ()
    links: tuple[LinkSpec, ...] = ()
    network: NetworkSpec | None = None
    #: rows skipped as ``skipped_by_mapping`` rejects (``skip_rows_where:``): any filter
    #: that matches skips the row
    skip_rows_where: tuple[RowFilter, ...] = ()
    #: the built-in presets this mapping includes, directly or through included files
    #: (``include: statement``): a mapping for a kind of file that names its own reading
    presets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as recorded in the case manifest."""
        data = asdict(self)
        data["entities"] = [
            {**e, "fields": dict(e["fields"]),
             "where": {k: {"not": list(v)} if isinstance(v, NotIn) else v
                       for k, v in e["where"].items()}}
            for e in data["entities"]
        ]  # fmt: skip
        return data

    def columns(self) -> set[str]:
        """Every column name the mapping may read (alternatives included)."""
        out: set[str] = {c for alts in self.required_columns for c in alts}
        out.update(c for f in self.skip_rows_where for c in f.column)
        specs: list[FieldSpec] = [f for e in self.entities for f in e.fields.values()]
        if self.timezone_column is not None:
            specs.append(self.timezone_column)
        for link in self.links:
            specs += [f for f in link_fields(link) if f]
        for spec in specs:
            out.update(spec.column)
            for alternatives in spec.columns:
                out.update(alternatives)
        return out


def link_fields(link: LinkSpec) -> list[FieldSpec]:
    """Every field spec a link reads (time, amount, ..., attrs)."""
    out = [link.time, link.amount, link.currency, link.weight, link.debit, link.incoming]
    out.append(link.record_type)
    return [f for f in out if f is not None] + list(link.attrs.values())


def preset_names() -> list[str]:
    """Names of the built-in presets."""
    folder = resources.files("linkgraph.ingest") / "presets"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _preset_text(name: str) -> str:
    return (resources.files("linkgraph.ingest") / "presets" / f"{name}.yaml").read_text("utf-8")


def load_mapping(path_or_preset: str | Path | dict[str, Any]) -> Mapping:
    """A mapping from a YAML file, or a built-in preset by name (``people``, ``cdr``, ...),
    or a dict of the keys a mapping YAML holds (``{"entities": ..., "links": ...}``).

    Raises:
        MappingError: naming the YAML key, the problem and how to fix it.
    """
    if isinstance(path_or_preset, dict):
        return parse_mapping(copy.deepcopy(path_or_preset), name="mapping", base=None)
    if not isinstance(path_or_preset, str | os.PathLike):
        raise TypeError(
            "load_mapping() takes a mapping YAML's path, a preset's name or a dict of a"
            f" mapping's keys, not {type(path_or_preset).__name__}"
        )
    ref = str(path_or_preset)
    if isinstance(path_or_preset, str) and path_or_preset in preset_names():
        data = _load_yaml(_preset_text(ref), ref)
        return parse_mapping(data, name=ref, base=None, builtin=True)
    path = Path(path_or_preset)
    if not path.is_file():
        raise MappingError(
            f"no mapping file or preset called {ref!r}",
            source=ref,
            hint=f"give a YAML path or one of the presets: {', '.join(preset_names())}",
        )
    data = _load_yaml(read_utf8(path, error=MappingError), path.name)
    return parse_mapping(data, name=str(path), base=path.parent)


@functools.lru_cache(maxsize=16)
def _parsed_yaml(text: str) -> Any:
    """``text`` parsed (:func:`~linkgraph._yaml.load_yaml`), once per text: a command
    loads each source's mapping more than once (its check, then its reading). Callers
    get a copy."""
    return load_yaml(text)


def _load_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = copy.deepcopy(_parsed_yaml(text))
    except (yaml.YAMLError, YamlLimitError) as exc:
        raise MappingError(
            f"not valid YAML: {yaml_problem(exc)}", source=source, hint=yaml_hint(exc)
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MappingError(
            "a mapping must be a YAML mapping (entities:, links:, ...), not a list or a value",
            source=source,
            hint="start from `linkgraph mapping suggest FILE`, or see docs/mapping.md: the"
            " file holds keys (format:, entities:, links:), not a list of items",
        )
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key in ("entities",) and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif key == "links" and isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def _resolve_includes(
    data: dict[str, Any],
    name: str,
    base: Path | None,
    presets: list[str] | None = None,
    chain: tuple[tuple[str, str], ...] | None = None,
) -> dict[str, Any]:
    """``data`` with its includes merged in; the built-in presets it includes are appended
    to ``presets``. ``chain``: the files and presets including it, each as (what it is,
    its name as written), the first being the mapping itself; an include of one of them
    again is a cycle, refused."""
    presets = [] if presets is None else presets
    if chain is None:
        own = str((base / Path(name).name).resolve()) if base is not None else f"preset:{name}"
        chain = ((own, Path(name).name),)
    include = data.pop("include", None)
    if include is None:
        return data
    merged: dict[str, Any] = {}
    for ref in [include] if isinstance(include, str) else list(include):
        _check_include(ref, name)
        if base is not None and (base / str(ref)).is_file():
            path = _inside_folder(base, str(ref), name)
            link = (str(path), str(ref))
            _check_cycle(chain, link, name)
            inner = _load_yaml(read_utf8(path, str(ref), MappingError), str(ref))
            inner = _resolve_includes(inner, str(ref), base, presets, (*chain, link))
        elif str(ref) in preset_names():
            link = (f"preset:{ref}", str(ref))
            _check_cycle(chain, link, name)
            presets.append(str(ref))
            inner = _load_yaml(_preset_text(str(ref)), str(ref))
            inner = _resolve_includes(inner, str(ref), None, presets, (*chain, link))
        else:
            raise MappingError(
                f"cannot include {ref!r}: no such file or preset",
                source=name,
                key="include",
                hint="give a path relative to this mapping, or a preset name",
            )
        merged = _merge(merged, inner)
    return _merge(merged, data)


def _inside_folder(base: Path, ref: str, name: str) -> Path:
    """The real path of the included ``ref``, refused when it is outside the mapping's
    folder ``base``: a symbolic link in the folder (``common.yaml`` ->
    ``../outside/secret.yaml``, ``pw.yaml`` -> ``/etc/passwd``) is followed to where it
    points, and that is what must be inside."""
    root = base.resolve()
    path = (base / ref).resolve()
    if not path.is_relative_to(root):
        raise MappingError(
            f"include {ref!r} is a link to a file outside the mapping's folder ({path}):"
            " include reads only files inside the mapping's folder",
            source=name,
            key="include",
            hint="copy the file to include next to this mapping and name it there"
            " (include: common.yaml)",
        )
    return path


def _check_cycle(chain: tuple[tuple[str, str], ...], link: tuple[str, str], name: str) -> None:
    """Refuse an include of a file (or preset) that is already including it.

    Examples:
        >>> _check_cycle((("/m/a.yaml", "a.yaml"),), ("/m/b.yaml", "b.yaml"), "a.yaml")
        >>> try:
        ...     _check_cycle((("/m/a.yaml", "a.yaml"), ("/m/b.yaml", "b.yaml")),
        ...                  ("/m/a.yaml", "a.yaml"), "b.yaml")
        ... except MappingError as exc:
        ...     print(str(exc).splitlines()[0])
        b.yaml: include: include cycle: a.yaml → b.yaml → a.yaml
    """
    if any(key == link[0] for key, _ in chain):
        path = " → ".join([*(shown for _, shown in chain), link[1]])
        raise MappingError(
            f"include cycle: {path}",
            source=name,
            key="include",
            hint="a mapping cannot include itself, directly or through the files it includes:"
            " remove one of these includes",
        )


def _check_include(ref: object, name: str) -> None:
    """Refuse an ``include:`` that is not a path inside the mapping's folder or a preset
    name: an absolute path or one climbing out with ``..`` (``/etc/passwd``,
    ``../../secret.yaml``) would read, and echo the keys of, a file the mapping's author
    chose, not the analyst."""
    text = str(ref)
    if not isinstance(ref, str) or not text.strip():
        raise MappingError(
            f"include must be a file name or a preset name, not {ref!r}",
            source=name,
            key="include",
            hint="give a path relative to this mapping, or a preset name",
        )
    parts = PurePath(os.path.normpath(text)).parts
    if PurePath(text).is_absolute() or PureWindowsPath(text).is_absolute() or ".." in parts[:1]:
        raise MappingError(
            "include must be a path inside the mapping's folder (or a preset name), not an"
            " absolute path or one leading out of the folder with ..",
            source=name,
            key="include",
            hint="copy the file to include next to this mapping and name it there"
            " (include: common.yaml)",
        )


#: Fields that say which entity a mention is; a slot needs one of them (see build.py).
_IDENTIFYING = {
    # a person known only by a display label (a device's owner, "owner of Records.json")
    # is a person with no name: never anyone's namesake
    "person": ("name", "given_name", "family_name", "label"),
    "organisation": ("name",),
    "address": ("address", "postcode"),
    "location": ("name", "city", "country", "address"),
    "phone": ("phone", "identifier"),
    "email": ("email", "identifier"),
    "account": ("account", "identifier"),
    "vehicle": ("plate", "identifier"),
    "document": ("document", "identifier"),
    "ad": ("identifier",),
    "image": ("identifier",),
    "event": ("identifier", "time"),
}


def identifying_fields(entity_type: str) -> tuple[str, ...]:
    """The fields of which a mention of ``entity_type`` needs at least one."""
    return _IDENTIFYING.get(entity_type, ("name", "identifier"))


class NotIn(tuple[str, ...]):
    """The values of a ``where:`` key that exclude an item (``{type: {not: [email]}}``):
    every item is taken but those, so a type no sample showed ("work") is read too."""

    __slots__ = ()


def _where(raw: Any, each: Any, key: str, p: _Problems) -> dict[str, tuple[str, ...]]:
    """A slot's ``where``: item key -> accepted values (one value or a list), or
    ``{not: [VALUES]}``: the values refused (:class:`NotIn`), every other one taken."""
    if raw is None:
        return {}
    if each is None:
        p.add(key, "where: selects items of a list; give the list with each: COLUMN")
        return {}
    if not isinstance(raw, dict) or not raw:
        p.add(key, "expected {ITEM_KEY: VALUE or [VALUES]}, e.g. {type: [phone, mobile]}")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for k, v in raw.items():
        if isinstance(v, dict):
            if set(v) != {"not"} or isinstance(v["not"], dict):
                p.add(f"{key}.{k}", "expected VALUE, [VALUES] or {not: [VALUES]}")
                continue
            refused = v["not"] if isinstance(v["not"], list) else [v["not"]]
            out[str(k)] = NotIn(str(x) for x in refused if x is not None)
            continue
        out[str(k)] = tuple(str(x) for x in (v if isinstance(v, list) else [v]))
    return out


def _row_filters(raw: Any, p: _Problems) -> tuple[RowFilter, ...]:
    """``skip_rows_where:``: one ``{column: C, in: [V, ...]}`` (or ``not_in:``), or a list
    of them."""
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out: list[RowFilter] = []
    for i, item in enumerate(items):
        key = f"skip_rows_where[{i}]" if isinstance(raw, list) else "skip_rows_where"
        if not isinstance(item, dict):
            p.add(key, "expected {column: COLUMN, not_in: [VALUES]} or {column: C, in: [V]}")
            continue
        _check_keys(item, _ROW_FILTER_KEYS, key, p)
        column = item.get("column")
        names = column if isinstance(column, list) else [column]
        if column is None or not names or any(isinstance(n, dict | list) for n in names):
            p.add(f"{key}.column", "expected the column (or a list of alternative names)")
        ops = [op for op in ("in", "not_in") if op in item]
        if len(ops) != 1:
            p.add(key, "give exactly one of in: [VALUES] (skip those rows) or not_in: [VALUES]"
                  " (keep only those rows)")  # fmt: skip
            continue
        values = item[ops[0]]
        values = values if isinstance(values, list) else [values]
        if not values or any(v is None or isinstance(v, dict | list) for v in values):
            p.add(f"{key}.{ops[0]}", "expected a value or a list of values")
            continue
        out.append(RowFilter(_alternatives(names), tuple(map(str, values)), ops[0] == "not_in"))
    return tuple(out)


def _can_make_mentions(entity: EntitySpec) -> bool:
    wanted = identifying_fields(entity.type)
    return any(f in wanted for f in entity.fields)


def _event_field_name(fname: str) -> str:
    """An event's field name as stored: a crossing's side under its own name (``to_country``,
    ``destination`` -> ``to``: what ``linkgraph routes`` reads), any other as given."""
    return crossing_field(fname) or fname


def typo_of_field(fname: str) -> str | None:
    """The known field that ``fname`` is taken for a typo of ("nme" -> "name"), or None
    when the name is a field or an attribute name the mapping accepts (a border
    crossing's ``from``/``to`` and their other names, ``to_country``, ``origin``, too)."""
    if fname in KNOWN_FIELDS or _FREE_FIELD.get(fname) or crossing_field(fname):
        return None
    close = difflib.get_close_matches(fname, KNOWN_FIELDS, n=1, cutoff=0.75)
    return close[0] if close else None


def _check_field_name(fname: str, key: str, p: _Problems) -> None:
    close = typo_of_field(fname)
    if close is not None:
        p.add(
            key,
            f"unknown field {fname!r}; did you mean {close!r}?"
            f" (fields: {', '.join(KNOWN_FIELDS)}; an event's from, to: a border crossing's"
            " countries; another name is kept in attrs,"
            " e.g. age, alias, relation)",
        )


# Attribute names that are close to a known field but meant as they are.
_FREE_FIELD = {"place": True, "age": True, "title": True, "text": True, "site": True,
               "notes": True, "note": True, "date": True, "type": True, "imei": True,
               "imsi": True, "lat": True, "lon": True, "url": True}  # fmt: skip


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, key: str, message: str) -> None:
        self.items.append((key, message))


def _fixed_widths(
    data: dict[str, Any], fmt: Any, p: _Problems
) -> tuple[Any, tuple[tuple[int, int], ...] | None]:
    """The format and column spans of a fixed-width mapping: ``widths:`` makes the format
    ``fixed``; ``format: fixed`` needs ``widths:``; another format takes none."""
    from linkgraph.ingest.fixed_width import spans_of

    raw = data.get("widths")
    if raw is None:
        if fmt == "fixed":
            p.add("widths", "format: fixed needs `widths:` (each column's width, in order)")
        return fmt, None
    if fmt not in (None, "fixed"):
        p.add("widths", f"widths: is for `format: fixed`, not {fmt}")
        return fmt, None
    try:
        return "fixed", spans_of(raw)
    except ValueError as exc:
        p.add("widths", str(exc))
        return "fixed", None


def _region_problem(region: object) -> str | None:
    """Why a mapping's ``region:`` is no phone region, with the code meant (UK -> GB)."""
    from linkgraph.ingest.normalize import REGION_HINT, region_problem

    problem = region_problem(region)
    return None if problem is None else f"{problem} ({REGION_HINT})"


def _format_not_a_word(fmt: object) -> str:
    """Why a ``format:`` that is no string (``[csv]``, ``{csv: 1}``, ``3``) is wrong, and
    the line to write when it holds one known format."""
    kind = {list: "a list", dict: "a mapping", bool: "true or false"}.get(type(fmt))
    items = fmt if isinstance(fmt, list) else list(fmt) if isinstance(fmt, dict) else [fmt]
    known = [str(f) for f in items if str(f) in FORMATS]
    tip = (
        f": write `format: {known[0]}`" if len(known) == 1 else f" (choices: {', '.join(FORMATS)})"
    )
    return f"must be one word, not {kind or repr(fmt)}{tip}"


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    tip = f"; did you mean {close[0]!r}?" if close else ""
    return f"{tip} (choices: {', '.join(choices)})"


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...], where: str, p: _Problems) -> None:
    for key in data:
        if key not in allowed:
            p.add(f"{where}.{key}" if where else str(key), f"unknown key{_suggest(key, allowed)}")


def _alternatives(names: list[Any]) -> tuple[str, ...]:
    """Alternative column names; a list inside the list is spliced in, so that slots can
    share a YAML anchor's names: ``[[phone_2, phone2], *phones]``."""
    out: list[str] = []
    for name in names:
        out += [str(n) for n in name] if isinstance(name, list) else [str(name)]
    return tuple(dict.fromkeys(out))


def _otherwise(raw: Any, slots: list[str], key: str, p: _Problems) -> tuple[str, str] | None:
    """A link's ``otherwise: {src: SLOT, dst: SLOT}``: the slots linked instead in a row
    where one of the link's own ends made no mention (None when not given)."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"src", "dst"}:
        p.add(key, "expected {src: SLOT, dst: SLOT}")
        return None
    for end in ("src", "dst"):
        if raw[end] not in slots:
            p.add(f"{key}.{end}", f"no entity slot {raw[end]!r}{_suggest(str(raw[end]), slots)}")
    return str(raw["src"]), str(raw["dst"])


def _field(raw: Any, key: str, p: _Problems) -> FieldSpec | None:
    if raw is None:
        return None
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return FieldSpec(column=(str(raw),))
    if isinstance(raw, list):
        return FieldSpec(column=_alternatives(raw))
    if not isinstance(raw, dict):
        p.add(key, f"expected a column name or {{column: C}}, got {raw!r}")
        return None
    _check_keys(raw, _FIELD_KEYS, key, p)
    given = [k for k in ("column", "columns", "value", "fact") if k in raw]
    if len(given) != 1:
        p.add(key, "give exactly one of column, columns, value or fact")
        return None
    col = raw.get("column")
    cols = raw.get("columns")
    if cols is not None and not isinstance(cols, list):
        p.add(f"{key}.columns", "expected a list of column names (or of lists of alternatives)")
        cols = None
    first = raw.get("first", False)
    if not isinstance(first, bool) or (first and cols is None):
        p.add(f"{key}.first", "first: true reads `columns:` as alternatives row by row")
        first = False
    except_value = raw.get("except")
    if except_value is not None and (not first or isinstance(except_value, list | dict)):
        p.add(
            f"{key}.except",
            "except: VALUE goes with `columns:` and `first: true` (each row takes the first"
            " part with a value other than VALUE)",
        )
        except_value = None
    missing = raw.get("missing")
    if missing is not None and (missing != "row" or raw.get("value") is not None):
        p.add(
            f"{key}.missing",
            "missing: row names a row without a value by its source and row; it is the only"
            " choice, and a value: never misses",
        )
        missing = None
    scope = raw.get("scope")
    if scope is not None and (scope != "source" or raw.get("value") is not None):
        p.add(
            f"{key}.scope",
            "scope: source prefixes each value with its file's name (an id unique only"
            " within its file); it is the only choice, and not for a value:",
        )
        scope = None
    flag = raw.get("flag")
    if flag is not None and (isinstance(flag, list | dict) or raw.get("value") is not None):
        p.add(
            f"{key}.flag",
            "flag: VALUE reads a yes/no column as VALUE on its yes rows (role: {column:"
            " Identified as Victim, flag: victim}); give it one value, with a column",
        )
        flag = None
    return FieldSpec(
        column=() if col is None else _alternatives(col if isinstance(col, list) else [col]),
        columns=tuple(
            tuple(map(str, part)) if isinstance(part, list) else (str(part),) for part in cols or ()
        ),
        join=str(raw.get("join", " ")),
        first=first,
        except_value=None if except_value is None else str(except_value),
        value=None if raw.get("value") is None else str(raw["value"]),
        fact=None if raw.get("fact") is None else str(raw["fact"]),
        missing=None if missing is None else str(missing),
        scope=None if scope is None else str(scope),
        flag=None if flag is None else str(flag),
    )


def _timezone(raw: Any, p: _Problems) -> tuple[str, FieldSpec | None]:
    """The mapping's zone (``Europe/Kyiv``, ``UTC+3``, ``CET``) as pandas reads it, and its
    zone column (``timezone: {column: tz}``, with ``default:`` for rows without one)."""
    from linkgraph.ingest._zones import read_zone, zone_problem

    if raw is None:
        return "UTC", None
    if isinstance(raw, dict):
        _check_keys(raw, ("column", "default"), "timezone", p)
        column = raw.get("column")
        if not isinstance(column, str | list) or not column:
            p.add("timezone.column", "expected the name of the column that holds each row's zone")
            return "UTC", None
        names = column if isinstance(column, list) else [column]
        default, _ = _timezone(raw.get("default"), p)
        return default, FieldSpec(column=_alternatives(names))
    problem = zone_problem(str(raw))
    if problem is not None:
        p.add("timezone", problem)
        return "UTC", None
    return read_zone(str(raw)) or "UTC", None


def _network_where(raw: Any, p: _Problems) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``network.where: {COLUMN: VALUE or [VALUES], ...}``: the rows kept (all columns must
    hold one of their values)."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        p.add("network.where", "expected {COLUMN: VALUE or [VALUES]}, e.g. {graph: CAVIAR_FULL}")
        return ()
    out: list[tuple[str, tuple[str, ...]]] = []
    for column, wanted in raw.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if not values or any(v is None or isinstance(v, dict | list) for v in values):
            p.add(f"network.where.{column}", "expected a value or a list of values")
            continue
        out.append((str(column), tuple(str(v) for v in values)))
    return tuple(out)


def typo_of_kind(kind: str) -> str | None:
    """The known link kind that a network's ``kind`` is taken for a typo of ("calld" ->
    "called"), or None: a known kind, or a kind of its own name (``flow``,
    ``trafficked_to``), kept as written as graph files keep theirs.

    Examples:
        >>> typo_of_kind("calld"), typo_of_kind("called"), typo_of_kind("flow")
        ('called', None, None)
    """
    if kind in LINK_KINDS:
        return None
    close = difflib.get_close_matches(kind, list(LINK_KINDS), n=1, cutoff=0.75)
    return close[0] if close else None


def _named_network_columns(raw_net: dict[str, Any], presets: list[str]) -> tuple[str, ...]:
    """The optional network columns the mapping names itself: set, and not as the built-in
    presets it includes set them (a preset's weight names are guesses, not demands)."""
    inherited: dict[str, Any] = {}
    for name in presets:
        inherited |= _load_yaml(_preset_text(name), name).get("network") or {}
    return tuple(
        key
        for key in _OPTIONAL_NETWORK_COLUMNS
        if raw_net.get(key) is not None and raw_net.get(key) != inherited.get(key)
    )


def _net_column(raw: Any, key: str, p: _Problems) -> tuple[str, ...] | int | None:
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw  # type: ignore[no-any-return]
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and raw:
        return tuple(map(str, raw))
    p.add(key, f"expected a column name, a list of names or a 0-based position, got {raw!r}")
    return None


def _sheet(value: Any) -> str | tuple[str, ...] | None:
    """``sheet:`` as read: a sheet's name, or the names of several (``[2023, 2024]``: a
    workbook of a sheet a year, each read under the same mapping); one name alone in a
    list is that name.

    Examples:
        >>> _sheet(2024), _sheet([2023, "2024"]), _sheet(["Victims"]), _sheet(None)
        ('2024', ('2023', '2024'), 'Victims', None)
    """
    if value is None:
        return None
    if isinstance(value, list | tuple):
        names = tuple(dict.fromkeys(str(v) for v in value))
        return names[0] if len(names) == 1 else names
    return str(value)


def parse_mapping(
    data: dict[str, Any], *, name: str, base: Path | None, builtin: bool = False
) -> Mapping:
    """Validate plain mapping data (as read from YAML); every problem is reported at once.
    ``builtin``: the data is a built-in preset's (its optional columns are guesses)."""
    presets: list[str] = []
    data = _resolve_includes(dict(data), name, base, presets)
    p = _Problems()
    _check_keys(data, _TOP_KEYS, "", p)
    fmt = data.get("format")
    if fmt is not None and not isinstance(fmt, str):
        p.add("format", _format_not_a_word(fmt))
    elif fmt is not None and fmt not in FORMATS:
        p.add("format", f"unknown format {fmt!r}{_suggest(str(fmt), FORMATS)}")
    missing = data.get("missing_columns", "error")
    if missing not in ("error", "ignore"):
        p.add("missing_columns", f"expected error or ignore, got {missing!r}")
    for key in ("dayfirst", "buddhist_era"):
        if data.get(key) is not None and not isinstance(data[key], bool):
            p.add(key, f"expected true or false (or leave it out to infer), got {data[key]!r}")
    sheet = data.get("sheet")
    if isinstance(sheet, list) and (not sheet or any(isinstance(x, dict | list) for x in sheet)):
        p.add("sheet", f"expected a sheet's name or a list of names, got {sheet!r}")
    decimal = data.get("decimal")
    if decimal is not None and decimal not in (",", "."):
        p.add("decimal", f'expected "," or "." (or leave it out to infer), got {decimal!r}')
    for key in ("header_row", "skip_rows"):
        v = data.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            p.add(key, f"expected a row number (0 or more), got {v!r}")
    fmt, widths = _fixed_widths(data, fmt, p)
    region = data.get("region")
    if region is not None and (problem := _region_problem(region)) is not None:
        p.add("region", problem)
    timezone, timezone_column = _timezone(data.get("timezone"), p)
    row_filters = _row_filters(data.get("skip_rows_where"), p)

    entities: list[EntitySpec] = []
    raw_entities = data.get("entities") or {}
    if not isinstance(raw_entities, dict):
        p.add("entities", "expected a mapping of slot name -> {type:, fields:}")
        raw_entities = {}
    for slot, spec in raw_entities.items():
        where = f"entities.{slot}"
        if not isinstance(spec, dict):
            p.add(where, "expected {type: T, fields: {...}}")
            continue
        _check_keys(spec, _ENTITY_KEYS, where, p)
        etype = spec.get("type")
        by_name = isinstance(etype, list) and sorted(map(str, etype)) == ["organisation", "person"]
        if by_name:
            etype = "person"
        elif isinstance(etype, list):
            p.add(
                f"{where}.type",
                f"a list of types can only be [person, organisation] (a person, or an"
                f" organisation where the name carries a legal form), got {etype!r}",
            )
            etype = str(etype)
        elif not isinstance(etype, str) or etype not in ENTITY_TYPES:
            p.add(
                f"{where}.type",
                f"unknown entity type {etype!r}{_suggest(str(etype), list(ENTITY_TYPES))}",
            )
            etype = str(etype)
        fields_raw = spec.get("fields") or {}
        if not isinstance(fields_raw, dict) or not fields_raw:
            p.add(f"{where}.fields", "expected a mapping of field -> column")
            fields_raw = {}
        fields = {}
        for fname, fraw in fields_raw.items():
            fs = _field(fraw, f"{where}.fields.{fname}", p)
            _check_field_name(str(fname), f"{where}.fields.{fname}", p)
            if fs is not None:
                fields[_event_field_name(str(fname)) if etype == "event" else str(fname)] = fs
        split = spec.get("split")
        each = spec.get("each")
        selects = _where(spec.get("where"), each, f"{where}.where", p)
        entity = EntitySpec(
            str(slot),
            str(etype),
            fields,
            None if split is None else str(split),
            None if each is None else str(each),
            selects,
            organisations_by_name=by_name,
        )
        if fields and etype in ENTITY_TYPES and not _can_make_mentions(entity):
            p.add(
                f"{where}.fields",
                f"slot {slot!r} can make no {etype} mention: it needs one of"
                f" {', '.join(identifying_fields(str(etype)))} (from a column, a value or a fact)",
            )
        entities.append(entity)

    slots = [e.slot for e in entities]
    links: list[LinkSpec] = []
    raw_links = data.get("links") or []
    if not isinstance(raw_links, list):
        p.add("links", "expected a list of {kind:, src:, dst:}")
        raw_links = []
    for i, spec in enumerate(raw_links):
        where = f"links[{i}]"
        if not isinstance(spec, dict):
            p.add(where, "expected {kind: K, src: SLOT, dst: SLOT}")
            continue
        _check_keys(spec, _LINK_KEYS, where, p)
        for end in ("src", "dst"):
            if spec.get(end) not in slots:
                p.add(
                    f"{where}.{end}",
                    f"no entity slot {spec.get(end)!r}{_suggest(str(spec.get(end)), slots)}",
                )
        if not spec.get("kind"):
            p.add(f"{where}.kind", "every link needs a kind (e.g. uses_phone, called, paid)")
        elif spec["kind"] not in LINK_KINDS:
            p.add(
                f"{where}.kind",
                f"unknown link kind {spec['kind']!r}"
                + _suggest(str(spec["kind"]), list(LINK_KINDS)),
            )
        direction = spec.get("direction", "as_given")
        if direction not in DIRECTIONS:
            p.add(f"{where}.direction", f"unknown direction{_suggest(str(direction), DIRECTIONS)}")
        if direction == "debit" and spec.get("debit") is None:
            p.add(f"{where}.debit", "direction: debit needs `debit:` (the debit column)")
        if direction == "incoming" and spec.get("incoming") is None:
            p.add(
                f"{where}.incoming",
                "direction: incoming needs `incoming:` (the column that says IN or OUT)",
            )
        otherwise = _otherwise(spec.get("otherwise"), slots, f"{where}.otherwise", p)
        if spec.get("record_type") is not None and spec.get("kind") != "called":
            p.add(
                f"{where}.record_type",
                "record_type: reads a CDR's record type (voice, SMS, data): give it on a"
                " `called` link",
            )
        attrs_raw = spec.get("attrs") or {}
        attrs = {}
        if isinstance(attrs_raw, dict):
            for aname, araw in attrs_raw.items():
                fs = _field(araw, f"{where}.attrs.{aname}", p)
                if fs is not None:
                    attrs[str(aname)] = fs
        else:
            p.add(f"{where}.attrs", "expected a mapping of name -> column")
        links.append(
            LinkSpec(
                kind=str(spec.get("kind")),
                src=str(spec.get("src")),
                dst=str(spec.get("dst")),
                time=_field(spec.get("time"), f"{where}.time", p),
                amount=_field(spec.get("amount"), f"{where}.amount", p),
                currency=_field(spec.get("currency"), f"{where}.currency", p),
                weight=_field(spec.get("weight"), f"{where}.weight", p),
                attrs=attrs,
                direction=str(direction),
                debit=_field(spec.get("debit"), f"{where}.debit", p),
                incoming=_field(spec.get("incoming"), f"{where}.incoming", p),
                otherwise=otherwise,
                record_type=_field(spec.get("record_type"), f"{where}.record_type", p),
            )
        )

    network = None
    if data.get("network") is not None or fmt in ("edgelist", "matrix"):
        raw_net = data.get("network") or {}
        if not isinstance(raw_net, dict):
            p.add("network", "expected a mapping (source:, target:, weight:, combine:, ...)")
            raw_net = {}
        _check_keys(raw_net, _NETWORK_KEYS, "network", p)
        combine = raw_net.get("combine", "sum")
        if combine not in COMBINE_RULES:
            p.add(
                "network.combine",
                f"unknown rule {combine!r}{_suggest(str(combine), COMBINE_RULES)}",
            )
        node_type = raw_net.get("node_type", "person")
        if node_type not in ENTITY_TYPES:
            p.add(
                "network.node_type",
                f"unknown entity type {node_type!r}{_suggest(str(node_type), list(ENTITY_TYPES))}",
            )
        target_type = raw_net.get("target_type")
        if target_type is not None and target_type not in ENTITY_TYPES:
            p.add(
                "network.target_type",
                f"unknown entity type {target_type!r}"
                f"{_suggest(str(target_type), list(ENTITY_TYPES))}",
            )
        kind = raw_net.get("kind", "contacted")
        if (close := typo_of_kind(str(kind))) is not None:
            p.add(
                "network.kind",
                f"unknown link kind {kind!r}; did you mean {close!r}? (kinds:"
                f" {', '.join(LINK_KINDS)}; a kind of another name is kept as written, e.g."
                " flow, trafficked_to)",
            )
        group_by = raw_net.get("group_by") or ()
        network = NetworkSpec(
            source=_net_column(raw_net.get("source", 0), "network.source", p),  # type: ignore[arg-type]
            target=_net_column(raw_net.get("target", 1), "network.target", p),  # type: ignore[arg-type]
            weight=_net_column(raw_net.get("weight"), "network.weight", p),
            time=_net_column(raw_net.get("time"), "network.time", p),
            kind=str(kind),
            node_type=str(node_type),
            node_prefix=str(raw_net.get("node_prefix") or ""),
            combine=str(combine),
            group_by=tuple(map(str, [group_by] if isinstance(group_by, str) else group_by)),
            directed=bool(raw_net.get("directed", True)),
            target_type=None if target_type is None else str(target_type),
            nodes=None if raw_net.get("nodes") is None else str(raw_net["nodes"]),
            source_role=_net_column(raw_net.get("source_role"), "network.source_role", p),
            target_role=_net_column(raw_net.get("target_role"), "network.target_role", p),
            direction=_net_column(raw_net.get("direction"), "network.direction", p),
            where=_network_where(raw_net.get("where"), p),
            named=() if builtin else _named_network_columns(raw_net, presets),
        )
    elif not entities and fmt not in ("ftm", "goaml"):
        p.add("entities", "a mapping needs at least one entity slot")
    if network is not None and row_filters:
        p.add("skip_rows_where", "skips rows of a table read with entities:, not of a network")

    if p.items:
        key, message = p.items[0]
        more = "; ".join(f"{k}: {m}" for k, m in p.items[1:])
        raise MappingError(
            message + (f" (also: {more})" if more else ""),
            source=Path(name).name if base is not None else name,
            key=key,
            hint="see docs/mapping.md for every key,"
            " or start from `linkgraph mapping suggest FILE`",
        )
    header = data.get("header")
    required = data.get("required_columns") or ()
    return Mapping(
        name=name,
        format=fmt,
        encoding=data.get("encoding"),
        sheet=_sheet(data.get("sheet")),
        records=data.get("records"),
        agency=None if data.get("agency") is None else str(data["agency"]),
        region=None if region is None else str(region).upper(),
        dayfirst=None if data.get("dayfirst") is None else bool(data["dayfirst"]),
        buddhist_era=data.get("buddhist_era") is not False,
        decimal=None if decimal is None else str(decimal),
        header_row=data.get("header_row"),
        skip_rows=int(data.get("skip_rows") or 0),
        widths=widths,
        timezone=timezone,
        timezone_column=timezone_column,
        timezone_set=data.get("timezone") is not None,
        delimiter=data.get("delimiter"),
        header=None if header is None else bool(header),
        missing_columns=str(missing),
        required_columns=tuple(
            tuple(map(str, r)) if isinstance(r, list) else (str(r),) for r in required
        ),
        entities=tuple(entities),
        links=tuple(links),
        network=network,
        skip_rows_where=row_filters,
        presets=tuple(dict.fromkeys(presets)),
    )
