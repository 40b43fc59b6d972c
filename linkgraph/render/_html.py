"""Private helpers for safe, offline HTML: escaping, JSON in script blocks, templates, CSP."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from linkgraph.text import INVISIBLE_CHARACTERS, strip_invisible

_VIS_DIR = "vis-network-9.1.2"
_PLACEHOLDER = re.compile(r"<!--@([a-z_]+)@-->|/\*@([a-z_]+)@\*/")

# Case data may hold URLs (online ads). A map or report must not name any network
# address, not even as text, so "/" is always written as an escape: "\/" in JSON and
# JavaScript strings, "&#47;" in HTML text. Both read back as "/".
# Bidi and zero-width formatting characters (linkgraph.text.INVISIBLE_CHARACTERS) are
# dropped from both: one that got past ingest must not reorder the text around it.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "/": "\\/",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile(f"[<>&/\u2028\u2029{INVISIBLE_CHARACTERS}]")


#: The most characters of a name a map or report shows (a name of 10,000 characters, a
#: pasted document, would fill the screen and every table it is in); the case and the
#: exports keep the whole text.
LABEL_CHARS = 200


def short_labels(labels: pd.Series) -> pd.Series:
    """``labels`` (text) with each one longer than :data:`LABEL_CHARS` cut to that many
    characters, the last an ellipsis.

    Examples:
        >>> import pandas as pd
        >>> [len(t) for t in short_labels(pd.Series(["Ana", "x" * 10_000]))]
        [3, 200]
        >>> short_labels(pd.Series(["x" * 300]))[0][-2:]
        'x…'
    """
    long = labels.str.len() > LABEL_CHARS
    if not long.any():
        return labels
    return labels.where(~long, labels.str.slice(0, LABEL_CHARS - 1) + "…")


def esc(value: object) -> str:
    """HTML-escape any value for text or a quoted attribute; ``None``/NA become "".
    Bidi and zero-width formatting characters are dropped.

    Examples:
        >>> esc('<img src=x onerror="alert(1)">')
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
        >>> esc("ad at https://x.example/1"), esc("abc\\u202eexe.txt")
        ('ad at https:&#47;&#47;x.example&#47;1', 'abcexe.txt')
    """
    if value is None:
        return ""
    try:
        if value != value:  # NaN, NaT
            return ""
    except (TypeError, ValueError):
        pass
    if str(value) == "<NA>":
        return ""
    return html.escape(strip_invisible(str(value)), quote=True).replace("/", "&#47;")


def srcdoc(document: str) -> str:
    """A whole HTML page escaped for a ``srcdoc="..."`` attribute, every character kept.

    Unlike :func:`esc`, nothing is dropped: the page's inline scripts must still match the
    CSP hashes computed on them (its case data went through :func:`esc` and
    :func:`json_for_script` already).
    """
    return html.escape(document, quote=True).replace("/", "&#47;")


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>``, ``&``, ``/``, U+2028 and U+2029 are written as escapes, so neither
    ``</script>`` nor ``<!--`` in the data can end or change the script block, and no
    ``scheme://`` appears in the file. Bidi and zero-width formatting characters are
    dropped (the page shows the data as text, where they would reorder it).

    Examples:
        >>> json_for_script({"name": "</script><b>"})
        '{"name":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES.get(m.group(0), ""), text)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``<!--@name@-->`` and ``/*@name@*/`` placeholders in one pass.

    The inserted text is never scanned again, so case data that looks like a placeholder
    stays inert. Every placeholder must have a value (KeyError otherwise).
    """
    return _PLACEHOLDER.sub(lambda m: values[m.group(1) or m.group(2)], template)


@cache
def template(name: str) -> str:
    """The text of ``linkgraph/render/templates/<name>``."""
    return resources.files("linkgraph.render").joinpath("templates", name).read_text("utf-8")


def _neutralise_urls(text: str) -> str:
    # Inside JavaScript strings, regexes and comments "\/" means "/", so the bundle works
    # unchanged while the file no longer spells any address. The one functional URL is the
    # SVG namespace passed to createElementNS, which still receives the same string.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return re.sub(r"(?i)\b(https?|ftp|wss?):/+", lambda m: m.group(1) + ":\\/\\/", text)


@cache
def vis_js() -> str:
    """vis-network's JavaScript bundle with every URL neutralised (see LICENSE.txt)."""
    assets = resources.files("linkgraph.render").joinpath("assets", _VIS_DIR)
    js = _neutralise_urls(assets.joinpath("vis-network.min.js").read_text("utf-8"))
    if "</script" in js.lower():  # pragma: no cover - guards a future upgrade of the bundle
        raise RuntimeError("vis-network bundle contains </script>")
    return js


@cache
def vis_css() -> str:
    """vis-network's stylesheet (its images are data: URIs already)."""
    assets = resources.files("linkgraph.render").joinpath("assets", _VIS_DIR)
    return _neutralise_urls(assets.joinpath("vis-network.css").read_text("utf-8"))


def script_hash(source: str) -> str:
    """The CSP source expression (``'sha256-…'``) that allows one inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(script_sources: Iterable[str]) -> str:
    """A Content-Security-Policy that forbids every network request.

    Scripts run only when their hash is listed, so an inline handler smuggled into the
    page (``onerror=...``) is refused even if escaping ever failed.
    """
    hashes = " ".join(sorted({script_hash(s) for s in script_sources}))
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; "
        "frame-src 'self' about: data:; child-src 'self' about: data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
