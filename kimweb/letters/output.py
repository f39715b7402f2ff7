"""A letter on paper: PDF (WeasyPrint: letterhead, DIN 5008 form B address window, fold marks,
"Seite x von y") and DOCX (python-docx) for those who finish in Word."""

import io
import re

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from flask import current_app, render_template
from flask_babel import lazy_gettext as _l

from ..clients.models import Client
from ..timeutil import format_date
from .contact import staff_contact
from .models import Letter

try:  # WeasyPrint needs Pango from the system; without it only the DOCX can be made.
    import weasyprint
except (ImportError, OSError):  # pragma: no cover (depends on the machine)
    weasyprint = None

UNAVAILABLE = _l(
    "Das PDF kann auf diesem Server nicht erzeugt werden: WeasyPrint (mit den Pango-Bibliotheken) ist nicht "
    "installiert. Bitte laden Sie den Brief als DOCX herunter und wenden Sie sich an die Administration."
)


class PdfUnavailable(RuntimeError):
    pass


def pdf_available() -> bool:
    return weasyprint is not None


def paragraphs(text: str) -> list[str]:
    """A blank line separates paragraphs; single line breaks stay inside one; each further blank
    line is an empty paragraph (the room for a signature after "Mit freundlichen Grüßen")."""
    found: list[str] = []
    lines: list[str] = []
    blank = 0
    for line in text.replace("\r\n", "\n").strip().split("\n"):
        if line.strip():
            if blank and lines:
                found.append("\n".join(lines))
                found.extend([""] * (blank - 1))
                lines = []
            blank = 0
            lines.append(line.rstrip())
        else:
            blank += 1
    if lines:
        found.append("\n".join(lines))
    return found


def paper_context(letter: Letter, client: Client) -> dict:
    config = current_app.config
    return {
        "letter": letter,
        "client": client,
        "office_name": config["LETTERS_OFFICE_NAME"],
        "return_line": config["LETTERS_RETURN_ADDRESS"],
        "contact": staff_contact(letter.created_by),
        "address_lines": [line for line in letter.address.splitlines() if line.strip()][:6],
        "paragraphs": paragraphs(letter.body),
        "place": config["LETTERS_PLACE"],
    }


def html(letter: Letter, client: Client) -> str:
    return render_template("letters/paper.html", **paper_context(letter, client))


def pdf(letter: Letter, client: Client) -> bytes:
    if weasyprint is None:
        raise PdfUnavailable(str(UNAVAILABLE))
    return weasyprint.HTML(string=html(letter, client)).write_pdf()


def filename(letter: Letter, extension: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9ÄÖÜäöüß_-]+", "-", letter.template_version.title).strip("-")[:60] or "Brief"
    return f"{stem}-{letter.letter_date.isoformat()}.{extension}"


def docx(letter: Letter, client: Client) -> bytes:
    context = paper_context(letter, client)
    document = DocxDocument()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(45), Mm(25)
    section.header_distance = Mm(12)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    header = section.header.paragraphs[0]
    header.text = context["office_name"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if context["return_line"]:
        run = document.add_paragraph().add_run(context["return_line"])
        run.font.size, run.font.underline = Pt(7), True
    address = document.add_paragraph("\n".join(context["address_lines"]))
    address.paragraph_format.space_after = Mm(8)
    contact = context["contact"]
    side = document.add_paragraph(
        "\n".join(
            [
                *contact.lines(),
                f"{context['place']}, {format_date(letter.letter_date)}",
            ]
        )
    )
    side.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    side.paragraph_format.space_after = Mm(8)
    subject = document.add_paragraph().add_run(letter.subject)
    subject.bold = True
    for text in context["paragraphs"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
