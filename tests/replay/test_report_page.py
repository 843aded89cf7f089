"""`replayshop recording html`: the report page, opened in Debian's Chromium as people open it.

Playwright drives the system's browser (headless, no browser of its own): the page is loaded
from the file, stepped through with the keyboard, searched, and read back from the screen.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.cli.main import main
from app.pages.product_detail import ProductDetail
from app.shell.replay_factory import make_replay_app
from benchmarks.report_page import FLAGS, long_recording
from recorder.capture.schema import Picture
from recorder.capture.sink import encode
from recorder.fileformat.seeded_shop import seed_replay_store
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from recorder.writers.web_page import report_data, start_head, write_html
from recorder.writers.web_page_data import page_data
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: scripts/system-deps installs it"
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh user data directory of its own.
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()


def open_page(browser: Browser, path: Path, fragment: str = "") -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + fragment)
    page.wait_for_selector("body[data-ready=yes]", timeout=HANG_GUARD_MS)
    page.set_default_timeout(HANG_GUARD_MS)
    # One request: the file itself. Nothing else is fetched, from anywhere.
    assert [u for u in requests if not u.startswith("file:")] == []
    return page


def visible_steps(page: Page) -> list[str]:
    """The numbers of the steps Chromium draws with a size (what a person sees listed)."""
    return [li.inner_text() for li in page.locator("#steps li:visible .n").all()]


def heading(page: Page) -> str:
    return page.inner_text("#detail h2")


def test_the_page_steps_searches_and_shows_what_happened(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    source = RECORDINGS / "checkout-refused-and-paid.shoprec"
    assert main(["recording", "html", str(source), "-o", str(out)]) == 0
    page = open_page(browser, out)
    header = page.inner_text("header")
    assert "Regression session: checkout-refused-and-paid" in header
    # The head of the starting state, as a replay's store chains it.
    position, head = start_head(load_recording(source))
    assert f"#{position} {head}" in header
    assert page.locator("dl div", has_text="UI events").inner_text().split() == [
        "UI",
        "events",
        "153",
    ]

    assert heading(page) == "Step 1 of 20: the shop opens"
    page.keyboard.press("ArrowDown")
    assert heading(page) == "Step 2 of 20: sign in as lena"
    detail = page.inner_text("#detail")
    # The password was never recorded: it shows as masked, in the input and on screen.
    assert "text_entered" in detail and "masked=True fill=long" in detail
    assert "main/account_dialog/password\n(masked)" in detail
    page.keyboard.press("j")
    assert heading(page) == "Step 3 of 20: go to Cart"
    page.keyboard.press("End")
    assert heading(page).startswith("Step 20 of 20")
    page.keyboard.press("Home")
    page.keyboard.press("n")  # the next step with domain events
    assert heading(page) == "Step 4 of 20: remove Ceramic Teapot 1 l from the cart"
    assert "ItemRemovedFromCart cart-" in page.inner_text("#detail")

    page.keyboard.press("End")
    for _ in range(4):
        page.keyboard.press("ArrowUp")
    # The refused checkout is a step of its own, named by the refusal.
    assert heading(page) == 'Step 16 of 20: click "Check out", refused: InsufficientFunds'
    page.keyboard.press("Home")

    page.keyboard.press("/")
    page.keyboard.type("CartCheckedOut")
    assert page.inner_text("#count") == "1 of 20 steps match"
    page.keyboard.press("Enter")
    assert heading(page) == "Step 18 of 20: check out $79.00 and pay $79.00"
    detail = page.inner_text("#detail")
    assert "FundsDebited wallet-d000013@4" in detail
    assert "Order placed: 1 × Variable Temperature Kettle. Paid $79.00 from your wallet." in detail
    # What matches is what is on screen: the 19 other steps take no room and cannot be seen.
    assert visible_steps(page) == ["18"]
    assert page.locator("#steps li").count() == 1  # the others are not in the list at all
    page.keyboard.press("Escape")
    assert visible_steps(page) == [str(n) for n in range(1, 21)]
    # The scrubber: a mark for each step with domain events, where the step is along it.
    marked = [
        n for n, step in enumerate(report_data(load_recording(source))["steps"]) if step["domain"]
    ]
    marks = page.locator("#marks span.m-command:visible")
    assert marks.count() == len(marked) > 5
    scrub = page.locator("#scrub").bounding_box()
    first = marks.nth(0).bounding_box()
    assert scrub is not None and first is not None
    along = (first["x"] - scrub["x"]) / scrub["width"]
    assert abs(along - marked[0] / 19) < 0.05
    page.focus("#scrub")
    page.keyboard.press("End")
    assert heading(page).startswith("Step 20 of 20")
    page.keyboard.press("ArrowLeft")
    assert heading(page).startswith("Step 19 of 20")
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_the_page_plays_the_steps_at_their_pace_and_speed(browser: Browser, tmp_path: Path) -> None:
    """Play goes from step to step by the recorded time between them, at the chosen speed,
    a pause longer than a second played as one when inactivity is skipped. The page's clock
    is Playwright's, stopped and moved by hand: what is checked is the page's timing, never
    the machine's."""
    out = tmp_path / "report.html"
    source = RECORDINGS / "admin-products.shoprec"
    assert main(["recording", "html", str(source), "-o", str(out)]) == 0
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.clock.install()
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready=yes]", timeout=HANG_GUARD_MS)
    page.set_default_timeout(HANG_GUARD_MS)
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    times = [s["t"] for s in report_data(load_recording(source))["steps"]]
    gaps = [b - a for a, b in pairwise(times)]
    assert gaps[0] < 1000 < gaps[1], gaps  # a short pause, then a long one

    def at(step: int) -> None:
        assert heading(page).startswith(f"Step {step} of {len(times)}:"), heading(page)

    at(1)
    page.click("#play")
    assert page.get_attribute("#play", "aria-pressed") == "true"
    page.clock.run_for(gaps[0] - 2)
    at(1)  # not yet
    page.clock.run_for(4)
    at(2)
    page.clock.run_for(1000 - 4)  # the long pause, skipped: one second
    at(2)
    page.clock.run_for(6)
    at(3)
    page.keyboard.press(" ")  # Space pauses
    assert page.get_attribute("#play", "aria-pressed") == "false"
    page.clock.run_for(60_000)
    at(3)
    page.select_option("#speed", "4")
    page.uncheck("#skip")  # the recorded pauses whole, at four times the speed
    page.focus("#steps")
    page.keyboard.press(" ")
    page.clock.run_for(gaps[2] // 4 + 2)
    at(4)
    page.clock.run_for(10 * 60_000)  # on to the last step, where it stops
    at(len(times))
    assert page.get_attribute("#play", "aria-pressed") == "false"
    page.close()


def test_a_replay_that_diverges_is_marked_at_its_step(
    browser: Browser, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ProductDetail.show_product

    def forgetful(self: ProductDetail, product_id: str | None) -> None:
        kept = self.quantity.value()
        original(self, product_id)
        self.quantity.setValue(kept)  # the bug this recording was made for, back again

    monkeypatch.setattr(ProductDetail, "show_product", forgetful)
    recording = load_recording(RECORDINGS / "bug-quantity-carryover.shoprec")
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "diverged"
    out = tmp_path / "diverged.html"
    write_html(recording, out, verdict)
    page = open_page(browser, out)
    assert page.inner_text("#verdict").startswith(f"DIVERGED at UI event #{verdict.step}")
    assert page.locator("#steps .m-divergence").count() == 1
    assert page.locator("#marks .m-divergence:visible").count() == 1
    page.keyboard.press("d")
    detail = page.inner_text("#detail")
    assert "DIVERGENCE" in detail.upper() and "detail/body/quantity" in detail
    assert f"#{verdict.step} " in detail  # the UI event it diverged at is in this step


def test_texts_from_the_recording_stay_text(browser: Browser, tmp_path: Path) -> None:
    """A recording is untrusted: markup in its note is shown, never run or fetched."""
    recording = load_recording(RECORDINGS / "menu-keys.shoprec")
    evil = '<script>window.pwned = 1</script><img src="https://example.invalid/x.png">'
    recording.meta["note"] = evil + "</script>"
    out = tmp_path / "evil.html"
    write_html(recording, out)
    page = open_page(browser, out)
    assert evil in page.inner_text("header")
    assert page.evaluate("window.pwned") is None
    assert page.locator("img").count() == 0


def test_a_session_of_5000_events_opens_whole(browser: Browser, tmp_path: Path) -> None:
    """Every step is listed and reachable; how fast it opens is measured by `make bench`."""
    recording = long_recording(
        load_recording(RECORDINGS / "reviews-post-edit-delete.shoprec"), 5000
    )
    assert len(recording.ui_events) >= 5000
    out = tmp_path / "long.html"
    write_html(recording, out)
    page = open_page(browser, out)
    steps = len(report_data(recording)["steps"])
    assert page.inner_text("#count") == f"{steps} steps" and steps > 100
    # A virtual list: the rows in view are in the page, not one per step.
    assert 10 < page.locator("#steps li").count() < 200
    assert visible_steps(page)[:3] == ["1", "2", "3"]
    page.keyboard.press("End")
    assert visible_steps(page)[-1] == str(steps)  # the last row, drawn where the list ends
    assert heading(page).startswith(f"Step {steps} of {steps}")
    page.keyboard.press("/")
    page.keyboard.type("ReviewDeleted")
    matches = page.inner_text("#count")
    rounds = len(recording.ui_events) // len(
        load_recording(RECORDINGS / "reviews-post-edit-delete.shoprec").ui_events
    )
    assert matches == f"{rounds} of {steps} steps match"


def test_the_start_head_is_the_head_a_replay_starts_from(tmp_path: Path) -> None:
    import sqlite3

    recording = load_recording(RECORDINGS / "time-travel.shoprec")
    db = seed_replay_store(recording, tmp_path)
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
    assert start_head(recording) == (row[0], row[1])


def test_html_writes_beside_you_by_default_and_needs_a_readable_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["recording", "html", str(RECORDINGS / "menu-keys.shoprec")]) == 0
    assert "wrote menu-keys.html" in capsys.readouterr().out
    assert "<html" in (tmp_path / "menu-keys.html").read_text()
    foreign = tmp_path / "notes.shoprec"
    foreign.write_text(json.dumps({"not": "a recording"}))
    assert main(["recording", "html", str(foreign), "-o", str(tmp_path / "r.html")]) == 2
    assert "notes.shoprec" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def shown_picture(page: Page) -> dict[str, object]:
    """The first picture of the step on screen as Chromium drew it: decoded, with a size."""
    result: dict[str, object] = page.evaluate(
        """() => {
          const img = document.querySelector("#detail .shots img");
          if (!img) return {};
          const box = img.getBoundingClientRect();
          return { width: img.naturalWidth, drawn: box.width * box.height, complete: img.complete,
                   caption: img.nextElementSibling.textContent, src: img.src.slice(0, 22) };
        }"""
    )
    return result


