"""`mapping suggest` on network files: adjacency matrices (symmetric, directed, two-mode)
and edge lists (preset headers, or none), each drafted so that `ingest --mapping DRAFT`
reads the network unedited. Small files built here, against hand-computed nodes, links
and weights; then the public criminal-network datasets against their READMEs' counts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _suggest(data: Path, tmp: Path) -> tuple[Path, str, dict]:
    """(draft path, its text, its YAML) drafted by `mapping suggest`."""
    draft = tmp / f"{data.name}.yaml"
    _cli("mapping", "suggest", str(data), "-o", str(draft))
    text = draft.read_text(encoding="utf-8")
    return draft, text, yaml.safe_load(text)


def _ingested(data: Path, tmp: Path) -> tuple[Case, str, dict]:
    """The case `ingest` makes of ``data`` with the unedited draft, the draft's text and
    YAML."""
    draft, text, mapping = _suggest(data, tmp)
    case = tmp / f"case_{data.stem}"
    _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case), "-q")
    return Case.read(case), text, mapping


def _weights(case: Case) -> dict[tuple[str, str, str], float]:
    """(source label, target label, kind) -> weight of each link."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    return {
        (label[s], label[d], k): w
        for s, d, k, w in zip(
            case.links["src"], case.links["dst"], case.links["kind"], case.links["weight"],
            strict=True,
        )
    }  # fmt: skip


def _nodes(case: Case) -> dict[str, str]:
    """label -> entity type of each node."""
    return dict(zip(case.mentions["label"], case.mentions["type"], strict=True))


def test_a_symmetric_matrix_gives_one_undirected_link_per_pair(tmp_path: Path) -> None:
    data = tmp_path / "gang.csv"
    data.write_text(
        '"",Ana,Bo,Cy,Dee\nAna,0,1,0,2\nBo,1,0,1,0\nCy,0,1,0,0\nDee,2,0,0,0\n', encoding="utf-8"
    )
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["format"] == "matrix"
    assert "directed" not in mapping["network"]
    assert "# Detected: an adjacency matrix" in text
    assert "# Symmetric: every tie is written both ways" in text
    assert _nodes(case) == dict.fromkeys(["Ana", "Bo", "Cy", "Dee"], "person")
    assert _weights(case) == {
        ("Ana", "Bo", "associate"): 1.0,
        ("Bo", "Cy", "associate"): 1.0,
        ("Ana", "Dee", "associate"): 2.0,
    }


