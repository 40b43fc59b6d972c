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
