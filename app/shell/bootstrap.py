"""Wiring: the only place that puts the store, bus, clock, ids, session and settings together."""

from __future__ import annotations

import platform
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    Qt,
    Signal,
    qVersion,
)
from PySide6.QtGui import QGuiApplication

from app.platform.user_dirs import APP_NAME
from app.platform.version import app_version
from app.shell.background import BackgroundJobs
from app.shell.error_reporter import ErrorReporter
from domain.eventstore.database import is_server, open_engine
from domain.model.clock import Clock, IdGenerator, system_clock, uuid_ids
from domain.model.commands import Command
from domain.model.events import RecordedEvent
from domain.model.passwords import Passwords
from domain.readside.queries import ReadModel
from domain.readside.views import AccountView
from domain.shop import Shop, open_shop
from domain.writeside.bus import ContextProvider, no_context
from recorder.capture import start_state
from recorder.capture.desk import desk_path, joined, server_head
from recorder.capture.looks import Pictures
from recorder.capture.record import Recorder
from recorder.capture.session import end_recording, start_recording
from recorder.capture.tape import RecordingTape
from recorder.capture.virtual_time import AppClock

# The setting that keeps a picture of the windows at each look of a recorded session (on
# unless set to false in settings.ini).
PICTURES_SETTING = "recording/pictures"


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

    def show_now(self, notify: bool = True) -> None:
        if self.past is not None:
            self.past.close()
        self.past, self.past_label = None, ""
        if notify:
            self.changed.emit()


class ShopSignals(QObject):
    """Emitted after every command that appended events, so views re-read their projections.

    The bus hands the events to `post`, which reaches `appended` through a queued connection:
    screens refresh once control is back in the event loop, never inside
    `CommandBus.handle`, so no widget code runs within a command (and a failing refresh can
    never pass for a failing command). A command run on a worker thread lands on the GUI
    thread the same way."""

    appended = Signal(list)
    _posted = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self._posted.connect(self.appended, Qt.ConnectionType.QueuedConnection)
        self._held = threading.local()

    def post(self, events: list[RecordedEvent]) -> None:
        held: list[RecordedEvent] | None = getattr(self._held, "events", None)
        if held is not None:
            held.extend(events)
        else:
            self._posted.emit(events)

    def deliver_queued(self) -> None:
        """Refresh the screens now with what `post` queued, if anything (the recorder asks
        for it before an input: Recorder._refresh_before_input)."""
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    @contextmanager
    def holding(self) -> Iterator[list[RecordedEvent]]:
        """On a worker thread: what its commands append is kept here, for the GUI thread to
        show with the job's result (AppContext.prepare)."""
        held: list[RecordedEvent] = []
        self._held.events = held
        try:
            yield held
        finally:
            self._held.events = None


@dataclass
class AppContext:
    shop: Shop
    settings: QSettings
    db_path: Path | None = None  # the shop's file, or the desk file of a shop on a server
    recorder: Recorder | None = None
    # During a replay: the recorded answer of a dialog the user answered ("file_dialog").
    answer: Callable[[str], str] | None = None
    session: Session = field(default_factory=Session)
    signals: ShopSignals = field(default_factory=ShopSignals)
    # The clock of the app's own timers and jobs: the wall clock, or a replay's (held).
    time: AppClock = field(default_factory=AppClock)
    jobs: BackgroundJobs = field(init=False)
    view: ViewState = field(init=False)
    closed: bool = field(default=False, init=False)
    on_server: bool = False
    # Unexpected exceptions: start-up installs it as sys.excepthook, the recorder listens.
    errors: ErrorReporter = field(default_factory=ErrorReporter)

    @contextmanager
    def recorded_sessions(self) -> Iterator[Path]:
        """A SQLite file holding this app's recorded sessions and the log they refer to:
        the shop's own file, or the desk joined with the server's log for the export."""
        assert self.db_path is not None
        if not self.on_server:
            yield self.db_path
            return
        with joined(self.db_path, self.shop.engine) as path:
            yield path

    def __post_init__(self) -> None:
        self.jobs = BackgroundJobs(self.time)
        self.view = ViewState(self.shop.read)
        self.shop.bus.subscribers.append(self.signals.post)
        if self.recorder is not None:
            recorder = self.recorder
            recorder.queued_refresh = self.signals.deliver_queued
            self.jobs.finished_hooks.append(lambda name: recorder.note_activity("job_done", name))
            self.session.changed.connect(self._note_account)

    def _note_account(self) -> None:
        account = self.session.account
        if self.recorder is not None and account is not None:
            self.recorder.note_account(account.account_id, account.role)

    def handle(self, command: Command) -> Any:
        return self.shop.bus.handle(command)

    def prepare(self, command: Command) -> Callable[[], Callable[[], Any]]:
        """`command` to run on a worker thread, with the context of the input handled now.
        The run gives back what the GUI thread calls with the job's result: it shows the
        command's events and answers its result. Shown then, not as soon as written, they
        change the screens where the recording has the job's end, on any desk: an input
        handled between the two (a key released while scrypt ran) would see one or the other."""
        bus, signals = self.shop.bus, self.signals
        context = dict(bus.context())

        def run() -> Callable[[], Any]:
            with signals.holding() as held:
                result = bus.handle(command, context)

            def deliver() -> Any:
                if held:
                    signals.appended.emit(held)
                return result

            return deliver

        return run

    def close(self) -> None:
        """Stop everything the app started, then let go of the store.

        Order matters: workers still reading the store are stopped first, so none of them
        outlives it (a replay deletes its throw-away store right after this).
        """
        if self.closed:
            return
        self.closed = True
        # A command's "appended" may still be queued (it reaches the screens from the event
        # loop): delivered after this, it would make them read a closed store.
        self.signals.blockSignals(True)
        self.jobs.shutdown()
        self.view.show_now(notify=False)  # screens must not re-read a store that is closing
        self.shop.close()
        if self.recorder is not None and self.db_path is not None:
            self.errors.remove_listener(self.recorder.record_exception)
            end_recording(self.db_path, self.recorder)
            self.recorder = None


