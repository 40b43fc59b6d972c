"""Private helpers: build frozen config dataclasses from YAML mappings, validating every key."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from linkgraph.errors import ConfigError

T = TypeVar("T")


def config_from_dict(cls: type[T], data: Mapping[str, Any] | None, *, path: str) -> T:
    """Build dataclass ``cls`` from ``data``, checking every key before raising.

    Unknown keys get a "did you mean" suggestion; values are checked against the field
    types (int, float, str, bool, Literal choices, tuples and nested config dataclasses)
    and against the class's ``CHECKS`` (value ranges, names from a list).
    Raises ConfigError whose message lists every problem with its dotted path.
    """
    value, problems = collect_config(cls, data, path=path)
    if problems:
        raise problems_error(problems)
    return value  # type: ignore[no-any-return]


def collect_config(
    cls: type[T], data: Mapping[str, Any] | None, *, path: str
) -> tuple[T | None, list[str]]:
    """``cls`` built from ``data`` (None when there is a problem) and every problem found."""
    problems: list[str] = []
    value = _build(cls, data or {}, path, problems)
    return (None if problems else value), problems


def problems_error(problems: Sequence[str]) -> ConfigError:
    """One ConfigError listing every problem, one a line."""
    if len(problems) == 1:
        message = problems[0]
    else:
        message = f"{len(problems)} problems:\n" + "\n".join(f"  {p}" for p in problems)
    hint = "run `linkgraph config --defaults` for every key with its default"
    return ConfigError(message, hint=hint)


@dataclass(frozen=True, slots=True)
class Limit:
    """The numbers a setting may take: from ``lo`` to ``hi`` (inclusive; None: unbounded),
    and the ``also`` values besides, each with what it means."""

    lo: float | None = None
    hi: float | None = None
    also: tuple[tuple[float, str], ...] = ()
    open_lo: bool = False  # ``lo`` itself excluded

    def __call__(self, value: Any) -> list[str]:
        """The problem with ``value``, if any (a None or non-number is left to the types)."""
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return []
        if any(value == v for v, _ in self.also):
            return []
        above = self.lo is None or value > self.lo or (value == self.lo and not self.open_lo)
        inside = above and (self.hi is None or value <= self.hi)
        if inside and not math.isnan(value):
            return []
        return [f"{value!r} is out of range: {self.describe()}"]

    def describe(self) -> str:
        """``give a number from 0 to 1``, ``give 1 or more, or -1 (until stable)``."""
        if self.lo is not None and self.hi is not None:
            text = f"give a number from {self.lo:g} to {self.hi:g}"
        elif self.lo is not None:
            text = f"give {self.lo:g} or more"
            if self.open_lo:
                text = f"give a number above {self.lo:g}"
        else:
            text = f"give {self.hi:g} or less"
        return text + "".join(f", or {v:g} ({meaning})" for v, meaning in self.also)


#: A probability or a share.
PROBABILITY = Limit(0, 1)
#: A count of which none is meaningless (passes, samples, rows).
AT_LEAST_1 = Limit(1)
#: A count, a size or a cost bound where 0 means something (off, none, every).
AT_LEAST_0 = Limit(0)


@dataclass(frozen=True, slots=True)
class OneOf:
    """Names (or lists of names, nested) that must each be one of ``choices()`` (a
    function, so that a heavy module is imported only when a config is checked)."""

    choices: Callable[[], Sequence[str]]

    def __call__(self, value: Any) -> list[str]:
        """A problem for each name not among the choices, with its place and did-you-mean."""
        allowed = list(self.choices())
        found = self._walk(value, "", allowed)
        return [f"{where}: {msg}" if where else msg for where, msg in found]

    def _walk(self, value: Any, where: str, allowed: list[str]) -> list[tuple[str, str]]:
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return [p for i, v in enumerate(value) for p in self._walk(v, f"{where}[{i}]", allowed)]
        if str(value) in allowed:
            return []
        close = difflib.get_close_matches(str(value), allowed, n=1)
        tip = f"; did you mean {close[0]!r}?" if close else ""
        return [(where, f"unknown name {value!r}{tip} (choices: {', '.join(allowed)})")]


def limit_problems(obj: Any) -> list[str]:
    """The numeric settings of config dataclass ``obj`` outside their :class:`Limit`."""
    checks = getattr(type(obj), "CHECKS", {})
    return [
        f"{key}: {problem}"
        for key, check in checks.items()
        if isinstance(check, Limit)
        for problem in check(getattr(obj, key))
    ]


def check_limits(obj: Any) -> None:
    """Raise ConfigError listing the settings of ``obj`` outside their range (for configs
    built in Python: a YAML config's are reported with their dotted path)."""
    problems = limit_problems(obj)
    if problems:
        raise problems_error([f"{type(obj).__name__}.{p}" for p in problems])


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
    checks: Mapping[str, Callable[[Any], list[str]]] = getattr(cls, "CHECKS", {})
    kwargs = {}
    found = len(problems)
    for key, raw in data.items():
        if key not in fields:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"{path}.{key}: unknown key{tip} (choices: {', '.join(fields)})")
            continue
        before = len(problems)
        kwargs[key] = _coerce(hints[key], raw, f"{path}.{key}", problems)
        if len(problems) == before and key in checks:
            problems += [_at(f"{path}.{key}", p) for p in checks[key](kwargs[key])]
    if len(problems) > found:
        return None
    return cls(**kwargs)


def _at(path: str, problem: str) -> str:
    """``problem`` placed at ``path`` (a problem starting with ``[i]`` is an item's)."""
    return f"{path}{problem}" if problem.startswith("[") else f"{path}: {problem}"


def _coerce(tp: Any, raw: Any, path: str, problems: list[str]) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], raw, path, problems)
    if origin is typing.Literal:
        if isinstance(raw, str) and raw not in args and raw.replace("-", "_") in args:
            return raw.replace("-", "_")  # the CLI's spelling: inverse-weight
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
        if isinstance(raw, dt.date):  # YAML reads an unquoted 2024-03-31 as a date
            return raw.isoformat()
        if not isinstance(raw, str | int | float):
            problems.append(f"{path}: expected text, got {raw!r}")
        return str(raw)
    return raw
