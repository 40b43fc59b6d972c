"""The evidence table: scored pairs with their field-by-field levels, similarities and weights."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.resolve.comparisons import COMPARISONS


def _num(values: np.ndarray, digits: int) -> pa.Array:
    arr = pa.array(np.round(values.astype(np.float64), digits))
    return pc.cast(arr, pa.large_string())


def fields_json(scored: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """One JSON object per scored pair: ``{field: {"level", "similarity", "weight"}}``.

    Built column-wise with Arrow string kernels: no Python loop over the pairs.
    """
    if len(scored) == 0:
        return np.empty(0, dtype=object)
    parts: list[pa.Array] = []
    for i, name in enumerate(names):
        labels = np.asarray(COMPARISONS[name].levels, dtype=object)
        level = labels[scored[f"{name}_level"].to_numpy(np.int64)]
        prefix = ("{" if i == 0 else ",") + f'"{name}":{{"level":"'
        pieces = [
            pa.array(np.full(len(scored), prefix, dtype=object), pa.large_string()),
            pa.array(level, pa.large_string()),
            pa.array(np.full(len(scored), '","similarity":', dtype=object), pa.large_string()),
            _num(scored[f"{name}_sim"].to_numpy(), 3),
            pa.array(np.full(len(scored), ',"weight":', dtype=object), pa.large_string()),
            _num(scored[f"{name}_weight"].to_numpy(), 3),
        ]
        if f"tf_{name}" in scored:
            pieces += [
                pa.array(
                    np.full(len(scored), ',"tf_adjustment":', dtype=object), pa.large_string()
                ),
                _num(scored[f"tf_{name}"].to_numpy(), 3),
            ]
        pieces.append(pa.array(np.full(len(scored), "}", dtype=object), pa.large_string()))
        parts.append(pc.binary_join_element_wise(*pieces, pa.scalar("", pa.large_string())))
    extra = [pa.array(np.full(len(scored), "", dtype=object), pa.large_string())]
    if "swapped" in scored:
        extra = [
            pa.array(
                np.where(scored["swapped"].to_numpy(bool), ',"swapped_names":true', ""),
                pa.large_string(),
            )
        ]
    parts += [*extra, pa.array(np.full(len(scored), "}", dtype=object), pa.large_string())]
    return np.asarray(
        pc.binary_join_element_wise(*parts, pa.scalar("", pa.large_string())).to_pylist(),
        dtype=object,
    )
