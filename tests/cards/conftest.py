"""Poppler helpers for the card tests: text, fonts and pixels of a rendered PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = ("pdftoppm", "pdftotext", "pdffonts")
MARGIN_PX = 18  # 0.25 in at 72 dpi


def _require_poppler() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} missing (apt-get install -y poppler-utils)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Raster:
    """One page at 72 dpi: 1 px is 1 pt."""

    width: int
    height: int
    rows: tuple[bytes, ...]  # RGB, top row first

    def ink_box(self) -> tuple[int, int, int, int] | None:
        """(left, top, right, bottom) of every non-white pixel, inclusive; None if blank."""
        left, right, top, bottom = self.width, -1, None, -1
        for y, row in enumerate(self.rows):
            stripped = row.lstrip(b"\xff")
            if not stripped:
                continue
            top = y if top is None else top
            bottom = y
            left = min(left, (len(row) - len(stripped)) // 3)
            right = max(right, (len(row.rstrip(b"\xff")) - 1) // 3)
        return None if top is None else (left, top, right, bottom)


def _read_ppm(path: Path) -> Raster:
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # P6, width, height, maxval (pdftoppm writes no comments)
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P6" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:]
    stride = width * 3
    return Raster(width, height, tuple(pixels[y * stride:(y + 1) * stride]
                                       for y in range(height)))


class Poppler:
    """Reads a PDF back through poppler's command-line tools."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _save(self, pdf: bytes) -> Path:
        path = self.folder / "card.pdf"
        path.write_bytes(pdf)
        return path

    def text(self, pdf: bytes, page: int | None = None) -> str:
        pages = ["-f", str(page), "-l", str(page)] if page else []
        run = subprocess.run(["pdftotext", "-layout", *pages, str(self._save(pdf)), "-"],
                             capture_output=True, text=True, check=True, timeout=60)
        return run.stdout

    def fonts(self, pdf: bytes) -> list[list[str]]:
        run = subprocess.run(["pdffonts", str(self._save(pdf))], capture_output=True,
                             text=True, check=True, timeout=60)
        return [line.split() for line in run.stdout.splitlines()[2:] if line.strip()]

    def rasters(self, pdf: bytes) -> list[Raster]:
        prefix = self.folder / "page"
        for old in self.folder.glob("page*.ppm"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "72", str(self._save(pdf)), str(prefix)],
                       capture_output=True, check=True, timeout=120)
        return [_read_ppm(path) for path in sorted(self.folder.glob("page*.ppm"))]


@pytest.fixture
def poppler(tmp_path: Path) -> Poppler:
    """The poppler tools on a scratch folder (fails under CI=true when they are missing)."""
    _require_poppler()
    return Poppler(tmp_path)


def assert_inside_margins(raster: Raster, label: str = "") -> None:
    """Every non-white pixel lies at least 0.25 in from each edge."""
    box = raster.ink_box()
    assert box is not None, f"{label}: blank page"
    left, top, right, bottom = box
    assert left >= MARGIN_PX and top >= MARGIN_PX, (label, box, raster.width, raster.height)
    assert right < raster.width - MARGIN_PX, (label, box, raster.width)
    assert bottom < raster.height - MARGIN_PX, (label, box, raster.height)
