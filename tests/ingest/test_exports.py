"""Exports as agencies send them: layouts, nested JSON, dates, countries, statements,
mappings that cannot fail silently, victim safety. Through the CLI where a user would be."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.errors import MappingError
from linkgraph.ingest import ingest_file, load_mapping
from linkgraph.model import Case
from tests.ingest.helpers import linked

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# -- mappings that cannot fail silently ------------------------------------------------------


def test_field_typo_is_an_error_with_did_you_mean(tmp_path):
    path = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  victim:\n    type: person\n    fields:\n      nme: Victim name\n",
    )
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert info.value.key == "entities.victim.fields.nme"
    assert "did you mean 'name'" in info.value.render()


def test_link_kind_typo_is_an_error_with_did_you_mean(tmp_path):
    path = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  v: {type: person, fields: {name: a}}\n"
        "  s: {type: person, fields: {name: b}}\n"
        "links:\n  - {kind: victim_off, src: v, dst: s}\n",
    )
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert info.value.key == "links[0].kind"
    assert "did you mean 'victim_of'" in info.value.render()


def test_slot_that_can_make_nothing_is_an_error(tmp_path):
    path = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  victim:\n    type: person\n    fields:\n      role: {value: victim}\n"
        "      age: Age\n",
    )
    with pytest.raises(MappingError, match="can make no person mention"):
        load_mapping(path)


def test_attributes_that_are_not_typos_stay_attributes(tmp_path):
    path = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  p:\n    type: person\n    fields: {name: n, age: a, alias: b, place: c}\n",
    )
    assert set(load_mapping(path).entities[0].fields) == {"name", "age", "alias", "place"}


def test_mapping_check_cli_reports_typos_and_empty_slots(tmp_path):
    data = _write(tmp_path, "d.csv", "Victim name,Victim phone\nAna,+380671234567\n")
    typo = _write(
        tmp_path,
        "typo.yaml",
        "entities:\n  v: {type: person, fields: {nme: Victim name}}\n",
    )
    code, out = _cli("mapping", "check", str(typo), str(data))
    assert code == 1
    assert "did you mean 'name'" in out
    empty = _write(
        tmp_path,
        "empty.yaml",
        "missing_columns: ignore\nentities:\n  v: {type: person, fields: {name: Victim name}}\n"
        "  p: {type: phone, fields: {phone: Suspect phone}}\n",
    )
    code, out = _cli("mapping", "check", str(empty), str(data))
    assert code == 1
    assert "slot 'p' made no mention" in out
    good = _write(
        tmp_path,
        "good.yaml",
        "entities:\n  v: {type: person, fields: {name: Victim name, role: {value: victim}}}\n"
        "  p: {type: phone, fields: {phone: Victim phone}}\n"
        "links:\n  - {kind: uses_phone, src: v, dst: p}\n",
    )
    code, out = _cli("mapping", "check", str(good), str(data))
    assert code == 0
    assert "OK" in out


def test_mapping_preview_shows_mentions_links_and_rejects(tmp_path):
    draft = tmp_path / "draft.yaml"
    code, _ = _cli("mapping", "suggest", str(EXPORTS / "hotline_api.json"), "-o", str(draft))
    assert code == 0
    code, out = _cli(
        "mapping", "preview", str(EXPORTS / "hotline_api.json"), "--mapping", str(draft)
    )
    assert code == 0, out
    assert "victim_of" in out
    assert "nested_value" in out  # R-1003's victim name is a list of objects
    # Victims are shown by pseudonym, in the table and in the JSON (rows included), ...
    assert "Олена Кравець" not in out
    assert "Victim-" in out
    assert "Petro Bondar" in out  # suspects are not
    code, out = _cli(
        "mapping", "preview", str(EXPORTS / "hotline_api.json"), "--mapping", str(draft), "--json"
    )
    data = json.loads(out)
    assert [r["reason"] for r in data["rejects"]] == ["nested_value"]
    for name in ("Олена Кравець", "Maria Rusu", "Ana Popescu"):
        assert name not in out
    victims = [m for m in data["mentions"] if m["slot"] == "victim"]
    assert all(m["label"].startswith("Victim-") and m["name"] is None for m in victims)
    # ... unless the analyst asks for them.
    code, out = _cli(
        "mapping", "preview", str(EXPORTS / "hotline_api.json"), "--mapping", str(draft),
        "--json", "--show-victims",
    )  # fmt: skip
    data = json.loads(out)
    victims = [m for m in data["mentions"] if m["slot"] == "victim"]
    assert {m["name"] for m in victims} == {"Олена Кравець", "Maria Rusu", "Ana Popescu", None}
    # R-1003's victim, her name refused, is still a victim of her report: unnamed, her age kept
    (unnamed,) = [m for m in victims if m["name"] is None]
    assert unnamed["label"] == "unnamed victim"
    assert unnamed["row"] == 3


# -- layout -------------------------------------------------------------------------------------


def test_header_below_title_and_preamble_with_facts(tmp_path):
    path = _write(
        tmp_path,
        "statement.csv",
        "Kontoinhaber;Max Müller\r\nIBAN;DE89 3704 0044 0532 0130 00\r\n\r\n"
        "Buchungstag;Name;IBAN Gegenkonto;Betrag\r\n"
        "02.01.2024;Olena;UA743052990000026007233566001;-1.250,00\r\n"
        "15.01.2024;Ion;MD24AG000225100013104168;2.000,00\r\n",
        encoding="cp1252",
    )
    mapping = _write(
        tmp_path,
        "m.yaml",
        "entities:\n"
        "  own: {type: account, fields: {account: {fact: IBAN}}}\n"
        "  holder: {type: person, fields: {name: {fact: Kontoinhaber}}}\n"
        "  other: {type: account, fields: {account: IBAN Gegenkonto}}\n"
        "links:\n"
        "  - {kind: paid, src: own, dst: other, amount: Betrag, time: Buchungstag,"
        " direction: sign}\n"
        "  - {kind: holds_account, src: holder, dst: own}\n",
    )
    case = ingest_file(path, mapping=mapping)
    acc = case.mentions.set_index("mention_id")["account"]
    paid = case.links[case.links.kind == "paid"].sort_values("row")
    # row 1: -1.250,00 is money out of the statement's account; row 2: money in
    assert [(acc[s], acc[d], a) for s, d, a in paid[["src", "dst", "amount"]].to_numpy()] == [
        ("DE89370400440532013000", "UA743052990000026007233566001", 1250.0),
        ("MD24AG000225100013104168", "DE89370400440532013000", 2000.0),
    ]
    assert str(paid["time"].iloc[1].date()) == "2024-01-15"
    holders = case.mentions[case.mentions.type == "person"]
    assert set(holders["name"]) == {"Max Müller"}
    assert len(holders) == 2  # one per row
    assert case.manifest["inputs"][0]["layout"]["statement.csv"]["header_row"] == 4


def test_missing_fact_names_the_facts_present(tmp_path):
    path = _write(tmp_path, "s.csv", "IBAN;DE89370400440532013000\n\nA;B;C\n1;2;3\n")
    mapping = _write(
        tmp_path, "m.yaml", "entities:\n  own: {type: account, fields: {account: {fact: Konto}}}\n"
    )
    code, out = _cli("ingest", str(path), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 1
    assert "no fact 'Konto'" in out
    assert "IBAN" in out


def test_header_row_key_overrides_detection(tmp_path):
    path = _write(tmp_path, "x.csv", "a,b\nname,phone\nAna,+380671234567\n")
    mapping = _write(
        tmp_path,
        "m.yaml",
        "header_row: 2\nentities:\n  p: {type: person, fields: {name: name}}\n",
    )
    case = ingest_file(path, mapping=mapping)
    assert case.mentions["name"].tolist() == ["Ana"]


# -- nested JSON --------------------------------------------------------------------------------


def test_nested_json_lists_become_mentions_and_objects_are_rejected(tmp_path):
    draft = tmp_path / "draft.yaml"
    _cli("mapping", "suggest", str(EXPORTS / "hotline_api.json"), "-o", str(draft))
    case = ingest_file(EXPORTS / "hotline_api.json", mapping=draft)
    names = case.mentions.loc[case.mentions.type == "person", "name"].dropna()
    assert not names.str.contains(r"[{\[]").any()  # never a serialised object as a name
    bad = case.rejects[case.rejects.reason == "nested_value"]
    assert bad["row"].tolist() == [3]
    # each suspect is linked to his own phones only (item by item), not to other suspects'
    m = case.mentions.set_index("mention_id")
    uses = case.links[case.links.kind == "uses_phone"]
    pairs = {(m.loc[s, "name"], m.loc[d, "phone"]) for s, d in uses[["src", "dst"]].to_numpy()}
    assert ("Ion Ceban", "+380501112233") not in pairs
    assert ("Petro Bondar", "+48512345678") in pairs


# -- dates and numbers -------------------------------------------------------------------------


def test_date_only_values_are_not_shifted_by_the_timezone(tmp_path):
    path = _write(tmp_path, "e.csv", "case,date\nC1,12.01.2024\nC2,2024-01-13\n")
    mapping = _write(
        tmp_path,
        "m.yaml",
        "timezone: Europe/Kyiv\nentities:\n  e: {type: event, fields: {identifier: case,"
        " time: date}}\n",
    )
    times = ingest_file(path, mapping=mapping).mentions.sort_values("row")["time"]
    assert [str(t) for t in times] == ["2024-01-12 00:00:00+00:00", "2024-01-13 00:00:00+00:00"]


def test_day_first_inferred_per_column_and_ambiguity_reported(tmp_path):
    path = _write(
        tmp_path,
        "p.csv",
        "name,dob,seen\nAna,03/15/1990,03/04/2024\nBo,04/02/1991,05/06/2024\n",
    )
    mapping = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  p: {type: person, fields: {name: name, dob: dob, role: {value: victim}}}\n"
        "  e: {type: event, fields: {identifier: name, time: seen}}\n",
    )
    out = tmp_path / "case"
    code, text = _cli("ingest", str(path), "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    case = Case.read(out)
    # 03/15/1990 can only be month-first, so the whole dob column is: 04/02/1991 is April 2
    dob = case.mentions[case.mentions.type == "person"].sort_values("row")["dob"]
    assert dob.tolist() == ["1990-03-15", "1991-04-02"]
    # "seen" has no value above 12 in either place: read day-first, and the summary says so
    assert "seen" in text
    assert "day-first" in text
    forced = _write(tmp_path, "m2.yaml", "dayfirst: false\n" + mapping.read_text())
    case = ingest_file(path, mapping=forced)
    seen = case.mentions[case.mentions.type == "event"].sort_values("row")["time"]
    assert [str(t.date()) for t in seen] == ["2024-03-04", "2024-05-06"]


def test_a_column_of_both_date_orders_is_decided_once_and_said(tmp_path):
    """A registry merged from two countries writes 13.02.1985 and 03/15/1985 in one
    column: each such value reads its only way, 03/04 reads day-first, and the summary
    says the column mixes the orders (not that no value decides), once for all chunks."""
    rows = ["13.02.1985", "03/15/1985", "03/04/1990", "1990-05-06"] * 3
    path = _write(
        tmp_path,
        "p.csv",
        "name,dob\n" + "".join(f"P{i},{d}\n" for i, d in enumerate(rows)),
    )
    out = tmp_path / "case"
    code, text = _cli("ingest", str(path), "--preset", "people", "-o", str(out))
    assert code == 0, text
    case = Case.read(out)
    dob = case.mentions[case.mentions.type == "person"].sort_values("row")["dob"]
    assert dob.tolist() == ["1985-02-13", "1985-03-15", "1990-04-03", "1990-05-06"] * 3
    assert "both day-first" in text
    assert "no value decides" not in text
    # read four rows at a time: the second and third chunks do not say it again
    from linkgraph.ingest import IngestConfig

    again = ingest_file(path, preset="people", config=IngestConfig(chunk_rows=4))
    warnings = [w for w in again.manifest["inputs"][0]["warnings"] if "day-first" in w]
    assert len(warnings) == 1
    assert "both day-first" in warnings[0]


def test_excel_serial_dates_and_decimal_commas(tmp_path):
    path = _write(
        tmp_path,
        "t.csv",
        'from,to,amount,dob\nGB29NWBK60161331926819,DE27100200300012345678,"1.234,50",36526\n',
    )
    mapping = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  a: {type: account, fields: {account: from}}\n"
        "  b: {type: account, fields: {account: to}}\n"
        "  p: {type: person, fields: {name: {value: X}, dob: dob}}\n"
        "links:\n  - {kind: paid, src: a, dst: b, amount: amount}\n",
    )
    case = ingest_file(path, mapping=mapping)
    assert case.links["amount"].tolist() == [1234.5]
    assert case.mentions.loc[case.mentions.type == "person", "dob"].tolist() == ["2000-01-01"]


# -- countries on identifiers --------------------------------------------------------------------


def test_phone_and_iban_countries_and_row_country_as_region(tmp_path):
    path = _write(
        tmp_path,
        "p.csv",
        "name,phone,country,iban\n"
        "Ana,0721 234 567,Romania,DE89370400440532013000\n"
        "Ion,078 123 456,Moldova,\n"
        "Jan,+48 512 345 678,Ukraine,\n",
    )
    mapping = _write(
        tmp_path,
        "m.yaml",
        "region: UA\nentities:\n"
        "  p: {type: person, fields: {name: name, country: country}}\n"
        "  t: {type: phone, fields: {phone: phone}}\n"
        "  a: {type: account, fields: {account: iban}}\n",
    )
    m = ingest_file(path, mapping=mapping).mentions
    phones = m[m.type == "phone"].sort_values("row")
    assert phones["phone"].tolist() == ["+40721234567", "+37378123456", "+48512345678"]
    assert phones["country"].tolist() == ["RO", "MD", "PL"]  # the number's, not the row's
    assert m.loc[m.type == "account", "country"].tolist() == ["DE"]


def test_national_phones_without_a_region_are_rejected_with_a_hint(tmp_path):
    """A national number ("07470 417125") names no country: without --region, in a file
    where no international number tells it either (a +44 in the caller or callee column
    would: the region is guessed from it), it is a reject, and the summary says how to
    give the country; with it, the number reads."""
    path = _write(
        tmp_path,
        "calls.csv",
        "caller,callee,start\n"
        "07470 417125,07887 962142,2024-01-12 10:00\n"
        "07544 534963,(07887) 962142,2024-01-12 11:00\n",
    )
    code, text = _cli("ingest", str(path), "--preset", "cdr", "-o", str(tmp_path / "a"), "-q")
    assert code == 0, text
    assert "phone_invalid: 4)" in text
    assert "4 phones rejected as phone_invalid are written as national numbers" in text
    assert "'07470 417125'" in text
    assert "--region GB" in text
    code, text = _cli(
        "ingest", str(path), "--preset", "cdr", "--region", "gb", "--timezone", "Europe/London",
        "-o", str(tmp_path / "b"), "-q",
    )  # fmt: skip
    assert code == 0, text
    assert "0 rejects" in text
    assert "warning" not in text
    phones = Case.load(tmp_path / "b").mentions.query("type == 'phone'")["phone"]
    assert sorted(set(phones)) == ["+447470417125", "+447544534963", "+447887962142"]


def test_phone_countries_reach_brokerage_roles_through_the_cli(tmp_path):
    out = tmp_path / "case"
    code, text = _cli(
        "ingest", str(EXPORTS / "cdr_kyivstar.csv"), "--preset", "cdr", "-o", str(out), "-q"
    )
    assert code == 0, text
    assert _cli("resolve", str(out), "-q")[0] == 0
    assert _cli("analyze", str(out), "--directed", "-q")[0] == 0
    metrics = pd.read_parquet(out / "metrics.parquet").set_index("label")
    hub = metrics.loc["+380501112233"]
    # By hand from the file: calls 671->501, 501->48, 501->671, 931->501 (UA, UA, PL).
    # Paths through 501: 671->501->48 and 931->501->48 (UA, UA, PL: representative) and
    # 931->501->671 (all UA: coordinator); 671->501->671 goes back to its start.
    assert (hub["representative"], hub["coordinator"], hub["gatekeeper"]) == (2, 1, 0)
    code, ego = _cli("ego", str(out), "+380501112233", "--hops", "1")
    assert code == 0
    assert " PL" in ego
    assert " UA" in ego


def test_cdr_preset_keeps_subscriber_names(tmp_path):
    case = ingest_file(EXPORTS / "cdr_kyivstar.csv", preset="cdr")
    persons = case.mentions[case.mentions.type == "person"]
    assert set(persons["name"]) == {"Olena Kravets", "Petro Bondar"}
    assert (case.links.kind == "uses_phone").sum() == len(persons)


# -- victim safety ----------------------------------------------------------------------------


def test_persons_without_roles_get_a_warning(tmp_path):
    out = tmp_path / "case"
    path = EXPORTS / "persons_no_roles.csv"
    draft = tmp_path / "d.yaml"
    _cli("mapping", "suggest", str(path), "-o", str(draft))
    assert "no person has a role" in draft.read_text(encoding="utf-8")
    code, text = _cli("ingest", str(path), "--mapping", str(draft), "-o", str(out), "-q")
    assert code == 0
    assert "no person is marked as a victim" in text
    with_roles = tmp_path / "roles"
    code, text = _cli(
        "ingest", str(EXPORTS / "opfer_taeter.csv"), "--mapping",
        str(_suggested(tmp_path, "opfer_taeter.csv")), "-o", str(with_roles), "-q",
    )  # fmt: skip
    assert code == 0
    assert "marked as a victim" not in text


def test_the_report_repeats_the_no_victim_warning(tmp_path):
    """The report reads the warning from the case (manifest), not only the ingest summary."""
    from linkgraph.render.report import report_html

    out = tmp_path / "case"
    code, text = _cli(
        "ingest", str(EXPORTS / "persons_no_roles.csv"), "--mapping",
        str(_suggested(tmp_path, "persons_no_roles.csv")), "-o", str(out), "-q",
    )  # fmt: skip
    assert code == 0, text
    case = Case.read(out)
    assert case.manifest["inputs"][0]["persons_without_role"] == int(
        (case.mentions["type"] == "person").sum()
    )
    html = report_html(case, include_map=False)
    assert "Warning: no person is marked as a victim in persons_no_roles.csv" in html
    # a source whose victims are marked gets no such warning
    roles = tmp_path / "roles"
    code, text = _cli(
        "ingest", str(EXPORTS / "opfer_taeter.csv"), "--mapping",
        str(_suggested(tmp_path, "opfer_taeter.csv")), "-o", str(roles), "-q",
    )  # fmt: skip
    assert code == 0, text
    assert "no person is marked as a victim" not in report_html(Case.read(roles), include_map=False)


def _suggested(tmp_path: Path, name: str) -> Path:
    draft = tmp_path / f"{name}.yaml"
    code, out = _cli("mapping", "suggest", str(EXPORTS / name), "-o", str(draft))
    assert code == 0, out
    return draft


def test_roles_from_headers_in_several_languages(tmp_path):
    import yaml

    for name, roles in (
        ("opfer_taeter.csv", {"victim", "suspect"}),
        ("hotline_ua.xlsx", {"victim", "suspect"}),
        ("ngo_hotline_cases.xlsx", {"victim", "suspect"}),
    ):
        data = yaml.safe_load(_suggested(tmp_path, name).read_text(encoding="utf-8"))
        found = {
            e["fields"]["role"]["value"]
            for e in data["entities"].values()
            if isinstance(e["fields"].get("role"), dict)
        }
        assert found == roles, name


def _suggested_person_phones(path: Path, tmp_path: Path) -> tuple[str, list[tuple[str, str]]]:
    """``path`` through `mapping suggest` then `ingest` (CLI, no edit): the summary and
    the sorted (person, phone) pairs of its links."""
    runner = CliRunner()
    draft = runner.invoke(cli, ["mapping", "suggest", str(path)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    out = tmp_path / f"{path.stem}_case"
    result = runner.invoke(cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, linked(Case.read(out), dst="phone")


_SPANNED = [
    ("Petro Bondar", "+380671234567"),
    ("Petro Bondar", "+380671234568"),
    ("Petro Bondar", "+380671234569"),
    ("Olena Kravets", "+380501112233"),
    ("Olena Kravets", "+380501112234"),
]


def test_a_name_merged_down_over_the_rows_of_its_phones(tmp_path):
    """A spreadsheet that merges a suspect's name down over the rows of his phones (one
    cell A2:A4) links every phone to him, not only the first; the summary says so."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Suspect", "Phone", "Date"])
    for name, phone in _SPANNED:
        ws.append([name, phone, "12.01.2024"])
    ws.merge_cells("A2:A4")
    ws.merge_cells("A5:A6")  # openpyxl, as Excel, keeps only the first cell's value
    path = tmp_path / "suspects.xlsx"
    wb.save(path)
    output, pairs = _suggested_person_phones(path, tmp_path)
    assert pairs == sorted(_SPANNED)
    assert "2 merged cells spanning rows" in output


