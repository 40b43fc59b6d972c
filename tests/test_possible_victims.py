"""A person with no role whom resolution scored as a plausible match to a victim (a
candidate pair in or above the review band, 0.5) but did not merge is protected as a
possible victim: by pseudonym with her account in the map, the exports and the terminal
tables, unless --show-victims; `explain` says why; a cannot_link decision on the pair
leaves the name shown, and a person never paired with her is shown (tester round 14, D2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.victim_case_files import resolved_case, run

HOTLINE = """\
victim,victim_phone,suspect,suspect_phone
Elena Marin,+40 721 111 222,Ion Traficant,+40 722 333 444
"""
# "Elena Marinescu" shares no identifier with the victim: names alone score her 0.5 (the
# weak-name cap), a non-match. "Gheorghe Vasilescu" is never paired with her.
BANK = """\
payer,payer_account,payee,payee_account,amount,date
Elena Marinescu,40040004,Ion Traficant,40020002,300,2024-01-07
Gheorghe Vasilescu,40030003,Ion Traficant,40020002,700,2024-01-06
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """The two files ingested into one case, resolved and analysed."""
    folder = resolved_case(tmp_path, HOTLINE, BANK)
    run("analyze", str(folder), "-q")
    return folder


def _outputs(case: Path, *extra: str) -> dict[str, str]:
    """The map, the csv export and the analyze and mentions tables, as text."""
    out = case.parent / ("shown" if extra else "default")
    out.mkdir()
    run("render", str(case), "-o", str(out / "map.html"), "-q", *extra)
    run("export", str(case), "-f", "csv", "-o", str(out / "csv"), "-q", *extra)
    texts = {f.name: f.read_text(encoding="utf-8") for f in (out / "csv").glob("*.csv")}
    texts["map.html"] = (out / "map.html").read_text(encoding="utf-8")
    texts["analyze"] = run("analyze", str(case), "--csv", *extra)
    texts["mentions"] = run("mentions", str(case), "--csv", *extra)
    return texts


def test_her_near_spelling_is_pseudonymised_in_every_output(case: Path) -> None:
    texts = _outputs(case)
    for name, text in texts.items():
        assert "Marinescu" not in text, name
        assert "40040004" not in text, name  # her account
        assert "Elena Marin" not in text, name
    for name in ("entities.csv", "map.html", "analyze", "mentions"):
        assert "Gheorghe Vasilescu" in texts[name], name  # never paired with her: shown
    assert "40030003" in texts["mentions"]  # his account


def test_show_victims_shows_her_and_explain_says_why(case: Path) -> None:
    shown = _outputs(case, "--show-victims")
    for name in ("map.html", "entities.csv", "analyze", "mentions"):
        assert "Elena Marinescu" in shown[name], name
    text = run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    assert "Marinescu" not in text
    line = next(x for x in text.splitlines() if "possible victim" in x)
    assert line.startswith("B's entity e:")
    assert "with probability 0.50 (the review band starts at 0.5) and did not merge" in line


def test_she_is_no_key_player_candidate(case: Path) -> None:
    table = run("keyplayers", str(case), "-k", "8", "--csv", "--show-victims")
    assert "Elena Marinescu" not in table
    assert "Elena Marin," not in table


def test_a_cannot_link_decision_shows_her_by_name(case: Path) -> None:
    run("decide", str(case), "hotline.csv:1:victim", "bank.csv:1:payer", "cannot_link")
    run("resolve", str(case), "-q")
    assert "Elena Marinescu" in run("mentions", str(case), "--csv")


def test_protected_ids_cache_keeps_no_case_alive(case: Path) -> None:
    """The answer of `protected_ids` is cached by the tables it was made from, weakly: a
    case dropped by its caller is freed (a notebook that opens many cases does not hold
    every one of them), and a fresh read of the same case gives the same answer."""
    import gc
    import weakref

    from linkgraph.model import Case
    from linkgraph.privacy import protected_ids

    c = Case.read(case)
    first = protected_ids(c)
    assert first  # the victim at least
    mentions = weakref.ref(c.mentions)
    del c
    gc.collect()
    assert mentions() is None
    assert protected_ids(Case.read(case)) == first
