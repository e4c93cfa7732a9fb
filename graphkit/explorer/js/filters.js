// filters.js: what is visible: type, community, link-weight, mention and time filters, the legend and the sliders.

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

var state = { hiddenTypes: new Set(), hiddenComms: new Set(), minWeight: baseW, minMentions: baseM, colorMode: "type",
  view: meta.view === "backbone" && backboneNodes.size ? "backbone" : "all",
  expanded: new Set(),                          // entities whose whole neighbourhood is shown on the backbone
  pinned: { nodes: new Set(), edges: new Set() }, // the path on screen, shown whatever the view
  watchedOnly: false                            // only watched entities and their links (issue 18)
};
var visN = new Set(), visE = new Set();  // what is drawn
var passN = new Set(), passE = new Set(); // what the filters let through: what paths and search can reach
function nodePasses(n) {
  return !state.hiddenTypes.has(n.type) && !state.hiddenComms.has(n.community) && n.mentions >= state.minMentions &&
    (n.degree === 0 || n.maxW >= state.minWeight) && inTime(n);
}
function computeVisibility() {
  passN = new Set();
  passE = new Set();
  N.forEach(function (n) { if (nodePasses(n)) passN.add(n.id); });
  E.forEach(function (e) { if (e.weight >= state.minWeight && passN.has(e.from) && passN.has(e.to) && inTime(e)) passE.add(e.id); });
  if (state.watchedOnly) keepWatched();
  // the watched filter is small enough to show whole, whatever the view
  if (state.view !== "backbone" || state.watchedOnly) { visN = passN; visE = passE; return; }
  // the backbone: its entities, the expanded ones and their neighbours, and the pinned path
  visN = new Set();
  visE = new Set();
  passN.forEach(function (id) {
    if (backboneNodes.has(id) || watchedIds.has(id) || state.expanded.has(id) || state.pinned.nodes.has(id)) visN.add(id);
  });
  state.expanded.forEach(function (id) {
    if (!passN.has(id)) return;
    adj.get(id).forEach(function (e) { if (passE.has(e.id)) visN.add(other(e, id)); });
  });
  passE.forEach(function (eid) {
    var e = E.get(eid);
    if (!visN.has(e.from) || !visN.has(e.to)) return;
    if (e.backbone || state.expanded.has(e.from) || state.expanded.has(e.to) || state.pinned.edges.has(eid) ||
        offBackbone(e.from) || offBackbone(e.to)) visE.add(eid);
  });
}
// A watched entity is on the first view even off the backbone, linked to what that view shows (issue 18).
function offBackbone(id) { return watchedIds.has(id) && !backboneNodes.has(id); }
// "Watched and their neighbours": the watched entities that pass the other filters, their links,
// and the entities at the other end of those links (issue 18). A filter: paths and search keep to it.
function keepWatched() {
  var nodes = new Set(), edges = new Set();
  passE.forEach(function (id) {
    var e = E.get(id);
    if (!watchedIds.has(e.from) && !watchedIds.has(e.to)) return;
    edges.add(id);
    nodes.add(e.from);
    nodes.add(e.to);
  });
  watchedIds.forEach(function (id) { if (passN.has(id)) nodes.add(id); });
  passN = nodes;
  passE = edges;
}
computeVisibility();

