"""Attacks a partner holding the shared secret (or a thief holding a bundle) could make on
a bundle (tester t47), each now failing: row order, pids traced to rows, weak secrets,
re-shared partner data, reveal of unmatched tokens, document tokens, forged bundles."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest._ids import hashed_id
from linkgraph.model import Case
from linkgraph.privacy import protected_ids
from linkgraph.share import read_bundle, read_secret
from linkgraph.share.bundle import _kept_records, _tag
from linkgraph.share.encoding import person_id, tokens
from linkgraph.share.records import own_identifiers, person_records

from .conftest import run

OTHER_SECRET = "7c2e9f4a1b6d3e8f0a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f"


@pytest.fixture(scope="module")
def bundles(two_agencies, tmp_path_factory):
    """A's bundle under the agreed secret and under another one, and B's bundle."""
    root = tmp_path_factory.mktemp("hardening")
    other = root / "other.txt"
    other.write_text(OTHER_SECRET + "\n")
    out = {"root": root, "other_secret": other}
    for name, case, secret in (
        ("a", two_agencies["a"], two_agencies["secret"]),
        ("a_other", two_agencies["a"], other),
        ("b", two_agencies["b"], two_agencies["secret"]),
    ):
        out[name] = root / f"bundle_{name}"
        run("share", case, "--secret", secret, "-o", out[name], "-q")
    return out


def _source_order_pids(case: Case, secret, key: bytes) -> list[str]:
    """The pids in the order the old bundle wrote them: first mention in the source files."""
    records, _, _ = _kept_records(person_records(case), protected_ids(case))
    entities = pd.unique(records["entity_id"].astype(str))
    return list(person_id(secret, entities, key))


def test_rows_are_in_token_order_not_source_order(two_agencies, bundles):
    """H1: row i of the bundle is not the i-th person of the source files, and two
    bundles of one case under two secrets do not line up row for row."""
    a = Case.read(two_agencies["a"])
    secret = read_secret(two_agencies["secret"])
    persons = pd.read_parquet(bundles["a"] / "persons.parquet")
    pids = persons["pid"].tolist()
    assert pids == sorted(pids)
    source = _source_order_pids(a, secret, a.pseudonym_key)
    in_bundle = list(dict.fromkeys(pids))
    assert sorted(source) == sorted(in_bundle)  # the same persons ...
    same_place = np.mean([x == y for x, y in zip(source, in_bundle, strict=True)])
    assert same_place < 0.1  # ... in an order the source files do not give
    nodes = pd.read_parquet(bundles["a"] / "nodes.parquet")
    assert nodes["node_id"].tolist() == sorted(nodes["node_id"])
    links = pd.read_parquet(bundles["a"] / "links.parquet")
    keys = list(zip(links["src"], links["dst"], links["kind"], strict=True))
    assert keys == sorted(keys)
    # Two secrets: the rows' patterns of present segments no longer line up.
    other = pd.read_parquet(bundles["a_other"] / "persons.parquet")
    cols = [c for c in persons.columns if c.startswith("has_")]
    assert len(other) == len(persons)
    agree = (persons[cols].to_numpy() == other[cols].to_numpy()).all(axis=1).mean()
    assert agree < 0.9


def test_partner_with_the_secret_cannot_trace_pids_to_rows(two_agencies, bundles):
    """H2 (t47 pid_rows.py): pid = HMAC(secret, entity id) and entity id = hash of (file,
    slot, row) let the secret holder map every pid to its source row. Not any more."""
    secret = read_secret(two_agencies["secret"])
    key = secret.key("person")
    pids = set(pd.read_parquet(bundles["a"] / "persons.parquet")["pid"])
    a = Case.read(two_agencies["a"])
    guesses = set()
    for entity in person_records(a)["entity_id"].astype(str):  # even knowing every entity id
        guesses.add("p:" + hmac.new(key, entity.encode(), hashlib.sha256).hexdigest()[:24])
    for source in ("arrests.csv", "hotline.xlsx", "ads.jsonl"):
        for row in range(0, 400):
            for sub in (0, 1):
                for item in (0, 1):
                    m = hashed_id("m", [source, "person"], row, sub, item)
                    guesses.add(
                        "p:"
                        + hmac.new(key, ("e:" + m[2:]).encode(), hashlib.sha256).hexdigest()[:24]
                    )
    assert not pids & guesses
    # The sharing case finds its own persons behind the pids (what reveal does).
    own = set(person_id(secret, person_records(a)["entity_id"].astype(str), a.pseudonym_key))
    assert pids <= own


@pytest.mark.parametrize(
    "weak", ["passwordpassword", "a" * 64, "Operation Lantern 2026", "0" * 63 + "1"]
)
def test_weak_secrets_are_refused(two_agencies, tmp_path, weak):
    """H3: secrets t47 cracked from the key check are refused, saying how to make one."""
    file = tmp_path / "weak.txt"
    file.write_text(weak + "\n")
    result = CliRunner().invoke(
        cli, ["share", str(two_agencies["a"]), "--secret", str(file), "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 1
    assert "--new-secret" in result.output
    assert not (tmp_path / "x").exists()


def test_new_secret_is_random_and_accepted(tmp_path):
    first, second = tmp_path / "s1.txt", tmp_path / "s2.txt"
    run("share", "--new-secret", first)
    run("share", "--new-secret", second)
    values = [p.read_text().strip() for p in (first, second)]
    assert values[0] != values[1]
    assert all(len(v) == 64 and int(v, 16) >= 0 for v in values)
    read_secret(first)
    again = CliRunner().invoke(cli, ["share", "--new-secret", str(first)])
    assert again.exit_code != 0
    assert first.read_text().strip() == values[0]


def test_key_check_costs_a_scrypt_run(two_agencies, bundles):
    """H3: the manifest's key check is computed from the scrypt-stretched secret (the
    reference below does scrypt itself), so one guess costs a KDF run, not an HMAC."""
    manifest = json.loads((bundles["a"] / "manifest.json").read_text())
    kdf = manifest["kdf"]
    assert kdf["name"] == "scrypt"
    assert kdf["n"] >= 2**14
    value = two_agencies["secret"].read_bytes().strip()
    master = hashlib.scrypt(
        value, salt=kdf["salt"].encode(), n=kdf["n"], r=kdf["r"], p=kdf["p"],
        maxmem=2**27, dklen=32,
    )  # fmt: skip
    check_key = hmac.new(master, b"linkgraph-share/2/check", hashlib.sha256).digest()
    expected = hmac.new(check_key, b"key check", hashlib.sha256).hexdigest()[:16]
    assert manifest["key_check"] == expected
    # The old one-HMAC check value (t47 attack.py) no longer matches.
    old = hmac.new(value, b"linkgraph-share/1/check", hashlib.sha256).digest()
    assert manifest["key_check"] != hmac.new(old, b"key check", hashlib.sha256).hexdigest()[:16]


def test_old_format_bundle_is_refused_clearly(two_agencies, bundles, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(bundles["a"], old)
    manifest = json.loads((old / "manifest.json").read_text())
    manifest["format_version"] = 1
    (old / "manifest.json").write_text(json.dumps(manifest))
    result = CliRunner().invoke(
        cli, ["link", str(two_agencies["b"]), "--partner", str(old),
              "--secret", str(two_agencies["secret"]), "-o", str(tmp_path / "j")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "format 1" in result.output
    assert "share again" in result.output


def _linked(case: Path, bundle: Path, secret: Path, out: Path) -> Path:
    shutil.copytree(case, out)
    run("link", out, "--partner", bundle, "--secret", secret, "-q")
    return out


def test_reshare_leaves_the_partners_data_out(two_agencies, bundles):
    """M1: B, having linked A's bundle, shares with C: nothing of A goes along unless
    --include-partners (and then the manifest says so)."""
    root = bundles["root"]
    joined = _linked(two_agencies["b"], bundles["a"], two_agencies["secret"], root / "b_linked")
    to_c = root / "b_to_c"
    run("share", joined, "--secret", bundles["other_secret"], "-o", to_c, "-q")
    a_agency = read_bundle(bundles["a"], read_secret(two_agencies["secret"])).agency
    manifest = json.loads((to_c / "manifest.json").read_text())
    assert a_agency not in manifest["agency"]
    assert manifest["partners_included"] == []
    own = root / "b_own"
    run("share", two_agencies["b"], "--secret", bundles["other_secret"], "-o", own, "-q")
    for table in ("nodes", "links"):
        assert len(pd.read_parquet(to_c / f"{table}.parquet")) == len(
            pd.read_parquet(own / f"{table}.parquet")
        )
    assert set(pd.read_parquet(to_c / "nodes.parquet")["node_id"]) == set(
        pd.read_parquet(own / "nodes.parquet")["node_id"]
    )
    with_a = root / "b_to_c_all"
    run("share", joined, "--secret", bundles["other_secret"], "-o", with_a, "-q",
        "--include-partners", "--force")  # fmt: skip
    manifest = json.loads((with_a / "manifest.json").read_text())
    assert manifest["partners_included"] == [a_agency]
    assert len(pd.read_parquet(with_a / "links.parquet")) > len(
        pd.read_parquet(own / "links.parquet")
    )


def test_reveal_releases_only_what_the_partner_matched(two_agencies, bundles, tmp_path):
    """M2: A has linked B's bundle; B asks about every person of A's bundle: only those a
    person of B's bundle matched are released, the rest only with --unmatched."""
    secret = two_agencies["secret"]
    a_linked = _linked(two_agencies["a"], bundles["b"], secret, tmp_path / "a_linked")
    pids = sorted(set(pd.read_parquet(bundles["a"] / "persons.parquet")["pid"]))
    request = tmp_path / "request.csv"
    pd.DataFrame({"partner_token": pids}).to_csv(request, index=False)
    release = tmp_path / "release.csv"
    run("reveal", a_linked, "--secret", secret, "--request", request, "-o", release)
    rel = pd.read_csv(release, dtype=str, keep_default_na=False)
    # Reference: the A entities a B person joined in the linked case.
    case = Case.read(a_linked)
    ent = case.entity_of()
    m = case.mentions
    theirs = m["source"].astype(str).str.startswith("partner:")
    joined = set(ent.reindex(m.loc[theirs & (m["type"] == "person"), "mention_id"]).astype(str))
    a = Case.read(two_agencies["a"])
    entity_of_pid = dict(
        zip(
            person_id(read_secret(secret), ent.unique().astype(str), a.pseudonym_key),
            ent.unique().astype(str),
            strict=True,
        )
    )
    expected = {p for p in pids if entity_of_pid.get(p) in joined}
    assert 0 < len(expected) < len(pids)
    released = set(rel.loc[rel["found"] == "True", "partner_token"])
    assert released == expected
    assert set(rel.loc[rel["found"] == "True", "matched"]) == {"yes"}
    everything = tmp_path / "everything.csv"
    run("reveal", a_linked, "--secret", secret, "--request", request, "-o", everything,
        "--unmatched")  # fmt: skip
    rel = pd.read_csv(everything, dtype=str, keep_default_na=False)
    assert set(rel.loc[rel["found"] == "True", "partner_token"]) == set(pids)
    assert set(rel.loc[rel["matched"] == "no", "partner_token"]) == set(pids) - expected


