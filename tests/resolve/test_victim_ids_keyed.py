"""A victim's entity id is named after her records (so her pseudonym survives a corrected
file), and keyed with the case's own key: the exports name her entity id and its source
file, and a bare hash of a one-name row was reversed by hashing a list of common names
(tester 28). Through the CLI: ingest, resolve, export."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.resolve.overrides import mention_prints

ROWS = "name,role\nIon Rusu,suspect\nMaria Popescu,victim\nAndrei Ciobanu,suspect\n"


def _run(*args: object) -> None:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output


def _exported(tmp: Path, name: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(entities.csv, mentions.csv) of a case built from ROWS through the CLI."""
    data, case, out = tmp / "hotline.csv", tmp / name, tmp / f"{name}_csv"
    data.write_text(ROWS, encoding="utf-8")
    _run("ingest", data, "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("export", case, "-f", "csv", "-o", out)
    with (out / "entities.csv").open(encoding="utf-8-sig") as f:
        entities = list(csv.DictReader(f))
    with (out / "mentions.csv").open(encoding="utf-8-sig") as f:
        mentions = list(csv.DictReader(f))
    return entities, mentions


def _unkeyed_ids(template: dict[str, str], source: str, names: list[str]) -> dict[str, str]:
    """The ids an unkeyed hash of a victim's record would give each candidate name: the
    attack of tester 28, with the row's layout taken from a suspect's raw row."""
    rows = [
        {
            "type": "person",
            "slot": "person",
            "label": n,
            "raw": json.dumps({**template, "name": n, "role": "victim"}, ensure_ascii=False),
        }
        for n in names
    ]
    prints = mention_prints(pd.DataFrame(rows))
    return {
        "e:" + hashlib.sha256(f"victim\x1f{source}\x1f{p}".encode()).hexdigest()[:16]: n
        for n, p in zip(names, prints, strict=True)
    }


def test_a_victims_entity_id_is_not_a_hash_a_list_of_names_reverses(tmp_path):
    entities, mentions = _exported(tmp_path, "a")
    (victim,) = [e for e in entities if e["victim"] == "True"]
    assert "Maria" not in json.dumps(entities) + json.dumps(mentions)
    template = json.loads(next(m["raw"] for m in mentions if m["raw"]))
    source = json.loads(victim["source_rows"])[0].split(":")[0]
    guesses = _unkeyed_ids(template, source, ["Ion Rusu", "Maria Popescu", "Ana Rusu"])
    # the unkeyed hash of her true row: what the export gave before, now nowhere
    assert "Maria Popescu" in guesses.values()
    assert victim["entity_id"] not in guesses
    assert not set(guesses) & {e["entity_id"] for e in entities}
    # keyed by each case's own key: the same files give another id in another case
    again, _ = _exported(tmp_path, "b")
    (other,) = [e for e in again if e["victim"] == "True"]
    assert other["entity_id"] != victim["entity_id"]
    # ... and the part that fixes where it sorts is the same (analysis order unchanged)
    assert other["entity_id"].split("-")[0] == victim["entity_id"].split("-")[0]
