"""Scraped ads that show one image are linked through it: the image identifier type
(``schema.ENTITY_TYPES["image"]``), keyed by its hash, else by its normalised URL, made
by the ads preset and the ads drafts of `mapping suggest`, resolved by exact key,
exported, and protected as a victim's other identifiers are (all through the CLI)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from tests.ingest.helpers import linked
from tests.suggest_draft import suggest_draft

SHARED = "d41d8cd98f00b204e9800998ecf8427e"


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _suggested_case(tmp_path: Path, path: Path) -> tuple[Path, dict]:
    """`mapping suggest` → `ingest` → `resolve`: the case folder and the draft."""
    draft, mapping = suggest_draft(path, tmp_path)
    out = tmp_path / "case"
    _run("ingest", str(path), "--mapping", str(draft), "-o", str(out))
    _run("resolve", str(out))
    return out, mapping


def _images(case: Case) -> pd.DataFrame:
    """The image entities: id -> the set of ad ids showing it (hand-read from links)."""
    m = case.mentions.set_index("mention_id")
    entity = case.entity_of()
    shows = case.links[case.links["kind"].eq("shows_image")]
    rows = [
        (entity[lk.dst], m.at[lk.dst, "identifier"], m.at[lk.src, "identifier"])
        for lk in shows.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=["entity", "key", "ad"])
    return frame.groupby("entity").agg(key=("key", "first"), ads=("ad", lambda a: sorted(set(a))))


def test_two_ads_of_one_hash_are_linked_through_one_image(tmp_path: Path) -> None:
    """Three scraped ads, a1 and a2 showing one photo (its hash written in capitals and
    with its URL over http and "www." once), a3 an image known by its URL only: after
    suggest (the ads preset), ingest and resolve, one image entity is shown by a1 and
    a2; the hash keys it, its URL kept on its mentions; a3's image is its URL
    normalised."""
    path = _jsonl(
        tmp_path / "ads.jsonl",
        [
            {"ad_id": "a1", "title": "New in town", "phone": "+44 7911 123456",
             "images": [{"url": "https://img.example/1.jpg", "hash": SHARED},
                        {"url": "https://img.example/2.jpg", "hash": "0badc0de0badc0de"}]},
            {"ad_id": "a2", "title": "Sweet girl", "phone": "+44 7912 345678",
             "images": [{"url": "http://www.img.example/3.jpg", "hash": SHARED.upper()}]},
            {"ad_id": "a3", "title": "Massage", "phone": "+44 7400 123456",
             "images": [{"url": "HTTP://IMG.example/9.jpg#top"}]},
        ],
    )  # fmt: skip
    out, mapping = _suggested_case(tmp_path, path)
    assert mapping["include"] == "ads"
    case = Case.read(out)
    assert case.rejects.empty
    images = _images(case)
    assert sorted(map(tuple, images[["key", "ads"]].to_numpy().tolist())) == [
        ("0badc0de0badc0de", ["a1"]),
        (SHARED, ["a1", "a2"]),
        ("https://img.example/9.jpg", ["a3"]),
    ]
    m = case.mentions[case.mentions["type"].eq("image")]
    urls = m.set_index("row")["attrs"].map(lambda a: json.loads(a).get("url"))
    assert sorted(urls[m["identifier"].eq(SHARED).to_numpy()]) == [
        "http://www.img.example/3.jpg",
        "https://img.example/1.jpg",
    ]
    entities = _run("entities", str(out), "--type", "image")
    assert SHARED in entities
    assert "https://img.example/9.jpg" in entities


def test_hash_and_url_columns_hash_wins_url_when_none(tmp_path: Path) -> None:
    """A CSV of ads with an image hash column and an image URL column: a row with both is
    its hash's image, a row with a URL only its URL's (two spellings of one URL, one
    image); the URLs stay the ad's attributes."""
    path = tmp_path / "ads.csv"
    pd.DataFrame(
        {
            "ad_id": ["a1", "a2", "a3", "a4"],
            "title": ["New in town", "Sweet girl", "Massage", "Relax"],
            "phone": ["+44 7911 123456", "+44 7912 345678", "+44 7400 123456", "+44 7400 654320"],
            "image_hash": [SHARED, SHARED, None, None],
            "image_url": ["https://img.example/1.jpg", "https://img.example/2.jpg",
                          "http://www.img.example/5.jpg", "https://img.example/5.jpg"],
        }
    ).to_csv(path, index=False)  # fmt: skip
    out, mapping = _suggested_case(tmp_path, path)
    assert mapping["include"] == "ads"
    images = _images(Case.read(out))
    assert sorted(map(tuple, images[["key", "ads"]].to_numpy().tolist())) == [
        (SHARED, ["a1", "a2"]),
        ("https://img.example/5.jpg", ["a3", "a4"]),
    ]


