"""Named column mappings of the import wizard, kept as JSON in the user's configuration folder
(not in the dossier: the same export from the same software comes to every dossier)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.services.transfer.importers.aliases import normalize

log = logging.getLogger(__name__)
FILE_NAME = "import_presets.json"


@dataclass(frozen=True)
class Preset:
    name: str
    kind: str
    headers: tuple[str, ...]
    mapping: dict[str, str]  # header → column ('' ignores the header)

    def fits(self, kind: str, headers: list[str]) -> bool:
        """Made for a file of this kind with the same headers (case and accents aside)."""
        mine = {normalize(h) for h in self.headers if h.strip()}
        theirs = {normalize(h) for h in headers if h.strip()}
        return self.kind == kind and mine == theirs


class MappingPresets:
    def __init__(self, folder: Path) -> None:
        self._path = Path(folder) / FILE_NAME

    def all(self) -> list[Preset]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            log.warning("import presets unreadable, ignored: %s", error)
            return []
        presets = []
        for item in data.get("presets", []):
            try:
                presets.append(
                    Preset(
                        str(item["name"]),
                        str(item["kind"]),
                        tuple(str(h) for h in item["headers"]),
                        {str(k): str(v) for k, v in item["mapping"].items()},
                    )
                )
            except (KeyError, TypeError, AttributeError):
                log.warning("an import preset without its fields was ignored")
        return presets

    def for_file(self, kind: str, headers: list[str]) -> list[Preset]:
        """The presets made for files with these headers, the last saved first."""
        return [p for p in reversed(self.all()) if p.fits(kind, headers)]

    def save(self, preset: Preset) -> None:
        """Add it, or replace the preset of the same name and kind."""
        kept = [p for p in self.all() if (p.name, p.kind) != (preset.name, preset.kind)]
        kept.append(preset)
        data = {
            "presets": [
                {"name": p.name, "kind": p.kind, "headers": list(p.headers), "mapping": p.mapping}
                for p in kept
            ]
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(temporary, self._path)
