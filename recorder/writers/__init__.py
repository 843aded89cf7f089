"""A recording written out for people: a timeline, a pytest-qt test, a web page."""
