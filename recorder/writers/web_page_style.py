"""The report page's style sheet (recorder/writers/web_page_template.py puts it in the page):
light and dark, the virtual list's rows at a fixed height the script counts on."""

STYLE = """  :root { color-scheme: light dark; --mark: #1a5fb4; --bad: #c01c28; --muted: #5e5c64;
          --line: #c0bfbc; --pick: #dbe8fb; }
  @media (prefers-color-scheme: dark) {
    :root { --mark: #99c1f1; --bad: #ff7b72; --muted: #b0afb8; --line: #4a4a4f; --pick: #223a5e; }
  }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; height: 100vh;
         display: flex; flex-direction: column; }
  header { padding: 12px 20px; border-bottom: 1px solid var(--line); }
  h1 { font-size: 18px; margin: 0 0 6px; }
  dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
       gap: 2px 16px; margin: 6px 0; }
  dl div { display: flex; gap: 8px; min-width: 0; }
  dl div.wide { grid-column: 1 / -1; }
  dt { color: var(--muted); white-space: nowrap; } dd { margin: 0; overflow-wrap: anywhere; }
  .path { color: var(--muted); font-size: 12px; margin-top: 4px; overflow-wrap: anywhere; }
  .seen pre { padding-left: 1em; }
  #verdict { margin: 6px 0 0; padding: 6px 10px; border-left: 4px solid var(--mark); }
  #verdict.bad { border-color: var(--bad); }
  main { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; flex: 1; min-height: 0; }
  #side { border-right: 1px solid var(--line); display: flex; flex-direction: column;
          min-height: 0; }
  #searchbar { padding: 8px; border-bottom: 1px solid var(--line); }
  #search { width: 100%; box-sizing: border-box; font: inherit; padding: 4px 6px; }
  #count, .help { color: var(--muted); font-size: 12px; }
  #scroller { overflow-y: auto; flex: 1; min-height: 0; }
  #steps { list-style: none; margin: 0; padding: 0; outline: none; position: relative; }
  /* A virtual list: only the rows in view exist, each where its place in the list puts it. */
  #steps li { padding: 0 8px; cursor: pointer; display: flex; gap: 8px; white-space: nowrap;
              position: absolute; left: 0; right: 0; height: 22px; line-height: 22px;
              box-sizing: border-box; }
  #steps li[aria-selected="true"] { background: var(--pick); }
  #steps li .n { color: var(--muted); min-width: 3.5em; text-align: right; }
  #steps li .t { color: var(--muted); min-width: 4.5em; text-align: right; }
  #steps li .title { overflow: hidden; text-overflow: ellipsis; }
  .markers { min-width: 3.5em; }
  .m-command { color: var(--mark); } .m-exception, .m-divergence { color: var(--bad); }
  #detail { padding: 12px 20px; overflow-y: auto; min-height: 0; }
  #detail h2 { font-size: 16px; margin: 0 0 8px; }
  #detail h3 { font-size: 13px; margin: 14px 0 4px; color: var(--muted);
               text-transform: uppercase; }
  pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
  .divergence pre, .exceptions pre { color: var(--bad); }
  #scrubber { padding: 4px 20px 8px; border-bottom: 1px solid var(--line); }
  #scrub { width: 100%; margin: 0; }
  #player { display: flex; gap: 12px; align-items: center; margin-top: 4px; font-size: 13px; }
  #play { font: inherit; min-width: 6.5em; }
  #marks { position: relative; height: 10px; margin: 0 8px; }
  #marks span { position: absolute; bottom: 0; width: 3px; height: 6px; margin-left: -1px; }
  #marks .m-command { background: var(--mark); }
  #marks .m-exception { background: var(--bad); }
  #marks .m-divergence { background: var(--bad); height: 10px; width: 4px; }
  .shots { display: flex; gap: 10px; margin: 0 0 10px; }
  .shots figure { margin: 0; flex: 1; min-width: 0; max-width: 820px; }
  .shots img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
  figcaption { color: var(--muted); font-size: 12px; }
  kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 3px; font-size: 11px; }
"""
