"""Case folders on disk: a writer's lock, an atomic folder swap, and recovery after a crash.

A case folder is replaced whole: a stage writes a temporary folder beside it and swaps it in.
Three things keep that safe when commands run at the same time or are killed:

- **one writer at a time**: :func:`case_lock` holds an advisory lock on ``.NAME.lock`` beside
  the folder (the folder itself is swapped, so it cannot hold the lock);
- **no lost update**: a stage that read the case remembers the manifest's digest
  (:func:`manifest_digest`); the swap refuses when the manifest changed meanwhile;
- **no window without a case**: on Linux the two folders are exchanged in one system call
  (``renameat2(RENAME_EXCHANGE)``); elsewhere, a copy left half-way by a crash between the two
  renames is put back by :func:`recover_folder`, which every read calls first.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from linkgraph.errors import CaseBusyError, CaseError

#: How long a writer waits for another writer of the same case before giving up.
LOCK_WAIT_SECONDS = 600.0

#: After how many seconds of waiting for another writer :data:`wait_notice` is called.
LOCK_NOTICE_SECONDS = 1.0
#: Called once, with a sentence for the person, when a writer has waited
#: :data:`LOCK_NOTICE_SECONDS` for another: the CLI prints it on stderr; library calls say
#: nothing (None).
wait_notice: Callable[[str], None] | None = None

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def lock_path(target: Path) -> Path:
    """The lock file of the case folder ``target``: ``.NAME.lock`` in the same parent."""
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def case_lock(target: Path, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the writer's lock of ``target`` for the ``with`` block.

    Waits up to ``wait`` seconds for another writer to finish, then raises CaseBusyError.
    The lock is advisory (``flock``) and is released by the kernel if the process dies.
    The lock file is removed when the block ends (a finished write leaves nothing beside
    the output); a writer that was waiting on a removed file locks the new one instead.
    """
    from linkgraph._io import output_errors

    with output_errors(target):  # the error names the case folder, not its lock file
        target.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(target)
    deadline = time.monotonic() + wait
    while True:
        with output_errors(target):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _flock_until(fd, target, deadline)
        except BaseException:
            os.close(fd)
            raise
        if _still_named(fd, path):
            break
        os.close(fd)  # the holder before removed it: lock the file now at ``path``
    with contextlib.suppress(OSError):  # who holds it, for a writer waiting on it
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {time.time():.0f}\n".encode(), 0)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still held: no one can lock it after this
        os.close(fd)  # closing the descriptor releases the lock


def waiting_message(target: Path, holder: bytes) -> str:
    """What a writer waiting for ``target``'s lock says, from the lock file's ``holder``
    text (``PID SECONDS``, written by the writer holding it).

    Examples:
        >>> waiting_message(Path("out/case"), b"4242 0")  # doctest: +ELLIPSIS
        'waiting for another linkgraph command writing out/case (pid 4242, since ...) - Ctrl...'
        >>> waiting_message(Path("case"), b"")
        'waiting for another linkgraph command writing case - Ctrl-C to stop'
    """
    from linkgraph._terminal import one_line

    who = ""
    parts = holder.decode("ascii", "replace").split()
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
        since = time.strftime("%H:%M", time.localtime(int(parts[1])))
        who = f" (pid {parts[0]}, since {since})"
    return (
        f"waiting for another linkgraph command writing {one_line(str(target))}{who} - "
        "Ctrl-C to stop"
    )


def _flock_until(fd: int, target: Path, deadline: float) -> None:
    """Take the exclusive lock on ``fd``, waiting until ``deadline`` (CaseBusyError);
    after :data:`LOCK_NOTICE_SECONDS`, :data:`wait_notice` is told once who holds it."""
    notice_at = time.monotonic() + LOCK_NOTICE_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise CaseBusyError(
                    f"{target} is busy: another linkgraph command is writing it",
                    hint="wait for the other command to finish, then run this one again",
                ) from None
            if notice_at is not None and time.monotonic() >= notice_at:
                notice_at = None
                if wait_notice is not None:
                    try:
                        holder = os.pread(fd, 64, 0)
                    except OSError:
                        holder = b""
                    wait_notice(waiting_message(target, holder))
            time.sleep(0.05)


def _still_named(fd: int, path: Path) -> bool:
    """Whether ``path`` is still the file open as ``fd`` (not removed or replaced)."""
    try:
        named = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def manifest_digest(folder: Path) -> str | None:
    """SHA-256 of ``folder/manifest.json``, or None when the folder holds no case."""
    try:
        return hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return None


def temp_prefix(target: Path) -> str:
    """Prefix of this process's temporary folders beside ``target`` (holds the pid)."""
    return f".{target.name}.tmp-{os.getpid()}-"


