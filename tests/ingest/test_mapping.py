"""Mappings: YAML loading, validation messages, includes, presets, ids."""

from __future__ import annotations

import json

import pytest

from linkgraph.errors import InputError, MappingError
from linkgraph.ingest import ingest_file, load_mapping, preset_names
from linkgraph.ingest._ids import hashed_id


def test_every_preset_loads():
    assert set(preset_names()) >= {
        "people", "cdr", "transactions", "ads", "edgelist", "matrix", "ftm"
    }  # fmt: skip
    for name in preset_names():
        assert load_mapping(name).name == name
    # `linkgraph ingest --help` lists every one of them.
    from linkgraph.commands.ingest import _PRESETS

    assert preset_names() == _PRESETS


def test_fixture_mapping_end_to_end(fixtures):
    case = ingest_file(fixtures / "arrests.csv", mapping=fixtures / "arrests.yaml")
    m = case.mentions
    suspects = m[m.slot == "suspect"].sort_values("row")
    assert suspects["name"].tolist() == ["Oksana Kovalenko", "Іван Петров", "Ana Pérez"]
    assert suspects["name_latin"].tolist()[1] == "ivan petrov"
    assert suspects["dob"].tolist() == ["1990-04-03", "1985-12-25", "1990" if False else "1992"]
    assert suspects["nationality"].tolist() == ["UA", "UA", "ES"]
    assert set(suspects["role"]) == {"suspect"}
    assert set(m["agency"]) == {"Police (UA)"}
    phones = m[m.type == "phone"].sort_values("row")["identifier"].tolist()
    assert phones == ["+380671234567", "+380507654321"]
    events = m[m.type == "event"]
    # a date without a time stays that date (not 22:00 UTC the day before in Kyiv)
    assert str(events.iloc[0]["time"]) == "2024-01-12 00:00:00+00:00"
    assert sorted(case.links["kind"].value_counts().items()) == [
        ("arrested_with", 1), ("involved_in", 3), ("uses_phone", 2)
    ]  # fmt: skip
    first = suspects.iloc[0]
    assert first["mention_id"] == hashed_id("m", ("arrests.csv", "suspect"), 1, 0, 0)
    assert json.loads(first["raw"])["first_name"] == "Oksana"
    info = case.manifest["inputs"][0]
    assert info["name"] == "arrests.csv"
    assert len(info["sha256"]) == 64
    assert info["rows"] == 3
    assert case.manifest["steps"][-1]["stage"] == "ingest"


def test_same_input_gives_same_ids(fixtures, tmp_path):
    a = ingest_file(fixtures / "arrests.csv", mapping=fixtures / "arrests.yaml")
    copy = tmp_path / "arrests.csv"
    copy.write_bytes((fixtures / "arrests.csv").read_bytes())
    b = ingest_file(copy, mapping=fixtures / "arrests.yaml")
    assert a.mentions["mention_id"].tolist() == b.mentions["mention_id"].tolist()
    assert a.links["link_id"].tolist() == b.links["link_id"].tolist()


def _write(tmp_path, text):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_keys_are_named_with_a_suggestion(tmp_path):
    path = _write(tmp_path, "entitis: {}\nentities:\n  p: {type: persn, fields: {name: n}}\n")
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    err = info.value
    assert err.key == "entitis"
    assert "did you mean 'entities'" in err.render()
    assert "did you mean 'person'" in err.render()
    assert "Hint:" in err.render()


def test_link_to_unknown_slot(tmp_path):
    path = _write(
        tmp_path,
        "entities:\n  p: {type: person, fields: {name: n}}\n"
        "links:\n  - {kind: uses_phone, src: p, dst: phon}\n",
    )
    with pytest.raises(MappingError, match="no entity slot 'phon'") as info:
        load_mapping(path)
    assert info.value.key == "links[0].dst"


def test_missing_mapped_column_names_file_and_column(fixtures, tmp_path):
    path = _write(tmp_path, "entities:\n  p: {type: person, fields: {name: fullname}}\n")
    with pytest.raises(InputError) as info:
        ingest_file(fixtures / "arrests.csv", mapping=path)
    assert info.value.source == "arrests.csv"
    assert info.value.column == "fullname"
    assert "first_name" in info.value.hint


def test_preset_required_column(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("caller,when\n+442079460958,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing") as info:
        ingest_file(path, preset="cdr")
    assert "callee" in info.value.column


def test_include_and_constant_values(tmp_path, fixtures):
    _write(tmp_path, "")
    (tmp_path / "base.yaml").write_text(
        "region: UA\nentities:\n  p: {type: person, fields: {given_name: first_name}}\n",
        encoding="utf-8",
    )
    path = _write(
        tmp_path,
        "include: base.yaml\nagency: NGO\n"
        "entities:\n  t: {type: phone, fields: {phone: phone_number}}\n"
        "links:\n  - {kind: uses_phone, src: p, dst: t}\n",
    )
    mapping = load_mapping(path)
    assert mapping.region == "UA"
    assert mapping.agency == "NGO"
    assert [e.slot for e in mapping.entities] == ["p", "t"]
    case = ingest_file(fixtures / "arrests.csv", mapping=mapping, agency="Override")
    assert set(case.mentions["agency"]) == {"Override"}


def test_unknown_preset(fixtures):
    with pytest.raises(InputError, match="no preset"):
        ingest_file(fixtures / "arrests.csv", preset="peple")


def test_direction_incoming_needs_its_column(tmp_path):
    path = _write(
        tmp_path,
        "entities:\n  a: {type: phone, fields: {phone: x}}\n"
        "  b: {type: phone, fields: {phone: y}}\n"
        "links:\n  - {kind: called, src: a, dst: b, direction: incomig}\n"
        "  - {kind: called, src: a, dst: b, direction: incoming}\n",
    )
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    text = info.value.render()
    assert "did you mean 'incoming'" in text
    assert "direction: incoming needs `incoming:`" in text


def test_alternatives_shared_through_a_yaml_anchor(tmp_path):
    """A list inside a field's list of alternatives is spliced in (a YAML anchor's names
    reused by a second slot), and the second slot takes the column the first left."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "missing_columns: ignore\n"
        "entities:\n"
        "  person: {type: person, fields: {name: name}}\n"
        "  phone: {type: phone, fields: {phone: &phones [phone, mobile]}}\n"
        "  phone_2: {type: phone, fields: {phone: [[home_phone], *phones]}}\n"
        "links:\n"
        "  - {kind: uses_phone, src: person, dst: phone}\n"
        "  - {kind: uses_phone, src: person, dst: phone_2}\n",
        encoding="utf-8",
    )
    spec = load_mapping(mapping).entities[2].fields["phone"]
    assert spec.column == ("home_phone", "phone", "mobile")
    data = tmp_path / "p.csv"
    data.write_text("name,mobile,phone\nAna Pop,+40721000111,+40721000112\n", encoding="utf-8")
    case = ingest_file(data, mapping=load_mapping(mapping))
    phones = case.mentions.query("type == 'phone'").set_index("slot")["identifier"]
    assert phones.to_dict() == {"phone": "+40721000112", "phone_2": "+40721000111"}
