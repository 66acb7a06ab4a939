#!/usr/bin/env bash
# Wrap Relance.app in a compressed disk image with an Applications shortcut (drag to install).
#   bash packaging/macos/make_dmg.sh dist/Relance.app dist/Relance-0.1.0.dmg
# Uses only hdiutil (part of macOS). Sign the .app before, and the .dmg after: SIGNING.md.
set -euo pipefail
app=${1:?usage: make_dmg.sh path/to/Relance.app out.dmg}
dmg=${2:?usage: make_dmg.sh path/to/Relance.app out.dmg}
volume=${VOLUME_NAME:-Relance}
[ -d "$app/Contents/MacOS" ] || { echo "make_dmg.sh: $app is not an application bundle" >&2; exit 2; }
command -v hdiutil >/dev/null || { echo "make_dmg.sh: hdiutil is macOS only" >&2; exit 2; }

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$(basename "$app")"      # ditto keeps signatures, xattrs and symlinks
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "$volume" -srcfolder "$staging" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "wrote $dmg"
