"""Person features and linked identifiers built from Arrow string columns (as a case is
read) equal those built from the same mentions as plain Python objects, and the linked
identifiers equal a hand-made reference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve.features import linked_identifiers, person_features

from .factory import mention, mentions_frame

ROWS = [
    {"given_name": "Олександр", "family_name": "Коваленко", "dob": "1985-03-04",
     "phone": "+380 50 123 4567; 050 765 4321", "email": "O.K@Example.com"},
    {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-04-03",
     "phone": "0501234567", "city": "Kyiv", "address": "12 Main Street"},
    {"name": "Francesco De Luca", "dob": "1990", "document": "AB-123 456", "sex": "male"},
    {"given_name": "Ana", "family_name": "Pop", "dob": "x", "postcode": "0578 ",
     "email": "ana@pop.ro|ANA@POP.RO", "nationality": " ro"},
    {"given_name": "Ana", "family_name": "Pop"},
]  # fmt: skip


def _frame() -> pd.DataFrame:
    return mentions_frame(mention(row=i, **r) for i, r in enumerate(ROWS, start=1))


def test_person_features_from_arrow_equal_from_objects():
    arrow = _frame()
    assert any(isinstance(t, pd.StringDtype) for t in arrow.dtypes)  # the case's own dtype
    objects = arrow.astype({c: object for c in arrow.columns if arrow[c].dtype == "string"})
    objects = objects.where(objects.notna(), None)
    ours = person_features(arrow)
    reference = person_features(objects)
    pd.testing.assert_frame_equal(ours, reference)
    assert ours["phone"].iloc[0] == "501234567|507654321"
    assert ours["email"].iloc[3] == "ana@pop.ro"
    assert ours["dob"].tolist()[:3] == ["19850304", "19850403", "19900000"]
    assert ours["full_name"].iloc[4] == "ana pop"


def test_linked_identifiers_both_directions_sorted_and_distinct():
    people = [mention(row=i, given_name=g, family_name="X") for i, g in enumerate("ABC", 1)]
    phones = [
        mention("phone", row=10, identifier="+380 50 123 4567"),
        mention("phone", row=11, phone="050 765 4321"),
        mention("phone", row=12, identifier="0501234567"),  # the first, written locally
        mention("email", row=13, identifier="Ana@Pop.ro"),
    ]
    m = mentions_frame([*people, *phones])
    ids = m["mention_id"].astype(str).tolist()
    p, x = ids[:3], ids[3:]
    links = pd.DataFrame(
        {
            "link_id": [f"l{i}" for i in range(5)],
            "src": [p[0], x[1], p[0], p[1], x[3]],  # person → phone and phone → person
            "dst": [x[0], p[0], x[2], x[2], p[2]],
        }
    ).astype("string")
    got = linked_identifiers(m, links, pd.Index(p))
    expected = pd.DataFrame(
        {
            "phone": ["501234567|507654321", "501234567", ""],
            "email": ["", "", "ana@pop.ro"],
            "account": ["", "", ""],
            "document": ["", "", ""],
        },
        dtype=object,
    )
    pd.testing.assert_frame_equal(got.astype(object), expected, check_index_type=False)
    assert np.array_equal(
        linked_identifiers(m, links.astype(object), pd.Index(p)).to_numpy(), got.to_numpy()
    )