def test_a_page_made_with_a_replay_shows_a_picture_at_every_step(
    browser: Browser, qapp: QApplication, tmp_path: Path
) -> None:
    """The committed recordings keep no pictures (their size stays small): the replay draws
    them, and every step shows what was on screen then."""
    out = tmp_path / "pictures.html"
    source = RECORDINGS / "checkout-refused-and-paid.shoprec"
    assert load_recording(source).pictures == {}
    assert main(["recording", "html", "--replay", str(source), "-o", str(out)]) == 0
    page = open_page(browser, out)
    assert "drawn by the replay: the recording has none" in page.inner_text("header")
    steps = int(page.inner_text("#count").split()[0])
    own = 0
    for n in range(1, steps + 1):
        assert heading(page).startswith(f"Step {n} of {steps}")
        shown = shown_picture(page)
        assert shown.get("complete") and int(str(shown["width"])) > 100, f"step {n}: {shown}"
        assert float(str(shown["drawn"])) > 10_000 and shown["src"] == "data:image/webp;base64"
        own += str(shown["caption"]).startswith("The windows as this step left them")
        page.keyboard.press("ArrowDown")
    assert own >= steps // 2  # most steps change the screen; the others show the last picture
    # No picture reached for anything outside the page: one request, the file.
    assert page.evaluate("[...document.images].every((i) => i.src.startsWith('data:'))")


