"""The analysts' decisions table: who decided what on which pair, when and why."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import DECISIONS, LEGACY_DECISIONS_KEY, Case
from linkgraph.resolve import READ_COLUMNS, ResolveConfig, resolve
from linkgraph.resolve.overrides import add_decisions, effective_decisions, read_overrides

from .factory import case_of, mention


def _case() -> Case:
    """Three spellings of one man (merged without help) and a woman."""
    return case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04", phone="+380501234567"),
        mention("person", row=2, name="Kovalenko, Alex", dob="1985-03-04"),
        mention("person", row=3, name="Александр Коваленко", dob="1985-04-03",
                phone="0501234567"),
        mention("person", row=4, name="Maria Petrenko", dob="1990-01-01"),
    ])  # fmt: skip


def _groups(case: Case, ids: list[str]) -> list[int]:
    """Each mention's group number by first appearance: [0, 0, 1] = two entities."""
    entity = case.resolution.set_index("mention_id")["entity_id"]
    return pd.factorize(pd.Series([entity[i] for i in ids]))[0].tolist()


def _row(left, right, decision, analyst="", at=None, note="", source="t.csv") -> dict:
    return {"left": left, "right": right, "decision": decision, "analyst": analyst,
            "decided_at": pd.Timestamp(at, tz="UTC") if at else pd.NaT,
            "note": note, "source": source}  # fmt: skip


def test_table_round_trips_through_a_case_folder(tmp_path):
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    table = DECISIONS.conform(pd.DataFrame([
        _row(ids[0], ids[3], "cannot_link", "ana", "2026-11-02 10:00", "different mothers"),
        _row(ids[1], ids[2], "must_link", "", None, "", "manifest"),
    ]))  # fmt: skip
    case.with_tables(decisions=table).write(tmp_path / "c")
    back = Case.read(tmp_path / "c").decisions
    pd.testing.assert_frame_equal(back, table)
    assert str(back["decided_at"].dtype) == "datetime64[ns, UTC]"
    assert back["decided_at"].isna().tolist() == [False, True]


def test_newest_decision_wins_whatever_the_row_order():
    a, b, c = "m:a", "m:b", "m:c"
    history = pd.DataFrame([
        _row(b, a, "cannot_link", "bo", "2026-11-03"),   # newest on (a, b), written reversed
        _row(a, b, "must_link", "ana", "2026-11-01"),
        _row(a, c, "must_link", "ana", None),             # time unknown: counts as oldest
        _row(c, a, "cannot_link", "bo", "2026-10-01"),
        _row(b, c, "must_link", "ana", "2026-11-05"),
        _row(c, b, "must_link", "cy", "2026-11-05"),      # same time: the later row
    ])  # fmt: skip
    now = effective_decisions(history)
    got = {(frozenset((r.left, r.right)), r.decision, r.analyst) for r in now.itertuples()}
    assert got == {
        (frozenset((a, b)), "cannot_link", "bo"),
        (frozenset((a, c)), "cannot_link", "bo"),
        (frozenset((b, c)), "must_link", "cy"),
    }
    assert len(now) == 3


def test_repeating_the_decision_in_force_adds_no_row():
    old = pd.DataFrame([_row("m:a", "m:b", "must_link", "ana", "2026-11-01")])
    same = pd.DataFrame([_row("m:b", "m:a", "must_link", "bo", "2026-11-02")])
    changed = pd.DataFrame([_row("m:b", "m:a", "cannot_link", "bo", "2026-11-02")])
    assert len(add_decisions(old, same)) == 1
    both = add_decisions(old, changed)
    assert both["decision"].tolist() == ["must_link", "cannot_link"]
    assert effective_decisions(both)["decision"].tolist() == ["cannot_link"]