def test_merged_down_cells_match_a_pass_over_every_span():
    """The filling of cells merged down finds each row's span by bisection; the values
    are those a plain pass over every span of every column gives (random sheets with
    rows outside any span, spans of one row's width and cells missing at a row's end)."""
    import random

    from linkgraph.ingest.readers import _fill_merged

    def reference(rows, down):
        carried, out = {}, []
        for row, cells in rows:
            got = list(cells)
            for col, spans in down.items():
                for first, last in spans:
                    if row == first and col < len(cells):
                        carried[col] = (cells[col], last)
                    elif first < row <= last and col in carried and carried[col][1] == last:
                        got += [""] * max(0, col + 1 - len(got))
                        got[col] = carried[col][0]
            out.append(got)
        return out

    rng = random.Random(7)
    for _ in range(50):
        down = {}
        for col in range(3):
            spans, at = [], 2
            while at < 200:
                at += rng.randint(0, 4)
                size = rng.randint(1, 6)
                spans.append((at, at + size))
                at += size + 1
            down[col] = spans
        rows = [(r, [f"v{r}.{c}" for c in range(rng.randint(0, 3))]) for r in range(2, 210)]
        carried = {}
        ours = [_fill_merged(cells, row, down, carried) for row, cells in rows]
        assert [list(c) for c in ours] == reference(rows, down)


