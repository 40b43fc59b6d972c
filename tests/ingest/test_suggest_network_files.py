"""Network files as they come in the wild, through `mapping suggest FILE -o map.yaml` and
`ingest FILE --mapping map.yaml` unedited: networkx's edge lists (with data, weighted),
blank and unreadable weights, repeated pairs. Small files built here, against
hand-computed nodes, links, weights and kinds."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _ingested(data: Path, tmp: Path, **edit: object) -> tuple[Case, str, str]:
    """(case, draft text, ingest output) of ``data`` read with the draft of `mapping
    suggest`, its network block updated with ``edit`` (nothing: unedited)."""
    draft = tmp / f"{data.name}.yaml"
    _cli("mapping", "suggest", str(data), "-o", str(draft))
    text = draft.read_text(encoding="utf-8")
    if edit:
        mapping = yaml.safe_load(text)
        mapping["network"].update(edit)
        draft.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    case = tmp / "_".join(["case", data.stem, *map(str, edit.values())])
    output = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    return Case.read(case), text, output


def _links(case: Case) -> list[tuple[str, str, str, float]]:
    """(source label, target label, kind, weight) of each link, sorted."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    return sorted(
        (label[s], label[d], k, w)
        for s, d, k, w in zip(
            case.links["src"], case.links["dst"], case.links["kind"], case.links["weight"],
            strict=True,
        )
    )  # fmt: skip


def _nodes(case: Case) -> dict[str, str]:
    return dict(zip(case.mentions["label"], case.mentions["type"], strict=True))


def test_networkx_edgelist_with_data_reads_each_key(tmp_path: Path) -> None:
    """nx.write_edgelist(G, path): the dict's weight is the weight, its kind the link
    kind, other keys the link's attrs; an edge with no weight counts 1."""
    g = nx.DiGraph()
    g.add_edge("ana", "bogdan", weight=3.0, kind="paid")
    g.add_edge("bogdan", "cris", weight=1.5, note="cash at the border")
    g.add_edge("cris", "ana")
    data = tmp_path / "graph.edgelist"
    nx.write_edgelist(g, data)
    case, text, output = _ingested(data, tmp_path)
    assert "# Detected: networkx's edge list with data" in text
    assert _nodes(case) == dict.fromkeys(["ana", "bogdan", "cris"], "person")
    assert _links(case) == [
        ("ana", "bogdan", "paid", 3.0),
        ("bogdan", "cris", "contacted", 1.5),
        ("cris", "ana", "contacted", 1.0),
    ]
    notes = sorted(str(json.loads(a).get("note")) for a in case.links["attrs"])
    assert notes == ["None", "None", "cash at the border"]
    assert "1 edge with no weight" in output
    assert case.rejects.empty


def test_networkx_edgelist_dict_is_never_evaluated(tmp_path: Path) -> None:
    """A dict that is code, not a literal, is a reject naming its row; the edge is kept
    (weight 1), and the code never runs."""
    marker = tmp_path / "ran"
    data = tmp_path / "hostile.txt"
    data.write_text(
        "ana bogdan {'weight': 2.0}\n"
        f"bogdan cris {{'weight': __import__('pathlib').Path({str(marker)!r}).touch()}}\n"
        "cris ana {'weight': 4.0}\n",
        encoding="utf-8",
    )
    case, _, _ = _ingested(data, tmp_path)
    assert not marker.exists()
    assert _links(case) == [
        ("ana", "bogdan", "contacted", 2.0),
        ("bogdan", "cris", "contacted", 1.0),
        ("cris", "ana", "contacted", 4.0),
    ]
    rejects = case.rejects[["row", "reason", "level"]].values.tolist()
    assert rejects == [[2, "edge_data_invalid", "value"]]


