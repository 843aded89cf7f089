"""Another instance writes while a person's session is recorded (issue #29, defect 4).

The session is typed by xdotool into the app on the test's X server; meanwhile another process
on the same store (a SQLite file, or a PostgreSQL server) adds a product and then changes its
price, as an admin's instance elsewhere would. The person sees the new product, opens it and
adds it to the cart. The report holds the other instance's events at the steps where the
window took them in, and replays identically 3 times on a busy machine.

Before, the report kept only the session's own events after its start, so each replay
lacked the product: "-Comet Mug +(not shown)".
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.regression.stress import busy_machine
from tests.realinput.desk import Desk
from tests.realinput.sessions import assert_replays_identically, keep, replayshop, timeline
from tests.realinput.test_sessions import CATALOG, DETAIL, sign_in

# The other instance: the shop's own command path in a process of its own, as an admin.
ELSEWHERE = """
import sys
from domain.model import commands as c
from domain.shop import open_shop
shop = open_shop(sys.argv[1])
admin = next(a.account_id for a in shop.read.accounts.all() if a.role == "admin")
if sys.argv[2] == "add":
    shop.bus.handle(c.AddProduct(admin, "Comet Mug", "Holds tea.", 1250))
else:
    mug = next(p.product_id for p in shop.read.catalog.products() if p.name == "Comet Mug")
    shop.bus.handle(c.ChangePrice(admin, mug, 990))
shop.close()
"""


@pytest.fixture
def busy() -> Iterator[int]:
    with busy_machine() as spinners:
        yield spinners


@pytest.fixture(params=["postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The server, where many instances are the rule (on a SQLite file, and in-process with
    the other instance's events checked one by one: tests/replay/test_other_writers.py)."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "shop.db")


def elsewhere(store: str, what: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", ELSEWHERE, store, what],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr


def test_another_instances_product_and_price_reach_the_session_and_its_replays(
    store: str, tmp_path: Path, busy: int
) -> None:
    assert replayshop("demo-data", "--db", store).returncode == 0
    # The desk file of a server's sessions lives in the user's data folder: the test's own.
    data = {"XDG_DATA_HOME": str(tmp_path / "data")}
    os.environ.update(data)  # inherited by the app's process and by `replayshop report`
    try:
        with Desk(tmp_path, "--db", store) as desk:
            desk.widget("main")
            desk.wait_active("main")
            sign_in(desk, "carla")
            products = f"{CATALOG}/products"
            elsewhere(store, "add")
            desk.click_row(products, "Comet Mug")  # waits until the window took it in
            desk.widget(f"{DETAIL}/add_to_cart")
            elsewhere(store, "price")  # just before her click: her command finds it
            desk.click(f"{DETAIL}/add_to_cart")
            desk.wait_until(
                "the cart message",
                lambda: "Added" in desk.ask(op="where", path=f"{DETAIL}/cart_message")["text"],
            )
            assert "error_dialog" not in desk.window_names()
            desk.quit()
            log = desk.app_log()
        assert "Traceback" not in log and "recorder skipped" not in log, log
        out = tmp_path / f"other-instance-{'server' if '://' in store else 'file'}.shoprec"
        done = replayshop("report", "--db", store, "-o", str(out), "--note", out.stem)
        assert done.returncode == 0, done.stderr
    finally:
        for key in data:
            os.environ.pop(key, None)
    events = timeline(out)
    assert any(e["kind"] == "job_done" and e["target"] == "others" for e in events)
    assert_replays_identically(out)
    keep(out)
