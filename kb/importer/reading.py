"""Turn the bytes of a pasted or uploaded interview into text, or say politely why not."""

import codecs
import re

from charset_normalizer import from_bytes

from kb.domain.text import clean_text

MAX_BYTES = 20 * 1024 * 1024
MAX_SIZE_LABEL = "20 MB"

# Formats editors sometimes upload by mistake, recognised by their first bytes.
KNOWN_BINARY_FORMATS = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a Word document or another ZIP archive",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}
SAVE_AS_TEXT = "Save the interview as plain text (.txt), Markdown (.md) or HTML and try again."

# Latin alphabets decode the same in Windows-1252 as in Latin-1 where both are defined; for
# them charset-normalizer's guess (often a Central European code page) is less reliable.
LATIN_ALPHABETS = {
    "Basic Latin",
    "Latin-1 Supplement",
    "Latin Extended-A",
    "Latin Extended-B",
    "General Punctuation",
    "Currency Symbols",
    "Letterlike Symbols",
    "Control character",
}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ImportProblem(Exception):
    """The input cannot become a draft; `message` says why, in words an editor understands."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_text(data: bytes) -> str:
    """Decode an interview's bytes to text; raise ImportProblem for empty, binary or huge input."""
    if len(data) > MAX_BYTES:
        raise ImportProblem(
            f"The file is too large ({len(data) / 1024 / 1024:.1f} MB); "
            f"the limit is {MAX_SIZE_LABEL}."
        )
    if not data.strip():
        raise ImportProblem("The file is empty: there is no interview to import.")
    refuse_known_binary_format(data)
    text = decode(data)
    if looks_binary(text):
        raise ImportProblem(f"This file is not text. {SAVE_AS_TEXT}")
    text = clean_text(normalize_newlines(text))  # the few control characters a text may hold
    if not text.strip():
        raise ImportProblem("The file is empty: there is no interview to import.")
    return text


def refuse_known_binary_format(data):
    for magic, description in KNOWN_BINARY_FORMATS.items():
        if data.startswith(magic):
            raise ImportProblem(f"This file looks like {description}, not text. {SAVE_AS_TEXT}")


def decode(data):
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        raise ImportProblem(f"This file is not text. {SAVE_AS_TEXT}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy(data)


def decode_legacy(data):
    """Text from an older editor: Windows-1252 or Latin-1 mostly, another code page sometimes."""
    guess = from_bytes(data[:200_000]).best()
    if guess is not None and not set(guess.alphabets) <= LATIN_ALPHABETS:
        try:
            return data.decode(guess.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(text):
    sample = text[:8192]
    controls = len(CONTROL_CHARACTERS.findall(sample))
    return controls > max(2, len(sample) // 100) or sample.count("\ufffd") > len(sample) // 20


def normalize_newlines(text):
    """Unix newlines, and no byte-order marks left inside the text (as in concatenated files)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
