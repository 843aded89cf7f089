"""A recording's UI events as the steps a person would name: "sign in as lena", "go to Cart",
"add 2 of a tea to the cart", "check out".

A step ends where something the user would mention happened: a command appended domain
events or was refused, a dialog closed, a page was chosen, a menu action ran, or the app did
something by itself that the user waited for (a search ran). Its title comes from the domain
events when there are any, else from the inputs, named by the texts the user saw on screen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from recorder.fileformat.shoprec import Recording
from recorder.fileformat.tables import EVENT_COLUMNS, ExpectedEvent

TYPE, DATA = EVENT_COLUMNS.index("event_type"), EVENT_COLUMNS.index("data")


@dataclass
class Unit:
    """One thing the user did (a click, a run of typed text, a key), as lines of test code,
    with what was seen before it and the domain events it caused."""

    seqs: list[int]
    lines: list[str]
    said: str = ""  # 'click "Check out"', 'type "tea" into search'
    ends_step: bool = False
    typed: tuple[str, str] | None = None  # (field name, text)
    page: str = ""  # a page chosen in the navigation
    menu: str = ""
    events: list[ExpectedEvent] = field(default_factory=list)
    look: bool = False  # what the user saw: the end of the step before, not a step's start
    refused: str = ""  # the type of the refusal its command met (InsufficientFunds)
    others: bool = False  # other app instances' events brought in (a shared store)


@dataclass
class Step:
    title: str
    units: list[Unit]


def money(cents: Any) -> str:
    return f"${int(cents) / 100:,.2f}" if isinstance(cents, int) else "?"


def product_names(recording: Recording) -> dict[str, str]:
    """Product ids to names, from the starting state and the session's own events."""
    names: dict[str, str] = {}
    for row in recording.start_events:
        if row[TYPE] == "ProductAdded":
            data = json.loads(row[DATA])
            names[str(data.get("product_id"))] = str(data.get("name"))
    for event in recording.expected:
        if event.type == "ProductAdded":
            names[str(event.data.get("product_id"))] = str(event.data.get("name"))
    return names


# How a person says what an event did; {product} is the product's name.
PHRASES = {
    "AccountRegistered": "create the account {username}",
    "PasswordChanged": "change the password",
    "ProductAdded": 'add the product "{name}" at {price}',
    "ProductRepriced": "reprice {product} to {price}",
    "ProductRetired": "retire {product}",
    "ReviewPosted": "post a {rating}-star review of {product}",
    "ReviewEdited": "edit the review of {product} to {rating} stars",
    "ReviewDeleted": "delete the review of {product}",
    "ReviewHidden": "hide a review of {product}",
    "ReviewUnhidden": "show a review of {product} again",
    "ItemAddedToCart": "add {quantity} × {product} to the cart",
    "ItemQuantityChanged": "set {product} to {quantity} in the cart",
    "ItemRemovedFromCart": "remove {product} from the cart",
    "CartCheckedOut": "check out {total}",
    "FundsDeposited": "deposit {amount}",
    "FundsDebited": "pay {amount}",
    "TransactionReversed": "reverse a transaction",
}
UNSAID = frozenset({"UsernameClaimed", "FirstAdminAppointed", "EventWithheld"})


def phrase(event: ExpectedEvent, names: dict[str, str]) -> str:
    data = dict(event.data)
    template = PHRASES.get(event.type)
    if template is None:  # a new event type: its name, in words
        return re.sub(r"(?<!^)(?=[A-Z])", " ", event.type).lower()
    if event.type == "FundsDeposited" and data.get("corrects_tx_id"):
        template = "correct a deposit to {amount}"
    values = {
        **{k: v for k, v in data.items()},
        "product": names.get(str(data.get("product_id")), "a product"),
        "price": money(data.get("price_cents")),
        "total": money(data.get("total_cents")),
        "amount": money(data.get("amount_cents")),
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.split(" {", 1)[0]


def title_of(units: list[Unit], names: dict[str, str], first: bool) -> str:
    said = [phrase(e, names) for u in units for e in u.events if e.type not in UNSAID]
    if said:
        return " and ".join(dict.fromkeys(said))
    refused = [u for u in units if u.refused]
    if refused:  # what the user tried, and the shop's no
        return f"{refused[-1].said or 'a command'}, refused: {refused[-1].refused}"
    typed = dict(u.typed for u in units if u.typed)
    if "username" in typed and not any(u.page for u in units):
        return f"sign in as {typed['username']}"
    pages = [u.page for u in units if u.page]
    if pages:
        return f"go to {pages[-1]}"
    if "search" in typed:
        return f'search for "{typed["search"]}"' if typed["search"] else "clear the search"
    menus = [u.menu for u in units if u.menu]
    if menus:
        return f"choose {menus[-1]}"
    inputs = [u.said for u in units if u.said]
    if not inputs and any(u.others for u in units):
        return "other app instances' changes arrive"
    if not inputs:
        return "the shop opens" if first else "what the user saw at the end"
    return "; ".join(inputs[:2]) + ("; …" if len(inputs) > 2 else "")


def group(units: list[Unit], names: dict[str, str]) -> list[Step]:
    steps: list[Step] = []
    current: list[Unit] = []
    for unit in units:
        if unit.look and not current and steps:
            steps[-1].units.append(unit)  # the screen that step left the user with
            continue
        # Before the first input: the window's size and the first screen, its own step.
        opening = not steps and current and all(not u.said for u in current)
        if opening and unit.said:
            steps.append(Step(title_of(current, names, True), current))
            current = []
        current.append(unit)
        if unit.ends_step:
            steps.append(Step(title_of(current, names, not steps), current))
            current = []
    if current:
        steps.append(Step(title_of(current, names, not steps), current))
    return steps
