"""Errors the services raise; the UI shows them translated, the CLI maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass


class RelanceError(Exception):
    """Base of every error Relance explains to the user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(str(self.line))
        if self.column:
            where.append(self.column)
        prefix = ":".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class InvalidInput(RelanceError):
    """Input rejected as a whole; nothing was written."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(RelanceError):
    """A record the user named does not exist."""


class Conflict(RelanceError):
    """The change collides with existing data (duplicate, stale version, balance exceeded)."""


class DatabaseProblem(RelanceError):
    """The dossier cannot be opened or written (bad URL, foreign file, newer schema)."""
