// start.js: banner, title, remaining wiring, and the first render; exposes the test hooks.

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
renderView();
showSliderValues();
showTimeValues();
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
  findPath: function (a, b, mode) { return showPath(a, b, mode); },  // mode: informative (default), shortest, strongest
  setView: setView,
  view: function () { return state.view; },
  expanded: function () { return Array.from(state.expanded); },
  clearSelection: clearSelection,
  setColorMode: setColorMode,
  setFilters: function (f) {
    f = f || {};
    if (f.minWeight !== undefined) state.minWeight = int(f.minWeight, baseW);
    if (f.minMentions !== undefined) state.minMentions = int(f.minMentions, baseM);
    if (f.hiddenTypes) state.hiddenTypes = new Set(f.hiddenTypes);
    if (f.hiddenCommunities) state.hiddenComms = new Set(f.hiddenCommunities);
    if (f.watchedOnly !== undefined) state.watchedOnly = !!f.watchedOnly;
    applyFilters();
  },
  resetFilters: resetFilters,
  // the time slider (issue 17): [first, last] day of the data, and the window chosen ("" when it is all)
  timeRange: function () { return hasTime ? [dayText(timeMin), dayText(timeMax)] : null; },
  timeSteps: function () { return timeSteps.map(dayText); },
  timeWindow: function () { return timeWindow ? [dayText(timeWindow[0]), dayText(timeWindow[1])] : null; },
  fit: function () { fitView(null, false); },
  visibleNodeIds: function () { return Array.from(visN); },
  watchedIds: function () { return Array.from(watchedIds); },
  visibleEdgeIds: function () { return Array.from(visE); },
  spotlight: function () {
    return spot ? { nodes: Array.from(spot.nodes), edges: Array.from(spot.edges), primary: Array.from(spot.primary) } : null;
  }
});
G.timing.init = performance.now();
