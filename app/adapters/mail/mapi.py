"""Simple MAPI (MAPISendMailW) through ctypes: the compose window of classic Outlook,
Thunderbird and other MAPI clients on Windows, with the PDF attached.

Always called with MAPI_DIALOG so the client shows the message for the user to send, and
always in a child process (mapi_child.py): a client that hangs cannot freeze Relance.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAPI_LOGON_UI = 0x00000001
MAPI_DIALOG = 0x00000008
MAPI_TO = 1
MAPI_CC = 2
SUCCESS_SUCCESS = 0
MAPI_USER_ABORT = 1
NO_POSITION = 0xFFFFFFFF  # attachments are not placed inside the text


class MapiRecipDescW(ctypes.Structure):
    _fields_ = [
        ("ulReserved", ctypes.c_ulong),
        ("ulRecipClass", ctypes.c_ulong),
        ("lpszName", ctypes.c_wchar_p),
        ("lpszAddress", ctypes.c_wchar_p),
        ("ulEIDSize", ctypes.c_ulong),
        ("lpEntryID", ctypes.c_void_p),
    ]


class MapiFileDescW(ctypes.Structure):
    _fields_ = [
        ("ulReserved", ctypes.c_ulong),
        ("flFlags", ctypes.c_ulong),
        ("nPosition", ctypes.c_ulong),
        ("lpszPathName", ctypes.c_wchar_p),
        ("lpszFileName", ctypes.c_wchar_p),
        ("lpFileType", ctypes.c_void_p),
    ]


class MapiMessageW(ctypes.Structure):
    _fields_ = [
        ("ulReserved", ctypes.c_ulong),
        ("lpszSubject", ctypes.c_wchar_p),
        ("lpszNoteText", ctypes.c_wchar_p),
        ("lpszMessageType", ctypes.c_wchar_p),
        ("lpszDateReceived", ctypes.c_wchar_p),
        ("lpszConversationID", ctypes.c_wchar_p),
        ("flFlags", ctypes.c_ulong),
        ("lpOriginator", ctypes.POINTER(MapiRecipDescW)),
        ("nRecipCount", ctypes.c_ulong),
        ("lpRecips", ctypes.POINTER(MapiRecipDescW)),
        ("nFileCount", ctypes.c_ulong),
        ("lpFiles", ctypes.POINTER(MapiFileDescW)),
    ]


# MAPISendMailW(LHANDLE session, ULONG_PTR ui_param, lpMapiMessageW message, FLAGS, ULONG reserved)
SendMail = Callable[[int, int, Any, int, int], int]


def send_with_mapi(payload: dict[str, Any], send_mail: SendMail | None = None) -> int:
    """Open the compose window; returns the MAPI code (0 shown and sent, 1 user cancelled)."""
    to = [str(a) for a in payload.get("to", [])]
    cc = [str(a) for a in payload.get("cc", [])]
    files = [Path(p) for p in payload.get("attachments", [])]
    recipients = (MapiRecipDescW * max(1, len(to) + len(cc)))()
    for index, (kind, address) in enumerate(
        [(MAPI_TO, a) for a in to] + [(MAPI_CC, a) for a in cc]
    ):
        recipients[index].ulRecipClass = kind
        recipients[index].lpszName = address
        recipients[index].lpszAddress = f"SMTP:{address}"
    attachments = (MapiFileDescW * max(1, len(files)))()
    for index, path in enumerate(files):
        attachments[index].nPosition = NO_POSITION
        attachments[index].lpszPathName = str(path)
        attachments[index].lpszFileName = path.name
    message = MapiMessageW()
    message.lpszSubject = str(payload.get("subject", ""))
    message.lpszNoteText = str(payload.get("body", "")).replace("\r\n", "\n").replace("\n", "\r\n")
    message.nRecipCount = len(to) + len(cc)
    message.lpRecips = ctypes.cast(recipients, ctypes.POINTER(MapiRecipDescW))
    message.nFileCount = len(files)
    message.lpFiles = ctypes.cast(attachments, ctypes.POINTER(MapiFileDescW)) if files else None
    function = send_mail or _mapi_send_mail()
    return int(function(0, 0, ctypes.pointer(message), MAPI_LOGON_UI | MAPI_DIALOG, 0))


def _mapi_send_mail() -> SendMail:
    """MAPISendMailW of the system's MAPI stub (mapi32.dll routes it to the default client)."""
    library = getattr(ctypes, "WinDLL")("mapi32.dll")  # noqa: B009 - Windows only
    function = library.MAPISendMailW
    function.argtypes = [
        ctypes.c_size_t,
        ctypes.c_size_t,
        ctypes.POINTER(MapiMessageW),
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]
    function.restype = ctypes.c_ulong
    return function  # type: ignore[no-any-return]
