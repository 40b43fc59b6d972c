"""YAML for configs and mappings, read with limits: a small hostile file cannot exhaust memory.

PyYAML's ``safe_load`` builds no objects from tags, but its aliases are still expanded by
whoever walks the result: nine nested levels of ``[*a, *a, ...]`` (a 650-byte "billion
laughs") become 10⁹ references once copied or serialised. A config or mapping needs few
aliases (``<<: *defaults``), so more than :data:`MAX_ALIASES`, nesting deeper than
:data:`MAX_DEPTH` or aliases expanding to more than :data:`MAX_NODES` values (each alias
counted as the size of what it names, as it is composed: 73 aliases can name 9⁹ strings)
is refused, as is a file above :data:`MAX_BYTES`.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 1 << 20  # 1 MiB: a mapping or pipeline file is a few KiB
MAX_ALIASES = 100
MAX_DEPTH = 50
MAX_NODES = 100_000  # values, keys and collections once aliases are expanded


class YamlLimitError(ValueError):
    """A YAML text goes over a size, alias or depth limit."""


class DuplicateKeyError(yaml.YAMLError):
    """A key written twice in one YAML mapping: PyYAML keeps the last silently, so
    ``dob: dob`` then ``dob: phone`` would read dates of birth from the phone column."""

    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(key, first, again)
        self.key, self.first, self.again = key, first, again

    def __str__(self) -> str:
        return (
            f"the key {self.key!r} is written twice in one mapping (lines {self.first} and"
            f" {self.again}); the second would silently replace the first"
        )


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that counts alias uses, node depth and the nodes of the expanded
    document (an alias counting as the size of the node it names) while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}  # id(node) -> its nodes once expanded
        self._open: list[int] = [0]  # the expanded size of each node being composed so far

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        alias = self.check_event(yaml.AliasEvent)
        if alias:
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlLimitError(
                    f"more than {MAX_ALIASES} aliases (*name): refused as a possible alias bomb"
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels")
        self._open.append(0)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            inner = self._open.pop()
        size = self._sizes.get(id(node), 1) if alias else 1 + inner
        self._sizes[id(node)] = size
        self._open[-1] += size
        if self._open[-1] > MAX_NODES:
            raise YamlLimitError(
                f"aliases expand to more than {MAX_NODES:,} values (a YAML alias bomb?)"
            )
        return node

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # type: ignore[override]
        """A mapping, refusing a key written twice in it (:class:`DuplicateKeyError`);
        a key given again over a merged ``<<: *defaults`` is an override, not a repeat."""
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _value in node.value:
                if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                line = key_node.start_mark.line + 1
                try:
                    if key in seen:
                        raise DuplicateKeyError(key, seen[key], line)
                    seen[key] = line
                except TypeError:  # an unhashable key: the constructor says so
                    continue
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> Any:
    """Parse ``text`` as YAML with :class:`yaml.SafeLoader` semantics and the module's limits.

    Raises:
        YamlLimitError: too large, too many aliases or too deep.
        yaml.YAMLError: not valid YAML.

    Examples:
        >>> load_yaml("a: &x [1, 2]\\nb: *x")
        {'a': [1, 2], 'b': [1, 2]}
        >>> load_yaml("a: &a [x]\\nb: [" + ", ".join(["*a"] * 101) + "]")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        linkgraph._yaml.YamlLimitError: more than 100 aliases ...
    """
    if len(text) > MAX_BYTES:
        raise YamlLimitError(f"{len(text):,} characters; a YAML file here is at most {MAX_BYTES:,}")
    loader = _LimitedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def yaml_problem(exc: Exception) -> str:
    """A YAML error in one line: what is wrong and where (line, column), without the
    excerpt of the file PyYAML's message quotes.

    Examples:
        >>> try:
        ...     load_yaml("a: 1\\nb: !!foo x")
        ... except yaml.YAMLError as exc:
        ...     print(yaml_problem(exc))
        could not determine a constructor for the tag 'tag:yaml.org,2002:foo' (line 2, column 4)
    """
    if not isinstance(exc, yaml.MarkedYAMLError):
        return str(exc)
    what = exc.problem or exc.context or "not valid YAML"
    mark = exc.problem_mark or exc.context_mark
    return f"{what} (line {mark.line + 1}, column {mark.column + 1})" if mark else what


def yaml_hint(exc: Exception) -> str | None:
    """A hint for a YAML error a person can act on, or None: a tab where YAML wants spaces
    (PyYAML says "found character '\\t' that cannot start any token") is the common one.

    Examples:
        >>> try:
        ...     load_yaml("a:\\n\\tb: 1")
        ... except yaml.YAMLError as exc:
        ...     print(yaml_hint(exc))
        YAML indents with spaces, not tabs: replace the tab at line 2 (column 1) with spaces
    """
    if isinstance(exc, DuplicateKeyError):
        return (
            f"delete one of the two {exc.key!r} lines ({exc.first}, {exc.again}), keeping"
            " the one meant"
        )
    if "constructor for the tag" in str(exc):
        return "remove the !!tag: a mapping or config holds plain text, numbers and lists"
    if "'\\t'" not in str(exc):
        return None
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1} (column {mark.column + 1})" if mark is not None else ""
    return f"YAML indents with spaces, not tabs: replace the tab{where} with spaces"
