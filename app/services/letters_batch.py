"""`relance letters`: the letters the plan has due on a date, one PDF per client and one to print."""

from __future__ import annotations

import hashlib
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
        from app.services.letter_pdf import render

        jobs = self.jobs(as_of, level)
        company = self._dossier.settings()
        out.mkdir(parents=True, exist_ok=True)
        ids = {i for job in jobs for i in job.invoice_ids}
        with self._uow() as uow:
            people = q.addressees(uow.session, {job.client_id for job in jobs})
            figures = q.invoice_figures(uow.session, ids, as_of) if ids else {}
        docs, written = [], []
        for index, job in enumerate(sorted(jobs, key=lambda j: people[j.client_id].code)):
            person = people[job.client_id]
            invoices = [figures[i] for i in job.invoice_ids]
            claims = self._claims_for(job, invoices, as_of)
            doc = build_letter(company, person, job.level, invoices, claims, as_of)
            name = f"{as_of.isoformat()}_{_safe(person.code)}_{job.level}.pdf"
            path = render([doc], out / name)
            written.append(WrittenLetter(person.code, job.level, path, _sha256(path),
                                         tuple(i.number for i in invoices)))
            docs.append(doc)
            if progress is not None:
                progress(index + 1, len(jobs) + 1)
        if docs:
            render(docs, out / f"{as_of.isoformat()}_letters_to_print.pdf")
        return written

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


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deadline(as_of: date, days: int = 8) -> date:
    return as_of + timedelta(days=days)

