"""The pictures of a `*.shoprec` file (format 6): each checked before anyone decodes it.

A picture arrives from anyone, and an image decoder is a large attack surface: before a row is
kept, its format must be PNG or WebP, its bytes must start as that format does, the width and
height in the image's own header must be the row's, and sizes are bounded (one picture, every
picture of the file, and the pixels a decoder would allocate). Whoever decodes it later
(`decoded`) does so with the same bounds.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

from recorder.capture.schema import Picture
from recorder.fileformat import validate
from recorder.fileformat.tables import select
from recorder.fileformat.validate import Invalid

FORMATS = ("png", "webp")
MAX_SIDE = 4096  # pixels: the recorder writes at most 800 wide
MAX_PICTURE_BYTES = 4 * 1024**2
MAX_ALL_BYTES = 256 * 1024**2  # every picture of one file
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def read(db: sqlite3.Connection) -> dict[int, Picture]:
    """The file's pictures by anchor, every row checked."""
    found: dict[int, Picture] = {}
    total = 0
    for row, (_, anchor, kind, width, height, image) in enumerate(
        select(db, "ui_pictures", "ORDER BY anchor"), 1
    ):
        where = f"ui_pictures row {row}"
        anchor = validate.integer(anchor, 0, validate.MAX_SEQ + 1, f"{where}: anchor")
        if anchor in found:
            raise Invalid(f"{where}: anchor {anchor} appears twice")
        picture = checked(anchor, kind, width, height, image, where)
        total += len(picture.image)
        if total > MAX_ALL_BYTES:
            raise Invalid(f"its pictures take more than {MAX_ALL_BYTES // 1024**2} MB")
        found[anchor] = picture
    return found


def checked(
    anchor: int, kind: object, width: object, height: object, image: object, where: str
) -> Picture:
    if kind not in FORMATS:
        raise Invalid(f"{where}: format {str(kind)[:40]!r}; expected one of {FORMATS}")
    width = validate.integer(width, 1, MAX_SIDE, f"{where}: width")
    height = validate.integer(height, 1, MAX_SIDE, f"{where}: height")
    if not isinstance(image, bytes):
        raise Invalid(f"{where}: image must be bytes (a BLOB), not {type(image).__name__}")
    if len(image) > MAX_PICTURE_BYTES:
        raise Invalid(f"{where}: image of {len(image):,} bytes; at most {MAX_PICTURE_BYTES:,}")
    header = png_size(image) if kind == "png" else webp_size(image)
    if header is None:
        raise Invalid(f"{where}: the image is not a {kind} file")
    if header != (width, height):
        raise Invalid(
            f"{where}: the image's own header says {header[0]}x{header[1]}, "
            f"the row says {width}x{height}"
        )
    return Picture(anchor, str(kind), width, height, image)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR, the chunk that must come first."""
    if len(data) < 33 or not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def webp_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a WebP's first chunk: lossy (VP8), lossless (VP8L) or extended."""
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    if int.from_bytes(data[4:8], "little") + 8 != len(data):
        return None  # the RIFF container's size is the file's: nothing before or after it
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        return width, int.from_bytes(data[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def decoded(picture: Picture) -> QImage | None:
    """The picture as an image, or None when it does not decode as what its row says (the
    decoder reads at most the row's size)."""
    data = QByteArray(picture.image)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, picture.format.encode())
    reader.setAllocationLimit(MAX_SIDE * MAX_SIDE * 4 // 1024**2 + 1)  # MB
    size = reader.size()
    if (size.width(), size.height()) != (picture.width, picture.height):
        return None
    image = reader.read()
    return None if image.isNull() else image
