"""The report page's HTML and script (its style: web_page_style.py; its data: web_page.py).

Kept in one string so the page is one file with no external assets. The timeline is a
virtual list: only the rows in view (a screenful either side, and the chosen one) are in the
page, each placed where its row falls, so a session of a hundred thousand events opens as
fast as its data can be read; the details are built for the chosen step only. Every text of
the recording reaches the page through `textContent`.
"""

from recorder.writers.web_page_style import STYLE

PAGE = (
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';
               img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<style>
"""
    + STYLE
    + """</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <dl id="meta"></dl>
  <div id="verdict"></div>
</header>
<div id="scrubber">
  <div id="marks" aria-hidden="true"></div>
  <input id="scrub" type="range" min="1" value="1" aria-label="Step"
         title="Drag to any step. Marks: blue, domain events; red, an exception;
                tall red, the divergence">
  <div id="player">
    <button id="play" type="button" aria-pressed="false">▶ Play</button>
    <label>Speed <select id="speed">
      <option value="1">1×</option><option value="2">2×</option>
      <option value="4">4×</option><option value="8">8×</option>
    </select></label>
    <label title="A pause of more than a second between two steps plays as one second">
      <input id="skip" type="checkbox" checked> Skip inactivity</label>
  </div>
</div>
<main>
  <section id="side" aria-label="Timeline">
    <div id="searchbar">
      <input id="search" type="search" placeholder="Search steps, events, screens"
             aria-label="Search the timeline">
      <div id="count"></div>
      <div class="help"><kbd>↑</kbd><kbd>↓</kbd> or <kbd>j</kbd><kbd>k</kbd> step,
        <kbd>Home</kbd><kbd>End</kbd>, <kbd>/</kbd> search, <kbd>n</kbd> next marked step,
        <kbd>d</kbd> divergence, <kbd>Space</kbd> play or pause.
        ◆ domain events · ◉ what the user saw · ✖ exception · ⚠ divergence</div>
    </div>
    <div id="scroller"><ol id="steps" role="listbox" tabindex="0" aria-label="Steps"></ol></div>
  </section>
  <section id="detail" aria-live="polite"></section>
</main>
<script id="data" type="application/json">{{DATA}}</script>
<script>
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

document.title = document.title || "Replay Shop recording";
$("title").textContent = document.title;
const meta = $("meta");
const facts = Object.entries(data.meta)
  .concat(Object.entries(data.counts).map(([k, v]) => [k, String(v)]));
facts.push(["start state head", "#" + data.head.position + " " + data.head.hash]);
const shots = data.pictures;
facts.push(["pictures", !shots.uris.length ? "none (recorded with pictures off)"
  : shots.uris.length + (shots.source === "replay"
    ? ", drawn by the replay: the recording has none" : ", taken while recording")]);
for (const [k, v] of facts) {
  const pair = el("div", undefined, k === "note" || k === "start state head" ? "wide" : "");
  pair.append(el("dt", k), el("dd", v));
  meta.append(pair);
}
const verdict = $("verdict");
if (data.verdict) {
  verdict.textContent = data.verdict.report.split("\\n").slice(0, 2).join(": ");
  if (!["identical", "reproduced"].includes(data.verdict.status)) verdict.classList.add("bad");
} else {
  verdict.textContent = "Not replayed: this page shows the recording only " +
    "(replayshop recording html --replay adds a verdict).";
}

const steps = data.steps.map((s, i) => {
  const text = [s.title, ...s.events, ...s.domain, ...s.seen.flat(), ...s.exceptions,
                s.divergence || ""].join("\\n").toLowerCase();
  const markers = (s.domain.length ? "◆" : "") + (s.seen.length ? "◉" : "") +
    (s.exceptions.length ? "✖" : "") + (s.divergence ? "⚠" : "");
  const marked = !!(s.domain.length || s.exceptions.length || s.divergence);
  return { ...s, index: i, text, markers, marked };
});
const list = $("steps");
const scroller = $("scroller");
const ROW = 22;  // px, as the CSS has a row
const rows = new Array(steps.length).fill(null);  // made when first in view, then kept

function row(i) {
  if (rows[i]) return rows[i];
  const s = steps[i];
  const li = el("li");
  li.id = "step-" + (s.index + 1);
  li.setAttribute("role", "option");
  li.setAttribute("aria-selected", "false");
  li.dataset.index = s.index;
  const marks = el("span", "", "markers");
  for (const ch of s.markers) {
    const cls = { "◆": "m-command", "◉": "m-seen", "✖": "m-exception", "⚠": "m-divergence" }[ch];
    marks.append(el("span", ch, cls));
  }
  li.append(el("span", String(s.index + 1), "n"),
            el("span", s.t === null ? "" : (s.t / 1000).toFixed(1) + " s", "t"),
            marks, el("span", s.title, "title"));
  rows[i] = li;
  return li;
}
list.addEventListener("click", (e) => {
  const li = e.target.closest("li");
  if (li) select(Number(li.dataset.index));
});

// The picture each step shows: its own, else the last one before it (nothing changed since).
const shownFrom = [];
let last = null;
for (const s of steps) {
  if (s.picture !== null) last = s.index;
  shownFrom.push(last);
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
  if (from === null) return;
  const row = el("div", undefined, "shots");
  const own = from === index ? "The windows as this step left them"
    : "Unchanged since step " + (from + 1);
  const by = shots.source === "replay" ? " (drawn by the replay)" : "";
  row.append(figure(shots.uris[steps[from].picture], "The windows after step " + (from + 1),
                    own + by));
  const s = steps[index];
  if (s.replayed !== null) {
    row.append(figure(shots.uris[s.replayed], "The replay's windows", "What the replay drew"));
  }
  parent.append(row);
}

// The scrubber: one mark per marked step, the weightiest kept where many share a pixel (the
// viewer's seek slider marks the same: recorder/replay/timeline.py).
const scrub = $("scrub");
scrub.max = String(steps.length);
const kinds = (s) => s.divergence ? "m-divergence" : s.exceptions.length ? "m-exception"
  : s.domain.length ? "m-command" : null;
const weight = { "m-command": 1, "m-exception": 2, "m-divergence": 3 };
const buckets = new Map();
const places = Math.min(steps.length, 1000);
for (const s of steps) {
  const kind = kinds(s);
  if (!kind) continue;
  const at = steps.length > 1 ? Math.round(s.index / (steps.length - 1) * (places - 1)) : 0;
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

let visible = steps.map((s) => s.index);
let place = new Int32Array(steps.length).map((_, i) => i);  // a step's row in the list, or -1
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
  box.append(el("pre", lines.length ? lines.join("\\n") : empty));
  parent.append(box);
}

function select(index) {
  if (index < 0 || index >= steps.length) return;
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
  const s = steps[index];
  const detail = $("detail");
  detail.replaceChildren(el("h2", "Step " + (index + 1) + " of " + steps.length + ": " + s.title));
  pictures(detail, index);
  if (s.divergence) section(detail, "Divergence", [s.divergence], "divergence");
  if (s.exceptions.length) section(detail, "Exceptions", s.exceptions, "exceptions");
  section(detail, "Domain events", s.domain, "domain",
          "(none: this step changed nothing in the shop)");
  const seen = el("div", undefined, "seen");
  seen.append(el("h3", "What the user saw"));
  if (!s.seen.length) seen.append(el("pre", "(no change on screen)"));
  for (const [path, shown] of s.seen) seen.append(el("div", path, "path"), el("pre", shown));
  detail.append(seen);
  section(detail, "UI events", s.events, "events", "(none)");
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
  const after = visible.filter((i) => i > current && predicate(steps[i]));
  const found = after.length ? after[0] : visible.find((i) => predicate(steps[i]));
  if (found !== undefined) select(found);
}

// Play: each step after the one before it by the time between them in the recording, at
// the chosen speed; skipping inactivity, a pause longer than IDLE_MS plays as IDLE_MS. It
// goes through the steps listed (a search narrows it) and stops at the last.
const IDLE_MS = 1000;
const playButton = $("play");
let playing = null;

function gap(from, to) {
  const a = steps[from].t, b = steps[to].t;
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

const search = $("search");
function filter() {
  const q = search.value.trim().toLowerCase();
  visible = [];
  place.fill(-1);
  for (const s of steps) {
    if (!q || s.text.includes(q)) {
      place[s.index] = visible.length;
      visible.push(s.index);
    }
  }
  render();
  $("count").textContent = q ? visible.length + " of " + steps.length + " steps match"
                             : steps.length + " steps";
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
    n: () => nextMarked((s) => s.marked),
    d: () => nextMarked((s) => !!s.divergence),
    " ": () => play(),
  };
  const act = keys[e.key];
  if (act) { e.preventDefault(); act(); }
});

const wanted = Number((location.hash.match(/^#step-(\\d+)$/) || [])[1]);
filter();
select(wanted >= 1 && wanted <= steps.length ? wanted - 1 : 0);
list.focus();
document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
document.body.dataset.ready = "yes";
</script>
</body>
</html>
"""
)
