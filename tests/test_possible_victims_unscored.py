"""A person with no role whom resolution never compared with a victim (blocking did not
pair them: "MARIN HELENA", family name first and the given name spelt with an H, for the
victim "Elena Marin") is still protected as a possible victim when the case's learnt
model, asked now, scores the pair a plausible match and both names agree. A namesake
whose given name differs, and a pair an analyst decided is two people, stay shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.victim_case_files import resolved_case, run

HOTLINE = """\
victim,victim_phone,suspect,suspect_phone
Elena Marin,+40 721 111 222,Ion Traficant,+40 722 333 444
Oksana Bondar,+380 67 555 1122,Ion Traficant,+40 722 333 444
"""
BANK = """\
payer,payer_account,payee,payee_account,amount,date
MARIN HELENA,RO49AAAA1B31007593840000,ION TRAFICANT,RO09BCYP0000001234567890,300,2024-01-07
MARIN ANDREI,RO66BACX0000001234567890,ION TRAFICANT,RO09BCYP0000001234567890,700,2024-01-06
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return resolved_case(tmp_path, HOTLINE, BANK)


def _never_compared(case: Path) -> None:
    """The premise: resolution holds no evidence row for her and MARIN HELENA."""
    import linkgraph as lg

    c = lg.Case.read(case)
    ids = c.mentions.set_index("label")["mention_id"]
    pair = {ids["Elena Marin"], ids["MARIN HELENA"]}
    ev = c.evidence if c.evidence is not None else pd.DataFrame(columns=["left", "right"])
    assert not any({a, b} == pair for a, b in zip(ev["left"], ev["right"], strict=True))


def test_an_uncompared_near_spelling_is_pseudonymised(case: Path) -> None:
    _never_compared(case)
    out = case.parent / "out"
    run("render", str(case), "-o", str(out / "map.html"), "-q")
    run("export", str(case), "-f", "csv", "-o", str(out / "csv"), "-q")
    texts = {f.name: f.read_text(encoding="utf-8") for f in (out / "csv").glob("*.csv")}
    texts["map.html"] = (out / "map.html").read_text(encoding="utf-8")
    texts["mentions"] = run("mentions", str(case), "--csv")
    for name, text in texts.items():
        assert "MARIN HELENA" not in text, name
        assert "RO49AAAA1B31007593840000" not in text, name  # her account
        assert "Elena Marin" not in text, name
    # A namesake of another given name is someone else: shown.
    for name in ("entities.csv", "map.html", "mentions"):
        assert "MARIN ANDREI" in texts[name], name
    text = run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    assert "MARIN HELENA" not in text
    assert any("possible victim" in line for line in text.splitlines())


def test_a_cannot_link_decision_shows_the_uncompared_name(case: Path) -> None:
    run("decide", str(case), "hotline.csv:1:victim", "bank.csv:1:payer", "cannot_link")
    run("resolve", str(case), "-q")
    assert "MARIN HELENA" in run("mentions", str(case), "--csv")


def test_the_uncompared_pairs_found_in_parts_are_those_found_at_once(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large case pairs victims with others in parts (a common given name pairs each of
    # its victims with every other person of it); a part per victim finds the same.
    import linkgraph as lg
    from linkgraph import privacy

    c = lg.Case.read(case)
    roles = privacy._person_roles(c)
    whole = privacy._unscored_victim_matches(c, privacy._evidence(c), *roles)
    monkeypatch.setattr(privacy, "_VICTIM_PAIRS_PER_PART", 1)
    assert len(list(privacy._victim_parts(*_words(c, roles)))) > 1
    parts = privacy._unscored_victim_matches(c, privacy._evidence(c), *roles)
    assert set(whole["other"]) >= {c.mentions.set_index("label")["mention_id"]["MARIN HELENA"]}
    pd.testing.assert_frame_equal(parts, whole)


def _words(c: object, roles: tuple[pd.Index, pd.Index, pd.Index]) -> tuple[pd.DataFrame, ...]:
    """The victims' and the others' name words, as _unscored_victim_matches pairs them."""
    from linkgraph import privacy
    from linkgraph.redact import name_words

    m = c.mentions  # type: ignore[attr-defined]
    entity = c.entity_of().reindex(m["mention_id"]).astype("string").fillna("")  # type: ignore[attr-defined]
    entity = entity.to_numpy(dtype=object)
    victim = pd.Index(roles[0]).get_indexer(entity) >= 0
    words = privacy._mention_name_words(m, victim | ~victim, name_words)
    theirs = words[victim[words["pos"].to_numpy()]]
    mine = words[~victim[words["pos"].to_numpy()]]
    return theirs, mine
