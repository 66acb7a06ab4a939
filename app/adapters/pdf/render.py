"""Render letters to PDF: one letter, or a day's batch into one printable file (and per client).

Files are written next to their final name and moved into place, so a PDF that exists is
always whole (its hash goes into the client's history).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from app.adapters.pdf.blocks import qr_payload
from app.adapters.pdf.compose import compose_letter, payment_reference
from app.adapters.pdf.fonts import REGULAR, register_fonts
from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.layout import (
    BODY_BOTTOM,
    BODY_TOP_FIRST,
    BODY_TOP_LATER,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    PageHead,
    canvas_class,
    draw_first_page,
    draw_later_page,
)
from app.adapters.pdf.model import AddressedLetter, CompanyInfo, Letter, Recipient
from app.adapters.pdf.parallel import (
    Tracker,
    encode_qr_codes,
    make_pool,
    render_group,
    worker_count,
)
from app.adapters.pdf.qr import forget, remember
from app.adapters.pdf.story import letter_flowables, page_head
from app.adapters.pdf.templates import Template

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchResult:
    path: Path  # the printable PDF with every letter
    pages: int
    letters: int
    client_files: dict[str, Path]  # client code -> that client's letters, when asked for


def render_letter(
    letter: Letter,
    company: CompanyInfo,
    recipient: Recipient,
    path: Path,
    template: Template | None = None,
) -> Path:
    """One letter to `path`; `template` previews an edited template instead of the saved one."""
    _write(
        path,
        lambda out: _build([AddressedLetter(letter, company, recipient)], out, template=template),
    )
    return path


def render_letter_bytes(
    letter: Letter, company: CompanyInfo, recipient: Recipient, template: Template | None = None
) -> bytes:
    """The PDF in memory, for a live preview."""
    buffer = io.BytesIO()
    _build([AddressedLetter(letter, company, recipient)], buffer, template=template)
    return buffer.getvalue()


def render_batch(
    letters: Sequence[AddressedLetter],
    path: Path,
    progress: Progress | None = None,
    per_client_dir: Path | None = None,
    workers: int | None = None,
    client_file: Callable[[str], str] | None = None,
) -> BatchResult:
    """All letters into one PDF to print, each starting on a new page with its own page count.

    With `per_client_dir`, each client's letters are also written there as `<client code>.pdf`
    (or the name `client_file(code)` gives, without the extension).
    `progress(done, total)` is called in the caller's thread as letters are done (each letter
    counts twice with per-client files). Large batches use `workers` processes (default: by
    batch size and processors; 0 keeps everything in this process).
    """
    items = list(letters)
    for folder in {path.parent, per_client_dir or path.parent}:
        remove_leftovers(folder)
    counter = _Counter(progress, len(items) * (2 if per_client_dir is not None else 1))
    groups = (
        _client_groups(items, per_client_dir, client_file or safe_file_name)
        if per_client_dir is not None
        else []
    )
    count = worker_count(workers, len(items))
    if count == 0:
        pages = _write(path, lambda out: _build(items, out, counter.step))
        for _code, target, group in groups:
            write_letters(group, target, counter.step)
    else:
        pages = _render_in_pool(items, path, groups, counter, count)
    return BatchResult(path, pages, len(items), {code: target for code, target, _g in groups})


def write_letters(
    items: list[AddressedLetter], path: Path, after_letter: Callable[[], None] | None = None
) -> int:
    """Letters into one file at `path`; returns the number of pages."""
    return _write(path, lambda out: _build(items, out, after_letter))


def _render_in_pool(
    items: list[AddressedLetter],
    path: Path,
    groups: list[tuple[str, Path, list[AddressedLetter]]],
    counter: _Counter,
    workers: int,
) -> int:
    """Workers encode the QR codes while this process composes the letters, then write the
    per-client files while this process lays out the printable batch."""
    payloads = {
        id(item): qr_payload(
            item.letter, item.company, payment_reference(item.letter, item.recipient)
        )
        for item in items
    }
    tracker = Tracker(counter.advance)
    with make_pool(workers) as pool:
        gather = encode_qr_codes(pool, list(payloads.values()))

        def before_layout() -> None:
            codes = gather()
            remember(codes)
            for _code, target, group in groups:
                needed = {
                    payloads[id(i)]: codes[payloads[id(i)]]
                    for i in group
                    if payloads[id(i)] in codes
                }
                tracker.add(pool.submit(render_group, group, str(target), needed))

        def after_letter() -> None:
            counter.step()
            tracker.poll()

        try:
            pages = _write(
                path, lambda out: _build(items, out, after_letter, before_layout=before_layout)
            )
            tracker.wait()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            forget()
    return pages


def _client_groups(
    items: list[AddressedLetter], folder: Path, name: Callable[[str], str]
) -> list[tuple[str, Path, list[AddressedLetter]]]:
    folder.mkdir(parents=True, exist_ok=True)
    grouped: dict[str, list[AddressedLetter]] = {}
    for item in items:
        grouped.setdefault(item.recipient.client_code, []).append(item)
    used: set[str] = set()
    return [
        (code, folder / f"{_unique(safe_file_name(name(code)), used)}.pdf", group)
        for code, group in grouped.items()
    ]


def safe_file_name(text: str) -> str:
    """Client codes and numbers as file names on every system ('C/01' -> 'C_01')."""
    name = re.sub(r"[^\w.-]+", "_", text, flags=re.UNICODE).strip("._")
    return name[:80] or "client"


class _Counter:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.advance(1)

    def advance(self, letters: int) -> None:
        self.done += letters
        if self.progress is not None:
            self.progress(self.done, self.total)


def _build(
    items: list[AddressedLetter],
    out: BinaryIO | str,
    after_letter: Callable[[], None] | None = None,
    template: Template | None = None,
    before_layout: Callable[[], None] | None = None,
) -> int:
    """Lay the letters out into `out`; returns the number of pages."""
    register_fonts()
    from reportlab.platypus import NextPageTemplate, PageBreak

    heads: list[PageHead] = []
    story: list[Any] = []
    title = ""
    for index, item in enumerate(items):
        letter = item.letter
        composed = compose_letter(letter, item.company, item.recipient, template)
        fmt = LetterFormat(letter.language, letter.currency)
        heads.append(page_head(item, composed, fmt))
        title = composed.subject if len(items) == 1 else ""
        if index:
            story += [
                _action(_letter_index_setter(index)),
                NextPageTemplate("first"),
                PageBreak(),
            ]
        story.append(NextPageTemplate("later"))
        story += letter_flowables(item, composed, fmt)
        if after_letter is not None:
            story.append(_action(lambda _doc: after_letter()))
    doc = _document(out, heads, title, items[0].company.name if items else "")
    if before_layout is not None:
        before_layout()
    doc.build(story, canvasmaker=canvas_class())
    return int(doc.page)


def _document(out: BinaryIO | str, heads: list[PageHead], title: str, author: str) -> Any:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    def on_first(canvas: Any, doc: Any) -> None:
        canvas.letter_key = doc.letter_index
        draw_first_page(canvas, heads[doc.letter_index])

    def on_later(canvas: Any, doc: Any) -> None:
        canvas.letter_key = doc.letter_index
        draw_later_page(canvas, heads[doc.letter_index])

    first_frame = Frame(
        LEFT,
        BODY_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - BODY_TOP_FIRST - BODY_BOTTOM,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later_frame = Frame(
        LEFT,
        BODY_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - BODY_TOP_LATER - BODY_BOTTOM,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=10,  # no base-14 font lacking € or U+202F
        title=title,
        author=author,
        creator="Relance",
        pageTemplates=[
            PageTemplate("first", [first_frame], onPage=on_first),
            PageTemplate("later", [later_frame], onPage=on_later),
        ],
    )
    doc.letter_index = 0
    return doc


def _letter_index_setter(index: int) -> Callable[[Any], None]:
    """Marks the document as laying out the letter at index (bound now, not at the loop's end)."""
    return lambda doc: setattr(doc, "letter_index", index)


def _action(function: Callable[[Any], None]) -> Any:
    """A flowable that takes no room and calls `function(doc)` when the layout reaches it."""
    action = _action_class()()
    action.function = function
    return action


@cache
def _action_class() -> type:
    from reportlab.platypus.doctemplate import ActionFlowable

    class Call(ActionFlowable):  # type: ignore[misc]
        function: Callable[[Any], None]

        def apply(self, doc: Any) -> None:
            self.function(doc)

    return Call


SCRATCH = ".relance-"


def remove_leftovers(folder: Path) -> int:
    """Remove the hidden scratch files an interrupted run left in `folder` (those whose process
    is gone; on Windows, those no process holds open). Returns how many went."""
    removed = 0
    for scratch in folder.glob(f"{SCRATCH}*.pdf") if folder.is_dir() else ():
        owner = scratch.name[len(SCRATCH) :].split("-", 1)[0]
        if os.name == "posix" and owner.isdigit() and _alive(int(owner)):
            continue
        try:
            scratch.unlink()
            removed += 1
        except OSError:
            continue  # still being written (Windows keeps open files) or already gone
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write(path: Path, build: Callable[[BinaryIO], int]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f"{SCRATCH}{os.getpid()}-", suffix=".pdf", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            pages = build(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate.lower())
    return candidate
