"""The bytes of an import file and their text: a size limit, one encoding for the whole file.

A file is read as UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252. A file that
mixes UTF-8 lines and Windows-1252 lines would become mojibake (`CafÃ©`): it is refused with the
first line in the minority encoding.
"""

from __future__ import annotations

import stat
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _

MAX_FILE_BYTES = 200 * 1024 * 1024  # far above 100 000 invoices; keeps memory bounded
_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The whole file; a folder, a device, a pipe or a file over `limit` bytes is refused."""
    file = ascii(str(path)) if not str(path).isprintable() else str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    if "\x00" in str(path):
        raise InvalidInput(
            Problem(_("cannot read the file ({detail})").format(detail="NUL"), file=file)
        )
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(Problem(_("this is a folder, not a file"), file=file))
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(Problem(_("this is not a regular file"), file=file))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InvalidInput(
            Problem(_("cannot read the file ({detail})").format(detail=error.strerror), file=file)
        ) from error
    if len(data) > limit:
        raise InvalidInput(
            Problem(
                _("the file is larger than {size} MB: split it into smaller files").format(
                    size=limit // (1024 * 1024)
                ),
                file=file,
            )
        )
    return data


def decode(data: bytes, file: str) -> tuple[str, str]:
    """The text and the name of its encoding; InvalidInput with the line when it is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8_after_bom(data[3:], file), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, file), "utf-16"
    if data.count(0) * 4 > len(data):
        raise InvalidInput(
            Problem(
                _(
                    "the file is not text (it is full of NUL bytes): "
                    "UTF-16 without a byte order mark?"
                ),
                file=file,
            )
        )
    try:
        return data.decode("utf-8"), "utf-8"  # all of it UTF-8: not mixed
    except UnicodeDecodeError:
        pass
    first: dict[str, int] = {}
    counts = {"utf-8": 0, "cp1252": 0}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            kind = "utf-8"
        except UnicodeDecodeError:
            kind = "cp1252"
        counts[kind] += 1
        first.setdefault(kind, number)
    if counts["utf-8"] and counts["cp1252"]:
        bad = "cp1252" if counts["cp1252"] <= counts["utf-8"] else "utf-8"
        good = "utf-8" if bad == "cp1252" else "cp1252"
        raise InvalidInput(
            Problem(
                _(
                    "the file mixes encodings: this line is {bad} but line {line} is {good}; "
                    "save the whole file again in one encoding (UTF-8)"
                ).format(bad=_NAMES[bad], good=_NAMES[good], line=first[good]),
                file=file,
                line=first[bad],
            )
        )
    if not counts["cp1252"]:
        return data.decode("utf-8"), "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise InvalidInput(
            Problem(
                _("cannot read the file: it is neither UTF-8 nor Windows-1252 text"),
                file=file,
                line=data[: error.start].count(b"\n") + 1,
            )
        ) from error


def _utf8_after_bom(body: bytes, file: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            Problem(
                _(
                    "the file starts with a UTF-8 byte order mark but this line is not UTF-8 "
                    "(Windows-1252?): save the whole file again as UTF-8"
                ),
                file=file,
                line=body[: error.start].count(b"\n") + 1,
            )
        ) from error


def _utf16(data: bytes, file: str) -> str:
    if len(data) % 2:
        raise InvalidInput(
            Problem(
                _(
                    "the file starts like UTF-16 but has an odd number of bytes: "
                    "it is cut short or not UTF-16"
                ),
                file=file,
            )
        )
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        before = data[: error.start - error.start % 2].decode("utf-16", errors="replace")
        raise InvalidInput(
            Problem(
                _("this line is not valid UTF-16 text"),
                file=file,
                line=before.count("\n") + 1,
            )
        ) from error
