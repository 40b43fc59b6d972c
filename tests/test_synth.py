"""The synthetic case generator, the people table and the committed sample case."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import phonenumbers
import pytest
from click.testing import CliRunner
from sklearn.metrics import adjusted_rand_score

from linkgraph.cli import cli
from linkgraph.ingest.mapping import load_mapping
from linkgraph.synth import (
    PEOPLE_COLUMNS,
    SOURCES,
    case_files,
    generate_case,
    people_table,
    write_case,
    write_people_csv,
)
from linkgraph.text import fold

SAMPLE_COMMAND = {"people": 300, "seed": 7}  # as documented in sample_data/README.md

COLUMNS = {
    "arrests.csv": [
        "arrest_id",
        "arrest_date",
        "arrest_time",
        "place",
        "surname",
        "first_name",
        "date_of_birth",
        "sex",
        "nationality",
        "status",
        "phones",
        "id_document",
        "offence",
    ],
    "hotline.xlsx": [
        "report_no",
        "received",
        "channel",
        "caller_name",
        "caller_relation",
        "caller_phone",
        "victim_name",
        "victim_age",
        "victim_phone",
        "suspect_name",
        "suspect_alias",
        "suspect_phones",
        "location",
        "summary",
    ],
    "transactions.csv": [
        "txn_id",
        "value_date",
        "from_iban",
        "from_holder",
        "from_company",
        "to_iban",
        "to_holder",
        "to_company",
        "amount",
        "currency",
        "reference",
    ],
    "cdr.csv": [
        "call_id",
        "start_time",
        "caller",
        "callee",
        "duration_s",
        "type",
        "cell_id",
        "caller_subscriber",
        "callee_subscriber",
    ],
    "ads.jsonl": [
        "ad_id",
        "site",
        "posted",
        "title",
        "text",
        "city",
        "phones",
        "email",
        "handle",
        "price",
    ],
}

#: The column(s) holding each person slot's name.
NAME_COLUMNS = {
    ("arrests.csv", "person"): ["first_name", "surname"],
    ("hotline.xlsx", "caller"): ["caller_name"],
    ("hotline.xlsx", "victim"): ["victim_name"],
    ("hotline.xlsx", "suspect"): ["suspect_name"],
    ("transactions.csv", "payer"): ["from_holder"],
    ("transactions.csv", "payee"): ["to_holder"],
    ("cdr.csv", "caller_subscriber"): ["caller_subscriber"],
    ("cdr.csv", "callee_subscriber"): ["callee_subscriber"],
}


def _read(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    if name.endswith(".xlsx"):
        return pd.read_excel(path, sheet_name="Reports", dtype=str).fillna("")
    if name.endswith(".jsonl"):
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, object]:
    case = generate_case(150, seed=3)
    folder = tmp_path_factory.mktemp("synth")
    write_case(case, folder)
    return folder, case


def test_same_seed_same_bytes_and_other_seed_differs():
    a = case_files(generate_case(120, seed=3))
    b = case_files(generate_case(120, seed=3))
    c = case_files(generate_case(120, seed=4))
    assert a == b
    for name in SOURCES:
        assert a[name] != c[name], name


def test_every_file_reads_with_the_documented_columns(small):
    folder, _ = small
    for name, columns in COLUMNS.items():
        df = _read(folder, name)
        assert len(df) > 0, name
        if name == "ads.jsonl":  # scrapers omit empty keys
            assert set(df.columns) <= set(columns)
            assert {"ad_id", "posted", "phones"} <= set(df.columns)
        else:
            assert list(df.columns) == columns, name
    for name in ("mentions", "people", "key_players"):
        assert len(pd.read_csv(folder / "truth" / f"{name}.csv")) > 0
    assert list(pd.read_csv(folder / "truth" / "mentions.csv").columns) == [
        "source",
        "row",
        "slot",
        "item",
        "person_id",
    ]


def test_mappings_and_pipeline_load(small):
    from linkgraph.config import load_config

    folder, _ = small
    config = load_config(folder / "pipeline.yaml")
    assert [s.path for s in config.sources] == list(SOURCES)
    for source in config.sources:
        mapping = load_mapping(config.resolve_path(source.mapping))
        columns = set(_read(folder, source.path).columns) | set(COLUMNS[source.path])
        assert mapping.columns() <= columns, source.path
    person_slots = {
        (s.path, e.slot)
        for s in config.sources
        for e in load_mapping(config.resolve_path(s.mapping)).entities
        if e.type == "person"
    }
    assert person_slots == set(NAME_COLUMNS)


def test_truth_mentions_point_at_named_rows(small):
    folder, _case = small
    truth = pd.read_csv(folder / "truth" / "mentions.csv")
    people = pd.read_csv(folder / "truth" / "people.csv", keep_default_na=False)
    assert set(truth["person_id"]) <= set(people["person_id"])
    assert (truth["item"] == 0).all()
    assert not truth.duplicated(["source", "row", "slot", "item"]).any()
    for source, group in truth.groupby("source"):
        df = _read(folder, source)
        assert group["row"].between(1, len(df)).all(), source
        for slot, rows in group.groupby("slot"):
            cols = NAME_COLUMNS[(source, slot)]
            values = df.iloc[rows["row"].to_numpy() - 1][cols].astype(str).agg("".join, axis=1)
            assert (values.str.strip() != "").all(), (source, slot)
    # every non-empty person cell is in the truth (nothing unlabelled)
    for (source, slot), cols in NAME_COLUMNS.items():
        df = _read(folder, source)
        filled = df[cols].astype(str).agg("".join, axis=1).str.strip() != ""
        labelled = truth[(truth["source"] == source) & (truth["slot"] == slot)]
        assert filled.sum() == len(labelled), (source, slot)
    key = pd.read_csv(folder / "truth" / "key_players.csv")
    assert 3 <= len(key) <= 5
    assert (key["cell"].fillna("") != "").all()
    cells = people.loc[people["role"] != "uninvolved", "cell"]
    assert (cells != "").all(), "every operation member and victim has a cell"
    assert 4 <= cells.nunique() <= 6


def test_names_carry_realistic_noise(small):
    folder, case = small
    truth = case.mentions
    canonical = case.people.set_index("person_id")["name"].map(fold)
    raw = []
    frames = {s: _read(folder, s) for s in SOURCES}
    for rec in truth.itertuples():
        cols = NAME_COLUMNS[(rec.source, rec.slot)]
        raw.append(" ".join(str(frames[rec.source].iloc[rec.row - 1][c]) for c in cols))
    raw_s = pd.Series(raw)
    differs = raw_s.map(lambda s: " ".join(sorted(fold(s).split()))) != truth["person_id"].map(
        canonical
    ).map(lambda s: " ".join(sorted(s.split())))
    assert 0.15 <= differs.mean() <= 0.6, differs.mean()
    assert raw_s.str.contains(r"[А-Яа-яЄєІіЇїЂђЋћЈј]").mean() > 0.05  # Cyrillic spellings
    assert raw_s.str.contains(r"^[^,]+, ").mean() > 0.05  # "FAMILY, Given"
    arrests = frames["arrests.csv"]
    assert arrests["date_of_birth"].str.match(r"^\d\d\.\d\d\.\d{4}$|^$").all()
    assert frames["transactions.csv"]["value_date"].str.match(r"^\d\d/\d\d/\d{4}$").all()
    ads = frames["ads.jsonl"]
    assert ads["text"].str.contains("<script>").sum() == 1  # one hostile ad, as scraped


def test_every_phone_is_valid_and_formats_vary(small):
    folder, _ = small
    values = []
    for col in ("caller", "callee"):
        values += _read(folder, "cdr.csv")[col].tolist()
    for cell in _read(folder, "arrests.csv")["phones"]:
        values += [v for v in cell.split(";") if v.strip()]
    for phones in _read(folder, "ads.jsonl")["phones"]:
        values += phones
    regions = {"00": None}
    for v in values:
        v = v.strip()
        text = "+" + v[2:] if v.startswith("00") else v
        parsed = phonenumbers.parse(text, "DE" if not text.startswith("+") else regions["00"])
        assert phonenumbers.is_valid_number(parsed), v
    assert any(v.startswith("00") for v in values)
    assert any(" " in v for v in values)


def test_ibans_have_valid_check_digits(small):
    folder, _ = small
    tx = _read(folder, "transactions.csv")
    for value in pd.concat([tx["from_iban"], tx["to_iban"]]).unique():
        iban = value.replace(" ", "")
        digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
        assert int(digits) % 97 == 1, value


def _truth_graph(case) -> tuple[ig.Graph, dict[str, int]]:
    mentioned = set("person:" + case.mentions["person_id"])
    nodes = sorted(set(case.edges["src"]) | set(case.edges["dst"]) | mentioned)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {
        tuple(sorted((index[a], index[b])))
        for a, b in zip(case.edges["src"], case.edges["dst"], strict=True)
        if a != b
    }
    graph = ig.Graph(n=len(nodes), edges=sorted(pairs))
    graph.vs["name"] = nodes
    return graph, index


@pytest.mark.parametrize("seed", [7, 11, 12])
def test_true_graph_recovers_cells_and_key_players(seed):
    case = generate_case(300, seed=seed)
    graph, index = _truth_graph(case)
    random.seed(seed)
    membership = np.array(
        graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
    )
    people = case.people[(case.people["cell"] != "")]
    people = people[("person:" + people["person_id"]).isin(index)]
    found = membership[[index["person:" + p] for p in people["person_id"]]]
    assert adjusted_rand_score(people["cell"], found) >= 0.8
    betweenness = np.array(graph.betweenness(directed=False))
    actors = [i for i, n in enumerate(graph.vs["name"]) if n.startswith(("person:", "organ"))]
    top = sorted(actors, key=lambda i: (-betweenness[i], graph.vs[i]["name"]))[:10]
    top_ids = {graph.vs[i]["name"].split(":", 1)[1] for i in top}
    assert set(case.key_players["person_id"]) <= top_ids


def test_people_table_sizes_columns_and_duplicates():
    df = people_table(10_000, seed=5)
    assert list(df.columns) == list(PEOPLE_COLUMNS)
    assert len(df) == 10_000
    assert df["record_id"].is_unique
    assert df["true_id"].nunique() == 7_000
    again = people_table(10_000, seed=5)
    pd.testing.assert_frame_equal(df, again)
    assert not df.equals(people_table(10_000, seed=6))
    none = people_table(500, seed=1, duplicate_rate=0.0)
    assert none["true_id"].is_unique
    # noise: duplicates differ from their originals in names, dates and phones
    dup = df[df.duplicated("true_id", keep=False)].sort_values(["true_id", "record_id"])
    first = dup.groupby("true_id").nth(0).set_index("true_id")
    second = dup.groupby("true_id").nth(1).set_index("true_id")
    for col in ("full_name", "dob", "phone"):
        same = (first[col] == second[col]).fillna(False).mean()
        assert 0.1 < same < 0.9, (col, same)
    assert df["full_name"].str.contains(r"[А-Яа-я]", na=False).any()
    assert df["dob"].str.match(r"^\d\d\.\d\d\.\d{4}$", na=False).any()
    # realistic skew: the commonest surname is far commoner than the median one
    counts = df["family_name"].value_counts()
    assert counts.iloc[0] > 20 * counts.median()


def test_write_people_csv(tmp_path):
    path = write_people_csv(tmp_path / "people.csv", 300, seed=2)
    back = pd.read_csv(path, dtype=str)
    assert len(back) == 300
    assert list(back.columns) == list(PEOPLE_COLUMNS)


def test_synth_command_writes_a_case(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["synth", "--people", "100", "--seed", "1", "-o", str(tmp_path / "c")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "5 key players" in result.output
    assert (tmp_path / "c" / "pipeline.yaml").is_file()
    assert (tmp_path / "c" / "truth" / "mentions.csv").is_file()


def _cells(workbook: Path | bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet of an XLSX file (a path or its bytes) as lists of cell values."""
    import io

    import openpyxl

    src = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    book = openpyxl.load_workbook(src, read_only=True, data_only=False)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def test_committed_sample_is_what_the_documented_command_makes(sample_data, tmp_path):
    readme = (sample_data / "README.md").read_text(encoding="utf-8")
    match = re.search(r"linkgraph synth --people (\d+) --seed (\d+) -o sample_data", readme)
    assert match is not None, "sample_data/README.md must show the command that made it"
    assert {"people": int(match[1]), "seed": int(match[2])} == SAMPLE_COMMAND
    expected = case_files(generate_case(**SAMPLE_COMMAND))
    for rel, data in expected.items():
        if rel.endswith(".xlsx"):
            # The workbook's XML is serialised differently with and without lxml installed:
            # compare what a reader sees, every sheet and cell.
            assert _cells(sample_data / rel) == _cells(data), f"sample_data/{rel} is stale"
        else:
            assert (sample_data / rel).read_bytes() == data, f"sample_data/{rel} is stale"
    assert sum(p.stat().st_size for p in sample_data.rglob("*") if p.is_file()) < 1_000_000


def test_sample_jsonl_lines_are_objects(sample_data):
    for line in (sample_data / "ads.jsonl").read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line)["phones"], list)
