"""The EPC QR code drawn as vector squares (crisp at any zoom and in print)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

Modules = tuple[tuple[bool, ...], ...]
_KNOWN: dict[str, Modules] = {}  # codes computed ahead, in worker processes


def qr_modules(payload: str) -> Modules:
    """Dark modules of the QR code, error correction M, UTF-8 bytes (EPC069-12 character set 1)."""
    found = _KNOWN.get(payload)
    return found if found is not None else _encode(payload)


def remember(codes: dict[str, Modules]) -> None:
    _KNOWN.update(codes)


def forget() -> None:
    _KNOWN.clear()


def encode_many(payloads: list[str]) -> dict[str, Modules]:
    """For a worker process: encode a chunk of payloads."""
    return {payload: _encode(payload) for payload in payloads}


@lru_cache(maxsize=2048)
def _encode(payload: str) -> Modules:
    import segno

    code = segno.make_qr(payload.encode("utf-8"), error="m", boost_error=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def qr_flowable(payload: str, size: float) -> Any:
    """A square QR code `size` points wide, with the 4-module quiet zone the standard asks."""
    return _qr_class()(payload, size)


@cache
def _qr_class() -> type:
    from reportlab.platypus import Flowable

    class QrFlowable(Flowable):  # type: ignore[misc]
        def __init__(self, payload: str, size: float) -> None:
            super().__init__()
            self.payload = payload
            self.size = size

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.size, self.size

        def draw(self) -> None:
            # One filled path of integer module rectangles under a scale, written directly:
            # ReportLab formats each float slowly without its C accelerator.
            modules = qr_modules(self.payload)
            count = len(modules)
            unit = self.size / (count + 8)
            runs = []
            for row_index, row in enumerate(modules):
                y = count - 1 - row_index
                start = None
                for col, dark in enumerate([*row, False]):
                    if dark and start is None:
                        start = col
                    elif not dark and start is not None:
                        runs.append(f"{start} {y} {col - start} 1 re")
                        start = None
            canvas = self.canv
            canvas.saveState()
            canvas.setFillColorRGB(0, 0, 0)
            canvas.transform(unit, 0, 0, unit, 4 * unit, 4 * unit)
            canvas.addLiteral("\n".join(runs) + "\nf")
            canvas.restoreState()

    return QrFlowable
