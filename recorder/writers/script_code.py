"""The Python source of a written test: literals a person reads, comments a recording's text
cannot break out of, and the code that finds a widget, a row or a point again.

A recording is untrusted input: every text from it goes into the test through `literal` (a
string literal) or `comment` (one line, no quotes or backslashes).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from PySide6.QtCore import Qt

from recorder.capture.schema import UiEvent
from recorder.writers.object_map import WidgetPath, path_code
from recorder.writers.scripted import VIEWPORT


def modifiers_code(value: int) -> str:
    names = [m.name for m in Qt.KeyboardModifier if m.value and value & m.value]
    return " | ".join(f"Qt.KeyboardModifier.{n}" for n in names)


def widget_code(event: UiEvent) -> str:
    enabled = "" if event.data.get("enabled", True) else ", enabled=False"
    if event.sub == VIEWPORT and not enabled:  # an item view's rows, where it is enabled
        return f"shop.viewport({literal(WidgetPath(event.target))})"
    sub = f", {literal(event.sub)}" if event.sub else ""
    return f"shop.widget({literal(WidgetPath(event.target))}{sub}{enabled})"


def point_code(event: UiEvent) -> str:
    item = event.data.get("item")
    if item and event.sub == VIEWPORT:
        key = f", key={literal(item['key'])}" if item.get("key") is not None else ""
        column = f", column={int(item['column'])}" if item.get("column") else ""
        return f"shop.row({literal(WidgetPath(event.target))}, {int(item['row'])}{key}{column})"
    return f"QPoint({int(event.data.get('x', 0))}, {int(event.data.get('y', 0))})"


def comment(text: str) -> str:
    """A recording's text, safe inside a comment or docstring of the test: one line, no
    quotes or backslashes that could end it (a recording is untrusted input)."""
    return re.sub(r"\s+", " ", text).replace("\\", "/").replace('"', "'").strip()


def indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else line for line in text.split("\n"))


def literal(value: Any, level: int = 0) -> str:
    """`value` as Python source a person reads: short values on one line, a dict or list
    one entry per line, a text of several lines as one string literal per line."""
    pad, inner = "    " * level, "    " * (level + 1)
    if isinstance(value, WidgetPath) and (code := path_code(value)) is not None:
        return code
    if isinstance(value, str):
        lines = value.split("\n")
        if len(lines) == 1:
            return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python literal
        parts = [json.dumps(s + "\n", ensure_ascii=False) for s in lines[:-1]]
        parts.append(json.dumps(lines[-1], ensure_ascii=False))
        return "(\n" + "".join(f"{inner}{p}\n" for p in parts if p != '""') + f"{pad})"
    if isinstance(value, dict):
        items = [f"{literal(k)}: {literal(v, level + 1)}" for k, v in value.items()]
        brackets = "{}"
    elif isinstance(value, (list, tuple)):
        items = [literal(v, level + 1) for v in value]
        brackets = "[]"
    elif isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'  # JSON lets NaN and Infinity in; Python needs them spelled
    else:
        return repr(value)
    flat = brackets[0] + ", ".join(items) + brackets[1]
    if len(flat) <= 72 and "\n" not in flat:
        return flat
    return brackets[0] + "\n" + "".join(f"{inner}{i},\n" for i in items) + pad + brackets[1]


def fact_code(fact: Any) -> str:
    fields = [literal(fact.stream_id), str(fact.version), literal(fact.type)]
    data, at = literal(fact.data, 1), literal(fact.recorded_at)
    flat = f"Fact({', '.join(fields)}, {data}, {at})"
    if len(flat) <= 84 and "\n" not in flat:
        return flat
    return "Fact(\n" + "".join(f"    {f},\n" for f in [*fields, data, at]) + ")"
