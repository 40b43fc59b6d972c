"""The places of a victim in the routes tables: the place strings of the mentions that
describe her (her rows, the places linked to her), which every output withholds unless it
shows victims (`linkgraph routes --table places`, the exports' places table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case


#: What the places table shows for a place string of a victim's (see victims_place_values).
VICTIMS_PLACE = "(a victim's place, withheld)"


def victims_place_values(case: Case) -> set[str]:
    """The place strings of the mentions that describe a victim or an identifier she holds
    (:func:`linkgraph.privacy.protected_ids`): those mentions, the places (events,
    locations) in their rows, and the places linked to them from other rows (a location
    history's visits: "Home", "Hotel Unirea"). Outputs withhold them, as the exports
    withhold those places' rows and addresses."""
    import pandas as pd

    from linkgraph.metrics.routes import place_strings
    from linkgraph.privacy import protected_ids

    protected = protected_ids(case)
    if not protected:
        return set()
    m = case.mentions
    ids = m["mention_id"].astype(str)
    entity = case.entity_of().reindex(ids).astype(str)
    hers = entity.isin(protected).to_numpy()
    row_key = m["source"].astype(str) + "\x1f" + m["row"].astype("string").fillna("")
    same_row = row_key.isin(set(row_key[hers])).to_numpy()
    own = set(ids[hers | same_row])
    links = case.links
    src, dst = links["src"].astype(str), links["dst"].astype(str)
    linked = set(dst[src.isin(own)]) | set(src[dst.isin(own)])
    is_place = m["type"].astype(str).isin(["event", "location"]).to_numpy()
    described = own | set(ids[is_place & ids.isin(linked).to_numpy()])
    strings = place_strings(case)
    values = strings.loc[strings["mention_id"].astype(str).isin(described), "value"]
    return set(pd.unique(values.astype(str)))


def withhold_place_values(places: pd.DataFrame, hers: set[str]) -> pd.DataFrame:
    """``places`` with the ``value`` of each of ``hers``, and the part of it that named the
    place (``matched``: a point's coordinates are all of it), shown as
    :data:`VICTIMS_PLACE`."""
    out = places.copy()
    mine = out["value"].astype(str).isin(hers).to_numpy()
    for column in ("value", "matched"):
        if column in out.columns:
            hide = mine & out[column].notna().to_numpy()
            out[column] = out[column].astype(object).where(~hide, VICTIMS_PLACE)
    return out
