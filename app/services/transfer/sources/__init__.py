"""Imports from the other tools' own formats: the FEC of the accounting software and
Factur-X / CII e-invoices (docs/commands.md `import fec`, `import facturx`)."""
