"""The shop's domain: events, commands, aggregates, the event store and the read models.

Nothing here imports Qt, `app` or `recorder`; an import-linter contract enforces it.
"""
