"""The import wizard (File ▸ Import…, or a file dropped on the window)."""
