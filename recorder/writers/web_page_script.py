"""The report page's script (its HTML: web_page_template.py; its data: web_page_data.py).

The data holds each text once (`strings`) and the steps as indexes into it; the script
rebuilds a step's texts when the step is shown, and searches the distinct texts, each
lower-cased once, instead of one joined text per step (which for 100,000 steps would be
hundreds of megabytes built before the page could show anything). A query holds no line
break, so it matches a text of several lines exactly when it matches one of its lines.

The timeline is a virtual list: only the rows in view (a screenful either side, and the
chosen one) are in the page, each placed where its row falls; the details are built for the
chosen step only. Every text of the recording reaches the page through `textContent`.
"""

SCRIPT = r"""
"use strict";
const started = performance.now();
const data = JSON.parse(document.getElementById("data").textContent);
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

// Each text once; a text of several lines as the indexes of its lines.
const strings = data.strings;
const text = (id) => typeof strings[id] === "string" ? strings[id]
  : strings[id].map((line) => strings[line]).join("\n");
// A step: [title, events, domain, seen, exceptions], the empty ones at its end left out.
const raw = data.steps;
const count = raw.length;
const EVENTS = 1, DOMAIN = 2, SEEN = 3, EXCEPTIONS = 4;
const part = (i, k) => raw[i][k] || [];
const divergenceOf = new Map(data.divergence);
const shots = data.pictures;
const pictureOf = new Map(shots.picture);
const replayedOf = new Map(shots.replayed);
const title = (i) => strings[raw[i][0]];
// A step's time is its first UI event's; an event is [seq, t, kind and widget, what], the
// step's first as they are, each next one's seq and t as the difference from the one before.
const stepT = (i) => raw[i][EVENTS] && raw[i][EVENTS].length ? raw[i][EVENTS][1] : null;

function eventLines(i) {
  const ev = part(i, EVENTS);
  const lines = [];
  let seq = 0, t = 0;
  for (let k = 0; k < ev.length; k += 4) {
    seq = k ? seq + ev[k] : ev[k];
    t = k ? t + ev[k + 1] : ev[k + 1];
    lines.push("#" + seq + " " + (t / 1000).toFixed(3) + "s " + strings[ev[k + 2]] +
               strings[ev[k + 3]]);
  }
  return lines;
}

document.title = document.title || "Replay Shop recording";
$("title").textContent = document.title;
const meta = $("meta");
const facts = Object.entries(data.meta)
  .concat(Object.entries(data.counts).map(([k, v]) => [k, String(v)]));
facts.push(["start state head", "#" + data.head.position + " " + data.head.hash]);
facts.push(["pictures", !shots.count ? "none (recorded with pictures off)"
  : shots.count + (shots.source === "replay"
    ? ", drawn by the replay: the recording has none" : ", taken while recording")]);
for (const [k, v] of facts) {
  const pair = el("div", undefined, k === "note" || k === "start state head" ? "wide" : "");
  pair.append(el("dt", k), el("dd", v));
  meta.append(pair);
}
const verdict = $("verdict");
if (data.verdict) {
  verdict.textContent = data.verdict.report.split("\n").slice(0, 2).join(": ");
  if (!["identical", "reproduced"].includes(data.verdict.status)) verdict.classList.add("bad");
} else {
  verdict.textContent = "Not replayed: this page shows the recording only " +
    "(replayshop recording html --replay adds a verdict).";
}

const markersOf = (i) => (part(i, DOMAIN).length ? "◆" : "") + (part(i, SEEN).length ? "◉" : "") +
  (part(i, EXCEPTIONS).length ? "✖" : "") + (divergenceOf.has(i) ? "⚠" : "");
const marked = (i) => !!(part(i, DOMAIN).length || part(i, EXCEPTIONS).length ||
  divergenceOf.has(i));
const list = $("steps");
const scroller = $("scroller");
const ROW = 22;  // px, as the CSS has a row
const rows = new Array(count).fill(null);  // made when first in view, then kept

function row(i) {
  if (rows[i]) return rows[i];
  const li = el("li");
  li.id = "step-" + (i + 1);
  li.setAttribute("role", "option");
  li.setAttribute("aria-selected", "false");
  li.dataset.index = i;
  const marks = el("span", "", "markers");
  for (const ch of markersOf(i)) {
    const cls = { "◆": "m-command", "◉": "m-seen", "✖": "m-exception", "⚠": "m-divergence" }[ch];
    marks.append(el("span", ch, cls));
  }
  const t = stepT(i);
  li.append(el("span", String(i + 1), "n"),
            el("span", t === null ? "" : (t / 1000).toFixed(1) + " s", "t"),
            marks, el("span", title(i), "title"));
  rows[i] = li;
  return li;
}
list.addEventListener("click", (e) => {
  const li = e.target.closest("li");
  if (li) select(Number(li.dataset.index));
});

// The picture each step shows: its own, else the last one before it (nothing changed since).
const shownFrom = new Int32Array(count);
let last = -1;
for (let i = 0; i < count; i++) {
  if (pictureOf.has(i)) last = i;
  shownFrom[i] = last;
}

function figure(uri, alt, caption) {
  const box = el("figure");
  const img = el("img");
  img.src = uri;
  img.alt = alt;
  box.append(img, el("figcaption", caption));
  return box;
}

function pictures(parent, index) {
  const from = shownFrom[index];
  if (from < 0) return;
  const box = el("div", undefined, "shots");
  const own = from === index ? "The windows as this step left them"
    : "Unchanged since step " + (from + 1);
  const by = shots.source === "replay" ? " (drawn by the replay)" : "";
  box.append(figure(shots.uris[pictureOf.get(from)], "The windows after step " + (from + 1),
                    own + by));
  if (replayedOf.has(index)) {
    box.append(figure(shots.uris[replayedOf.get(index)], "The replay's windows",
                      "What the replay drew"));
  }
  parent.append(box);
}

// The scrubber: one mark per marked step, the weightiest kept where many share a pixel (the
// viewer's seek slider marks the same: recorder/replay/timeline.py).
const scrub = $("scrub");
scrub.max = String(count);
const kinds = (i) => divergenceOf.has(i) ? "m-divergence" : part(i, EXCEPTIONS).length
  ? "m-exception" : part(i, DOMAIN).length ? "m-command" : null;
const weight = { "m-command": 1, "m-exception": 2, "m-divergence": 3 };
const buckets = new Map();
const places = Math.min(count, 1000);
for (let i = 0; i < count; i++) {
  const kind = kinds(i);
  if (!kind) continue;
  const at = count > 1 ? Math.round(i / (count - 1) * (places - 1)) : 0;
  const kept = buckets.get(at);
  if (!kept || weight[kind] > weight[kept]) buckets.set(at, kind);
}
const markFragment = document.createDocumentFragment();
for (const [at, kind] of buckets) {
  const mark = el("span", undefined, kind);
  mark.style.left = (places > 1 ? at / (places - 1) * 100 : 0) + "%";
  markFragment.append(mark);
}
$("marks").append(markFragment);
scrub.addEventListener("input", () => select(Number(scrub.value) - 1));

let visible = Array.from({ length: count }, (_, i) => i);
let place = new Int32Array(count).map((_, i) => i);  // a step's row in the list, or -1
let current = -1;

// The rows in view, a screenful either side, and the chosen one (a screen reader is told it).
function render() {
  list.style.height = visible.length * ROW + "px";
  const top = Math.floor(scroller.scrollTop / ROW);
  const seen = Math.ceil(scroller.clientHeight / ROW) + 1;
  const want = new Set(visible.slice(Math.max(0, top - seen), top + 2 * seen));
  if (current >= 0 && place[current] >= 0) want.add(current);
  // In the list's order, as a screen reader walks it and the search expects.
  const order = [...want].sort((a, b) => place[a] - place[b]);
  for (const i of order) {
    const li = row(i);
    li.style.top = place[i] * ROW + "px";
    li.setAttribute("aria-selected", String(i === current));
  }
  const same = order.length === list.children.length &&
    order.every((i, k) => list.children[k] === rows[i]);
  if (!same) list.replaceChildren(...order.map((i) => rows[i]));
}
scroller.addEventListener("scroll", render);

function reveal(index) {
  const at = place[index] * ROW;
  if (at < scroller.scrollTop) scroller.scrollTop = at;
  else if (at + ROW > scroller.scrollTop + scroller.clientHeight) {
    scroller.scrollTop = at + ROW - scroller.clientHeight;
  }
}

function section(parent, heading, lines, cls, empty) {
  const box = el("div", undefined, cls);
  box.append(el("h3", heading));
  box.append(el("pre", lines.length ? lines.join("\n") : empty));
  parent.append(box);
}

function select(index) {
  if (index < 0 || index >= count) return;
  current = index;
  if (place[index] >= 0) {
    reveal(index);
    render();
    list.setAttribute("aria-activedescendant", row(index).id);
  } else {
    render();
    list.removeAttribute("aria-activedescendant");  // a step the search left out
  }
  scrub.value = String(index + 1);
  const detail = $("detail");
  detail.replaceChildren(el("h2", "Step " + (index + 1) + " of " + count + ": " + title(index)));
  pictures(detail, index);
  if (divergenceOf.has(index)) {
    section(detail, "Divergence", [text(divergenceOf.get(index))], "divergence");
  }
  const exceptions = part(index, EXCEPTIONS).map(text);
  if (exceptions.length) section(detail, "Exceptions", exceptions, "exceptions");
  section(detail, "Domain events", part(index, DOMAIN).map(text), "domain",
          "(none: this step changed nothing in the shop)");
  const seen = el("div", undefined, "seen");
  seen.append(el("h3", "What the user saw"));
  const changes = part(index, SEEN);
  if (!changes.length) seen.append(el("pre", "(no change on screen)"));
  for (let k = 0; k < changes.length; k += 2) {
    seen.append(el("div", strings[changes[k]], "path"), el("pre", text(changes[k + 1])));
  }
  detail.append(seen);
  section(detail, "UI events", eventLines(index), "events", "(none)");
  history.replaceState(null, "", "#step-" + (index + 1));
}

function move(by) {
  if (!visible.length) return;
  const at = current >= 0 ? place[current] : -1;
  const next = at < 0 ? (by > 0 ? 0 : visible.length - 1)
    : Math.max(0, Math.min(visible.length - 1, at + by));
  select(visible[next]);
}

function nextMarked(predicate) {
  const after = visible.filter((i) => i > current && predicate(i));
  const found = after.length ? after[0] : visible.find((i) => predicate(i));
  if (found !== undefined) select(found);
}

// Play: each step after the one before it by the time between them in the recording, at
// the chosen speed; skipping inactivity, a pause longer than IDLE_MS plays as IDLE_MS. It
// goes through the steps listed (a search narrows it) and stops at the last.
const IDLE_MS = 1000;
const playButton = $("play");
let playing = null;

function gap(from, to) {
  const a = stepT(from), b = stepT(to);
  let ms = a === null || b === null ? 0 : Math.max(0, b - a);
  if ($("skip").checked) ms = Math.min(ms, IDLE_MS);
  return ms / Number($("speed").value);
}

function nextListed() {
  const at = current >= 0 ? place[current] : -1;
  return at >= 0 && at + 1 < visible.length ? visible[at + 1] : null;
}

function stop() {
  clearTimeout(playing);
  playing = null;
  playButton.textContent = "▶ Play";
  playButton.setAttribute("aria-pressed", "false");
}

function playOn() {
  const next = nextListed();
  if (next === null) { stop(); return; }
  playing = setTimeout(() => { select(next); playOn(); }, gap(current, next));
}

function play() {
  if (playing !== null) { stop(); return; }
  if (nextListed() === null && visible.length) select(visible[0]);  // at the end: again
  playButton.textContent = "❚❚ Pause";
  playButton.setAttribute("aria-pressed", "true");
  playOn();
}
playButton.addEventListener("click", play);

// Search: what a step shows holds the query in one of its texts (its title, an event's line,
// a domain event, a widget's path or text, an exception, the divergence).
const lower = new Array(strings.length);  // each distinct text lower-cased once, when needed
function low(id) {
  if (lower[id] === undefined) lower[id] = strings[id].toLowerCase();
  return lower[id];
}
const has = (id, q) => typeof strings[id] === "string" ? low(id).includes(q)
  : strings[id].some((line) => low(line).includes(q));
// An event's line starts "#12 3.456s ": a query can start in there only with those characters.
const STAMP = /^[-#0-9. s]/;

function matches(i, q) {
  if (has(raw[i][0], q)) return true;
  for (const k of [DOMAIN, SEEN, EXCEPTIONS]) {
    if (part(i, k).some((id) => has(id, q))) return true;
  }
  if (divergenceOf.has(i) && has(divergenceOf.get(i), q)) return true;
  const ev = part(i, EVENTS);
  for (let k = 0; k < ev.length; k += 4) {
    if ((low(ev[k + 2]) + low(ev[k + 3])).includes(q)) return true;
  }
  return STAMP.test(q) && eventLines(i).some((line) => line.toLowerCase().includes(q));
}

const search = $("search");
function filter() {
  const q = search.value.trim().toLowerCase();
  visible = [];
  place.fill(-1);
  for (let i = 0; i < count; i++) {
    if (!q || matches(i, q)) {
      place[i] = visible.length;
      visible.push(i);
    }
  }
  render();
  $("count").textContent = q ? visible.length + " of " + count + " steps match"
                             : count + " steps";
  if (visible.length && (current < 0 || place[current] < 0)) select(visible[0]);
}
search.addEventListener("input", filter);
search.addEventListener("keydown", (e) => {
  if (e.key === "Enter" || e.key === "ArrowDown") {
    e.preventDefault();
    list.focus();
    if (visible.length) select(visible[0]);
  }
  if (e.key === "Escape") { search.value = ""; filter(); list.focus(); }
});

document.addEventListener("keydown", (e) => {
  if (e.target === search || e.ctrlKey || e.metaKey || e.altKey) return;
  // Space on the button, the speed or the checkbox is theirs; on the steps, it plays.
  if (e.key === " " && e.target !== list && e.target !== document.body) return;
  if (e.target === scrub && (e.key === "ArrowLeft" || e.key === "ArrowRight")) return;
  if (e.key === "Escape" && search.value) { search.value = ""; filter(); return; }
  const keys = {
    ArrowDown: () => move(1), j: () => move(1), ArrowUp: () => move(-1), k: () => move(-1),
    PageDown: () => move(10), PageUp: () => move(-10),
    Home: () => move(-Infinity), End: () => move(Infinity),
    "/": () => search.focus(),
    n: () => nextMarked(marked),
    d: () => nextMarked((i) => divergenceOf.has(i)),
    " ": () => play(),
  };
  const act = keys[e.key];
  if (act) { e.preventDefault(); act(); }
});

const wanted = Number((location.hash.match(/^#step-(\d+)$/) || [])[1]);
filter();
select(wanted >= 1 && wanted <= count ? wanted - 1 : 0);
list.focus();
document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
document.body.dataset.ready = "yes";
"""
