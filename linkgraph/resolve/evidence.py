"""The evidence table: scored pairs with their field-by-field levels, similarities and weights."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.resolve.comparisons import COMPARISONS, NAME_EXACT

#: How the rule of an ambiguous pair begins: a short name that fits two people on the
#: identifier the pair shares ("Ion" on the phone of "Ion Popescu" and "Ion Vasilescu").
#: ``review`` and the report list such pairs first for a decision.
AMBIGUOUS_PREFIX = "ambiguous: "
#: The rule of an ambiguous pair, ``{}`` the identifier shared ("phone", "e-mail", ...).
AMBIGUOUS_RULE = AMBIGUOUS_PREFIX + "name fits two people on one {}"
#: The rule of a pair with nothing but a name in common, one date of birth missing, whose
#: full name several people in the case bear, told apart by their dates of birth
#: (``scoring.name_fits_several``): which of them the undated record is, only an analyst
#: can say.
SHARED_NAME_RULE = AMBIGUOUS_PREFIX + "name fits several people, no date of birth"
#: The rule of a copy of one record paired with the mention that stands for the record
#: (:mod:`~linkgraph.resolve.identical`): equal in every field resolution compares.
IDENTICAL_RULE = "identical record"
#: The key of an evidence row's ``fields`` that marks a copy of one record paired with
#: the mention that stood for it (whatever the row's rule: a record whose copies do not
#: match stays apart with the rule its score gives).
COPY_FIELD = "identical_copy"


def full_name_level(exact: bool, alike: bool) -> str:
    """The level of the ``full_name`` field (the name calibration): both names at the
    level "exact" and spelt alike ("both names exact"), at that level through a nickname
    or variant ("Bill" / "William", which the level counts as exact), or one name spelt
    two ways.

    >>> full_name_level(True, True), full_name_level(True, False)
    ('both names exact', 'both names agree, one a nickname or variant of the other')
    """
    if not exact:
        return "one name spelt two ways"
    if alike:
        return "both names exact"
    return "both names agree, one a nickname or variant of the other"


#: The key of ``fields`` that lists the names agreeing only as one name written in
#: Cyrillic and in Latin letters ("Джеймс" / "James"), and its JSON by the bits of the
#: comparison's ``names_across_scripts`` (1: given name, 2: family name).
ACROSS_SCRIPTS_FIELD = "across_scripts"
ACROSS_SCRIPTS_JSON = (
    "",
    f',"{ACROSS_SCRIPTS_FIELD}":["given_name"]',
    f',"{ACROSS_SCRIPTS_FIELD}":["family_name"]',
    f',"{ACROSS_SCRIPTS_FIELD}":["given_name","family_name"]',
)


def _num(values: np.ndarray, digits: int) -> pa.Array:
    arr = pa.array(np.round(values.astype(np.float64), digits))
    return pc.cast(arr, pa.large_string())


def fields_json(scored: pd.DataFrame, names: Sequence[str]) -> pd.api.extensions.ExtensionArray:
    """One JSON object per scored pair: ``{field: {"level", "similarity", "weight"}}``;
    a field whose value is missing on a side (nothing compared, no weight) is ``null``.

    Built column-wise with Arrow string kernels: no Python loop over the pairs.
    """
    if len(scored) == 0:
        return pd.array([], dtype=pd.StringDtype("pyarrow"))
    n = len(scored)

    def const(text: str) -> pa.Scalar:
        return pa.scalar(text, pa.large_string())

    parts: list[pa.Array | pa.Scalar] = []
    for i, name in enumerate(names):
        labels = pa.array(list(COMPARISONS[name].labels), pa.large_string())
        codes = scored[f"{name}_level"].to_numpy(np.int64)
        sim = scored[f"{name}_sim"].to_numpy()
        weight = scored[f"{name}_weight"].to_numpy()
        tf = scored[f"tf_{name}"].to_numpy() if f"tf_{name}" in scored else None
        key = ("{" if i == 0 else ",") + f'"{name}":'
        # A value missing on a side (level "null", nothing compared, no weight) is
        # written as null: most fields of most pairs of a case of sparse records, whose
        # full objects made the table several times larger and slower to build.
        empty = (codes == 0) & (sim == 0) & (weight == 0)
        if tf is not None:
            empty &= tf == 0
        if empty.all():
            parts.append(const(key + "null"))
            continue
        # The objects are built for the compared pairs only, then placed among the nulls.
        at = np.flatnonzero(~empty) if empty.any() else slice(None)
        pieces: list[pa.Array | pa.Scalar] = [
            const(key + '{"level":"'),
            pc.take(labels, pa.array(codes[at])),
            const('","similarity":'),
            _num(sim[at], 3),
            const(',"weight":'),
            _num(weight[at], 3),
        ]
        if tf is not None:
            pieces += [const(',"tf_adjustment":'), _num(tf[at], 3)]
        pieces.append(const("}"))
        full = pc.binary_join_element_wise(*pieces, const(""))
        if empty.any():
            nulls = pa.array([key + "null"], pa.large_string()).take(np.zeros(n, np.int32))
            full = pc.replace_with_mask(nulls, pa.array(~empty), full)
        parts.append(full)
    if "name_calibration" in scored:
        # The calibration of exact full names (scoring.full_name_calibration), as a field.
        cal = scored["name_calibration"].to_numpy(np.float64)
        text = pc.cast(pa.array(np.round(cal, 3)), pa.large_string())
        exact = np.ones(len(cal), dtype=bool)
        alike = np.ones(len(cal), dtype=bool)
        for c in ("given_name", "family_name"):
            if f"{c}_level" in scored:
                exact &= scored[f"{c}_level"].to_numpy() == COMPARISONS[c].code("exact")
            if f"{c}_sim" in scored:
                alike &= scored[f"{c}_sim"].to_numpy() >= NAME_EXACT
        level = pc.if_else(
            pa.array(exact & alike),
            const(full_name_level(True, True)),
            pc.if_else(
                pa.array(exact),
                const(full_name_level(True, False)),
                const(full_name_level(False, False)),
            ),
        )
        piece = pc.binary_join_element_wise(
            const(',"full_name":{"level":"'),
            level,
            const('","similarity":1,"weight":'),
            text,
            const("}"),
            const(""),
        )
        parts.append(pc.if_else(pa.array(cal != 0), piece, const("")))
    if "entity_size" in scored:
        # The entity-size prior (entity_prior.entity_size_boost), as a field.
        boost = scored["entity_size"].to_numpy(np.float64)
        text = pc.cast(pa.array(np.round(boost, 3)), pa.large_string())
        piece = pc.binary_join_element_wise(
            const(',"entity_size":{"level":"joins a person seen often","similarity":1,"weight":'),
            text,
            const("}"),
            const(""),
        )
        parts.append(pc.if_else(pa.array(boost != 0), piece, const("")))
    if "two_lists" in scored:
        # The left-overs' prior of two lists (two_lists.pair_left_overs), as a field.
        bits = scored["two_lists"].to_numpy(np.float64)
        text = pc.cast(pa.array(np.round(bits, 3)), pa.large_string())
        piece = pc.binary_join_element_wise(
            const(',"two_lists":{"level":"left unlinked in two lists of the same people",'),
            const('"similarity":1,"weight":'),
            text,
            const("}"),
            const(""),
        )
        parts.append(pc.if_else(pa.array(bits != 0), piece, const("")))
    if "swapped" in scored:
        swapped = np.where(scored["swapped"].to_numpy(bool), ',"swapped_names":true', "")
        parts.append(pa.array(swapped.astype(object), pa.large_string()))
    if "names_across_scripts" in scored:
        # Names agreeing only as one name in Cyrillic and in Latin letters (a bit each).
        across = np.asarray(ACROSS_SCRIPTS_JSON, dtype=object)[
            scored["names_across_scripts"].to_numpy(np.int8)
        ]
        parts.append(pa.array(across, pa.large_string()))
    parts.append(const("}"))
    if not any(isinstance(p, pa.Array) for p in parts):
        parts.insert(0, pa.array(np.full(n, "", dtype=object), pa.large_string()))
    # Kept in Arrow (pandas' own string dtype): a Python str per pair would cost seconds
    # and hundreds of MiB at millions of pairs.
    joined = pc.binary_join_element_wise(*parts, const(""))
    return pd.array(pc.cast(joined, pa.large_string()), dtype=pd.StringDtype("pyarrow"))


#: What a field written as ``null`` (see :func:`fields_json`) stands for.
MISSING_FIELD = {"level": "null", "similarity": 0, "weight": 0}


def read_fields(text: object) -> dict[str, object]:
    """An evidence row's ``fields`` JSON as a dict, each field an object: a field written
    ``null`` (its value missing on a side) comes back as ``MISSING_FIELD``. Text that is
    not a JSON object gives ``{}``.

    Examples:
        >>> read_fields('{"dob":null,"phone":{"level":"same","similarity":1,"weight":9.2}}')["dob"]
        {'level': 'null', 'similarity': 0, 'weight': 0}
        >>> read_fields(None)
        {}
    """
    import json

    try:
        data = json.loads(str(text)) if isinstance(text, str) else None
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: dict(MISSING_FIELD) if v is None else v for k, v in data.items()}
