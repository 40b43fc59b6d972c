"""The whole pipeline on the committed sample case, checked against its ground truth (issue 2)."""

from __future__ import annotations

import html
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from linkgraph.model import Case
from linkgraph.pipeline import demo_config, run_pipeline, top_actors
from linkgraph.privacy import is_victim, protected_entities, protected_ids, pseudonym


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return run_pipeline(demo_config(), out)


@pytest.fixture(scope="module")
def truth(sample_data: Path) -> dict[str, pd.DataFrame]:
    return {
        "mentions": pd.read_csv(sample_data / "truth" / "mentions.csv", dtype={"slot": str}),
        "people": pd.read_csv(sample_data / "truth" / "people.csv"),
        "key_players": pd.read_csv(sample_data / "truth" / "key_players.csv"),
    }


def _truth_with_entities(demo, truth) -> pd.DataFrame:
    """Truth person mentions joined to the entity each was resolved into."""
    m = demo.case.mentions[["mention_id", "source", "row", "slot"]].copy()
    m["row"] = m["row"].astype("int64")
    # item index: order of mentions of the same (source, row, slot), as ingest numbers them
    m["item"] = m.groupby(["source", "row", "slot"]).cumcount()
    t = truth["mentions"].copy()
    t["item"] = t.get("item", 0)
    joined = t.merge(m, on=["source", "row", "slot", "item"], how="left", validate="1:1")
    missing = joined["mention_id"].isna()
    assert not missing.any(), f"truth rows without a mention: {joined[missing].head()}"
    entity_of = demo.case.entity_of()
    joined["entity_id"] = entity_of.reindex(joined["mention_id"]).to_numpy()
    return joined


def _pairs(groups: pd.Series) -> set[tuple[str, str]]:
    """All unordered pairs of index labels that share a group value."""
    out: set[tuple[str, str]] = set()
    for _, members in groups.groupby(groups):
        out.update(itertools.combinations(sorted(members.index), 2))
    return out


def test_resolution_pairwise_f1_at_least_0_90(demo, truth):
    j = _truth_with_entities(demo, truth).set_index("mention_id")
    true_pairs = _pairs(j["person_id"])
    found_pairs = _pairs(j["entity_id"])
    tp = len(true_pairs & found_pairs)
    precision = tp / len(found_pairs)
    recall = tp / len(true_pairs)
    f1 = 2 * precision * recall / (precision + recall)
    assert len(true_pairs) > 100, "the sample must contain real duplicates"
    assert f1 >= 0.90, f"pairwise P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def test_planted_key_players_in_top_ten_by_betweenness(demo, truth):
    j = _truth_with_entities(demo, truth)
    # each true person is represented by the entity holding most of its mentions
    entity_of_person = j.groupby("person_id")["entity_id"].agg(lambda s: s.value_counts().index[0])
    top10 = top_actors(demo.case, by="betweenness_centrality", n=10).index
    key = truth["key_players"]["person_id"]
    ranks = {p: (entity_of_person[p] in top10) for p in key}
    assert all(ranks.values()), f"key players outside the top ten: {ranks}"


def test_planted_cells_recovered_with_ari_at_least_0_7(demo, truth):
    j = _truth_with_entities(demo, truth)
    entity_of_person = j.groupby("person_id")["entity_id"].agg(lambda s: s.value_counts().index[0])
    people = truth["people"].dropna(subset=["cell"]).set_index("person_id")
    people = people[people.index.isin(entity_of_person.index)]
    community = demo.case.metrics.set_index("entity_id")["community"]
    found = community.reindex(entity_of_person[people.index]).to_numpy()
    ari = adjusted_rand_score(people["cell"].astype(str), found)
    assert len(people) >= 50
    assert ari >= 0.7, f"ARI {ari:.3f}"


def test_map_is_offline_complete_and_escaped(demo):
    html = demo.map_path.read_text(encoding="utf-8")
    assert not re.search(r"https?://", html), "the map must not reference any network resource"
    assert demo.graph.nodes.shape[0] > 100
    victims = demo.graph.nodes["role"].map(is_victim)
    # victims, and the phones, accounts, ... only they use, appear by their pseudonym only
    # (issues 6 and 18: protected by default); so do possible victims (a near spelling of
    # a victim's name that resolution left apart) and what they hold
    hidden = protected_entities(demo.graph.nodes, demo.graph.edges)
    protected = protected_ids(demo.case)
    assert set(hidden[hidden].index) <= protected
    for entity_id in demo.graph.nodes.index:
        victim = entity_id in protected
        shown = pseudonym(entity_id, demo.case.pseudonym_key) if victim else entity_id
        assert shown in html, entity_id
        if victim:
            assert entity_id not in html
    assert victims.sum() > 10
    # the demo's payer "MARIN HELENA" is its victim Elena Marin (sample_data/truth), spelt
    # family name first, whom resolution did not join: shown by pseudonym, not by name
    assert "marin helena" not in html.lower()


