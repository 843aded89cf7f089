"""The report page's data made small: each text once, in a table, and the steps as numbers.

`report_data` (web_page.py) gathers per step what the page shows as whole texts. Written so,
a page cost about 300 bytes per UI event (62% of it the screens' texts and their widget paths,
28% the UI event lines): a session of 100,010 steps made a page of 254 MB that took 5.8 s to
open in Chromium. A session repeats itself: the same paths, the same button captions, a list
of which one row changed. Here every distinct text is kept once in `strings`, and a step
refers to it by index (that session's page: 24.6 MB, opened in 0.8 s):

- a text of several lines is kept as the indexes of its lines, so a list that changed in one
  row stores that row alone (the others are shared with the version before);
- a UI event is four numbers: its seq and time (the step's first as they are, each next one as
  the difference from the one before, mostly small) and two texts, the kind with the widget
  ("mouse_press      main/…/remove") and what was done there ("  at (44, 10)");
- a step is `[title, events, domain, seen, exceptions]`, empty lists at its end left out;
  the few steps with a divergence or a picture are listed by index, not marked in every step;
- a picture that is byte for byte another (nothing moved on screen) is the other's.

The page's script (web_page_script.py) rebuilds every text exactly as `report_data` has it;
tests read back what Chromium draws and compare.
"""

from __future__ import annotations

from typing import Any

# The kind, padded to 16, then a space: where the widget's path starts in describe_event.
TARGET_AT = 17


class Strings:
    """Each distinct text once; a text of several lines as a list of its lines' indexes."""

    def __init__(self) -> None:
        self.table: list[str | list[int]] = []
        self.ids: dict[str | tuple[int, ...], int] = {}

    def _add(self, key: str | tuple[int, ...], value: str | list[int]) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.table)
            self.table.append(value)
        return found

    def line(self, text: str) -> int:
        return self._add(text, text)

    def text(self, text: str) -> int:
        if "\n" not in text:
            return self.line(text)
        lines = tuple(self.line(part) for part in text.split("\n"))
        return self._add(lines, list(lines))


def _split(description: str) -> tuple[str, str]:
    """(kind and widget, what was done): the first is shared by every event of that kind on
    that widget. Any split rebuilds the same text; this one shares the most."""
    cut = description.find("  ", TARGET_AT)
    return (description, "") if cut < 0 else (description[:cut], description[cut:])


def _events(events: list[tuple[int, int, str]], strings: Strings) -> list[int]:
    out: list[int] = []
    seq, t = 0, 0
    for number, (at_seq, at_t, description) in enumerate(events):
        head, tail = _split(description)
        if number:
            out += [at_seq - seq, at_t - t]
        else:
            out += [at_seq, at_t]
        out += [strings.line(head), strings.line(tail)]
        seq, t = at_seq, at_t
    return out


def _step(step: dict[str, Any], strings: Strings) -> list[Any]:
    seen: list[int] = []
    for path, shown in step["seen"]:
        seen += [strings.line(path), strings.text(shown)]
    row: list[Any] = [
        strings.line(step["title"]),
        _events(step["events"], strings),
        [strings.text(line) for line in step["domain"]],
        seen,
        [strings.text(line) for line in step["exceptions"]],
    ]
    while len(row) > 1 and not row[-1]:
        row.pop()
    return row


def page_data(report: dict[str, Any]) -> dict[str, Any]:
    """`report_data`'s output as the page carries it (see the module's docstring)."""
    strings = Strings()
    steps = [_step(step, strings) for step in report["steps"]]
    divergence = [
        [i, strings.text(s["divergence"])] for i, s in enumerate(report["steps"]) if s["divergence"]
    ]
    uris, kept = _pictures(report["pictures"]["uris"])
    pictures = {
        name: [[i, kept[s[name]]] for i, s in enumerate(report["steps"]) if s[name] is not None]
        for name in ("picture", "replayed")
    }
    return {
        **{k: report[k] for k in ("meta", "counts", "head", "verdict")},
        "strings": strings.table,
        "steps": steps,
        "divergence": divergence,
        "pictures": {
            "source": report["pictures"]["source"],
            "count": len(report["pictures"]["uris"]),  # as taken, before the same were merged
            "uris": uris,
            **pictures,
        },
    }


def _pictures(uris: list[str]) -> tuple[list[str], list[int]]:
    """Each distinct picture once, and where each of the report's went."""
    distinct: dict[str, int] = {}
    where = [distinct.setdefault(uri, len(distinct)) for uri in uris]
    return list(distinct), where
