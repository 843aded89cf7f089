"""Seeded mutations of real recordings: what a damaged or hostile `*.shoprec` may look like.

Each case starts from one of the committed recordings and changes it one way: flipped bits,
a cut, a zeroed page, a value of the wrong type or range written by SQL, NULLs, huge strings,
negative counts, a missing or an extra table, a view, a trigger, a newer version, duplicated
rows, or a hostile path for a file-dialog answer. The same seed gives the same cases.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import Qt

TABLES = (
    "meta",
    "ui_events",
    "ui_inputs",
    "ui_exceptions",
    "ui_observations",
    "start_events",
    "expected",
)
HOSTILE_VALUES: list[object] = [
    None,
    -1,
    0,
    -(2**63),
    2**63 - 1,
    2**40,
    1e308,
    float("nan"),
    "",
    "x",
    "A" * 1_000_000,
    "{",
    "[]",
    "null",
    '{"x": 1}',
    '{"key": "a", "modifiers": -5, "x": "10"}',
    '{"item": {"row": -1, "column": 2}}',
    '{"item": "row 3"}',
    '{"w": 99999999, "h": -3}',
    '{"set": {"a": 1}, "gone": "b"}',
    "[" * 50_000 + "]" * 50_000,  # nesting deep enough to break a recursive parser
    b"\x00\xff\xfe",
    "2026-13-45T99:99:99",
    "../../../../etc/passwd",
    "\x00",
    "text_entered",
    "ProductAdded",
]
HOSTILE_PATHS = [
    "../../../../tmp/owned.shoprec",
    "/etc/passwd",
    "C:\\Windows\\System32\\evil.shoprec",
    "..",
    "a/b.shoprec",
    "\x00.shoprec",
]
MODIFIER_FLAGS = [m.value for m in Qt.KeyboardModifier if m.value]
HOSTILE_SETTINGS = [
    "[]",
    "{",
    '{"window/geometry": ["bytes", "!!not base64!!"]}',
    '{"../../etc/passwd": ["text", "x"]}',
    '{"window/page": ["text", 7]}',
    '{"window/page": ["code", "x"]}',
    '{"view/colours": ["text", "' + "x" * 70_000 + '"]}',
    '{"window/page": ["text", "nowhere"]}',
    '{"splitters/catalog_splitter": ["bytes", "AAAA"]}',
]
VERSIONS = ["0", "-1", "5", "99", "x", "", " 3", "3.5", "999999999999999999999"]
Mutation = Callable[[random.Random, Path], str]


def cases(seed: int, count: int, sources: list[Path], folder: Path) -> Iterator[tuple[str, Path]]:
    """(what was done, the mutated file), `count` times."""
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        source = rng.choice(sources)
        target = folder / f"case-{n}.shoprec"
        shutil.copyfile(source, target)
        mutation = rng.choice(MUTATIONS)
        try:
            what = mutation(rng, target)
        except sqlite3.Error as error:  # the edit itself was refused: the file is as it was
            what = f"{mutation.__name__} refused by SQLite ({error})"
        yield f"case {n} ({source.name}): {what}", target


def bit_flips(rng: random.Random, path: Path) -> str:
    raw = bytearray(path.read_bytes())
    flips = rng.randint(1, 16)
    for _ in range(flips):
        at = rng.randrange(len(raw))
        raw[at] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(raw))
    return f"{flips} bits flipped"


def truncation(rng: random.Random, path: Path) -> str:
    raw = path.read_bytes()
    cut = rng.randrange(len(raw))
    path.write_bytes(raw[:cut])
    return f"cut at {cut} of {len(raw)} bytes"


def zeroed_page(rng: random.Random, path: Path) -> str:
    raw = bytearray(path.read_bytes())
    size = int.from_bytes(raw[16:18], "big") or 4096
    page = rng.randrange(max(1, len(raw) // size))
    raw[page * size : (page + 1) * size] = bytes(len(raw[page * size : (page + 1) * size]))
    path.write_bytes(bytes(raw))
    return f"page {page} zeroed"


def _edit(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    db = sqlite3.connect(path)
    try:
        for n, statement in enumerate(statements):
            db.execute(statement, params if n == len(statements) - 1 else ())
        db.commit()
    finally:
        db.close()


def _row(rng: random.Random, path: Path, table: str, where: str = "") -> int:
    """A row of `table`, chosen by the seeded generator (SQLite's random() is not seeded)."""
    db = sqlite3.connect(path)
    try:
        rows = [r[0] for r in db.execute(f"SELECT rowid FROM {table} {where} ORDER BY rowid")]
    finally:
        db.close()
    return rng.choice(rows) if rows else -1


def _columns(path: Path, table: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    finally:
        db.close()


def wrong_value(rng: random.Random, path: Path) -> str:
    table = rng.choice(TABLES)
    columns = _columns(path, table)
    if not columns:
        return f"no table {table}"
    column = rng.choice(columns)
    value = rng.choice(HOSTILE_VALUES)
    every = rng.random() < 0.2
    where = "" if every else f" WHERE rowid = {_row(rng, path, table)}"
    _edit(path, f'UPDATE {table} SET "{column}" = ?{where}', params=(value,))
    shown = repr(value)[:40]
    return f"{table}.{column} = {shown} in {'every row' if every else 'one row'}"


def negative_count(rng: random.Random, path: Path) -> str:
    table, column = rng.choice(
        [
            ("ui_events", "seq"),
            ("ui_events", "t_ms"),
            ("ui_inputs", "n"),
            ("ui_observations", "anchor"),
            ("ui_exceptions", "ui_seq"),
            ("start_events", "version"),
            ("expected", "position"),
        ]
    )
    value = rng.choice([-1, -(2**31), -(2**62)])
    _edit(
        path,
        f"UPDATE {table} SET {column} = ? WHERE rowid = {_row(rng, path, table)}",
        params=(value,),
    )
    return f"{table}.{column} = {value}"


def missing_table(rng: random.Random, path: Path) -> str:
    table = rng.choice(TABLES)
    _edit(path, f"DROP TABLE IF EXISTS {table}")
    return f"no {table} table"


def extra_object(rng: random.Random, path: Path) -> str:
    kind, statement = rng.choice(
        [
            ("table", "CREATE TABLE photos (id INTEGER, data BLOB)"),
            (
                "recursive view",
                "CREATE VIEW forever AS WITH RECURSIVE c(x) AS "
                "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
            ),
            (
                "trigger",
                "CREATE TRIGGER boom AFTER INSERT ON meta BEGIN DELETE FROM ui_events; END",
            ),
            ("index", "CREATE INDEX ix_kind ON ui_events (kind)"),
            ("column", "ALTER TABLE start_events ADD COLUMN extra TEXT"),
            ("column", "ALTER TABLE ui_events ADD COLUMN extra TEXT"),
            (
                "shadowing view",
                "ALTER TABLE ui_events RENAME TO ui_events_real",
            ),
        ]
    )
    if kind == "shadowing view":
        _edit(
            path,
            statement,
            "CREATE VIEW ui_events AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
            "SELECT x + 1 FROM c) SELECT 's' AS session_id, x AS seq, 0 AS t_ms, 'focus_in' AS "
            "kind, 'main' AS target, '' AS sub, '{}' AS data FROM c",
        )
    else:
        _edit(path, statement)
    return f"an extra {kind}"


def other_version(rng: random.Random, path: Path) -> str:
    version = rng.choice(VERSIONS)
    _edit(path, "UPDATE meta SET value = ? WHERE key = 'format_version'", params=(version,))
    return f"format_version {version!r}"


def missing_meta(rng: random.Random, path: Path) -> str:
    key = rng.choice(["format_version", "session_id", "start_position", "note", "locale"])
    _edit(path, "DELETE FROM meta WHERE key = ?", params=(key,))
    return f"no meta {key!r}"


def duplicated_rows(rng: random.Random, path: Path) -> str:
    table = rng.choice(TABLES)
    _edit(
        path,
        f"CREATE TABLE copy_of AS SELECT * FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE copy_of RENAME TO {table}",
        f"INSERT INTO {table} SELECT * FROM {table} WHERE rowid % 7 = {rng.randrange(7)}",
    )
    return f"rows of {table} duplicated"


def hostile_path(rng: random.Random, path: Path) -> str:
    value = rng.choice(HOSTILE_PATHS)
    _edit(
        path,
        "DELETE FROM ui_inputs WHERE kind = 'file_dialog'",
        "INSERT INTO ui_inputs VALUES ((SELECT value FROM meta WHERE key = 'session_id'), "
        "'file_dialog', 0, ?)",
        params=(value,),
    )
    return f"file-dialog answer {value!r}"


def gap_in_a_stream(rng: random.Random, path: Path) -> str:
    row = _row(rng, path, "start_events", "WHERE version > 1")
    _edit(path, f"DELETE FROM start_events WHERE rowid = {row}")
    return "a start event missing from the middle of its stream"


def bad_target(rng: random.Random, path: Path) -> str:
    value = rng.choice([None, "", "main/" + "x/" * 5000, "nowhere/at/all", 7])
    _edit(
        path,
        f"UPDATE ui_events SET target = ? WHERE rowid = {_row(rng, path, 'ui_events')}",
        params=(value,),
    )
    return f"a UI event's target = {repr(value)[:30]}"


def any_key(rng: random.Random, path: Path) -> str:
    """A key press with any key, any modifiers and the text a terminal would type for it
    (Ctrl+2 types NUL): data to replay, never a reason to refuse the file."""
    key = rng.choice([k.value for k in Qt.Key])
    modifiers = 0
    for flag in MODIFIER_FLAGS:
        if rng.random() < 0.4:
            modifiers |= flag
    text = rng.choice(["", chr(rng.randrange(0, 32)), "\x7f", "a", "\u00e9", "\x00\x00"])
    data = json.dumps({"key": key, "modifiers": modifiers, "text": text, "autorepeat": False})
    row = _row(rng, path, "ui_events", "WHERE kind = 'key_press'")
    _edit(path, f"UPDATE ui_events SET data = ? WHERE rowid = {row}", params=(data,))
    return f"a key press of key {key:#x}, modifiers {modifiers:#x}, text {text!r}"


def hostile_start_settings(rng: random.Random, path: Path) -> str:
    value = rng.choice(HOSTILE_SETTINGS)
    _edit(path, "INSERT OR REPLACE INTO meta VALUES ('start_settings', ?)", params=(value,))
    return f"start settings {value[:40]!r}"


MUTATIONS: list[Mutation] = [
    bit_flips,
    bit_flips,
    truncation,
    zeroed_page,
    wrong_value,
    wrong_value,
    wrong_value,
    negative_count,
    missing_table,
    extra_object,
    other_version,
    missing_meta,
    duplicated_rows,
    hostile_path,
    gap_in_a_stream,
    bad_target,
    any_key,
    hostile_start_settings,
]
