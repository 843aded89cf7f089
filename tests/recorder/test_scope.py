"""A replay's scope: the windows it works in are those made after it started."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from recorder.capture.targets import Scope


def test_a_window_there_before_is_out_until_deleted_and_its_address_is_free_again(
    qapp: QApplication,
) -> None:
    """A test's dialog, closed before the replay and deleted during it, must not hide the
    replay's own dialog if that one is given the same address (it once made a replay read
    "diverged": the report dialog not shown)."""
    before = QDialog()
    before.show()
    scope = Scope.after_existing_windows()
    address = int(shiboken6.getCppPointer(before)[0])
    assert not scope.holds(before) and before not in scope.windows()
    shiboken6.delete(before)
    assert address in scope.gone  # whatever window gets this address now is the replay's
    after = QWidget()
    after.show()
    try:
        assert scope.holds(after) and after in scope.windows()
    finally:
        after.close()
