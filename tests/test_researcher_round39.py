"""What a researcher met on published criminal networks (tester round 39), through the CLI
and the public API: a whitespace edge list's delimiter applied to its comma node list, an
inverted time window replacing a case's metrics, refined communities said nowhere, and
the package's own helpers offered by tab completion.

References: hand-written node lists and their labels/roles, networkx's density."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case

# Six actors of a trafficking ring, as the Mexico data set publishes them: a whitespace edge
# list of ids, and a header-less "id,label" node list whose labels hold spaces.
EDGES = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (4, 5), (1, 5)]
LABELS = ["Explotador 1", "Reclutador 1", "Victima reclutador 1", "Guia 1", "Estafeta 2",
          "Victima 2"]  # fmt: skip


def _run(*args: str, code: int = 0) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == code, out.output
    return out.output


def _mexico_shaped(tmp_path: Path) -> Path:
    (tmp_path / "Data.txt").write_text("".join(f"{a} {b}\n" for a, b in EDGES))
    (tmp_path / "labels.csv").write_text(
        "\ufeff" + "".join(f"{i},{label}\n" for i, label in enumerate(LABELS))
    )
    mapping = tmp_path / "mx.yaml"
    mapping.write_text(
        'format: edgelist\ndelimiter: " "\nheader: false\nnetwork:\n  source: 0\n'
        "  target: 1\n  kind: associate\n  node_type: person\n  directed: false\n"
        "  nodes: labels.csv\n"
    )
    return mapping


def test_the_edge_lists_whitespace_delimiter_does_not_split_a_comma_node_list(tmp_path):
    mapping = _mexico_shaped(tmp_path)
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "Data.txt"), "--mapping", str(mapping), "-o", str(case))
    mentions = Case.read(case).mentions
    # one mention per listed node, named by its whole label (spaces kept)
    assert len(mentions) == len(LABELS)
    assert sorted(mentions["label"]) == sorted(LABELS)
    # the victims named in the labels are marked victims (and so pseudonymised)
    victims = mentions.loc[mentions["role"] == "victim", "label"]
    assert sorted(victims) == ["Victima 2", "Victima reclutador 1"]
    # the network's density is networkx's on the same edges
    out = _run("analyze", str(case), "-q")
    density = nx.density(nx.Graph(EDGES))
    assert f"density {density:.4g}" in out


def test_a_node_list_in_the_edge_lists_own_delimiter_is_read_with_it(tmp_path):
    (tmp_path / "e.csv").write_text("a;b\nb;c\n")
    (tmp_path / "n.csv").write_text("id;name\na;Anna Rossi\nb;Bo Li\nc;Carl Berg\n")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: edgelist\ndelimiter: ';'\nheader: false\nnetwork:\n  source: 0\n"
        "  target: 1\n  node_type: person\n  nodes: n.csv\n"
    )
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "e.csv"), "--mapping", str(mapping), "-o", str(case))
    assert sorted(Case.read(case).mentions["label"]) == ["Anna Rossi", "Bo Li", "Carl Berg"]


def test_an_inverted_window_is_an_error_and_keeps_the_case_metrics(tmp_path):
    src = tmp_path / "calls.csv"
    pd.DataFrame(
        {
            "source": ["A", "B", "C"],
            "target": ["B", "C", "A"],
            "time": ["1994-03-01", "1994-06-01", "1995-02-01"],
        }
    ).to_csv(src, index=False)
    case = tmp_path / "case"
    _run("ingest", str(src), "--preset", "edgelist", "-o", str(case), "-q")
    _run("analyze", str(case), "-q")
    before = Case.read(case).metrics
    out = _run("analyze", str(case), "--since", "1995-01-01", "--until", "1994-01-01", code=1)
    assert "falls after until" in out
    assert "swap the two dates" in out
    pd.testing.assert_frame_equal(Case.read(case).metrics, before)
    with pytest.raises(lg.ConfigError, match="falls after until"):
        lg.AnalyzeConfig(since="1995-01-01", until="1994-01-01")
    assert lg.AnalyzeConfig(since="1994-01-01", until="1994-01-01").since == "1994-01-01"


def test_refined_communities_are_said(tmp_path, shared_datasets):
    # Montagna's meetings: refinement splits a community Leiden formed, which lowers the
    # modularity a reader compares with a paper's; the summary line says so.
    edges = shared_datasets / "montagna_sicilian_mafia" / "data" / "Montagna_meetings_edgelist.csv"
    mapping = tmp_path / "mm.yaml"
    mapping.write_text(
        'format: edgelist\ndelimiter: " "\nheader: false\nnetwork:\n  source: 0\n'
        "  target: 1\n  weight: 2\n  node_type: person\n  combine: last\n  directed: false\n"
    )
    case = tmp_path / "case"
    _run("ingest", str(edges), "--mapping", str(mapping), "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    first = _run("analyze", str(case), "-q").splitlines()[0]
    manifest = json.loads((case / "manifest.json").read_text())
    community = [s for s in manifest["steps"] if "algorithms" in s][-1]["algorithms"]["community"]
    assert community["refined_splits"] >= 1
    assert f"refined: {community['refined_splits']} communit" in first
    assert "--no-refine keeps Leiden's" in first
    first = _run("analyze", str(case), "-q", "--no-refine").splitlines()[0]
    assert "refined" not in first


def test_tab_completion_offers_the_public_names_only():
    names = dir(lg)
    for helper in ("Any", "Callable", "functools", "importlib", "sys", "types", "TYPE_CHECKING"):
        assert helper not in names
    assert set(lg.__all__) <= set(names)
    # the config types the stages take are public, and are the ones the stages use
    from linkgraph.metrics.config import AnalyzeConfig
    from linkgraph.resolve.config import ResolveConfig

    assert lg.AnalyzeConfig is AnalyzeConfig
    assert lg.ResolveConfig is ResolveConfig
