"""Write the replayshop(1) manual page, in roff, from the CLI's own argparse parser.

    python packaging/make_manpage.py OUT.1

The page is generated, not kept by hand, so it lists exactly the options and commands
`replayshop --help` does. The date is SOURCE_DATE_EPOCH's (reproducible builds), and the build
user's home folder in a default (`--db`) is written as `~`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from importlib.metadata import version
from pathlib import Path

from app.cli.main import build_parser


def roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    home = str(Path.home()).replace("-", "\\-")
    text = text.replace(home, "~")
    lines = [("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n")]
    return "\n".join(lines)


def flags(action: argparse.Action) -> str:
    """`\\fB\\-\\-db\\fR \\fIDB\\fR`: an option's names in bold, its value in italics."""
    names = ", ".join(f"\\fB{roff(name)}\\fR" for name in action.option_strings)
    if action.nargs == 0:
        return names
    metavar = action.metavar or action.dest.upper()
    if isinstance(metavar, tuple):
        metavar = " ".join(metavar)
    return f"{names} \\fI{roff(str(metavar))}\\fR"


def help_text(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    formatter = parser._get_formatter()  # expands %(default)s and %(prog)s as --help does
    return roff(formatter._expand_help(action))


def options(parser: argparse.ArgumentParser) -> list[str]:
    out: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            out += [".TP", flags(action), help_text(parser, action)]
        else:
            metavar = action.metavar or action.dest
            out += [".TP", f"\\fI{roff(str(metavar))}\\fR", help_text(parser, action)]
    return out


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    found: list[tuple[str, str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                found.append((name, helps.get(name, ""), sub))
    return found


def usage(parser: argparse.ArgumentParser) -> str:
    text = parser.format_usage().removeprefix("usage: ").strip()
    return roff(" ".join(text.split()))


def manpage(parser: argparse.ArgumentParser, app_version: str, date: str) -> str:
    name = parser.prog
    out = [
        f'.TH {name.upper()} 1 "{date}" "{name} {app_version}" "User Commands"',
        ".SH NAME",
        f"{name} \\- {roff((parser.description or '').rstrip('.'))}",
        ".SH SYNOPSIS",
        f"\\fB{name}\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]]",
        ".br",
        f"\\fB{name}\\fR \\fIFILE\\fR.shoprec",
        ".SH DESCRIPTION",
        roff(parser.description or ""),
        "Without a command it starts the desktop app; with a recording (a",
        "\\fI*.shoprec\\fR file) it opens the recording in the replay viewer, which is what",
        "a file manager runs when a recording is opened.",
        ".SH OPTIONS",
        *options(parser),
        ".SH COMMANDS",
        f"Each command takes its own options; \\fB{name}\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR",
        "lists them too.",
    ]
    for command, summary, sub in subcommands(parser):
        out += [".SS " + roff(command), roff(summary), ".PP", usage(sub)]
        sub_options = options(sub)
        if sub_options:
            out += [".RS", *sub_options, ".RE"]
    out += [
        ".SH FILES",
        ".TP",
        "\\fI~/.local/share/ReplayShop/shop.db\\fR",
        "The shop's database (under \\fI$XDG_DATA_HOME\\fR when that is set).",
        ".TP",
        "\\fI~/.local/state/ReplayShop/log/\\fR",
        "The app's log files (under \\fI$XDG_STATE_HOME\\fR when that is set).",
    ]
    return "\n".join(line for line in out if line) + "\n"  # an empty line is a roff break


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} OUT.1", file=sys.stderr)
        return 2
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    text = manpage(build_parser(), version("replayshop"), date)
    Path(argv[1]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
