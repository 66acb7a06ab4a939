"""CSV import of clients, invoices and payments (docs/commands.md): all rows or none."""

from app.services.transfer.importers.service import ImportResult, ImportService

__all__ = ["ImportResult", "ImportService"]
