"""Export the directory as an HSDS CSV package (a zip with datapackage.json and one CSV per table).

The rows come from hsds_tables. The public export leaves out internal contacts and confidential
addresses; the internal one (for moving data between kimweb systems) keeps them.
"""

import csv
import io
import zipfile

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
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _text(row.get(c)) for c in columns})
    return out.getvalue()


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
