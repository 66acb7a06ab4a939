"""The window's views: key, title, icon and a factory; features add their own entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStyle, QWidget

from app.i18n import N_

if TYPE_CHECKING:
    from app.bootstrap import Services
    from app.ui.context import ViewContext


@dataclass(frozen=True)
class ViewEntry:
    key: str
    title: str  # marked with N_, translated when shown
    icon: QStyle.StandardPixmap
    factory: Callable[[Services, ViewContext], QWidget]


def _dashboard(services: Services, context: ViewContext) -> QWidget:
    from app.ui.features.dashboard.view import DashboardView

    return DashboardView(services, context)


def _clients(services: Services, context: ViewContext) -> QWidget:
    from app.ui.features.clients.view import ClientsView

    return ClientsView(services, context)


def _invoices(services: Services, context: ViewContext) -> QWidget:
    from app.ui.features.invoices.view import InvoicesView

    return InvoicesView(services, context)


def _aging(services: Services, context: ViewContext) -> QWidget:
    from app.ui.features.aging.view import AgingView

    return AgingView(services, context)


def _reminders(services: Services, context: ViewContext) -> QWidget:
    from app.ui.features.reminders.view import RemindersView

    return RemindersView(services, context)


VIEWS: list[ViewEntry] = [
    ViewEntry("dashboard", N_("Dashboard"), QStyle.StandardPixmap.SP_DesktopIcon, _dashboard),
    ViewEntry("clients", N_("Clients"), QStyle.StandardPixmap.SP_DirHomeIcon, _clients),
    ViewEntry("invoices", N_("Invoices"), QStyle.StandardPixmap.SP_FileIcon, _invoices),
    ViewEntry("aging", N_("Aging"), QStyle.StandardPixmap.SP_FileDialogDetailedView, _aging),
    ViewEntry("reminders", N_("Reminders"), QStyle.StandardPixmap.SP_MessageBoxWarning, _reminders),
]
