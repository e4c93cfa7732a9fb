// path.js: the path finder (informative, shortest, strongest; over what the filters let through) and the name autocomplete.

// ------------------------------------------------------------------ paths (over the filtered graph, issue 16)
// The three kinds of `graphkit path`: the same choices, the same costs (query.find_path).
var PATH_KINDS = ["informative", "shortest", "strongest"];
var PATH_TEXT = {
  informative: "Informative: through people and organisations joined by links strong for both ends, around places, " +
    "nationalities and the most connected entities; at most " + plural(PATH_SLACK, "hop") + " longer than the shortest.",
  shortest: "Shortest: fewest hops, whatever they pass through.",
  strongest: "Strongest: prefers links backed by many paragraphs (distance 1/weight)."
};
function pathKind(mode) {
  if (mode === true) return "strongest";
  if (mode === false) return "shortest";
  return PATH_KINDS.indexOf(mode) >= 0 ? mode : "informative";
}

// A binary heap ordered by `less`.
function Heap(less) { this.a = []; this.less = less; }
Heap.prototype.push = function (it) {
  var a = this.a, k = a.length;
  a.push(it);
  while (k > 0) {
    var p = (k - 1) >> 1;
    if (this.less(a[p], a[k])) break;
    var t = a[p]; a[p] = a[k]; a[k] = t; k = p;
  }
};
Heap.prototype.pop = function () {
  var a = this.a, top = a[0], last = a.pop();
  if (a.length) {
    a[0] = last;
    var k = 0;
    for (;;) {
      var l = 2 * k + 1, r = l + 1, s = k;
      if (l < a.length && this.less(a[l], a[s])) s = l;
      if (r < a.length && this.less(a[r], a[s])) s = r;
      if (s === k) break;
      var t = a[s]; a[s] = a[k]; a[k] = t; k = s;
    }
  }
  return top;
};
Heap.prototype.size = function () { return this.a.length; };

