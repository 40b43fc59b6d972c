"""A small case linked through the public path: the shared suspects are found, no one else.

Agency A (arrests) holds its persons' phones, agency B (a bank) its persons' accounts: two
kinds of token that can never be equal, so their comparison says nothing (null), never
"none shared". One suspect has only a date of birth at A and only a sex at B: the two
encode disjoint fields of one segment, also null. 7 × 8 persons are too few pairs to learn
weights from; the documented default weights are used and `link` says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.model import Case
from tests.share.conftest import SECRET, run

MAPPING = """\
format: csv
agency: {agency}
entities:
  person:
    type: person
    fields: {{name: full_name, dob: dob, sex: sex, role: role}}
  {kind}:
    type: {kind}
    fields: {{{kind}: {kind}}}
links:
  - {{kind: {link}, src: person, dst: {kind}}}
"""
SIDE_A = (
    "record_id,full_name,dob,sex,phone,role\n"
    "A1,Marius Popescu,1985-03-12,m,+40721000001,suspect\n"
    "A2,Sergiu Balan,1979-07-01,m,+40721000002,suspect\n"
    "A3,Dmytro Kovalenko,1990-11-23,m,+380501234567,suspect\n"
    "A4,Ion Vasile,1988-02-02,,+37369100004,suspect\n"
    "A5,Ahmet Kaya,,,+905321234567,suspect\n"
    "A6,Andrei Munteanu,1982-01-05,m,+40721000006,suspect\n"
    "A7,Petro Shevchenko,1975-06-06,m,+380671112233,suspect\n"
)
SIDE_B = (
    "record_id,full_name,dob,sex,account,role\n"
    "B1,Marius Popescu,1985-03-12,m,RO49AAAA1B31007593840001,suspect\n"
    "B2,Sergiu Balan,1979-07-01,m,RO49AAAA1B31007593840002,suspect\n"
    "B3,Dmytro Kovalenko,1990-11-23,m,UA213996220000026007233566001,suspect\n"
    "B4,Ion Vasile,,m,MD24AG000225100013104168,suspect\n"
    "B5,Ahmet Kaya,,,TR330006100519786457841326,suspect\n"
    "B6,Natalia Rusu,1992-09-09,f,RO49AAAA1B31007593840006,suspect\n"
    "B7,Victor Ceban,1970-12-12,m,MD24AG000225100013104177,suspect\n"
    "B8,Olga Bondar,1987-04-04,f,UA213996220000026007233566008,suspect\n"
)
#: Hand-written truth: (A's name, B's name) of every person both agencies hold.
SHARED = {
    (n, n)
    for n in ("Marius Popescu", "Sergiu Balan", "Dmytro Kovalenko", "Ion Vasile", "Ahmet Kaya")
}


def _case(root: Path, name: str, rows: str, kind: str, link: str) -> Path:
    (root / f"{name}.csv").write_text(rows, encoding="utf-8")
    mapping = MAPPING.format(agency=name, kind=kind, link=link)
    (root / f"{name}.yaml").write_text(mapping, encoding="utf-8")
    out = root / f"case_{name}"
    run("ingest", root / f"{name}.csv", "--mapping", root / f"{name}.yaml", "-o", out, "-q")
    run("resolve", out, "-q")
    return out


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> dict[str, Path | str]:
    root = tmp_path_factory.mktemp("small_case_link")
    secret = root / "secret.txt"
    secret.write_text(SECRET + "\n")
    a = _case(root, "A", SIDE_A, "phone", "uses_phone")
    b = _case(root, "B", SIDE_B, "account", "holds_account")
    bundle = root / "bundle_a"
    shared = run("share", a, "--secret", secret, "-o", bundle)
    printed = run("link", b, "--partner", bundle, "--secret", secret)
    return {"root": root, "secret": secret, "a": a, "b": b, "share": shared, "link": printed}


def _matched_names(linked: dict, tmp_path: Path) -> set[tuple[str, str]]:
    """(A's name, B's name) of every match, through disclose (B asks) and reveal (A answers)."""
    request = tmp_path / "request.csv"
    run("disclose", linked["b"], "--matches", "all", "-o", request)
    release = tmp_path / "release.csv"
    run("reveal", linked["a"], "--secret", linked["secret"], "--request", request, "-o", release)
    asked = pd.read_csv(request, dtype=str, keep_default_na=False)
    answered = pd.read_csv(release, dtype=str, keep_default_na=False)
    names = dict(zip(answered["partner_token"], answered["name"], strict=True))
    pairs = zip(asked["partner_token"], asked["local_label"], strict=True)
    return {(names[token], local) for token, local in pairs}


def test_shared_suspects_found_and_no_one_else(linked, tmp_path):
    assert _matched_names(linked, tmp_path) == SHARED


def test_phones_against_accounts_and_disjoint_fields_are_null(linked):
    """No match's evidence counts the contact comparison (phones vs accounts), nor Ion
    Vasile's date-of-birth segment (a date at A, a sex at B), against it."""
    case = Case.read(linked["b"])
    ev = case.evidence[case.evidence["rule"].astype(str).str.startswith("partner:")]
    fields = [json.loads(f) for f in ev["fields"]]
    assert len(fields) == len(SHARED)
    assert all(f["contact"]["level"] == 0 and f["contact"]["weight"] == 0 for f in fields)
    null_dob = [f for f in fields if f["dob"]["level"] == 0]
    assert len(null_dob) == 2  # Ion Vasile (disjoint fields) and Ahmet Kaya (no dob)