def test_an_ads_draft_of_its_own_links_its_images(tmp_path: Path) -> None:
    """Ads with a poster's name (no fit for the preset): the draft has an image slot the
    ad ``shows_image``, and the list of image objects is read, not noted as unmapped."""
    path = _jsonl(
        tmp_path / "ads.jsonl",
        [
            {"id": "a1", "url": "https://ads.example/a1", "title": "New in town tonight",
             "seller": {"name": "Ion Popescu"}, "contact": {"phone": "+44 7911 123456"},
             "images": [{"url": "https://img.example/1.jpg", "hash": SHARED}]},
            {"id": "a2", "url": "https://ads.example/a2", "title": "Sweet girl new here",
             "seller": {"name": "Vasile Ionescu"}, "contact": {"phone": "+44 7912 345678"},
             "images": [{"url": "https://img.example/3.jpg", "hash": SHARED}]},
            {"id": "a3", "url": "https://ads.example/a3", "title": "Massage relax now",
             "seller": {"name": "Dan Marin"}, "contact": {"phone": "+44 7400 123456"},
             "images": []},
        ],
    )  # fmt: skip
    out, mapping = _suggested_case(tmp_path, path)
    assert mapping["entities"]["image"]["type"] == "image"
    assert {"kind": "shows_image", "src": "ad", "dst": "image"} in mapping["links"]
    draft_text = (tmp_path / "ads.jsonl.yaml").read_text(encoding="utf-8")
    assert "images[]: keys not mapped" not in draft_text
    case = Case.read(out)
    assert case.rejects.empty
    images = _images(case)
    assert images[["key", "ads"]].to_numpy().tolist() == [[SHARED, ["a1", "a2"]]]


def _victim_ads(tmp_path: Path) -> Path:
    """Ads naming their contact: a1 the victim's, a2 a suspect's showing her photo too."""
    return _jsonl(
        tmp_path / "ads.jsonl",
        [
            {"id": "a1", "url": "https://ads.example/a1", "title": "New in town tonight",
             "name": "Maria Popescu", "role": "victim", "phone": "+44 7911 123456",
             "images": [{"url": "https://img.example/1.jpg", "hash": SHARED}]},
            {"id": "a2", "url": "https://ads.example/a2", "title": "Sweet girl new here",
             "name": "Ion Vasile", "role": "suspect", "phone": "+44 7912 345678",
             "images": [{"url": "https://img.example/3.jpg", "hash": SHARED},
                        {"url": "https://img.example/4.jpg", "hash": "0badc0de0badc0de"}]},
            {"id": "a3", "url": "https://ads.example/a3", "title": "Massage relax now",
             "name": "Dan Marin", "role": "suspect", "phone": "+44 7400 123456",
             "images": [{"url": "https://img.example/9.jpg"}]},
        ],
    )  # fmt: skip


