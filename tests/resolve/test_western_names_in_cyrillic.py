"""English, German and French names written in Cyrillic meet their Latin spelling, through
``ingest --preset people`` and ``resolve``; ``explain`` says they agree across scripts.

A Russian or Ukrainian agency writes a Western name as it sounds: James Wood is "Джеймс
Вуд", read back letter by letter "dzheims vud", which no comparison took for "james wood",
and ``explain`` called the given names different. Truth below is by hand: each row of the
UK list is the person of the same row of the Russian list, and the Ukrainian list's rows
are the people named in their comments; the rest are other people.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

UK = """first_name,last_name,date_of_birth,gender,city
James,Wood,12/03/1980,male,Leeds
John,Smith,05/07/1975,male,Leeds
Michael,Brown,22/11/1988,male,York
William,Jones,01/02/1990,male,Hull
David,Taylor,14/06/1985,male,Leeds
Peter,Walker,30/09/1972,male,York
Robert,Johnson,08/08/1969,male,Hull
Mary,Wilson,17/04/1992,female,Leeds
Jennifer,White,03/12/1987,female,York
Hans,Müller,11/01/1970,male,Hull
Jean,Dupont,25/05/1983,male,Leeds
Harry,Brown,02/02/1991,male,York
"""
# The same people, as a Russian register writes them (rows 1-11); row 12 is Gary Brown,
# another man (Гэри, not Harry), row 13 Paul Walker (Пол), Peter's brother.
RU = """Фамилия,Имя,Дата рождения,Пол,Город
Вуд,Джеймс,12.03.1980,М,Лидс
Смит,Джон,05.07.1975,М,Лидс
Браун,Майкл,22.11.1988,М,Йорк
Джонс,Уильям,01.02.1990,М,Халл
Тейлор,Дэвид,14.06.1985,М,Лидс
Уокер,Питер,30.09.1972,М,Йорк
Джонсон,Роберт,08.08.1969,М,Халл
Уилсон,Мэри,17.04.1992,Ж,Лидс
Уайт,Дженнифер,03.12.1987,Ж,Йорк
Мюллер,Ханс,11.01.1970,М,Халл
Дюпон,Жан,25.05.1983,М,Лидс
Браун,Гэри,20.05.1994,М,Йорк
Уокер,Пол,13.09.1975,М,Йорк
"""
# A Ukrainian list without dates of birth: Вільям Джонс is William Jones, Девід Тейлор
# David Taylor (Ukrainian spellings), by name alone.
UA = """ПІБ,Стать
Вільям Джонс,Ч
Девід Тейлор,Ч
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    for name, text in (("uk", UK), ("ru", RU), ("ua", UA)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
        _run("ingest", str(tmp_path / f"{name}.csv"), "--preset", "people", "--agency", name,
             "-o", str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    return case


def _entities(case: Path) -> dict[tuple[str, int], str]:
    """(source, row) -> entity id of each person mention."""
    c = lg.Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"].merge(c.resolution, on="mention_id")
    return {
        (Path(s).stem, int(r)): e
        for s, r, e in zip(m["source"], m["row"], m["entity_id"], strict=True)
    }


def test_western_names_in_cyrillic_resolve_with_their_latin_spelling(tmp_path: Path) -> None:
    ent = _entities(_case(tmp_path))
    truth = {("uk", i): i for i in range(1, 13)}
    truth |= {("ru", i): i for i in range(1, 12)}
    truth |= {("ru", 12): 13, ("ru", 13): 14, ("ua", 1): 4, ("ua", 2): 5}
    assert set(ent) == set(truth)
    # Pairwise against the truth: every pair of mentions one entity exactly when the
    # truth says one person (Harry / Гэри Brown and Peter / Пол Walker stay apart).
    keys = sorted(truth)
    wrong = [
        (a, b)
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
        if (ent[a] == ent[b]) != (truth[a] == truth[b])
    ]
    assert wrong == []


def test_explain_says_the_names_agree_across_scripts(tmp_path: Path) -> None:
    case = _case(tmp_path)
    out = _run("explain", str(case), "uk.csv:1", "ru.csv:1")
    assert "Resolved as the SAME entity" in out
    assert "given_name: exact" in out
    assert "family_name: exact" in out
    assert "given names agree across scripts" in out
    assert "family names agree across scripts" in out
    assert "given_name: different" not in out
    assert "given names differ" not in out
    # Latin against Latin is no comparison across scripts.
    other = _run("explain", str(case), "uk.csv:6", "uk.csv:3")
    assert "across scripts" not in other
