"""The ads preset on scraped ads as sites give them: a nested location object, rows
without an ad id, lists of handles and image hashes (through the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.model import Case
from tests.ingest.helpers import linked
from tests.suggest_draft import suggest_draft


def _ingest_ads(tmp_path: Path, rows: list[dict[str, object]], *args: str) -> tuple[Case, str]:
    """``rows`` written as ads.jsonl and ingested with ``--preset ads``: the case and the
    command's output."""
    path = tmp_path / "ads.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "ads", *args, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return Case.read(out), result.output


def test_a_nested_location_is_the_ads_place_with_its_coordinates(tmp_path: Path) -> None:
    """``"location": {"city", "country", "lat", "lon"}`` makes the ad's location: its
    city and country, its coordinates kept on it; the row's country reads the ad's
    national number without --region. A location written as text stays its name."""
    case, output = _ingest_ads(
        tmp_path,
        [
            {
                "ad_id": "a1",
                "phones": ["0721 000 111"],
                "location": {"city": "Iasi", "country": "RO", "lat": 47.16, "lon": 27.58},
            },
            {"ad_id": "a2", "location": "Cluj-Napoca"},
        ],
    )
    places = case.mentions.query("type == 'location'").set_index("row")
    assert places.at[1, "city"] == "Iasi"
    assert places.at[1, "country"] == "RO"
    assert places.at[1, "label"] == "Iasi"
    assert json.loads(places.at[1, "attrs"]) == {"lat": "47.16", "lon": "27.58"}
    assert places.at[2, "name"] == "Cluj-Napoca"
    assert linked(case, src="identifier", dst="label", kinds=["located_in"]) == [
        ("a1", "Iasi"),
        ("a2", "Cluj-Napoca"),
    ]
    assert linked(case, src="identifier", dst="phone", kinds=["ad_contact"]) == [
        ("a1", "+40721000111")
    ]
    assert "location.city" not in output  # no column left unread
    assert case.rejects.empty


def test_an_ad_without_an_id_is_still_the_ad_its_phones_are_linked_to(tmp_path: Path) -> None:
    """A row without an ad id makes its ad all the same, named by its URL, else by its
    source and row; its phones are linked to it (no orphan phone), and the summary says
    so."""
    case, output = _ingest_ads(
        tmp_path,
        [
            {"ad_id": None, "title": "no id", "phones": ["+40721000115"]},
            {"url": "https://x.ro/7", "phones": ["+40721000116"]},
            {"ad_id": "a3", "url": "https://x.ro/3", "phones": "+40721000117"},
        ],
    )
    ads = case.mentions.query("type == 'ad'").set_index("row")["identifier"]
    assert ads.to_dict() == {1: "ads.jsonl:1", 2: "https://x.ro/7", 3: "a3"}
    assert linked(case, src="identifier", dst="phone") == [
        ("a3", "+40721000117"),
        ("ads.jsonl:1", "+40721000115"),
        ("https://x.ro/7", "+40721000116"),
    ]
    assert "rows without ad_id or url (first: row 1)" in output
    assert case.rejects.empty


def test_handles_and_image_hashes_are_kept_on_the_ad(tmp_path: Path) -> None:
    """Lists of handles and image hashes are several values of the ad's attributes (no
    entity type holds a handle), never a nested_value reject; each hash is an image
    mention the ad shows too."""
    case, _ = _ingest_ads(
        tmp_path,
        [
            {
                "ad_id": "a1",
                "handles": ["@anna_buc", "anna.buc"],
                "image_hashes": ["a1b2c3d4e5f60718", "ffee00112233aabb"],
            },
            {"ad_id": "a2", "handles": "anna_buc", "image_hashes": ["a1b2c3d4e5f60718"]},
        ],
    )
    ads = case.mentions[case.mentions["type"].eq("ad")]
    attrs = ads.set_index("identifier")["attrs"].map(json.loads)
    assert attrs["a1"]["handles"] == "@anna_buc; anna.buc"
    assert attrs["a1"]["image_hashes"] == "a1b2c3d4e5f60718; ffee00112233aabb"
    assert (attrs["a2"]["handles"], attrs["a2"]["image_hashes"]) == ("anna_buc", "a1b2c3d4e5f60718")
    assert linked(case, "identifier", "identifier", ["shows_image"]) == [
        ("a1", "a1b2c3d4e5f60718"),
        ("a1", "ffee00112233aabb"),
        ("a2", "a1b2c3d4e5f60718"),
    ]
    assert case.rejects.empty


def _resolved_edges(case_dir: Path) -> dict[tuple[str, str, str], float]:
    """The resolved case's graph edges by (src label, dst label, kind): their weights."""
    result = CliRunner().invoke(cli, ["resolve", str(case_dir)])
    assert result.exit_code == 0, result.output
    graph = build_graph(Case.read(case_dir))
    label = graph.nodes["label"]
    return {(label[e.src], label[e.dst], e.kind): e.weight for e in graph.edges.itertuples()}


