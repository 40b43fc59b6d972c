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
    platitor intrabancar interbancar comision
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
    while at < len(words) and fold(words[at]) in BOOKING_WORDS | _DIRECTION_WORDS:
        at += 1
    if at == 0 or fold(words[at - 1]) not in _DIRECTION_WORDS:
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
