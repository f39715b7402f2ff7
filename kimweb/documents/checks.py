"""What may enter the document store: the file's actual content decides its type (never its name or
what the browser claims); archives, programs, PDFs with scripts or attached files are refused."""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

HEAD = 8192
# Decompression bombs: images larger than this many pixels are refused.
MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Kind:
    media_type: str
    extensions: tuple[str, ...]
    label: str


KINDS = {
    "pdf": Kind("application/pdf", (".pdf",), "PDF"),
    "jpeg": Kind("image/jpeg", (".jpg", ".jpeg", ".jfif"), "JPEG"),
    "png": Kind("image/png", (".png",), "PNG"),
    "tiff": Kind("image/tiff", (".tif", ".tiff"), "TIFF"),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "DOCX"),
    "odt": Kind("application/vnd.oasis.opendocument.text", (".odt",), "ODT"),
    "txt": Kind("text/plain", (".txt", ".text"), "TXT"),
    "eml": Kind("message/rfc822", (".eml",), "E-Mail (EML)"),
    "msg": Kind("application/vnd.ms-outlook", (".msg",), "Outlook-E-Mail (MSG)"),
}
ALLOWED_LABELS = ", ".join(kind.label for kind in KINDS.values())


class Refused(Exception):
    """The file is not taken; the message says why, in words for the person who uploaded it."""


EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
ARCHIVE_MAGIC = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"MSCF", b"\x28\xb5\x2f\xfd")
EXECUTABLE_EXTENSIONS = {
    ".exe",
    ".com",
    ".bat",
    ".cmd",
    ".scr",
    ".msi",
    ".dll",
    ".js",
    ".vbs",
    ".ps1",
    ".jar",
    ".sh",
    ".lnk",
    ".hta",
    ".app",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A PDF that runs something or carries files: refused whether the names are spelt plainly or #-escaped.
PDF_ACTIVE_NAMES = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
PDF_NAME = re.compile(rb"/[A-Za-z0-9#]+")
STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)


def sniff(path: Path, filename: str) -> Kind:
    """The file's kind by content, checked against its name's extension; Refused otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD)
    if not head:
        raise Refused(_l("Die Datei ist leer."))
    extension = Path(filename).suffix.lower()
    if extension in EXECUTABLE_EXTENSIONS or head.startswith(EXECUTABLE_MAGIC):
        raise Refused(_l("Programme und Skripte werden nicht angenommen."))
    if head.startswith(ARCHIVE_MAGIC) or head[257:262] == b"ustar":
        raise Refused(_l("Archive (ZIP, RAR, 7z …) werden nicht angenommen. Bitte laden Sie die Dateien einzeln hoch."))
    code = _kind_code(path, head)
    kind = KINDS[code]
    if extension and extension not in kind.extensions:
        raise Refused(
            _l(
                "Die Datei heißt „%(name)s“, ist aber eine %(kind)s-Datei. Bitte prüfen Sie, ob es die richtige Datei ist.",
                name=filename,
                kind=kind.label,
            )
        )
    {"pdf": _check_pdf, "jpeg": _check_image, "png": _check_image, "tiff": _check_image}.get(code, _no_check)(path)
    return kind


def _kind_code(path: Path, head: bytes) -> str:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        raise Refused(_l("HEIC-Fotos kann kimweb nicht lesen. Bitte speichern Sie das Foto als JPEG."))
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(path)
    if head.startswith(OLE_MAGIC):
        # Outlook messages are OLE files with __substg1.0_ streams; Word 97 files and the like are not taken.
        if "__substg1.0_".encode("utf-16-le") in path.read_bytes():
            return "msg"
        raise Refused(_l("Alte Office-Dateien (DOC, XLS) werden nicht angenommen. Bitte als PDF speichern."))
    if _is_text(path):
        return "eml" if _is_email(path) else "txt"
    raise Refused(_l("Diese Art von Datei wird nicht angenommen. Erlaubt sind: %(kinds)s.", kinds=ALLOWED_LABELS))


def _office_kind(path: Path) -> str:
    """A ZIP is taken only as a DOCX or ODT text document (without macros); any other ZIP is an archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                if any(name.lower().startswith("basic/") or name.lower().startswith("scripts/") for name in names):
                    raise Refused(_l("Dokumente mit Makros werden nicht angenommen."))
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                if "vbaProject" in types or "macroEnabled" in types or any(n.endswith("vbaProject.bin") for n in names):
                    raise Refused(_l("Dokumente mit Makros werden nicht angenommen."))
                if DOCX_MAIN in types:
                    return "docx"
    except (zipfile.BadZipFile, KeyError, OSError):
        raise Refused(_l("Die Datei ist beschädigt oder unvollständig.")) from None
    raise Refused(_l("Archive (ZIP, RAR, 7z …) werden nicht angenommen. Bitte laden Sie die Dateien einzeln hoch."))


