"""`mapping preview` protects victims as every other terminal table does: her phone (and
the same number written as a caller's) is shown as ``Victim-xxxxxx (phone)``, her
mentions and links carry no row and no id that hashes her row, in the table and in
--json, unless --show-victims; and the swapped-point warning never quotes a victim's row
(tester round 14, D1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

HOTLINE = """\
caller_phone,victim,victim_phone,suspect,suspect_phone
+40 721 111 222,Ana Victima,+40 721 111 222,Ion Traficant,+40 722 333 444
+40 723 555 666,,,Vasile Popa,+40 724 777 888
"""
HOTLINE_MAPPING = """\
region: RO
entities:
  caller_phone: {type: phone, fields: {phone: caller_phone}}
  victim: {type: person, fields: {name: victim, role: {value: victim}}}
  victim_phone: {type: phone, fields: {phone: victim_phone}}
  suspect: {type: person, fields: {name: suspect, role: {value: suspect}}}
  suspect_phone: {type: phone, fields: {phone: suspect_phone}}
links:
  - {kind: uses_phone, src: victim, dst: victim_phone}
  - {kind: uses_phone, src: suspect, dst: suspect_phone}
  - {kind: victim_of, src: victim, dst: suspect}
"""


def _preview(tmp_path: Path, *extra: str) -> str:
    (tmp_path / "hotline.csv").write_text(HOTLINE, encoding="utf-8")
    (tmp_path / "hotline.yaml").write_text(HOTLINE_MAPPING, encoding="utf-8")
    args = ["mapping", "preview", str(tmp_path / "hotline.csv"), "--mapping"]
    result = CliRunner().invoke(cli, [*args, str(tmp_path / "hotline.yaml"), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_preview_shows_her_phone_by_pseudonym_and_no_row(tmp_path: Path) -> None:
    out = _preview(tmp_path)
    assert "+40721111222" not in out  # hers, and the caller's (the same number)
    assert "Ana" not in out
    assert re.search(r"^ +2 +caller_phone +phone +\+40723555666", out, re.M)  # not hers
    assert re.search(r"^<NA> +victim +person +Victim-[0-9a-f]{6} +victim", out, re.M)
    assert re.search(r"<NA> +caller_phone +phone +Victim-[0-9a-f]{6} \(phone\)", out)
    hers = re.findall(r"Victim-[0-9a-f]{6} \(phone\)", out)
    assert len(set(hers)) == 1  # one number, one pseudonym
    # a suspect's number is shown; on her row without its row (which would say hers)
    assert re.search(r"^<NA> +suspect_phone +phone +\+40722333444", out, re.M)
    assert re.search(r"^ +2 +suspect_phone +phone +\+40724777888", out, re.M)
    assert re.search(r"^<NA> +uses_phone +Ion Traficant +\+40722333444", out, re.M)
    assert re.search(r"^<NA> +uses_phone +Victim-[0-9a-f]{6} +Victim-[0-9a-f]{6} \(phone\)",
                     out, re.M)  # fmt: skip


def test_preview_json_withholds_her_values_rows_and_ids(tmp_path: Path) -> None:
    shown = json.loads(_preview(tmp_path, "--json"))
    text = json.dumps(shown)
    assert "721111222" not in text
    assert "Ana" not in text
    plain = json.loads(_preview(tmp_path, "--json", "--show-victims"))
    plain_ids = {m["mention_id"] for m in plain["mentions"]}
    hidden = [m for m in shown["mentions"] if m["label"].startswith("Victim-")]
    assert sorted(m["slot"] for m in hidden) == ["caller_phone", "victim", "victim_phone"]
    for m in hidden:
        assert (m["row"], m["phone"], m["identifier"]) == (None, None, None)
        assert m["mention_id"] not in plain_ids  # the plain id hashes her source and row
    hers = [lk for lk in shown["links"] if lk["src_label"].startswith("Victim-")]
    assert sorted(lk["kind"] for lk in hers) == ["uses_phone", "victim_of"]
    assert all(lk["row"] is None for lk in hers)
    assert {lk["link_id"] for lk in hers}.isdisjoint(lk["link_id"] for lk in plain["links"])
    theirs = [lk for lk in shown["links"] if lk["src_label"] == "Vasile Popa"]
    assert [lk["row"] for lk in theirs] == [2]


def test_preview_show_victims_shows_her_phone_and_row(tmp_path: Path) -> None:
    out = _preview(tmp_path, "--show-victims")
    assert "Victim-" not in out
    assert re.search(r"^ +1 +victim_phone +phone +\+40721111222", out, re.M)
    assert re.search(r"^ +1 +victim +person +Ana Victima", out, re.M)


POLICE = """\
case_no,name,role,phone
C-1,Ion Rusu,suspect,+373 69 111 222
C-1,Maria Ceban,victim,+373 79 555 123
C-2,Vasile Popa,suspect,+373 69 333 444
C-2,Ana Lungu,victim,12
"""
POLICE_MAPPING = """\
region: MD
entities:
  person: {type: person, fields: {name: name, role: role}}
  phone: {type: phone, fields: {phone: phone}}
  case: {type: event, fields: {identifier: case_no}}
