"""Place names as analysts of European, African and Asian trafficking routes write them
(English and older exonyms: "Kiev", "Kishinev", "Bombay", "Cologne") are found in the right
country, and large islands logs name as places are not towns of the same name elsewhere
(Crete, Illinois; Rhodes, Sydney; Bāli, India). The expected countries are the reference
(an analyst's knowledge), not the code's output. ``geocode`` (a table of strings) places
each as ``geocode_one`` does.
"""

from __future__ import annotations

import pytest

from linkgraph import geocode
from linkgraph.geo.places import geocode_one

# name as written in a report -> ISO country of the city meant
EXONYMS = {
    # the Black Sea and Eastern routes
    "Kiev": "UA",
    "Kharkov": "UA",
    "Odessa": "UA",
    "Nikolaev": "UA",
    "Lvov": "UA",
    "Lemberg": "UA",
    "Dnepropetrovsk": "UA",
    "Zaporozhye": "UA",
    "Lugansk": "UA",
    "Chernovtsy": "UA",
    "Kishinev": "MD",
    "Bucharest": "RO",
    "Jassy": "RO",
    "Temeswar": "RO",
    "Moscow": "RU",
    "Rostov": "RU",
    "Minsk": "BY",
    "Vilna": "LT",
    "Tiflis": "GE",
    # the Balkan route
    "Belgrade": "RS",
    "Sofia": "BG",
    "Salonica": "GR",
    "Athens": "GR",
    "Tirana": "AL",
    "Trnava": "SK",
    "Pressburg": "SK",
    "Skopje": "MK",
    "Sarajevo": "BA",
    "Zagreb": "HR",
    "Constantinople": "TR",
    "Smyrna": "TR",
    "Adrianople": "TR",
    # destinations in Western and Central Europe
    "Naples": "IT",
    "Florence": "IT",
    "Venice": "IT",
    "Genoa": "IT",
    "Turin": "IT",
    "Leghorn": "IT",
    "Padua": "IT",
    "Cologne": "DE",
    "Munich": "DE",
    "Nuremberg": "DE",
    "Hanover": "DE",
    "Warsaw": "PL",
    "Cracow": "PL",
    "Breslau": "PL",
    "Danzig": "PL",
    "Gubin": "PL",
    "Komárom": "HU",
    "Prague": "CZ",
    "Vienna": "AT",
    "Lisbon": "PT",
    "Seville": "ES",
    "Saragossa": "ES",
    "Antwerp": "BE",
    "Brussels": "BE",
    "The Hague": "NL",
    "Gothenburg": "SE",
    "Copenhagen": "DK",
    "Marseilles": "FR",
    "Lyons": "FR",
    "Dunkirk": "FR",
    "Geneva": "CH",
    # Africa and the Middle East
    "Benin City": "NG",
    "Lagos": "NG",
    "Agadez": "NE",
    "Tripoli": "LY",
    "Algiers": "DZ",
    "Tangier": "MA",
    "Alexandria": "EG",
    "Malaba": "UG",
    "Mecca": "SA",
    # Asia
    "Saigon": "VN",
    "Bombay": "IN",
    "Calcutta": "IN",
    "Madras": "IN",
    "Peking": "CN",
    "Canton": "CN",
    "Rangoon": "MM",
    "Dacca": "BD",
    "Islamabad": "PK",
    "Alma-Ata": "KZ",
    # European cities whose English name a town elsewhere bears as large or larger, or
    # smaller but not by ten times (Syracuse, New York; Cadiz, Philippines; Brunswick, Ohio)
    "Bruges": "BE",
    "Brunswick": "DE",
    "Syracuse": "IT",
    "Cadiz": "ES",
    "Cádiz": "ES",
    "Corinth": "GR",
    "Orleans": "FR",
    "Sparta": "GR",
    "Gerona": "ES",
}
#: Those of them by the city's own name in GeoNames (by hand)
NAMESAKES = {
    "Bruges": "Brugge",
    "Brunswick": "Braunschweig",
    "Syracuse": "Siracusa",
    "Cadiz": "Cadiz",
    "Corinth": "Kórinthos",
}

# islands and regions logs name as places -> (country, one spelling of each in another
# language or script that must be the same place)
ISLANDS = {
    "Crete": ("GR", "Κρήτη"),
    "Sicily": ("IT", "Sicilia"),
    "Sardinia": ("IT", "Sardegna"),
    "Corsica": ("FR", "Corse"),
    "Mallorca": ("ES", "Majorca"),
    "Santorini": ("GR", "Σαντορίνη"),
    "Rhodes": ("GR", "Ρόδος"),
    "Bali": ("ID", "Pulau Bali"),
    "Lesbos": ("GR", "Λέσβος"),
    "Ibiza": ("ES", "Eivissa"),
}

