"""What is wrong with a path given as an input file, said before anything reads it: a
missing file, a loop of symbolic links, a folder, a named pipe or device (reading one
would wait forever), a file that may not be read."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from linkgraph._terminal import name_text
from linkgraph.errors import InputError

_KINDS = {
    stat.S_IFDIR: ("a folder, not a file", "give the path of a file in it"),
    stat.S_IFIFO: (
        "not a regular file (a named pipe): reading it would wait for a writer",
        "save the data to a file and give that file's path",
    ),
    stat.S_IFSOCK: ("not a regular file (a socket)", "give the path of a saved file"),
    stat.S_IFCHR: ("not a regular file (a device)", "give the path of a saved file"),
    stat.S_IFBLK: ("not a regular file (a device)", "give the path of a saved file"),
}


def check_input_file(path: str | os.PathLike[str]) -> None:
    """Raise :class:`InputError` naming ``path`` unless it is a regular file (or a
    symbolic link to one) that can be opened for reading.

    Examples:
        >>> check_input_file("/dev/null")
        Traceback (most recent call last):
        ...
        linkgraph.errors.InputError: null: not a regular file (a device)
        Hint: give the path of a saved file
    """
    path = Path(path)
    name = name_text(path.name or str(path))
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                "a symbolic link that leads back to itself (a loop of links)",
                source=name,
                hint=f"give the path of the file itself, or fix the link {name_text(str(path))}",
            ) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise _unreadable(path, name) from None
        raise InputError(
            "file not found", source=name, hint=f"check the path {name_text(str(path))}"
        ) from None
    kind = stat.S_IFMT(mode)
    if kind in _KINDS:
        what, hint = _KINDS[kind]
        raise InputError(what, source=name, hint=hint)
    if not os.access(path, os.R_OK):
        raise _unreadable(path, name)


def _unreadable(path: Path, name: str) -> InputError:
    return InputError(
        "permission denied: this user may not read the file",
        source=name,
        hint=f"give read permission on it (chmod u+r {name_text(str(path))}) or copy it",
    )
