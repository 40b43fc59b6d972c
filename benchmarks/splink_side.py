"""Splink (DuckDB backend) on the benchmark's person mentions, scored like ours.

Used by ``bench_resolve.py`` when Splink is importable (``pip install -e ".[bench]"``).

Input. Splink gets the same mentions as ``resolve()``, cleaned by the same feature code
(:func:`linkgraph.resolve.features.person_features`): names folded to lower-case Latin
(Cyrillic transliterated), given/family names filled from the full name where missing,
ISO dates of birth (month-first dates, which read day-first have a month above 12,
swapped back), phones as their last 9 digits, lower-case e-mails, bank accounts,
upper-case documents and postcodes, folded cities and addresses; phones, e-mails,
accounts and documents include those linked to the mention (a caller in a call record,
a holder in a transfer). Missing values are NULL. Only the plain
columns are passed, plus ``name_phonetic`` (the metaphone keys of the two names, sorted,
as our ``name_phonetic`` blocking key) and ``name_concat`` (given + family, for Splink's
ForenameSurnameComparison); our name skeletons, nicknames and joined names are not.

Model (:func:`splink_settings`):

* Blocking, on keys comparable to ours: document; phone; e-mail; account;
  name_phonetic (both names' metaphone keys, either order, as Splink's
  ``block_on("first_name", "surname")``); dob + given initial; dob + family initial;
  dob + postcode. Most synth mentions (call records, transfers) have a name and one
  phone or account and nothing else, so a name rule combined with birth year or
  postcode never fires on them. Splink has no block cap like ours (``block_cap``), so
  the name rule grows with the square of the commonest names' counts: at 1M mentions
  it is hundreds of millions of pairs (the benchmark stops Splink at 200k rows).
* Comparisons: ForenameSurnameComparison (exact full name with term frequencies, swapped
  columns, Jaro-Winkler 0.92 / 0.88 on both names, exact family / given name with term
  frequencies), DateOfBirthComparison (exact, Levenshtein 1, within 1 month / 1 year /
  10 years), exact sex, phone, e-mail, account and document, and one location comparison with
  nested levels (exact address > exact postcode > exact city with term frequencies).
  Following Splink's advice against columns predictable from one another, postcode,
  city and address are one comparison and nationality is left out (the names and towns
  tell it). As separate comparisons, a shared town counted two or three times and
  common names in one town linked, chaining clusters (on synth at 9946ae5:
  pairwise precision 0.77 at 100k, 0.001 at 1M). E-mail is exact rather than Splink's
  EmailComparison: the generated user names are built from the person's name, so its
  fuzzy levels only repeat the names.
* Training, as Splink's tutorials do: the prior from deterministic rules (same
  document, e-mail, phone or account; same given name, family name and dob) at an
  assumed recall of 0.7 (with document and dob rules only, which hold on 4% of synth
  mentions, the prior came out 3.8e-7 against a true 3.4e-4, and Splink linked almost
  nothing: recall 0.014 on synth 10k); u from up to 10 million random pairs (seed 0);
  m by EM in up to three sessions, each on at most 5 million pairs: blocked on dob
  (trains the names), on given and family name (trains dob, phone, account, document,
  place; without it the account's m stayed unset) and on phone where there are phones
  (trains the names again).
  The tutorials' usual session blocked on the names needs matches to be a fair share of
  same-name pairs (Splink asks for at least 1%); that share falls as the list grows and
  name pools are small, and EM then settles on same-name strangers (on synth at
  9946ae5, 1M: ~0.03% matches, m(dob exact) 0.001, F1 0.88). A phone block is
  nearly all matches at every size.
* Known limit on synth: a person uses several phones (29% of true pairs that both
  have a phone have different ones), but EM sets m(phone differs) near 0 (1e-11): in
  the name session only the phone tells matches from namesakes, so a different phone
  vetoes the pair. Likewise on the transliteration set, spellings across scripts,
  nicknames and Arabic skeletons fall to Splink's lowest name level.
* Prediction at ``threshold`` (match probability; the benchmark passes ours, 0.9), and
  clustering as connected components at the same threshold.

Fast settings (``fast=True``; ``bench_pipeline.py`` runs both). They follow Splink's topic
guide on the drivers of its run time,
https://moj-analytical-services.github.io/splink/topic_guides/performance/drivers_of_performance.html
(source: docs/topic_guides/performance/drivers_of_performance.md in
moj-analytical-services/splink): "the primary driver of run time is the number of record
pairs", then "the complexity of comparisons": more comparison levels, costlier fuzzy
functions and term frequency adjustments; model training is cheaper without term
frequencies and with smaller ``max_pairs``. So, beside the standard model:

* Blocking: stricter rules only (the guide on blocking performance,
  https://moj-analytical-services.github.io/splink/topic_guides/blocking/performance.html,
  recommends starting strict): document, phone, e-mail, account, dob + family name,
  dob + given name. The loose rules go: the name_phonetic rule (its pairs grow with the
  square of the commonest names: most of the standard model's pairs at 1M), and dob +
  initial and dob + postcode (dob + either full name keeps a typo in the other name).
* Comparisons: five, each with few levels and no term frequencies: given name and
  family name each exact / Jaro-Winkler >= 0.9 / else (instead of
  ForenameSurnameComparison's six levels with term frequencies and swapped columns);
  dob exact / Levenshtein 1 / else (instead of DateOfBirthComparison's date arithmetic);
  phone-or-e-mail as one comparison (exact phone > exact e-mail > else); place as exact
  address > exact postcode > else (city and its term frequencies go). Sex, account and
  document comparisons go (document and account still block).
* Training: the same prior; u from 1 million random pairs (Splink's default) instead of
  10 million; two EM sessions (blocked on dob, then on given and family name) of at most
  1 million pairs each, ``estimate_without_term_frequencies``.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from typing import Any

import numpy as np
import pandas as pd

#: Random pairs for the u estimates, pairs per EM session, recall assumed for the prior.
U_MAX_PAIRS = 1e7
EM_MAX_PAIRS = 5e6
#: The same for the fast settings (Splink's defaults for ``max_pairs``).
FAST_U_MAX_PAIRS = 1e6
FAST_EM_MAX_PAIRS = 1e6
PRIOR_RECALL = 0.7
SEED = 0
#: Feature columns passed to Splink as they are.
_PLAIN = ("sex", "phone", "email", "account", "document", "postcode", "city", "address")


def splink_input(mentions: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The person mentions as Splink's input table (``unique_id`` = ``mention_id``).

    With ``links`` (a case's links table), ``mentions`` may hold every mention of the
    case: the person mentions are taken, with the phones, e-mails and documents linked
    to them (as ``resolve()`` sees them).

    Examples:
        >>> from linkgraph.model import MENTIONS
        >>> m = MENTIONS.conform(pd.DataFrame({"mention_id": ["a", "b"], "type": "person",
        ...     "name": ["Олена Гриценко", "Hrytsenko Olena"], "dob": ["1990-03-01", None]}))
        >>> s = splink_input(m)
        >>> s[["unique_id", "given_name", "family_name"]].to_numpy().tolist()
        [['a', 'olena', 'gritsenko'], ['b', 'hrytsenko', 'olena']]
        >>> s["name_concat"].tolist()
        ['olena gritsenko', 'hrytsenko olena']
        >>> s["dob"].tolist()[0], s["dob"].isna().tolist(), s["email"].isna().all()
        ('1990-03-01', [False, True], np.True_)
    """
    from linkgraph.resolve.features import linked_identifiers, person_features

    linked = None
    if links is not None:
        everything = mentions
        mentions = mentions[mentions["type"].astype(str) == "person"].reset_index(drop=True)
        ids = pd.Index(mentions["mention_id"].astype(str))
        linked = linked_identifiers(everything, links, ids)
    f = person_features(mentions, linked)
    given = f["given_name"].to_numpy(dtype=object)
    family = f["family_name"].to_numpy(dtype=object)
    gp = f["given_phonetic"].to_numpy(dtype=object)
    fp = f["family_phonetic"].to_numpy(dtype=object)
    phonetic = np.where(gp <= fp, gp + "|" + fp, fp + "|" + gp)
    phonetic = np.where((gp == "") | (fp == ""), "", phonetic)
    concat = np.char.strip((given.astype(str) + " " + family.astype(str)).astype(str))
    # Month-first dates read day-first have a month above 12: swapped back (ours has a
    # day/month-swapped level instead; Splink's DateOfBirthComparison would see NULL).
    y, m, d = (f[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    swap = (m > 12) & (d <= 12)
    m, d = np.where(swap, d, m), np.where(swap, m, d)
    ymd = pd.Series(y * 10000 + m * 100 + d).astype(str)
    iso = (ymd.str[:4] + "-" + ymd.str[4:6] + "-" + ymd.str[6:8]).where(
        (y > 0) & (m > 0) & (d > 0), ""
    )
    columns = {
        "given_name": given,
        "family_name": family,
        "name_concat": concat.astype(object),
        "name_phonetic": phonetic,
        "dob": iso.to_numpy(dtype=object),
        **{c: f[c].to_numpy(dtype=object) for c in _PLAIN},
    }
    return pd.DataFrame(
        {
            "unique_id": mentions["mention_id"].astype(str).to_numpy(dtype=object),
            **{c: np.where(v == "", None, v).astype(object) for c, v in columns.items()},
        }
    )


def splink_settings(fast: bool = False) -> Any:
    """The Splink model: blocking rules and comparisons (see the module docstring);
    ``fast``: the fast settings."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    if fast:
        return _fast_settings()
    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("document"),
            block_on("phone"),
            block_on("email"),
            block_on("account"),
            block_on("name_phonetic"),
            block_on("dob", "substr(given_name, 1, 1)"),
            block_on("dob", "substr(family_name, 1, 1)"),
            block_on("dob", "postcode"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "given_name", "family_name", forename_surname_concat_col_name="name_concat"
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("email"),
            cl.ExactMatch("account"),
            cl.ExactMatch("document"),
            # One comparison for the place, its levels nested: a postcode tells the city,
            # so separate comparisons would count one agreement two or three times.
            cl.CustomComparison(
                output_column_name="location",
                comparison_description="Exact address > postcode > city",
                comparison_levels=[
                    cll.And(
                        cll.NullLevel("address"), cll.NullLevel("postcode"), cll.NullLevel("city")
                    ),
                    cll.ExactMatchLevel("address"),
                    cll.ExactMatchLevel("postcode"),
                    cll.ExactMatchLevel("city", term_frequency_adjustments=True),
                    cll.ElseLevel(),
                ],
            ),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _fast_settings() -> Any:
    """Fewer pairs, comparisons and levels, no term frequencies (see the module docstring)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("document"),
            block_on("phone"),
            block_on("email"),
            block_on("account"),
            block_on("dob", "family_name"),
            block_on("dob", "given_name"),
        ],
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.9]),
            cl.JaroWinklerAtThresholds("family_name", [0.9]),
            cl.LevenshteinAtThresholds("dob", [1]),
            cl.CustomComparison(
                output_column_name="contact",
                comparison_description="Exact phone > exact e-mail",
                comparison_levels=[
                    cll.And(cll.NullLevel("phone"), cll.NullLevel("email")),
                    cll.ExactMatchLevel("phone"),
                    cll.ExactMatchLevel("email"),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="location",
                comparison_description="Exact address > postcode",
                comparison_levels=[
                    cll.And(cll.NullLevel("address"), cll.NullLevel("postcode")),
                    cll.ExactMatchLevel("address"),
                    cll.ExactMatchLevel("postcode"),
                    cll.ElseLevel(),
                ],
            ),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def train(linker: Any, fast: bool = False) -> None:
    """Estimate the prior, u and m of ``linker`` (see the module docstring)."""
    from splink import block_on
    from splink.internals.exceptions import EMTrainingException

    training = linker.training
    training.estimate_probability_two_random_records_match(
        [
            block_on("document"),
            block_on("email"),
            block_on("phone"),
            block_on("account"),
            block_on("given_name", "family_name", "dob"),
        ],
        recall=PRIOR_RECALL,
    )
    if fast:
        training.estimate_u_using_random_sampling(max_pairs=FAST_U_MAX_PAIRS, seed=SEED)
        for rule in (block_on("dob"), block_on("given_name", "family_name")):
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=FAST_EM_MAX_PAIRS
            )
        return
    training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=SEED)
    training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), max_pairs=EM_MAX_PAIRS
    )
    # The tutorials' session on the names: trains dob, phone, account, document, place.
    training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name"), max_pairs=EM_MAX_PAIRS
    )
    # Trains the names on pairs that share a phone (none in FEBRL).
    with contextlib.suppress(EMTrainingException):
        training.estimate_parameters_using_expectation_maximisation(
            block_on("phone"), max_pairs=EM_MAX_PAIRS
        )