def test_csv_records_who_when_and_why(tmp_path, monkeypatch):
    monkeypatch.setenv("LINKGRAPH_ANALYST", "desk 4")
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    csv = tmp_path / "decisions.csv"
    pd.DataFrame({
        "left": [ids[0], ids[1]], "right": [ids[2], ids[3]],
        "decision": ["no", "match"], "note": ["twins", ""],
        "analyst": ["ana", ""], "decided_at": ["2026-11-02T09:30:00Z", ""],
    }).to_csv(csv, index=False)  # fmt: skip
    at = pd.Timestamp("2026-12-01 12:00", tz="UTC")
    got = read_overrides(csv, case.mentions, decided_at=at.to_pydatetime())
    assert got["decision"].tolist() == ["cannot_link", "must_link"]
    assert got["analyst"].tolist() == ["ana", "desk 4"]  # the column, else $LINKGRAPH_ANALYST
    assert got["decided_at"].tolist() == [pd.Timestamp("2026-11-02 09:30", tz="UTC"), at]
    assert got["note"].tolist() == ["twins", ""]
    assert got["source"].tolist() == ["decisions.csv", "decisions.csv"]


def test_resolve_writes_the_table_and_honours_it_on_rerun(tmp_path):
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    assert _groups(resolve(case), ids) == [0, 0, 0, 1]  # without decisions
    first = tmp_path / "first.csv"
    pd.DataFrame({"left": [ids[0]], "right": [ids[2]], "decision": ["cannot_link"],
                  "decided_at": ["2026-11-01"]}).to_csv(first, index=False)  # fmt: skip
    out = resolve(case, ResolveConfig(overrides=str(first)))
    assert out.decisions[["left", "right", "decision"]].values.tolist() == [
        [ids[0], ids[2], "cannot_link"]
    ]
    assert _groups(out, ids)[0] != _groups(out, ids)[2]
    assert LEGACY_DECISIONS_KEY not in out.manifest
    # A later decision on the same pair (reversed) wins; the first stays on record.
    second = tmp_path / "second.csv"
    pd.DataFrame({"left": [ids[2]], "right": [ids[0]], "decision": ["must_link"],
                  "decided_at": ["2026-11-09"]}).to_csv(second, index=False)  # fmt: skip
    again = resolve(out, ResolveConfig(overrides=str(second)))
    assert again.decisions["decision"].tolist() == ["cannot_link", "must_link"]
    assert _groups(again, ids) == [0, 0, 0, 1]
    # Re-run with no file: the table holds.
    assert _groups(resolve(again), ids) == [0, 0, 0, 1]


def test_manifest_decisions_of_an_older_case_are_read_as_the_table(tmp_path):
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    folder = tmp_path / "old"
    case.write(folder)
    # What an older linkgraph wrote: the decisions in the manifest, no table.
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest[LEGACY_DECISIONS_KEY] = [
        {"left": ids[0], "right": ids[2], "decision": "cannot_link", "note": "twins"}
    ]
    path.write_text(json.dumps(manifest))
    read = Case.read(folder)
    assert LEGACY_DECISIONS_KEY not in read.manifest
    row = read.decisions.iloc[0]
    assert (row["left"], row["right"], row["decision"], row["note"]) == (
        ids[0], ids[2], "cannot_link", "twins"
    )  # fmt: skip
    assert (row["source"], row["analyst"]) == ("manifest", "")
    assert pd.isna(row["decided_at"])
    # resolve reads it as the CLI does (only the columns it needs), and honours it.
    partial = Case.read(folder, columns=READ_COLUMNS)
    assert partial.decisions is not None
    assert len(partial.decisions) == 1
    out = resolve(partial)
    assert _groups(out, ids)[0] != _groups(out, ids)[2]
    out.write(folder)
    stored = json.loads(path.read_text())
    assert LEGACY_DECISIONS_KEY not in stored
    assert (folder / "decisions.parquet").is_file()
    assert Case.read(folder).decisions["note"].tolist() == ["twins"]


def test_cli_resolve_and_explain_show_the_decision(tmp_path, monkeypatch):
    monkeypatch.setenv("LINKGRAPH_ANALYST", "ana")
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    folder = tmp_path / "case"
    case.write(folder)
    csv = tmp_path / "d.csv"
    pd.DataFrame({"left": [ids[0]], "right": [ids[2]], "decision": ["cannot_link"],
                  "note": ["different mothers"]}).to_csv(csv, index=False)  # fmt: skip
    runner = CliRunner()
    got = runner.invoke(cli, ["resolve", str(folder), "--overrides", str(csv), "-q"])
    assert got.exit_code == 0, got.output
    assert "1 analyst decisions honoured" in got.output
    table = Case.read(folder).decisions
    assert table[["analyst", "note", "source"]].values.tolist() == [
        ["ana", "different mothers", "d.csv"]
    ]
    text = runner.invoke(cli, ["explain", str(folder), ids[0], ids[2]]).output
    assert "cannot-link" in text
    assert "ana" in text
    assert "different mothers" in text


