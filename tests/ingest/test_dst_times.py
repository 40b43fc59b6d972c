"""Local times in a daylight-saving change, through `mapping suggest` and `ingest`: a time
the zone's clock shows twice or never is read with the offset in force before the change,
kept (not rejected, not moved onto the change), and the summary counts it with its rows.
Expected instants by hand: Kyiv is UTC+2 in winter, UTC+3 from 31 March 2024 03:00 (clocks
go to 04:00) to 27 October 2024 04:00 (clocks go back to 03:00)."""

from __future__ import annotations

import pandas as pd

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

_CDR = (
    "Calling Number,Called Number,Call Date,Call Time\n"
    "380671234567,380501112233,27.10.2024,03:30:00\n"  # twice: 00:30 or 01:30 UTC
    "380671234567,380501112233,31.03.2024,03:30:00\n"  # never: clock not yet forward
    "380671234567,380501112233,31.03.2024,02:59:59\n"  # winter: 00:59:59 UTC
    "380671234567,380501112233,31.03.2024,04:00:00\n"  # summer: 01:00 UTC
    "380671234567,380501112233,27.10.2024,03:40:00\n"  # twice
    "380671234567,380501112233,27.10.2024,04:00:00\n"  # winter again: 02:00 UTC
)


def test_times_in_a_dst_change_are_kept_read_before_the_change_and_counted(tmp_path):
    data = tmp_path / "cdr.csv"
    data.write_text(_CDR, encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    code, out = run_cli(
        "ingest", str(data), "--mapping", str(draft), "--timezone", "Europe/Kyiv",
        "-o", str(tmp_path / "c"),
    )  # fmt: skip
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert case.rejects.empty
    links = case.links.sort_values("row")
    assert [str(t) for t in links["time"]] == [
        "2024-10-27 00:30:00+00:00",
        "2024-03-31 01:30:00+00:00",
        "2024-03-31 00:59:59+00:00",
        "2024-03-31 01:00:00+00:00",
        "2024-10-27 00:40:00+00:00",
        "2024-10-27 02:00:00+00:00",
    ]
    said = " ".join(out.split())
    assert (
        "2 times in Call Date+Call Time occur twice in Europe/Kyiv (the hour its clocks are"
        " turned back; rows 1, 5): each read at its first occurrence" in said
    )
    assert "(such as row 1 '27.10.2024 03:30:00' -> 2024-10-27 00:30:00 UTC)" in said
    assert (
        "1 time in Call Date+Call Time does not exist in Europe/Kyiv (the hour its clocks"
        " skip when put forward; row 2): each kept" in said
    )
    assert "(such as row 2 '31.03.2024 03:30:00' -> 2024-03-31 01:30:00 UTC)" in said


def test_a_zone_column_and_other_layouts_count_their_own_changes(tmp_path):
    """Per-row zones (`timezone: {column: tz}`), ISO and month-name layouts: Berlin skips
    02:00-03:00 on 31 March 2024 (UTC+1 before); New York repeats 01:00-02:00 on 3
    November 2024 (UTC-4 before). A time outside the changes says nothing."""
    data = tmp_path / "calls.csv"
    data.write_text(
        "caller,callee,start,tz\n"
        "+4915112345678,+4915187654321,2024-03-31 02:30:00,Europe/Berlin\n"
        '+12125550100,+12125550199,"Nov 3, 2024 1:30 AM",America/New_York\n'
        "+12125550100,+12125550199,2024-11-03 03:00:00,America/New_York\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "timezone: {column: tz}\n"
        "entities:\n  a: {type: phone, fields: {phone: caller}}\n"
        "  b: {type: phone, fields: {phone: callee}}\n"
        "links:\n- {kind: called, src: a, dst: b, time: start}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, out
    links = Case.read(tmp_path / "c").links.sort_values("row")
    assert [pd.Timestamp(t).strftime("%m-%d %H:%M") for t in links["time"]] == [
        "03-31 01:30",
        "11-03 05:30",
        "11-03 08:00",
    ]
    said = " ".join(out.split())
    assert (
        "1 time in start occurs twice in its row's zone (the hour its clocks are turned"
        " back; row 2)" in said
    )
    assert (
        "1 time in start does not exist in its row's zone (the hour its clocks skip when"
        " put forward; row 1)" in said
    )


# The readers of whole files (FtM, goAML, graph files, edge lists) read their times as a
# table's are, and say the same of those in a daylight-saving change (before: read so, but
# nothing said). Berlin: UTC+1 in winter, UTC+2 from 31 March 2024 02:00 (clocks go to
# 03:00) to 27 October 2024 03:00 (clocks go back to 02:00).
_TWICE = "occurs twice in Europe/Berlin (the hour its clocks are turned back;"
_NEVER = "does not exist in Europe/Berlin (the hour its clocks skip when put forward;"


def _ingest_berlin(tmp_path, name: str, text: str, *args: str) -> tuple[Case, str]:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    code, out = run_cli(
        "ingest", str(data), *args, "--timezone", "Europe/Berlin", "-o", str(tmp_path / "c")
    )
    assert code == 0, out
    return Case.read(tmp_path / "c"), " ".join(out.split())


def _times(case: Case) -> list[tuple[int, str]]:
    timed = case.links[case.links["time"].notna()].sort_values("row")
    return [(int(r), str(t)) for r, t in zip(timed["row"], timed["time"], strict=True)]


def _payment(n: int, date: str) -> str:
    return (
        f'{{"id": "pay{n}", "schema": "Payment", "properties": {{"payer": ["p1"],'
        f' "beneficiary": ["p2"], "amount": ["{n}00"], "currency": ["eur"],'
        f' "date": ["{date}"]}}}}'
    )


def test_ftm_times_in_a_dst_change_are_warned_of(tmp_path):
    text = "\n".join(
        [
            '{"id": "p1", "schema": "Person", "properties": {"name": ["Vasile Rusu"]}}',
            '{"id": "p2", "schema": "Person", "properties": {"name": ["Elena Ceban"]}}',
            _payment(1, "2024-10-27T02:30:00"),  # row 3: twice
            _payment(2, "2024-03-31T02:30:00"),  # row 4: never
            _payment(3, "2024-05-01T12:00:00"),  # row 5: summer, UTC+2
        ]
    )
    case, said = _ingest_berlin(tmp_path, "ftm.jsonl", text + "\n")
    assert _times(case) == [
        (3, "2024-10-27 00:30:00+00:00"),
        (4, "2024-03-31 01:30:00+00:00"),
        (5, "2024-05-01 10:00:00+00:00"),
    ]
    assert f"1 time in date {_TWICE} row 3)" in said
    assert "(such as row 3 '2024-10-27T02:30:00' -> 2024-10-27 00:30:00 UTC)" in said
    assert f"1 time in date {_NEVER} row 4)" in said
    assert "(such as row 4 '2024-03-31T02:30:00' -> 2024-03-31 01:30:00 UTC)" in said


_GOAML = """<?xml version="1.0" encoding="UTF-8"?>
<report><rentity_id>77</rentity_id><submission_code>E</submission_code>
<report_code>STR</report_code><currency_code_local>EUR</currency_code_local>
{}</report>
"""
_TRANSACTION = """<transaction><transactionnumber>T-{n}</transactionnumber>
<date_transaction>{date}</date_transaction><amount_local>{n}00</amount_local>
<t_from><from_person><first_name>Ann</first_name><last_name>Bee</last_name>
{comments}</from_person></t_from>
<t_to><to_person><first_name>Osas</first_name><last_name>Edo</last_name></to_person></t_to>
</transaction>
"""


def test_goaml_times_in_a_dst_change_are_warned_of_quoting_no_victims_row(tmp_path):
    """The second transaction's payer is a victim: its time is counted and its row named,
    but not quoted as the example."""
    body = _TRANSACTION.format(n=1, date="2024-05-01T12:00:00", comments="") + "".join(
        _TRANSACTION.format(n=n, date=date, comments=comments)
        for n, date, comments in [
            (2, "2024-10-27T02:10:00", "<comments>victim</comments>"),
            (3, "2024-10-27T02:30:00", ""),
        ]
    )
    case, said = _ingest_berlin(tmp_path, "str.xml", _GOAML.format(body))
    assert _times(case) == [
        (1, "2024-05-01 10:00:00+00:00"),
        (2, "2024-10-27 00:10:00+00:00"),
        (3, "2024-10-27 00:30:00+00:00"),
    ]
    assert "2 times in date_transaction occur twice in Europe/Berlin" in said
    assert "turned back; rows 2, 3)" in said
    assert "(such as row 3 '2024-10-27T02:30:00' -> 2024-10-27 00:30:00 UTC)" in said
    assert "02:10" not in said


def test_graph_file_times_in_a_dst_change_are_warned_of(tmp_path):
    text = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="l" for="node" attr.name="label" attr.type="string"/>
<key id="d" for="edge" attr.name="date" attr.type="string"/>
<graph edgedefault="directed">
<node id="a"><data key="l">Ann Bee</data></node>
<node id="b"><data key="l">Osas Edo</data></node>
<edge source="a" target="b"><data key="d">2024-03-31 02:30:00</data></edge>
<edge source="b" target="a"><data key="d">2024-05-01 12:00:00</data></edge>
</graph></graphml>
"""
    case, said = _ingest_berlin(tmp_path, "g.graphml", text)
    assert [t for _, t in _times(case)] == [
        "2024-03-31 01:30:00+00:00",
        "2024-05-01 10:00:00+00:00",
    ]
    row = _times(case)[0][0]
    assert f"1 time in the edges' times {_NEVER} row {row})" in said
    assert f"(such as row {row} '2024-03-31 02:30:00' -> 2024-03-31 01:30:00 UTC)" in said


def test_edge_list_times_in_a_dst_change_are_warned_of(tmp_path):
    text = "source,target,date\nAnn,Bob,2024-03-31 02:30\nBob,Cy,2024-05-01 12:00\n"
    data = tmp_path / "edges.csv"
    data.write_text(text, encoding="utf-8")
    draft, mapping = suggest_draft(data, tmp_path)
    assert mapping["network"]["time"] == "date"
    case, said = _ingest_berlin(tmp_path, "edges.csv", text, "--mapping", str(draft))
    assert _times(case) == [(1, "2024-03-31 01:30:00+00:00"), (2, "2024-05-01 10:00:00+00:00")]
    assert f"1 time in date {_NEVER} row 1)" in said
    assert "(such as row 1 '2024-03-31 02:30' -> 2024-03-31 01:30:00 UTC)" in said
