// graph.js: the network drawing: framing, sizes, vis-network data, the spotlight and label overlay, tooltips.

// ------------------------------------------------------------------ framing and sizes
var network = null;
var container = $("network");
function posOf(id) {
  var b = network && network.body ? network.body.nodes[id] : null;
  return b || N.get(id);
}
function filtersWidth() {
  var f = $("filters");
  return f && !f.classList.contains("collapsed") ? f.offsetWidth + 24 : 0;
}
// The part of the visible graph worth framing: connected components of a useful size
// (isolated entities and stray pairs that a layout pushed far out must not shrink the rest).
function mainPart() {
  var comp = new Map(), comps = [];
  visN.forEach(function (id) {
    if (comp.has(id)) return;
    var members = [id], k = 0;
    comp.set(id, comps.length);
    while (k < members.length) {
      var u = members[k++];
      adj.get(u).forEach(function (e) {
        if (!visE.has(e.id)) return;
        var v = other(e, u);
        if (!comp.has(v)) { comp.set(v, comps.length); members.push(v); }
      });
    }
    comps.push(members);
  });
  comps.sort(function (a, b) { return b.length - a.length; });
  if (!comps.length || comps[0].length < 3) return Array.from(visN);
  var min = Math.max(3, comps[0].length * 0.05);
  return [].concat.apply([], comps.filter(function (c) { return c.length >= min; }));
}
// Scale and centre that frame `list` in the canvas, right of the filters card.
function fitParams(list, whole, pad) {
  var xs = [], ys = [], rmax = 0;
  list.forEach(function (id) {
    var b = posOf(id);
    if (!b || !isFinite(b.x) || !isFinite(b.y)) return;
    xs.push(b.x); ys.push(b.y);
    rmax = Math.max(rmax, N.get(id).size);
  });
  if (!xs.length) return null;
  xs.sort(function (a, b) { return a - b; });
  ys.sort(function (a, b) { return a - b; });
  // whole graph: frame the bulk (a few far-flung nodes must not shrink everything)
  var q = whole && xs.length > 60 ? 0.015 : 0;
  var minX = quantile(xs, q), maxX = quantile(xs, 1 - q), minY = quantile(ys, q), maxY = quantile(ys, 1 - q);
  var padX = (maxX - minX) * (q ? 0.06 : 0) + (pad ? rmax : 0), padY = (maxY - minY) * (q ? 0.06 : 0) + (pad ? rmax : 0);
  minX -= padX; maxX += padX; minY -= padY; maxY += padY;
  var W = container.clientWidth || 800, H = container.clientHeight || 600;
  var left = W > 900 ? filtersWidth() : 0;
  var availW = Math.max(100, W - left - 40), availH = Math.max(100, H - 50);
  var labelRoom = pad ? 120 : 0;  // labels reach ~60px either side of a node and ~20px below
  var scale = Math.min(Math.max(60, availW - labelRoom) / Math.max(maxX - minX, 1e-6),
    Math.max(60, availH - labelRoom / 3) / Math.max(maxY - minY, 1e-6));
  scale = Math.min(scale, 30 / medianSize);
  var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  return { scale: scale, x: cx - (left + 20 + availW / 2 - W / 2) / scale, y: cy };
}

function median(arr) {
  var a = arr.slice().sort(function (x, y) { return x - y; });
  return a.length ? a[Math.floor(a.length / 2)] : 0;
}
N.forEach(function (n) { n.base = n.size; });
var medianSize = 10, fitScale = 1, sizeScale = 1;