def bootstrap(
    db_path: Path | str,
    settings_path: Path | None = None,
    clock: Clock = system_clock,
    ids: IdGenerator = uuid_ids,
    context: ContextProvider = no_context,
    catch_up: bool = True,
    record: bool = False,
    passwords: Passwords | None = None,
    desk: Path | None = None,
    errors: ErrorReporter | None = None,
) -> AppContext:
    """Open (or create) the shop at `db_path` and the settings next to it.

    With `record`, a recorded session starts: the clock, ids and password checks go through a
    tape, and every command carries the interaction that caused it. For a shop on a
    PostgreSQL server, the session goes to this desk's file (`desk`, by default one per server
    in the user data dir). Settings go to the user's config folder unless `settings_path` says.
    `errors` is the handler start-up installed as sys.excepthook (a new one if None).
    """
    server = is_server(db_path)
    if server:
        # The session is recorded on this desk, the log stays on the server
        # (recorder/capture/desk.py).
        path = desk or desk_path(str(db_path), user_data_path(APP_NAME, appauthor=False))
    else:
        path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The user's settings (window layout, last choices) are the user's, not the shop's: in the
    # config folder, whichever store is open. A replay passes its own throw-away file.
    ini = settings_path or user_config_path(APP_NAME, appauthor=False) / "settings.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    recorder = None
    if record:
        start = None
        if server:
            engine = open_engine(db_path)
            try:
                start = server_head(engine)
            finally:
                engine.dispose()
        recorder = start_recording(path, session_meta(settings), start)
        if settings.value(PICTURES_SETTING, True, type=bool):
            recorder.looks.pictures = Pictures()  # a picture of the windows at each look
        tape = RecordingTape(clock, ids, passwords or Passwords(), recorder.note_value)
        clock, ids, passwords = tape.clock, tape.ids, tape.passwords()
        if context is no_context:  # a replay keeps its own: the correlation ids it expects
            context = recorder.context
    shop = open_shop(
        db_path if server else path,
        clock=clock,
        ids=ids,
        context=context,
        catch_up=catch_up,
        passwords=passwords,
    )
    if recorder is not None:
        shop.bus.observers.append(recorder.on_command)
    errors = errors or ErrorReporter()
    if recorder is not None:
        errors.add_listener(recorder.record_exception)
    if catch_up:  # otherwise the caller starts it once the read models are built
        shop.follower.start()
    return AppContext(shop, settings, path, recorder, on_server=server, errors=errors)


def session_meta(settings: QSettings) -> dict[str, Any]:
    """What a bug report needs to know about where it was recorded, and the settings that
    shaped its screens at start (a replay restores them)."""
    app = QGuiApplication.instance()
    screen = app.primaryScreen() if isinstance(app, QGuiApplication) else None
    size = screen.size() if screen else None
    return {
        "app_version": app_version(),
        "qt_version": qVersion(),
        "platform": f"{platform.system()} {platform.release()} ({QGuiApplication.platformName()})",
        "screen": f"{size.width()}x{size.height()}" if size else "unknown",
        "dpi": f"{screen.logicalDotsPerInch():.0f}" if screen else "unknown",
        "locale": QLocale().name(),
        **start_state.session_meta(settings),
    }
