#!/usr/bin/env sh
# Add Relance to this user's menu and open .relance dossiers with it (no root needed).
# Run from the unpacked folder: ./install.sh    Undo: ./install.sh --remove
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/relance.desktop" "$data/mime/packages/relance.xml"
  for size in 16 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x$size/apps/relance.png"
  done
else
  mkdir -p "$data/applications" "$data/mime/packages"
  sed "s|^Exec=Relance|Exec=\"$here/Relance\"|" "$here/relance.desktop" > "$data/applications/relance.desktop"
  cp "$here/relance-mime.xml" "$data/mime/packages/relance.xml"
  for size in 16 32 48 64 128 256 512; do
    mkdir -p "$data/icons/hicolor/${size}x$size/apps"
    cp "$here/_internal/resources/icons/relance-$size.png" "$data/icons/hicolor/${size}x$size/apps/relance.png"
  done
fi
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "done"
