"""Rows that change delimiter mid-file (D11) are read on it, and the reader says so."""

from __future__ import annotations

import warnings

from linkgraph.ingest import ingest_file

NAMES = ["Ana Popa", "Ion Rusu", "Eva Lungu", "Dan Moraru", "Mia Stan", "Vlad Cazacu"]


def test_rows_on_another_delimiter_are_read_and_the_line_named(tmp_path):
    rows = [f"{name},+40 721 000 00{i},Iasi" for i, name in enumerate(NAMES, 1)]
    rows[3:] = [r.replace(",", ";") for r in rows[3:]]  # from line 5 on, ';'
    rows[5] = "Vlad Cazacu;+40 721 000 006;Iasi;extra"  # ragged on ';' too
    path = tmp_path / "people.csv"
    path.write_text("full_name,phone,city\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        case = ingest_file(path, preset="people")
    persons = case.mentions[case.mentions.type == "person"]
    assert dict(zip(persons["row"], persons["name"], strict=True))[4] == "Dan Moraru"
    phones = set(case.mentions.loc[case.mentions.type == "phone", "phone"])
    assert {"+40721000004", "+40721000005"} <= phones
    assert case.rejects[["row", "reason", "value"]].values.tolist() == [
        [4, "ragged_row", "1 field, header has 3; it splits into 3 on ';': read so"],
        [5, "ragged_row", "1 field, header has 3; it splits into 3 on ';': read so"],
        [6, "ragged_row", "1 field, header has 3; it splits into 4 on ';'"],
    ]
    said = " ".join(str(w.message) for w in caught)
    assert "from line 5 rows are separated by ';', not ',' as above (2 rows read so" in said
