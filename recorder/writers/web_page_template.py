"""The report page's HTML (its style: web_page_style.py; its script: web_page_script.py; its
data: web_page.py and web_page_data.py).

Kept in one string so the page is one file with no external assets.
"""

from recorder.writers.web_page_script import SCRIPT
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
<script>"""
    + SCRIPT
    + """</script>
</body>
</html>
"""
)
