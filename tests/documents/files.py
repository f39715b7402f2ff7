"""Test files made by the tests themselves: PDFs (with a text layer, scanned, with JavaScript or an
attached file), a scanned German letter as PNG, a renamed program, a ZIP, DOCX and ODT."""

import io
import zipfile

from PIL import Image, ImageDraw, ImageFont

LETTER = [
    "Jobcenter Oberhausen",
    "Oberhausen, den 03.11.2026",
    "Bescheid über Leistungen zur Sicherung",
    "des Lebensunterhalts",
    "Sehr geehrter Herr Al-Hassan,",
    "Ihr Antrag vom 12.10.2026 wird bewilligt.",
    "Rechtsbehelfsbelehrung: Gegen diesen Bescheid",
    "kann innerhalb eines Monats Widerspruch",
    "erhoben werden.",
]


def pdf(objects: list[bytes]) -> bytes:
    """A PDF from its objects (1 0 obj is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_pdf(lines: list[str] = LETTER, catalog_extra: bytes = b"", pad: int = 0) -> bytes:
    content = (
        b"BT /F1 12 Tf 50 780 Td 16 TL "
        + b" ".join(
            b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '" for line in lines
        )
        + b" ET"
    )
    padding = b"%" + b"x" * pad + b"\n" if pad else b""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(content) + len(padding)} >>\nstream\n".encode() + padding + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
    )


def javascript_pdf() -> bytes:
    return text_pdf(["Hallo"], b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ")


def hidden_javascript_pdf() -> bytes:
    """The action's names #-escaped: /J#61vaScript is /JavaScript."""
    return text_pdf(["Hallo"], b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> ")


def embedded_file_pdf() -> bytes:
    return text_pdf(["Hallo"], b"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec >>] >> >> ")


def letter_image(lines: list[str] = LETTER) -> Image.Image:
    """A German letter as a scanner would make it: black text on white at about 150 dpi."""
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 30)
    except OSError:  # no DejaVu: Pillow's own font (without umlauts)
        font = ImageFont.load_default(size=30)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((100, 150 + number * 60), line, font=font, fill=0)
    return image


def png(image: Image.Image | None = None) -> bytes:
    out = io.BytesIO()
    (image or letter_image()).save(out, "PNG")
    return out.getvalue()


def jpeg(image: Image.Image | None = None) -> bytes:
    out = io.BytesIO()
    (image or letter_image()).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def scanned_pdf(image: Image.Image | None = None) -> bytes:
    out = io.BytesIO()
    (image or letter_image()).convert("RGB").save(out, "PDF", resolution=150)
    return out.getvalue()


def exe() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode"
    )


def zip_archive(members: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (members or {"brief.txt": b"Hallo"}).items():
            archive.writestr(name, data)
    return out.getvalue()


def docx(text: str = "Antrag auf Kindergeld") -> bytes:
    return zip_archive(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            "word/document.xml": f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>".encode(),
        }
    )


def odt(text: str = "Schreiben an die Familienkasse") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<office:document-content><text:p>{text}</text:p></office:document-content>")
    return out.getvalue()
