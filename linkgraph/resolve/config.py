"""ResolveConfig: how mentions become entities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from linkgraph._config_base import AT_LEAST_0, AT_LEAST_1, PROBABILITY, Limit, OneOf, check_limits

#: Blocking rules: each rule is a tuple of blocking keys (see ``blocking.BLOCKING_KEYS``);
#: two person mentions become a candidate pair when they share every key of one rule.
DEFAULT_BLOCKING: tuple[tuple[str, ...], ...] = (
    ("document",),
    ("phone",),
    ("email",),
    ("account",),
    ("name_phonetic",),
    ("name_joined",),
    # The name's words without particles, articles and Vietnamese middle names, in any
    # order ("Nguyen" / "Thi Huong" split given-first, "Huong Nguyen").
    ("name_words",),
    # Names read from Arabic script, which writes no short vowels ("mhmd" / "mohammed").
    ("name_consonants",),
    # Western names written in Cyrillic ("Джеймс Вуд" / "James Wood").
    ("name_transcribed",),
    # Chinese names in Wade-Giles and in pinyin ("Hsu Chun" / "Xu Jun").
    ("name_romanised",),
    ("family_name", "given_initial"),
    # Transliterations the phonetic key splits ("Панасицький" / "Panasytskyi").
    ("family_skeleton", "given_skeleton_initial"),
    ("given_name", "family_initial"),
    ("dob", "given_initial"),
    ("dob", "family_initial"),
    ("dob", "postcode"),
    # Both names replaced or swapped, the date and the place as they were (kept only
    # where the date is rare and the place agrees: blocking.same_birth_and_place).
    ("dob", "city"),
    # Either name (in either role) and the postcode: one name misspelt beyond the
    # phonetic key, or replaced, with the other and the place agreeing.
    ("name_token", "postcode"),
    ("name_token", "dob"),
    ("name_token", "city"),
    # One address and postcode and the given name's sound: the given name misspelt
    # beyond the full name's phonetic key, the family name replaced ("Zachariah Morcom"
    # / "Zachiariah Reid").
    ("address", "postcode", "given_phonetic"),
    # Both initials in either order and the date of birth: names swapped and misspelt.
    ("dob", "name_initials"),
    # ... or the postcode: both names misspelt (or swapped), no date of birth to meet on.
    ("postcode", "name_initials"),
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
    # and the blocks that give all their pairs no larger than that window, so the
    # candidate pairs grow about linearly with the case.
    block_window: int | None = None
    max_pairs: int = 20_000_000  # guard on candidate pairs; exceeding it raises ConfigError
    em_iterations: int = 40
    em_fix_u: bool = False  # True: EM keeps u from random pairs (Splink's way), learns only m
    # Learn the names' m among pairs with the same date of birth and the other m among
    # pairs with agreeing names, each blind to what it conditions on (Splink's sessions).
    em_sessions: bool = True
    # Score with u from random pairs and the prior over all pairs, not the candidates'
    # (see scoring.rescale_to_all_pairs): blocking's name agreement is not counted twice;
    # the uncompared pairs of identical mentions are not counted (training.AllPairsPrior).
    all_pairs_prior: bool = True
    em_sample: int = 1_000_000  # candidate pairs used to learn the weights (all when fewer)
    # The adjustments of the learnt weights (linkgraph.resolve.adjustments, applied in
    # this order; adjustments_for(config) lists them): each can be switched off here.
    tf_adjustment: bool = True  # TermFrequency: a shared rare name counts more
    tf_max_bits: float = 4.0  # TermFrequency's bound, in bits
    name_calibration: bool = True  # NameCalibration: exact full names on the case's namesakes
    strong_rules: bool = True  # StrongIdentifierRules: same document / phone + names → match
    weak_name_cap: float | None = 0.5  # WeakNameCap: names-only weak pairs at most this
    sex_conflict: bool = True  # SexConflict: a man and a woman never merge without a document
    entity_size_prior: bool = True  # EntitySizePrior: joining a person seen often
    two_lists: bool = True  # TwoLists: two registers of the same people, left-overs paired
    # Pairs whose fields weigh at or below this (bits, prior not counted) never share an entity.
    conflict_weight: float = -12.0
    evidence_min_probability: float = 0.01  # scored pairs below this are not kept as evidence
    overrides: str | None = None  # must-link / cannot-link CSV path (stored in the case)
    labels: str | None = None  # labelled review CSV (stored as overrides, trains the weights)
    organisation_threshold: float = 0.93  # token-sort similarity of normalised names
    workers: int = -1  # threads for rapidfuzz (-1: all cores)
    seed: int = 0

    #: What each setting may be (checked on load, and when built in Python).
    CHECKS: ClassVar[dict[str, Any]] = {
        "threshold": PROBABILITY,
        "blocking": OneOf(lambda: _blocking_keys()),
        "comparisons": OneOf(lambda: _comparison_names()),
        "block_cap": AT_LEAST_1,
        "block_window": Limit(2),
        "max_pairs": AT_LEAST_1,
        "em_iterations": AT_LEAST_0,
        "em_sample": AT_LEAST_1,
        "tf_max_bits": AT_LEAST_0,
        "weak_name_cap": PROBABILITY,
        "evidence_min_probability": PROBABILITY,
        "organisation_threshold": PROBABILITY,
        "workers": Limit(1, also=((-1, "all cores"),)),
        "seed": AT_LEAST_0,
    }

    def __post_init__(self) -> None:
        check_limits(self)

    def with_overrides(self, **changes: Any) -> ResolveConfig:
        """A copy with the given fields changed; ``None`` values keep the current value."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _blocking_keys() -> Sequence[str]:
    from linkgraph.resolve.blocking import BLOCKING_KEYS

    return list(BLOCKING_KEYS)


def _comparison_names() -> Sequence[str]:
    from linkgraph.resolve.comparisons import COMPARISONS

    return list(COMPARISONS)
