"""flask reports kim: the workbook and the pseudonymous case-level table."""

import csv
import io
import zipfile

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.kim_reports.case_table import pseudonym


def test_csv_is_one_pseudonymous_row_per_case(runner, world, tmp_path):
    out = tmp_path / "faelle.csv"
    result = runner.invoke(args=["reports", "kim", "--from", "2026-01-01", "--to", "2026-03-31", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 Fälle im Zeitraum" in result.output
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 7
    # No names, birth dates or addresses; not even the client id.
    assert "Geheimname" not in text and "Vorname" not in text and "17.05.1990" not in text
    assert "birth" not in text and not any(key.startswith("geburt") for key in rows[0])
    by_id = {row["fall_id"]: row for row in rows}
    reassigned = by_id[pseudonym(world.files["reassigned"].id)]
    assert reassigned["team"] == "Sterkrade-Mitte" and reassigned["sozialraum"] == "Osterfeld"
    assert reassigned["traeger"] == "Caritas"
    assert reassigned["kontakte_phone"] == "1" and reassigned["kontakte_in_person"] == "1"
    assert reassigned["kontakt_minuten"] == "90"
    closed = by_id[pseudonym(world.files["closed_last_day"].id)]
    assert (closed["abgeschlossen_am"], closed["abschlussgrund"], closed["offen_am_ende"]) == (
        "31.03.2026",
        "goals_met",
        "0",
    )
    assert (closed["status_beginn"], closed["status_ende"], closed["statusverbesserung"]) == (
        "befristet",
        "eingebuergert",
        "naturalised",
    )
    new = by_id[pseudonym(world.files["new"].id)]
    assert (new["neu"], new["altersgruppe"], new["haushaltsmitglieder"]) == ("1", "27–44", "2")
    assert (new["bedarf_arbeit"], new["ziele_arbeit"], new["erreicht_arbeit"], new["massnahmen_arbeit"]) == (
        "urgent",
        "1",
        "1",
        "1",
    )
    assert new["vermittlungen_accepted"] == "1"
    assert len(new["fall_id"]) == 20 and new["fall_id"] != str(world.files["new"].id)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "report.run"))
    assert audit.object_id == "cli" and audit.detail.endswith("format=csv")


def test_xlsx_is_the_workbook(runner, world, tmp_path):
    out = tmp_path / "kim.xlsx"
    result = runner.invoke(args=["reports", "kim", "--from", "2026-01-01", "--to", "2026-12-31", "--output", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        assert "Hinweise" in archive.read("xl/workbook.xml").decode()
        assert "Geheimname" not in archive.read("xl/sharedStrings.xml").decode()


def test_bad_arguments(runner, app, tmp_path):
    result = runner.invoke(
        args=["reports", "kim", "--from", "2026-02-01", "--to", "2026-01-01", "--output", str(tmp_path / "x.csv")]
    )
    assert result.exit_code != 0
    result = runner.invoke(
        args=["reports", "kim", "--from", "2026-01-01", "--to", "2026-01-31", "--output", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code != 0