def test_an_html_export_whose_name_cell_spans_rows(tmp_path):
    """An HTML "Excel export" with ``rowspan``: the cells after a spanning cell stay in
    their columns (before, the phone of the second row was read as a name) and the
    spanning value is read on each row; a two-row header with a spanning title too."""
    rows = "".join(
        f"<tr>{f'<td rowspan={span}>{name}</td>' if span else ''}<td>{phone}</td>"
        "<td>12.01.2024</td></tr>"
        for (name, phone), span in zip(_SPANNED, [3, 0, 0, 2, 0], strict=True)
    )
    path = tmp_path / "export.xls"
    path.write_text(
        "<html><body><table>"
        "<tr><th rowspan=2>Suspect</th><th colspan=2>Contact</th></tr>"
        f"<tr><th>Phone</th><th>Date</th></tr>{rows}</table></body></html>",
        encoding="utf-8",
    )
    _, pairs = _suggested_person_phones(path, tmp_path)
    assert pairs == sorted(_SPANNED)


def test_statement_negatives_as_accounts_write_them(tmp_path):
    """Money out written in parentheses, with a trailing minus, a typographic minus or a
    DR mark is money out: the payment runs from the statement's account, through the
    drafted mapping and the CLI. Before, "(150.00)" and "−75.00" were read as money in
    (the link pointed the wrong way) and "1,234.56-" was rejected."""
    path = _write(
        tmp_path,
        "statement.csv",
        "Account holder,Max Muller\nIBAN,GB33BUKB20201555555555\n\n"
        "Date,Counterparty,Counterparty IBAN,Amount\n"
        "02/01/2024,Olena,UA743052990000026007233566001,(150.00)\n"
        '03/01/2024,Ion,MD24AG000225100013104168,"1,234.56-"\n'
        "04/01/2024,Ana,RO49AAAA1B31007593840000,\u221275.00\n"
        "05/01/2024,Petro,UA213223130000026007233566001,20.00 DR\n"
        "06/01/2024,Ivan,MD21EX000000000001234567,300.00 CR\n",
    )
    code, out = _cli("mapping", "suggest", str(path))
    assert code == 0, out
    mapping = _write(tmp_path, "m.yaml", out)
    case = ingest_file(path, mapping=mapping)
    acc = case.mentions.set_index("mention_id")["account"]
    paid = case.links[case.links.kind == "paid"].sort_values("row")
    own = "GB33BUKB20201555555555"
    assert [(acc[s] == own, a) for s, a in paid[["src", "amount"]].to_numpy()] == [
        (True, 150.0), (True, 1234.56), (True, 75.0), (True, 20.0), (False, 300.0),
    ]  # fmt: skip
    assert case.rejects.empty