def test_exports_hold_the_image_and_protect_the_victims(tmp_path: Path) -> None:
    """Every export holds the image nodes and their ``shows_image`` links (read back with
    networkx, pandas, sqlite3); the image the victim's ad shows is shown by pseudonym
    in each, its hash and URLs nowhere; the suspect's own other image is shown."""
    out, _ = _suggested_case(tmp_path, _victim_ads(tmp_path))
    entities = _run("entities", str(out), "--type", "image")
    assert SHARED not in entities
    assert "0badc0de0badc0de" in entities
    ex = tmp_path / "ex"
    targets = {"csv": ex / "csv", "xlsx": ex / "case.xlsx", "gexf": ex / "case.gexf",
               "graphml": ex / "case.graphml", "sqlite": ex / "case.sqlite",
               "neo4j": ex / "neo4j", "ftm": ex / "case.ftm", "i2": ex / "i2"}  # fmt: skip
    for fmt, target in targets.items():
        _run("export", str(out), "-f", fmt, "-o", str(target), "-q")
    _run("render", str(out), "-o", str(ex / "map.html"))
    secrets = (SHARED, "img.example/1.jpg", "img.example/3.jpg")
    for file in ex.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            if file.suffix == ".xlsx":
                z = zipfile.ZipFile(file)
                data = b"".join(z.read(n) for n in z.namelist())
            assert not any(s.encode() in data for s in secrets), file
    # three image nodes, four shows_image links, in the graph files
    for graph in (nx.read_gexf(targets["gexf"]), nx.read_graphml(targets["graphml"])):
        labels = {d["label"] for _, d in graph.nodes(data=True) if d["type"] == "image"}
        shown = {"0badc0de0badc0de", "https://img.example/9.jpg"}
        assert len(labels) == 3
        assert shown < labels
        assert next(iter(labels - shown)).startswith("Victim-")
        kinds = [d["kind"] for _, _, d in graph.edges(data=True)]
        assert kinds.count("shows_image") == 4
    csv = pd.read_csv(targets["csv"] / "entities.csv")
    assert csv["type"].eq("image").sum() == 3
    xlsx = pd.read_excel(targets["xlsx"], sheet_name="entities")
    assert xlsx["type"].eq("image").sum() == 3
    with sqlite3.connect(targets["sqlite"]) as db:
        n = db.execute("select count(*) from entities where type = 'image'").fetchone()[0]
    assert n == 3
    nodes = pd.read_csv(targets["neo4j"] / "nodes.csv")
    assert nodes[":LABEL"].eq("Entity;Image").sum() == 3
    i2 = pd.read_csv(targets["i2"] / "entities.csv")
    assert i2["Entity Type"].eq("Image").sum() == 3
    ftm = [json.loads(line) for line in targets["ftm"].read_text(encoding="utf-8").splitlines()]
    assert sum(e["schema"] == "Image" for e in ftm) == 3


def test_a_victims_image_is_protected_before_resolution_too(tmp_path: Path) -> None:
    """Before `resolve` each mention is its own entity: the image mention of the victim's
    ad, and the suspect's ad's mention of the same hash, are both shown by pseudonym."""
    draft, _ = suggest_draft(_victim_ads(tmp_path), tmp_path)
    out = tmp_path / "case"
    _run("ingest", str(tmp_path / "ads.jsonl"), "--mapping", str(draft), "-o", str(out))
    entities = _run("entities", str(out), "--type", "image")
    assert SHARED not in entities
    assert entities.count("Victim-") == 2
    assert "0badc0de0badc0de" in entities


def test_a_victims_image_is_left_out_of_a_share_bundle(tmp_path: Path) -> None:
    """A share bundle carries the images as keyed tokens; the image of the victim's ad is
    withheld as her other identifiers are (a random id, no token to match on)."""
    out, _ = _suggested_case(tmp_path, _victim_ads(tmp_path))
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "5f2c8e1a9b7d4c3e6a0f1b2d8c7e9a4b3d6f5e2c1a0b9d8e7f6a5c4b3e2d1f0a\n", encoding="utf-8"
    )
    bundle = tmp_path / "bundle"
    _run("share", str(out), "--secret", str(secret), "-o", str(bundle))
    nodes = pd.read_parquet(bundle / "nodes.parquet")
    images = nodes[nodes["type"].eq("image")]["node_id"].str[:2].value_counts().to_dict()
    assert images == {"t:": 2, "w:": 1}
    for file in bundle.iterdir():
        assert SHARED.encode() not in file.read_bytes()


