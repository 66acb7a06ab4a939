"""Relance: offline receivables manager."""

__version__ = "0.1.0"
