"""Wiring: the only place that puts the store, bus, clock, ids, session and settings together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from domain.bus import ContextProvider, no_context
from domain.clock import Clock, IdGenerator, system_clock, uuid_ids
from domain.commands import Command
from domain.queries import ReadModel
from domain.shop import Shop, open_shop
from domain.views import AccountView


class Session(QObject):
    """Who is signed in. Widgets show or hide admin actions when it changes."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.account: AccountView | None = None

    @property
    def actor_id(self) -> str | None:
        return self.account.account_id if self.account else None

    @property
    def is_admin(self) -> bool:
        return bool(self.account and self.account.is_admin)

    def sign_in(self, account: AccountView) -> None:
        self.account = account
        self.changed.emit()

    def sign_out(self) -> None:
        self.account = None
        self.changed.emit()


class ViewState(QObject):
    """Which moment the screens show: the live shop, or a read-only past (time travel)."""

    changed = Signal()

    def __init__(self, live: ReadModel) -> None:
        super().__init__()
        self.live = live
        self.past: ReadModel | None = None
        self.past_label = ""

    @property
    def read(self) -> ReadModel:
        return self.past or self.live

    @property
    def is_past(self) -> bool:
        return self.past is not None

    def show_past(self, past: ReadModel, label: str) -> None:
        self.past, self.past_label = past, label
        self.changed.emit()

    def show_now(self) -> None:
        if self.past is not None:
            self.past.engine.dispose()
        self.past, self.past_label = None, ""
        self.changed.emit()


class ShopSignals(QObject):
    """Emitted after every command that appended events, so views re-read their projections."""

    appended = Signal(list)


@dataclass
class AppContext:
    shop: Shop
    settings: QSettings
    session: Session = field(default_factory=Session)
    signals: ShopSignals = field(default_factory=ShopSignals)
    view: ViewState = field(init=False)

    def __post_init__(self) -> None:
        self.view = ViewState(self.shop.read)
        self.shop.bus.subscribers.append(self.signals.appended.emit)

    def handle(self, command: Command) -> Any:
        return self.shop.bus.handle(command)

    def close(self) -> None:
        self.view.show_now()
        self.shop.close()


def bootstrap(
    db_path: Path | str,
    settings_path: Path | None = None,
    clock: Clock = system_clock,
    ids: IdGenerator = uuid_ids,
    context: ContextProvider = no_context,
    catch_up: bool = True,
) -> AppContext:
    """Open (or create) the shop at `db_path` and the settings next to it."""
    if "://" not in str(db_path):
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    shop = open_shop(db_path, clock=clock, ids=ids, context=context, catch_up=catch_up)
    ini = settings_path or Path(str(db_path)).with_suffix(".ini")
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    return AppContext(shop, settings)
