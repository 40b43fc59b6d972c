"""The adjustments resolution makes to the learnt Fellegi-Sunter weights, as objects
applied in a listed order (see :func:`adjustments_for`).

The weights EM learns treat every comparison as independent evidence. Seven corrections,
each learnt from the case or stated as a rule, make them fit trafficking data:

1. :class:`TermFrequency` (while the weights are summed): a shared rare name or date counts
   more than a shared common one.
2. :class:`NameCalibration`: exact agreement on both names gets the match probability
   the case's own namesakes show.
3. :class:`StrongIdentifierRules`: the same document, or the same phone / e-mail /
   account with agreeing names, is a match.
4. :class:`WeakNameCap`: names that agree only weakly, with nothing else to go on, a
   common family name (or one full name) with full dates of birth decades apart, a shared
   phone notwithstanding, different family names with two birthdays at one home (a
   shelter, a shared flat), two different given
   names of one family (twins) without a document, e-mail or account in common (a home
   or phone is a household's), or a name alone that
   several people told apart bear, one date of birth missing, are never a match on
   their own.
5. :class:`SexConflict`: a man and a woman (recorded sex, or the man's and the woman's
   form of one given name), a father and son (Sr. / Jr.), or a parent and child (dates
   of birth a generation apart) never merge without the same document.
6. :class:`EntitySizePrior` (after a first clustering): a mention joins a person seen
   many times more readily than a one-off namesake.
7. :class:`TwoLists` (after clustering): in two registers of the same people, the
   records each leaves unlinked are paired with their counterparts.

``ResolveConfig`` switches each off (``tf_adjustment``, ``name_calibration``,
``strong_rules``, ``weak_name_cap``, ``sex_conflict``, ``entity_size_prior``,
``two_lists``); :func:`adjustments_for`
is the one place that reads those switches. Every pair adjustment has
``apply(scored, model) -> scored``: ``scored`` holds the pairs' ``<comparison>_level``
columns (and the fields the rule reads), ``match_weight`` and ``match_probability``, and
comes back with those updated and the adjustment's own column added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from linkgraph.resolve.clustering import components
from linkgraph.resolve.comparisons import DOCUMENTS_DIFFER, GENERATIONS_APART, at_level
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.entity_prior import attach_small_entities, entity_size_boost
from linkgraph.resolve.scoring import (
    STRONG_RULES,
    Model,
    apply_name_calibration,
    calibration_bits,
    calibration_sample,
    pair_weight,
    probability,
    strong_rules,
    sure_pairs,
    tf_tables,
    weak_name_pairs,
)
from linkgraph.resolve.two_lists import LeftOverPairs, pair_left_overs


@dataclass(frozen=True)
class TermFrequency:
    """A shared rare name counts more than a shared common one (Splink's term-frequency
    adjustment): on the "exact" level of the given and family names and of the date of
    birth (:data:`~linkgraph.resolve.scoring.TF_FIELDS`), the weight becomes
    log2(m / frequency of the shared value), bounded by ``max_bits`` either way. The
    frequencies are counted over the people bearing a name, not over its mentions (see
    :func:`~linkgraph.resolve.scoring.tf_tables`). A name agreeing short of exactly (a
    typo, another transliteration: Попеску / Popescu) gets the discount its commoner
    spelling would get, its frequency counted over all its spellings (the
    transliteration skeleton; see :func:`~linkgraph.resolve.scoring.spelling_frequency`),
    and no bonus. Applied by
    :func:`~linkgraph.resolve.scoring.score` as each comparison's weight is summed (it is
    part of that comparison's weight in the evidence, as ``tf_adjustment``)."""

    name: ClassVar[str] = "term_frequency"
    summary: ClassVar[str] = (
        "a shared rare name or date of birth counts more than a shared common one; a "
        "common name counts as little when spelt differently (another script, a typo)"
    )
    max_bits: float = 4.0

    def tables(self, features: pd.DataFrame) -> dict[str, pd.Series]:
        """The value frequencies of the case (:func:`~linkgraph.resolve.scoring.tf_tables`)."""
        return tf_tables(features)


@dataclass(frozen=True)
class NameCalibration:
    """Exact agreement on both names gets the match probability the case's own data
    shows (see :func:`~linkgraph.resolve.scoring.full_name_calibration`): learnt from the
    exact-name pairs with both dates of birth, whose differing dates reveal namesakes,
    then added (in bits, column ``name_calibration``) to every exact-name pair."""

    name: ClassVar[str] = "name_calibration"
    summary: ClassVar[str] = (
        "exact agreement on both names weighs what the case's own namesakes show"
    )

    def sample(self, scored: pd.DataFrame, model: Model) -> tuple[np.ndarray, int] | None:
        """What the calibration learns from, in one batch of scored pairs."""
        return calibration_sample(scored, model)

    def learn(self, model: Model, samples: Sequence[tuple[np.ndarray, int] | None]) -> Model:
        """The model with the calibration learnt from the batches' samples (none when a
        batch lacks names or dates of birth)."""
        if not samples or any(s is None for s in samples):
            bits, info = 0.0, {"pairs": 0}
        else:
            logits = np.concatenate([s[0] for s in samples if s is not None])
            bits, info = calibration_bits(logits, sum(s[1] for s in samples if s is not None))
        return replace(model, name_calibration=bits, name_calibration_info=info)

    def apply(self, scored: pd.DataFrame, model: Model) -> pd.DataFrame:
        """The calibration added to the exact-name pairs' weight and probability."""
        return apply_name_calibration(scored, model)