def check_target(target: Path) -> None:
    """Refuse a case path that is not a plain folder (or not there yet).

    ``-o .`` or a path ending in ``..`` cannot be swapped; a symlink, FIFO or device would be
    replaced or followed.
    """
    if target.name in ("", ".", "..") or target.resolve() == Path.cwd().resolve():
        raise CaseError(
            f"{str(target) or '.'} cannot be a case folder: it is the current folder",
            hint="give the case a folder of its own, e.g. -o case/",
        )
    if target.is_symlink():
        raise CaseError(
            f"{target} is a symbolic link; linkgraph does not write through links",
            hint="give the real folder's path, or a new folder name",
        )
    if target.exists() and not target.is_dir():
        raise CaseError(
            f"{target} exists and is not a folder",
            hint="give a new folder name for the case",
        )


def swap_in(new: Path, target: Path, *, expect: str | bool | None = False) -> None:
    """Put the folder ``new`` in place of ``target`` under the writer's lock.

    ``expect`` is the manifest digest the writer saw when it read the case (None: there was
    no case); when the case on disk changed since, nothing is replaced and CaseError says so.
    ``expect=False`` skips that check (the caller holds the lock since it read).
    """
    with case_lock(target):
        _swap_locked(new, target, expect)


def _swap_locked(new: Path, target: Path, expect: str | bool | None) -> None:
    recover_folder(target)
    if expect is not False and manifest_digest(target) != expect:
        shutil.rmtree(new, ignore_errors=True)
        raise CaseError(
            f"{target} was changed by another linkgraph command while this one ran; "
            "nothing was written",
            hint="run this command again: it will read the case as it is now",
        )
    if not target.exists():
        os.replace(new, target)
    elif _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old case
    else:
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    clean_stale(target)


def recover_folder(target: Path) -> None:
    """Put back the previous case when a crash left it renamed aside and ``target`` absent."""
    if target.exists():
        return
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds:
        os.replace(olds[-1], target)


def clean_stale(target: Path) -> None:
    """Remove temporary and old copies of ``target`` left by processes that are gone."""
    for item in target.parent.glob(f".{target.name}.*"):
        pid = _pid_of(item.name[len(target.name) + 2 :])
        if pid is not None and pid != os.getpid() and not process_running(pid):
            shutil.rmtree(item, ignore_errors=True)


_TEMP_NAME = re.compile(r"\.(.+)\.(tmp|old)-(\d+)(?:-.*)?")


def clean_stale_inside(case_dir: Path) -> list[Path]:
    """Remove the temporary copies a killed process left inside ``case_dir`` (the graph
    cache's ``.graph.tmp-PID-xxxx``, an interrupted `run`'s), as :func:`clean_stale` does
    beside a folder: only those of processes that no longer run, and an old copy
    (``.NAME.old-PID``) only when NAME is back in place. Safe without the case's lock: a
    writer that runs is never touched. Returns what was removed; never raises."""
    removed: list[Path] = []
    try:
        names = os.listdir(case_dir)
    except OSError:
        return removed
    for name in names:
        found = _TEMP_NAME.fullmatch(name)
        if found is None:
            continue
        base, kind, pid = found.group(1), found.group(2), int(found.group(3))
        if pid == os.getpid() or process_running(pid):
            continue
        if kind == "old" and not (case_dir / base).exists():
            continue  # what recover_folder would put back
        item = case_dir / name
        try:
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
        except OSError:
            continue
        removed.append(item)
    return removed


def is_temporary(name: str) -> bool:
    """Whether ``name`` is a temporary or old copy a writer makes beside a folder
    (``.NAME.tmp-PID-xxxx``, ``.NAME.old-PID``): never part of a case, never copied."""
    return bool(re.fullmatch(r"\..+\.(?:tmp|old)-\d+(?:-.*)?", name))


def _pid_of(rest: str) -> int | None:
    """The pid in ``tmp-PID-xxxx`` or ``old-PID``; None for other names (the lock file)."""
    for prefix in ("tmp-", "old-"):
        if rest.startswith(prefix):
            digits = rest[len(prefix) :].split("-", 1)[0]
            return int(digits) if digits.isdigit() else None
    return None


def process_running(pid: int) -> bool:
    """Whether a process with this pid exists (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


_PATH_KEYS = ("path", "mapping", "base_dir")


def portable_manifest(manifest: dict, target: Path) -> dict:
    """``manifest`` with the absolute paths of the analyst's machine (inputs' files and
    mappings, the pipeline's base folder) made relative to the case folder ``target``.

    A case folder handed to a colleague or a court then names no home folder or user name.
    Presets (``preset:cdr``) and paths that are already relative stay as they are. A file
    name's bytes that are not UTF-8 are written as ``\\xff`` (:func:`name_text`), so the
    manifest is UTF-8 JSON.
    """
    import json

    from linkgraph._terminal import name_text

    out = json.loads(json.dumps(manifest, default=str))
    base = target.resolve()

    def relative(value: object) -> object:
        if isinstance(value, str) and os.path.isabs(value):
            try:
                return os.path.relpath(value, base)
            except ValueError:  # another drive on Windows
                return Path(value).name
        return value

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _PATH_KEYS:
                    value = relative(value)
                node[key] = name_text(value) if isinstance(value, str) else value
                walk(value)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                node[i] = name_text(item) if isinstance(item, str) else item
                walk(item)

    walk(out)
    return out
