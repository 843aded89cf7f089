"""A replay does not press where the window manager has not given the widget its place.

On X a new dialog's size is the window manager's answer to the app's request. On a loaded
machine a dialog was seen still at 100x30, below its own minimum, its mode switch squeezed
to 78x0: the replayed press hit nothing, and `bug-enter-after-switch` diverged ("Sign in"
where the user saw "Create account") in 4 of 100 replays. A pointer input now waits until
its widget has a size and its window at least its minimum.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from recorder.capture.schema import UiEvent
from recorder.capture.targets import Scope
from recorder.replay import actions

SCREEN = QSize(1920, 1080)


def test_a_press_waits_while_its_button_has_no_size(qtbot: QtBot) -> None:
    scope = Scope.after_existing_windows()
    window = QWidget()
    window.setObjectName("main")
    qtbot.addWidget(window)
    button = QPushButton("New here? Create an account", window)
    button.setObjectName("switch_mode")
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    at = {"x": 96, "y": 10, "button": 1}
    press = UiEvent(1, 0, "mouse_press", "main/switch_mode", "", at)
    release = UiEvent(2, 0, "mouse_release", "main/switch_mode", "", at)

    button.setGeometry(11, 25, 78, 0)  # squeezed, as in the dialog the window manager had not sized
    assert actions.apply(press, scope) is actions.Outcome.WAIT
    assert actions.apply(release, scope) is actions.Outcome.WAIT
    assert not clicks

    button.setGeometry(11, 121, 193, 22)
    assert actions.apply(press, scope) is actions.Outcome.READY
    assert actions.apply(release, scope) is actions.Outcome.READY
    assert clicks == [True]


def test_a_window_below_its_minimum_is_not_sized_yet() -> None:
    assert not actions.window_sized(QSize(100, 30), QSize(214, 154), SCREEN)
    assert not actions.window_sized(QSize(215, 100), QSize(214, 154), SCREEN)
    assert actions.window_sized(QSize(215, 154), QSize(214, 154), SCREEN)


def test_a_minimum_larger_than_the_screen_is_not_waited_for() -> None:
    # The window manager may keep such a window smaller than its minimum for ever.
    assert actions.window_sized(QSize(800, 600), QSize(866, 481), QSize(800, 800))
