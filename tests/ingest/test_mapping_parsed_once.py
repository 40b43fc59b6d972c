"""A mapping's YAML is parsed once per process: a pipeline checks each source's mapping
before reading anything, then reads with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.ingest import mapping as mapping_module
from linkgraph.ingest.mapping import load_mapping


def test_a_mapping_file_loaded_three_times_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "entities:\n  person:\n    type: person\n    fields: {name: Name}\n", encoding="utf-8"
    )
    parsed = []
    load = mapping_module.load_yaml

    def counted(text: str) -> object:
        parsed.append(text)
        return load(text)

    monkeypatch.setattr(mapping_module, "load_yaml", counted)
    mapping_module._parsed_yaml.cache_clear()
    first = load_mapping(path)
    assert load_mapping(path) == first
    assert load_mapping(path) == first
    assert len(parsed) == 1
    # a changed file is parsed again
    path.write_text(
        "entities:\n  person:\n    type: person\n    fields: {name: Full name}\n",
        encoding="utf-8",
    )
    assert load_mapping(path).entities[0].fields["name"].column == ("Full name",)
    assert len(parsed) == 2


def test_each_load_gets_its_own_copy_of_the_parsed_yaml() -> None:
    mapping_module._parsed_yaml.cache_clear()
    text = "entities:\n  a: &x {type: person}\n  b: *x\n"
    first = mapping_module._load_yaml(text, "m.yaml")
    first["entities"]["a"]["type"] = "changed"
    again = mapping_module._load_yaml(text, "m.yaml")
    assert again == {"entities": {"a": {"type": "person"}, "b": {"type": "person"}}}
    # the alias still names one object, as PyYAML gives it
    assert again["entities"]["a"] is again["entities"]["b"]
