"""Report downloads: CSV for German Excel (BOM, semicolons, formula-like text neutralised) and XLSX
(strings stay strings, never formulas)."""

import io
import zipfile
from datetime import date

import pytest

from kimweb.reports.downloads import (
    Table,
    csv_bytes,
    csv_response,
    csv_text,
    neutralise,
    sheet_name,
    unneutralise,
    xlsx_bytes,
)

DANGEROUS = ["=1+1", "+49 208 825-0", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Arabisch", "Straße 1", "", "1+1", "a=b", "'schon"])
def test_ordinary_text_stays(text):
    assert neutralise(text) == text


@pytest.mark.parametrize("text", [*DANGEROUS, "'=1", "''+x", "'schon", "'", "", "a=b", "'\r"])
def test_neutralise_can_be_undone_exactly(text):
    assert unneutralise(neutralise(text)) == text
    assert neutralise("'=1") == "''=1"  # an apostrophe already there gets one more, so undoing is exact


def test_csv_text_neutralises_text_and_leaves_other_values_to_the_format():
    text = csv_text(
        ["a", "b"], [["+49 208", -4.5], ["=1", None]], delimiter=",", cell=lambda v: "" if v is None else repr(v)
    )
    assert text == "a,b\r\n'+49 208,-4.5\r\n'=1,\r\n"


def test_csv_has_bom_semicolons_and_neutralised_cells():
    table = Table(["Name", "Wert", "Tag", "Minuten"], [['=HYPERLINK("x")', 3, date(2026, 11, 2), 12.5]])
    data = csv_bytes(table)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Name;Wert;Tag;Minuten"
    assert lines[1] == '"\'=HYPERLINK(""x"")";3;02.11.2026;12,5'


def test_csv_numbers_are_not_neutralised_and_none_is_empty():
    lines = csv_bytes(Table(["a", "b", "c"], [[-4, None, "-4"]])).decode("utf-8-sig").splitlines()
    assert lines[1] == "-4;;'-4"


def test_csv_response_is_an_attachment(app):
    with app.test_request_context():
        response = csv_response(Table(["a"], [["b"]]), "bericht.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="bericht.csv"'


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
        return archive.read("xl/worksheets/sheet1.xml").decode() + archive.read("xl/sharedStrings.xml").decode()


def test_xlsx_writes_strings_as_strings_never_formulas():
    table = Table(["Text", "Zahl", "Tag"], [["=1+1", 7, date(2026, 11, 2)], ["@SUM(A1)", None, None]], title="Tage")
    data = xlsx_bytes([table])
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml
    # Neutralised like in the CSV: a string cell is not run, but it would become a formula when edited.
    assert "'=1+1" in xml and "'@SUM(A1)" in xml
    try:
        import openpyxl
    except ImportError:
        return
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Tage"
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 7


def test_sheet_names_follow_excel_rules():
    assert sheet_name("Besuche [pro] Tag: 1/2", 1) == "Besuche  pro  Tag  1 2"
    assert len(sheet_name("x" * 40, 1)) == 31
    assert sheet_name("", 3) == "Tabelle3"
