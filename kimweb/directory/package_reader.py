"""Reading a CSV package (a zip file or a folder) into rows, with file and row numbers for the report.

A package comes from outside and may be crafted: every way it can go wrong ends in a PackageError
with a German message naming the file (and row), never in a traceback. Refused outright: what is
not a zip or folder, zip entries that are encrypted, symbolic links, packed with a method other than
stored/deflate (Deflate64, ...), damaged (CRC, truncated), unpack to too much (a lying size header is
caught by the CRC check, a real "zip bomb" by the size and ratio limits), paths that point out of the
package (`../`, absolute paths, web addresses, links) in the zip, the folder or datapackage.json,
and more rows than the configured limit. Problems of single rows are collected by
kimweb/directory/package_csv.py, all of them.
"""

import io
import json
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .hsds_schema import TABLES
from .package_csv import PackageError, PackageProblems, Table, _decode, _duplicate_ids, _megabytes, parse_csv, row_limit

# Limits that keep one upload from exhausting a worker's memory (a few KB of zip can unpack to
# gigabytes): far above any city's directory, far below what hurts.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_TOTAL = 100 * 1024 * 1024
MAX_RESOURCES = 64
MAX_ENTRIES = 1000
MAX_DATAPACKAGE = 1024 * 1024
# A CSV file packs 3 to 20 times; one that packs more than this (and is bigger than RATIO_FROM) is a bomb.
MAX_RATIO = 200
RATIO_FROM = 1024 * 1024

# Zip methods by number (APPNOTE 4.4.5), to name the one that is refused.
METHODS = {9: "Deflate64", 10: "PKWARE DCL Implode", 12: "BZIP2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd"}
SUPPORTED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _outside(path: str) -> str | None:
    """Why a path from a package points outside of it, or None."""
    if "\x00" in path:
        return "enthält ein NUL-Zeichen"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) or re.match(r"^(data|javascript|file):", path, re.I):
        return "ist eine Web-Adresse; gelesen werden nur Dateien im Paket"
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "ist ein absoluter Pfad; erlaubt sind nur Pfade innerhalb des Pakets"
    if ".." in re.split(r"[/\\]", path):
        return "zeigt mit „..“ aus dem Paket heraus"
    return None


