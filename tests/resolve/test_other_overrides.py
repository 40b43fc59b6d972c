"""Must-link / cannot-link decisions between mentions that are not persons."""

from __future__ import annotations

import logging
from dataclasses import replace

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import InputError
from linkgraph.model import LINKS, Case
from linkgraph.resolve import ResolveConfig, explain, resolve
from linkgraph.resolve.others import resolve_others
from linkgraph.resolve.overrides import MANIFEST_KEY, read_overrides

from .factory import case_of, mention, mentions_frame

PHONE = "+40700000001"


def _decisions(tmp_path, rows: list[tuple[str, str, str]]) -> str:
    path = tmp_path / "decisions.csv"
    pd.DataFrame(rows, columns=["left", "right", "decision"]).to_csv(path, index=False)
    return str(path)


def _entities(case: Case) -> pd.Series:
    return case.resolution.set_index("mention_id")["entity_id"]


def _groups(case: Case, ids: list[str]) -> list[int]:
    """Each mention's group number, numbered by first appearance: [0, 0, 1] = two entities."""
    entity = _entities(case)
    return pd.factorize(pd.Series([entity[i] for i in ids]))[0].tolist()


def _override_rows(case: Case) -> pd.DataFrame:
    ev = case.evidence
    return ev[(ev["rule"] == "override") & (ev["type"] != "person")]


def _organisations() -> Case:
    return Case(
        mentions=mentions_frame(
            [
                mention("organisation", row=1, name="Sunrise Travel Ltd"),
                mention("organisation", row=2, name="SUNRISE TRAVEL"),
                mention("organisation", row=3, name="Sol Naciente SA"),
                mention("organisation", row=4, name="Sol Naciente"),
                mention("organisation", row=5, name="Sunrise Travels"),
                mention("organisation", row=6, name="Rhein Trading B.V."),
            ]
        )
    )


def test_must_link_joins_organisation_spellings_and_holds_on_rerun(tmp_path):
    case = _organisations()
    ids = case.mentions["mention_id"].tolist()
    # Without a decision, the two names are two companies.
    assert _groups(resolve(case), ids) == [0, 0, 1, 1, 0, 2]
    csv = _decisions(tmp_path, [(ids[0], ids[2], "must_link")])
    out = resolve(case, ResolveConfig(overrides=csv))
    # Every mention of either name is now one company; Rhein Trading stays apart.
    assert _groups(out, ids) == [0, 0, 0, 0, 0, 1]
    rows = _override_rows(out)
    assert len(rows) == 1
    assert {rows["left"].iloc[0], rows["right"].iloc[0]} == {ids[0], ids[2]}
    assert rows["decision"].iloc[0] == "must_link"
    # Re-run without the file: the decision stored in the case still holds.
    assert out.decisions["decision"].tolist() == ["must_link"]
    assert MANIFEST_KEY not in out.manifest
    again = resolve(out)
    assert _groups(again, ids) == [0, 0, 0, 0, 0, 1]
    # explain shows the analyst's decision, and the chain through it.
    assert "must-link" in explain(again, ids[0], ids[2])
    text = explain(again, ids[1], ids[3])
    assert "SAME entity" in text
    assert "chain of merges" in text
    assert ids[0] in text
    assert ids[2] in text


def test_must_link_joins_two_phone_numbers():
    case = Case(
        mentions=mentions_frame(
            [
                mention("phone", row=1, identifier=PHONE),
                mention("phone", row=2, identifier="+40700000002"),
                mention("phone", row=3, identifier=PHONE),
                mention("phone", row=4, identifier="+40700000002"),
                mention("phone", row=5, identifier="+40700000003"),
            ]
        )
    )
    ids = case.mentions["mention_id"].tolist()
    overrides = pd.DataFrame({"left": [ids[0]], "right": [ids[1]], "decision": ["must_link"]})
    labels, evidence = resolve_others(case.mentions, overrides=overrides)
    assert pd.factorize(labels)[0].tolist() == [0, 0, 0, 0, 1]
    row = evidence[evidence["rule"] == "override"].iloc[0]
    assert (row["left"], row["right"], row["decision"]) == (0, 1, "must_link")
    # The numbers differ: the evidence says so.
    assert (row["field"], row["level"], row["similarity"]) == ("identifier", "different", 0.0)


