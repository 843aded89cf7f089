"""Capture: what a session stores, linked to the domain events it caused."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.capture.links import events_caused_by, ui_event_behind
from tests.app.conftest import click_row, sign_in
from tests.recorder.conftest import ANN_PASSWORD, Recorded


def ui_rows(recorded: Recorded) -> list[tuple[int, str, str, str]]:
    recorded.recorder.sink.flush(wait=True)
    db = sqlite3.connect(recorded.db)
    rows = db.execute(
        "SELECT seq, kind, target, data FROM ui_events WHERE session_id = ? ORDER BY seq",
        (recorded.recorder.session_id,),
    ).fetchall()
    db.close()
    return rows


def test_a_click_is_stored_with_its_path_and_linked_to_its_events(
    qtbot: QtBot, recorded: Recorded
) -> None:
    dialog = sign_in(qtbot, recorded.window, "ann", ANN_PASSWORD)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    catalog = recorded.window.show_page("catalog")
    click_row(qtbot, catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    rows = ui_rows(recorded)
    kinds = [(kind, target) for _, kind, target, _ in rows]
    add = "main/central/pages/catalog/splitter/detail/body/add_to_cart"
    assert ("mouse_release", add) in kinds
    release_seq = next(
        seq for seq, kind, target, _ in rows if (kind, target) == ("mouse_release", add)
    )
    row_click = next(
        data
        for _, kind, target, data in rows
        if kind == "mouse_press" and target.endswith("catalog/splitter/list/products")
    )
    assert '"key": "' in row_click and '"row": ' in row_click  # the item, not just pixels

    db = sqlite3.connect(recorded.db)
    [caused] = events_caused_by(db, recorded.recorder.session_id, release_seq)
    assert caused["type"] == "ItemAddedToCart"
    behind = ui_event_behind(db, caused["position"])
    db.close()
    assert behind == {
        "session_id": recorded.recorder.session_id,
        "seq": release_seq,
        "kind": "mouse_release",
        "target": add,
    }


def test_each_event_is_recorded_once_not_once_per_parent(qtbot: QtBot, recorded: Recorded) -> None:
    dialog = recorded.window.open_sign_in()
    qtbot.waitExposed(dialog)
    before = len(ui_rows(recorded))
    qtbot.keyClicks(dialog.username, "abc")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)  # the dialog, a parent, handles Escape
    new = [
        (kind, target, data)
        for _, kind, target, data in ui_rows(recorded)[before:]
        if kind.startswith("key_")
    ]
    assert len(new) == 8  # 4 presses and 4 releases, each at the line edit only
    assert {target for _, target, _ in new} == {"main/account_dialog/username"}


def test_recording_can_be_switched_off_and_the_status_bar_says_so(
    qtbot: QtBot, recorded: Recorded
) -> None:
    window = recorded.window
    assert window.recording_label.text() == "● REC"
    window.record_action.trigger()
    assert window.recording_label.text() == "Not recording"
    before = len(ui_rows(recorded))
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    assert len(ui_rows(recorded)) == before
    window.record_action.trigger()
    assert window.recording_label.text() == "● REC"


def test_a_burst_of_2000_interactions_loses_nothing(qtbot: QtBot, recorded: Recorded) -> None:
    catalog = recorded.window.show_page("catalog")
    before = len(ui_rows(recorded))
    for n in range(2000):
        qtbot.keyClick(catalog.search, "ab"[n % 2])  # type: ignore[attr-defined]
    rows = ui_rows(recorded)[before:]
    keys = [r for r in rows if r[1] in ("key_press", "key_release")]
    assert len(keys) == 4000  # 2,000 key clicks, each a press and a release
    assert [r[0] for r in rows] == list(range(rows[0][0], rows[0][0] + len(rows)))  # no gaps