def test_thousands_dots_read_from_the_column_decimal_comma(tmp_path):
    """In a column written with decimal commas (a German statement), "12.345" is twelve
    thousand, not twelve: the column's other values show its decimal mark. Without such a
    value, a lone dot stays a decimal point."""
    path = _write(
        tmp_path,
        "umsaetze.csv",
        "Buchungstag;Auftraggeber;IBAN;Betrag\n"
        "02.01.2024;Olena;UA743052990000026007233566001;12.345\n"
        "03.01.2024;Ion;MD24AG000225100013104168;1.234,56\n",
    )
    mapping = _write(
        tmp_path,
        "m.yaml",
        "entities:\n"
        "  own: {type: account, fields: {account: {value: DE89370400440532013000}}}\n"
        "  other: {type: account, fields: {account: IBAN}}\n"
        "links:\n"
        "  - {kind: paid, src: other, dst: own, amount: Betrag, time: Buchungstag}\n",
    )
    paid = ingest_file(path, mapping=mapping).links.sort_values("row")
    assert paid["amount"].tolist() == [12345.0, 1234.56]
    alone = _write(tmp_path, "alone.csv", "Buchungstag;Auftraggeber;IBAN;Betrag\n"
                   "02.01.2024;Olena;UA743052990000026007233566001;12.345\n")  # fmt: skip
    assert ingest_file(alone, mapping=mapping).links["amount"].tolist() == [12.345]