// ------------------------------------------------------------------ legend, filters, colour mode
function renderLegend() {
  var lg = $("legend");
  lg.textContent = "";
  lg.appendChild(h("div", { class: "legend-title" }, [h("span", { text: "Entity types" }),
    state.hiddenTypes.size ? h("button", { class: "btn-link", type: "button", text: "show all",
      onclick: function () { state.hiddenTypes.clear(); applyFilters(); } }) : null]));
  if (watchedIds.size) {
    lg.appendChild(h("div", { class: "legend-item watch-key", title: "Entities on a watchlist have this ring" },
      [h("span", { class: "swatch ring" }), h("span", { class: "name", text: "on a watchlist" }),
        h("span", { class: "count", text: fmt(watchedIds.size) })]));
  }
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

var watchBox = $("watched-only");
if (watchedIds.size) $("watched-field").hidden = false;
watchBox.addEventListener("change", function () { state.watchedOnly = watchBox.checked; applyFilters(); });

function applyFilters() {
  clearTimeout(filterTimer);
  watchBox.checked = state.watchedOnly;
  computeVisibility();
  nodesView.refresh();
  edgesView.refresh();
  slW.value = String(state.minWeight);
  slM.value = String(state.minMentions);
  showSliderValues();
  showTimeValues();
  updateStats();
  renderLegend();
  // keep the current selection consistent with what is visible
  var cur = G.current;
  if (cur && cur.kind === "node") { historyStack.pop(); selectNode(cur.id); }
  else if (cur && cur.kind === "edge") { historyStack.pop(); selectEdge(cur.id); }
  else if (cur && cur.kind === "path") { historyStack.pop(); showPath(cur.from, cur.to, cur.mode); }
  else network.redraw();
}
function resetFilters() {
  state.hiddenTypes.clear();
  state.hiddenComms.clear();
  state.minWeight = baseW;
  state.minMentions = baseM;
  state.watchedOnly = false;
  if (hasTime) setTimeSteps(0, timeSteps.length - 1);
  applyFilters();
}
$("filters-reset").addEventListener("click", resetFilters);

// ------------------------------------------------------------------ view: backbone or whole graph (issue 16)
function setView(view) {
  state.view = view === "backbone" && backboneNodes.size ? "backbone" : "all";
  state.expanded.clear();
  state.pinned = { nodes: new Set(), edges: new Set() };
  renderView();
  applyFilters();
  resizeNodes();
  fitView(null, true);
}
// Expand an entity on the backbone: show its neighbours and its links. True when something new appeared.
function expand(id) {
  if (state.view !== "backbone" || state.expanded.has(id) || !passN.has(id)) return false;
  state.expanded.add(id);
  computeVisibility();
  nodesView.refresh();
  edgesView.refresh();
  updateStats();
  return true;
}
function pin(nodes, edges) {
  state.pinned = { nodes: new Set(nodes), edges: new Set(edges) };
  if (state.view !== "backbone") return;
  computeVisibility();
  nodesView.refresh();
  edgesView.refresh();
  updateStats();
}
function backboneText() {
  var bb = meta.backbone && typeof meta.backbone === "object" ? meta.backbone : {};
  var alpha = num(bb.alpha, NaN);
  return "Showing the backbone: the " + plural(int(bb.edges, 0), "significant link") + " (disparity filter" +
    (isFinite(alpha) ? ", \u03b1 = " + alpha : "") + ") and the " + plural(backboneNodes.size, "entity", "entities") +
    " they hold, of " + fmt(N.size) + ". Click an entity to expand its neighbourhood.";
}
function renderView() {
  var box = $("view-field");
  if (!backboneNodes.size) { box.hidden = true; $("banner-view").hidden = true; return; }
  box.hidden = false;
  $("view-backbone").classList.toggle("on", state.view === "backbone");
  $("view-all").classList.toggle("on", state.view !== "backbone");
  $("view-backbone").textContent = "Backbone \u00b7 " + fmt(backboneNodes.size);
  $("view-all").textContent = "Whole graph \u00b7 " + fmt(N.size);
  var line = $("banner-view");
  line.hidden = false;
  line.textContent = "";
  append(line, state.view === "backbone" ? [backboneText() + " ",
    h("button", { type: "button", class: "btn-link", id: "show-all", text: "Show the whole graph", onclick: function () { setView("all"); } })]
    : ["Showing the whole graph. ",
      h("button", { type: "button", class: "btn-link", id: "show-backbone", text: "Back to the backbone", onclick: function () { setView("backbone"); } })]);
  $("banner").hidden = false;
}
$("view-backbone").addEventListener("click", function () { setView("backbone"); });
$("view-all").addEventListener("click", function () { setView("all"); });

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
  nodesDS.update(Array.from(N.values()).map(function (n) { return { id: n.id, color: nodeVisColor(n) }; }));
  renderLegend();
  var cur = G.current;
  if (cur && cur.kind === "node") renderNodePanel(N.get(cur.id));
  else if (!cur || cur.kind === "overview") renderOverview();
  network.redraw();
}
$("color-mode").addEventListener("change", function () { setColorMode(this.value); });
