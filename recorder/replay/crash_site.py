"""Where a crash happened, named as a developer looks for it: the shop's code that raised (a
query, a projector, a rule) and the widget whose code asked for it.

A traceback's last line says what went wrong, not where to look: a read side that crashes
inside a page's refresh shows up as a ZeroDivisionError deep in SQL row handling. The verdict
names the innermost frame of `domain/` and the innermost widget on the stack instead.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from recorder.capture.widget_paths import object_path

ROOT = Path(__file__).resolve().parents[2]
SHOP_CODE = ROOT / "domain"


def _where(frame_code: object, filename: str, lineno: int) -> str:
    name = getattr(frame_code, "co_qualname", getattr(frame_code, "co_name", "?"))
    try:
        shown = Path(filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        shown = Path(filename).name
    return f"{name} ({shown}:{lineno})"


def _widget_of(owner: object) -> QWidget | None:
    """The widget a method ran for: itself, or the widget a helper object (a timer, a model)
    belongs to."""
    if isinstance(owner, QWidget):
        return owner
    if isinstance(owner, QObject):
        parent = owner.parent()
        return parent if isinstance(parent, QWidget) else None
    return None


def crash_site(tb: TracebackType | None) -> str:
    """ "in CatalogQueries.products (domain/readside/queries/catalog.py:52) while main/…/catalog ran
    CatalogPage.refresh (app/pages/catalog.py:94)"; "" when neither is on the stack."""
    query = asker = ""
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    for frame, lineno in reversed(frames):  # innermost first
        filename = frame.f_code.co_filename
        if not query and Path(filename).resolve().is_relative_to(SHOP_CODE):
            query = _where(frame.f_code, filename, lineno)
        if not asker:
            widget = _widget_of(frame.f_locals.get("self"))
            if widget is not None:
                try:
                    path = object_path(widget) or type(widget).__name__
                except RuntimeError:  # a widget already deleted on the C++ side
                    path = type(widget).__name__
                asker = f"{path} ran {_where(frame.f_code, filename, lineno)}"
        if query and asker:
            break
    parts = [f"in {query}" if query else "", f"while {asker}" if asker else ""]
    return " ".join(part for part in parts if part)
