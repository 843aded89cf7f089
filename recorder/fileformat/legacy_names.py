"""Widget names of format 8, for recordings made before (format 7 and older).

Before format 8 a widget without an object name of its own was called by its place among its
unnamed siblings: `…/detail/body/QLabel#0` for the price, which a label added above it would
have renamed in every recording (issue #35). The app now names every widget that shows
something (app/widgets/names.py), and an older file is read with the names it would have had.
The table was made by walking every page and dialog of the app before and after the naming
and pairing each widget by its place in the widget tree; a path it does not hold is kept.
"""

# A table of widget paths, one per line: long lines read better than broken ones here.
# ruff: noqa: E501

from __future__ import annotations

from recorder.capture.observation import Observation
from recorder.capture.schema import UiEvent

# A widget's path as a recorder observed it (`…/body/QLabel#0`), and its name since.
OBSERVED: dict[str, str] = {
    "main/about/qt_msgbox_buttonbox/QPushButton#0": "main/about/ok",
    "main/account_dialog/QLabel#0": "main/account_dialog/username_label",
    "main/account_dialog/QLabel#1": "main/account_dialog/password_label",
    "main/account_dialog/QLabel#2": "main/account_dialog/confirm_label",
    "main/account_dialog/QLabel#3": "main/account_dialog/hint",
    "main/central/pages/admin_products/QGroupBox#0/QLabel#0": "main/central/pages/admin_products/new_product/name_label",
    "main/central/pages/admin_products/QGroupBox#0/QLabel#1": "main/central/pages/admin_products/new_product/price_label",
    "main/central/pages/admin_products/QGroupBox#0/QLabel#2": "main/central/pages/admin_products/new_product/description_label",
    "main/central/pages/admin_products/QLabel#0": "main/central/pages/admin_products/heading",
    "main/central/pages/admin_products/QLabel#1": "main/central/pages/admin_products/selected_label",
    "main/central/pages/admin_products/add": "main/central/pages/admin_products/new_product/add",
    "main/central/pages/admin_products/add_message": "main/central/pages/admin_products/new_product/add_message",
    "main/central/pages/admin_products/description": "main/central/pages/admin_products/new_product/description",
    "main/central/pages/admin_products/name": "main/central/pages/admin_products/new_product/name",
    "main/central/pages/admin_products/price": "main/central/pages/admin_products/new_product/price",
    "main/central/pages/analytics/QLabel#0": "main/central/pages/analytics/heading",
    "main/central/pages/analytics/QLabel#1": "main/central/pages/analytics/intro",
    "main/central/pages/cart/QLabel#0": "main/central/pages/cart/heading",
    "main/central/pages/cart/QLabel#1": "main/central/pages/cart/selected_label",
    "main/central/pages/cart/QLabel#2": "main/central/pages/cart/total",
    "main/central/pages/catalog/splitter/detail/body/QLabel#0": "main/central/pages/catalog/splitter/detail/body/price",
    "main/central/pages/catalog/splitter/detail/body/QLabel#1": "main/central/pages/catalog/splitter/detail/body/description",
    "main/central/pages/catalog/splitter/detail/body/QLabel#2": "main/central/pages/catalog/splitter/detail/body/average",
    "main/central/pages/catalog/splitter/detail/body/QLabel#3": "main/central/pages/catalog/splitter/detail/body/quantity_label",
    "main/central/pages/catalog/splitter/detail/body/QLabel#4": "main/central/pages/catalog/splitter/detail/body/reviews_label",
    "main/central/pages/catalog/splitter/detail/body/review_box/QLabel#0": "main/central/pages/catalog/splitter/detail/body/review_box/review_rating_label",
    "main/central/pages/catalog/splitter/detail/body/review_box/QLabel#1": "main/central/pages/catalog/splitter/detail/body/review_box/review_text_label",
    "main/central/pages/catalog/splitter/list/QLabel#0": "main/central/pages/catalog/splitter/list/count",
    "main/central/pages/event_log/QLabel#0": "main/central/pages/event_log/heading",
    "main/central/pages/moderation/QLabel#0": "main/central/pages/moderation/heading",
    "main/central/pages/moderation/splitter/history/QLabel#0": "main/central/pages/moderation/splitter/history/intro",
    "main/central/pages/orders/QLabel#0": "main/central/pages/orders/heading",
    "main/central/pages/orders/QLabel#1": "main/central/pages/orders/empty",
    "main/central/pages/orders/QLabel#2": "main/central/pages/orders/lines_label",
    "main/central/pages/reviews/QLabel#0": "main/central/pages/reviews/heading",
    "main/central/pages/reviews/QLabel#1": "main/central/pages/reviews/intro",
    "main/central/pages/wallet/QLabel#0": "main/central/pages/wallet/account_label",
    "main/central/pages/wallet/QLabel#1": "main/central/pages/wallet/balance",
    "main/central/pages/wallet/QLabel#2": "main/central/pages/wallet/amount_label",
    "main/central/pages/wallet/correction/QLabel#0": "main/central/pages/wallet/correction/transaction",
    "main/central/pages/wallet/correction/QLabel#1": "main/central/pages/wallet/correction/amount_label",
    "main/central/pages/wallet/correction/QLabel#2": "main/central/pages/wallet/correction/reason_label",
    "main/central/time_travel/QLabel#0": "main/central/time_travel/caption",
    "main/central/time_travel/QLabel#1": "main/central/time_travel/position",
    "main/demo_info/qt_msgbox_buttonbox/QPushButton#0": "main/demo_info/ok",
    "main/password_dialog/QLabel#0": "main/password_dialog/old_password_label",
    "main/password_dialog/QLabel#1": "main/password_dialog/new_password_label",
    "main/password_dialog/QLabel#2": "main/password_dialog/confirm_label",
    "main/password_dialog/QLabel#3": "main/password_dialog/rule",
    "main/report_dialog/QLabel#0": "main/report_dialog/intro",
    "main/report_dialog/QLabel#1": "main/report_dialog/note_label",
    "main/report_dialog/QLabel#2": "main/report_dialog/save_as_label",
}

