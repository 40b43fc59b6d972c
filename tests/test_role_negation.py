"""A role the data denies ("not a victim", "kein Opfer", "no es víctima", "не потерпіла")
is no victim's role; every other word before "victim" ("former", "ex-", "possible",
"suspected", "presumed", "potential") keeps her a victim: protection errs on the side of
safety. Expectations written by hand."""

from __future__ import annotations

import pytest

from linkgraph.privacy import is_victim
from linkgraph.schema import canonical_role, roles_not_understood

DENIED = {
    # English
    "not a victim": "not victim",
    "Not victim": "not victim",
    "no victim": "not victim",
    "non-victim": "not victim",
    "is not a victim": "not victim",
    # German
    "kein Opfer": "not victim",
    "Nicht-Opfer": "not victim",
    "keine Geschädigte": "not victim",
    "ist kein Opfer": "not victim",
    # Spanish
    "no es víctima": "not victim",
    "No es una víctima": "not victim",
    "no víctima": "not victim",
    # French
    "pas victime": "not victim",
    "n'est pas une victime": "not victim",
    "non victime": "not victim",
    # Russian
    "не жертва": "not victim",
    "не потерпевший": "not victim",
    "не потерпевшая": "not victim",
    # Ukrainian
    "не потерпіла": "not victim",
    "не постраждала": "not victim",
    # Italian, Portuguese, Romanian, Dutch, Polish, Turkish, Arabic, Chinese
    "non è vittima": "not victim",
    "não é vítima": "not victim",
    "nu este victimă": "not victim",
    "geen slachtoffer": "not victim",
    "nie ofiara": "not victim",
    "mağdur değil": "not victim",
    "ليست ضحية": "not victim",
    "不是受害人": "not victim",
}

STILL_VICTIM = [
    # English
    "ex-victim", "former victim", "possible victim", "suspected victim", "presumed victim",
    "potential victim", "not confirmed victim", "victim, not suspect",
    # German
    "ehemaliges Opfer", "mögliches Opfer", "mutmaßliches Opfer", "potenzielle Geschädigte",
    # Spanish
    "ex víctima", "posible víctima", "presunta víctima", "víctima potencial",
    # French
    "ancienne victime", "victime présumée", "victime potentielle",
    # Russian
    "бывшая жертва", "возможная жертва", "предполагаемая жертва",
    # Ukrainian
    "колишня потерпіла", "можлива жертва", "імовірна постраждала",
    # words of other languages the denials leave alone: Danish "den" (the), Turkish "bu" (this)
    "den fornærmede", "bu mağdur",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DENIED.items())
def test_a_denied_victim_role_is_no_victim(text, expected):
    assert canonical_role(text) == expected
    assert not is_victim(text)
    assert not is_victim(canonical_role(text))  # read again, as a case's role column is
    assert roles_not_understood(canonical_role(text)) == []


@pytest.mark.parametrize("text", STILL_VICTIM)
def test_a_qualified_victim_is_a_victim(text):
    assert is_victim(text)
    assert "victim" in canonical_role(text).split(";")


def test_a_denial_beside_other_roles():
    assert canonical_role("not a victim but a witness") == "witness;not victim"
    assert canonical_role("No es víctima, es testigo") == "witness;not victim"
    assert canonical_role("Beschuldigte, kein Opfer") == "suspect;not victim"
    assert canonical_role("not a suspect") == "not suspect"
    # a cell that says both is read as a victim
    assert canonical_role("victim; not a victim") == "victim"
    assert is_victim("kein Opfer; Opfer")
    # a denial of nothing the vocabulary knows is kept as written (and warned of)
    assert canonical_role("not sure") == "not sure"
    assert roles_not_understood(canonical_role("not sure")) == ["not sure"]


def test_ingest_protects_the_victims_and_not_those_the_data_says_are_none(tmp_path):
    from linkgraph.ingest import Source, ingest
    from linkgraph.privacy import protected_ids

    src = tmp_path / "people.csv"
    src.write_text(
        "record_id,full_name,dob,role\n"
        "1,Olena Kravets,2003-05-01,kein Opfer\n"
        "2,Iryna Melnyk,2001-04-02,ehemaliges Opfer\n"
        "3,Ivan Bondar,1980-02-02,не потерпілий\n"
        "4,Maria Lopez,1999-09-09,presunta víctima\n",
        encoding="utf-8",
    )
    case = ingest([Source(src, preset="people")])
    people = case.mentions[case.mentions["type"].astype(str) == "person"]
    roles = dict(zip(people["label"], people["role"].astype(str), strict=True))
    assert roles == {
        "Olena Kravets": "not victim",
        "Iryna Melnyk": "victim",
        "Ivan Bondar": "not victim",
        "Maria Lopez": "victim",
    }
    protected = protected_ids(case)
    entity = case.entity_of()
    by_label = {
        lab: entity[m] for lab, m in zip(people["label"], people["mention_id"], strict=True)
    }
    assert {lab for lab, e in by_label.items() if e in protected} == {"Iryna Melnyk", "Maria Lopez"}
