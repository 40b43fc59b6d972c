// linkgraph map. Case data is hostile: every string from it reaches the page through
// textContent or a DOM property, never innerHTML, and vis-network gets no HTML titles.
(function () {
  "use strict";
  var T0 = performance.now();
  window.__lg = { start: T0, drawn: false };
  var D = JSON.parse(document.getElementById("lg-data").textContent);
  var N = D.nodes, E = D.edges, n = N.id.length, m = E.f.length;
  var COLOR = /^#[0-9a-f]{6}$/i;
  function safeColor(c) { return COLOR.test(c) ? c : "#999999"; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  // -- nodes and edges ------------------------------------------------------------------
  var nodeArr = new Array(n);
  for (var i = 0; i < n; i++) {
    var ty = D.types[N.t[i]], col = safeColor(D.groups[N.c[i]].color);
    var node = {
      id: i, label: N.label[i], shape: ty.shape, size: N.s[i],
      color: { background: col, border: "#33414e", highlight: { background: col, border: "#000000" } },
      borderWidth: N.victim[i] ? 2 : 1
    };
    if (N.victim[i]) { node.shapeProperties = { borderDashes: [4, 3] }; }
    if (N.x) { node.x = N.x[i]; node.y = N.y[i]; }
    nodeArr[i] = node;
  }
  var edgeArr = new Array(m);
  for (var j = 0; j < m; j++) {
    var k = D.kinds[E.k[j]];
    edgeArr[j] = {
      id: j, from: E.f[j], to: E.t[j], width: E.w[j],
      color: { color: safeColor(k.color), opacity: 0.75 },
      arrows: k.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined
    };
  }
  var nodes = new vis.DataSet(nodeArr);
  var edges = new vis.DataSet(edgeArr);

  // -- filters -----------------------------------------------------------------------------
  var typeOn = D.types.map(function () { return true; });
  var comSel = "", ctySel = "";
  var view = new vis.DataView(nodes, {
    filter: function (nd) {
      var x = nd.id;
      if (!typeOn[N.t[x]]) { return false; }
      if (comSel !== "" && String(N.com[x]) !== comSel) { return false; }
      if (ctySel !== "" && N.cty[x] !== ctySel) { return false; }
      return true;
    }
  });

  var opts = D.options;
  var container = byId("lg-network");
  var network = new vis.Network(container, { nodes: view, edges: edges }, opts);
  network.once("afterDrawing", function () {
    window.__lg.firstDraw = performance.now() - T0;
    window.__lg.drawn = true;
    document.body.setAttribute("data-drawn", "1");
  });
  if (opts.physics && opts.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }

  function refreshStats() {
    var shown = view.length;
    byId("lg-stats").textContent = shown.toLocaleString() + " of " + n.toLocaleString() +
      " entities shown · " + m.toLocaleString() + " links";
  }
  refreshStats();

  var tf = byId("lg-type-filter");
  D.types.forEach(function (ty, idx) {
    if (!ty.count) { return; }
    var lab = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { typeOn[idx] = box.checked; view.refresh(); refreshStats(); });
    lab.appendChild(box);
    lab.appendChild(document.createTextNode(" " + ty.label + " (" + ty.count + ")"));
    tf.appendChild(lab);
  });
  var cf = byId("lg-community-filter");
  D.communities.forEach(function (c) {
    var o = el("option", "community " + c[0] + " (" + c[1] + ")"); o.value = String(c[0]); cf.appendChild(o);
  });
  if (!D.communities.length) { cf.disabled = true; }
  cf.addEventListener("change", function () { comSel = cf.value; view.refresh(); refreshStats(); network.fit(); });
  var yf = byId("lg-country-filter");
  D.countries.forEach(function (c, idx) {
    if (idx === 0) { return; }  // index 0 is "no country"
    var o = el("option", c); o.value = c; yf.appendChild(o);
  });
  yf.addEventListener("change", function () { ctySel = yf.value; view.refresh(); refreshStats(); network.fit(); });
  byId("lg-reset").addEventListener("click", function () {
    typeOn = D.types.map(function () { return true; });
    tf.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    cf.value = ""; yf.value = ""; comSel = ""; ctySel = "";
    view.refresh(); refreshStats(); undim(); network.fit();
  });

  // -- legend ------------------------------------------------------------------------------
  byId("lg-legend-title").textContent = D.legend_title;
  var ll = byId("lg-legend-list");
  D.groups.forEach(function (g) {
    var li = el("li"), sw = el("span", null, "lg-swatch");
    sw.style.background = safeColor(g.color);
    li.appendChild(sw); li.appendChild(el("span", g.label)); li.appendChild(el("span", g.count, "lg-count"));
    ll.appendChild(li);
  });
  var kl = byId("lg-kind-list");
  D.kinds.forEach(function (k) {
    var li = el("li"), sw = el("span", null, "lg-line");
    sw.style.background = safeColor(k.color);
    li.appendChild(sw); li.appendChild(el("span", k.label + (k.directed ? " →" : ""))); li.appendChild(el("span", k.count, "lg-count"));
    kl.appendChild(li);
  });

  // -- tooltip -----------------------------------------------------------------------------
  var tip = byId("lg-tooltip");
  network.on("hoverNode", function (p) {
    var x = p.node;
    clear(tip);
    tip.appendChild(el("b", N.label[x]));
    tip.appendChild(el("span", D.types[N.t[x]].label + (N.victim[x] ? " · victim (pseudonym)" : "")));
    var a = D.details.a[x] || [];
    for (var q = 0; q < a.length && q < 6; q++) { tip.appendChild(el("div", a[q][0] + ": " + a[q][1])); }
    tip.appendChild(el("div", "Click for sources and evidence", "lg-small"));
    tip.style.left = (p.pointer.DOM.x + container.offsetLeft + 14) + "px";
    tip.style.top = (p.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  // vis-network sees no pointer event once the pointer has left the canvas.
  container.addEventListener("mouseleave", function () { tip.hidden = true; });

  // -- details panel -----------------------------------------------------------------------
  var body = byId("lg-details-body");
  // A measure name breaks only after its underscores (degree_ | centrality), never mid-word.
  function keyCell(text) {
    var td = el("td", null, "lg-key"), parts = String(text).split("_");
    parts.forEach(function (part, q) {
      td.appendChild(document.createTextNode(part + (q < parts.length - 1 ? "_" : "")));
      if (q < parts.length - 1) { td.appendChild(el("wbr")); }
    });
    return td;
  }
  function table(rows, head, keyed) {
    var t = el("table");
    if (head) {
      var tr = el("tr");
      head.forEach(function (h) { tr.appendChild(el("th", h)); });
      t.appendChild(tr);
    }
    rows.forEach(function (r) {
      var tr2 = el("tr");
      r.forEach(function (c, q) {
        tr2.appendChild(keyed && q === 0 ? keyCell(c) : el("td", c === null ? "" : c));
      });
      t.appendChild(tr2);
    });
    return t;
  }
  function entityButton(x) {
    var b = el("button", N.label[x], "lg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(x); });
    return b;
  }
  function showNode(x) {
    clear(body);
    body.appendChild(el("h3", N.label[x]));
    body.appendChild(el("div", D.types[N.t[x]].label + " · " + N.id[x], "lg-small"));
    body.appendChild(table(D.details.a[x] || [], null, true));
    var p = D.details.p[x];
    if (p && p.length) {
      body.appendChild(el("h4", "Mentions merged into it (" + D.details.pn[x] + ")"));
      body.appendChild(table(p, ["source", "agency", "row"]));
      if (D.details.pn[x] > p.length) { body.appendChild(el("div", "first " + p.length + " shown; all are in the mentions and resolution tables", "lg-small")); }
    }
    var ev = D.details.ev[x];
    if (ev && ev.length) {
      body.appendChild(el("h4", "Evidence of the merge (top " + ev.length + ")"));
      body.appendChild(table(ev, ["mentions", "prob.", "rule", "fields"]));
      body.appendChild(el("div", "from the evidence table", "lg-small"));
    }
    var nb = network.getConnectedNodes(x);
    body.appendChild(el("h4", "Linked to (" + nb.length + ")"));
    var ul = el("ul");
    nb.slice(0, 40).forEach(function (y) { var li = el("li"); li.appendChild(entityButton(y)); ul.appendChild(li); });
    body.appendChild(ul);
    if (nb.length > 40) { body.appendChild(el("div", (nb.length - 40) + " more", "lg-small")); }
    revealDetails();
  }
  // The details sit below the legend: scroll the sidebar so their heading shows.
  var side = byId("lg-side"), details = byId("lg-details");
  function revealDetails() {
    var s = side.getBoundingClientRect(), d = details.getBoundingClientRect();
    if (d.top < s.top || d.top > s.bottom - 120) { side.scrollTop += d.top - s.top; }
  }
  function showEdge(j) {
    clear(body);
    var k = D.kinds[E.k[j]];
    body.appendChild(el("h3", k.label));
    var h = el("div");
    h.appendChild(entityButton(E.f[j])); h.appendChild(document.createTextNode(k.directed ? " → " : " — ")); h.appendChild(entityButton(E.t[j]));
    body.appendChild(h);
    var rows = [["links behind it", E.n[j]], ["weight", E.wt[j]]];
    if (E.am[j] !== null) { rows.push(["amount", E.am[j]]); }
    if (E.t0[j] !== null) { rows.push(["first", E.t0[j]]); rows.push(["last", E.t1[j]]); }
    body.appendChild(table(rows, null, true));
    var r = E.r[j];
    if (r && r.length) {
      body.appendChild(el("h4", "Source rows (" + E.rn[j] + ")"));
      body.appendChild(table(r.map(function (s) { return [s]; }), ["source:row"]));
    }
    revealDetails();
  }

  // -- neighbourhood highlight -------------------------------------------------------------
  var dimmed = false;
  var DIM_EDGE = { color: "#dfe3e8", opacity: 0.5 };
  function dim(x) {
    var keep = {}; keep[x] = true;
    network.getConnectedNodes(x).forEach(function (y) { keep[y] = true; });
    var upd = new Array(n);
    for (var q = 0; q < n; q++) {
      upd[q] = keep[q] ? { id: q, color: nodeArr[q].color, font: { color: "#1d232a" } }
                       : { id: q, color: { background: "#e4e7eb", border: "#cfd4da" }, font: { color: "#c3c9d0" } };
    }
    nodes.update(upd);
    var eupd = new Array(m);
    for (var r = 0; r < m; r++) {
      eupd[r] = { id: r, color: (E.f[r] === x || E.t[r] === x) ? edgeArr[r].color : DIM_EDGE };
    }
    edges.update(eupd);
    dimmed = true;
  }
  function undim() {
    if (!dimmed) { return; }
    var upd = new Array(n);
    for (var q = 0; q < n; q++) { upd[q] = { id: q, color: nodeArr[q].color, font: { color: "#1d232a" } }; }
    nodes.update(upd);
    var eupd = new Array(m);
    for (var r = 0; r < m; r++) { eupd[r] = { id: r, color: edgeArr[r].color }; }
    edges.update(eupd);
    dimmed = false;
  }
  function focusNode(x) {
    network.selectNodes([x]);
    network.focus(x, { scale: Math.max(network.getScale(), 0.8), animation: false });
    dim(x); showNode(x);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { dim(p.nodes[0]); showNode(p.nodes[0]); }
    else if (p.edges.length) { undim(); showEdge(p.edges[0]); }
    else { undim(); }
  });

  // -- search ------------------------------------------------------------------------------
  var lower = null;
  byId("lg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = byId("lg-search").value.trim().toLowerCase();
    var out = byId("lg-search-result");
    if (!q) { out.textContent = ""; network.unselectAll(); undim(); return; }
    if (lower === null) {
      lower = new Array(n);
      for (var a = 0; a < n; a++) { lower[a] = (N.label[a] + "\u0001" + N.id[a]).toLowerCase(); }
    }
    var hits = [];
    for (var b = 0; b < n; b++) { if (lower[b].indexOf(q) >= 0 && view.get(b)) { hits.push(b); } }
    out.textContent = hits.length + " found";
    if (hits.length) { network.selectNodes(hits.slice(0, 500)); focusNode(hits[0]); network.selectNodes(hits.slice(0, 500)); }
  });

  window.__lg.network = network;
  window.__lg.edges = edges;
  window.__lg.ready = performance.now() - T0;
}());
