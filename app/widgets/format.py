"""Display formats shared by the views, in the user's locale (QLocale).

The C locale (what a bare session, CI and the recordings in `recordings/` run in) keeps the
plain forms "$1,234.56" and "2026-11-30 15:35"; any other locale gets its own conventions
("1.234,56 $", "30.11.26 15:35" in German). A replay runs in the recording's locale.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale

from app.platform.i18n import translate

CURRENCY = "$"


def _plain(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def money(cents: int) -> str:
    locale = QLocale()
    if _plain(locale):
        sign = "-" if cents < 0 else ""
        return f"{sign}{CURRENCY}{abs(cents) / 100:,.2f}"
    return locale.toCurrencyString(cents / 100, CURRENCY, 2)


def currency_affixes() -> tuple[str, str]:
    """(prefix, suffix) for a money input: "$ 20.00" in the C locale, "20,00 $" in German."""
    locale = QLocale()
    if _plain(locale) or locale.toCurrencyString(0.0, CURRENCY).startswith(CURRENCY):
        return f"{CURRENCY} ", ""
    return "", f" {CURRENCY}"


def stars(average: float | None) -> str:
    if average is None:
        return translate("format", "no ratings")
    full = round(average)
    shown = f"{average:.1f}" if _plain(QLocale()) else QLocale().toString(average, "f", 1)
    return "★" * full + "☆" * (5 - full) + f"  {shown}"


def when(iso: str | None) -> str:
    """A stored UTC time in the user's local time zone, to the minute."""
    if not iso:
        return ""
    local = datetime.fromisoformat(iso).astimezone()
    locale = QLocale()
    if _plain(locale):
        return local.strftime("%Y-%m-%d %H:%M")
    moment = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    return locale.toString(moment, QLocale.FormatType.ShortFormat)
