"""One vocabulary of identifier kinds and decisions (``linkgraph.schema``): the tables
that other modules still keep must say the same."""

from __future__ import annotations

from linkgraph.ingest.build import KEY_FIELD
from linkgraph.ingest.ftm import _KEY as FTM_KEY
from linkgraph.resolve import resolve
from linkgraph.resolve.features import LINKED_TYPES, MULTI_VALUED
from linkgraph.resolve.overrides import normalise_decision
from linkgraph.schema import (
    ANALYST_DECISIONS,
    ENTITY_TYPES,
    IDENTIFIER_FIELDS,
    JOINING_DECISIONS,
    PERSON_IDENTIFIERS,
    SCORED_DECISIONS,
    Decision,
)

from .factory import case_of, mention


def test_identifier_fields_are_the_schema_s():
    assert IDENTIFIER_FIELDS == {
        "phone": "phone", "email": "email", "vehicle": "plate", "account": "account",
        "document": "document", "ad": "identifier", "event": "identifier",
        "image": "identifier",
    }  # fmt: skip
    assert {t for t, e in ENTITY_TYPES.items() if e.identifier} == set(IDENTIFIER_FIELDS)
    # ingest (tables and FtM) fills, and resolution groups by, the schema's own fields:
    # one declaration, not copies that could drift apart.
    assert KEY_FIELD is IDENTIFIER_FIELDS
    assert FTM_KEY is IDENTIFIER_FIELDS
    assert MULTI_VALUED is PERSON_IDENTIFIERS
    assert tuple(LINKED_TYPES) == PERSON_IDENTIFIERS


def test_decisions_are_one_enum():
    assert [d.value for d in Decision] == [
        "match", "non_match", "refused", "must_link", "cannot_link",
    ]  # fmt: skip
    assert set(ANALYST_DECISIONS) | set(SCORED_DECISIONS) == set(Decision)
    assert set(JOINING_DECISIONS) == {Decision.MATCH, Decision.MUST_LINK}
    # An analyst's spelling becomes one of the two analyst decisions.
    assert normalise_decision("Non-Match") == Decision.CANNOT_LINK
    assert normalise_decision(" yes") == Decision.MUST_LINK
    assert normalise_decision("?") is None


def test_evidence_decisions_are_in_the_vocabulary():
    case = case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04"),
        mention("person", row=2, name="Kovalenko, Alex", dob="1985-03-04"),
        mention("person", row=3, name="Maria Kovalenko", dob="1990-01-01"),
        mention("phone", row=1, identifier="+380501234567"),
        mention("phone", row=3, identifier="+380501234567"),
    ])  # fmt: skip
    out = resolve(case)
    assert set(out.evidence["decision"]) <= {d.value for d in Decision}
    assert Decision.MATCH in set(out.evidence["decision"])
