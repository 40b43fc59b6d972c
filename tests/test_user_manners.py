"""What a user meets outside the happy path: error text in Python, reprs in a notebook,
permissions of the files written, and the packaged sample case."""

from __future__ import annotations

import inspect
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import linkgraph as lg
from linkgraph import errors
from linkgraph._io import write_text
from linkgraph.render.map import MapView

ROOT = Path(__file__).resolve().parents[1]


def test_python_errors_say_where_what_and_how_like_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(lg.InputError) as info:
        lg.ingest([lg.Source("nope.csv", preset="cdr")])
    text = str(info.value)
    assert text == info.value.render()
    assert text.startswith("nope.csv: ")
    assert "file not found" in text
    assert "\nHint: " in text


def _examples() -> list[errors.LinkgraphError]:
    return [
        errors.InputError("bad date", source="a.csv", row=3, column="dob", hint="use ISO"),
        errors.MappingError("unknown field", source="m.yaml", key="slots.person", hint="fix"),
        errors.ConfigError("unknown key", key="resolve.treshold", hint="did you mean"),
        errors.CaseError("not a case", hint="run ingest"),
        errors.CaseBusyError("case is busy", hint="wait for the other command"),
        errors.StrictModeError("2 rejects", source="a.csv", row=7),
        errors.MissingDependencyError("splink", "bench"),
        errors.OutputError("out.html is a folder", hint="give a file name"),
        errors.CommandLineError("the path given cannot be used", hint="check it"),
        errors.CaseMissingError("case/ does not exist", hint="check the path"),
        errors.OutputPathError("out.html is a folder", hint="give a file name"),
        errors.ArgumentTypeError("show_victims takes True or False", key="show_victims"),
        errors.ArgumentValueError("n takes a whole number of at least 1", key="n", hint="n=5"),
    ]


def test_every_error_class_is_covered_and_str_is_render():
    classes = {
        c
        for _, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.LinkgraphError)
    }
    examples = _examples()
    assert classes == {type(e) for e in examples} | {errors.LinkgraphError}
    for err in examples:
        assert str(err) == err.render()
        assert err.message in str(err)
        if err.hint:
            assert str(err).endswith(f"Hint: {err.hint}")
    assert str(examples[0]).startswith('a.csv, row 3, column "dob": bad date')


def test_errors_survive_pickling():
    for err in _examples():
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert str(back) == str(err)


def test_case_repr_is_compact():
    case = lg.Case()
    assert repr(case) == "<Case: 0 mentions, 0 links, 0 rejects; stages: none>"
    assert "not yet" in case._repr_html_()


def test_case_repr_lists_sizes_and_stages(tmp_path):
    case = lg.ingest([lg.Source(ROOT / "sample_data" / "cdr.csv", preset="cdr")])
    resolved = lg.resolve(case)
    text = repr(resolved)
    assert len(text) < 300
    assert f"{len(resolved.mentions):,} mentions" in text
    assert f"{len(resolved.evidence):,} evidence" in text
    assert text.endswith("stages: ingest, resolve>")
    html = resolved._repr_html_()
    assert "<table>" in html
    assert len(html) < 5_000
    assert "cdr.csv" in html


def test_map_view_repr_is_one_line_and_html_only_in_repr_html():
    view = MapView("<html>" + "x" * 1_500_000 + "</html>")
    assert "\n" not in repr(view)
    assert len(repr(view)) < 100
    assert "1.5 MB" in repr(view)
    assert "srcdoc" in view._repr_html_()


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize(
    ("mask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)]
)
def test_outputs_follow_the_umask(tmp_path, umask, mask, file_mode, dir_mode):
    umask(mask)
    out = write_text(tmp_path / "map.html", "<html></html>")
    assert stat.S_IMODE(out.stat().st_mode) == file_mode
    case = lg.ingest([lg.Source(ROOT / "sample_data" / "arrests.csv", preset="people")])
    folder = case.write(tmp_path / "case")
    assert stat.S_IMODE(folder.stat().st_mode) == dir_mode
    for path in folder.iterdir():
        # The victims' pseudonym key is a secret: its owner's only, whatever the umask.
        expected = 0o600 if path.name == "pseudonym.key" else file_mode
        assert stat.S_IMODE(path.stat().st_mode) == expected, path.name
    streamed = tmp_path / "streamed"
    from linkgraph.ingest import ingest_to

    ingest_to([lg.Source(ROOT / "sample_data" / "arrests.csv", preset="people")], streamed)
    assert stat.S_IMODE(streamed.stat().st_mode) == dir_mode
    for path in streamed.iterdir():
        expected = 0o600 if path.name == "pseudonym.key" else file_mode
        assert stat.S_IMODE(path.stat().st_mode) == expected, path.name


@pytest.mark.slow
def test_the_sample_case_is_packaged_into_the_wheel(tmp_path):
    """`pip install .` builds this wheel: the sample must be inside, where
    sample_data_dir() looks first."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    import zipfile

    (wheel,) = tmp_path.glob("linkgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    committed = {
        "linkgraph/sample_data/" + p.relative_to(ROOT / "sample_data").as_posix()
        for p in (ROOT / "sample_data").rglob("*")
        if p.is_file()
    }
    assert committed <= names
    assert "linkgraph/sample_data/pipeline.yaml" in names


def test_public_functions_take_the_paths_users_pass(tmp_path: Path) -> None:
    """lg.ingest takes a path or a list of paths with preset=/mapping= (a statement in the
    list read through its own preset); lg.run_pipeline a YAML path; anything else is a
    TypeError saying what to pass (before: AttributeError from inside)."""
    table = tmp_path / "people.csv"
    table.write_text("full_name,dob\nIon Popescu,1980-01-02\n", encoding="utf-8")
    case = lg.ingest(str(table), preset="people")
    assert case.mentions["label"].tolist() == ["Ion Popescu"]
    chart = tmp_path / "chart.gexf"
    chart.write_text(
        '<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph><nodes><node id="a" label="Ana Pop"/><node id="b" label="Petro Bondar"/>'
        '</nodes><edges><edge id="0" source="a" target="b"/></edges></graph></gexf>',
        encoding="utf-8",
    )
    case = lg.ingest([table, chart], preset="people")
    assert {i["name"]: i["preset"] for i in case.manifest["inputs"]} == {
        "people.csv": "people",
        "chart.gexf": "gexf",
    }
    with pytest.raises(TypeError, match="preset='people'"):
        lg.ingest(str(table), "people")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="file path"):
        lg.ingest(5)  # type: ignore[arg-type]
    config = tmp_path / "pipeline.yaml"
    config.write_text("sources:\n  - {path: people.csv, preset: people}\nout: out\n")
    result = lg.run_pipeline(str(config))
    assert result.case_dir == tmp_path / "out" / "case"
    assert result.map_path.is_file()
    # a dict is read as the pipeline YAML would be: here, one without sources
    with pytest.raises(lg.ConfigError, match="no sources to read"):
        lg.run_pipeline({"sources": []})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="PipelineConfig"):
        lg.run_pipeline(5)  # type: ignore[arg-type]