function links(u) { return adj.get(u).filter(function (e) { return passE.has(e.id); }); }
function hopsFrom(dst) {
  var dist = new Map([[dst, 0]]), queue = [dst], qi = 0;
  while (qi < queue.length) {
    var u = queue[qi++];
    links(u).forEach(function (e) {
      var v = other(e, u);
      if (!dist.has(v)) { dist.set(v, dist.get(u) + 1); queue.push(v); }
    });
  }
  return dist;
}
function walkBack(prev, src, dst) {
  var nodes = [dst], edges = [], cur = dst;
  while (cur !== src) {
    var pe = prev.get(cur);
    edges.push(pe.id);
    cur = other(pe, cur);
    nodes.push(cur);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}
function shortestRoute(src, dst) {
  var prev = new Map(), seen = new Set([src]), queue = [src], qi = 0;
  while (qi < queue.length) {
    var u = queue[qi++];
    if (u === dst) break;
    links(u).forEach(function (e) {
      var v = other(e, u);
      if (seen.has(v)) return;
      seen.add(v);
      prev.set(v, e);
      queue.push(v);
    });
  }
  return seen.has(dst) ? walkBack(prev, src, dst) : null;
}
// Dijkstra, distance = sum of 1/weight; ties broken by fewer hops
function strongestRoute(src, dst) {
  var prev = new Map(), dist = new Map([[src, 0]]), hops = new Map([[src, 0]]), done = new Set();
  var heap = new Heap(function (x, y) { return x[0] < y[0] - 1e-12 || (Math.abs(x[0] - y[0]) <= 1e-12 && x[1] <= y[1]); });
  heap.push([0, 0, src]);
  while (heap.size()) {
    var it = heap.pop(), d = it[0], u = it[2];
    if (done.has(u)) continue;
    done.add(u);
    if (u === dst) break;
    links(u).forEach(function (e) {
      var w = other(e, u);
      if (done.has(w)) return;
      var nd = d + 1 / e.weight, nh = hops.get(u) + 1, od = dist.get(w);
      if (od === undefined || nd < od - 1e-12 || (Math.abs(nd - od) <= 1e-12 && nh < hops.get(w))) {
        dist.set(w, nd); hops.set(w, nh); prev.set(w, e);
        heap.push([nd, nh, w]);
      }
    });
  }
  return done.has(dst) ? walkBack(prev, src, dst) : null;
}
// The cheapest chain at most PATH_SLACK hops longer than the shortest: a link costs 1 - strength, an
// intermediate its cost. The same states, order and ties as query._informative, so the page and the
// command line agree on the same graph.
function informativeRoute(src, dst) {
  var toB = hopsFrom(dst);
  if (!toB.has(src)) return null;
  var limit = toB.get(src) + PATH_SLACK, fewest = new Map();
  var heap = new Heap(function (x, y) {
    if (x.c !== y.c) return x.c < y.c;
    if (x.nodes.length !== y.nodes.length) return x.nodes.length < y.nodes.length;
    for (var i = 0; i < x.nodes.length; i++) if (x.nodes[i] !== y.nodes[i]) return x.nodes[i] < y.nodes[i];
    return true;
  });
  heap.push({ c: 0, nodes: [src], edges: [] });
  while (heap.size()) {
    var it = heap.pop(), u = it.nodes[it.nodes.length - 1], hops = it.edges.length;
    if (u === dst) return { nodes: it.nodes, edges: it.edges };
    if ((fewest.has(u) ? fewest.get(u) : limit + 1) <= hops) continue;
    fewest.set(u, hops);
    links(u).forEach(function (e) {
      var v = other(e, u);
      if (hops + 1 + (toB.has(v) ? toB.get(v) : limit) > limit) return;
      if ((fewest.has(v) ? fewest.get(v) : limit + 1) <= hops + 1 || it.nodes.indexOf(v) >= 0) return;
      var step = 1 - e.strength + (v === dst ? 0 : N.get(v).cost);
      heap.push({ c: it.c + step, nodes: it.nodes.concat([v]), edges: it.edges.concat([e.id]) });
    });
  }
  return null;
}
function route(src, dst, mode) {
  if (!passN.has(src) || !passN.has(dst)) return null;
  if (src === dst) return { nodes: [src], edges: [] };
  mode = pathKind(mode);
  return mode === "strongest" ? strongestRoute(src, dst) : mode === "shortest" ? shortestRoute(src, dst) : informativeRoute(src, dst);
}

function showPath(a, b, mode) {
  mode = pathKind(mode);
  var src = resolve(a), dst = resolve(b);
  if (!src || !dst) {
    toast("No entity \u201c" + str(!src ? a : b) + "\u201d in this graph.");
    return null;
  }
  var routes = {};
  PATH_KINDS.forEach(function (k) { routes[k] = route(src, dst, k); });
  var r = routes[mode];
  var A = N.get(src), B = N.get(dst);
  pushHistory({ kind: "path", from: src, to: dst, mode: mode });
  if (!r) {
    pin([src, dst], []);
    network.unselectAll();
    spot = { nodes: new Set([src, dst].filter(function (x) { return visN.has(x); })), edges: new Set(),
      primary: new Set([src, dst]), strong: true };
    G.path = null;
    var hiddenCount = N.size - passN.size;
    setPanel("Path", [
      h("h2", { id: "panel-title" }, [A.label, h("span", { class: "muted", text: " \u2192 " }), B.label]),
      h("p", { text: "No path between these two entities" + (hiddenCount ? " in the visible graph." : ".") }),
      hiddenCount ? hiddenNotice(plural(hiddenCount, "entity", "entities") + (hiddenCount === 1 ? " is" : " are")) : null
    ]);
    network.redraw();
    return null;
  }
  pin(r.nodes, r.edges);  // on the backbone, the path is shown whatever it runs through
  network.setSelection({ nodes: r.nodes, edges: r.edges }, { unselectAll: true, highlightEdges: false });
  spot = { nodes: new Set(r.nodes), edges: new Set(r.edges), primary: new Set([src, dst]), strong: true };
  G.path = { nodes: r.nodes.slice(), edges: r.edges.slice(), hops: r.edges.length, mode: mode, strongest: mode === "strongest" };

  var hopsOf = function (x) { return x ? plural(x.edges.length, "hop") : "none"; };
  var hops = r.edges.map(function (eid, i) {
    var e = E.get(eid);
    var u = N.get(r.nodes[i]), v = N.get(r.nodes[i + 1]);
    var box = h("div", { class: "ev-list" });
    var fill = function (limit) {
      box.textContent = "";
      append(box, e.evidence.slice(0, limit).map(function (pid) { return evidenceCard(pid, u.id, v.id); }));
      if (!e.evidence.length) append(box, e.mail.slice(0, limit).map(mailCard));  // a link of mail only
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
        h("span", { class: "hop-w", title: LINK_KINDS[e.kind], text: linkSummary(e) + " \u00b7 strength " + e.strength.toFixed(2) })
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
  // as `graphkit path` does: one line when a shorter path exists than the informative one
  var shorter = routes.shortest, note = null;
  if (mode === "informative" && shorter && shorter.edges.length < r.edges.length) {
    note = h("p", { class: "notice", id: "path-shorter" }, [
      "A shorter path, " + plural(shorter.edges.length, "hop") + ", runs through " +
        shorter.nodes.slice(1, -1).map(function (id) {
          var n = N.get(id);
          return n.label + " (" + n.type + (n.hub ? ", a hub" : "") + ")";
        }).join(", ") + ". ",
      h("button", { class: "btn-link", type: "button", text: "Show it", onclick: function () { showPath(src, dst, "shortest"); } })
    ]);
  }
  setPanel("Path", [
    h("h2", { id: "panel-title" }, [A.label, h("span", { class: "muted", text: " \u2192 " }), B.label]),
    h("div", { class: "seg", role: "group", "aria-label": "Path kind" }, PATH_KINDS.map(function (k) {
      return h("button", { type: "button", id: "path-" + k, class: mode === k ? "on" : "",
        text: k.charAt(0).toUpperCase() + k.slice(1) + " \u00b7 " + hopsOf(routes[k]),
        onclick: function () { showPath(src, dst, k); } });
    })),
    h("p", { class: "muted", id: "path-about", text: PATH_TEXT[mode] }),
    note,
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
  showPath(a, b, "informative");
}
$("path-go").addEventListener("click", runPath);
