// panels.js: the side panel: overview, entity and link panels with highlighted evidence, selection and history.

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
  else if (e.kind === "path") showPath(e.from, e.to, e.mode);
  else clearSelection();
}

var WEIGHED = { cooccurrence: "shared paragraphs", messages: "messages", all: "shared paragraphs and messages" };
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
  var date = dateLabel(p);
  return h("div", { class: "ev" + (kind === "boilerplate" ? " boilerplate" : ""), "data-paragraph": pid }, [
    h("div", { class: "ev-head" }, [
      date ? h("span", { class: "ev-date" + (str(p.date_source) === "document" ? " from-document" : ""),
        text: date.text, title: date.title }) : h("span", { class: "ev-date undated", text: "undated" }),
      h("span", { class: "ev-file", text: str(p.file, "?") }),
      h("span", { class: "ev-para", text: "\u00b6 " + str(p.paragraph, "?") }),
      h("span", { class: "ev-kind" + (known ? " k-" + kind : ""), text: kind })
    ]),
    p.message && typeof p.message === "object" ? h("div", { class: "ev-mail", text: mailLine(p.message) }) : null,
    highlighted(p.text, p.spans, a, b)
  ]);
}
// "2001-10-03 16:31 · Anne Bike → Mike Grigsby · “RE: loads” · quoting Mike Grigsby, 2001-10-03 15:03" (issue 12)
function mailLine(m) {
  var names = function (list) { return Array.isArray(list) ? list.map(function (r) { return str(r); }) : []; };
  var recipients = names(m.recipients);
  var who = str(m.sender) + (recipients.length ? " \u2192 " + recipients.slice(0, 4).join(", ") +
    (recipients.length > 4 ? " and " + fmt(recipients.length - 4) + " more" : "") : "");
  var inner = m.embedded && typeof m.embedded === "object" ? m.embedded : null;
  var within = inner ? (str(inner.role) === "quote" ? "quoting " : "forwarding ") +
    [str(inner.sender), str(inner.date).slice(0, 16)].filter(Boolean).join(", ") : "";
  return [str(m.date).slice(0, 16), who, str(m.subject) ? "\u201c" + str(m.subject) + "\u201d" : "", within]
    .filter(Boolean).join(" \u00b7 ");
}
function notEmbedded(e) {
  var k = e.evidenceTotal - e.evidence.length;
  if (k <= 0) return null;
  return h("div", { class: "ev-more" }, [
    plural(k, "more paragraph") + " not embedded in this page. All of them: ",
    h("code", { text: "graphkit evidence \"" + N.get(e.from).label + "\" \"" + N.get(e.to).label + "\"" })
  ]);
}

// Evidence earliest first (issue 17): by date as written ("2016-06" before "2016-06-09"), undated last.
function byDate(pids) {
  var key = function (pid) { var p = paragraphs[pid]; return p && isoDate(p.date) ? isoDate(p.date) : "~"; };
  return pids.map(function (pid, i) { return [key(pid), i, pid]; })
    .sort(function (x, y) { return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]; })
    .map(function (x) { return x[2]; });
}
function datesLine(rec, what) {
  if (!rec.first) return h("p", { class: "muted dates", id: "panel-dates", text: "No dated paragraph." });
  var both = rec.last && rec.last !== rec.first;
  return h("p", { class: "dates", id: "panel-dates" }, [
    what + " ", h("b", { text: rec.first }), both ? ", last " : null, both ? h("b", { text: rec.last }) : null
  ]);
}

function neighbourRows(n, limit) {
  var list = specificOrder(n.id);
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
      h("span", { class: "r-bar", title: "association strength " + e.strength.toFixed(2) },
        h("i", { style: { width: Math.max(4, 100 * Math.max(0, e.strength)) + "%" } })),
      h("span", { class: "r-val", title: linkSummary(e) }, [
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
      h("h3", null, ["Top neighbours", h("span", { class: "h-note", text: "most specific first: bar = strength, number = " + WEIGHED[str(meta.links, "cooccurrence")] })]),
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
        [swatch(commColor(n.community)), "community " + n.community]) : null,
      n.watched.length ? h("span", { class: "badge watch", id: "watched-badge", title: "On a watchlist given to ingest" },
        [h("span", { class: "swatch ring" }), "watched: " + n.watched.join(", ")]) : null
    ]),
    h("h2", { id: "panel-title", text: n.label }),
    visN.has(n.id) ? null : hiddenNotice("This entity is"),
    h("div", { class: "stat-grid" }, [
      stat(fmt(n.mentions), "mentions"), stat(fmt(n.documents), "documents"),
      n.messages ? stat(fmt(n.messages), "messages") : null,
      stat(visDeg === list.length ? fmt(list.length) : fmt(visDeg) + "/" + fmt(list.length), "links"),
      stat(fmtCentrality(n.centrality), "centrality")
    ]),
    datesLine(n, "First appears"),
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
  var sep = { cooccurrence: "appear together with", messages: "corresponded with", both: "appear together and corresponded with" }[e.kind];
  var mailed = e.messages > 0;
  setPanel("Link", [
    h("div", { class: "badge-row" }, [typeBadge(a), typeBadge(b),
      h("span", { class: "badge", id: "link-kind", title: "what links them", text: LINK_KINDS[e.kind] })]),
    h("h2", { class: "ends", id: "panel-title" }, [name(a, "mk-a"), h("span", { class: "sep", text: sep }), name(b, "mk-b")]),
    visE.has(e.id) ? null : hiddenNotice("This link is"),
    h("div", { class: "stat-grid" }, [
      stat(fmt(e.paragraphs), "paragraphs"), stat(fmt(e.documents), "documents"),
      mailed ? stat(fmt(e.messages), "messages") : null, stat(e.strength.toFixed(2), "strength"),
      stat(fmt(e.evidence.length + e.mail.length) + (e.evidenceTotal + e.messages > e.evidence.length + e.mail.length
        ? "/" + fmt(e.evidenceTotal + e.messages) : ""), "quoted below")
    ]),
    datesLine(e, "First together"),
    e.paragraphs || !mailed ? h("h3", null, ["Evidence", h("span", { class: "h-note", text: "paragraphs naming both, earliest first" })]) : null,
    e.paragraphs || !mailed ? h("div", { class: "ev-list", id: "evidence" }, byDate(e.evidence).map(function (pid) { return evidenceCard(pid, a.id, b.id); })
      .concat([notEmbedded(e)]).concat(e.evidence.length ? [] : [h("p", { class: "muted", text: "No paragraphs embedded for this link." })])) : null,
    mailed ? h("h3", null, ["Messages", h("span", { class: "h-note", text: "one wrote to the other" })]) : null,
    mailed ? h("div", { class: "ev-list", id: "mail" }, e.mail.map(mailCard).concat([mailNotEmbedded(e)])) : null
  ]);
}

