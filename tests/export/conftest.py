"""A small analysed case for the export tests: hostile cells, a victim, times, amounts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import linkgraph as lg
from linkgraph.model import Case

VICTIM_NAME = "Maria Ivanova"
#: Cells a spreadsheet would run as formulas, including behind a tab / CR / LF.
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1+1",
           "\n=1+1"]  # fmt: skip

# (mention, entity, type, fields)
_MENTIONS = [
    (
        "m:ana",
        "e:ana",
        "person",
        {
            "name": "Ana Pérez",
            "given_name": "Ana",
            "family_name": "Pérez",
            "dob": "1985-02-03",
            "nationality": "ES",
            "role": "recruiter",
            "document": "X1234567",
        },
    ),
    ("m:ana2", "e:ana", "person", {"name": "Ana Perez", "role": "suspect", "country": "ES"}),
    ("m:ben", "e:ben", "person", {"name": HOSTILE[0], "role": "suspect", "country": "NG"}),
    (
        "m:vic",
        "e:vic",
        "person",
        {
            "name": VICTIM_NAME,
            "given_name": "Maria",
            "family_name": "Ivanova",
            "dob": "2001-07-09",
            "role": "victim",
            "country": "MD",
        },
    ),
    ("m:ph1", "e:ph1", "phone", {"phone": "+34600111222", "identifier": "+34600111222"}),
    ("m:ph2", "e:ph2", "phone", {"phone": "+2348012345678", "identifier": "+2348012345678"}),
    (
        "m:acc",
        "e:acc",
        "account",
        {"account": "ES9121000418450200051332", "identifier": "ES9121000418450200051332"},
    ),
    (
        "m:acc2",
        "e:acc2",
        "account",
        {"account": "RO49AAAA1B31007593840000", "identifier": "RO49AAAA1B31007593840000"},
    ),
    ("m:org", "e:org", "organisation", {"name": "Sol Travel S.L.", "country": "ES"}),
    (
        "m:adr",
        "e:adr",
        "address",
        {"address": "Calle Mayor 1, Madrid", "city": "Madrid", "country": "ES"},
    ),
    ("m:doc", "e:doc", "document", {"document": "P99887766", "identifier": "P99887766"}),
    ("m:em", "e:em", "email", {"email": "ana@example.org", "identifier": "ana@example.org"}),
]
_LINKS = [
    ("m:ana", "m:ph1", "uses_phone", "2023-01-05T10:00:00Z", None),
    ("m:ben", "m:ph2", "uses_phone", "2023-02-01T00:00:00Z", None),
    ("m:ph1", "m:ph2", "called", "2023-03-10T08:30:00Z", None),
    ("m:ph1", "m:ph2", "called", "2023-03-12T21:15:00Z", None),
    ("m:ph2", "m:ph1", "called", "2023-03-13T09:00:00Z", None),
    ("m:ana", "m:vic", "victim_of", "2023-04-01T00:00:00Z", None),
    ("m:ana", "m:acc", "holds_account", None, None),
    ("m:ben", "m:acc2", "holds_account", None, None),
    ("m:acc", "m:acc2", "paid", "2023-05-01T00:00:00Z", 1500.0),
    ("m:acc", "m:acc2", "paid", "2023-05-08T00:00:00Z", 250.5),
    ("m:ana", "m:ben", "associate", "2023-06-01T00:00:00Z", None),
    ("m:ben", "m:org", "director_of", None, None),
    ("m:org", "m:adr", "registered_at", None, None),
    ("m:ana", "m:doc", "holds_document", None, None),
    ("m:ana", "m:em", "uses_email", None, None),
]


def make_case() -> Case:
    """12 mentions, 11 entities, 15 links; analysed with ``lg.analyze``."""
    mentions, resolution = [], []
    for n, (mid, eid, etype, fields) in enumerate(_MENTIONS, start=1):
        label = fields.get("name") or fields.get("identifier") or fields.get("address")
        mentions.append(
            {
                "mention_id": mid,
                "type": etype,
                "label": label,
                "source": "case.csv",
                "agency": "Policía Nacional",
                "row": n,
                "raw": json.dumps(fields, ensure_ascii=False),
                **fields,
            }
        )
        resolution.append({"mention_id": mid, "entity_id": eid})
    links = [
        {"link_id": f"l:{i}", "src": a, "dst": b, "kind": kind, "time": when, "amount": amount,
         "currency": "EUR" if amount else None, "source": "links.csv", "agency": "UDYCO",
         "row": i}
        for i, (a, b, kind, when, amount) in enumerate(_LINKS, start=1)
    ]  # fmt: skip
    rejects = [{"source": "case.csv", "row": 99, "column": "dob", "reason": "bad date",
                "value": HOSTILE[4], "level": "value"}]  # fmt: skip
    case = Case().with_tables(
        mentions=pd.DataFrame(mentions),
        links=pd.DataFrame(links),
        rejects=pd.DataFrame(rejects),
        resolution=pd.DataFrame(resolution),
    )
    case.manifest["inputs"] = [{"name": "case.csv", "agency": "Policía Nacional", "rows": 12}]
    case.manifest["updated"] = "2024-01-02T03:04:05+00:00"
    return lg.analyze(case)


@pytest.fixture(scope="session")
def case() -> Case:
    """The analysed export test case."""
    return make_case()


@pytest.fixture(scope="session")
def case_dir(tmp_path_factory: pytest.TempPathFactory, case: Case) -> Path:
    """The export test case written as a case folder."""
    return case.write(tmp_path_factory.mktemp("export") / "case")
