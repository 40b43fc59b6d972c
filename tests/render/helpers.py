"""Helpers for the render tests: read the JSON data block back out of a map."""

from __future__ import annotations

import json
import re
from typing import Any

from linkgraph.render.map import unpack

_DATA = re.compile(r'<script type="application/json" id="lg-data">(.*?)</script>', re.S)


def map_payload(html_text: str) -> dict[str, Any]:
    """The data a map carries, decoded from its JSON script block."""
    match = _DATA.search(html_text)
    assert match is not None, "no lg-data block in the map"
    data: dict[str, Any] = json.loads(match.group(1))
    for part in ("nodes", "edges", "ties", "measures", "details"):
        if data.get(part):
            data[part] = {k: unpack(v) for k, v in data[part].items()}
    return data
