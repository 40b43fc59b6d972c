"""English nicknames with several full names (the ``nicknames`` package) count as the
same given name in comparisons; unrelated names do not."""

from __future__ import annotations

from linkgraph.resolve.comparisons import level_code, name_levels
from linkgraph.resolve.features import person_features

from .factory import people


def test_nicknames_of_several_full_names_compare_as_exact():
    frame = people([
        {"given_name": "Ronnie", "family_name": "Ross"},
        {"given_name": "Ronald", "family_name": "Ross"},
        {"given_name": "Bill", "family_name": "Ross"},
        {"given_name": "Robert", "family_name": "Ross"},
        {"given_name": "Wally", "family_name": "Bryant"},
        {"given_name": "Walter", "family_name": "Bryant"},
        {"given_name": "Oleksandr", "family_name": "Ross"},
    ])  # fmt: skip
    f = person_features(frame)
    left = [0, 2, 4, 0, 1, 6]
    right = [1, 3, 5, 3, 3, 2]
    levels, _ = name_levels(f, left, right)["given_name"]
    exact = level_code("given_name", "exact")
    # Ronnie~Ronald, Bill~Robert, Wally~Walter are one name; Ronnie~Robert,
    # Ronald~Robert and Oleksandr~Bill are not.
    assert (levels == exact).tolist() == [True, True, True, False, False, False]


def test_full_names_are_not_related_through_a_shared_diminutive():
    from linkgraph.resolve.nicknames import canonical_given, nickname_related

    # William and Robert share "Bill" in the nicknames package, Katherine and
    # Christopher share "Kit": different names. Jacob, James and Diego are three names.
    different = [
        ("william", "robert"), ("kate", "christopher"), ("katherine", "christopher"),
        ("jacob", "james"), ("james", "diego"), ("jacob", "diego"), ("guillermo", "roberto"),
    ]  # fmt: skip
    assert [nickname_related(a, b) for a, b in different] == [False] * len(different)
    assert len({canonical_given(n) for n in ("jacob", "james", "diego")}) == 3
    same = [
        ("bob", "robert"), ("bill", "william"), ("peggy", "margaret"), ("kate", "katherine"),
        ("kit", "christopher"), ("kit", "katherine"), ("pepe", "jose"), ("rob", "bobby"),
    ]  # fmt: skip
    assert [nickname_related(a, b) for a, b in same] == [True] * len(same)


def test_spanish_and_portuguese_short_forms_are_accent_insensitive():
    from linkgraph.resolve.nicknames import nickname_related
    from linkgraph.text import fold_name_part

    pairs = [
        ("Paco", "Francisco"), ("Pancho", "Francisco"), ("Chico", "Francisco"),
        ("Toño", "Antonio"), ("Tonho", "António"), ("Chucho", "Jesús"), ("Chuy", "Jesus"),
        ("Lola", "Dolores"), ("Charo", "Rosario"), ("Pepa", "Josefa"), ("Nacho", "Ignacio"),
        ("Lupe", "Guadalupe"), ("Manolo", "Manuel"), ("Concha", "Concepción"),
        ("Memo", "Guillermo"), ("Quique", "Enrique"), ("Beto", "Alberto"),
        ("Beto", "Roberto"), ("Rafa", "Rafael"), ("Zé", "José"),
    ]  # fmt: skip
    folded = [(fold_name_part(a), fold_name_part(b)) for a, b in pairs]
    assert [p for p, (a, b) in zip(pairs, folded, strict=True) if not nickname_related(a, b)] == []
    # Beto is Alberto's and Roberto's: those two stay apart.
    assert not nickname_related("alberto", "roberto")
    assert not nickname_related("lola", "rosario")