def test_a_number_in_the_contact_field_and_the_text_is_one_contact(tmp_path: Path) -> None:
    """An ad giving the same number (and e-mail) in its contact field and again in its
    text is linked to it once: one ``ad_contact`` link, an edge of weight 1, not 2. A
    second number of the text, and the same number in another ad, keep their links."""
    case, _ = _ingest_ads(
        tmp_path,
        [
            {
                "ad_id": "a1",
                "phones": ["+40 751 234 567"],
                "email": "lara@mail.ro",
                "body": "Call +40751234567 or +40 722 000 111, lara@mail.ro",
            },
            {"ad_id": "a2", "phones": ["+40751234567"], "body": "sms +40 751 234 567"},
        ],
    )
    assert linked(case, src="identifier", dst="identifier", kinds=["ad_contact"]) == [
        ("a1", "+40722000111"),
        ("a1", "+40751234567"),
        ("a1", "lara@mail.ro"),
        ("a2", "+40751234567"),
    ]
    edges = _resolved_edges(tmp_path / "case")
    assert edges[("a1", "+40751234567", "ad_contact")] == 1
    assert edges[("a1", "lara@mail.ro", "ad_contact")] == 1
    assert edges[("a2", "+40751234567", "ad_contact")] == 1


def test_a_csv_ad_with_its_number_twice_is_linked_once(tmp_path: Path) -> None:
    """The same in a CSV of ads: the phone column and the text name one number."""
    path = tmp_path / "ads.csv"
    path.write_text(
        "ad_id,phone,text\na1,+40 751 234 567,WhatsApp +40751234567 only\n", encoding="utf-8"
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "ads", "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    assert linked(case, src="identifier", dst="identifier") == [("a1", "+40751234567")]


def test_a_list_of_image_objects_gives_the_ads_image_hashes_and_urls(tmp_path: Path) -> None:
    """Scrapers write an ad's images as objects (``[{"url": ..., "hash": ...}]``): through
    `mapping suggest` (the ads preset) and ingest, their hashes and URLs are the ad's
    attributes, so two ads of one photo share its hash; before, every such row was a
    nested_value reject and the images were lost."""
    path = tmp_path / "ads.jsonl"
    shared = "d41d8cd98f00b204e9800998ecf8427e"
    rows = [
        {"ad_id": "a1", "title": "New in town", "phone": "+44 7911 123456",
         "images": [{"url": "https://img.example/1.jpg", "hash": shared},
                    {"url": "https://img.example/2.jpg", "hash": "0badc0de0badc0de"}]},
        {"ad_id": "a2", "title": "Sweet girl", "phone": "+44 7912 345678",
         "images": [{"url": "https://img.example/3.jpg", "hash": shared}]},
        {"ad_id": "a3", "title": "Massage", "phone": "+44 7400 123456", "images": []},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    draft, mapping = suggest_draft(path, tmp_path)
    assert mapping["include"] == "ads"
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--mapping", str(draft), "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    assert case.rejects.empty
    ads = case.mentions[case.mentions["type"].eq("ad")]
    attrs = ads.set_index("identifier")["attrs"].map(json.loads)
    assert attrs["a1"]["image_hashes"] == f"{shared}; 0badc0de0badc0de"
    assert attrs["a1"]["image_urls"] == "https://img.example/1.jpg; https://img.example/2.jpg"
    assert (attrs["a2"]["image_hashes"], attrs["a2"]["image_urls"]) == (
        shared,
        "https://img.example/3.jpg",
    )
    assert attrs["a3"].get("image_hashes") is None
    assert linked(case, "identifier", "phone", ["ad_contact"]) == [
        ("a1", "+447911123456"),
        ("a2", "+447912345678"),
        ("a3", "+447400123456"),
    ]


def test_check_says_the_presets_optional_slots_once(tmp_path: Path) -> None:
    """t49: `mapping check` of ads with only an id, a phone and a title gave one warning
    per slot of the preset the file lacks (e-mail, image, place...) and per link to them;
    they are one warning naming them, and the slots the file has are not in it."""
    path = tmp_path / "ads.jsonl"
    rows = [
        {"ad_id": "A1", "phone": "+380671234567", "title": "Work in Poland"},
        {"ad_id": "A2", "phone": "+48512345678", "title": "Hostess"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    draft, _ = suggest_draft(path, tmp_path)
    result = CliRunner().invoke(cli, ["mapping", "check", str(path), "--mapping", str(draft)])
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if x.startswith("warning:")]
    (said,) = [x for x in lines if "made no mention" in x or "never made" in x]
    assert "optional slots of the ads preset made no mention in the first 2 rows" in said
    named = said.split("holds one here; the preset reads them where a file has them): ")[1]
    slots = set(named.split(";")[0].split(", "))
    assert {"email", "image", "location"} <= slots
    assert not {"ad", "phone"} & slots
    assert "shows_image" in said
    assert "located_in" in said
