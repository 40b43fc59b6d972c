"""Precision and recall of cross-agency person matches against ground truth.

The unit is a pair (entity of agency A, entity of agency B) as each agency resolved its
own case. A pair is true when both entities are (by majority of their mentions) the same
true person; victims of A are left out of truth and predictions alike (bundles leave
them out by default).

:func:`evaluate_linkage` is the one call a notebook makes (``lg.evaluate_linkage``); the
pair helpers below it (public in :mod:`linkgraph.share`) are its parts, for a benchmark
that scores several linkages against one set of true pairs.
"""

from __future__ import annotations

import json
import os

import pandas as pd

from linkgraph.model import Case, case_from
from linkgraph.privacy import is_victim
from linkgraph.resolve.evaluate import truth_clusters
from linkgraph.share.encoding import person_id
from linkgraph.share.join import RULE_PREFIX
from linkgraph.share.secret import Secret

Pair = tuple[str, str]


def _person_entities(case: Case, *, drop_victims: bool) -> pd.DataFrame:
    m = case.mentions
    p = m[(m["type"].astype(str) == "person") & ~m["source"].astype(str).str.startswith("partner:")]
    ent = case.entity_of().reindex(p["mention_id"].astype(str)).to_numpy()
    role = p["role"] if "role" in p else pd.Series(None, index=p.index)
    out = pd.DataFrame(
        {
            "mention_id": p["mention_id"].astype(str).to_numpy(),
            "entity_id": ent,
            "victim": role.map(is_victim).fillna(False).astype(bool).to_numpy(),
        }
    )
    if drop_victims:
        victims = set(out.loc[out["victim"], "entity_id"])
        out = out[~out["entity_id"].isin(victims)]
    return out


def _majority(entities: pd.DataFrame, truth: pd.Series) -> pd.Series:
    df = entities.assign(person=truth.reindex(entities["mention_id"]).to_numpy()).dropna(
        subset=["person"]
    )
    return df.groupby("entity_id")["person"].agg(lambda s: s.value_counts().index[0])


def true_pairs(a: Case, b: Case, truth: pd.DataFrame) -> set[Pair]:
    """(A entity, B entity) pairs that are the same true person.

    ``truth`` is a ground-truth table as :func:`linkgraph.evaluate` takes it (``mention_id``
    and a cluster column, or ``source``, ``row``, ``person_id`` as ``truth/mentions.csv`` of
    the sample); an entity is the true person most of its mentions are. A's victims are
    left out (a bundle leaves them out by default).
    """
    ea = _person_entities(a, drop_victims=True)
    eb = _person_entities(b, drop_victims=False)
    ta = _majority(ea, truth_clusters(truth, a.mentions))
    tb = _majority(eb, truth_clusters(truth, b.mentions))
    joined = pd.DataFrame({"a": ta.index, "p": ta.to_numpy()}).merge(
        pd.DataFrame({"b": tb.index, "p": tb.to_numpy()}), on="p"
    )
    return set(zip(joined["a"], joined["b"], strict=True))


def linked_pairs(joined: Case, a: Case, secret: Secret) -> set[Pair]:
    """(A entity, B entity) pairs that `link` matched in ``joined`` (B's case + A's bundle,
    as :func:`~linkgraph.share.link_partners` returns it); ``secret`` is the one A's
    bundle was written with (it turns A's entities into the bundle's tokens)."""
    ea = _person_entities(a, drop_victims=False)
    pids = pd.Series(
        ea["entity_id"].to_numpy(),
        index=person_id(secret, ea["entity_id"].astype(str).to_numpy(), a.pseudonym_key),
    )
    pids = pids[~pids.index.duplicated()]
    ev = joined.evidence
    if ev is None:
        return set()
    ev = ev[ev["rule"].astype(str).str.startswith(RULE_PREFIX)]
    attrs = joined.mentions.set_index("mention_id")["attrs"]
    token = [json.loads(str(attrs.get(r, "{}")) or "{}").get("partner_token") for r in ev["right"]]
    ent = joined.entity_of()
    local = ent.reindex(ev["left"].astype(str)).to_numpy()
    return {(str(pids[t]), str(e)) for t, e in zip(token, local, strict=True) if t in pids.index}


def plaintext_pairs(joint: Case, a: Case, b: Case) -> set[Pair]:
    """(A entity, B entity) pairs whose mentions one plaintext resolution of both agencies'
    files put into one entity (``joint`` holds the mentions of both)."""
    ea = _person_entities(a, drop_victims=True)
    eb = _person_entities(b, drop_victims=False)
    ent = joint.entity_of()
    ea = ea.assign(j=ent.reindex(ea["mention_id"]).to_numpy())
    eb = eb.assign(j=ent.reindex(eb["mention_id"]).to_numpy())
    both = ea[["entity_id", "j"]].merge(eb[["entity_id", "j"]], on="j").dropna()
    return set(zip(both["entity_id_x"], both["entity_id_y"], strict=True))


def pair_scores(true: set[Pair], predicted: set[Pair]) -> dict[str, float]:
    """Precision, recall and F1 of predicted against true pairs, with the counts."""
    tp = len(true & predicted)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": len(true),
        "predicted_pairs": len(predicted),
        "true_positives": tp,
    }


def evaluate_linkage(
    case_a: Case | str | os.PathLike[str],
    case_b: Case | str | os.PathLike[str],
    truth: pd.DataFrame | str | os.PathLike[str],
    *,
    joined: Case | str | os.PathLike[str],
    secret: Secret,
    plaintext: Case | str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """How well linking A's bundle against B's case found the persons both agencies hold.

    Args:
        case_a: agency A's resolved case (the one whose bundle was linked), or its folder.
        case_b: agency B's resolved case as it was before the link, or its folder.
        truth: the ground truth (a DataFrame or a truth CSV's path), as
            :func:`linkgraph.evaluate` takes it; it covers the mentions of both cases.
        joined: what :func:`linkgraph.link_partners` returned for B's case and A's bundle
            (or the folder of the case ``linkgraph link`` wrote).
        secret: the secret A's bundle was written with (:func:`linkgraph.read_secret`).
        plaintext: optionally, one resolution of both agencies' files together: the
            reference a linkage without names should come close to.

    Returns:
        One column per linkage scored (``bundle linkage``, and ``plaintext resolution``
        when ``plaintext`` is given) and one row per figure: ``precision``, ``recall``,
        ``f1``, ``true_pairs``, ``predicted_pairs``, ``true_positives``. A pair is
        (A's entity, B's entity); A's victims are in neither the truth nor the matches.

    Example (notebooks/02_two_agencies.ipynb)::

        joined, _ = lg.link_partners(case_b, [bundle_a], secret)
        scores = lg.evaluate_linkage(case_a, case_b, truth, joined=joined, secret=secret)
        scores.loc["precision", "bundle linkage"]
    """
    from linkgraph._arguments import check_argument

    truth = check_argument("evaluate_linkage", "truth", truth, None)  # a path is read
    a = case_from(case_a, "evaluate_linkage")
    b = case_from(case_b, "evaluate_linkage")
    true = true_pairs(a, b, truth)
    scores = {
        "bundle linkage": pair_scores(
            true, linked_pairs(case_from(joined, "evaluate_linkage"), a, secret)
        )
    }
    if plaintext is not None:
        both = case_from(plaintext, "evaluate_linkage")
        scores["plaintext resolution"] = pair_scores(true, plaintext_pairs(both, a, b))
    return pd.DataFrame(scores)
