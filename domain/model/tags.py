"""#tags in review texts: what counts as one, and its one spelling for lookups."""

from __future__ import annotations

import re

MAX_TAG = 50  # characters after the '#'
# A tag starts after a space or punctuation (so "C#" or "a#b" is none), has a letter in it
# (so "#1" is a rank, not a tag) and is made of word characters in any script.
_TAG = re.compile(r"(?<![\w#&])#(\w*[^\W\d_]\w*)")


def tags_in(text: str) -> list[str]:
    """The distinct tags of `text`, case-folded, in order of first appearance."""
    found: dict[str, None] = {}
    for match in _TAG.finditer(text):
        tag = match.group(1).casefold()
        if len(tag) <= MAX_TAG:
            found.setdefault(tag, None)
    return list(found)


def normal_tag(query: str) -> str:
    """A tag as a user types it into a search ("#Tea", "tea"), in its stored spelling."""
    return query.strip().lstrip("#").casefold()
