"""Checking every row of a recording before anything uses it: a recording is untrusted input.

A `*.shoprec` comes attached to a bug report, from anyone. Each value is checked for its type,
its range and its meaning (a known event kind, a JSON object with the fields replay reads, a
domain event this build can decode) and anything else is refused with `Invalid`, which names
the table, the row and what is accepted. Nothing here touches Qt or the disk.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Callable
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from domain.model.events import EVENT_TYPES, decode_event
from recorder.capture import start_state
from recorder.fileformat.digests import MAX_KEPT_ROWS

MAX_TEXT = 10_000  # a target path, a typed text, an input value
MAX_JSON = 1_000_000  # one row's JSON (an observation of a long table is the biggest)
MAX_COORD = 1_000_000  # pixels
MAX_INT32 = 2**31 - 1
MAX_SEQ = 10**9
MAX_MS = 10**11  # about three years of session

# The UI event kinds this build records (recorder/capture/record.py), and the fields of `data` that
# replay reads, with their types and ranges. Fields not listed are carried but never read.
BOOL = (bool,)
MAX_ROWS_JSON = 8 * 1024**2  # MAX_KEPT_ROWS rows of a few hundred characters
MAX_KEY_TEXT = 32  # an input method may type a few characters with one key
MOUSE: dict[str, Any] = {
    "x": (-MAX_COORD, MAX_COORD),
    "y": (-MAX_COORD, MAX_COORD),
    "button": (0, 2**32 - 1),
    "buttons": (0, 2**32 - 1),
    "modifiers": (0, 2**32 - 1),
    "enabled": BOOL,
    "item": "item",
}
KEY: dict[str, Any] = {
    "key": (0, 2**32 - 1),
    "modifiers": (0, 2**32 - 1),
    # What the key typed, control characters included: Ctrl+2 types NUL, Ctrl+L a form feed.
    # They are data to hand back to Qt, never shown raw (recorder/writers/show.py names the key).
    "text": "key_text",
    "autorepeat": BOOL,
    "masked": BOOL,
}
DATA_FIELDS: dict[str, dict[str, Any]] = {
    "mouse_press": MOUSE,
    "mouse_release": MOUSE,
    "mouse_dblclick": MOUSE,
    "mouse_move": MOUSE,
    "key_press": KEY,
    "key_release": KEY,
    "text_entered": {"masked": BOOL, "fill": ("empty", "short", "long"), "text": "long_text"},
    "wheel": {
        "x": (-MAX_COORD, MAX_COORD),
        "y": (-MAX_COORD, MAX_COORD),
        "dx": (-MAX_INT32, MAX_INT32),
        "dy": (-MAX_INT32, MAX_INT32),
        "modifiers": (0, 2**32 - 1),
    },
    "focus_in": {},
    "resize": {"w": (0, MAX_COORD), "h": (0, MAX_COORD)},
    "move": {"x": (-MAX_COORD, MAX_COORD), "y": (-MAX_COORD, MAX_COORD)},
    "close": {},
    "dialog_finished": {"result": (-MAX_INT32, MAX_INT32)},
    "combo_select": {"index": (-1, 1_000_000), "text": "text"},
    "menu_action": {"action": "text"},
    "context_menu": {"x": (-MAX_COORD, MAX_COORD), "y": (-MAX_COORD, MAX_COORD), "reason": (0, 2)},
    "timer": {},
    # The window took other writers' events in up to `position` (`before`: for an input whose
    # command found them, the input's seq).
    "job_done": {"position": (0, MAX_INT32), "before": (0, MAX_SEQ)},
}
REQUIRED_FIELDS = {
    "key_press": ("key",),  # unless masked (format 3)
    "key_release": ("key",),
    "resize": ("w", "h"),
    "combo_select": ("index",),
    "menu_action": ("action",),
    "wheel": ("dx", "dy"),
}
INPUT_VALUES: dict[str, Callable[[str], bool]] = {
    "clock": lambda v: _is_time(v),
    "id": lambda v: 0 < len(v) <= 200 and v.isprintable(),
    "password_check": lambda v: v in ("ok", "wrong"),
    "password_match": lambda v: v in ("same", "differ"),
    "password_rehash": lambda v: v in ("yes", "no"),
    "file_dialog": lambda v: is_plain_file_name(v),
}
INPUT_ACCEPTED = {
    "clock": "an ISO time with its offset",
    "id": "a printable id of at most 200 characters",
    "password_check": "'ok' or 'wrong'",
    "password_match": "'same' or 'differ'",
    "password_rehash": "'yes' or 'no'",
    "file_dialog": "a plain file name (no folder, no '..')",
}


class Invalid(Exception):
    """A value a recording must not hold; the message says what and what is accepted."""


def integer(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid(f"{what} is {_show(value)}; expected a whole number from {low} to {high}")
    return value


def text(value: object, what: str, limit: int = MAX_TEXT, empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value):
        raise Invalid(
            f"{what} is {_show(value)}; expected text of {1 - empty} to {limit:,} characters"
        )
    if "\x00" in value:
        raise Invalid(f"{what} holds a NUL character")
    return value


def json_object(value: object, what: str, limit: int = MAX_JSON) -> dict[str, Any]:
    raw = text(value, what, limit)
    try:
        parsed = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise Invalid(f"{what} is {_show(raw)}; expected a JSON object") from None
    if not isinstance(parsed, dict):
        raise Invalid(f"{what} is {_show(raw)}; expected a JSON object")
    return parsed


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def ui_event_data(kind: str, data: dict[str, Any], what: str) -> None:
    fields = DATA_FIELDS.get(kind)
    if fields is None:
        raise Invalid(
            f"{what}: kind {_show(kind)} is unknown; expected one of {sorted(DATA_FIELDS)}"
        )
    for name in REQUIRED_FIELDS.get(kind, ()):
        if name not in data and not data.get("masked"):
            raise Invalid(f"{what}: a {kind} needs {name!r} in its data")
    for name, rule in fields.items():
        if name not in data:
            continue
        value, where = data[name], f"{what}: data.{name}"
        if rule is BOOL:
            if not isinstance(value, bool):
                raise Invalid(f"{where} is {_show(value)}; expected true or false")
        elif rule == "text":
            text(value, where, 1000)
        elif rule == "key_text":
            if not isinstance(value, str) or len(value) > MAX_KEY_TEXT:
                raise Invalid(
                    f"{where} is {_show(value)}; expected the text of one key, at most "
                    f"{MAX_KEY_TEXT} characters (any, control characters included)"
                )
        elif rule == "long_text":
            text(value, where, MAX_TEXT)
        elif rule == "item":
            _item(value, where)
        elif isinstance(rule, tuple) and isinstance(rule[0], str):
            if value not in rule:
                raise Invalid(f"{where} is {_show(value)}; expected one of {list(rule)}")
        else:
            integer(value, rule[0], rule[1], where)


def read_model_rows(raw: str) -> dict[str, dict[str, list[str]]]:
    """The read models' rows a recording keeps: {"catalog_v2": {table: [row as text]}}."""
    what = "meta 'read_model_rows'"
    parsed = json_object(raw, what, MAX_ROWS_JSON)
    total = 0
    for name, tables in parsed.items():
        if not isinstance(tables, dict):
            raise Invalid(f"{what}: {_show(name)} holds {_show(tables)}; expected tables")
        for table, rows in tables.items():
            if not isinstance(rows, list) or not all(isinstance(r, str) for r in rows):
                raise Invalid(f"{what}: {_show(table)} holds {_show(rows)}; expected rows as text")
            total += len(rows)
    if total > MAX_KEPT_ROWS:
        raise Invalid(f"{what} holds {total:,} rows; expected at most {MAX_KEPT_ROWS:,}")
    return parsed


