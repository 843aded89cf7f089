"""What reaches a terminal: control characters from a file or a store are shown, not obeyed."""

from __future__ import annotations

import io

from app.platform.terminal import EscapingWriter, escaped


def test_escape_sequences_bidi_overrides_and_lone_surrogates_are_written_as_escapes() -> None:
    hostile = "a\x1b]0;title\x07\x1b[2J\u202eb\udcff\x00\x9b"
    assert escaped(hostile) == "a\\x1b]0;title\\x07\\x1b[2J\\u202eb\\udcff\\x00\\x9b"


def test_newlines_tabs_and_text_in_any_script_stay_as_they_are() -> None:
    assert escaped("Grüße\tПривет\n日本 ★★★☆☆\n") == "Grüße\tПривет\n日本 ★★★☆☆\n"


def test_a_carriage_return_is_kept_only_where_a_progress_line_needs_it() -> None:
    assert escaped("50%\r100%") == "50%\\r100%"  # stdout: a CR could overwrite a line shown
    assert escaped("50%\r100%", keep_carriage_return=True) == "50%\r100%"  # stderr's bar


def test_the_writer_escapes_what_passes_through_it() -> None:
    out = io.StringIO()
    writer = EscapingWriter(out, keep_carriage_return=False)
    assert writer.write("note: \x1b[2J") == len("note: \x1b[2J")
    assert out.getvalue() == "note: \\x1b[2J"
