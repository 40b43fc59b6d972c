"""`linkgraph path` and `linkgraph ego` take any mention of an entity (hostile round 11,
H9): a name as one source wrote it (陈志明 of the entity another source calls Chen
Zhiming), a phone number as written, a mention id; a name several entities bear is an
error listing them; a victim is found by her pseudonym, by her name only with
--show-victims."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linkgraph.cli import cli
from tests.people_case import person_mentions, resolved_people_case

POLICE = (
    "name,dob,phone,role\n"
    "陈志明,1980-01-01,+86 139 1111 2222,suspect\n"
    "Ion Pop,1950-01-01,+40 721 000 111,suspect\n"
    "Maria Vasile,1995-02-02,+40 721 000 111,victim\n"
)
NGO = (
    "name,dob,phone,role\n"
    "Chen Zhiming,1980-01-01,+86 139 1111 2222,suspect\n"
    "Ion Pop,2001-05-05,+40 721 000 999,suspect\n"
)


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _ego(case, name: str, *extra: str) -> tuple[str, list[dict[str, object]], str]:
    """ENTITY's ego network as --json, and what was said on stderr."""
    done = _run("ego", str(case), name, "--json", *extra)
    assert done.exit_code == 0, done.output + done.stderr
    rows = json.loads(done.stdout)
    center = next(r for r in rows if r["hops"] == 0)
    return str(center["entity_id"]), rows, done.stderr


