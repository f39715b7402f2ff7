"""Taking an upload in: staged beside the store while hashed and size-checked, its content checked,
then moved into the store under its hash. A refused file leaves nothing behind."""

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage as Upload

from .blueprint import filesize
from .checks import Kind, Refused, clean_filename, sniff
from .storage import TooLarge, stage, store


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    media_type: str
    filename: str


def max_bytes() -> int:
    return int(current_app.config["DOCUMENTS_MAX_BYTES"])


def take(upload: Upload) -> Stored:
    """Check and store one uploaded file; Refused (with the reason) if it is not taken."""
    filename = clean_filename(upload.filename or "")
    storage = store()
    try:
        staged, sha256, size = stage(upload.stream, max_bytes(), storage)
    except TooLarge:
        raise Refused(
            _l("Die Datei ist größer als %(size)s und wird nicht angenommen.", size=filesize(max_bytes()))
        ) from None
    try:
        kind = sniff(staged, filename)
        filename = _with_extension(filename, kind)
        storage.adopt(staged, sha256)
    finally:
        Path(staged).unlink(missing_ok=True)
    return Stored(sha256, size, kind.media_type, filename)


def _with_extension(filename: str, kind: Kind) -> str:
    if Path(filename).suffix.lower() in kind.extensions:
        return filename
    return filename + kind.extensions[0]


def content_disposition(disposition: str, filename: str) -> str:
    """RFC 6266/5987: an ASCII fallback and the real name UTF-8 encoded."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{_rfc5987(filename)}"


def _rfc5987(value: str) -> str:
    safe = "!#$&+-.^_`|~"
    return "".join(
        chr(byte) if chr(byte).isalnum() and byte < 128 or chr(byte) in safe else f"%{byte:02X}"
        for byte in value.encode("utf-8")
    )
