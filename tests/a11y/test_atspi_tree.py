"""The real app as a screen reader meets it: its AT-SPI tree, page by page.

The app runs in its own process on the test X server with Qt's AT-SPI bridge on, on a
session bus and an accessibility bus this test starts (`buses.py`); Debian's interpreter
reads the tree over that bus (`atspi_walker.py`), as Orca would. Pages are shown with real
keys (xdotool), signed out, as a shopper and as an admin, and in the past; every tree must
name every control, and the star rating and the charts must say their values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.a11y.buses import accessibility_buses, missing_tools
from tests.a11y.tree import Node, one, problems, walk
from tests.realinput.desk import Desk
from tests.realinput.sessions import replayshop

PAGES = "main/central/pages"
MAX_TAB_STOPS = 40  # more than any page has: Tab that never comes back is a trap
FOCUS_GUARD_S = 30  # a guard against a lost key, not a speed limit
STARS = f"{PAGES}/catalog/splitter/detail/body/review_box/review_rating"
# Each page, in the order of the list (Ctrl+1 shows the first), and what a screen reader
# calls it.
SHOPPER_PAGES = {
    "catalog": "Catalog", "cart": "Cart", "wallet": "Wallet", "orders": "Orders",
    "reviews": "Reviews",
}  # fmt: skip
ADMIN_PAGES = {
    "catalog": "Catalog", "cart": "Cart", "wallet": "Wallet", "orders": "Orders",
    "admin_products": "Products", "moderation": "Moderation", "analytics": "Analytics",
    "event_log": "Event log", "reviews": "Reviews",
}  # fmt: skip


@pytest.fixture
def screen_reader_desk(tmp_path: Path) -> Iterator[tuple[Desk, dict[str, str], str]]:
    """The app on a demo shop with the accessibility bus up; nobody signed in."""
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("xcb"):
        pytest.skip("the AT-SPI bridge needs the X server the suite starts")
    missing = missing_tools()
    assert not missing, f"missing {', '.join(missing)}: run scripts/system-deps test"
    seeded = replayshop("demo-data", "--db", str(tmp_path / "shop.db"))
    assert seeded.returncode == 0, seeded.stderr
    admin_password = re.search(r"username 'admin', password '([^']+)'", seeded.stdout)
    assert admin_password is not None, seeded.stdout
    with accessibility_buses(tmp_path) as env, pytest.MonkeyPatch.context() as patch:
        for key in ("DBUS_SESSION_BUS_ADDRESS", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON"):
            patch.setenv(key, env[key])  # the app's environment: Desk copies os.environ
        with Desk(tmp_path) as desk:
            desk.widget("main")
            desk.wait_active("main")
            yield desk, env, admin_password.group(1)
            desk.quit()


class Tour:
    """Shows pages with real keys and keeps what each tree got wrong, by where it was."""

    def __init__(self, desk: Desk, env: dict[str, str]) -> None:
        self.desk, self.env = desk, env
        self.found: dict[str, list[str]] = {}
        self.walks = 0

    def look(self, where: str) -> list[Node]:
        nodes = walk(self.desk.process.pid, self.env)
        self.walks += 1
        for problem in problems(nodes):
            self.found.setdefault(problem, []).append(where)
        return nodes

    def pages(self, who: str, pages: dict[str, str]) -> dict[str, list[Node]]:
        seen = {}
        for place, (name, title) in enumerate(pages.items(), start=1):
            self.desk.key(f"ctrl+{place if place < 9 else 9}")
            self.desk.widget(f"{PAGES}/{name}")  # shown (visible and enabled) before we look
            nodes = self.look(f"{who}: {title}")
            shown = [n for n in nodes if n.role == "filler" and n.name == title and n.showing]
            assert shown, f"{who}: the page {title!r} is not showing in the AT-SPI tree"
            seen[name] = nodes
        return seen

    def report(self) -> str:
        return "\n".join(f"{p}  (on {', '.join(dict.fromkeys(w))})" for p, w in self.found.items())


def sign_in(desk: Desk, username: str, password: str) -> None:
    desk.key("ctrl+l")
    desk.widget("main/account_dialog/username")
    desk.wait_active("account_dialog")
    desk.type(username)
    desk.key("Tab")
    desk.type(password)
    desk.key("Return")
    desk.wait_gone("account_dialog")
    desk.wait_active("main")
    desk.wait_until(f"{username} signed in", lambda: username in desk.text("main/status/user"))


def test_every_control_on_every_page_has_a_name_and_says_its_value(
    screen_reader_desk: tuple[Desk, dict[str, str], str],
) -> None:
    desk, env, admin_password = screen_reader_desk
    tour = Tour(desk, env)
    tour.pages("signed out", SHOPPER_PAGES)
    desk.key("ctrl+l")
    desk.widget("main/account_dialog/username")
    desk.wait_active("account_dialog")
    tour.look("the sign-in dialog")
    desk.key("Escape")
    desk.wait_gone("account_dialog")
    desk.wait_active("main")

    sign_in(desk, "ann", "shopper-pass")
    seen = tour.pages("shopper", SHOPPER_PAGES)
    _stars_say_their_value(desk, tour, seen["catalog"])
    stops = _tab_stops(desk, tour, "shopper: Catalog, Tab")
    assert {("slider", "Rating"), ("filler", "Product details")} <= {
        (n.role, n.name) for n in stops
    }
    histogram = one(seen["catalog"], "chart", "Ratings")
    assert re.search(r"\d stars?: \d", histogram.description), histogram.description

    desk.open_menu("Account")
    tour.look("shopper: the Account menu open")
    desk.choose_menu_item("Sign out")
    desk.wait_until("signed out", lambda: desk.text("main/status/user") == "Not signed in")
    sign_in(desk, "admin", admin_password)
    seen = tour.pages("admin", ADMIN_PAGES)
    chart = one(seen["analytics"], "chart", "Units removed from carts, by product")
    assert chart.description and chart.showing

    _dialog(desk, tour, "Account", "Change password…", "password_dialog")
    _dialog(desk, tour, "File", "Report a problem…", "report_dialog")

    _travel_back(desk)
    seen = tour.pages("admin in the past", ADMIN_PAGES)
    banner = [n for n in seen["catalog"] if n.role == "label" and "This is the past" in n.name]
    assert banner and banner[0].showing, "the time-travel banner is not in the tree"

    assert tour.walks == 2 * len(SHOPPER_PAGES) + 2 * len(ADMIN_PAGES) + 6
    assert not tour.found, "what a screen reader meets unnamed:\n" + tour.report()
    # Qt calls the app's own accessible interfaces (app/widgets/accessibility.py): an
    # exception in one is printed, not raised.
    log = desk.app_log()
    assert "Traceback" not in log, log


def _stars_say_their_value(desk: Desk, tour: Tour, catalog: list[Node]) -> None:
    """The star rating is a slider with a Value from 0 (none chosen) to 5, which is what it
    shows and follows a click and a key, as a screen reader would announce it."""
    desk.key("ctrl+1")
    desk.widget(f"{PAGES}/catalog")
    stars = one(catalog, "slider", "Rating")
    assert stars.value is not None, stars
    assert (stars.value["minimum"], stars.value["maximum"]) == (0, 5), stars.value
    shown = _observed(desk, STARS)  # ann's own review of the product: its stars
    assert f"{stars.value['current']:.0f} of 5 stars" == shown, (stars.value, shown)
    assert "focusable" in stars.states
    _click(desk, STARS, 0.7)  # the fourth of five stars
    desk.wait_until("4 stars", lambda: _observed(desk, STARS) == "4 of 5 stars")
    stars = one(tour.look("shopper: Catalog, four stars clicked"), "slider", "Rating")
    assert stars.value is not None and stars.value["current"] == 4, stars.value
    assert stars.description == "4 of 5 stars"
    desk.key("2")
    desk.wait_until("2 stars", lambda: _observed(desk, STARS) == "2 of 5 stars")
    stars = one(tour.look("shopper: Catalog, 2 typed"), "slider", "Rating")
    assert stars.value is not None and stars.value["current"] == 2, stars.value


def _tab_stops(desk: Desk, tour: Tour, where: str) -> list[Node]:
    """Tab round the window's focus chain from where the focus is, as a keyboard user
    does, until it comes back: each stop, as the AT-SPI tree says it is focused."""
    start = desk.wait_until("a focused node", lambda: _focused(desk, tour, None))
    stops = [start]
    while len(stops) <= MAX_TAB_STOPS:
        desk.key("Tab")
        # The node the wait found: a walk of the whole tree, not asked for again.
        stop = desk.wait_briefly(lambda: _focused(desk, tour, stops[-1].at), FOCUS_GUARD_S)
        if stop is None:
            focused = [n.where for n in walk(desk.process.pid, tour.env) if n.focused]
            raise AssertionError(
                f"after {[n.where for n in stops]}, Tab went to no one node: focused {focused}"
            )
        if stop.at == start.at:
            for problem in problems(stops):
                tour.found.setdefault(problem, []).append(where)
            return stops
        stops.append(stop)
    raise AssertionError(f"Tab never came back: {[n.where for n in stops]}")


def _focused(desk: Desk, tour: Tour, other_than: tuple[int, ...] | None) -> Node | None:
    """The one node that has the focus, once it is not the node at `other_than`."""
    focused = [n for n in walk(desk.process.pid, tour.env) if n.focused]
    # A text edit's viewport says it is focused too: the control is the outermost one.
    focused = [n for n in focused if not any(n.at[: len(o.at)] == o.at != n.at for o in focused)]
    if len(focused) == 1 and focused[0].at != other_than:
        return focused[0]
    return None


def _travel_back(desk: Desk) -> None:
    """A click near the start of the time-travel slider: the pages show the past."""
    _click(desk, "main/central/time_travel/slider", 0.05)
    desk.wait_until(
        "the past",
        lambda: "This is the past" in desk.text("main/central/past_banner"),
    )


def _click(desk: Desk, path: str, dx: float) -> None:
    desk.move_to(desk.widget(path)["rect"], dx=dx)
    desk.xdotool("click", "1")


def _observed(desk: Desk, path: str) -> object:
    """What the recorder observes of a widget (its "observed" property), as the probe says."""
    return (desk.ask(op="where", path=path, value="observed") or {}).get("value")


def _dialog(desk: Desk, tour: Tour, menu: str, item: str, name: str) -> None:
    """Opened from the menu bar by mouse, looked at, closed with Escape."""
    desk.open_menu(menu)
    desk.choose_menu_item(item)
    desk.wait_for_window(name)
    desk.wait_active(name)
    tour.look(f"admin: the dialog {item!r}")
    desk.key("Escape")
    desk.wait_gone(name)
    desk.wait_active("main")
