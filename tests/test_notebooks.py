"""Every notebook in notebooks/ executes top to bottom without error."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_EXECUTED_BYTES = 2_500_000


#: Each notebook runs in its own folder, as Jupyter starts it; the one that reads files
#: beside it (tip.yaml) also from the repository's root, as a script run there does.
RUNS = [(p, p.parent) for p in NOTEBOOKS] + [(p, ROOT) for p in NOTEBOOKS if p.stem == "routes_tip"]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "where"), RUNS, ids=[f"{p.name}-from-{w.name}" for p, w in RUNS])
def test_notebook_executes(path, where, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("LINKGRAPH_NOTEBOOK_OUT", str(tmp_path))
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(where)}}
    )
    client.execute()
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    assert len(NOTEBOOKS) >= 1
    # Saved with its outputs, a notebook stays small enough to share and to diff: the map
    # is stored once (as HTML), never a second time as a text repr.
    size = len(nbformat.writes(notebook).encode("utf-8"))
    assert size < MAX_EXECUTED_BYTES, f"{path.name} is {size / 1e6:.2f} MB once executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_valid_and_uses_only_the_public_api(path):
    """Every cell has an ``id`` (nbformat 4.5: validation warns of a cell without one and
    will refuse it), and the code imports nothing from linkgraph's modules: what a
    notebook shows, ``import linkgraph as lg`` offers (``lg.key_players``, ...)."""
    import json
    import re

    nbformat = pytest.importorskip("nbformat")
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = [i for i, cell in enumerate(data["cells"]) if "id" not in cell]
    assert not missing, f"cells without id: {missing}"
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))
    private = [
        line
        for cell in data["cells"]
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if re.match(r"\s*(from|import)\s+linkgraph\.", line)
    ]
    assert not private, f"imports from linkgraph's modules: {private}"
