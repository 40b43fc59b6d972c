"""The Python API as a notebook uses it (tester t45): wrong argument types and values are
``ArgumentTypeError`` / ``ArgumentValueError`` with a did-you-mean, a ``run_pipeline``
result is taken where its case is meant, warnings point at the user's line, the
whole-network statistics are ``case.graph_statistics`` with counts as ints, the analyze
config takes the CLI's ``inverse-weight``, and the key-player curve is ``lg.key_players``.
Expected values are worked out by hand on small networks."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import linkgraph as lg
from linkgraph.errors import ArgumentTypeError, ArgumentValueError
from linkgraph.pipeline import PipelineResult

#: a triangle a-b-c and a pair d-e: 5 nodes, 4 ties, 2 components, the largest of 3
TWO_PARTS = "source,target\na,b\nb,c\nc,a\nd,e\n"
#: a star around s (a, b, c) with a tail c-d: s lies between every other pair but c-d
STAR = "source,target\ns,a\ns,b\ns,c\nc,d\n"


def _analysed(tmp_path: Path, text: str, config: dict | None = None) -> lg.Case:
    path = tmp_path / "net.csv"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = lg.resolve(lg.ingest([lg.Source(path, preset="edgelist")]))
        return lg.analyze(case, config)


def test_resolve_of_a_number_is_an_argument_type_error():
    with pytest.raises(ArgumentTypeError) as err:
        lg.resolve(42)
    assert isinstance(err.value, lg.LinkgraphError)
    assert isinstance(err.value, TypeError)
    assert "resolve() takes a Case or the path of a case folder, not int" in err.value.message


def test_a_pipeline_result_is_taken_where_its_case_is_meant(tmp_path):
    case = _analysed(tmp_path, STAR)
    result = PipelineResult(case=case, graph=lg.build_graph(case), case_dir=tmp_path,
                            map_path=tmp_path / "map.html")  # fmt: skip
    top = lg.top_actors(result, n=1, types=None)
    assert top["label"].tolist() == ["s"]


def test_top_actors_by_a_misspelt_measure_says_which_was_meant(tmp_path):
    case = _analysed(tmp_path, STAR)
    with pytest.raises(ArgumentValueError) as err:
        lg.top_actors(case, by="betweeness")
    assert err.value.key == "by"
    assert "did you mean 'betweenness_centrality'?" in str(err.value.hint)


def test_stability_draws_0_is_an_argument_value_error(tmp_path):
    case = _analysed(tmp_path, STAR)
    with pytest.raises(ArgumentValueError) as err:
        lg.stability(case, draws=0)
    assert err.value.key == "draws"
    with pytest.raises(ArgumentTypeError) as err:
        lg.stability(case, drawz=5)
    assert "did you mean 'draws'?" in str(err.value.hint)


def test_warnings_point_at_the_callers_line(tmp_path):
    path = tmp_path / "net.csv"
    path.write_text(STAR, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        case = lg.ingest([lg.Source(path, preset="edgelist")])  # no victim marked
        lg.analyze(case)  # not resolved
    kinds = {w.category.__name__ for w in caught}
    assert {"IngestWarning", "CaseWarning"} <= kinds
    assert {w.filename for w in caught} == {__file__}


def test_graph_statistics_are_the_cases_with_counts_as_ints(tmp_path):
    stats = _analysed(tmp_path, TWO_PARTS).graph_statistics
    assert stats is not None
    counts = {k: stats[k] for k in ("nodes", "edges", "components", "largest_component")}
    assert counts == {"nodes": 5, "edges": 4, "components": 2, "largest_component": 3}
    assert all(type(v) is int for v in counts.values())
    assert stats["density"] == pytest.approx(4 / 10)
    assert stats["transitivity"] == pytest.approx(1.0)  # the only connected triple closes
    assert stats["basis"] == "undirected, distances in hops"


def test_graph_statistics_is_none_before_analyze():
    assert lg.Case().graph_statistics is None


@pytest.mark.parametrize("spelling", ["inverse-weight", "inverse_weight"])
def test_the_analyze_config_takes_both_spellings_of_inverse_weight(tmp_path, spelling):
    for config in (lg.AnalyzeConfig(distance=spelling), {"distance": spelling}):
        stats = _analysed(tmp_path, TWO_PARTS, config).graph_statistics
        assert stats["basis"] == "undirected, distances 1/weight"


def test_an_unknown_distance_is_refused_not_run_as_hops():
    with pytest.raises(lg.ConfigError, match="hopz"):
        lg.AnalyzeConfig(distance="hopz")


def test_key_players_removes_the_hub_and_the_star_falls_apart(tmp_path):
    curve = lg.key_players(_analysed(tmp_path, STAR), by="betweenness", k=1)
    assert curve["label"].tolist()[1] == "s"
    # without s: {a}, {b}, {c, d}: 3 components, the largest 2 of the 5 before
    assert curve["components"].tolist() == [1, 3]
    assert curve["lcc_fraction"].tolist() == pytest.approx([1.0, 2 / 5])


def test_key_players_by_a_misspelt_strategy_says_which_was_meant(tmp_path):
    with pytest.raises(ArgumentValueError) as err:
        lg.key_players(_analysed(tmp_path, STAR), by="betweeness")
    assert "did you mean 'betweenness'?" in str(err.value.hint)


def test_resolves_warnings_point_at_the_callers_line(tmp_path):
    """A warning resolve gives (here: a block above resolve.block_cap) names the user's
    line, not linkgraph's."""
    path = tmp_path / "people.csv"
    rows = [f"John Smith,+44 7911 1234{n:02d},1980-01-{n + 1:02d}" for n in range(8)]
    path.write_text("name,phone,dob\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        case = lg.ingest([lg.Source(path, preset="people")])
        lg.resolve(case, lg.ResolveConfig(block_cap=2, block_window=2))
    capped = [w for w in caught if "resolve.block_cap" in str(w.message)]
    assert capped, [str(w.message) for w in caught]
    assert {w.filename for w in capped} == {__file__}