def test_link_says_the_default_weights_were_used(linked):
    assert "5 person matches" in linked["link"]
    assert "default weights used" in linked["link"]
    step = Case.read(linked["b"]).manifest["steps"][-1]
    assert step["stage"] == "link"
    assert "too few candidate pairs" in step["em_fallback"]
    assert step["warnings"]


def test_attack_check_still_passes(linked):
    """The hardening's guarantee holds on this bundle: no attack re-identifies anyone."""
    manifest = json.loads((linked["root"] / "bundle_a" / "manifest.json").read_text())
    assert manifest["attack_check"]["worst_share"] == 0
    assert not manifest["attack_check"]["forced"]


def test_disclose_says_why_it_has_nothing_to_ask(linked, tmp_path):
    """B's persons A does not hold: `link` matches no one, and `disclose --matches all`
    says so (with the link's counts and its note on the weights), not just "0 tokens"."""
    rows = SIDE_B.splitlines()
    others = _case(
        tmp_path, "C", "\n".join([rows[0], *rows[6:]]) + "\n", "account", "holds_account"
    )
    run("link", others, "--partner", linked["root"] / "bundle_a", "--secret", linked["secret"])
    printed = run("disclose", others, "--matches", "all", "-o", tmp_path / "request.csv")
    assert "0 tokens written" in printed
    assert "matched no partner person" in printed
    assert "A: 0 person matches of 21 candidate pairs" in printed


def test_a_salted_and_an_unsalted_encoding_are_not_compared():
    """With ``--salt dob_year`` an encoding without a date of birth is unsalted: its
    filters are unrelated to a salted one's, so such a pair is null in every segment."""
    import numpy as np

    from linkgraph.share.encoding import encoding_settings
    from linkgraph.share.linkage import salted
    from linkgraph.share.sides import Side

    side = Side(
        entity=np.array(["p1", "p2", "p3"], dtype=object),
        filters={},
        present={},
        person_tokens=pd.DataFrame(columns=["entity", "type", "token"]),
        fields={"dob": np.array([1, 2, 3])},  # bit 0: dob, bit 1: sex
    )
    assert salted(side, encoding_settings(salt="dob_year")).tolist() == [True, False, True]
    assert salted(side, encoding_settings()).tolist() == [True, True, True]


def _truth_csv(root: Path) -> Path:
    """Hand-written truth: each record's person is its name (the same name, one person)."""
    lines = ["source,row,slot,person_id"]
    for source, rows in (("A.csv", SIDE_A), ("B.csv", SIDE_B)):
        for row, record in enumerate(rows.splitlines()[1:], start=1):
            lines.append(f"{source},{row},person,{record.split(',')[1]}")
    path = root / "truth.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_linkage_scores_the_link_against_hand_written_truth(linked):
    """The public scoring a notebook uses (``lg.evaluate_linkage``): the five persons both
    agencies hold are the true pairs, and ``link`` matched those five and no one else
    (test_shared_suspects_found_and_no_one_else), so precision and recall are 1."""
    import linkgraph as lg
    from linkgraph.ingest import Source

    truth = _truth_csv(linked["root"])
    secret = lg.read_secret(linked["secret"])
    a, b = Case.read(linked["a"]), Case.read(linked["b"])
    # B's case as `link` left it: its partner persons are no mentions of B's own
    scores = lg.evaluate_linkage(a, b, truth, joined=b, secret=secret)
    assert list(scores.columns) == ["bundle linkage"]
    expected = {"precision": 1.0, "recall": 1.0, "f1": 1.0, "true_pairs": 5,
                "predicted_pairs": 5, "true_positives": 5}  # fmt: skip
    assert scores["bundle linkage"].to_dict() == expected
    # the truth as a DataFrame, the cases as folders, and a plaintext reference beside it
    root = linked["root"]
    both = lg.resolve(
        lg.ingest([Source(root / f"{n}.csv", mapping=root / f"{n}.yaml") for n in "AB"])
    )
    frame = pd.read_csv(truth, dtype=str)
    scores = lg.evaluate_linkage(
        linked["a"], linked["b"], frame, joined=linked["b"], secret=secret, plaintext=both
    )
    assert list(scores.columns) == ["bundle linkage", "plaintext resolution"]
    assert scores.loc["true_pairs"].tolist() == [5, 5]
    with pytest.raises(TypeError, match="secret"):
        lg.evaluate_linkage(a, b, frame, joined=b, secret=SECRET)
