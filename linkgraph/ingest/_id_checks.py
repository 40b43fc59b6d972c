"""Check digits of national identity numbers, told by their column's header.

A Turkish TCKN, a Spanish DNI/NIE, a Mexican CURP and the other numbers below carry a
published check digit (or letter). A number that fails it is usually mistyped: it is kept
(it may still be the one the police wrote on every record of that person) but flagged on
its mention and counted in the ingest summary, never silently accepted or dropped. The
arithmetic is ``python-stdnum``'s; only numbers with a check digit are listed here (an
Indonesian NIK or a US SSN has none to check).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.ingest._columns import header_key

#: Header words (folded, as :func:`header_key` gives them) -> (the number's name, its
#: ``stdnum`` module). ``es.nif`` reads a DNI (digits and letter) and an NIE (X/Y/Z...).
_SCHEMES: tuple[tuple[str, str, str], ...] = (
    (r"tckn|tc_?kimlik|kimlik_no|tc_no", "TCKN", "tr.tckimlik"),
    (r"dni|nie|nif", "DNI/NIE", "es.nif"),
    (r"curp", "CURP", "mx.curp"),
    (r"pesel", "PESEL", "pl.pesel"),
    (r"cnp", "CNP", "ro.cnp"),
    (r"egn", "EGN", "bg.egn"),
    (r"oib", "OIB", "hr.oib"),
    (r"cpf", "CPF", "br.cpf"),
    (r"cuit|cuil", "CUIT/CUIL", "ar.cuit"),
    (r"aadhaar|aadhar", "Aadhaar", "in_.aadhaar"),
    (r"rnokpp", "RNOKPP", "ua.rntrc"),
    (r"codice_fiscale", "codice fiscale", "it.codicefiscale"),
    (r"personnummer", "personnummer", "se.personnummer"),
    (r"henkilotunnus|hetu", "henkilötunnus", "fi.hetu"),
    (r"bsn", "BSN", "nl.bsn"),
)

#: The mention flags of a number that fails its check digit, or its scheme's shape.
CHECKSUM_FLAG = "document_checksum"
FORMAT_FLAG = "document_format"


def scheme_of(column: str | None) -> tuple[str, Any] | None:
    """The identity number a column's header names and its ``stdnum`` module, or None.

    Examples:
        >>> scheme_of("Şüpheli TCKN")[0], scheme_of("DNI/NIE")[0], scheme_of("Phone")
        ('TCKN', 'DNI/NIE', None)
    """
    if not column:
        return None
    key = header_key(column)
    for words, name, module in _SCHEMES:
        if re.search(rf"(^|_)({words})($|_)", key):
            return name, importlib.import_module(f"stdnum.{module}")
    return None


def failed_checks(values: pd.Series, module: Any) -> tuple[np.ndarray, np.ndarray]:
    """For each value (``None``: nothing to check), whether it fails the scheme's check
    digit, and whether it fails its shape (length, characters, a date or region inside);
    each distinct value is checked once.

    Examples:
        >>> from stdnum.tr import tckimlik
        >>> bad, shape = failed_checks(pd.Series(["28461937550", "28461937551", None, "12"]),
        ...                            tckimlik)
        >>> bad.tolist(), shape.tolist()
        ([False, True, False, False], [False, False, False, True])
    """
    from stdnum.exceptions import InvalidChecksum, ValidationError

    verdict: dict[str, str | None] = {}
    for value in pd.unique(values.dropna().to_numpy(dtype=object)):
        try:
            module.validate(str(value))
            verdict[value] = None
        except InvalidChecksum:
            verdict[value] = CHECKSUM_FLAG
        except ValidationError:
            verdict[value] = FORMAT_FLAG
    found = values.map(verdict).to_numpy(dtype=object)
    return found == CHECKSUM_FLAG, found == FORMAT_FLAG
