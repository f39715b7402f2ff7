"""The rows of one CSV file of an import (HSDS package or flat list), checked row by row: broken quoting,
NUL bytes, more columns than the header and ids twice in a table are collected for the report; the
problems of a whole package are PackageErrors with a German message naming the file and row."""

import csv
import io
from dataclasses import dataclass, field

from flask import current_app, has_app_context

from ..reports.downloads import unneutralise

# Data rows of all tables of a package together; the app setting DIRECTORY_IMPORT_MAX_ROWS overrides it.
MAX_ROWS = 100_000


class PackageError(Exception):
    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.file, self.row, self.field, self.message = file, row, field, message

    @property
    def problems(self) -> list["PackageError"]:
        return [self]


class PackageProblems(PackageError):
    """Several problems of single rows, all for the report."""

    def __init__(self, problems: list[PackageError]):
        first = problems[0]
        super().__init__(first.file, first.message, first.row, first.field)
        self._problems = problems

    @property
    def problems(self) -> list[PackageError]:
        return self._problems


@dataclass
class Table:
    name: str
    file: str
    # (row number as a spreadsheet shows it, the header being row 1; the row's values)
    rows: list[tuple[int, dict[str, str]]]
    header: list[str] = field(default_factory=list)


def row_limit() -> int:
    configured = current_app.config.get("DIRECTORY_IMPORT_MAX_ROWS") if has_app_context() else None
    try:
        return int(configured) if configured and int(configured) > 0 else MAX_ROWS
    except (TypeError, ValueError):
        return MAX_ROWS


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _decode(file: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PackageError(file, f"Die Datei ist nicht UTF-8-kodiert (Byte {error.start}).") from None


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    if "expected after" in text:
        return (
            "Nach einem schließenden Anführungszeichen folgt kein Trennzeichen "
            "(Anführungszeichen in einem Feld bitte verdoppeln)."
        )
    if "unexpected end of data" in text:
        return "Ein Anführungszeichen wird nicht geschlossen: Die Datei endet mitten im Feld."
    if "field larger than field limit" in text:
        return f"Ein Feld ist länger als {csv.field_size_limit()} Zeichen (oder ein Anführungszeichen fehlt)."
    if "new-line character" in text:
        return "Zeilenumbruch in einem Feld ohne Anführungszeichen."
    return "Die CSV-Datei ist fehlerhaft (Anführungszeichen oder Trennzeichen)."


def parse_csv(
    file: str, text: str, delimiter: str = ",", max_rows: int = MAX_ROWS, *, counted: int = 0
) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[PackageError]]:
    """The header, the rows and the problems of single rows. More rows than `max_rows` (together with
    `counted` rows of other files) is a PackageError. Values that kimweb's export neutralised for
    spreadsheets ("'+49 ...") are read back as they were."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[PackageError] = []
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    number = 1
    try:
        header = next(reader, None)
        if header is None:
            return [], [], []
        header = [h.strip() for h in header]
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if counted + len(rows) >= max_rows:
                raise PackageError(
                    file,
                    f"Das Paket hat mehr als {max_rows} Zeilen; mehr nimmt der Import nicht an "
                    "(Einstellung DIRECTORY_IMPORT_MAX_ROWS). Bitte teilen Sie die Daten auf.",
                    row=number,
                )
            if len(values) > len(header):
                problems.append(
                    PackageError(
                        file, f"Die Zeile hat {len(values)} Spalten, die Kopfzeile nur {len(header)}.", row=number
                    )
                )
                continue
            if any("\x00" in v for v in values):
                column = next(h for h, v in zip(header, values, strict=False) if "\x00" in v)
                problems.append(
                    PackageError(file, "Das Feld enthält ein NUL-Zeichen (Byte 0).", row=number, field=column)
                )
                continue
            values = [unneutralise(v) for v in values] + [""] * (len(header) - len(values))
            rows.append((number, dict(zip(header, values, strict=True))))
    except csv.Error as error:
        # `number` is the last row read whole; the broken one is the next (or the header).
        problems.append(PackageError(file, _csv_message(error), row=number + 1 if header is not None else 1))
        return header or [], rows, problems
    return header, rows, problems


def _duplicate_ids(file: str, header: list[str], rows: list[tuple[int, dict[str, str]]]) -> list[PackageError]:
    if "id" not in header:
        return []
    seen: dict[str, int] = {}
    problems = []
    for number, values in rows:
        key = values["id"].strip()
        if not key:
            continue
        if key in seen:
            problems.append(
                PackageError(file, f"Die Kennung „{key[:64]}“ steht schon in Zeile {seen[key]}.", number, "id")
            )
        else:
            seen[key] = number
    return problems
