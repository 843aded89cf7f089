"""The projections this build of the app knows, in every version it can keep.

`all_projections()` is the default set: the newest version of each. Older versions stay
here while a rollback to them may be wanted (`replayshop projections use NAME VERSION`);
a version dropped from this file can no longer be chosen, only dropped from a store.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.readside.projections.accounts import Accounts
from domain.readside.projections.base import Projection
from domain.readside.projections.cart_removals import CartRemovals
from domain.readside.projections.carts import Carts
from domain.readside.projections.catalog import Catalog
from domain.readside.projections.orders import Orders
from domain.readside.projections.review_history import ReviewHistory
from domain.readside.projections.review_lookups import (
    ReviewLookups,
    ReviewLookupsV2,
    ReviewLookupsV3,
)
from domain.readside.projections.reviews import ProductReviews, ProductReviewsV2
from domain.readside.projections.wallets import Wallets


def known_projections() -> list[Projection]:
    """Every (name, version) this build can build, follow and serve."""
    return [
        Accounts(),
        Catalog(),
        ProductReviews(),
        ProductReviewsV2(),
        ReviewHistory(),
        Carts(),
        Orders(),
        Wallets(),
        CartRemovals(),
        ReviewLookups(),
        ReviewLookupsV2(),
        ReviewLookupsV3(),
    ]


def all_projections() -> list[Projection]:
    """The default set: the newest known version of each projection."""
    return projection_set({})


def projection_set(chosen: Mapping[str, int]) -> list[Projection]:
    """One version per projection: the chosen one where this build knows it, else the
    newest. In the order of `known_projections`."""
    newest: dict[str, Projection] = {}
    picked: dict[str, Projection] = {}
    for projection in known_projections():
        name = projection.NAME
        if name not in newest or projection.VERSION > newest[name].VERSION:
            newest[name] = projection
        if chosen.get(name) == projection.VERSION:
            picked[name] = projection
    return [picked.get(name, projection) for name, projection in newest.items()]


def known_versions(name: str) -> list[int]:
    return sorted(p.VERSION for p in known_projections() if name == p.NAME)
