"""Private helpers: build frozen config dataclasses from YAML mappings, validating every key."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from linkgraph.errors import ConfigError

T = TypeVar("T")


def config_from_dict(cls: type[T], data: Mapping[str, Any] | None, *, path: str) -> T:
    """Build dataclass ``cls`` from ``data``, checking every key before raising.

    Unknown keys get a "did you mean" suggestion; values are checked against the field
    types (int, float, str, bool, tuples and nested config dataclasses).
    Raises ConfigError whose message lists every problem with its dotted path.
    """
    problems: list[str] = []
    value = _build(cls, data or {}, path, problems)
    if problems:
        raise ConfigError(
            "; ".join(problems),
            key=path,
            hint="run `linkgraph config --defaults` for every key with its default",
        )
    return value  # type: ignore[no-any-return]


def config_to_dict(obj: Any) -> Any:
    """A plain (YAML/JSON-able) dict of a config dataclass, recursively."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: config_to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [config_to_dict(v) for v in obj]
    if isinstance(obj, Mapping):
        return {k: config_to_dict(v) for k, v in obj.items()}
    return obj


def _build(cls: type, data: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(data, Mapping):
        problems.append(f"{path}: expected a mapping, got {type(data).__name__}")
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, raw in data.items():
        if key not in fields:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"{path}.{key}: unknown key{tip} (choices: {', '.join(fields)})")
            continue
        kwargs[key] = _coerce(hints[key], raw, f"{path}.{key}", problems)
    if problems:
        return None
    return cls(**kwargs)


def _coerce(tp: Any, raw: Any, path: str, problems: list[str]) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], raw, path, problems)
    if origin is typing.Literal:
        if raw not in args:
            close = difflib.get_close_matches(str(raw), [str(a) for a in args], n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"{path}: {raw!r} is not allowed{tip} (choices: {', '.join(map(str, args))})"
            )
        return raw
    if origin is tuple:
        if not isinstance(raw, list | tuple):
            problems.append(f"{path}: expected a list, got {raw!r}")
            return ()
        item = args[0] if args else Any
        return tuple(_coerce(item, v, f"{path}[{i}]", problems) for i, v in enumerate(raw))
    if dataclasses.is_dataclass(tp):
        return _build(tp, raw, path, problems)
    if tp is bool:
        if not isinstance(raw, bool):
            problems.append(f"{path}: expected true or false, got {raw!r}")
        return raw
    if tp in (int, float):
        if (
            isinstance(raw, bool)
            or not isinstance(raw, int | float)
            or (tp is int and not float(raw).is_integer())
        ):
            problems.append(
                f"{path}: expected {'an integer' if tp is int else 'a number'}, got {raw!r}"
            )
            return raw
        return tp(raw)
    if tp is str:
        if not isinstance(raw, str | int | float):
            problems.append(f"{path}: expected text, got {raw!r}")
        return str(raw)
    return raw
