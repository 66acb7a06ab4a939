#!/usr/bin/env bash
# Build the frozen Relance for the platform this runs on, from a clean clone, and check it.
#   bash packaging/build.sh            (Linux, macOS; Windows: Git Bash)
# Linux: dist/Relance/ + dist/relance-<version>-linux-<arch>.tar.gz (with relance.desktop)
# macOS: dist/Relance.app + dist/Relance-<version>.dmg   Windows: dist\Relance + Inno Setup installer
# Environment: PYTHON (default python3), MAX_MB (unpacked size limit on Linux, default 200),
#   NUMPY_BLAS (Linux: `none`, the default, builds numpy without OpenBLAS once per machine;
#   `keep` bundles PyPI's numpy as it is), BUILD_CACHE (where that numpy wheel is kept,
#   default ~/.cache/relance-build).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
PYTHON=${PYTHON:-python3}
MAX_MB=${MAX_MB:-200}
NUMPY_BLAS=${NUMPY_BLAS:-none}

case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=macos ;;
  MINGW*|MSYS*|CYGWIN*) platform=windows ;;
  *) echo "build.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac
version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
echo "== Relance $version for $platform"

# 0. Linux (Debian/Ubuntu, as root): the tools that slim ICU's data and compile numpy, the X11 libraries Qt's
#    xcb platform needs, so that the bundle carries them (a library absent here is left out).
if [ "$platform" = linux ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  need=()
  for pkg in icu-devtools binutils gcc g++ libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 \
    libxkbcommon-x11-0; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing build packages: ${need[*]}"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# 1. A build environment: the project's dependencies and PyInstaller (pip extra `packaging`).
#    --system-site-packages reuses what the machine already has; a bare machine gets it all.
venv=build/venv
if [ ! -d "$venv" ]; then
  "$PYTHON" -m venv --system-site-packages "$venv"
fi
if [ "$platform" = windows ]; then py="$venv/Scripts/python.exe"; else py="$venv/bin/python"; fi
"$py" -m pip install -q --disable-pip-version-check -e ".[packaging]"

# Linux: numpy without OpenBLAS. PyPI's numpy carries OpenBLAS (25 MB: its kernels for every
# CPU, and 3 MB of Fortran run time) for fast matrix products and linear algebra; Relance's
# charts need neither: built with -Dblas=none -Dlapack=none, numpy uses its own loops and its
# bundled LAPACK lite (matplotlib inverts 3x3 transforms), and with no per-CPU variants. The
# same numpy version as the one matplotlib was built against; compiled once per machine (pip
# builds it from PyPI's source, about 10 minutes on 2 cores), then taken from BUILD_CACHE.
if [ "$platform" = linux ] && [ "$NUMPY_BLAS" = none ]; then
  numpy_blas() { "$py" -c 'import numpy; print(numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"])'; }
  if [ "$(numpy_blas)" != none ]; then
    cache=${BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relance-build}
    numpy_version=$("$py" -c 'import numpy; print(numpy.__version__)')
    tag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
    mkdir -p "$cache"
    wheel=$(find "$cache" -name "numpy-$numpy_version-$tag-*.whl" | head -n 1)
    if [ -z "$wheel" ]; then
      echo "building numpy $numpy_version without OpenBLAS (once; kept in $cache)"
      "$py" -m pip wheel -q --disable-pip-version-check --no-deps --no-binary numpy \
        -w "$cache" "numpy==$numpy_version" -Csetup-args=-Dblas=none \
        -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true \
        -Csetup-args=-Dcpu-dispatch=none -Csetup-args=-Ddisable-svml=true
      wheel=$(find "$cache" -name "numpy-$numpy_version-$tag-*.whl" | head -n 1)
    fi
    "$py" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$wheel"
    [ "$(numpy_blas)" = none ] || { echo "build.sh: numpy still uses a BLAS" >&2; exit 1; }
  fi
  # matplotlib's transforms and a product, on the numpy the bundle gets
  "$py" -c 'import numpy as np; m = np.array([[2.0, 1, 0], [0, 1, 0], [0, 0, 1]])
assert np.allclose(np.linalg.inv(m) @ m, np.eye(3)), "numpy linear algebra is wrong"'
fi

# 2. Compiled catalogues (the bundle ships .mo files) and the icons (committed; redrawn if absent).
rm -rf build/catalogues
"$py" packaging/compile_catalogues.py build/catalogues
if [ ! -f resources/icons/relance.ico ] || [ ! -f resources/icons/relance.icns ]; then
  QT_QPA_PLATFORM=offscreen "$py" packaging/make_icons.py
fi

# 3. The one-folder app.
rm -rf dist/Relance dist/Relance.app
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/relance.spec

# Linux: ICU's data for the world's locales is a third of the bundle; keep Relance's languages.
if [ "$platform" = linux ]; then
  icu=$(find dist/Relance/_internal -name "libicudata.so.*" -type f | head -n 1)
  if [ -n "$icu" ] && command -v icupkg >/dev/null 2>&1 && command -v gcc >/dev/null 2>&1; then
    "$py" packaging/linux/slim_icu.py "$icu"
  else
    echo "build.sh: icupkg (icu-devtools) or gcc missing: ICU data left whole" >&2
  fi
fi

# Linux: debug symbols are most of the size of libpython and the extension modules. The
# libraries auditwheel vendored (*.libs/: Pillow's, psycopg's) are left alone: strip breaks them.
if [ "$platform" = linux ] && command -v strip >/dev/null 2>&1; then
  find dist/Relance/_internal -type f \( -name "*.so" -o -name "*.so.*" \) -not -path "*.libs/*" \
    -exec strip --strip-unneeded {} +
fi

case "$platform" in
  linux) exe=dist/Relance/Relance; internal=dist/Relance/_internal ;;
  macos) exe=dist/Relance.app/Contents/MacOS/Relance; internal=dist/Relance.app/Contents ;;
  windows) exe=dist/Relance/Relance.exe; internal=dist/Relance/_internal ;;
