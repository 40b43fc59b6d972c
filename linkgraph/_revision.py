"""The exact revision of the code that runs, for a case's manifest (``versions``).

A version number names a release; between releases, the code of a checkout changes every
day under one number. So the manifest records, where it can be known, the revision: the
git commit of the checkout linkgraph runs from (``git:<commit>``, ``+modified`` when its
``linkgraph/`` folder has changes not committed), or else what the installer recorded of
the installed distribution (PEP 610 ``direct_url.json``): the commit of a version-control
install, the hash of an archive, or its address. Nothing is recorded for a plain install
from a package index (its version says it all) or from a local folder (nothing names it).
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

#: The package folder of the code that runs.
_PACKAGE = Path(__file__).resolve().parent
#: How long a git command may take before the revision is left out.
_GIT_SECONDS = 10


@functools.cache
def code_revision() -> str | None:
    """The revision of the running code (see the module), or None when none is known.

    Examples:
        >>> code_revision() is None or code_revision().split(":")[0] in {"git", "hg", "svn",
        ...     "bzr", "archive", "url"}
        True
    """
    root = _PACKAGE.parent
    if (root / ".git").exists():
        found = _git_revision(root)
        if found is not None:
            return found
    return _installed_revision()


def _git(root: Path, *args: str) -> str:
    """The output of ``git args`` in ``root`` (no GIT_* setting of the caller's applies)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=_GIT_SECONDS,
        check=True,
        env=env,
    )
    return done.stdout


def _git_revision(root: Path) -> str | None:
    """``git:<commit>`` of the checkout at ``root`` (``+modified`` when files of the
    package differ from it, or are new), or None when git cannot tell."""
    try:
        head = _git(root, "rev-parse", "--verify", "HEAD").strip()
        status = _git(root, "status", "--porcelain", "--", _PACKAGE.name)
    except (OSError, subprocess.SubprocessError):
        return None
    if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", head) is None:
        return None
    return f"git:{head}" + ("+modified" if status.strip() else "")


def _installed_revision() -> str | None:
    """What the installer recorded of where the installed linkgraph came from, when it is
    the code that runs: ``<vcs>:<commit> <address>``, ``archive:<hash> <address>`` or
    ``url:<address>``; None for an install from an index or a local folder."""
    try:
        dist = metadata.distribution("linkgraph")
        text = dist.read_text("direct_url.json")
    except (metadata.PackageNotFoundError, OSError):
        return None
    if not text or not _runs_from(dist):
        return None
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    url = _shown_url(str(data.get("url") or ""))
    at = f" {url}" if url else ""
    vcs, archive = data.get("vcs_info"), data.get("archive_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        return f"{vcs.get('vcs') or 'vcs'}:{vcs['commit_id']}{at}"
    if isinstance(archive, dict) and (archive.get("hashes") or archive.get("hash")):
        hashes = archive.get("hashes")
        digest = hashes.get("sha256") if isinstance(hashes, dict) else None
        return f"archive:{f'sha256={digest}' if digest else archive.get('hash')}{at}"
    return f"url:{url}" if url else None


def _runs_from(dist: metadata.Distribution) -> bool:
    """Whether the running package is the one ``dist`` installed (not a checkout on
    ``PYTHONPATH`` ahead of it)."""
    try:
        installed = Path(str(dist.locate_file("linkgraph/__init__.py"))).resolve()
    except (OSError, TypeError, ValueError):
        return False
    return installed == _PACKAGE / "__init__.py"


def _shown_url(url: str) -> str:
    """``url`` as a manifest may show it: without a user name or password; "" for a local
    path (it names the analyst's folders, and no one else can fetch it).

    >>> _shown_url("https://user:token@example.org/lg.git"), _shown_url("file:///home/a/lg")
    ('https://example.org/lg.git', '')
    """
    parts = urlsplit(url)
    if not url or parts.scheme in ("", "file"):
        return ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
