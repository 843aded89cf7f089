"""Recording UI sessions next to the domain events they caused, and replaying them.

Imports Qt and `domain`, never `app` (an import-linter contract enforces it).
"""
