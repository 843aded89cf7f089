"""A session's start settings: what is kept, and every hostile value refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from recorder.capture import start_state
from recorder.fileformat import validate


def settings_file(path: Path) -> QSettings:
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb\x00\x03"))
    settings.setValue("window/page", "wallet")
    settings.setValue("splitters/catalog_splitter", QByteArray(b"\x00\xff"))
    settings.setValue("view/colours", "dark")
    settings.setValue("recent/files", "/home/ann/secret.txt")  # not a screen setting
    settings.sync()
    return settings


def test_the_screen_settings_go_in_and_come_back_the_same(tmp_path: Path) -> None:
    meta = start_state.session_meta(settings_file(tmp_path / "user.ini"))
    assert meta["app_clock"] == "taped"
    kept = json.loads(meta["start_settings"])
    assert set(kept) == {
        "window/geometry",
        "window/page",
        "splitters/catalog_splitter",
        "view/colours",
    }
    state = start_state.StartState.of(meta)
    assert state.taped_clock
    replayed = QSettings(str(tmp_path / "replay.ini"), QSettings.Format.IniFormat)
    state.restore(replayed)
    assert replayed.value("window/page") == "wallet"
    assert replayed.value("window/geometry") == QByteArray(b"\x01\xd9\xd0\xcb\x00\x03")
    assert replayed.value("view/colours") == "dark"
    assert replayed.value("recent/files") is None


def test_a_recording_made_before_the_start_state_replays_as_before() -> None:
    state = start_state.StartState.of({"format_version": "4"})
    assert not state.taped_clock and dict(state.settings) == {}


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("[]", "not an object of at most 100 settings"),
        ("{", "is not JSON"),
        ('{"../../etc/passwd": ["text", "x"]}', "expected one of the groups window, splitters"),
        ('{"window/page": ["text", 7]}', 'expected ["bytes", base64] or ["text", text]'),
        ('{"window/page": ["code", "x"]}', 'expected ["bytes", base64]'),
        ('{"window/geometry": ["bytes", "!!"]}', "bytes that are not base64"),
        ('{"view/colours": ["text", "' + "x" * 70_000 + '"]}', "at most 65,536 characters"),
    ],
)
def test_a_hostile_start_state_is_refused_naming_what_is_accepted(raw: str, said: str) -> None:
    with pytest.raises(validate.Invalid, match="meta 'start_settings'") as refused:
        validate.meta_values({"start_settings": raw})
    assert said in str(refused.value)
