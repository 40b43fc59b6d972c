"""The training steps (u from random pairs, EM, the all-pairs prior) as objects in order,
checked against data drawn from a known Fellegi-Sunter model."""

from __future__ import annotations

import numpy as np

from linkgraph.resolve import ResolveConfig
from linkgraph.resolve.comparisons import COMPARISONS, level_code
from linkgraph.resolve.training import (
    ExpectationMaximisation,
    RandomPairsU,
    training_for,
)

# Three comparisons (two would not make the mixture identifiable), each drawn on its
# "exact" and "different" levels only: the generating model's m and u per level.
_NAMES = ("given_name", "family_name", "dob")


def _probs(exact: float) -> dict[str, np.ndarray]:
    out = {}
    for name in _NAMES:
        p = np.zeros(len(COMPARISONS[name].levels))
        p[level_code(name, "exact")] = exact
        p[level_code(name, "different")] = 1 - exact
        out[name] = p
    return out


_M = _probs(0.9)
_U = _probs(0.001)
_EXACT = {name: level_code(name, "exact") for name in _NAMES}


def _draw(rng: np.random.Generator, n: int, probs: dict[str, np.ndarray]) -> np.ndarray:
    cols = [rng.choice(len(probs[name]), n, p=probs[name]) for name in _NAMES]
    return np.column_stack(cols).astype(np.int8)


def test_default_steps_and_switches():
    assert [s.name for s in training_for(ResolveConfig()).steps] == [
        "random_pairs_u", "expectation_maximisation", "all_pairs_prior",
    ]  # fmt: skip
    plain = training_for(ResolveConfig(em_sessions=False, em_fix_u=True, all_pairs_prior=False))
    assert plain.steps == (
        RandomPairsU(),
        ExpectationMaximisation(sessions=False, fix_u=True, iterations=40),
    )
    assert training_for(ResolveConfig(em_iterations=7)).em.iterations == 7


def test_em_then_rebase_recover_the_generating_model():
    """Candidates are 2,000 matches and 8,000 non-matches drawn from known m and u; they
    stand for all pairs of 10,000 mentions (blocking left the rest out as non-matches).
    EM recovers m; the re-base recovers the prior over all pairs, 2,000 / C(10,000, 2),
    up to the matches whose evidence is weak at that prior: the fixed point counts expected
    matches, so the 72.9 % agreeing on all three fields count fully, the 24.3 % agreeing on
    two (posterior ~0.75 at a prior of 4e-5) in part, the 2.8 % on one not at all: ~0.91."""
    rng = np.random.default_rng(0)
    levels = np.vstack([_draw(rng, 2000, _M), _draw(rng, 8000, _U)])
    u_random = dict(_U)
    training = training_for(ResolveConfig(em_sessions=False))
    # The generating model's matches disagree on a tenth of their dates of birth, more
    # than the bound on reliable dates lets EM learn (scoring.BOUNDED_AGAINST): learnt as
    # a case whose dates are unreliable, EM recovers it.
    em_only = training.em.train(levels, _NAMES, u_random, None, dates_reliable=False)
    for name in _NAMES:
        assert abs(em_only.m[name][_EXACT[name]] - 0.9) < 0.02
    assert abs(em_only.prior - 0.2) < 0.02  # the candidates' share of matches
    n_mentions = 10_000
    model = training.learn(
        levels, None, len(levels), n_mentions, u_random, _NAMES, dates_reliable=False
    )
    expected = 2000 / (n_mentions * (n_mentions - 1) / 2)
    assert 0.85 < model.prior / expected < 0.97
    assert model.m == em_only.m  # the re-base keeps m


def test_reliable_dates_keep_a_conflict_at_its_default_m():
    """The same pairs learnt as a case whose dates are reliable: the date of birth's
    "different" level keeps at most its default m (0.015, hand-read from the comparison's
    levels), what it held over goes to "exact"; the names are learnt as before."""
    rng = np.random.default_rng(0)
    levels = np.vstack([_draw(rng, 2000, _M), _draw(rng, 8000, _U)])
    training = training_for(ResolveConfig(em_sessions=False))
    model = training.em.train(levels, _NAMES, dict(_U), None)
    assert model.m["dob"][level_code("dob", "different")] <= 0.015 + 1e-9
    assert model.m["dob"][_EXACT["dob"]] > 0.95
    for name in ("given_name", "family_name"):
        assert abs(model.m[name][_EXACT[name]] - 0.9) < 0.02


def test_rebase_counts_a_sample_for_the_pairs_it_stands_for():
    """Learning from a tenth of the candidates gives the same all-pairs prior."""
    rng = np.random.default_rng(1)
    levels = np.vstack([_draw(rng, 2000, _M), _draw(rng, 8000, _U)])
    u_random = dict(_U)
    training = training_for(ResolveConfig(em_sessions=False))
    sample = levels[rng.choice(len(levels), 1000, replace=False)]
    whole = training.learn(levels, None, len(levels), 10_000, u_random, _NAMES)
    part = training.learn(sample, None, len(levels), 10_000, u_random, _NAMES)
    assert abs(part.prior / whole.prior - 1) < 0.15


def test_no_rebase_keeps_the_candidates_prior():
    rng = np.random.default_rng(2)
    levels = np.vstack([_draw(rng, 2000, _M), _draw(rng, 8000, _U)])
    u_random = dict(_U)
    training = training_for(ResolveConfig(em_sessions=False, all_pairs_prior=False))
    model = training.learn(levels, None, len(levels), 10_000, u_random, _NAMES)
    assert training.rebase is None
    assert abs(model.prior - 0.2) < 0.02


def test_resolve_records_its_training_steps():
    from linkgraph.resolve import resolve

    from .factory import case_of, mention

    case = case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04"),
        mention("person", row=2, name="Kovalenko, Alex", dob="1985-03-04"),
    ])  # fmt: skip
    step = resolve(case, ResolveConfig(all_pairs_prior=False)).manifest["steps"][-1]
    assert step["training"] == ["random_pairs_u", "expectation_maximisation"]
