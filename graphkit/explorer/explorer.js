/* graphkit explorer: the interactive part of the HTML export.
 *
 * Inlined into explorer.html by the exporter, after vis-network. Reads the graph from
 * <script id="graphkit-data" type="application/json"> and builds the UI.
 *
 * Security rule for this file: every string that comes from the data (names, aliases, file
 * names, paragraph text, types, the title) reaches the page only through textContent,
 * createTextNode, setAttribute on inert attributes, or canvas fillText. Never innerHTML,
 * never a vis-network `title` string (vis renders those as HTML).
 *
 * Test hooks: window.graphkit = {ready, network, nodes, edges, nodesView, edgesView,
 * selectNode(id), selectEdge(id), findPath(a, b, strongest), clearSelection(), ...}.
 */
(function () {
  "use strict";

  var G = (window.graphkit = { ready: false, error: null, timing: { start: performance.now() } });
  var $ = function (id) { return document.getElementById(id); };
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';
  var HL = "#ffd166";
  var HL2 = "#7ee0c3";
  var FALLBACK = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  var COMMUNITY = ["#5fa2dd", "#f28e2b", "#e15759", "#59a14f", "#edc948", "#b07aa1", "#76b7b2", "#ff9da7", "#9c755f",
    "#8cd17d", "#f1ce63", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#b6992d", "#fabfd2", "#d4a6c8", "#79706e", "#499894"];
  var OTHER_COMMUNITY = "#6b7684";

  // ------------------------------------------------------------------ small helpers
  function h(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") e.textContent = String(v);
        else if (k === "class") e.className = v;
        else if (k === "style") Object.keys(v).forEach(function (s) { e.style[s] = v[s]; });
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? "" : String(v));
      });
    }
    append(e, children);
    return e;
  }
  function append(e, children) {
    if (children === null || children === undefined) return e;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return e;
  }
  function str(v, dflt) { return v === null || v === undefined ? (dflt === undefined ? "" : dflt) : String(v); }
  function int(v, dflt) { var n = Number(v); return isFinite(n) ? Math.round(n) : (dflt || 0); }
  function num(v, dflt) { var n = Number(v); return typeof v !== "boolean" && v !== null && v !== "" && isFinite(n) ? n : dflt; }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : (many || one + "s")); }
  function fmtCentrality(c) {
    if (!isFinite(c)) return "–";
    if (c === 0) return "0";
    if (Math.abs(c) >= 100) return fmt(Math.round(c));
    return Number(c.toPrecision(2)).toString();
  }
  function validColor(c) { return typeof c === "string" && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c.trim()) ? c.trim() : null; }
  function rgb(c) {
    c = c.replace("#", "");
    if (c.length === 3) c = c[0] + c[0] + c[1] + c[1] + c[2] + c[2];
    return [parseInt(c.slice(0, 2), 16), parseInt(c.slice(2, 4), 16), parseInt(c.slice(4, 6), 16)];
  }
  function mix(c, target, t) {
    var a = rgb(c), b = rgb(target);
    return "#" + a.map(function (v, i) {
      var x = Math.round(v + (b[i] - v) * t);
      return (x < 16 ? "0" : "") + x.toString(16);
    }).join("");
  }
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }
  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }

  var toastTimer = null;
  function toast(msg) {
    var t = $("toast");
    t.textContent = msg;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, 3500);
  }
  function fatal(msg) {
    G.error = msg;
    var l = $("loading");
    l.hidden = false;
    l.className = "loading error";
    l.textContent = msg;
  }

  // ------------------------------------------------------------------ data
  var raw;
  try {
    var dataEl = $("graphkit-data");
    raw = JSON.parse(dataEl ? dataEl.textContent : "null");
    if (!raw || typeof raw !== "object" || !Array.isArray(raw.nodes)) throw new Error("no \"nodes\" list");
  } catch (err) {
    fatal("graphkit: could not read the graph embedded in this page (" + err.message + ").");
    return;
  }
  if (typeof vis === "undefined" || !vis.Network) {
    fatal("graphkit: vis-network is not embedded in this page.");
    return;
  }
  G.data = raw;
  var meta = raw.meta && typeof raw.meta === "object" ? raw.meta : {};
  var paragraphs = raw.paragraphs && typeof raw.paragraphs === "object" ? raw.paragraphs : {};

  var typeColor = {};
  Object.keys(raw.types && typeof raw.types === "object" ? raw.types : {}).forEach(function (t) {
    var c = validColor(raw.types[t]);
    if (c) typeColor[t] = c;
  });

  var N = new Map();          // id -> node record
  var E = new Map();          // id -> edge record
  var adj = new Map();        // id -> [edge records], heaviest first
  var missingXY = false;
  raw.nodes.forEach(function (n) {
    if (!n || typeof n !== "object" || n.id === null || n.id === undefined) return;
    var id = String(n.id);
    if (N.has(id)) return;
    var x = num(n.x, NaN), y = num(n.y, NaN);
    if (!isFinite(x) || !isFinite(y)) missingXY = true;
    var rec = {
      id: id,
      label: str(n.label, id) || id,
      type: str(n.type, "OTHER") || "OTHER",
      mentions: Math.max(0, int(n.mentions)),
      documents: Math.max(0, int(n.documents)),
      aliases: Array.isArray(n.aliases) ? n.aliases.map(function (a) { return str(a); }).filter(Boolean) : [],
      community: n.community === null || n.community === undefined ? -1 : int(n.community, -1),
      x: x, y: y,
      size: Math.max(0.5, Math.min(num(n.size, 10), 500)),
      centrality: num(n.centrality, 0),
      files: Array.isArray(n.files) ? n.files.map(function (f) { return str(f); }) : [],
      maxW: 0, degree: 0
    };
    N.set(id, rec);
    adj.set(id, []);
  });
  var edgeSeq = 0;
  (Array.isArray(raw.edges) ? raw.edges : []).forEach(function (e) {
    if (!e || typeof e !== "object") return;
    var from = str(e.from), to = str(e.to);
    if (!N.has(from) || !N.has(to) || from === to) return;
    var id = e.id === null || e.id === undefined ? "e" + edgeSeq : String(e.id);
    while (E.has(id)) id = id + "~" + (edgeSeq++);
    edgeSeq++;
    var evidence = Array.isArray(e.evidence) ? e.evidence.map(function (p) { return String(p); }) : [];
    var rec = {
      id: id, from: from, to: to,
      weight: Math.max(1, int(e.weight, 1)),
      documents: Math.max(0, int(e.documents)),
      evidence: evidence,
      evidenceTotal: Math.max(evidence.length, int(e.evidence_total, evidence.length))
    };
    E.set(id, rec);
    adj.get(from).push(rec);
    adj.get(to).push(rec);
    [N.get(from), N.get(to)].forEach(function (n) { n.degree++; if (rec.weight > n.maxW) n.maxW = rec.weight; });
  });
  adj.forEach(function (list) { list.sort(function (a, b) { return b.weight - a.weight || b.documents - a.documents; }); });
  function other(e, id) { return e.from === id ? e.to : e.from; }

  // fill in colours for types the data did not colour
  var typeCounts = new Map();
  N.forEach(function (n) { typeCounts.set(n.type, (typeCounts.get(n.type) || 0) + 1); });
  var typeOrder = Array.from(typeCounts.keys()).sort(function (a, b) { return typeCounts.get(b) - typeCounts.get(a) || (a < b ? -1 : 1); });
  var fb = 0;
  typeOrder.forEach(function (t) { if (!typeColor[t]) typeColor[t] = FALLBACK[fb++ % FALLBACK.length]; });

  // communities ranked by size; colours by rank
  var commMembers = new Map();
  N.forEach(function (n) {
    if (!commMembers.has(n.community)) commMembers.set(n.community, []);
    commMembers.get(n.community).push(n);
  });
  var commOrder = Array.from(commMembers.keys()).filter(function (c) { return c >= 0; })
    .sort(function (a, b) { return commMembers.get(b).length - commMembers.get(a).length || a - b; });
  var commRank = new Map();
  commOrder.forEach(function (c, i) { commRank.set(c, i); });
  commMembers.forEach(function (list) { list.sort(function (a, b) { return b.centrality - a.centrality || b.size - a.size; }); });
  function commColor(c) {
    var r = commRank.get(c);
    if (r === undefined || r >= COMMUNITY.length) return OTHER_COMMUNITY;
    var members = commMembers.get(c);
    return members && members.length > 1 ? COMMUNITY[r] : OTHER_COMMUNITY;
  }

  // bigger nodes first: label priority and "most central" list
  var sizeOrder = Array.from(N.values()).sort(function (a, b) {
    return b.size - a.size || b.centrality - a.centrality || b.mentions - a.mentions;
  });
  var centralOrder = Array.from(N.values()).sort(function (a, b) {
    return b.centrality - a.centrality || b.size - a.size || b.mentions - a.mentions;
  });

  // ------------------------------------------------------------------ search index
  var index = [];
  N.forEach(function (n) {
    var seen = new Set();
    [n.label].concat(n.aliases).forEach(function (name) {
      var k = norm(name);
      if (!k || seen.has(k)) return;
      seen.add(k);
      index.push({ k: k, id: n.id, name: name, word: false });
      var re = /[\s\-\/.,(]+/g, m;
      while ((m = re.exec(k)) !== null) {
        var rest = k.slice(m.index + m[0].length);
        if (rest.length >= 2 && !seen.has(rest)) index.push({ k: rest, id: n.id, name: name, word: true });
      }
    });
  });
  index.sort(function (a, b) { return a.k < b.k ? -1 : a.k > b.k ? 1 : 0; });

  function lookup(q, limit) {
    q = norm(q);
    if (!q) return [];
    var lo = 0, hi = index.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (index[mid].k < q) lo = mid + 1; else hi = mid; }
    var best = new Map();
    for (var i = lo; i < index.length && index[i].k.slice(0, q.length) === q && i - lo < 20000; i++) {
      var en = index[i];
      var rank = en.k === q ? (en.word ? 1 : 0) : (en.word ? 3 : 2);
      var cur = best.get(en.id);
      if (!cur || rank < cur.rank) best.set(en.id, { rank: rank, name: en.name, id: en.id });
    }
    return Array.from(best.values()).sort(function (a, b) {
      var na = N.get(a.id), nb = N.get(b.id);
      return a.rank - b.rank || nb.mentions - na.mentions || nb.size - na.size;
    }).slice(0, limit || 10);
  }
  function resolve(text) {
    if (text === null || text === undefined) return null;
    text = String(text);
    if (N.has(text)) return text;
    var r = lookup(text, 1);
    return r.length ? r[0].id : null;
  }
  G.lookup = function (q) { return lookup(q, 10).map(function (r) { return r.id; }); };
  G.resolve = resolve;

  // ------------------------------------------------------------------ filters
  function quantile(arr, q) { return arr.length ? arr[Math.round(q * (arr.length - 1))] : 0; }
  var weights = Array.from(E.values()).map(function (e) { return e.weight; }).sort(function (a, b) { return a - b; });
  var mentionsSorted = Array.from(N.values()).map(function (n) { return n.mentions; }).sort(function (a, b) { return a - b; });
  var baseW = weights.length ? weights[0] : 1;
  var maxW = weights.length ? weights[weights.length - 1] : 1;
  var baseM = mentionsSorted.length ? mentionsSorted[0] : 0;
  var maxM = mentionsSorted.length ? mentionsSorted[mentionsSorted.length - 1] : 0;
  var sliderMaxW = maxW <= 60 ? maxW : Math.min(maxW, Math.max(60, quantile(weights, 0.995)));
  var sliderMaxM = maxM <= 100 ? maxM : Math.min(maxM, Math.max(100, quantile(mentionsSorted, 0.98)));

  var state = { hiddenTypes: new Set(), hiddenComms: new Set(), minWeight: baseW, minMentions: baseM, colorMode: "type" };
  var visN = new Set(), visE = new Set();
  function nodePasses(n) {
    return !state.hiddenTypes.has(n.type) && !state.hiddenComms.has(n.community) && n.mentions >= state.minMentions &&
      (n.degree === 0 || n.maxW >= state.minWeight);
  }
  function computeVisibility() {
    visN = new Set();
    visE = new Set();
    N.forEach(function (n) { if (nodePasses(n)) visN.add(n.id); });
    E.forEach(function (e) { if (e.weight >= state.minWeight && visN.has(e.from) && visN.has(e.to)) visE.add(e.id); });
  }
  computeVisibility();

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
  var medianSize = median(Array.from(N.values()).map(function (n) { return n.size; })) || 10;
  var est = missingXY ? null : fitParams(mainPart(), true, false);
  var fitScale = est ? est.scale : 1;

  // Node sizes are a suggestion: scale them all by one factor so that a typical node's radius is
  // ~35% of the distance to its nearest neighbour (no blobs), and 2.5-14 px on the first view.
  var sizeScale = 1;
  if (!missingXY && N.size > 1) {
    var all = Array.from(N.values());
    var step = Math.max(1, Math.floor(all.length / 400));
    var nn = [];
    for (var si = 0; si < all.length; si += step) {
      var a = all[si], best = Infinity;
      for (var sj = 0; sj < all.length; sj++) {
        if (sj === si) continue;
        var dx = all[sj].x - a.x, dy = all[sj].y - a.y, d2 = dx * dx + dy * dy;
        if (d2 > 0 && d2 < best) best = d2;
      }
      if (isFinite(best)) nn.push(Math.sqrt(best));
    }
    if (nn.length) sizeScale = (0.35 * median(nn)) / medianSize;
    var screen = medianSize * sizeScale * fitScale;
    if (screen > 14) sizeScale *= 14 / screen;
    if (screen < 2.5) sizeScale *= 2.5 / screen;
    N.forEach(function (n) { n.size = n.size * sizeScale; });
    medianSize *= sizeScale;
  }
  G.sizeScale = sizeScale;

  // ------------------------------------------------------------------ vis data
  function nodeColor(n) { return state.colorMode === "community" ? commColor(n.community) : typeColor[n.type]; }
  function visColor(c) {
    return {
      background: c, border: mix(c, "#000000", 0.35),
      highlight: { background: mix(c, "#ffffff", 0.2), border: "#ffffff" },
      hover: { background: mix(c, "#ffffff", 0.12), border: "#e6edf3" }
    };
  }
  // edge widths: 0.6-4 px on the first view, by weight (world units, so they grow with zoom)
  var edgeScale = fitScale;
  function edgeWidth(w) { return Math.min(0.6 + Math.log2(w) * 0.6, 4) / edgeScale; }
  var big = N.size > 800 || E.size > 3000;
  var edgeAlpha = E.size > 3000 ? 0.16 : E.size > 800 ? 0.24 : 0.36;
  var EDGE = "rgba(139,152,170," + edgeAlpha + ")";

  var nodesDS = new vis.DataSet(Array.from(N.values()).map(function (n) {
    var v = { id: n.id, size: n.size, color: visColor(nodeColor(n)) };
    if (!missingXY) { v.x = n.x; v.y = n.y; }
    return v;
  }));
  var edgesDS = new vis.DataSet(Array.from(E.values()).map(function (e) {
    return { id: e.id, from: e.from, to: e.to, width: edgeWidth(e.weight) };
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
      ctx.lineWidth = (spot.primary.has(id) ? 2.5 : 1.2) / scale;
      ctx.strokeStyle = spot.primary.has(id) ? "#ffffff" : mix(c, "#ffffff", 0.35);
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
      var y0 = sy + r + 2 * dpr;
      var rect = [sx - w / 2 - 3 * dpr, y0 - 1 * dpr, sx + w / 2 + 3 * dpr, y0 + fs * 1.2];
      if (!forced && grid.hit(rect)) return;
      grid.add(rect);
      seen.add(n.id);
      out.push({ id: n.id, text: text, x: sx, y: y0, fs: fs, forced: forced, rect: rect });
    }

    if (spot) {
      var sp = Array.from(spot.nodes).map(function (id) { return N.get(id); }).filter(Boolean)
        .sort(function (a, b) { return (spot.primary.has(b.id) ? 1 : 0) - (spot.primary.has(a.id) ? 1 : 0) || b.size - a.size; });
      sp.forEach(function (n) { consider(n, spot.primary.has(n.id) || spot.strong, 0); });
    }
    if (hovered && N.has(hovered)) consider(N.get(hovered), true, 0);
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
    return null;
  }
  network.on("hoverNode", function (p) {
    var n = N.get(String(p.node));
    if (!n) return;
    hovered = n.id;
    showTip([
      h("div", { class: "tt-title", text: n.label }),
      h("div", { class: "tt-sub", text: n.type + " \u00b7 " + plural(n.mentions, "mention") + " \u00b7 " + plural(n.documents, "document") })
    ], p.pointer.DOM);
  });
  network.on("blurNode", function () { hovered = null; hideTip(); });
  network.on("hoverEdge", function (p) {
    var e = E.get(String(p.edge));
    if (!e) return;
    var sn = snippet(e);
    showTip([
      h("div", { class: "tt-title", text: N.get(e.from).label + " \u2014 " + N.get(e.to).label }),
      h("div", { class: "tt-sub", text: "weight " + fmt(e.weight) + " \u00b7 " + plural(e.documents, "document") + " \u00b7 click for evidence" }),
      sn ? h("div", { class: "tt-snippet", text: sn }) : null
    ], p.pointer.DOM);
  });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ panel + navigation
  var panelBody = $("panel-body");
  var historyStack = [];
  function setPanel(kicker, children) {
    $("panel-kicker").textContent = kicker;
    panelBody.textContent = "";
    append(panelBody, children);
    panelBody.scrollTop = 0;
  }
  function pushHistory(entry) {
    var last = historyStack[historyStack.length - 1];
    if (!last || JSON.stringify(last) !== JSON.stringify(entry)) historyStack.push(entry);
    if (historyStack.length > 100) historyStack.shift();
    $("panel-back").disabled = historyStack.length < 2;
    G.current = entry;
  }
  function goBack() {
    if (historyStack.length < 2) return;
    historyStack.pop();
    var e = historyStack.pop();
    if (e.kind === "node") selectNode(e.id, { focus: true });
    else if (e.kind === "edge") selectEdge(e.id);
    else if (e.kind === "path") showPath(e.from, e.to, e.strongest);
    else clearSelection();
  }

  function swatch(c, cls) { return h("span", { class: cls || "swatch", style: { background: c } }); }
  function typeBadge(n) { return h("span", { class: "badge" }, [swatch(typeColor[n.type]), n.type]); }
  function stat(v, k) { return h("div", { class: "stat" }, [h("div", { class: "v", text: v }), h("div", { class: "k", text: k })]); }
  function hiddenNotice(what) {
    return h("div", { class: "notice" }, [what + " hidden by the current filters.",
      h("button", { class: "btn-link", type: "button", text: "Reset filters", onclick: function () { resetFilters(); } })]);
  }

  // A paragraph with the mentions of `a` and `b` wrapped in <mark>, other entities clickable.
  // spans are [start, end, nodeId] in code points (Python str offsets).
  function highlighted(text, spans, a, b) {
    text = str(text);
    var out = h("p", { class: "ev-text" });
    var hasSurrogates = /[\ud800-\udfff]/.test(text);
    var map = null;
    if (hasSurrogates) {
      map = [0];
      for (var i = 0, u = 0; i < text.length; i++) {
        var cc = text.charCodeAt(i);
        u++;
        if (cc >= 0xd800 && cc <= 0xdbff && i + 1 < text.length) { i++; u++; }
        map.push(u);
      }
    }
    var cpLen = map ? map.length - 1 : text.length;
    var list = [];
    (Array.isArray(spans) ? spans : []).forEach(function (s) {
      if (!Array.isArray(s) || s.length < 3) return;
      var s0 = Number(s[0]), s1 = Number(s[1]);
      if (!Number.isInteger(s0) || !Number.isInteger(s1) || s0 < 0 || s1 <= s0 || s1 > cpLen) return;
      list.push([map ? map[s0] : s0, map ? map[s1] : s1, String(s[2])]);
    });
    // endpoint without spans in this paragraph: fall back to finding its names in the text
    [a, b].forEach(function (id) {
      if (!id || !N.has(id) || list.some(function (s) { return s[2] === id; })) return;
      var lower = text.toLowerCase();
      if (lower.length !== text.length) return;
      var n = N.get(id);
      var names = [n.label].concat(n.aliases).filter(function (x) { return x.length >= 2; })
        .sort(function (x, y) { return y.length - x.length; });
      names.forEach(function (name) {
        var k = name.toLowerCase(), from = 0, at;
        while ((at = lower.indexOf(k, from)) !== -1) { list.push([at, at + k.length, id]); from = at + k.length; }
      });
    });
    list.sort(function (x, y) { return x[0] - y[0] || (y[1] - y[0]) - (x[1] - x[0]); });
    var cur = 0;
    list.forEach(function (s) {
      if (s[0] < cur) return;
      if (s[0] > cur) out.appendChild(document.createTextNode(text.slice(cur, s[0])));
      var piece = text.slice(s[0], s[1]);
      var id = s[2];
      if (id === a) out.appendChild(h("mark", { class: "m-a", text: piece }));
      else if (id === b) out.appendChild(h("mark", { class: "m-b", text: piece }));
      else if (N.has(id)) {
        out.appendChild(h("span", { class: "ent", text: piece, title: N.get(id).label + " (" + N.get(id).type + ")",
          onclick: function () { selectNode(id, { focus: true }); } }));
      } else out.appendChild(document.createTextNode(piece));
      cur = s[1];
    });
    if (cur < text.length) out.appendChild(document.createTextNode(text.slice(cur)));
    return out;
  }

  function evidenceCard(pid, a, b) {
    var p = paragraphs[pid];
    if (!p || typeof p !== "object") {
      return h("div", { class: "ev" }, h("div", { class: "ev-missing", text: "Paragraph " + pid + " is not embedded in this page." }));
    }
    var kind = str(p.kind, "body") || "body";
    var known = kind === "comment" || kind === "boilerplate";
    return h("div", { class: "ev" + (kind === "boilerplate" ? " boilerplate" : ""), "data-paragraph": pid }, [
      h("div", { class: "ev-head" }, [
        h("span", { class: "ev-file", text: str(p.file, "?") }),
        h("span", { class: "ev-para", text: "\u00b6 " + str(p.paragraph, "?") }),
        h("span", { class: "ev-kind" + (known ? " k-" + kind : ""), text: kind })
      ]),
      highlighted(p.text, p.spans, a, b)
    ]);
  }
  function notEmbedded(e) {
    var k = e.evidenceTotal - e.evidence.length;
    if (k <= 0) return null;
    return h("div", { class: "ev-more" }, [
      plural(k, "more paragraph") + " not embedded in this page. All of them: ",
      h("code", { text: "graphkit evidence \"" + N.get(e.from).label + "\" \"" + N.get(e.to).label + "\"" })
    ]);
  }

  function neighbourRows(n, limit) {
    var list = adj.get(n.id);
    var maxw = list.length ? list[0].weight : 1;
    var ul = h("ul", { class: "rows", id: "neighbours" });
    list.slice(0, limit).forEach(function (e) {
      var o = N.get(other(e, n.id));
      var hiddenNow = !visE.has(e.id);
      ul.appendChild(h("li", {
        class: "row" + (hiddenNow ? " is-hidden" : ""), "data-node": o.id, "data-edge": e.id,
        title: hiddenNow ? "Hidden by the current filters" : null,
        onclick: function () { selectNode(o.id, { focus: true }); }
      }, [
        swatch(nodeColor(o)),
        h("span", { class: "r-name", text: o.label }),
        h("span", { class: "r-bar" }, h("i", { style: { width: Math.max(4, 100 * e.weight / maxw) + "%" } })),
        h("span", { class: "r-val" }, [
          fmt(e.weight),
          h("button", { class: "btn-link r-ev", type: "button", text: "\u00b6", title: "Evidence for this link",
            "aria-label": "Evidence for this link",
            onclick: function (ev) { ev.stopPropagation(); selectEdge(e.id); } })
        ])
      ]));
    });
    return ul;
  }

  function renderNodePanel(n) {
    var list = adj.get(n.id);
    var visDeg = list.filter(function (e) { return visE.has(e.id); }).length;
    var aliases = n.aliases.filter(function (a) { return a !== n.label; });
    var commSize = (commMembers.get(n.community) || []).length;
    var section = h("div", { id: "neighbours-section" });
    var LIMIT = 20;
    function fillNeighbours(limit) {
      section.textContent = "";
      append(section, [
        h("h3", null, ["Top neighbours", h("span", { class: "h-note", text: "by weight (shared paragraphs)" })]),
        list.length ? neighbourRows(n, limit) : h("p", { class: "muted", text: "No links." }),
        list.length > limit ? h("button", { class: "btn-link more", type: "button", text: "Show all " + fmt(list.length),
          onclick: function () { fillNeighbours(list.length); } }) : null
      ]);
    }
    fillNeighbours(LIMIT);
    setPanel("Entity", [
      h("div", { class: "badge-row" }, [
        typeBadge(n),
        n.community >= 0 ? h("span", { class: "badge", title: commSize + " entities in this community" },
          [swatch(commColor(n.community)), "community " + n.community]) : null
      ]),
      h("h2", { id: "panel-title", text: n.label }),
      visN.has(n.id) ? null : hiddenNotice("This entity is"),
      h("div", { class: "stat-grid" }, [
        stat(fmt(n.mentions), "mentions"), stat(fmt(n.documents), "documents"),
        stat(visDeg === list.length ? fmt(list.length) : fmt(visDeg) + "/" + fmt(list.length), "links"),
        stat(fmtCentrality(n.centrality), "centrality")
      ]),
      aliases.length ? h("h3", null, ["Also written as", h("span", { class: "h-note", text: fmt(aliases.length) })]) : null,
      aliases.length ? h("div", { class: "chips", id: "aliases" }, aliases.slice(0, 60).map(function (a) {
        return h("span", { class: "chip", text: a, title: a });
      })) : null,
      h("h3", null, ["Documents", h("span", { class: "h-note", text: fmt(n.files.length || n.documents) })]),
      n.files.length ? h("ul", { class: "files", id: "files" }, n.files.map(function (f) { return h("li", { text: f }); }))
        : h("p", { class: "muted", text: "No file list in this export." }),
      section
    ]);
  }

  function renderEdgePanel(e) {
    var a = N.get(e.from), b = N.get(e.to);
    var name = function (n, cls) {
      return h("span", { class: "link-name", onclick: function () { selectNode(n.id, { focus: true }); } }, [h("span", { class: cls }), n.label]);
    };
    setPanel("Link", [
      h("div", { class: "badge-row" }, [typeBadge(a), typeBadge(b)]),
      h("h2", { class: "ends", id: "panel-title" }, [name(a, "mk-a"), h("span", { class: "sep", text: "appear together with" }), name(b, "mk-b")]),
      visE.has(e.id) ? null : hiddenNotice("This link is"),
      h("div", { class: "stat-grid cols-3" }, [
        stat(fmt(e.weight), "paragraphs"), stat(fmt(e.documents), "documents"),
        stat(fmt(e.evidence.length) + (e.evidenceTotal > e.evidence.length ? "/" + fmt(e.evidenceTotal) : ""), "quoted below")
      ]),
      h("h3", null, ["Evidence", h("span", { class: "h-note", text: "paragraphs naming both" })]),
      h("div", { class: "ev-list", id: "evidence" }, e.evidence.map(function (pid) { return evidenceCard(pid, a.id, b.id); })
        .concat([notEmbedded(e)]).concat(e.evidence.length ? [] : [h("p", { class: "muted", text: "No paragraphs embedded for this link." })]))
    ]);
  }

  function renderOverview() {
    var top = centralOrder.slice(0, 12);
    var maxc = top.length ? Math.max(top[0].centrality, 1e-12) : 1;
    var omitted = bannerText();
    setPanel("Overview", [
      h("h2", { id: "panel-title", text: str(meta.title) || "Entity graph" }),
      meta.generated ? h("p", { class: "muted", text: "Generated " + str(meta.generated) }) : null,
      h("div", { class: "stat-grid cols-3" }, [
        stat(fmt(N.size), "entities"), stat(fmt(E.size), "links"), stat(fmt(typeOrder.length), "types")
      ]),
      omitted ? h("div", { class: "notice", text: omitted }) : null,
      str(meta.left_out) ? h("p", { class: "muted", id: "left-out", text: str(meta.left_out) }) : null,
      h("h3", null, ["Most central", h("span", { class: "h-note", text: "click to open" })]),
      h("ul", { class: "rows" }, top.map(function (n) {
        return h("li", { class: "row", "data-node": n.id, onclick: function () { selectNode(n.id, { focus: true }); } }, [
          swatch(nodeColor(n)), h("span", { class: "r-name", text: n.label }),
          h("span", { class: "r-bar" }, h("i", { style: { width: Math.max(4, 100 * n.centrality / maxc) + "%" } })),
          h("span", { class: "r-val", text: fmt(n.degree), title: "links" })
        ]);
      })),
      h("h3", { text: "How to read this" }),
      h("ul", { class: "help" }, [
        h("li", { text: "A line means two entities are named in the same paragraph; thicker means more paragraphs." }),
        h("li", { text: "Click an entity for its aliases, documents and strongest links." }),
        h("li", { text: "Click a line to read every paragraph that names both." }),
        h("li", { text: "Path: type two names in the toolbar to see how they connect, hop by hop, with evidence." }),
        h("li", { text: "Legend: click a type to hide it, double-click to show only that type." }),
        h("li", null, [h("span", { class: "kbd", text: "/" }), " search \u00b7 ", h("span", { class: "kbd", text: "Esc" }), " clear"])
      ])
    ]);
  }

  function spotForNode(id) {
    var nodes = new Set([id]), edges = new Set();
    adj.get(id).forEach(function (e) {
      if (!visE.has(e.id)) return;
      edges.add(e.id);
      nodes.add(other(e, id));
    });
    return { nodes: nodes, edges: edges, primary: new Set([id]), strong: false };
  }

  function selectNode(id, opts) {
    opts = opts || {};
    id = id === null || id === undefined ? "" : String(id);
    if (!N.has(id)) {
      var r = resolve(id);
      if (!r) { toast("No entity \u201c" + id + "\u201d in this graph."); return false; }
      id = r;
    }
    var n = N.get(id);
    if (visN.has(id)) {
      network.selectNodes([id], true);
      spot = spotForNode(id);
      if (opts.focus) focusNode(id);
    } else {
      network.unselectAll();
      spot = null;
    }
    renderNodePanel(n);
    pushHistory({ kind: "node", id: id });
    network.redraw();
    return true;
  }
  function selectEdge(id) {
    id = String(id);
    var e = E.get(id);
    if (!e) return false;
    if (visE.has(id)) {
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
      spot = { nodes: new Set([e.from, e.to]), edges: new Set([id]), primary: new Set([e.from, e.to]), strong: true };
    } else {
      network.unselectAll();
      spot = null;
    }
    renderEdgePanel(e);
    pushHistory({ kind: "edge", id: id });
    network.redraw();
    return true;
  }
  function clearSelection() {
    network.unselectAll();
    spot = null;
    G.path = null;
    renderOverview();
    pushHistory({ kind: "overview" });
    network.redraw();
  }

  // ------------------------------------------------------------------ paths (over the visible graph)
  function route(src, dst, strongest) {
    if (!visN.has(src) || !visN.has(dst)) return null;
    var prev = new Map();
    if (src === dst) return { nodes: [src], edges: [] };
    if (!strongest) {
      var seen = new Set([src]), queue = [src], qi = 0;
      while (qi < queue.length) {
        var u = queue[qi++];
        if (u === dst) break;
        var list = adj.get(u);
        for (var i = 0; i < list.length; i++) {
          var e = list[i];
          if (!visE.has(e.id)) continue;
          var v = other(e, u);
          if (seen.has(v)) continue;
          seen.add(v);
          prev.set(v, e);
          queue.push(v);
        }
      }
      if (!seen.has(dst)) return null;
    } else {
      // Dijkstra, distance = sum of 1/weight; ties broken by fewer hops
      var dist = new Map([[src, 0]]), hops = new Map([[src, 0]]), done = new Set();
      var heap = [[0, 0, src]];
      var push = function (it) {
        heap.push(it);
        var k = heap.length - 1;
        while (k > 0) {
          var p = (k - 1) >> 1;
          if (less(heap[p], heap[k])) break;
          var t = heap[p]; heap[p] = heap[k]; heap[k] = t; k = p;
        }
      };
      var less = function (x, y) { return x[0] < y[0] - 1e-12 || (Math.abs(x[0] - y[0]) <= 1e-12 && x[1] <= y[1]); };
      var pop = function () {
        var top = heap[0], last = heap.pop();
        if (heap.length) {
          heap[0] = last;
          var k = 0;
          for (;;) {
            var l = 2 * k + 1, r = l + 1, s = k;
            if (l < heap.length && less(heap[l], heap[s])) s = l;
            if (r < heap.length && less(heap[r], heap[s])) s = r;
            if (s === k) break;
            var t = heap[s]; heap[s] = heap[k]; heap[k] = t; k = s;
          }
        }
        return top;
      };
      while (heap.length) {
        var it = pop(), d = it[0], uu = it[2];
        if (done.has(uu)) continue;
        done.add(uu);
        if (uu === dst) break;
        var l2 = adj.get(uu);
        for (var j = 0; j < l2.length; j++) {
          var e2 = l2[j];
          if (!visE.has(e2.id)) continue;
          var w = other(e2, uu);
          if (done.has(w)) continue;
          var nd = d + 1 / e2.weight, nh = hops.get(uu) + 1;
          var od = dist.get(w);
          if (od === undefined || nd < od - 1e-12 || (Math.abs(nd - od) <= 1e-12 && nh < hops.get(w))) {
            dist.set(w, nd); hops.set(w, nh); prev.set(w, e2);
            push([nd, nh, w]);
          }
        }
      }
      if (!done.has(dst)) return null;
    }
    var nodes = [dst], edges = [], cur = dst;
    while (cur !== src) {
      var pe = prev.get(cur);
      edges.push(pe.id);
      cur = other(pe, cur);
      nodes.push(cur);
    }
    nodes.reverse();
    edges.reverse();
    return { nodes: nodes, edges: edges };
  }

  function showPath(a, b, strongest) {
    var src = resolve(a), dst = resolve(b);
    if (!src || !dst) {
      toast("No entity \u201c" + str(!src ? a : b) + "\u201d in this graph.");
      return null;
    }
    var r = route(src, dst, !!strongest);
    var alt = route(src, dst, !strongest);
    var A = N.get(src), B = N.get(dst);
    pushHistory({ kind: "path", from: src, to: dst, strongest: !!strongest });
    if (!r) {
      network.unselectAll();
      spot = { nodes: new Set([src, dst].filter(function (x) { return visN.has(x); })), edges: new Set(),
        primary: new Set([src, dst]), strong: true };
      G.path = null;
      var hiddenCount = N.size - visN.size;
      setPanel("Path", [
        h("h2", { id: "panel-title" }, [A.label, h("span", { class: "muted", text: " \u2192 " }), B.label]),
        h("p", { text: "No path between these two entities" + (hiddenCount ? " in the visible graph." : ".") }),
        hiddenCount ? hiddenNotice(plural(hiddenCount, "entity", "entities") + (hiddenCount === 1 ? " is" : " are")) : null
      ]);
      network.redraw();
      return null;
    }
    network.setSelection({ nodes: r.nodes, edges: r.edges }, { unselectAll: true, highlightEdges: false });
    spot = { nodes: new Set(r.nodes), edges: new Set(r.edges), primary: new Set([src, dst]), strong: true };
    G.path = { nodes: r.nodes.slice(), edges: r.edges.slice(), hops: r.edges.length, strongest: !!strongest };

    var hopsOf = function (x) { return x ? plural(x.edges.length, "hop") : "none"; };
    var shortest = strongest ? alt : r, strong = strongest ? r : alt;
    var same = shortest && strong && shortest.edges.join("\u0000") === strong.edges.join("\u0000");
    var hops = r.edges.map(function (eid, i) {
      var e = E.get(eid);
      var u = N.get(r.nodes[i]), v = N.get(r.nodes[i + 1]);
      var box = h("div", { class: "ev-list" });
      var fill = function (limit) {
        box.textContent = "";
        append(box, e.evidence.slice(0, limit).map(function (pid) { return evidenceCard(pid, u.id, v.id); }));
        if (e.evidence.length > limit) {
          box.appendChild(h("button", { class: "btn-link", type: "button", text: "Show " + plural(e.evidence.length - limit, "more paragraph"),
            onclick: function () { fill(e.evidence.length); } }));
        } else append(box, notEmbedded(e));
      };
      fill(2);
      return h("div", { class: "hop", "data-edge": eid }, [
        h("div", { class: "hop-head" }, [
          h("span", { class: "hop-names", title: "Open this link", onclick: function () { selectEdge(eid); } }, [
            (i + 1) + ". ", h("span", { class: "mk-a" }), u.label, " \u2014 ", h("span", { class: "mk-b" }), v.label]),
          h("span", { class: "hop-w", text: "weight " + fmt(e.weight) })
        ]),
        box
      ]);
    });
    var chain = [];
    r.nodes.forEach(function (id, i) {
      if (i) chain.push(h("span", { class: "arr", text: "\u2192" }));
      var n = N.get(id);
      chain.push(h("span", { class: "chip", title: n.type, onclick: function () { selectNode(id, { focus: true }); } }, [n.label]));
    });
    setPanel("Path", [
      h("h2", { id: "panel-title" }, [A.label, h("span", { class: "muted", text: " \u2192 " }), B.label]),
      h("div", { class: "seg", role: "group", "aria-label": "Path kind" }, [
        h("button", { type: "button", id: "path-shortest", class: strongest ? "" : "on", text: "Shortest \u00b7 " + hopsOf(shortest),
          onclick: function () { showPath(src, dst, false); } }),
        h("button", { type: "button", id: "path-strongest", class: strongest ? "on" : "", text: "Strongest \u00b7 " + hopsOf(strong),
          onclick: function () { showPath(src, dst, true); } })
      ]),
      h("p", { class: "muted", text: same ? "The shortest path is also the strongest." :
        strongest ? "Strongest: prefers links backed by many paragraphs (distance 1/weight)." : "Shortest: fewest hops." }),
      h("div", { class: "chain", id: "path-chain" }, chain),
      h("div", { id: "path-hops" }, hops)
    ]);
    fitView(r.nodes, true);
    network.redraw();
    return G.path;
  }

  // ------------------------------------------------------------------ autocomplete
  var sug = $("suggest");
  var sugOwner = null, sugItems = [], sugActive = -1;
  function closeSuggest() { sug.hidden = true; sugOwner = null; sugItems = []; sugActive = -1; }
  function openSuggest(input) {
    sugOwner = input;
    sugItems = lookup(input.value, 10);
    sugActive = sugItems.length ? 0 : -1;
    sug.textContent = "";
    if (!input.value.trim()) { closeSuggest(); return; }
    if (!sugItems.length) {
      sug.appendChild(h("li", { class: "s-empty", text: "No entity matches" }));
    }
    sugItems.forEach(function (it, i) {
      var n = N.get(it.id);
      sug.appendChild(h("li", {
        role: "option", class: i === sugActive ? "active" : "", "data-node": n.id,
        onmousedown: function (ev) { ev.preventDefault(); pick(input, it); }
      }, [
        swatch(nodeColor(n)),
        h("span", { class: "s-main" }, [
          h("span", { class: "s-label", text: n.label }),
          norm(it.name) !== norm(n.label) ? h("span", { class: "s-alias", text: "as \u201c" + it.name + "\u201d" }) : null
        ]),
        visN.has(n.id) ? null : h("span", { class: "s-hidden", text: "hidden" }),
        h("span", { class: "s-meta", text: n.type + " \u00b7 " + fmt(n.mentions) })
      ]));
    });
    var r = input.getBoundingClientRect();
    sug.style.left = r.left + "px";
    sug.style.top = (r.bottom + 4) + "px";
    sug.style.minWidth = Math.max(r.width, 280) + "px";
    sug.hidden = false;
  }
  function moveActive(d) {
    if (!sugItems.length) return;
    sugActive = (sugActive + d + sugItems.length) % sugItems.length;
    Array.prototype.forEach.call(sug.children, function (li, i) { li.classList.toggle("active", i === sugActive); });
  }
  function pick(input, it) {
    var n = N.get(it.id);
    input.value = n.label;
    input.dataset.nodeId = n.id;
    closeSuggest();
    if (input.id === "search") {
      input.blur();
      selectNode(n.id, { focus: true });
    } else if (input.id === "path-from") {
      $("path-to").focus();
    } else if (input.id === "path-to") {
      if ($("path-from").value.trim()) runPath(); else $("path-from").focus();
    }
  }
  function attachSuggest(input) {
    input.addEventListener("input", function () { delete input.dataset.nodeId; openSuggest(input); });
    input.addEventListener("focus", function () { if (input.value.trim() && !input.dataset.nodeId) openSuggest(input); });
    input.addEventListener("blur", function () { setTimeout(function () { if (sugOwner === input) closeSuggest(); }, 150); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); if (sugOwner !== input) openSuggest(input); else moveActive(1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
      else if (ev.key === "Escape") { closeSuggest(); input.blur(); }
      else if (ev.key === "Enter") {
        ev.preventDefault();
        if (input.dataset.nodeId && N.has(input.dataset.nodeId)) { pick(input, { id: input.dataset.nodeId }); return; }
        var items = sugOwner === input ? sugItems : lookup(input.value, 10);
        var it = items[sugActive >= 0 && sugOwner === input ? sugActive : 0];
        if (it) pick(input, it);
        else if (input.value.trim()) toast("No entity matches \u201c" + input.value.trim() + "\u201d.");
      }
    });
  }
  ["search", "path-from", "path-to"].forEach(function (id) { attachSuggest($(id)); });
  window.addEventListener("resize", closeSuggest);

  function inputNode(input) {
    if (input.dataset.nodeId && N.has(input.dataset.nodeId)) return input.dataset.nodeId;
    return resolve(input.value);
  }
  function runPath() {
    var fi = $("path-from"), ti = $("path-to");
    var a = inputNode(fi), b = inputNode(ti);
    if (!fi.value.trim() || !ti.value.trim()) { toast("Type two names to find a path."); (fi.value.trim() ? ti : fi).focus(); return; }
    if (!a) { toast("No entity matches \u201c" + fi.value.trim() + "\u201d."); fi.focus(); return; }
    if (!b) { toast("No entity matches \u201c" + ti.value.trim() + "\u201d."); ti.focus(); return; }
    fi.value = N.get(a).label; ti.value = N.get(b).label;
    fi.dataset.nodeId = a; ti.dataset.nodeId = b;
    closeSuggest();
    showPath(a, b, false);
  }
  $("path-go").addEventListener("click", runPath);

  // ------------------------------------------------------------------ legend, filters, colour mode
  function renderLegend() {
    var lg = $("legend");
    lg.textContent = "";
    lg.appendChild(h("div", { class: "legend-title" }, [h("span", { text: "Entity types" }),
      state.hiddenTypes.size ? h("button", { class: "btn-link", type: "button", text: "show all",
        onclick: function () { state.hiddenTypes.clear(); applyFilters(); } }) : null]));
    typeOrder.forEach(function (t) {
      var off = state.hiddenTypes.has(t);
      lg.appendChild(h("button", {
        type: "button", class: "legend-item" + (off ? " off" : ""), "data-type": t, "aria-pressed": off ? "false" : "true",
        title: "Click to " + (off ? "show" : "hide") + " \u00b7 double-click to show only this type",
        onclick: function () { if (off) state.hiddenTypes.delete(t); else state.hiddenTypes.add(t); applyFilters(); },
        ondblclick: function () { state.hiddenTypes = new Set(typeOrder.filter(function (x) { return x !== t; })); applyFilters(); }
      }, [swatch(typeColor[t]), h("span", { class: "name", text: t }), h("span", { class: "count", text: fmt(typeCounts.get(t)) })]));
    });
    if (state.colorMode === "community") {
      var shownComms = commOrder.filter(function (c) { return commMembers.get(c).length > 1; }).slice(0, COMMUNITY.length);
      lg.appendChild(h("div", { class: "legend-title" }, [h("span", { text: "Communities" }),
        state.hiddenComms.size ? h("button", { class: "btn-link", type: "button", text: "show all",
          onclick: function () { state.hiddenComms.clear(); applyFilters(); } }) : null]));
      shownComms.forEach(function (c) {
        var off = state.hiddenComms.has(c);
        var members = commMembers.get(c);
        lg.appendChild(h("button", {
          type: "button", class: "legend-item" + (off ? " off" : ""), "data-community": String(c), "aria-pressed": off ? "false" : "true",
          title: "Community " + c + ": click to " + (off ? "show" : "hide"),
          onclick: function () { if (off) state.hiddenComms.delete(c); else state.hiddenComms.add(c); applyFilters(); }
        }, [swatch(commColor(c)), h("span", { class: "name", text: members[0].label + (members.length > 1 ? " +" + (members.length - 1) : "") }),
          h("span", { class: "count", text: fmt(members.length) })]));
      });
      var rest = commOrder.length - shownComms.length;
      if (rest > 0) lg.appendChild(h("p", { class: "legend-note", text: plural(rest, "smaller community", "smaller communities") + " in grey" }));
    }
  }

  function updateStats() {
    var s = $("stats");
    s.textContent = "";
    var filtered = visN.size !== N.size || visE.size !== E.size;
    append(s, [
      h("b", { text: fmt(visN.size) }), filtered ? " / " + fmt(N.size) : "", " entities \u00b7 ",
      h("b", { text: fmt(visE.size) }), filtered ? " / " + fmt(E.size) : "", " links"
    ]);
  }

  var slW = $("min-weight"), slM = $("min-mentions");
  function setupSlider(el, lo, hi, val) {
    el.min = String(lo);
    el.max = String(Math.max(hi, lo));
    el.step = "1";
    el.value = String(val);
    el.disabled = hi <= lo;
  }
  setupSlider(slW, baseW, sliderMaxW, state.minWeight);
  setupSlider(slM, baseM, sliderMaxM, state.minMentions);
  function showSliderValues() {
    $("min-weight-value").textContent = fmt(state.minWeight);
    $("min-mentions-value").textContent = fmt(state.minMentions);
  }
  var filterTimer = null;
  function onSlider() {
    state.minWeight = int(slW.value, baseW);
    state.minMentions = int(slM.value, baseM);
    showSliderValues();
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilters, 40);
  }
  [slW, slM].forEach(function (el) { el.addEventListener("input", onSlider); el.addEventListener("change", onSlider); });

  function applyFilters() {
    clearTimeout(filterTimer);
    computeVisibility();
    nodesView.refresh();
    edgesView.refresh();
    slW.value = String(state.minWeight);
    slM.value = String(state.minMentions);
    showSliderValues();
    updateStats();
    renderLegend();
    // keep the current selection consistent with what is visible
    var cur = G.current;
    if (cur && cur.kind === "node") { historyStack.pop(); selectNode(cur.id); }
    else if (cur && cur.kind === "edge") { historyStack.pop(); selectEdge(cur.id); }
    else if (cur && cur.kind === "path") { historyStack.pop(); showPath(cur.from, cur.to, cur.strongest); }
    else network.redraw();
  }
  function resetFilters() {
    state.hiddenTypes.clear();
    state.hiddenComms.clear();
    state.minWeight = baseW;
    state.minMentions = baseM;
    applyFilters();
  }
  $("filters-reset").addEventListener("click", resetFilters);
  $("filters-toggle").addEventListener("click", function () {
    var f = $("filters");
    var c = f.classList.toggle("collapsed");
    this.textContent = c ? "+" : "\u2013";
    this.setAttribute("aria-expanded", c ? "false" : "true");
    this.setAttribute("aria-label", c ? "Expand filters" : "Collapse filters");
  });

  function setColorMode(mode) {
    state.colorMode = mode === "community" ? "community" : "type";
    $("color-mode").value = state.colorMode;
    nodesDS.update(Array.from(N.values()).map(function (n) { return { id: n.id, color: visColor(nodeColor(n)) }; }));
    renderLegend();
    var cur = G.current;
    if (cur && cur.kind === "node") renderNodePanel(N.get(cur.id));
    else if (!cur || cur.kind === "overview") renderOverview();
    network.redraw();
  }
  $("color-mode").addEventListener("change", function () { setColorMode(this.value); });

  // ------------------------------------------------------------------ banner, title, misc wiring
  function bannerText() {
    if (typeof meta.omitted === "string" && meta.omitted.trim()) return meta.omitted.trim();
    var nt = int(meta.nodes_total, N.size), et = int(meta.edges_total, E.size);
    if (nt > N.size || et > E.size) {
      return "Showing " + fmt(N.size) + " of " + fmt(nt) + " entities and " + fmt(E.size) + " of " + fmt(et) + " links.";
    }
    return null;
  }
  var bt = bannerText();
  if (bt) { $("banner-text").textContent = bt; $("banner").hidden = false; }
  $("banner-close").addEventListener("click", function () { $("banner").hidden = true; });
  $("graph-title").textContent = str(meta.title);
  $("graph-title").title = str(meta.title);

  $("panel-back").addEventListener("click", goBack);
  $("panel-clear").addEventListener("click", clearSelection);
  $("zoom-in").addEventListener("click", function () {
    network.moveTo({ scale: network.getScale() * 1.5, animation: { duration: 250, easingFunction: "easeInOutQuad" } });
  });
  $("zoom-out").addEventListener("click", function () {
    network.moveTo({ scale: network.getScale() / 1.5, animation: { duration: 250, easingFunction: "easeInOutQuad" } });
  });
  $("zoom-fit").addEventListener("click", function () { fitView(null, true); });

  // labels are drawn by us, so vis does not know about them: a click on a label selects its node
  function labelAt(pt) {
    for (var i = G.labels.length - 1; i >= 0; i--) {
      var r = G.labels[i].rect;
      if (pt.x >= r[0] && pt.x <= r[2] && pt.y >= r[1] && pt.y <= r[3]) return G.labels[i].id;
    }
    return null;
  }
  network.on("click", function (p) {
    closeSuggest();
    var onLabel = p.pointer && p.pointer.DOM ? labelAt(p.pointer.DOM) : null;
    if (onLabel) selectNode(onLabel);  // labels are drawn on top of nodes, so they win
    else if (p.nodes && p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges && p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  network.on("doubleClick", function (p) { if (p.nodes && p.nodes.length) focusNode(String(p.nodes[0]), 1.6); });
  network.on("dragEnd", function (p) {
    if (!p.nodes || !p.nodes.length) return;
    var pos = network.getPositions(p.nodes);
    nodesDS.update(p.nodes.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (ev.key === "/" && !typing) { ev.preventDefault(); $("search").focus(); $("search").select(); }
    else if (ev.key === "Escape" && !typing) clearSelection();
    else if (ev.key === "Backspace" && !typing && (ev.altKey || historyStack.length > 1)) { ev.preventDefault(); goBack(); }
  });

  // ------------------------------------------------------------------ start
  showSliderValues();
  updateStats();
  renderLegend();
  renderOverview();
  pushHistory({ kind: "overview" });
  if (!missingXY) fitView(null, false);
  if (!N.size) { var l = $("loading"); l.textContent = "This graph has no entities."; l.hidden = false; }

  Object.assign(G, {
    network: network, nodes: nodesDS, edges: edgesDS, nodesView: nodesView, edgesView: edgesView,
    selectNode: function (id) { return selectNode(id, { focus: true }); },
    selectEdge: selectEdge,
    findPath: function (a, b, strongest) { return showPath(a, b, !!strongest); },
    clearSelection: clearSelection,
    setColorMode: setColorMode,
    setFilters: function (f) {
      f = f || {};
      if (f.minWeight !== undefined) state.minWeight = int(f.minWeight, baseW);
      if (f.minMentions !== undefined) state.minMentions = int(f.minMentions, baseM);
      if (f.hiddenTypes) state.hiddenTypes = new Set(f.hiddenTypes);
      if (f.hiddenCommunities) state.hiddenComms = new Set(f.hiddenCommunities);
      applyFilters();
    },
    resetFilters: resetFilters,
    fit: function () { fitView(null, false); },
    visibleNodeIds: function () { return Array.from(visN); },
    visibleEdgeIds: function () { return Array.from(visE); },
    spotlight: function () {
      return spot ? { nodes: Array.from(spot.nodes), edges: Array.from(spot.edges), primary: Array.from(spot.primary) } : null;
    }
  });
  G.timing.init = performance.now();
})();
