"""LinkgraphError and its subclasses: every error linkgraph raises on purpose."""

from __future__ import annotations


def run_stage_hint(stage: str, *, again: bool = False) -> str:
    """How to run the ``stage`` a case lacks, in the shell and in Python: "run `linkgraph
    analyze CASE_DIR` (in Python: case = lg.analyze(case))"."""
    verb = "re-run" if again else "run"
    return f"{verb} `linkgraph {stage} CASE_DIR` (in Python: case = lg.{stage}(case))"


class LinkgraphError(Exception):
    """Base class for every error linkgraph raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def location(self) -> str | None:
        """Where the problem is (file, row, column or config key), if known."""
        return None

    def render(self) -> str:
        """Location, message and hint, exactly as the CLI prints them; names and values
        echoed from a file are cut short (:func:`linkgraph._terminal.brief`)."""
        from linkgraph._terminal import brief, one_line

        where = self.location()
        text = f"{one_line(brief(where))}: {brief(self.message)}" if where else brief(self.message)
        if self.hint:
            text += f"\nHint: {brief(self.hint)}"
        return text

    def __str__(self) -> str:
        """The same text as :meth:`render`, so a notebook or a traceback shows where, what
        and how to fix it, as the CLI does."""
        return self.render()

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields (source, row, key...) survive pickling (multiprocessing).
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[LinkgraphError], message: str, state: dict[str, object]) -> LinkgraphError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class InputError(LinkgraphError):
    """A case file cannot be used as a whole (encoding, missing mapped column, empty)."""

    def __init__(
        self,
        message: str,
        *,
        source: str,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.row = row
        self.column = column

    def location(self) -> str | None:
        parts = [self.source]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)


class MappingError(InputError):
    """The mapping YAML is wrong; ``key`` is the dotted path inside the mapping."""

    def __init__(
        self,
        message: str,
        *,
        source: str,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, source=source, hint=hint)
        self.key = key

    def location(self) -> str | None:
        return f"{self.source}: {self.key}" if self.key else self.source


class ConfigError(LinkgraphError):
    """A configuration value is wrong; ``key`` is its dotted path."""

    def __init__(self, message: str, *, key: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.key = key

    def location(self) -> str | None:
        return self.key


class ArgumentTypeError(ConfigError, TypeError):
    """A public function's argument is of a type it does not take (a str where a bool
    is needed, a path where a Secret is): ``key`` names the parameter."""


class ArgumentValueError(ConfigError, ValueError):
    """A public function's argument is of the right type but a value it does not take
    (a negative count, an unknown entity type): ``key`` names the parameter."""


class CaseError(LinkgraphError):
    """A case folder is missing, corrupt, incomplete for a step, or from a newer version."""


class OutputError(LinkgraphError):
    """An output path cannot be written: a folder where a file is needed, a file where a
    folder is needed, or a file where a parent folder should be."""


class CommandLineError(LinkgraphError):
    """A path given on the command line cannot be used (no case folder there, a file where
    a folder is needed): the CLI exits with status 2, as for a usage error, not 1 (bad
    input data)."""


class CaseMissingError(CaseError, CommandLineError):
    """The case folder named does not exist, or is a file."""


class OutputPathError(OutputError, CommandLineError):
    """An output path cannot be used as given: a folder where a file is needed, a file
    where a folder is needed or where a parent folder should be."""


class CaseBusyError(CaseError):
    """Another linkgraph command is writing the same case folder."""


class StrictModeError(InputError):
    """Raised by ``--strict`` ingest when any reject was recorded."""


class MissingDependencyError(LinkgraphError, ImportError):
    """An optional dependency is missing; the message names the package and the extra."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"this feature needs the optional package {package!r}",
            hint=f"pip install 'linkgraph[{extra}]'",
        )


class LinkgraphWarning(UserWarning):
    """Base class of linkgraph's warnings: the result was made, but read it with care.

    The CLI prints them as ``warning: ...`` lines; in Python, ``warnings`` shows them
    (``warnings.simplefilter("error", LinkgraphWarning)`` turns them into errors).
    """


class IngestWarning(LinkgraphWarning):
    """Something an ingest read but could not use as it should (no victim marked, a role
    not understood, phones without a region, numbers a spreadsheet rounded)."""


class CaseWarning(LinkgraphWarning):
    """The case is not in the state a step expects (not resolved, decisions naming
    mentions no longer in the case, a time window holding no links)."""