links:
  - {kind: uses_phone, src: person, dst: phone}
  - {kind: involved_in, src: person, dst: case}
"""


def _police(tmp_path: Path, *extra: str) -> str:
    (tmp_path / "police.csv").write_text(POLICE, encoding="utf-8")
    (tmp_path / "police.yaml").write_text(POLICE_MAPPING, encoding="utf-8")
    args = ["mapping", "preview", str(tmp_path / "police.csv"), "--mapping"]
    result = CliRunner().invoke(cli, [*args, str(tmp_path / "police.yaml"), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_case_her_row_opens_does_not_give_her_row_away(tmp_path: Path) -> None:
    """Rows 2 and 4 are victims': no mention, link or reject says 2 or 4, not even the
    case event of her row (tester 41: `row 3` on it said which row was hers), and what
    is of her rows comes after the rest, so that no place in a table says it either."""
    out = _police(tmp_path)
    tables = out.split("\n\n")
    mentions, links, rejects = (t.splitlines()[2:] for t in tables[1:4])
    assert [line.split()[0] for line in mentions] == ["1", "3", "1", "3", "1", "3"] + [
        "<NA>"
    ] * 5  # 2 victims, her phone (Ana's was rejected), the 2 cases of their rows
    assert [line.split()[2] for line in mentions[6:]] == [
        "person", "person", "phone", "event", "event",
    ]  # fmt: skip
    assert [line.split()[0] for line in links] == ["1", "3", "1", "3", "<NA>", "<NA>", "<NA>"]
    assert rejects == ["<NA>  phone phone_invalid (withheld: a victim's row)"]
    json_out = json.loads(_police(tmp_path, "--json"))
    plain = json.loads(_police(tmp_path, "--json", "--show-victims"))
    for table, key in (("mentions", "mention_id"), ("links", "link_id")):
        assert {r["row"] for r in json_out[table]} == {1, 3, None}
        theirs = {r[key] for r in plain[table] if r["row"] in (2, 4)}
        assert len(theirs) == (5 if table == "mentions" else 3)
        # an id is a hash of source, row and slot: none of her rows' is shown
        assert theirs.isdisjoint(r[key] for r in json_out[table])
    assert [r["row"] for r in json_out["rejects"]] == [None]
    assert [r["row"] for r in plain["rejects"]] == [4]


CALLS = """\
caller,role,place,lat,lon
Ana Victima,victim,Home,28.8638,47.0105
Ion Traficant,suspect,Bar,47.0105,28.8638
Vasile Popa,suspect,Club,28.8600,47.0100
Mihai Rusu,suspect,Cafe,47.0200,28.8500
Dan Lupu,suspect,Shop,47.0300,28.8400
"""
CALLS_MAPPING = """\
region: MD
entities:
  caller: {type: person, fields: {name: caller, role: role}}
  place: {type: location, fields: {name: place, lat: lat, lon: lon}}
links:
  - {kind: located_in, src: caller, dst: place}
"""


def _warnings(tmp_path: Path, calls: str) -> list[str]:
    (tmp_path / "calls.csv").write_text(calls, encoding="utf-8")
    (tmp_path / "calls.yaml").write_text(CALLS_MAPPING, encoding="utf-8")
    args = ["mapping", "preview", str(tmp_path / "calls.csv"), "--mapping"]
    result = CliRunner().invoke(cli, [*args, str(tmp_path / "calls.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    return [w for w in json.loads(result.stdout)["warnings"] if "swapped" in w]


def test_the_swapped_point_warning_quotes_no_victims_row(tmp_path: Path) -> None:
    """Rows 1 (the victim's) and 3 are swapped: the example is row 3, row 1 is counted."""
    [warning] = _warnings(tmp_path, CALLS)
    assert warning.startswith(
        "2 points look like latitude and longitude swapped (row 3; 1 of them in rows that"
        " mark a victim, not named here); first: row 3, columns lat, lon: 28.86, 47.01"
    )
    assert "28.8638" not in warning
    assert "row 1" not in warning


def test_a_victims_swapped_point_alone_is_counted_not_quoted(tmp_path: Path) -> None:
    [warning] = _warnings(tmp_path, CALLS.replace("28.8600,47.0100", "47.0100,28.8600"))
    assert warning.startswith(
        "1 point looks like latitude and longitude swapped: in a row that marks a victim;"
    )
    assert "28.8638" not in warning