def test_a_directed_matrix_keeps_each_direction_and_a_column_only_label(
    tmp_path: Path,
) -> None:
    # Row = caller, column = receiver; Dee only heads a column (called by no one listed).
    data = tmp_path / "calls.csv"
    data.write_text(",A,B,C,Dee\nA,0,3,0,0\nB,1,0,0,0\nC,0,5,0,0\n", encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["format"] == "matrix"
    assert "# Directed: 3 of 3 ties have no equal mirror cell" in text
    assert "only in the header: Dee" in text
    assert set(_nodes(case)) == {"A", "B", "C", "Dee"}
    assert _weights(case) == {
        ("A", "B", "contacted"): 3.0,
        ("B", "A", "contacted"): 1.0,
        ("C", "B", "contacted"): 5.0,
    }


def test_a_two_mode_matrix_is_persons_attending_events(tmp_path: Path) -> None:
    data = tmp_path / "summits.csv"
    data.write_text(
        '"","Summit, Milan",Summit Rome,Dinner Como,Wedding\n'
        "Ana Rossi,1,0,1,0\nBo Greco,1,1,0,0\nCy Russo,0,0,1,0\n",
        encoding="utf-8",
    )
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["network"]["target_type"] == "event"
    assert mapping["network"]["kind"] == "attended"
    assert "# Detected: a two-mode (affiliation) matrix" in text
    assert "--project-onto person" in text
    assert _nodes(case) == {
        "Ana Rossi": "person", "Bo Greco": "person", "Cy Russo": "person",
        "Summit, Milan": "event", "Summit Rome": "event", "Dinner Como": "event",
        "Wedding": "event",
    }  # fmt: skip
    assert _weights(case) == {
        ("Ana Rossi", "Summit, Milan", "attended"): 1.0,
        ("Ana Rossi", "Dinner Como", "attended"): 1.0,
        ("Bo Greco", "Summit, Milan", "attended"): 1.0,
        ("Bo Greco", "Summit Rome", "attended"): 1.0,
        ("Cy Russo", "Dinner Como", "attended"): 1.0,
    }
    # Co-attendance: Ana-Bo (Milan), Ana-Cy (Como).
    folder = tmp_path / "case_summits"
    _cli("analyze", str(folder), "--project-onto", "person", "-q")
    metrics = pd.read_parquet(folder / "metrics.parquet")
    assert dict(zip(metrics["label"], metrics["degree"], strict=True)) == {
        "Ana Rossi": 2, "Bo Greco": 1, "Cy Russo": 1,
    }  # fmt: skip


def test_an_edge_list_with_preset_headers_sums_repeated_pairs(tmp_path: Path) -> None:
    data = tmp_path / "wiretap.csv"
    data.write_text("source,target,calls\nn1,n2,5\nn2,n1,2\nn1,n3,1\nn1,n2,4\n", encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["format"] == "edgelist"
    assert mapping["network"]["source"] == "source"
    assert mapping["network"]["target"] == "target"
    assert mapping["network"]["weight"] == "calls"
    assert "# Detected: an edge list with a header" in text
    assert "# Directed: each row is a link source -> target" in text
    assert set(_nodes(case)) == {"n1", "n2", "n3"}
    assert _weights(case) == {
        ("n1", "n2", "contacted"): 9.0,
        ("n2", "n1", "contacted"): 2.0,
        ("n1", "n3", "contacted"): 1.0,
    }


def test_an_edge_list_header_with_a_time_and_a_phase(tmp_path: Path) -> None:
    data = tmp_path / "contacts.csv"
    data.write_text(
        "phase,from,to,date\n1,Ana,Bo,2024-03-01\n1,Ana,Bo,2024-03-02\n2,Bo,Cy,2024-04-01\n",
        encoding="utf-8",
    )
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["network"] == {
        "source": "from", "target": "to", "time": "date", "kind": "contacted",
        "node_type": "person", "combine": "sum",
    }  # fmt: skip
    assert "# Columns not mapped: phase" in text
    assert "group_by: [phase]" in text
    assert len(case.links) == 3  # each dated contact its own link
    assert sorted(case.links["time"].dt.strftime("%Y-%m-%d")) == [
        "2024-03-01", "2024-03-02", "2024-04-01",
    ]  # fmt: skip


def test_a_headerless_pair_list_with_a_node_list_keeps_the_isolate(tmp_path: Path) -> None:
    # 0-based ids, each pair written smaller id first (an undirected list), 2-3 twice;
    # nodes.csv beside it lists node 7, which has no tie.
    pairs = ["0 1", "0 2", "1 2", "2 3", "2 3", "3 4", "0 4", "4 5", "5 6", "1 6", "3 10"]
    data = tmp_path / "Data.txt"
    data.write_text("\n".join(pairs) + "\n", encoding="utf-8")
    nodes = tmp_path / "nodes.csv"
    labels = ["0", "1", "2", "3", "4", "5", "6", "7", "10"]
    nodes.write_text("".join(f"{n},Role {n}\n" for n in labels), encoding="utf-8-sig")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["format"] == "edgelist"
    assert mapping["header"] is False
    assert mapping["network"]["source"] == 0
    assert mapping["network"]["target"] == 1
    assert mapping["network"]["directed"] is False
    assert mapping["network"]["nodes"] == "nodes.csv"
    assert "# Detected: an edge list without a header: two columns of integer ids" in text
    assert "# Undirected: each of the 10 pairs is written smaller label first" in text
    assert "# Node list: nodes.csv (its name says nodes) lists every node of this file" in text
    # the header-less node list names its ids (id, label): the nodes are shown by name
    assert set(_nodes(case)) == {f"Role {n}" for n in labels}
    weights = _weights(case)
    assert len(weights) == 10
    assert weights[("Role 2", "Role 3", "associate")] == 2.0
    assert {k for _, _, k in weights} == {"associate"}
    assert sum(weights.values()) == 11.0


def test_pairs_written_larger_label_first_are_undirected_too(tmp_path: Path) -> None:
    """igraph and R's networkdata store an undirected graph larger id first (tester
    round 16, R9): as undirected as a list written smaller first; a self-loop aside."""
    pairs = ["1,0", "2,0", "2,1", "3,2", "4,3", "4,0", "5,4", "6,5", "6,1", "10,3", "7,7"]
    data = tmp_path / "ties.csv"
    data.write_text("from,to\n" + "\n".join(pairs) + "\n", encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["network"]["directed"] is False
    assert "# Undirected: each of the 10 pairs is written larger label first" in text
    assert {k for _, _, k in _weights(case)} == {"associate"}


def test_a_headerless_weighted_list_of_names_is_directed(tmp_path: Path) -> None:
    data = tmp_path / "ties.tsv"
    data.write_text("Ann Lee\tBob Ray\t2\nBob Ray\tCy Li\t1\nCy Li\tAnn Lee\t4\n", encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["header"] is False
    assert mapping["network"]["weight"] == 2
    assert "directed" not in mapping["network"]
    assert "column 3 numbers: the weight" in text
    assert _weights(case) == {
        ("Ann Lee", "Bob Ray", "contacted"): 2.0,
        ("Bob Ray", "Cy Li", "contacted"): 1.0,
        ("Cy Li", "Ann Lee", "contacted"): 4.0,
    }


def test_a_first_row_of_ids_is_an_edge_not_a_header(tmp_path: Path) -> None:
    """A weighted id list whose first row looks like a matrix header ("0 1 1": two column
    labels over rows of ids) or holds ids found nowhere else ("14 101") is all edges."""
    repeated = tmp_path / "meetings.csv"
    repeated.write_text("0\t1\t1\n0\t2\t1\n1\t2\t3\n", encoding="utf-8")
    unique = tmp_path / "calls.csv"
    unique.write_text("14\t101\t2\n18\t19\t5\n19\t18\t6\n", encoding="utf-8")
    case, _, mapping = _ingested(repeated, tmp_path)
    assert (mapping["format"], mapping["header"]) == ("edgelist", False)
    assert _weights(case) == {
        ("0", "1", "contacted"): 1.0, ("0", "2", "contacted"): 1.0, ("1", "2", "contacted"): 3.0,
    }  # fmt: skip
    case, _, mapping = _ingested(unique, tmp_path)
    assert (mapping["format"], mapping["header"]) == ("edgelist", False)
    assert _weights(case) == {
        ("14", "101", "contacted"): 2.0, ("18", "19", "contacted"): 5.0,
        ("19", "18", "contacted"): 6.0,
    }  # fmt: skip


def test_tables_are_not_taken_for_networks(tmp_path: Path) -> None:
    """A person list with numeric columns, a payment table with sender and receiver, a
    table of 0/1 role marks and calls between phone numbers stay tables: their drafts
    have entities, not a network block."""
    people = tmp_path / "people.csv"
    people.write_text("name,age,height\nAna Rossi,31,170\nBo Greco,45,182\n", encoding="utf-8")
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "sender,receiver,amount,currency\nAna Rossi,Bo Greco,100,EUR\nBo Greco,Cy Russo,50,EUR\n",
        encoding="utf-8",
    )
    flags = tmp_path / "flags.csv"  # 0/1 role marks, no persons x roles network
    flags.write_text(
        "name,victim,suspect,witness\nAna Rossi,1,0,0\nBo Greco,0,1,0\nCy Russo,0,0,1\n",
        encoding="utf-8",
    )
    calls = tmp_path / "cdr.csv"  # caller/callee are edge-list headers; phones are not ids
    calls.write_text(
        "Caller,Callee,Start\n4.47712E+11,4.47799E+11,2024-01-12 14:33\n"
        "+40721234567,+40722333444,2024-01-12 14:35\n",
        encoding="utf-8",
    )
    for data in (people, payments, flags, calls):
        _, _, mapping = _suggest(data, tmp_path)
        assert "network" not in mapping, data.name
        assert mapping["entities"], data.name


# -- the public criminal-network datasets ---------------------------------------------------

#: file -> (nodes, undirected ties) as ucinet_criminal_matrices/README.md publishes them.
_UCINET = {
    "morselli_caviar.csv": (110, 205),
    "morselli_cielnet.csv": (25, 35),
    "morselli_siren.csv": (44, 103),
    "morselli_togo.csv": (33, 47),
    "natajaran_cocaine.csv": (28, 40),
    "natajaran_heroin.csv": (38, 87),
    "LONDON_GANG.csv": (54, 315),
    "ITALIAN_GANGS.csv": (67, 114),
    "MONTREALGANG.csv": (35, 78),
    "berlusconietal_oversize.csv": (89, 146),
    "luciaetal_montagna.csv": (40, 51),
    "macdonald_tfc.csv": (112, 361),
}
#: Arcs of the directed ones the READMEs give (caviar/README.md, ucinet README).
_ARCS = {"morselli_caviar.csv": 295, "morselli_cielnet.csv": 45, "luciaetal_montagna.csv": 72}


def _undirected_pairs(case: Case) -> int:
    return len({frozenset(p) for p in zip(case.links["src"], case.links["dst"], strict=True)})


@pytest.mark.parametrize("name", sorted(_UCINET))
def test_ucinet_matrices_read_as_published(
    shared_datasets: Path, tmp_path: Path, name: str
) -> None:
    case, _, mapping = _ingested(shared_datasets / "ucinet_criminal_matrices" / name, tmp_path)
    assert mapping["format"] == "matrix"
    nodes, ties = _UCINET[name]
    assert len(case.mentions) == nodes
    assert _undirected_pairs(case) == ties
    if name in _ARCS:
        assert len(case.links) == _ARCS[name]


def test_ucinet_two_mode_matrix_reads_as_published(shared_datasets: Path, tmp_path: Path) -> None:
    src = shared_datasets / "ucinet_criminal_matrices/NDRANGHETAMAFIA_2M.csv"
    case, _, mapping = _ingested(src, tmp_path)
    assert mapping["network"]["target_type"] == "event"
    assert case.mentions["type"].value_counts().to_dict() == {"person": 156, "event": 47}
    assert len(case.links) == 455  # attendances


def test_caviar_edge_list_reads_as_published(shared_datasets: Path, tmp_path: Path) -> None:
    case, _, mapping = _ingested(shared_datasets / "caviar/caviar_full_edgelist_directed.csv",
                                 tmp_path)  # fmt: skip
    assert mapping["network"]["weight"] == "calls"
    assert len(case.mentions) == 110
    assert len(case.links) == 295
    assert _undirected_pairs(case) == 205
    assert case.links["weight"].sum() == 3546  # total calls


def test_mexico_pair_list_reads_as_published(shared_datasets: Path, tmp_path: Path) -> None:
    case, _, mapping = _ingested(shared_datasets / "human_trafficking_mexico/Data.txt", tmp_path)
    assert mapping["network"]["directed"] is False
    assert len(case.mentions) == 34
    assert len(case.links) == 225
    assert set(case.links["kind"]) == {"associate"}
    density = len(case.links) / (34 * 33 / 2)
    assert round(density, 3) == 0.401  # the paper's


def _ingest_output(data: Path, tmp: Path) -> tuple[Case, str, str]:
    """The case, the draft's comment (its lines joined) and ingest's printed summary."""
    draft, text, _ = _suggest(data, tmp)
    case = tmp / f"case_{data.stem}"
    output = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    comment = " ".join(ln[2:] for ln in text.splitlines() if ln.startswith("# "))
    return Case.read(case), comment + "\n" + text, " ".join(output.split())


def test_role_columns_of_an_edge_list_protect_its_victims(tmp_path: Path) -> None:
    data = tmp_path / "ties.csv"
    data.write_text(
        "source,target,source_role,target_role,relation\n"
        "Ion Rusu,Ana Ceban,suspect,victim,recruited\n"
        "Oleg Tkach,Maria Lungu,suspect,Opfer,exploited\n"
        "Ion Rusu,Oleg Tkach,suspect,suspect,called\n",
        encoding="utf-8",
    )
    case, text, output = _ingest_output(data, tmp_path)
    assert "Nothing in this file marks a victim" not in text
    roles = dict(zip(case.mentions["label"], case.mentions["role"], strict=True))
    assert roles == {"Ion Rusu": "suspect", "Ana Ceban": "victim", "Oleg Tkach": "suspect",
                     "Maria Lungu": "victim"}  # fmt: skip
    assert "no person is marked as a victim" not in output
    analysis = _cli("analyze", str(tmp_path / "case_ties"))
    assert "Ion Rusu" in analysis
    assert "Ana Ceban" not in analysis
    assert "Maria Lungu" not in analysis


def test_an_edge_list_without_roles_warns_at_ingest(tmp_path: Path) -> None:
    data = tmp_path / "ties.csv"
    data.write_text("source,target\nAna,Bob\nBob,Cy\n", encoding="utf-8")
    _, text, output = _ingest_output(data, tmp_path)
    assert "Nothing in this file marks a victim" in text
    assert "no person is marked as a victim: 3 person mentions" in output


def test_a_gephi_pair_by_numeric_id_keeps_names_roles_and_each_edge_type(
    tmp_path: Path,
) -> None:
    """Gephi's nodes.csv (Id, Label, Role) names the edges' numeric ids; its Type column
    says per edge whether it is directed; an unrelated table beside them (row ids 0..40)
    is no node list."""
    (tmp_path / "gang_nodes.csv").write_text(
        "Id,Label,Role,Nationality\n1,Ion Rusu,suspect,MD\n2,Ana Ceban,victim,MD\n"
        "3,Oleg Tkach,suspect,UA\n4,Elena Isolata,victim,MD\n",
        encoding="utf-8",
    )
    (tmp_path / "people.csv").write_text(
        "unique_id,first_name\n" + "".join(f"{i},P{i}\n" for i in range(41)), encoding="utf-8"
    )
    data = tmp_path / "gang_edges.csv"
    data.write_text(
        "Source,Target,Type,Weight\n1,2,Directed,4\n1,3,Undirected,2\n3,1,Undirected,1\n"
        "2,3,Directed,1\n",
        encoding="utf-8",
    )
    case, text, _ = _ingest_output(data, tmp_path)
    assert "# Node list: gang_nodes.csv" in text
    assert "names in 'Label', roles in 'Role'" in text
    roles = dict(zip(case.mentions["label"], case.mentions["role"], strict=True))
    assert roles == {"Ion Rusu": "suspect", "Ana Ceban": "victim", "Oleg Tkach": "suspect",
                     "Elena Isolata": "victim"}  # fmt: skip
    assert _weights(case) == {
        ("Ion Rusu", "Ana Ceban", "contacted"): 4.0,
        ("Ion Rusu", "Oleg Tkach", "associate"): 3.0,  # 1-3 and 3-1, undirected: one tie
        ("Ana Ceban", "Oleg Tkach", "contacted"): 1.0,
    }


def test_an_unrelated_table_beside_an_id_list_is_not_its_node_list(tmp_path: Path) -> None:
    (tmp_path / "fake_1000.csv").write_text(
        "unique_id,first_name\n" + "".join(f"{i},P{i}\n" for i in range(100)), encoding="utf-8"
    )
    data = tmp_path / "wiki.txt"
    data.write_text("1\t2\n2\t3\n3\t1\n4\t5\n", encoding="utf-8")
    case, mapping_text, _ = _ingest_output(data, tmp_path)
    assert "nodes:" not in mapping_text
    assert "fake_1000" not in mapping_text
    assert len(case.mentions) == 5


def test_a_column_of_unix_times_is_each_contacts_time(tmp_path: Path) -> None:
    data = tmp_path / "CollegeMsg.txt"
    data.write_text(
        "1 2 1082129401\n1 2 1082129500\n2 3 1082130000\n1 2 1082140000\n", encoding="utf-8"
    )
    case, text, _ = _ingest_output(data, tmp_path)
    assert "column 3 Unix times (seconds)" in text
    links = case.links
    assert len(links) == 4
    assert set(links["weight"]) == {1.0}
    assert str(links["time"].min()) == "2004-04-16 15:30:01+00:00"


def test_an_undirected_list_stored_both_ways_gives_each_tie_once(tmp_path: Path) -> None:
    data = tmp_path / "ca.txt"
    data.write_text(
        "# Undirected graph\n0\t1\n1\t0\n0\t2\n2\t0\n1\t2\n2\t1\n2\t3\n3\t2\n", encoding="utf-8"
    )
    case, text, output = _ingest_output(data, tmp_path)
    assert "every pair is written both ways with the same weight (8 rows, 4 ties)" in text
    assert _weights(case) == {
        ("0", "1", "associate"): 1.0,
        ("0", "2", "associate"): 1.0,
        ("1", "2", "associate"): 1.0,
        ("2", "3", "associate"): 1.0,
    }
    assert "each read once (4 mirror rows folded)" in output


_ATTENDANCE = (
    "Ion Rusu,meeting-2024-01-05,suspect\nOleg Tkach,meeting-2024-01-05,suspect\n"
    "Vasile Pop,meeting-2024-01-05,suspect\nIon Rusu,meeting-2024-02-10,suspect\n"
    "Ana Ceban,meeting-2024-02-10,victim\nOleg Tkach,dinner-Chisinau,suspect\n"
    "Vasile Pop,dinner-Chisinau,suspect\nIon Rusu,dinner-Chisinau,suspect\n"
)


@pytest.mark.parametrize("header", ["person,summit", "actor,event_id", "Name,Meeting"])
def test_a_two_mode_person_event_list_is_drafted_as_attendance(tmp_path: Path, header: str) -> None:
    """A long list of who attended what (4 persons, 3 events, 8 rows) is persons that
    attended events, not a person table with 0 links: 8 attended links; projected onto
    persons, the co-attendance ties by hand are Ion-Oleg, Ion-Vasile, Oleg-Vasile (two
    meetings) and Ion-Ana: degrees Ion 3, Oleg 2, Vasile 2, Ana 1."""
    data = tmp_path / "attendance.csv"
    rows = "".join(line.rsplit(",", 1)[0] + "\n" for line in _ATTENDANCE.splitlines())
    data.write_text(f"{header}\n{rows}", encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    assert mapping["network"]["target_type"] == "event"
    assert mapping["network"]["kind"] == "attended"
    assert "--project-onto person" in text
    nodes = _nodes(case)
    assert sorted(v for v in nodes.values()) == ["event"] * 3 + ["person"] * 4
    assert nodes["Ana Ceban"] == "person"
    assert nodes["dinner-Chisinau"] == "event"
    weights = _weights(case)
    assert len(weights) == 8
    assert weights[("Ion Rusu", "dinner-Chisinau", "attended")] == 1.0
    _cli("analyze", str(tmp_path / "case_attendance"), "--project-onto", "person", "-q")
    metrics = pd.read_parquet(tmp_path / "case_attendance" / "metrics.parquet")
    degrees = dict(zip(metrics["label"], metrics["degree"], strict=True))
    assert degrees == {"Ion Rusu": 3, "Oleg Tkach": 2, "Vasile Pop": 2, "Ana Ceban": 1}


def test_a_two_mode_list_with_roles_protects_the_victim(tmp_path: Path) -> None:
    """A role column beside person and event marks the persons' roles: Ana Ceban is a
    victim, the other three suspects; the events have no role."""
    data = tmp_path / "attendance_roles.csv"
    data.write_text("person,event,role\n" + _ATTENDANCE, encoding="utf-8")
    case, _text, mapping = _ingested(data, tmp_path)
    assert mapping["network"]["source_role"] == "role"
    roles = dict(zip(case.mentions["label"], case.mentions["role"], strict=True))
    assert roles["Ana Ceban"] == "victim"
    assert roles["Ion Rusu"] == "suspect"
    assert pd.isna(roles["dinner-Chisinau"])
    assert len(case.links) == 8


@pytest.mark.parametrize(
    "content",
    [
        # a register: each person once, with a phone and a group
        "name,phone,group\nIon Rusu,+37369111222,A\nOleg Tkach,+37369111333,A\n"
        "Vasile Pop,+37369111444,B\n",
        # each case on one row only: no event is shared, nothing to project
        "name,case\nIon Rusu,C-1\nOleg Tkach,C-2\nVasile Pop,C-3\n",
    ],
)
def test_a_person_table_with_a_group_column_stays_a_table(tmp_path: Path, content: str) -> None:
    data = tmp_path / "register.csv"
    data.write_text(content, encoding="utf-8")
    _draft, text, mapping = _suggest(data, tmp_path)
    assert mapping.get("format") != "edgelist", text
    assert "person" in mapping.get("entities", {}), text


def test_an_id_pair_header_with_its_classes_file_is_an_edge_list_with_a_node_list(
    tmp_path: Path,
) -> None:
    """Elliptic's shape: ``txId1,txId2`` (headers the preset does not know, named alike
    but for 1/2) is the edge list; ``*_classes.csv`` (txId,class) beside it is its node
    list: 5 nodes (one isolate, 50), 3 links, each node's class in its attrs."""
    data = tmp_path / "elliptic_txs_edgelist.csv"
    data.write_text("txId1,txId2\n10,20\n20,30\n10,40\n", encoding="utf-8")
    (tmp_path / "elliptic_txs_classes.csv").write_text(
        "txId,class\n10,1\n20,2\n30,unknown\n40,2\n50,1\n", encoding="utf-8"
    )
    case, _text, mapping = _ingested(data, tmp_path)
    assert mapping["network"]["source"] == "txId1"
    assert mapping["network"]["target"] == "txId2"
    assert mapping["network"]["nodes"] == "elliptic_txs_classes.csv"
    assert set(_weights(case)) == {
        ("10", "20", "contacted"), ("20", "30", "contacted"), ("10", "40", "contacted")
    }  # fmt: skip
    classes = {
        label: json.loads(attrs)["class"]
        for label, attrs in zip(case.mentions["label"], case.mentions["attrs"], strict=True)
    }
    assert classes == {"10": "1", "20": "2", "30": "unknown", "40": "2", "50": "1"}


def test_shapes_that_are_read_otherwise_say_so(tmp_path: Path) -> None:
    """A node list alone is no table: the error's hint says what the file looks like and
    what reads it, not "write a person list" (networkx's edge list with data is drafted:
    test_suggest_network_files)."""
    nodes = tmp_path / "txs_classes.csv"
    nodes.write_text("txId,class\n10,1\n20,2\n30,unknown\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(nodes)])
    assert result.exit_code != 0
    assert "a node list" in result.output
    assert "person list" not in result.output
    assert "Traceback" not in result.output


def test_a_pajek_network_named_txt_is_read_as_pajek(tmp_path: Path) -> None:
    """``*Vertices`` at the start of a .txt file: read as Pajek with no preset (3 nodes,
    the arc directed, the edge an undirected associate tie)."""
    data = tmp_path / "pajek_like.txt"
    data.write_text('*Vertices 3\n1 "Ana"\n2 "Bogdan"\n3 "Cristi"\n*Arcs\n1 2 3\n*Edges\n1 3 2\n')
    _cli("ingest", str(data), "-o", str(tmp_path / "case"), "-q")
    case = Case.read(tmp_path / "case")
    assert _weights(case) == {
        ("Ana", "Bogdan", "contacted"): 3.0,
        ("Ana", "Cristi", "associate"): 2.0,
    }


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        # symmetric matrix: one undirected tie per pair
        ("sym.csv", '"",Ana,Bo,Cy\nAna,0,1,1\nBo,1,0,0\nCy,1,0,0\n', "associate"),
        # 15 pairs each written smaller id first: a list of undirected ties
        ("pairs.csv", "source,target\n" + "".join(
            f"{a},{b}\n" for a in range(1, 8) for b in range(a + 1, 9) if (a * b) % 3
        ), "associate"),
        # each pair written both ways with the same weight
        ("mirror.csv", "source,target,weight\n1,2,3\n2,1,3\n2,3,1\n3,2,1\n", "associate"),
        # directed matrix and edge list: contacted
        ("dir.csv", '"",Ana,Bo,Cy\nAna,0,1,1\nBo,0,0,0\nCy,1,0,0\n', "contacted"),
        ("calls.csv", "source,target\n1,2\n2,1\n3,1\n1,3\n2,3\n", "contacted"),
    ],
)  # fmt: skip
def test_the_drafts_kind_is_the_one_its_comment_names_and_ingest_writes(
    tmp_path: Path, name: str, content: str, kind: str
) -> None:
    data = tmp_path / name
    data.write_text(content, encoding="utf-8")
    case, text, mapping = _ingested(data, tmp_path)
    comment = " ".join(ln[2:] for ln in text.splitlines() if ln.startswith("# "))
    assert mapping["network"]["kind"] == kind
    assert f"(kind {kind})" in comment
    other = {"associate": "contacted", "contacted": "associate"}[kind]
    assert f"(kind {other})" not in comment
    assert set(case.links["kind"]) == {kind}
