"""A network mapping's own words are held to (tester t45): a weight or time column it names
that the file lacks is an error saying which header was meant, not a network of weight 1
and no times; a mistyped ``network.kind`` is refused; a negative weight is a
``weight_invalid`` reject at ingest; a row wider than the header is ``ragged_row``, as in
a table; a node list that does not exist is said where it was looked for; a ``where``
value no row holds is warned of. Expected values are read off the small files by hand."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

CALLS = "source,target,calls\nana,bogdan,3\nbogdan,cora,2\ncora,dan,1\n"


def _edges(tmp_path: Path, text: str = CALLS, name: str = "calls.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(path: Path, network: dict, **top) -> lg.Case:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lg.ingest([lg.Source(path, mapping={"format": "edgelist", "network": network,
                                                   **top})])  # fmt: skip


def _weights(case: lg.Case) -> dict[tuple[str, str], float]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    return {
        (label[s], label[d]): float(w)
        for s, d, w in zip(case.links["src"], case.links["dst"], case.links["weight"], strict=True)
    }


@pytest.mark.parametrize(("key", "column"), [("weight", "call"), ("time", "date")])
def test_a_named_column_the_file_lacks_is_an_error_saying_the_header_meant(tmp_path, key, column):
    path = _edges(tmp_path)
    with pytest.raises(lg.InputError) as err:
        _ingest(path, {"source": "source", "target": "target", key: column})
    assert err.value.column == column
    assert f"network.{key}" in err.value.message
    assert "source, target, calls" in str(err.value.hint)
    if key == "weight":
        assert "did you mean 'calls'?" in str(err.value.hint)


def test_mapping_check_fails_on_a_named_weight_the_file_lacks(tmp_path):
    path = _edges(tmp_path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: edgelist\nnetwork: {source: source, target: target,"
                       " weight: call}\n", encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(cli, ["mapping", "check", str(mapping), str(path)])
    assert result.exit_code != 0
    assert "did you mean 'calls'?" in result.output


def test_the_named_weight_is_read_when_present(tmp_path):
    case = _ingest(_edges(tmp_path), {"source": "source", "target": "target", "weight": "calls"})
    assert _weights(case) == {("ana", "bogdan"): 3.0, ("bogdan", "cora"): 2.0, ("cora", "dan"): 1.0}


def test_the_presets_guessed_weight_and_time_names_stay_optional(tmp_path):
    # The edgelist preset names weight: [weight, calls, ...] and time: [time, date, ...];
    # a file with neither reads with weight 1 and no times, directly or included.
    path = _edges(tmp_path, "source,target\nana,bogdan\nbogdan,cora\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = lg.ingest([lg.Source(path, preset="edgelist")])
        included = lg.ingest([lg.Source(path, mapping={"include": "edgelist"})])
    for case in (direct, included):
        assert _weights(case) == {("ana", "bogdan"): 1.0, ("bogdan", "cora"): 1.0}


def test_a_mapping_that_includes_the_preset_and_names_its_own_weight_is_held_to_it(tmp_path):
    path = _edges(tmp_path)
    with pytest.raises(lg.InputError, match=r"network\.weight"):
        _ingest(path, {"weight": "strength_"}, include="edgelist")


def test_a_network_kind_one_typo_from_a_known_kind_is_refused(tmp_path):
    with pytest.raises(lg.MappingError) as err:
        _ingest(_edges(tmp_path), {"source": "source", "target": "target", "kind": "calld"})
    assert err.value.key == "network.kind"
    assert "did you mean 'called'?" in err.value.message


@pytest.mark.parametrize("kind", ["called", "flow", "trafficked_to"])
def test_a_known_kind_or_one_of_its_own_name_is_kept(tmp_path, kind):
    # mapping suggest drafts `flow` for country networks and advises `trafficked_to`.
    case = _ingest(_edges(tmp_path), {"source": "source", "target": "target", "kind": kind})
    assert set(case.links["kind"]) == {kind}


def test_a_negative_weight_is_a_weight_invalid_reject_naming_file_row_and_column(tmp_path):
    path = _edges(tmp_path, "source,target,weight\na,b,3\nb,c,-2\nc,d,1\n", "neg.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = lg.resolve(lg.ingest([lg.Source(path, preset="edgelist")]))
    rejects = case.rejects[["source", "row", "column", "reason", "value", "level"]]
    assert rejects.to_dict("records") == [
        {"source": "neg.csv", "row": 2, "column": "weight", "reason": "weight_invalid",
         "value": "-2", "level": "row"},
    ]  # fmt: skip
    assert _weights(case) == {("a", "b"): 3.0, ("c", "d"): 1.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysed = lg.analyze(case)  # no negative weight left to refuse
    assert len(analysed.metrics) == 4


def test_a_negative_matrix_cell_is_a_weight_invalid_reject(tmp_path):
    path = _edges(tmp_path, ",a,b\na,0,-1\nb,2,0\n", "m.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = lg.ingest([lg.Source(path, mapping={"format": "matrix"})])
    bad = case.rejects[case.rejects["reason"] == "weight_invalid"]
    assert bad[["row", "column", "value"]].to_dict("records") == [
        {"row": 1, "column": "b", "value": "-1"}
    ]
    assert _weights(case) == {("b", "a"): 2.0}


def _case_with_a_negative_weight(tmp_path: Path) -> Path:
    """A case as an older version wrote it: a link of weight -2 in links.parquet."""
    path = _edges(tmp_path, "source,target,weight\na,b,3\nb,c,2\nc,d,1\n", "old.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = lg.resolve(lg.ingest([lg.Source(path, preset="edgelist")]))
    links = case.links.copy()
    links.loc[links.index[1], "weight"] = -2.0
    folder = tmp_path / "old_case"
    case.with_tables(links=links).write(folder)
    return folder


def test_keyplayers_weighted_refuses_an_old_cases_negative_weight(tmp_path):
    folder = _case_with_a_negative_weight(tmp_path)
    result = CliRunner().invoke(cli, ["keyplayers", str(folder), "-k", "1", "--weighted"])
    assert result.exit_code != 0
    assert "negative" in result.output
    assert "weight -2" in result.output
    assert not (folder / "keyplayers.csv").exists()
    with pytest.raises(lg.InputError, match="negative"):
        lg.key_players(lg.Case.read(folder), k=1, weighted=True)
    unweighted = CliRunner().invoke(cli, ["keyplayers", str(folder), "-k", "1"])
    assert unweighted.exit_code == 0, unweighted.output


def test_a_row_wider_than_the_header_with_text_is_not_read(tmp_path):
    # "Pop, Ana" unquoted: the row's fields are shifted, as in a table file.
    text = "source,target,weight\nana,bogdan,3\nPop, Ana,cora,2\ncora,dan,1,\n"
    case = _ingest(_edges(tmp_path, text), {"source": "source", "target": "target",
                                              "weight": "weight"})  # fmt: skip
    ragged = case.rejects[case.rejects["reason"] == "ragged_row"]
    assert ragged[["row", "level"]].to_dict("records") == [
        {"row": 2, "level": "row"},  # text past the header: not read
        {"row": 3, "level": "value"},  # an empty field past it: cut, read
    ]
    assert "4 fields, header has 3" in ragged["value"].iloc[0]
    assert _weights(case) == {("ana", "bogdan"): 3.0, ("cora", "dan"): 1.0}


def test_a_headerless_edge_list_of_rows_of_two_widths_is_read_whole(tmp_path):
    case = _ingest(_edges(tmp_path, "a b\nb c 4\n"), {}, header=False, delimiter=" ")
    assert _weights(case) == {("a", "b"): 1.0, ("b", "c"): 4.0}
    assert "ragged_row" not in set(case.rejects["reason"])


def test_a_missing_relative_node_list_is_looked_for_beside_the_network_file(tmp_path):
    folder = tmp_path / "net"
    folder.mkdir()
    path = _edges(folder)
    with pytest.raises(lg.InputError) as err:
        _ingest(path, {"nodes": "nodes.csv"})
    assert f"looked for {folder / 'nodes.csv'}" in str(err.value.hint)
    assert f"network file's folder ({folder})" in str(err.value.hint)


def test_a_missing_absolute_node_list_is_named_as_given(tmp_path):
    (tmp_path / "net").mkdir()
    path = _edges(tmp_path / "net")
    elsewhere = tmp_path / "nope" / "nodes.csv"
    with pytest.raises(lg.InputError) as err:
        _ingest(path, {"nodes": str(elsewhere)})
    assert str(err.value.hint).startswith(f"no file at {elsewhere}")
    assert "network file's folder" not in str(err.value.hint)


def _warned(source: lg.Source) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lg.ingest([source])
    return [str(w.message) for w in caught]


def test_a_network_where_value_no_row_holds_is_warned_of(tmp_path):
    path = _edges(tmp_path, "source,target,phase\na,b,1\nb,c,2\n")
    said = _warned(lg.Source(path, mapping={"format": "edgelist",
                                            "network": {"where": {"phase": 99}}}))  # fmt: skip
    assert any("no row had phase = 99" in s and "the column holds 1, 2" in s for s in said)
    fine = _warned(lg.Source(path, mapping={"format": "edgelist",
                                            "network": {"where": {"phase": 2}}}))  # fmt: skip
    assert not any("no row had" in s for s in fine)


def test_a_table_filter_keeping_a_value_no_row_holds_is_warned_of(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,phone,phase\nAna Pop,+40721000111,1\nIon Rus,+40721000112,2\n",
                    encoding="utf-8")  # fmt: skip
    mapping = {"format": "csv",
               "entities": {"p": {"type": "person", "fields": {"name": "name", "phone": "phone"}}},
               "skip_rows_where": [{"column": "phase", "not_in": [99]}]}  # fmt: skip
    said = _warned(lg.Source(path, mapping=mapping))
    assert any("no row had phase = 99" in s for s in said)
    mapping["skip_rows_where"] = [{"column": "phase", "not_in": [1]}]
    assert not any("no row had" in s for s in _warned(lg.Source(path, mapping=mapping)))


def test_a_negative_weight_in_a_table_mapping_is_a_weight_invalid_reject(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("a_phone,b_phone,w\n+40721000111,+40721000112,-2\n"
                    "+40721000112,+40721000113,3\n", encoding="utf-8")  # fmt: skip
    mapping = {"format": "csv",
               "entities": {"a": {"type": "phone", "fields": {"phone": "a_phone"}},
                            "b": {"type": "phone", "fields": {"phone": "b_phone"}}},
               "links": [{"kind": "called", "src": "a", "dst": "b", "weight": "w"}]}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = lg.ingest([lg.Source(path, mapping=mapping)])
    rejects = case.rejects[["row", "column", "reason", "value"]].to_dict("records")
    assert rejects == [{"row": 1, "column": "w", "reason": "weight_invalid", "value": "-2"}]
    # the call is still a call, of no weight given (1 in the graph), never -2
    assert sorted(case.links["weight"].fillna(0).tolist()) == [0.0, 3.0]


@pytest.mark.parametrize("network", [{"where": {"phse": 1}}, {"group_by": ["phse"]}])
def test_a_mistyped_where_or_group_by_column_says_the_header_meant(tmp_path, network):
    path = _edges(tmp_path, "source,target,phase\na,b,1\n")
    with pytest.raises(lg.InputError) as err:
        _ingest(path, network)
    assert "did you mean 'phase'?" in str(err.value.hint)


def test_with_both_named_columns_missing_the_weight_is_said(tmp_path):
    network = {"source": "source", "target": "target", "weight": "call", "time": "date"}
    with pytest.raises(lg.InputError) as err:
        _ingest(_edges(tmp_path), network)
    assert err.value.column == "call"
