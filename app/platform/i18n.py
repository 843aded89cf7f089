"""The user's language: Qt's own translations and the app's, for a locale.

English is the source language, so with no translation (or an English locale) every string
shows as written, but for counts: "%n event(s)" takes its English forms from
`replayshop_en.ts`, loaded for any language the app has no translation of (the C locale of the
recordings too). `app/translations/replayshop_<lang>.ts` is the translators' file
(`make translations` runs pyside6-lupdate and pyside6-lrelease); the `.qm` beside it is what
is loaded. A replay loads the recording's locale, so it sees what the user saw.
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
    "translate",
]

TRANSLATIONS = Path(__file__).parents[1] / "translations"
# The translators loaded here are children of the application, which keeps them alive (Qt does
# not own an installed translator) and finds them again by this name to replace them.
TRANSLATOR_NAME = "replayshop_translator"


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
