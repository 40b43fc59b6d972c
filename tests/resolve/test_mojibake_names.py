"""Names whose UTF-8 was read as Windows-1252 or Latin-1 ("ÅžÃ¼krÃ¼") are compared as
the names they were ("Şükrü"); the name as recorded stays in the mention."""

from __future__ import annotations

from linkgraph.resolve.features import person_features
from linkgraph.text import fold_name, repair_name_mojibake

from .factory import people

# (as read in the wrong encoding, as written): each pair by hand from the UTF-8 bytes.
PAIRS = [
    ("ÅžÃ¼krÃ¼", "Şükrü"),
    ("MaÅ‚gorzata", "Małgorzata"),
    ("Ã–ztÃ¼rk", "Öztürk"),
    ("StrauÃŸ", "Strauß"),
    ("Ä°brahim", "İbrahim"),
    ("DÃ¼rr", "Dürr"),
    ("Ã\x81lvaro", "Álvaro"),  # 0x81, undefined in Windows-1252: passed through
    ("Ð¡ÐµÑ€Ð³ÐµÐ¹", "Сергей"),
]


def test_windows_1252_and_latin_1_mojibake_is_repaired():
    assert [repair_name_mojibake(bad) for bad, _ in PAIRS] == [good for _, good in PAIRS]


def test_true_spellings_are_kept():
    for name in ["Müller", "Ãngel", "Ñuñez", "José", "Chloë", "Ólafur Þórsson", "Сергей"]:
        assert repair_name_mojibake(name) == name


def test_names_compare_repaired_and_are_kept_as_recorded():
    frame = people([
        {"given_name": "ÅžÃ¼krÃ¼", "family_name": "Ã–ztÃ¼rk"},
        {"given_name": "Şükrü", "family_name": "Öztürk"},
        {"name": "Ä°brahim DÃ¼rr"},
        {"name": "İbrahim Dürr"},
    ])  # fmt: skip
    f = person_features(frame)
    assert f["given_name"].tolist()[:2] == ["sukru", "sukru"]
    assert f["family_name"].tolist()[:2] == ["ozturk", "ozturk"]
    assert f["full_name"].tolist()[2:] == ["ibrahim durr", "ibrahim durr"]
    assert fold_name("JosÃ© MÃ¼ller") == fold_name("José Müller") == "jose muller"
    assert frame["given_name"].tolist()[0] == "ÅžÃ¼krÃ¼"
