"""Each way of opening a draft, through fake programs on PATH that record their arguments."""

from __future__ import annotations

import ctypes
import json
import sys
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from app.adapters.mail import (
    Environment,
    LaunchFailed,
    MailDraft,
    launcher_chain,
    mapi,
    mapi_child,
    open_draft,
    windows,
)
from app.adapters.mail.linux import thunderbird_compose_argument
from app.adapters.mail.macos import MAIL_APP_SCRIPT, OUTLOOK_SCRIPT
from app.adapters.mail.mailto import mailto_url
from app.domain.errors import InvalidInput

BODY = "Bonjour,\n\nMerci de régler l'avoir, puis le solde : 1\u202f200,00\xa0€.\n"


class Fakes:
    """Programs in a private PATH; each appends its argv (as JSON) to a log."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bin = folder / "bin"
        self.bin.mkdir()
        self.log = folder / "calls.jsonl"
        monkeypatch.setenv("PATH", str(self.bin))

    def add(self, name: str, exit_code: int = 0, sleep: float = 0.0) -> Path:
        program = self.bin / name
        program.write_text(
            f"#!{sys.executable}\nimport json, sys, time\n"
            f"with open({str(self.log)!r}, 'a', encoding='utf-8') as log:\n"
            "    log.write(json.dumps(sys.argv, ensure_ascii=False) + '\\n')\n"
            f"time.sleep({sleep})\nsys.exit({exit_code})\n",
            encoding="utf-8",
        )
        program.chmod(0o755)
        return program

    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    return Fakes(tmp_path, monkeypatch)


@pytest.fixture
def draft(tmp_path: Path) -> MailDraft:
    folder = tmp_path / "docs, l'été"
    folder.mkdir()
    pdf = folder / "Relance C001.pdf"
    pdf.write_bytes(b"%PDF-1.4 letter")
    return MailDraft(
        ("compta@martin.example",), "Relance — facture F2026-0042", BODY, (pdf,), language="fr"
    )


def _env(platform: str, **changes: object) -> Environment:
    return Environment(platform=platform, **changes)  # type: ignore[arg-type]


def thunderbird_get_args(data: str) -> dict[str, str]:
    """Thunderbird's own reading of a -compose list (GetArgs in MsgComposeCommands.js)."""
    separator, quote_char, out, previous = "\x01", "", [], ""
    for index, char in enumerate(data):
        following = data[index + 1] if index + 1 < len(data) else ""
        if char == quote_char and following in (",", ""):
            quote_char = ""
            out.append(char)
        elif char in "'\"" and previous == "=":
            quote_char = quote_char or char
            out.append(char)
        elif char == ",":
            out.append(char if quote_char else separator)
        else:
            out.append(char)
        previous = char
    args = {}
    for pair in "".join(out).split(separator):
        name, _eq, value = pair.partition("=")
        if value.startswith("'") and value.endswith("'"):
            args[name] = value[1:-1]
        else:
            args[name] = unquote(value)
    return args


