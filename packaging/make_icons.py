"""Draw resources/icons/relance.svg into the PNG, ICO and ICNS files the app and installers use.

Usage: QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
Writes relance-<size>.png (the window and the Linux desktop entry), relance.ico (Windows: the
executable, Inno Setup, the `.relance` association) and relance.icns (macOS bundle and documents).
Commit the results: the build does not need Qt's SVG renderer at build time.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, size: int) -> Image.Image:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(BytesIO(bytes(buffer.data()))).convert("RGBA")


def make_icons(folder: Path = ICONS) -> list[Path]:
    svg = folder / "relance.svg"
    images = {size: render(svg, size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written = []
    for size in PNG_SIZES:
        path = folder / f"relance-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    ico = folder / "relance.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico, sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES]
    )
    icns = folder / "relance.icns"
    images[1024].save(icns, append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    return [*written, ico, icns]


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one
    for path in make_icons():
        print(f"wrote {path.name} ({path.stat().st_size} bytes)")  # noqa: T201 - a build tool reports
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
