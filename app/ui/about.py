"""Help ▸ About: the version, the program's licence and those of the libraries it ships with."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app import __version__
from app.i18n import _

PROGRAM_LICENCE = "Proprietary"  # pyproject.toml [project] license
LIBRARIES = (  # distribution, licence (SPDX), what it does here
    ("PySide6-Essentials", "LGPL-3.0-only", "Qt for Python: the window"),
    ("SQLAlchemy", "MIT", "database access"),
    ("alembic", "MIT", "database upgrades"),
    ("psycopg", "LGPL-3.0-only", "PostgreSQL driver"),
    ("matplotlib", "PSF-based (Matplotlib licence)", "charts"),
    ("reportlab", "BSD-3-Clause", "PDF letters"),
    ("Babel", "BSD-3-Clause", "dates, numbers and translations"),
    ("platformdirs", "MIT", "the user's folders"),
    ("openpyxl", "MIT", "Excel files"),
    ("segno", "BSD-3-Clause", "payment QR codes"),
    ("icalendar", "BSD-2-Clause", "calendar export"),
    ("python-stdnum", "LGPL-2.1-or-later", "SIREN, SIRET, VAT checks"),
    ("schwifty", "MIT", "IBAN and BIC checks"),
    ("pypdfium2", "Apache-2.0 OR BSD-3-Clause", "PDF previews"),
    ("Pillow", "MIT-CMU", "pictures"),
)


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def licences_html() -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(installed_version(name))}</td>"
        f"<td>{escape(licence)}</td><td>{escape(role)}</td></tr>"
        for name, licence, role in LIBRARIES
    )
    head = "".join(
        f"<th align='left'>{escape(h)}</th>"
        for h in (_("Library"), _("Version"), _("Licence"), _("Used for"))
    )
    return f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(_("About Relance"))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        self.title = QLabel(
            "<h2>Relance {version}</h2><p>{what}</p><p>{licence}</p>".format(
                version=escape(__version__),
                what=escape(_("Receivables and reminders, offline.")),
                licence=escape(
                    _("Licence: {licence}. Built with these libraries:").format(
                        licence=PROGRAM_LICENCE
                    )
                ),
            )
        )
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.libraries = QTextBrowser()
        self.libraries.setObjectName("licences")
        self.libraries.setHtml(licences_html())
        layout.addWidget(self.libraries, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
