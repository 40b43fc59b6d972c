(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("lg-routes-data").textContent);
  var NS = "http:" + "\/\/www.w3.org\/2000\/svg";
  var svg = document.getElementById("lg-geo");
  var panel = document.getElementById("lg-flow");
  var levelSel = document.getElementById("lg-level");
  var from = document.getElementById("lg-from");
  var to = document.getElementById("lg-to");
  var span = document.getElementById("lg-span");
  var count = document.getElementById("lg-count");
  var W = 1000, H = 560, MAX_ARCS = 300, MAX_LABELS = 40;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function text(tag, value) {
    var e = document.createElement(tag);
    e.textContent = value;
    return e;
  }
  function day(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }

  // the view box: the places of the case, with a margin, in an equirectangular projection
  var lons = D.places.map(function (p) { return p.lon; });
  var lats = D.places.map(function (p) { return p.lat; });
  var x0 = Math.min.apply(null, lons.concat([180])), x1 = Math.max.apply(null, lons.concat([-180]));
  var y0 = Math.min.apply(null, lats.concat([90])), y1 = Math.max.apply(null, lats.concat([-90]));
  if (!D.places.length) { x0 = -180; x1 = 180; y0 = -60; y1 = 80; }
  var padX = Math.max(6, (x1 - x0) * 0.15), padY = Math.max(4, (y1 - y0) * 0.15);
  x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
  var sx = W / (x1 - x0), sy = H / (y1 - y0), s = Math.min(sx, sy);
  var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  function px(lon) { return W / 2 + (lon - cx) * s; }
  function py(lat) { return H / 2 - (lat - cy) * s; }

  var land = el("g", {"class": "land"}, svg);
  D.countries.forEach(function (c) {
    var d = c[2].map(function (ring) {
      return "M" + ring.map(function (p) { return px(p[0]).toFixed(1) + "," + py(p[1]).toFixed(1); }).join("L") + "Z";
    }).join("");
    var path = el("path", {d: d}, land);
    var t = document.createElementNS(NS, "title");
    t.textContent = c[1];
    path.appendChild(t);
  });
  var arcs = el("g", {"class": "arcs"}, svg);
  var dots = el("g", {"class": "dots"}, svg);
  var labels = el("g", {"class": "labels"}, svg);

  var placeIndex = {};
  D.places.forEach(function (p, i) { placeIndex[p.id] = i; });
  var days = D.movements.map(function (m) { return m[3]; }).filter(function (d) { return d !== null; });
  var dmin = days.length ? Math.min.apply(null, days) : 0, dmax = days.length ? Math.max.apply(null, days) : 0;
  [from, to].forEach(function (r) { r.min = dmin; r.max = dmax; });
  from.value = dmin; to.value = dmax;

  // at the city level a place of no known city is its country, marked as the tables do
  function placeName(p, level) {
    return p.name + (level === "city" && p.level === "country" ? " (no city)" : "");
  }

  function draw() {
    var level = levelSel.value, a = +from.value, b = +to.value;
    if (a > b) { var t = a; a = b; b = t; }
    span.textContent = days.length ? day(a) + " to " + day(b) : "no dates";
    while (arcs.firstChild) { arcs.removeChild(arcs.firstChild); }
    while (dots.firstChild) { dots.removeChild(dots.firstChild); }
    while (labels.firstChild) { labels.removeChild(labels.firstChild); }
    var flows = {}, through = {};
    D.movements.forEach(function (m, i) {
      if (m[3] !== null && (m[3] < a || m[3] > b)) { return; }
      var path = level === "city" ? m[1] : m[0];
      if (!path || path.length < 2) { return; }
      var key = path.join(">");
      var f = flows[key] || (flows[key] = {path: path, n: 0, victims: 0, people: [], rows: [], first: m[3], last: m[3]});
      f.n += m[6]; if (m[2]) { f.victims += 1; }
      if (m[4] !== null && f.people.indexOf(m[4]) < 0) { f.people.push(m[4]); }
      m[5].forEach(function (r) { if (f.rows.length < 200 && f.rows.indexOf(r) < 0) { f.rows.push(r); } });
      if (m[3] !== null) { f.first = f.first === null ? m[3] : Math.min(f.first, m[3]); f.last = f.last === null ? m[3] : Math.max(f.last, m[3]); }
      path.forEach(function (p) { through[p] = (through[p] || 0) + m[6]; });
    });
    var list = Object.keys(flows).map(function (k) { return flows[k]; });
    var max = Math.max.apply(null, list.map(function (f) { return f.n; }).concat([1]));
    // the heaviest flows only: a dense country network would be a hairball; drawn last = on top
    list.sort(function (x, y) { return y.n - x.n; });
    var drawn = list.slice(0, MAX_ARCS).reverse();
    drawn.forEach(function (f) {
      var d = "";
      for (var j = 0; j + 1 < f.path.length; j++) {
        var p = D.places[placeIndex[f.path[j]]], q = D.places[placeIndex[f.path[j + 1]]];
        if (!p || !q) { continue; }
        var ax = px(p.lon), ay = py(p.lat), bx = px(q.lon), by = py(q.lat);
        var mx = (ax + bx) / 2 - (by - ay) * 0.2, my = (ay + by) / 2 + (bx - ax) * 0.2;
        d += "M" + ax.toFixed(1) + "," + ay.toFixed(1) + "Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + bx.toFixed(1) + "," + by.toFixed(1);
      }
      if (!d) { return; }
      var w = 1 + 9 * Math.sqrt(f.n / max);
      var arc = el("path", {d: d, "class": f.victims ? "arc victim" : "arc", "stroke-width": w.toFixed(1), "marker-end": "url(#lg-arrow)"}, arcs);
      var t = document.createElementNS(NS, "title");
      t.textContent = f.path.map(function (p) { return placeName(D.places[placeIndex[p]], level); }).join(" \u2192 ") + ": " + f.n;
      arc.appendChild(t);
      arc.addEventListener("click", function () { show(f); });
    });
    var shown = 0;
    var ranked = Object.keys(through).sort(function (x, y) { return through[y] - through[x]; });
    var labelled = {};
    ranked.slice(0, MAX_LABELS).forEach(function (k) { labelled[k] = true; });
    var tmax = Math.max.apply(null, Object.keys(through).map(function (k) { return through[k]; }).concat([1]));
    D.places.forEach(function (p) {
      if (!through[p.id] || p.level !== level && !(level === "city" && p.level === "country")) { return; }
      shown += 1;
      var r = 3 + 14 * Math.sqrt(through[p.id] / tmax);
      var c = el("circle", {cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1), r: r.toFixed(1), "class": "dot"}, dots);
      var t = document.createElementNS(NS, "title");
      t.textContent = placeName(p, level) + ": " + through[p.id] + " movements (betweenness " + p.betweenness + ")";
      c.appendChild(t);
      if (labelled[p.id]) {
        var lab = el("text", {x: (px(p.lon) + r + 2).toFixed(1), y: (py(p.lat) + 4).toFixed(1)}, labels);
        lab.textContent = placeName(p, level);
      }
    });
    count.textContent = list.length + " flows" + (list.length > MAX_ARCS ? " (the " + MAX_ARCS + " largest drawn)" : "") + ", " + shown + " places";
  }

  function show(f) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    panel.appendChild(text("h2", f.path.map(function (p) { return placeName(D.places[placeIndex[p]], levelSel.value); }).join(" \u2192 ")));
    panel.appendChild(text("p", f.n + " movements or reports, " + f.victims + " of victims" + (f.first !== null ? "; " + day(f.first) + " to " + day(f.last) : "")));
    panel.appendChild(text("h3", "People"));
    var ul = document.createElement("ul");
    f.people.forEach(function (i) { ul.appendChild(text("li", D.labels[i])); });
    panel.appendChild(ul);
    panel.appendChild(text("h3", "Source rows"));
    var rows = document.createElement("ul");
    rows.className = "rows";
    f.rows.forEach(function (r) { rows.appendChild(text("li", r)); });
    panel.appendChild(rows);
  }

  levelSel.addEventListener("change", draw);
  from.addEventListener("input", draw);
  to.addEventListener("input", draw);
  draw();
  window.__lg = {drawn: true};
})();