// Node sizes are a suggestion: scale them all by one factor so that a typical visible node's radius
// is ~35% of the distance to its nearest visible neighbour (no blobs), and 2.5-14 px on the first
// view. Run again when the view changes: the backbone is sparser than the whole graph (issue 16).
function rescale() {
  var shown = Array.from(N.values()).filter(function (n) { return visN.has(n.id); });
  if (!shown.length) shown = Array.from(N.values());
  N.forEach(function (n) { n.size = n.base; });
  medianSize = median(shown.map(function (n) { return n.size; })) || 10;
  var est = missingXY ? null : fitParams(mainPart(), true, false);
  fitScale = est ? est.scale : 1;
  sizeScale = 1;
  if (!missingXY && shown.length > 1) {
    var step = Math.max(1, Math.floor(shown.length / 400));
    var nn = [];
    for (var si = 0; si < shown.length; si += step) {
      var a = shown[si], best = Infinity;
      for (var sj = 0; sj < shown.length; sj++) {
        if (sj === si) continue;
        var dx = shown[sj].x - a.x, dy = shown[sj].y - a.y, d2 = dx * dx + dy * dy;
        if (d2 > 0 && d2 < best) best = d2;
      }
      if (isFinite(best)) nn.push(Math.sqrt(best));
    }
    if (nn.length) sizeScale = (0.35 * median(nn)) / medianSize;
    var screen = medianSize * sizeScale * fitScale;
    if (screen > 14) sizeScale *= 14 / screen;
    if (screen < 2.5) sizeScale *= 2.5 / screen;
    N.forEach(function (n) { n.size = n.base * sizeScale; });
    medianSize *= sizeScale;
  }
  G.sizeScale = sizeScale;
}
rescale();

// ------------------------------------------------------------------ vis data
function nodeColor(n) { return state.colorMode === "community" ? commColor(n.community) : typeColor[n.type]; }
function visColor(c, ring) {
  return {
    background: c, border: ring || mix(c, "#000000", 0.35),
    highlight: { background: mix(c, "#ffffff", 0.2), border: ring || "#ffffff" },
    hover: { background: mix(c, "#ffffff", 0.12), border: ring || "#e6edf3" }
  };
}
// A watched entity keeps its type or community colour and wears a ring (issue 18).
function nodeVisColor(n) { return visColor(nodeColor(n), n.watched.length ? WATCH : null); }
// edge widths: 0.6-4 px on the first view, by weight (world units, so they grow with zoom)
var edgeScale = fitScale;
function edgeWidth(w) { return Math.min(0.6 + Math.log2(w) * 0.6, 4) / edgeScale; }
var big = N.size > 800 || E.size > 3000;
var edgeAlpha = E.size > 3000 ? 0.16 : E.size > 800 ? 0.24 : 0.36;
var EDGE = "rgba(139,152,170," + edgeAlpha + ")";

var nodesDS = new vis.DataSet(Array.from(N.values()).map(function (n) {
  var v = { id: n.id, size: n.size, color: nodeVisColor(n) };
  if (n.watched.length) { v.borderWidth = 3; v.borderWidthSelected = 4; }
  if (!missingXY) { v.x = n.x; v.y = n.y; }
  return v;
}));
var edgesDS = new vis.DataSet(Array.from(E.values()).map(function (e) {
  // a link of mail only is dashed: the explorer shows the kind of every link (issue 12)
  return { id: e.id, from: e.from, to: e.to, width: edgeWidth(e.weight), dashes: e.kind === "messages" };
}));
var nodesView = new vis.DataView(nodesDS, { filter: function (item) { return visN.has(item.id); } });
var edgesView = new vis.DataView(edgesDS, { filter: function (item) { return visE.has(item.id); } });
G.timing.data = performance.now();

var options = {
  autoResize: true,
  layout: { improvedLayout: false, randomSeed: 7 },
  physics: missingXY
    ? { enabled: true, solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: N.size > 500 ? 60 : 200, fit: true } }
    : { enabled: false },
  interaction: {
    hover: true, hoverConnectedEdges: true, tooltipDelay: 3600000, multiselect: false, selectConnectedEdges: true,
    hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false, keyboard: false, zoomSpeed: 0.8
  },
  nodes: {
    shape: "dot", borderWidth: 1, borderWidthSelected: 3,
    font: { size: 0 }, shadow: false, labelHighlightBold: false
  },
  edges: {
    smooth: false, arrows: { to: false }, shadow: false, selectionWidth: 1.5, hoverWidth: 0.8,
    color: { color: EDGE, highlight: HL, hover: "rgba(190,205,225,0.6)", inherit: false, opacity: 1 }
  }
};
network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
G.timing.network = performance.now();
if (missingXY) {
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
}

// after a change of view: sizes for what is now visible
function resizeNodes() {
  rescale();
  nodesDS.update(Array.from(N.values()).map(function (n) { return { id: n.id, size: n.size }; }));
}

