"""Rendition specs and the Pillow work behind them, in the manner of Wagtail's filter specs.

A spec is operations joined by "|": `width-800`, `max-400x300`, `fill-1200x630` (crop to that
shape around the focal point, then scale down), and `format-webp` / `format-jpeg` /
`format-png`. Images are never scaled up: a fill larger than the original keeps the shape at
the original's size. This module knows nothing of models or storage: bytes in, bytes out.
"""

import io
import re
from dataclasses import dataclass

from PIL import Image as PillowImage
from PIL import ImageOps

OPERATION = re.compile(r"^(width-\d+|max-\d+x\d+|fill-\d+x\d+|format-(webp|jpeg|png))$")
SAVE_OPTIONS = {
    "webp": {"format": "WEBP", "quality": 78, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "png": {"format": "PNG", "optimize": True},
}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}
MAX_DIMENSION = 4000


class InvalidSpec(ValueError):
    pass


@dataclass(frozen=True)
class Made:
    content: bytes
    width: int
    height: int
    extension: str


def parse_spec(spec):
    """The operations of a spec, checked: a typo in a template fails loudly in development."""
    operations = spec.split("|")
    for operation in operations:
        if not OPERATION.match(operation):
            raise InvalidSpec(f"Unknown image operation {operation!r} in {spec!r}")
        numbers = [int(n) for n in re.findall(r"\d+", operation)]
        if any(n < 1 or n > MAX_DIMENSION for n in numbers):
            raise InvalidSpec(f"Sizes in {spec!r} must be between 1 and {MAX_DIMENSION}")
    return operations


def planned_size(spec, width, height):
    """The size a spec gives an image of `width` × `height`, without decoding it."""
    for operation in parse_spec(spec):
        kind, _, value = operation.partition("-")
        if kind == "width":
            width, height = scaled_to_width(width, height, int(value))
        elif kind == "max":
            width, height = fitted(width, height, *map(int, value.split("x")))
        elif kind == "fill":
            box = crop_box(width, height, *map(int, value.split("x")), focal=(0.5, 0.5))
            width, height = filled(box, *map(int, value.split("x")))
    return width, height


def scaled_to_width(width, height, target):
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def fitted(width, height, max_width, max_height):
    scale = min(1, max_width / width, max_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def crop_box(width, height, target_width, target_height, focal):
    """The largest box of the target's shape, centred on the focal point as far as it can be."""
    ratio = target_width / target_height
    crop_width, crop_height = (
        (width, width / ratio)
        if width / height < ratio
        else (
            height * ratio,
            height,
        )
    )
    left = clamp(focal[0] * width - crop_width / 2, 0, width - crop_width)
    top = clamp(focal[1] * height - crop_height / 2, 0, height - crop_height)
    return (round(left), round(top), round(left + crop_width), round(top + crop_height))


def filled(box, target_width, target_height):
    box_width = box[2] - box[0]
    if box_width <= target_width:
        return box_width, box[3] - box[1]
    return target_width, target_height


def clamp(value, low, high):
    return max(low, min(value, high))


def make(source, spec, focal=None):
    """Apply `spec` to the image file `source` (a file object); return the new file's bytes."""
    picture = ImageOps.exif_transpose(PillowImage.open(source))
    output = "png" if has_transparency(picture) else "jpeg"
    for operation in parse_spec(spec):
        kind, _, value = operation.partition("-")
        if kind == "format":
            output = value
        elif kind == "width":
            picture = picture.resize(
                scaled_to_width(*picture.size, int(value)), PillowImage.LANCZOS
            )
        elif kind == "max":
            size = fitted(*picture.size, *map(int, value.split("x")))
            picture = picture.resize(size, PillowImage.LANCZOS, reducing_gap=3.0)
        elif kind == "fill":
            target = tuple(map(int, value.split("x")))
            box = crop_box(*picture.size, *target, focal=focal or (0.5, 0.5))
            picture = picture.resize(
                filled(box, *target), PillowImage.LANCZOS, box=box, reducing_gap=3.0
            )
    return encode(picture, output)


def has_transparency(picture):
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


def encode(picture, output):
    if output == "jpeg":
        picture = flattened(picture)
    elif picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA" if has_transparency(picture) else "RGB")
    out = io.BytesIO()
    picture.save(out, **SAVE_OPTIONS[output])
    return Made(out.getvalue(), picture.width, picture.height, EXTENSIONS[output])


def flattened(picture):
    """The picture on white: JPEG has no transparency."""
    if not has_transparency(picture):
        return picture.convert("RGB")
    background = PillowImage.new("RGB", picture.size, "white")
    background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
    return background
