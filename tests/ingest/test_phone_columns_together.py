"""Phone columns read together (a CDR's caller and callee, rows without a region of their
own) read each cell as the column read alone would, and count the same national numbers."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from linkgraph.ingest._examples import Examples
from linkgraph.ingest.build import (
    REGION_READINGS,
    _Ctx,
    _phones_by_region,
    _phones_of_columns,
)


def test_phone_columns_read_together_read_as_each_alone() -> None:
    columns = [
        pd.Series(["07544 534963", "+447544534963", "call me", None, "0044 7867665478"]),
        pd.Series(["07867 665478", "", "+44 20 7946 0958", "07544534963"], index=[5, 6, 7, 8]),
    ]
    columns = [c.astype("string") for c in columns]

    def ctx() -> SimpleNamespace:
        out = SimpleNamespace(
            mapping=SimpleNamespace(region="GB"),
            state={},
            region=None,
            chunk=SimpleNamespace(rows=np.arange(2, 12)),  # file rows of the chunk's positions
            examples=Examples(),
        )
        out.quote = lambda example, at, texts: _Ctx.quote(out, example, at, texts)
        return out

    alone, together = ctx(), ctx()
    want = [_phones_by_region(c, np.arange(len(c)), alone) for c in columns]
    got = _phones_of_columns(columns, together)
    for (wn, wf, wc), (gn, gf, gc) in zip(want, got, strict=True):
        pd.testing.assert_series_equal(gn, wn)
        pd.testing.assert_series_equal(gf, wf)
        pd.testing.assert_series_equal(gc, wc)
    said, reference = together.state[REGION_READINGS], alone.state[REGION_READINGS]
    said.example.settle(())  # no victim rows
    reference.example.settle(())
    assert (said.national, str(said.example)) == (reference.national, str(reference.example))
    assert str(said.example) == "'07544 534963' -> +447544534963"
    assert said.national == 3  # 07544 534963, 07867 665478 and 07544534963
