"""Recordings as regression tests: check, the pytest plugin, shrink, rebase, coverage, stress."""
