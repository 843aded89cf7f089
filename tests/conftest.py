"""Shared fixtures: a real shop on a real SQLite file, with a deterministic clock and ids."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from domain.eventstore.database import reading, writing
from domain.eventstore.store import head
from domain.model import commands as c
from domain.model.clock import SequentialIds, SteppingClock
from domain.shop import Shop, open_shop
from tests.display import XServer
from tests.pg_server import PgServer
from tests.seeded import SeededShop, seed_template

if TYPE_CHECKING:  # Qt is imported by the tests that use it, not by every test
    from PySide6.QtWidgets import QApplication

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
# How long a test waits for work whose speed depends on the machine (a replay to its verdict,
# a rollout, the read side catching up): a guard against a hang, never a speed limit; speed
# is measured by `make bench`.
HANG_GUARD_MS = 600_000
HANG_GUARD_S = HANG_GUARD_MS // 1000
PATIENT_WAIT_MS = 60_000  # pytest-qt's waits, when a test names no other (_patient_qtbot)
# The suite's scrypt cost (domain/model/passwords.py reads it): 1 MiB and about a millisecond per
# hash instead of 128 MiB and 0.3 s. The shipped cost is asserted on its own
# (tests/integration/test_passwords.py), without this.
TEST_SCRYPT_COST = "1024,8,1"

X_SERVER = pytest.StashKey[XServer]()


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application with the translations the app installs at start-up (the C
    locale's: the English forms of counts, "1 product" and "2 products", from replayshop_en)."""
    from app.platform.i18n import install_translations

    install_translations()
    return qapp


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--stress",
        action="store_true",
        help="run the real-input sessions and the pictures of every recording (-m pictures) "
        "while busy processes (two per core) load the machine",
    )


