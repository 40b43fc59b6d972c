"""Words of a bank statement's booking texts and of its labels, never a person's name:
what a description says happened ("Payment to", "Transfer from", "Card payment", "ATM",
"PLASHTANE KAM", "POSTAPLENIE OT") and the labels it writes before its values ("IBAN:",
"Beneficiar:", "Name:"). A name taken from a description (the words beside an IBAN, a
Memo's first words) made only of these is no counterparty."""

from __future__ import annotations

import re
from functools import lru_cache

from linkgraph.text import fold

#: Booking and label words, folded (Cyrillic as Latin: ПЛАЩАНЕ КЪМ is "plashchane km"),
#: in the languages of the statements we read. Only words that are no one's given or
#: family name as far as we know (no particles such as "de", "la", "van").
BOOKING_WORDS: frozenset[str] = frozenset(
    """transfer transfers trf tfr xfer payment payments paid pay sepa credit debit
    incoming outgoing received sent beneficiary payee payer ordering standing instant
    inward outward remittance online mobile giro wire faster fps bacs chaps
    card cards atm pos cash withdrawal deposit purchase fee fees charge charges
    contactless refund reversal interest direct standing order
    iban account acct acc bic swift name details reference ref purpose memo
    description narrative counterparty
    uberweisung ueberweisung gutschrift lastschrift zahlung dauerauftrag kartenzahlung
    konto kto verwendungszweck empfanger auftraggeber
    virement recu emis paiement carte retrait prelevement prlv vir dab compte libelle
    votre faveur
    transferencia pago abono cargo cuenta retiro tarjeta
    bonifico pagamento prelievo conto
    overboeking betaling rekening
    przelew wplata wyplata rachunek
    virament plata incasare catre retragere numerar cont beneficiar ordonator detalii
    platitor intrabancar interbancar comision ordin
    wychodzacy przychodzacy zewnetrzny wewnetrzny
    emitida recibida disposto favore favor
    havale eft giden gelen gonderilen
    perekaz
    perevod platezh postuplenie oplata snyatie schet
    plashtane plashchane kam km postaplenie postplenie postuplenie prevod taksa obsluzhvane
    smetka bezkasovo
    to from for by via ot""".split()  # noqa: SIM905
)
#: A label before a value in a description ("IBAN:", "Beneficiar:", "Name:"): a word of
#: letters and a colon.
_LABEL = re.compile(r"[^\W\d_]+\s*:\s*$")


def booking_words_only(name: str) -> bool:
    """Whether every word of ``name`` is a booking or label word: "IBAN", "PLASHTANE KAM",
    "Card payment" are no one's name; "IONESCU MARIA", "Card" beside a name are.

    Examples:
        >>> booking_words_only("IBAN"), booking_words_only("PLASHTANE KAM")
        (True, True)
        >>> booking_words_only("Payment to"), booking_words_only("ПЛАЩАНЕ КЪМ")
        (True, True)
        >>> booking_words_only("IONESCU MARIA"), booking_words_only("")
        (False, False)
    """
    words = fold(name).split()
    return bool(words) and all(w in BOOKING_WORDS for w in words)


def without_label(text: str) -> str:
    """``text`` without the label that ends it ("...;IBAN:" is "...;"): the name of a
    labelled description ("Beneficiar: IONESCU MARIA;IBAN: RO48...") is before it.

    Examples:
        >>> without_label("Transfer;Beneficiar: IONESCU MARIA;IBAN:")
        'Transfer;Beneficiar: IONESCU MARIA;'
        >>> without_label("TRANSFER TO ION RUSU")
        'TRANSFER TO ION RUSU'
    """
    return _LABEL.sub("", text)


#: Words that end a booking phrase before the party it names ("Payment from", "To",
#: "Transfer to", "Virement de", "Überweisung an", "Plata catre"), folded.
_DIRECTION_WORDS = frozenset(
    "to from von an de vers catre ot od do kam km naar van para desde".split()  # noqa: SIM905
)
#: Direction words that end a booking phrase and never stand inside a name, as the
#: particles "de", "van", "do", "da" and the given name "An" do: the end of a phrase
#: however it opens ("OP catre", "Ordin de plata catre", "TRF TO", "Virement emis vers").
_PHRASE_ENDS = frozenset(
    "to from catre vers naar ot od kam km desde dla".split()  # noqa: SIM905
)
#: A bank's abbreviation in a booking phrase ("OP", ordin de plată; "EFT", "SCT", "TRF"):
#: two to four capitals, a dot after them allowed.
_ABBREVIATION = re.compile(r"[A-Z]{2,4}\.?")
#: The most words a booking phrase has before a direction word of :data:`_PHRASE_ENDS`.
_PHRASE_WORDS = 4
#: Particles inside a booking phrase ("Bonifico a favore di", "Incasare de la"), never
#: alone: "A NOWAK" is an initial, "Plata la POS KAUFLAND" a payment at a shop.
_PARTICLES = frozenset({"a", "di", "da", "la"})
#: The particles that end a phrase, after the word before them: "de la" (from), "favore
#: di" (in favour of).
_PARTICLE_ENDS = frozenset({("de", "la"), ("favore", "di")})


