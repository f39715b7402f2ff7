"""HSDS import and export, the flat sheet import, and their reports."""

import io
import shutil
import zipfile

import pytest
from sqlalchemy import func, select

from kimweb.directory.hsds_export import export_zip, package_files
from kimweb.directory.hsds_import import import_package
from kimweb.directory.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from kimweb.directory.upkeep_models import ImportRun
from kimweb.extensions import db
from tests.helpers import shared_data, titles

MODELS = (
    Organization,
    Service,
    Location,
    ServiceAtLocation,
    Phone,
    Contact,
    Schedule,
    ScheduleException,
    ServiceLanguage,
)


def counts() -> dict[str, int]:
    return {m.__tablename__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def created(report) -> dict[str, int]:
    return {table: c["created"] for table, c in report.counts.items() if c["created"]}


def test_simple_sample_imports_with_exact_counts(app):
    report = import_package(shared_data("hsds-sample", "simple"), "simple")
    db.session.commit()
    assert report.ok, report.errors
    assert created(report) == {"organization": 10, "service": 13, "location": 10, "service_at_location": 13, "phone": 5}
    assert report.counts["(Dateien)"]["skipped"] == 1  # metadata.csv is not in datapackage.json
    assert counts() == {
        "organization": 10,
        "service": 13,
        "location": 10,
        "service_at_location": 13,
        "phone": 5,
        "contact": 0,
        "regular_schedule": 0,
        "holiday_schedule": 0,
        "language": 0,
    }
    service = db.session.scalar(select(Service).where(Service.name == "Shop Assist"))
    assert service.wait_days == 28 and service.status == "active"
    laundry = db.session.scalar(select(Phone).where(Phone.number == "(773) 2351 2461"))
    assert laundry.service_id and laundry.location_id  # attached through service_at_location


def test_all_resources_sample_imports_with_exact_counts(app):
    report = import_package(shared_data("hsds-sample", "all_resources"), "all_resources")
    db.session.commit()
    assert report.ok, report.errors
    assert created(report) == {
        "organization": 10,
        "service": 13,
        "location": 10,
        "service_at_location": 13,
        "phone": 5,
        "contact": 1,
        "physical_address": 1,
        "accessibility_for_disabilities": 1,
        "regular_schedule": 3,
        "holiday_schedule": 1,
        "language": 2,
        "service_area": 1,
        "eligibility": 1,
        "required_document": 1,
    }
    skipped = {table: c["skipped"] for table, c in report.counts.items() if c["skipped"]}
    assert skipped == {
        "taxonomy": 1,
        "program": 1,
        "funding": 1,
        "payment_accepted": 2,
        "postal_address": 1,
        "metadata": 1,
        "meta_table_description": 1,
    }
    assert all(s["reason"] for s in report.skipped)
    helpline = db.session.scalar(select(Service).where(Service.name == "Never Homeless Helpline"))
    assert sorted(lang.code for lang in helpline.languages) == ["en", "es"]
    assert helpline.eligibility == "adult" and helpline.documents_required == "Sample required document"
    assert [(s.weekday, s.opens_at.hour, s.closes_at.hour) for s in helpline.schedules] == [
        (1, 9, 17),
        (2, 9, 17),
        (3, 9, 17),
    ]
    location = helpline.locations[0]
    assert (location.address_1, location.city, location.postal_code) == ("Address 1", "New York City", "10001")
    assert "disabled_parking" in location.accessibility_note


def test_reimport_changes_nothing(app):
    path = shared_data("hsds-sample", "all_resources")
    import_package(path, "first")
    db.session.commit()
    before = package_files(internal=True)
    report = import_package(path, "again")
    db.session.commit()
    totals = report.totals()
    assert report.ok and totals["created"] == 0 and totals["updated"] == 0
    assert package_files(internal=True) == before


def wipe_directory():
    for model in (Organization,):
        for obj in db.session.scalars(select(model)):
            db.session.delete(obj)
    db.session.commit()


def test_export_import_round_trip_is_lossless(app):
    from kimweb.directory.demo import seed_directory

    import_package(shared_data("hsds-sample", "all_resources"), "sample")
    seed_directory()
    db.session.commit()
    first = export_zip(internal=True)
    wipe_directory()
    assert counts()["service"] == 0
    report = import_package(first, "export.zip")
    db.session.commit()
    assert report.ok, report.errors
    assert export_zip(internal=True) == first


def test_broken_package_changes_nothing_and_names_file_row_field(app, tmp_path):
    import_package(shared_data("hsds-sample", "simple"), "simple")
    db.session.commit()
    before = package_files(internal=True)
    broken = tmp_path / "broken"
    shutil.copytree(shared_data("hsds-sample", "all_resources"), broken)
    schedules = broken / "regular_schedules.csv"
    schedules.write_text(schedules.read_text().replace("09:00:00,17:00:00\n6ef", "17:00:00,09:00:00\n6ef", 1))
    report = import_package(broken, "broken")
    assert not report.ok
    assert {
        "file": "regular_schedules.csv",
        "row": 2,
        "field": "closes_at",
        "message": "Die Schließzeit muss nach der Öffnungszeit liegen.",
    } in report.errors
    db.session.commit()
    assert package_files(internal=True) == before
    assert counts()["contact"] == 0


@pytest.mark.parametrize(
    "mangle,expected",
    [
        (
            lambda p: (p / "services.csv").write_text(
                (p / "services.csv")
                .read_text()
                .replace("1899600a-649c-11e6-8b77-86f30ca893d3,,Never", "no-such-org,,Never")
            ),
            ("services.csv", 2, "organization_id"),
        ),
        (
            lambda p: (p / "organizations.csv").write_bytes(b"id,name\n\xff\xfe,bad\n"),
            ("organizations.csv", None, None),
        ),
        (lambda p: (p / "locations.csv").unlink(), ("locations.csv", None, None)),
        (
            lambda p: (p / "holiday_schedules.csv").write_text(
                "id,service_id,closed,start_date,end_date\nx1,c89eb05c-62dd-4b64-b494-0cc347b6ea7f,true,24.12.2019,\n"
            ),
            ("holiday_schedules.csv", 2, "start_date"),
        ),
    ],
)
def test_broken_files_are_reported(app, tmp_path, mangle, expected):
    package = tmp_path / "pkg"
    shutil.copytree(shared_data("hsds-sample", "all_resources"), package)
    mangle(package)
    report = import_package(package, "pkg")
    assert not report.ok
    assert (report.errors[0]["file"], report.errors[0]["row"], report.errors[0]["field"]) == expected
    assert counts()["organization"] == 0


def test_not_a_zip(app):
    report = import_package(b"this is not a zip", "upload.zip")
    assert not report.ok and "kein ZIP" in report.errors[0]["message"]


def test_cli_import_and_export(app, runner, tmp_path):
    result = runner.invoke(args=["directory", "import-hsds", str(shared_data("hsds-sample", "simple"))])
    assert result.exit_code == 0, result.output
    assert "organization: neu 10" in result.output
    target = tmp_path / "out.zip"
    result = runner.invoke(args=["directory", "export-hsds", str(target)])
    assert result.exit_code == 0 and zipfile.is_zipfile(target)
    names = zipfile.ZipFile(target).namelist()
    assert "datapackage.json" in names and "services.csv" in names
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"nope")
    result = runner.invoke(args=["directory", "import-hsds", str(broken)])
    assert result.exit_code != 0 and "unverändert" in result.output
    assert db.session.scalar(select(func.count()).select_from(ImportRun)) == 2


