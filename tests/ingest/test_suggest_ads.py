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


def _olx_like(path: Path) -> Path:
    """Three scraped ads (an ``id``, ``url``, ``title``, a nested ``contact`` with a name
    and phones, a nested ``location``): the one Romanian number written internationally
    in ad 1 and nationally in ad 2, which is placed in Moldova; ad 3 has no contact."""
    ads = [
        {"id": "olx-1", "url": "https://olx.example/d/1", "title": "Munca in Germania, cazare",
         "posted": "2024-03-01T10:15:00+02:00",
         "contact": {"name": "Andrei", "phones": ["+40 721 000 111", "0049 176 11122233"]},
         "location": {"city": "Iasi", "country": "RO", "lat": 47.158, "lon": 27.601}},
        {"id": "olx-2", "url": "https://olx.example/d/2", "title": "Hostess Dubai 3000 EUR",
         "posted": "2024-03-02T08:00:00+02:00",
         "contact": {"name": "Andrei", "phones": ["0721000111"], "email": "dubai@mail.example"},
         "location": {"city": "Chisinau", "country": "MD", "lat": 47.01, "lon": 28.86}},
        {"id": "olx-3", "url": "https://olx.example/d/3", "title": "Babysitter Italia",
         "posted": "2024-03-05T19:45:00+02:00", "contact": {"name": None, "phones": []},
         "location": {"city": "Balti", "country": "MD"}},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(a) for a in ads) + "\n", encoding="utf-8")
    return path


def test_scraped_ads_with_a_named_contact_are_ads_placed_where_they_are_offered(tmp_path):
    """Records that hold a page, a title and a contact are ads though no header says "ad":
    each an ``ad`` (not an event) linked ``ad_contact`` to its contact person and to the
    numbers and e-mail it gives, ``located_in`` its location (with its coordinates). The
    ad's place is not the contact's: the contact gets no country from it, and ad 2's
    national number, placed in Moldova, is read in the draft's region (RO), the same
    number as ad 1's, not rejected as a Moldovan one. Ad 3 (no name, no phone) makes no
    person."""
    data = _olx_like(tmp_path / "olx.jsonl")
    case, draft = _suggest_ingest(data, tmp_path)
    assert draft["region"] == "RO"
    assert draft["entities"]["ad"]["fields"]["identifier"] == "id"
    assert "country" not in draft["entities"]["contact"]["fields"]
    assert draft["entities"]["location"]["fields"] == {
        "city": "location.city",
        "country": "location.country",
        "lat": "location.lat",
        "lon": "location.lon",
    }
    m = case.mentions
    assert case.rejects.empty
    assert sorted(m.loc[m["type"] == "ad", "identifier"]) == ["olx-1", "olx-2", "olx-3"]
    assert "event" not in set(m["type"])
    assert list(m.loc[m["type"] == "person", "name"]) == ["Andrei", "Andrei"]
    assert m.loc[m["type"] == "person", "country"].isna().all()
    contacts = set(linked(case, src="identifier", dst="label", kinds=["ad_contact"]))
    assert contacts == {
        ("olx-1", "Andrei"),
        ("olx-1", "+40721000111"),
        ("olx-1", "+4917611122233"),
        ("olx-2", "Andrei"),
        ("olx-2", "+40721000111"),
        ("olx-2", "dubai@mail.example"),
    }
    assert linked(case, src="identifier", dst="country", kinds=["located_in"]) == [
        ("olx-1", "RO"),
        ("olx-2", "MD"),
        ("olx-3", "MD"),
    ]
    assert not set(linked(case, kinds=["involved_in"]))


def test_an_ads_place_reads_its_numbers_only_without_a_region(tmp_path):
    """The ads preset: with ``region: RO``, the national number of an ad placed in
    Moldova is Romanian (+40...); with no region, it is read in the ad's country (a
    Moldovan ``069123456`` is +37369123456), as nothing else says where it is from."""
    rows = [
        {"id": "a1", "title": "Lucru", "phones": "0721000111", "location": {"country": "MD"}},
        {"id": "a2", "title": "Lucru", "phones": "069123456", "location": {"country": "MD"}},
    ]
    data = tmp_path / "ads.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    labels = {}
    for region in ("RO", None):
        mapping = tmp_path / f"m{region}.yaml"
        mapping.write_text("include: ads\n" + (f"region: {region}\n" if region else ""), "utf-8")
        out = tmp_path / f"c{region}"
        code, text = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(out))
        assert code == 0, text
        case = Case.read(out)
        read = case.mentions[case.mentions["type"] == "phone"]
        labels[region] = (sorted(read["label"]), sorted(case.rejects["value"]))
    # RO: the Moldovan-format 069... is no Romanian number (rejected, never read as MD)
    assert labels["RO"] == (["+40721000111"], ["069123456"])
    assert labels[None] == (["+37369123456"], ["0721000111"])


def test_a_country_alone_makes_no_person(tmp_path):
    """docs/mapping.md: a record id or a country alone does not make a person. A row
    whose person slot holds only a country makes none; one with a date of birth beside
    it is an unnamed person."""
    data = tmp_path / "p.csv"
    data.write_text("name,country,dob\nAna Rusu,MD,\n,MD,\n,RO,1990-02-03\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "entities:\n  person: {type: person, fields: {name: name, country: country, dob: dob}}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, out
    persons = Case.read(tmp_path / "c").mentions
    assert sorted(zip(persons["row"], persons["label"], strict=True)) == [
        (1, "Ana Rusu"),
        (3, "unnamed person"),
    ]
