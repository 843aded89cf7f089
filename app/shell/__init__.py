"""The running app: start-up, wiring, the main window and what it owns (menus, status bar, jobs)."""
