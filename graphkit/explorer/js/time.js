// time.js: the time slider (issue 17): two handles choose a stretch of days; a link or an
// entity stays visible when one of its dated paragraphs falls inside it.

// ------------------------------------------------------------------ the stretch of the data
var timeMin = Infinity, timeMax = -Infinity;
[N, E].forEach(function (records) {
  records.forEach(function (r) {
    r.when.forEach(function (s) { timeMin = Math.min(timeMin, s[0]); timeMax = Math.max(timeMax, s[1]); });
  });
});
var hasTime = timeMin <= timeMax;
// null: every link, dated or not; else [first day, last day] and undated links are hidden
var timeWindow = null;

function inTime(rec) {
  if (!timeWindow) return true;
  return rec.when.some(function (s) { return s[1] >= timeWindow[0] && s[0] <= timeWindow[1]; });
}
function undatedLinks() {
  var n = 0;
  E.forEach(function (e) { if (!e.when.length) n++; });
  return n;
}

// ------------------------------------------------------------------ the two handles
var slFrom = $("time-from"), slTo = $("time-to");
function setupTime() {
  $("time-field").hidden = !hasTime;
  if (!hasTime) return;
  [slFrom, slTo].forEach(function (el) {
    el.min = String(timeMin);
    el.max = String(timeMax);
    el.step = "1";
  });
  slFrom.value = String(timeMin);
  slTo.value = String(timeMax);
}
function showTimeValues() {
  if (!hasTime) return;
  var from = timeWindow ? timeWindow[0] : timeMin, to = timeWindow ? timeWindow[1] : timeMax;
  $("time-value").textContent = dayText(from) + " \u2013 " + dayText(to);
  var fill = $("time-fill"), span = Math.max(1, timeMax - timeMin);
  fill.style.left = (100 * (from - timeMin) / span) + "%";
  fill.style.right = (100 * (timeMax - to) / span) + "%";
  var undated = timeWindow ? undatedLinks() : 0;
  $("time-note").textContent = undated ? plural(undated, "link") + " without a date hidden" : "";
}
function setTimeWindow(from, to) {
  from = Math.max(timeMin, Math.min(from, timeMax));
  to = Math.max(timeMin, Math.min(to, timeMax));
  if (from > to) { var t = from; from = to; to = t; }
  timeWindow = from === timeMin && to === timeMax ? null : [from, to];
  slFrom.value = String(from);
  slTo.value = String(to);
}
function onTimeSlider() {
  var from = int(slFrom.value, timeMin), to = int(slTo.value, timeMax);
  if (this === slFrom && from > to) slFrom.value = String(from = to);  // a handle does not pass the other
  if (this === slTo && to < from) slTo.value = String(to = from);
  setTimeWindow(from, to);
  showTimeValues();
  clearTimeout(filterTimer);
  filterTimer = setTimeout(applyFilters, 40);
}
setupTime();
[slFrom, slTo].forEach(function (el) { el.addEventListener("input", onTimeSlider); el.addEventListener("change", onTimeSlider); });

// "2016-06-09 (stated)" for a paragraph's date, with where it comes from
var DATE_SOURCES = { "text": "stated in the paragraph", "text+document year": "stated in the paragraph, year of the document",
  "document": "the document's date" };
function dateLabel(p) {
  var d = isoDate(p.date);
  return d ? { text: d, title: DATE_SOURCES[str(p.date_source)] || "" } : null;
}