def test_networkx_weighted_edgelist_with_an_unweighted_edge(tmp_path: Path) -> None:
    """nx.write_weighted_edgelist writes `a b` for an edge with no weight: it counts 1."""
    g = nx.Graph()
    g.add_edge("ana", "bogdan", weight=3.0)
    g.add_edge("bogdan", "cris", weight=1.5)
    g.add_edge("cris", "dana")
    data = tmp_path / "weighted.edgelist"
    nx.write_weighted_edgelist(g, data)
    case, text, output = _ingested(data, tmp_path)
    assert "column 3 numbers: the weight" in text
    assert _links(case) == [
        ("ana", "bogdan", "contacted", 3.0),
        ("bogdan", "cris", "contacted", 1.5),
        ("cris", "dana", "contacted", 1.0),
    ]
    assert "1 edge with no weight" in output


def test_blank_weight_counts_one_and_a_word_is_a_reject(tmp_path: Path) -> None:
    """A blank weight cell: the tie is written, weight 1; "high" is a weight_invalid
    reject naming its row and column, the tie kept with weight 1 (never NaN)."""
    data = tmp_path / "ties.csv"
    data.write_text(
        "source,target,weight\nana,bogdan,2\nbogdan,cris,\ncris,dana,high\ndana,ana,0.5\n",
        encoding="utf-8",
    )
    case, _, output = _ingested(data, tmp_path)
    assert _links(case) == [
        ("ana", "bogdan", "contacted", 2.0),
        ("bogdan", "cris", "contacted", 1.0),
        ("cris", "dana", "contacted", 1.0),
        ("dana", "ana", "contacted", 0.5),
    ]
    rejects = case.rejects[["row", "column", "reason", "value"]].values.tolist()
    assert rejects == [[3, "weight", "weight_invalid", "high"]]
    assert "2 edges with no weight" in output


def test_repeated_pairs_are_summed_visibly_or_kept_by_the_mapping(tmp_path: Path) -> None:
    """5 rows of 2 repeated pairs: summed into 2 links by default, and the summary says
    so; `combine: last` keeps the last row's weight, `combine: each` every row."""
    data = tmp_path / "repeats.csv"
    data.write_text(
        "source,target,weight\na,b,2\nb,c,1\na,b,3\nb,c,4\nc,a,1\nb,c,5\n", encoding="utf-8"
    )
    case, text, output = _ingested(data, tmp_path)
    assert "Repeated pairs: 5 rows write 2 pairs more than once" in text
    assert "5 rows of repeated pairs summed into 2 links (combine: sum)" in output
    assert _links(case) == [
        ("a", "b", "contacted", 5.0),
        ("b", "c", "contacted", 10.0),
        ("c", "a", "contacted", 1.0),
    ]
    case, _, output = _ingested(data, tmp_path, combine="last")
    assert "read by their last row into 2 links (combine: last)" in output
    assert _links(case) == [
        ("a", "b", "contacted", 3.0),
        ("b", "c", "contacted", 5.0),
        ("c", "a", "contacted", 1.0),
    ]
    case, _, output = _ingested(data, tmp_path, combine="each")
    assert "5 rows repeat 2 pairs, each kept as its own link" in output
    assert _links(case) == [
        ("a", "b", "contacted", 2.0),
        ("a", "b", "contacted", 3.0),
        ("b", "c", "contacted", 1.0),
        ("b", "c", "contacted", 4.0),
        ("b", "c", "contacted", 5.0),
        ("c", "a", "contacted", 1.0),
    ]
    assert case.links["link_id"].is_unique


def test_a_person_organisation_list_is_membership(tmp_path: Path) -> None:
    """`person,organisation`: persons member_of organisation entities, not events."""
    data = tmp_path / "members.csv"
    data.write_text(
        "person,organisation\nIon Rusu,Black Wolves\nOleg Tkach,Black Wolves\n"
        "Ana Popa,Red Star\nIon Rusu,Red Star\n",
        encoding="utf-8",
    )
    case, text, _ = _ingested(data, tmp_path)
    assert "# Detected: a two-mode (membership) list" in text
    assert _nodes(case) == {
        "Ion Rusu": "person", "Oleg Tkach": "person", "Ana Popa": "person",
        "Black Wolves": "organisation", "Red Star": "organisation",
    }  # fmt: skip
    assert _links(case) == [
        ("Ana Popa", "Red Star", "member_of", 1.0),
        ("Ion Rusu", "Black Wolves", "member_of", 1.0),
        ("Ion Rusu", "Red Star", "member_of", 1.0),
        ("Oleg Tkach", "Black Wolves", "member_of", 1.0),
    ]