def run_splink(
    mentions: pd.DataFrame,
    threshold: float,
    links: pd.DataFrame | None = None,
    *,
    fast: bool = False,
) -> dict[str, Any]:
    """Train, predict and cluster with Splink; the resolution and the stage seconds.
    ``fast``: the fast settings (see the module docstring).

    Returns:
        ``resolution`` (mention_id, entity_id), ``pairs`` (blocked pairs scored),
        ``seconds`` by stage (prep, train, blocking, predict, cluster, total).
    """
    import duckdb
    from splink import DuckDBAPI, Linker

    seconds: dict[str, float] = {}
    start = mark = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        seconds[stage] = round(now - mark, 3)
        mark = now

    with tempfile.TemporaryDirectory(prefix="splink-bench-") as tmp:
        # DuckDB spills to ./.tmp by default: keep that out of the working tree.
        con = duckdb.connect(config={"temp_directory": tmp})
        db_api = DuckDBAPI(connection=con)
        frame = splink_input(mentions, links)
        table = db_api.register(frame, table_name="mentions")
        del frame
        linker = Linker(table, splink_settings(fast), log_level=logging.ERROR)
        lap("prep")
        train(linker, fast)
        lap("train")
        # Materialised first (predict reuses the cached table) to count the pairs.
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        pairs = con.execute(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0]
        lap("blocking")
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        lap("predict")
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        out = con.sql(f"SELECT unique_id, cluster_id FROM {clusters.physical_name}").df()
        lap("cluster")
        con.close()
    seconds["total"] = round(time.perf_counter() - start, 3)
    resolution = pd.DataFrame(
        {"mention_id": out["unique_id"].astype(str), "entity_id": out["cluster_id"].astype(str)}
    )
    return {"resolution": resolution, "pairs": pairs, "seconds": seconds}
