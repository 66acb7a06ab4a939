"""A formal notice printed again after it was recorded lists the reminders before it, not itself."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from app.cli import main
from tests.adapters.pdf.helpers import flat, pdf_text


def test_a_recorded_formal_notice_printed_again_never_lists_itself(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "d.relance")
    (tmp_path / "c.csv").write_text("code,name,email\nA1,Boulangerie Martin,a@martin.fr\n")
    (tmp_path / "i.csv").write_text(
        "number,client_code,issue_date,due_date,total\nF1,A1,2026-09-01,2026-10-01,1200.00\n"
    )
    assert main(["--database", db, "init", "--company", "Atelier Test"]) == 0
    assert main(["--database", db, "import", "clients", str(tmp_path / "c.csv")]) == 0
    assert main(["--database", db, "import", "invoices", str(tmp_path / "i.csv")]) == 0
    day, notice_day = date(2026, 12, 1), None
    while notice_day is None:  # an obedient user: every action done on its day
        capsys.readouterr()
        iso = day.isoformat()
        assert main(["--today", iso, "--database", db, "agenda", "--from", iso, "--to", iso,
                     "--format", "json"]) == 0  # fmt: skip
        for action in json.loads(capsys.readouterr().out)["actions"]:
            assert main(["--today", iso, "--database", db, "record", action["key"], "done"]) == 0
            if action["level"] == "formal_notice":
                notice_day = day
        day += timedelta(days=1)
    out = tmp_path / "out"
    iso = notice_day.isoformat()
    assert main(["--lang", "fr", "--today", iso, "--database", db, "letters", "--as-of", iso,
                 "--out", str(out), "--level", "formal_notice"]) == 0  # fmt: skip
    text = flat(pdf_text(out / f"{iso}_A1.pdf"))
    assert "première relance, par e-mail" in text
    assert "relance ferme, par courrier" in text
    assert "mise en demeure, par lettre recommandée" not in text