def _is_count(text: str) -> bool:
    # ASCII only: "²" is a digit to str.isdigit(), and int() refuses it.
    return text.isascii() and text.isdigit()


def meta_values(meta: dict[str, str]) -> None:
    """The meta keys a replay reads; the rest is only shown."""
    digests = meta.get("projection_digests", "")
    if digests:
        parsed = json_object(digests, "meta 'projection_digests'")
        if not all(isinstance(v, str) for v in parsed.values()):
            raise Invalid("meta 'projection_digests' must map read models to digests (text)")
    if meta.get("read_model_rows"):
        read_model_rows(meta["read_model_rows"])
    if meta.get(start_state.SETTINGS_META):
        try:
            start_state.parse(meta[start_state.SETTINGS_META])
        except ValueError as error:
            raise Invalid(f"meta '{start_state.SETTINGS_META}' {error}") from None
    if "start_position" in meta and not _is_count(meta["start_position"]):
        raise Invalid(
            f"meta 'start_position' is {_show(meta['start_position'])}; expected a whole number"
        )
    if meta.get("start_state", "full") not in ("full", "partial"):
        raise Invalid(
            f"meta 'start_state' is {_show(meta['start_state'])}; expected 'full' or 'partial'"
        )
    for key, limit in (("locale", 40), ("session_id", 200)):
        value = meta.get(key, "")
        if len(value) > limit or not value.isprintable():
            raise Invalid(
                f"meta {key!r} is {_show(value)}; expected printable text of at most {limit}"
            )


