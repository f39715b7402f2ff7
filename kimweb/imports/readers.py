"""Reading an office's list (XLSX, ODS or CSV) into plain rows of cell values.

A list comes from outside and may be anything: every way it can go wrong ends in a TableError
with a German message, never in a traceback, and nothing is changed. XLSX is read by openpyxl
in read-only mode with data_only=True: a formula cell gives the value Excel saved with it, it is
never evaluated. ODS is read by odfpy (typed cells: dates and numbers as such). CSV: German
Excel writes semicolons (sometimes commas or tabs), UTF-8 with or without a BOM, or Windows-1252;
what was detected is said back to the user.
"""

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

Value = str | int | float | date | None

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
# A zip (XLSX, ODS) may not unpack to more than this: a few KB can unpack to gigabytes.
MAX_UNPACKED = 200 * 1024 * 1024
# Columns beyond this are never a list's (a stray value far to the right).
MAX_COLUMNS = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class TableError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RawTable:
    """The cells of a list's first sheet, row by row (row numbers as the spreadsheet shows them)."""

    rows: list[tuple[int, list[Value]]]
    detected: str
    sheet: str = ""
    notes: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str = "") -> RawTable:
    if len(data) > MAX_BYTES:
        raise TableError(_("Die Datei ist zu groß (höchstens 20 MB)."))
    if not data.strip():
        raise TableError(_("Die Datei ist leer."))
    if data.startswith(OLE_MAGIC):
        raise TableError(
            _(
                "Die Datei ist kennwortgeschützt oder im alten Excel-Format (.xls). Bitte öffnen Sie sie in "
                "Excel und speichern Sie sie ohne Kennwort als .xlsx oder als CSV."
            )
        )
    if data.startswith(b"PK"):
        return _read_zip(data)
    if data.lstrip()[:5].lower() in (b"<?xml", b"<html", b"<!doc"):
        raise TableError(_("Die Datei ist keine Tabelle (XLSX, ODS oder CSV)."))
    return read_csv(data)


def _read_zip(data: bytes) -> RawTable:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise TableError(_("Die Datei entpackt sich zu mehr als 200 MB und wird nicht gelesen."))
        if any(info.flag_bits & 0x1 for info in archive.infolist()):
            raise TableError(_("Die Datei ist verschlüsselt. Bitte speichern Sie sie ohne Kennwort."))
        mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise TableError(_("Die Datei ist beschädigt oder unvollständig.")) from None
    if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
        return _read_ods(data)
    if "xl/workbook.xml" in names:
        return _read_xlsx(data)
    raise TableError(_("Die Datei ist keine Tabelle (XLSX, ODS oder CSV)."))


def _cell(value) -> Value:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return None
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, (int, float)):
        return value
    text = str(value).replace("\x00", "").strip()
    return text or None


def _collect(rows_iter) -> list[tuple[int, list[Value]]]:
    rows: list[tuple[int, list[Value]]] = []
    for number, raw in rows_iter:
        values = [_cell(v) for v in list(raw)[:MAX_COLUMNS]]
        while values and values[-1] is None:
            values.pop()
        if not values:
            continue
        rows.append((number, values))
        # The header and title rows come on top of the data rows.
        if len(rows) > MAX_ROWS + 50:
            raise TableError(_("Die Liste hat mehr als 20.000 Zeilen. Bitte teilen Sie sie auf."))
    if not rows:
        raise TableError(_("Die Tabelle enthält keine Zeilen."))
    return rows


def _read_xlsx(data: bytes) -> RawTable:
    import openpyxl  # noqa: PLC0415  (large; loaded only when an XLSX arrives)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file (KeyError, XML errors...)
        raise TableError(_("Die Excel-Datei ist beschädigt und lässt sich nicht lesen.")) from None
    try:
        sheets = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"] or book.worksheets
        if not sheets:
            raise TableError(_("Die Tabelle enthält keine Zeilen."))
        sheet = sheets[0]
        try:
            rows = _collect(enumerate(sheet.iter_rows(values_only=True), start=1))
        except TableError:
            raise
        except Exception:
            raise TableError(_("Die Excel-Datei ist beschädigt und lässt sich nicht lesen.")) from None
        notes = []
        if len(book.worksheets) > 1:
            notes.append(_("Gelesen wird nur das erste Tabellenblatt („%(name)s“).", name=sheet.title))
        return RawTable(rows, _("Excel-Arbeitsmappe (XLSX)"), sheet.title, notes)
    finally:
        book.close()


