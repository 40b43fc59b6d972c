"""`explain` and `review` print a few mentions: they redact those rows alone, and take whom
to protect (and why a possible victim is one) from ``CASE_DIR/protection/`` when it is
valid, never the whole case again: on a 200k-mention case this was most of their time."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import linkgraph.privacy as privacy
import linkgraph.redact as redact
from linkgraph.model import Case
from tests.test_possible_victims import BANK, HOTLINE
from tests.victim_case_files import BANK_MAPPING, HOTLINE_MAPPING, run

#: The hotline file named after the victim, as a chat export names a chat.
HOTLINE_FILE = "calls_elena_marin.csv"
#: What no output may print without --show-victims: her name, her near namesake's, her
#: phone and his account.
HERS = ("Elena Marin", "elena_marin", "Marinescu", "721 111 222", "721111222", "40040004")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """The hotline list (under a file name that names the victim) and the bank file,
    ingested into one case and resolved."""
    return _resolved(tmp_path, HOTLINE)


def _resolved(tmp_path: Path, hotline: str) -> Path:
    """``hotline`` (as :data:`HOTLINE_FILE`) and the bank file ingested into one case and
    resolved."""
    for name, text in ((HOTLINE_FILE, hotline), ("hotline.yaml", HOTLINE_MAPPING),
                       ("bank.csv", BANK), ("bank.yaml", BANK_MAPPING)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    for data, mapping in ((HOTLINE_FILE, "hotline.yaml"), ("bank.csv", "bank.yaml")):
        run("ingest", str(tmp_path / data), "--mapping", str(tmp_path / mapping),
            "-o", str(folder), "-q")  # fmt: skip
    run("resolve", str(folder), "-q")
    return folder


def _pseudonym_of(case: Path, source: str, slot: str, row: int = 1) -> str:
    """The pseudonym of the entity of the mention of ``slot`` in ``row`` of ``source``,
    from the case's tables and key (not from an output)."""
    whole = Case.read(case)
    m = whole.mentions
    at = (m["source"] == source) & (m["slot"] == slot) & (m["row"] == row)
    mention = m.loc[at, "mention_id"].item()
    return privacy.pseudonym(str(whole.entity_of()[mention]), whole.pseudonym_key)


def _explain(case: Path, *extra: str) -> str:
    return run("explain", str(case), f"{HOTLINE_FILE}:1:victim", "bank.csv:1:payer", *extra)


def _no_whole_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every whole-case step of protection and redaction fail if it runs."""

    def whole_case(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed on the whole case")

    monkeypatch.setattr(privacy, "_whole_case_protected_ids", whole_case)
    monkeypatch.setattr(privacy, "_victim_near_matches", whole_case)  # possible victims
    monkeypatch.setattr(redact, "_redacted_tables", whole_case)  # every mention's row


def test_explain_shows_a_victim_pair_by_pseudonym_with_and_without_the_cache(
    case: Path,
) -> None:
    computed = _explain(case)  # no protection kept yet: found and kept
    assert (case / "protection" / "ids.json").is_file()
    kept = _explain(case)
    assert kept == computed
    her = _pseudonym_of(case, HOTLINE_FILE, "victim")
    namesake = _pseudonym_of(case, "bank.csv", "payer")
    assert her != namesake
    lines = computed.splitlines()
    # her file's name redacted, both mentions by their entities' pseudonyms
    assert lines[0].startswith("A: ")
    assert f"(person, calls_{her}.csv row 1): {her} (victim:" in lines[0]
    assert lines[1].startswith("B: ")
    assert f"(person, bank.csv row 1): {namesake} (victim:" in lines[1]
    assert "protected as a possible victim: resolution scored its mention" in computed
    assert f"of victim {her} with probability" in computed
    for value in HERS:
        assert value not in computed


def test_explain_with_show_victims_shows_her(case: Path) -> None:
    shown = _explain(case, "--show-victims")
    assert f"(person, {HOTLINE_FILE} row 1): name=Elena Marin" in shown
    assert "name=Elena Marinescu" in shown


def test_explain_does_not_protect_the_whole_case_again_when_kept(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = _explain(case)
    _no_whole_case(monkeypatch)
    assert _explain(case) == computed


def test_review_redacts_the_pairs_it_lists_and_reads_the_kept_protection(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("mentions", str(case), "--csv")  # keeps the protection beside the case
    _no_whole_case(monkeypatch)
    text = run("review", str(case), "--csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    her = _pseudonym_of(case, HOTLINE_FILE, "victim")
    namesake = _pseudonym_of(case, "bank.csv", "payer")
    pair = [r for r in rows if {r["left_label"], r["right_label"]} == {her, namesake}]
    assert len(pair) == 1
    sources = {pair[0]["left_source"], pair[0]["right_source"]}
    assert sources == {f"calls_{her}.csv", "bank.csv"}
    for value in HERS:
        assert value not in text


def test_possible_victims_are_kept_with_the_ids(case: Path) -> None:
    """The reasons kept are those computed from the case's tables."""
    computed = privacy._possible_victims(Case.read(case))
    assert computed  # her near namesake
    _explain(case)
    stored = json.loads((case / "protection" / "ids.json").read_text(encoding="utf-8"))
    assert stored["possible"] == computed
    assert set(computed) <= set(stored["ids"])


def test_rejects_redacts_the_rejects_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phone rejected on a victim's row: withheld, her file's name redacted, and the
    mentions' raw rows left unredacted (they are not printed)."""
    case = _resolved(tmp_path, HOTLINE + "Ana Pop,not a phone,Vasile Rau,+40 722 000 111\n")
    run("mentions", str(case), "--csv")  # keeps the protection beside the case
    _no_whole_case(monkeypatch)
    rows = list(csv.DictReader(io.StringIO(run("rejects", str(case), "--csv"))))
    her = _pseudonym_of(case, HOTLINE_FILE, "victim")
    assert [(r["source"], r["row"], r["value"]) for r in rows] == [
        (f"calls_{her}.csv", "2", "[withheld]")
    ]
