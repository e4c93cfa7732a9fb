/* graphkit explorer: the interactive part of the HTML export.
 *
 * The code is split by concern into graphkit/explorer/js/: util, data, time, filters, graph, panels,
 * path, start. The exporter inlines them into explorer.html after vis-network, in that order,
 * inside one function scope (so they share its variables, as one file would). Reads the
 * graph from <script id="graphkit-data" type="application/json"> and builds the UI.
 *
 * Security rule for these files: every string that comes from the data (names, aliases, file
 * names, paragraph text, types, the title) reaches the page only through textContent,
 * createTextNode, setAttribute on inert attributes, or canvas fillText. Never innerHTML,
 * never a vis-network `title` string (vis renders those as HTML).
 *
 * Test hooks: window.graphkit = {ready, network, nodes, edges, nodesView, edgesView,
 * selectNode(id), selectEdge(id), findPath(a, b, mode), setView(view), clearSelection(), ...}.
 */

// util.js: small helpers: DOM building, number and colour formatting, toasts.

var G = (window.graphkit = { ready: false, error: null, timing: { start: performance.now() } });
var $ = function (id) { return document.getElementById(id); };
var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';
var HL = "#ffd166";
var HL2 = "#7ee0c3";
var WATCH = "#ff5c8a";  // the ring of an entity on a watchlist (issue 18)
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