// ------------------------------------------------------------------ view helpers
function bodyNode(id) { var b = network.body && network.body.nodes; return b ? b[id] : null; }
function fitView(ids, animate) {
  var p = fitParams(ids || mainPart(), !ids, true);
  if (!p) { network.fit(); return; }
  var scale = ids ? Math.min(p.scale, Math.max(fitScale, 10 / medianSize)) : p.scale;
  if (!ids) fitScale = scale;
  network.moveTo({ position: { x: p.x, y: p.y }, scale: scale,
    animation: animate ? { duration: 450, easingFunction: "easeInOutQuad" } : false });
}
// Centre on a node, zoomed so that its strongest visible neighbours are on screen
// (never further out than the whole-graph view, never closer than ~12px median radius).
function focusNode(id, zoomFactor) {
  var b = bodyNode(id);
  if (!b) return;
  var W = container.clientWidth, H = container.clientHeight;
  var left = W > 900 ? filtersWidth() : 0;
  var halfW = Math.max(80, (W - left) / 2 - 50), halfH = Math.max(80, H / 2 - 50);
  var maxScale = Math.max(12 / medianSize, fitScale);
  var s = maxScale;
  var count = 0;
  adj.get(id).forEach(function (e) {
    if (count >= 12 || !visE.has(e.id)) return;
    var o = bodyNode(other(e, id));
    if (!o) return;
    count++;
    var dx = Math.abs(o.x - b.x), dy = Math.abs(o.y - b.y);
    if (dx > 0) s = Math.min(s, halfW / dx);
    if (dy > 0) s = Math.min(s, halfH / dy);
  });
  s = Math.max(fitScale, Math.min(maxScale, s)) * (zoomFactor || 1);
  network.focus(id, { scale: s, offset: { x: left / 2, y: 0 },
    animation: { duration: 450, easingFunction: "easeInOutQuad" } });
}

// ------------------------------------------------------------------ canvas overlay: spotlight + labels
var spot = null;     // {nodes:Set, edges:Set, primary:Set, strong:bool}
var hovered = null;
var widthCache = new Map();
G.labels = [];

function Grid(cell) { this.cell = cell; this.m = new Map(); }
Grid.prototype.keys = function (r, fn) {
  var c = this.cell;
  for (var gx = Math.floor(r[0] / c); gx <= Math.floor(r[2] / c); gx++)
    for (var gy = Math.floor(r[1] / c); gy <= Math.floor(r[3] / c); gy++) if (fn(gx * 73856093 + gy * 19349663)) return true;
  return false;
};
Grid.prototype.hit = function (r) {
  var m = this.m;
  return this.keys(r, function (k) {
    var b = m.get(k);
    if (!b) return false;
    for (var i = 0; i < b.length; i++) {
      var o = b[i];
      if (r[0] < o[2] && r[2] > o[0] && r[1] < o[3] && r[3] > o[1]) return true;
    }
    return false;
  });
};
Grid.prototype.add = function (r) {
  var m = this.m;
  this.keys(r, function (k) { var b = m.get(k); if (b) b.push(r); else m.set(k, [r]); return false; });
};

