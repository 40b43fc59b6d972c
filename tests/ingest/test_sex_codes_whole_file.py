"""A sex column's one-letter code system (H/M hombre/mujer, M/F, or H, M and F) is decided
once for the whole file, not chunk by chunk (tester 32): an M reads the same way in every
chunk. Through the public API (`ingest_to`, chunks of 1,000 rows), the file as users write
it: a register whose first thousand rows happen to hold only M."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.ingest import Source, ingest_to
from linkgraph.ingest.config import IngestConfig
from linkgraph.model import Case

_MAPPING = (
    "format: csv\nentities:\n  person:\n    type: person\n    fields: {name: Nombre, sex: Sexo}\n"
)


def _sexes(tmp_path: Path, rows: list[tuple[str, str]]) -> dict[str, set[object]]:
    data = tmp_path / "registro.csv"
    data.write_text("Nombre,Sexo\n" + "".join(f"{n},{s}\n" for n, s in rows), encoding="utf-8")
    mapping = tmp_path / "registro.yaml"
    mapping.write_text(_MAPPING, encoding="utf-8")
    with pytest.warns(UserWarning, match="sex in Sexo"):
        ingest_to([Source(data, mapping=mapping)], tmp_path / "case", IngestConfig(chunk_rows=1000))
    m = Case.read(tmp_path / "case").mentions
    groups = m["name"].str.split().str[0]
    return {g: set(m.loc[groups == g, "sex"].fillna("none")) for g in groups.unique()}


def test_h_and_m_read_m_as_female_in_every_chunk(tmp_path: Path) -> None:
    # chunk 1: only M (mujeres); chunk 2: H and M
    rows = [(f"Mujer {i}", "M") for i in range(1000)]
    rows += [(f"Hombre {i}", "H") for i in range(50)] + [(f"Otra {i}", "M") for i in range(50)]
    assert _sexes(tmp_path, rows) == {"Mujer": {"F"}, "Hombre": {"M"}, "Otra": {"F"}}


def test_h_m_and_f_leave_every_chunks_m_unread(tmp_path: Path) -> None:
    # chunk 1: M and F (male and female, it seems); chunk 2 brings H: M is either
    rows = [(f"Eme {i}", "M") for i in range(500)] + [(f"Efe {i}", "F") for i in range(500)]
    rows += [(f"Hache {i}", "H") for i in range(50)] + [(f"Otra {i}", "M") for i in range(50)]
    assert _sexes(tmp_path, rows) == {
        "Eme": {"none"},
        "Efe": {"F"},
        "Hache": {"M"},
        "Otra": {"none"},
    }
