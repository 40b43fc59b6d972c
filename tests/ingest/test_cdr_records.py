"""Carrier call-detail records: the served line (the warrant's target) and its subscriber,
record types (calls, messages, data sessions), handset and cell position; and drafts of
`mapping suggest` that pass `mapping check`. Through the CLI, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from tests.ingest.helpers import linked

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

SUBSCRIBER = "+40721345678"
# (record type, other party, A, B): the served line is A on MO rows and B on MT rows.
ROWS = [
    ("MOC", "40722111222", "40721345678", "40722111222"),
    ("MTC", "40744555666", "40744555666", "40721345678"),
    ("SMS-MO", "380671234567", "40721345678", "380671234567"),
    ("SMS-MT", "40733999000", "40733999000", "40721345678"),
    ("GPRS", "40722111222", "40721345678", "40722111222"),
]


def _carrier_csv(folder: Path, with_ab: bool = True) -> Path:
    """A carrier's export for one line: served MSISDN, A and B numbers (or only the other
    party), record type, IMEI, IMSI, cell with latitude and longitude, one subscriber."""
    head = ["Record Type", "Served MSISDN", "Other Party"]
    head += ["A Number", "B Number"] if with_ab else []
    head += ["IMEI", "IMSI", "Start Date", "Duration", "Cell ID", "Latitude", "Longitude"]
    head += ["Subscriber Name"]
    lines = [",".join(head)]
    for n, (kind, other, a, b) in enumerate(ROWS, start=1):
        cells = [kind, "40721345678", other] + ([a, b] if with_ab else [])
        cells += ["356938035643809", "226101234567890", f"0{n}.03.2024 08:00:05", "00:01:07"]
        cells += [f"226-10-4100-2000{n}", f"44.43{n}", f"26.10{n}", "POPESCU ION"]
        lines.append(",".join(cells))
    path = folder / ("carrier.csv" if with_ab else "served.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _suggest_ingest(path: Path, tmp: Path) -> tuple[Case, dict]:
    """``path`` through `mapping suggest` and `ingest` with no edit."""
    draft = tmp / f"{path.stem}.yaml"
    code, out = _cli("mapping", "suggest", str(path), "-o", str(draft))
    assert code == 0, out
    code, out = _cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp / "case"), "-q")
    assert code == 0, out
    return Case.read(tmp / "case"), yaml.safe_load(draft.read_text(encoding="utf-8"))


# The contacts of the five rows, each in the direction it went; the GPRS row is none.
CONTACTS = [
    ("called", "+40721345678", "+40722111222"),
    ("called", "+40744555666", "+40721345678"),
    ("messaged", "+40721345678", "+380671234567"),
    ("messaged", "+40733999000", "+40721345678"),
]


def _contacts(case: Case) -> list[tuple[str, str, str]]:
    m = case.mentions.set_index("mention_id")["identifier"]
    lk = case.links[case.links["kind"].isin(["called", "messaged"])]
    return sorted((k, m[s], m[d]) for k, s, d in zip(lk["kind"], lk["src"], lk["dst"], strict=True))


@pytest.mark.parametrize("with_ab", [True, False], ids=["a_b_numbers", "served_and_other"])
def test_subscriber_uses_only_the_served_line(tmp_path, with_ab):
    """The subscriber's name is tied to the served MSISDN, not to the A number (the other
    party on incoming rows); each call and message goes the way it went."""
    case, draft = _suggest_ingest(_carrier_csv(tmp_path, with_ab), tmp_path)
    assert set(linked(case, kinds=["uses_phone"])) == {("POPESCU ION", SUBSCRIBER)}
    assert _contacts(case) == sorted(CONTACTS)
    called = [lk for lk in draft["links"] if lk["kind"] == "called"]
    assert called[0]["record_type"] == "Record Type"


def test_data_sessions_are_no_calls_and_are_rejected_with_a_reason(tmp_path):
    case, _ = _suggest_ingest(_carrier_csv(tmp_path), tmp_path)
    rejects = case.rejects[case.rejects["reason"] == "not_a_call"]
    assert rejects[["row", "column", "value"]].values.tolist() == [[5, "Record Type", "GPRS"]]
    contacts = case.links[case.links["kind"].isin(["called", "messaged"])]
    assert sorted(contacts["row"]) == [1, 2, 3, 4]
    # The row still shows the subscriber on the served line.
    assert case.links.loc[case.links["row"] == 5, "kind"].tolist() == ["uses_phone"]


def test_handset_and_cell_position_are_kept(tmp_path):
    """IMEI and IMSI on the served line's phone; the cell's latitude and longitude, and the
    normalised record type, on each link."""
    case, _ = _suggest_ingest(_carrier_csv(tmp_path), tmp_path)
    phones = case.mentions[case.mentions["type"] == "phone"]
    served = phones[phones["attrs"].notna() & phones["attrs"].str.contains("imei")]
    assert set(served["identifier"]) == {SUBSCRIBER}
    assert json.loads(served["attrs"].iloc[0]) == {
        "imei": "356938035643809",
        "imsi": "226101234567890",
    }
    first = case.links[case.links["row"] == 1].iloc[0]
    assert json.loads(first["attrs"]) == {
        "duration": "67",  # 00:01:07 in seconds
        "cell": "226-10-4100-20001",
        "lat": "44.431",
        "lon": "26.101",
        "type": "voice",
    }


def test_cdr_preset_reads_record_types_positions_and_the_served_line(tmp_path):
    """A tower dump and a carrier export through the cdr preset: data sessions rejected,
    SMS as messaged links, positions kept, the subscriber on the served line."""
    path = tmp_path / "dump.csv"
    path.write_text(
        "calling_number,called_number,start_time,duration,cell_id,lat,lon,call_type\n"
        "40723254257,40742058756,2024-05-01 20:00:00,261,22610-4711,44.4268,26.1025,voice\n"
        "40729312021,40748541208,2024-05-02 21:01:07,483,22610-4711,44.4268,26.1025,data\n"
        "40727368886,40744522457,2024-05-03 22:02:14,96,22610-4711,44.4268,26.1025,sms\n",
        encoding="utf-8",
    )
    code, out = _cli("ingest", str(path), "--preset", "cdr", "-o", str(tmp_path / "t"), "-q")
    assert code == 0, out
    case = Case.read(tmp_path / "t")
    assert _contacts(case) == [
        ("called", "+40723254257", "+40742058756"),
        ("messaged", "+40727368886", "+40744522457"),
    ]
    assert case.rejects["reason"].tolist() == ["not_a_call"]
    assert json.loads(case.links["attrs"].iloc[0])["lat"] == "44.4268"
    carrier = _carrier_csv(tmp_path)
    code, out = _cli("ingest", str(carrier), "--preset", "cdr", "-o", str(tmp_path / "c"), "-q")
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert set(linked(case, kinds=["uses_phone"])) == {("POPESCU ION", SUBSCRIBER)}


def test_a_record_type_not_understood_keeps_the_call_and_says_so(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "a_number,b_number,record_type\n+40723254257,+40742058756,USSD\n", encoding="utf-8"
    )
    code, out = _cli("ingest", str(path), "--preset", "cdr", "-o", str(tmp_path / "c"), "-q")
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert case.links["kind"].tolist() == ["called"]
    assert case.rejects[["reason", "value"]].values.tolist() == [["record_type_invalid", "USSD"]]


def test_record_type_only_on_called_links(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        "entities:\n  p: {type: person, fields: {name: n}}\n"
        "  q: {type: phone, fields: {phone: t}}\n"
        "links:\n  - {kind: uses_phone, src: p, dst: q, record_type: kind}\n",
        encoding="utf-8",
    )
    data = tmp_path / "d.csv"
    data.write_text("n,t,kind\nAna,+40723254257,voice\n", encoding="utf-8")
    code, out = _cli("mapping", "check", str(path), str(data))
    assert code != 0
    assert "links[0].record_type" in out
    assert "`called` link" in out


# -- every draft passes its own check ---------------------------------------------------------


def _cdr_shapes(folder: Path) -> list[Path]:
    """CDR layouts built here: carrier exports, a subscriber's own CDR with a preamble and
    IMEI, and headers near known field names ("Tme", "Cuntry", "IMEI")."""
    own = folder / "own.csv"
    own.write_text(
        "Абонент;+380671234567\n\nДата;Время;Направление;Номер;Длительность;Тип;БС;IMEI\n"
        "01.04.2024;09:00:00;Входящий;380501112233;00:00:00;Голос;25501-300;352099001761481\n"
        "02.04.2024;10:01:00;Исходящий;0671239876;00:01:01;SMS;25501-301;352099001761481\n",
        encoding="utf-8",
    )
    odd = folder / "odd.csv"
    odd.write_text(
        "Name,Phone,Tme,IMEI,Rol,Imsi,Cuntry\n"
        "Ana Pop,+40723254257,x,356938035643809,a,226101234567890,z\n"
        "Ion Rus,+40742058756,y,356938035643810,b,226101234567891,w\n",
        encoding="utf-8",
    )
    return [_carrier_csv(folder), _carrier_csv(folder, with_ab=False), own, odd]


def _drafts_and_files(tmp: Path) -> list[Path]:
    exports = [p for p in sorted(EXPORTS.iterdir()) if p.suffix not in (".py", ".yaml")]
    return exports + _cdr_shapes(tmp)


def test_every_suggested_draft_passes_mapping_check(tmp_path):
    """For each export of the corpus and each CDR shape above, `mapping check` accepts the
    draft `mapping suggest` wrote (an attribute named like a field's typo, "imei" beside
    "time", is renamed, never refused)."""
    failures = []
    for path in _drafts_and_files(tmp_path):
        draft = tmp_path / f"{path.name}.draft.yaml"
        code, out = _cli("mapping", "suggest", str(path), "-o", str(draft))
        assert code == 0, f"{path.name}: {out}"
        code, out = _cli("mapping", "check", str(draft), str(path))
        if code != 0:
            failures.append(f"{path.name}: {out}")
    assert failures == []


# -- the region of a subscriber's CDR ----------------------------------------------------------


def test_region_from_numbers_written_with_their_country_code_alone(tmp_path):
    """The subscriber's number above the header and most other parties are Ukrainian
    numbers written without "+" (380...); one is Romanian with "+": the national numbers
    (067...) are read in UA, and none is rejected."""
    path = tmp_path / "ua.csv"
    rows = [
        "01.04.2024;09:00:00;Входящий;380501112233;Голос",
        "02.04.2024;10:01:00;Исходящий;0671239876;Голос",
        "03.04.2024;11:02:00;Входящий SMS;380937778899;SMS",
        "04.04.2024;12:03:00;Исходящий SMS;+40721345678;SMS",
        "05.04.2024;13:04:00;Исходящий;0671239876;Голос",
    ]
    text = "Абонент;380671234567\n\nДата;Время;Направление;Номер;Тип\n" + "\n".join(rows)
    path.write_text(text + "\n", encoding="utf-8")
    case, draft = _suggest_ingest(path, tmp_path)
    assert draft["region"] == "UA"
    assert case.rejects.empty
    assert _contacts(case) == sorted(
        [
            ("called", "+380501112233", "+380671234567"),
            ("called", "+380671234567", "+380671239876"),
            ("messaged", "+380937778899", "+380671234567"),
            ("messaged", "+380671234567", "+40721345678"),
            ("called", "+380671234567", "+380671239876"),
        ]
    )


def test_a_type_column_that_only_gives_directions_is_not_rejected(tmp_path):
    """A `type` column of MO/MT (which way, not what) read by the cdr preset: calls, with
    the type as written, and no reject."""
    path = tmp_path / "m.csv"
    path.write_text(
        "a_number,b_number,type\n+40723254257,+40742058756,MO\n+40742058756,+40723254257,MT\n",
        encoding="utf-8",
    )
    code, out = _cli("ingest", str(path), "--preset", "cdr", "-o", str(tmp_path / "c"), "-q")
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert case.links["kind"].tolist() == ["called", "called"]
    assert [json.loads(a)["type"] for a in case.links["attrs"]] == ["MO", "MT"]
    assert case.rejects.empty
