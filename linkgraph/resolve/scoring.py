"""Match weights: Fellegi-Sunter m/u probabilities learnt by EM without labels, term-frequency
adjustment for names, and the strong-identifier rules."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.resolve.blocking import COMMON_NAME_DATES
from linkgraph.resolve.clustering import components
from linkgraph.resolve.comparisons import (
    COMPARISONS,
    NAME_SIMILAR,
    _memo,
    at_level,
    dob_conflict,
    level_code,
)

#: Comparisons whose "exact" level gets a term-frequency adjustment, and the feature whose
#: value frequencies it uses: the one that level compares (nicknames count as the same
#: given name, so the given name's frequency is that of its canonical form). A shared rare
#: name or date of birth counts more than a shared common one (a date many records are
#: given, "1862-01-01" for every year-only birth, tells little).
TF_FIELDS = {
    "given_name": "given_canon",
    "family_name": "family_name",
    "dob": "dob8",
    "city": "city",
}
#: Of those, the ones whose adjustment is only a discount: a town that many of the
#: case's people share (a recruitment hub, a capital) counts less than the learnt weight
#: of an agreeing city, while a rare one keeps it (its u is never taken below the
#: default: :data:`SHARED_PLACES`).
TF_DISCOUNT_ONLY = frozenset({"city"})
#: The table of each city's share among the people of one nationality
#: (:func:`tf_tables`), keyed by nationality and city joined by a tab: two people of one
#: nationality who share a town of their country share what many of their compatriots
#: share, and the nationality that agrees has counted once already.
CITY_IN_NATIONALITY = "city_in_nationality"
#: Of those, the ones whose values are weighed against the chance that two of the
#: table's own entries share a value (the sum of its squared frequencies, as Splink's u of
#: the exact level is), not against the learnt u, which is estimated over mentions: a date
#: as common as most keeps its learnt weight, a placeholder that many people are given
#: ("1862-01-01" for everyone born in a known year) weighs less, a rare one more. So is a
#: city: in a small case its learnt u is held at the default (:data:`SHARED_PLACES`), far
#: below the share of a typical town among a few dozen people, which would otherwise
#: discount every town; a town no commoner than most keeps its learnt weight.
TF_SELF_REFERENCE = frozenset({"dob", "city"})
#: Comparisons whose agreeing levels short of "exact" ("close", "similar": a typo, another
#: transliteration, Попеску / Popescu) get the term-frequency discount of a common name
#: too, and the feature those frequencies are counted on: the name's transliteration
#: skeleton, which puts a name's spellings under one key. Only a discount: a spelling
#: that differs is rare by itself (every typo is), so rarity is no evidence there.
TF_SPELLINGS = {"given_name": "given_skeleton", "family_name": "family_skeleton"}
#: The suffix of those tables' names in :func:`tf_tables` ("family_name_spellings").
SPELLINGS = "_spellings"
_EPS = 1e-6


@dataclass(frozen=True)
class Model:
    """Learnt Fellegi-Sunter parameters; ``to_dict`` is what the case manifest stores.
    Frozen: what is learnt later (the term frequencies' reference, the name calibration)
    makes a new Model (``dataclasses.replace``).

    ``m[c][l]`` is P(level l of comparison c | match), ``u[c][l]`` the same for non-matches;
    level 0 (null) is not estimated and weighs nothing. ``prior`` is the share of matches
    among all pairs of mentions (among the candidate pairs when the model is not re-based:
    ``linkgraph.resolve.training``), less ``identical_pairs_not_counted``, the pairs of
    identical mentions blocking did not compare. ``tf_reference`` holds, per term-frequency field
    (:data:`TF_FIELDS`), the chance that two entries of its table share the value (sum of
    squared frequencies).
    """

    comparisons: tuple[str, ...]
    m: dict[str, list[float]]
    u: dict[str, list[float]]
    prior: float
    tf_reference: dict[str, float] = field(default_factory=dict)
    iterations: int = 0
    labelled_pairs: int = 0
    #: Bits added when both names agree exactly (see :func:`full_name_calibration`).
    name_calibration: float = 0.0
    name_calibration_info: dict[str, Any] = field(default_factory=dict)
    #: Whether different dates of birth veto a merge (see :func:`date_reliability`).
    dates_reliable: bool = True
    date_reliability_info: dict[str, Any] = field(default_factory=dict)
    #: Whether a recorded sex that differs keeps two mentions apart, read from all the
    #: case's pairs (see ``adjustments.sexes_reliable``).
    sexes_reliable: bool = True
    #: Whether two passport or id numbers of one kind that differ keep two mentions
    #: apart, read from the case's sure pairs (see ``adjustments.documents_reliable``).
    documents_reliable: bool = True
    document_reliability_info: dict[str, Any] = field(default_factory=dict)
    #: Whether plainly different given names of one family at one place or on one phone
    #: are a household, capped below a match (see ``adjustments.households_apart``).
    households_apart: bool = True
    household_info: dict[str, Any] = field(default_factory=dict)
    #: Whether the case gives 1 January for a year of birth alone, read from all its
    #: person mentions (see ``comparisons.year_placeholders``).
    year_placeholders: bool = False
    #: Pairs of identical mentions (one record repeated) that blocking left uncompared,
    #: left out of the pairs the prior is the share of (see ``training.AllPairsPrior``).
    identical_pairs_not_counted: int = 0
    #: Comparisons whose m, learnt with u re-estimated among the candidates, made a
    #: closer agreement weigh less than a looser one: EM was learnt again with u kept from
    #: random pairs (see ``training.ExpectationMaximisation``). Empty when it was not.
    em_u_fixed_for: tuple[str, ...] = ()

    def weights(self, name: str) -> np.ndarray:
        """log2(m/u) per level of comparison ``name`` (level 0 = 0); a level that says
        the values disagree (``Level.against``: "different", "far apart") weighs at most
        0, whatever m and u EM learnt (two given names that differ, or two birthdays of
        one year, are never evidence for a match)."""
        m = np.asarray(self.m[name], dtype=np.float64)
        u = np.asarray(self.u[name], dtype=np.float64)
        w = np.log2(np.maximum(m, _EPS) / np.maximum(u, _EPS))
        w[0] = 0.0
        against = np.array([lv.against for lv in COMPARISONS[name].levels], dtype=bool)
        if len(against) == len(w):
            w[against] = np.minimum(w[against], 0.0)
        return w

    @property
    def prior_weight(self) -> float:
        """log2 of the prior odds of a match among candidate pairs."""
        return float(np.log2(self.prior / (1 - self.prior)))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: per comparison its level labels, m, u and weights."""
        return {
            "prior": self.prior,
            "prior_weight": self.prior_weight,
            "iterations": self.iterations,
            "labelled_pairs": self.labelled_pairs,
            "tf_reference": self.tf_reference,
            "name_calibration": round(self.name_calibration, 4),
            "name_calibration_info": self.name_calibration_info,
            "dates_reliable": self.dates_reliable,
            "date_reliability_info": self.date_reliability_info,
            "sexes_reliable": self.sexes_reliable,
            "documents_reliable": self.documents_reliable,
            "document_reliability_info": self.document_reliability_info,
            "households_apart": self.households_apart,
            "household_info": self.household_info,
            "year_placeholders": self.year_placeholders,
            "identical_pairs_not_counted": self.identical_pairs_not_counted,
            "em_u_fixed_for": list(self.em_u_fixed_for),
            "comparisons": {
                c: {
                    "levels": list(COMPARISONS[c].labels),
                    "m": [round(x, 6) for x in self.m[c]],
                    "u": [round(x, 6) for x in self.u[c]],
                    "weight": [round(float(x), 4) for x in self.weights(c)],
                }
                for c in self.comparisons
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """The inverse of :meth:`to_dict`."""
        comps = data["comparisons"]
        return cls(
            comparisons=tuple(comps),
            m={c: _by_current_levels(c, v, "m") for c, v in comps.items()},
            u={c: _by_current_levels(c, v, "u") for c, v in comps.items()},
            prior=float(data["prior"]),
            tf_reference=dict(data.get("tf_reference", {})),
            iterations=int(data.get("iterations", 0)),
            labelled_pairs=int(data.get("labelled_pairs", 0)),
            name_calibration=float(data.get("name_calibration", 0.0)),
            name_calibration_info=dict(data.get("name_calibration_info", {})),
            dates_reliable=bool(data.get("dates_reliable", True)),
            date_reliability_info=dict(data.get("date_reliability_info", {})),
            sexes_reliable=bool(data.get("sexes_reliable", True)),
            documents_reliable=bool(data.get("documents_reliable", True)),
            document_reliability_info=dict(data.get("document_reliability_info", {})),
            households_apart=bool(data.get("households_apart", True)),
            household_info=dict(data.get("household_info", {})),
            year_placeholders=bool(data.get("year_placeholders", False)),
            identical_pairs_not_counted=int(data.get("identical_pairs_not_counted", 0)),
            em_u_fixed_for=tuple(data.get("em_u_fixed_for", ())),
        )


def _by_current_levels(name: str, stored: Mapping[str, Any], key: str) -> list[float]:
    """The stored ``m`` or ``u`` (``key``) of comparison ``name`` by its current levels: a
    model stored before a level was added (the date of birth's "far apart") gives it the
    value of its "different" level, which held those pairs then, so the case scores as
    it was resolved."""
    values = list(stored[key])
    labels = list(stored.get("levels", []))
    current = COMPARISONS[name].labels
    if len(values) == len(current) or len(labels) != len(values):
        return values
    by_label = dict(zip(labels, values, strict=True))
    fallback = by_label.get("different", 0.0)
    return [by_label.get(label, fallback) for label in current]


def level_matrix(compared: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """The ``<name>_level`` columns as one int8 matrix (pairs × comparisons)."""
    return np.column_stack([compared[f"{n}_level"].to_numpy(np.int8) for n in names])


def _initial_m(name: str) -> np.ndarray:
    """The comparison's default m probabilities (matches mostly agree)."""
    m = np.asarray(COMPARISONS[name].m_prior, dtype=np.float64).copy()
    m[0] = 0.0
    return m / m.sum()


def _level_freq(
    levels: np.ndarray,
    n_levels: int,
    weights: np.ndarray,
    prior: np.ndarray | None = None,
    strength: float = 0.0,
) -> np.ndarray:
    counts = np.bincount(levels, weights=weights, minlength=n_levels).astype(np.float64)
    counts[0] = 0.0
    counts[1:] += 0.5  # Laplace smoothing: no level has probability zero
    if prior is not None and strength > 0:
        # A Dirichlet prior worth ``strength`` pairs: small cases keep sensible weights,
        # large ones are driven by their data.
        p = np.asarray(prior, dtype=np.float64).copy()
        p[0] = 0.0
        counts += strength * p / p.sum()
    return counts / counts.sum()


def estimate_u(
    levels: np.ndarray, names: Sequence[str], *, prior_strength: float = 2000.0
) -> dict[str, np.ndarray]:
    """u probabilities from the levels of random pairs (almost all non-matches).

    The comparison's default ``u_prior`` counts as ``prior_strength`` pairs, which
    matters only for tiny cases, where the "random" pairs are all pairs, matches included.
    """
    ones = np.ones(len(levels))
    return {
        n: _level_freq(
            levels[:, i],
            len(COMPARISONS[n].levels),
            ones,
            np.asarray(COMPARISONS[n].u_prior),
            prior_strength,
        )
        for i, n in enumerate(names)
    }


#: Least candidate pairs at a comparison's agreeing levels (neither null nor ``against``)
#: for EM to learn its m. With fewer, the candidates hold no example of what a match
#: looks like on that field, and EM fits m to whatever else it takes for matches: a list
#: of forty people whose twenty names each recur once with a date of birth ten or twenty
#: years apart (no pair born on one day) made "different date" weigh nothing, since all
#: twenty namesake pairs were the "matches". Such a comparison keeps its default m.
MIN_AGREEING_PAIRS = 10


#: Comparisons whose levels that say the values disagree (``Level.against``: the date of
#: birth's "different" and "far apart") keep at most their default m, whatever EM learns:
#: on a small or skewed case EM can take a cluster of namesakes born on other days for
#: the matches (Han names read family name first meet their Latin spellings, 王伟 and
#: "Wei Wang" of other birthdays), learn that matches' dates often differ and make a
#: conflicting date of birth weigh nothing. Bounded in every M-step, so that EM cannot
#: settle on such a class at all. A date in conflict weighs at least as much against a
#: match as the defaults say (log2 of the default m over the learnt u). Not where the
#: case's sure pairs show its dates unreliable (:func:`date_reliability`: fake1000's
#: copies disagree on a third of their dates): there EM learns how often they differ.
BOUNDED_AGAINST = frozenset({"dob"})


def bound_against(
    name: str, m: np.ndarray, default: np.ndarray, *, levels: np.ndarray | None = None
) -> np.ndarray:
    """``m`` of comparison ``name`` with each level that says the values disagree (or
    only the ``levels`` given, a mask by code) at most its ``default`` m; what it held
    over goes to the other levels (null excepted) in proportion to their m (the most
    likely m under that bound).

    >>> bound_against("dob", np.array([0, .1, .0, .0, .5, .4]),
    ...               np.array([0, .85, .1, .03, .015, .005])).round(4).tolist()
    [0.0, 0.98, 0.0, 0.0, 0.015, 0.005]
    """
    against = np.array([lv.against for lv in COMPARISONS[name].levels], dtype=bool)
    if levels is not None:
        against = np.asarray(levels, dtype=bool)
    out = np.asarray(m, dtype=np.float64).copy()
    if len(against) != len(out):
        return out
    capped = np.zeros(len(out), dtype=bool)
    while True:
        over = against & ~capped & (out > default)
        if not over.any():
            return out
        capped |= over
        out[over] = default[over]
        rest = ~capped
        rest[0] = False
        left = 1.0 - out[capped].sum() - out[0]
        share = out[rest].sum()
        out[rest] = out[rest] * left / share if share > 0 else left / max(rest.sum(), 1)


def _agreeing_pairs(levels: np.ndarray, counts: np.ndarray, name: str) -> float:
    """How many pairs (``counts`` per pattern, ``levels`` its level of comparison
    ``name``) are at a level that says the values agree."""
    agree = [i for i, level in enumerate(COMPARISONS[name].levels) if i and not level.against]
    return float(counts[np.isin(levels, agree)].sum())


def train_em(
    levels: np.ndarray,
    names: Sequence[str],
    *,
    u_init: Mapping[str, np.ndarray] | None = None,
    labels: np.ndarray | None = None,
    iterations: int = 40,
    tolerance: float = 1e-5,
    prior_strength: float = 50.0,
    fix_u: bool = False,
    bounded: Collection[str] = BOUNDED_AGAINST,
) -> Model:
    """Fellegi-Sunter m, u and prior by expectation-maximisation over the candidate pairs.

    The pairs are collapsed to their distinct level patterns with counts first, so an
    iteration costs the same for ten thousand or ten million pairs.

    Args:
        levels: pairs × comparisons level matrix (see :func:`level_matrix`).
        names: the comparison names, one per column.
        u_init: starting u per comparison (from random pairs); a flat guess when None.
        labels: optional per-pair label: 1 match, 0 non-match, -1 unknown. Labelled
            pairs keep their label as their match responsibility (semi-supervised EM).
        iterations: the most EM steps.
        tolerance: stop when no parameter moves by more than this.
        prior_strength: how many pairs the default m (and the starting u) are worth as
            a Dirichlet prior; it keeps the weights sensible on a case of a few dozen pairs.
        fix_u: keep ``u_init`` (from random pairs) and learn only m and the prior, as
            Splink does; otherwise u is learnt too.
        bounded: the comparisons whose disagreeing levels keep at most their default m
            (:data:`BOUNDED_AGAINST`; none where the case's dates are unreliable).
    """
    k = len(names)
    sizes = np.array([len(COMPARISONS[n].levels) for n in names], dtype=np.int64)
    if labels is None:
        labels = np.full(len(levels), -1, dtype=np.int8)
    radix = np.concatenate([[1], np.cumprod(sizes[:-1])]) if k else np.empty(0, np.int64)
    code = levels.astype(np.int64) @ radix if k else np.zeros(len(levels), np.int64)
    # One pattern per (levels, label) combination.
    code = code * 3 + (labels.astype(np.int64) + 1)
    uniq, inverse, counts = unique(code, return_inverse=True, return_counts=True)
    first = np.zeros(len(uniq), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(levels))[::-1]
    pat = levels[first].astype(np.int64)
    pat_label = labels[first]
    counts = counts.astype(np.float64)

    m = {n: _initial_m(n) for n in names}
    u = {
        n: (
            np.asarray(u_init[n], dtype=np.float64).copy()
            if u_init is not None
            else _initial_m(n)[::-1].copy()
        )
        for n in names
    }
    for n in names:
        u[n][0] = 0.0
    m0 = {n: v.copy() for n, v in m.items()}
    u0 = {n: v.copy() for n, v in u.items()}
    own_bound = {n: np.array([lv.bounded for lv in COMPARISONS[n].levels]) for n in names}
    # A comparison on which (almost) no candidate pair agrees holds no example of what a
    # match looks like: its m stays the default (see MIN_AGREEING_PAIRS).
    learn_m = {n: _agreeing_pairs(pat[:, i], counts, n) >= MIN_AGREEING_PAIRS
               for i, n in enumerate(names)}  # fmt: skip
    prior = 0.2
    it = 0
    for it in range(1, iterations + 1):  # noqa: B007 - the count is reported
        log_m = np.zeros(len(uniq))
        log_u = np.zeros(len(uniq))
        for i, n in enumerate(names):
            lm = np.log(np.maximum(m[n], _EPS))
            lu = np.log(np.maximum(u[n], _EPS))
            lm[0] = lu[0] = 0.0
            log_m += lm[pat[:, i]]
            log_u += lu[pat[:, i]]
        logit = np.log(prior / (1 - prior)) + log_m - log_u
        resp = 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))
        resp = np.where(pat_label == 1, 1.0, np.where(pat_label == 0, 0.0, resp))
        wm = resp * counts
        wu = (1 - resp) * counts
        delta = 0.0
        for i, n in enumerate(names):
            new_m = (
                _level_freq(pat[:, i], int(sizes[i]), wm, m0[n], prior_strength)
                if learn_m[n]
                else m[n]
            )
            if n in bounded:
                new_m = bound_against(n, new_m, m0[n])
            if own_bound[n].any():  # levels bounded whatever the case (Level.bounded)
                new_m = bound_against(n, new_m, m0[n], levels=own_bound[n])
            new_u = (
                u[n] if fix_u else _level_freq(pat[:, i], int(sizes[i]), wu, u0[n], prior_strength)
            )
            delta = max(delta, float(np.abs(new_m - m[n]).max()), float(np.abs(new_u - u[n]).max()))
            m[n], u[n] = new_m, new_u
        new_prior = (wm.sum() + 0.2 * prior_strength) / (counts.sum() + prior_strength)
        new_prior = float(np.clip(new_prior, 1e-6, 1 - 1e-6))
        delta = max(delta, abs(new_prior - prior))
        prior = new_prior
        if delta < tolerance:
            break
    return Model(
        comparisons=tuple(names),
        m={n: [float(x) for x in m[n]] for n in names},
        u={n: [float(x) for x in u[n]] for n in names},
        prior=prior,
        iterations=it,
        labelled_pairs=int((labels >= 0).sum()),
    )


def identity_anchor(features: pd.DataFrame) -> np.ndarray:
    """What tells one bearer of a name from another, per mention: the date of birth, else
    the document, else the first phone, account or e-mail ("" when there is none).

    A person has a handful of anchors at most (a date of birth, a phone or two, an
    account), however often they are mentioned, so counting distinct (name, anchor)
    pairs counts the *people* behind a name, each about as often as any other person.
    """
    n = len(features)
    anchor = np.full(n, "", dtype=object)
    dob = features["dob"].to_numpy(dtype=object) if "dob" in features else anchor
    todo = dob == ""  # a date of birth wins: the other anchors only where it is missing
    for col, tag in (("email", "e:"), ("account", "a:"), ("phone", "p:"), ("document", "d:")):
        if col not in features:
            continue
        values = features[col].to_numpy(dtype=object)
        have = np.flatnonzero(todo & (values != ""))
        first = pd.Series(values[have], dtype=object)
        multi = first.str.contains("|", regex=False).to_numpy(bool)
        if multi.any():
            first[multi] = first[multi].str.split("|", n=1).str[0]
        anchor[have] = tag + first.to_numpy(dtype=object)
    have = ~todo
    anchor[have] = "b:" + pd.Series(dob[have], dtype=object).to_numpy(dtype=object)
    return anchor


def tf_tables(features: pd.DataFrame) -> dict[str, pd.Series]:
    """Relative frequency of each value of the term-frequency fields (:data:`TF_FIELDS`
    present in ``features``; non-empty values), counted over the distinct people bearing
    it rather than over mentions.

    A value is common when many *people* bear it. Counted over mentions, a person named
    in forty call records would make their own surname "common" and so weaken the very
    agreements that should merge those forty mentions. Counted over distinct
    (given name, family name, :func:`identity_anchor`), that person counts once per
    anchor (their date of birth, their phone, their account), and forty namesakes, each
    with their own phone, count forty times: a name that many people share is common,
    however sparsely each of them is described.

    A date of birth is counted over the distinct given names born on it, and over the
    distinct family names, whichever is fewer: one person's records that misspell one of
    their names still count once, and a date many people are given counts them all.

    The given and family names are also counted by their transliteration skeletons
    (:data:`TF_SPELLINGS`; tables ``given_name_spellings``, ``family_name_spellings``),
    for the discount of a common name agreeing short of exactly.
    """
    spelt = [c for c in TF_SPELLINGS.values() if c in features]
    names = pd.DataFrame(
        {
            "given_canon": features["given_canon"].to_numpy(dtype=object),
            "family_name": features["family_name"].to_numpy(dtype=object),
            **{c: features[c].to_numpy(dtype=object) for c in spelt},
            "anchor": identity_anchor(features),
        }
    ).drop_duplicates(["given_canon", "family_name", "anchor"])
    out = {}
    for f in ("given_name", "family_name"):
        values = names[TF_FIELDS[f]]
        values = values[values != ""]
        out[f] = values.value_counts(normalize=True)
        if TF_SPELLINGS[f] in spelt:
            # The same people counted by the name's skeleton: all its spellings as one.
            keys = names[TF_SPELLINGS[f]]
            out[f + SPELLINGS] = keys[keys != ""].value_counts(normalize=True)
    if "city" in features:
        out.update(_city_tables(features))
    if TF_FIELDS["dob"] in features:
        dob = features[TF_FIELDS["dob"]].to_numpy(dtype=object)
        dated = dob != ""
        given, family = (
            pd.DataFrame({"dob": dob[dated], "name": features[col].to_numpy(dtype=object)[dated]})
            .drop_duplicates()["dob"]
            .value_counts()
            for col in ("given_canon", "family_name")
        )
        people = np.minimum(given, family.reindex(given.index))  # both count every date
        out["dob"] = people / people.sum() if len(people) else people
    return out


def _city_tables(features: pd.DataFrame) -> dict[str, pd.Series]:
    """The share of the case's people (as :func:`tf_tables` counts them) living in each
    city (table ``city``), and in each city among the people of their nationality
    (:data:`CITY_IN_NATIONALITY`, keys "nationality<TAB>city")."""
    nationality = (
        features["nationality"].to_numpy(dtype=object)
        if "nationality" in features
        else np.full(len(features), "", dtype=object)
    )
    people = pd.DataFrame(
        {
            "given_canon": features["given_canon"].to_numpy(dtype=object),
            "family_name": features["family_name"].to_numpy(dtype=object),
            "anchor": identity_anchor(features),
            "city": features["city"].to_numpy(dtype=object),
            "nationality": nationality,
        }
    )
    people = people[people["city"] != ""].drop_duplicates(
        ["given_canon", "family_name", "anchor", "city"]
    )
    out = {"city": people["city"].value_counts(normalize=True)}
    national = people[people["nationality"] != ""]
    if len(national):
        key = national["nationality"] + "\t" + national["city"]
        share = (
            key.value_counts()
            / national["nationality"]
            .value_counts()
            .reindex(key.value_counts().index.str.split("\t").str[0])
            .to_numpy()
        )
        out[CITY_IN_NATIONALITY] = share
    return out


def tf_reference(tables: Mapping[str, pd.Series]) -> dict[str, float]:
    """Per table of :data:`TF_FIELDS`, the chance that two of its entries share a value:
    the sum of its squared frequencies."""
    return {f: float((t.to_numpy() ** 2).sum()) for f, t in tables.items() if f in TF_FIELDS}


def tf_per_mention(tf: Mapping[str, pd.Series], features: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per mention, the frequency (:func:`tf_tables`) of its value of each term-frequency
    field (0 when empty). A table of spellings (:data:`TF_SPELLINGS`) gives one array per
    name slot, ``"<table>:given_skeleton"`` and ``"<table>:family_skeleton"``: names
    compared in swapped order meet one mention's given name as the other's family name."""
    out = {}
    for name, table in tf.items():
        if name == CITY_IN_NATIONALITY:
            nationality = features["nationality"].to_numpy(dtype=object)
            key = pd.Series(nationality, dtype=object) + "\t" + features["city"].to_numpy(object)
            shares = table.reindex(key.to_numpy(dtype=object)).fillna(0).to_numpy(np.float64)
            empty = (nationality == "") | (features["city"].to_numpy(dtype=object) == "")
            out[name] = np.where(empty, 0.0, shares)  # (pandas 3 hands out read-only arrays)
            continue
        if name.endswith(SPELLINGS):
            for slot in TF_SPELLINGS.values():
                freq = table.reindex(features[slot].to_numpy(dtype=object))
                out[f"{name}:{slot}"] = freq.fillna(0).to_numpy(np.float64)
            continue
        freq = table.reindex(features[TF_FIELDS[name]].to_numpy(dtype=object))
        out[name] = freq.fillna(0).to_numpy(np.float64)
    return out


def spelling_frequency(
    compared: pd.DataFrame,
    name: str,
    per_mention: Mapping[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
) -> np.ndarray:
    """Per pair, the frequency of the name that comparison ``name`` (given or family)
    compared, counted over its spellings (:data:`TF_SPELLINGS`), the more common side's:
    a pair agreeing only roughly is as likely a pair of namesakes as the commoner
    spelling makes it. Where the names were compared in swapped order (columns
    ``swapped``, ``names_flipped``), the swapped side's other name slot is looked up."""
    table = name + SPELLINGS
    own = per_mention[f"{table}:{TF_SPELLINGS[name]}"]
    other_slot = next(c for f, c in TF_SPELLINGS.items() if f != name)
    other = per_mention[f"{table}:{other_slot}"]
    n = len(compared)
    swapped = compared["swapped"].to_numpy(bool) if "swapped" in compared else np.zeros(n, bool)
    flipped = (
        compared["names_flipped"].to_numpy(bool)
        if "names_flipped" in compared
        else np.zeros(n, bool)
    )
    at_left = np.where(swapped & flipped, other[left], own[left])
    at_right = np.where(swapped & ~flipped, other[right], own[right])
    return np.maximum(at_left, at_right)


def probability(weight: np.ndarray) -> np.ndarray:
    """Match probability of a match weight (log2 odds)."""
    # 1 / (1 + 2 ** -clip(w)), step by step in one array: millions of pairs, one
    # temporary instead of four.
    if not isinstance(weight, np.ndarray) or weight.ndim == 0 or weight.dtype.kind != "f":
        return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
    out = np.clip(weight, -60, 60)
    np.negative(out, out=out)
    np.exp2(out, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)
    return out


def score(
    compared: pd.DataFrame,
    model: Model,
    *,
    features: pd.DataFrame | None = None,
    left: np.ndarray | None = None,
    right: np.ndarray | None = None,
    tf: Mapping[str, pd.Series] | None = None,
    tf_max_bits: float = 4.0,
    tf_freq: Mapping[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Match weight and probability of every compared pair, before the adjustments of
    the scored pairs (:mod:`linkgraph.resolve.adjustments`).

    The weight is the prior weight plus log2(m/u) of each comparison's level. With ``tf``
    (see :func:`tf_tables`), an exact name agreement is adjusted by
    log2(u of the exact level / frequency of the shared value), bounded by
    ``tf_max_bits``: a shared rare surname counts more than a shared common one. A name
    agreeing short of exactly gets the discount of its commoner spelling
    (:func:`spelling_frequency`), never a bonus.

    Returns:
        ``compared`` with ``<name>_weight`` per comparison, ``tf_<field>`` adjustments,
        ``match_weight`` and ``match_probability`` added.

    ``tf_freq`` (see :func:`tf_per_mention`) saves looking the frequencies up again when
    the pairs are scored chunk by chunk.
    """
    # A shallow copy: pandas' copy-on-write keeps ``compared`` unchanged when columns are
    # added here, without duplicating millions of rows of levels and similarities.
    out = compared.copy(deep=False)
    total = np.full(len(out), model.prior_weight)
    if tf is not None and features is not None and tf_freq is None:
        tf_freq = tf_per_mention(tf, features)
    for name in model.comparisons:
        w = model.weights(name)[out[f"{name}_level"].to_numpy(np.int64)]
        if tf is not None and tf_freq is not None and name in tf and left is not None:
            exact = at_level(out, name, "exact")
            # Splink's adjustment: the exact level's weight becomes log2(m / freq) of
            # the shared value, i.e. log2(m/u) + log2(u / freq).
            ref = model.u[name][1]
            if name in TF_SELF_REFERENCE:
                # Learnt with the model (its tables'); from ``tf`` for a model without.
                ref = model.tf_reference.get(name) or tf_reference({name: tf[name]})[name]
            per_mention = tf_freq[name]
            freq = np.maximum(per_mention[left], per_mention[right])
            if name == "city" and CITY_IN_NATIONALITY in tf_freq:
                # One nationality on both sides: the city's share among its people.
                within = tf_freq[CITY_IN_NATIONALITY]
                same = (within[left] > 0) & at_level(out, "nationality", "same")
                freq = np.where(same, np.maximum(within[left], within[right]), freq)
            most = 0.0 if name in TF_DISCOUNT_ONLY else tf_max_bits
            adj = np.where(
                exact & (freq > 0),
                np.clip(np.log2(max(ref, 1e-12) / np.maximum(freq, 1e-12)), -tf_max_bits, most),
                0.0,
            )
            if name + SPELLINGS in tf and right is not None:
                exact_weight = float(model.weights(name)[COMPARISONS[name].code("exact")])
                adj = adj + _spelling_discount(
                    out, name, (ref, exact_weight), tf_freq, (left, right), w, tf_max_bits
                )
            out[f"tf_{name}"] = adj.astype(np.float32)
            w = w + adj
        out[f"{name}_weight"] = w.astype(np.float32)
        total = total + w
    if tf is not None and tf_freq is not None and FAMILY_SPELLINGS in tf and right is not None:
        out["family_common"] = common_family_name(out, tf, tf_freq, left, right)
    if features is not None and left is not None and right is not None:
        out["name_common"] = one_common_name(features, left, right)
    out["match_weight"] = total
    out["match_probability"] = probability(total)
    return out


#: The term-frequency table of family names counted over their spellings.
FAMILY_SPELLINGS = "family_name" + SPELLINGS


def common_family_name(
    compared: pd.DataFrame,
    tf: Mapping[str, pd.Series],
    per_mention: Mapping[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
) -> np.ndarray:
    """Per pair, whether the family name compared, counted over its spellings (the more
    common side's, :func:`spelling_frequency`), is borne by more people than the name of
    a typical person in the case is (the table's :func:`tf_reference`): "Popescu" among
    Romanians, "Smith" in an English register. Read by :func:`weak_name_pairs`."""
    table = tf[FAMILY_SPELLINGS]
    typical = float((table.to_numpy() ** 2).sum())
    freq = spelling_frequency(compared, "family_name", per_mention, left, right)
    return freq > typical


def _spelling_discount(
    compared: pd.DataFrame,
    name: str,
    exact: tuple[float, float],
    per_mention: Mapping[str, np.ndarray],
    pairs: tuple[np.ndarray, np.ndarray],
    level_weight: np.ndarray,
    max_bits: float,
) -> np.ndarray:
    """The term-frequency discount of the pairs whose names agree short of exactly
    ("close", "similar"): they count no more than an exact match of the commoner spelling
    would, its weight adjusted for its frequency (``exact``: the exact level's u, the
    reference of that adjustment, and its learnt weight; the frequency counted over all
    spellings, :func:`spelling_frequency`), and never less than nothing (a common name
    agreeing roughly says little, but nothing against a match).

    Capped rather than discounted by log2(u / frequency) as an exact match is: that
    adjustment shifts an exact weight to log2(m / frequency), which does not depend on
    u, but taken off a rough level's own weight it does, and u (from random mention pairs,
    in a small case mostly its prior) can sit ten times below the frequency of a name
    only one person bears: every rough agreement, the rarest names' too, would lose three
    bits ("Romucci" for "Ronucci" no longer merging). A rare name's exact weight is above
    its rough levels', so only a name commoner than most is capped (Попеску / Popescu no
    higher than Popescu / Popescu)."""
    near = at_level(compared, name, "close", "similar")
    if not near.any():
        return np.zeros(len(compared))
    ref, exact_weight = exact
    freq = spelling_frequency(compared, name, per_mention, *pairs)
    bits = np.log2(max(ref, 1e-12) / np.maximum(freq, 1e-12))
    as_exact = exact_weight + np.clip(bits, -max_bits, max_bits)
    positive = np.maximum(level_weight, 0.0)
    cut = np.clip(as_exact, 0.0, None) - positive
    return np.where(near & (freq > 0), np.clip(cut, -positive, 0.0), 0.0)


def apply_name_calibration(scored: pd.DataFrame, model: Model) -> pd.DataFrame:
    """Add the model's :func:`full_name_calibration` bits to the pairs whose given and
    family names both agree exactly (column ``name_calibration``), in ``match_weight`` and
    ``match_probability``; ``scored`` unchanged when the model has none. A negative
    calibration (namesakes) goes to one name spelt two ways (:func:`spelt_otherwise`)
    with full dates of birth in conflict too."""
    if not model.name_calibration or not {"given_name", "family_name"} <= set(model.comparisons):
        return scored
    both = at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    if model.name_calibration < 0:
        # One name spelt two ways ("Khalid Al-Rashid" / "Khaled Alrashid") is the name its
        # namesakes share: with full dates of birth in conflict it is held to the same
        # namesake rate as the name spelt alike, else a spelling variant would outweigh
        # the dates that tell two namesakes apart.
        both |= spelt_otherwise(scored) & _flag(scored, "dob_conflict")
    cal = np.where(both, model.name_calibration, 0.0)
    scored["name_calibration"] = cal.astype(np.float32)
    total = scored["match_weight"].to_numpy() + cal
    scored["match_weight"] = total
    scored["match_probability"] = probability(total)
    return scored


def spelt_otherwise(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose given and family names both agree strongly (exact, a nickname, or
    close: Jaro-Winkler >= 0.92, transliterations, one typo), in either order, but not
    both exactly: one name spelt two ways. Neither name an initial."""
    given = at_level(scored, "given_name", "exact", "close")
    family = at_level(scored, "family_name", "exact", "close")
    exact = at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    return given & family & ~exact & ~_flag(scored, "initial")


#: Fewest exact-name pairs with both dates of birth for :func:`full_name_calibration`.
CALIBRATION_MIN_PAIRS = 50
_CALIBRATION_MAX_BITS = 8.0


def full_name_calibration(scored: pd.DataFrame, model: Model) -> tuple[float, dict[str, Any]]:
    """Bits to add to pairs whose given and family names both agree exactly, so that such
    a pair, with nothing else known, gets the match probability this case's own data
    shows: the share of exact-name pairs that are one person.

    Fellegi-Sunter multiplies the chance that a non-match shares the given name by the
    chance that it shares the family name. Whether full namesakes are common depends on
    the population (a town where every third man is Ivan Petrov, or a case where names
    are rarely shared) and independence gets it wrong either way. The case tells: among
    exact-name pairs where both mentions have a date of birth, those whose dates differ
    (by more than a typo or a day/month swap) are namesakes. Their share ``r``, shrunk
    towards the model's own namesake rate (worth :data:`CALIBRATION_MIN_PAIRS` pairs), is
    the target: the calibration is the shift, within ±8 bits,
    of the name-only log-odds the model gives those pairs (prior, name weights and their
    term-frequency adjustments) that makes their mean match probability 1 - r. So shared
    rare names still count more than shared common ones, around a level the data sets.
    Fewer than :data:`CALIBRATION_MIN_PAIRS` such pairs: no calibration.
    """
    got = calibration_sample(scored, model)
    if got is None:
        return 0.0, {"pairs": 0}
    return calibration_bits(*got)


def calibration_sample(scored: pd.DataFrame, model: Model) -> tuple[np.ndarray, int] | None:
    """What :func:`full_name_calibration` learns from: the name-only log-odds of the
    exact-name pairs with both dates of birth, and how many of them are namesakes (None
    when the comparisons lack names or dates). Scored chunk by chunk, the chunks' samples
    concatenated give :func:`calibration_bits` what the whole would."""
    needed = {"given_name_level", "family_name_level", "dob_level"}
    if not needed <= set(scored.columns):
        return None
    exact = at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    sample = exact & ~at_level(scored, "dob", "null")
    # Other years, or one year with other full dates, are namesakes; one year where a date
    # is only a year (a register's year of birth) tells nothing against one person.
    partial = (
        scored["dob_partial"].to_numpy(bool)
        if "dob_partial" in scored
        else np.zeros(len(scored), dtype=bool)
    )
    other = at_level(scored, "dob", "different", "far_apart")
    other |= at_level(scored, "dob", "same_year") & ~partial
    namesakes = int(other[sample].sum())
    name_only = (
        model.prior_weight
        + scored["given_name_weight"].to_numpy(np.float64)[sample]
        + scored["family_name_weight"].to_numpy(np.float64)[sample]
    )
    return name_only, namesakes


def calibration_bits(logit: np.ndarray, namesakes: int) -> tuple[float, dict[str, Any]]:
    """The calibration of :func:`full_name_calibration` from its sample (see
    :func:`calibration_sample`)."""
    n = len(logit)
    info: dict[str, Any] = {"pairs": n}
    if n < CALIBRATION_MIN_PAIRS:
        return 0.0, info
    mean = float(np.mean(probability(logit)))
    current = float(np.log2(mean / max(1 - mean, 1e-12)))
    # The model's own namesake rate counts as CALIBRATION_MIN_PAIRS pairs: with a few
    # dozen pairs, one namesake more or less would swing the calibration by two bits.
    k = float(CALIBRATION_MIN_PAIRS)
    rate = (namesakes + k * (1 - mean)) / (n + k)
    target = float(np.log2((1 - rate) / rate))
    # The shift that makes the mean name-only match probability of these pairs 1 - r.
    lo, hi = -_CALIBRATION_MAX_BITS, _CALIBRATION_MAX_BITS
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.mean(probability(logit + mid)) < 1 - rate:
            lo = mid
        else:
            hi = mid
    bits = float((lo + hi) / 2)
    info.update(
        namesakes=namesakes,
        namesake_rate=round(rate, 5),
        target_log2_odds=round(target, 3),
        model_log2_odds=round(current, 3),
    )
    return bits, info


#: Jaro-Winkler of two family names' transliteration skeletons from which a shared phone,
#: e-mail or account and an agreeing given name make a match (see :func:`strong_rules`).
FAMILY_ALIKE = 0.7

#: The rules :func:`strong_rules` names ("" for none).
STRONG_RULES = (
    "",
    "same account + name",
    "same email + name",
    "same phone + name",
    "same document",
)


def strong_rules(scored: pd.DataFrame) -> pd.Series:
    """The strong-identifier rule each pair meets ("" when none).

    - ``same document``: same passport / id number, dates of birth not in conflict, and
      the names not different on both given and family name.
    - ``same phone + name`` / ``same email + name`` / ``same account + name``: same
      phone, e-mail or account and both names agree (exact, nickname or Jaro-Winkler
      >= 0.92, in either order), dates of birth not in conflict. A phone is not a person:
      a victim's SIM registered to her controller, or a family's shared line, joins two
      people whose names differ, so an initial or a family name alone is not enough;
      nor does a phone or e-mail join dates of birth a generation apart (a father and
      his son on the family's landline), an account does.
      The given name agreeing so beside a family name that is only alike (Jaro-Winkler
      of the transliteration skeletons >= :data:`FAMILY_ALIKE`, neither an initial nor a
      man's and a woman's form) is enough: one surname spelt by two languages'
      conventions (Cebotari / Ciobotaru, Kazaku / Cazacu, Tcaciuc / Tkachuk), which the
      learnt weights put among the different ones. One name within the other (every
      word of one a word of the other, the longer one's given name among them:
      "Blessing" / "Blessing Osaro Igbinedion"; column ``name_within``) is enough too: a
      contact saved by the given name alone. The household on one phone has one
      family name and several given names, and stays to the weights.
    """
    n = len(scored)
    conflict = _flag(scored, "dob_conflict")
    names_differ = at_level(scored, "given_name", "different") & at_level(
        scored, "family_name", "different", "unrelated"
    )
    given_agree = at_level(scored, "given_name", "exact", "close")
    name_agree = at_level(scored, "family_name", "exact", "close") & given_agree
    if "family_name_sim" in scored:
        fsim = scored["family_name_sim"].to_numpy()
        # "different" at >= NAME_SIMILAR is a man's and a woman's form (Ivanov / Ivanova).
        alike = at_level(scored, "family_name", "similar") | (
            at_level(scored, "family_name", "different", "unrelated")
            & (fsim >= FAMILY_ALIKE)
            & (fsim < NAME_SIMILAR)
        )
        name_agree |= given_agree & alike & ~_flag(scored, "initial")
    # One name within the other ("Blessing" / "Blessing Osaro Igbinedion"): a contact
    # saved by her given name on her own phone.
    name_agree |= _flag(scored, "name_within")
    rule = np.full(n, "", dtype=object)
    # Later rules win: the document over a phone over an e-mail over an account.
    # A household's phone or e-mail is shared across generations: dates of birth a
    # generation apart (comparisons.generations_apart) are not joined by it.
    generations = _flag(scored, "generations_apart")
    # Nor does it join "John Smith Jr." and "John Smith" with no date of birth or age on
    # either to tell a father from his son (column ``suffix_undated``).
    generations |= _flag(scored, "suffix_undated")
    for ident in ("account", "email", "phone"):
        met = at_level(scored, ident, "same") & name_agree & ~conflict
        if ident != "account":
            met &= ~generations
        rule = np.where(met, f"same {ident} + name", rule)
    met = at_level(scored, "document", "same") & ~names_differ & ~conflict
    rule = np.where(met, "same document", rule)
    return pd.Series(rule, index=scored.index, dtype=object)


def _flag(scored: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column of the scored pairs (False everywhere when absent)."""
    if column not in scored:
        return np.zeros(len(scored), dtype=bool)
    return scored[column].to_numpy().astype(bool)


#: Above this share of anchor pairs (see :func:`date_reliability`) giving different full
#: dates of birth, the case's dates are too unreliable to veto a merge.
DATES_UNRELIABLE = 0.15
#: Fewer anchor pairs with both dates than this say nothing: dates count as reliable.
DATES_MIN_ANCHORS = 30


def with_date_reliability(model: Model, scored: pd.DataFrame) -> Model:
    """``model`` with :func:`date_reliability` of the compared pairs ``scored``."""
    reliable, share, anchors = date_reliability(scored)
    info = {"dated_anchor_pairs": anchors, "conflicting_share": share}
    return replace(model, dates_reliable=reliable, date_reliability_info=info)


def sure_pairs(scored: pd.DataFrame, *, same_dob: bool = False) -> np.ndarray:
    """The pairs that are one person whatever else they say: both names exact (or a
    nickname) and the same phone, e-mail, account or document (or, with ``same_dob``,
    the same date of birth). Siblings sharing a phone are never among them (their given
    names differ)."""
    shared = at_level(scored, "dob", "exact") if same_dob else np.zeros(len(scored), bool)
    for name in ("phone", "email", "account", "document"):
        shared |= at_level(scored, name, "same")
    return (
        shared & at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    )


def pair_weight(scored: pd.DataFrame) -> np.ndarray:
    """How many pairs of mentions each row of ``scored`` stands for: its ``pair_weight``
    column (a pair of representatives of copies, see :mod:`~linkgraph.resolve.identical`),
    1 each without it."""
    if "pair_weight" not in scored:
        return np.ones(len(scored), dtype=np.int64)
    return scored["pair_weight"].to_numpy(np.int64)


def date_reliability(scored: pd.DataFrame) -> tuple[bool, float, int]:
    """Whether different full dates of birth may veto a merge in this case, read from
    its anchor pairs: both names exact (or a nickname) and the same phone, e-mail,
    account or document, pairs that are the same person whatever their dates say.

    Registries and case files mostly give a person one date of birth: 1 % (the synthetic
    agency exports) to 6 % (FEBRL's corrupted copies) of a person's pairs of records
    disagree on it, and two dates that differ then mark namesakes, so clustering refuses
    to join them and the weak-name cap asks for no date conflict. Where a larger share of
    the anchors (above :data:`DATES_UNRELIABLE`, of at least :data:`DATES_MIN_ANCHORS`
    with both dates) give another date (self-declared or scraped data, heavily corrupted
    lists), a different date is weak evidence, and only the learnt weight of the
    "different" level counts it. Siblings sharing a phone or address are never anchors
    (their given names differ), nor are pairs without a shared identifier; nor a father
    and the son named after him on the household's phone, nor namesakes whom something
    else already keeps apart: dates of birth a generation apart (column
    ``generations_apart``), a conflict of generational suffixes or of sexes (column
    ``sex_conflict``), documents that differ. Their dates differ because they are two
    people, not because the case's dates are unreliable.

    Args:
        scored: compared pairs with the ``<comparison>_level`` columns and
            ``dob_conflict`` (and ``pair_weight``, see :func:`pair_weight`).

    Returns:
        (reliable, share of the dated anchors whose dates conflict, dated anchors).
    """
    anchor = sure_pairs(scored) & ~at_level(scored, "dob", "null")
    anchor &= ~_flag(scored, "generations_apart") & ~_flag(scored, "sex_conflict")
    anchor &= ~at_level(scored, "document", "different")
    weight = pair_weight(scored)[anchor]
    anchors = int(weight.sum())
    if anchors < DATES_MIN_ANCHORS or "dob_conflict" not in scored:
        return True, 0.0, anchors
    share = float(np.average(scored["dob_conflict"].to_numpy(bool)[anchor], weights=weight))
    return share <= DATES_UNRELIABLE, round(share, 4), anchors


def weak_name_pairs(scored: pd.DataFrame, *, households_apart: bool = True) -> np.ndarray:
    """Pairs that a learnt weight alone must not merge: no personal identifier agrees
    (date of birth exact or close, same document), the names do not both agree
    strongly (exact, nickname or Jaro-Winkler >= 0.92, in either order), and they do not
    share a phone, e-mail or account with both names close on their own (Jaro-Winkler
    >= 0.8, neither an initial; dates of birth not in conflict). A strongly agreeing given
    name beside a plainly different family name (a name changed by marriage) is not weak:
    the weights decide there.

    Most mentions in a case are a name, perhaps with a phone or an account: there,
    "J. Smith" ~ "John Smith", or two people on one registered SIM ("Blessing Okafor",
    "Emeka Okafor"), must stay apart however common the phone or rare the surname makes
    the weights look; "Andrei Radu" and "Andrei Rqdu" on one phone are left to the weights.

    Namesakes of a common family name whose full dates of birth are decades apart
    (:func:`far_apart_namesakes`) are weak pairs too, however well their names agree; so
    are pairs without a name to compare and no strong identifier (:func:`nameless_pairs`)
    pairs of different family names and conflicting dates of birth
    (:func:`other_family_other_birth`), pairs with nothing but names in common and
    dates of birth in conflict (:func:`names_alone_other_birth`), pairs of given names
    alike but not one with dates of birth years apart (:func:`alike_given_other_birth`),
    pairs of different
    family names whose dates
    agree on a year only (:func:`other_family_same_year`), pairs of different family
    names with a home in common and two birthdays or a date of birth missing
    (:func:`home_alone_other_birth`, :func:`home_alone_undated`: where the case lists
    real households, ``households_apart``, as the sibling cap reads it), and pairs
    with nothing but a
    name in common, one date of birth missing, whose full name several people told apart
    bear (column ``name_shared``: :func:`name_fits_several`).
    """
    n = len(scored)

    def sim(name: str) -> np.ndarray:
        return scored[name].to_numpy() if name in scored else np.zeros(n, dtype=np.int8)

    corroborated = at_level(scored, "dob", "exact", "close") | at_level(
        scored, "document", "same", "one_typo"
    )
    # A shared phone, e-mail or account with both names close on their own (Jaro-Winkler
    # >= 0.8, not a bare initial: "Andrei Rqdu" / "Andrei Radu") is left to the weights.
    shared = (
        at_level(scored, "phone", "same")
        | at_level(scored, "email", "same")
        | at_level(scored, "account", "same")
    )
    initial = _flag(scored, "initial")
    # A family name missing on one side ("Theodore" / "Theodore Morris") neither agrees
    # nor disagrees: the given name alone must then be close.
    family_close = (sim("family_name_sim") >= NAME_SIMILAR) | at_level(
        scored, "family_name", "null"
    )
    close = (sim("given_name_sim") >= NAME_SIMILAR) & family_close
    close &= ~initial
    corroborated |= shared & close & ~_flag(scored, "dob_conflict")
    # ... and so is one name within the other (strong_rules: "Blessing" on her phone).
    corroborated |= shared & _flag(scored, "name_within") & ~_flag(scored, "dob_conflict")
    given_strong = at_level(scored, "given_name", "exact", "close")
    names_strong = given_strong & at_level(scored, "family_name", "exact", "close")
    # A given name that agrees strongly beside a family name that plainly differs is a
    # changed or replaced family name (marriage, a clerk's error), not the household
    # pattern the cap guards against (one family name, several given names on one phone
    # or address): its learnt weights, with the family name's negative one, decide.
    # A family name missing on either side is no more against a match than one that
    # differs: the weights decide there too ("Theodore" / "Theodore Morris").
    family_other = at_level(scored, "family_name", "different", "unrelated", "null")
    names_strong |= given_strong & family_other & ~initial
    return (
        (~corroborated & ~names_strong)
        | (households_apart & names_both_differ(scored))
        | other_family_same_year(scored)
        | unrelated_family_unconfirmed(scored)
        | far_apart_namesakes(scored)
        | nameless_pairs(scored)
        | other_family_other_birth(scored)
        | names_alone_other_birth(scored)
        | alike_given_other_birth(scored)
        | (households_apart & (home_alone_other_birth(scored) | home_alone_undated(scored)))
        | _flag(scored, "name_shared")
        | suffix_undated_pairs(scored)
    )


def suffix_undated_pairs(scored: pd.DataFrame) -> np.ndarray:
    """Pairs of names a generational suffix closes on one side only ("John Smith Jr." /
    "John Smith", column ``suffix_undated``) with no date of birth or age to compare,
    and no document (even one typo off) or account in common: a father and the son
    named after him, on the household's phone or e-mail, as likely as one man. With
    dates of birth that agree, the weights decide.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> suffix_undated_pairs(pd.DataFrame({"suffix_undated": [True, True, False],
    ...     "document_level": [0, c("document", "same"), 0]})).tolist()
    [True, False, False]
    """
    personal = at_level(scored, "document", "same", "one_typo") | at_level(
        scored, "account", "same"
    )
    return _flag(scored, "suffix_undated") & ~personal


def names_both_differ(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose given and family names both plainly differ (level "different", in the
    order compared; not a given name whose first word agrees, ``given_first_agree``),
    with no document (even one typo off), e-mail or account in common: whatever date of
    birth, phone, home or town they share, that is two people of one household ("Nour
    Nasir" / "Aicha Nasser", one date and one phone: sisters, or a mother and a child
    registered on her date), or one person under another name, which only what one
    person holds tells. The weights alone must not merge them, where the case lists
    real households (``households_apart``, read by ``weak_name_pairs``: a register that
    replaces given names, FEBRL's, replaces both names of a copy too).

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> names_both_differ(pd.DataFrame({
    ...     "given_name_level": [c("given_name", "different")] * 3,
    ...     "family_name_level": [c("family_name", "different")] * 2
    ...                          + [c("family_name", "close")],
    ...     "document_level": [0, c("document", "same"), 0]})).tolist()
    [True, False, False]
    """
    both = at_level(scored, "given_name", "different") & at_level(
        scored, "family_name", "different", "unrelated"
    )
    both &= ~_flag(scored, "given_first_agree")
    # Across scripts the levels are a transliteration's ("Abd al-Rahman ibn Khalid" /
    # "عبد الرحمن" "خالد": different, similarity 0.6): no sign of two people
    both &= ~_flag(scored, "names_other_script")
    personal = at_level(scored, "document", "same", "one_typo")
    personal |= at_level(scored, "email", "same") | at_level(scored, "account", "same")
    return both & ~personal


def shares_an_identifier_or_home(scored: pd.DataFrame) -> np.ndarray:
    """Pairs of ``scored`` that share a document (or one a typo off), a phone, e-mail or
    account, or a street address (even roughly) or postcode: something beyond the names
    that ties the two records, or their households, together."""
    shared = at_level(scored, "document", "same", "one_typo")
    for ident in ("phone", "email", "account"):
        shared |= at_level(scored, ident, "same")
    shared |= at_level(scored, "address", "exact", "close", "similar")
    return shared | at_level(scored, "postcode", "same", "one_typo")


def name_alone_pairs(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose only evidence of one person is the name: a date of birth missing on
    one side (level "null"), no document (even one typo off), phone, e-mail or account
    and no street address or postcode (even roughly) in common, and names that agree
    (given name exact, a nickname or close, not an initial; family name exact, close or
    missing on one side). Sex, nationality or a town, which many share, do not count.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> name_alone_pairs(pd.DataFrame({
    ...     "given_name_level": [c("given_name", "exact")] * 3,
    ...     "family_name_level": [c("family_name", "exact")] * 3,
    ...     "dob_level": [0, 0, c("dob", "exact")],
    ...     "phone_level": [0, c("phone", "same"), 0]})).tolist()
    [True, False, False]
    """
    # One street address or postcode, even roughly, is shared too: a household, or one
    # person whose records were keyed badly (FEBRL's corrupted copies); the weights decide.
    shared = shares_an_identifier_or_home(scored)
    names = at_level(scored, "given_name", "exact", "close") & ~_flag(scored, "initial")
    names &= at_level(scored, "family_name", "exact", "close", "null")
    return names & at_level(scored, "dob", "null") & ~shared


#: A full name held with at least this many different full dates of birth is borne by
#: several people whatever typos they hold. Fewer dates may be one person's typos (a
#: register keyed with errors holds up to ten of one person: Splink's hist50k): they are
#: compared (:func:`names_told_apart`).
SHARED_NAME_DATES = 16


def full_name_keys(features: pd.DataFrame) -> np.ndarray:
    """Per mention, a code of its full name: the words of its folded ``full_name`` in
    sorted order (one list writes the family name first, another last), -1 for a name
    of fewer than two words.

    >>> full_name_keys(pd.DataFrame({"full_name": ["ana pop", "pop ana", "ana", ""]})).tolist()
    [0, 0, -1, -1]
    """
    codes, names = pd.factorize(features["full_name"].to_numpy(dtype=object))
    words = [str(name).split() for name in names]
    sorted_names = np.array([" ".join(sorted(w)) if len(w) >= 2 else "" for w in words], object)
    key_of_name, keys = pd.factorize(sorted_names)
    blank = np.flatnonzero(np.asarray(keys, dtype=object) == "")
    if len(blank):
        key_of_name = np.where(key_of_name == blank[0], -1, key_of_name)
    if len(codes) == 0:
        return codes.astype(np.int64)
    return np.where(codes >= 0, key_of_name[np.maximum(codes, 0)], -1).astype(np.int64)


def names_told_apart(features: pd.DataFrame) -> np.ndarray:
    """Per mention, whether its full name (:func:`full_name_keys`) is borne in the case
    by two people told apart by their dates of birth: its full dates fall into two groups
    or more, each date of a group one typo or a day and month swap from another of its
    group (not in conflict: ``comparisons.dob_conflict``), or it is held with
    :data:`SHARED_NAME_DATES` dates or more. "NGUYEN, Ngoc Hoa" born 1967 and
    "Nguyễn Ngọc Hoa" born 2002 are two women; a third record of that name without a
    date is either, or neither. 1854-11-22, 1824-11-22 and 1854-11-25 are one woman's
    date keyed wrong twice (each a typo of the first), though the last two conflict.

    >>> f = pd.DataFrame({"full_name": ["ana pop", "pop ana", "ana pop", "ion pop", "ion pop",
    ...                                 "eva lis", "eva lis", "eva lis"],
    ...                   "dob_y": [1967, 2002, 0, 1990, 1990, 1854, 1824, 1854],
    ...                   "dob_m": [3, 12, 0, 4, 4, 11, 11, 11],
    ...                   "dob_d": [23, 21, 0, 5, 6, 22, 22, 25]})
    >>> f["dob8"] = [f"{y:04d}{m:02d}{d:02d}" if y else "" for y, m, d in
    ...              zip(f["dob_y"], f["dob_m"], f["dob_d"])]
    >>> names_told_apart(f).tolist()
    [True, True, True, False, False, False, False, False]
    """
    n = len(features)
    if n == 0 or "dob8" not in features:
        return np.zeros(n, dtype=bool)
    key = full_name_keys(features)
    dob8 = features["dob8"].to_numpy(dtype=object)
    dated = np.flatnonzero((key >= 0) & (dob8 != ""))
    # One mention per (name, date): the dates each name is held with.
    held = pd.DataFrame({"key": key[dated], "dob": dob8[dated], "pos": dated})
    held = held.drop_duplicates(["key", "dob"])
    dates = held["key"].value_counts()
    shared = set(dates.index[dates >= SHARED_NAME_DATES].tolist())
    # Names held with fewer dates: whether those dates fall into two groups or more,
    # joined by the dates not in conflict (typos chain through the true date).
    few = held[held["key"].isin(dates.index[(dates >= 2) & (dates < SHARED_NAME_DATES)])]
    if len(few):
        few = few.assign(node=np.arange(len(few)))
        both = few.merge(few, on="key", suffixes=("_a", "_b"))
        both = both[both["pos_a"] < both["pos_b"]]
        a, b = both["pos_a"].to_numpy(np.int64), both["pos_b"].to_numpy(np.int64)
        level, _ = COMPARISONS["dob"].compare(features, a, b)
        alike = ~dob_conflict(level, features, a, b)
        group = components(
            len(few), both["node_a"].to_numpy()[alike], both["node_b"].to_numpy()[alike]
        )
        groups = pd.Series(group).groupby(few["key"].to_numpy()).nunique()
        shared.update(groups.index[groups >= 2].tolist())
    if not shared:
        return np.zeros(n, dtype=bool)
    return np.isin(key, np.fromiter(shared, dtype=np.int64)) & (key >= 0)


def common_full_names(features: pd.DataFrame) -> np.ndarray:
    """Per mention, the key of its full name (:func:`full_name_keys`) when that name is
    held in the case with :data:`~linkgraph.resolve.blocking.COMMON_NAME_DATES` different
    full dates of birth or more (borne by several people: one person's records hold one
    date, or two with a typo), -1 otherwise. The names blocking reads as common
    (``blocking.common_names``), whose pairs with dates that plainly differ it leaves
    uncompared unless the two live at one address.

    >>> f = pd.DataFrame({"full_name": ["ali omar"] * 4 + ["omar ali", "ana pop", "ana pop"],
    ...                   "dob8": ["19750702", "19771204", "19810211", "19830226", "",
    ...                            "19900101", "19900102"]})
    >>> (common_full_names(f) >= 0).tolist()
    [True, True, True, True, True, False, False]
    """
    n = len(features)
    if n == 0 or "full_name" not in features or "dob8" not in features:
        return np.full(n, -1, dtype=np.int64)
    key = full_name_keys(features)
    dob8 = features["dob8"].to_numpy(dtype=object)
    dated = (key >= 0) & (dob8 != "")
    held = pd.DataFrame({"key": key[dated], "dob": dob8[dated]}).drop_duplicates()
    dates = held["key"].value_counts()
    common = dates.index[dates >= COMMON_NAME_DATES].to_numpy(dtype=np.int64)
    return np.where(np.isin(key, common) & (key >= 0), key, -1)


def one_common_name(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether both mentions hold one full name, its words in any order, that
    several people bear (:func:`common_full_names`): "Mohammed ALI" of a list where
    Mohammed Ali is born on six different days. Read by :func:`far_apart_namesakes`."""
    common = _memo(features, "common_full_names", lambda: common_full_names(features))
    a, b = common[left], common[right]
    return (a >= 0) & (a == b)


def name_fits_several(
    scored: pd.DataFrame, shared_name: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """The pairs whose only evidence is the name (:func:`name_alone_pairs`) where either
    mention's full name is borne by several people told apart (``shared_name``, per
    mention: :func:`names_told_apart`). Which of them a record without a date of birth
    is, the name cannot say: such a pair is capped below the threshold and goes to an
    analyst (column ``name_shared``)."""
    if not shared_name.any():
        return np.zeros(len(scored), dtype=bool)
    return (shared_name[left] | shared_name[right]) & name_alone_pairs(scored)


def other_family_same_year(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose family names plainly differ (level "different") and whose dates of
    birth agree on no more than a year (level "same year", a year alone or a year and
    month on either side: ``dob_partial``, as registers give them), with no document,
    phone, e-mail or account and no street address (exact or close) in common. A year
    of birth is what one person in some seventy shares by chance: a given name, a year
    and a town are the pattern of two namesakes ("Thomas Hernandez" / "Thomas Wilson",
    both born 1949, of one town), and the weights alone must not merge them. A woman
    married since keeps her home or her phone: a street address or an identifier in
    common leaves her to the weights.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> other_family_same_year(pd.DataFrame({
    ...     "family_name_level": [c("family_name", "different")] * 2 + [c("family_name", "exact")],
    ...     "dob_level": [c("dob", "same_year")] * 3, "dob_partial": [True] * 3,
    ...     "address_level": [c("address", "similar"), c("address", "exact"), 0]})).tolist()
    [True, False, False]
    """
    shared = at_level(scored, "document", "same", "one_typo")
    for ident in ("phone", "email", "account"):
        shared |= at_level(scored, ident, "same")
    shared |= at_level(scored, "address", "exact", "close")
    same_year = at_level(scored, "dob", "same_year") & _flag(scored, "dob_partial")
    return at_level(scored, "family_name", "different", "unrelated") & same_year & ~shared


def unrelated_family_unconfirmed(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose family names have nothing in common (level "unrelated": not a
    spelling, typo or transliteration of one another, no word shared, neither within
    the other, one script) and whose dates of birth are not the same full date, with no
    document (even one typo off), phone, e-mail or account and no street address (exact
    or close) or postcode in common. One given name, a date one digit off and a town are
    what two men of a town share ("Ermal Hoxha" 2004-08-27 / "Ermal Meta" 2004-06-27,
    both of Durres): the weights alone must not merge them. A woman married since keeps
    her date of birth, and mostly her phone or home: those leave her to the weights.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> unrelated_family_unconfirmed(pd.DataFrame({
    ...     "family_name_level": [c("family_name", "unrelated")] * 3
    ...                          + [c("family_name", "different")],
    ...     "dob_level": [c("dob", "close"), c("dob", "exact"), c("dob", "close")] * 1
    ...                  + [c("dob", "close")],
    ...     "phone_level": [0, 0, c("phone", "same"), 0]})).tolist()
    [True, False, False, False]
    """
    shared = at_level(scored, "document", "same", "one_typo")
    for ident in ("phone", "email", "account"):
        shared |= at_level(scored, ident, "same")
    shared |= at_level(scored, "address", "exact", "close")
    shared |= at_level(scored, "postcode", "same", "one_typo")
    unrelated = at_level(scored, "family_name", "unrelated")
    return unrelated & ~at_level(scored, "dob", "exact") & ~shared


def nameless_pairs(scored: pd.DataFrame) -> np.ndarray:
    """Pairs in which a mention has no name (column ``nameless``: a placeholder such as
    "Anonymous" is read as none) and no strong identifier in common: neither the same
    document nor the same phone, e-mail or account (nor, when the other has a name, the
    same street address) with the dates of birth and sexes not in conflict. A date of
    birth and a town are what many people share: anonymous victims of one NGO, one city,
    one (often made-up) date, are several people."""
    nameless = _flag(scored, "nameless")
    shared = (
        at_level(scored, "phone", "same")
        | at_level(scored, "email", "same")
        | at_level(scored, "account", "same")
    )
    if "nameless" in scored:
        # A record whose name was left blank beside one with a name: one street address
        # and dates of birth not in conflict are one person's (FEBRL's blanked copies).
        one_named = scored["nameless"].to_numpy() == 1
        shared |= one_named & at_level(scored, "address", "exact")
    sexes = scored["sex_conflict"].to_numpy() != 0 if "sex_conflict" in scored else False
    agree = shared & ~_flag(scored, "dob_conflict") & ~sexes
    return nameless & ~at_level(scored, "document", "same") & ~agree


def names_alone_other_birth(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose full dates of birth conflict on every part (``dob_disjoint``: both
    full, neither equal nor a typo or swap of the other, year, month and day all
    different: two birthdays, not one part keyed wrong, as a register's copies hold)
    with nothing of one person's in common but the names: no document (even one typo
    off), phone, e-mail or account, no street address (two house numbers on one street
    are two homes: ``other_house``) or postcode. A town,
    a nationality or a sex is what many share: two bearers of a name, however well it
    agrees in any spelling, are told apart by their dates, and a learnt weight alone (EM
    in a small case of namesakes can learn that a different date weighs nothing) must
    not merge them."""
    if "dob_disjoint" not in scored:
        return np.zeros(len(scored), dtype=bool)
    shared = at_level(scored, "document", "same", "one_typo")
    for ident in ("phone", "email", "account"):
        shared |= at_level(scored, ident, "same")
    street = at_level(scored, "address", "exact", "close", "similar")
    shared |= street & ~_flag(scored, "other_house")
    shared |= at_level(scored, "postcode", "same", "one_typo")
    return _flag(scored, "dob_conflict") & _flag(scored, "dob_disjoint") & ~shared


def alike_given_other_birth(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose given names are alike but two names (level close or similar, not
    equal nor a nickname, and ``given_two_names``: more than one edit apart or both known
    to the nickname tables; "Marie Laure" / "Marie-Claire", "Mary" / "Mark", not one
    name with a typo, "Charlote" / "Charlotte", as a register's corrupted copy with a
    replaced date of birth holds: FEBRL's) and whose full
    dates of birth conflict years apart (``dob_conflict`` and ``dob_years_apart``: not a
    typo, swap or decade's digit of one date, :data:`~linkgraph.resolve.comparisons.YEARS_APART`
    years or more), with no document (even one typo off), e-mail or account in common:
    two members of one household, sisters or cousins of alike names, whatever home,
    phone and family name they share. A case whose dates are unreliable (a register's
    corrupted copies: ``Model.dates_reliable``) has no ``dob_conflict`` to read.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> alike_given_other_birth(pd.DataFrame({
    ...     "given_name_level": [c("given_name", "close"), c("given_name", "exact"),
    ...                          c("given_name", "similar"), c("given_name", "close")],
    ...     "dob_conflict": [True] * 4, "dob_years_apart": [True, True, True, False],
    ...     "given_two_names": [True] * 4,
    ...     "document_level": [0, 0, c("document", "same"), 0]})).tolist()
    [True, False, False, False]
    """
    if "dob_years_apart" not in scored:
        return np.zeros(len(scored), dtype=bool)
    personal = at_level(scored, "document", "same", "one_typo")
    for ident in ("email", "account"):
        personal |= at_level(scored, ident, "same")
    alike = at_level(scored, "given_name", "close", "similar") & _flag(scored, "given_two_names")
    apart = _flag(scored, "dob_conflict") & _flag(scored, "dob_years_apart")
    return alike & apart & ~personal


def other_family_other_birth(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose family names plainly differ (Jaro-Winkler of the transliteration
    skeletons below :data:`FAMILY_ALIKE`) and whose full dates of birth conflict
    (``dob_conflict``), with no document, street address or postcode in common: two
    people, whatever phone, e-mail or town they share (a household's, a call centre's
    or an office's line; a city of millions): "Ion Popescu" born 1985 and "Ion
    Vasilescu" born 1990 on one phone."""
    n = len(scored)
    if "family_name_sim" not in scored or "dob_conflict" not in scored:
        return np.zeros(n, dtype=bool)
    other_family = at_level(scored, "family_name", "different", "unrelated") & (
        scored["family_name_sim"].to_numpy() < FAMILY_ALIKE
    )
    document = at_level(scored, "document", "same", "one_typo")
    # One street address or postcode, even roughly: a household, or one person whose
    # records were keyed badly (FEBRL's corrupted copies); the weights decide there
    # (but see :func:`home_alone_other_birth`).
    household = at_level(scored, "address", "exact", "close", "similar") | at_level(
        scored, "postcode", "same", "one_typo"
    )
    return other_family & _flag(scored, "dob_conflict") & ~document & ~household


def two_birthdays(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose full dates of birth no keying error explains: far apart (years more
    than five apart, neither month nor day in common) or differing in the year, the
    month and the day alike (``dob_disjoint``)."""
    return _flag(scored, "dob_conflict") & (
        at_level(scored, "dob", "far_apart") | _flag(scored, "dob_disjoint")
    )


def home_alone_other_birth(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose family names plainly differ (below :data:`FAMILY_ALIKE`) and whose
    full dates of birth are two birthdays (:func:`two_birthdays`), with no document (even
    one typo off) in common, whatever street address or postcode they share: a
    household, a shelter, a hostel or a flat let to many workers is the home of several
    people, and an address, however rare, does not outweigh a name and a date of birth
    that both differ ("Khalid DARWISH" born 1977-05-06 and "Khalid ABDULLAH" born
    1988-03-20, both of 1 Tahrir St). A woman married since keeps her date of birth.
    Read only where the case lists real households (``Model.households_apart``): a
    register whose copies of a record get another name and date (FEBRL's corrupted
    lists, which show themselves by their households born on one day) is left to the
    weights (see :func:`weak_name_pairs`).

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> home_alone_other_birth(pd.DataFrame({
    ...     "family_name_level": [c("family_name", "different")] * 3,
    ...     "family_name_sim": [0.49] * 3,
    ...     "dob_level": [c("dob", "far_apart"), c("dob", "different"), c("dob", "far_apart")],
    ...     "dob_conflict": [True] * 3, "dob_disjoint": [False] * 3,
    ...     "document_level": [0, 0, c("document", "same")],
    ...     "address_level": [c("address", "exact")] * 3})).tolist()
    [True, False, False]
    """
    if "family_name_sim" not in scored or "dob_conflict" not in scored:
        return np.zeros(len(scored), dtype=bool)
    other_family = at_level(scored, "family_name", "different", "unrelated") & (
        scored["family_name_sim"].to_numpy() < FAMILY_ALIKE
    )
    document = at_level(scored, "document", "same", "one_typo")
    home = at_level(scored, "address", "exact", "close", "similar") | at_level(
        scored, "postcode", "same", "one_typo"
    )
    return other_family & two_birthdays(scored) & home & ~document


def home_alone_undated(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose family names plainly differ (below :data:`FAMILY_ALIKE`), a date of
    birth missing on either side (level "null"), that share a street address or postcode
    (two house numbers on one street are two homes: ``other_house``) and no document
    (even one typo off), phone, e-mail or account: a home and a given name are what the
    residents of a shelter or a shared flat have in common ("Amina ADEYEMI", her date
    not written, and "Amina YUSUF" of 5 Shelter Road), and no date tells them apart.
    Left to the weights, the home's learnt weight (rare addresses weigh ten bits or
    more) outweighs the family names. Read only where the case lists real households,
    as :func:`home_alone_other_birth` is.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> home_alone_undated(pd.DataFrame({
    ...     "family_name_level": [c("family_name", "different")] * 3,
    ...     "family_name_sim": [0.5] * 3,
    ...     "dob_level": [0, c("dob", "exact"), 0],
    ...     "phone_level": [0, 0, c("phone", "same")],
    ...     "address_level": [c("address", "exact")] * 3})).tolist()
    [True, False, False]
    """
    if "family_name_sim" not in scored:
        return np.zeros(len(scored), dtype=bool)
    other_family = at_level(scored, "family_name", "different", "unrelated") & (
        scored["family_name_sim"].to_numpy() < FAMILY_ALIKE
    )
    shared = at_level(scored, "document", "same", "one_typo")
    for ident in ("phone", "email", "account"):
        shared |= at_level(scored, ident, "same")
    street = at_level(scored, "address", "exact", "close", "similar")
    home = (street & ~_flag(scored, "other_house")) | at_level(
        scored, "postcode", "same", "one_typo"
    )
    return other_family & at_level(scored, "dob", "null") & home & ~shared


def far_apart_namesakes(scored: pd.DataFrame) -> np.ndarray:
    """Pairs whose full dates of birth are decades apart with no part in common (the
    date level "far apart", both dates full: ``dob_conflict``) and whose family name is
    a common one (``family_common``, :func:`common_family_name`), or whose full names
    agree exactly (a mother and the daughter named after her, two bearers of a common
    name), with no document or account in common and no street
    address or postcode either (two house numbers on one street are two homes:
    ``other_house``): a parent and child, two namesakes of a common name, not one
    person's typo. However well the rest agrees (the same given name, town and
    nationality), the names' weights are what namesakes share, so a learnt weight alone
    must not merge them. A shared phone or e-mail is no exception: a household's one line
    is shared across generations. A pair at one address, even roughly (a household, or
    one person whose date was mistyped: FEBRL's corrupted duplicates), is left to the
    weights, unless its dates are a generation apart and each is confirmed by another
    record of its own (clustering's ``resolve.generations_at_home``). So are two
    bearers of a name the case holds with several full dates of birth (``name_common``:
    :func:`one_common_name`) whose dates differ beyond one typo (level "different"),
    on the same terms and with no phone or e-mail in common either (the pairs blocking
    leaves uncompared unless the two live at one address, where two house numbers on
    one street count as two homes).

    >>> from linkgraph.resolve.comparisons import level_code
    >>> far, same = level_code("dob", "far_apart"), level_code("phone", "same")
    >>> far_apart_namesakes(pd.DataFrame({
    ...     "dob_level": [far, far, far, level_code("dob", "different")],
    ...     "dob_conflict": [True, True, True, True],
    ...     "family_common": [True, False, True, True],
    ...     "phone_level": [0, 0, same, 0]})).tolist()
    [True, False, True, False]
    """
    if "dob_conflict" not in scored:
        return np.zeros(len(scored), dtype=bool)
    shared = at_level(scored, "document", "same", "one_typo") | at_level(scored, "account", "same")
    # One street address or postcode, even roughly: a household, where a date typed wrong
    # and a father beside his son both occur; the weights decide there.
    street = at_level(scored, "address", "exact", "close", "similar")
    household = (street & ~_flag(scored, "other_house")) | at_level(
        scored, "postcode", "same", "one_typo"
    )
    # One full name on both, its dates far apart and nothing of one person's shared:
    # two bearers of the name ("Nguyễn Thị Lan" in 1982 and in 1992), whatever the
    # case's own name frequencies say (a small case of a few families counts no name
    # common).
    namesakes = _flag(scored, "family_common") | (
        at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    )
    # Dates a few years apart whose year, month and day all differ are two birthdays
    # too, not a part keyed wrong ("Nguyễn Thị Lan" born 1982-05-12 and 1987-06-08, at
    # 34 and 24 Pho Hang Bac).
    apart = at_level(scored, "dob", "far_apart") | (
        at_level(scored, "dob", "different") & _flag(scored, "dob_disjoint")
    )
    # A name the case holds with several dates of birth (``name_common``: blocking's
    # common names) is borne by several people: dates that differ beyond one typo are
    # two of them, not one person's ("Mohammed ALI" born 1983-02-26 at 17 Tahrir St and
    # 1981-02-11 at 13 Tahrir St), unless an identifier is shared (as blocking reads
    # them: a phone or e-mail too).
    line = at_level(scored, "phone", "same") | at_level(scored, "email", "same")
    common = _flag(scored, "name_common") & at_level(scored, "dob", "different") & ~line
    apart |= common
    namesakes |= common
    return apart & _flag(scored, "dob_conflict") & namesakes & ~shared & ~household


def rescale_to_all_pairs(
    model: Model,
    levels: np.ndarray,
    u_random: Mapping[str, np.ndarray],
    total_pairs: float,
    *,
    iterations: int = 100,
) -> Model:
    """The model re-based on all pairs: u from random pairs, the prior over all pairs.

    EM over the candidate pairs learns m well, but its u and prior describe *candidates*,
    pairs that blocking picked because their names already agree. Scored with those,
    name agreement counts twice (once in the candidate prior, once in the name weights)
    and the blocked non-matches look like matches ("James Smith" ~ "John Smith"). Here m
    is kept; u comes from random pairs, with the duplicates they contain (a share
    ``prior`` of them, distributed as m) taken out; and the prior is the fixed point of
    prior = (expected matches among the candidates) / ``total_pairs``, the pairs that
    blocking left out counting as non-matches.

    Args:
        model: the model learnt by :func:`train_em` on the candidates.
        levels: the candidates' level matrix (a sample of them is fine).
        u_random: u per comparison from random pairs (:func:`estimate_u`).
        total_pairs: how many pairs the ``levels`` rows stand for in all (n(n-1)/2
            scaled by the sampled share).
    """
    names = model.comparisons
    k = len(names)
    sizes = np.array([len(COMPARISONS[n].levels) for n in names], dtype=np.int64)
    radix = np.concatenate([[1], np.cumprod(sizes[:-1])]) if k else np.empty(0, np.int64)
    code = levels.astype(np.int64) @ radix if k else np.zeros(len(levels), np.int64)
    _, first, counts = unique(code, return_index=True, return_counts=True)
    pat = levels[first].astype(np.int64)
    m = {n: np.asarray(model.m[n], dtype=np.float64) for n in names}
    log_m = np.zeros(len(pat))
    for i, n in enumerate(names):
        lm = np.log(np.maximum(m[n], _EPS))
        lm[0] = 0.0
        log_m += lm[pat[:, i]]
    total = max(float(total_pairs), float(len(levels)), 1.0)
    prior = float(np.clip(0.5 * len(levels) / total, 1e-12, 0.5))
    u: dict[str, np.ndarray] = {}
    for _ in range(iterations):
        log_u = np.zeros(len(pat))
        for i, n in enumerate(names):
            raw = np.asarray(u_random[n], dtype=np.float64)
            clean = np.maximum(raw - prior * m[n], _u_floor(n, raw))
            clean[0] = 0.0
            u[n] = clean / clean.sum()
            lu = np.log(np.maximum(u[n], _EPS))
            lu[0] = 0.0
            log_u += lu[pat[:, i]]
        logit = np.log(prior / (1 - prior)) + log_m - log_u
        resp = 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))
        new_prior = float(np.clip((resp * counts).sum() / total, 1e-12, 0.5))
        done = abs(np.log(new_prior / prior)) < 1e-4
        prior = new_prior
        if done:
            break
    return Model(
        comparisons=tuple(names),
        m={n: list(model.m[n]) for n in names},
        u={n: [float(x) for x in u[n]] for n in names},
        prior=prior,
        tf_reference=dict(model.tf_reference),
        iterations=model.iterations,
        labelled_pairs=model.labelled_pairs,
        em_u_fixed_for=model.em_u_fixed_for,
    )


#: Comparisons of places many people share (a city of millions): their u is never taken
#: below the comparison's default (:func:`_u_floor`).
SHARED_PLACES = ("city",)


def _u_floor(name: str, raw: np.ndarray) -> np.ndarray:
    """The least u of comparison ``name`` once the duplicates among random pairs are taken
    out (:func:`rescale_to_all_pairs`): a tenth of the ``raw`` u; for a place many people
    share (:data:`SHARED_PLACES`), not below the comparison's default u either (where it
    was above it). A small case with many duplicates would otherwise take nearly every
    agreeing city for a duplicate and weigh a shared capital as much as a shared phone."""
    floor = 0.1 * raw
    if name in SHARED_PLACES:
        floor = np.maximum(floor, np.minimum(raw, np.asarray(COMPARISONS[name].u_prior)))
    return floor


def train_em_by_sessions(
    levels: np.ndarray,
    names: Sequence[str],
    *,
    u_init: Mapping[str, np.ndarray],
    labels: np.ndarray | None = None,
    iterations: int = 40,
    fix_u: bool = False,
    min_session_pairs: int = 5000,
    bounded: Collection[str] = BOUNDED_AGAINST,
) -> Model:
    """m probabilities learnt by EM in two sessions, each blind to what it conditions on
    (Splink's way of training on blocked pairs).

    Over all candidates at once, EM can take "same name" for "same person": in a large
    case most candidates are namesakes, and their agreeing names and nationality form the
    biggest cluster. So the names' m is learnt among the pairs whose dates of birth agree,
    with the date left out of the E-step, and every other comparison's m among the pairs
    whose names agree, with the names left out. A session of fewer than
    ``min_session_pairs`` pairs keeps the m of EM over all candidates. ``bounded`` as
    in :func:`train_em`.

    Returns:
        A model with m from the sessions and ``u_init`` as u; its prior is that of EM over
        all candidates (re-base it with :func:`rescale_to_all_pairs`).
    """
    col = {n: i for i, n in enumerate(names)}
    labels = np.full(len(levels), -1, dtype=np.int8) if labels is None else labels

    def session(rows: np.ndarray, blind: Sequence[str]) -> Model:
        keep = [n for n in names if n not in blind]
        return train_em(
            levels[rows][:, [col[n] for n in keep]],
            keep,
            u_init=u_init,
            labels=labels[rows],
            iterations=iterations,
            fix_u=fix_u,
            bounded=bounded,
        )

    # Start from EM over all candidates: on a small case (a few hundred people, few
    # namesakes, few dates of birth) it is sound, and a session too small to learn from
    # keeps its values.
    base = session(np.ones(len(levels), dtype=bool), [])
    m = dict(base.m)
    prior, iters = base.prior, base.iterations
    name_fields = [n for n in ("given_name", "family_name") if n in col]
    if "dob" in col:
        rows = levels[:, col["dob"]] == level_code("dob", "exact")
        if rows.sum() >= min_session_pairs:
            by_dob = session(rows, ["dob"])
            m.update({n: by_dob.m[n] for n in name_fields})
    if name_fields:
        rows = np.ones(len(levels), dtype=bool)
        for n in name_fields:
            rows &= np.isin(levels[:, col[n]], COMPARISONS[n].codes("exact", "close"))
        if rows.sum() >= min_session_pairs:
            by_name = session(rows, name_fields)
            m.update({n: by_name.m[n] for n in by_name.comparisons})
    return Model(
        comparisons=tuple(names),
        m=m,
        u={n: [float(x) for x in u_init[n]] for n in names},
        prior=prior,
        iterations=iters,
        labelled_pairs=int((labels >= 0).sum()),
    )
