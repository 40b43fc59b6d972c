"""The identifiers written beside a victim's name, and those of a row about her alone,
are found when the case was read without its raw rows (``analyze``'s narrowed read):
the raw rows are then read a row group at a time, only those of the identifier mentions
either rule may find (:func:`linkgraph.redact.identifiers_beside_victims`). The same
identifiers are protected as on the whole case read with them, and as when the raw rows
come one mention at a time.

Hand-built case: Svetlana Petrova is a victim. Her ad (AD2) names her alone and gives
``sveta@example.md`` (a row about her alone: hers); a hotline row names her and a suspect,
its note "Svetlana Petrova: 069 555 444" gives her number beside her name (hers), its
suspect e-mail is not; the recruiter's ad (AD5) names no victim (its e-mail is not hers).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "name,phone,role\nSvetlana Petrova,+373 69 123 456,victim\nIvan Rusu,+373 69 999 888,suspect\n"
)
PEOPLE_MAPPING = """format: csv
region: MD
entities:
  person: {type: person, fields: {name: name, role: role}}
  phone: {type: phone, fields: {phone: phone}}
links:
- {kind: uses_phone, src: person, dst: phone}
"""
ADS = {"records": [
    {"ad_id": "AD2", "text": "Massage Svetlana Petrova 069123456", "phones": ["+37369123456"],
     "email": "sveta@example.md"},
    {"ad_id": "AD5", "text": "Recruiter ad", "phones": ["+373 69 999 888"],
     "email": "boss@example.md"},
]}  # fmt: skip
ADS_MAPPING = """format: json
records: records
region: MD
entities:
  ad: {type: ad, fields: {identifier: ad_id, text: text}}
  phone: {type: phone, fields: {phone: phones}}
  email: {type: email, fields: {email: email}}
links:
- {kind: ad_contact, src: ad, dst: phone}
- {kind: ad_contact, src: ad, dst: email}
"""
HOTLINE = (
    "Victim,Suspect,Suspect email,Note,Number\n"
    "Svetlana Petrova,Ivan Rusu,ivan.r@example.md,Svetlana Petrova: 069 555 444,+373 69 555 444\n"
)
HOTLINE_MAPPING = """format: csv
region: MD
entities:
  victim: {type: person, fields: {name: Victim, role: {value: victim}}}
  suspect: {type: person, fields: {name: Suspect, role: {value: suspect}}}
  email: {type: email, fields: {email: Suspect email}}
  phone: {type: phone, fields: {phone: Number}}
links:
- {kind: uses_email, src: suspect, dst: email}
- {kind: victim_of, src: victim, dst: suspect}
"""


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    files = {"people.csv": PEOPLE, "people.yaml": PEOPLE_MAPPING, "ads.yaml": ADS_MAPPING,
             "ads.json": json.dumps(ADS), "hotline.csv": HOTLINE,
             "hotline.yaml": HOTLINE_MAPPING}  # fmt: skip
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    for data, ext in (("people", "csv"), ("ads", "json"), ("hotline", "csv")):
        _run("ingest", tmp_path / f"{data}.{ext}", "--mapping", tmp_path / f"{data}.yaml",
             "-o", case, "-q")  # fmt: skip
    _run("resolve", case, "-q")
    return case


def _entity_of_value(case_dir: Path, column: str, value: str) -> str:
    from linkgraph.model import Case

    case = Case.read(case_dir)
    m = case.mentions
    hit = m[column].astype("string").eq(value).fillna(False).to_numpy(dtype=bool)
    ids = set(case.entity_of().reindex(m.loc[hit, "mention_id"]).astype(str))
    assert len(ids) == 1, (column, value, ids)
    return ids.pop()


def test_identifiers_beside_a_victim_are_protected_without_raw_rows_read(tmp_path: Path) -> None:
    from linkgraph.metrics.case_columns import read_for_analysis
    from linkgraph.privacy import protected_ids

    case_dir = _case(tmp_path)
    narrowed = read_for_analysis(case_dir)
    assert "raw" not in narrowed.mentions.columns  # the chunked path
    ids = protected_ids(narrowed)
    sveta = _entity_of_value(case_dir, "email", "sveta@example.md")
    beside = _entity_of_value(case_dir, "phone", "+37369555444")
    boss = _entity_of_value(case_dir, "email", "boss@example.md")
    ivan = _entity_of_value(case_dir, "email", "ivan.r@example.md")
    assert sveta in ids  # on her ad, which names her alone
    assert beside in ids  # written in the cell that names her
    assert boss not in ids  # an ad that names no victim
    assert ivan not in ids  # a row that names a suspect beside her


def test_raw_rows_a_mention_at_a_time_find_what_the_whole_table_finds(tmp_path: Path) -> None:
    from linkgraph.model import Case
    from linkgraph.privacy import pseudonym
    from linkgraph.redact import (
        identifiers_beside_victims,
        identifiers_named_beside,
        identifiers_on_victim_rows,
    )

    case_dir = _case(tmp_path)
    case = Case.read(case_dir)
    m = case.mentions
    m = m.assign(entity_id=case.entity_of().reindex(m["mention_id"]).astype("string").to_numpy())
    victim = _entity_of_value(case_dir, "name", "Svetlana Petrova")
    aliases = {victim: pseudonym(victim, case.pseudonym_key)}
    raw = m["raw"]
    asked: list[np.ndarray] = []

    def one_at_a_time(keep: np.ndarray):
        asked.append(keep)
        for at in np.flatnonzero(keep):
            yield np.array([at]), pd.Series([raw.iloc[at]], dtype="string")

    found = identifiers_beside_victims(m.drop(columns="raw"), aliases, case.links, one_at_a_time)
    expected = {
        _entity_of_value(case_dir, "email", "sveta@example.md"),
        _entity_of_value(case_dir, "phone", "+37369555444"),
        _entity_of_value(case_dir, "phone", "+37369123456"),  # on her ad too
    }
    assert expected <= found
    assert _entity_of_value(case_dir, "email", "boss@example.md") not in found
    assert _entity_of_value(case_dir, "email", "ivan.r@example.md") not in found
    whole = identifiers_named_beside(m, aliases) | identifiers_on_victim_rows(
        m, aliases, case.links
    )
    assert found == whole
    # only identifier mentions are asked for: no person's raw row is read
    (keep,) = asked
    assert not (keep & m["type"].astype(str).eq("person").to_numpy()).any()
