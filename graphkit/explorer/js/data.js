// data.js: the graph embedded in the page: node and edge records, adjacency, colours, the search index.

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
var mails = raw.messages && typeof raw.messages === "object" ? raw.messages : {};  // messages behind message links
var LINK_KINDS = { cooccurrence: "named together", messages: "wrote to each other", both: "named together and wrote to each other" };

// People and organisations lead lists and paths; places and nationalities come last (issue 16).
var SPECIFIC = new Set(Array.isArray(meta.specific_types) ? meta.specific_types.map(String) : ["PERSON", "ORG"]);
var PLACES = new Set(Array.isArray(meta.place_types) ? meta.place_types.map(String) : ["GPE", "LOC", "NORP"]);
var PATH_SLACK = Math.max(0, int(meta.path_slack, 2));

var typeColor = {};
Object.keys(raw.types && typeof raw.types === "object" ? raw.types : {}).forEach(function (t) {
  var c = validColor(raw.types[t]);
  if (c) typeColor[t] = c;
});

// Dates (issue 17): "2016", "2016-06" or "2016-06-09" as the data says, or null; and the
// stretches of days an entity's or a link's paragraphs are dated to, as day numbers.
function isoDate(v) { return typeof v === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : null; }
function dayNumber(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(iso));
  return m ? Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5) : NaN;
}
function dayText(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }
function spells(list) {
  return (Array.isArray(list) ? list : []).map(function (s) {
    return Array.isArray(s) ? [dayNumber(s[0]), dayNumber(s[1]), Math.max(1, int(s[2], 1))] : null;
  }).filter(function (s) { return s && isFinite(s[0]) && isFinite(s[1]) && s[0] <= s[1]; });
}

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
    cost: Math.max(0, num(n.cost, 0)),  // what an informative path pays to pass through (query.passing_cost)
    hub: n.hub === true,  // one of the most connected entities (query.hubs)
    files: Array.isArray(n.files) ? n.files.map(function (f) { return str(f); }) : [],
    watched: str(n.watched).split("|").filter(Boolean),  // the watchlists naming it (issue 18)
    messages: Math.max(0, int(n.messages)),
    first: isoDate(n.first), last: isoDate(n.last), when: spells(n.when),
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
  var mail = Array.isArray(e.mail) ? e.mail.map(function (m) { return String(m); }) : [];
  var rec = {
    id: id, from: from, to: to,
    // what the link weighs in this graph: paragraphs, messages or both (the export's --links)
    weight: Math.max(1, int(e.count, int(e.weight, 1))),
    paragraphs: Math.max(0, int(e.weight, 0)),
    messages: Math.max(0, int(e.messages)),
    kind: LINK_KINDS.hasOwnProperty(str(e.kind)) ? str(e.kind) : "cooccurrence",
    documents: Math.max(0, int(e.documents)),
    strength: Math.max(-1, Math.min(1, num(e.strength, 0))),  // association strength (NPMI)
    backbone: e.backbone === true,  // a significant link (disparity filter)
    evidence: evidence,
    evidenceTotal: Math.max(evidence.length, int(e.evidence_total, evidence.length)),
    mail: mail,
    first: isoDate(e.first), last: isoDate(e.last), when: spells(e.when)
  };
  E.set(id, rec);
  adj.get(from).push(rec);
  adj.get(to).push(rec);
  [N.get(from), N.get(to)].forEach(function (n) { n.degree++; if (rec.weight > n.maxW) n.maxW = rec.weight; });
});
adj.forEach(function (list) { list.sort(function (a, b) { return b.weight - a.weight || b.documents - a.documents; }); });
function other(e, id) { return e.from === id ? e.to : e.from; }

// entities on a watchlist, most mentioned first
var watchedOrder = Array.from(N.values()).filter(function (n) { return n.watched.length; })
  .sort(function (a, b) { return b.mentions - a.mentions || (a.label < b.label ? -1 : 1); });
var watchedIds = new Set(watchedOrder.map(function (n) { return n.id; }));

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
// the most central people and organisations (every type when there are none)
var centralSpecific = centralOrder.filter(function (n) { return SPECIFIC.has(n.type); });
if (!centralSpecific.length) centralSpecific = centralOrder;
// a node's neighbours, the most specific first: places last, then by association strength
function specificOrder(id) {
  return adj.get(id).slice().sort(function (a, b) {
    var pa = PLACES.has(N.get(other(a, id)).type) ? 1 : 0, pb = PLACES.has(N.get(other(b, id)).type) ? 1 : 0;
    return pa - pb || b.strength - a.strength || b.weight - a.weight;
  });
}
// the backbone: significant links and the entities they hold
var backboneNodes = new Set();
E.forEach(function (e) { if (e.backbone) { backboneNodes.add(e.from); backboneNodes.add(e.to); } });

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
