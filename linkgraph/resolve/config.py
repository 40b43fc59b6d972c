"""ResolveConfig: how mentions become entities."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

#: Blocking rules: each rule is a tuple of blocking keys (see ``blocking.BLOCKING_KEYS``);
#: two person mentions become a candidate pair when they share every key of one rule.
DEFAULT_BLOCKING: tuple[tuple[str, ...], ...] = (
    ("document",),
    ("phone",),
    ("email",),
    ("account",),
    ("name_phonetic",),
    ("name_joined",),
    # Names read from Arabic script, which writes no short vowels ("mhmd" / "mohammed").
    ("name_consonants",),
    ("family_name", "given_initial"),
    # Transliterations the phonetic key splits ("Панасицький" / "Panasytskyi").
    ("family_skeleton", "given_skeleton_initial"),
    ("given_name", "family_initial"),
    ("dob", "given_initial"),
    ("dob", "family_initial"),
    ("dob", "postcode"),
    # Either name (in either role) and the postcode: one name misspelt beyond the
    # phonetic key, or replaced, with the other and the place agreeing.
    ("name_token", "postcode"),
    ("name_token", "dob"),
    ("name_token", "city"),
    # Both initials in either order and the date of birth: names swapped and misspelt.
    ("dob", "name_initials"),
)

#: Comparisons, by name (see ``comparisons.COMPARISONS``), that score a candidate pair.
DEFAULT_COMPARISONS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "dob",
    "sex",
    "phone",
    "email",
    "account",
    "document",
    "postcode",
    "city",
    "address",
    "nationality",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveConfig:
    """How mentions become entities. Mirrors the ``resolve:`` section of a pipeline YAML.

    Identifier types (phone, email, account, ...) always merge by exact ``identifier``;
    organisations, addresses and locations by their normalised names; persons by the
    blocking rules, comparisons and learnt weights below.
    """

    threshold: float = 0.9  # match probability above which two person mentions merge
    blocking: tuple[tuple[str, ...], ...] = DEFAULT_BLOCKING
    comparisons: tuple[str, ...] = DEFAULT_COMPARISONS
    block_cap: int = 40  # blocks up to this size give all their pairs
    # In a larger block, a mention pairs with its next block_window - 1 neighbours; None:
    # block_cap up to 100,000 person mentions, shrinking in proportion above (at least 6),
    # so the candidate pairs grow about linearly with the case.
    block_window: int | None = None
    max_pairs: int = 20_000_000  # guard on candidate pairs; exceeding it raises ConfigError
    em_iterations: int = 40
    em_fix_u: bool = False  # True: EM keeps u from random pairs (Splink's way), learns only m
    # Learn the names' m among pairs with the same date of birth and the other m among
    # pairs with agreeing names, each blind to what it conditions on (Splink's sessions).
    em_sessions: bool = True
    # Score with u from random pairs and the prior over all pairs, not the candidates'
    # (see scoring.rescale_to_all_pairs): blocking's name agreement is not counted twice.
    all_pairs_prior: bool = True
    em_sample: int = 1_000_000  # candidate pairs used to learn the weights (all when fewer)
    tf_adjustment: bool = True  # a shared rare name counts more than a shared common one
    tf_max_bits: float = 4.0  # bound on the term-frequency adjustment, in bits
    strong_rules: bool = True  # same document / phone / email with name agreement → match
    # Pairs without an agreeing date of birth or document whose given and family names do
    # not both agree strongly (nor closely, with a shared phone, e-mail or account) get at
    # most this probability (None: no cap; see scoring.weak_name_pairs).
    weak_name_cap: float | None = 0.5
    # Calibrate exact full-name agreement on the case's own namesake rate (see
    # scoring.full_name_calibration).
    name_calibration: bool = True
    # A mention joins a person seen many times more readily than a one-off namesake (see
    # entity_prior.entity_size_boost).
    entity_size_prior: bool = True
    # Pairs whose fields weigh at or below this (bits, prior not counted) never share an entity.
    conflict_weight: float = -12.0
    evidence_min_probability: float = 0.01  # scored pairs below this are not kept as evidence
    overrides: str | None = None  # must-link / cannot-link CSV path (stored in the case)
    labels: str | None = None  # labelled review CSV (stored as overrides, trains the weights)
    organisation_threshold: float = 0.93  # token-sort similarity of normalised names
    workers: int = -1  # threads for rapidfuzz (-1: all cores)
    seed: int = 0

    def with_overrides(self, **changes: Any) -> ResolveConfig:
        """A copy with the given fields changed; ``None`` values keep the current value."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
