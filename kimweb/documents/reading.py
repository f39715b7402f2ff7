"""Reading a document after upload, in a background thread of the same process: the PDF's text
layer, OCR (Tesseract, German) for scans and photos, the text of TXT/e-mail/DOCX/ODT files, and a
small preview image. A claim on the row lets one process of several take each document; a claim
older than CLAIM_STALE (a worker that died) is taken over by the next upload or page view."""

import io
import logging
import re
import shutil
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from functools import cache
from pathlib import Path

import pytesseract
from flask import Flask, current_app
from PIL import Image, ImageOps, ImageSequence
from pypdf import PdfReader
from sqlalchemy import CursorResult, or_, select, update

from ..extensions import db
from ..textfold import fold
from ..timeutil import utcnow
from .models import TEXT_DONE, TEXT_FAILED, TEXT_NONE, TEXT_PENDING, Document
from .storage import put_bytes, store

log = logging.getLogger(__name__)

CLAIM_STALE = timedelta(minutes=15)
MAX_PAGES = 50
MAX_TEXT = 500_000
MAX_UNZIPPED = 50 * 1024 * 1024
THUMBNAIL = (240, 320)
# A PDF page with less text than this is taken for a scan.
SCANNED_PAGE_CHARS = 25
OCR_TIMEOUT = 300

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kimweb-documents")
_pending: set[Future] = set()


@cache
def _tesseract_languages(command: str) -> frozenset[str]:
    if not shutil.which(command):
        return frozenset()
    pytesseract.pytesseract.tesseract_cmd = command
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        return frozenset()


def ocr_available(app: Flask | None = None) -> bool:
    """OCR is on when configured (DOCUMENTS_OCR) and Tesseract with German is installed."""
    config = (app or current_app).config
    return bool(config["DOCUMENTS_OCR"]) and "deu" in _tesseract_languages(config["DOCUMENTS_TESSERACT"])


def schedule(document_id: int) -> None:
    """Read the document after the response has gone (the caller has committed its row)."""
    # The thread needs the app itself, not the request's proxy to it.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    future = _executor.submit(_read_in_context, app, document_id)
    _pending.add(future)
    future.add_done_callback(_pending.discard)


def wait_idle(timeout: float = 120) -> None:
    """Until every scheduled reading has finished (tests, the CLI)."""
    wait(list(_pending), timeout=timeout)


def _read_in_context(app: Flask, document_id: int) -> None:
    with app.app_context():
        try:
            read_document(document_id)
        except Exception:  # one unreadable file must not end the worker; the page says "failed"
            log.exception("reading document %s failed", document_id)
            db.session.rollback()
            db.session.execute(update(Document).where(Document.id == document_id).values(text_status=TEXT_FAILED))
            db.session.commit()
        finally:
            db.session.remove()


def claim(document_id: int) -> bool:
    """Take the document for reading, unless another process holds a fresh claim."""
    now = utcnow()
    taken: CursorResult = db.session.execute(  # type: ignore[assignment]
        update(Document)
        .where(
            Document.id == document_id,
            Document.text_status == TEXT_PENDING,
            or_(Document.text_claimed_at.is_(None), Document.text_claimed_at < now - CLAIM_STALE),
        )
        .values(text_claimed_at=now)
    )
    db.session.commit()
    return taken.rowcount == 1


def stale_pending(client_id: int | None = None) -> list[int]:
    """Documents still waiting whose reader is gone (never claimed or claimed long ago)."""
    query = select(Document.id).where(
        Document.text_status == TEXT_PENDING,
        or_(Document.text_claimed_at.is_(None), Document.text_claimed_at < utcnow() - CLAIM_STALE),
    )
    if client_id is not None:
        query = query.where(Document.client_id == client_id)
    return list(db.session.scalars(query))


