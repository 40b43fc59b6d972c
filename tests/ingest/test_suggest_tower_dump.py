"""A tower dump (or a carrier's CDR) whose record-type column says MOC/MTC, SMS-MO/SMS-MT,
GPRS and LU: `mapping suggest` reads the direction from it, and `ingest` of the draft,
unedited, reads each contact the way it went. Through the CLI, as a user would."""

from __future__ import annotations

from pathlib import Path

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

HEADER = "Seq,Event Time (UTC),MSISDN,IMSI,IMEI,Event Type,Other Party,Cell ID"
# (event type, served MSISDN, other party)
EVENTS = [
    ("MOC", "37369123456", "37379111222"),
    ("MTC", "37379111222", "37369123456"),
    ("SMS-MO", "40722000111", "37369123456"),
    ("SMS-MT", "37360999888", "37369123456"),
    ("GPRS", "37369123456", ""),
    ("LU", "37360999888", ""),
]


def _tower_dump(folder: Path) -> Path:
    """A title line, a blank line, then one row per network event at one site."""
    lines = ["Tower Dump - Site MD-CHI-0412 - 2024-03-01", "", HEADER]
    for n, (kind, served, other) in enumerate(EVENTS, start=1):
        imsi, imei = f"2590112345678{n:02d}", f"3567890123456{n:02d}"
        lines.append(f"{n},2024-03-01 20:0{n}:00,{served},{imsi},{imei},{kind},{other},412")
    path = folder / "dump.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _contacts(case: Case) -> list[tuple[int, str, str, str]]:
    m = case.mentions.set_index("mention_id")["identifier"]
    lk = case.links[case.links["kind"].isin(["called", "messaged"])]
    rows = zip(lk["row"], lk["kind"], lk["src"], lk["dst"], strict=True)
    return sorted((int(r), k, m[s], m[d]) for r, k, s, d in rows)


def test_record_type_column_gives_each_call_its_direction(tmp_path):
    """MTC and SMS-MT rows are the other party calling (texting) the served MSISDN; the
    draft says so (`direction: incoming` on the record-type column) and warns of nothing."""
    data = _tower_dump(tmp_path)
    draft_path, draft = suggest_draft(data, tmp_path)
    called = next(lk for lk in draft["links"] if lk["kind"] == "called")
    assert (called["direction"], called["incoming"]) == ("incoming", "Event Type")
    assert called["record_type"] == "Event Type"
    assert "which way each call went" not in draft_path.read_text(encoding="utf-8")
    code, out = run_cli(
        "ingest", str(data), "--mapping", str(draft_path), "-o", str(tmp_path / "c")
    )
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    # The data session and the location update have no other party: no link, no reject,
    # each makes its subscriber's phone.
    assert case.rejects.empty
    rows = case.mentions[case.mentions["row"] >= 5]
    assert sorted(zip(rows["row"], rows["identifier"], strict=True)) == [
        (5, "+37369123456"),
        (6, "+37360999888"),
    ]
    assert _contacts(case) == [
        (1, "called", "+37369123456", "+37379111222"),
        (2, "called", "+37369123456", "+37379111222"),
        (3, "messaged", "+40722000111", "+37369123456"),
        (4, "messaged", "+37369123456", "+37360999888"),
    ]
