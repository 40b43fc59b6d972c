"""The arguments of the public functions (``linkgraph.__all__``) checked as a user types
them in a notebook, by parameter name, one rule for every function that has it: a bool
that must be a bool (``show_victims="no"`` is no False), a count that must be a whole
number in range, entity types that must be known, a config that may be a dict of its
settings, a path that must be a path, a secret that must be read with ``read_secret``.

What does not fit is an :class:`~linkgraph.errors.ArgumentTypeError` (also a TypeError)
or an :class:`~linkgraph.errors.ArgumentValueError` (also a ValueError) naming the
function, the parameter, the value given and what the parameter takes.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import inspect
import numbers
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from linkgraph.errors import ArgumentTypeError, ArgumentValueError

#: Parameters that take True or False (None too where that is their default).
BOOLS = frozenset(
    {"show_victims", "include_victims", "strict", "force", "save", "check_files", "include_map"}
)
#: Parameters that take a whole number, and the least they take.
COUNTS: Mapping[str, int] = {"n": 1, "min_count": 1, "height": 1, "k": 1}
#: Parameters that take the path of a file or folder.
PATHS = frozenset({"path", "out_dir", "path_or_preset"})
#: Parameters that take a stage's settings: an instance of the class their annotation
#: names, or a dict of its settings (as a YAML config's section).
CONFIGS = frozenset({"config", "settings"})


def checked(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its arguments checked (and a few converted) by the rules above before
    it runs; the same function, signature and docstring otherwise."""
    signature = inspect.signature(func)
    name = func.__name__

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise TypeError(f"{name}(): {exc}") from None
        for param, value in list(bound.arguments.items()):
            spec = signature.parameters[param]
            if spec.kind is inspect.Parameter.VAR_KEYWORD:  # show_map's map options
                bound.arguments[param] = {
                    k: check_argument(name, k, v, None, func) for k, v in value.items()
                }
            elif spec.kind is not inspect.Parameter.VAR_POSITIONAL:
                bound.arguments[param] = check_argument(name, param, value, spec, func)
        return func(*bound.args, **bound.kwargs)

    return run


def check_argument(
    func: str,
    param: str,
    value: Any,
    spec: inspect.Parameter | None,
    target: Callable[..., Any] | None = None,
) -> Any:
    """``value`` given for ``param`` of ``func``, checked (and converted where a rule
    converts: a dict to a config, a string to one entity type or one place)."""
    none_ok = _none_ok(spec)
    if param in BOOLS:
        return _bool(func, param, value, none_ok=none_ok)
    if param in COUNTS:
        return _count(func, param, value, COUNTS[param])
    if param == "types":
        return _types(func, value)
    if param in PATHS:
        if param == "path_or_preset":
            if isinstance(value, Mapping | str | os.PathLike):
                return value  # load_mapping parses a mapping given as a dict too
            takes = "a mapping YAML's path, a preset's name or a dict of a mapping's keys"
            raise _wrong_type(func, param, value, takes)
        return _path(func, param, value, none_ok=none_ok)
    if param in CONFIGS and spec is not None and target is not None:
        return _config(func, param, value, spec, target)
    if param == "mapping":
        return _mapping(func, value)
    if param == "secret":
        return _secret(func, value)
    if param == "truth":
        return _truth(func, value)
    if param == "case" and type(value).__name__ == "PipelineResult":
        value = value.case  # run_pipeline's result where its case is meant
    if param in ("values", "hints", "kinds") and isinstance(value, str):
        return [value]  # geocode("Bucharest"): one place, not one a letter
    if (
        param in ("metrics", "case", "graph")
        and spec is not None
        and spec.kind is spec.KEYWORD_ONLY
    ):
        return _optional_instance(func, param, value)
    return value


def did_you_mean(word: str, choices: list[str], *, short: set[str] | None = None) -> str:
    """``"did you mean 'x'? "`` for the choice closest to a mistyped ``word``, else "";
    a choice is also compared without any ending in ``short`` (``betweeness`` is closer to
    ``betweenness``, so ``betweenness_centrality``, than to ``betweenness_stderr``).

    Examples:
        >>> names = ["betweenness_centrality", "betweenness_stderr", "degree"]
        >>> did_you_mean("betweeness", names, short={"_centrality"})
        "did you mean 'betweenness_centrality'? "
        >>> did_you_mean("zzz", names)
        ''
    """
    spelled = {c: c for c in choices}
    for c in choices:
        for ending in short or ():
            if c.endswith(ending):
                spelled.setdefault(c.removesuffix(ending), c)
    close = difflib.get_close_matches(word, list(spelled), n=1)
    return f"did you mean {spelled[close[0]]!r}? " if close else ""


def _none_ok(spec: inspect.Parameter | None) -> bool:
    """Whether the parameter takes None: its default, or its annotation names it."""
    if spec is None or spec.default is None:
        return True
    return "None" in str(spec.annotation)


def _got(value: Any) -> str:
    """``value`` as an error names it: its type and, when short, its repr."""
    text = repr(value)
    return f"{type(value).__name__} {text}" if len(text) <= 60 else type(value).__name__


def _wrong_type(
    func: str, param: str, value: Any, takes: str, hint: str | None = None
) -> Exception:
    return ArgumentTypeError(
        f"{func}(): {param} takes {takes}, not {_got(value)}", key=param, hint=hint
    )


def _bool(func: str, param: str, value: Any, *, none_ok: bool) -> Any:
    if value is None and none_ok:
        return None
    if type(value).__name__ == "bool_" or isinstance(value, bool):  # numpy's bool too
        return bool(value)
    takes = "True or False" + (" (or None: the config's default)" if none_ok else "")
    hint = None
    if isinstance(value, str):
        hint = f"write {param}=True or {param}=False, without quotes"
    raise _wrong_type(func, param, value, takes, hint)