def _item(value: object, where: str) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise Invalid(f"{where} is {_show(value)}; expected {{row, column, key}}")
    integer(value.get("row"), 0, 10_000_000, f"{where}.row")
    integer(value.get("column"), 0, 10_000, f"{where}.column")
    key = value.get("key")
    if key is not None and not isinstance(key, (str, int)):
        raise Invalid(f"{where}.key is {_show(key)}; expected text, a number or null")


def input_value(kind: str, value: object, what: str) -> str:
    check = INPUT_VALUES.get(kind) if isinstance(kind, str) else None
    if check is None:
        raise Invalid(
            f"{what}: kind {_show(kind)} is unknown; expected one of {sorted(INPUT_VALUES)}"
        )
    raw = text(value, what)
    if not check(raw):
        raise Invalid(f"{what}: {kind} value {_show(raw)}; expected {INPUT_ACCEPTED[kind]}")
    return raw


def file_name_of(path: str) -> str:
    """The last part of a path written on any system (a dialog answer keeps only this)."""
    return PureWindowsPath(PurePosixPath(path).name).name


def is_plain_file_name(value: str) -> bool:
    """A file name a replay may write into its own temporary folder: nothing that names a
    folder (on any system), goes up, or could not be a file name."""
    if not 0 < len(value) <= 255 or not value.isprintable() or value in (".", ".."):
        return False
    return PurePosixPath(value).name == value and PureWindowsPath(value).name == value


def domain_event(
    event_type: object, schema_version: object, data: object, what: str
) -> dict[str, Any]:
    name = text(event_type, f"{what}: event_type", 100)
    cls = EVENT_TYPES.get(name)
    if cls is None:
        raise Invalid(f"{what}: event type {_show(name)} is unknown to this build")
    version = integer(schema_version, 1, cls.SCHEMA_VERSION, f"{what}: schema_version")
    fields = json_object(data, f"{what}: data")
    try:
        decoded = decode_event(name, version, fields)
    except Exception as error:  # any way the data fails to make this event
        raise Invalid(
            f"{what}: the data is not a valid {name} ({type(error).__name__}: {error})"
        ) from None
    _conforms(decoded, f"{what}: {name}")
    return fields


def _conforms(record: object, what: str) -> None:
    """Each field of a decoded event (or nested record) has the type its class declares."""
    for name, hint in _hints(type(record)).items():
        if typing.get_origin(hint) is typing.ClassVar:
            continue
        value = getattr(record, name)
        if not _is_a(value, hint, what):
            raise Invalid(f"{what}.{name} is {_show(value)}; expected {_hint_name(hint)}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:  # resolving the annotations of a class is slow: once per class
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _is_a(value: object, hint: Any, what: str) -> bool:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_is_a(value, arg, what) for arg in args)
    if hint is type(None):
        return value is None
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        return all(_is_a(item, args[0], what) for item in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 2**62
    if hint is str:
        return isinstance(value, str) and len(value) <= MAX_JSON
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):
            return False
        _conforms(value, f"{what}.{hint.__name__}")
        return True
    return isinstance(value, hint) if isinstance(hint, type) else True


def _hint_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint)


def iso_time(value: object, what: str) -> str:
    raw = text(value, what, 64)
    if not _is_time(raw):
        raise Invalid(f"{what} is {_show(raw)}; expected an ISO time with its offset")
    return raw


def _is_time(value: str) -> bool:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None


def _show(value: object) -> str:
    shown = repr(value)
    if isinstance(value, float) and not math.isfinite(value):
        shown = str(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