def _shared_phone() -> Case:
    """One phone number in five rows: Ana (twice, a.csv and c.csv) and Ion use it."""
    records = [
        mention("person", source="a.csv", row=1, name="Ana Pop", dob="1990-01-01"),
        mention("phone", source="a.csv", row=1, identifier=PHONE),
        mention("person", source="b.csv", row=1, name="Ion Rusu", dob="1980-05-05"),
        mention("phone", source="b.csv", row=1, identifier=PHONE),
        mention("person", source="c.csv", row=1, name="Ana Pop", dob="1990-01-01"),
        mention("phone", source="c.csv", row=1, identifier=PHONE),
        mention("phone", source="b.csv", row=2, identifier=PHONE),  # no one linked
        mention("phone", source="d.csv", row=1, identifier=PHONE),  # no one, other source
        mention("phone", source="d.csv", row=2, identifier="+40700000002"),
    ]
    mentions = mentions_frame(records)
    ids = mentions["mention_id"].tolist()
    links = LINKS.conform(
        pd.DataFrame(
            {
                "link_id": ["l1", "l2", "l3"],
                "src": [ids[0], ids[2], ids[4]],
                "dst": [ids[1], ids[3], ids[5]],
                "kind": "uses_phone",
            }
        )
    )
    return Case(mentions=mentions, links=links)


def test_cannot_link_splits_a_shared_phone_by_who_uses_it(tmp_path):
    case = _shared_phone()
    ids = case.mentions["mention_id"].tolist()
    phones = [ids[i] for i in (1, 3, 5, 6, 7, 8)]
    assert _groups(resolve(case), phones) == [0, 0, 0, 0, 0, 1]
    # "The office phone Ana uses is not the one Ion uses": SOURCE#ROW#SLOT names a phone.
    csv = _decisions(tmp_path, [("a.csv#1#phone", "b.csv#1#phone", "cannot_link")])
    out = resolve(case, ResolveConfig(overrides=csv))
    entity = _entities(out)
    assert entity[ids[0]] == entity[ids[4]]  # the two Ana mentions are one person
    # Ana's other row goes with Ana's side (linked to the same person), the unlinked
    # b.csv row with Ion's (same source), the d.csv row with the group's first mention
    # (Ana's); the other number is untouched.
    assert _groups(out, phones) == [0, 1, 0, 1, 0, 2]
    rows = _override_rows(out)
    assert rows[["left", "right", "decision"]].values.tolist() == [
        [*sorted([ids[1], ids[3]]), "cannot_link"]
    ]
    ev = out.evidence
    assert (ev["decision"] == "refused").any()
    rules = set(ev.loc[ev["decision"] == "match", "rule"])
    assert {"same identifier, linked to the same entity", "same identifier, same source"} <= rules
    # Honoured again from the manifest alone.
    assert _groups(resolve(out), phones) == [0, 1, 0, 1, 0, 2]
    assert "cannot-link decision keeps them apart" in explain(out, ids[1], ids[3])
    # A pair the split parted without a direct evidence row is explained by the split.
    text = explain(out, ids[5], ids[6])
    assert "DIFFERENT" in text
    assert f"Same identifier '{PHONE}', but an analyst's cannot-link split" in text
    assert f"{min(ids[1], ids[3])} ≠ {max(ids[1], ids[3])}" in text


def test_must_link_moves_a_mention_across_a_split():
    case = _shared_phone()
    ids = case.mentions["mention_id"].tolist()
    overrides = pd.DataFrame(
        {
            "left": [ids[1], ids[7]],
            "right": [ids[3], ids[3]],
            "decision": ["cannot_link", "must_link"],
        }
    )
    others = case.mentions[case.mentions["type"] != "person"].reset_index(drop=True)
    labels, _ = resolve_others(others, overrides=overrides, links=case.links)
    # Phones: a.csv#1, b.csv#1, c.csv#1, b.csv#2, d.csv#1, d.csv#2. Without links to
    # persons' entities, c.csv#1 has no tie: it goes with a.csv#1, the first mention.
    assert pd.factorize(labels)[0].tolist() == [0, 1, 0, 1, 1, 2]


