"""A package cannot exhaust memory or read files outside itself."""

import io
import json
import zipfile

import pytest

from kimweb.directory import package_csv, package_reader
from kimweb.directory.package_reader import PackageError, read_package


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_rows_are_capped(monkeypatch):
    monkeypatch.setattr(package_csv, "MAX_ROWS", 3)
    monkeypatch.setattr(package_csv.parse_csv, "__defaults__", (",", 3))
    data = zipped({"organizations.csv": "id,name\n" + "".join(f"{n},Org {n}\n" for n in range(10))})
    with pytest.raises(PackageError, match="mehr als 3 Zeilen"):
        read_package(data)


def test_total_size_is_capped(monkeypatch):
    monkeypatch.setattr(package_reader, "MAX_TOTAL", 1000)
    data = zipped({"organizations.csv": "id,name\n" + "x" * 2000 + ",y\n"})
    with pytest.raises(PackageError, match="zu groß"):
        read_package(data)


def test_the_same_file_cannot_be_named_twice():
    package = {"resources": [{"name": f"t{n}", "path": "organizations.csv"} for n in range(4)]}
    data = zipped({"datapackage.json": json.dumps(package), "organizations.csv": "id,name\n1,A\n"})
    with pytest.raises(PackageError, match="mehrfach"):
        read_package(data)


def test_a_folder_package_reads_nothing_outside_itself(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("id,name\n1,Geheim\n")
    package = tmp_path / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "organization", "path": str(secret)}]})
    )
    with pytest.raises(PackageError, match="absoluter Pfad"):
        read_package(package)