function drawSpotlight(ctx) {
  if (!spot) return;
  var m = ctx.getTransform();
  var scale = network.getScale();
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = "rgba(11,15,20,0.78)";
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(m);
  ctx.lineCap = "round";
  spot.edges.forEach(function (eid) {
    var e = E.get(eid);
    var a = bodyNode(e.from), b = bodyNode(e.to);
    if (!a || !b || !visE.has(eid)) return;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.strokeStyle = spot.strong ? HL : "rgba(255,209,102,0.7)";
    var px = edgeWidth(e.weight) * scale;
    ctx.lineWidth = (spot.strong ? Math.min(Math.max(px * 1.4, 2.5), 7) : Math.min(Math.max(px, 1), 5)) / scale;
    ctx.stroke();
  });
  spot.nodes.forEach(function (id) {
    var b = bodyNode(id), n = N.get(id);
    if (!b || !n) return;
    var c = nodeColor(n);
    var r = n.size;
    if (spot.primary.has(id)) {
      ctx.beginPath();
      ctx.arc(b.x, b.y, r + 5 / scale, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(255,209,102,0.25)";
      ctx.fill();
    }
    ctx.beginPath();
    ctx.arc(b.x, b.y, r, 0, 2 * Math.PI);
    ctx.fillStyle = c;
    ctx.fill();
    ctx.lineWidth = (spot.primary.has(id) ? 2.5 : n.watched.length ? 3 : 1.2) / scale;
    ctx.strokeStyle = n.watched.length ? WATCH : spot.primary.has(id) ? "#ffffff" : mix(c, "#ffffff", 0.35);
    ctx.stroke();
  });
  ctx.restore();
}

function drawLabels(ctx) {
  var m = ctx.getTransform();
  var dpr = window.devicePixelRatio || 1;
  var W = ctx.canvas.width, H = ctx.canvas.height;
  var cssScale = network.getScale();
  var grid = new Grid(Math.round(96 * dpr));
  var out = [];
  var seen = new Set();
  // the cards over the canvas hide what is under them: no label goes there (forced ones excepted)
  var box = container.getBoundingClientRect();
  ["filters", "zoom"].forEach(function (id) {
    var el = $(id);
    if (!el || el.hidden) return;
    var r = el.getBoundingClientRect();
    if (r.width && r.height) {
      grid.add([(r.left - box.left) * dpr, (r.top - box.top) * dpr, (r.right - box.left) * dpr, (r.bottom - box.top) * dpr]);
    }
  });
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.font = "600 100px " + FONT;

  function consider(n, forced, rank) {
    if (seen.has(n.id)) return;
    var b = bodyNode(n.id);
    if (!b) return;
    var sx = m.a * b.x + m.c * b.y + m.e, sy = m.b * b.x + m.d * b.y + m.f;
    var r = n.size * m.a;
    if (!forced) {
      if (sx < -300 || sx > W + 300 || sy < -60 || sy > H + 40) return;
      if (rank >= 8 && n.size * cssScale < 3.5) return;
    }
    var text = truncate(n.label, 32);
    var w100 = widthCache.get(n.id);
    if (w100 === undefined) { w100 = ctx.measureText(text).width; widthCache.set(n.id, w100); }
    var fs = (forced ? 13 : rank < 8 ? 12.5 : 11.5) * dpr;
    var w = w100 * fs / 100;
    // below the node, else above, right or left of it: the first place no other label takes (issue 16)
    var gap = 2 * dpr, pad = 3 * dpr, hgt = fs * 1.2;
    var spots = [[sx, sy + r + gap], [sx, sy - r - gap - hgt], [sx + r + gap + w / 2 + pad, sy - hgt / 2],
      [sx - r - gap - w / 2 - pad, sy - hgt / 2]];
    for (var k = 0; k < (forced ? 1 : spots.length); k++) {
      var x = spots[k][0], y0 = spots[k][1];
      var rect = [x - w / 2 - pad, y0 - 1 * dpr, x + w / 2 + pad, y0 + hgt];
      if (!forced && (rect[0] < 0 || rect[2] > W || rect[1] < 0 || rect[3] > H || grid.hit(rect))) continue;
      grid.add(rect);
      seen.add(n.id);
      out.push({ id: n.id, text: text, x: x, y: y0, fs: fs, forced: forced, rect: rect });
      return;
    }
  }

  if (spot) {
    var sp = Array.from(spot.nodes).map(function (id) { return N.get(id); }).filter(Boolean)
      .sort(function (a, b) { return (spot.primary.has(b.id) ? 1 : 0) - (spot.primary.has(a.id) ? 1 : 0) || b.size - a.size; });
    sp.forEach(function (n) { consider(n, spot.primary.has(n.id) || spot.strong, 0); });
  }
  if (hovered && N.has(hovered)) consider(N.get(hovered), true, 0);
  watchedOrder.forEach(function (n) { if (visN.has(n.id)) consider(n, false, 0); });  // watched names first
  var rank = 0;
  for (var i = 0; i < sizeOrder.length && out.length < 350; i++) {
    var n = sizeOrder[i];
    if (!visN.has(n.id)) continue;
    consider(n, false, rank++);
  }

  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  out.forEach(function (l) {
    var dim = spot && !l.forced && !spot.nodes.has(l.id);
    ctx.font = (l.forced ? "600 " : "500 ") + l.fs + "px " + FONT;
    ctx.lineWidth = 3.5 * dpr;
    ctx.strokeStyle = dim ? "rgba(11,15,20,0.6)" : "rgba(11,15,20,0.92)";
    ctx.strokeText(l.text, l.x, l.y);
    ctx.fillStyle = dim ? "rgba(180,192,205,0.35)" : l.forced ? "#ffffff" : "#dbe3ec";
    ctx.fillText(l.text, l.x, l.y);
  });
  ctx.restore();
  G.labels = out.map(function (l) {
    return { id: l.id, text: l.text, forced: l.forced, rect: l.rect.map(function (v) { return v / dpr; }) };
  });
}

network.on("afterDrawing", function (ctx) {
  try {
    drawSpotlight(ctx);
    drawLabels(ctx);
  } catch (err) {
    console.error("graphkit: overlay drawing failed", err);
  }
  if (!G.ready) {
    G.ready = true;
    G.timing.firstDraw = performance.now();
    $("loading").hidden = true;
  }
});

// ------------------------------------------------------------------ tooltip
var tip = $("tooltip");
function showTip(content, pointer) {
  tip.textContent = "";
  append(tip, content);
  tip.hidden = false;
  var W = container.clientWidth, H = container.clientHeight;
  var x = pointer.x + 14, y = pointer.y + 14;
  var tw = tip.offsetWidth, th = tip.offsetHeight;
  if (x + tw > W - 8) x = Math.max(8, pointer.x - tw - 14);
  if (y + th > H - 8) y = Math.max(8, pointer.y - th - 14);
  tip.style.left = x + "px";
  tip.style.top = y + "px";
}
function hideTip() { tip.hidden = true; }
function linkSummary(e) {
  var parts = [];
  if (e.paragraphs) parts.push(plural(e.paragraphs, "paragraph") + " in " + plural(e.documents, "document"));
  if (e.messages) parts.push(plural(e.messages, "message"));
  return parts.join(" \u00b7 ") || "weight " + fmt(e.weight);
}
function snippet(e) {
  for (var i = 0; i < e.evidence.length; i++) {
    var p = paragraphs[e.evidence[i]];
    if (!p || typeof p !== "object") continue;
    var text = str(p.text);
    var start = 0;
    if (Array.isArray(p.spans)) {
      for (var j = 0; j < p.spans.length; j++) {
        var s = p.spans[j];
        if (Array.isArray(s) && (String(s[2]) === e.from || String(s[2]) === e.to)) { start = int(s[0]); break; }
      }
    }
    var a = Math.max(0, start - 60);
    var piece = text.slice(a, a + 200).replace(/\s+/g, " ").trim();
    return (a > 0 ? "\u2026" : "") + piece + (a + 200 < text.length ? "\u2026" : "");
  }
  var m = e.mail.length ? mails[e.mail[0]] : null;  // a link of mail only: its first message
  return m && typeof m === "object" ? mailLine(m) : null;
}
network.on("hoverNode", function (p) {
  var n = N.get(String(p.node));
  if (!n) return;
  hovered = n.id;
  showTip([
    h("div", { class: "tt-title", text: n.label }),
    h("div", { class: "tt-sub", text: n.type + " \u00b7 " + plural(n.mentions, "mention") + " \u00b7 " + plural(n.documents, "document") }),
    n.watched.length ? h("div", { class: "tt-watch", text: "on watchlist: " + n.watched.join(", ") }) : null
  ], p.pointer.DOM);
});
network.on("blurNode", function () { hovered = null; hideTip(); });
network.on("hoverEdge", function (p) {
  var e = E.get(String(p.edge));
  if (!e) return;
  var sn = snippet(e);
  showTip([
    h("div", { class: "tt-title", text: N.get(e.from).label + " \u2014 " + N.get(e.to).label }),
    h("div", { class: "tt-sub", text: linkSummary(e) + " \u00b7 strength " + e.strength.toFixed(2) + " \u00b7 click for evidence" }),
    sn ? h("div", { class: "tt-snippet", text: sn }) : null
  ], p.pointer.DOM);
});
network.on("blurEdge", hideTip);
network.on("dragStart", hideTip);
network.on("zoom", hideTip);
