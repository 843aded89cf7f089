"""The menu bar, built from one table: each menu's items and the window method each one calls.

Texts and tips are the English sources, marked here and translated when the action is made;
an action's objectName comes from its English text, never the shown one, so a recording made
in German replays anywhere. The strings keep the translators' context they were filed under
("MainWindow"), so the German texts stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.pages.page import Page
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.platform.theme import SCHEMES

CONTEXT = "MainWindow"
Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class Item:
    text: str  # English, marked for the translators
    handler: str  # from the window: a method's name, or a dotted path ("ctx.session.sign_out")
    tip: str = ""
    shortcut: Shortcut = None
    keywords: tuple[tuple[str, object], ...] = ()  # passed to the handler
    # Enabled only while someone is signed in (True) or nobody is (False); None: always.
    signed_in: bool | None = None
    checkable: bool = False


# Not items but places in a menu: a line, the pages, the colour schemes, and an action
# another menu made already (Report a problem is in File and in Help).
SEPARATOR, PAGES, COLOURS = "-", "pages", "colours"
AGAIN = "again:"

MENUS: tuple[tuple[str, str, tuple[Item | str, ...]], ...] = (
    # File comes first, as on every desktop; the others keep their order (recordings and
    # muscle memory open Account, View and Help by name).
    (
        QT_TRANSLATE_NOOP("MainWindow", "&File"),
        "menu_file",
        (
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&Open recording…"),
                "_open_recording",
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Open a saved session in the replay viewer (it never touches this shop)",
                ),
                QKeySequence.StandardKey.Open,
            ),
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&Report a problem…"),
                "open_report",
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Save this session, with a note, as one file to attach to a bug report",
                ),
            ),
            SEPARATOR,
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
                "close",
                QT_TRANSLATE_NOOP("MainWindow", "Quit Replay Shop"),
                # Ctrl+Q, as on every Linux desktop, and not the platform's standard key: Qt's
                # offscreen platform binds none, so a replay there would not quit where the
                # user did.
                "Ctrl+Q",
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Account"),
        "menu_account",
        (
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "Sign &in…"),
                "open_sign_in",
                QT_TRANSLATE_NOOP("MainWindow", "Sign in to shop or administer"),
                "Ctrl+L",
                signed_in=False,
            ),
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&Create account…"),
                "open_sign_in",
                QT_TRANSLATE_NOOP("MainWindow", "Create a shopper's account"),
                keywords=(("sign_up", True),),
                signed_in=False,
            ),
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "Sign &out"),
                "ctx.session.sign_out",
                QT_TRANSLATE_NOOP("MainWindow", "Sign out of this shop"),
                signed_in=True,
            ),
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "Change &password…"),
                "open_password_dialog",
                QT_TRANSLATE_NOOP("MainWindow", "Change the password of the signed-in account"),
                signed_in=True,
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&View"),
        "menu_view",
        (
            PAGES,
            SEPARATOR,
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "Back to &now"),
                "time_bar.back_to_now",
                QT_TRANSLATE_NOOP("MainWindow", "Leave the past and show the shop as it is now"),
                "Ctrl+0",
            ),
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&Record this session"),
                "_on_record_toggled",
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Keep what you do in this session, for a bug report (never your passwords)",
                ),
                checkable=True,
            ),
            COLOURS,
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Help"),
        "menu_help",
        (
            AGAIN + "report_a_problem",
            Item(
                QT_TRANSLATE_NOOP("MainWindow", "&About Replay Shop"),
                "_about",
                QT_TRANSLATE_NOOP(
                    "MainWindow", "The version, the event log's head and the read models in use"
                ),
            ),
        ),
    ),
)
COLOUR_LABELS = (
    QT_TRANSLATE_NOOP("MainWindow", "As the &system"),
    QT_TRANSLATE_NOOP("MainWindow", "&Light"),
    QT_TRANSLATE_NOOP("MainWindow", "&Dark"),
)
COLOURS_TIP = QT_TRANSLATE_NOOP("MainWindow", "Colours of the whole app; kept for the next start")


def action_name(text: str) -> str:
    """The objectName an English menu text gives its action: "Sign &in…" is sign_in."""
    return text.replace("&", "").replace("…", "").strip().lower().replace(" ", "_")


class MenuBar:
    """The window's menus and their actions, made from `MENUS` on the window's menu bar.

    >>> menus = MenuBar(window, window.pages, chosen_colours="system")
    >>> menus.actions["sign_in"].trigger()  # calls window.open_sign_in()
    """

    def __init__(self, window: QMainWindow, pages: list[Page], chosen_colours: str) -> None:
        self.window = window
        self.actions: dict[str, QAction] = {}  # by objectName
        self.menus: dict[str, QMenu] = {}  # by objectName
        self.page_actions: dict[str, QAction] = {}  # by the page's objectName
        self._signed_in: list[tuple[QAction, bool]] = []
        window.menuBar().setObjectName("menu_bar")
        for title, name, entries in MENUS:
            menu = window.menuBar().addMenu(translate(CONTEXT, title))
            menu.setObjectName(name)
            self.menus[name] = menu
            for entry in entries:
                self._add(menu, entry, pages, chosen_colours)

    def set_signed_in(self, signed_in: bool) -> None:
        """Enable what needs someone signed in, or nobody, as it is now."""
        for action, needs in self._signed_in:
            action.setEnabled(needs == signed_in)

    def number_pages(self, pages: list[Page], shown: list[Page]) -> None:
        """Ctrl+N shows the page in the Nth place of the list as it is now (`shown`), and
        Ctrl+9 the last, as tabs in a browser: a shopper's five pages are Ctrl+1 to Ctrl+5
        (Reviews is also Ctrl+9, as it was before), with no shortcut left pointing at a hidden
        page."""
        for page in pages:
            place = shown.index(page) + 1 if page in shown else 0
            keys = [f"Ctrl+{place}"] if 0 < place <= 8 else []
            if page is shown[-1]:
                keys.append("Ctrl+9")
            self.page_actions[page.objectName()].setShortcuts([QKeySequence(k) for k in keys])

    def _add(self, menu: QMenu, entry: Item | str, pages: list[Page], colours: str) -> None:
        if entry == SEPARATOR:
            menu.addSeparator()
        elif entry == PAGES:
            self._add_pages(menu, pages)
        elif entry == COLOURS:
            self._add_colours(menu, colours)
        elif isinstance(entry, str) and entry.startswith(AGAIN):
            menu.addAction(self.actions[entry.removeprefix(AGAIN)])
        elif isinstance(entry, Item):
            handler = attrgetter(entry.handler)(self.window)
            action = self._action(menu, entry.text, entry.tip, entry.shortcut)
            self._connect(action, handler, dict(entry.keywords))
            action.setCheckable(entry.checkable)
            if entry.signed_in is not None:
                self._signed_in.append((action, entry.signed_in))

    def _add_pages(self, menu: QMenu, pages: list[Page]) -> None:
        show_page = attrgetter("show_page")(self.window)
        for number, page in enumerate(pages, start=1):
            name = page.objectName()
            action = self._action(menu, page.TITLE, "", f"Ctrl+{number}", f"page_{name}", "Pages")
            self._connect(action, show_page, {}, name)
            action.setStatusTip(translate("MainWindow", "Show the page “{0}”").format(page.title()))
            self.page_actions[name] = action

    def _add_colours(self, menu: QMenu, chosen: str) -> None:
        colours = menu.addMenu(translate("MainWindow", "&Colours"))
        colours.setObjectName("menu_colours")
        self.menus["menu_colours"] = colours
        group = QActionGroup(self.window)
        set_colours = attrgetter("set_colours")(self.window)
        for scheme, label in zip(SCHEMES, COLOUR_LABELS, strict=True):
            action = self._action(colours, label, COLOURS_TIP, None, f"colours_{scheme}")
            self._connect(action, set_colours, {}, scheme)
            action.setCheckable(True)
            action.setChecked(scheme == chosen)
            group.addAction(action)

    def _action(
        self,
        menu: QMenu,
        text: str,
        tip: str,
        shortcut: Shortcut,
        name: str | None = None,
        context: str = CONTEXT,
    ) -> QAction:
        """`text` and `tip` are the English sources: shown translated, and the text names the
        action, which is what a recording keeps, so a German session replays in English."""
        action = QAction(translate(context, text), self.window)
        action.setObjectName(name or action_name(text))
        action.setStatusTip(translate(context, tip) if tip else "")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        menu.addAction(action)
        self.actions[action.objectName()] = action
        return action

    @staticmethod
    def _connect(action: QAction, handler: Any, keywords: dict[str, object], *args: Any) -> None:
        # `triggered` carries `checked`: the handler gets only what the table gives it.
        action.triggered.connect(lambda _=False: handler(*args, **keywords))
