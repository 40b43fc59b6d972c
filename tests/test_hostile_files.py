"""Hostile and broken input files through the CLI (tester round 30, D2-D14): each is
refused with a message naming the file (and row or key where it applies) and a hint, or
read; never a traceback or an "internal error".

The expectations come from how each file was built (its header's width, the line of its
open quote, the lines of a repeated key), not from running linkgraph.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = "given_name,family_name,phone\nAna,Rusu,+380501000001\nIon,Pop,+380501000002\n"

MAPPING = """\
format: csv
entities:
  person:
    type: person
    fields:
      given_name: given_name
      family_name: family_name
      dob: dob
      dob: phone
"""


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def assert_refused(code: int, out: str, *names: str) -> None:
    """Exit status 1, an Error naming each of ``names``, a Hint, no traceback."""
    assert code == 1, out
    assert "Traceback" not in out, out
    assert "internal error" not in out, out
    assert out.startswith("Error: ") or "\nError: " in out, out
    assert "Hint: " in out, out
    for name in names:
        assert name in out, (name, out)


def test_a_header_line_longer_than_arrows_block_is_refused_as_too_wide(tmp_path, monkeypatch):
    # D2: a header line of 40,000 columns with no line break, in a file Arrow reads (above
    # SMALL_FILE_BYTES) with blocks smaller than the line: "cannot infer number of columns".
    from linkgraph.ingest import readers

    monkeypatch.setattr(readers, "SMALL_FILE_BYTES", 1_000)
    monkeypatch.setattr(readers, "ARROW_BLOCK_BYTES", 64 << 10)
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(["name"] * 40_000))
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: csv\nentities:\n  p: {type: person, fields: {name: name}}\n")
    for args in (
        ["ingest", wide, "--preset", "people", "-o", tmp_path / "case", "-q"],
        ["mapping", "suggest", wide, "-o", tmp_path / "s.yaml"],
        ["mapping", "preview", wide, "--mapping", mapping],
    ):
        code, out = run(*args)
        assert_refused(code, out, "wide.csv, row 1", "40,000 columns")


def test_mapping_suggest_reads_a_file_with_a_quote_left_open_as_ingest_does(tmp_path):
    # D3: the quote opened on row 3 swallows the 40,000 lines after it: more than the csv
    # module's 131,072-character field limit.
    path = tmp_path / "unclosed.csv"
    path.write_text(PEOPLE + '"Maria,Rusu,+380501000003\n' + "Oleh,Pop,+380501000004\n" * 40_000)
    code, out = run("mapping", "suggest", path, "-o", tmp_path / "s.yaml")
    assert code == 0, out
    assert "given_name" in (tmp_path / "s.yaml").read_text()


def test_an_edge_list_with_a_quote_left_open_names_its_line(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text('source,target\na,b\n"c,d\n' + "e,f\n" * 40_000)
    code, out = run("ingest", path, "--preset", "edgelist", "-o", tmp_path / "case", "-q")
    assert_refused(code, out, "edges.csv, row 3", "never closed")


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_mapping_suggest_on_json_nested_100000_levels_says_so(tmp_path, opening):
    # D4: as ingest says it.
    path = tmp_path / "deep.json"
    closing = "]" if opening == "[" else "}"
    path.write_text(opening * 100_000 + "1" + closing * 100_000)
    code, out = run("mapping", "suggest", path, "-o", tmp_path / "s.yaml")
    assert_refused(code, out, "deep.json", "nested too deeply")


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes: Linux")
def test_a_file_name_of_bytes_that_are_not_utf8_is_read_and_shown_escaped(tmp_path):
    # D5: os.fsdecode gives the bytes \xff\xfe as lone surrogates, which no UTF-8 encoder
    # takes (the ids' hash, Arrow, the manifest, the terminal).
    path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/bad\xff\xfename.csv"))
    path.write_text(PEOPLE)
    case = tmp_path / "case"
    for _ in range(2):  # read again: the same source, replaced, not a second one
        code, out = run("ingest", path, "--preset", "people", "-o", case)
        assert code == 0, out
        assert "bad\\xff\\xfename.csv: 2 rows" in out, out
    mentions = pd.read_parquet(case / "mentions.parquet")
    assert set(mentions["source"]) == {"bad\\xff\\xfename.csv"}
    assert len(mentions) == 4  # two persons, two phones
    manifest = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    assert [i["name"] for i in manifest["inputs"]] == ["bad\\xff\\xfename.csv"]
    code, out = run("mapping", "suggest", path, "-o", tmp_path / "s.yaml")
    assert code == 0, out
    assert "bad\\xff\\xfename.csv" in (tmp_path / "s.yaml").read_text(encoding="utf-8")
    # A mapping file of such a name: its path in the manifest is UTF-8 JSON too.
    mapping = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/m\xff.yaml"))
    mapping.write_text((tmp_path / "s.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out = run("ingest", path, "--mapping", mapping, "-o", tmp_path / "c2")
    assert code == 0, out
    text = (tmp_path / "c2" / "manifest.json").read_text(encoding="utf-8")
    assert "m\\\\xff.yaml" in text  # JSON of the text m\xff.yaml


def test_a_symbolic_link_loop_is_refused_naming_it(tmp_path):
    # D6
    (tmp_path / "loop1.csv").symlink_to(tmp_path / "loop2.csv")
    (tmp_path / "loop2.csv").symlink_to(tmp_path / "loop1.csv")
    code, out = run("ingest", tmp_path / "loop1.csv", "--preset", "people", "-o", tmp_path / "c")
    assert_refused(code, out, "loop1.csv", "loop")
    assert not (tmp_path / "c").exists()
    code, out = run("mapping", "suggest", tmp_path / "loop1.csv", "-o", tmp_path / "s.yaml")
    assert_refused(code, out, "loop1.csv", "loop")
    # mapping check and preview said "does not exist" (click's own check of the path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: csv\nentities:\n  p: {type: person, fields: {name: name}}\n")
    for command in ("check", "preview"):
        code, out = run("mapping", command, tmp_path / "loop1.csv", "--mapping", mapping)
        assert_refused(code, out, "loop1.csv", "loop")
        assert "does not exist" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_not_a_regular_file_not_a_missing_one(tmp_path):
    # D11
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: csv\nentities:\n  p: {type: person, fields: {name: name}}\n")
    for args in (
        ["ingest", fifo, "--preset", "people", "-o", tmp_path / "case", "-q"],
        ["mapping", "preview", fifo, "--mapping", mapping],
    ):
        code, out = run(*args)
        assert_refused(code, out, "fifo.csv", "not a regular file", "named pipe")
        assert "not found" not in out


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tamper")
    (root / "people.csv").write_text(PEOPLE)
    code, out = run("ingest", root / "people.csv", "--preset", "people", "-o", root / "case")
    assert code == 0, out
    return root / "case"


def _tampered(case_dir: Path, tmp_path: Path, how: str) -> Path:
    import shutil

    case = tmp_path / "case"
    shutil.copytree(case_dir, case)
    manifest = case / "manifest.json"
    if how == "bytes":
        manifest.write_bytes(b"\xff\xfe{}")
        return case
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if how == "steps_null":
        data["steps"] = None
    elif how == "inputs_text":
        data["inputs"] = "x"
    elif how == "input_not_object":
        data["inputs"] = [3]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return case


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("bytes", "not UTF-8"),
        ("steps_null", '"steps" must be a list, not null'),
        ("inputs_text", '"inputs" must be a list, not "x"'),
        ("input_not_object", "inputs[0] must be an object, not 3"),
    ],
)
def test_a_tampered_manifest_is_refused_by_every_command(case_dir, tmp_path, how, said):
    # D7
    case = _tampered(case_dir, tmp_path, how)
    (tmp_path / "more.csv").write_text(PEOPLE)
    for args in (
        ["resolve", case, "-q"],
        ["analyze", case, "-q"],
        ["report", case, "-o", tmp_path / "r.html", "-q"],
        ["export", case, "--format", "csv", "-o", tmp_path / "exp", "-q"],
        ["ingest", tmp_path / "more.csv", "--preset", "people", "-o", case, "-q"],
    ):
        code, out = run(*args)
        assert_refused(code, out, "manifest.json is corrupt", said, "linkgraph ingest")


def test_a_key_written_twice_in_a_mapping_is_an_error_naming_it_and_its_lines(tmp_path):
    # D8: the second dob (line 9) would read dates of birth from the phone column.
    (tmp_path / "p.csv").write_text(PEOPLE)
    (tmp_path / "m.yaml").write_text(MAPPING)
    code, out = run("mapping", "check", tmp_path / "p.csv", "--mapping", tmp_path / "m.yaml")
    assert_refused(code, out, "m.yaml", "'dob'", "lines 8 and 9")


def test_a_merged_key_given_again_is_an_override_not_a_repeat():
    from linkgraph._yaml import load_yaml

    text = "base: &b {a: 1, c: 2}\nover:\n  <<: *b\n  a: 3\n"
    assert load_yaml(text)["over"] == {"a": 3, "c": 2}


def test_messages_cut_a_header_of_300000_characters(tmp_path):
    # D9: the hint listed the file's columns, the whole 300,000-character header.
    path = tmp_path / "line.csv"
    path.write_text("x" * 300_000)
    code, out = run("ingest", path, "--preset", "people", "-o", tmp_path / "case", "-q")
    assert_refused(code, out, "line.csv", "characters)")
    assert len(out) < 3_000


@pytest.mark.parametrize("where", ["absolute", "parent"])
def test_an_include_outside_the_mappings_folder_is_refused_unread(tmp_path, where):
    # D10: the included file's keys (password, api_token) were echoed as unknown keys.
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\napi_token: abc\n")
    folder = tmp_path / "mappings"
    folder.mkdir()
    ref = str(secret) if where == "absolute" else "../secret.yaml"
    (folder / "m.yaml").write_text(f"include: {ref}\n")
    (tmp_path / "p.csv").write_text(PEOPLE)
    code, out = run("mapping", "check", tmp_path / "p.csv", "--mapping", folder / "m.yaml")
    assert_refused(code, out, "m.yaml: include", "inside the mapping's folder")
    for key in ("password", "api_token", "hunter2"):
        assert key not in out


def test_an_include_inside_the_mappings_folder_is_read(tmp_path):
    folder = tmp_path / "mappings"
    (folder / "common").mkdir(parents=True)
    (folder / "common" / "people.yaml").write_text(
        "format: csv\nentities:\n  p: {type: person, fields: {given_name: given_name}}\n"
    )
    (folder / "m.yaml").write_text("include: common/people.yaml\n")
    (tmp_path / "p.csv").write_text(PEOPLE)
    code, out = run("mapping", "check", tmp_path / "p.csv", "--mapping", folder / "m.yaml")
    assert code == 0, out


@pytest.mark.skipif(sys.platform == "win32", reason="a line break in a file name")
def test_a_line_break_in_a_file_name_cannot_fake_a_summary_line(tmp_path):
    # D14: "x.csv\nwrote case/" would print as a line of its own.
    path = tmp_path / "new\nline.csv"
    path.write_text(PEOPLE)
    code, out = run("ingest", path, "--preset", "people", "-o", tmp_path / "case")
    assert code == 0, out
    assert "new[U+000A]line.csv: 2 rows" in out
    assert not any(line.startswith("line.csv") for line in out.splitlines())


@pytest.mark.parametrize(("text", "found"), [("3", "a number"), ('"x"', "a text")])
def test_a_json_file_of_no_records_says_what_it_holds_and_how_to_fix_it(tmp_path, text, found):
    # D13
    path = tmp_path / "scalar.json"
    path.write_text(text)
    code, out = run("ingest", path, "--preset", "people", "-o", tmp_path / "case", "-q")
    assert_refused(code, out, "scalar.json", f"expected a list of records, found {found}")


def test_a_yaml_tag_error_is_one_line_with_a_hint(tmp_path):
    # D13: PyYAML's excerpt of the file (its "in <unicode string>" lines) is left out.
    (tmp_path / "m.yaml").write_text("agency: !!python/object/apply:os.system ['true']\n")
    (tmp_path / "p.csv").write_text(PEOPLE)
    code, out = run("mapping", "check", tmp_path / "p.csv", "--mapping", tmp_path / "m.yaml")
    assert_refused(code, out, "m.yaml", "(line 1, column 9)", "remove the !!tag")
    assert "unicode string" not in out