def test_hostile_name_is_escaped_in_the_map(tmp_path):
    from linkgraph.graph import build_graph
    from linkgraph.render import render_map

    mentions = pd.DataFrame(
        {
            "mention_id": ["m:a", "m:b"],
            "type": ["person", "person"],
            "name": ["<script>alert(1)</script>", "</script><img src=x onerror=alert(2)>"],
            "label": ["<script>alert(1)</script>", "</script><img src=x onerror=alert(2)>"],
            "role": ["suspect", "suspect"],
            "source": ["x.csv", "x.csv"],
            "row": [1, 2],
        }
    )
    links = pd.DataFrame(
        {"link_id": ["l:1"], "src": ["m:a"], "dst": ["m:b"], "kind": ["associate"]}
    )
    case = Case().with_tables(mentions=mentions, links=links)
    html = render_map(build_graph(case), tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    # an HTML parser sees only our own script elements: the data did not open or end one
    parser = _ScriptCounter()
    parser.feed(html)
    assert parser.opened == parser.closed
    assert parser.images == 0
    benign = mentions.assign(name=["Ana", "Ben"], label=["Ana", "Ben"])
    plain = _ScriptCounter()
    plain.feed(
        render_map(
            build_graph(Case().with_tables(mentions=benign, links=links)), tmp_path / "plain.html"
        ).read_text(encoding="utf-8")
    )
    assert parser.opened == plain.opened


class _ScriptCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.opened = self.closed = self.images = 0
        self.bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.opened += 1
            self._in_script = True
            self.bodies.append("")
        elif tag == "img":
            self.images += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self.closed += 1
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.bodies[-1] += data


def test_case_folder_has_every_table_and_manifest(demo):
    folder = demo.case_dir
    for name in ("mentions", "links", "rejects", "resolution", "evidence", "metrics"):
        assert (folder / f"{name}.parquet").is_file(), name
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {i["name"] for i in manifest["inputs"]} >= {
        "arrests.csv",
        "hotline.xlsx",
        "transactions.csv",
        "cdr.csv",
        "ads.jsonl",
    }
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["versions"]["python-igraph"] != "not installed"
    back = Case.read(folder)
    pd.testing.assert_frame_equal(back.metrics, demo.case.metrics)


def test_reingest_gives_the_same_ids(demo, demo_out):
    # again: another run of the same sample into another folder (`linkgraph demo`, which
    # runs run_pipeline(demo_config()) as the `demo` fixture does)
    again = Case.read(demo_out / "case")
    assert again.mentions["mention_id"].tolist() == demo.case.mentions["mention_id"].tolist()
    # The same mentions are grouped into the same entities, under the same ids, except
    # the victims and the identifiers they hold: those are named after their records and
    # values keyed with the case's own key (a plain hash of a phone number, or of a row
    # holding only a name, could be reversed by trying them all), so another case folder
    # names them otherwise.
    ids = pd.DataFrame(
        {"first": demo.case.resolution["entity_id"], "second": again.resolution["entity_id"]}
    )
    assert (ids.groupby("first")["second"].nunique() == 1).all()
    assert (ids.groupby("second")["first"].nunique() == 1).all()
    renamed = set(ids.loc[ids["first"] != ids["second"], "first"])
    labels = demo.case.metrics.set_index("entity_id")["label"]
    assert renamed, "the demo's victims hold phones and accounts"
    assert labels.reindex(sorted(renamed)).str.match(r"Victim-\w+").all()
    assert labels.reindex(sorted(renamed)).str.match(r"Victim-\w+ \(").any()
    assert (~labels.reindex(sorted(renamed)).str.contains("(", regex=False)).any()
    renaming = dict(zip(ids["first"], ids["second"], strict=True))
    renamed_ids = demo.case.metrics["entity_id"].map(renaming)
    first_metrics = demo.case.metrics.assign(
        entity_id=renamed_ids.astype(demo.case.metrics["entity_id"].dtype)
    )
    pd.testing.assert_frame_equal(
        again.metrics.drop(columns=["label"]).sort_values("entity_id", ignore_index=True),
        first_metrics.drop(columns=["label"]).sort_values("entity_id", ignore_index=True),
        check_like=True,
    )
    # Another case folder is another case: its victims get other pseudonyms (a per-case
    # key), every other label is the same.
    first = demo.case.metrics.set_index("entity_id")["label"].rename(renaming)
    second = again.metrics.set_index("entity_id")["label"].reindex(first.index)
    victim = first.str.startswith("Victim-")
    assert victim.sum() > 50
    assert second[~victim].equals(first[~victim])
    assert second[victim].str.startswith("Victim-").all()
    assert (second[victim] != first[victim]).mean() > 0.99


def test_every_mention_keeps_its_source_row(demo, sample_data):
    m = demo.case.mentions
    assert m["raw"].notna().all()
    arrests = pd.read_csv(sample_data / "arrests.csv", dtype=str, keep_default_na=False)
    first = m[m["source"] == "arrests.csv"].iloc[0]
    raw = json.loads(first["raw"])
    original = arrests.iloc[int(first["row"]) - 1]
    assert {k: str(v) for k, v in raw.items() if v not in (None, "")} == {
        k: v for k, v in original.items() if v != ""
    }


def test_actor_tables_show_victims_by_pseudonym_only(demo, truth):
    """Every entity the data marks as a victim, in any language, is shown by pseudonym."""
    case = demo.case
    actors = top_actors(case, n=len(case.metrics))
    roles = case.mentions[["mention_id", "role"]].merge(case.resolution, on="mention_id")
    marked = set(roles.loc[roles["role"] == "victim", "entity_id"])
    # the sample's police export says "Geschädigte"; ingest must map it to "victim"
    assert not case.mentions["role"].isin(["Geschädigte", "Beschuldigter"]).any()
    marked_actors = actors[actors.index.isin(list(marked))]
    assert len(marked_actors) > 50
    assert marked_actors["label"].str.startswith("Victim-").all()
    # truth victims still shown by name appear in no victim-marked record (e.g. only as a
    # phone subscriber in call records): the data gives no way to know; keep them rare
    victims = set(truth["people"].loc[truth["people"]["role"] == "victim", "name"])
    assert len(set(actors["label"]) & victims) <= 0.05 * len(victims)
    revealed = top_actors(case, n=len(case.metrics), show_victims=True)
    assert not revealed["label"].str.startswith("Victim-").any()


def test_report_shows_how_entities_were_resolved_from_the_case(demo, truth):
    """The report's resolution section reads the Case: the learnt weights are the stored
    model's, the histogram counts every scored person pair, the largest entity is the one
    the resolution table makes largest, and no victim's name appears."""
    text = demo.report_path.read_text(encoding="utf-8")
    section = text[text.index('<section id="resolution">') :]
    section = section[: section.index("</section>")]
    model = demo.case.manifest["resolve_model"]["comparisons"]
    dob = model["dob"]
    assert f"exact {dob['weight'][1]:+.1f}" in section
    # The training steps and adjustments the resolve step recorded, in their order.
    step = [s for s in demo.case.manifest["steps"] if s["stage"] == "resolve"][-1]
    recorded = [*step["training"], *step["adjustments"]]
    assert recorded[:3] == ["random_pairs_u", "expectation_maximisation", "all_pairs_prior"]
    at = [section.index(f"{name} (") for name in recorded]
    assert at == sorted(at)
    assert "Share of matches among all pairs of mentions (prior)" in section
    # The demo's agencies mostly agree on a person's date of birth: dates stay a veto.
    assert demo.case.manifest["resolve_model"]["dates_reliable"] is True
    assert "Different dates of birth keep two people apart" in section
    ev = demo.case.evidence
    scored = int((ev["type"].astype(str) == "person").sum())
    assert f"{scored:,} scored person pairs" in section
    titles = re.findall(r"<title>[^<]*: ([\d,]+) pairs</title>", section)
    assert sum(int(t.replace(",", "")) for t in titles) == scored
    m = demo.case.mentions
    persons = m.loc[m["type"].astype(str) == "person", "mention_id"].astype(str)
    sizes = demo.case.entity_of().reindex(persons).value_counts()
    first = re.search(r"Largest entities.*?<tbody><tr><td>.*?<td class=num>(\d+)</td>", section)
    assert first
    assert int(first.group(1)) == int(sizes.iloc[0])
    people = truth["people"]
    victims = set(people.loc[people["role"].astype(str) == "victim", "person_id"])
    j = _truth_with_entities(demo, truth)
    spelled = m.set_index("mention_id")["label"].astype(str)
    names = set(spelled.reindex(j.loc[j["person_id"].isin(victims), "mention_id"]).dropna())
    names |= set(people.loc[people["person_id"].isin(victims), "name"].astype(str))
    assert len(names) > 10
    leaked = sorted(n for n in names if len(n) >= 5 and html.escape(n) in section)
    assert not leaked, f"victim names in the resolution section: {leaked[:5]}"
