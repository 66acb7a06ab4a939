"""The File menu's own work: exports of the lists, restore, automatic backups, recent dossiers."""