@dataclass(frozen=True)
class StrongIdentifierRules:
    """The same document (names not different on both parts), or the same phone, e-mail
    or account with both names agreeing (exact or close, in either order), dates of birth
    not in conflict, is a match: probability at least ``floor`` (see
    :func:`~linkgraph.resolve.scoring.strong_rules`; column ``strong_rule`` names it)."""

    name: ClassVar[str] = "strong_rules"
    summary: ClassVar[str] = (
        "the same document, or the same phone, e-mail or account with agreeing names, is a match"
    )
    floor: float = 0.999

    def apply(self, scored: pd.DataFrame, model: Model) -> pd.DataFrame:
        rule = strong_rules(scored).to_numpy(dtype=object)
        prob = scored["match_probability"].to_numpy()
        scored["match_probability"] = np.where(rule != "", np.maximum(prob, self.floor), prob)
        scored["strong_rule"] = pd.Categorical(rule, categories=STRONG_RULES)
        return scored


@dataclass(frozen=True)
class WeakNameCap:
    """Pairs that a learnt weight alone must not merge (no agreeing date of birth or
    document, names that do not both agree strongly; or a common family name, or one full
    name, with full dates of birth decades apart: see
    :func:`~linkgraph.resolve.scoring.weak_name_pairs`;
    or given names that plainly differ beside an agreeing family name, no document,
    e-mail or account shared: see :func:`sibling_pairs`, column
    ``siblings``, a conflict in clustering; or a name alone, one date of birth missing,
    that several people told apart bear: column ``name_shared``, see
    :func:`~linkgraph.resolve.scoring.name_fits_several`) get at most probability
    ``cap`` (column ``capped``)."""

    name: ClassVar[str] = "weak_name_cap"
    summary: ClassVar[str] = (
        "names that agree only weakly, without a date of birth or document, cannot "
        "merge on their own; nor can a common family name, or one full name, with dates "
        "of birth decades apart (whatever phone they share), nor two different given "
        "names of one family (twins, siblings, a household: a home or phone in common "
        "is a household's) with no document, e-mail or account in common; nor can a "
        "name alone that several people bear, on a record without a date of birth; nor "
        "different family names with two birthdays, whatever home they share (a "
        "household, a shelter, a shared flat); nor family names with nothing in common "
        "without the same date of birth or an identifier or home in common; nor given "
        "names alike but not one (Marie Laure / Marie-Claire) with dates of birth years "
        "apart and no document, e-mail or account in common"
    )
    cap: float = 0.5

    def apply(self, scored: pd.DataFrame, model: Model) -> pd.DataFrame:
        prob = scored["match_probability"].to_numpy()
        siblings = sibling_pairs(scored, households_apart=model.households_apart)
        weak = weak_name_pairs(scored, households_apart=model.households_apart)
        # A shorter name that fits two people on the line the pair shares ("Ion" on the
        # office phone of Ion Popescu and Ion Vasilescu: comparisons.name_within) is
        # neither's on the weights either, now that a one-word name is compared with
        # the other's given name: an analyst decides. Not on one document: a person's own.
        if "one_word_given" in scored:
            # A one-word name agreeing with the other's given name alone ("Maria" on
            # the phone of "Maria Rossi") is hers only as the shared-identifier rule
            # allows it (comparisons.name_within: not a suspect on her victim daughter's
            # phone, not a name that fits two), or with a date of birth or document
            # that agrees: the given name's weight and a phone's are no more.
            weak = weak | (
                scored["one_word_given"].to_numpy(bool)
                & ~_flag_of(scored, "name_within")
                & ~at_level(scored, "dob", "exact", "close")
                & ~at_level(scored, "document", "same")
            )
        if "name_ambiguous" in scored:
            ambiguous = scored["name_ambiguous"].to_numpy(bool)
            weak = weak | (ambiguous & ~at_level(scored, "document", "same"))
        capped = (weak | siblings) & (prob > self.cap)
        scored["match_probability"] = np.where(capped, self.cap, prob)
        scored["capped"] = capped
        # Their documents differing too, or (where the case lists households) twins: a
        # home or phone and the date of birth in common, they are two people through any
        # chain of merges, so a third record sharing nothing with either does not join
        # them (a phone that differs alone does not say so much: one person holds several;
        # nor does a home with other dates, where the weights keep them apart anyway).
        apart = at_level(scored, "document", "different")
        if model.households_apart:
            apart |= household_tie(scored) & at_level(scored, "dob", "exact")
        scored["siblings"] = siblings & apart
        return scored


