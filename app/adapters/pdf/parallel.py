"""Share a large batch between processes: QR codes first, then the per-client files.

The printable batch stays in the calling process (it reports progress letter by letter);
worker processes encode the QR codes and write the per-client files meanwhile. Workers are
spawned, never forked, so a Qt or database thread of the caller is never copied.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from app.adapters.pdf.model import AddressedLetter
from app.adapters.pdf.qr import Modules, encode_many, remember

PARALLEL_FROM = 60  # letters; smaller batches are quicker without starting processes
QR_CHUNK = 40


def worker_count(requested: int | None, letters: int) -> int:
    """0 means "in this process"; by default up to four workers for large batches."""
    if requested is not None:
        return max(0, requested)
    if letters < PARALLEL_FROM:
        return 0
    return max(1, min(4, os.cpu_count() or 1))


def make_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def encode_qr_codes(
    pool: ProcessPoolExecutor, payloads: list[str]
) -> Callable[[], dict[str, Modules]]:
    """Start encoding in the workers; the returned callable waits for and returns the codes."""
    unique = [p for p in dict.fromkeys(payloads) if p]
    futures = [
        pool.submit(encode_many, unique[i : i + QR_CHUNK]) for i in range(0, len(unique), QR_CHUNK)
    ]

    def gather() -> dict[str, Modules]:
        codes: dict[str, Modules] = {}
        for future in futures:
            codes.update(future.result())
        return codes

    return gather


def render_group(items: list[AddressedLetter], path: str, codes: dict[str, Modules]) -> int:
    """In a worker: one client's letters into one file; returns how many letters."""
    from app.adapters.pdf.render import write_letters

    remember(codes)
    write_letters(items, Path(path))
    return len(items)


class Tracker:
    """Per-client files rendered by workers, counted into the caller's progress."""

    def __init__(self, step: Callable[[int], None]) -> None:
        self.step = step
        self.pending: list[Future[int]] = []

    def add(self, future: Future[int]) -> None:
        self.pending.append(future)

    def poll(self) -> None:
        for future in [f for f in self.pending if f.done()]:
            self.pending.remove(future)
            self.step(future.result())

    def wait(self) -> None:
        while self.pending:
            self.pending[0].result()
            self.poll()
