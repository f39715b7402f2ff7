"""Crafted HSDS packages and flat lists: each ends in a German message naming the problem (and the
file and row), never in a 500 or a traceback; the directory stays as it was; the CLI exits non-zero.

Every package is built here, with zipfile and raw byte edits of its headers."""

import html
import io
import json
import os
import struct
import zipfile
from functools import cache

import pytest
from sqlalchemy import func, select

from kimweb.directory.hsds_import import import_package
from kimweb.directory.models import Organization, Phone, Service
from kimweb.directory.upkeep_models import ImportRun
from kimweb.extensions import db

ORG_HEADER = "id,name,alternate_name,description,email,url,legal_status\n"
GOOD_ORGS = ORG_HEADER + "o1,Caritas Oberhausen,,,,https://example.org,e. V.\n"


def datapackage(*resources: tuple[str, str]) -> str:
    return json.dumps({"name": "test", "resources": [{"name": n, "path": p} for n, p in resources]})


def zipped(files: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, content)
    return buffer.getvalue()


def organizations(csv_text: str) -> bytes:
    return zipped(
        {"datapackage.json": datapackage(("organization", "organizations.csv")), "organizations.csv": csv_text}
    )


def edit_headers(data: bytes, name: str, **fields: int) -> bytes:
    """Overwrite fields of one member's local and central directory header (APPNOTE 4.3.7 / 4.3.12)."""
    local = {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<I"), "size": (22, "<I")}
    central = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"), "size": (24, "<I")}
    out = bytearray(data)
    encoded = name.encode()
    for signature, layout, name_at in ((b"PK\x03\x04", local, 30), (b"PK\x01\x02", central, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if out[start + name_at : start + name_at + len(encoded)] == encoded:
                for key, value in fields.items():
                    offset, fmt = layout[key]
                    struct.pack_into(fmt, out, start + offset, value)
            start += 4
    return bytes(out)


def member_data_offset(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_length + extra_length


@cache
def lying_size() -> bytes:
    # 64 MB of content, a header that says 100 bytes.
    data = organizations(ORG_HEADER + "o1,A" + "x" * (64 * 1024 * 1024) + ",,,,,\n")
    return edit_headers(data, "organizations.csv", size=100)


def declared_huge() -> bytes:
    return edit_headers(organizations(GOOD_ORGS), "organizations.csv", size=3_000_000_000)


@cache
def ratio_bomb() -> bytes:
    return organizations(ORG_HEADER + "o1,A" + " " * (40 * 1024 * 1024) + ",,,,,\n")


def bad_crc() -> bytes:
    return edit_headers(organizations(GOOD_ORGS), "organizations.csv", crc=0x12345678)


def corrupt_stream() -> bytes:
    data = bytearray(organizations(GOOD_ORGS * 50))
    start = member_data_offset(bytes(data), "organizations.csv")
    data[start : start + 40] = b"\xff" * 40
    return bytes(data)


def symlink_entry() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organizations.csv", GOOD_ORGS)
        link = zipfile.ZipInfo("secret.csv")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def with_datapackage_path(path: str) -> bytes:
    return zipped({"datapackage.json": datapackage(("organization", path)), "organizations.csv": GOOD_ORGS})


@cache
def rows(n: int) -> bytes:
    return organizations("id,name\n" + "".join(f"o{i},Träger {i}\n" for i in range(n)))


CRAFTED = {
    "lying size header": (lying_size, "Prüfsumme (CRC)"),
    "declared huge": (declared_huge, "zu groß"),
    "ratio bomb": (ratio_bomb, "ZIP-Bombe"),
    "deflate64": (lambda: edit_headers(organizations(GOOD_ORGS), "organizations.csv", method=9), "Deflate64"),
    "bzip2": (lambda: organizations_packed(zipfile.ZIP_BZIP2), "BZIP2"),
    "crc error": (bad_crc, "Prüfsumme (CRC) stimmt nicht"),
    "corrupt stream": (corrupt_stream, "beschädigt"),
    "encrypted": (lambda: edit_headers(organizations(GOOD_ORGS), "organizations.csv", flags=1), "verschlüsselt"),
    "truncated": (lambda: organizations(GOOD_ORGS)[:-30], "kein ZIP-Archiv"),
    "empty file": (lambda: b"", "kein ZIP-Archiv"),
    "empty zip": (lambda: zipped({}), "weder datapackage.json noch CSV-Dateien"),
    "not a zip": (lambda: b"%PDF-1.4 not a zip at all", "kein ZIP-Archiv"),
    "symlink entry": (symlink_entry, "symbolischer Link"),
    "dotdot entry": (lambda: zipped({"../organizations.csv": GOOD_ORGS}), "aus dem Paket heraus"),
    "absolute entry": (lambda: zipped({"/tmp/organizations.csv": GOOD_ORGS}), "absoluter Pfad"),
    "datapackage dotdot": (lambda: with_datapackage_path("../../etc/passwd"), "aus dem Paket heraus"),
    "datapackage absolute": (lambda: with_datapackage_path("/etc/passwd"), "absoluter Pfad"),
    "datapackage url": (lambda: with_datapackage_path("https://example.org/o.csv"), "Web-Adresse"),
    "datapackage not json": (
        lambda: zipped({"datapackage.json": "[" * 100_000, "organizations.csv": GOOD_ORGS}),
        "kein gültiges JSON",
    ),
    "datapackage no list": (
        lambda: zipped({"datapackage.json": '{"resources": 7}', "organizations.csv": GOOD_ORGS}),
        "keine Liste",
    ),
    "1e6 rows": (lambda: rows(1_000_000), "mehr als 100000 Zeilen"),
    "field over csv limit": (lambda: organizations(ORG_HEADER + "o1,A," + "x" * 200_000 + ",,,,\n"), "länger als"),
}


def organizations_packed(method: int) -> bytes:
    return zipped({"organizations.csv": GOOD_ORGS}, method)


# Problems of single rows: all reported, with file, row and field.
ROW_PROBLEMS = {
    "duplicate id": (
        ORG_HEADER + "o1,A,,,,,\no2,B,,,,,\no1,C,,,,,\n",
        ("organizations.csv", 4, "id", "Die Kennung „o1“ steht schon in Zeile 2."),
    ),
    "broken quoting": (
        ORG_HEADER + 'o1,"Acme" Ltd,,,,,\n',
        ("organizations.csv", 2, None, "Nach einem schließenden Anführungszeichen folgt kein Trennzeichen"),
    ),
    "unclosed quote": (
        ORG_HEADER + 'o1,A,,,,,\no2,"Acme,,,,,\n',
        ("organizations.csv", 3, None, "Ein Anführungszeichen wird nicht geschlossen"),
    ),
    "nul byte": (ORG_HEADER + "o1,Ac\x00me,,,,,\n", ("organizations.csv", 2, "name", "NUL-Zeichen")),
    "javascript url": (
        ORG_HEADER + "o1,A,,,,javascript:alert(1),\n",
        ("organizations.csv", 2, "url", "Keine gültige Web-Adresse (http/https)"),
    ),
    "data url": (
        ORG_HEADER + 'o1,A,,,,"data:text/html,<script>x</script>",\n',
        ("organizations.csv", 2, "url", "Keine gültige Web-Adresse"),
    ),
    "ftp url": (ORG_HEADER + "o1,A,,,,ftp://example.org/,\n", ("organizations.csv", 2, "url", "Web-Adresse")),
    "name too long": (
        ORG_HEADER + "o1," + "N" * 201 + ",,,,,\n",
        ("organizations.csv", 2, "name", "Zu lang: 201 Zeichen, höchstens 200."),
    ),
    "description too long": (
        ORG_HEADER + "o1,A,," + "d" * 5001 + ",,,\n",
        ("organizations.csv", 2, "description", "Zu lang: 5001 Zeichen, höchstens 5000."),
    ),
    "too many columns": (ORG_HEADER + "o1,A,,,,,,,\n", ("organizations.csv", 2, None, "Spalten")),
}


def directory_state() -> tuple:
    return (
        db.session.scalar(select(func.count()).select_from(Organization)),
        db.session.scalar(select(func.count()).select_from(Service)),
        db.session.scalar(select(func.count()).select_from(Phone)),
        tuple(db.session.scalars(select(Organization.name).order_by(Organization.id))),
    )


@pytest.fixture
def existing(app):
    """A directory with one agency, to show that a refused import leaves it as it was."""
    report = import_package(organizations(ORG_HEADER + "o0,Bestehender Träger,,,,,\n"), "start.zip")
    assert report.ok, report.errors
    db.session.commit()
    return directory_state()


def upload(client, data: bytes, name: str = "paket.zip"):
    return client.post(
        "/wegweiser/austausch/hsds",
        data={"hsds-file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def last_run() -> ImportRun:
    return db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()


def messages(run: ImportRun) -> list[str]:
    return [e["message"] for e in json.loads(run.report)["errors"]]


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_package_upload(client, login_as, existing, case):
    build, expected = CRAFTED[case]
    login_as("admin")
    response = upload(client, build())
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert expected in html.unescape(page.text) and "abgebrochen" in page.text
    assert "Traceback" not in page.text
    run = last_run()
    assert not run.succeeded and any(expected in m for m in messages(run))
    assert directory_state() == existing


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_package_cli(runner, existing, tmp_path, case):
    build, expected = CRAFTED[case]
    path = tmp_path / "paket.zip"
    path.write_bytes(build())
    result = runner.invoke(args=["directory", "import-hsds", str(path)])
    assert result.exit_code == 1, result.output
    assert expected in result.output and "Import abgebrochen; die Datenbank ist unverändert." in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert directory_state() == existing


@pytest.mark.parametrize("case", ROW_PROBLEMS)
def test_row_problems_are_reported_with_file_row_and_field(client, login_as, runner, existing, tmp_path, case):
    text, (file, row, field, message) = ROW_PROBLEMS[case]
    report = import_package(organizations(text), "paket.zip")
    assert not report.ok
    assert any(
        (e["file"], e["row"], e["field"]) == (file, row, field) and message in e["message"] for e in report.errors
    ), report.errors
    db.session.rollback()
    assert directory_state() == existing
    login_as("admin")
    page = client.get(upload(client, organizations(text)).headers["Location"])
    assert page.status_code == 200 and message in html.unescape(page.text)
    path = tmp_path / "paket.zip"
    path.write_bytes(organizations(text))
    result = runner.invoke(args=["directory", "import-hsds", str(path)])
    assert result.exit_code == 1 and message in result.output and f"Zeile {row}" in result.output
    assert directory_state() == existing


def test_every_row_problem_is_listed_not_only_the_first(app):
    text = ORG_HEADER + "o1,A\x00,,,,,\no1,B,,,,,\no3,C,,,,,,,,\n"
    report = import_package(organizations(text), "paket.zip")
    assert [(e["row"], e["field"]) for e in report.errors] == [(2, "name"), (4, None)]
    text = ORG_HEADER + "o1,A,,,,,\no1,B,,,,,\no2,C,,,,,\no2,D,,,,,\n"
    assert [e["row"] for e in import_package(organizations(text), "paket.zip").errors] == [3, 5]


def test_the_row_limit_is_configurable(app, runner, tmp_path):
    app.config["DIRECTORY_IMPORT_MAX_ROWS"] = 5
    report = import_package(rows(6), "paket.zip")
    assert not report.ok and "mehr als 5 Zeilen" in report.errors[0]["message"]
    assert "DIRECTORY_IMPORT_MAX_ROWS" in report.errors[0]["message"]
    assert import_package(rows(5), "paket.zip").ok
    db.session.rollback()


def test_control_characters_are_removed_like_in_the_forms(app):
    report = import_package(organizations(ORG_HEADER + "o1,Ac\x07me\x1b Hilfe ,,,,,\n"), "paket.zip")
    db.session.commit()
    assert report.ok, report.errors
    assert db.session.scalar(select(Organization.name)) == "Acme Hilfe"


def folder(tmp_path, files: dict[str, str]):
    package = tmp_path / "paket"
    package.mkdir()
    for name, text in files.items():
        (package / name).write_text(text)
    return package


@pytest.mark.parametrize(
    "make,expected",
    [
        (
            lambda tmp: os.symlink(tmp / "geheim.csv", tmp / "paket" / "organizations.csv"),
            "symbolischer Link",
        ),
        (lambda tmp: os.symlink(tmp, tmp / "paket" / "oben"), "symbolischer Link"),
        (
            lambda tmp: (tmp / "paket" / "datapackage.json").write_text(datapackage(("organization", "../geheim.csv"))),
            "aus dem Paket heraus",
        ),
        (
            lambda tmp: (tmp / "paket" / "datapackage.json").write_text(
                datapackage(("organization", str(tmp / "geheim.csv")))
            ),
            "absoluter Pfad",
        ),
    ],
)
def test_folder_packages_read_nothing_outside(runner, existing, tmp_path, make, expected):
    (tmp_path / "geheim.csv").write_text("id,name\ng1,Geheim\n")
    package = folder(tmp_path, {})
    make(tmp_path)
    result = runner.invoke(args=["directory", "import-hsds", str(package)])
    assert result.exit_code == 1 and expected in result.output, result.output
    assert "Geheim" not in result.output
    assert directory_state() == existing


def test_upload_with_a_crafted_file_name(client, login_as, existing):
    login_as("admin")
    response = upload(client, b"nope", name="a\x00b\x1b.zip")
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).status_code == 200
    assert last_run().source == "ab.zip"


# The flat one-sheet list gets the same checks.
FLAT_HEADER = "Träger;Angebot;Beschreibung;Website;Telefon\n"
FLAT_PROBLEMS = {
    "nul": (FLAT_HEADER + "T;A\x00;;;\n", 2, "NUL-Zeichen"),
    "quoting": (FLAT_HEADER + 'T;"A" B;;;\n', 2, "Anführungszeichen"),
    "duplicate": (FLAT_HEADER + "T;A;;;\nT;a;;;\n", 3, "steht schon in Zeile 2"),
    "javascript": (FLAT_HEADER + "T;A;;javascript:alert(1);\n", 2, "Keine gültige Web-Adresse"),
    "data url": (FLAT_HEADER + "T;A;;data:text/html,x;\n", 2, "Keine gültige Web-Adresse"),
    "too long": (FLAT_HEADER + "T;" + "A" * 201 + ";;;\n", 2, "höchstens 200"),
    "description too long": (FLAT_HEADER + "T;A;" + "b" * 5001 + ";;\n", 2, "höchstens 5000"),
}


@pytest.mark.parametrize("case", FLAT_PROBLEMS)
def test_flat_list_problems(client, login_as, runner, existing, tmp_path, case):
    text, row, message = FLAT_PROBLEMS[case]
    login_as("admin")
    response = client.post(
        "/wegweiser/austausch/tabelle",
        data={"tabelle-file": (io.BytesIO(text.encode()), "liste.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    page = html.unescape(client.get(response.headers["Location"]).text)
    assert message in page and "abgebrochen" in page
    path = tmp_path / "liste.csv"
    path.write_bytes(text.encode())
    result = runner.invoke(args=["directory", "import-table", str(path)])
    assert result.exit_code == 1 and message in result.output and f"Zeile {row}" in result.output
    assert directory_state() == existing


def test_flat_list_row_limit(app, runner, existing, tmp_path):
    app.config["DIRECTORY_IMPORT_MAX_ROWS"] = 3
    path = tmp_path / "liste.csv"
    path.write_text(FLAT_HEADER + "".join(f"T;Angebot {n};;;\n" for n in range(4)))
    result = runner.invoke(args=["directory", "import-table", str(path)])
    assert result.exit_code == 1 and "mehr als 3 Zeilen" in result.output
    assert directory_state() == existing
