"""Scraped ads and marketplace listings through `mapping suggest` and `ingest` with no
edit: each record is an ad, its phones, e-mails and place linked to it (as the ads preset
links them), and the person who posted it linked to it. Through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from linkgraph.model import Case
from tests.ingest.helpers import linked
from tests.suggest_draft import run_cli, suggest_draft


def _suggest_ingest(data: Path, tmp: Path) -> tuple[Case, dict]:
    draft_path, draft = suggest_draft(data, tmp)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft_path), "-o", str(tmp / "c"))
    assert code == 0, out
    return Case.read(tmp / "c"), draft


def test_nested_scraped_ads_are_ads_with_their_contacts_and_places(tmp_path):
    """url/title/body records with nested contact phones and e-mail and a nested location:
    each an ad, linked to its phones, e-mail and city; a number written only in the body
    is found too."""
    ads = [
        {
            "id": "ad-1",
            "url": "https://ads.example/1",
            "title": "New in town",
            "body": "Call or WhatsApp +40 722 000 111",
            "contact": {"phones": ["0751 234 567"], "email": "lara@mail.example"},
            "location": {"city": "Iasi", "country": "RO"},
            "posted": "2024-03-01T10:00:00Z",
        },
        {
            "id": "ad-2",
            "url": "https://ads.example/2",
            "title": "Massage",
            "body": "sms only",
            "contact": {"phones": ["+40 744 999 000"], "email": None},
            "location": {"city": "Arad", "country": "RO"},
            "posted": "2024-03-02T10:00:00Z",
        },
    ]
    data = tmp_path / "scrape.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in ads) + "\n", encoding="utf-8")
    case, _ = _suggest_ingest(data, tmp_path)
    assert sorted(case.mentions.loc[case.mentions["type"] == "ad", "identifier"]) == [
        "ad-1",
        "ad-2",
    ]
    contacts = set(linked(case, src="identifier", dst="label", kinds=["ad_contact"]))
    assert contacts == {
        ("ad-1", "+40751234567"),
        ("ad-1", "+40722000111"),
        ("ad-1", "lara@mail.example"),
        ("ad-2", "+40744999000"),
    }
    assert set(linked(case, src="identifier", dst="label", kinds=["located_in"])) == {
        ("ad-1", "Iasi"),
        ("ad-2", "Arad"),
    }
    assert "event" not in set(case.mentions["type"])


def test_ingest_and_check_warn_when_several_slots_make_no_link(tmp_path):
    """A mapping of a person and a phone with no `links:`: 4 mentions, 0 links, and the
    summary (and `mapping check`) says that nothing ties them."""
    data = tmp_path / "p.csv"
    data.write_text("name,phone\nAna Rusu,+40722000111\nIon Ceban,+37369123456\n", "utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "entities:\n"
        "  person: {type: person, fields: {name: name}}\n"
        "  phone: {type: phone, fields: {phone: phone}}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, out
    assert "4 mentions, 0 links" in out
    assert "4 mentions of 2 slots (person, phone) and no link: it has no `links:`" in out
    code, out = run_cli("mapping", "check", str(data), "--mapping", str(mapping))
    assert "2 slots (person, phone) and no link" in out


def test_marketplace_listing_is_an_ad_posted_by_its_seller(tmp_path):
    """An API page of listings ({adId, seller: {name, phone}, createdAt}): each listing an
    ad with its time read, posted by its seller, who uses his phone; no adid/createdat
    person attributes."""
    items = [
        {"adId": 77, "seller": {"name": "Mihai Stan", "phone": "+40744999000"},
         "createdAt": "2024-03-05 14:00"},
        {"adId": 78, "seller": {"name": "Dorin Vasile", "phone": "+40755888777"},
         "createdAt": "2024-03-14 09:30"},
    ]  # fmt: skip
    data = tmp_path / "listings.json"
    data.write_text(json.dumps({"meta": {"page": 1}, "data": {"items": items}}), "utf-8")
    case, draft = _suggest_ingest(data, tmp_path)
    assert not {"adid", "createdat"} & set(draft["entities"]["seller"]["fields"])
    assert linked(case, src="name", dst="identifier", kinds=["posted_ad"]) == [
        ("Dorin Vasile", "78"),
        ("Mihai Stan", "77"),
    ]
    ads = case.mentions[case.mentions["type"] == "ad"].set_index("identifier")
    assert str(ads.at["77", "time"]) == "2024-03-05 14:00:00+00:00"
    assert str(ads.at["78", "time"]) == "2024-03-14 09:30:00+00:00"
    assert linked(case, kinds=["uses_phone"]) == [
        ("Dorin Vasile", "+40755888777"),
        ("Mihai Stan", "+40744999000"),
    ]


def test_a_listings_city_is_the_ads_place_not_the_sellers(tmp_path):
    """A listing's own ``city`` (beside a nested ``seller``) is where the ad is offered:
    the ad is ``located_in`` it, and the seller gets no city from it. A ``seller.city``
    stays the seller's own. The same holds for a flat table of listings."""
    items = [
        {"adId": 77, "seller": {"name": "Mihai Stan", "phone": "+40744999000", "city": "Arad"},
         "city": "Timisoara", "createdAt": "2024-03-05 14:00"},
        {"adId": 78, "seller": {"name": "Dorin Vasile", "phone": "+40755888777", "city": "Arad"},
         "city": "Cluj-Napoca", "createdAt": "2024-03-14 09:30"},
    ]  # fmt: skip
    data = tmp_path / "listings.json"
    data.write_text(json.dumps({"data": {"items": items}}), "utf-8")
    case, draft = _suggest_ingest(data, tmp_path)
    assert draft["entities"]["seller"]["fields"]["city"] == "seller.city"
    assert linked(case, src="identifier", dst="city", kinds=["located_in"]) == [
        ("77", "Timisoara"),
        ("78", "Cluj-Napoca"),
    ]
    persons = case.mentions[case.mentions["type"] == "person"].set_index("name")["city"]
    assert persons.to_dict() == {"Mihai Stan": "Arad", "Dorin Vasile": "Arad"}

    flat = tmp_path / "flat"
    flat.mkdir()
    table = flat / "listings.csv"
    table.write_text(
        "listing_id,seller_name,seller_phone,city\n101,Ion Popa,+40722000111,Iasi\n", "utf-8"
    )
    case, _ = _suggest_ingest(table, flat)
    assert linked(case, src="identifier", dst="city", kinds=["located_in"]) == [("101", "Iasi")]
    assert case.mentions.loc[case.mentions["type"] == "person", "city"].isna().all()