def test_companies_by_their_legal_form_are_organisations(tmp_path: Path) -> None:
    """A second column whose header says no more than "affiliation" but whose labels
    carry legal forms (SRL, Ltd, GmbH): membership; `person,event` stays attendance."""
    companies = tmp_path / "firms.csv"
    companies.write_text(
        "person,affiliation\nAna,Alfa Trans SRL\nBo,Alfa Trans SRL\nCy,Nord Ltd\n"
        "Dee,Nord Ltd\nEd,Ost GmbH\n",
        encoding="utf-8",
    )
    case, _, _ = _ingested(companies, tmp_path)
    assert {t for label, t in _nodes(case).items() if len(label) > 3} == {"organisation"}
    assert {k for _, _, k, _ in _links(case)} == {"member_of"}
    events = tmp_path / "summits.csv"
    events.write_text(
        "person,event\nAna,Summit Milan\nBo,Summit Milan\nCy,Dinner Como\nAna,Dinner Como\n",
        encoding="utf-8",
    )
    case, _, _ = _ingested(events, tmp_path)
    assert _nodes(case)["Summit Milan"] == "event"
    assert _links(case) == [
        ("Ana", "Dinner Como", "attended", 1.0),
        ("Ana", "Summit Milan", "attended", 1.0),
        ("Bo", "Summit Milan", "attended", 1.0),
        ("Cy", "Dinner Como", "attended", 1.0),
    ]


def test_a_country_network_has_location_nodes(tmp_path: Path) -> None:
    """A TIP-style `source,target,weight` of country names or codes: location nodes with
    their country (no persons, so no victim warning), linked by flows."""
    names = tmp_path / "tip.csv"
    names.write_text(
        "source,target,weight\nNigeria,Italy,12\nRomania,Italy,3\nNigeria,Spain,5\n"
        "Romania,Spain,2\n",
        encoding="utf-8",
    )
    case, text, output = _ingested(names, tmp_path)
    assert "# Countries: 4 of the 4 node labels are countries" in text
    assert "(kind flow)" in text
    assert "kind contacted" not in text
    assert _nodes(case) == dict.fromkeys(["Nigeria", "Italy", "Romania", "Spain"], "location")
    countries = dict(zip(case.mentions["label"], case.mentions["country"], strict=True))
    assert countries == {"Nigeria": "NG", "Italy": "IT", "Romania": "RO", "Spain": "ES"}
    assert _links(case) == [
        ("Nigeria", "Italy", "flow", 12.0),
        ("Nigeria", "Spain", "flow", 5.0),
        ("Romania", "Italy", "flow", 3.0),
        ("Romania", "Spain", "flow", 2.0),
    ]
    assert "no person is marked as a victim" not in output
    codes = tmp_path / "tip_codes.txt"
    codes.write_text("NG,IT,12\nRO,IT,3\nNG,ES,5\nRO,ES,2\nNG,IT,1\n", encoding="utf-8")
    case, _, output = _ingested(codes, tmp_path)
    assert set(_nodes(case).values()) == {"location"}
    assert set(case.mentions["country"]) == {"NG", "IT", "RO", "ES"}
    assert ("NG", "IT", "flow", 13.0) in _links(case)
    assert "no person is marked as a victim" not in output


def test_person_names_that_are_not_countries_stay_persons(tmp_path: Path) -> None:
    """One name that is a country (Chad) among persons' names does not make places."""
    data = tmp_path / "ties.csv"
    data.write_text("source,target\nChad,Ana\nAna,Bogdan\nBogdan,Cris\n", encoding="utf-8")
    case, _, _ = _ingested(data, tmp_path)
    assert set(_nodes(case).values()) == {"person"}
