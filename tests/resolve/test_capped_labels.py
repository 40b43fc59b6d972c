"""The weak-name cap's rule says what holds the pair back: "no date of birth or
document" only when none agrees (two people of one home and birthday, names both
different, are capped for their names). Through the CLI."""

from __future__ import annotations

from tests.suggest_draft import run_cli


def test_capped_pair_with_an_exact_date_of_birth_is_not_said_to_have_none(tmp_path):
    data = tmp_path / "a.csv"
    data.write_text(
        "name,dob,phone,address,city\n"
        "Anna Kowalska,1990-01-01,+48 601 234 567,ul. Dluga 5,Krakow\n"
        "Maria Nowak,1990-01-01,+48 601 234 567,ul. Dluga 5,Krakow\n"
        "Jan Zielinski,1985-03-02,+48 602 111 222,ul. Krotka 1,Warsaw\n"
        "Piotr Wisniewski,1970-05-06,,ul. Polna 3,Gdansk\n",
        encoding="utf-8",
    )
    case = str(tmp_path / "c")
    assert run_cli("ingest", str(data), "--preset", "people", "-o", case, "-q")[0] == 0
    assert run_cli("resolve", case, "-q")[0] == 0
    code, out = run_cli("explain", case, "a.csv:1", "a.csv:2")
    assert code == 0, out
    assert "(rule: capped: given and family names both differ)" in out
    assert "no date of birth or document" not in out
    assert "  - dob: exact" in out
