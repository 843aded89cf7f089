"""Where a shop lives: a SQLite file (the default) or a database on a PostgreSQL server.

`--db` takes either. A URL is kept as text (a Path would fold its `//`), and it is shown with
its password hidden wherever the app prints it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from domain.eventstore.database import is_server, is_url, open_engine

Location = Path | str
ACCEPTED = "a SQLite file path, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
# psycopg is an extra (pyproject.toml): most desks keep their shop in a SQLite file.
NO_DRIVER = (
    "a postgresql:// store needs the psycopg driver, which is not installed: "
    "pip install 'replayshop[postgres]' (in a source checkout: .venv/bin/pip install -e "
    "'.[postgres]'), or use a SQLite file path"
)


DB_HELP = "the shop: a SQLite file or a postgresql:// URL (default: the app's own shop)"


def db_location(text: str) -> Location:
    """argparse's type for --db."""
    if not is_url(text):
        return Path(text).expanduser()
    if not (is_server(text) or text.startswith("sqlite:")):
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a shop database; use {ACCEPTED}")
    try:
        make_url(text)
    except SQLAlchemyError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid URL ({error})") from None
    if is_server(text) and not _has_driver():
        raise argparse.ArgumentTypeError(NO_DRIVER)
    return text


def _has_driver() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


def shown(location: Location) -> str:
    if isinstance(location, Path) or not is_url(location):
        return str(location)
    try:
        return make_url(location).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "(an invalid URL)"


def on_server(location: Location) -> bool:
    return isinstance(location, str) and is_server(location)


def store_problem(location: Location) -> str | None:
    """Why `location` holds no shop to work on, or None when it does."""
    if not on_server(location):
        return None if Path(location).is_file() else f"no database at {location}"
    engine = open_engine(location)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("events"):
                return f"{shown(location)} holds no shop yet (no events table)"
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        return f"cannot reach {shown(location)}: {reason}"
    finally:
        engine.dispose()
    return None
