"""First start on an empty store: load the demo shop, or create the first administrator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.widgets.inputs import Jobs


class WelcomeDialog(QDialog):
    """`seed_demo` loads the demo shop through the app's bus and answers the admin's
    password; it runs as a background job of `jobs`."""

    def __init__(self, seed_demo: Callable[[], str], jobs: Jobs, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(self.tr("Welcome to Replay Shop"))
        self._seed_demo, self._jobs = seed_demo, jobs
        self.demo_password = ""
        intro = QLabel(
            self.tr(
                "<h2>Welcome to Replay Shop</h2>"
                "<p>This shop is empty. Every change you make is kept forever in an "
                "append-only log, so you can look at the shop as it was at any moment.</p>"
            )
        )
        intro.setWordWrap(True)
        self.demo = QPushButton(self.tr("Load the demo shop (25 products, 12 shoppers)"))
        self.demo.setObjectName("demo")
        self.admin = QPushButton(self.tr("Start empty: create the first administrator…"))
        self.admin.setObjectName("admin")
        self.later = QPushButton(self.tr("Not now"))
        self.later.setObjectName("later")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.demo)
        layout.addWidget(self.admin)
        layout.addWidget(self.later)
        self.demo.clicked.connect(self._on_demo)
        self.admin.clicked.connect(lambda: self.done(2))
        self.later.clicked.connect(self.reject)

    def _on_demo(self) -> None:
        # Seeding takes about a second: a worker thread keeps the window alive. It uses the
        # app's bus, so its commands are recorded, correlated and replayed as usual.
        for button in (self.demo, self.admin, self.later):
            button.setEnabled(False)
        self.demo.setText(self.tr("Loading the demo shop…"))
        self._jobs.run(self._seed_demo, self._on_seeded, name="demo_load")

    def _on_seeded(self, password: str) -> None:
        self.demo_password = password
        self.accept()
