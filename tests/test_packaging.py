"""The installers' inputs, checked here: the bundle's data list against what the code opens,
the trimming rules on each platform's file names, the version's one source, the Windows and
macOS metadata. The frozen build itself is a release command (packaging/build.sh), not CI."""

from __future__ import annotations

import ast
import importlib.util
import plistlib
import re
import tomllib
from pathlib import Path

import pytest

import app
from app import main as app_main
from app.adapters.mail import mapi_child

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "relance.spec"


def _bundle():
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "packaging" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _bundle()


def spec_datas() -> list[tuple[str, str]]:
    """The DATAS list of relance.spec, read without running PyInstaller."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
            "DATAS"
        ]:
            return [tuple(pair) for pair in ast.literal_eval(node.value)]
    raise AssertionError("relance.spec has no DATAS list")


def opened_resource_folders(source: Path = ROOT / "app") -> set[str]:
    """Folders the code opens under resources/: `resources_dir() / "fonts"` and the like."""
    found = set()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"resources_dir\(\)\s*/\s*[\"']([^\"']+)[\"']", text))
    return found


def missing_from(datas: list[tuple[str, str]], resources: Path, code: Path) -> list[str]:
    """Every resource folder (on disk or opened by the code) that the bundle would lack."""
    bundled = {dest for _, dest in datas}
    folders = {p.name for p in resources.iterdir() if p.is_dir()} | opened_resource_folders(code)
    return sorted(f"resources/{name}" for name in folders if f"resources/{name}" not in bundled)


def test_the_code_opens_the_resource_folders_we_expect() -> None:
    # The scan must find what it is for: were it to find nothing, the next test would be empty.
    assert {"fonts", "rates", "templates", "icons"} <= opened_resource_folders()


def test_every_resource_folder_is_in_the_bundle() -> None:
    assert missing_from(spec_datas(), ROOT / "resources", ROOT / "app") == []
    for source, dest in spec_datas():
        if source.startswith("resources/"):
            assert source == dest
            assert (ROOT / source).is_dir(), source


def test_a_new_resource_folder_not_listed_is_reported(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    for name in ("fonts", "rates", "templates", "icons", "stamps"):
        (resources / name).mkdir(parents=True)
    code = tmp_path / "app"
    code.mkdir()
    (code / "seals.py").write_text('folder = resources_dir() / "seals"\n', encoding="utf-8")
    assert missing_from(spec_datas(), resources, code) == ["resources/seals", "resources/stamps"]


def test_migrations_catalogues_and_their_sources_are_bundled() -> None:
    datas = {dest: source for source, dest in spec_datas()}
    migrate = (ROOT / "app" / "db" / "migrate.py").read_text(encoding="utf-8")
    assert 'parent / "migrations"' in migrate  # app/db/migrate.py finds them beside itself
    assert datas["app/db/migrations"] == "app/db/migrations"
    assert datas["translations"] == "build/catalogues"  # app.paths.translations_dir()
    script = (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")
    assert "compile_catalogues.py build/catalogues" in script
    assert "qtbase_fr.qm" in script  # Qt's own dialogs in French, checked in the built bundle
    assert "qtbase_fr" in bundle.QT_TRANSLATIONS


def test_compiled_catalogues_are_what_the_frozen_app_reads(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location(
        "compile_catalogues", ROOT / "packaging" / "compile_catalogues.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.compile_all(ROOT / "translations", tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} >= {
        "fr/LC_MESSAGES/relance.mo",
        "en/LC_MESSAGES/relance.mo",
    }
    from app import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)  # only .mo, as when frozen
    i18n.translator.cache_clear()
    try:
        assert i18n.translator("fr").gettext("New dossier") != "New dossier"
    finally:
        i18n.translator.cache_clear()


def test_mapi_child_is_frozen_and_routed() -> None:
    assert "app.adapters.mail.mapi_child" in bundle.HIDDEN_IMPORTS
    assert app_main.main(["--mapi-child"]) == mapi_child.BAD_INPUT


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # Linux (PyInstaller 6 layout under _internal/)
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/QtWidgets.abi3.so", True),
        ("PySide6/QtNetwork.abi3.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqminimalegl.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_fr.qm", False),
        # Windows
        ("PySide6\\Qt6Widgets.dll", True),
        ("PySide6\\Qt6Quick.dll", False),
        ("PySide6\\QtGui.pyd", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\translations\\qtbase_fr.qm", True),
        # macOS
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        # everything else
        ("babel/locale-data/fr_BE.dat", True),
        ("babel/locale-data/en_001.dat", True),
        ("babel/locale-data/nl.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/ja.dat", False),
        ("babel/global.dat", True),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
        ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", False),
        ("matplotlib/mpl-data/fonts/afm/pagko8a.afm", False),
        ("matplotlib/mpl-data/sample_data/goog.npz", False),
        ("matplotlib/mpl-data/matplotlibrc", True),
        ("numpy/_core/tests/data/x.npy", False),
        ("dateutil/zoneinfo/dateutil-zoneinfo.tar.gz", False),
        ("tzdata/zoneinfo/Europe/Paris", True),
        ("setuptools/_vendor/x.txt", False),
        ("pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo", False),
        ("stdnum/oui.dat", False),
        ("stdnum/iban.dat", True),
        ("stdnum/be/banks.dat", True),
        ("schwifty/bank_registry/generated_fr.json", True),
        ("schwifty/bank_registry/generated_ua.json", False),
        ("schwifty/iban_registry/generated.json", True),
        ("pycountry/databases/iso3166-1.json", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("resources/fonts/DejaVuSans.ttf", True),
        ("translations/fr/LC_MESSAGES/relance.mo", True),
    ],
)
def test_trimming_keeps_what_the_app_loads(dest: str, kept: bool) -> None:
    assert bundle.keep(dest) is kept


LINKS = {  # what each fake binary links, as `ldd` would say
    "site/QtGui.so": ["libQt6Gui.so.6", "libfontconfig.so.1"],
    "site/libqgtk3.so": ["libgtk-3.so.0"],
    "sys/libgtk-3.so.0": ["libcairo.so.2"],
    "sys/libfontconfig.so.1": ["libexpat.so.1"],
    "sys/libpython3.11.so.1.0": ["libz.so.1"],
    "site/libqtvirtualkeyboardplugin.so": ["libQt6Quick.so.6"],
}


def test_libraries_only_trimmed_plugins_needed_are_pruned() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "site/QtGui.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "site/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),  # target trimmed
        ("libfontconfig.so.1", "sys/libfontconfig.so.1", "BINARY"),
        ("libexpat.so.1", "sys/libexpat.so.1", "BINARY"),
        ("libgtk-3.so.0", "sys/libgtk-3.so.0", "BINARY"),  # only the GTK theme wanted it
        ("libcairo.so.2", "sys/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "sys/libpython3.11.so.1.0", "BINARY"),
        ("libz.so.1", "sys/libz.so.1", "BINARY"),
    ]
    kept = bundle.prune_libraries(binaries, lambda source: LINKS.get(source, []))
    assert [dest for dest, _, _ in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libQt6Gui.so.6",
        "libfontconfig.so.1",
        "libexpat.so.1",
        "libpython3.11.so.1.0",
        "libz.so.1",
    ]
    # Off Linux: only the symlink left pointing at nothing goes.
    others = bundle.prune_libraries(binaries, lambda source: [], closure=False)
    assert [entry[0] for entry in binaries if entry not in others] == ["libQt6Quick.so.6"]


def test_a_kept_file_needing_a_trimmed_library_stops_the_build() -> None:
    binaries = [
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
         "site/libqtvirtualkeyboardplugin.so", "BINARY"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ]  # fmt: skip
    with pytest.raises(ValueError, match="libQt6Quick"):
        bundle.prune_libraries(binaries, lambda source: LINKS.get(source, []))


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("coll/fr.res", True),
        ("coll/fr_CA.res", True),
        ("coll/ja.res", False),
        ("coll/es_.res", False),
        ("coll/root.res", True),
        ("zone/en_GB.res", True),
        ("zone/tzdbNames.res", True),
        ("curr/pool.res", True),
        ("lang/res_index.res", True),
        ("nl_BE.res", True),
        ("zh_Hant_TW.res", False),
        ("supplementalData.res", True),
        ("zoneinfo64.res", True),
        ("cnvalias.icu", True),
        ("ibm-5348_P100-1997.cnv", True),  # windows-1252
        ("ibm-943_P15A-2003.cnv", False),  # Shift-JIS
        ("brkitr/cjdict.dict", True),  # the root word-break rules need it
        ("brkitr/word.brk", True),
        ("translit/root.res", False),
        ("nfkc.nrm", True),
    ],
)
def test_icu_keeps_the_data_of_relance_languages(item: str, kept: bool) -> None:
    assert bundle.keep_icu_item(item) is kept


def test_version_has_one_source() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    assert app.__version__ == version == bundle.project_version()
    init = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    assert version not in init  # no second copy to forget
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{version}]" in changelog


def test_windows_version_resource_follows_pyproject() -> None:
    assert bundle.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert bundle.version_tuple("2.0rc1") == (2, 0, 1, 0)
    text = bundle.windows_version_resource("1.4.2")
    assert "@" not in text.replace("# ", "")
    ast.parse(text)  # PyInstaller evaluates it as Python
    assert "filevers=(1, 4, 2, 0)" in text
    assert 'StringStruct("ProductVersion", "1.4.2")' in text
    assert 'StringStruct("FileVersion", "1.4.2.0")' in text


def test_inno_setup_script_installs_per_user_with_the_association() -> None:
    iss = (ROOT / "packaging" / "windows" / "relance.iss").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in iss.splitlines() if re.match(r"^[A-Za-z]+=", line)
    )
    assert settings["PrivilegesRequired"] == "lowest"
    assert settings["AppVersion"] == "{#AppVersion}"  # given by build.sh from pyproject
    assert settings["DefaultDirName"] == r"{autopf}\{#AppName}"
    assert settings["ChangesAssociations"] == "yes"
    assert settings["SetupIconFile"].endswith(r"resources\icons\relance.ico")
    registry = [line for line in iss.splitlines() if line.startswith("Root:")]
    assert registry
    assert all(line.startswith("Root: HKCU;") for line in registry)
    assert any(r'"Software\Classes\.relance"' in line for line in registry)
    assert any('--database ""%1""' in line for line in registry)
    assert r'Name: "{autoprograms}\{#AppName}"' in iss  # Start menu
    assert (ROOT / settings["SetupIconFile"].replace("..\\..\\", "").replace("\\", "/")).exists()
    script = (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")
    assert "//DAppVersion=$version" in script


def test_macos_info_plist_declares_version_languages_and_dossiers() -> None:
    plist = bundle.info_plist("1.4.2")
    plistlib.loads(plistlib.dumps(plist))  # a valid property list
    assert plist["CFBundleIdentifier"] == "fr.relance.app"
    assert plist["CFBundleShortVersionString"] == "1.4.2"
    assert plist["CFBundleLocalizations"] == ["fr", "en"]
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["CFBundleTypeExtensions"] == ["relance"]
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] in document["LSItemContentTypes"]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["relance"]
    spec = SPEC.read_text(encoding="utf-8")
    assert "info_plist=bundle.info_plist(version)" in spec


def test_icons_are_generated_from_the_svg() -> None:
    icons = ROOT / "resources" / "icons"
    from PIL import Image

    with Image.open(icons / "relance.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
        assert (16, 16) in ico.info["sizes"]
    with Image.open(icons / "relance.icns") as icns:
        assert icns.size == (1024, 1024)
    for size in (16, 32, 48, 256):
        with Image.open(icons / f"relance-{size}.png") as png:
            assert png.size == (size, size)
    desktop = (ROOT / "packaging" / "linux" / "relance.desktop").read_text(encoding="utf-8")
    assert "Icon=relance" in desktop
    assert "MimeType=application/x-relance;" in desktop


def test_a_dossier_double_clicked_in_the_finder_is_opened(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.app import FileOpenHandler

    application = QApplication.instance()
    opened: list[str] = []
    handler = FileOpenHandler(opened.append, application)
    application.installEventFilter(handler)
    try:
        dossier = str(tmp_path / "atelier.relance")
        QApplication.sendEvent(application, QFileOpenEvent(dossier))
    finally:
        application.removeEventFilter(handler)
    assert opened == [dossier]


def test_the_window_icon_comes_from_the_bundled_pngs(qtbot) -> None:
    from app.ui.app import _window_icon

    icon = _window_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}


def test_the_program_says_its_version(capsys) -> None:
    assert app_main.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Relance {app.__version__}"


def test_the_smoke_test_never_waits_on_an_error_box(qtbot, monkeypatch) -> None:
    """A frozen build missing a module must fail its smoke test, not hang on a modal box."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from app.ui import errors

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(errors, "UNEXPECTED", [])
    errors.install_excepthook(show=False)
    sys.excepthook(ImportError, ImportError("No module named 'markupsafe'"), None)
    assert shown == []
    assert [str(e) for e in errors.UNEXPECTED] == ["No module named 'markupsafe'"]
    errors.install_excepthook()
    sys.excepthook(ImportError, ImportError("No module named 'markupsafe'"), None)
    assert len(shown) == 1
