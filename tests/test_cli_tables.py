"""Tables a script can read: --csv / --json of every command that prints a table, the
`mentions` listing, and `explain` with SOURCE:ROW references."""

from __future__ import annotations

import io
import json

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.commands._common import emit_table
from linkgraph.errors import ArgumentValueError
from linkgraph.graph import build_graph
from linkgraph.model import Case
from linkgraph.privacy import is_victim, pseudonym


@pytest.fixture(scope="module")
def case_dir(demo_out):
    return demo_out / "case"


def _run(*args: str) -> str:
    # stdout only: human lines go to stderr when stdout carries data
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def _json(*args: str) -> pd.DataFrame:
    return pd.DataFrame(json.loads(_run(*args, "--json")))


def _csv(*args: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(_run(*args, "--csv")), dtype=str, keep_default_na=False)


@pytest.mark.parametrize("top", [7, 400])
def test_analyze_prints_the_top_actors_of_the_metrics_table(case_dir, top):
    """Highest betweenness first; equal values by degree, most first, then by entity id
    (docs/concepts.md), whether or not the table shows the degree column: every actor
    (top 400) includes the many tied at betweenness 0."""
    table = _json("analyze", str(case_dir), "--top", str(top))
    metrics = Case.read(case_dir).metrics
    actors = metrics[metrics["type"].isin(["person", "organisation"])]
    expected = actors.sort_values(
        ["betweenness_centrality", "degree", "entity_id"], ascending=[False, False, True]
    ).head(top)
    tied = expected[expected["betweenness_centrality"] == 0]
    assert top < 400 or tied["degree"].nunique() > 1  # the tie-break has work to do here
    assert "degree" not in table.columns
    assert table["entity_id"].tolist() == expected["entity_id"].tolist()
    assert table["betweenness_centrality"].tolist() == pytest.approx(
        expected["betweenness_centrality"].tolist()
    )
    assert _csv("analyze", str(case_dir), "--top", str(top))["entity_id"].tolist() == (
        expected["entity_id"].tolist()
    )


def test_analyze_top_0_prints_the_summary_lines_only(case_dir):
    """--top 0 asks for no table: the text names no top actors and --json/--csv print no
    data (the summary goes to stderr), where the Python call, which returns the table,
    takes n of at least 1."""
    result = CliRunner().invoke(cli, ["analyze", str(case_dir), "--top", "0"])
    assert result.exit_code == 0, result.output
    assert "entities," in result.output
    assert "Network (" in result.output
    assert "Top " not in result.output
    assert "(no rows)" not in result.output
    for fmt in ("--json", "--csv"):
        assert _run("analyze", str(case_dir), "--top", "0", fmt) == ""
    with pytest.raises(ArgumentValueError, match="at least 1"):
        lg.top_actors(case_dir, n=0)


def test_ego_lists_the_networkx_ego_graph(case_dir):
    graph = build_graph(Case.read(case_dir))
    center = graph.nodes.index[graph.nodes["type"].eq("person")][0]
    table = _json("ego", str(case_dir), center, "--hops", "2")
    reference = nx.single_source_shortest_path_length(
        graph.to_networkx().to_undirected(), center, 2
    )
    assert dict(zip(table["entity_id"], table["hops"], strict=True)) == reference


def test_path_hops_chain_from_source_to_target(case_dir):
    graph = build_graph(Case.read(case_dir))
    g = graph.to_networkx().to_undirected()
    people = graph.nodes.index[graph.nodes["type"].eq("person")]
    source = people[0]
    target = next(p for p in people[1:] if nx.has_path(g, source, p) and p not in g[source])
    table = _json("path", str(case_dir), source, target, "-k", "2", "--show-victims")
    first = table[table["path"] == 1]
    assert len(first) == nx.shortest_path_length(g, source, target)
    labels = graph.nodes["label"]
    assert first["src_label"].iloc[0] == labels[source]
    assert first["dst_label"].iloc[-1] == labels[target]
    assert first["dst_label"].iloc[:-1].tolist() == first["src_label"].iloc[1:].tolist()


