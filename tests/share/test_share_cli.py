"""`linkgraph share` / `link` / `disclose` / `reveal` on a synthetic case split in two."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.privacy import is_victim
from linkgraph.resolve.evaluate import truth_clusters
from linkgraph.share import read_bundle, read_secret
from linkgraph.share.encoding import person_id
from linkgraph.share.evaluate import linked_pairs, pair_scores, true_pairs

from .conftest import run


@pytest.fixture(scope="module")
def bundle_a(two_agencies):
    out = two_agencies["root"] / "bundle_a"
    if not out.exists():
        run("share", two_agencies["a"], "--secret", two_agencies["secret"], "-o", out)
    return out


@pytest.fixture(scope="module")
def joined_b(two_agencies, bundle_a):
    out = two_agencies["root"] / "joined_b"
    if not out.exists():
        shutil.copytree(two_agencies["b"], out)
        run("link", out, "--partner", bundle_a, "--secret", two_agencies["secret"])
    return out


def _plain_values(case: Case) -> set[str]:
    """Every name, number, account, document and e-mail of the case, in the forms a
    careless encoder might write them: as written, folded, and digits only."""
    m = case.mentions
    values: set[str] = set()
    for col in ("name", "given_name", "family_name", "name_latin", "label", "phone", "account",
                "document", "email", "identifier", "address"):  # fmt: skip
        if col not in m:
            continue
        for v in m[col].dropna().astype(str):
            v = v.strip()
            for form in (v, v.lower(), v.upper(), re.sub(r"\D", "", v)):
                if len(form) >= 5:
                    values.add(form)
    return values


def test_bundle_holds_no_plaintext(two_agencies, bundle_a):
    case = Case.read(two_agencies["a"])
    values = _plain_values(case)
    assert len(values) > 300
    blobs = {p.name: p.read_bytes() for p in bundle_a.iterdir()}
    # The decoded tables too: Parquet compresses, so a grep of the file bytes alone could miss.
    bundle = read_bundle(bundle_a, read_secret(two_agencies["secret"]))
    cells = set()
    for table in (bundle.persons, bundle.nodes, bundle.links):
        for col in table.columns:
            if table[col].dtype == object:
                cells.update(str(v) for v in table[col] if not isinstance(v, bytes))
    text = "\n".join(cells) + json.dumps(bundle.manifest)
    leaks = [v for v in values if v in text or any(v.encode() in b for b in blobs.values())]
    assert leaks == []


def test_victims_left_out_unless_included(two_agencies, bundle_a):
    case = Case.read(two_agencies["a"])
    persons = case.mentions[case.mentions["type"] == "person"]
    victims = case.entity_of().reindex(persons["mention_id"][persons["role"].map(is_victim)])
    n_victims = victims.nunique()
    assert n_victims > 5
    manifest = json.loads((bundle_a / "manifest.json").read_text())
    assert manifest["counts"]["victims_left_out"] == n_victims
    assert manifest["victims_included"] is False
    with_victims = two_agencies["root"] / "bundle_a_victims"
    run("share", two_agencies["a"], "--secret", two_agencies["secret"], "-o", with_victims,
        "--include-victims")  # fmt: skip
    more = json.loads((with_victims / "manifest.json").read_text())["counts"]
    assert more["persons"] == manifest["counts"]["persons"] + n_victims


def test_wrong_secret_and_tampering_are_detected(two_agencies, bundle_a, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("9d0e3b8c2f71a4e6d5c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8\n")
    runner = CliRunner()
    b = two_agencies["b"]
    wrong = runner.invoke(cli, ["link", str(b), "--partner", str(bundle_a), "--secret", str(other)])
    assert wrong.exit_code == 1
    assert "secret does not match" in wrong.output

    changed = tmp_path / "changed"
    shutil.copytree(bundle_a, changed)
    manifest = json.loads((changed / "manifest.json").read_text())
    manifest["counts"]["persons"] += 1
    (changed / "manifest.json").write_text(json.dumps(manifest))
    result = runner.invoke(
        cli, ["link", str(b), "--partner", str(changed), "--secret", str(two_agencies["secret"])]
    )
    assert result.exit_code == 1
    assert "integrity tag does not match" in result.output

    flipped = tmp_path / "flipped"
    shutil.copytree(bundle_a, flipped)
    data = bytearray((flipped / "links.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (flipped / "links.parquet").write_bytes(bytes(data))
    result = runner.invoke(
        cli, ["link", str(b), "--partner", str(flipped), "--secret", str(two_agencies["secret"])]
    )
    assert result.exit_code == 1
    assert "links.parquet: checksum does not match" in result.output


def test_short_secret_is_refused(two_agencies, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("abc\n")
    result = CliRunner().invoke(
        cli, ["share", str(two_agencies["a"]), "--secret", str(short), "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 1
    assert "at least 20 random bytes are needed" in result.output
    assert not (tmp_path / "x").exists()


def test_cross_agency_person_matches_against_truth(two_agencies, joined_b):
    """Floor on precision and recall of the matches `link` made (truth from synth)."""
    a, b = Case.read(two_agencies["a"]), Case.read(two_agencies["b"])
    truth = pd.read_csv(two_agencies["synth"] / "truth" / "mentions.csv", dtype=str)
    true = true_pairs(a, b, truth)
    assert len(true) > 30
    scores = pair_scores(
        true, linked_pairs(Case.read(joined_b), a, read_secret(two_agencies["secret"]))
    )
    assert scores["precision"] >= 0.95, scores
    assert scores["recall"] >= 0.85, scores


def test_joined_case_is_one_network(two_agencies, joined_b):
    """Partner identifiers with the token of a local one join it; the map-building stages
    run on the joined case."""
    joined = Case.read(joined_b)
    partner = joined.mentions["source"].str.startswith("partner:")
    assert partner.any()
    assert not joined.mentions.loc[partner, "label"].str.contains(r"\+\d{6}").any()
    ent = joined.entity_of()
    phones = joined.mentions[(joined.mentions["type"] == "phone")]
    local_ents = set(ent.reindex(phones.loc[~partner, "mention_id"]))
    partner_ents = set(ent.reindex(phones.loc[partner, "mention_id"]))
    shared = local_ents & partner_ents
    # Reference: the phone numbers both agencies' files hold, compared in plain text.
    a, b = Case.read(two_agencies["a"]), Case.read(two_agencies["b"])
    pa = set(a.mentions.loc[a.mentions["type"] == "phone", "identifier"].dropna())
    pb = set(b.mentions.loc[b.mentions["type"] == "phone", "identifier"].dropna())
    # Victims' phones left out of the bundle may be among the plain overlap.
    assert 0 < len(shared) <= len(pa & pb)
    assert len(shared) >= 0.6 * len(pa & pb)
    run("analyze", joined_b, "-q")
    assert Case.read(joined_b).metrics is not None


def test_disclose_and_reveal_round_trip(two_agencies, joined_b, tmp_path):
    request = tmp_path / "request.csv"
    run("disclose", joined_b, "-o", request)
    req = pd.read_csv(request, dtype=str)
    assert len(req) > 20
    release = tmp_path / "release.csv"
    run("reveal", two_agencies["a"], "--secret", two_agencies["secret"], "--request", request,
        "-o", release)  # fmt: skip
    rel = pd.read_csv(release, dtype=str, keep_default_na=False)
    assert (rel["found"] == "True").all()
    assert list(rel["partner_token"]) == list(req["partner_token"])
    # Each revealed row is A's record of the person B's matched entity truly is.
    a, b = Case.read(two_agencies["a"]), Case.read(two_agencies["b"])
    truth = pd.read_csv(two_agencies["synth"] / "truth" / "mentions.csv", dtype=str)
    person_a = _truth_person(a, truth)
    person_b = _truth_person(b, truth)
    secret = read_secret(two_agencies["secret"])
    pid_entity = pd.Series(
        person_a.index, index=person_id(secret, person_a.index.to_numpy(), a.pseudonym_key)
    )
    revealed = person_a.reindex(pid_entity.reindex(rel["partner_token"]).to_numpy()).to_numpy()
    matched = person_b.reindex(req["local_entity"]).to_numpy()
    assert (revealed == matched).mean() >= 0.95
    names_a = a.mentions.assign(e=a.entity_of().reindex(a.mentions["mention_id"]).to_numpy())
    for token, name in zip(rel["partner_token"], rel["name"], strict=True):
        entity = pid_entity[token]
        assert set(name.split("; ")) == set(names_a.loc[names_a["e"] == entity, "name"].dropna())


def _truth_person(case: Case, truth: pd.DataFrame) -> pd.Series:
    """Entity id -> the true person most of its mentions are."""
    tc = truth_clusters(truth, case.mentions)
    ent = case.entity_of().reindex(tc.index)
    df = pd.DataFrame({"e": ent.to_numpy(), "p": tc.to_numpy()})
    return df.groupby("e")["p"].agg(lambda s: s.value_counts().index[0])


def test_two_bundles_linked_without_a_case(two_agencies, bundle_a, tmp_path):
    bundle_b = tmp_path / "bundle_b"
    run("share", two_agencies["b"], "--secret", two_agencies["secret"], "-o", bundle_b)
    out = run("link", tmp_path / "none", "--partner", bundle_a, "--partner", bundle_b,
              "--secret", two_agencies["secret"], "-o", tmp_path / "joined", "--json")  # fmt: skip
    matches = json.loads(out)
    assert len(matches) > 30
    joined = Case.read(tmp_path / "joined")
    assert set(joined.mentions["source"]) == {
        f"partner:{read_bundle(p, read_secret(two_agencies['secret'])).agency}"
        for p in (bundle_a, bundle_b)
    }


def test_linking_the_same_partner_again_replaces_it(two_agencies, bundle_a, tmp_path):
    target = tmp_path / "twice"
    shutil.copytree(two_agencies["b"], target)
    run("link", target, "--partner", bundle_a, "--secret", two_agencies["secret"])
    once = Case.read(target)
    run("link", target, "--partner", bundle_a, "--secret", two_agencies["secret"])
    twice = Case.read(target)
    assert len(twice.mentions) == len(once.mentions)
    assert len(twice.links) == len(once.links)
    assert twice.mentions["mention_id"].is_unique
    assert set(twice.resolution["mention_id"]) == set(twice.mentions["mention_id"])
