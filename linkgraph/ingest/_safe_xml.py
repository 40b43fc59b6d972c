"""Reading an XML export with expat without expanding anything it declares.

goAML reports and SMS Backup & Restore files are XML; neither ever declares entities,
so a DOCTYPE or entity declaration (the way to a billion-laughs or an external entity)
is refused before anything is expanded, and a file that is not well-formed is an error
naming its line and column.
"""

from __future__ import annotations

from xml.parsers import expat

from linkgraph.errors import InputError


def entity_free_parser(source: str, refusal: str, hint: str) -> expat.XMLParserType:
    """An expat parser that raises :class:`InputError` (``refusal``, at its line) on a
    DOCTYPE or an entity declaration; the caller sets its element handlers."""
    parser = expat.ParserCreate()

    def refuse(*_args: object) -> None:
        raise InputError(refusal, source=source, row=parser.CurrentLineNumber, hint=hint)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def parse_whole(parser: expat.XMLParserType, data: bytes, source: str, hint: str) -> None:
    """Feed ``data`` to ``parser`` at once; XML that is not well-formed is an
    :class:`InputError` naming its line and column."""
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"not well-formed XML at line {exc.lineno}, column {exc.offset + 1}",
            source=source,
            row=exc.lineno,
            hint=hint,
        ) from None
