"""Islands and border crossing points that border logs name and GeoNames' cities lack.

The gazetteer (:mod:`linkgraph.geo.places`) holds GeoNames' populated places of 5,000
people or more: an island is no populated place ("Lesvos", "Samos", "Lampedusa", "Sicily",
"Crete" are not in it, and "Samos" would otherwise be read as Samoa, "Crete" as the town in
Illinois, "Bali" as Bāli in India), nor is a road crossing ("Kastanies"). Coast guard and
border police logs of the Mediterranean and Atlantic routes name them as the point of
entry, so each is placed here at its main town or port (WGS84, rounded to 0.01°, from the
islands' and towns' published positions), in the country it belongs to. An island whose
main town bears its name is that town of the gazetteer (``town``, its GeoNames id), so that
every spelling is one place: "Rhodes" is Ródos, not the suburb of Sydney GeoNames ranks
first. Chios, Kos, Corfu, Ibiza, Pantelleria, Ceuta and Melilla are found there already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from linkgraph.text import fold


@dataclass(frozen=True, slots=True)
class Island:
    """One island or crossing point: its name, country (ISO alpha-2), position, the names
    it is written under (any script; matched folded) and, when its main town bears its
    name, the GeoNames id of that town."""

    name: str
    country: str
    lat: float
    lon: float
    names: tuple[str, ...]
    town: str | None = None


#: The islands and crossing points (Greek, Turkish, Italian, Spanish, English spellings).
ISLANDS: tuple[Island, ...] = (
    # Aegean islands of the Eastern Mediterranean route, at their main port
    Island("Lesvos", "GR", 39.11, 26.55, ("Lesvos", "Lesbos", "Lesvos Island", "Λέσβος")),
    Island("Samos", "GR", 37.76, 26.98, ("Samos", "Samos Island", "Σάμος", "Sisam")),
    Island("Leros", "GR", 37.13, 26.85, ("Leros", "Λέρος")),
    Island("Agathonisi", "GR", 37.46, 26.97, ("Agathonisi", "Αγαθονήσι")),
    Island("Farmakonisi", "GR", 37.29, 27.09, ("Farmakonisi", "Φαρμακονήσι")),
    Island("Symi", "GR", 36.62, 27.84, ("Symi", "Simi", "Σύμη")),
    Island("Tilos", "GR", 36.43, 27.37, ("Tilos", "Τήλος")),
    Island("Kastellorizo", "GR", 36.15, 29.59, ("Kastellorizo", "Megisti", "Meis", "Καστελλόριζο")),
    Island("Gavdos", "GR", 34.84, 24.08, ("Gavdos", "Γαύδος")),
    # the Greek-Turkish land border on the Evros: road crossings
    Island("Kastanies", "GR", 41.65, 26.47, ("Kastanies", "Kastanies BCP", "Καστανιές")),
    Island("Kipoi", "GR", 40.94, 26.33, ("Kipoi", "Kipi", "Kipoi BCP", "Κήποι")),
    # the Central Mediterranean route: Italian and Maltese islands
    Island(
        "Lampedusa", "IT", 35.50, 12.61, ("Lampedusa", "Lampedusa e Linosa", "Lampedusa Island")
    ),
    Island("Linosa", "IT", 35.87, 12.87, ("Linosa",)),
    Island("Gozo", "MT", 36.04, 14.24, ("Gozo", "Għawdex")),
    # the Atlantic route: the Canary Islands, at their capitals
    Island("Lanzarote", "ES", 28.96, -13.55, ("Lanzarote",)),
    Island("Fuerteventura", "ES", 28.50, -13.86, ("Fuerteventura",)),
    Island("Gran Canaria", "ES", 28.12, -15.43, ("Gran Canaria",)),
    Island("La Gomera", "ES", 28.09, -17.11, ("La Gomera", "Gomera")),
    Island("El Hierro", "ES", 27.81, -17.92, ("El Hierro", "Hierro")),
    # large islands that logs name as places, at their main town or port
    Island(
        "Crete",
        "GR",
        35.34,
        25.14,
        ("Crete", "Kriti", "Kreta", "Creta", "Girit", "Κρήτη", "Крит"),
    ),
    Island(
        "Rhodes",
        "GR",
        36.44,
        28.22,
        ("Rhodes", "Rodos", "Rhodos", "Ródos", "Ρόδος", "Родос"),
        town="400666",
    ),
    Island(
        "Santorini",
        "GR",
        36.42,
        25.43,
        ("Santorini", "Santorin", "Thira", "Thera", "Σαντορίνη", "Θήρα", "Санторини"),
    ),
    Island(
        "Sicily",
        "IT",
        38.12,
        13.36,
        ("Sicily", "Sicilia", "Sizilien", "Sicile", "Sicilya", "Σικελία", "Сицилия"),
    ),
    Island(
        "Sardinia",
        "IT",
        39.22,
        9.11,
        ("Sardinia", "Sardegna", "Sardinien", "Sardaigne", "Cerdeña", "Σαρδηνία", "Сардиния"),
    ),
    Island("Corsica", "FR", 41.92, 8.74, ("Corsica", "Corse", "Korsika", "Córcega", "Корсика")),
    Island(
        "Mallorca",
        "ES",
        39.57,
        2.65,
        ("Mallorca", "Majorca", "Maiorca", "Μαγιόρκα", "Майорка"),
    ),
    Island("Menorca", "ES", 39.89, 4.27, ("Menorca", "Minorca", "Менорка")),
    Island("Bali", "ID", -8.65, 115.22, ("Bali", "Pulau Bali", "Бали", "巴厘岛")),
)

#: "island of", "isola di", "νήσος", "adası" around a name: the same place.
_ISLAND_WORD = re.compile(
    r"^(?:island of|isle of|isola di|isla de|ile de|insel|nisos|nisi)\s+|\s+(?:island|isola"
    r"|isla|adasi|insel|nisos)$"
)


@lru_cache(maxsize=1)
def _index() -> dict[str, Island]:
    return {fold(n).lower(): island for island in ISLANDS for n in island.names}


def island_of(text: str) -> Island | None:
    """The island or crossing point ``text`` names (any case, accents, an "island" word
    around it), or None.

    Examples:
        >>> [island_of(s).country for s in ("Lesvos", "LESBOS", "Σάμος", "Isola di Lampedusa")]
        ['GR', 'GR', 'GR', 'IT']
        >>> island_of("Samoa") is None, island_of("Majorca").name, island_of("Κρήτη").name
        (True, 'Mallorca', 'Crete')
    """
    key = " ".join(fold(text).lower().split())
    found = _index().get(key)
    if found is None:
        found = _index().get(_ISLAND_WORD.sub("", key))
    return found