def test_call_times_as_phone_extractions_and_mail_exports_write_them(tmp_path):
    """Times with a 12-hour clock, a zone abbreviation, a comma or a word between date and
    time, a month name, the clock first, or an e-mail header's date are read to the
    minute; before, most kept only their date (00:00, in silence) or were rejected. A
    clock that is no time of day is reported, not dropped to midnight."""
    rows = [
        ("12/01/2024 2:33 PM", "2024-01-12 12:33"),
        ("12.01.2024 14:33 MEZ", "2024-01-12 13:33"),
        ("12.01.2024, 14:33", "2024-01-12 12:33"),
        ("Jan 12, 2024 2:33:00 PM", "2024-01-12 12:33"),
        ("12-Jan-2024 14:33", "2024-01-12 12:33"),
        ("14:33 12.01.2024", "2024-01-12 12:33"),
        ("12 января 2024 г. 14:33", "2024-01-12 12:33"),
        ("Fri, 12 Jan 2024 14:33:00 +0100", "2024-01-12 13:33"),
        ("12.01.2024 25:33", None),
    ]
    body = "".join(f'"+3806712345{i:02d}","+380501112233","{t}"\n' for i, (t, _) in enumerate(rows))
    path = _write(tmp_path, "calls.csv", "caller,callee,start_time\n" + body)
    mapping = _write(
        tmp_path, "m.yaml", "include: cdr\nregion: UA\ntimezone: Europe/Kyiv\ndayfirst: true\n"
    )
    case = ingest_file(path, mapping=mapping)
    calls = case.links[case.links.kind == "called"].sort_values("row")
    got = [None if pd.isna(t) else t.strftime("%Y-%m-%d %H:%M") for t in calls["time"]]
    assert got == [want for _, want in rows]
    bad = case.rejects[case.rejects.reason == "time_invalid"]
    assert bad["value"].tolist() == ["12.01.2024 25:33"]