class _Source:
    """Files of a package by relative path, from a zip (in memory) or a folder."""

    def __init__(self, source: Path | bytes):
        self._zip: zipfile.ZipFile | None = None
        self._folder: Path | None = None
        self._total = 0
        self.label = "(Upload)" if isinstance(source, bytes) else source.name
        if isinstance(source, bytes):
            self._open_zip(io.BytesIO(source), self.label)
        elif source.is_dir():
            self._folder = source.resolve()
            self._folder_names = self._walk(self._folder)
        else:
            try:
                size = source.stat().st_size
            except OSError:
                raise PackageError(source.name, "Die Datei lässt sich nicht lesen.") from None
            if size > MAX_TOTAL:
                raise PackageError(source.name, f"Die Datei ist zu groß ({_megabytes(size)}, höchstens 100 MB).")
            self._open_zip(source, source.name, "Die Datei ist kein ZIP-Archiv (oder unvollständig) und kein Ordner.")
        self.base = self._find_base()

    def _open_zip(
        self, source, label: str, not_a_zip: str = "Die Datei ist kein ZIP-Archiv (oder unvollständig)."
    ) -> None:
        try:
            self._zip = zipfile.ZipFile(source)
            infos = self._zip.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,
            OSError,
            EOFError,
            ValueError,
            OverflowError,
            IndexError,
        ):
            raise PackageError(label, not_a_zip) from None
        if len(infos) > MAX_ENTRIES:
            raise PackageError(label, f"Das ZIP-Archiv enthält mehr als {MAX_ENTRIES} Dateien.")
        total = 0
        for info in infos:
            self._check_entry(info)
            total += info.file_size
        if total > MAX_TOTAL:
            raise PackageError(
                label, f"Das Paket ist entpackt zu groß ({_megabytes(total)}, höchstens {_megabytes(MAX_TOTAL)})."
            )

    @staticmethod
    def _check_entry(info: zipfile.ZipInfo) -> None:
        name = info.filename
        if why := _outside(name):
            raise PackageError(name, f"Der Eintrag im ZIP-Archiv {why}.")
        if info.flag_bits & 0x1:
            raise PackageError(name, "Die Datei im ZIP-Archiv ist verschlüsselt; bitte ohne Kennwort packen.")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(
                name, "Der Eintrag im ZIP-Archiv ist eine Verknüpfung (symbolischer Link); solche liest kimweb nicht."
            )
        if info.is_dir():
            return
        if info.compress_type not in SUPPORTED:
            method = METHODS.get(info.compress_type, f"Verfahren {info.compress_type}")
            raise PackageError(
                name,
                f"Die Datei ist mit {method} gepackt; das liest kimweb nicht. "
                "Bitte als gewöhnliches ZIP (Deflate) packen.",
            )
        if info.file_size > MAX_UNCOMPRESSED:
            raise PackageError(
                name, f"Die Datei ist zu groß ({_megabytes(info.file_size)}, höchstens {_megabytes(MAX_UNCOMPRESSED)})."
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                name,
                f"Die Datei ist ungewöhnlich stark gepackt (1:{info.file_size // max(info.compress_size, 1)}); "
                "das Paket sieht nach einer ZIP-Bombe aus und wird nicht entpackt.",
            )

    @staticmethod
    def _walk(folder: Path) -> list[str]:
        names: list[str] = []
        for root, dirs, files in os.walk(folder, followlinks=False):
            for entry in dirs + files:
                path = Path(root) / entry
                relative = path.relative_to(folder).as_posix()
                if path.is_symlink():
                    raise PackageError(
                        relative,
                        "Im Paketordner liegt eine Verknüpfung (symbolischer Link); solche liest kimweb nicht.",
                    )
                if entry in files and path.is_file():
                    names.append(relative)
                if len(names) > MAX_ENTRIES:
                    raise PackageError(folder.name, f"Der Ordner enthält mehr als {MAX_ENTRIES} Dateien.")
        return names

    def _names(self) -> list[str]:
        if self._zip:
            return [n for n in self._zip.namelist() if not n.endswith("/")]
        return self._folder_names

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
            raise PackageError(self.label, "Im Paket gibt es weder datapackage.json noch CSV-Dateien.")
        parent = str(PurePosixPath(csvs[0]).parent)
        return "" if parent == "." else parent + "/"

    def files(self) -> list[str]:
        return [n[len(self.base) :] for n in self._names() if n.startswith(self.base)]

    def read(self, relative: str, limit: int = MAX_UNCOMPRESSED) -> bytes | None:
        if why := _outside(relative):
            raise PackageError(relative, f"Der Pfad {why}.")
        name = self.base + relative
        if self._zip:
            try:
                info = self._zip.getinfo(name)
            except KeyError:
                return None
            return self._read_zip(relative, info, limit)
        folder = self._package_folder()
        path = folder / name
        if path.is_symlink():
            raise PackageError(
                relative, "Die Datei ist eine Verknüpfung (symbolischer Link); solche liest kimweb nicht."
            )
        if not path.resolve().is_relative_to(folder):
            raise PackageError(relative, "Der Pfad zeigt aus dem Paketordner heraus.")
        if not path.is_file():
            return None
        try:
            size = path.stat().st_size
            if size > limit:
                raise PackageError(
                    relative, f"Die Datei ist zu groß ({_megabytes(size)}, höchstens {_megabytes(limit)})."
                )
            self._count(relative, size)
            with path.open("rb") as file:
                return file.read(limit + 1)
        except OSError:
            raise PackageError(relative, "Die Datei lässt sich nicht lesen.") from None

    def _read_zip(self, relative: str, info: zipfile.ZipInfo, limit: int) -> bytes:
        if info.file_size > limit:
            raise PackageError(relative, f"Die Datei ist zu groß ({_megabytes(info.file_size)}).")
        self._count(relative, info.file_size)
        assert self._zip is not None
        try:
            # zipfile stops at the size the archive declares and then checks the CRC: a header that
            # claims a small size for a huge content ends in "Bad CRC-32", never in a huge read.
            with self._zip.open(info) as member:
                data = member.read(limit + 1)
            if len(data) > limit:
                raise PackageError(relative, "Die Datei ist zu groß.")
            return data
        except zipfile.BadZipFile as error:
            if "CRC" in str(error):
                raise PackageError(
                    relative,
                    "Die Prüfsumme (CRC) stimmt nicht: Die Datei im ZIP-Archiv ist beschädigt "
                    "oder ihre Größenangabe ist falsch.",
                ) from None
            raise PackageError(
                relative, "Die Datei im ZIP-Archiv ist beschädigt und lässt sich nicht entpacken."
            ) from None
        except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError, IndexError):
            raise PackageError(
                relative, "Die Datei im ZIP-Archiv ist beschädigt und lässt sich nicht entpacken."
            ) from None

    def _count(self, relative: str, size: int) -> None:
        self._total += size
        if self._total > MAX_TOTAL:
            raise PackageError(relative, "Das Paket ist zu groß (mehr als 100 MB entpackt).")


