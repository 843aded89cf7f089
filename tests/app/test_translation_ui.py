"""The German translation, loaded for a German locale as a user's desktop would: menus,
pages, messages, money and dates. English is the source: with the C locale nothing changes."""

from __future__ import annotations

import inspect
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from pytestqt.qtbot import QtBot

from app.pages.cart import CartPage
from app.pages.catalog import CatalogPage
from app.pages.moderation import ModerationPage
from app.pages.wallet import WalletPage
from app.platform.i18n import (
    TRANSLATIONS,
    VIEWER_TRANSLATOR_NAME,
    error_text,
    install_translations,
    install_viewer_translations,
)
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from app.widgets.format import money, when
from domain.demo import DemoShop
from domain.model import errors
from domain.model.errors import QT_TRANSLATE_NOOP, DomainError
from recorder.fileformat.shoprec import load_recording
from tests.app.conftest import signed_in
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[list[str]]:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    loaded = install_translations()
    try:
        yield loaded
    finally:
        QLocale.setDefault(QLocale.c())
        install_translations()


def _unfinished(messages: list[ET.Element], forms: int) -> list[str | None]:
    """Sources without a finished translation; a count's (numerus) needs all its `forms`."""

    def done(m: ET.Element) -> bool:
        translation = m.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete"):
            return False
        if m.get("numerus") == "yes":
            texts = [(f.text or "").strip() for f in translation.iter("numerusform")]
            return len(texts) == forms and all(texts)
        return bool((translation.text or "").strip())

    return [m.findtext("source") for m in messages if not done(m)]


def test_every_source_string_has_a_german_translation() -> None:
    ts = ET.parse(TRANSLATIONS / "replayshop_de.ts").getroot()
    messages = list(ts.iter("message"))
    assert len(messages) > 250 and _unfinished(messages, forms=2) == []
    assert (TRANSLATIONS / "replayshop_de.qm").exists(), "make builds it: lrelease"


def test_every_count_has_its_english_forms() -> None:
    """English is the source language, but "%n product(s)" reads "1 product" and "2 products"
    only through replayshop_en.ts, which holds every count's two forms and nothing else."""
    german = ET.parse(TRANSLATIONS / "replayshop_de.ts").getroot()
    counts = {m.findtext("source") for m in german.iter("message") if m.get("numerus") == "yes"}
    english = list(ET.parse(TRANSLATIONS / "replayshop_en.ts").getroot().iter("message"))
    assert len(counts) >= 9 and {m.findtext("source") for m in english} == counts
    assert _unfinished(english, forms=2) == []
    assert (TRANSLATIONS / "replayshop_en.qm").exists(), "make builds it: lrelease"


def test_a_german_desktop_gets_german_screens_money_and_dates(
    qtbot: QtBot, ctx: AppContext, demo: DemoShop, german: list[str]
) -> None:
    assert "replayshop_de_DE" in german and "qtbase_de_DE" in german  # Qt's own too
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["&Datei", "&Konto", "&Ansicht", "&Hilfe"]
        assert [window.nav.item(r).text() for r in range(2)] == ["Katalog", "Warenkorb"]
        # The names a recording keeps stay English, whatever the language shown.
        assert window.page_actions["cart"].objectName() == "page_cart"
        assert window.findChild(type(window.page_actions["cart"]), "quit") is not None
        assert window.user_label.text() == "Nicht angemeldet"

        signed_in(qtbot, window, "ann", "shopper-pass")
        catalog = window.show_page("catalog")
        assert isinstance(catalog, CatalogPage)
        assert catalog.table.horizontalHeaderItem(0).text() == "Produkt"
        assert catalog.detail.add_to_cart.text() == "In den Warenkorb"
        assert catalog.count.text() == f"{catalog.table.rowCount()} Produkte"
        assert "Rezension" in catalog.detail.average.text()
        price = catalog.table.item(0, 1).text()
        assert price.endswith("\xa0$") and "," in price  # "11,50 $"
        cart = window.show_page("cart")
        assert isinstance(cart, CartPage)
        assert cart.checkout.text() == "Bezahlen"
        assert cart.total.text().startswith("Gesamt: ")
        wallet = window.show_page("wallet")
        assert isinstance(wallet, WalletPage)
        qtbot.mouseClick(wallet.deposit, Qt.MouseButton.LeftButton)
        assert wallet.message.text() == "20,00\xa0$ eingezahlt."
        assert wallet.table.item(0, 0).text().count(".") == 2  # "30.11.26 14:05"
    finally:
        window.shutdown()


def test_the_c_locale_keeps_the_plain_forms_the_recordings_hold() -> None:
    assert money(123456) == "$1,234.56" and money(-5) == "-$0.05"
    assert when("2026-11-30T12:00:00+00:00").startswith("2026-11-30 ")


def test_money_and_dates_follow_the_locale(german: list[str]) -> None:
    assert money(123456) == "1.234,56\xa0$"
    assert when("2026-11-30T12:00:00+00:00").startswith("30.11.26 ")


def test_the_translations_file_is_where_the_bundle_and_wheel_take_it_from() -> None:
    root = Path(__file__).resolve().parents[2]
    assert "replayshop_de.qm" in (root / "packaging" / "ReplayShop.spec").read_text()
    assert '"app.translations" = ["*.qm"]' in (root / "pyproject.toml").read_text()