esac

# 4. What the app opens at run time must be in the bundle.
for needed in resources/fonts/DejaVuSans.ttf resources/templates/letters/fr/reminder_1.txt \
  resources/rates/fr_legal_interest_rate.csv resources/icons/relance-256.png \
  translations/fr/LC_MESSAGES/relance.mo translations/en/LC_MESSAGES/relance.mo \
  app/db/migrations/env.py PySide6/Qt/translations/qtbase_fr.qm babel/locale-data/fr.dat; do
  if ! find -L "$internal" -path "*/$needed" -print -quit 2>/dev/null | grep -q .; then
    echo "build.sh: $needed is missing from the bundle" >&2; exit 1
  fi
done
if [ "$platform" = linux ] && [ "$NUMPY_BLAS" = none ]; then
  if find "$internal" -iname "*openblas*" | grep -q .; then
    echo "build.sh: OpenBLAS is in the bundle (NUMPY_BLAS=none)" >&2; exit 1
  fi
fi

# 5. The frozen executable: every view offscreen, and the MAPI child entry point.
smoke_home=$(mktemp -d)
trap 'rm -rf "$smoke_home"' EXIT
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 300)  # a dialog left open must not hang the build
if ! QT_QPA_PLATFORM=offscreen RELANCE_HOME="$smoke_home" ${limit[@]+"${limit[@]}"} "$exe" --smoke-test; then
  echo "build.sh: the frozen app failed its smoke test; its log:" >&2
  tail -n 40 "$smoke_home/logs/relance.log" >&2 || true
  exit 1
fi
echo "smoke test: passed"
set +e
"$exe" --mapi-child >/dev/null 2>&1; bad_input=$?
if [ "$platform" != windows ]; then  # on Windows this would open the mail client
  "$exe" --mapi-child '{"to": [], "subject": "", "body": "", "attachments": []}' >/dev/null 2>&1
  no_mapi=$?
else
  no_mapi=90
fi
set -e
if [ "$bad_input" != 91 ] || [ "$no_mapi" != 90 ]; then
  echo "build.sh: --mapi-child answered $bad_input/$no_mapi (expected 91/90)" >&2; exit 1
fi
echo "MAPI child entry point: frozen"
# An e-invoice read by the frozen app: factur-x, lxml, the schemas and the currency table bundled.
probe="$smoke_home/probe"
mkdir -p "$probe"
"$py" -c "import sys; from pathlib import Path; sys.path.insert(0, '.')
from tests.services.transfer.facturx_samples import Party, cii, facturx_pdf
buyer = Party('Boulangerie Martin', '423456789', 'FR12423456789')
facturx_pdf(Path(sys.argv[1]), 'F-PROBE-1', cii('F-PROBE-1', buyer, '100.00'))" "$probe"
RELANCE_HOME="$smoke_home" "$exe" --database "$probe/probe.relance" init --company "Atelier Dupont SARL" >/dev/null
if ! RELANCE_HOME="$smoke_home" "$exe" --database "$probe/probe.relance" import facturx "$probe/F-PROBE-1.pdf" >/dev/null; then
  echo "build.sh: the frozen app could not read a Factur-X invoice" >&2; exit 1
