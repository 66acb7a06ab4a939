"""Evidence log: every document sent to a client kept in the dossier with its SHA-256 hash.

A stored file is never overwritten (a second document of the same name gets a suffix), and
each one is also listed in `evidence.jsonl` beside it, so the folder alone can show, before a
court, what was sent and that it has not changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain.errors import InvalidInput

MANIFEST = "evidence.jsonl"


@dataclass(frozen=True)
class StoredDocument:
    path: Path
    sha256: str
    created_at: datetime  # UTC


def store_document(
    source: Path | bytes,
    folder: Path,
    name: str | None = None,
    now: Callable[[], datetime] | None = None,
) -> StoredDocument:
    """Copy a produced document (a file, or its bytes) into `folder` under `name`."""
    data = source if isinstance(source, bytes) else _read(source)
    if name is None:
        name = source.name if isinstance(source, Path) else "document.pdf"
    file_name = Path(name).name
    if not file_name or file_name in (".", "..", MANIFEST):
        raise InvalidInput(f"not a document name: {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    path = _write_new(folder, file_name, data)
    created = (now or _utc_now)()
    entry = {
        "file": path.name,
        "sha256": digest,
        "created_at": created.isoformat(),
        "bytes": len(data),
    }
    with (folder / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return StoredDocument(path, digest, created)


def _write_new(folder: Path, file_name: str, data: bytes) -> Path:
    stem, suffix = os.path.splitext(file_name)
    for number in range(1, 10000):
        candidate = folder / (file_name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            with candidate.open("xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except FileExistsError:
            continue
        return candidate
    raise InvalidInput(f"too many documents named {file_name} in {folder}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"document cannot be read: {path}") from error


def _utc_now() -> datetime:
    return datetime.now(tz=UTC)


# --- where a client's evidence lives -----------------------------------------------------

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)


def safe_name(text: str, fallback: str = "x", limit: int = 40) -> str:
    """A folder-name part any system accepts: accents folded to ASCII, the rest `_`, never a
    Windows reserved name. Lossy: only ever used beside an identifier that keeps names apart."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", folded).strip("_-")[:limit] or fallback
    if name.upper().split(".")[0] in WINDOWS_RESERVED:
        name = f"_{name}"
    return name


def dossier_key(identity: str) -> str:
    """A short fixed key of the dossier (its file's path or its database URL without the
    password): two dossiers of companies with the same name keep apart."""
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:10]


def client_folder(root: Path, company: str, key: str, client_id: int, client_code: str) -> Path:
    """`<root>/<company>-<dossier key>/C<client id>-<code>/`: one folder per client, whatever
    the codes look like (`A/B`, `A:B` and `A B`, `É01` and `01`, `CON` are all distinct)."""
    return (
        root
        / f"{safe_name(company, 'dossier')}-{key}"
        / f"C{client_id}-{safe_name(client_code, 'client')}"
    )


def shared_client_folder(root: Path, client_id: int, client_code: str) -> Path:
    """`<shared folder>/C<client id>-<code>/`: the dossier's own folder, one per client."""
    return root / f"C{client_id}-{safe_name(client_code, 'client')}"


def legacy_folder(root: Path, company: str, client_code: str) -> Path:
    """Where versions before 0.9 kept a client's documents (read only, never written)."""

    def lossy(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "dossier"

    return root / lossy(company) / lossy(client_code)
