"""What shaped the screens when a session began, beyond the shop's log, kept in the recording.

A user who quit on the Wallet page starts the next session there: the app restores the last
page, the window's geometry, the splitters and the colours from its settings file. A replay
of that session started on the Catalog and diverged at the first click. So the settings that
shape the screens are part of a session's start state, and a replay restores them into its
own throw-away settings before the window is built. Nothing private lives there (window
layout, a page name, a colour scheme); the recording is untrusted input all the same, so
every key and value is checked (`parse`).

The meta key `app_clock` says the session's app timers and jobs were taped: its replay holds
them (recorder/capture/virtual_time.py). A recording made before then replays them on the wall
clock.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

# Groups of the app's settings that change what the screens show at start
# (app/shell/main_window.py).
SCREEN_GROUPS = ("window", "splitters", "view")
KEY = re.compile(r"(?:window|splitters|view)/[A-Za-z0-9_]{1,100}")
MAX_VALUE = 64 * 1024  # a geometry is 66 bytes, a splitter's state about 30
MAX_KEYS = 100
SETTINGS_META = "start_settings"
CLOCK_META = "app_clock"
TAPED = "taped"


@dataclass(frozen=True)
class StartState:
    """A session's start state beyond the log: taped app clock, and screen settings."""

    taped_clock: bool = False
    settings: Mapping[str, QByteArray | str] = field(default_factory=dict)

    @classmethod
    def of(cls, meta: Mapping[str, str]) -> StartState:
        raw = meta.get(SETTINGS_META, "")
        return cls(meta.get(CLOCK_META) == TAPED, parse(raw) if raw else {})

    def restore(self, settings: QSettings) -> None:
        """Into a replay's own settings, before its window reads them."""
        for key, value in self.settings.items():
            settings.setValue(key, value)
        settings.sync()


def session_meta(settings: QSettings) -> dict[str, str]:
    """What a new recording keeps of this start state (as meta values)."""
    return {CLOCK_META: TAPED, SETTINGS_META: json.dumps(screen_settings(settings))}


def screen_settings(settings: QSettings) -> dict[str, list[str]]:
    """The saved settings that shape the screens, as JSON-safe [kind, value] pairs."""
    kept: dict[str, list[str]] = {}
    for key in settings.allKeys():
        if not KEY.fullmatch(key):
            continue
        value = settings.value(key)
        if isinstance(value, QByteArray):
            kept[key] = ["bytes", base64.b64encode(value.data()).decode("ascii")]
        elif isinstance(value, str):
            kept[key] = ["text", value]
    return kept


def parse(raw: str) -> dict[str, QByteArray | str]:
    """A recording's start settings, checked: ValueError says what is wrong and what is
    accepted."""
    try:
        found: Any = json.loads(raw)
    except ValueError:
        raise ValueError("is not JSON; expected an object of settings") from None
    if not isinstance(found, dict) or len(found) > MAX_KEYS:
        raise ValueError(f"is not an object of at most {MAX_KEYS} settings")
    settings: dict[str, QByteArray | str] = {}
    for key, pair in found.items():
        if not KEY.fullmatch(key):
            raise ValueError(
                f"names the setting {key[:60]!r}; expected one of the groups "
                f"{', '.join(SCREEN_GROUPS)} and a plain name"
            )
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or pair[0] not in ("bytes", "text")
            or not isinstance(pair[1], str)
            or len(pair[1]) > MAX_VALUE
        ):
            raise ValueError(
                f'holds {key} as {str(pair)[:60]}; expected ["bytes", base64] or '
                f'["text", text] of at most {MAX_VALUE:,} characters'
            )
        settings[key] = _value(key, pair[0], pair[1])
    return settings


def _value(key: str, kind: str, text: str) -> QByteArray | str:
    if kind == "text":
        return text
    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise ValueError(f"holds {key} as bytes that are not base64") from None
