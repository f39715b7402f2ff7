"""Report tables as downloads: CSV for German Excel and XLSX.

CSV: semicolons, CRLF, UTF-8 with a BOM and decimal commas: what German Excel opens correctly with a
double click. Text that begins with =, +, -, @, a tab or a carriage return would be read as a formula
(CSV injection); it gets a leading apostrophe, which Excel shows as text. `csv_text` is the one CSV
writer of kimweb: other formats (the HSDS export: commas, ISO dates) pass their own `cell` formatter
for everything but text, and text is always neutralised here.

XLSX: one sheet per table, written by XlsxWriter with every string as a string (never a formula,
number or link), numbers as numbers and dates as dates. Strings are neutralised too: a string cell
is not run, but it becomes a formula as soon as someone edits it or saves the sheet as CSV.

`neutralise` can be undone exactly (`unneutralise`, for imports that read kimweb's own exports):
text that already begins with apostrophes before a formula character gets one more, so stripping
one apostrophe always gives back the original.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import xlsxwriter
from flask import Response

from ..timeutil import format_date, format_datetime, to_local

Cell = str | int | float | date | datetime | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """A report table: a header and rows of plain values; `title` names its sheet in XLSX."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    title: str = ""


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula, made plain text (one more leading apostrophe)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The exact inverse of `neutralise`: text as it was before an export neutralised it."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) else text


def csv_cell(value: Cell) -> str:
    """A cell for German Excel: dates DD.MM.YYYY, decimal commas, booleans 1/0."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_text(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ";",
    cell: Callable[[Any], str] = csv_cell,
) -> str:
    """CSV with CRLF line ends; every text cell neutralised, other values written by `cell`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in header])
    writer.writerows([neutralise(v) if isinstance(v, str) else cell(v) for v in row] for row in rows)
    return out.getvalue()


def csv_bytes(table: Table) -> bytes:
    return ("\ufeff" + csv_text(table.header, table.rows)).encode("utf-8")


_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, number: int) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", title).strip()[:31] or f"Tabelle{number}"


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    moment = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for number, table in enumerate(tables, start=1):
        sheet = book.add_worksheet(sheet_name(table.title, number))
        for col, heading in enumerate(table.header):
            sheet.write_string(0, col, neutralise(str(heading)), bold)
            sheet.set_column(col, col, max(10, min(40, len(str(heading)) + 2)))
        sheet.freeze_panes(1, 0)
        for row_number, row in enumerate(table.rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime):
                    sheet.write_datetime(row_number, col, to_local(value).replace(tzinfo=None), moment)
                elif isinstance(value, date):
                    sheet.write_datetime(row_number, col, datetime(value.year, value.month, value.day), day)
                elif isinstance(value, int | float):
                    sheet.write_number(row_number, col, value)
                else:
                    sheet.write_string(row_number, col, neutralise(str(value)))
    book.close()
    return out.getvalue()


def _attachment(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, content_type=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def csv_response(table: Table, filename: str) -> Response:
    return _attachment(csv_bytes(table), CSV_TYPE, filename)


def xlsx_response(tables: Table | Sequence[Table], filename: str) -> Response:
    return _attachment(xlsx_bytes([tables] if isinstance(tables, Table) else tables), XLSX_TYPE, filename)
