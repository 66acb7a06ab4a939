"""Passages of a template kept only when true of the letter: `[if name]…[end]`,
`[if name]…[else]…[end]` and `[if not name]…[end]`, inline or over lines and paragraphs, nested.

A letter never tells what did not happen: sentences about past reminders, attachments or
lateness sit in such passages and the letter's facts decide (compose.conditions_of).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _

# [if name] conditions: what each one tests on the letter (the help lists them too).
CONDITIONS: dict[str, str] = {
    "reminders_sent": "at least one reminder (letter, email, registered letter) was sent",
    "several_reminders": "two reminders or more were sent",
    "late": "at least one invoice is past its due date",
    "all_late": "every invoice is past its due date",
    "several_late": "more than one invoice is past its due date",
    "not_due": "at least one invoice is not yet due",
    "attachments": "the email carries attached files",
    "posted": "the email goes with a letter sent by post",
    "consumer": "the client is a consumer",
    "business": "the client is a business",
    "fr": "the creditor is in France",
    "be": "the creditor is in Belgium",
    "free_first_reminder": "the Belgian consumer's free first reminder (CDE XIX.2)",
    "damages_clause": "our terms provide late interest and damages for consumers (XIX.4)",
    "claim": "the letter claims interest or an indemnity",
    "claim_indemnity": "the claim includes a fixed indemnity or damages",
    "registered_mail": "the letter goes by registered mail",
    "bank_details": "our bank details are printed (an IBAN is set and something is to pay)",
}

TAG = re.compile(r"\[(?:if(?P<neg> not)? (?P<name>[a-z_]+)|(?P<word>else|end))\]")
_DROPPED = "\x00"  # where a passage or a tag was, until its emptied lines are removed


def check_conditions(text: str, path: Path, first_line: int = 1) -> None:
    """Every [if name] names a known condition and is closed by one [end], with one [else] at
    most; a wrong one is reported with its line."""
    stack: list[list[object]] = []  # [name, line, has an else]
    for match in TAG.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        word = match.group("word")
        if word is None:
            name = match.group("name")
            if name not in CONDITIONS:
                raise InvalidInput(
                    Problem(
                        _("unknown condition {condition}; known: {known}").format(
                            condition=f"[if {name}]", known=", ".join(CONDITIONS)
                        ),
                        str(path),
                        line,
                    )
                )
            stack.append([name, line, False])
        elif not stack:
            raise InvalidInput(
                Problem(
                    _("{tag} without an [if …] before it").format(tag=f"[{word}]"), str(path), line
                )
            )
        elif word == "else":
            if stack[-1][2]:
                raise InvalidInput(
                    Problem(_("a second [else] for the same [if …]"), str(path), line)
                )
            stack[-1][2] = True
        else:
            stack.pop()
    if stack:
        raise InvalidInput(
            Problem(
                _("{tag} is not closed by [end]").format(tag=f"[if {stack[-1][0]}]"),
                str(path),
                int(stack[-1][1]),  # type: ignore[call-overload]
            )
        )


def resolve_conditions(text: str, truth: Mapping[str, bool]) -> str:
    """The text with each [if …] passage kept or dropped; a line left empty by a dropped passage
    or a tag is removed, so that no stray blank line or double space remains."""
    if "[" not in text:
        return text
    out: list[str] = []
    keep = True
    stack: list[tuple[bool, bool]] = []  # (kept outside, condition value)
    position = 0
    for match in TAG.finditer(text):
        if keep:
            out.append(text[position : match.start()])
        out.append(_DROPPED)
        word = match.group("word")
        if word is None:
            value = bool(truth.get(match.group("name"), False)) != bool(match.group("neg"))
            stack.append((keep, value))
            keep = keep and value
        elif stack and word == "else":
            keep = stack[-1][0] and not stack[-1][1]
        elif stack:
            keep = stack.pop()[0]
        position = match.end()
    if keep:
        out.append(text[position:])
    kept = []
    for line in "".join(out).split("\n"):
        if _DROPPED in line:
            line = re.sub(r"[ \t]{2,}", " ", line.replace(_DROPPED, "")).rstrip()
            line = re.sub(r" +([.,])", r"\1", line)
            if not line.strip():
                continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
