"""The reasons of the rejects table, one line each, as ``linkgraph rejects --help`` lists
them. A value a field could not read is ``FIELD_invalid`` (``phone_invalid``,
``dob_invalid``, ``amount_invalid``, ...): one entry says so for every field."""

from __future__ import annotations

#: reason -> what it means, one line. Values: a cell ingest could not use (the rest of
#: the row is read); rows: a row left out whole.
REJECT_REASONS: dict[str, str] = {
    "FIELD_invalid": "a value the field cannot read (phone_invalid, email_invalid,"
    " time_invalid, amount_invalid, account_invalid, currency_invalid, ...)",
    "dob_invalid": "a date of birth that is no date, in the future, before 1880 among modern"
    " dates, or a Solar Hijri date (Persian digits) to convert",
    "direction_invalid": "a direction cell that says neither in nor out (the note lists the"
    " accepted values: C/D, Cr/Dr, H/S, in/out, ...)",
    "weight_invalid": "a link weight that is no number, or is negative",
    "phone_withheld": "a cell saying the number was withheld (Private, Unknown, ...)",
    "phone_several": "two or more numbers in one cell of a slot without `split`",
    "name_is_phone": "a person's name that is a phone number, with no empty phone column"
    " in its row to take it",
    "not_a_name": "a name that is a bank movement (ATM withdrawal, Kartenzahlung) or booking words",
    "currency_conflict": "an amount whose currency sign disagrees with the currency column",
    "nested_value": "a list or object ([...], {...}) where a single value was expected",
    "formula": "a spreadsheet formula without a saved value, or an error cell",
    "control_characters": "control characters removed from a cell",
    "invisible_characters": "invisible or bidirectional characters removed from a cell",
    "nul_bytes": "NUL bytes removed from a cell",
    "lone_surrogate": "broken characters (a lone surrogate) in a cell",
    "cell_too_long": "a cell longer than the limit, cut",
    "stray_quote": "a quote character out of place in a CSV row",
    "skipped_by_mapping": "a row (or list item) the mapping's filters leave out",
    "no_entity": "a row from which no slot made a mention",
    "ragged_row": "a row with more cells than the header (an unquoted delimiter)",
    "second_table": "a title or header row of a second table on the sheet (read as its own)",
    "repeated_header": "the header again inside the data (files joined)",
    "footer_row": "a footer line (totals, page numbers) below the table",
    "balance_row": "a statement's balance line (opening, closing balance), no movement",
    "description_row": "a row describing the columns, below the header",
    "comment_line": "a comment line of a network file",
    "not_a_call": "a CDR's data session: the phone online, no contact",
    "record_type_invalid": "a CDR record type that is none of call, message, data",
    "no_counterparty": "a statement entry without a counterparty (a fee)",
    "self_loop": "a network file's tie from a node to itself",
    "missing_node": "a tie naming a node the network file does not list",
    "link_end_missing": "a graph file's edge whose end is not in the file",
    "unknown_entity_type": "a graph file's node of a type linkgraph does not know",
    "edge_line_invalid": "an edge list line that cannot be read",
    "edge_data_invalid": "an edge list line's data that cannot be read",
    "invalid_json": "a JSON line or record that cannot be parsed",
    "entry_invalid": "a statement entry or location record that cannot be read",
    "no_coordinates": "a location or cell site without coordinates",
    "no_time": "a location record without a time",
    "amount_missing": "a goAML transaction without an amount",
    "missing_party": "a goAML transaction or party that names no account, person or entity",
    "no_name": "a goAML person or entity without a name",
    "no_person": "a goAML signatory that names no person",
    "no_account_number": "a goAML account without its number",
    "no_phone_number": "a goAML phone without its number",
    "no_document_number": "a goAML identity document without its number",
    "no_transactions": "a goAML report with no transaction and no activity",
    "not_an_entity": "a FollowTheMoney line that is no entity",
    "unsupported_schema": "a FollowTheMoney entity of a schema linkgraph does not read",
    "properties_not_an_object": "a FollowTheMoney entity whose properties are no object",
    "unknown_property": "a FollowTheMoney property its schema does not have",
    "unknown_reference": "a FollowTheMoney reference to an entity not in the file",
    "missing_reference": "a FollowTheMoney link without one of its ends",
    "unsupported_reference": "a FollowTheMoney reference of a kind linkgraph does not read",
}


def reasons_help(columns: int = 79) -> str:
    """The reasons as ``rejects --help`` lists them: one entry each, names aligned, the
    text wrapped to ``columns``."""
    import textwrap

    width = max(map(len, REJECT_REASONS))
    lines = []
    for reason, what in REJECT_REASONS.items():
        wrapped = textwrap.wrap(what, columns - width - 6)
        lines.append(f"  {reason.ljust(width)}  {wrapped[0]}")
        lines += [" " * (width + 4) + more for more in wrapped[1:]]
    return "\n".join(lines)
