from collections.abc import Iterator

import pytest

from recorder.regression.stress import busy_machine
from tests.recorder.conftest import recorded, shop_db

__all__ = ["recorded", "shop_db"]


@pytest.fixture(autouse=True, scope="module")
def _stressed(request: pytest.FixtureRequest) -> Iterator[None]:
    """`pytest --stress`: the pictures of every committed recording (marker `pictures`) with
    busy processes loading the machine, as the real-input sessions have: a viewer that shows
    each step's picture only on a quiet machine does not show it."""
    if request.config.getoption("--stress") and request.node.get_closest_marker("pictures"):
        with busy_machine():
            yield
    else:
        yield
