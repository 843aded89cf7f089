"""A replay's verdict depends on the recording and the code alone. Each way it once depended on
more is a real session here: typed by xdotool on the test's X server, exported, and replayed
3 times while busy processes (two per core) load the machine.

- the app's timers fired on the wall clock (a search typed fast);
- the saved settings shaped the first screen (a restart on another page);
- Ctrl+digit typed NUL, which made the report unreadable;
- a killed session ended on a window the recording never saw.
"""

from __future__ import annotations

import signal
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.realinput.desk import Desk
from tests.realinput.sessions import assert_replays_identically, export, keep, replayshop, timeline
from tests.realinput.test_sessions import CATALOG, DETAIL, finish, inputs, sign_in

PAGES = "main/central/pages/"
# Between two keys, a little inside the debounce (150 ms on the Catalog, 250 ms on the
# Reviews page): a person typing steadily. A replay at the recorded pace on a busy machine
# once let the debounce fire between two such keys, where the user's never did. (xdotool
# presses a key every half `--delay`: half of it before the release, half after.)
CATALOG_KEYS_MS, REVIEWS_KEYS_MS = 2 * 140, 2 * 235


def page_shown(desk: Desk, name: str) -> bool:
    return bool((desk.ask(op="where", path=PAGES + name) or {}).get("visible"))


def stored(db: Path) -> set[tuple[str, str]]:
    """The (kind, target) of each UI event the recorder has written to the shop's file."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return set(conn.execute("SELECT DISTINCT kind, target FROM ui_events"))


def dialog_stored(db: Path) -> bool:
    """The recorder has written the menu choice and the focus going into the dialog."""
    events = stored(db)
    chose = any(kind == "menu_action" for kind, _ in events)
    focused = any(
        kind == "focus_in" and target.startswith("main/password_dialog/") for kind, target in events
    )
    return chose and focused


def shown_rows(desk: Desk, table: str) -> int:
    return int(desk.ask(op="count", path=table) or 0)


def test_searches_typed_steadily_replay_the_same_on_a_busy_machine(
    demo_desk: Desk, tmp_path: Path
) -> None:
    """The debounces fire where the user's did, never between two keys a replay sends slowly."""
    desk = demo_desk
    sign_in(desk, "carla")
    products = f"{CATALOG}/products"
    before = shown_rows(desk, products)
    desk.click(f"{CATALOG}/search")
    desk.type("te", delay_ms=CATALOG_KEYS_MS)
    desk.wait_until("the list to narrow", lambda: 0 < shown_rows(desk, products) < before)
    narrowed = shown_rows(desk, products)
    desk.type("a", delay_ms=CATALOG_KEYS_MS)  # "tea"
    desk.wait_until("the list to narrow again", lambda: shown_rows(desk, products) < narrowed)
    desk.key("ctrl+9")  # the Reviews page
    reviews = f"{PAGES}reviews/found"
    desk.wait_until("the newest reviews", lambda: shown_rows(desk, reviews) > 0)
    everyone = shown_rows(desk, reviews)
    desk.click(f"{PAGES}reviews/author")
    desk.type("bob", delay_ms=REVIEWS_KEYS_MS)
    desk.wait_until("the reviews of bob", lambda: 0 < shown_rows(desk, reviews) < everyone)
    # Replayed at the user's pace, as a developer watches it in the viewer.
    events = finish(desk, tmp_path, "steady-searches", "--speed", "1", busy=True)
    timers = [e for e in events if e["kind"] == "timer"]
    assert len(timers) >= 3 and all(str(e["target"]).endswith("search_debounce") for e in timers)
    keys = inputs(events)["key_press"]
    assert keys > len(timers)  # keys typed faster than the debounce: fewer timers than keys


def test_a_session_after_a_restart_on_another_page_replays(tmp_path: Path) -> None:
    """The app starts where the user left it (the Wallet page): so does the replay."""
    assert replayshop("demo-data", "--db", str(tmp_path / "shop.db")).returncode == 0
    with Desk(tmp_path) as desk:
        desk.widget("main")
        desk.wait_active("main")
        desk.key("ctrl+3")
        desk.wait_until("the wallet page", lambda: page_shown(desk, "wallet"))
        desk.quit()
    with Desk(tmp_path) as desk:  # the same desk: its settings say Wallet
        desk.widget("main")
        assert page_shown(desk, "wallet")  # at start, before any input
        desk.wait_active("main")
        sign_in(desk, "dmitri")
        transactions = f"{PAGES}wallet/transactions"
        before = shown_rows(desk, transactions)
        desk.click(f"{PAGES}wallet/amount")
        desk.key("ctrl+a")
        desk.type("12.50")
        desk.click(f"{PAGES}wallet/deposit")
        desk.wait_until("the deposit to show", lambda: shown_rows(desk, transactions) > before)
        events = finish(desk, tmp_path, "restart-on-wallet", busy=True)
    assert not any(e["kind"] == "mouse_press" and "nav" in str(e["target"]) for e in events)


def test_page_shortcuts_typing_control_characters_replay(demo_desk: Desk, tmp_path: Path) -> None:
    """Ctrl+2 types NUL on X: the report holds it as a key's text and replays it."""
    desk = demo_desk
    sign_in(desk, "eve")
    for keys, page in (("ctrl+2", "cart"), ("ctrl+3", "wallet"), ("ctrl+9", "reviews")):
        desk.key(keys)
        desk.wait_until(f"the {page} page", lambda p=page: desk.ask(op="where", path=f"{PAGES}{p}"))
    desk.key("ctrl+1")
    desk.widget(f"{CATALOG}/search")
    events = finish(desk, tmp_path, "page-shortcuts", busy=True)
    typed = [e["data"].get("text") for e in events if e["kind"] == "key_press"]
    assert "\x00" in typed  # what X typed for Ctrl+2


def test_a_session_killed_on_an_open_dialog_is_judged_to_what_the_user_saw(
    demo_desk: Desk, tmp_path: Path
) -> None:
    """Its last input opened a window; then the app was killed: the recording ends there."""
    desk = demo_desk
    sign_in(desk, "farah")
    desk.click_row(f"{CATALOG}/products", "Jasmine Pearls")
    desk.click(f"{DETAIL}/add_to_cart")
    desk.wait_until("the cart message", lambda: desk.text(f"{DETAIL}/cart_message"))
    desk.open_menu("Account")
    desk.choose_menu_item("Change password…")
    desk.wait_for_window("password_dialog")
    # Killed once the recorder has stored the choice and the dialog's focus (it writes every
    # 200 ms): the recording's last input opened a window whose contents it never looked at.
    desk.wait_until("the menu choice and the dialog stored", lambda: dialog_stored(desk.db))
    desk.process.send_signal(signal.SIGKILL)
    desk.process.wait()
    recording = export(
        desk.db, tmp_path / "killed-on-an-open-dialog.shoprec", note="killed on an open dialog"
    )
    assert_replays_identically(recording, busy=True)
    keep(recording)
    events = timeline(recording)
    assert any(e["kind"] == "menu_action" for e in events)
    # The dialog opened (focus moved into it), and the user never typed into it.
    into_dialog = [e for e in events if str(e["target"]).startswith("main/password_dialog/")]
    assert into_dialog and {e["kind"] for e in into_dialog} <= {"focus_in", "move", "resize"}
