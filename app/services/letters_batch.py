"""`relance letters`: the letters the plan has due on a date, one PDF per client and one to print."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.db.queries import letters as q
from app.db.uow import UnitOfWork
from app.domain.dunning import Channel
from app.domain.errors import InvalidInput, RelanceError
from app.domain.planner import levels_reached, policy_for
from app.services.claims import ClaimService
from app.services.dossier import DossierService
from app.services.followup import FollowUpService
from app.services.letter_texts import build_letter

PAPER = (Channel.LETTER, Channel.FORMAL_NOTICE)
LEVELS = ("receipt_confirmation", "courtesy", "reminder_1", "reminder_2", "firm_reminder",
          "formal_notice", "collection")


@dataclass(frozen=True)
class LetterJob:
    client_id: int
    level: str
    invoice_ids: tuple[int, ...]


@dataclass(frozen=True)
class WrittenLetter:
    client_code: str
    level: str
    path: Path
    sha256: str
    invoices: tuple[str, ...]


class LetterService:
    def __init__(self, uow: Callable[[], UnitOfWork], followup: FollowUpService,
                 claims: ClaimService, dossier: DossierService) -> None:
        self._uow = uow
        self._followup = followup
        self._claims = claims
        self._dossier = dossier

    def jobs(self, as_of: date, level: str | None = None) -> list[LetterJob]:
        """Without a level: paper actions of the plan dated on or before as_of and not done.
        With a level: every invoice at or past that level's day, one letter per client."""
        if level is None:
            actions, _clients = self._followup.plan(as_of)
            return [LetterJob(a.client_id, a.level_code, a.invoice_ids) for a in actions
                    if a.date <= as_of and a.channel in PAPER]
        inputs = self._followup.inputs(as_of)
        known = {lv.code for c in inputs.clients
                 for lv in policy_for(c, inputs.settings).levels} | set(LEVELS)
        if level not in known:
            raise InvalidInput(f"--level: unknown level {level!r}; one of: " +
                               ", ".join(sorted(known)))
        clients = {c.id: c for c in inputs.clients}
        grouped: dict[int, list[int]] = defaultdict(list)
        for invoice in inputs.invoices:
            client = clients[invoice.client_id]
            if level in levels_reached(invoice, as_of, policy_for(client, inputs.settings),
                                       client):
                grouped[invoice.client_id].append(invoice.id)
        return [LetterJob(cid, level, tuple(sorted(ids))) for cid, ids in sorted(grouped.items())]

    def write(self, as_of: date, out: Path, level: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[WrittenLetter]:
        """One PDF per client plus one file holding them all, for printing in one go."""
        jobs = self.jobs(as_of, level)
        company = self._dossier.settings()
        out.mkdir(parents=True, exist_ok=True)
        ids = {i for job in jobs for i in job.invoice_ids}
        with self._uow() as uow:
            people = q.addressees(uow.session, {job.client_id for job in jobs})
            figures = q.invoice_figures(uow.session, ids, as_of) if ids else {}
        docs, targets, meta = [], [], []
        for job in sorted(jobs, key=lambda j: people[j.client_id].code):
            person = people[job.client_id]
            invoices = [figures[i] for i in job.invoice_ids]
            claims = self._claims_for(job, invoices, as_of)
            docs.append(build_letter(company, person, job.level, invoices, claims, as_of))
            targets.append(out / f"{as_of.isoformat()}_{_safe(person.code)}_{job.level}.pdf")
            meta.append((person.code, job.level, tuple(i.number for i in invoices)))
        if docs:
            render_all(docs, targets, out / f"{as_of.isoformat()}_letters_to_print.pdf",
                       progress)
        return [WrittenLetter(code, lvl, path, _sha256(path), numbers)
                for (code, lvl, numbers), path in zip(meta, targets, strict=True)]

    def _claims_for(self, job: LetterJob, invoices, as_of: date):  # type: ignore[no-untyped-def]
        if job.level != "formal_notice":
            return []
        result = []
        for invoice in invoices:
            try:
                claim, _number, _client = self._claims.claim(invoice.number, as_of)
            except RelanceError:
                continue
            result.append((invoice, claim))
        return result


def _render_chunk(docs: list, paths: list[Path], batch: Path | None) -> int:  # type: ignore[type-arg]
    from app.services.letter_pdf import render

    for doc, path in zip(docs, paths, strict=True):
        render([doc], path)
    if batch is not None:
        render(docs, batch)
    return len(docs)


def render_all(docs: list, paths: list[Path], batch: Path,  # type: ignore[type-arg]
               progress: Callable[[int, int], None] | None = None) -> None:
    """Render the files; a large batch uses every core (the print file is one job)."""
    total = len(docs) * 2
    if len(docs) < 60:
        _render_chunk(docs, paths, batch)
        if progress is not None:
            progress(total, total)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    size = 50
    done = 0
    workers = max(2, min(4, os.cpu_count() or 2))
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_render_batch_only, docs, batch)]
        for start in range(0, len(docs), size):
            futures.append(pool.submit(_render_chunk, docs[start:start + size],
                                       paths[start:start + size], None))
        for future in as_completed(futures):
            done += future.result()
            if progress is not None:
                progress(done, total)


def _render_batch_only(docs: list, batch: Path) -> int:  # type: ignore[type-arg]
    from app.services.letter_pdf import render

    render(docs, batch)
    return len(docs)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deadline(as_of: date, days: int = 8) -> date:
    return as_of + timedelta(days=days)