def _compile_translations() -> None:
    """The .qm files the app loads, built from the .ts files where missing or older, as
    `make` does: English's plural forms live in one, so a `pytest recordings/` run without
    `make` first would see "25 product(s)" where the recordings saw "25 products"."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((Path(__file__).parents[1] / "app" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def _patient_qtbot() -> None:
    """pytest-qt's waits give up after 5 s unless told otherwise. Each is a wait for the app
    (a window shown, a job's answer), and on a machine loaded as CI's are 5 s was once too
    short for a sign-in (load 25); so their default is the hang guard's, not a speed limit."""
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitExposed", "waitActive", "waitSignal", "waitSignals"):
        method = getattr(QtBot, name)
        if getattr(method, "patient", False):
            continue

        def patient(self: QtBot, *args: object, _wait: object = method, **kwargs: object) -> object:
            kwargs.setdefault("timeout", PATIENT_WAIT_MS)
            return _wait(self, *args, **kwargs)  # type: ignore[operator]

        patient.patient = True  # type: ignore[attr-defined]
        setattr(QtBot, name, patient)


def pytest_configure(config: pytest.Config) -> None:
    """Widgets and recordings run on a real X server (Xvfb + openbox) started here, unless
    QT_QPA_PLATFORM names another platform (`offscreen` for a quick run without X)."""
    # The suite (and every app process it starts) runs in the C locale, as CI and the
    # recordings do, whatever the developer's desktop language: texts are compared in English.
    # tests/app/test_translation_ui.py switches to German on purpose.
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("LANGUAGE", None)
    os.environ.setdefault("REPLAYSHOP_SCRYPT_COST", TEST_SCRYPT_COST)
    _patient_qtbot()
    if "PYTEST_XDIST_WORKER" not in os.environ:  # once, before any worker starts
        _compile_translations()
    if _xdist_controller(config):
        return  # it only hands tests to the workers: each of them sets up a desk of its own
    _private_desk()
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not platform:
        server = config.stash[X_SERVER] = XServer.start()
        os.environ["DISPLAY"] = server.display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    elif platform == "offscreen":
        # Qt's offscreen screen is 800x800 unless configured: give it a desktop-sized one, so
        # window geometry behaves as on a real monitor (and 1280x800 fits).
        screen = Path(__file__).with_name("offscreen-screen.json")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


# The order tests are handed to the workers in (pytest-xdist's loadgroup scheduling hands each
# worker its next test when it has two or fewer left, in collection order): the longest first.
# A long test handed out last kept one worker busy while the others had nothing left to do.
# A rough guide, longest first by what they cost on a loaded 2-core machine; an entry gone stale
# costs time, never a result. A serial run (no -n) keeps pytest's own order.
LONG_FIRST = (
    "tests/replay/test_shrink.py",  # dozens of replays of a 255-event recording
    "tests/realinput/test_determinism.py",  # replays while busy processes load the machine
    "tests/a11y/",  # an app walked over AT-SPI some fifty times
    "tests/recorder/test_fuzz.py",
    "tests/realinput/",  # a real app driven by xdotool, each session replayed 3 times
    "tests/replay/",
    "tests/integration/test_postgres_shop.py",
    "tests/integration/test_long_wallet.py",
    "tests/integration/test_temporal_read_models.py",
    "tests/integration/test_projections.py",
    "recordings/",
    "tests/recorder/",
    "tests/integration/",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return

    def rank(item: pytest.Item) -> int:
        where = item.nodeid
        return next((n for n, p in enumerate(LONG_FIRST) if where.startswith(p)), len(LONG_FIRST))

    items.sort(key=rank)  # stable: a module's tests stay together and in their order


def _xdist_controller(config: pytest.Config) -> bool:
    return getattr(config.option, "dist", "no") != "no" and "PYTEST_XDIST_WORKER" not in os.environ


def _private_desk() -> None:
    """Settings, data and logs of this test process in a folder of its own: never the
    developer's, and never another worker's (a test that saves the window layout must not
    change what a test on the other worker starts with)."""
    home = Path(tempfile.mkdtemp(prefix="replayshop-tests-"))
    for kind in ("CONFIG", "DATA", "STATE"):
        os.environ[f"XDG_{kind}_HOME"] = str(home / kind.lower())


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(X_SERVER, None)
    if server is not None:
        server.stop()


def pytest_report_header(config: pytest.Config) -> list[str]:
    if _xdist_controller(config):
        where = "each worker starts its own Xvfb with openbox"
    else:
        server = config.stash.get(X_SERVER, None)
        where = f"Xvfb {server.display} with openbox" if server else "no X server started"
    return [
        f"Qt platform: {os.environ.get('QT_QPA_PLATFORM', 'xcb')} ({where})",
        _fuzz_seed_line(),
    ]


def _fuzz_seed_line() -> str:
    from tests.recorder.test_fuzz import SEED_VARIABLE, fuzz_seed

    return f"fuzz seed: {fuzz_seed()} (the day's; {SEED_VARIABLE}=N repeats another)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(_fuzz_seed_line())  # also under -q, which hides the header


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throw-away PostgreSQL server for the whole run, started from the installed binaries
    (tests/pg_server.py); each test takes a database of its own from it (`pg_url`)."""
    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> str:
    """A new, empty database on the test run's server."""
    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name)[-50:].lower()
    return pg_server.create_database(name)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> SeededShop:
    """The demo shop with a stepping clock from START and sequential ids, seeded once per
    test process; the `demo` fixtures copy it."""
    return seed_template(tmp_path_factory.mktemp("demo-template"), START)


@pytest.fixture(scope="session")
def live_demo_template(tmp_path_factory: pytest.TempPathFactory) -> SeededShop:
    """The demo shop as the app seeds it (the system clock, random ids), once per process."""
    return seed_template(tmp_path_factory.mktemp("live-demo-template"), None)


def make_shop(path: Path, snapshot_every: int = 100) -> Shop:
    return open_shop(path, SteppingClock(START), SequentialIds(), snapshot_every=snapshot_every)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    shop = make_shop(tmp_path / "shop.db")
    yield shop
    shop.close()


@dataclass
class People:
    admin: str
    ann: str
    bob: str
    teapot: str
    kettle: str


@pytest.fixture
def people(shop: Shop) -> People:
    """An admin, two shoppers with 100.00 each, and two products."""
    bus = shop.bus
    admin = bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
    ann = bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
    bob = bus.handle(c.RegisterAccount(None, "bob", "bob-password"))
    teapot = bus.handle(c.AddProduct(admin, "Teapot", "Stoneware, 1 l", 3900))
    kettle = bus.handle(c.AddProduct(admin, "Kettle", "Cast iron", 6450))
    for shopper in (ann, bob):
        bus.handle(c.DepositFunds(shopper, 10000))
    return People(admin, ann, bob, teapot, kettle)


def log_head(shop: Shop) -> int:
    with reading(shop.engine) as conn:
        return head(conn)[0]


def fail_commits_with(shop: Shop, event_type: str) -> None:
    """A real failing COMMIT: a deferred foreign key, broken by any append of `event_type`,
    that only COMMIT checks. `DROP TRIGGER fail_at_commit` ends it."""
    with writing(shop.engine) as conn:
        conn.execute(
            text(
                "CREATE TABLE commit_guard (position INTEGER REFERENCES events(position) "
                "DEFERRABLE INITIALLY DEFERRED)"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER fail_at_commit AFTER INSERT ON events "
                f"WHEN NEW.event_type = '{event_type}' "
                "BEGIN INSERT INTO commit_guard VALUES (-1); END"
            )
        )


def replayshop(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
