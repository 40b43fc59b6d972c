"""The GeoNames gazetteer is kept as a compact file in the user's cache folder: the first
geocoding makes it, later ones read it, and the places found are the same either way (and
when the file cannot be written or read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph import geocode
from linkgraph.geo import places

VALUES = ["Кишинів", "Kischinau", "Odessa", "Köln", "48.4647, 35.0462", "Xanadu"]
HINTS = ["MD", "MD", "UA", None, None, None]
# by hand: Cyrillic and German spellings of Chișinău (the second one letter away from a
# Moldovan alternate name), Odessa's old spelling, Cologne, a point in Dnipro, nowhere
EXPECTED = [
    ("city:618426", "Chisinau", "MD"),
    ("city:618426", "Chisinau", "MD"),
    ("city:698740", "Odesa", "UA"),
    ("city:2886242", "Köln", "DE"),
    ("city:709930", "Dnipro", "UA"),
    (None, None, None),
]


def _forget_gazetteer() -> None:
    """Drop what this process holds of the gazetteer, so the next lookup reads it again."""
    for cached in (places._gazetteer, places._countries, places._country_names):
        cached.cache_clear()
    places._city_tree.cache_clear()
    places._name_cities.cache_clear()
    places._town_positions.cache_clear()
    places._OWN_NAME.clear()
    places._ALTERNATE.clear()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forget_gazetteer()
    yield tmp_path
    _forget_gazetteer()


def _found() -> list[tuple[object, ...]]:
    table = geocode(VALUES, HINTS)
    table = table.astype(object).where(table.notna(), None)
    return list(zip(table["place_id"], table["name"], table["country"], strict=True))


def test_first_lookup_keeps_the_gazetteer_and_later_ones_read_it(cache_home: Path) -> None:
    assert _found() == EXPECTED
    kept = list((cache_home / "linkgraph").glob("gazetteer*.arrow"))
    assert len(kept) == 1
    _forget_gazetteer()
    made = places._build_gazetteer

    def not_again() -> None:
        raise AssertionError("the gazetteer was made again instead of read")

    places._build_gazetteer = not_again  # type: ignore[assignment]
    try:
        assert _found() == EXPECTED
    finally:
        places._build_gazetteer = made


def test_a_damaged_gazetteer_file_is_made_again(cache_home: Path) -> None:
    _found()
    (kept,) = (cache_home / "linkgraph").glob("gazetteer*.arrow")
    kept.write_bytes(b"not an arrow file")
    _forget_gazetteer()
    assert _found() == EXPECTED
    assert kept.read_bytes()[:6] == b"ARROW1"


def test_a_cache_folder_that_cannot_be_written_only_slows_the_lookup(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = cache_home / "a file"
    blocked.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _found() == EXPECTED
    assert blocked.read_text(encoding="utf-8") == "in the way"
