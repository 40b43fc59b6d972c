"""A date column whose day and month cannot be told apart (tester round 40, D10d): the
draft says so as `mapping check` and `ingest` warn of it, without quoting a date; the
warning's example is a date of a row of no victim, also when the first ambiguous date
is a victim's. Through the user's path: `mapping suggest`, then `ingest` with the draft
unedited."""

from __future__ import annotations

from suggest_draft import run_cli, suggest_draft


def _write(tmp_path, name: str, rows: list[str]):
    data = tmp_path / name
    data.write_text("Name,Date of birth,Phone,Status\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return data


def test_the_draft_says_the_order_is_ambiguous_and_ingest_quotes_a_non_victims_date(tmp_path):
    """03/02/1999 (row 1, a victim's) and 05/06/1988 (row 2, a suspect's) read both ways:
    the draft says that 2 dates of Date of birth do and that they are read day-first,
    quoting neither; ingest's warning quotes the suspect's date, never the victim's."""
    data = _write(
        tmp_path,
        "persons.csv",
        [
            "Svitlana Hnatiuk,03/02/1999,+380 67 765 4321,victim",
            "Petro Bondar,05/06/1988,+380 50 111 2233,suspect",
        ],
    )
    draft, mapping = suggest_draft(data, tmp_path)
    text = draft.read_text(encoding="utf-8")
    assert "# Date of birth: day or month first? 2 of its dates read both ways" in text
    assert "ingest reads them day-first; set `dayfirst: false`" in text
    assert "03/02/1999" not in text
    assert "05/06/1988" not in text
    assert mapping["entities"]["person"]["fields"]["role"] == "Status"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    assert "dates in Date of birth such as '05/06/1988' (row 2) read day-first" in out
    assert "03/02/1999" not in out
    code, out = run_cli("mapping", "check", str(data), "--mapping", str(draft))
    assert code == 0, out
    assert "such as '05/06/1988' (row 2)" in out
    assert "03/02/1999" not in out


def test_only_victims_ambiguous_dates_are_withheld(tmp_path):
    """Every ambiguous date is a victim's (row 2's 13/02/1990 is not ambiguous): the
    warning withholds its example."""
    data = _write(
        tmp_path,
        "victims.csv",
        [
            "Svitlana Hnatiuk,03/02/1999,+380 67 765 4321,victim",
            "Olena Kovalenko,05/06/1988,+380 50 111 2233,victim",
        ],
    )
    draft, _ = suggest_draft(data, tmp_path)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    assert "dates in Date of birth (example withheld: a victim's row) read day-first" in out
    assert "03/02/1999" not in out
    assert "05/06/1988" not in out


def test_a_decided_order_or_dotted_dates_need_no_such_note(tmp_path):
    """13/02/1990 decides day-first (the draft says so from the values); dates with dots
    are day-first wherever they are written so: neither draft says the order is
    ambiguous."""
    decided = _write(
        tmp_path,
        "decided.csv",
        ["Ana Pop,03/02/1999,+40 721 000 111,suspect", "Ion Rusu,13/02/1990,+40 721 000 112,"],
    )
    text = suggest_draft(decided, tmp_path)[0].read_text(encoding="utf-8")
    assert "# Date of birth: dates are day-first (from values)" in text
    assert "day or month first?" not in text
    dotted = _write(
        tmp_path,
        "dotted.csv",
        ["Ana Pop,03.02.1999,+40 721 000 111,suspect", "Ion Rusu,05.06.1990,+40 721 000 112,"],
    )
    text = suggest_draft(dotted, tmp_path)[0].read_text(encoding="utf-8")
    assert "day or month first?" not in text
    assert "both day-first" not in text


def test_the_draft_says_when_a_column_mixes_both_orders(tmp_path):
    """13/02/1990 reads only day-first, 03/15/1988 only month-first: the draft says the
    column is written both ways, as ingest warns."""
    data = _write(
        tmp_path,
        "mixed.csv",
        ["Ana Pop,13/02/1990,+40 721 000 111,suspect", "Ion Rusu,03/15/1988,+40 721 000 112,"],
    )
    text = suggest_draft(data, tmp_path)[0].read_text(encoding="utf-8")
    assert "# Date of birth: dates are written both day-first (13.02.) and month-first" in text
