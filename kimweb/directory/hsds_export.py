"""Export the directory as an HSDS CSV package (a zip with datapackage.json and one CSV per table).

The rows come from hsds_tables. The public export leaves out internal contacts and confidential
addresses; the internal one (for moving data between kimweb systems) keeps them.

Text cells that begin with =, +, -, @, a tab or a carriage return are neutralised (a leading
apostrophe, kimweb.reports.downloads.neutralise) like in every other CSV kimweb writes. HSDS is meant
for machines, but the people who receive the package open its CSV files in Excel or LibreOffice,
and a phone number "+49 208 ..." or a crafted description "=HYPERLINK(...)" would be read as a
formula there. Numbers (a negative longitude) stay numbers. The HSDS import undoes exactly this
(package_reader.parse_csv: downloads.unneutralise), so export -> import -> export gives the same bytes.
"""

import io
import zipfile

from ..reports.downloads import csv_text as write_csv
from .hsds_schema import TABLES, datapackage
from .hsds_tables import TABLE_ROWS, load


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "strftime") and hasattr(value, "hour") and not hasattr(value, "day"):
        return value.strftime("%H:%M")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def package_rows(internal: bool = False) -> dict[str, list[dict]]:
    directory = load(internal)
    return {name: TABLE_ROWS[name](directory) for name in TABLES}


def csv_text(columns, rows) -> str:
    return write_csv(columns, ([row.get(c) for c in columns] for row in rows), delimiter=",", cell=_text)


def package_files(internal: bool = False) -> dict[str, str]:
    rows = package_rows(internal)
    files = {"datapackage.json": datapackage(internal)}
    for name, (path, columns) in TABLES.items():
        files[path] = csv_text(columns, rows[name])
    return files


def export_zip(internal: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in package_files(internal).items():
            # A fixed date: the same data gives the same bytes.
            info = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
