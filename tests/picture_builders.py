"""Images and PDFs stored as an editor's upload would be, for page tests (made here)."""

from kb.domain import uploads
from kb.domain.models import Document, Image
from tests.image_files import SVG_LOGO, jpeg_upload, pdf_bytes, upload


def stored_image(title="A picture", alt_text="Two virtual machines on one chip", **size):
    """A JPEG (1600 × 900 unless told otherwise), checked and stored like an upload."""
    size = {"width": 1600, "height": 900, **size}
    image = Image(title=title, alt_text=alt_text)
    image.set_file(uploads.check_image(jpeg_upload(**size)), "picture.jpg")
    image.save()
    return image


def stored_svg_logo(title="Logo", alt_text="Acme logo"):
    image = Image(title=title, alt_text=alt_text)
    image.set_file(uploads.check_image(upload("logo.svg", SVG_LOGO, "image/svg+xml")), "logo.svg")
    image.save()
    return image


def stored_document(case_study, title="White paper: one chip, two systems", position=1):
    document = Document(case_study=case_study, title=title, position=position)
    document.set_file(uploads.check_pdf(upload("paper.pdf", pdf_bytes())), "paper.pdf")
    document.save()
    return document
