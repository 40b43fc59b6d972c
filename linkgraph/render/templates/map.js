// linkgraph map. Case data is hostile: every string from it reaches the page through
// textContent or a DOM property, never innerHTML, and vis-network gets no HTML titles.
(function () {
  "use strict";
  var T0 = performance.now();
  window.__lg = { start: T0, drawn: false };
  var D = JSON.parse(document.getElementById("lg-data").textContent);
  var N = D.nodes, E = D.edges, TI = D.ties, n = N.id.length, m = E.f.length;
  var mt = TI ? TI.f.length : 0;
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
  function words(col) { var g = D.glossary[col]; return g ? g[0] : String(col).replace(/_/g, " "); }
  function meaning(col) { var g = D.glossary[col]; return g ? g[1] : ""; }
  function fmt(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "number") { return Math.abs(v) >= 1e4 || v === Math.round(v) ? v.toLocaleString() : String(+v.toPrecision(3)); }
    return String(v);
  }
  function dayText(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }

  // -- shapes: one geometry for the map, the legend and the SVG export --------------------
  // Custom shapes (lg-doc, lg-pill, lg-cyl) replace vis-network's box, ellipse and database,
  // which vis sizes by their label: these follow `size` like every other shape.
  function arc(pts, cx, cy, rx, ry, a0, a1) {
    for (var q = 0; q <= 10; q++) { var a = a0 + (a1 - a0) * q / 10; pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]); }
  }
  function shapePoints(shape, x, y, s) {
    var pts = [], q, r, h, o;
    switch (shape) {
      case "square": return [[x - s, y - s], [x + s, y - s], [x + s, y + s], [x - s, y + s]];
      case "diamond": return [[x, y - s], [x + s, y], [x, y + s], [x - s, y]];
      case "hexagon": for (q = 0; q < 6; q++) { pts.push([x + s * Math.cos(q * Math.PI / 3), y + s * Math.sin(q * Math.PI / 3)]); } return pts;
      case "star":
        r = s * 0.82; o = y + 0.1 * r;
        for (q = 0; q < 10; q++) { h = q % 2 === 0 ? 1.3 * r : 0.5 * r; pts.push([x + h * Math.sin(2 * q * Math.PI / 10), o - h * Math.cos(2 * q * Math.PI / 10)]); }
        return pts;
      case "triangle": case "triangleDown":
        r = s * 1.15; var side = 2 * r, ir = Math.sqrt(3) / 6 * side, ht = Math.sqrt(side * side - r * r), sg = shape === "triangle" ? 1 : -1;
        o = y + sg * 0.275 * r;
        return [[x, o - sg * (ht - ir)], [x + r, o + sg * ir], [x - r, o + sg * ir]];
      case "lg-doc": return [[x - 1.1 * s, y - 0.75 * s], [x + 0.8 * s, y - 0.75 * s], [x + 1.1 * s, y - 0.45 * s], [x + 1.1 * s, y + 0.75 * s], [x - 1.1 * s, y + 0.75 * s]];
      case "lg-pill": arc(pts, x + 0.6 * s, y, 0.7 * s, 0.7 * s, -Math.PI / 2, Math.PI / 2); arc(pts, x - 0.6 * s, y, 0.7 * s, 0.7 * s, Math.PI / 2, 1.5 * Math.PI); return pts;
      case "lg-cyl": arc(pts, x, y - 0.8 * s, 0.9 * s, 0.3 * s, Math.PI, 2 * Math.PI); arc(pts, x, y + 0.8 * s, 0.9 * s, 0.3 * s, 0, Math.PI); return pts;
      default: return null;  // dot
    }
  }
  var HALF = { "lg-doc": [1.1, 0.75], "lg-pill": [1.3, 0.7], "lg-cyl": [0.9, 1.1] };
  function tracePath(ctx, shape, x, y, s) {
    var pts = shapePoints(shape, x, y, s);
    ctx.beginPath();
    if (!pts) { ctx.arc(x, y, s, 0, 2 * Math.PI); return; }
    ctx.moveTo(pts[0][0], pts[0][1]);
    for (var q = 1; q < pts.length; q++) { ctx.lineTo(pts[q][0], pts[q][1]); }
    ctx.closePath();
  }

  // -- nodes and edges ------------------------------------------------------------------
  var keyRank = {};
  D.key.forEach(function (x, r) { keyRank[x] = r; });
  var nodeArr = new Array(n);
  function customRenderer(shape, label) {
    return function (o) {
      var s = o.style.size, ctx = o.ctx;
      return {
        drawNode: function () {
          tracePath(ctx, shape, o.x, o.y, s);
          ctx.fillStyle = o.style.color; ctx.fill();
          ctx.lineWidth = o.style.borderWidth; ctx.strokeStyle = o.style.borderColor;
          if (o.style.borderDashes) { ctx.setLineDash(o.style.borderDashes); }
          ctx.stroke();
        },
        drawExternalLabel: function () {
          if (!label || network.getScale() * 14 < 7) { return; }
          ctx.font = "14px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top";
          ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(label, o.x, o.y + s * HALF[shape][1] + 3);
          ctx.fillStyle = "#1d232a"; ctx.fillText(label, o.x, o.y + s * HALF[shape][1] + 3);
        },
        nodeDimensions: { width: 2 * s * HALF[shape][0], height: 2 * s * HALF[shape][1] }
      };
    };
  }
  for (var i = 0; i < n; i++) {
    var ty = D.types[N.t[i]], col = safeColor(D.groups[N.c[i]].color);
    // key actors get their label drawn by us at every zoom (see drawKeyLabels)
    var lab = keyRank[i] === undefined ? N.label[i] : undefined;
    var node = {
      id: i, label: lab, shape: ty.shape, size: N.s[i],
      color: { background: col, border: "#33414e", highlight: { background: col, border: "#000000" } },
      borderWidth: N.victim[i] ? 2 : 1
    };
    if (ty.shape.indexOf("lg-") === 0) { node.shape = "custom"; node.ctxRenderer = customRenderer(ty.shape, lab); }
    if (N.victim[i]) { node.shapeProperties = { borderDashes: [4, 3] }; }
    if (N.x) { node.x = N.x[i]; node.y = N.y[i]; }
    nodeArr[i] = node;
  }
  var edgeArr = new Array(m + mt);
  for (var j = 0; j < m; j++) {
    var k = D.kinds[E.k[j]];
    edgeArr[j] = {
      id: j, from: E.f[j], to: E.t[j], width: E.w[j],
      color: { color: safeColor(k.color), opacity: 0.75 },
      arrows: k.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined
    };
  }
  for (var jt = 0; jt < mt; jt++) {
    var kt = D.kinds[TI.k[jt]];
    edgeArr[m + jt] = {
      id: m + jt, from: TI.f[jt], to: TI.t[jt], width: 1 + Math.min(TI.via[jt].length, 5),
      color: { color: safeColor(kt.color), opacity: 0.85 }, dashes: [6, 4]
    };
  }
  var nodes = new vis.DataSet(nodeArr);
  var edges = new vis.DataSet(edgeArr);
  var PERSON = D.types.findIndex(function (t) { return t.name === "person"; });

  // -- filters: type, community, country, time window, person view ------------------------
  var st = { typeOn: D.types.map(function () { return true; }), com: "", cty: "", t0: null, t1: null, persons: false };
  var active = null;  // with a time window: entities touching a link in it
  function edgeIn(d0, d1) {
    if (st.t0 === null) { return true; }
    if (d0 === null && d1 === null) { return false; }
    var a = d0 === null ? d1 : d0, b = d1 === null ? d0 : d1;
    return b >= st.t0 && a <= st.t1;
  }
  function edgeOn(id) {
    if (id < m) {
      if (st.persons && (N.t[E.f[id]] !== PERSON || N.t[E.t[id]] !== PERSON)) { return false; }
      return edgeIn(E.d0[id], E.d1[id]);
    }
    return st.persons && edgeIn(TI.d0[id - m], TI.d1[id - m]);
  }
  function nodeOn(x) {
    if (!st.typeOn[N.t[x]]) { return false; }
    if (st.persons && N.t[x] !== PERSON) { return false; }
    if (st.com !== "" && String(N.com[x]) !== st.com) { return false; }
    if (st.cty !== "" && N.cty[x] !== st.cty) { return false; }
    if (active !== null && !active[x]) { return false; }
    return true;
  }
  function computeActive() {
    if (st.t0 === null) { active = null; return; }
    active = new Uint8Array(n);
    for (var q = 0; q < m + mt; q++) {
      if (edgeOn(q)) { var f = q < m ? E.f[q] : TI.f[q - m], t = q < m ? E.t[q] : TI.t[q - m]; active[f] = 1; active[t] = 1; }
    }
  }
  var view = new vis.DataView(nodes, { filter: function (nd) { return nodeOn(nd.id); } });
  var eview = new vis.DataView(edges, { filter: function (ed) { return edgeOn(ed.id); } });

  var opts = D.options;
  var container = byId("lg-network");
  var network = new vis.Network(container, { nodes: view, edges: eview }, opts);
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

  // Key actors: labelled at a fixed screen size whatever the zoom, ranked in the sidebar.
  function drawKeyLabels(ctx) {
    var scale = network.getScale(), fs = 13 / scale;
    ctx.save();
    ctx.font = "bold " + fs + "px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineJoin = "round"; ctx.lineWidth = 4 / scale; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#101820";
    D.key.forEach(function (x) {
      var body = network.body.nodes[x];
      if (!body || !nodeOn(x)) { return; }
      var yy = body.y + N.s[x] * 1.15 + 3 / scale;
      ctx.strokeText(N.label[x], body.x, yy); ctx.fillText(N.label[x], body.x, yy);
    });
    ctx.restore();
  }
  network.on("afterDrawing", drawKeyLabels);

  function linkCount() {
    var c = 0, ids = eview.getIds();
    for (var q = 0; q < ids.length; q++) {
      var id = ids[q], f = id < m ? E.f[id] : TI.f[id - m], t = id < m ? E.t[id] : TI.t[id - m];
      if (nodeOn(f) && nodeOn(t)) { c++; }
    }
    return c;
  }
  function refresh() {
    computeActive();
    view.refresh(); eview.refresh();
    var shown = view.length, links = linkCount();
    byId("lg-stats").textContent = shown.toLocaleString() + " of " + n.toLocaleString() + " entities · " +
      links.toLocaleString() + " of " + (st.persons ? mt + m : m).toLocaleString() + " links shown";
    window.__lg.shown = { entities: shown, links: links };
  }
  refresh();

  var tf = byId("lg-type-filter");
  D.types.forEach(function (ty, idx) {
    if (!ty.count) { return; }
    var lab = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { st.typeOn[idx] = box.checked; refresh(); });
    lab.appendChild(box);
    lab.appendChild(shapeIcon(ty.shape, "#8d99a6"));
    lab.appendChild(document.createTextNode(" " + ty.label + " (" + ty.count + ")"));
    tf.appendChild(lab);
  });
  var cf = byId("lg-community-filter");
  D.communities.forEach(function (c) {
    var o = el("option", "community " + c[0] + " (" + c[1] + ")"); o.value = String(c[0]); cf.appendChild(o);
  });
  if (!D.communities.length) { cf.disabled = true; }
  cf.addEventListener("change", function () { st.com = cf.value; refresh(); network.fit(); });
  var yf = byId("lg-country-filter");
  D.countries.forEach(function (c, idx) {
    if (idx === 0) { return; }  // index 0 is "no country"
    var o = el("option", c); o.value = c; yf.appendChild(o);
  });
  yf.addEventListener("change", function () { st.cty = yf.value; refresh(); network.fit(); });
  var pv = byId("lg-person-view");
  if (!mt) { pv.disabled = true; pv.parentNode.title = "No two people share a phone, account, address, ad or event here."; }
  pv.addEventListener("change", function () { st.persons = pv.checked; refresh(); network.fit(); });

  // -- time slider ---------------------------------------------------------------------------
  var dmin = Infinity, dmax = -Infinity;
  function span(a, b) {
    for (var q = 0; q < a.length; q++) {
      if (a[q] !== null) { dmin = Math.min(dmin, a[q]); dmax = Math.max(dmax, a[q]); }
      if (b[q] !== null) { dmin = Math.min(dmin, b[q]); dmax = Math.max(dmax, b[q]); }
    }
  }
  span(E.d0, E.d1);
  var s0 = byId("lg-time-from"), s1 = byId("lg-time-to"), tl = byId("lg-time-label"), play = byId("lg-play");
  var timer = null;
  function timeLabel() {
    tl.textContent = st.t0 === null ? "all times (" + dayText(dmin) + " to " + dayText(dmax) + ")" : dayText(st.t0) + " to " + dayText(st.t1);
  }
  function setWindow(a, b) {
    s0.value = a; s1.value = b;
    st.t0 = (a <= dmin && b >= dmax) ? null : a; st.t1 = (a <= dmin && b >= dmax) ? null : b;
    timeLabel(); refresh();
  }
  function stopPlay() { if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ Play"; } }
  if (dmin === Infinity) {
    byId("lg-time").hidden = true;
  } else {
    [s0, s1].forEach(function (s) { s.min = dmin; s.max = dmax; s.step = 1; });
    s0.value = dmin; s1.value = dmax; timeLabel();
    s0.addEventListener("input", function () { stopPlay(); setWindow(Math.min(+s0.value, +s1.value), Math.max(+s0.value, +s1.value)); });
    s1.addEventListener("input", function () { stopPlay(); setWindow(Math.min(+s0.value, +s1.value), Math.max(+s0.value, +s1.value)); });
    play.addEventListener("click", function () {
      if (timer) { stopPlay(); return; }
      var width = Math.max(1, Math.round((dmax - dmin) / 6));
      if (+s1.value - +s0.value < dmax - dmin) { width = +s1.value - +s0.value; }
      var step = Math.max(1, Math.round((dmax - dmin) / 40)), a = dmin;
      play.textContent = "❚❚ Pause";
      setWindow(a, a + width);
      timer = setInterval(function () {
        a += step;
        if (a + width > dmax) { setWindow(dmax - width, dmax); stopPlay(); return; }
        setWindow(a, a + width);
      }, 500);
    });
  }

  // -- legend ------------------------------------------------------------------------------
  var SVGNS = "http:\/\/www.w3.org/2000/svg";
  function shapeIcon(shape, fill) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("class", "lg-icon");
    var pts = shapePoints(shape, 8, 8, shape.indexOf("lg-") === 0 ? 5.6 : 6.2), p;
    if (pts) { p = document.createElementNS(SVGNS, "polygon"); p.setAttribute("points", pts.map(function (q) { return q[0].toFixed(1) + "," + q[1].toFixed(1); }).join(" ")); }
    else { p = document.createElementNS(SVGNS, "circle"); p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "6.5"); }
    p.setAttribute("fill", fill); p.setAttribute("stroke", "#33414e");
    svg.appendChild(p);
    return svg;
  }
  byId("lg-legend-title").textContent = D.legend_title;
  var ll = byId("lg-legend-list");
  D.groups.forEach(function (g) {
    var li = el("li"), sw = el("span", null, "lg-swatch");
    sw.style.background = safeColor(g.color);
    li.appendChild(sw); li.appendChild(el("span", g.label)); li.appendChild(el("span", g.count, "lg-count"));
    ll.appendChild(li);
  });
  var tl2 = byId("lg-shape-list");
  D.types.forEach(function (ty) {
    if (!ty.count) { return; }
    var li = el("li"); li.appendChild(shapeIcon(ty.shape, "#ffffff")); li.appendChild(el("span", ty.label)); li.appendChild(el("span", ty.count, "lg-count"));
    tl2.appendChild(li);
  });
  var sl = byId("lg-size-list");
  byId("lg-size-title").textContent = "Area = " + D.size_words[0];
  byId("lg-size-title").title = D.size_words[1];
  D.sizes.forEach(function (sz) {
    var li = el("li"), svg = document.createElementNS(SVGNS, "svg"), c = document.createElementNS(SVGNS, "circle");
    var r = sz[1] / 2;  // drawn at half the map's scale 1
    svg.setAttribute("width", String(2 * r + 2)); svg.setAttribute("height", String(2 * r + 2));
    c.setAttribute("cx", String(r + 1)); c.setAttribute("cy", String(r + 1)); c.setAttribute("r", String(r));
    c.setAttribute("fill", "#e9edf1"); c.setAttribute("stroke", "#33414e");
    svg.appendChild(c); li.appendChild(svg); li.appendChild(el("span", fmt(sz[0])));
    sl.appendChild(li);
  });
  if (!D.sizes.length) { sl.appendChild(el("li", "all equal", "lg-small")); }
  var kl = byId("lg-kind-list");
  D.kinds.forEach(function (k) {
    var li = el("li"), sw = el("span", null, k.tie ? "lg-line lg-dash" : "lg-line");
    sw.style.background = safeColor(k.color);
    if (k.tie) { sw.style.background = "repeating-linear-gradient(90deg," + safeColor(k.color) + " 0 5px,transparent 5px 8px)"; }
    li.appendChild(sw); li.appendChild(el("span", k.label + (k.directed ? " →" : "") + (k.tie ? " (person view)" : "")));
    li.appendChild(el("span", k.tie ? "" : k.count, "lg-count"));
    kl.appendChild(li);
  });

  // -- key actors ----------------------------------------------------------------------------
  var ka = byId("lg-key-list");
  byId("lg-key-by").textContent = D.size_words[0];
  byId("lg-key-by").title = D.size_words[1];
  D.key.forEach(function (x) {
    var li = el("li"), b = entityButton(x);
    li.appendChild(b);
    li.appendChild(el("span", D.types[N.t[x]].label + " · " + fmt(N.v[x]), "lg-small"));
    ka.appendChild(li);
  });

  // -- tooltip -----------------------------------------------------------------------------
  var tip = byId("lg-tooltip");
  function measureRows(x, limit) {
    var rows = [], cols = Object.keys(D.measures);
    // the sizing measure first, then the others in table order
    cols.sort(function (a, b) { return (b === D.size_col) - (a === D.size_col); });
    for (var q = 0; q < cols.length && rows.length < limit; q++) {
      var v = D.measures[cols[q]][x];
      if (v !== null && v !== undefined) { rows.push([cols[q], v]); }
    }
    return rows;
  }
  network.on("hoverNode", function (p) {
    var x = p.node;
    clear(tip);
    tip.appendChild(el("b", N.label[x]));
    tip.appendChild(el("span", D.types[N.t[x]].label + (N.victim[x] ? " · victim (pseudonym)" : "") + (N.cty[x] ? " · " + N.cty[x] : "")));
    measureRows(x, 4).forEach(function (r) {
      var d = el("div"); d.appendChild(el("span", words(r[0]) + ": ")); d.appendChild(el("span", fmt(r[1]), "lg-val"));
      tip.appendChild(d);
      if (meaning(r[0])) { tip.appendChild(el("div", meaning(r[0]), "lg-small")); }
    });
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
  function table(rows, head) {
    var t = el("table");
    if (head) {
      var tr = el("tr");
      head.forEach(function (h) { tr.appendChild(el("th", h)); });
      t.appendChild(tr);
    }
    rows.forEach(function (r) {
      var tr2 = el("tr");
      r.forEach(function (c) { tr2.appendChild(el("td", c === null ? "" : c)); });
      t.appendChild(tr2);
    });
    return t;
  }
  // Measures in words: the name, its value, and its one-line meaning underneath.
  function measureTable(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr"), td = el("td", null, "lg-key");
      td.appendChild(el("span", words(r[0])));
      if (meaning(r[0])) { td.appendChild(el("div", meaning(r[0]), "lg-mean")); }
      td.title = r[0];
      tr.appendChild(td); tr.appendChild(el("td", fmt(r[1]), "lg-num"));
      t.appendChild(tr);
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
    body.appendChild(el("div", D.types[N.t[x]].label + " · " + N.id[x] + (keyRank[x] !== undefined ? " · key actor #" + (keyRank[x] + 1) : ""), "lg-small"));
    var facts = [];
    if (N.role[x]) { facts.push(["role", N.role[x]]); }
    if (N.cty[x]) { facts.push(["country", N.cty[x]]); }
    facts.push(["sources", N.src[x] + " (" + (N.ag[x] || "no agency") + ")"]);
    facts.push(["mentions", N.mn[x]]);
    if (N.com[x] !== null) { facts.push(["community", N.com[x]]); }
    body.appendChild(table(facts));
    body.appendChild(el("h4", "Measures"));
    body.appendChild(measureTable(measureRows(x, 100)));
    var sp = D.details.sp[x];
    if (sp && sp.length) {
      body.appendChild(el("h4", "Spellings merged into it (" + sp.length + ")"));
      body.appendChild(table(sp, ["as written", "mentions", "source rows"]));
    } else if (N.victim[x] && D.details.pn[x]) {
      body.appendChild(el("div", "Spellings of a victim's name are not shown (pseudonym).", "lg-small"));
    }
    var ev = D.details.ev[x];
    if (ev && ev.length) {
      body.appendChild(el("h4", "Why they were merged (top " + ev.length + ")"));
      body.appendChild(table(ev, ["merged", "prob.", "rule", "fields agreeing"]));
      body.appendChild(el("div", "from the evidence table", "lg-small"));
    }
    var p = D.details.p[x];
    if (p && p.length) {
      body.appendChild(el("h4", "Source rows (" + D.details.pn[x] + ")"));
      body.appendChild(table(p, ["source", "agency", "row"]));
      if (D.details.pn[x] > p.length) { body.appendChild(el("div", "first " + p.length + " shown; all are in the mentions and resolution tables", "lg-small")); }
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
    var tie = j >= m, q = tie ? j - m : j, k = D.kinds[tie ? TI.k[q] : E.k[q]];
    var f = tie ? TI.f[q] : E.f[q], t = tie ? TI.t[q] : E.t[q];
    body.appendChild(el("h3", tie ? k.label.replace("shares", "Share") : k.label));
    var h = el("div");
    h.appendChild(entityButton(f)); h.appendChild(document.createTextNode(k.directed ? " → " : " — ")); h.appendChild(entityButton(t));
    body.appendChild(h);
    if (tie) {
      body.appendChild(el("h4", "Shared (" + TI.via[q].length + ")"));
      var ul = el("ul");
      TI.via[q].forEach(function (y) { var li = el("li"); li.appendChild(entityButton(y)); li.appendChild(el("span", " " + D.types[N.t[y]].label, "lg-small")); ul.appendChild(li); });
      body.appendChild(ul);
      var rows = [["links behind it", TI.n[q]]];
      if (TI.d0[q] !== null) { rows.push(["first", dayText(TI.d0[q])]); rows.push(["last", dayText(TI.d1[q])]); }
      body.appendChild(table(rows));
    } else {
      var rows2 = [["links behind it", E.n[q]], ["weight", E.wt[q]]];
      if (E.am[q] !== null) { rows2.push(["amount", E.am[q]]); }
      if (E.t0[q] !== null) { rows2.push(["first", E.t0[q]]); rows2.push(["last", E.t1[q]]); }
      body.appendChild(table(rows2));
    }
    var r = tie ? TI.r[q] : E.r[q], rn = tie ? TI.rn[q] : E.rn[q];
    if (r && r.length) {
      body.appendChild(el("h4", "Source rows (" + rn + ")"));
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
    var eupd = new Array(m + mt);
    for (var r = 0; r < m + mt; r++) {
      var f = r < m ? E.f[r] : TI.f[r - m], t = r < m ? E.t[r] : TI.t[r - m];
      eupd[r] = { id: r, color: (f === x || t === x) ? edgeArr[r].color : DIM_EDGE };
    }
    edges.update(eupd);
    dimmed = true;
  }
  function undim() {
    if (!dimmed) { return; }
    var upd = new Array(n);
    for (var q = 0; q < n; q++) { upd[q] = { id: q, color: nodeArr[q].color, font: { color: "#1d232a" } }; }
    nodes.update(upd);
    var eupd = new Array(m + mt);
    for (var r = 0; r < m + mt; r++) { eupd[r] = { id: r, color: edgeArr[r].color }; }
    edges.update(eupd);
    dimmed = false;
  }
  function focusNode(x) {
    if (!nodeOn(x)) { resetAll(false); }
    network.selectNodes([x]);
    network.focus(x, { scale: Math.max(network.getScale(), 0.8), animation: false });
    dim(x); showNode(x);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { dim(p.nodes[0]); showNode(p.nodes[0]); }
    else if (p.edges.length) { undim(); showEdge(p.edges[0]); }
    else { undim(); }
  });

  // -- search: every hit listed, to choose from ------------------------------------------------
  var lower = null, sr = byId("lg-search-result"), sl2 = byId("lg-search-hits");
  function clearSearch() { byId("lg-search").value = ""; sr.textContent = ""; clear(sl2); }
  byId("lg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = byId("lg-search").value.trim().toLowerCase();
    clear(sl2);
    if (!q) { sr.textContent = ""; network.unselectAll(); undim(); return; }
    if (lower === null) {
      lower = new Array(n);
      for (var a = 0; a < n; a++) { lower[a] = (N.label[a] + "\u0001" + N.id[a]).toLowerCase(); }
    }
    var hits = [];
    for (var b = 0; b < n; b++) { if (lower[b].indexOf(q) >= 0) { hits.push(b); } }
    var hiddenHits = hits.filter(function (x) { return !nodeOn(x); }).length;
    sr.textContent = hits.length + " found" + (hiddenHits ? " (" + hiddenHits + " hidden by the filters)" : "");
    hits.slice(0, 200).forEach(function (x) {
      var li = el("li"), btn = entityButton(x);
      li.appendChild(btn);
      li.appendChild(el("span", [D.types[N.t[x]].label, N.cty[x] || "no country", N.com[x] === null ? "" : "community " + N.com[x]].filter(Boolean).join(" · "), "lg-small"));
      sl2.appendChild(li);
    });
    if (hits.length > 200) { sl2.appendChild(el("li", (hits.length - 200) + " more: refine the search", "lg-small")); }
    if (hits.length) { network.selectNodes(hits.filter(nodeOn).slice(0, 500)); }
  });

  function resetAll(fit) {
    stopPlay();
    st.typeOn = D.types.map(function () { return true; });
    tf.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    cf.value = ""; yf.value = ""; st.com = ""; st.cty = ""; pv.checked = false; st.persons = false;
    if (dmin !== Infinity) { s0.value = dmin; s1.value = dmax; }
    st.t0 = null; st.t1 = null;
    if (dmin !== Infinity) { timeLabel(); }
    refresh();
    if (fit !== false) { clearSearch(); network.unselectAll(); undim(); network.fit(); clear(body); body.appendChild(el("p", "Click an entity or a link to see its attributes, where it came from and the evidence behind it.", "lg-hint")); }
  }
  byId("lg-reset").addEventListener("click", function () { resetAll(true); });

  // -- save the current view as PNG or SVG ---------------------------------------------------
  function download(blob, name) {
    var a = el("a"); a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function pngBlob(cb) {
    var src = container.querySelector("canvas"), c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d"); ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, c.width, c.height); ctx.drawImage(src, 0, 0);
    c.toBlob(cb, "image/png");
  }
  // The SVG is built as DOM and serialised, so labels are escaped by the serializer.
  function svgText() {
    var w = container.clientWidth, h = container.clientHeight, svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("xmlns", SVGNS); svg.setAttribute("width", String(w)); svg.setAttribute("height", String(h));
    svg.setAttribute("viewBox", "0 0 " + w + " " + h); svg.setAttribute("font-family", "sans-serif");
    var bg = document.createElementNS(SVGNS, "rect"); bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%"); bg.setAttribute("fill", "#ffffff"); svg.appendChild(bg);
    var scale = network.getScale(), pos = network.getPositions(view.getIds());
    function dom(x) { var p = pos[x]; return p ? network.canvasToDOM(p) : null; }
    eview.getIds().forEach(function (id) {
      var f = id < m ? E.f[id] : TI.f[id - m], t = id < m ? E.t[id] : TI.t[id - m], a = dom(f), b = dom(t);
      if (!a || !b) { return; }
      if ((a.x < 0 && b.x < 0) || (a.y < 0 && b.y < 0) || (a.x > w && b.x > w) || (a.y > h && b.y > h)) { return; }
      var ln = document.createElementNS(SVGNS, "line"), ed = edges.get(id);
      ln.setAttribute("x1", a.x.toFixed(1)); ln.setAttribute("y1", a.y.toFixed(1)); ln.setAttribute("x2", b.x.toFixed(1)); ln.setAttribute("y2", b.y.toFixed(1));
      ln.setAttribute("stroke", safeColor(ed.color.color)); ln.setAttribute("stroke-opacity", "0.75"); ln.setAttribute("stroke-width", String(Math.max(0.5, edgeArr[id].width * scale)));
      svg.appendChild(ln);
    });
    var labels = [];
    view.getIds().forEach(function (x) {
      var p = dom(x); if (!p) { return; }
      var s = N.s[x] * scale, nd = nodes.get(x);
      if (p.x < -s || p.y < -s || p.x > w + s || p.y > h + s) { return; }
      var pts = shapePoints(D.types[N.t[x]].shape, p.x, p.y, s), e;
      if (pts) { e = document.createElementNS(SVGNS, "polygon"); e.setAttribute("points", pts.map(function (q) { return q[0].toFixed(1) + "," + q[1].toFixed(1); }).join(" ")); }
      else { e = document.createElementNS(SVGNS, "circle"); e.setAttribute("cx", p.x.toFixed(1)); e.setAttribute("cy", p.y.toFixed(1)); e.setAttribute("r", s.toFixed(2)); }
      e.setAttribute("fill", safeColor(nd.color.background)); e.setAttribute("stroke", safeColor(nd.color.border || "#33414e"));
      if (N.victim[x]) { e.setAttribute("stroke-dasharray", "4 3"); }
      svg.appendChild(e);
      if (keyRank[x] !== undefined || scale * 14 >= 7) { labels.push([x, p, s]); }
    });
    labels.forEach(function (l) {
      var t = document.createElementNS(SVGNS, "text"), key = keyRank[l[0]] !== undefined;
      t.setAttribute("x", l[1].x.toFixed(1)); t.setAttribute("y", (l[1].y + l[2] * 1.15 + 14).toFixed(1));
      t.setAttribute("text-anchor", "middle"); t.setAttribute("font-size", key ? "13" : String(Math.round(14 * scale)));
      if (key) { t.setAttribute("font-weight", "bold"); }
      t.setAttribute("stroke", "#ffffff"); t.setAttribute("stroke-width", "3"); t.setAttribute("paint-order", "stroke");
      t.textContent = N.label[l[0]];
      svg.appendChild(t);
    });
    return new XMLSerializer().serializeToString(svg);
  }
  byId("lg-save-png").addEventListener("click", function () { pngBlob(function (b) { download(b, "linkgraph-map.png"); }); });
  byId("lg-save-svg").addEventListener("click", function () { download(new Blob([svgText()], { type: "image/svg+xml" }), "linkgraph-map.svg"); });

  window.__lg.network = network;
  window.__lg.nodes = nodes;
  window.__lg.edges = edges;
  window.__lg.state = st;
  window.__lg.svgText = svgText;
  window.__lg.nodeOn = nodeOn;
  window.__lg.ready = performance.now() - T0;
}());
