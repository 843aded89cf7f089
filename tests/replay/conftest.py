from tests.recorder.conftest import recorded, shop_db

__all__ = ["recorded", "shop_db"]
