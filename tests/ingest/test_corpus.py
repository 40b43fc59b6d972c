"""The export corpus (tests/fixtures/exports/): `mapping suggest` then `ingest`, no edits.

Each file's expected mentions and links were written by hand from its contents
(expected.yaml). Every file must account for every data row (as a mention, a link or a
reject); at least 13 of them must give exactly the expected entities and links.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (EXPORTS / "expected.yaml").read_text(encoding="utf-8")
)
_NAMED = ("person", "organisation")


def _suggest_and_ingest(path: Path, tmp: Path) -> tuple[Case, str, str]:
    runner = CliRunner()
    draft = tmp / f"{path.name}.yaml"
    out = runner.invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
    assert out.exit_code == 0, out.output + repr(out.exception)
    res = runner.invoke(
        cli, ["ingest", str(path), "--mapping", str(draft), "-o", str(tmp / "case"), "-q"]
    )
    assert res.exit_code == 0, res.output + repr(res.exception)
    return Case.read(tmp / "case"), res.output, draft.read_text(encoding="utf-8")


def _key(m: pd.Series) -> str | None:
    if m["type"] in _NAMED:
        return None if pd.isna(m["name"]) else str(m["name"])
    if m["type"] in ("ad", "event"):
        return None if pd.isna(m["identifier"]) else str(m["identifier"])
    value = m["identifier"]
    return None if pd.isna(value) else str(value)


def _problems(name: str, case: Case, summary: str) -> list[str]:
    """What differs from expected.yaml (empty: the file ingested as expected)."""
    want = EXPECTED[name]
    m = case.mentions.copy()
    m["key"] = m.apply(_key, axis=1)
    problems = []
    for etype, keys in want["mentions"].items():
        got = set(m.loc[m["type"] == etype, "key"].dropna())
        if got != set(keys):
            problems.append(
                f"{etype}: missing {sorted(set(keys) - got)}, unexpected {sorted(got - set(keys))}"
            )
    key_of = dict(zip(m["mention_id"], m["key"], strict=True))
    kinds = {w[0] for w in want.get("links", [])}
    lk = case.links[case.links["kind"].isin(kinds)]
    with_amount = {w[0] for w in want.get("links", []) if len(w) == 4}
    got_links = set()
    for row in lk.itertuples():
        item: tuple[Any, ...] = (row.kind, key_of.get(row.src), key_of.get(row.dst))
        if row.kind in with_amount:
            item += (None if pd.isna(row.amount) else round(float(row.amount), 2),)
        got_links.add(item)
    want_links = {tuple(w) for w in want.get("links", [])}
    if got_links != want_links:
        problems.append(
            f"links: missing {sorted(want_links - got_links, key=str)},"
            f" unexpected {sorted(got_links - want_links, key=str)}"
        )
    for column, wanted in (("role", want.get("roles")), ("dob", want.get("dob")),
                           ("country", want.get("country"))):  # fmt: skip
        for key, value in (wanted or {}).items():
            values = set(m.loc[m["key"] == key, column].dropna().astype(str))
            if values != {str(value)}:
                problems.append(f"{column} of {key}: {sorted(values)}, expected {value}")
    for words in want.get("warnings", []):
        if words not in summary:
            problems.append(f"the summary does not say {words!r}")
    return problems


def _unaccounted(name: str, case: Case) -> list[int]:
    want = EXPECTED[name]
    # a sheet's blank rows between two tables are numbered too, and make nothing
    rows = set(range(1, want.get("last_row", want["rows"]) + 1)) - set(want.get("blank_rows", []))
    seen = set(case.mentions["row"].dropna().astype(int))
    seen |= set(case.links["row"].dropna().astype(int))
    seen |= set(case.rejects["row"].dropna().astype(int))
    return sorted(rows - seen)


def test_corpus_has_at_least_15_files_with_expectations() -> None:
    files = [p.name for p in EXPORTS.iterdir() if p.name in EXPECTED]
    assert len(files) >= 15
    assert set(EXPECTED) <= {p.name for p in EXPORTS.iterdir()}


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in sorted(EXPECTED):
        tmp = tmp_path_factory.mktemp(name.replace(".", "_"))
        try:
            case, summary, _draft = _suggest_and_ingest(EXPORTS / name, tmp)
        except AssertionError as exc:
            results[name] = ([f"CLI failed: {exc}"], None, "")
            continue
        results[name] = (_problems(name, case, summary), case, summary)
    return results


def test_corpus_every_row_accounted_for(corpus_results: dict[str, Any]) -> None:
    missing = {}
    for name, (problems, case, _) in corpus_results.items():
        if case is None:
            missing[name] = problems
            continue
        rows = int(case.manifest["inputs"][0]["rows"])
        if rows != EXPECTED[name]["rows"]:
            missing[name] = f"read {rows} rows, the file has {EXPECTED[name]['rows']}"
        elif left := _unaccounted(name, case):
            missing[name] = f"rows {left} made nothing and were not rejected"
    assert not missing, missing


def test_corpus_suggest_then_ingest_gives_expected_entities(
    corpus_results: dict[str, Any],
) -> None:
    failed = {name: p for name, (p, _, _) in corpus_results.items() if p}
    passed = len(corpus_results) - len(failed)
    print(f"corpus: {passed} of {len(corpus_results)} as expected")
    assert passed >= 13, failed