def _count(func: str, param: str, value: Any, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        hint = f"write {param}={value}, without quotes" if _digits(value) else None
        raise _wrong_type(func, param, value, f"a whole number of at least {least}", hint)
    if value < least:
        raise ArgumentValueError(
            f"{func}(): {param} takes a whole number of at least {least}, not {value}",
            key=param,
        )
    return int(value)


def _digits(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value) is not None


def _types(func: str, value: Any) -> Any:
    from linkgraph.schema import ENTITY_TYPES

    if value is None:
        return None
    if isinstance(value, str):  # types="person": that one type, not its letters
        value = (value,)
    try:
        given = list(value)
    except TypeError:
        raise _wrong_type(func, "types", value, "an entity type or a list of them") from None
    for t in given:
        if not isinstance(t, str):
            raise _wrong_type(func, "types", t, "entity type names (str)")
        if t not in ENTITY_TYPES:
            close = difflib.get_close_matches(t, list(ENTITY_TYPES), n=1)
            hint = (f"did you mean {close[0]!r}? " if close else "") + (
                f"entity types: {', '.join(ENTITY_TYPES)}"
            )
            raise ArgumentValueError(
                f"{func}(): unknown entity type {t!r} in types", key="types", hint=hint
            )
    return tuple(given)


def path_argument(func: str, param: str, value: Any) -> str | os.PathLike[str]:
    """``value`` given for ``param`` of ``func``, a path (str or PathLike), else an
    ArgumentTypeError naming them (``Case.read(case)``)."""
    return _path(func, param, value, none_ok=False)  # type: ignore[no-any-return]


def _path(func: str, param: str, value: Any, *, none_ok: bool) -> Any:
    if value is None and none_ok:
        return None
    if isinstance(value, str | os.PathLike):
        return value
    raise _wrong_type(func, param, value, "the path of a file or folder (str or Path)")


def _config(
    func: str, param: str, value: Any, spec: inspect.Parameter, target: Callable[..., Any]
) -> Any:
    cls = _annotated_class(spec, target)
    if cls is None or value is None or isinstance(value, cls):
        return value
    if isinstance(value, str | os.PathLike) and "PathLike" in str(spec.annotation):
        return value  # run_pipeline(config): a YAML's path too
    if isinstance(value, Mapping) and dataclasses.is_dataclass(cls):
        from linkgraph._config_base import config_from_dict

        return config_from_dict(cls, value, path=f"{func}({param}=...)")
    hint = None
    if isinstance(value, str) and "preset" in inspect.signature(target).parameters:
        hint = f"for a preset, name it: {func}(..., preset={value!r})"
    raise _wrong_type(
        func,
        param,
        value,
        f"a {cls.__name__} or a dict of its settings"
        + (" (or None: the defaults)" if spec.default is None else ""),
        hint,
    )


def _annotated_class(spec: inspect.Parameter, target: Callable[..., Any]) -> type | None:
    """The class the first name of ``spec``'s annotation names in ``target``'s module."""
    annotation = spec.annotation
    if isinstance(annotation, type):
        return annotation
    if not isinstance(annotation, str):
        return None
    first = re.match(r"\s*([A-Za-z_][A-Za-z_0-9]*)", annotation)
    module = inspect.getmodule(inspect.unwrap(target))
    found = getattr(module, first.group(1), None) if first and module else None
    return found if isinstance(found, type) else None


def _mapping(func: str, value: Any) -> Any:
    from linkgraph.ingest.mapping import Mapping as IngestMapping

    if value is None or isinstance(value, str | os.PathLike | IngestMapping):
        return value
    if isinstance(value, Mapping):  # a mapping written as a dict: parsed as its YAML is
        from linkgraph.ingest.mapping import load_mapping

        return load_mapping(value)
    raise _wrong_type(
        func, "mapping", value, "a mapping YAML's path, a dict of its keys or load_mapping()'s"
    )


def _secret(func: str, value: Any) -> Any:
    from linkgraph.share.secret import Secret

    if isinstance(value, Secret):
        return value
    hint = "read the secret file with lg.read_secret(path) and give what it returns"
    raise _wrong_type(func, "secret", value, "a Secret", hint)


def _truth(func: str, value: Any) -> Any:
    if type(value).__name__ == "DataFrame":
        return value
    if isinstance(value, str | os.PathLike):  # the truth CSV's path, as the CLI takes it
        from linkgraph._user_csv import read_user_csv
        from linkgraph.resolve.evaluate import TRUTH_COLUMN_SETS, TRUTH_EXAMPLE, TRUTH_NEEDS

        return read_user_csv(
            value,
            kind="truth CSV",
            needs=TRUTH_NEEDS,
            example=TRUTH_EXAMPLE,
            required=TRUTH_COLUMN_SETS,
        )
    raise _wrong_type(func, "truth", value, "a DataFrame or the path of the truth CSV")


def _optional_instance(func: str, param: str, value: Any) -> Any:
    """``metrics=``, ``case=``, ``graph=`` given by keyword: a DataFrame, a Case, an
    EntityGraph (or None)."""
    if value is None:
        return None
    if param == "metrics":
        if type(value).__name__ == "DataFrame":
            return value
        raise _wrong_type(func, param, value, "the case's metrics table (case.metrics) or None")
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case

    cls = Case if param == "case" else EntityGraph
    if isinstance(value, cls):
        return value
    raise _wrong_type(func, param, value, f"a {cls.__name__} or None")
