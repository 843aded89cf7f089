"""A believable demo shop, and optionally a long history for benchmarks.

Everything goes through the command bus, so the demo log is exactly what real use produces.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.model import commands as c
from domain.model.clock import SteppingClock
from domain.model.errors import DomainError
from domain.model.passwords import Passwords
from domain.writeside.bus import CommandBus

PRODUCTS = [
    ("Assam Breakfast Tea", "Malty, brisk black tea from the Brahmaputra valley. 250 g tin.", 1250),
    ("Sencha Green Tea", "Steamed Japanese green tea with a grassy sweetness. 100 g.", 1490),
    ("Earl Grey Supreme", "Black tea with bergamot oil and blue cornflowers. 200 g.", 1190),
    ("Ceramic Teapot 1 l", "Hand-glazed stoneware pot with a removable steel infuser.", 3900),
    ("Cast Iron Kettle", "Tetsubin kettle, 0.8 l, enamelled inside against rust.", 6450),
    ("Glass Tea Cups (set of 4)", "Double-walled borosilicate cups that stay cool to hold.", 2400),
    ("Bamboo Tea Tray", "Slatted gongfu tray with a drip drawer, 40 x 25 cm.", 3150),
    ("Rooibos Vanilla", "Caffeine-free South African red bush with vanilla pieces. 200 g.", 990),
    ("Matcha Ceremonial Grade", "Stone-ground first-flush tencha from Uji. 30 g tin.", 2890),
    ("Bamboo Whisk (Chasen)", "100-prong whisk for frothing matcha.", 1690),
    ("Digital Scale 0.1 g", "Pocket scale for weighing leaves, with tare and timer.", 1850),
    ("Variable Temperature Kettle", "1.7 l kettle with six presets from 60 to 100 degrees.", 7900),
    ("Oolong Tie Guan Yin", "Rolled Anxi oolong with an orchid aroma. 100 g.", 1790),
    ("Chai Spice Blend", "Cardamom, cinnamon, ginger, clove and black pepper. 150 g.", 890),
    ("Honey Sticks (20 pack)", "Wildflower honey in single-serve straws.", 650),
    ("Tea Tin Set", "Three airtight tins with window labels, 150 g each.", 1450),
    ("Cold Brew Bottle", "750 ml glass bottle with a fine mesh filter in the neck.", 2250),
    ("Darjeeling First Flush", "Light, floral spring harvest from Castleton estate. 100 g.", 2190),
    ("Porcelain Gaiwan", "150 ml lidded bowl for brewing and serving.", 1990),
    ("Linen Tea Towels (pair)", "Stonewashed linen, 50 x 70 cm.", 1590),
    ("Jasmine Pearls", "Green tea hand-rolled and scented with jasmine blossoms. 100 g.", 1890),
    ("Peppermint Leaves", "Whole-leaf organic peppermint. 80 g.", 790),
    ("Milk Frother", "Battery whisk for lattes and matcha, stainless steel.", 1290),
    ("Tea Journal", "Hardback tasting notebook with 120 guided pages.", 1390),
    ("Yerba Mate Gourd", "Calabash gourd with a steel bombilla straw.", 2490),
]

SHOPPERS = [
    "ann",
    "bob",
    "carla",
    "dmitri",
    "eve",
    "farah",
    "gus",
    "hiro",
    "ines",
    "jon",
    "kemal",
    "lena",
]

# Some carry #tags, so the shop-wide lookups (the Reviews page) have something to find.
DEMO_SPAN = timedelta(weeks=6)
DEMO_STEP = DEMO_SPAN / 300  # per command that writes: the demo writes about 260

REVIEW_TEXTS = {
    5: [
        "Exactly as described, I reorder every month. #daily",
        "Lovely quality, arrived quickly. #gift",
        "The best I have tried. Worth every cent. #favourite",
    ],
    4: [
        "Very good, slightly pricey.",
        "Nice, though the packaging could be better. #packaging",
        "Solid choice, would buy again. #gift",
    ],
    3: ["It's fine. Nothing special.", "Average; expected a bit more flavour. #flavour"],
    2: ["Arrived dented and the lid sticks. #packaging", "Too weak for my taste."],
    1: ["Broke after a week.", "Not what the picture shows at all."],
}


@dataclass
class DemoShop:
    admin_id: str
    admin_password: str
    shopper_ids: dict[str, str]
    product_ids: list[str]


class HashedOnce(Passwords):
    """One hash per distinct password, shared by every account that uses it: for demo and
    benchmark set-up only, where many accounts share a password and a salt is no concern."""

    def __init__(self, inner: Passwords) -> None:
        super().__init__(inner.cost)
        self.inner = inner
        self.made: dict[str, str] = {}

    def hash(self, password: str) -> str:
        if password not in self.made:
            self.made[password] = self.inner.hash(password)
        return self.made[password]


def seed_demo(
    bus: CommandBus,
    admin_password: str | None = None,
    shopper_password: str = "shopper-pass",
    seed: int = 7,
) -> DemoShop:
    """Create the admin (first account), shoppers, the catalog, and a little history."""
    rng = random.Random(seed)
    password = admin_password or secrets.token_urlsafe(9)
    # The history is spread over the weeks before now, so dates, the Reviews page's day
    # filters and time travel have something to tell apart. One reading of the bus's clock
    # anchors it (a recording keeps that reading, so a replay seeds the same times).
    real_clock, bus.clock = bus.clock, SteppingClock(bus.clock() - DEMO_SPAN, DEMO_STEP)
    try:
        return _seed(bus, password, shopper_password, rng)
    finally:
        bus.clock = real_clock


def _seed(bus: CommandBus, password: str, shopper_password: str, rng: random.Random) -> DemoShop:
    admin = bus.handle(c.RegisterAccount(None, "admin", password, admin=True))
    # The demo shoppers share one password; hashing it once (0.3 s at today's cost) instead of
    # for each of them keeps the demo quick. They share the salt too: fine for a demo only.
    real, bus.passwords = bus.passwords, HashedOnce(bus.passwords)
    try:
        shoppers = {
            name: bus.handle(c.RegisterAccount(None, name, shopper_password)) for name in SHOPPERS
        }
    finally:
        bus.passwords = real
    products = [bus.handle(c.AddProduct(admin, n, d, p)) for n, d, p in PRODUCTS]
    demo = DemoShop(admin, password, shoppers, products)
    for shopper in shoppers.values():
        bus.handle(c.DepositFunds(shopper, rng.choice([5000, 10000, 20000]), "Gift card"))
    for _ in range(300):
        _random_step(bus, demo, rng)
    _story(bus, demo)
    return demo


def _story(bus: CommandBus, demo: DemoShop) -> None:
    """A few fixed episodes, so every admin view has something to show."""
    ann, bob = demo.shopper_ids["ann"], demo.shopper_ids["bob"]
    teapot, kettle = demo.product_ids[3], demo.product_ids[4]
    _try(bus, c.PostReview(ann, teapot, 2, "The lid rattles, and it drips when pouring."))
    _try(
        bus,
        c.EditReview(
            ann, f"{teapot}.{ann}", 4, "The shop sent a new lid - it pours fine now. Happy."
        ),
    )
    _try(bus, c.PostReview(bob, teapot, 1, "BUY FROM my-cheap-teapots dot example instead!!!"))
    _try(bus, c.HideReview(demo.admin_id, f"{teapot}.{bob}", "Advertising another shop"))
    _try(bus, c.PostReview(bob, kettle, 3, "Heavy, but keeps water hot for ages."))
    _try(bus, c.DeleteReview(bob, f"{kettle}.{bob}"))
    tx = bus.handle(c.DepositFunds(bob, 50000, "Bank transfer"))
    bus.handle(
        c.CorrectTransaction(demo.admin_id, bob, tx, 5000, "Transfer was 50.00, typed as 500.00")
    )
    demo.product_ids.append(
        bus.handle(
            c.AddProduct(demo.admin_id, "Samovar (discontinued)", "Electric samovar, 3 l.", 9900)
        )
    )
    bus.handle(c.RetireProduct(demo.admin_id, demo.product_ids[-1]))
    bus.handle(c.ChangePrice(demo.admin_id, demo.product_ids[0], 1150))


def _try(bus: CommandBus, command: c.Command) -> bool:
    try:
        bus.handle(command)
    except DomainError:
        return False
    return True


def _random_step(bus: CommandBus, demo: DemoShop, rng: random.Random) -> None:
    _try(bus, _random_command(demo, rng))


def _random_command(demo: DemoShop, rng: random.Random) -> c.Command:
    """One plausible shopper action; some are refused by the rules, as in real use."""
    shopper = rng.choice(list(demo.shopper_ids.values()))
    product = rng.choice(demo.product_ids[: len(PRODUCTS)])
    review_id = f"{product}.{shopper}"
    roll = rng.random()
    if roll < 0.40:
        return c.AddItemToCart(shopper, product, rng.randint(1, 3))
    if roll < 0.52:
        return c.RemoveItemFromCart(shopper, product)
    if roll < 0.60:
        return c.ChangeQuantity(shopper, product, rng.randint(1, 4))
    if roll < 0.70:
        return c.CheckOut(shopper)
    if roll < 0.75:
        return c.DepositFunds(shopper, rng.choice([2000, 5000]), "Top-up")
    rating = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 5])[0]
    if roll < 0.88:
        return c.PostReview(shopper, product, rating, rng.choice(REVIEW_TEXTS[rating]))
    if roll < 0.96:
        return c.EditReview(
            shopper, review_id, rating, rng.choice(REVIEW_TEXTS[rating]) + " (edited)"
        )
    return c.DeleteReview(shopper, review_id)


def grow_history(
    bus: CommandBus,
    demo: DemoShop,
    head: Callable[[], int],
    target: int,
    seed: int = 11,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Keep shopping until the log holds about `target` events."""
    rng = random.Random(seed)
    while (position := head()) < target:
        for _ in range(500):
            _random_step(bus, demo, rng)
        if progress:
            progress(position)
