"""The map file: complete, offline, escaped, victims protected, deterministic."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from linkgraph.errors import ConfigError
from linkgraph.graph import EntityGraph, build_graph
from linkgraph.model import Case
from linkgraph.render import MapView, map_html, pseudonym, render_map, show_map
from linkgraph.render._html import esc, json_for_script, vis_css, vis_js
from linkgraph.render.config import RenderConfig
from linkgraph.render.map import SHAPE_AREA

from .conftest import (
    URL_NAME,
    VICTIM2_NAME,
    VICTIM_NAME,
    XSS_END,
    XSS_IMG,
    XSS_SCRIPT,
    make_case,
)
from .helpers import map_payload

URL = re.compile(r"(?i)\b(https?|ftp|wss?)://")


@pytest.fixture
def map_text(tmp_path: Path, graph: EntityGraph, case: Case) -> str:
    out = render_map(graph, tmp_path / "map.html", metrics=case.metrics, case=case)
    assert out == tmp_path / "map.html"
    return out.read_text(encoding="utf-8")


def test_every_entity_is_on_the_map(map_text: str, graph: EntityGraph, case: Case) -> None:
    data = map_payload(map_text)
    victims = {"e:vic", "e:vic2"}
    key = case.pseudonym_key
    expected = {pseudonym(i, key) if i in victims else i for i in graph.entity_ids}
    assert set(data["nodes"]["id"]) == expected
    assert len(data["nodes"]["label"]) == len(graph)
    assert len(data["edges"]["f"]) == len(graph.edges)


def test_no_network_address_anywhere(map_text: str) -> None:
    assert "http://" not in map_text.lower()
    assert "https://" not in map_text.lower()
    assert not URL.search(map_text)
    assert URL_NAME in map_payload(map_text)["nodes"]["label"]  # the URL still reads as text
    assert "default-src &#x27;none&#x27;" in map_text


def test_vendored_bundle_is_neutralised_but_complete() -> None:
    js, css = vis_js(), vis_css()
    assert not URL.search(js)
    assert not URL.search(css)
    assert "sourceMappingURL" not in js
    assert 'createElementNS("http:\\/\\/www.w3.org/2000/svg"' in js  # same string in JS
    assert "vis.js is dual licensed" in js  # licence header kept
    assert len(js) > 400_000


@pytest.mark.parametrize("payload", [XSS_SCRIPT, XSS_IMG, XSS_END])
def test_hostile_names_are_escaped(map_text: str, payload: str) -> None:
    assert payload not in map_text
    assert "<img src=x" not in map_text
    assert "<script>window.__pwned" not in map_text
    assert payload in map_payload(map_text)["nodes"]["label"]  # shown as text, unchanged


def test_script_blocks_cannot_be_closed_by_data(map_text: str) -> None:
    # An HTML parser sees exactly three script elements (data, vis-network, the map) and the
    # page's own elements after them: no name ended a block early or opened a new one.
    class Counter(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.scripts: list[dict[str, str | None]] = []
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            if tag == "script":
                self.scripts.append(dict(attrs))

    parser = Counter()
    parser.feed(map_text)
    assert parser.scripts == [{"type": "application/json", "id": "lg-data"}, {}, {}]
    assert "img" not in parser.tags
    assert map_text.lower().count("</script") == 3


def test_json_for_script_escapes_what_ends_a_block() -> None:
    text = json_for_script({"a": "</script><!-- & \u2028\u2029 https://x"})
    for bad in ("<", ">", "&", "\u2028", "\u2029", "://"):
        assert bad not in text
    assert esc("</b>") == "&lt;&#47;b&gt;"


def test_victims_are_pseudonymised_by_default(map_text: str, case: Case) -> None:
    assert VICTIM_NAME not in map_text
    assert VICTIM2_NAME not in map_text
    assert "Maria" not in map_text
    labels = map_payload(map_text)["nodes"]["label"]
    shown = pseudonym("e:vic", case.pseudonym_key)
    assert shown in labels
    assert shown.startswith("Victim-")
    assert len(shown) == 13
    assert case.pseudonym_key.hex() not in map_text


def test_show_victims_shows_names(graph: EntityGraph, case: Case) -> None:
    text = map_html(graph, metrics=case.metrics, case=case, show_victims=True)
    assert VICTIM_NAME in map_payload(text)["nodes"]["label"]
    config = RenderConfig(pseudonymize_victims=False)
    assert VICTIM2_NAME in map_payload(map_html(graph, config=config))["nodes"]["label"]


def test_provenance_and_evidence_travel_with_each_entity(map_text: str, case: Case) -> None:
    data = map_payload(map_text)
    ana = data["nodes"]["id"].index("e:ana")
    assert ["arrests.csv", "Police", 1] in data["details"]["p"][ana]
    assert data["details"]["pn"][ana] == 2
    (evidence,) = data["details"]["ev"][ana]
    # the spellings merged and their source rows, not mention ids
    assert evidence[0] == "Ana Pérez (arrests.csv:1) + Ana Pérez (hotline.xlsx:4)"
    assert data["details"]["sp"][ana] == [["Ana Pérez", 2, "arrests.csv:1; hotline.xlsx:4"]]
    vic = data["nodes"]["label"].index(pseudonym("e:vic", case.pseudonym_key))
    assert data["details"]["sp"][vic] == []  # a victim's spellings would reveal the name
    (vic_evidence,) = data["details"]["ev"][vic]
    assert vic_evidence[0] == "row hotline.xlsx:3 + row arrests.csv:5"
    assert evidence[1] == 0.97
    assert "name 0.93" in evidence[3]
    phones = data["edges"]["n"]
    assert max(phones) == 2  # the two calls are one link with count 2


def test_colour_size_and_legend(map_text: str) -> None:
    data = map_payload(map_text)
    assert data["color_by"] == "community"
    assert data["size_by"] == "metrics.betweenness_centrality"
    assert [g["count"] for g in data["groups"]] == [6, 6]
    radius = [
        s * math.sqrt(SHAPE_AREA[data["types"][t]["shape"]] / math.pi)
        for s, t in zip(data["nodes"]["s"], data["nodes"]["t"], strict=True)
    ]
    ben = data["nodes"]["id"].index("e:ben")
    assert radius[ben] == pytest.approx(max(radius))


def test_area_follows_the_measure_whatever_the_shape(graph: EntityGraph, case: Case) -> None:
    """Every shape's area (vis-network geometry) is proportional to the measure above the
    minimum size, whatever the shape: a star and a dot of one value cover the same area."""
    data = map_payload(map_html(graph, metrics=case.metrics, case=case))
    nodes = data["nodes"]
    btw = case.metrics.set_index("entity_id")["betweenness_centrality"]
    top = float(btw.max())
    for i, eid in enumerate(nodes["id"]):
        shape = data["types"][nodes["t"][i]]["shape"]
        assert shape in SHAPE_AREA, f"{shape} is not sized by vis-network's size"
        area = SHAPE_AREA[shape] * nodes["s"][i] ** 2
        assert area >= math.pi * 8.0**2 * 0.99  # the minimum size
        if eid in btw.index and area > math.pi * 8.0**2 * 1.01:
            # the largest value covers pi * 42^2; the others in proportion
            assert area == pytest.approx(math.pi * 42.0**2 * btw[eid] / top, rel=0.02)
    # the types whose schema shape vis-network sizes by label get sizable shapes instead
    assert {t["name"]: t["shape"] for t in data["types"]}["ad"] == "lg-pill"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", g["color"]) for g in data["groups"])
    assert {t["name"] for t in data["types"]} >= {"person", "phone", "account", "ad"}


def test_without_metrics_sizes_by_degree_and_colours_by_type(graph: EntityGraph) -> None:
    data = map_payload(map_html(graph, case=make_case(with_metrics=False)))
    assert data["color_by"] == "type"
    assert data["size_by"].startswith("degree")
    assert any("No metrics" in n for n in data["notes"])


def test_unknown_measure_or_colour_is_a_config_error(graph: EntityGraph, case: Case) -> None:
    with pytest.raises(ConfigError, match="unknown measure") as err:
        map_html(graph, metrics=case.metrics, size_by="closeness")
    assert "pagerank" in (err.value.hint or "")
    with pytest.raises(ConfigError, match="cannot colour"):
        map_html(graph, metrics=case.metrics, color_by="age")


def test_size_by_another_measure_and_colour_by_country(graph: EntityGraph, case: Case) -> None:
    data = map_payload(
        map_html(graph, metrics=case.metrics, size_by="pagerank", color_by="country")
    )
    assert data["size_by"] == "metrics.pagerank"
    assert data["legend_title"] == "Countries"


def test_large_graph_has_seeded_layout_and_no_physics(tmp_path: Path) -> None:
    g = EntityGraph.from_networkx(nx.barabasi_albert_graph(400, 2, seed=1))
    config = RenderConfig(physics_max_nodes=100)
    first = map_html(g, config=config)
    data = map_payload(first)
    assert data["options"]["physics"] == {"enabled": False}
    assert len(data["nodes"]["x"]) == 400
    assert map_html(g, config=config) == first  # same graph, same seed: same file
    other = map_payload(map_html(g, config=RenderConfig(physics_max_nodes=100, seed=7)))
    assert other["nodes"]["x"] != data["nodes"]["x"]


def test_small_graph_uses_physics(graph: EntityGraph) -> None:
    assert map_payload(map_html(graph))["options"]["physics"]["enabled"] is True


def test_empty_graph_renders(tmp_path: Path) -> None:
    empty = build_graph(Case())
    text = render_map(empty, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert map_payload(text)["nodes"]["id"] == []


def test_jupyter_view_embeds_escaped_srcdoc(graph: EntityGraph, case: Case, tmp_path: Path) -> None:
    view = show_map(graph, metrics=case.metrics, case=case, height=500)
    assert isinstance(view, MapView)
    html_text = view._repr_html_()
    assert html_text.startswith("<iframe srcdoc=")
    assert "<script" not in html_text  # the whole document is an escaped attribute
    assert 'sandbox="allow-scripts"' in html_text
    assert "height:500px" in html_text
    assert view.save(tmp_path / "m.html").read_text(encoding="utf-8") == view.html


def test_title_is_escaped(graph: EntityGraph) -> None:
    text = map_html(graph, title="<b>Op</b>", view="<i>v</i>")
    assert "<b>Op</b>" not in text
    assert "&lt;b&gt;Op&lt;&#47;b&gt;" in text
    assert "<i>v</i>" not in text


def test_source_rows_of_a_link_are_sorted_as_numbers(case: Case) -> None:
    links = case.links.copy()
    calls = links["kind"] == "called"
    links.loc[calls, "row"] = [2286, 57]  # the two calls between the same phones
    changed = case.with_tables(links=links)
    data = map_payload(map_html(build_graph(changed), metrics=changed.metrics, case=changed))
    rows = [r for r in data["edges"]["r"] if len(r) == 2]
    assert rows == [["links.csv:57", "links.csv:2286"]]


def test_vendored_vis_network_is_the_copy_pyvis_ships() -> None:
    """vis-network is shipped inside linkgraph rather than read from pyvis at run time
    (pyvis would bring IPython, jinja2 and jsonpickle into every install for one file);
    the copy must stay byte-identical to the one pyvis 0.3.x ships."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        pytest.skip("pyvis is not installed (pip install -e '.[bench]')")
    from linkgraph.render import map as map_module

    ours = Path(map_module.__file__).parent / "assets" / "vis-network-9.1.2" / "vis-network.min.js"
    theirs = Path(spec.origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    if not theirs.is_file():
        pytest.skip(f"this pyvis has no vis-network 9.1.2 at {theirs}")
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (ours, theirs)]
    assert digest[0] == digest[1]
