"""A cell-site list given with a CDR (`linkgraph ingest calls.csv cells.csv --preset cdr`)
places each call whose cell it lists at that cell's latitude and longitude, as if the CDR
had them (the CDR's own coordinates win); calls of unlisted cells are kept and counted;
list rows without a usable position are rejects; a cell id given two positions is warned
about."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

CALLS = """caller,callee,start_time,duration,cell_id,lat,lon
+37360000001,+37360000002,2024-03-01 10:00,60,101,,
+37360000001,+37360000003,2024-03-01 11:00,30,0102,,
+37360000001,+37360000002,2024-03-01 12:00,45,101,46.5,30.7
+37360000001,+37360000004,2024-03-01 13:00,20,999,,
+37360000002,+37360000001,2024-03-01 14:00,10,,,
"""
CELLS = """cell_id,site_name,lat,lon,azimuth
101,Chisinau Centru,47.0105,28.8638,120
102,Balti Nord,47.7617,27.9289,240
103,Nowhere,,,0
104,Out of range,91.5,28.1,0
102,Balti Nord again,47.9000,27.9289,240
105,Placeholder,0,0,0
101,Chisinau Centru,47.01050,28.8638,120
"""
# OpenCelliD's columns: longitude before latitude, the cell id under `cell`.
OPENCELLID = """radio,mcc,net,area,cell,unit,lon,lat,range
GSM,259,1,100,101,0,28.8638,47.0105,1000
LTE,259,1,100,102,0,27.9289,47.7617,2000
"""


def _write(tmp_path: Path, files: dict[str, str]) -> list[str]:
    paths = []
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def _ingest(tmp_path: Path, files: dict[str, str], *options: str) -> tuple[Case, str]:
    case = tmp_path / "case"
    args = ["ingest", *_write(tmp_path, files), "--preset", "cdr", *options, "-o", str(case)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return Case.read(case), result.output


def _points(case: Case) -> list[tuple[int, str | None, str | None]]:
    links = case.links[case.links["kind"].eq("called")].sort_values("row")
    attrs = [json.loads(a) for a in links["attrs"]]
    return [(int(r), a.get("lat"), a.get("lon")) for r, a in zip(links["row"], attrs, strict=True)]


def test_each_listed_call_gets_its_cells_position(tmp_path: Path) -> None:
    """Row 1 (cell 101) and row 2 (cell "0102", cell 102 written with a leading zero) take
    their cells' positions; row 3 keeps its own coordinates; row 4's cell 999 is not
    listed and row 5 names none: both kept, without a position."""
    case, output = _ingest(tmp_path, {"calls.csv": CALLS, "cells.csv": CELLS})
    assert _points(case) == [
        (1, "47.0105", "28.8638"),
        (2, "47.7617", "27.9289"),
        (3, "46.5", "30.7"),
        (4, None, None),
        (5, None, None),
    ]
    assert "1 of 5 calls name a cell not in the cell-site list (cells.csv)" in output
    assert "999 (row 4)" in output
    assert "2 calls positioned by their cell (cells.csv)" in output
    # the list makes no mentions; the calls' rows do not hold the joined columns
    assert set(case.mentions["source"]) == {"calls.csv"}
    assert "linkgraph_cell_site" not in "".join(case.mentions["raw"].astype(str))


def test_list_rows_without_a_position_are_rejects_and_two_positions_warned(
    tmp_path: Path,
) -> None:
    """Cell 103 has no coordinates, 104 a latitude of 91.5, 105 lies at 0, 0: rejects of
    the list, each with its reason. Cell 102 is on rows 2 and 5 with different latitudes
    (warned; row 2's used); cell 101 twice at one position ("47.0105" = "47.01050") is
    no conflict."""
    case, output = _ingest(tmp_path, {"calls.csv": CALLS, "cells.csv": CELLS})
    rejects = case.rejects[case.rejects["source"].eq("cells.csv")]
    assert sorted(zip(rejects["row"].astype(int), rejects["reason"], strict=True)) == [
        (3, "no_coordinates"),
        (4, "lat_invalid"),
        (6, "null_island"),
    ]
    assert "cells.csv: 7 rows, 0 mentions, 0 links, 3 rejects" in output
    assert "cell-site list: 2 cells" in output  # 101 and 102
    assert "1 cell id of the cell-site list is given different positions" in output
    assert "cells.csv row 2: 47.7617, 27.9289; cells.csv row 5: 47.9, 27.9289" in output
    assert "101 (" not in output  # one position written two ways


def test_positions_are_those_of_a_cdr_with_coordinate_columns(tmp_path: Path) -> None:
    """A CDR without coordinates and an OpenCelliD list give the links (and mentions) a
    CDR with the cells' coordinates in its own columns gives."""
    plain = "caller,callee,start_time,cell\n+37360000001,+37360000002,2024-03-01 10:00,101\n"
    plain += "+37360000001,+37360000003,2024-03-01 11:00,102\n"
    with_columns = "caller,callee,start_time,cell,lat,lon\n"
    with_columns += "+37360000001,+37360000002,2024-03-01 10:00,101,47.0105,28.8638\n"
    with_columns += "+37360000001,+37360000003,2024-03-01 11:00,102,47.7617,27.9289\n"
    joined, _ = _ingest(tmp_path / "a", {"calls.csv": plain, "ocid.csv": OPENCELLID})
    own, _ = _ingest(tmp_path / "b", {"calls.csv": with_columns})
    assert joined.links["attrs"].tolist() == own.links["attrs"].tolist()
    assert _points(joined) == [(1, "47.0105", "28.8638"), (2, "47.7617", "27.9289")]
    assert joined.mentions["mention_id"].tolist() == own.mentions["mention_id"].tolist()


def test_a_cdr_without_a_list_is_read_as_before(tmp_path: Path) -> None:
    """No list, no join: the calls keep their own (empty) coordinates, no join recorded."""
    case, output = _ingest(tmp_path, {"calls.csv": CALLS})
    assert _points(case)[:2] == [(1, None, None), (2, None, None)]
    assert "cell-site list" not in output
    assert "cell_sites" not in case.manifest["inputs"][0]


def test_strict_fails_on_a_list_reject_without_traceback(tmp_path: Path) -> None:
    files = _write(tmp_path, {"calls.csv": CALLS, "cells.csv": CELLS})
    args = ["ingest", *files, "--preset", "cdr", "--strict", "-o", str(tmp_path / "case")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert "cells.csv" in result.output
    assert "no_coordinates" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "case" / "manifest.json").exists()


def test_a_list_alone_is_recognised(tmp_path: Path) -> None:
    """`mapping suggest` on a cell-site list drafts the cdr preset and says how to give
    it with the CDR; ingested alone it warns that no call was placed."""
    (path,) = _write(tmp_path, {"cells.csv": CELLS})
    result = CliRunner().invoke(cli, ["mapping", "suggest", path])
    assert result.exit_code == 0, result.output
    assert "A cell-site list (cell id cell_id, latitude lat, longitude lon)" in result.output
    assert "include: cdr" in result.output
    assert "linkgraph ingest calls.csv cells.csv --preset cdr" in result.output
    case, output = _ingest(tmp_path, {"cells.csv": CELLS})
    assert "no CDR read with it" in output
    assert case.links.empty


# OpenCelliD repeats a cell id in other networks and areas: cell 101 is in area 100 of
# network 259-1 (Chisinau) and in area 200 (Balti); cell 300 in two areas at one place.
OPENCELLID_AREAS = """radio,mcc,net,area,cell,unit,lon,lat,range
GSM,259,1,100,101,0,28.8638,47.0105,1000
GSM,259,1,200,101,0,27.9289,47.7617,1000
GSM,259,1,100,300,0,28.5000,47.5000,1000
GSM,259,1,200,300,0,28.5000,47.5000,1000
"""


def test_a_cell_id_repeated_in_other_areas_is_matched_on_the_calls_area(
    tmp_path: Path,
) -> None:
    """A CDR with a LAC column: each call takes the position of its own area's cell 101;
    the list's repeat of cell 101 in another area is no conflict."""
    calls = "caller,callee,start_time,lac,cell_id\n"
    calls += "+37360000001,+37360000002,2024-03-01 10:00,100,101\n"
    calls += "+37360000001,+37360000003,2024-03-01 11:00,200,101\n"
    calls += "+37360000001,+37360000003,2024-03-01 12:00,300,101\n"  # no such area
    case, output = _ingest(tmp_path, {"calls.csv": calls, "ocid.csv": OPENCELLID_AREAS})
    assert _points(case) == [
        (1, "47.0105", "28.8638"),
        (2, "47.7617", "27.9289"),
        (3, None, None),
    ]
    assert "given different positions" not in output
    assert "1 of 3 calls name a cell not in the cell-site list" in output
    assert "cell-site list: 4 cells" in output


def test_a_cell_global_id_gives_the_calls_network_and_area(tmp_path: Path) -> None:
    """A CDR cell written MCC-MNC-LAC-CI is matched on all four."""
    calls = "caller,callee,start_time,cgi\n"
    calls += "+37360000001,+37360000002,2024-03-01 10:00,259-01-200-101\n"
    calls += "+37360000001,+37360000002,2024-03-01 11:00,259-01-100-101\n"
    calls += "+37360000001,+37360000002,2024-03-01 12:00,226-01-100-101\n"  # another country
    case, output = _ingest(tmp_path, {"calls.csv": calls, "ocid.csv": OPENCELLID_AREAS})
    assert _points(case) == [
        (1, "47.7617", "27.9289"),
        (2, "47.0105", "28.8638"),
        (3, None, None),
    ]
    assert "226-01-100-101 (row 3)" in output  # another network's cell: not listed


def test_a_call_that_does_not_say_which_area_gets_no_guessed_position(
    tmp_path: Path,
) -> None:
    """Without an area, cell 101 (two areas, two places) cannot be placed: kept without a
    position and warned about, with what to add; cell 300 (two areas, one place) is."""
    calls = "caller,callee,start_time,cell_id\n"
    calls += "+37360000001,+37360000002,2024-03-01 10:00,101\n"
    calls += "+37360000001,+37360000002,2024-03-01 11:00,300\n"
    case, output = _ingest(tmp_path, {"calls.csv": calls, "ocid.csv": OPENCELLID_AREAS})
    assert _points(case) == [(1, None, None), (2, "47.5", "28.5")]
    assert "1 of 2 calls name a cell id that the cell-site list" in output
    assert "101 (row 1)" in output
    assert "MCC-MNC-LAC-CI" in output
    info = case.manifest["inputs"][0]["cell_sites"]
    assert (info["positioned"], info["ambiguous"], info["not_listed"]) == (1, 1, 0)


def test_a_lists_draft_records_the_given_region_for_its_cdrs(tmp_path: Path) -> None:
    """`mapping suggest cells.csv --region MD`: the draft (the cdr preset) records MD, so
    the CDR ingested with it reads its national numbers as Moldovan (before: the region
    was dropped and every number was a phone_invalid reject)."""
    calls = (
        "caller,callee,start_time,duration,cell_id\n"
        "069123456,078123456,2024-03-01 10:00,60,101\n"
        "078123456,069123456,2024-03-01 11:00,30,102\n"
    )
    paths = _write(tmp_path, {"calls.csv": calls, "cells.csv": CELLS})
    draft = tmp_path / "cells.yaml"
    result = CliRunner().invoke(
        cli, ["mapping", "suggest", paths[1], "--region", "MD", "-o", str(draft)]
    )
    assert result.exit_code == 0, result.output
    assert "region: MD" in draft.read_text(encoding="utf-8")
    case_dir = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", *paths, "--mapping", str(draft), "-o", str(case_dir)]
    )
    assert result.exit_code == 0, result.output
    case = Case.read(case_dir)
    label = case.mentions.set_index("mention_id")["label"]
    called = case.links[case.links["kind"].eq("called")].sort_values("row")
    assert [(label[s], label[d]) for s, d in zip(called["src"], called["dst"], strict=True)] == [
        ("+37369123456", "+37378123456"),
        ("+37378123456", "+37369123456"),
    ]
    assert _points(case) == [(1, "47.0105", "28.8638"), (2, "47.7617", "27.9289")]
