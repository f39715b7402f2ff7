"""The HSDS export is read by spreadsheets too: formula-like text is neutralised like in every CSV of
kimweb, and the import undoes exactly that, so export -> import -> export stays identical."""

import csv
import io
import zipfile

from sqlalchemy import select

from kimweb.directory.demo import seed_directory
from kimweb.directory.hsds_export import export_zip
from kimweb.directory.hsds_import import import_package
from kimweb.directory.models import Organization, Phone, Service
from kimweb.extensions import db
from kimweb.reports.downloads import FORMULA_STARTS
from tests.helpers import shared_data

TRICKY = ['=HYPERLINK("http://x")', "+49 208 825-0", "-minus", "@SUM(A1)", "'=schon neutral", "''+zwei", "'schon"]


def cells(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                for row in csv.reader(io.StringIO(archive.read(name).decode(), newline="")):
                    yield from row


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(data: bytes) -> list[str]:
    """Cells a spreadsheet would run as a formula; a negative number (a longitude) is read as a number."""
    return [c for c in cells(data) if c.startswith(FORMULA_STARTS) and not is_number(c)]


def wipe_directory():
    for obj in db.session.scalars(select(Organization)):
        db.session.delete(obj)
    db.session.commit()


def test_export_has_no_formula_like_cell_and_round_trips(app):
    import_package(shared_data("hsds-sample", "all_resources"), "sample")
    seed_directory()
    service = db.session.scalars(select(Service).order_by(Service.id)).first()
    service.description, service.alternate_name, service.fees = TRICKY[0], TRICKY[4], TRICKY[5]
    service.organization.alternate_name = TRICKY[3]
    service.organization.legal_status = TRICKY[6]
    db.session.add(Phone(service_id=service.id, number=TRICKY[1], description=TRICKY[2]))
    db.session.commit()
    first = export_zip(internal=True)
    assert formula_cells(first) == []
    written = set(cells(first))
    assert {"'" + TRICKY[0], "'+49 208 825-0", "'-minus", "'@SUM(A1)", "''=schon neutral", "'''+zwei"} <= written
    assert "'schon" in written
    # Numbers stay numbers: the sample's longitudes are negative.
    assert any(c.startswith("-") and is_number(c) for c in cells(first))

    wipe_directory()
    report = import_package(first, "export.zip")
    db.session.commit()
    assert report.ok, report.errors
    service = db.session.scalar(select(Service).where(Service.description == TRICKY[0]))
    assert (service.alternate_name, service.fees) == (TRICKY[4], TRICKY[5])
    assert service.organization.alternate_name == TRICKY[3] and service.organization.legal_status == "'schon"
    assert db.session.scalar(select(Phone.description).where(Phone.number == TRICKY[1])) == "-minus"
    second = export_zip(internal=True)
    assert second == first


def test_public_export_of_demo_and_sample_has_no_formula_like_cell(app):
    import_package(shared_data("hsds-sample", "all_resources"), "sample")
    seed_directory()
    db.session.commit()
    assert formula_cells(export_zip(internal=False)) == []