def test_thunderbird_compose_with_exact_arguments(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    program = fakes.add("thunderbird")
    result = open_draft(draft, tmp_path, environment=_env("linux"))
    assert result.method == "thunderbird"
    [call] = fakes.calls()
    url = draft.attachments[0].resolve().as_uri()
    assert "%2C" in url
    assert "%27" in url
    assert call == [
        str(program),
        "-compose",
        "to='compta@martin.example',subject='Relance — facture F2026-0042',"
        f"body='{BODY}',attachment='{url}'",
    ]
    parsed = thunderbird_get_args(call[2])
    assert parsed["body"] == BODY
    assert parsed["subject"] == draft.subject
    assert Path(unquote(urlparse(parsed["attachment"]).path)) == draft.attachments[0].resolve()


def test_thunderbird_values_holding_quote_comma_are_percent_encoded(draft: MailDraft) -> None:
    tricky = MailDraft(draft.to, "Relance 'F1', 'F2'", "l'été, 'AV-3', fin", draft.attachments)
    assert thunderbird_compose_argument(tricky).split(",attachment=")[0] == (
        "to='compta@martin.example',subject=Relance%20%27F1%27%2C%20%27F2%27,"
        "body=l%27%C3%A9t%C3%A9%2C%20%27AV-3%27%2C%20fin"
    )


def test_thunderbird_reads_back_every_tricky_value(draft: MailDraft) -> None:
    for text in ("a', b", "ends with a quote'", "x='y'", "\"double\", 'single'", "plain"):
        tricky = MailDraft(draft.to, text, text + "\n" + text, draft.attachments)
        parsed = thunderbird_get_args(thunderbird_compose_argument(tricky))
        assert parsed["subject"] == text
        assert parsed["body"] == text + "\n" + text


def test_xdg_email_when_thunderbird_is_missing(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    program = fakes.add("xdg-email")
    result = open_draft(draft, tmp_path, environment=_env("linux"))
    assert result.method == "xdg_email"
    assert fakes.calls() == [
        [
            str(program),
            "--utf8",
            "--subject",
            draft.subject,
            "--body",
            BODY,
            "--attach",
            str(draft.attachments[0].resolve()),
            "compta@martin.example",
        ]
    ]


def test_a_failing_client_hands_over_to_the_next(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    fakes.add("thunderbird", exit_code=1)
    fakes.add("xdg-email")
    assert open_draft(draft, tmp_path, environment=_env("linux")).method == "xdg_email"
    assert [Path(c[0]).name for c in fakes.calls()] == ["thunderbird", "xdg-email"]


@pytest.mark.parametrize(
    ("setting", "script"), [("mail_app", MAIL_APP_SCRIPT), ("outlook_mac", OUTLOOK_SCRIPT)]
)
def test_macos_scripts_get_the_values_as_arguments(
    fakes: Fakes, draft: MailDraft, tmp_path: Path, setting: str, script: str
) -> None:
    osascript = fakes.add("osascript")
    scripts = tmp_path / "scripts"
    result = open_draft(draft, tmp_path, setting, _env("darwin", script_dir=scripts))
    assert result.method == setting
    script_path = scripts / f"{setting}.applescript"
    assert script_path.read_text(encoding="utf-8") == script
    assert "Relance" not in script
    assert "item 1 of argv" in script
    assert fakes.calls() == [
        [
            str(osascript),
            str(script_path),
            draft.subject,
            BODY,
            "1",
            "compta@martin.example",
            str(draft.attachments[0].resolve()),
        ]
    ]


def test_macos_falls_back_to_an_eml_opened_with_open(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    fakes.add("osascript", exit_code=1)
    opener = fakes.add("open")
    result = open_draft(
        draft, tmp_path / "out", environment=_env("darwin", script_dir=tmp_path / "s")
    )
    assert result.method == "eml"
    assert result.eml_path == tmp_path / "out" / "Relance C001.eml"
    assert fakes.calls()[-1] == [str(opener), str(result.eml_path)]
    parsed = message_from_bytes(result.eml_path.read_bytes(), policy=default)
    assert parsed["X-Unsent"] == "1"
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["Relance C001.pdf"]


def test_windows_mapi_child_gets_the_message_as_json(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    python = fakes.add("python")
    result = open_draft(draft, tmp_path, environment=_env("win32", python=str(python)))
    assert result.method == "mapi"
    [call] = fakes.calls()
    assert call[:4] == [str(python), "-m", "app.adapters.mail.mapi_child", call[3]]
    assert json.loads(call[3]) == {
        "to": ["compta@martin.example"],
        "cc": [],
        "subject": draft.subject,
        "body": BODY,
        "attachments": [str(draft.attachments[0].resolve())],
    }


@pytest.mark.parametrize(("code", "method"), [(1, "mapi"), (2, "eml"), (26, "eml")])
def test_windows_falls_back_to_eml_when_mapi_fails(
    fakes: Fakes, draft: MailDraft, tmp_path: Path, code: int, method: str
) -> None:
    python = fakes.add("python", exit_code=code)
    opened: list[str] = []
    env = _env("win32", python=str(python), startfile=opened.append)
    result = open_draft(draft, tmp_path, environment=env)
    assert result.method == method  # 1: the user closed the compose window, nothing to redo
    assert opened == ([] if method == "mapi" else [str(tmp_path / "Relance C001.eml")])


def test_a_mapi_client_still_open_is_a_success(
    fakes: Fakes, draft: MailDraft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(windows, "MAPI_GRACE", 0.3)
    python = fakes.add("python", sleep=3)
    opened: list[str] = []
    env = _env("win32", python=str(python), startfile=opened.append)
    assert open_draft(draft, tmp_path, environment=env).method == "mapi"
    assert opened == []


def test_mapi_call_gets_exact_structures(draft: MailDraft) -> None:
    seen: dict[str, object] = {}

    def fake_send_mail(
        session: int, ui_param: int, message: object, flags: int, reserved: int
    ) -> int:
        msg = message.contents  # type: ignore[attr-defined]
        seen.update(
            session=session,
            ui_param=ui_param,
            flags=flags,
            reserved=reserved,
            subject=msg.lpszSubject,
            body=msg.lpszNoteText,
            recipients=msg.nRecipCount,
            files=msg.nFileCount,
        )
        recipient = msg.lpRecips[0]
        seen["recipient"] = (recipient.ulRecipClass, recipient.lpszName, recipient.lpszAddress)
        attachment = msg.lpFiles[0]
        seen["file"] = (attachment.lpszPathName, attachment.lpszFileName, attachment.nPosition)
        return mapi.SUCCESS_SUCCESS

    payload = windows.mapi_payload(draft)
    assert mapi.send_with_mapi(payload, fake_send_mail) == 0
    assert seen == {
        "session": 0,
        "ui_param": 0,
        "flags": mapi.MAPI_LOGON_UI | mapi.MAPI_DIALOG,
        "reserved": 0,
        "subject": draft.subject,
        "body": BODY.replace("\n", "\r\n"),
        "recipients": 1,
        "files": 1,
        "recipient": (mapi.MAPI_TO, "compta@martin.example", "SMTP:compta@martin.example"),
        "file": (str(draft.attachments[0].resolve()), "Relance C001.pdf", 0xFFFFFFFF),
    }
    assert ctypes.sizeof(mapi.MapiMessageW) > 0


def test_mapi_child_exit_codes(tmp_path: Path) -> None:
    payload = tmp_path / "message.json"
    payload.write_text(
        json.dumps({"to": ["a@example.com"], "subject": "s", "body": "b"}), encoding="utf-8"
    )
    assert mapi_child.main(["{not json"]) == mapi_child.BAD_INPUT
    assert mapi_child.main([]) == mapi_child.BAD_INPUT
    if sys.platform != "win32":
        assert mapi_child.main([f"@{payload}"]) == mapi_child.NOT_AVAILABLE


def test_mailto_last_resort_opens_the_folder_and_explains(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    opener = fakes.add("xdg-open")
    long = MailDraft(
        draft.to,
        draft.subject,
        "Ligne d'explication détaillée.\n" * 200,
        draft.attachments,
        language="fr",
    )
    result = open_draft(long, tmp_path, environment=_env("linux"))
    assert result.method == "mailto"
    (url_call, folder_call) = fakes.calls()
    assert url_call[0] == str(opener)
    assert folder_call == [str(opener), str(draft.attachments[0].parent)]
    url = url_call[1]
    assert url.startswith("mailto:compta@martin.example?subject=")
    assert len(url) <= 2000
    body = unquote(url.split("&body=", 1)[1])
    assert body.startswith("Ligne d'explication détaillée.\r\n")
    assert body.endswith(
        "\r\n[…]\r\n(Message abrégé : le texte complet figure dans le fichier PDF à joindre.)"
    )  # the draft's language, not the window's
    assert "Relance C001.pdf" in result.explanation
    assert result.opened_folder == draft.attachments[0].parent


def test_short_mailto_is_kept_whole(draft: MailDraft) -> None:
    url = mailto_url(draft)
    assert unquote(url.split("&body=", 1)[1]) == BODY.replace("\n", "\r\n")
    assert unquote(url.split("subject=", 1)[1].split("&", 1)[0]) == draft.subject


def test_chains_and_settings() -> None:
    assert launcher_chain("auto", _env("win32")) == ["mapi", "eml", "mailto"]
    assert launcher_chain("auto", _env("darwin")) == ["mail_app", "eml", "mailto"]
    assert launcher_chain("auto", _env("linux")) == ["thunderbird", "xdg_email", "mailto"]
    assert launcher_chain("outlook_mac", _env("darwin")) == [
        "outlook_mac",
        "mail_app",
        "eml",
        "mailto",
    ]
    assert launcher_chain("mailto", _env("win32")) == ["mailto", "mapi", "eml"]
    with pytest.raises(InvalidInput):
        launcher_chain("smtp", _env("linux"))


def test_nothing_works_is_an_error_not_a_silent_send(
    fakes: Fakes, draft: MailDraft, tmp_path: Path
) -> None:
    with pytest.raises(LaunchFailed):
        open_draft(draft, tmp_path, environment=_env("linux"))
    assert fakes.calls() == []


def test_frozen_executable_routes_mapi_child_before_any_command(tmp_path: Path) -> None:
    """An installed build runs itself with `--mapi-child <json>`: no parser, no dossier."""
    from app.main import main

    assert main(["--mapi-child", "{not json"]) == mapi_child.BAD_INPUT
    if sys.platform != "win32":
        payload = tmp_path / "message.json"
        payload.write_text(
            json.dumps({"to": ["a@example.com"], "subject": "s", "body": "b"}), encoding="utf-8"
        )
        assert main(["--mapi-child", f"@{payload}"]) == mapi_child.NOT_AVAILABLE