def test_document_on_a_person_row_can_be_revealed(two_agencies, tmp_path):
    """M3: a document number written on an arrest row (holds_document) is in the bundle
    as a token; reveal now finds it."""
    a = Case.read(two_agencies["a"])
    own = own_identifiers(a)
    docs = own[own["type"] == "document"]
    assert len(docs)
    canonical = str(docs["canonical"].iloc[0])
    token = tokens(read_secret(two_agencies["secret"]), "document", [canonical])[0]
    request = tmp_path / "request.csv"
    pd.DataFrame({"partner_token": [token]}).to_csv(request, index=False)
    release = tmp_path / "release.csv"
    run("reveal", two_agencies["a"], "--secret", two_agencies["secret"], "--request", request,
        "-o", release)  # fmt: skip
    rel = pd.read_csv(release, dtype=str, keep_default_na=False)
    assert rel[["type", "found", "identifier"]].values.tolist() == [["document", "True", canonical]]


def _forge(bundle: Path, out: Path, secret_file: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """t47 forge.py: a secret holder edits the tables and signs the bundle again."""
    shutil.copytree(bundle, out)
    tables = {n: pd.read_parquet(out / f"{n}.parquet") for n in ("persons", "nodes", "links")}
    change(tables)
    for n, t in tables.items():
        t.to_parquet(out / f"{n}.parquet", index=False)
    m = json.loads((out / "manifest.json").read_text())
    for f in m["files"]:
        m["files"][f] = hashlib.sha256((out / f).read_bytes()).hexdigest()
    m.pop("tag")
    m["tag"] = _tag(read_secret(secret_file), m)
    (out / "manifest.json").write_text(json.dumps(m))
    return out


def _short_filter(t):  # type: ignore[no-untyped-def]
    t["persons"].loc[0, "seg_name"] = b"\x01\x02"


def _negative(t):  # type: ignore[no-untyped-def]
    t["links"]["count"] = -5


def _infinite(t):  # type: ignore[no-untyped-def]
    t["links"]["amount"] = float("inf")


def _dangling(t):  # type: ignore[no-untyped-def]
    t["links"].loc[0, "dst"] = "t:" + "f" * 32


def _duplicate_nodes(t):  # type: ignore[no-untyped-def]
    t["nodes"] = pd.concat([t["nodes"], t["nodes"].iloc[:5].assign(type="account")])


def _repeated_persons(t):  # type: ignore[no-untyped-def]
    t["persons"] = pd.concat([t["persons"]] * 3, ignore_index=True)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (_short_filter, "are not all"),
        (_negative, "link counts"),
        (_infinite, "amounts must be finite"),
        (_dangling, "not in the bundle"),
        (_duplicate_nodes, "repeated"),
        (_repeated_persons, "repeated"),
    ],
)
def test_forged_malformed_bundle_is_refused(two_agencies, bundles, tmp_path, change, said):
    """L1: a re-signed malformed bundle is refused with its fault named, no internal error."""
    forged = _forge(bundles["a"], tmp_path / "forged", two_agencies["secret"], change)
    result = CliRunner().invoke(
        cli, ["link", str(two_agencies["b"]), "--partner", str(forged),
              "--secret", str(two_agencies["secret"]), "-o", str(tmp_path / "j")],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "is malformed" in result.output
    assert said in result.output


def test_missing_file_is_said_missing(two_agencies, bundles, tmp_path):
    """L4: a file gone from the bundle is reported as missing, not as a checksum."""
    gone = tmp_path / "gone"
    shutil.copytree(bundles["a"], gone)
    (gone / "links.parquet").unlink()
    result = CliRunner().invoke(
        cli, ["link", str(two_agencies["b"]), "--partner", str(gone),
              "--secret", str(two_agencies["secret"]), "-o", str(tmp_path / "j")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "links.parquet: file missing" in result.output
