"""What a case's manifest says of how it was made (tester round 41, D5): the exact revision
of linkgraph's code (the git commit of the checkout it runs from, else what the installer
recorded), the labels file given to `resolve --labels` and, on later runs, where the
decisions in force came from; and the case's kept redactor (protection/redactor.json) is
the same file on two runs whatever Python's hash seed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import linkgraph
from linkgraph import _revision
from linkgraph.cli import cli

ROOT = Path(linkgraph.__file__).resolve().parent.parent
PEOPLE = (
    "name,dob,phone,role\n"
    "Ion Rusu,1980-01-01,+40 721 000 111,suspect\n"
    "Ion Rusu,,+40 721 000 999,suspect\n"
    "Ana Pop,1990-02-02,+40 721 000 222,suspect\n"
)


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output + done.stderr
    return done.stdout


def _manifest(case: Path) -> dict:
    return json.loads((case / "manifest.json").read_text(encoding="utf-8"))


def _case(tmp_path: Path) -> Path:
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-o", str(case), "-q")
    return case


def _git(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="linkgraph runs from no git checkout")
def test_the_manifest_records_the_commit_of_the_checkout(tmp_path: Path) -> None:
    try:
        head = _git("rev-parse", "HEAD").strip()
        changed = bool(_git("status", "--porcelain", "--", "linkgraph").strip())
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git cannot read the checkout")
    versions = _manifest(_case(tmp_path))["versions"]
    assert versions["linkgraph"] == linkgraph.__version__
    assert versions["linkgraph_revision"] == f"git:{head}" + ("+modified" if changed else "")


class _Installed:
    """A distribution as importlib.metadata gives it: its direct_url.json and where it put
    the package."""

    def __init__(self, direct_url: dict | None, package: Path) -> None:
        self.text = None if direct_url is None else json.dumps(direct_url)
        self.package = package

    def read_text(self, name: str) -> str | None:
        return self.text if name == "direct_url.json" else None

    def locate_file(self, path: str) -> Path:
        return self.package.parent / path


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (  # pip install git+https://...: the commit, the address without the credentials
            {"url": "https://ana:s3cret@example.org/linkgraph.git",
             "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"}},
            "git:0123456789abcdef0123456789abcdef01234567 https://example.org/linkgraph.git",
        ),
        (  # an archive: its hash
            {"url": "https://example.org/linkgraph-0.1.0.tar.gz",
             "archive_info": {"hashes": {"sha256": "ab" * 32}}},
            f"archive:sha256={'ab' * 32} https://example.org/linkgraph-0.1.0.tar.gz",
        ),
        (  # a local folder: nothing names it (and its path is the analyst's)
            {"url": "file:///home/ana/src/linkgraph", "dir_info": {"editable": True}},
            None,
        ),
        (None, None),  # from an index: the version says it all
    ],
)  # fmt: skip
def test_an_installed_linkgraph_records_what_the_installer_recorded(
    monkeypatch: pytest.MonkeyPatch, direct_url: dict | None, expected: str | None
) -> None:
    installed = _Installed(direct_url, _revision._PACKAGE)
    monkeypatch.setattr(_revision.metadata, "distribution", lambda name: installed)
    assert _revision._installed_revision() == expected


def test_an_installed_copy_that_is_not_the_running_code_is_not_recorded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = {"url": "https://example.org/l.git", "vcs_info": {"vcs": "git", "commit_id": "ab" * 20}}
    installed = _Installed(url, tmp_path / "site-packages" / "linkgraph")
    monkeypatch.setattr(_revision.metadata, "distribution", lambda name: installed)
    assert _revision._installed_revision() is None


def test_labels_are_in_the_resolve_config_and_later_runs_say_where_decisions_came_from(
    tmp_path: Path,
) -> None:
    case = _case(tmp_path)
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "left,right,label\npeople.csv#1,people.csv#2,match\npeople.csv#1,people.csv#3,no\n",
        encoding="utf-8",
    )
    _run("resolve", str(case), "--labels", str(labels), "-q")
    manifest = _manifest(case)
    assert Path(manifest["config"]["resolve"]["labels"]).name == "labels.csv"
    assert manifest["steps"][-1]["overrides"] == 2
    assert manifest["steps"][-1]["overrides_by_source"] == {"labels.csv": 2}
    _run("decide", str(case), "people.csv:2", "people.csv:3", "cannot_link")
    _run("resolve", str(case), "-q")  # no --labels: its decisions are still in force
    manifest = _manifest(case)
    assert manifest["config"]["resolve"]["labels"] is None  # not given to this run
    assert manifest["steps"][-1]["overrides_by_source"] == {
        "labels.csv": 2,
        "linkgraph decide": 1,
    }


def _linkgraph(cwd: Path, *args: str, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-m", "linkgraph", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kept_redactor_is_the_same_file_on_two_runs(tmp_path: Path) -> None:
    """Victims with several spellings, phones and sources: the sets and tables the
    redactor holds, written in an order of their own, not the order a set gave them."""
    rows = ["name,dob,phone,role"]
    for i in range(8):
        rows.append(f"Olena Vik{i}tymova,1999-0{i % 9 + 1}-1{i},+380 93 100 00{i:02d},victim")
        rows.append(f"O. Vik{i}tymova,,+380 93 100 00{i:02d},victim")
        rows.append(f"Petro Rek{i}ruter,1980-01-0{i % 9 + 1},+380 67 100 00{i:02d},suspect")
    (tmp_path / "hotline.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "hotline.csv"), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    kept = {}
    for seed in ("1", "2", "3"):
        run = tmp_path / f"run{seed}"
        shutil.copytree(case, run / "case")
        shutil.rmtree(run / "case" / "protection", ignore_errors=True)
        _linkgraph(run, "mentions", "case", "--csv", hash_seed=seed)
        kept[seed] = (run / "case" / "protection" / "redactor.json").read_bytes()
    assert kept["1"] == kept["2"] == kept["3"]
