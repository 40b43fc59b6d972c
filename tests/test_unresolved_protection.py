"""A case not (yet) resolved protects a victim's other spellings found in other sources.

Before ``linkgraph resolve`` each mention is its own entity: the victim's phone in a
hotline tip and the same number in a CDR are two entities. The CDR's subscriber of her
number, written "OKSANA MELNYK", must still be shown by pseudonym (the namesake rule of
:func:`linkgraph.privacy.protected_entities`), as it is once the case is resolved.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

MAPPING = """\
format: csv
agency: Hotline
entities:
  victim:
    type: person
    fields:
      name: Victim name
      role:
        value: victim
  suspect:
    type: person
    fields:
      name: Suspect name
      role:
        value: suspect
  victim_phone:
    type: phone
    fields:
      phone: Victim phone
links:
- kind: uses_phone
  src: victim
  dst: victim_phone
- kind: victim_of
  src: victim
  dst: suspect
"""

HOTLINE = """\
tip_id,Victim name,Victim phone,Suspect name
T2,Oksana Melnyk,+380671234567,Juan Perez
"""

CDR = """\
call_id,start_time,caller,callee,duration_s,caller_subscriber,callee_subscriber
C1,2023-02-01 10:00:00+00:00,+380931112233,+380671234567,60,Viktor Hrytsenko,{callee}
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(folder: Path, callee: str) -> Path:
    (folder / "map.yaml").write_text(MAPPING, encoding="utf-8")
    (folder / "hotline.csv").write_text(HOTLINE, encoding="utf-8")
    (folder / "cdr.csv").write_text(CDR.format(callee=callee), encoding="utf-8")
    case = folder / "case"
    _run("ingest", str(folder / "hotline.csv"), "--mapping", str(folder / "map.yaml"),
         "-o", str(case))  # fmt: skip
    _run("ingest", str(folder / "cdr.csv"), "--preset", "cdr", "-o", str(case))
    return case


def _exported(case: Path, out: Path) -> str:
    _run("export", str(case), "-f", "csv", "-o", str(out))
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted(out.glob("*.csv")))


@pytest.mark.parametrize("callee", ["OKSANA MELNYK", "Melnyk Oksana", "Оксана Мельник", "Oksana"])
def test_subscriber_of_her_phone_is_protected_before_resolve(tmp_path, callee):
    case = _case(tmp_path, callee)
    assert not (case / "resolution.parquet").exists()
    text = _exported(case, tmp_path / "exp")
    mentions = _run("mentions", str(case), "--csv")
    report = tmp_path / "report.html"
    _run("report", str(case), "-o", str(report))
    for word in ("oksana", "melnyk", "оксана", "мельник"):
        assert word not in text.lower()
        assert word not in mentions.lower()
        assert word not in report.read_text(encoding="utf-8").lower()
    # both uses of her number (hers and the subscriber's) are by pseudonyms only
    with (tmp_path / "exp" / "links.csv").open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "uses_phone"]
    theirs = [r for r in rows if r["src_label"] not in ("Viktor Hrytsenko", "Juan Perez")]
    assert len(theirs) == 2
    assert all(r["src_label"].startswith("Victim-") for r in theirs)
    assert all(r["dst_label"].startswith("Victim-") for r in theirs)
    # others stay shown
    assert "Viktor Hrytsenko" in text
    assert "Juan Perez" in text


def test_subscriber_of_another_name_stays_shown_before_resolve(tmp_path):
    # the namesake rule as after resolution: another name on her number is another person
    case = _case(tmp_path, "Maria Ivanova")
    text = _exported(case, tmp_path / "exp")
    assert "Maria Ivanova" in text
    assert "Oksana" not in text
    assert "+380671234567" not in text


CDR_OWN_PHONE = """\
call_id,start_time,caller,callee,duration_s,caller_subscriber,callee_subscriber
C1,2023-02-01 10:00:00+00:00,+380931112233,+380509998877,60,Viktor Hrytsenko,{callee}
"""


def _case_own_phone(folder: Path, callee: str) -> Path:
    case = _case(folder, "Viktor Hrytsenko")  # her own number: only in the tip
    (folder / "cdr.csv").write_text(CDR_OWN_PHONE.format(callee=callee), encoding="utf-8")
    _run("ingest", str(folder / "cdr.csv"), "--preset", "cdr", "-o", str(case))
    return case


@pytest.mark.parametrize("callee", ["Oksana Melnyk", "MELNYK Oksana", "Оксана Мельник"])
def test_her_full_name_on_another_number_is_protected_before_resolve(tmp_path, callee):
    # resolution merges this mention with her (one person, two phones); before it, her
    # name and that number are shown by pseudonym, as after it
    case = _case_own_phone(tmp_path, callee)
    text = _exported(case, tmp_path / "exp")
    for value in ("oksana", "melnyk", "оксана", "+380509998877"):
        assert value not in text.lower()
    assert "Viktor Hrytsenko" in text
    mentions = _run("mentions", str(case), "--csv").lower()
    assert "oksana" not in mentions
    assert "оксана" not in mentions


def test_part_of_her_name_on_another_number_stays_shown_before_resolve(tmp_path):
    # not her name (only one word of it) and no identifier of hers: another person
    case = _case_own_phone(tmp_path, "Oksana Petrenko")
    text = _exported(case, tmp_path / "exp")
    assert "Oksana Petrenko" in text
    assert "+380509998877" in text