def test_typed_contact_lists_through_the_drafted_mapping(tmp_path):
    """API records whose contacts are typed values ("contacts": [{type: mobile, value},
    {type: Email, value}, {type: telegram, value: @handle}]) give each person their
    phones and e-mails, through `mapping suggest` and `ingest` with no edit (before, the
    list was not mapped at all); a handle is no phone. A person list's own "id" is the
    record id, not an event."""
    records = [
        {"id": "p1", "name": "Ana Pop", "contacts": [
            {"type": "phone", "value": "+40721000111"}, {"type": "email", "value": "ana@x.ro"}]},
        {"id": "p2", "name": "Ion Rusu", "contacts": [
            {"type": "mobile", "value": "+40721000112"}, {"type": "Email", "value": "ion@x.ro"},
            {"type": "telegram", "value": "@ionr"}]},
    ]  # fmt: skip
    path = _write(tmp_path, "crm.json", json.dumps({"data": {"people": records}}))
    code, draft = _cli("mapping", "suggest", str(path))
    assert code == 0, draft
    mapping = _write(tmp_path, "m.yaml", draft)
    case = ingest_file(path, mapping=mapping)
    assert linked(case) == [
        ("Ana Pop", "+40721000111"), ("Ana Pop", "ana@x.ro"),
        ("Ion Rusu", "+40721000112"), ("Ion Rusu", "ion@x.ro"),
    ]  # fmt: skip
    assert set(case.mentions["type"]) == {"person", "phone", "email"}
    # The handle no slot takes is counted, not dropped in silence.
    assert case.rejects[["row", "reason"]].values.tolist() == [[2, "skipped_by_mapping"]]
    assert "@ionr" in case.rejects["value"].iloc[0]


def test_where_needs_each_and_a_mapping_of_values(tmp_path):
    path = _write(tmp_path, "p.json", "[]")
    bad = _write(
        tmp_path,
        "m.yaml",
        "entities:\n  phone: {type: phone, where: {type: phone}, fields: {phone: value}}\n",
    )
    with pytest.raises(MappingError, match="where: selects items of a list"):
        ingest_file(path, mapping=bad)


_VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kravets;Olena;;;\r\nFN:Olena Kravets\r\n"
    "TEL;TYPE=CELL:+380 67 123 4567\r\nTEL;TYPE=HOME:044 123 4567\r\n"
    "EMAIL:olena@example.org\r\nBDAY:1990-03-12\r\nEND:VCARD\r\n"
    # vCard 2.1 as old phones write it: quoted-printable UTF-8 Cyrillic
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=91=D0=BE=D0=BD=D0=B4=D0=B0=D1=80;"
    "=D0=9F=D0=B5=D1=82=D1=80=D0=BE;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80=D0=BE =D0=91=D0=BE="
    "\r\n=D0=BD=D0=B4=D0=B0=D1=80\r\nTEL;CELL:+380501112233\r\nEND:VCARD\r\n"
    # vCard 4.0: a tel: URI
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Boss\r\nTEL;VALUE=uri;TYPE=cell:tel:+40-721-000-111\r\n"
    "END:VCARD\r\n"
)


def test_a_phones_vcard_contact_list(tmp_path):
    """A contact list exported from a phone (.vcf: vCard 3.0, 2.1 with quoted-printable
    Cyrillic, 4.0 with a tel: URI) is read with no preset named: each card a person with
    her phones, e-mail and date of birth, national numbers in --region."""
    path = _write(tmp_path, "contacts.vcf", _VCARDS)
    out = tmp_path / "case"
    code, output = _cli("ingest", str(path), "--region", "UA", "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    assert linked(case, kinds=("uses_phone", "uses_email")) == [
        ("Boss", "+40721000111"), ("Olena Kravets", "+380441234567"),
        ("Olena Kravets", "+380671234567"), ("Olena Kravets", "olena@example.org"),
        ("Петро Бондар", "+380501112233"),
    ]  # fmt: skip
    persons = case.mentions[case.mentions.type == "person"].set_index("name")
    assert persons.at["Olena Kravets", "dob"] == "1990-03-12"
    assert persons.at["Петро Бондар", "family_name"] == "Бондар"
    assert case.rejects.empty
    # `mapping suggest` reads it as a table too; a file with no card is refused by name.
    code, draft = _cli("mapping", "suggest", str(path))
    assert code == 0, draft
    assert "format: vcf" in draft
    empty = _write(tmp_path, "empty.vcf", "hello\n")
    code, output = _cli("ingest", str(empty), "-o", str(tmp_path / "e"))
    assert code != 0
    assert "empty.vcf" in output
    assert "no vCard" in output


def test_vcard_4_tel_uri_extensions_and_birthdays_without_a_year(tmp_path):
    """vCard 4.0: a tel: URI with an extension is its number (the extension kept as the
    person's attribute, not a phone "ext=102"); a birthday without a year (`--0412`,
    Apple's X-APPLE-OMIT-YEAR) is kept as `--04-12`, not a date of birth and not a
    reject; the card's contact list is also drafted by `mapping suggest`."""
    path = _write(
        tmp_path,
        "contacts.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Olena K.\r\nN:K.;Olena;;;\r\n"
        "TEL;VALUE=uri;TYPE=home:tel:+380441234567;ext=102\r\nBDAY:--0412\r\n"
        "ORG:Dream Travel SRL\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ion Pop\r\n"
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-30\r\nTEL:+40 721 000 111\r\nEND:VCARD\r\n",
    )
    out = tmp_path / "case"
    code, output = _cli("ingest", str(path), "--region", "UA", "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    assert linked(case, kinds=("uses_phone",)) == [
        ("Ion Pop", "+40721000111"), ("Olena K.", "+380441234567"),
    ]  # fmt: skip
    assert case.rejects.empty, case.rejects.to_dict("records")
    persons = case.mentions[case.mentions.type == "person"].set_index("name")
    assert persons["dob"].isna().all()
    olena, ion = (json.loads(persons.at[n, "attrs"]) for n in ("Olena K.", "Ion Pop"))
    assert olena["phone_extension"] == "+380441234567 ext. 102"
    assert (olena["birthday_without_year"], ion["birthday_without_year"]) == ("--04-12", "--11-30")
    code, draft = _cli("mapping", "suggest", str(path))
    assert code == 0, draft
    assert "format: vcf" in draft