def _resources(files: _Source) -> dict[str, str]:
    raw = files.read("datapackage.json", MAX_DATAPACKAGE)
    resources: dict[str, str] = {}
    if raw is None:
        by_file = {path: name for name, (path, _columns) in TABLES.items()}
        for path in files.files():
            if path.lower().endswith(".csv"):
                resources[by_file.get(path, PurePosixPath(path).stem)] = path
        return resources
    try:
        package = json.loads(_decode("datapackage.json", raw))
    except (ValueError, RecursionError):
        raise PackageError("datapackage.json", "datapackage.json ist kein gültiges JSON.") from None
    listed = package.get("resources", []) if isinstance(package, dict) else None
    if not isinstance(listed, list):
        raise PackageError("datapackage.json", "datapackage.json hat keine Liste „resources“.")
    for resource in listed:
        if not isinstance(resource, dict) or "path" not in resource:
            continue
        path = resource["path"]
        if not isinstance(path, str) or not path.strip():
            raise PackageError(
                "datapackage.json",
                "Eine Ressource nennt keinen einzelnen Dateipfad (kimweb liest nur einen je Tabelle).",
            )
        name = resource.get("name")
        name = name if isinstance(name, str) and name.strip() else PurePosixPath(path).stem
        if why := _outside(path):
            raise PackageError("datapackage.json", f"Der Pfad „{path[:100]}“ der Ressource „{name[:60]}“ {why}.")
        resources[name[:100]] = path
    return resources


def read_package(source: Path | bytes) -> tuple[dict[str, Table], list[str]]:
    """The tables by HSDS resource name, and files present but not described by the package."""
    files = _Source(source)
    resources = _resources(files)
    if len(resources) > MAX_RESOURCES or len(set(resources.values())) < len(resources):
        raise PackageError("datapackage.json", "datapackage.json nennt zu viele oder mehrfach dieselben Dateien.")
    tables = {}
    problems: list[PackageError] = []
    limit, counted = row_limit(), 0
    for name, path in resources.items():
        data = files.read(path)
        if data is None:
            raise PackageError(path, f"Die Datei fehlt, obwohl datapackage.json sie als „{name}“ nennt.")
        header, rows, found = parse_csv(path, _decode(path, data), ",", limit, counted=counted)
        counted += len(rows)
        problems += found + _duplicate_ids(path, header, rows)
        tables[name] = Table(name, path, rows, header)
    if problems:
        raise PackageProblems(problems)
    described = set(resources.values()) | {"datapackage.json"}
    extra = sorted(f for f in files.files() if f not in described and not f.startswith("."))
    return tables, extra


def read_limited(path: Path, limit: int = MAX_UNCOMPRESSED) -> bytes:
    """A single file (the flat list on the command line), refused when larger than `limit`."""
    try:
        if not path.is_file():
            raise PackageError(path.name, "Das ist keine Datei.")
        size = path.stat().st_size
        if size > limit:
            raise PackageError(path.name, f"Die Datei ist zu groß ({_megabytes(size)}, höchstens {_megabytes(limit)}).")
        with path.open("rb") as file:
            return file.read(limit + 1)
    except OSError:
        raise PackageError(path.name, "Die Datei lässt sich nicht lesen.") from None