def opening_phrase(words: list[str]) -> int:
    """How many of ``words`` (a description's, split at spaces) are the booking phrase
    that opens it before the party it names, ending with a direction word: booking and
    direction words ("Transfer catre", "Incasare de la", "Bonifico a favore di"), or a
    bank's abbreviation or other words before a direction word that is no name's
    particle (:data:`_PHRASE_ENDS`) after a booking word or the abbreviation ("Plata OP
    catre", "OP catre", "Przelew wychodzący do"); 0 when the text opens otherwise ("Jan
    van Dijk", "ION DE LA CRUZ", "A NOWAK": a particle or an initial ends no phrase).

    Examples:
        >>> opening_phrase("OP catre ION RUSU".split())
        2
        >>> opening_phrase("Plata OP catre ION RUSU".split())
        3
        >>> opening_phrase("Bonifico a favore di MARIO ROSSI".split())
        4
        >>> opening_phrase("Jan van Dijk".split()), opening_phrase("ION DE LA CRUZ".split())
        (0, 0)
    """
    folded = [fold(w.strip(",;:")) for w in words]
    links = _DIRECTION_WORDS | _PARTICLES
    # booking and direction words, up to the last direction word (one word left after it)
    run = 0
    while run < len(words) - 1 and (_booking(folded[run]) or folded[run] in links):
        run += 1
    ends = [
        i
        for i in range(run)
        if folded[i] in _DIRECTION_WORDS or (i and (folded[i - 1], folded[i]) in _PARTICLE_ENDS)
    ]
    whole = ends[-1] + 1 if ends and any(_booking(f) for f in folded[:run]) else 0
    # the first direction word that is no particle, among the first few
    for at in range(1, min(_PHRASE_WORDS, len(words) - 2) + 1):
        if folded[at] not in _PHRASE_ENDS:
            continue
        # after a booking word ("Transfer intern catre") or a bank's code opening the
        # text ("OP catre"; "NGUYEN THI TO LAN" and "NGUYEN VAN TO LAN" are names)
        if any(_booking(f) for f in folded[:at]) or (
            at == 1 and _ABBREVIATION.fullmatch(words[0]) and folded[0] not in links
        ):
            return max(whole, at + 1)
        break
    return whole


def _booking(folded: str) -> bool:
    """Whether a folded word is a booking word, also words joined by a dash
    ("SEPA-Überweisung" folds to "sepa uberweisung")."""
    parts = folded.split()
    return bool(parts) and all(p in BOOKING_WORDS for p in parts)


#: A word of a name: letters, with an apostrophe, dot, dash or ampersand inside.
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.&\-]*")


def name_after_phrase(text: str) -> str | None:
    """The name a description gives after the booking phrase that opens it ("To MIHAI
    IONESCU", "Payment from Ana Pop", "FPS TRANSFER TO WONG KA WAI 012-345-678901-2"):
    two to five words of letters after booking words ending with "to", "from", "de",
    ...; None when the text opens otherwise ("Lidl", "ATM WITHDRAWAL 7-ELEVEN",
    "J KOWALSKI RENT MARCH": a name there is not told from a shop or a purpose).

    Examples:
        >>> name_after_phrase("To MIHAI IONESCU"), name_after_phrase("Payment from Ana Pop")
        ('MIHAI IONESCU', 'Ana Pop')
        >>> name_after_phrase("FPS TRANSFER TO WONG KA WAI 012-345-678901-2")
        'WONG KA WAI'
        >>> name_after_phrase("Lidl"), name_after_phrase("Transfer to Revolut user")
        (None, None)
        >>> name_after_phrase("ATM WITHDRAWAL 7-ELEVEN MONGKOK") is None
        True
        >>> name_after_phrase("Virement de Fatou Diallo")
        'Fatou Diallo'
    """
    words = text.split()
    at = 0
    while at < len(words) and (_booking(f := fold(words[at])) or f in _DIRECTION_WORDS):
        at += 1
    at = max(at, opening_phrase(words))  # "OP catre ION RUSU": a bank's code in the phrase
    if at == 0 or (
        fold(words[at - 1]) not in _DIRECTION_WORDS
        and (at < 2 or (fold(words[at - 2]), fold(words[at - 1])) not in _PARTICLE_ENDS)
    ):
        return None
    name: list[str] = []
    for word in words[at : at + 5]:
        word = word.strip(",;:")
        if not _NAME_WORD.fullmatch(word):
            break
        name.append(word)
    found = " ".join(name)
    if len(name) < 2 or booking_words_only(found) or fold(name[-1]) in _NOT_NAME_ENDS:
        return None
    return found


#: A last word that makes the words before it no person's name ("Revolut user").
_NOT_NAME_ENDS = frozenset({"user", "account", "wallet", "card", "savings", "pocket", "vault"})


@lru_cache(maxsize=1)
def booking_only_re2() -> str:
    """An RE2 pattern (Arrow's) matching a cell whose every word is a booking or label
    word in its Latin spelling ("IBAN", "Payment to", "PLASHTANE KAM"): a name column's
    value that names no one.

    Examples:
        >>> import re
        >>> def matches(v: str) -> bool:
        ...     return bool(re.match(booking_only_re2(), v))
        >>> matches("Payment to"), matches("IBAN:"), matches("Ana Pop"), matches("Transferx")
        (True, True, False, False)
    """
    words = "|".join(sorted((w for w in BOOKING_WORDS if w.isascii() and w.isalpha()), key=len,
                            reverse=True))  # fmt: skip
    return rf"(?i)^[^a-z0-9]*(?:(?:{words})(?:[^a-z0-9]+|$))+$"