def test_a_whatsapp_chat_of_two_and_a_group_chat(tmp_path):
    """WhatsApp's "Export chat" text (Android and iOS, a 12-hour clock with a narrow
    space, a message over two lines, a sender known only by number, the messenger's own
    note) is read with no preset named: in a chat of two, each message a `messaged` link
    from its sender to the other at its time (in the drafted timezone); in a group, each
    sender `involved_in` the chat."""
    two = _write(
        tmp_path,
        "WhatsApp Chat with Olena.txt",
        "12/01/2024, 14:30 - Messages and calls are end-to-end encrypted.\n"
        "12/01/2024, 14:33 - Olena Kravets: Are you at the station?\n"
        "12/01/2024, 14:35 - +40 721 000 111: yes\nplatform 3\n"
        "13/01/2024, 09:02 - Olena Kravets: ok\n",
    )
    out = tmp_path / "case"
    code, output = _cli("ingest", str(two), "--region", "RO", "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    m = case.mentions.set_index("mention_id")
    calls = sorted(
        (m.at[lk.src, "label"], m.at[lk.dst, "label"], lk.time.strftime("%Y-%m-%d %H:%M"))
        for lk in case.links.itertuples()
    )
    assert calls == [
        ("+40721000111", "Olena Kravets", "2024-01-12 14:35"),
        ("Olena Kravets", "+40721000111", "2024-01-12 14:33"),
        ("Olena Kravets", "+40721000111", "2024-01-13 09:02"),
    ]
    assert set(case.links["kind"]) == {"messaged"}
    assert '"message": "yes\\nplatform 3"' in case.links["attrs"].str.cat()
    # The messenger's note makes no message, and is accounted for.
    assert case.rejects["reason"].tolist() == ["no_entity"]
    group = _write(
        tmp_path,
        "group.txt",
        "[12.01.24, 2:33:05\u202fPM] Boss: meet at 6\n[12.01.24, 2:34:10\u202fPM] Ana: ok\n"
        "[12.01.24, 2:35:00\u202fPM] +380 50 111 2233: I bring the passports\n",
    )
    code, draft = _cli("mapping", "suggest", str(group))
    assert code == 0, draft
    assert "include: chat" in draft
    mapping = _write(tmp_path, "g.yaml", draft.replace("timezone: UTC", "timezone: Europe/Kyiv"))
    case = ingest_file(group, mapping=mapping)
    m = case.mentions.set_index("mention_id")
    members = sorted(
        (m.at[lk.src, "label"], lk.kind, m.at[lk.dst, "identifier"], str(lk.time)[:16])
        for lk in case.links.itertuples()
    )
    # The chat's local 2:33 PM in Kyiv (UTC+2 in January), stored as UTC.
    assert members == [
        ("+380501112233", "involved_in", "group", "2024-01-12 12:35"),
        ("Ana", "involved_in", "group", "2024-01-12 12:34"),
        ("Boss", "involved_in", "group", "2024-01-12 12:33"),
    ]


def test_whatsapp_ios_senders_by_number_and_the_apps_own_notes(tmp_path):
    """iOS writes a sender it knows only by number between bidi marks, a name from the
    sender's profile after "~ ", and its own notes (the encryption notice, a group note)
    after U+200E under a participant's or the chat's name: the number is a phone (linked
    to the same number elsewhere), the "~ " is dropped, and the notes are no_entity
    rejects, never messages."""
    path = _write(
        tmp_path,
        "WhatsApp Chat - Anna.txt",
        "[3/12/24, 9:15:03\u202fPM] Vasile Rusu: \u200eMessages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
        "[3/12/24, 9:15:40\u202fPM] \u202a+40 722 333 444\u202c: Ai ajuns?\n"
        "[3/12/24, 9:16:02\u202fPM] ~\u202fAnna: Da\nsunt la hotel\n"
        "[3/12/24, 9:17:11\u202fPM] \u202a+40 722 333 444\u202c: \u200eimage omitted\n"
        "[3/12/24, 9:18:00\u202fPM] Anna: \u200eVasile Rusu added Olena\n",
    )
    out = tmp_path / "case"
    code, output = _cli("ingest", str(path), "--region", "RO", "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    m = case.mentions.set_index("mention_id")
    links = sorted(
        (m.at[lk.src, "label"], m.at[lk.dst, "label"], json.loads(lk.attrs)["message"])
        for lk in case.links.itertuples()
    )
    assert links == [
        ("+40722333444", "Anna", "Ai ajuns?"),
        ("+40722333444", "Anna", "image omitted"),
        ("Anna", "+40722333444", "Da\nsunt la hotel"),
    ]
    assert set(case.links["kind"]) == {"messaged"}
    assert set(case.mentions["type"]) == {"person", "phone"}
    assert case.mentions.loc[case.mentions.type == "phone", "phone"].unique().tolist() == [
        "+40722333444"
    ]
    assert list(zip(case.rejects["row"], case.rejects["reason"], strict=True)) == [
        (1, "no_entity"),
        (5, "no_entity"),
    ]


def test_whatsapp_android_group_notes_are_rejects_and_media_a_message(tmp_path):
    """An Android group chat: the messenger's notes ("created group", "added", "left",
    "changed the subject" with a colon inside its quotes, in English and German) are
    no_entity rejects and make no chat mention; "<Media omitted>" in any language is a
    message of its sender with the text "[media omitted]", not an html reject."""
    path = _write(
        tmp_path,
        "WhatsApp Chat with Job.txt",
        "12/03/2024, 21:15 - Messages and calls are end-to-end encrypted. No one outside "
        "of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        '12/03/2024, 21:15 - Andrei created group "Job: Italia"\n'
        "12/03/2024, 21:16 - Andrei added +40 722 333 444\n"
        '12/03/2024, 21:16 - Andrei changed the subject from "Job: Italia" to "Milano"\n'
        "12/03/2024, 21:17 - Andrei: Buna\n"
        "12/03/2024, 21:18 - +40 722 333 444: <Media omitted>\n"
        "12/03/2024, 21:19 - Olena: <Medien ausgeschlossen>\n"
        "13/03/2024, 08:01 - Olena hat die Gruppe verlassen\n"
        "13/03/2024, 08:02 - +40 722 333 444 left\n",
    )
    out = tmp_path / "case"
    code, output = _cli("ingest", str(path), "--region", "RO", "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    m = case.mentions.set_index("mention_id")
    members = sorted(
        (m.at[lk.src, "label"], lk.kind, m.at[lk.dst, "label"], int(lk.row))
        for lk in case.links.itertuples()
    )
    assert members == [
        ("+40722333444", "involved_in", "WhatsApp Chat with Job", 6),
        ("Andrei", "involved_in", "WhatsApp Chat with Job", 5),
        ("Olena", "involved_in", "WhatsApp Chat with Job", 7),
    ]
    assert sorted(case.mentions["row"].astype(int).unique()) == [5, 6, 7]
    media = case.mentions[case.mentions.row.astype(int).isin([6, 7])]["raw"].map(json.loads)
    assert {r["message"] for r in media} == {"[media omitted]"}
    assert list(zip(case.rejects["row"], case.rejects["reason"], strict=True)) == [
        (1, "no_entity"), (2, "no_entity"), (3, "no_entity"), (4, "no_entity"),
        (8, "no_entity"), (9, "no_entity"),
    ]  # fmt: skip


def test_a_telegram_desktop_export_of_several_chats(tmp_path):
    """Telegram Desktop's JSON export of an account (``chats.list``: two personal chats
    and a group; styled text as a list; a call as a service entry) is read with no
    preset named: each personal message a `messaged` link to that chat's other
    participant at its Unix time (UTC), each group message `involved_in` the group; the
    call a `called` link from its actor to the other participant, with its duration; a
    group's service entry makes nothing and is accounted for."""

    def msg(when: int, who: str, text: object) -> dict[str, object]:
        return {"type": "message", "date_unixtime": str(when), "from": who,
                "from_id": f"user{who}", "text": text}  # fmt: skip

    chats = [
        {"name": "Olena", "type": "personal_chat", "messages": [
            msg(1705062785, "Olena", "at the station?"),
            msg(1705062900, "Ivan", [{"type": "bold", "text": "yes"}, " platform 3"]),
            {"type": "service", "date_unixtime": "1705063200", "actor": "Olena",
             "action": "phone_call", "duration_seconds": 95, "text": ""},
            {"type": "service", "date_unixtime": "1705063300", "actor": "Ivan",
             "action": "phone_call", "discard_reason": "missed", "text": ""}]},
        {"name": "Petro", "type": "personal_chat", "messages": [
            msg(1705136400, "Ivan", "passports?"), msg(1705136460, "Petro", "tomorrow")]},
        {"name": "Transport", "type": "private_group", "messages": [
            {"type": "service", "date_unixtime": "1705226000", "actor": "Ivan",
             "action": "create_group", "title": "Transport", "text": ""},
            msg(1705226400, "Ivan", "bus at 6"), msg(1705226460, "Petro", "ok")]},
    ]  # fmt: skip
    path = _write(tmp_path, "result.json", json.dumps({"chats": {"list": chats}}))
    out = tmp_path / "case"
    code, output = _cli("ingest", str(path), "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    m = case.mentions.set_index("mention_id")
    links = sorted(
        (lk.kind, m.at[lk.src, "label"], m.at[lk.dst, "label"], str(lk.time)[:16])
        for lk in case.links.itertuples()
    )
    assert links == [
        ("called", "Ivan", "Olena", "2024-01-12 12:41"),
        ("called", "Olena", "Ivan", "2024-01-12 12:40"),
        ("involved_in", "Ivan", "Transport", "2024-01-14 10:00"),
        ("involved_in", "Petro", "Transport", "2024-01-14 10:01"),
        ("messaged", "Ivan", "Olena", "2024-01-12 12:35"),
        ("messaged", "Ivan", "Petro", "2024-01-13 09:00"),
        ("messaged", "Olena", "Ivan", "2024-01-12 12:33"),
        ("messaged", "Petro", "Ivan", "2024-01-13 09:01"),
    ]
    assert '"message": "yes platform 3"' in case.links["attrs"].str.cat()
    calls = case.links[case.links.kind == "called"].sort_values("time")["attrs"].map(json.loads)
    assert calls.tolist() == [
        {"duration": "95", "outcome": None},
        {"duration": None, "outcome": "missed"},
    ]
    assert case.rejects["reason"].tolist() == ["no_entity"]
    assert case.rejects["row"].tolist() == [7]  # create_group, the 7th entry of the export


def test_a_telegram_export_nested_too_deeply_is_refused_by_name(tmp_path):
    """A hostile result.json (a chat export's head, then JSON nested past Python's
    recursion limit) is a clear error naming the file, never a traceback."""
    head = '{"name": "x", "type": "personal_chat", "messages": [{"from_id": "u1", "text": '
    path = _write(tmp_path, "result.json", head + "[" * 100_000 + "]" * 100_000 + "}]}")
    code, output = _cli("ingest", str(path), "-o", str(tmp_path / "case"))
    assert code != 0
    assert "result.json" in output, output
    assert "nested too deeply" in output, output
    assert "Traceback" not in output


def test_suggest_splits_cells_of_several_values_whatever_the_separator(tmp_path):
    """The drafted mapping splits cells of several phones on any of the separators the
    people preset splits on (before, it chose ";" from the sample, and a "a / b" cell in
    the same column was one invalid phone)."""
    path = _write(
        tmp_path,
        "contacts.csv",
        'Name,Phone\nAna Pop,"+40721000111; +40721000112"\nIon Rusu,+40721000113 / +40721000114\n',
    )
    code, draft = _cli("mapping", "suggest", str(path))
    assert code == 0, draft
    case = ingest_file(path, mapping=_write(tmp_path, "m.yaml", draft))
    assert linked(case) == [
        ("Ana Pop", "+40721000111"), ("Ana Pop", "+40721000112"),
        ("Ion Rusu", "+40721000113"), ("Ion Rusu", "+40721000114"),
    ]  # fmt: skip
    assert case.rejects.empty
