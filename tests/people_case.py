"""Small people-list cases for tests, built through the CLI as a user builds them."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli


def resolved_people_case(tmp_path: Path, **files: str) -> Path:
    """A case from small CSV files (``name=text``, written as ``tmp_path/name.csv``), each
    ingested with the people preset in the order given, then resolved."""
    case = tmp_path / "case"
    runner = CliRunner()
    for name, text in files.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        done = runner.invoke(
            cli, ["ingest", str(path), "--preset", "people", "-o", str(case), "-q"]
        )
        assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["resolve", str(case)])
    assert done.exit_code == 0, done.output
    return case


def person_mentions(case: Path, *extra: str) -> pd.DataFrame:
    """`linkgraph mentions CASE --type person --csv` (plus ``extra`` options), indexed by
    (source, row)."""
    out = CliRunner().invoke(cli, ["mentions", str(case), "--type", "person", "--csv", *extra])
    assert out.exit_code == 0, out.output
    return pd.read_csv(io.StringIO(out.stdout)).set_index(["source", "row"])


def entity_by_row(case: Path) -> dict[tuple[str, int], str]:
    """(source file name, row) → entity id of each person mention of a resolved case."""
    import linkgraph as lg

    c = lg.Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"].merge(c.resolution, on="mention_id")
    rows = zip(m["source"], m["row"], m["entity_id"], strict=True)
    return {(Path(s).name, int(r)): e for s, r, e in rows}
