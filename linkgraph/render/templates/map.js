// linkgraph map. Case data is hostile: every string from it reaches the page through
// textContent or a DOM property, never innerHTML, and vis-network gets no HTML titles.
(function () {
  "use strict";
  var T0 = performance.now();
  window.__lg = { start: T0, drawn: false };
  var D = JSON.parse(document.getElementById("lg-data").textContent);
  var MARKS = window.__lg.marks = { parsed: performance.now() - T0 };
  // Large maps pack their columns (map.py's _pack): expand them back to plain arrays.
  function unpack(x) {
    if (x === null || typeof x !== "object" || Array.isArray(x)) { return x; }
    var a = new Array(x.n), d = x.k !== undefined ? x.k : x.d;
    for (var q = 0; q < x.n; q++) { a[q] = d; }
    if (x.i) { for (var r = 0; r < x.i.length; r++) { a[x.i[r]] = x.v[r]; } }
    return a;
  }
  ["nodes", "edges", "ties", "measures", "details"].forEach(function (part) {
    var cols = D[part]; if (!cols) { return; }
    Object.keys(cols).forEach(function (k) { cols[k] = unpack(cols[k]); });
  });
  var N = D.nodes, E = D.edges, TI = D.ties, n = N.id.length, m = E.f.length;
  MARKS.unpacked = performance.now() - T0;
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
  var SUPER_LABELS = 30;  // community labels drawn at once on the overview (largest first)
  var HALF = { "lg-doc": [1.1, 0.75], "lg-pill": [1.3, 0.7], "lg-cyl": [0.9, 1.1] };
  function tracePath(ctx, shape, x, y, s) {
    var pts = shapePoints(shape, x, y, s);
    ctx.beginPath();
    if (!pts) { ctx.arc(x, y, s, 0, 2 * Math.PI); return; }
    ctx.moveTo(pts[0][0], pts[0][1]);
    for (var q = 1; q < pts.length; q++) { ctx.lineTo(pts[q][0], pts[q][1]); }
    ctx.closePath();
  }

  // -- lite: a canvas renderer for large maps ------------------------------------------------
  // vis-network draws node by node (seconds per frame at 20,000 entities). Large maps use
  // this small renderer instead: the same calls map.js makes of vis (DataSet, DataView,
  // Network: on/once, fit, focus, select, canvasToDOM, getNodeAt ...), with every node
  // of one style filled in one path and every link of one colour stroked in one path.
  function LiteSet(items) { this.items = items; this.subs = []; }
  LiteSet.prototype.update = function (list) {
    var it = this.items;
    list.forEach(function (u) { var o = it[u.id]; for (var key in u) { if (key !== "id") { o[key] = u[key]; } } o._k = undefined; });
    this.subs.forEach(function (f) { f(); });
  };
  LiteSet.prototype.get = function (id) { return id === undefined ? this.items.slice() : this.items[id]; };
  LiteSet.prototype.forEach = function (cb) { this.items.forEach(function (it) { cb(it, it.id); }); };
  function LiteView(set, o) { this.set = set; this.filter = o.filter; this.subs = []; this.refresh(); }
  LiteView.prototype.refresh = function () {
    var ids = [], it = this.set.items, on = new Uint8Array(it.length);
    for (var q = 0; q < it.length; q++) { if (this.filter(it[q])) { ids.push(q); on[q] = 1; } }
    this.ids = ids; this.on = on; this.length = ids.length;
    this.subs.forEach(function (f) { f(); });
  };
  LiteView.prototype.getIds = function () { return this.ids.slice(); };
  LiteView.prototype.get = function (id) { return this.on[id] ? this.set.items[id] : null; };

  function LiteNetwork(box, data, opts) {
    var self = this;
    this.nv = data.nodes; this.ev = data.edges; this.box = box; this.handlers = {};
    this.canvas = document.createElement("canvas"); this.canvas.style.display = "block";
    this.canvas.style.width = "100%"; this.canvas.style.height = "100%";
    box.appendChild(this.canvas);
    this.ctx = this.canvas.getContext("2d");
    this.scale = 1; this.cx = 0; this.cy = 0; this.sel = {}; this.supers = opts.supers || null;
    this.frames = []; this.moving = false;
    var items = this.nv.set.items;
    this.body = { nodes: items };  // items carry x, y like vis's body.nodes
    // adjacency and a grid over the fixed positions are built on first use (hit tests,
    // neighbours), not before the first frame
    this.adj = null; this.grid = null; this.cell = 80;
    var redraw = function () { self.schedule(); };
    this.nv.subs.push(redraw); this.ev.subs.push(redraw); this.nv.set.subs.push(redraw); this.ev.set.subs.push(redraw);
    this.resize();
    window.addEventListener("resize", function () { self.resize(); self.schedule(); });
    this.bindPointer();
    this.fit();
  }
  LiteNetwork.prototype.on = function (name, cb) { (this.handlers[name] = this.handlers[name] || []).push(cb); };
  LiteNetwork.prototype.once = function (name, cb) {
    var self = this, wrapped = function (a) { cb(a); self.handlers[name] = self.handlers[name].filter(function (f) { return f !== wrapped; }); };
    this.on(name, wrapped);
  };
  LiteNetwork.prototype.emit = function (name, a) { (this.handlers[name] || []).slice().forEach(function (f) { f(a); }); };
  LiteNetwork.prototype.setOptions = function () {};
  LiteNetwork.prototype.resize = function () {
    var r = window.devicePixelRatio || 1;
    this.w = this.box.clientWidth; this.h = this.box.clientHeight;
    this.canvas.width = Math.max(1, Math.round(this.w * r)); this.canvas.height = Math.max(1, Math.round(this.h * r)); this.dpr = r;
  };
  LiteNetwork.prototype.getScale = function () { return this.scale; };
  LiteNetwork.prototype.canvasToDOM = function (p) { return { x: (p.x - this.cx) * this.scale + this.w / 2, y: (p.y - this.cy) * this.scale + this.h / 2 }; };
  LiteNetwork.prototype.DOMtoCanvas = function (p) { return { x: (p.x - this.w / 2) / this.scale + this.cx, y: (p.y - this.h / 2) / this.scale + this.cy }; };
  LiteNetwork.prototype.getPositions = function (ids) {
    var out = {}, it = this.nv.set.items;
    (ids || this.nv.ids).forEach(function (x) { out[x] = { x: it[x].x, y: it[x].y }; });
    return out;
  };
  LiteNetwork.prototype.index = function () {
    var self = this, items = this.nv.set.items;
    if (this.adj) { return; }
    this.adj = items.map(function () { return []; });
    this.ev.set.items.forEach(function (e) { self.adj[e.from].push(e.id); self.adj[e.to].push(e.id); });
    this.grid = new Map();
    items.forEach(function (nd) {
      var k = Math.floor(nd.x / self.cell) + "," + Math.floor(nd.y / self.cell);
      var l = self.grid.get(k); if (!l) { l = []; self.grid.set(k, l); } l.push(nd.id);
    });
  };
  LiteNetwork.prototype.getConnectedNodes = function (x) {
    this.index();
    var ev = this.ev, nv = this.nv, out = [], seen = {}, it = this.ev.set.items;
    this.adj[x].forEach(function (j) {
      if (!ev.on[j]) { return; }
      var y = it[j].from === x ? it[j].to : it[j].from;
      if (nv.on[y] && !seen[y]) { seen[y] = 1; out.push(y); }
    });
    return out;
  };
  LiteNetwork.prototype.selectNodes = function (ids) { var s = {}; ids.forEach(function (x) { s[x] = 1; }); this.sel = s; this.schedule(); };
  LiteNetwork.prototype.unselectAll = function () { this.sel = {}; this.schedule(); };
  LiteNetwork.prototype.focus = function (x, o) {
    var nd = this.nv.set.items[x]; this.cx = nd.x; this.cy = nd.y;
    if (o && o.scale) { this.scale = o.scale; }
    this.redraw();
  };
  LiteNetwork.prototype.fit = function () {
    var it = this.nv.set.items, ids = this.nv.ids, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    var pts = ids.map(function (q) { return it[q]; });
    if (this.supers) { pts = pts.concat(this.supers()); }
    pts.forEach(function (p) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); });
    if (x0 === Infinity) { this.cx = 0; this.cy = 0; this.scale = 1; }
    else {
      this.cx = (x0 + x1) / 2; this.cy = (y0 + y1) / 2;
      this.scale = Math.min(2, 0.92 * Math.min(this.w / Math.max(x1 - x0 + 60, 1), this.h / Math.max(y1 - y0 + 60, 1)));
    }
    this.schedule();
  };
  LiteNetwork.prototype.schedule = function () {
    var self = this;
    if (this.pending) { return; }
    this.pending = true;
    requestAnimationFrame(function () { self.pending = false; self.redraw(); });
  };
  LiteNetwork.prototype.redraw = function () {
    var t = performance.now(), ctx = this.ctx, s = this.scale, it = this.nv.set.items, eit = this.ev.set.items;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    var c = this.cache;
    if (this.moving && c && c.canvas.width === this.canvas.width && c.canvas.height === this.canvas.height) {
      // A pan or zoom frame moves the picture of the last full frame; the full picture is
      // drawn again as soon as the map rests (160 ms after the last move).
      var k = s / c.scale;
      ctx.setTransform(k, 0, 0, k, this.dpr * ((1 - k) * this.w / 2 + (c.cx - this.cx) * s), this.dpr * ((1 - k) * this.h / 2 + (c.cy - this.cy) * s));
      ctx.drawImage(c.canvas, 0, 0);
      this.lastDraw = performance.now() - t;
      this.frames.push([this.lastDraw, 1]);
      return;
    }
    ctx.setTransform(this.dpr * s, 0, 0, this.dpr * s, this.dpr * (this.w / 2 - this.cx * s), this.dpr * (this.h / 2 - this.cy * s));
    var vx0 = this.cx - this.w / 2 / s, vx1 = this.cx + this.w / 2 / s, vy0 = this.cy - this.h / 2 / s, vy1 = this.cy + this.h / 2 / s;
    // links: one path per colour and width
    var groups = new Map(), on = this.nv.on, q, e, a, b, key, g;
    var eids = this.ev.ids;
    for (q = 0; q < eids.length; q++) {
      e = eit[eids[q]];
      if (!on[e.from] || !on[e.to]) { continue; }
      a = it[e.from]; b = it[e.to];
      if ((a.x < vx0 && b.x < vx0) || (a.x > vx1 && b.x > vx1) || (a.y < vy0 && b.y < vy0) || (a.y > vy1 && b.y > vy1)) { continue; }
      key = e._k || (e._k = e.color.color + "|" + Math.round(e.width) + "|" + (e.dashes ? 1 : 0));
      g = groups.get(key); if (!g) { g = []; groups.set(key, g); } g.push(a, b);
    }
    ctx.globalAlpha = 0.6;
    groups.forEach(function (pts, k) {
      var p = k.split("|");
      ctx.beginPath();
      for (var r = 0; r < pts.length; r += 2) { ctx.moveTo(pts[r].x, pts[r].y); ctx.lineTo(pts[r + 1].x, pts[r + 1].y); }
      ctx.strokeStyle = p[0]; ctx.lineWidth = Math.max(+p[1], 1) / Math.max(s, 0.5) * 0.8;
      ctx.setLineDash(p[2] === "1" ? [6 / s, 4 / s] : []);
      ctx.stroke();
    });
    ctx.globalAlpha = 1; ctx.setLineDash([]);
    // super-nodes (aggregated communities)
    var sup = this.supers ? this.supers() : [];
    sup.forEach(function (c) {
      ctx.beginPath(); ctx.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
      ctx.fillStyle = c.color; ctx.globalAlpha = 0.75; ctx.fill(); ctx.globalAlpha = 1;
      ctx.lineWidth = 1.5 / s; ctx.strokeStyle = "#33414e"; ctx.stroke();
    });
    // nodes: one path per shape, fill and border; nodes under 2 px across are squares of
    // their colour with no border (what the eye sees at that size anyway).
    groups = new Map();
    var tiny = new Map(), ids = this.nv.ids, nd, r2, sel = this.sel;
    for (q = 0; q < ids.length; q++) {
      nd = it[ids[q]]; r2 = nd.size * 1.3;
      if (nd.x + r2 < vx0 || nd.x - r2 > vx1 || nd.y + r2 < vy0 || nd.y - r2 > vy1) { continue; }
      if (nd.size * s < 1 && !sel[nd.id]) {
        g = tiny.get(nd.color.background); if (!g) { g = []; tiny.set(nd.color.background, g); } g.push(nd);
        continue;
      }
      key = (nd._k || (nd._k = nd.lgShape + "|" + nd.color.background + "|" + (nd.color.border || "#33414e") + "|" + (nd.shapeProperties ? 1 : 0) + "|")) + (sel[nd.id] ? 1 : 0);
      g = groups.get(key); if (!g) { g = []; groups.set(key, g); } g.push(nd);
    }
    var px = 1.2 / s;
    tiny.forEach(function (list, colour) {
      ctx.fillStyle = colour;
      for (var v = 0; v < list.length; v++) { ctx.fillRect(list[v].x - px, list[v].y - px, 2 * px, 2 * px); }
    });
    groups.forEach(function (list, k) {
      var p = k.split("|");
      ctx.beginPath();
      list.forEach(function (n2) {
        var pts = shapePoints(p[0], n2.x, n2.y, n2.size);
        if (!pts) { ctx.moveTo(n2.x + n2.size, n2.y); ctx.arc(n2.x, n2.y, n2.size, 0, 2 * Math.PI); return; }
        ctx.moveTo(pts[0][0], pts[0][1]);
        for (var v = 1; v < pts.length; v++) { ctx.lineTo(pts[v][0], pts[v][1]); }
        ctx.closePath();
      });
      ctx.fillStyle = p[1]; ctx.fill();
      ctx.strokeStyle = p[4] === "1" ? "#000000" : p[2]; ctx.lineWidth = (p[4] === "1" ? 3 : 1) / Math.max(s, 0.3);
      ctx.setLineDash(p[3] === "1" ? [4 / s, 3 / s] : []);
      ctx.stroke(); ctx.setLineDash([]);
    });
    // labels once they are readable (the key actors are labelled by map.js at every zoom)
    if (s * 14 >= 7) {
      ctx.font = "14px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
      var drawn = 0;
      for (q = 0; q < ids.length && drawn < 1500; q++) {
        nd = it[ids[q]];
        if (!nd.label || nd.x < vx0 || nd.x > vx1 || nd.y < vy0 || nd.y > vy1) { continue; }
        ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(nd.label, nd.x, nd.y + nd.size * 1.15 + 2);
        ctx.fillStyle = (nd.font && nd.font.color) || "#1d232a"; ctx.fillText(nd.label, nd.x, nd.y + nd.size * 1.15 + 2);
        drawn++;
      }
    }
    // Community labels, largest first, each only where it overlaps no label already drawn
    // (on screen) and at most SUPER_LABELS at a time; the others show on hover or zoom.
    ctx.font = "bold " + (13 / s) + "px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    var boxes = [], lh = 16 / s, pad = 4 / s;
    sup.slice().sort(function (a, b) { return b.k - a.k || a.c - b.c; }).some(function (c) {
      if (c.x < vx0 || c.x > vx1 || c.y < vy0 || c.y > vy1) { return false; }
      var hw = ctx.measureText(c.label).width / 2 + pad, box = [c.x - hw, c.y - lh / 2 - pad, c.x + hw, c.y + lh / 2 + pad];
      for (var b = 0; b < boxes.length; b++) {
        var o = boxes[b];
        if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { return false; }
      }
      boxes.push(box);
      ctx.lineWidth = 4 / s; ctx.strokeStyle = "#ffffff"; ctx.strokeText(c.label, c.x, c.y);
      ctx.fillStyle = "#101820"; ctx.fillText(c.label, c.x, c.y);
      return boxes.length >= SUPER_LABELS;
    });
    this.emit("afterDrawing", ctx);
    if (!c || c.canvas.width !== this.canvas.width || c.canvas.height !== this.canvas.height) {
      c = this.cache = { canvas: document.createElement("canvas") };
      c.canvas.width = this.canvas.width; c.canvas.height = this.canvas.height;
    }
    var cc = c.canvas.getContext("2d");
    cc.clearRect(0, 0, c.canvas.width, c.canvas.height); cc.drawImage(this.canvas, 0, 0);
    c.scale = s; c.cx = this.cx; c.cy = this.cy;
    this.lastDraw = performance.now() - t;
    this.frames.push([this.lastDraw, 0]);
  };
  LiteNetwork.prototype.getNodeAt = function (dom) {
    this.index();
    var p = this.DOMtoCanvas(dom), it = this.nv.set.items, on = this.nv.on, best, bd = Infinity, c = this.cell;
    var gx = Math.floor(p.x / c), gy = Math.floor(p.y / c), slack = Math.ceil(60 / c);
    for (var dx = -slack; dx <= slack; dx++) {
      for (var dy = -slack; dy <= slack; dy++) {
        var l = this.grid.get((gx + dx) + "," + (gy + dy));
        if (!l) { continue; }
        for (var q = 0; q < l.length; q++) {
          var nd = it[l[q]];
          if (!on[nd.id]) { continue; }
          var d = Math.hypot(nd.x - p.x, nd.y - p.y);
          if (d <= Math.max(nd.size * 1.1, 4 / this.scale) && d < bd) { bd = d; best = nd.id; }
        }
      }
    }
    return best;
  };
  LiteNetwork.prototype.superAt = function (dom) {
    if (!this.supers) { return undefined; }
    var p = this.DOMtoCanvas(dom), found;
    this.supers().forEach(function (c) { if (Math.hypot(c.x - p.x, c.y - p.y) <= c.r) { found = c; } });
    return found;
  };
  LiteNetwork.prototype.edgeAt = function (dom) {
    var p = this.DOMtoCanvas(dom), it = this.nv.set.items, eit = this.ev.set.items, on = this.nv.on, tol = 4 / this.scale, best, bd = Infinity;
    this.ev.ids.forEach(function (j) {
      var e = eit[j]; if (!on[e.from] || !on[e.to]) { return; }
      var a = it[e.from], b = it[e.to], vx = b.x - a.x, vy = b.y - a.y, l2 = vx * vx + vy * vy;
      var t = l2 ? Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / l2)) : 0;
      var d = Math.hypot(a.x + t * vx - p.x, a.y + t * vy - p.y);
      if (d < tol && d < bd) { bd = d; best = j; }
    });
    return best;
  };
  LiteNetwork.prototype.interacting = function () {
    var self = this;
    this.moving = true; clearTimeout(this.idle);
    this.idle = setTimeout(function () { self.moving = false; self.schedule(); }, 160);
  };
  LiteNetwork.prototype.bindPointer = function () {
    var self = this, cv = this.canvas, down = null, hovered, hoveredSup, hoverPending = false;
    function at(ev) { var r = cv.getBoundingClientRect(); return { x: ev.clientX - r.left, y: ev.clientY - r.top }; }
    cv.addEventListener("pointerdown", function (ev) { down = { p: at(ev), cx: self.cx, cy: self.cy, moved: false }; cv.setPointerCapture(ev.pointerId); });
    cv.addEventListener("pointermove", function (ev) {
      var p = at(ev);
      if (down) {
        if (!down.moved && Math.hypot(p.x - down.p.x, p.y - down.p.y) > 3) { down.moved = true; self.emit("dragStart", {}); }
        if (down.moved) { self.interacting(); self.cx = down.cx - (p.x - down.p.x) / self.scale; self.cy = down.cy - (p.y - down.p.y) / self.scale; self.schedule(); }
        return;
      }
      if (hoverPending) { return; }
      hoverPending = true;
      requestAnimationFrame(function () {
        hoverPending = false;
        var x = self.getNodeAt(p), sup = x === undefined ? self.superAt(p) : undefined;
        if (x !== hovered) {
          if (hovered !== undefined) { self.emit("blurNode", { node: hovered }); }
          hovered = x;
          if (x !== undefined) { self.emit("hoverNode", { node: x, pointer: { DOM: p } }); }
        }
        if (sup !== hoveredSup) {
          if (hoveredSup !== undefined && x === undefined) { self.emit("blurNode", {}); }
          hoveredSup = sup;
          if (sup !== undefined) { self.emit("hoverCommunity", { community: sup, pointer: { DOM: p } }); }
        }
      });
    });
    cv.addEventListener("pointerup", function (ev) {
      var p = at(ev), was = down; down = null;
      if (!was || was.moved) { return; }
      var sup = self.superAt(p), x = self.getNodeAt(p);
      if (sup && x === undefined) { self.emit("clickCommunity", sup); return; }
      if (x !== undefined) { self.sel = {}; self.sel[x] = 1; self.emit("click", { nodes: [x], edges: [], pointer: { DOM: p } }); self.schedule(); return; }
      var j = self.edgeAt(p);
      self.emit("click", { nodes: [], edges: j === undefined ? [] : [j], pointer: { DOM: p } });
    });
    cv.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = at(ev), before = self.DOMtoCanvas(p), f = Math.pow(1.0015, -ev.deltaY);
      self.scale = Math.max(0.005, Math.min(8, self.scale * f));
      self.cx = before.x - (p.x - self.w / 2) / self.scale; self.cy = before.y - (p.y - self.h / 2) / self.scale;
      self.emit("dragStart", {});
      self.interacting(); self.schedule();
    }, { passive: false });
  };
  var Lite = { DataSet: function (items) { return new LiteSet(items); }, DataView: function (set, o) { return new LiteView(set, o); }, Network: LiteNetwork };

  // -- nodes and edges ------------------------------------------------------------------
  var LITE = !!D.lite, V = LITE ? Lite : vis;
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
    if (LITE) { node.lgShape = ty.shape; }
    else if (ty.shape.indexOf("lg-") === 0) { node.shape = "custom"; node.ctxRenderer = customRenderer(ty.shape, lab); }
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
  MARKS.items = performance.now() - T0;
  var nodes = new V.DataSet(nodeArr);
  var edges = new V.DataSet(edgeArr);
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
  // Very large maps open with one circle per community (area = members); a click opens it.
  var AGG = !!D.aggregate, opened = {}, comInfo = {};
  if (AGG) {
    for (var ci = 0; ci < n; ci++) {
      var cc = N.com[ci]; if (cc === null) { continue; }
      var inf = comInfo[cc] || (comInfo[cc] = { c: cc, x: 0, y: 0, k: 0, color: safeColor(D.groups[N.c[ci]].color) });
      inf.x += N.x[ci]; inf.y += N.y[ci]; inf.k++;
    }
    Object.keys(comInfo).forEach(function (c) { var f = comInfo[c]; f.x /= f.k; f.y /= f.k; f.r = 6 * Math.sqrt(f.k); f.label = "community " + c + " (" + f.k.toLocaleString() + ")"; });
  }
  function closedCommunities() {
    if (!AGG) { return []; }
    return Object.keys(comInfo).filter(function (c) { return !opened[c] && (st.com === "" || st.com === c); }).map(function (c) { return comInfo[c]; });
  }
  function nodeOn(x) {
    if (AGG && N.com[x] !== null && !opened[N.com[x]]) { return false; }
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
  var view = new V.DataView(nodes, { filter: function (nd) { return nodeOn(nd.id); } });
  var eview = new V.DataView(edges, { filter: function (ed) { return edgeOn(ed.id); } });

  var opts = D.options;
  if (AGG) { opts.supers = closedCommunities; }
  var container = byId("lg-network");
  MARKS.views = performance.now() - T0;
  var network = new V.Network(container, { nodes: view, edges: eview }, opts);
  MARKS.network = performance.now() - T0;
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
  network.on("clickCommunity", function (c) {
    opened[c.c] = true; refresh();
    network.cx = c.x; network.cy = c.y; network.scale = Math.min(2, network.scale * 3); network.redraw();
  });

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
    var closed = closedCommunities().length;
    byId("lg-stats").textContent = (closed ? closed.toLocaleString() + " communities closed · " : "") + shown.toLocaleString() + " of " + n.toLocaleString() + " entities · " +
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
  network.on("hoverCommunity", function (p) {
    var c = p.community;
    clear(tip);
    tip.appendChild(el("b", "community " + c.c));
    tip.appendChild(el("span", c.k.toLocaleString() + (c.k === 1 ? " entity" : " entities")));
    tip.appendChild(el("div", "Click to open it", "lg-small"));
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
    var st = D.stability && D.stability.rows[String(x)];
    if (st) {
      body.appendChild(el("h4", "How sure (linkgraph stability)"));
      body.appendChild(table(st, D.stability.head));
      body.appendChild(el("div", D.stability.note, "lg-small"));
    }
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
      if (E.d0[q] !== null) { rows2.push(["first", dayText(E.d0[q])]); rows2.push(["last", dayText(E.d1[q])]); }
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
  window.__lg.lite = LITE;
  window.__lg.D = D;
  window.__lg.openCommunity = function (c) { network.emit("clickCommunity", comInfo[c]); };
  window.__lg.nodes = nodes;
  window.__lg.edges = edges;
  window.__lg.state = st;
  window.__lg.svgText = svgText;
  window.__lg.nodeOn = nodeOn;
  window.__lg.ready = performance.now() - T0;
}());