def read_document(document_id: int) -> None:
    if not claim(document_id):
        return
    document = db.session.get(Document, document_id)
    if document is None:
        return
    storage = store()
    path, media_type, title = storage.path(document.sha256), document.media_type, document.title
    db.session.commit()  # no transaction (no SQLite write lock) held while reading
    ocr = ocr_available()
    text, source, preview = extract(path, media_type, ocr)
    thumbnail = put_bytes(preview, storage) if preview else None
    text = (text or "").strip()[:MAX_TEXT] or None
    db.session.execute(
        update(Document)
        .where(Document.id == document_id)
        .values(
            text=text,
            text_source=source if text else None,
            text_status=TEXT_DONE if text else TEXT_NONE,
            search_text=fold(f"{title} {text or ''}"),
            thumbnail_sha256=thumbnail,
        )
    )
    db.session.commit()


def extract(path: Path, media_type: str, ocr: bool) -> tuple[str | None, str | None, bytes | None]:
    """(text, where it came from, PNG preview) for a stored file."""
    if media_type == "application/pdf":
        return _from_pdf(path, ocr)
    if media_type.startswith("image/"):
        with Image.open(path) as image:
            frames = [ImageOps.exif_transpose(frame.copy()) for frame in ImageSequence.Iterator(image)][:MAX_PAGES]
        text = "\n\n".join(_ocr(frame) for frame in frames) if ocr else None
        return text, "ocr", _thumbnail(frames[0])
    if media_type == "text/plain":
        return path.read_text("utf-8", errors="replace"), "plain", None
    if media_type == "message/rfc822":
        return _from_email(path), "plain", None
    if media_type.endswith("wordprocessingml.document"):
        return _from_zip_xml(path, "word/document.xml", "w:p"), "plain", None
    if media_type == "application/vnd.oasis.opendocument.text":
        return _from_zip_xml(path, "content.xml", "text:p"), "plain", None
    return None, None, None


def _from_pdf(path: Path, ocr: bool) -> tuple[str | None, str | None, bytes | None]:
    reader = PdfReader(path, strict=False)
    pages = list(reader.pages)[:MAX_PAGES]
    layer = [page.extract_text() or "" for page in pages]
    scans = [_largest_image(page) for page in pages]
    preview = _thumbnail(scans[0]) if scans and scans[0] is not None else None
    if sum(len(text.strip()) for text in layer) >= SCANNED_PAGE_CHARS * max(1, len(pages)):
        return "\n\n".join(layer), "pdf", preview
    if not ocr:
        return "\n\n".join(layer), "pdf", preview
    return (
        "\n\n".join(_ocr(image) if image is not None else text for text, image in zip(layer, scans, strict=True)),
        "ocr",
        preview,
    )


def _largest_image(page) -> Image.Image | None:
    best, best_size = None, 0
    try:
        for found in page.images:
            image = found.image
            if image is not None and image.width * image.height > best_size:
                best, best_size = image, image.width * image.height
    except Exception:  # a page whose images pypdf cannot decode: no preview, no OCR for it
        log.info("page image not readable")
    return best


def _ocr(image: Image.Image) -> str:
    return pytesseract.image_to_string(ImageOps.grayscale(image), lang="deu", timeout=OCR_TIMEOUT)


def _thumbnail(image: Image.Image) -> bytes:
    copy = image.convert("RGB")
    copy.thumbnail(THUMBNAIL)
    out = io.BytesIO()
    copy.save(out, "PNG", optimize=True)
    return out.getvalue()


def _from_email(path: Path) -> str:
    with open(path, "rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    parts = [str(message.get("subject") or "")]
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        parts.append(body.get_content())
    return "\n\n".join(parts)


TAG = re.compile(r"<[^>]+>")


def _from_zip_xml(path: Path, member: str, paragraph: str) -> str | None:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_UNZIPPED:
            return None
        xml = archive.read(member).decode("utf-8", "replace")
    xml = xml.replace(f"</{paragraph}>", "\n")
    text = TAG.sub("", xml)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text
