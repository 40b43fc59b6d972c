"""Column sniffing is bounded (D7): a file of thousands of columns, or a cell of
megabytes, is not run through every value parser whole."""

from __future__ import annotations

import yaml

from linkgraph import schema
from linkgraph.ingest import ingest_file, normalize
from linkgraph.ingest.suggest import suggest_mapping


def _counting_dates(monkeypatch):
    seen: list[int] = []
    real = normalize.date

    def date(value, *args, **kwargs):
        seen.append(len(value))
        return real(value, *args, **kwargs)

    monkeypatch.setattr(normalize, "date", date)
    return seen


def test_a_wide_file_is_sniffed_on_a_bounded_number_of_cells(tmp_path, monkeypatch):
    columns, rows = 2000, 30
    path = tmp_path / "wide.csv"
    lines = ["full_name,phone," + ",".join(f"c{i}" for i in range(columns))]
    lines += [
        f"Person {r},+44 20 7946 {r:04d}," + ",".join(f"v{r}x{i}" for i in range(columns))
        for r in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = _counting_dates(monkeypatch)
    draft = yaml.safe_load(suggest_mapping(path))
    # 62,000 cells; the sniffing looks at 10 of each column's (20,000 in all), and stops
    # at a column's first values that are no dates
    assert 0 < len(seen) <= 20_000
    assert "full_name" in str(draft)
    assert "phone" in str(draft)


def test_a_huge_cell_is_not_sniffed(tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    huge = "Anruf am 2024-01-02; " * 3000  # 63,000 characters, over the cell_too_long limit
    path.write_text(
        f"full_name,phone,note\nAna Popa,+40 721 000 001,{huge}\n"
        "Ion Rusu,+40 721 000 002,2024-01-03\n",
        encoding="utf-8",
    )
    seen = _counting_dates(monkeypatch)
    roles: list[int] = []
    real_role = schema.canonical_role
    monkeypatch.setattr(schema, "canonical_role", lambda v: roles.append(len(v)) or real_role(v))
    case = ingest_file(path, preset="people")
    assert len(case.mentions[case.mentions.type == "person"]) == 2
    assert seen
    assert max(seen) <= 10_000
    assert roles  # the role words looked for in the note column: not in its huge cell
    assert max(roles) <= 10_000


def test_a_wide_table_of_numbers_is_not_looked_up_for_role_words(tmp_path, monkeypatch):
    # 19_5000_cols: `mapping suggest` read every number of every column as a role word
    from linkgraph.ingest import network

    columns, rows = 1000, 30
    path = tmp_path / "wide.csv"
    lines = ["name," + ",".join(f"c{i}" for i in range(columns))]
    lines += [f"Person {r}," + ",".join(str(r) for _ in range(columns)) for r in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    looked_up: list[str] = []
    real = network.canonical_role
    monkeypatch.setattr(network, "canonical_role", lambda v: looked_up.append(v) or real(v))
    suggest_mapping(path)
    assert not [v for v in looked_up if v.isdigit()]
