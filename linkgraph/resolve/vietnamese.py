"""Vietnamese names: family name first, then a middle name (Văn, Thị, Đức, Ngọc...) and
the given name: "Nguyễn Văn Hải" is Hải of the Nguyễn family, "Van Hai NGUYEN" in a
Western form, "Hai Nguyen" with the middle name left out.

A given name with its middle name kept in one record and dropped in the other is one
given name (:func:`middle_name_dropped`). A name whose family name was written in the
given-name column ("Ngo" / "Minh Son", "Ngo Van" / "Thang") is read again family name
first (:func:`family_in_given_column`).
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


#: Vietnamese family names (họ), folded: the commonest, which most Vietnamese bear. Not
#: those that are also common middle or given names elsewhere in the tables (Kim).
FAMILY_NAMES = frozenset({
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dinh", "truong", "trinh", "mai", "cao", "lam", "luong", "ha",
    "doan", "ta", "trieu", "kieu", "quach", "chau", "luu", "tong", "vuong", "dao", "lai", "thai",
    "phung",
})  # fmt: skip


def family_in_given_column(given: str, family: str) -> tuple[str, str] | None:
    """The (given, family) names of a folded Vietnamese name whose family name was put in
    the given-name column, or None when it was not: the given column opens with a
    Vietnamese family name (:data:`FAMILY_NAMES`) and every word between it and the
    last word of the two columns is a middle name (:data:`MIDDLE_NAMES`), so the name
    reads family name, middle name, given name ("Ngô Minh Sơn" kept as "Ngo" / "Minh
    Son", or "Ngo Van" / "Thang").

    >>> family_in_given_column("ngo", "minh son"), family_in_given_column("ngo van", "thang")
    (('minh son', 'ngo'), ('van thang', 'ngo'))
    >>> family_in_given_column("van thang", "ngo"), family_in_given_column("nam", "nguyen")
    (None, None)
    >>> family_in_given_column("nguyen", "hai"), family_in_given_column("le", "anh")
    (None, None)
    """
    words = given.split() + family.split()
    if len(words) < 3 or len(words) > 4 or not given or not family:
        return None
    first, middle, last = words[0], words[1:-1], words[-1]
    if first not in FAMILY_NAMES or not all(w in MIDDLE_NAMES for w in middle):
        return None
    if last in MIDDLE_NAMES:
        return None
    return " ".join(words[1:]), first
