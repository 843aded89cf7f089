"""The append-only log: the database, its SQL, appending and reading events, the hash chain."""
