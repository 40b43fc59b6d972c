"""Whom to protect is computed once per version of a case and kept beside it
(``CASE_DIR/protection/``): a lookup (`mentions`, `explain`) after the first reads it,
a changed case computes it again, and one command computes it once, not once for the
case and again for its redacted copy (tester round 19, W4)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import linkgraph.privacy as privacy
from linkgraph.model import Case
from tests.test_possible_victims import BANK, HOTLINE
from tests.victim_case_files import resolved_case, run


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return resolved_case(tmp_path, HOTLINE, BANK)


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the whole case's protected set was computed (one entry a time)."""
    calls: list[int] = []
    real = privacy._whole_case_protected_ids

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(privacy, "_whole_case_protected_ids", counted)
    return calls


def test_a_lookup_computes_it_once_and_the_next_reads_it(case: Path, computed: list) -> None:
    first = run("mentions", str(case), "--csv")
    assert len(computed) == 1  # not again for the redacted copy of the case
    assert (case / "protection" / "ids.json").is_file()
    second = run("mentions", str(case), "--csv", "--search", "Victim-")
    third = run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    assert len(computed) == 1  # read from the case folder
    # still as strict: the victim, her near namesake and both their numbers hidden
    for text in (first, second, third):
        for value in ("Elena Marin", "Marinescu", "40040004", "721 111 222"):
            assert value not in text
    assert "Gheorghe Vasilescu" in first
    assert second.count("Victim-") == 4  # her, her phone, the namesake and her account


def test_a_decision_and_resolve_compute_it_again(case: Path, computed: list) -> None:
    assert "Marinescu" not in run("mentions", str(case), "--csv")
    run("decide", str(case), "hotline.csv:1:victim", "bank.csv:1:payer", "cannot_link")
    run("resolve", str(case), "-q")
    computed.clear()
    assert "Elena Marinescu" in run("mentions", str(case), "--csv")
    assert len(computed) == 1


def test_a_case_changed_in_memory_is_not_read_from_the_folder(case: Path, computed: list) -> None:
    whole = Case.read(case)
    assert privacy.protected_ids(whole)
    assert len(computed) == 1
    m = whole.mentions
    unmarked = dataclasses.replace(whole, mentions=m.assign(role=m["role"].where(m["role"].isna())))
    assert privacy.protected_ids(unmarked) == set()  # no victim in it: none kept applies
    assert len(computed) == 2


def test_a_set_kept_under_another_key_is_not_used(case: Path, computed: list) -> None:
    import json

    run("mentions", str(case), "--csv")
    kept = case / "protection" / "ids.json"
    stored = json.loads(kept.read_text(encoding="utf-8"))
    stored["ids"] = []  # would show her, were it used
    stored["key"]["tables"]["mentions"] = "0" * 64  # of another version of the mentions
    kept.write_text(json.dumps(stored), encoding="utf-8")
    computed.clear()
    assert "Marinescu" not in run("mentions", str(case), "--csv")
    assert len(computed) == 1
    assert json.loads(kept.read_text(encoding="utf-8"))["ids"]  # written again
