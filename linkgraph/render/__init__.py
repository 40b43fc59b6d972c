"""Maps and briefing reports: self-contained, offline, escaped HTML."""

from __future__ import annotations

from linkgraph.render.config import RenderConfig
from linkgraph.render.map import (
    MapView,
    display_labels,
    is_victim,
    map_data,
    map_html,
    pseudonym,
    render_map,
    show_map,
)
from linkgraph.render.views import community_view, ego_view, path_view, select_view, time_view

__all__ = [
    "MapView",
    "RenderConfig",
    "community_view",
    "display_labels",
    "ego_view",
    "is_victim",
    "map_data",
    "map_html",
    "path_view",
    "pseudonym",
    "render_map",
    "select_view",
    "show_map",
    "time_view",
]
