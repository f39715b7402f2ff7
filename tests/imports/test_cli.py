"""flask clients import-table: the same checks and report, dry run, mapping file decisions."""

import json

from sqlalchemy import func, select

from kimweb.clients.models import Client
from kimweb.extensions import db


def test_dry_run_then_import_with_decisions(runner, tmp_path, office_list, lead):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(office_list)
    result = runner.invoke(args=["clients", "import-table", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Kopfzeile in Zeile 4" in result.output
    assert "Zeile 10, Spalte B: „31.02.1985“" in result.output
    assert "Zeile 11: mögliche Dublette" in result.output
    assert "Probelauf (nichts gespeichert): 4 angelegt" in result.output
    assert db.session.scalar(select(func.count()).select_from(Client)) == 0

    mapping = tmp_path / "zuordnung.json"
    mapping.write_text(json.dumps({"decisions": {"11": "same"}, "source_label": "Liste TC"}), encoding="utf-8")
    report = tmp_path / "bericht.csv"
    result = runner.invoke(
        args=["clients", "import-table", str(path), "--mapping", str(mapping), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "4 angelegt, 0 ergänzt, 1 übersprungen, 1 mit Fehlern" in result.output
    assert db.session.scalar(select(func.count()).select_from(Client)) == 4
    assert "dieselbe Person wie Zeile 5" in report.read_bytes().decode("utf-8-sig")


def test_broken_file(runner, tmp_path, app):
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"PK\x03\x04 kaputt")
    result = runner.invoke(args=["clients", "import-table", str(path)])
    assert result.exit_code == 1 and "beschädigt" in result.output


def test_purge_deletes_old_uploads_only(runner, app, make_user):
    from datetime import timedelta

    from kimweb.imports.models import ImportUpload
    from kimweb.timeutil import utcnow

    user = make_user("team_lead")
    db.session.add_all(
        [
            ImportUpload(user_id=user.id, filename="alt.xlsx", data=b"x", created_at=utcnow() - timedelta(hours=5)),
            ImportUpload(user_id=user.id, filename="neu.xlsx", data=b"x"),
        ]
    )
    db.session.commit()
    result = runner.invoke(args=["clients", "import-purge"])
    assert "1 liegengebliebene Uploads gelöscht." in result.output
    assert db.session.scalars(select(ImportUpload.filename)).all() == ["neu.xlsx"]
