"""Victims and the identifiers only they use are not named by default (issue 18, item 2)."""

from __future__ import annotations

import subprocess

import pytest

from linkgraph.privacy import is_victim

# Role spellings met in practice (NGO referral forms, police exports in several languages).
SPELLINGS = [
    "victim", "victims", "VoT", "potential VoT", "trafficked person", "complainant",
    "pokrzywdzona", "Betroffene", "vittime", "victimes", "жертви", "Geschädigte",
    "Потерпіла", "survivor", "presumed victim",
]  # fmt: skip


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_victim_role_spellings_are_recognised(spelling):
    assert is_victim(spelling)


@pytest.mark.parametrize("spelling", ["suspect", "recruiter", "witness", "voter", "victor"])
def test_other_roles_are_not_victims(spelling):
    assert not is_victim(spelling)


def test_analyze_does_not_print_a_victims_name(tmp_path):
    src = tmp_path / "report.csv"
    src.write_text(
        "record_id,given_name,family_name,dob,phone,role\n"
        "1,Olena,Kravets,2003-05-01,+380501234567,potential VoT\n"
        "2,Ivan,Bondar,1980-02-02,+380671112233,suspect\n"
        "3,Ivan,Bondar,1980-02-02,+380501234567,suspect\n"
        "4,Petro,Lysenko,1979-03-03,+380939998877,suspect\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    subprocess.run(
        ["linkgraph", "ingest", str(src), "--preset", "people", "-o", str(case), "-q"], check=True
    )
    subprocess.run(["linkgraph", "resolve", str(case), "-q"], check=True, capture_output=True)
    out = subprocess.run(
        ["linkgraph", "analyze", str(case), "--top", "20"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "Olena" not in out.stdout
    assert "Kravets" not in out.stdout
    # The suspect is shown by name (the phone he shares with her is hers: shown by
    # pseudonym, see test_a_phone_a_victim_shares_with_a_suspect_is_hers_in_every_output).
    assert "Ivan Bondar" in out.stdout


def test_protect_victims_hides_victim_only_identifiers_on_a_built_graph():
    import pandas as pd

    from linkgraph.graph import build_graph
    from linkgraph.model import Case
    from linkgraph.privacy import protect_victims

    def mention(mid, type_, label, role=None):
        return {"mention_id": mid, "type": type_, "label": label, "role": role,
                "source": "s.csv", "row": 1}  # fmt: skip

    mentions = pd.DataFrame([
        mention("m:v", "person", "Olena Kravets", "victim"),
        mention("m:s", "person", "Ivan Bondar", "suspect"),
        mention("m:p1", "phone", "+380509990000"),   # only the victim uses it
        mention("m:p2", "phone", "+380501234567"),   # victim and suspect
        mention("m:p3", "phone", "+380671112233"),   # the suspect's; she only called it
    ])  # fmt: skip
    links = pd.DataFrame({
        "link_id": ["l1", "l2", "l3", "l4", "l5"], "src": ["m:v", "m:v", "m:s", "m:s", "m:v"],
        "dst": ["m:p1", "m:p2", "m:p2", "m:p3", "m:p3"],
        "kind": ["uses"] * 3 + ["uses_phone", "contacted"],
    })  # fmt: skip
    case = Case().with_tables(mentions=mentions, links=links)
    graph = build_graph(case)
    shown = protect_victims(graph, case.pseudonym_key)
    labels = set(shown.nodes["label"])
    assert "Olena Kravets" not in labels
    assert "+380509990000" not in labels
    # Changed rule (hostile5 item 3): a phone the victim uses is hers even when the
    # suspect uses it too ("uses", a kind linkgraph does not know, counts as holding).
    assert "+380501234567" not in labels
    # A number she only contacted is the other party's: shown.
    assert "+380671112233" in labels
    assert "Ivan Bondar" in labels
    assert shown.edges.equals(graph.edges)  # every link stays


SHARED_PHONE_ROWS = (
    "record_id,given_name,family_name,dob,phone,role,notes\n"
    "1,Olena,Kravets,2003-05-01,+380501234567,victim,intake\n"
    "2,Ivan,Bondar,1980-02-02,+380671112233,suspect,own phone\n"
    "3,Ivan,Bondar,1980-02-02,+380 50 123 4567,suspect,also rings 050 123 4567\n"
    "4,Petro,Lysenko,1979-03-03,+380939998877,suspect,\n"
)
#: The victim's number as E.164, as written in row 3, and in national form
HER_NUMBER = ("380501234567", "50 123 4567", "0501234567")


def _outputs_of(case, out, *flags: str) -> dict[str, str]:
    """map, report, csv export (every file) and ``mentions --csv`` of ``case``, as text."""
    _cli("render", str(case), "-o", str(out / "map.html"), "-q", *flags)
    _cli("report", str(case), "-o", str(out / "report.html"), "-q", *flags)
    _cli("export", str(case), "-f", "csv", "-o", str(out / "csv"), *flags)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (out / "csv").glob("*.csv")}
    texts["map.html"] = (out / "map.html").read_text(encoding="utf-8")
    texts["report.html"] = (out / "report.html").read_text(encoding="utf-8")
    texts["mentions"] = _cli("mentions", str(case), "--csv", *flags)
    return texts


def test_a_phone_a_victim_shares_with_a_suspect_is_hers_in_every_output(tmp_path):
    """hostile5 item 3: a number the victim uses is shown by pseudonym although a suspect
    uses it too (it reaches her); the suspect's own number, and every link, stay."""
    import pandas as pd

    src = tmp_path / "report.csv"
    src.write_text(SHARED_PHONE_ROWS, encoding="utf-8")
    case = tmp_path / "case"
    _cli("ingest", str(src), "--preset", "people", "-o", str(case), "-q")
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    (tmp_path / "hidden").mkdir()
    hidden = _outputs_of(case, tmp_path / "hidden")
    for name, text in hidden.items():
        assert not [n for n in HER_NUMBER if n in text], f"{name} shows her number"
    for name in ("map.html", "report.html", "entities.csv", "mentions"):
        assert "+380671112233" in hidden[name], f"{name} hides the suspect's own phone"
    # The graph is whole: 4 uses_phone links, two of them to her number's pseudonym.
    links = pd.read_csv(tmp_path / "hidden" / "csv" / "links.csv", dtype=str)
    assert len(links) == 4
    to_hers = links[links["dst_label"].str.startswith("Victim-")]
    assert len(to_hers) == 2
    assert to_hers["dst"].nunique() == 1
    assert "Ivan Bondar" in set(to_hers["src_label"])
    (tmp_path / "shown").mkdir()
    shown = _outputs_of(case, tmp_path / "shown", "--show-victims")
    for name in ("map.html", "report.html", "entities.csv", "links.csv", "mentions"):
        assert "+380501234567" in shown[name], f"{name}: --show-victims shows her number"


# -- keyed pseudonyms (issue 18, item 2) ---------------------------------------------------

VICTIM_ROWS = (
    "record_id,given_name,family_name,dob,phone,role\n"
    "1,Olena,Kravets,2003-05-01,+380509990000,victim\n"
    "2,Ivan,Bondar,1980-02-02,+380671112233,suspect\n"
    "3,Olena,Kravets,2003-05-01,+380509990000,victim\n"
    "4,Petro,Lysenko,1979-03-03,+380939998877,suspect\n"
    "5,Ivan,Bondar,1980-02-02,+380671112233,suspect\n"
)


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from linkgraph.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _small_case(tmp_path, name: str):
    src = tmp_path / "report.csv"
    if not src.exists():
        src.write_text(VICTIM_ROWS, encoding="utf-8")
    case = tmp_path / name
    _cli("ingest", str(src), "--preset", "people", "-o", str(case), "-q")
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    return case


def _victim_labels(case_dir) -> dict[str, str]:
    """entity_id -> label stored in metrics.parquet, for the victim and her phone."""
    import pandas as pd

    from linkgraph.model import Case

    case = Case.read(case_dir)
    m = case.mentions.assign(
        entity_id=case.entity_of().reindex(case.mentions["mention_id"]).to_numpy()
    )
    ids = set(m.loc[m["name"].eq("Olena Kravets") | m["phone"].eq("+380509990000"), "entity_id"])
    metrics = pd.read_parquet(case_dir / "metrics.parquet").set_index("entity_id")
    return {e: str(metrics.loc[e, "label"]) for e in sorted(ids)}


def test_pseudonyms_are_keyed_per_case_and_stable_within_one(tmp_path):
    from linkgraph.model import Case
    from linkgraph.privacy import KEY_FILE, pseudonym

    one, two = _small_case(tmp_path, "one"), _small_case(tmp_path, "two")
    key_one, key_two = (Case.read(c).pseudonym_key for c in (one, two))
    assert len(key_one) * 8 >= 64
    assert key_one != key_two
    first = _victim_labels(one)
    assert len(first) == 2  # the victim and the phone only she uses
    assert all(label.startswith("Victim-") for label in first.values())
    # the same files, another case: other pseudonyms, and other ids for the victim and
    # her phone (named after her record and its number, keyed by the case's own key), of
    # which the part that fixes where they sort is the same.
    second = _victim_labels(two)
    assert len(second) == 2
    assert not set(first) & set(second)
    assert sorted(e.split("-")[0] for e in first) == sorted(e.split("-")[0] for e in second)
    assert not set(first.values()) & set(second.values())
    # the same case, analysed again, rendered, listed: the same pseudonyms
    _cli("analyze", str(one), "-q")
    assert _victim_labels(one) == first
    victim = next(e for e, label in first.items() if "(" not in label)
    assert first[victim] == pseudonym(victim, key_one)
    assert pseudonym(victim, key_one) in _cli("mentions", str(one), "--csv")
    printed = _cli("analyze", str(one))  # its table of top actors (-q prints none)
    assert pseudonym(victim, key_one) in printed
    assert "Kravets" not in printed
    assert "Olena Kravets" in _cli("analyze", str(one), "--show-victims")
    assert _victim_labels(one) == first  # names on the terminal, never in the table
    # the key stays in the case folder, out of its manifest
    assert (one / KEY_FILE).is_file()
    assert key_one.hex() not in (one / "manifest.json").read_text(encoding="utf-8")
    assert (one / KEY_FILE).stat().st_mode & 0o077 == 0


def test_a_copied_case_keeps_its_key_and_an_old_case_gets_one(tmp_path):
    import shutil

    from linkgraph.model import Case
    from linkgraph.privacy import KEY_FILE

    case = _small_case(tmp_path, "case")
    labels = _victim_labels(case)
    copy = tmp_path / "copy"
    shutil.copytree(case, copy)
    _cli("analyze", str(copy), "-q")
    assert _victim_labels(copy) == labels
    # A case written before keys existed: it gets one on first read, kept from then on.
    (copy / KEY_FILE).unlink()
    key = Case.read(copy).pseudonym_key
    assert (copy / KEY_FILE).is_file()
    assert Case.read(copy).pseudonym_key == key
    _cli("analyze", str(copy), "-q")
    assert Case.read(copy).pseudonym_key == key
    relabelled = _victim_labels(copy)
    assert relabelled.keys() == labels.keys()
    assert relabelled != labels


def test_a_lost_pseudonym_key_is_warned_of_and_restoring_it_restores_the_names(tmp_path):
    """hostile13 L8: a case whose pseudonym.key was deleted got a new key silently."""
    import shutil

    from linkgraph.privacy import KEY_FILE

    case = _small_case(tmp_path, "case")
    labels = _victim_labels(case)
    out = tmp_path / "e1"
    assert "had no" not in _cli("export", str(case), "-f", "csv", "-o", str(out), "-q")
    original = (case / KEY_FILE).read_bytes()
    shutil.copy(case / KEY_FILE, tmp_path / "key.backup")
    (case / KEY_FILE).unlink()
    printed = _cli("analyze", str(case), "-q")
    assert f"had no {KEY_FILE}" in printed
    assert "`linkgraph analyze` made a new one" in printed
    assert "copy the original pseudonym.key" in printed
    assert _victim_labels(case) != labels  # what the warning says
    assert "had no" not in _cli("analyze", str(case), "-q")  # said once
    shutil.copy(tmp_path / "key.backup", case / KEY_FILE)
    assert (case / KEY_FILE).read_bytes() == original
    _cli("analyze", str(case), "-q")
    assert _victim_labels(case) == labels


def test_review_hides_victims_names_and_dates_of_birth_unless_asked(tmp_path):
    import pandas as pd

    from linkgraph.model import Case
    from linkgraph.resolve import review

    case_dir = _small_case(tmp_path, "case")
    case = Case.read(case_dir)
    # The pairs to review: every pair of person mentions, as the borderline ones look.
    persons = case.mentions.loc[case.mentions["type"].eq("person"), "mention_id"].tolist()
    pairs = [(a, b) for i, a in enumerate(persons) for b in persons[i + 1 :]]
    evidence = pd.DataFrame({"left": [a for a, _ in pairs], "right": [b for _, b in pairs],
                             "type": "person", "match_probability": 0.5, "match_weight": 0.0,
                             "rule": "test", "decision": "non_match", "fields": "{}"})  # fmt: skip
    case = case.with_tables(evidence=evidence)
    hidden = review(case, n=100)
    text = hidden.to_csv()
    assert "Kravets" not in text
    assert "2003-05-01" not in text
    assert "Bondar" in text
    assert "1980-02-02" in text
    assert text.count("Victim-") >= 2
    shown = review(case, n=100, show_victims=True).to_csv()
    assert "Kravets" in shown
    assert "2003-05-01" in shown
    case.write(case_dir)
    _cli("review", str(case_dir), "-o", str(tmp_path / "review.csv"))
    written = (tmp_path / "review.csv").read_text(encoding="utf-8")
    assert "Kravets" not in written
    assert "2003-05-01" not in written
    _cli("review", str(case_dir), "-o", str(tmp_path / "named.csv"), "--show-victims")
    assert "Kravets" in (tmp_path / "named.csv").read_text(encoding="utf-8")
    explained = _cli("explain", str(case_dir), "report.csv:1", "report.csv:3")
    assert "Kravets" not in explained
    assert "2003-05-01" not in explained
    assert "+380509990000" not in explained
    assert "Victim-" in explained
    assert "Kravets" in _cli("explain", str(case_dir), "report.csv:1", "report.csv:3",
                             "--show-victims")  # fmt: skip


# -- the sample case, against its ground truth ----------------------------------------------


@pytest.fixture(scope="module")
def demo_dir(demo_out):
    return demo_out


def _outputs(demo_dir, victim: str, other: str, pair: tuple[str, str]) -> dict[str, str]:
    """Every default output of the sample case as text: map, report, CSV export, review.csv,
    metrics.parquet labels and the CLI tables."""
    import html
    import json

    import pandas as pd

    from tests.render.helpers import map_payload

    case = demo_dir / "case"
    out: dict[str, str] = {}
    map_text = (demo_dir / "map.html").read_text(encoding="utf-8")
    out["map.html"] = html.unescape(map_text) + json.dumps(
        map_payload(map_text), ensure_ascii=False
    )
    out["report.html"] = html.unescape((demo_dir / "report.html").read_text(encoding="utf-8"))
    _cli("export", str(case), "--format", "csv", "-o", str(demo_dir / "export"))
    for file in sorted((demo_dir / "export").rglob("*")):
        if file.is_file():
            out[f"export/{file.name}"] = file.read_text(encoding="utf-8")
    _cli("review", str(case), "-o", str(demo_dir / "review.csv"))
    out["review.csv"] = (demo_dir / "review.csv").read_text(encoding="utf-8")
    out["analyze"] = _cli("analyze", str(case), "-q", "--top", "100")
    for name in ("metrics", "key_players", "communities"):
        table = pd.read_parquet(case / f"{name}.parquet")
        out[f"{name}.parquet"] = table.astype(str).to_csv()
    out["keyplayers"] = _cli("keyplayers", str(case), "-k", "5")
    out["keyplayers.csv"] = (case / "keyplayers.csv").read_text(encoding="utf-8")
    out["ego"] = _cli("ego", str(case), victim, "--hops", "2")
    out["path"] = _cli("path", str(case), victim, other, "-k", "2")
    out["mentions"] = _cli("mentions", str(case), "--csv")
    out["explain"] = _cli("explain", str(case), *pair)
    out["stability"] = _cli("stability", str(case), "--draws", "2", "-q")
    return out


def test_sample_case_names_no_victim_in_any_default_output(demo_dir, sample_data):
    """Against the sample's ground truth: every victim the data marks, and every phone or
    account only victims use, is shown by a keyed pseudonym only, in every default output;
    the pseudonyms cannot be recomputed from the outputs (the old unsalted hash of ids,
    mention ids or file and row matches none), and the key is in none of them."""
    import hashlib

    import pandas as pd

    from linkgraph.graph import build_graph
    from linkgraph.model import Case
    from linkgraph.privacy import protected_entities, pseudonym

    case = Case.read(demo_dir / "case")
    key = case.pseudonym_key
    graph = build_graph(case)
    hidden = protected_entities(graph.nodes, graph.edges)
    protected = set(graph.entity_ids[hidden.to_numpy(dtype=bool)])
    m = case.mentions.assign(
        entity_id=case.entity_of().reindex(case.mentions["mention_id"]).to_numpy()
    )
    # Ground truth: the planted victims, and the entities their mentions went to.
    truth = pd.read_csv(sample_data / "truth" / "mentions.csv", dtype=str)
    people = pd.read_csv(sample_data / "truth" / "people.csv", dtype=str)
    victims = set(people.loc[people["role"].eq("victim"), "person_id"])
    slots = truth.assign(row=truth["row"].astype(int)).merge(
        m.assign(row=m["row"].astype(int)), on=["source", "row", "slot"]
    )
    planted = slots[slots["person_id"].isin(victims)]
    marked = planted.groupby("entity_id")["role"].apply(lambda r: r.map(is_victim).any())
    assert marked.sum() >= 50, "the sample marks most planted victims as such"
    assert set(marked.index[marked]) <= protected
    persons = graph.nodes.index[graph.nodes["type"].eq("person")]
    hidden_persons = [e for e in persons if e in protected]
    identifiers = [e for e in protected if e not in set(persons)]
    assert len(hidden_persons) >= 50
    assert len(identifiers) >= 20

    # What must not appear: every spelling of a victim's name, and every victim-only
    # identifier, unless some entity that is not protected goes by it too.
    mine = m["entity_id"].isin(protected)
    secret_text = set(m.loc[mine, "name"].dropna()) | set(m.loc[mine, "label"].dropna())
    secret_text |= set(people.loc[people["person_id"].isin(planted.loc[
        planted["entity_id"].isin(protected), "person_id"]), "name"])  # fmt: skip
    public = set(m.loc[~mine, "name"].dropna()) | set(m.loc[~mine, "label"].dropna())
    secret_text = {s for s in secret_text - public if len(s) >= 6}
    assert len(secret_text) >= 100

    # What the old pseudonyms were: an unsalted hash of ids anyone can recompute.
    def old(text: str) -> str:
        return "Victim-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]

    # Per entity: its pseudonym is none of the unsalted hashes of its own id, mention ids or
    # rows. (Across all entities a 24-bit pseudonym can meet some other hash by chance.)
    guesses = {e: {old(e)} for e in protected}
    for r in m[mine].itertuples():
        guesses[r.entity_id] |= {old(r.mention_id), old(f"{r.source}:{r.row}"),
                                 old(f"{r.source}\x1f{r.row}\x1f{r.slot}")}  # fmt: skip
    keyed = {pseudonym(e, key) for e in protected}
    recomputable = [e for e in protected if pseudonym(e, key) in guesses[e]]
    assert not recomputable
    unkeyed = set().union(*guesses.values()) - keyed  # a chance match is not a leak

    victim = hidden_persons[0]
    organiser = people.loc[people["role"].eq("organiser"), "person_id"].iloc[0]
    other = slots.loc[slots["person_id"].eq(organiser), "entity_id"].iloc[0]
    two = m.loc[m["entity_id"].eq(victim) & m["type"].eq("person"), "mention_id"]
    pair = (two.iloc[0], two.iloc[-1] if len(two) > 1 else m["mention_id"].iloc[0])
    outputs = _outputs(demo_dir, victim, other, pair)
    for name, text in outputs.items():
        leaked = sorted(s for s in secret_text if s in text)
        assert not leaked, f"{name} names victims: {leaked[:5]}"
        assert not {g for g in unkeyed if g in text}, f"{name}: an unkeyed pseudonym"
        assert key.hex() not in text, f"{name} holds the case's pseudonym key"
    assert sum(p in outputs["map.html"] for p in keyed) == len(keyed)
    assert pseudonym(victim, key) in outputs["ego"]
    assert "Victim-" in outputs["metrics.parquet"]
    # The check has teeth: asked for, the names are there.
    named = _cli("ego", str(demo_dir / "case"), victim, "--hops", "2", "--show-victims")
    assert any(s in named for s in secret_text)


def test_pseudonym_is_hmac_sha256_of_the_entity_id():
    """RFC 4231, test case 1: HMAC-SHA-256(0x0b * 20, "Hi There") = b0344c61d8db..."""
    from linkgraph.privacy import pseudonym

    assert pseudonym("Hi There", b"\x0b" * 20) == "Victim-b0344c"
    with pytest.raises(ValueError, match="64 bits"):
        pseudonym("e:ana", b"short")


def test_readers_of_a_case_without_a_key_agree_on_one(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from linkgraph.privacy import KEY_FILE, case_key, read_key

    folder = tmp_path / "old-case"
    folder.mkdir()
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: case_key(folder), range(32)))
    assert keys == {read_key(folder)}
    assert [p.name for p in folder.iterdir()] == [KEY_FILE]  # no temporary file left
