"""The shape a case's ``manifest.json`` must have to be read: which top-level entries are
lists or objects, and what the entries of ``inputs`` and ``steps`` hold. A manifest
changed by hand or damaged on disk is refused by :func:`manifest_problem`'s answer, naming
what is wrong, instead of failing later in whichever command touches it."""

from __future__ import annotations

from typing import Any

_JSON_TYPE = {list: "a list", dict: "an object", str: "a text", int: "a number"}

#: Top-level entries and their JSON type; a missing one is filled in empty.
TOP: dict[str, type] = {"inputs": list, "config": dict, "seeds": dict, "steps": list}
#: What each entry of ``inputs`` holds, where it holds it.
INPUT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "path": str,
    "sha256": str,
    "format": str,
    "rows": int,
    "mentions": int,
    "links": int,
    "rejects": dict,
    "reading": dict,
    "layout": dict,
    "warnings": list,
}
#: What each entry of ``steps`` holds.
STEP_FIELDS: dict[str, type | tuple[type, ...]] = {"stage": str, "at": str, "files": list}


def manifest_problem(manifest: dict[str, Any]) -> str | None:
    """What is wrong with the shape of a manifest (a JSON object), or None; entries it
    lacks of :data:`TOP` are added empty (an older or hand-made manifest).

    Examples:
        >>> manifest_problem({"steps": None})
        '"steps" must be a list, not null'
        >>> manifest_problem({"inputs": [{"name": "a.csv", "rows": "7"}]})
        'inputs[0].rows must be a number, not "7"'
        >>> manifest_problem({"inputs": "x"}), manifest_problem({})
        ('"inputs" must be a list, not "x"', None)
    """
    for key, kind in TOP.items():
        if key not in manifest:
            manifest[key] = kind()
        elif not isinstance(manifest[key], kind):
            return f'"{key}" must be {_JSON_TYPE[kind]}, not {_shown(manifest[key])}'
    for what, fields in (("inputs", INPUT_FIELDS), ("steps", STEP_FIELDS)):
        for i, item in enumerate(manifest[what]):
            if not isinstance(item, dict):
                return f"{what}[{i}] must be an object, not {_shown(item)}"
            for name, kind in fields.items():
                value = item.get(name)
                if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
                    continue
                wanted = _JSON_TYPE[kind] if isinstance(kind, type) else "a value"
                return f"{what}[{i}].{name} must be {wanted}, not {_shown(value)}"
    return None


def _shown(value: object) -> str:
    """A JSON value for a message, cut short."""
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"