@pytest.mark.parametrize("bad", ["maybe", "later"])
def test_unknown_decision_is_refused(tmp_path, bad):
    from linkgraph.errors import InputError

    case = _case()
    ids = case.mentions["mention_id"].tolist()
    csv = tmp_path / "d.csv"
    pd.DataFrame({"left": [ids[0]], "right": [ids[1]], "decision": [bad]}).to_csv(csv, index=False)
    with pytest.raises(InputError, match="unknown decision"):
        read_overrides(csv, case.mentions)


def test_cli_decide_records_a_decision_that_resolve_then_honours(tmp_path, monkeypatch):
    monkeypatch.setenv("LINKGRAPH_ANALYST", "bo")
    case = _case()
    ids = case.mentions["mention_id"].tolist()
    folder = tmp_path / "case"
    case.write(folder)
    runner = CliRunner()
    assert runner.invoke(cli, ["resolve", str(folder), "-q"]).exit_code == 0
    before = _groups(Case.read(folder), ids)
    assert before[0] == before[2]
    # test.csv:3 is the third mention (its row), as explain takes it.
    got = runner.invoke(
        cli, ["decide", str(folder), ids[0], "test.csv:3", "cannot_link", "--note", "twins"]
    )
    assert got.exit_code == 0, got.output
    table = Case.read(folder).decisions
    assert table[["left", "right", "decision", "analyst", "note", "source"]].values.tolist() == [
        [ids[0], ids[2], "cannot_link", "bo", "twins", "linkgraph decide"]
    ]
    assert runner.invoke(cli, ["resolve", str(folder), "-q"]).exit_code == 0
    after = _groups(Case.read(folder), ids)
    assert after[0] != after[2]
    # A mention and itself, or one the case lacks: refused, nothing recorded.
    bad = runner.invoke(cli, ["decide", str(folder), ids[0], ids[0], "must_link"])
    assert bad.exit_code != 0
    assert "twice" in bad.output
    assert len(Case.read(folder).decisions) == 1


def test_report_lists_the_decision_in_force_with_who_when_why(tmp_path):
    from linkgraph.render.report_resolution import resolution_section

    case = _case()
    ids = case.mentions["mention_id"].tolist()
    csv = tmp_path / "d.csv"
    pd.DataFrame({"left": [ids[0], ids[2]], "right": [ids[2], ids[0]],
                  "decision": ["must_link", "cannot_link"], "analyst": ["bo", "ana"],
                  "decided_at": ["2026-11-01", "2026-11-09"],
                  "note": ["same passport", "<b>twins</b>"]}).to_csv(csv, index=False)  # fmt: skip
    out = resolve(case, ResolveConfig(overrides=str(csv)))
    html = resolution_section(out, name=str, hidden=lambda e: False)
    block = html[html.index("Analysts' decisions") :]
    # only ana's newer cannot_link is in force; bo's is counted as superseded
    assert "cannot link" in block
    assert "must link" not in block
    assert "by ana, 2026-11-09 00:00 UTC" in block
    assert "by bo" not in block
    assert "&lt;b&gt;twins&lt;&#47;b&gt;" in block
    assert "<b>twins" not in block
    assert "1 older decision(s) superseded" in block
    # a victim's spellings are never shown: the mention appears by its source row only
    hidden = resolution_section(out, name=str, hidden=lambda e: True)
    hidden_block = hidden[hidden.index("Analysts' decisions") :]
    assert "Oleksandr" not in hidden_block
    assert "Коваленко" not in hidden_block
    assert "row " in hidden_block


def test_report_says_when_no_analyst_decided():
    from linkgraph.render.report_resolution import resolution_section

    html = resolution_section(resolve(_case()), name=str, hidden=lambda e: False)
    assert "No analyst decision" in html