# Containers that hold no text of their own, renamed all the same (their children move).
OBSERVED.update(
    {
        "main/QMenuBar#0": "main/menu_bar",
        "main/central/pages/admin_products/QGroupBox#0": "main/central/pages/admin_products/new_product",
    }
)


def _target(full: str) -> tuple[str, str]:
    """(target, sub) for a widget's whole path: the sub begins at the first step that is not
    a name of the app's own (Qt's `qt_…` parts, or a place, `Class#n`)."""
    steps = full.split("/")
    for at, step in enumerate(steps):
        if step.startswith("qt_") or "#" in step:
            return "/".join(steps[:at]), "/".join(steps[at:])
    return full, ""


def renamed(target: str, sub: str) -> tuple[str, str]:
    """Where an older file's input went, by format 8's names: its path's longest renamed
    beginning replaced (a field moved into a named group keeps its viewport below it)."""
    steps = (f"{target}/{sub}" if sub else target).split("/")
    for n in range(len(steps), 0, -1):
        new = OBSERVED.get("/".join(steps[:n]))
        if new is not None:
            return _target("/".join([new, *steps[n:]]))
    return target, sub


def rename_targets(events: list[UiEvent]) -> list[UiEvent]:
    """The events of an older file, each sent to its widget by its name of format 8."""
    out = []
    for event in events:
        target, sub = renamed(event.target, event.sub)
        if (target, sub) != (event.target, event.sub):
            event = UiEvent(event.seq, event.t_ms, event.kind, target, sub, event.data)
        out.append(event)
    return out


def rename_observed(observations: dict[int, Observation]) -> dict[int, Observation]:
    """What an older file's user saw, each widget under its name of format 8."""
    return {
        anchor: {OBSERVED.get(path, path): text for path, text in seen.items()}
        for anchor, seen in observations.items()
    }