def _is_text(path: Path) -> bool:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\r\n\f" for c in text)


HEADER = re.compile(rb"^(From|To|Subject|Date|Received|Return-Path|Message-ID|MIME-Version|Delivered-To):", re.I | re.M)


def _is_email(path: Path) -> bool:
    head = path.read_bytes()[:HEAD]
    found = {match.group(1).lower() for match in HEADER.finditer(head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0])}
    if not ({b"from", b"date"} <= found or {b"from", b"subject"} <= found):
        return False
    with open(path, "rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    for part in message.walk():
        name = (part.get_filename() or "").lower()
        if Path(name).suffix in EXECUTABLE_EXTENSIONS:
            raise Refused(_l("Die E-Mail hat ein Programm im Anhang und wird nicht angenommen."))
    return True


def _no_check(_path: Path) -> None:
    return None


def _check_image(path: Path) -> None:
    try:
        with Image.open(path) as image:
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(_l("Das Bild ist zu groß (zu viele Bildpunkte).")) from None
    except Exception:  # Pillow raises many kinds for broken images
        raise Refused(_l("Das Bild ist beschädigt und kann nicht gelesen werden.")) from None


def _check_pdf(path: Path) -> None:
    # Dictionaries outside streams, as written (stream data is binary and may hold anything).
    data = STREAM.sub(b"", path.read_bytes())
    for raw in set(PDF_NAME.findall(data)):
        if _pdf_name(raw) in PDF_ACTIVE_NAMES:
            raise _active_pdf()
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise Refused(_l("Verschlüsselte PDF-Dateien werden nicht angenommen. Bitte ohne Kennwort speichern."))
        # Names inside compressed object streams are not visible in the bytes: read every object.
        for number, generation in _object_ids(reader):
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if _active(obj):
                raise _active_pdf()
        len(reader.pages)
    except Refused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise Refused(_l("Die PDF-Datei ist beschädigt und kann nicht gelesen werden.")) from None


def _active_pdf() -> Refused:
    return Refused(
        _l("PDF-Dateien mit Skripten, automatischen Aktionen oder angehängten Dateien werden nicht angenommen.")
    )


def _pdf_name(raw: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _object_ids(reader: PdfReader):
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def _active(obj) -> bool:
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in PDF_ACTIVE_NAMES:
                return True
            if key == "/S" and isinstance(value, NameObject) and value in PDF_ACTIVE_NAMES:
                return True
    if isinstance(obj, ArrayObject):
        return any(isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES for item in obj)
    return False


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
UNSAFE = re.compile(r'[\\/:*?"<>|]')


def clean_filename(name: str, fallback: str = "dokument") -> str:
    """The uploaded name without folders, control or reserved characters, and not hidden: for the
    database and the download (the store never uses it)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters (a right-to-left override can disguise "exe.pdf" as "fdp.exe").
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    name = UNSAFE.sub("_", CONTROL.sub("", name)).strip().strip(".").strip()
    name = re.sub(r"\s+", " ", name)
    if not name or set(name) <= {"_", " "}:
        name = fallback
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 10:
        return stem[: 199 - len(extension)] + "." + extension
    return name[:200]