def test_a_list_of_phone_objects_in_an_ad_is_read_by_its_number(tmp_path: Path) -> None:
    """``"phones": [{"number": ..., "type": ...}]`` in the ads preset's phone field: each
    object's number is a phone (an invalid one refused as phone_invalid, not the whole
    cell as nested_value), its type that phone's attribute; ``"emails": [{"address"}]``
    likewise."""
    path = _jsonl(
        tmp_path / "ads.jsonl",
        [
            {"id": "a1", "title": "New girl in town", "url": "https://x.example/a1",
             "phones": [{"number": "+44 7911 123456", "type": "mobile"},
                        {"number": "+40 721 000 111", "type": "whatsapp"}],
             "emails": [{"address": "Ana@Example.com", "type": "work"}]},
            {"id": "a2", "title": "Sweet massage", "url": "https://x.example/a2",
             "phones": [{"number": "+44 7911 654321", "type": "mobile"}]},
        ],
    )  # fmt: skip
    draft, mapping = suggest_draft(path, tmp_path)
    assert mapping["include"] == "ads"
    out = tmp_path / "case"
    _run("ingest", str(path), "--mapping", str(draft), "-o", str(out))
    case = Case.read(out)
    assert linked(case, "identifier", "identifier", ["ad_contact"]) == [
        ("a1", "+40721000111"),
        ("a1", "+447911123456"),
        ("a1", "ana@example.com"),
        ("a2", "+44 7911 654321"),
    ]
    m = case.mentions.set_index("identifier")
    assert json.loads(m.at["+40721000111", "attrs"]) == {"type": "whatsapp"}
    assert json.loads(m.at["ana@example.com", "attrs"]) == {"type": "work"}
    assert case.rejects[["row", "reason"]].to_numpy().tolist() == [[2, "phone_invalid"]]


def test_a_hotlines_lists_of_phone_and_email_objects_are_its_persons(tmp_path: Path) -> None:
    """A nested hotline JSON whose record's person has ``"phones": [{"number"}]`` and
    ``"emails": [{"address"}]``, and whose suspect has phones of his own: suggest links
    each list to its person (before: the record's phones tied to no one, the e-mails
    left unmapped, the suspect's phones given to the victim), and ingest reads them."""
    rows = [
        {"id": "H-1", "name": "Maria Popescu", "role": "victim",
         "phones": [{"number": "+44 7911 123456"}], "emails": [{"address": "maria@example.com"}],
         "suspect": {"name": "Ion Vasile", "phones": [{"number": "+44 7912 345678",
                                                      "type": "mobile"}]}},
        {"id": "H-2", "name": "Elena Dima", "role": "victim",
         "phones": [{"number": "+44 7400 123456"}, {"number": "+44 7400 654320"}],
         "emails": [], "suspect": {"name": "Ion Vasile", "phones": []}},
    ]  # fmt: skip
    path = tmp_path / "hotline.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    draft, _ = suggest_draft(path, tmp_path)
    out = tmp_path / "case"
    _run("ingest", str(path), "--mapping", str(draft), "-o", str(out))
    case = Case.read(out)
    assert case.rejects.empty
    holds = linked(case, "name", "identifier", ["uses_phone", "uses_email"])
    assert holds == [
        ("Elena Dima", "+447400123456"),
        ("Elena Dima", "+447400654320"),
        ("Ion Vasile", "+447912345678"),
        ("Maria Popescu", "+447911123456"),
        ("Maria Popescu", "maria@example.com"),
    ]
