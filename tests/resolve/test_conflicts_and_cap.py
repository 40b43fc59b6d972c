"""Which pairs veto a merge (conflicts) and which are capped as weak-name pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from linkgraph.resolve import resolve
from linkgraph.resolve.scoring import weak_name_pairs

from .factory import case_of, mention

_GIVEN = ["anna", "boris", "chiara", "dmitri", "elif", "farid", "greta", "hugo", "irina",
          "jonas", "kemal", "lena", "marko", "nadia", "oskar", "petra", "radu", "sofia",
          "tariq", "vera"]  # fmt: skip
_FAMILY = ["abbott", "brandt", "costa", "dalca", "eriksen", "fontaine", "gallo", "horvat",
           "ionescu", "jensen", "kovacs", "lindqvist", "moreau", "novak", "oliveira", "popa",
           "quinn", "rossi", "schmidt", "tanaka", "urban", "varga", "weber", "yilmaz",
           "zeller", "almeida", "bauer", "cerny", "dobos", "engel", "falk", "gruber",
           "hansen", "ilic", "jovanovic", "keller", "lopes", "marin", "nagy", "olsen"]  # fmt: skip


def test_weak_name_cap_spares_a_plainly_changed_family_name():
    # (given level, family level, initial): 1 exact, 2 close, 3 loosely close, 4 different.
    rows = [(1, 4, False), (2, 4, False), (4, 1, False), (1, 3, False), (1, 4, True), (0, 1, False)]
    scored = pd.DataFrame(rows, columns=["given_name_level", "family_name_level", "initial"])
    scored["given_name_sim"] = np.where(scored["given_name_level"] <= 2, 0.95, 0.5)
    scored["family_name_sim"] = 0.5
    weak = weak_name_pairs(scored)
    # "Maria Popa" / "Maria Ionescu": a changed family name is left to the weights; the
    # household pattern (one family name, another given name), a loosely close family
    # name, an initial or a missing given name stay capped.
    assert weak.tolist() == [False, False, True, True, True, True]


def test_a_pair_merely_short_of_agreement_does_not_veto_in_a_large_case():
    # Eight hundred other people, none mentioned twice, push the prior weight far below
    # -14 bits: a pair whose fields say a few bits for (family name agrees; given name and
    # phone do not: "Eugeniu" / "Jenea") then weighed below -12 in all, which counted as
    # a conflict and kept the third mention out, though its document is the second's.
    filler = [
        mention("person", row=100 + i, given_name=g.title(), family_name=f.title(),
                dob=f"19{50 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}")
        for i, (g, f) in enumerate(itertools.islice(itertools.product(_GIVEN, _FAMILY), 800))
    ]  # fmt: skip
    person = [
        mention("person", row=1, name="Eugeniu Lascareanu", phone="+40723111222"),
        mention("person", row=2, name="Eugeniu Lascareanu", phone="+40723111222",
                document="RX123456"),
        mention("person", row=3, name="Jenea Lascareanu", document="RX123456",
                phone="+40799888777"),
    ]  # fmt: skip
    out = resolve(case_of(person + filler))
    model = out.manifest["resolve_model"]
    assert model["prior_weight"] < -14
    res = out.resolution.set_index("mention_id")["entity_id"]
    ids = [m["mention_id"] for m in person]
    assert res[ids[0]] == res[ids[1]] == res[ids[2]]
