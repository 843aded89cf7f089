"""`replayshop projections list|use|drop`: read-model versions, from the command line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from sqlalchemy import Engine

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from domain.readside.versions import VersionRefused, drop, held_versions, use


def listing(engine: Engine, as_json: bool = False) -> int:
    """Every version the store holds: in use or not, how far it follows, its size, its build."""
    held = held_versions(engine)
    if as_json:  # one object per line, as `events --json`
        for v in held:
            print(json.dumps(asdict(v)))
        return EXIT_OK
    for v in held:
        state = "IN USE" if v.in_use else ("kept" if v.known else "unknown to this build")
        built = f"built {v.built_at[:16].replace('T', ' ')}" if v.built_at else "built earlier"
        print(
            f"{v.name:<16} v{v.version}  {state:<21} checkpoint {v.checkpoint}/"
            f"{v.checkpoint + v.lag}  lag {v.lag}  {v.bytes / 1e6:,.1f} MB  {built}"
        )
    return EXIT_OK


def change(engine: Engine, args: argparse.Namespace) -> int:
    if not args.name or args.version is None:
        return _fail(f"`projections {args.action}` needs a NAME and a VERSION, e.g. reviews 1")
    try:
        if args.action == "use":
            took = use(engine, args.name, args.version)
            print(
                f"{args.name} v{args.version} is caught up ({took:.1f} s) and is the version "
                "the app reads from its next start"
            )
        else:
            freed = drop(engine, args.name, args.version)
            print(
                f"dropped {args.name} v{args.version}: {freed / 1e6:,.1f} MB freed inside the "
                "file (SQLite reuses it; VACUUM gives it back to the disk)"
            )
    except VersionRefused as refusal:
        return _fail(str(refusal))
    return EXIT_OK