def test_keyplayers_csv_is_the_curve_written_to_the_case(case_dir):
    table = _csv("keyplayers", str(case_dir), "-k", "3")
    written = pd.read_csv(case_dir / "keyplayers.csv", dtype=str, keep_default_na=False)
    assert table["removed"].tolist() == written["removed"].tolist()
    assert table["label"].tolist() == written["label"].tolist()
    assert len(table) == 4  # the network before any removal, then one row per removal


def test_evaluate_json_is_the_api_result(case_dir, sample_data):
    truth = sample_data / "truth" / "mentions.csv"
    (record,) = json.loads(_run("evaluate", str(case_dir), str(truth), "--json"))
    expected = lg.evaluate(Case.read(case_dir), pd.read_csv(truth, dtype=str))
    assert record == pytest.approx(expected)


def test_review_prints_the_pairs_without_writing_a_file(case_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = _csv("review", str(case_dir), "-n", "15")
    assert len(table) == 15
    assert {"left", "right", "label"} <= set(table.columns)
    assert not (tmp_path / "review.csv").exists()
    _run("review", str(case_dir), "-n", "5", "-o", "r.csv")
    assert len(pd.read_csv(tmp_path / "r.csv")) == 5


def test_mentions_search_and_victims_are_pseudonymised(case_dir):
    case = Case.read(case_dir)
    table = _json("mentions", str(case_dir))
    assert len(table) == len(case.mentions)
    assert set(table["mention_id"]) == set(case.mentions["mention_id"])

    m = case.mentions.merge(case.resolution, on="mention_id")
    victims = set(m.loc[m["role"].map(is_victim), "entity_id"])
    victim = m[m["entity_id"].isin(victims) & m["type"].eq("person")].iloc[0]
    shown = table.set_index("mention_id").loc[victim["mention_id"]]
    assert shown["label"] == pseudonym(victim["entity_id"], case.pseudonym_key)
    assert shown["source"] == victim["source"]
    assert int(shown["row"]) == int(victim["row"])
    hidden = _json("mentions", str(case_dir), "--search", victim["label"])
    assert victim["mention_id"] not in set(hidden.get("mention_id", []))
    found = _json("mentions", str(case_dir), "--search", victim["label"], "--show-victims")
    assert victim["mention_id"] in set(found["mention_id"])

    others = m[~m["entity_id"].isin(victims) & m["type"].eq("person")]
    word = str(others["family_name"].dropna().iloc[0])
    searched = _csv("mentions", str(case_dir), "--search", word)
    contains = case.mentions[
        case.mentions[["mention_id", "label", "source"]]
        .astype(str)
        .agg(" ".join, axis=1)
        .str.contains(word, case=False, regex=False)
    ]
    shown_ids = set(searched["mention_id"])
    assert shown_ids <= set(contains["mention_id"])
    assert shown_ids >= set(contains["mention_id"]) - set(
        m.loc[m["entity_id"].isin(victims), "mention_id"]
    )


def test_mentions_search_that_finds_nothing_says_victims_go_by_pseudonym(case_dir):
    """As `path` and `ego` say it: a search for a victim's name finds nothing without
    --show-victims and says how to find her; a text that is no one's name gets the same
    sentence, so it never tells whether a text is a victim's name."""
    case = Case.read(case_dir)
    m = case.mentions.merge(case.resolution, on="mention_id")
    victims = set(m.loc[m["role"].map(is_victim), "entity_id"])
    name = str(m.loc[m["entity_id"].isin(victims) & m["type"].eq("person"), "label"].iloc[0])
    hint = "victims are listed under their pseudonyms, not their names (--show-victims"
    hidden = _run("mentions", str(case_dir), "--search", name)
    assert hidden.splitlines()[0] == f"0 mention(s); {hint} finds a victim by her name)"
    nobody = _run("mentions", str(case_dir), "--search", "zz-no-such-name-zz")
    assert nobody.splitlines()[0] == hidden.splitlines()[0]
    shown = _run("mentions", str(case_dir), "--search", name, "--show-victims")
    assert hint not in shown
    assert not shown.startswith("0 mention(s)")


def test_explain_takes_source_row_references(case_dir):
    case = Case.read(case_dir)
    evidence = case.evidence[case.evidence["type"] == "person"]
    pair = evidence[evidence["decision"] == "match"].iloc[0]
    mentions = case.mentions.set_index("mention_id")
    left = mentions.loc[pair["left"]]
    ref = f"{left['source']}:{int(left['row'])}:{left['slot']}"
    table = _json("explain", str(case_dir), ref, pair["right"])
    assert set(table["left"]) == {pair["left"]}
    assert set(table["decision"]) == {"match"}
    fields = json.loads(pair["fields"])
    # every compared field, those missing on a side (written null) too, and the prior
    compared = {k for k, v in fields.items() if isinstance(v, dict | None)}
    assert set(table["field"]) == compared | {"prior"}
    text = _run("explain", str(case_dir), ref, pair["right"])
    assert pair["left"] in text

    row_mentions = case.mentions[
        case.mentions["source"].eq(left["source"]) & case.mentions["row"].eq(left["row"])
    ]
    if (row_mentions["type"] == "person").sum() == 1:
        short = f"{left['source']}:{int(left['row'])}"
        assert set(_json("explain", str(case_dir), short, pair["right"])["left"]) == {pair["left"]}
    bad = CliRunner().invoke(cli, ["explain", str(case_dir), "nope.csv:3", pair["right"]])
    assert bad.exit_code == 1
    assert "no source 'nope.csv'" in bad.output


def test_csv_output_cannot_trigger_formulas(capsys):
    emit_table(pd.DataFrame({"label": ["=HYPERLINK(1)", "Ana"], "n": [-1, 2]}), "csv")
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame["label"].tolist() == ["'=HYPERLINK(1)", "Ana"]
    assert frame["n"].tolist() == [-1, 2]


def test_csv_and_json_together_is_a_usage_error(case_dir):
    result = CliRunner().invoke(cli, ["analyze", str(case_dir), "--csv", "--json"])
    assert result.exit_code == 2


def _giant_cell_file(tmp_path):
    """A CSV whose second name is 10,029 characters (cut to 10,000 at ingest), and a mapping."""
    src = tmp_path / "giant.csv"
    src.write_text(
        "name,phone\nAna Pop,+40721000400\n" + "X" * 10_029 + ",+40721000401\n", encoding="utf-8"
    )
    mapping = tmp_path / "giant.yaml"
    mapping.write_text(
        "entities:\n  person: {type: person, fields: {name: name}}\n"
        "  phone: {type: phone, fields: {phone: phone}}\n"
        "links:\n- {kind: uses_phone, src: person, dst: phone}\n",
        encoding="utf-8",
    )
    return src, mapping


def test_preview_tables_cut_long_cells_and_json_keeps_them_whole(tmp_path):
    src, mapping = _giant_cell_file(tmp_path)
    text = _run("mapping", "preview", str(src), "--mapping", str(mapping))
    rows = [line for line in text.splitlines() if not line.startswith("warning:")]
    assert max(len(line) for line in rows) < 120  # was 10,000 wide
    assert "X" * 59 + "…" in text
    assert "X" * 60 not in text
    assert "Ana Pop" in text
    whole = json.loads(_run("mapping", "preview", str(src), "--mapping", str(mapping), "--json"))
    labels = [m["label"] for m in whole["mentions"]]
    assert "X" * 10_000 in labels


def test_emit_table_cuts_long_cells_in_text_only(capsys):
    frame = pd.DataFrame({"label": ["Y" * 500, "Ana"], "n": [1, 2]})
    emit_table(frame, "text")
    text = capsys.readouterr().out
    assert max(len(line) for line in text.splitlines()) < 80
    assert "Y" * 59 + "…" in text
    emit_table(frame, "csv")
    assert pd.read_csv(io.StringIO(capsys.readouterr().out))["label"][0] == "Y" * 500
