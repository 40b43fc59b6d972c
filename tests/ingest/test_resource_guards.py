"""Hostile network and mapping files (tester round 20): a declared size, a zip member or a
YAML alias that would take gigabytes, deep nesting and bytes that are no text are clear
errors naming the file, not hours of work, an out-of-memory or an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "internal error" not in result.output, result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("DL N=50000 FORMAT=EDGELIST1\nDATA:\n1 2\n", "n=50000 nodes"),
        ("dl\nnr=3 nc=70000 format=edgelist2\ndata:\n1 2\n", "nc=70000 nodes"),
        ("dl n=3000\ndata:\n0 1\n", "3000 rows of 3000 values"),
    ],
)
def test_ucinet_header_declaring_more_nodes_than_the_file_holds_is_refused(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "big.dl"
    path.write_text(text, encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "big.dl" in output
    assert said in output
    line = 2 if text.startswith("dl\n") else 1
    assert f"row {line}:" in output  # the header line that declares the size


def test_ucinet_edge_list_keeps_its_declared_isolated_nodes(tmp_path: Path) -> None:
    path = tmp_path / "small.dl"
    path.write_text("dl n=5 format=edgelist1\ndata:\n1 2\n", encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code == 0, output
    case = Case.read(tmp_path / "case")
    assert sorted(case.mentions["label"]) == ["1", "2", "3", "4", "5"]
    assert len(case.links) == 1


def _zip_with(path: Path, name: str, chunks: object, flag_bits: int = 0) -> None:
    """A zip whose member ``name`` holds the byte ``chunks``, written a chunk at a time."""
    import zipfile

    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as zf, zf.open(info, "w", force_zip64=True) as fh:
        for chunk in chunks:  # type: ignore[attr-defined]
            fh.write(chunk)
    if flag_bits:  # mark the member as encrypted, as a hostile file may
        data = bytearray(path.read_bytes())
        for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            data[start + at] |= flag_bits
        path.write_bytes(bytes(data))


def test_maltego_graph_unpacking_to_hundreds_of_megabytes_is_refused_unread(
    tmp_path: Path,
) -> None:
    # 300 MB of GraphML (a comment of spaces) in a zip of a few hundred KB.
    head = b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    chunks = [head + b"<graph><!--", *([b" " * (1 << 20)] * 300), b"--></graph></graphml>"]
    path = tmp_path / "bomb.mtgx"
    _zip_with(path, "Graphs/Graph1.graphml", chunks)
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "bomb.mtgx" in output
    assert "Graphs/Graph1.graphml in the Maltego file unpacks to 314.6 MB" in output


@pytest.mark.parametrize(
    ("name", "member", "args"),
    [
        ("chart.mtgx", "Graphs/Graph1.graphml", []),
        ("people.xlsx", "xl/workbook.xml", ["--preset", "people"]),
    ],
)
def test_zip_member_marked_encrypted_is_refused_naming_it(
    tmp_path: Path, name: str, member: str, args: list[str]
) -> None:
    path = tmp_path / name
    _zip_with(path, member, [b"<?xml version='1.0'?><x/>"], flag_bits=0x1)
    code, output = _cli("ingest", path, *args, "-o", tmp_path / "case")
    assert code != 0
    assert f"{name}: a password-protected" in output
    assert member in output


def _alias_bomb(levels: int, width: int) -> str:
    """YAML anchors ``l0`` .. ``l{levels-1}``, each a list of ``width`` uses of the one
    before: the last names ``width ** levels`` strings in a few hundred bytes."""
    lines = [f"l0: &l0 [{', '.join(['x'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_in_a_mapping_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text("name\nAna\n", encoding="utf-8")
    mapping = tmp_path / "bomb.yaml"
    last = "*l5"  # 8 ** 6 = 262,144 strings from 6 * 8 = 48 aliases
    mapping.write_text(
        _alias_bomb(6, 8)
        + f"format: csv\nentities:\n  person: {{type: person, fields: {{name: {last}}}}}\n",
        encoding="utf-8",
    )
    code, output = _cli("mapping", "check", data, "--mapping", mapping)
    assert code != 0
    assert "bomb.yaml" in output
    assert "aliases expand to more than 100,000 values (a YAML alias bomb?)" in output


def test_yaml_alias_bomb_in_a_pipeline_is_refused_naming_the_file(tmp_path: Path) -> None:
    pipeline = tmp_path / "pipeline.yaml"
    pipeline.write_text(
        _alias_bomb(6, 8) + "sources:\n  - {path: *l5, preset: people}\nout: out\n",
        encoding="utf-8",
    )
    code, output = _cli("run", pipeline)
    assert code != 0
    assert "pipeline.yaml" in output
    assert "aliases expand to more than 100,000 values" in output


def test_yaml_aliases_of_a_small_expansion_are_still_read() -> None:
    from linkgraph._yaml import load_yaml

    loaded = load_yaml(_alias_bomb(3, 8))  # 8 ** 3 = 512 strings
    assert len(loaded["l2"]) == 8
    assert sum(len(inner) for inner in loaded["l2"]) == 64


def test_mapping_of_binary_bytes_is_an_error_naming_it(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text("name\nAna\n", encoding="utf-8")
    mapping = tmp_path / "zipped.yaml"
    mapping.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x81X\x9b\x86")
    code, output = _cli("mapping", "check", data, "--mapping", mapping)
    assert code != 0
    assert "zipped.yaml: not a text file, or not UTF-8: byte 0x81 at position 13" in output
    assert "save it as UTF-8" in output


def test_decisions_and_truth_csvs_of_binary_bytes_are_errors_naming_them(
    tmp_path: Path,
) -> None:
    data = tmp_path / "people.csv"
    data.write_text("name,dob\nAna Rusu,1990-01-02\nAna Rusu,1990-01-02\n", encoding="utf-8")
    case = tmp_path / "case"
    assert _cli("ingest", data, "--preset", "people", "-o", case)[0] == 0
    binary = tmp_path / "decisions.csv"
    binary.write_bytes(b"left,right,decision\n\x81\xff\x00,b\n")
    for args in (
        ("resolve", case, "--overrides", binary),
        ("resolve", case, "--labels", binary),
        ("evaluate", case, binary),
    ):
        code, output = _cli(*args)
        assert code != 0, args
        assert "decisions.csv: not a text file, or not UTF-8: byte 0x81" in output, args


def test_gml_nested_thousands_deep_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.gml"
    path.write_text(
        'graph [\n  node [ id 1 label "a [ not a list" ]\n  ' + "x [ " * 5000 + "]" * 5001,
        encoding="utf-8",
    )
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "deep.gml, row 3: not a readable GML file: lists nested more than 100 deep" in output


def test_gml_of_ordinary_nesting_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "drawn.gml"
    path.write_text(
        'graph [ node [ id 1 label "Ana [1]" graphics [ Line [ point [ x 1 ] ] ] ]'
        " node [ id 2 ] edge [ source 1 target 2 ] ]",
        encoding="utf-8",
    )
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code == 0, output
    assert sorted(Case.read(tmp_path / "case").mentions["label"]) == ["2", "Ana [1]"]


def _pajek(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    path = tmp_path / "net.net"
    path.write_text(text, encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    return code, output, tmp_path / "case"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('*Vertices 3\n1 "a"\n5000000000 "x"\n*Arcs\n1 2\n', "row 3: not a readable Pajek file:"
         " vertex 5000000000 is outside the 1..3 that *Vertices declares"),
        ("% made by hand\n*Vertices 50000\n*Arcs\n1 2\n", "row 2: not a readable Pajek file:"
         " *Vertices declares 50000 vertices"),
    ],
)  # fmt: skip
def test_pajek_vertices_outside_what_the_header_declares_are_refused(
    tmp_path: Path, text: str, said: str
) -> None:
    code, output, _ = _pajek(tmp_path, text)
    assert code != 0
    assert f"net.net, {said}" in output


def test_pajek_ties_to_undeclared_vertices_and_nan_weights_are_rejected(tmp_path: Path) -> None:
    text = '*Vertices 3\n1 "Ana"\n2 "Ion"\n*Arcs\n1 2 2.5\n2 1 NaN\n1 99 1\n*Edges\n1 3 inf\n'
    code, output, case_dir = _pajek(tmp_path, text)
    assert code == 0, output
    case = Case.read(case_dir)
    label = case.mentions.set_index("mention_id")["label"]
    ties = sorted((label[r.src], label[r.dst], r.weight) for r in case.links.itertuples())
    # vertex 3 is declared but not listed: a vertex of its own, named by its number
    assert ties == [("Ana", "3", 1.0), ("Ana", "Ion", 2.5), ("Ion", "Ana", 1.0)]
    rejects = {(r.reason, str(r.value)) for r in case.rejects.itertuples()}
    assert rejects == {
        ("weight_invalid", "NaN"),
        ("weight_invalid", "inf"),
        (
            "link_end_missing",
            "line 7: 1 -> 99: vertex 99 is not one of the 3 that *Vertices declares",
        ),
    }
