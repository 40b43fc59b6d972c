"""Vietnamese names: family name first, then a middle name (Văn, Thị, Đức, Ngọc...) and
the given name: "Nguyễn Văn Hải" is Hải of the Nguyễn family, "Van Hai NGUYEN" in a
Western form, "Hai Nguyen" with the middle name left out.

A given name with its middle name kept in one record and dropped in the other is one
given name (:func:`middle_name_dropped`).
"""

from __future__ import annotations

#: Vietnamese middle names (tên đệm), folded: the words between family and given name.
MIDDLE_NAMES = frozenset(
    [
        "van",
        "thi",
        "duc",
        "ngoc",
        "huu",
        "minh",
        "quang",
        "xuan",
        "kim",
        "thanh",
        "cong",
        "dinh",
        "ba",
        "tien",
        "trong",
        "hoai",
        "bao",
        "phuong",
        "thu",
    ]
)


def middle_name_dropped(a: str, b: str) -> bool:
    """Whether two folded given names are one, a Vietnamese middle name kept in one and
    left out of the other: the shorter one's words are the longer one's, the others
    middle names ("van hai" / "hai", "thi lan" / "lan"). A middle name alone ("van" /
    "van hai") or two given names ("thi lan" / "thi lien") are not.

    >>> middle_name_dropped("van hai", "hai"), middle_name_dropped("thi lan", "lan")
    (True, True)
    >>> middle_name_dropped("van", "van hai"), middle_name_dropped("thi lan", "thi lien")
    (False, False)
    """
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb):
        return False
    short, long = sorted((wa, wb), key=len)
    if not short or all(w in MIDDLE_NAMES for w in short):
        return False
    rest = list(long)
    for word in short:
        if word not in rest:
            return False
        rest.remove(word)
    return all(w in MIDDLE_NAMES for w in rest)