def drawn_step(page: Page) -> dict[str, object]:
    """The chosen step's details as Chromium has them on screen, text by text."""
    result: dict[str, object] = page.evaluate(
        """() => {
          const d = document.querySelector("#detail");
          const pre = (cls) => { const p = d.querySelector("." + cls + " pre");
                                 return p ? p.textContent : null; };
          const seen = [...d.querySelectorAll(".seen .path")].map(
            (p) => [p.textContent, p.nextElementSibling.textContent]);
          return { heading: d.querySelector("h2").textContent, seen, events: pre("events"),
                   domain: pre("domain"), exceptions: pre("exceptions"),
                   divergence: pre("divergence") };
        }"""
    )
    return result


def event_line(seq: int, t_ms: int, description: str) -> str:
    return f"#{seq} {t_ms / 1000:.3f}s {description}"


@pytest.mark.parametrize("name", ["checkout-refused-and-paid", "time-travel-drag"])
def test_every_step_drawn_is_the_recorded_one(browser: Browser, tmp_path: Path, name: str) -> None:
    """The page carries each text once and a step as indexes into them (a list of several
    lines as its lines, events as differences): what Chromium draws for every step is what
    the recording holds, text for text."""
    recording = load_recording(RECORDINGS / f"{name}.shoprec")
    out = tmp_path / "page.html"
    write_html(recording, out)
    page = open_page(browser, out)
    steps = report_data(recording)["steps"]
    assert any("\n" in text for s in steps for _, text in s["seen"])  # lists of several lines
    for n, step in enumerate(steps, start=1):
        drawn = drawn_step(page)
        assert drawn["heading"] == f"Step {n} of {len(steps)}: {step['title']}"
        assert drawn["seen"] == [list(pair) for pair in step["seen"]], f"step {n}"
        assert drawn["events"] == ("\n".join(event_line(*e) for e in step["events"]) or "(none)")
        assert drawn["domain"] == (
            "\n".join(step["domain"]) or "(none: this step changed nothing in the shop)"
        )
        assert drawn["exceptions"] == ("\n".join(step["exceptions"]) or None)
        page.keyboard.press("ArrowDown")