def _read_ods(data: bytes) -> RawTable:
    from odf.opendocument import load  # noqa: PLC0415  (loaded only when an ODS arrives)
    from odf.table import Table, TableCell, TableRow  # noqa: PLC0415

    try:
        document = load(io.BytesIO(data))
        tables = document.spreadsheet.getElementsByType(Table)
    except Exception:
        raise TableError(_("Die ODS-Datei ist beschädigt und lässt sich nicht lesen.")) from None
    if not tables:
        raise TableError(_("Die Tabelle enthält keine Zeilen."))
    table = tables[0]

    def rows():
        number = 0
        for row in table.getElementsByType(TableRow):
            repeat = min(int(row.getAttribute("numberrowsrepeated") or 1), MAX_ROWS)
            values: list[Value] = []
            for cell in row.getElementsByType(TableCell):
                times = min(int(cell.getAttribute("numbercolumnsrepeated") or 1), MAX_COLUMNS)
                values.extend([_ods_value(cell)] * times)
                if len(values) >= MAX_COLUMNS:
                    break
            has_values = any(v is not None for v in values)
            for _copy in range(repeat if has_values else 1):
                number += 1
                yield number, values
            if not has_values:
                number += repeat - 1

    notes = []
    if len(tables) > 1:
        notes.append(_("Gelesen wird nur das erste Tabellenblatt („%(name)s“).", name=table.getAttribute("name")))
    return RawTable(_collect(rows()), _("OpenDocument-Tabelle (ODS)"), table.getAttribute("name") or "", notes)


def _ods_value(cell) -> Value:
    kind = cell.getAttribute("valuetype")
    if kind == "date":
        text = (cell.getAttribute("datevalue") or "")[:10]
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if kind in ("float", "percentage", "currency"):
        try:
            number = Decimal(cell.getAttribute("value") or "")
        except InvalidOperation:
            return None
        return int(number) if number == number.to_integral_value() else float(number)
    parts = []
    for paragraph in cell.childNodes:
        if paragraph.qname[1] == "p":
            parts.append(str(paragraph))
    return _cell("\n".join(parts))


ENCODINGS = (("utf-8-sig", "UTF-8 mit BOM"), ("utf-8", "UTF-8"), ("cp1252", "Windows-1252"))
DELIMITERS = {";": "Semikolon", ",": "Komma", "\t": "Tabulator"}


def read_csv(data: bytes) -> RawTable:
    if b"\x00" in data[:4096]:
        raise TableError(_("Die Datei ist keine Tabelle (XLSX, ODS oder CSV)."))
    text, encoding = "", ""
    for codec, label in ENCODINGS:
        if codec == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            continue
        try:
            text, encoding = data.decode(codec), label
            break
        except UnicodeDecodeError:
            continue
    if not encoding:
        raise TableError(_("Der Zeichensatz der Datei ist unbekannt (erwartet: UTF-8 oder Windows-1252)."))
    delimiter = _delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = _collect((reader.line_num, row) for row in reader)
    except csv.Error:
        raise TableError(_("Die CSV-Datei ist fehlerhaft (Anführungszeichen oder Zeilenenden).")) from None
    detected = _(
        "CSV, Trennzeichen %(delimiter)s, Zeichensatz %(encoding)s", delimiter=DELIMITERS[delimiter], encoding=encoding
    )
    return RawTable(rows, detected)


def _delimiter(text: str) -> str:
    """The separator that splits the first lines most evenly into the most columns."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", -1.0
    for candidate in DELIMITERS:
        counts = [line.count(candidate) for line in lines]
        if not counts or max(counts) == 0:
            continue
        typical = sorted(counts)[len(counts) // 2]
        steady = sum(1 for c in counts if c == typical) / len(counts)
        score = typical * steady
        if score > best_score:
            best, best_score = candidate, score
    return best
