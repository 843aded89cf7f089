"""`replay --headless` and `check` with `--pictures DIR`: the diverging step as pictures.

For a replay that did not pass, the picture of the step where it diverged is written as the
user saw it (the recording's own, format 6) and as the replay drew it, with the regions that
differ framed in red on both. Which look: the one the verdict compared, for a screen that
differs; else the first look after the step, where its effect shows (the one before it when
there is none after). A recording made without pictures has only the replay's to give.

The comparison is tolerant: a pixel differs only when it moved by more than NOISE (WebP's
loss moves thousands of pixels by a little), and a cell of CELL pixels only when several of
its pixels differ (antialiasing moves an edge's pixels one by one). It marks
where to look; it never decides a verdict, which stays with the events and the texts.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from recorder.capture.schema import Picture
from recorder.fileformat.pictures import decoded
from recorder.fileformat.shoprec import Recording
from recorder.replay.verdict import Verdict

CELL = 8  # pixels of the picture as stored
NOISE = 48  # of 255: a pixel this much apart (in grey) differs; less is compression's noise
MIN_PIXELS = 3  # of a cell's: fewer is antialiasing along an edge
APART = bytes(1 if value >= NOISE else 0 for value in range(256))
FRAME = QColor("#e01b24")


def the_look(pictures: Mapping[int, Picture], step: int, screen: bool) -> int | None:
    """The anchor of the look that shows step `step`'s outcome (see the module's note)."""
    anchors = sorted(pictures)
    if not anchors:
        return None
    if screen and step in pictures:
        return step
    after = bisect.bisect_right(anchors, step)
    if after < len(anchors):
        return anchors[after]
    return anchors[-1]


def differing_regions(expected: QImage, actual: QImage) -> list[QRect]:
    """Where the two differ beyond noise, in `expected`'s pixels: cells of CELL pixels with at
    least MIN_PIXELS pixels apart by more than NOISE, joined into boxes."""
    size = expected.size()
    if actual.size() != size:
        actual = actual.scaled(size, mode=Qt.TransformationMode.SmoothTransformation)
    # |expected - actual| per channel, by Qt's own compositing; then a byte per pixel.
    diff = expected.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(diff)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, actual.convertToFormat(QImage.Format.Format_RGB32))
    painter.end()
    gray = diff.convertToFormat(QImage.Format.Format_Grayscale8)
    stride, width, height = gray.bytesPerLine(), size.width(), size.height()
    apart = bytes(gray.constBits())[: stride * height].translate(APART)  # 1: apart, 0: not
    rows: list[QRect] = []
    for top in range(0, height, CELL):
        run_start = None
        for left in range(0, width + CELL, CELL):
            differs = left < width and (
                sum(
                    apart[y * stride + left : y * stride + min(left + CELL, width)].count(1)
                    for y in range(top, min(top + CELL, height))
                )
                >= MIN_PIXELS
            )
            if differs and run_start is None:
                run_start = left
            elif not differs and run_start is not None:
                rows.append(QRect(run_start, top, left - run_start, CELL))
                run_start = None
    return _merged(rows)


def _merged(rows: list[QRect]) -> list[QRect]:
    """Rows of cells that touch, joined into boxes (a changed label is one box, not lines)."""
    boxes: list[QRect] = []
    for row in rows:
        for n, box in enumerate(boxes):
            if box.adjusted(-1, -1, 1, 1).intersects(row):
                boxes[n] = box.united(row)
                break
        else:
            boxes.append(row)
    return boxes


def framed(image: QImage, regions: list[QRect]) -> QImage:
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    painter.setPen(QPen(FRAME, 2))
    for region in regions:
        painter.drawRect(region.adjusted(-1, -1, 0, 0))
    painter.end()
    return out


def write_divergence_pictures(
    recording: Recording, verdict: Verdict, replayed: Mapping[int, Picture], folder: Path
) -> list[str]:
    """Write the diverging step's pictures into `folder`; lines saying what was written."""
    if verdict.passed or verdict.step is None:
        return []
    screen = bool(verdict.screen)
    anchor = the_look(replayed, verdict.step, screen)
    if anchor is None:
        return [f"no picture of step #{verdict.step}: the replay took none"]
    actual = decoded(replayed[anchor])
    own = {a: p for a, p in recording.pictures.items() if a <= anchor}
    expected = decoded(own[max(own)]) if own else None
    if actual is None:
        return [f"no picture of step #{verdict.step}: the replay's did not decode"]
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{recording.path.stem}-step-{verdict.step}"
    lines = []
    if expected is None:
        actual.save(str(folder / f"{stem}-actual.png"))
        return [
            f"wrote {folder / f'{stem}-actual.png'}: the replay's screen before #{anchor}; "
            "the recording has no pictures to compare it with"
        ]
    regions = differing_regions(expected, actual)
    scaled = actual.scaled(expected.size(), mode=Qt.TransformationMode.SmoothTransformation)
    for side, image in (("expected", expected), ("actual", scaled)):
        path = folder / f"{stem}-{side}.png"
        framed(image, regions).save(str(path))
        lines.append(f"wrote {path}")
    lines.append(f"{len(regions)} region(s) differ on the screen before #{anchor}")
    return lines