def matching_steps(steps: list[dict[str, Any]], query: str) -> int:
    """How many steps hold the query in anything they show, as one text per step has it."""
    q = query.strip().lower()
    texts = [
        "\n".join(
            [
                s["title"],
                *(event_line(*e) for e in s["events"]),
                *s["domain"],
                *(part for pair in s["seen"] for part in pair),
                *s["exceptions"],
                s["divergence"] or "",
            ]
        ).lower()
        for s in steps
    ]
    return sum(q in text for text in texts)


def test_search_finds_what_the_steps_show_as_whole_texts(browser: Browser, tmp_path: Path) -> None:
    """The page searches the distinct texts, not one text per step: it finds the same steps,
    a query across an event's number, time, kind, widget and what was done included."""
    recording = load_recording(RECORDINGS / "checkout-refused-and-paid.shoprec")
    out = tmp_path / "page.html"
    write_html(recording, out)
    page = open_page(browser, out)
    steps = report_data(recording)["steps"]
    seq, t_ms, description = steps[3]["events"][2]
    queries = [
        event_line(seq, t_ms, description)[:14],  # "#36 2.455s foc": number and time
        f"{t_ms / 1000:.3f}s {description[:5]}",
        description[10:30],  # the kind's padding into the widget's path
        "remove  at (",  # the widget and what was done there
        "  Assam Breakfast Tea | $11.50 | 3",  # one line of a list of several
        "$34.50\n  Jasmine",  # a line break cannot be typed: it is dropped, nothing matches
        "(no longer shown)",
        "cartcheckedout",
        "s ",
        "9",
    ]
    for query in queries:
        page.fill("#search", query)
        expected = matching_steps(steps, query.replace("\n", ""))
        assert page.inner_text("#count") == f"{expected} of {len(steps)} steps match", query
        assert len(visible_steps(page)) == expected, query
    assert all(matching_steps(steps, q) for q in queries[:5])  # each finds something


def test_a_picture_seen_again_is_carried_once(
    browser: Browser, qapp: QApplication, tmp_path: Path
) -> None:
    """Two steps that left the same windows (byte for byte) share one picture in the page;
    both show it."""
    recording = load_recording(RECORDINGS / "menu-keys.shoprec")
    starts = [s["events"][0][0] for s in report_data(recording)["steps"]]
    assert len(starts) >= 4
    red, blue = png(QColor("red"), 120), png(QColor("blue"), 160)
    # A picture is seen before UI event `anchor`: the step before the one starting there.
    shown = {starts[1]: red, starts[2]: blue, starts[3]: red}
    write_html(recording, tmp_path / "page.html", replayed=shown)
    data = page_data(report_data(recording, replayed=shown))
    assert len(data["pictures"]["uris"]) == 2 and data["pictures"]["count"] == 3
    page = open_page(browser, tmp_path / "page.html")
    widths = []
    for _ in range(3):
        widths.append(shown_picture(page).get("width"))
        page.keyboard.press("ArrowDown")
    assert widths == [120, 160, 120]
    assert "3, drawn by the replay" in page.inner_text("header")


def png(color: QColor, width: int) -> Picture:
    image = QImage(width, 80, QImage.Format.Format_RGB32)
    image.fill(color)
    return encode(0, image, width, "png")