# (name, the row's country) -> that country: a hint keeps a place of the name there
HINTED = [
    ("Odessa", "US"),
    ("Odessa", "UA"),
    ("Crete", "US"),
    ("Rhodes", "AU"),
    ("Bali", "IN"),
    # names a smaller or similar place bears elsewhere, found with the row's country
    ("Cadiz", "ES"),
    ("Syracuse", "IT"),
    ("Corinth", "GR"),
    ("Bruges", "BE"),
    ("Brunswick", "DE"),
    # and their namesakes elsewhere, when the row says so
    ("Syracuse", "US"),
    ("Brunswick", "US"),
    ("Brunswick", "AU"),
    ("Cadiz", "PH"),
    ("Bruges", "FR"),
    ("Corinth", "US"),
    ("Orleans", "CA"),
    ("Sparta", "US"),
]


def test_the_list_is_long_enough() -> None:
    assert len(EXONYMS) >= 60


@pytest.mark.parametrize(("name", "country"), sorted(EXONYMS.items()))
def test_an_exonym_is_the_city_of_its_country(name: str, country: str) -> None:
    place, matched = geocode_one(name)
    assert place is not None, name
    assert (place.country, place.kind, matched) == (country, "city", name)


def test_odessa_is_odesa_in_ukraine_not_odessa_texas() -> None:
    place, _ = geocode_one("Odessa")
    # Odesa, ~1M people, "Odessa" one of its names; Odessa, Texas (~114,000) is named so
    assert (place.name, place.country) == ("Odesa", "UA")
    assert geocode_one("Odessa")[0] == geocode_one("Одеса")[0] == geocode_one("Odesa")[0]
    assert (round(place.lat, 1), round(place.lon, 1)) == (46.5, 30.7)


@pytest.mark.parametrize(("name", "city"), sorted(NAMESAKES.items()))
def test_a_namesake_elsewhere_does_not_take_the_european_citys_name(name: str, city: str) -> None:
    place, _ = geocode_one(name)
    assert (place.name, place.country) == (city, EXONYMS[name])
    # its own name, and the name in any case, are the same city
    assert geocode_one(city)[0] == geocode_one(name.upper())[0] == place


def test_a_namesake_is_found_with_its_rows_country() -> None:
    # Syracuse, New York (144,142 people, GeoNames 5140405), not the smaller one in Utah
    place, _ = geocode_one("Syracuse", hint="US")
    assert (place.place_id, place.country) == ("city:5140405", "US")
    assert geocode_one("Syracuse", hint="IT")[0] == geocode_one("Syracuse")[0]
    assert geocode_one("Cadiz", hint="PH")[0].name == "Cadiz"
    assert geocode_one("Cadiz", hint="PH")[0].country == "PH"


@pytest.mark.parametrize(("name", "expected"), sorted(ISLANDS.items()))
def test_an_island_is_placed_in_its_country(name: str, expected: tuple[str, str]) -> None:
    country, other = expected
    place, matched = geocode_one(name)
    assert place is not None, name
    assert (place.country, matched) == (country, name)
    assert geocode_one(other)[0] == place, other
    assert geocode_one(f"{name} island")[0] == place


def test_islands_are_at_their_main_town() -> None:
    # by hand, from the towns' published positions (to about 0.1 degree)
    towns = {
        "Crete": (35.34, 25.13),  # Heraklion
        "Sicily": (38.12, 13.36),  # Palermo
        "Sardinia": (39.22, 9.11),  # Cagliari
        "Corsica": (41.92, 8.74),  # Ajaccio
        "Mallorca": (39.57, 2.65),  # Palma
        "Santorini": (36.42, 25.43),  # Fira
        "Rhodes": (36.43, 28.22),  # Rhodes town
        "Bali": (-8.65, 115.22),  # Denpasar
    }
    for name, (lat, lon) in towns.items():
        place = geocode_one(name)[0]
        assert max(abs(place.lat - lat), abs(place.lon - lon)) < 0.1, name


def test_rhodes_is_one_place_under_every_spelling() -> None:
    # the island's main town bears its name: one place, the Greek town
    found = {geocode_one(s)[0] for s in ("Rhodes", "Rodos", "Rhodos", "Ródos", "Ρόδος", "Родос")}
    assert len(found) == 1
    (place,) = found
    assert (place.country, place.kind) == ("GR", "city")


@pytest.mark.parametrize(("name", "hint"), HINTED)
def test_the_rows_country_keeps_its_town(name: str, hint: str) -> None:
    place, _ = geocode_one(name, hint=hint)
    assert place is not None, (name, hint)
    assert place.country == hint, (name, hint, place)


def test_the_table_of_strings_agrees_with_one_string_at_a_time() -> None:
    values = [*EXONYMS, *ISLANDS, *(other for _, other in ISLANDS.values())]
    values += [name for name, _ in HINTED]
    hints: list[str | None] = [None] * (len(values) - len(HINTED)) + [h for _, h in HINTED]
    table = geocode(values, hints)
    assert len(table) == len(dict.fromkeys(zip(values, hints, strict=True)))
    for row in table.itertuples():
        place, matched = geocode_one(row.value, hint=row.hint)
        assert place is not None, row.value
        got = (row.place_id, row.name, row.country, row.matched)
        assert got == (place.place_id, place.name, place.country, matched), row.value
    by_value = table[table["hint"].isna()].set_index("value")["country"]
    assert {v: by_value[v] for v in EXONYMS} == EXONYMS
    assert {v: by_value[v] for v in ISLANDS} == {v: c for v, (c, _) in ISLANDS.items()}
