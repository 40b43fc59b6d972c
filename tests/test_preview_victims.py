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
    # a suspect's row and number are shown as before
    assert re.search(r"^ +1 +suspect_phone +phone +\+40722333444", out, re.M)
    assert re.search(r"^ +2 +suspect_phone +phone +\+40724777888", out, re.M)
    assert re.search(r"^ +1 +uses_phone +Ion Traficant +\+40722333444", out, re.M)
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