// A message behind a message link: where it is, who wrote it to whom, when, and its first paragraph.
function mailCard(mid) {
  var m = mails[mid];
  if (!m || typeof m !== "object") {
    return h("div", { class: "ev" }, h("div", { class: "ev-missing", text: "Message " + mid + " is not embedded in this page." }));
  }
  return h("div", { class: "ev mail", "data-message": mid }, [
    h("div", { class: "ev-head" }, [
      h("span", { class: "ev-file", text: str(m.file, "?") }),
      int(m.paragraph) ? h("span", { class: "ev-para", text: "\u00b6 " + str(m.paragraph) }) : null,
      h("span", { class: "ev-kind", text: "message" })
    ]),
    h("div", { class: "ev-mail", text: mailLine(m) }),
    str(m.text) ? h("p", { class: "ev-text", text: str(m.text) }) : null
  ]);
}
function mailNotEmbedded(e) {
  var k = e.messages - e.mail.length;
  if (k <= 0) return null;
  return h("div", { class: "ev-more" }, [
    plural(k, "more message") + " not embedded in this page. All of them: ",
    h("code", { text: "graphkit evidence \"" + N.get(e.from).label + "\" \"" + N.get(e.to).label + "\" --links messages" })
  ]);
}

function renderOverview() {
  var top = centralSpecific.slice(0, 12);
  var who = centralSpecific === centralOrder ? "Most central" : "Most central people and organisations";
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
    watchedOrder.length ? h("h3", null, ["On watchlists", h("span", { class: "h-note", text: fmt(watchedOrder.length) })]) : null,
    watchedOrder.length ? h("ul", { class: "rows", id: "watched-list" }, watchedOrder.slice(0, 30).map(function (n) {
      return h("li", { class: "row", "data-node": n.id, onclick: function () { selectNode(n.id, { focus: true }); } }, [
        h("span", { class: "swatch ring" }), h("span", { class: "r-name", text: n.label }),
        h("span", { class: "r-val", text: n.watched.join(", "), title: "watchlists" })
      ]);
    })) : null,
    h("h3", null, [who, h("span", { class: "h-note", text: "click to open" })]),
    h("ul", { class: "rows", id: "central" }, top.map(function (n) {
      return h("li", { class: "row", "data-node": n.id, onclick: function () { selectNode(n.id, { focus: true }); } }, [
        swatch(nodeColor(n)), h("span", { class: "r-name", text: n.label }),
        h("span", { class: "r-bar" }, h("i", { style: { width: Math.max(4, 100 * n.centrality / maxc) + "%" } })),
        h("span", { class: "r-val", text: fmt(n.degree), title: "links" })
      ]);
    })),
    h("h3", { text: "How to read this" }),
    h("ul", { class: "help" }, [
      h("li", { text: "A line means two entities are named in the same paragraph; thicker means more paragraphs." }),
      str(meta.links, "cooccurrence") !== "cooccurrence"
        ? h("li", { text: "A dashed line means two people wrote to each other and are never named together; a line counts their messages too." })
        : null,
      h("li", { text: "Click an entity for its aliases, documents and most specific links; on the backbone, it also shows all its links." }),
      h("li", { text: "Click a line to read every paragraph that names both." }),
      h("li", { text: "Path: type two names in the toolbar to see how they connect, hop by hop, with evidence." }),
      h("li", { text: "Legend: click a type to hide it, double-click to show only that type." }),
      hasTime ? h("li", { text: "Dates: drag the two handles to keep only the links dated within that stretch of time." }) : null,
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
  pin([], []);
  expand(id);  // on the backbone, a click shows the entity's whole neighbourhood
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
  if (!visE.has(id) && passE.has(id)) pin([e.from, e.to], [id]);
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
  pin([], []);
  network.unselectAll();
  spot = null;
  G.path = null;
  renderOverview();
  pushHistory({ kind: "overview" });
  network.redraw();
}