def test_admin_upload_and_report(client, login_as):
    login_as("admin")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in shared_data("hsds-sample", "simple").iterdir():
            archive.write(path, f"simple/{path.name}")
    response = client.post(
        "/wegweiser/austausch/hsds",
        data={"hsds-file": (io.BytesIO(buffer.getvalue()), "simple.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    report = client.get(response.headers["Location"])
    assert report.status_code == 200 and "simple.zip" in report.text and "übernommen" in report.text
    assert titles(client.get("/wegweiser/?q=homeless")) == ["Never Homeless Helpline"]
    missing = client.post("/wegweiser/austausch/hsds", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "Bitte wählen Sie eine Datei aus." in missing.text


FLAT = (
    "Träger;Angebot;Beschreibung;Handlungsfelder;Straße;PLZ;Ort;Sozialraum;Telefon;Sprachen;Zugang;Öffnungszeiten\n"
    "Bildungswerk Test;Sprachkurs A1;Abendkurs;sprache;Testweg 1;46045;Oberhausen;Osterfeld;0208 1234;tr, ar;"
    'mit Termin;"Mo 18:00-20:00; Mi 18:00-20:00"\n'
    "Bildungswerk Test;Alphabetisierung;;Sprache;Testweg 1;46045;Oberhausen;;;;offene Sprechstunde;\n"
)


def test_flat_sheet_import(client, login_as):
    login_as("admin")
    upload = {"tabelle-file": (io.BytesIO(FLAT.encode("cp1252")), "liste.csv")}
    response = client.post("/wegweiser/austausch/tabelle", data=upload, content_type="multipart/form-data")
    assert response.status_code == 303
    course = db.session.scalar(select(Service).where(Service.name == "Sprachkurs A1"))
    assert [(s.weekday, s.opens_at.hour) for s in course.schedules] == [(1, 18), (3, 18)]
    assert sorted(lang.code for lang in course.languages) == ["ar", "tr"]
    assert course.locations[0].district.name == "Osterfeld" and course.intake_mode == "appointment"
    assert db.session.scalar(select(func.count()).select_from(Location)) == 1
    again = client.post(
        "/wegweiser/austausch/tabelle",
        data={"tabelle-file": (io.BytesIO(FLAT.encode()), "liste.csv")},
        content_type="multipart/form-data",
    )
    report = client.get(again.headers["Location"]).text
    assert "<td>service</td><td>0</td><td>0</td><td>2</td>" in report.replace("\n", "").replace(" ", "")


def test_flat_sheet_errors_name_row_and_column(client, login_as):
    login_as("admin")
    bad = FLAT.replace("Mo 18:00-20:00", "Mo 20:00-18:00").replace("offene Sprechstunde", "irgendwie")
    response = client.post(
        "/wegweiser/austausch/tabelle",
        data={"tabelle-file": (io.BytesIO(bad.encode()), "liste.csv")},
        content_type="multipart/form-data",
    )
    report = client.get(response.headers["Location"]).text
    assert "abgebrochen" in report and "Öffnungszeiten" in report and "Zugang" in report
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0