def _sample(error_class: type[DomainError]) -> DomainError:
    """An instance with placeholder arguments of the right kinds."""
    params = inspect.signature(error_class.__init__).parameters
    values = {
        name: 5 if "int" in str(p.annotation) else "x"
        for name, p in params.items()
        if name != "self"
    }
    return error_class(**values)


def test_every_domain_error_is_shown_in_german(german: list[str]) -> None:
    classes = DomainError.__subclasses__()
    assert len(classes) > 30
    for error_class in classes:
        error = _sample(error_class)
        shown = error_text(error)
        assert error.template and shown != str(error), error_class.__name__
    refusal = error_text(errors.NotAuthorized(QT_TRANSLATE_NOOP("Action", "add products")))
    assert refusal == "Nur ein Administrator kann Produkte anlegen; Sie sind als Kunde angemeldet."


def test_a_refusal_in_the_window_is_german(
    qtbot: QtBot, ctx: AppContext, demo: DemoShop, german: list[str]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        signed_in(qtbot, window, "admin", "admin-password")
        page = window.show_page("moderation")
        assert isinstance(page, ModerationPage)
        page.status.setCurrentIndex(page.status.findData("posted"))
        page.table.selectRow(0)
        qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
        assert page.message.text() == (
            "Geben Sie einen Grund an (1 bis 500 Zeichen), um dies zu tun: "
            "eine Rezension ausblenden."
        )
    finally:
        window.shutdown()


def _count(context: str, text: str, n: int) -> str:
    return QCoreApplication.translate(context, text, None, n)


def test_counts_read_right_in_english_and_german(qtbot: QtBot) -> None:
    """One source text per count, "%n product(s)"; each language's file holds its forms. The
    recordings run in the C locale: its English is what they compare, byte for byte."""
    try:
        assert install_translations(QLocale.c()) == ["replayshop_en"]
        products = [_count("CatalogPage", "%n product(s)", n) for n in (0, 1, 2)]
        assert products == ["0 products", "1 product", "2 products"]
        found = [_count("ReviewsPage", "{0} review(s) found", n).format(n) for n in (0, 1, 2)]
        assert found == ["0 reviews found", "1 review found", "2 reviews found"]
        assert _count("ReviewsPage", "The {0} newest review(s)", 1) == "The newest review"
        assert install_translations(QLocale("fr_FR"))[-1] == "replayshop_en"  # untranslated
        assert _count("ProductDetail", "%n review(s)", 1) == "1 review"
        install_translations(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        products = [_count("CatalogPage", "%n product(s)", n) for n in (0, 1, 2)]
        assert products == ["0 Produkte", "1 Produkt", "2 Produkte"]
        assert _count("TimeTravelBar", "Now · {0} event(s)", 1) == "Jetzt · {0} Ereignis"
    finally:
        install_translations()


@pytest.fixture
def viewer_in_german(german: list[str]) -> Iterator[str | None]:
    loaded = install_viewer_translations()
    try:
        yield loaded
    finally:
        app = QCoreApplication.instance()
        assert app is not None
        for translator in app.findChildren(QTranslator, VIEWER_TRANSLATOR_NAME):
            app.removeTranslator(translator)
            translator.setParent(None)


def test_the_replay_viewer_speaks_the_users_language_beside_the_recordings(
    qtbot: QtBot, viewer_in_german: str | None
) -> None:
    """A German desktop replays an English (C locale) recording: the viewer's buttons and
    messages are German, the app it drives shows what the user saw, in English."""
    from recorder.replay.viewer import ReplayViewer

    assert viewer_in_german == "replayshop_de_DE"
    recording = load_recording(RECORDINGS / "cart-add-change-remove.shoprec")
    assert recording.meta.get("locale") == "C"
    viewer = ReplayViewer(recording, make_replay_app, start_paused=True)
    qtbot.addWidget(viewer)
    viewer.show()
    try:
        assert viewer.windowTitle() == "Wiedergabe: cart-add-change-remove.shoprec"
        buttons = [viewer.play, viewer.pause_button, viewer.step_button, viewer.to_divergence]
        assert [b.text() for b in buttons] == ["Abspielen", "Pause", "Schritt", "Erste Abweichung"]
        assert viewer.speed.itemText(0) == "Echtzeit"
        assert viewer.speed.itemText(viewer.speed.count() - 1) == "So schnell wie möglich"
        assert viewer.skip_idle.text() == "Untätigkeit überspringen"
        assert viewer.verdict.text() == "Bereit."
        qtbot.mouseClick(viewer.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: viewer.replayer.index == 1, timeout=HANG_GUARD_MS)
        target = viewer.replayer.target
        assert target is not None and isinstance(target.window, MainWindow)
        # The replayed app installed the recording's (C) translations after the viewer's.
        assert target.window.menuBar().actions()[0].text() == "&File"
        viewer.seek(0)  # text the viewer sets now, with the app's translators installed
        assert viewer.verdict.text() == "Wird wiedergegeben…"
    finally:
        viewer.close()


def test_an_english_viewer_stays_english_over_an_app_replayed_in_german(
    viewer_in_german: str | None,
) -> None:
    """The other way round: the user's English viewer (C locale) with a German recording's
    translations installed after it, as a replay does at each start and seek."""
    install_viewer_translations(QLocale.c())
    install_translations(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert QCoreApplication.translate("ReplayViewer", "Play") == "Play"
    assert QCoreApplication.translate("ReplayViewer", "Replaying…") == "Replaying…"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
