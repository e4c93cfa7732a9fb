// path.js: the path finder (shortest and strongest over the visible graph) and the name autocomplete.

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
        h("span", { class: "hop-w", title: LINK_KINDS[e.kind], text: linkSummary(e) })
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
      strongest ? "Strongest: prefers links backed by many " + WEIGHED[str(meta.links, "cooccurrence")] + " (distance 1/weight)."
        : "Shortest: fewest hops." }),
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
