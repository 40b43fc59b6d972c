"""How well a text's accented letters fit one European language's alphabet: a tie-break
between single-byte code pages that all read a sample as letters.

Hungarian "Győr" in ISO 8859-2 or cp1250 reads in cp1252 as "Gyõr", letters all the same;
but no language writes õ beside ő's other neighbours (á, é, í, ö, ü, û): of the readings
of a sample, the one whose letters one alphabet holds is the text as written.
"""

from __future__ import annotations

#: The letters beyond ASCII of the languages case exports of Europe and its neighbours are
#: written in (lower case).
ALPHABETS: dict[str, str] = {
    "German": "äöüß",
    "French": "àâæçéèêëîïôœùûüÿ",
    "Spanish": "áéíñóúü",
    "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóù",
    "Catalan": "àçéèíïòóúü",
    "Dutch": "áàéèëïóöü",
    "Danish/Norwegian": "æøåé",
    "Swedish/Finnish": "åäöéšž",
    "Icelandic": "áðéíóúýþæö",
    "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Hungarian": "áéíóöőúüű",
    "Romanian": "ăâîșțşţ",
    "Croatian/Slovene": "čćđšž",
    "Albanian": "çë",
    "Turkish": "çğıöşüâî",
    "Estonian": "äöõüšž",
    "Latvian": "āčēģīķļņšūž",
    "Lithuanian": "ąčęėįšųūž",
}


def alphabet_fit(text: str) -> float:
    """The largest share of ``text``'s letters beyond ASCII that one alphabet of
    :data:`ALPHABETS` holds (1.0 when it has none).

    Examples:
        >>> alphabet_fit("Győr Szűcs Ödön"), alphabet_fit("Gyõr Szûcs Ödön")  # õ, ö: Estonian
        (1.0, 0.75)
        >>> alphabet_fit("plain ASCII")
        1.0
    """
    letters = [ch for ch in text.lower() if ord(ch) > 127 and ch.isalpha()]
    if not letters:
        return 1.0
    return max(sum(ch in alphabet for ch in letters) for alphabet in ALPHABETS.values()) / len(
        letters
    )
