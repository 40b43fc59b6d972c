"""Every number linkgraph prints is reproducible: analyze, render and report run twice on
copies of one case give the same tables and files, whatever Python's hash seed.

The case is degenerate on purpose: many identical components (directed pairs, 3-cycles,
stars, person + phone pairs), where eigen-solvers and community detection can pick
among equal answers. Only time stamps and measured durations may differ, and they are
in the manifest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli

# Manifest fields that carry the time of a run or measure it; nothing else may differ.
_TIME_FIELDS = {"created", "updated", "at", "seconds", "cpu_seconds", "peak_mib"}
_TABLES = ("metrics.parquet", "communities.parquet", "key_players.parquet")


def _edges_csv() -> str:
    """Directed links in many components of the same shapes: 40 pairs, 20 weighted
    3-cycles, 10 stars of 5 (several components share the largest eigenvalue)."""
    rows = ["source,target,weight"]
    rows += [f"a{i:02d},b{i:02d},1" for i in range(40)]
    for i in range(20):
        rows += [f"c{i:02d}x,c{i:02d}y,2", f"c{i:02d}y,c{i:02d}z,2", f"c{i:02d}z,c{i:02d}x,2"]
    rows += [f"hub{i},leaf{i}_{j},1" for i in range(10) for j in range(5)]
    return "\n".join(rows) + "\n"


def _people_csv() -> str:
    """60 people each with a phone of their own, and 4 phones each shared by 4 people."""
    rows = ["record_id,full_name,phone"]
    rows += [f"p{i},Person{i:03d} Pairson,+38050120{i:04d}" for i in range(60)]
    rows += [f"s{s}_{j},Star{s}x{j} Hubert,+38067000{s:04d}" for s in range(4) for j in range(4)]
    return "\n".join(rows) + "\n"


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def _resolved_case(root: Path) -> Path:
    (root / "edges.csv").write_text(_edges_csv(), encoding="utf-8")
    (root / "people.csv").write_text(_people_csv(), encoding="utf-8")
    case = root / "resolved"
    _run("ingest", str(root / "edges.csv"), "--preset", "edgelist", "-o", str(case), "-q")
    _run("ingest", str(root / "people.csv"), "--preset", "people", "--region", "UA", "-o",
         str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    return case


def _linkgraph(cwd: Path, *args: str, hash_seed: str) -> None:
    """Run the CLI in a fresh interpreter with PYTHONHASHSEED=hash_seed, from cwd."""
    here = str(Path(linkgraph.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-m", "linkgraph", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def _without_time(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_time(v) for k, v in value.items() if k not in _TIME_FIELDS}
    if isinstance(value, list):
        return [_without_time(v) for v in value]
    return value


def _assert_same_case(left: Path, right: Path) -> None:
    for name in _TABLES:
        a, b = pd.read_parquet(left / name), pd.read_parquet(right / name)
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)
        assert (left / name).read_bytes() == (right / name).read_bytes(), name
    manifests = [json.loads((d / "manifest.json").read_text("utf-8")) for d in (left, right)]
    assert _without_time(manifests[0]) == _without_time(manifests[1])


def test_analyze_render_and_report_twice_give_the_same_bytes(tmp_path):
    resolved = _resolved_case(tmp_path)
    runs = {seed: tmp_path / f"run{seed}" for seed in ("1", "2", "3")}
    for seed, run in runs.items():
        run.mkdir()
        shutil.copytree(resolved, run / "case")
        _linkgraph(run, "analyze", "case", "-q", hash_seed=seed)
    # the 20 equal 3-cycles share the largest eigenvalue: each gets the same, positive
    # hub score (the canonical mix), where a solver's arbitrary mix would weight them apart
    metrics = pd.read_parquet(runs["1"] / "case" / "metrics.parquet")
    cycles = metrics[metrics["label"].str.fullmatch(r"c\d\d[xyz]")]
    assert len(cycles) == 60
    assert cycles["hub"].nunique() == 1
    assert cycles["hub"].iloc[0] > 0
    _assert_same_case(runs["1"] / "case", runs["2"] / "case")
    _assert_same_case(runs["1"] / "case", runs["3"] / "case")

    outputs = {}
    for seed in ("1", "2"):
        # the report names the case folder and its parent: the same names in both runs
        out = tmp_path / f"out{seed}" / "work"
        out.mkdir(parents=True)
        shutil.copytree(runs["1"] / "case", out / "case")
        _linkgraph(out, "render", "case", "-o", "map.html", "-q", hash_seed=seed)
        _linkgraph(out, "report", "case", "-o", "report.html", hash_seed=seed)
        outputs[seed] = out
    for name in ("map.html", "report.html"):
        assert (outputs["1"] / name).read_bytes() == (outputs["2"] / name).read_bytes(), name


# -- two cases built from the same files: each has its own random pseudonym key ----------


def _victims_csv() -> str:
    """12 victims, each with a phone of her own that one of 4 recruiters also calls from."""
    rows = ["record_id,full_name,role,phone"]
    for i in range(12):
        rows.append(f"v{i},Vic{i:02d} Tima,victim,+3805011{i:05d}")
        rows.append(f"r{i},Rec{i % 4} Ruiter,suspect,+3805011{i:05d}")
    rows += [f"x{i},Other{i:02d} Person,,+3806700{i:05d}" for i in range(20)]
    return "\n".join(rows) + "\n"


def _calls_csv() -> str:
    """Calls between the victims' phones and the others' (each victim's phone is in them)."""
    rows = ["caller,callee,start_time,duration"]
    for i in range(12):
        for j in range(i % 5 + 1):
            rows.append(f"+3805011{i:05d},+3806700{(i + j) % 20:05d},2024-01-0{j + 1} 10:00,60")
    return "\n".join(rows) + "\n"


def test_two_cases_of_the_same_files_give_the_same_analysis(tmp_path):
    """A victim and her phone are named with the case's own random key (their pseudonyms
    must not be recomputable), yet its place among the entities, and so the analysis, must not
    depend on the key: the metrics in the same order and the stability check's
    perturbed rankings the same, in two case folders made from the same files."""
    (tmp_path / "people.csv").write_text(_victims_csv(), encoding="utf-8")
    (tmp_path / "calls.csv").write_text(_calls_csv(), encoding="utf-8")
    stability = {}
    for name in ("one", "two"):
        case = tmp_path / name
        _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "--region", "UA",
             "-o", str(case), "-q")  # fmt: skip
        _run("ingest", str(tmp_path / "calls.csv"), "--preset", "cdr", "-o", str(case), "-q")
        _run("resolve", str(case), "-q")
        _run("analyze", str(case), "-q")
        out = CliRunner().invoke(cli, ["stability", str(case), "--draws", "30", "--json"])
        assert out.exit_code == 0, out.output
        stability[name] = json.loads(out.stdout)
    one, two = (pd.read_parquet(tmp_path / n / "metrics.parquet") for n in ("one", "two"))
    keyed = one["entity_id"].str.contains("-", regex=False)
    # the victims and their phones: keyed ids, another in each case
    assert (keyed == one["label"].str.startswith("Victim-")).all()
    assert (keyed & one["type"].eq("phone")).sum() == 12
    assert (keyed & one["type"].eq("person")).sum() >= 11
    assert not (one.loc[keyed, "entity_id"] == two.loc[keyed, "entity_id"]).any()
    assert (one.loc[~keyed, "entity_id"] == two.loc[~keyed, "entity_id"]).all()
    shown = ["type", "degree", "betweenness_centrality", "pagerank", "community"]
    pd.testing.assert_frame_equal(one[shown], two[shown])
    for row in (*stability["one"], *stability["two"]):
        row.pop("entity_id"), row.pop("label")
    assert stability["one"] == stability["two"]
