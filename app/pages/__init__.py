"""The main window's pages: one module per page, each built from what it uses."""
