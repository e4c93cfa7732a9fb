// time.js: the time slider (issue 17): two handles choose a stretch of days; a link or an
// entity stays visible when one of its dated paragraphs falls inside it.

// ------------------------------------------------------------------ the stretch of the data
// The handles step through the days on which some dated paragraph begins or ends, not through
// the calendar: one report cites 1970 and is about 2016, and a linear scale of 49 years would
// give its busy months a few pixels. Every step is a day the data has.
var timeSteps = (function () {
  var days = new Set();
  [N, E].forEach(function (records) {
    records.forEach(function (r) { r.when.forEach(function (s) { days.add(s[0]); days.add(s[1]); }); });
  });
  return Array.from(days).sort(function (a, b) { return a - b; });
})();
var hasTime = timeSteps.length > 0;
var timeMin = hasTime ? timeSteps[0] : 0, timeMax = hasTime ? timeSteps[timeSteps.length - 1] : 0;
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
    el.min = "0";
    el.max = String(timeSteps.length - 1);
    el.step = "1";
  });
  slFrom.value = "0";
  slTo.value = String(timeSteps.length - 1);
}
function showTimeValues() {
  if (!hasTime) return;
  var from = int(slFrom.value, 0), to = int(slTo.value, timeSteps.length - 1), last = Math.max(1, timeSteps.length - 1);
  $("time-value").textContent = dayText(timeSteps[from]) + " \u2013 " + dayText(timeSteps[to]);
  $("time-fill").style.left = (100 * from / last) + "%";
  $("time-fill").style.right = (100 * (last - to) / last) + "%";
  // the handle nearer its own end lies on top, so two handles at one place can still be parted
  slFrom.style.zIndex = from > last / 2 ? "2" : "1";
  var undated = timeWindow ? undatedLinks() : 0;
  $("time-note").textContent = undated ? plural(undated, "link") + " without a date hidden" : "";
}
function setTimeSteps(from, to) {
  var last = timeSteps.length - 1;
  from = Math.max(0, Math.min(from, last));
  to = Math.max(from, Math.min(to, last));
  slFrom.value = String(from);
  slTo.value = String(to);
  timeWindow = from === 0 && to === last ? null : [timeSteps[from], timeSteps[to]];
}
function onTimeSlider() {
  var from = int(slFrom.value, 0), to = int(slTo.value, timeSteps.length - 1);
  if (from > to) { if (this === slFrom) from = to; else to = from; }  // a handle does not pass the other
  setTimeSteps(from, to);
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
