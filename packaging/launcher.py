"""The bundle's entry point: the same `replayshop` command, frozen."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