def test_cannot_link_keeps_similar_organisation_names_apart(tmp_path):
    case = _organisations()
    ids = case.mentions["mention_id"].tolist()
    csv = _decisions(tmp_path, [(ids[4], ids[1], "cannot_link")])
    out = resolve(case, ResolveConfig(overrides=csv))
    # "Sunrise Travels" is 0.97 alike "sunrise travel", yet stays apart from both of them.
    assert _groups(out, ids) == [0, 0, 1, 1, 2, 3]
    text = explain(out, ids[0], ids[4])
    assert "refused" in text
    assert "cannot-link" in text


def test_cannot_link_against_must_links_is_an_error(tmp_path):
    case = _organisations()
    ids = case.mentions["mention_id"].tolist()
    csv = _decisions(
        tmp_path,
        [
            (ids[0], ids[2], "must_link"),
            (ids[2], ids[5], "must_link"),
            (ids[0], ids[5], "cannot_link"),
        ],
    )
    with pytest.raises(InputError, match="contradicts the must-links") as err:
        resolve(case, ResolveConfig(overrides=csv))
    assert f"{ids[0]} – {ids[2]} – {ids[5]}" in err.value.message
    assert "newer decision" in (err.value.hint or "")


def test_override_between_a_person_and_a_phone_is_refused(tmp_path):
    case = _shared_phone()
    ids = case.mentions["mention_id"].tolist()
    csv = _decisions(tmp_path, [(ids[1], ids[3], "cannot_link"), (ids[0], ids[1], "must_link")])
    with pytest.raises(InputError, match="different types") as err:
        read_overrides(csv, case.mentions)
    assert ids[0] in err.value.message
    assert ids[1] in err.value.message
    assert err.value.row == 2
    with pytest.raises(InputError, match="different types"):
        resolve(case, ResolveConfig(overrides=csv))


def test_stored_mixed_type_override_is_ignored_with_a_warning(caplog):
    case = _shared_phone()
    ids = case.mentions["mention_id"].tolist()
    # A case stored by an older linkgraph, which took such a decision silently.
    stored = [{"left": ids[0], "right": ids[1], "decision": "must_link", "note": ""}]
    old = replace(case, manifest={**case.manifest, MANIFEST_KEY: stored})
    with caplog.at_level(logging.WARNING, logger="linkgraph.resolve.others"):
        out = resolve(old)
    assert f"{ids[0]} – {ids[1]}" in caplog.text
    assert _entities(out)[ids[0]] != _entities(out)[ids[1]]


def test_cli_resolve_and_explain_a_phone_cannot_link(tmp_path):
    case = _shared_phone()
    ids = case.mentions["mention_id"].tolist()
    case_dir = tmp_path / "case"
    case.write(case_dir)
    csv = _decisions(tmp_path, [(ids[1], ids[3], "cannot_link")])
    runner = CliRunner()
    result = runner.invoke(
        cli, ["resolve", str(case_dir), "--overrides", csv, "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "1 analyst decisions honoured" in result.output
    result = runner.invoke(cli, ["explain", str(case_dir), ids[1], ids[3]], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "rule: override" in result.output
    assert "cannot-link" in result.output
    bad = _decisions(tmp_path, [(ids[0], ids[3], "cannot_link")])
    result = runner.invoke(cli, ["resolve", str(case_dir), "--overrides", bad, "-q"])
    assert result.exit_code == 1
    assert "different types" in result.output


def test_person_cannot_link_contradicting_must_links_is_an_error(tmp_path):
    """A = B and B = C by must-link, A != C by cannot-link: no resolution can honour all
    three, so the analyst is told which pair and chain disagree instead of one being
    silently dropped."""
    case = case_of(
        [
            mention(name="Ana Rusu", row=1),
            mention(name="Ion Rusu", row=2),
            mention(name="Petru Ceban", row=3),
        ]
    )
    ids = case.mentions["mention_id"].tolist()
    csv = tmp_path / "decisions.csv"
    csv.write_text(
        "left,right,decision\n"
        f"{ids[0]},{ids[1]},must_link\n"
        f"{ids[1]},{ids[2]},must_link\n"
        f"{ids[0]},{ids[2]},cannot_link\n"
    )
    with pytest.raises(InputError, match="contradicts the must-links") as err:
        resolve(case, ResolveConfig(overrides=csv))
    assert ids[0] in str(err.value)
    assert ids[2] in str(err.value)
