"""Reading a CSV package (a zip file or a folder) into rows, with file and row numbers for the report."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .hsds_schema import TABLES

# Limits that keep one upload from exhausting a worker's memory (a few KB of zip can unpack to
# gigabytes): far above any city's directory, far below what hurts.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_TOTAL = 100 * 1024 * 1024
MAX_ROWS = 100_000
MAX_RESOURCES = 64


class PackageError(Exception):
    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.file, self.row, self.field, self.message = file, row, field, message


@dataclass
class Table:
    name: str
    file: str
    # (row number as a spreadsheet shows it, the header being row 1; the row's values)
    rows: list[tuple[int, dict[str, str]]]


def _decode(file: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PackageError(file, f"Die Datei ist nicht UTF-8-kodiert (Byte {error.start}).") from None


def parse_csv(
    file: str, text: str, delimiter: str = ",", max_rows: int = MAX_ROWS
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            return [], []
        header = [h.strip() for h in header]
        rows: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= max_rows:
                raise PackageError(file, f"Die Datei hat mehr als {max_rows} Zeilen.", row=number)
            if len(values) > len(header):
                raise PackageError(
                    file, f"Die Zeile hat {len(values)} Spalten, die Kopfzeile nur {len(header)}.", row=number
                )
            rows.append((number, dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))))
    except csv.Error as error:
        raise PackageError(file, f"Die CSV-Datei ist fehlerhaft: {error}", row=reader.line_num) from None
    return header, rows


class _Source:
    """Files of a package by relative path, from a zip (in memory) or a folder."""

    def __init__(self, source: Path | bytes):
        self._zip: zipfile.ZipFile | None = None
        self._folder: Path | None = None
        self._total = 0
        if isinstance(source, bytes):
            try:
                self._zip = zipfile.ZipFile(io.BytesIO(source))
            except zipfile.BadZipFile:
                raise PackageError("(Upload)", "Die Datei ist kein ZIP-Archiv.") from None
        elif source.is_dir():
            self._folder = source
        else:
            try:
                self._zip = zipfile.ZipFile(source)
            except (zipfile.BadZipFile, OSError):
                raise PackageError(source.name, "Die Datei ist kein ZIP-Archiv und kein Ordner.") from None
        self.base = self._find_base()

    def _names(self) -> list[str]:
        if self._zip:
            return [n for n in self._zip.namelist() if not n.endswith("/")]
        folder = self._package_folder()
        return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]

    def _package_folder(self) -> Path:
        if self._folder is None:
            raise RuntimeError("A package is read from a zip file or from a folder.")
        return self._folder

    def _find_base(self) -> str:
        # The package may sit in a folder inside the zip: start where datapackage.json is.
        candidates = sorted(
            (n for n in self._names() if PurePosixPath(n).name == "datapackage.json"), key=lambda n: n.count("/")
        )
        if candidates:
            parent = str(PurePosixPath(candidates[0]).parent)
            return "" if parent == "." else parent + "/"
        csvs = sorted((n for n in self._names() if n.lower().endswith(".csv")), key=lambda n: n.count("/"))
        if not csvs:
            raise PackageError("datapackage.json", "Im Paket gibt es weder datapackage.json noch CSV-Dateien.")
        parent = str(PurePosixPath(csvs[0]).parent)
        return "" if parent == "." else parent + "/"

    def files(self) -> list[str]:
        return [n[len(self.base) :] for n in self._names() if n.startswith(self.base)]

    def read(self, relative: str) -> bytes | None:
        name = self.base + relative
        if ".." in PurePosixPath(relative).parts:
            return None
        if self._zip:
            try:
                info = self._zip.getinfo(name)
            except KeyError:
                return None
            if info.file_size > MAX_UNCOMPRESSED:
                raise PackageError(relative, "Die Datei ist zu groß.")
            self._count(relative, info.file_size)
            return self._zip.read(info)
        folder = self._package_folder().resolve()
        path = (folder / name).resolve()
        # datapackage.json may name any path: only files inside the package's folder are read.
        if not path.is_relative_to(folder) or not path.is_file():
            return None
        size = path.stat().st_size
        if size > MAX_UNCOMPRESSED:
            raise PackageError(relative, "Die Datei ist zu groß.")
        self._count(relative, size)
        return path.read_bytes()

    def _count(self, relative: str, size: int) -> None:
        self._total += size
        if self._total > MAX_TOTAL:
            raise PackageError(relative, "Das Paket ist zu groß (mehr als 100 MB entpackt).")


def read_package(source: Path | bytes) -> tuple[dict[str, Table], list[str]]:
    """The tables by HSDS resource name, and files present but not described by the package."""
    files = _Source(source)
    raw = files.read("datapackage.json")
    resources: dict[str, str] = {}
    if raw is not None:
        try:
            package = json.loads(_decode("datapackage.json", raw))
            for resource in package.get("resources", []):
                if isinstance(resource, dict) and isinstance(resource.get("path"), str):
                    resources[str(resource.get("name") or PurePosixPath(resource["path"]).stem)] = resource["path"]
        except (ValueError, AttributeError):
            raise PackageError("datapackage.json", "datapackage.json ist kein gültiges JSON.") from None
    else:
        by_file = {path: name for name, (path, _columns) in TABLES.items()}
        for path in files.files():
            if path.lower().endswith(".csv"):
                resources[by_file.get(path, PurePosixPath(path).stem)] = path
    if len(resources) > MAX_RESOURCES or len(set(resources.values())) < len(resources):
        raise PackageError("datapackage.json", "datapackage.json nennt zu viele oder mehrfach dieselben Dateien.")
    tables = {}
    for name, path in resources.items():
        data = files.read(path)
        if data is None:
            raise PackageError(path, f"Die Datei fehlt, obwohl datapackage.json sie als „{name}“ nennt.")
        _header, rows = parse_csv(path, _decode(path, data))
        tables[name] = Table(name, path, rows)
    described = set(resources.values()) | {"datapackage.json"}
    extra = sorted(f for f in files.files() if f not in described and not f.startswith("."))
    return tables, extra
