"""Small helpers shared by the import and export tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import InvalidInput


def write_csv(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(error: InvalidInput) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.column) for p in error.problems]


CLIENTS = """code,name,email,payment_terms_days,country,client_type
C001,Boulangerie Martin,contact@martin.fr,45,FR,business
C002,Garage Dubois,,,BE,business
C003,Jeanne Petit,jeanne@orange.fr,,,consumer
"""
