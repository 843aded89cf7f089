"""Review: one live review per account per product, so its id is `<product>.<account>`.

After a delete the same author may review again; every version stays in the log.
"""

from __future__ import annotations

from typing import Any

from domain.model.aggregate import Aggregate
from domain.model.errors import (
    QT_TRANSLATE_NOOP,
    InvalidReviewText,
    MissingReason,
    NotReviewAuthor,
    RatingOutOfRange,
    ReviewAlreadyExists,
    ReviewAlreadyHidden,
    ReviewNotHidden,
    ReviewWasHidden,
    UnknownReview,
)
from domain.model.events import (
    DomainEvent,
    ReviewDeleted,
    ReviewEdited,
    ReviewHidden,
    ReviewPosted,
    ReviewUnhidden,
)

MAX_TEXT = 5000


def review_id_for(product_id: str, account_id: str) -> str:
    return f"{product_id}.{account_id}"


def check_rating(rating: object) -> int:
    if type(rating) is not int or not 1 <= rating <= 5:
        raise RatingOutOfRange(rating)
    return rating


def check_text(text: str) -> str:
    text = text.strip()
    if not 1 <= len(text) <= MAX_TEXT:
        raise InvalidReviewText(len(text), MAX_TEXT)
    return text


def check_reason(reason: str, action: str) -> str:
    reason = reason.strip()
    if not 1 <= len(reason) <= 500:
        raise MissingReason(action)
    return reason


class Review(Aggregate):
    STREAM_TYPE = "review"
    # 1 did not keep `moderated`, 2 not the text an unhide carries: such snapshots are ignored
    SNAPSHOT_VERSION = 3

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.product_id, _, self.author_id = aggregate_id.partition(".")
        self.live = False
        self.hidden = False
        self.rating = 0
        self.text = ""
        # Once hidden, always moderated: deleting a hidden review and posting again must not
        # bring the text back past the moderator.
        self.moderated = False

    def post(self, rating: int, text: str) -> None:
        if self.live:
            raise ReviewAlreadyExists()
        if self.moderated:
            raise ReviewWasHidden()
        self._record(
            ReviewPosted(
                self.id, self.product_id, self.author_id, check_rating(rating), check_text(text)
            )
        )

    def edit(self, actor_id: str, rating: int, text: str) -> None:
        self._ensure_live_and_own(actor_id)
        self._record(
            ReviewEdited(
                self.id, self.product_id, self.author_id, check_rating(rating), check_text(text)
            )
        )

    def delete(self, actor_id: str) -> None:
        self._ensure_live_and_own(actor_id)
        self._record(ReviewDeleted(self.id, self.product_id, self.author_id))

    def hide(self, admin_id: str, reason: str) -> None:
        if not self.live:
            raise UnknownReview(self.id)
        if self.hidden:
            raise ReviewAlreadyHidden()
        self._record(
            ReviewHidden(
                self.id,
                self.product_id,
                admin_id,
                check_reason(reason, QT_TRANSLATE_NOOP("Action", "hide a review")),
            )
        )

    def unhide(self, admin_id: str, reason: str) -> None:
        if not self.live:
            raise UnknownReview(self.id)
        if not self.hidden:
            raise ReviewNotHidden()
        reason = check_reason(reason, QT_TRANSLATE_NOOP("Action", "show a review again"))
        self._record(
            ReviewUnhidden(
                self.id, self.product_id, self.author_id, admin_id, reason, self.rating, self.text
            )
        )

    def _ensure_live_and_own(self, actor_id: str) -> None:
        if not self.live:
            raise UnknownReview(self.id)
        if actor_id != self.author_id:
            raise NotReviewAuthor()

    def when(self, event: DomainEvent) -> None:
        match event:
            case ReviewPosted():
                self.live, self.hidden, self.rating = True, False, event.rating
                self.text = event.text
            case ReviewEdited():
                # An edit does not lift moderation: a hidden review stays hidden.
                self.rating, self.text = event.rating, event.text
            case ReviewDeleted():
                self.live, self.hidden = False, False
            case ReviewHidden():
                self.hidden = self.moderated = True
            case ReviewUnhidden():
                # A moderator read it and let it stand: it no longer counts as moderated.
                self.hidden = self.moderated = False

    def snapshot_state(self) -> dict[str, Any]:
        state = {"live": self.live, "hidden": self.hidden, "rating": self.rating}
        return {**state, "moderated": self.moderated, "text": self.text}

    def restore(self, state: dict[str, Any]) -> None:
        self.live, self.hidden, self.rating = state["live"], state["hidden"], state["rating"]
        self.moderated, self.text = state["moderated"], state["text"]