def test_a_name_one_source_wrote_finds_the_entity_another_names(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    by_latin, rows, _ = _ego(case, "Chen Zhiming")
    by_hanzi, same_rows, said = _ego(case, "陈志明")
    assert by_hanzi == by_latin
    assert rows == same_rows
    assert f"陈志明: a mention of Chen Zhiming ({by_latin})" in said
    # the phone, written as the source wrote it, spaces and all: one hop from him
    phone, _, said = _ego(case, "+86 139 1111 2222")
    assert by_latin in {str(r["entity_id"]) for r in _ego(case, phone)[1]}
    assert f"+86 139 1111 2222: a mention of +8613911112222 ({phone})" in said


def test_path_takes_mentions_at_both_ends(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    done = _run("path", str(case), "陈志明", "+86 139 1111 2222")
    assert done.exit_code == 0, done.output + done.stderr
    assert "Path 1: 1 hop(s)" in done.stdout
    assert "陈志明: a mention of Chen Zhiming" in done.stderr


def test_a_name_of_several_entities_lists_them_and_asks_for_the_id(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    done = _run("ego", str(case), "ion  pop")  # case and spaces aside
    assert done.exit_code == 1
    assert "'ion  pop' is a mention of 2 entities: Ion Pop (person, e:" in done.output
    assert "pass the id of the one you mean" in done.output


def _entities(case) -> list[dict[str, object]]:
    done = _run("entities", str(case), "--json")
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_a_victims_phone_is_found_by_the_label_entities_prints(tmp_path):
    """`entities` prints a victim's phone as "Victim-xxxxxx" (its type in a column of its
    own): ego and path take that label (tester round 38, D5)."""
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    table = _entities(case)
    (phone,) = [r for r in table if r["type"] == "phone" and str(r["label"]).startswith("Victim-")]
    (victim,) = [
        r for r in table if r["type"] == "person" and str(r["label"]).startswith("Victim-")
    ]
    assert " " not in str(phone["label"])  # as printed: the pseudonym alone
    center, rows, _ = _ego(case, str(phone["label"]))
    assert center == phone["entity_id"]
    assert victim["entity_id"] in {r["entity_id"] for r in rows}  # she uses it
    done = _run("path", str(case), str(phone["label"]), str(victim["label"]))
    assert done.exit_code == 0, done.output + done.stderr
    assert "Path 1: 1 hop(s)" in done.stdout


def test_a_label_several_entities_bear_lists_them_with_type_and_id(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    pops = sorted(str(r["entity_id"]) for r in _entities(case) if r["label"] == "Ion Pop")
    assert len(pops) == 2
    done = _run("ego", str(case), "Ion Pop")
    assert done.exit_code == 1
    assert "2 entities are labelled 'Ion Pop': " in done.output
    for eid in pops:
        assert f"Ion Pop (person, {eid})" in done.output
    assert "pass the id of the one you mean" in done.output
    # and the id so listed is taken
    assert _ego(case, pops[0])[0] == pops[0]


def test_a_victim_is_found_by_her_name_only_with_show_victims(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    hidden = _run("ego", str(case), "Maria Vasile")
    assert hidden.exit_code == 1
    assert "no entity has the id or label 'Maria Vasile'" in hidden.output
    victim, rows, _ = _ego(case, "Maria Vasile", "--show-victims")
    assert [r["label"] for r in rows if r["hops"] == 0] == ["Maria Vasile"]
    pseudonym = person_mentions(case).loc[("police.csv", 3), "label"]
    assert pseudonym.startswith("Victim-")
    assert _ego(case, pseudonym)[0] == victim


def test_a_name_that_finds_no_one_says_victims_go_by_pseudonyms_whoever_it_is(tmp_path):
    """The error for a victim's real name points to --show-victims, and is word for word
    the error for a name in no case at all: it does not tell that she is in the case."""
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    note = (
        "victims are listed under their pseudonyms, not their names "
        "(--show-victims finds a victim by her name)"
    )
    victim = _run("path", str(case), "Maria Vasile", "Ion Pop")
    stranger = _run("path", str(case), "Olga Nobody", "Ion Pop")
    assert victim.exit_code == stranger.exit_code == 1
    assert f"no entity has the id or label 'Maria Vasile'; {note}" in victim.output
    assert victim.output.replace("Maria Vasile", "Olga Nobody") == stranger.output
    ego_victim = _run("ego", str(case), "maria vasile")
    ego_stranger = _run("ego", str(case), "olga nobody")
    assert ego_victim.exit_code == ego_stranger.exit_code == 1
    assert note in ego_victim.output
    assert ego_victim.output.replace("maria vasile", "olga nobody") == ego_stranger.output
    # with --show-victims a name that finds no one is only that: no note about victims
    shown = _run("ego", str(case), "Olga Nobody", "--show-victims")
    assert shown.exit_code == 1
    assert "no entity has the id or label 'Olga Nobody'" in shown.output
    assert "pseudonym" not in shown.output


def test_render_takes_the_names_ego_and_path_take(tmp_path):
    """`render --ego/--path` find an entity as `ego` and `path` do (hostile round 14, D8):
    a label, a name one source wrote, a victim's pseudonym; her name only with
    --show-victims, refused with the same words as `ego`."""
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    chen, _, _ = _ego(case, "Chen Zhiming")
    out = tmp_path / "map.html"
    done = _run("render", str(case), "--ego", "陈志明", "--hops", "1", "-o", str(out), "-q")
    assert done.exit_code == 0, done.output + done.stderr
    assert f"1 hops around {chen}" in done.stdout
    done = _run("render", str(case), "--path", "Chen Zhiming", "+86 139 1111 2222", "-o", str(out))
    assert done.exit_code == 0, done.output + done.stderr
    assert f"shortest paths {chen} to e:" in done.stdout
    pseudonym = person_mentions(case).loc[("police.csv", 3), "label"]
    victim = _ego(case, pseudonym)[0]
    done = _run("render", str(case), "--ego", pseudonym, "--hops", "1", "-o", str(out))
    assert done.exit_code == 0, done.output + done.stderr
    assert f"around {victim}" in done.stdout
    hidden = _run("render", str(case), "--ego", "Maria Vasile", "-o", str(out))
    assert hidden.exit_code == 1
    assert hidden.output == _run("ego", str(case), "Maria Vasile").output
    shown = _run("render", str(case), "--ego", "Maria Vasile", "--show-victims", "-o", str(out))
    assert shown.exit_code == 0, shown.output
    assert f"around {victim}" in shown.stdout
