"""A preset's columns found by their header's words when no exact name matched.

A preset lists the usual names of each column (``postcode``, ``zip_code``, ...). An
export with ``postcode_fake``, ``home_postcode`` or ``Email (private)`` matches none of
them, and a preset would leave the postcode unread: evidence lost to matching. Such a
column is read when ``mapping suggest`` would draft it as that field (its header words,
checked against its values where they tell: an e-mail column holds e-mails, a date of
birth dates, a role column role words, which make a role column whatever its header), the
field is one the preset left empty, and no other column is read for it.
A person's name read from a header that names a role ("Victim name", "Name des Opfers",
"Потерпіла", "Nombre de la víctima": the role words ``mapping suggest`` knows) gives the
persons of that file that role, unless a column gives their roles: a victim so named is
protected as a victim.
The ingest summary names every column read this way.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from linkgraph.ingest import normalize
from linkgraph.ingest._name_parts import name_part
from linkgraph.ingest.build import ColumnPlan
from linkgraph.ingest.mapping import FieldSpec, Mapping

#: Fields a column may be read as by its header's words: every person field ``mapping
#: suggest`` drafts, so that a header it maps ("F. Nac.", "护照号", "Subscriber phone") is
#: read by the preset too ("house_number" and "document_type" are no phone or document:
#: suggest reads them as a house number and a document's type).
LOOSE_FIELDS = frozenset(
    {"name", "given_name", "family_name", "dob", "sex", "nationality", "country", "city",
     "postcode", "email", "role", "phone", "document", "address"}
)  # fmt: skip

#: The fields of a person's name, whose header may name the person's role.
_NAME_FIELDS = ("name", "given_name", "family_name")

#: Fields whose values must mostly read as that field (share of the sampled values).
_VALUE_CHECKS = {"email": normalize.email, "dob": normalize.date}
_MIN_SHARE = 0.5


def _with_digit(value: str) -> str | None:
    return value if any(c.isdigit() for c in value) else None


def _values_fit(field: str, values: list[str], region: str | None) -> bool:
    from linkgraph.ingest.suggest import _phone_any, _role_share, _share

    if field == "role":  # a column of role words ("víctima", "victime"), whatever its header
        return _role_share(values) >= _MIN_SHARE
    if field == "phone":  # phone numbers, not a count or a house number
        return bool(values) and _share(values, lambda v: _phone_any(v, region)) >= _MIN_SHARE
    if field == "document":  # numbers ("FE119153"), not dates nor yes/no ("Documents seen")
        return (
            bool(values)
            and _share(values, _with_digit) >= _MIN_SHARE
            and _share(values, normalize.date) < _MIN_SHARE
        )
    check = _VALUE_CHECKS.get(field)
    if check is None:
        return True
    return bool(values) and _share(values, check) >= _MIN_SHARE


def read_loose_headers(
    mapping: Mapping, plan: ColumnPlan, frame: pd.DataFrame
) -> tuple[ColumnPlan, list[str]]:
    """``plan`` with the preset's empty fields read from columns named loosely (see the
    module), and a note for the ingest summary per column so read.

    The first slot of each entity type with a field of that name takes the column, as an
    exact header would (a person's postcode and the address's postcode)."""
    from linkgraph.ingest.suggest import _PEOPLE_ROLES, _columns_info

    used = {c for c in plan.resolved.values() if c}
    unread = [str(c) for c in frame.columns if str(c) not in used and str(c).strip()]
    if not unread:
        resolved = dict(plan.resolved)
        notes = _name_beside_part(mapping, resolved, frame)
        return ColumnPlan(resolved, dict(plan.values)), notes
    # Per field, the empty alternatives of the first slot of each entity type: a second
    # slot of one type ("email_2") stays empty, as a second exact header would fill it.
    empty: dict[str, dict[str, tuple[str, ...]]] = {}
    for entity in mapping.entities:
        if entity.each is not None:
            continue
        for name, spec in entity.fields.items():
            alternatives = _main_part(name, spec, plan)
            if name in LOOSE_FIELDS and alternatives is not None:
                empty.setdefault(name, {}).setdefault(entity.type, alternatives)
    if not empty:
        resolved = dict(plan.resolved)
        notes = _name_beside_part(mapping, resolved, frame)
        return ColumnPlan(resolved, dict(plan.values)), notes
    sample = frame[unread].head(200).replace("", pd.NA)
    info: dict[str, dict[str, Any]] = _columns_info(sample, mapping.region)
    resolved = dict(plan.resolved)
    notes = []
    named_roles: dict[str, str] = {}  # a person's name column -> the role its header names
    for column in unread:
        field = info[column]["field"]
        if field not in empty or not _values_fit(field, info[column]["values"], mapping.region):
            continue
        slots = empty.pop(field)
        for alternatives in slots.values():
            resolved[alternatives] = column
        role = info[column]["role"]
        if field in _NAME_FIELDS and "person" in slots and role in _PEOPLE_ROLES:
            named_roles[column] = role
        notes.append(
            f"column {column!r} read as {field} (by its header's words"
            f"{' or values' if field == 'role' else ''}; no column has one"
            " of the preset's names for it): if that is wrong, map the file"
            " (`linkgraph mapping suggest FILE` drafts a mapping)"
        )
    notes += _name_beside_part(mapping, resolved, frame)
    values = dict(plan.values)
    role_column = _person_role_column(mapping, resolved)
    if role_column is not None and len(set(named_roles.values())) == 1:
        role = next(iter(named_roles.values()))
        values[role_column] = role
        notes.append(
            f"persons read from {', '.join(map(repr, named_roles))} given role {role}"
            " (their header names it; no column gives their roles): if that is wrong, map"
            " the file (`linkgraph mapping suggest FILE` drafts a mapping)"
        )
    return ColumnPlan(resolved, values), notes


def _main_part(name: str, spec: FieldSpec, plan: ColumnPlan | None) -> tuple[str, ...] | None:
    """The column alternatives a loosely named column fills for a field none of whose
    columns the file has: the field's column, or of a field written over several columns
    (a date of birth as year, month and day; two family names; house number and street)
    the part that lists the field's own name (else the first), which holds it whole."""
    resolved = {} if plan is None else plan.resolved
    if spec.column:
        return spec.column if resolved.get(spec.column) is None else None
    if not spec.columns or spec.first or any(resolved.get(p) for p in spec.columns):
        return None
    return next((p for p in spec.columns if name in p), spec.columns[0])