def _flag_of(scored: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column of ``scored``, all False when absent."""
    if column not in scored:
        return np.zeros(len(scored), dtype=bool)
    return scored[column].to_numpy(bool)


def sibling_pairs(scored: pd.DataFrame, *, households_apart: bool = True) -> np.ndarray:
    """Pairs whose given names plainly differ (no nickname, spelling, transliteration or
    initial of one another, nor a first word that is one: level "different") beside a
    family name that agrees (exact, close or similar), with no document (even one typo
    off), e-mail or account in common, and either a document or phone that differs or a
    household's tie (:func:`household_tie`: a phone, street address or postcode in
    common). That is the pattern of twins, siblings and spouses ("Oleksandr" and "Dmytro
    Kravets", both born 1992-03-14, at vul. Zelena 5, on one landline): the learnt
    weights, which count a shared date of birth, address and phone as independent of the
    given name, would merge them; a demanding analyst reviews them instead. A home or a
    line is a household's, not one person's: only what one person holds (a document, an
    e-mail, an account) lifts the cap. So is a pair born on one day whose given names are
    both single names the nickname tables know (column ``given_both_known``: "Bohdan" and
    "Yulia"), with nothing else to tell. Otherwise, with nothing to tell (no identifier
    differs, none shared, no home), a nickname no table knows (Eleni / Lena) is as
    likely: the weights decide.

    In a case whose registers replace given names (``households_apart`` false, see
    :func:`households_apart`: FEBRL's corrupted copies) a clerk's replaced given name is
    as likely as twins: there only a document or phone that differs, with no street
    address (token-sort >= 0.7), postcode (even one typo off) or identifier in common,
    says two people; otherwise the weights decide. Clustering keeps such a pair whose
    documents differ apart through chains of merges too (``resolve.cluster_persons``); a
    phone alone does not say so much (one person holds several).

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> pairs = pd.DataFrame({
    ...     "given_name_level": [c("given_name", "different")] * 5 + [c("given_name", "exact")],
    ...     "family_name_level": [c("family_name", "exact")] * 6,
    ...     "phone_level": [c("phone", "different"), c("phone", "same"), c("phone", "null"),
    ...                     c("phone", "different"), c("phone", "null"), c("phone", "null")],
    ...     "address_level": [c("address", "exact")] * 3 + [c("address", "null")] * 3,
    ...     "document_level": [c("document", "null")] * 3 + [c("document", "same"),
    ...                        c("document", "null"), c("document", "null")],
    ... })
    >>> sibling_pairs(pairs).tolist()
    [True, True, True, False, False, False]
    >>> sibling_pairs(pairs.assign(address_level=0), households_apart=False).tolist()
    [True, False, False, False, False, False]
    """
    given_differ = at_level(scored, "given_name", "different")
    for flag in ("initial", "given_first_agree"):  # "Olena Petrivna" / "Elena": one name
        if flag in scored:
            given_differ &= ~scored[flag].to_numpy(bool)
    family_agree = at_level(scored, "family_name", "exact", "close", "similar")
    siblings = given_differ & family_agree
    # Compared in swapped order, which crossed pair holds the given names is a guess
    # unless the nickname tables know it (name_order.left_swapped): one pair that agrees
    # beside one that plainly differs is one family name and two given names as likely
    # ("Huyne Duong" / "Dương Thị Nhung": the family name written first), unless the
    # agreeing pair is one given name by the tables (a name changed by marriage).
    swapped = _flag(scored, "swapped") & ~_flag(scored, "swap_given_known")
    family_differ = at_level(scored, "family_name", "different", "unrelated")
    given_agree = at_level(scored, "given_name", "exact", "close", "similar")
    siblings |= swapped & family_differ & given_agree
    siblings &= ~_personal_in_common(scored)
    # One given name keyed or scanned wrong ("Osrnan" / "Oman": comparisons.given_names_typo),
    # on one date of birth (exact or a typo of it): one person, unless the nickname tables
    # know both names (Ella / Emma, born on one day: twins). The weights decide.
    typo = _flag(scored, "given_typo") & ~_flag(scored, "given_both_known")
    siblings &= ~(typo & at_level(scored, "dob", "exact", "close"))
    # A document or phone that differs says two people; an e-mail or account is as often
    # a second one of one person, or mistyped beyond one typo.
    differ = at_level(scored, "document", "different") | at_level(scored, "phone", "different")
    if households_apart:
        # Born on one day, two names the tables know (not a spelling or diminutive of
        # one another): twins ("Bohdan" and "Yulia Hnatiuk", 1996-01-31, Leeds), whom
        # the weights, counting the date and the town, would merge.
        # So are two given names that share no run of letters (given_apart: "Răzvan"
        # and "Ionuț Tănase"), whatever the tables know; a diminutive the tables miss
        # keeps a run of its name's letters (Bukky / Bukola) and is left to the weights.
        known = _flag(scored, "given_both_known") | _flag(scored, "given_apart")
        twins = at_level(scored, "dob", "exact") & known
        return siblings & (differ | household_tie(scored) | twins)
    return siblings & differ & ~household_tie(scored)


def _flag(scored: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column of the compared pairs (False throughout when absent)."""
    if column in scored:
        return scored[column].to_numpy(bool)
    return np.zeros(len(scored), dtype=bool)


def _personal_in_common(scored: pd.DataFrame) -> np.ndarray:
    """Pairs sharing what one person holds: a document (even one typo off), an e-mail or
    an account."""
    shared = at_level(scored, "document", "same", "one_typo")
    return shared | at_level(scored, "email", "same") | at_level(scored, "account", "same")


def household_tie(scored: pd.DataFrame) -> np.ndarray:
    """Pairs sharing what a household shares: a phone, a street address (token-sort >=
    0.7) or a postcode (even one typo off)."""
    home = at_level(scored, "phone", "same")
    home |= at_level(scored, "address", "exact", "close", "similar")
    return home | at_level(scored, "postcode", "same", "one_typo")


#: At least this many households (see :func:`households_apart`) say how the case's
#: registers treat given names; fewer say nothing (households are kept apart).
HOUSEHOLD_MIN_PAIRS = 20
#: Above this share of households born on one day (most of them), the case's registers
#: replace given names (FEBRL, 0.91 to 0.96 on its four lists) rather than list
#: households: twins are a few in a hundred pairs of siblings, spouses, parents and
#: children, and one person's given name written two ways the comparisons do not know
#: (a nickname no table holds) is born on one day too; a case of families, twins and
#: such spellings reaches a third.
HOUSEHOLD_SAME_BIRTHDAY = 0.5


def households_apart(scored: pd.DataFrame) -> tuple[bool, float, int]:
    """Whether plainly different given names beside one family name and a household's
    tie (:func:`household_tie`) are two people in this case, read from its pairs of that
    shape with both dates of birth: (verdict, share born on one day, households).

    People who share a home and a family name are spouses, siblings, parents and
    children: born on one day only as twins, a few in a hundred such pairs. A register
    whose copies of a record get another given name (FEBRL's corruptions) shows the
    shape the other way round: nearly all its pairs so shaped have one date of birth,
    being one person. A pair born on one day whose documents or recorded sexes differ is
    not a copy (a clerk replaces a given name, not the passport number or the sex): it
    counts as born on other days. The pairs joined through shared records (``left`` and
    ``right`` columns) are one household, counted once (born on one day when most of its
    pairs are), so twins named in many records count as one. Below
    :data:`HOUSEHOLD_MIN_PAIRS` households, or at most :data:`HOUSEHOLD_SAME_BIRTHDAY` of
    them born on one day, the case lists households.

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> shaped = {"given_name_level": c("given_name", "different"),
    ...           "family_name_level": c("family_name", "exact"),
    ...           "address_level": c("address", "exact")}
    >>> febrl = pd.DataFrame({**shaped, "dob_level": [c("dob", "exact")] * 30
    ...                       + [c("dob", "different")] * 10})
    >>> households_apart(febrl), households_apart(febrl.head(19))[0]
    ((False, 0.75, 40), True)
    >>> twins = febrl.assign(left=0, right=1)  # one pair of records, forty times over
    >>> households_apart(twins)
    (True, 1.0, 1)
    >>> passports = febrl.assign(document_level=c("document", "different"))
    >>> households_apart(passports)  # twins with their own passports: not copies
    (True, 0.0, 40)
    """
    shaped = at_level(scored, "given_name", "different") & household_tie(scored)
    shaped &= at_level(scored, "family_name", "exact")
    for flag in ("initial", "given_first_agree"):  # one given name written two ways
        if flag in scored:
            shaped &= ~scored[flag].to_numpy(bool)
    shaped &= ~at_level(scored, "dob", "null")
    weight = pair_weight(scored)[shaped].astype(np.float64)  # copies (resolve.identical)
    two = at_level(scored, "document", "different") | at_level(scored, "sex", "different")
    same_day = (at_level(scored, "dob", "exact") & ~two)[shaped]
    if "left" in scored and "right" in scored:
        ends, codes = np.unique(
            np.concatenate([scored["left"].to_numpy()[shaped], scored["right"].to_numpy()[shaped]]),
            return_inverse=True,
        )
        k = int(shaped.sum())
        house = components(len(ends), codes[:k], codes[k:])[codes[:k]]  # of each pair
        # Per household, the weighted share of its pairs born on one day; one vote each.
        total = np.bincount(house, weights=weight)
        day = np.bincount(house, weights=weight * same_day) / np.maximum(total, 1e-12)
        same_day, weight = day > 0.5, np.ones(len(day))
    n = int(weight.sum())
    share = round(float(np.average(same_day, weights=weight)), 4) if n else 0.0
    return n < HOUSEHOLD_MIN_PAIRS or share <= HOUSEHOLD_SAME_BIRTHDAY, share, n


def with_household_reliability(model: Model, scored: pd.DataFrame) -> Model:
    """``model`` with :func:`households_apart` of the compared pairs ``scored`` (all the
    case's pairs, not a chunk of them)."""
    apart, share, n = households_apart(scored)
    info = {"households": n, "same_birthday_share": share}
    return replace(model, households_apart=apart, household_info=info)


@dataclass(frozen=True)
class SexConflict:
    """A man and a woman are two people (column ``sex_conflict`` of
    :func:`~linkgraph.resolve.comparisons.compare`): a pair whose recorded sexes differ,
    or whose given names are a man's and a woman's form of one name with one sex
    recorded, gets at most probability ``cap``, whatever the other fields say, unless
    the two share a document number (a sex typed wrong on one record). With no sex
    recorded on either, such given names keep the two apart unless they share a document
    number (even one typo off) or a street address: without a recorded sex, a dropped
    final "a" is as often a typo ("Rebecca" / "Rebecc"). A pair kept apart is also a
    conflict in clustering: no chain of merges puts the two into one entity, and
    clustering checks every recorded sex in the entity being formed too (a woman and a
    man never compared, joined through a mention without a sex), as far as the case
    records sexes reliably (``Model.sexes_reliable``, from :func:`sexes_reliable`). An
    analyst's must-link still joins them (column ``sex_vetoed``). A father and his son
    named after him (names closing with the suffixes of two generations: Sr. / Jr.,
    II / III, père / fils, or a suffix column's "JR" beside "SR"; code
    ``GENERATION_CONFLICT``) are kept apart the same way, and so are a parent and child
    whose dates of birth are a generation apart (code ``GENERATIONS_APART``, see
    :func:`~linkgraph.resolve.comparisons.generations_apart`: years at least 15 apart
    and no typo of one another), unless they share a document or an account, or the
    case's dates are too unreliable to veto (a shared phone or e-mail does not join
    them: a household's line). At one street address or postcode such full dates are
    left to the weights here (a clerk's replaced date is as likely) and to clustering
    (``resolve.generations_at_home``: each date confirmed by another record of its own is
    a parent and child). So are two records holding passport or id numbers of one kind
    (one shape: :func:`~linkgraph.resolve.comparisons.documents_differ`) that differ by
    more than one typo (code ``DOCUMENTS_DIFFER``: twins or siblings of one date of
    birth, one phone and names that are close strings, Somchai / Somsak, each with her
    own passport), as far as the case's documents are reliable
    (``Model.documents_reliable``, from :func:`documents_reliable`)."""

    name: ClassVar[str] = "sex_conflict"
    summary: ClassVar[str] = (
        "a man and a woman (their recorded sex, or a man's and a woman's form of one "
        "given name), a parent and child (dates of birth a generation apart), two "
        "holders of passport or id numbers of one kind that differ (more than one typo), "
        "or a father and son (Sr. / Jr.), never merge without a document number in common "
        "(an analyst's must-link still joins them)"
    )
    cap: float = 0.01

    def apply(self, scored: pd.DataFrame, model: Model) -> pd.DataFrame:
        vetoed = sex_vetoed(scored)
        if "sex_conflict" in scored and not model.sexes_reliable:
            # The case's recorded sexes disagree too often on sure pairs to veto alone:
            # only a man's and a woman's given names do (the learnt weight judges the rest).
            vetoed &= scored["sex_conflict"].to_numpy(np.int8) != 1
        if "sex_conflict" in scored and not model.dates_reliable:
            # The case's dates of birth disagree too often on sure pairs to veto alone
            # (scoring.date_reliability): dates a generation apart are left to the weights.
            vetoed &= scored["sex_conflict"].to_numpy(np.int8) != GENERATIONS_APART
        if "sex_conflict" in scored and "given_name_level" in scored:
            # Two numbers under one given name (exact or a nickname) are as often one
            # person's renewed passport, a second nationality's or a forged one (common
            # among traffickers) as twins' (twins are not given one name): left to the
            # weights. Twins' close given names (Somchai / Somsak) stay vetoed.
            one_given = at_level(scored, "given_name", "exact")
            code = scored["sex_conflict"].to_numpy(np.int8)
            vetoed &= ~((code == DOCUMENTS_DIFFER) & one_given)
        if "sex_conflict" in scored and not model.documents_reliable:
            # The case's sure pairs hold other numbers too often (a register whose copies
            # get another id number: FEBRL's): documents that differ are left to the weights.
            vetoed &= scored["sex_conflict"].to_numpy(np.int8) != DOCUMENTS_DIFFER
        prob = scored["match_probability"].to_numpy()
        scored["match_probability"] = np.where(vetoed, np.minimum(prob, self.cap), prob)
        if "strong_rule" in scored and vetoed.any():
            rule = scored["strong_rule"].to_numpy(dtype=object)
            scored["strong_rule"] = pd.Categorical(
                np.where(vetoed, "", rule), categories=STRONG_RULES
            )
        scored["sex_vetoed"] = vetoed
        return scored


#: Above this share of sure pairs (see :func:`documents_reliable`) whose passport or id
#: numbers of one kind differ, a case's documents are too unreliable to keep two records
#: apart on their own (FEBRL's copies: 6 to 7 in a hundred; a person's renewed passport
#: beside her old one is rarer).
DOCUMENTS_UNRELIABLE = 0.03
#: Fewer sure pairs with both documents than this say nothing: documents count as reliable.
DOCUMENTS_MIN_ANCHORS = 30


def with_document_reliability(model: Model, scored: pd.DataFrame) -> Model:
    """``model`` with :func:`documents_reliable` of the compared pairs ``scored`` (all the
    case's pairs, not a chunk of them)."""
    if "sex_conflict" not in scored or "document_level" not in scored:
        return model
    reliable, share, anchors = documents_reliable(scored)
    info = {"documented_anchor_pairs": anchors, "differing_share": share}
    return replace(model, documents_reliable=reliable, document_reliability_info=info)


def documents_reliable(scored: pd.DataFrame) -> tuple[bool, float, int]:
    """Whether two passport or id numbers of one kind that differ (code
    :data:`~linkgraph.resolve.comparisons.DOCUMENTS_DIFFER` of ``sex_conflict``) may keep
    two records apart in this case, read from its sure pairs with a document on both
    sides: both names exact (or a nickname) and the same full date of birth, no other
    conflict. An agency's records of one person carry her one passport or id number,
    typed right or one typo off; a register whose copies are given another number
    (FEBRL's corruptions) shows it on its sure pairs, and there a number that differs is
    weak evidence, left to the learnt weight. (verdict, share, anchors)

    >>> from linkgraph.resolve.comparisons import level_code as c
    >>> sure = {"given_name_level": c("given_name", "exact"),
    ...         "family_name_level": c("family_name", "exact"),
    ...         "dob_level": c("dob", "exact"), "document_level": c("document", "same")}
    >>> copies = pd.DataFrame({**sure, "sex_conflict": [0] * 30 + [6] * 3})
    >>> documents_reliable(copies), documents_reliable(copies.head(29))[0]
    ((False, 0.0909, 33), True)
    """
    anchor = at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
    anchor &= at_level(scored, "dob", "exact") & ~at_level(scored, "document", "null")
    code = scored["sex_conflict"].to_numpy(np.int8)
    anchor &= (code == 0) | (code == DOCUMENTS_DIFFER)
    weight = pair_weight(scored)[anchor]
    anchors = int(weight.sum())
    if anchors < DOCUMENTS_MIN_ANCHORS:
        return True, 0.0, anchors
    share = float(np.average(code[anchor] == DOCUMENTS_DIFFER, weights=weight))
    return share <= DOCUMENTS_UNRELIABLE, round(share, 4), anchors


#: Above this share of sure pairs (see :func:`sexes_reliable`) whose recorded sexes differ,
#: a case's recorded sex is too unreliable to keep two records apart on its own.
SEXES_UNRELIABLE = 0.02
#: Fewer sure pairs with both sexes recorded than this say nothing: sexes count as reliable.
SEXES_MIN_ANCHORS = 30


def with_sex_reliability(model: Model, scored: pd.DataFrame) -> Model:
    """``model`` with :func:`sexes_reliable` of the compared pairs ``scored`` (all the
    case's pairs, not a chunk of them: clustering reads it too)."""
    if "sex_conflict" not in scored:
        return model
    return replace(model, sexes_reliable=sexes_reliable(scored))


def sexes_reliable(scored: pd.DataFrame) -> bool:
    """Whether a recorded sex that differs may keep two records apart in this case, read
    from its sure pairs: both names exact (or a nickname), the same date of birth or a
    shared phone, e-mail, account or document, and both sexes recorded. A register or a
    case file records a person's sex the same way nearly always; a corrupted list (public
    benchmarks flip it on purpose) does not, and there a different sex is weak evidence.

    >>> from linkgraph.resolve.comparisons import level_code
    >>> sure = {"given_name_level": level_code("given_name", "exact"),
    ...         "family_name_level": level_code("family_name", "exact"),
    ...         "dob_level": level_code("dob", "exact"), "sex_level": level_code("sex", "same")}
    >>> flips = pd.DataFrame({**sure, "sex_conflict": [0] * 30 + [1] * 10})
    >>> sexes_reliable(flips), sexes_reliable(flips.head(30))
    (False, True)
    """
    anchor = sure_pairs(scored, same_dob=True) & ~at_level(scored, "sex", "null")
    weight = pair_weight(scored)[anchor]  # copies' pairs counted (resolve.identical)
    if int(weight.sum()) < SEXES_MIN_ANCHORS:
        return True
    differ = scored["sex_conflict"].to_numpy(np.int8)[anchor] == 1
    return float(np.average(differ, weights=weight)) <= SEXES_UNRELIABLE


def sex_vetoed(scored: pd.DataFrame) -> np.ndarray:
    """The pairs :class:`SexConflict` keeps apart: a ``sex_conflict`` (codes of
    :data:`~linkgraph.resolve.comparisons.SEX_CONFLICTS`) with no document in common,
    and, with no sex recorded (code 3), no document one typo off and no street address in
    common either; dates of birth a generation apart (code 5) with no account in common
    either (a shared phone or e-mail is a household's: a father and his son on the
    family's landline).

    >>> sex_vetoed(pd.DataFrame({"sex_conflict": [1, 1, 3, 3, 0, 5, 5],
    ...                          "document_level": [0, 1, 2, 0, 0, 0, 0],
    ...                          "account_level": [0, 0, 0, 0, 0, 0, 1],
    ...                          "address_level": [1, 0, 0, 4, 0, 1, 1]})).tolist()
    [True, False, False, True, False, True, False]
    """
    if "sex_conflict" not in scored:
        return np.zeros(len(scored), dtype=bool)
    code = scored["sex_conflict"].to_numpy(np.int8)
    document = at_level(scored, "document", "same")
    unrecorded = code == 3
    shared = at_level(scored, "document", "one_typo") | at_level(
        scored, "address", "exact", "close"
    )
    account = (code == GENERATIONS_APART) & at_level(scored, "account", "same")
    return (code > 0) & ~document & ~(unrecorded & shared) & ~account


@dataclass(frozen=True)
class EntitySizePrior:
    """After a first clustering, an exact-name pair between a small entity and a large
    one gets log2(large size / mean size) bits (column ``entity_size``), and the small
    entities it lifts over the threshold join their large one (the Chinese-restaurant
    prior of Bayesian entity resolution; see :mod:`linkgraph.resolve.entity_prior`)."""

    name: ClassVar[str] = "entity_size_prior"
    summary: ClassVar[str] = (
        "a mention joins a person seen many times more readily than a one-off namesake"
    )

    def apply(
        self,
        scored: pd.DataFrame,
        labels: np.ndarray,
        *,
        prob: np.ndarray,
        blocked: np.ndarray,
        threshold: float,
        conflicts: tuple[np.ndarray, np.ndarray],
        dob: np.ndarray,
        exclusive: np.ndarray | None = None,
        sex: np.ndarray | None = None,
        counts: np.ndarray | None = None,
    ) -> tuple[pd.DataFrame, np.ndarray]:
        """The pairs with the boost in ``match_weight``/``match_probability``, and the
        labels after the small entities joined; ``counts``, how many mentions each
        mention stands for (copies of one record), 1 each by default.

        Args:
            scored: the clustered pairs (``left``, ``right``, ``match_weight``, the name
                levels); changed in place when a pair is boosted.
            labels: entity label per mention from the first clustering.
            prob: the match probability clustering used per pair (0 for a cannot-link).
            blocked: pairs that must not be boosted (conflicts, cannot-links).
            threshold, conflicts, dob, exclusive, sex: as
                :func:`~linkgraph.resolve.clustering.cluster` took them.
        """
        left = scored["left"].to_numpy(np.int64)
        right = scored["right"].to_numpy(np.int64)
        if len(prob) == 0:
            return scored, labels
        exact = at_level(scored, "given_name", "exact") & at_level(scored, "family_name", "exact")
        if "dob_conflict" in scored:
            blocked = blocked | scored["dob_conflict"].to_numpy(bool)
        boost = entity_size_boost(
            labels, left, right, prob, exact, blocked, threshold=threshold, counts=counts
        )
        if not boost.any():
            return scored, labels
        # a cannot-link's probability is 0 (never boosted): clipped, its log is finite
        odds_of = np.clip(prob, 1e-300, 1.0)
        logit = np.log2(odds_of / np.maximum(1 - odds_of, 1e-300)) + boost
        prob = np.where(boost > 0, probability(logit), prob)
        scored["match_probability"] = prob
        scored["match_weight"] = scored["match_weight"].to_numpy() + boost
        scored["entity_size"] = boost.astype(np.float32)
        labels = attach_small_entities(
            labels,
            left,
            right,
            prob,
            boost,
            threshold=threshold,
            conflicts=conflicts,
            dob=dob,
            exclusive=exclusive,
            sex=sex,
        )
        return scored, labels


@dataclass(frozen=True)
class TwoLists:
    """When the case is two registers of the same people (two sources, no duplicates
    within either, each at least ``min_coverage`` linked to the other), the records
    each leaves unlinked are paired one to one with those of the other: the share of
    matches among them learnt by EM from their own weights, each pair weighed against
    every other partner of either record (column ``two_lists``: the bits its prior
    adds; see :mod:`linkgraph.resolve.two_lists`)."""

    name: ClassVar[str] = "two_lists"
    summary: ClassVar[str] = (
        "in two lists of the same people, a record left unlinked in each is paired with "
        "its one likely counterpart"
    )
    min_coverage: float = 0.9
    max_duplicates: float = 0.01
    max_pairs: int = 2_000_000

    def apply(
        self,
        scored: pd.DataFrame,
        labels: np.ndarray,
        *,
        source: np.ndarray,
        names: tuple[str, ...],
        model: Model,
        config: ResolveConfig,
        cannot: np.ndarray,
        score_pairs: Any,
    ) -> tuple[pd.DataFrame, np.ndarray, LeftOverPairs]:
        """The pairs with the left-overs' probability (and those blocking missed added),
        the labels after they join, and what was found (see
        :func:`~linkgraph.resolve.two_lists.pair_left_overs`)."""
        return pair_left_overs(
            scored,
            labels,
            source,
            names,
            prior_weight=model.prior_weight,
            threshold=config.threshold,
            conflict_weight=config.conflict_weight,
            cannot=cannot,
            n=len(labels),
            score_pairs=score_pairs,
            min_coverage=self.min_coverage,
            max_duplicates=self.max_duplicates,
            max_pairs=self.max_pairs,
            evidence_min=config.evidence_min_probability,
        )


#: A pair adjustment: ``apply(scored, model) -> scored``.
PairAdjustment = NameCalibration | StrongIdentifierRules | WeakNameCap | SexConflict
Adjustment = TermFrequency | PairAdjustment | EntitySizePrior | TwoLists


def adjustments_for(config: ResolveConfig) -> tuple[Adjustment, ...]:
    """The adjustments ``config`` asks for, in the order they apply."""
    steps: list[Any] = []
    if config.tf_adjustment:
        steps.append(TermFrequency(max_bits=config.tf_max_bits))
    if config.name_calibration:
        steps.append(NameCalibration())
    if config.strong_rules:
        steps.append(StrongIdentifierRules())
    if config.weak_name_cap is not None:
        steps.append(WeakNameCap(cap=config.weak_name_cap))
    if config.sex_conflict:
        steps.append(SexConflict())
    if config.entity_size_prior:
        steps.append(EntitySizePrior())
    if config.two_lists:
        steps.append(TwoLists())
    return tuple(steps)


def term_frequency(config: ResolveConfig) -> TermFrequency | None:
    """The term-frequency adjustment of ``config`` (None when switched off)."""
    return next((a for a in adjustments_for(config) if isinstance(a, TermFrequency)), None)


def pair_adjustments(config: ResolveConfig) -> tuple[PairAdjustment, ...]:
    """The adjustments of scored pairs, in order (after the weights, before clustering)."""
    kinds = (NameCalibration, StrongIdentifierRules, WeakNameCap, SexConflict)
    return tuple(a for a in adjustments_for(config) if isinstance(a, kinds))


def entity_size_prior(config: ResolveConfig) -> EntitySizePrior | None:
    """The entity-size prior of ``config`` (None when switched off)."""
    return next((a for a in adjustments_for(config) if isinstance(a, EntitySizePrior)), None)


def two_lists(config: ResolveConfig) -> TwoLists | None:
    """The two-lists pairing of ``config`` (None when switched off)."""
    return next((a for a in adjustments_for(config) if isinstance(a, TwoLists)), None)


def learn_adjustments(
    adjustments: Sequence[PairAdjustment],
    model: Model,
    samples: dict[str, list[Any]],
) -> Model:
    """The model with what the adjustments learn from the scored pairs (``samples``: per
    adjustment name, one sample per batch of pairs, from its ``sample``)."""
    for adj in adjustments:
        if isinstance(adj, NameCalibration):
            model = adj.learn(model, samples.get(adj.name, []))
    return model


def apply_adjustments(
    scored: pd.DataFrame, model: Model, adjustments: Sequence[PairAdjustment]
) -> pd.DataFrame:
    """``scored`` after each pair adjustment in turn; ``strong_rule`` ("" when none),
    ``capped``, ``siblings`` and ``sex_vetoed`` (False) are there even when their adjustment is
    switched off."""
    for adj in adjustments:
        scored = adj.apply(scored, model)
    if "strong_rule" not in scored:
        scored["strong_rule"] = ""
    for flag in ("capped", "siblings", "sex_vetoed"):
        if flag not in scored:
            scored[flag] = False
    return scored


def describe(adjustments: Sequence[Adjustment]) -> list[str]:
    """One line per adjustment, in order: its name and what it does, in plain words
    (what ``explain`` prints; the class docstrings say how)."""
    return [f"{adj.name}: {adj.summary}" for adj in adjustments]
