"""Settings ▸ Letter and email templates: read, check, save and restore the user's copies, and
preview an edited text on a made-up client with the company's real details."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.adapters.pdf import compose_email, render_letter_bytes
from app.adapters.pdf.conditions import CONDITIONS
from app.adapters.pdf.templates import (
    EMAIL_TEMPLATES,
    KINDS,
    LETTER_TEMPLATES,
    PLACEHOLDERS,
    bundled_root,
    check_placeholders,
    parse_template,
    reset_to_bundled,
    template_path,
    template_text,
    user_root,
)
from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.changes import SETTINGS, Changes
from app.services.dossier import CompanySettings
from app.services.followup.letters import company_info
from app.services.templates.samples import sample_letter

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class TemplateText:
    kind: str
    language: str
    code: str
    text: str
    is_customised: bool  # the user's copy is the one in use

    @property
    def changes(self) -> Changes:
        """Read or written: a saved template is a setting every letter follows."""
        return SETTINGS


def template_codes(kind: str) -> tuple[str, ...]:
    return LETTER_TEMPLATES if kind == "letters" else EMAIL_TEMPLATES


def placeholder_names() -> tuple[str, ...]:
    return tuple(PLACEHOLDERS)


def condition_names() -> tuple[str, ...]:
    """The facts an [if name]…[end] passage can test."""
    return tuple(CONDITIONS)


def display_name(kind: str, language: str, code: str) -> str:
    return f"{kind}/{language}/{code}.txt"


def read_template(kind: str, language: str, code: str) -> TemplateText:
    _check(kind, language, code)
    path = template_path(kind, language, code)
    return TemplateText(
        kind,
        language,
        code,
        template_text(path),
        _own_path(kind, language, code).is_file(),
    )


def template_problems(text: str, kind: str, language: str, code: str) -> list[Problem]:
    """Every wrong placeholder with its line, then the first layout mistake (subject, blank
    line, unknown table); empty when the text can be saved."""
    name = display_name(kind, language, code)
    problems: list[Problem] = []
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    for number, line in enumerate(lines, start=1):
        try:
            check_placeholders(line, Path(name), number)
        except InvalidInput as error:
            problems.extend(error.problems)
    try:
        parse_template(text, kind, language, code, Path(name))
    except InvalidInput as error:
        seen = {(p.line, p.message) for p in problems}
        problems.extend(p for p in error.problems if (p.line, p.message) not in seen)
    return sorted(problems, key=lambda p: p.line or 0)


def save_template(kind: str, language: str, code: str, text: str) -> TemplateText:
    """Write the user's copy; refused (InvalidInput, one Problem per line) while wrong."""
    _check(kind, language, code)
    problems = template_problems(text, kind, language, code)
    if problems:
        raise InvalidInput(problems)
    target = _own_path(kind, language, code)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(text.replace("\r\n", "\n").rstrip("\n") + "\n", encoding="utf-8")
    os.replace(temporary, target)
    return read_template(kind, language, code)


def restore_template(kind: str, language: str, code: str) -> TemplateText:
    """Remove the user's copy: the original bundled with Relance is used again."""
    _check(kind, language, code)
    reset_to_bundled(kind, language, code)
    return read_template(kind, language, code)


def preview_letter(
    settings: CompanySettings, code: str, language: str, text: str, as_of: date
) -> bytes:
    """The PDF of a sample letter written with `text` (InvalidInput when the text is wrong)."""
    template = parse_template(
        text, "letters", language, code, Path(display_name("letters", language, code))
    )
    letter, recipient = sample_letter(code, language, as_of, settings)
    return render_letter_bytes(letter, company_info(settings), recipient, template=template)


def preview_email(
    settings: CompanySettings, code: str, language: str, text: str, as_of: date
) -> tuple[str, str]:
    """(subject, body) of a sample email written with `text`."""
    template = parse_template(
        text, "emails", language, code, Path(display_name("emails", language, code))
    )
    letter, recipient = sample_letter(code, language, as_of, settings)
    return compose_email(letter, company_info(settings), recipient, template=template)


def _own_path(kind: str, language: str, code: str) -> Path:
    return user_root() / kind / language / f"{code}.txt"


def _check(kind: str, language: str, code: str) -> None:
    if (
        kind not in KINDS
        or language not in LANGUAGES
        or code not in template_codes(kind)
        or not (bundled_root() / kind / language / f"{code}.txt").is_file()
    ):
        raise InvalidInput(_("no template {name}").format(name=display_name(kind, language, code)))


class TemplateService:
    """What Settings ▸ Letter and email templates calls, built once in `app.bootstrap`."""

    def __init__(self, settings: Callable[[], CompanySettings]) -> None:
        self.settings = settings  # the company's details, shown on every preview

    codes = staticmethod(template_codes)
    placeholders = staticmethod(placeholder_names)
    conditions = staticmethod(condition_names)
    read = staticmethod(read_template)
    problems = staticmethod(template_problems)
    save = staticmethod(save_template)
    restore = staticmethod(restore_template)
    preview_letter = staticmethod(preview_letter)
    preview_email = staticmethod(preview_email)