fi
echo "Factur-X import: works frozen"
# The demo dossier: the window on it (every view, its charts drawn by matplotlib and numpy),
# and a day of letters (ReportLab, the fonts, the templates) printed by the frozen app.
demo="$probe/demo.relance"
RELANCE_HOME="$smoke_home" "$exe" --database "$demo" demo --as-of 2026-12-05 >/dev/null
if ! QT_QPA_PLATFORM=offscreen RELANCE_HOME="$smoke_home" ${limit[@]+"${limit[@]}"} "$exe" \
  --database "$demo" --smoke-test; then
  echo "build.sh: the frozen app failed on the demo dossier; its log:" >&2
  tail -n 40 "$smoke_home/logs/relance.log" >&2 || true
  exit 1
fi
charts=$(sed -n 's/.*smoke test: \([0-9]*\) charts drawn.*/\1/p' "$smoke_home/logs/relance.log" | tail -n 1)
if [ "${charts:-0}" -lt 3 ]; then  # the dashboard's two and the aging's
  echo "build.sh: ${charts:-0} charts drawn in the window on the demo dossier, 3 expected" >&2; exit 1
fi
echo "window on the demo dossier: every view, $charts charts drawn"
if ! RELANCE_HOME="$smoke_home" "$exe" --database "$demo" letters --as-of 2026-12-05 \
  --out "$probe/letters" >/dev/null 2>"$probe/letters.txt"; then
  cat "$probe/letters.txt" >&2; echo "build.sh: the frozen app could not print letters" >&2; exit 1
fi
letters=$(find "$probe/letters" -name "*_letters_to_print.pdf" -size +10k | head -n 1)
if [ -z "$letters" ] || [ "$(head -c 5 "$letters")" != "%PDF-" ]; then
  echo "build.sh: the frozen app printed no letters for the demo dossier" >&2; exit 1
fi
echo "letters: $(find "$probe/letters" -name "*.pdf" | wc -l) PDF files printed"
if [ "$platform" != windows ]; then  # a windowed .exe has no standard output to read
  said=$("$exe" --version)
  [ "$said" = "Relance $version" ] || { echo "build.sh: the frozen app says '$said'" >&2; exit 1; }
  echo "version: $said"
fi

# 6. What a user downloads.
case "$platform" in
  linux)
    arch=$(uname -m)
    sed "s/@VERSION@/$version/" packaging/linux/relance.desktop > dist/Relance/relance.desktop
    cp packaging/linux/relance-mime.xml packaging/linux/install.sh dist/Relance/
    chmod +x dist/Relance/install.sh
    archive="dist/relance-$version-linux-$arch.tar.gz"
    tar -C dist -czf "$archive" Relance
    unpacked=$(du -sb dist/Relance | cut -f1)
    packed=$(stat -c %s "$archive")
    echo "unpacked: $((unpacked / 1000000)) MB ($unpacked bytes) in dist/Relance"
    echo "archive:  $((packed / 1000000)) MB ($packed bytes) in $archive"
    if [ "$unpacked" -gt $((MAX_MB * 1000000)) ]; then
      echo "build.sh: the bundle is over $MAX_MB MB" >&2; exit 1
    fi
    ;;
  macos)
    bash packaging/macos/make_dmg.sh dist/Relance.app "dist/Relance-$version.dmg"
    du -sh dist/Relance.app "dist/Relance-$version.dmg"
    ;;
  windows)
    iscc=${ISCC:-iscc}
    if command -v "$iscc" >/dev/null 2>&1; then
      numeric=$("$py" -c 'import sys; sys.path.insert(0, "packaging"); import bundle; print(".".join(map(str, bundle.version_tuple(bundle.project_version()))))')
      "$iscc" //Q "//DAppVersion=$version" "//DAppNumericVersion=$numeric" packaging/windows/relance.iss
      ls -l dist/*.exe
    else
      echo "Inno Setup (iscc) not on PATH: dist/Relance built, installer not made" >&2
    fi
    du -sh dist/Relance
    ;;
esac
echo "built in $(( $(date +%s) - started )) s"