def _name_beside_part(
    mapping: Mapping, resolved: dict[tuple[str, ...], str | None], frame: pd.DataFrame
) -> list[str]:
    """The first person slot's name column read as a given or family name, in
    ``resolved``, when its header is only "Name" and the file gives the other part only
    (``_name_parts``: "Name, Surname"; "Name, Vorname"); the summary's note, if so."""
    person = next((e for e in mapping.entities if e.type == "person" and e.each is None), None)
    if person is None or not {"name", "given_name", "family_name"} <= set(person.fields):
        return []
    name_spec = person.fields["name"]
    column = resolved.get(name_spec.column) if name_spec.column else None
    given = person.fields["given_name"]
    family = person.fields["family_name"]
    given_col = resolved.get(given.column) if given.column else None
    family_cols = [c for c in (resolved.get(p) for p in family.columns) if c] or (
        [c] if family.column and (c := resolved.get(family.column)) else []
    )
    if column is None or column not in frame.columns or bool(given_col) == bool(family_cols):
        return []
    part, beside = ("family_name", family_cols[0]) if family_cols else ("given_name", given_col)
    assert beside is not None
    read_as = name_part(column, frame[column].head(1000), frame[beside].head(1000), part)
    if read_as is None:
        return []
    target = given.column if read_as == "given_name" else _main_part(read_as, family, None)
    if target is None:
        return []
    resolved[name_spec.column] = None
    resolved[target] = column
    return [
        f"column {column!r} read as {read_as} (beside {beside!r}, the {part}; its cells are"
        " not whole names): if that is wrong, map the file (`linkgraph mapping suggest"
        " FILE` drafts a mapping)"
    ]


def _person_role_column(
    mapping: Mapping, resolved: dict[tuple[str, ...], str | None]
) -> tuple[str, ...] | None:
    """The role field's column alternatives of the first person slot, when no column of
    the file is read for it (the preset's role is then the header's)."""
    for entity in mapping.entities:
        if entity.type != "person" or entity.each is not None:
            continue
        spec = entity.fields.get("role")
        if spec is None or not spec.column or spec.constant:
            return None
        return spec.column if resolved.get(spec.column) is None else None
    return None
