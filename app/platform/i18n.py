"""The user's language: Qt's own translations and the app's, for a locale.

English is the source language, so with no translation (or an English locale) every string
shows as written, but for counts: "%n event(s)" takes its English forms from
`replayshop_en.ts`, loaded for any language the app has no translation of (the C locale of the
recordings too). `app/translations/replayshop_<lang>.ts` is the translators' file
(`make translations` runs pyside6-lupdate and pyside6-lrelease); the `.qm` beside it is what
is loaded. A replay loads the recording's locale, so it sees what the user saw; the replay
viewer beside it stays in the user's language (`install_viewer_translations`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# The one marker for translators, typed and Qt-free, so the domain marks its messages with it
# too: text marked where it is defined is translated where it is shown, with `translate`.
from domain.model.errors import QT_TRANSLATE_NOOP

__all__ = [
    "QT_TRANSLATE_NOOP",
    "error_text",
    "install_translations",
    "install_viewer_translations",
    "translate",
]

TRANSLATIONS = Path(__file__).parents[1] / "translations"
# The translators loaded here are children of the application, which keeps them alive (Qt does
# not own an installed translator) and finds them again by this name to replace them.
TRANSLATOR_NAME = "replayshop_translator"
VIEWER_TRANSLATOR_NAME = "replayshop_viewer_translator"
# recorder/replay/viewer.py translates in this context (recorder/ cannot import app/).
VIEWER_CONTEXT = "ReplayViewer"


def translate(context: str, text: str) -> str:
    """For text outside a QObject method (module constants, non-Qt classes). The name is
    the one pyside6-lupdate looks for, so these strings reach the translators too. A count
    ("%n event(s)") goes through a QObject's `self.tr(text, "", n)` instead: pyside6-lupdate
    gives a `translate()` plural forms only when its number is a literal."""
    return QCoreApplication.translate(context, text)


def install_translations(locale: QLocale | None = None) -> list[str]:
    """Load Qt's and the app's translations for `locale` (the default locale if None),
    replacing any loaded before. Returns the names of the files loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # found no more; deleted with its wrapper
    locale = locale or QLocale()
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("replayshop", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            translator.setObjectName(TRANSLATOR_NAME)
            app.installTranslator(translator)
            loaded.append(f"{name}_{locale.name()}")
        elif name == "replayshop" and translator.load("replayshop_en", str(TRANSLATIONS)):
            # Untranslated, the app is English: its counts need English's singular and plural.
            translator.setObjectName(TRANSLATOR_NAME)
            app.installTranslator(translator)
            loaded.append("replayshop_en")
        else:
            translator.setParent(None)  # not kept: nothing was loaded
    # Qt asks the translator installed last first: the viewer's answers for its own text only,
    # so it goes back on top, whatever language the replayed app now speaks.
    for viewer in app.findChildren(QTranslator, VIEWER_TRANSLATOR_NAME):
        app.removeTranslator(viewer)
        app.installTranslator(viewer)
    return loaded


class _ViewerTranslator(QTranslator):
    """The replay viewer's text in the user's language, beside an app replayed in the
    recording's: it answers for the viewer's context only (with the English source when its
    file has no translation, so the app's translators never answer for the viewer), and
    leaves every other context to the app's."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context != VIEWER_CONTEXT:
            return None  # type: ignore[return-value]  # a null QString: ask the next translator
        return super().translate(context, source, disambiguation, n) or source


def install_viewer_translations(locale: QLocale | None = None) -> str | None:
    """The replay viewer's language: `locale`'s (the default locale if None), kept when a
    replay installs the recording's for the app. Returns the file loaded, if any."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    for old in app.findChildren(QTranslator, VIEWER_TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
    locale = locale or QLocale()
    translator = _ViewerTranslator(app)
    translator.setObjectName(VIEWER_TRANSLATOR_NAME)
    loaded: str | None = None
    if translator.load(locale, "replayshop", "_", str(TRANSLATIONS)):
        loaded = f"replayshop_{locale.name()}"
    elif translator.load("replayshop_en", str(TRANSLATIONS)):
        loaded = "replayshop_en"
    # Installed even empty: it keeps the viewer in English under an app replayed in German.
    app.installTranslator(translator)
    return loaded


def error_text(error: Exception) -> str:
    """A domain error in the user's language: its English template (marked in
    domain/model/errors.py) translated and filled in; a phrase passed as `action` ("hide reviews",
    marked where it is raised) is translated too."""
    template = getattr(error, "template", "")
    params = getattr(error, "params", {})
    if not template:
        return str(error)
    shown = {
        key: translate("Action", value) if key == "action" and isinstance(value, str) else value
        for key, value in params.items()
    }
    try:
        return translate("DomainError", template).format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return str(error)
