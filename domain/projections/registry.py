"""The projections this build of the app keeps live."""

from __future__ import annotations

from domain.projections.accounts import Accounts
from domain.projections.base import Projection
from domain.projections.cart_removals import CartRemovals
from domain.projections.carts import Carts
from domain.projections.catalog import Catalog
from domain.projections.orders import Orders
from domain.projections.review_history import ReviewHistory
from domain.projections.review_lookups import ReviewLookups
from domain.projections.reviews import ProductReviews
from domain.projections.wallets import Wallets


def all_projections() -> list[Projection]:
    return [
        Accounts(),
        Catalog(),
        ProductReviews(),
        ReviewHistory(),
        Carts(),
        Orders(),
        Wallets(),
        CartRemovals(),
        ReviewLookups(),
    ]
