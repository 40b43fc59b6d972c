"""The CAVIAR files in ../shared/datasets/caviar read as they are (counts from its README)."""

from __future__ import annotations

import pytest

from linkgraph.ingest import ingest_file

# phase: (nodes, directed arcs, total calls), from the dataset's README
PHASES = {1: (15, 26, 59), 4: (33, 65, 456), 7: (36, 63, 379), 11: (41, 72, 355)}


@pytest.mark.parametrize("phase", sorted(PHASES))
def test_phase_matrices(shared_datasets, phase):
    path = shared_datasets / "caviar" / "phases_mitx" / f"phase{phase}.csv"
    case = ingest_file(path, preset="matrix")
    nodes, arcs, calls = PHASES[phase]
    assert len(case.mentions) == nodes
    assert len(case.links) == arcs
    assert case.links["weight"].sum() == calls
    assert case.rejects.empty


def test_full_matrix_with_bom(shared_datasets):
    case = ingest_file(shared_datasets / "caviar" / "ucinet_full_matrix" / "morselli_caviar.csv",
                       preset="matrix")  # fmt: skip
    assert (len(case.mentions), len(case.links), case.links["weight"].sum()) == (110, 295, 3546)
    assert "1" in set(case.mentions["name"])  # the BOM is not part of a label


def test_edgelists_match_the_matrix(shared_datasets):
    full = ingest_file(shared_datasets / "caviar" / "caviar_full_edgelist_directed.csv",
                       preset="edgelist")  # fmt: skip
    assert (len(full.mentions), len(full.links), full.links["weight"].sum()) == (110, 295, 3546)
    phases = ingest_file(shared_datasets / "caviar" / "caviar_phases_edgelist_directed.csv",
                         preset="edgelist")  # fmt: skip
    # summed over phases: 3611 calls (the README's known inconsistency with the full matrix)
    assert phases.links["weight"].sum() == 3611
    assert phases.manifest["inputs"][0]["repeated_pairs"] > 0


def test_phases_kept_apart_with_group_by(shared_datasets):
    from dataclasses import replace

    from linkgraph.ingest import load_mapping

    base = load_mapping("edgelist")
    mapping = replace(base, network=replace(base.network, group_by=("phase",), node_prefix=""))
    case = ingest_file(shared_datasets / "caviar" / "caviar_phases_edgelist_directed.csv",
                       mapping=mapping)  # fmt: skip
    assert len(case.links) == 650  # one link per (phase, pair) row
