"""Pictures for the demo content, drawn here: nothing is copied from the organizations or the web.

Logos are monograms written as SVG; a case study's picture is an abstract illustration of
stacked virtual machines over a hypervisor, in its industry's colours; people get an avatar with
their initials. Everything is deterministic: the same name draws the same picture.

`attach_demo_pictures()` creates each demo image once and attaches it where it was created; run
again, it finds the image already there and changes nothing, so an editor's choice stands.
"""

import hashlib
import io
import math
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter, ImageFont

from kb.domain import uploads
from kb.domain.models import CaseStudy, Image, Organization, Person

PALETTES = {
    "automotive": ("#0b3d91", "#1aa6b7", "#f2f6ff"),
    "aerospace": ("#2b1a6b", "#f28c28", "#fff6ec"),
    "industrial": ("#3b3f46", "#f2b705", "#fffbea"),
    "medical": ("#0b6e4f", "#4cc9f0", "#effaf6"),
}
DEFAULT_PALETTE = ("#1f2937", "#3b82f6", "#f8fafc")
LOGO_COLOURS = ("#0b3d91", "#7c2d12", "#065f46", "#6d28d9", "#9d174d", "#0e7490", "#374151")
DEMO_PREFIX = "Demo: "
ILLUSTRATION_FOCUS = (0.7, 0.62)  # the stack of virtual machines


def seeded(text):
    return random.Random(hashlib.sha256(text.encode()).hexdigest())


def initials(name, count=2):
    words = [
        word for word in name.replace("(", " ").replace("-", " ").split() if word[:1].isalnum()
    ]
    return "".join(word[0] for word in words[:count]).upper() or "?"


def hex_to_rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


# --- Drawing -----------------------------------------------------------------------------------


def monogram_svg(name):
    """A logo: the organization's initials in a rounded square, beside nothing else."""
    colour = seeded(name).choice(LOGO_COLOURS)
    letters = initials(name)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">'
        f'<rect width="160" height="160" rx="32" fill="{colour}"/>'
        '<circle cx="128" cy="32" r="14" fill="#ffffff" fill-opacity="0.35"/>'
        '<text x="80" y="103" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="{72 if len(letters) < 3 else 56}" font-weight="700" fill="#ffffff">'
        f"{letters}</text></svg>"
    ).encode()


def illustration_jpeg(seed_text, palette, size=(1600, 900)):
    """Guest machines stacked on a hypervisor layer over a soft gradient of the palette."""
    rng = seeded(seed_text)
    dark, accent, light = (hex_to_rgb(c) for c in palette)
    picture = gradient(size, dark, accent)
    # Soft light drawn at an eighth of the size, blurred, then enlarged: the same look, faster.
    small = (size[0] // 8, size[1] // 8)
    glow = PillowImage.new("RGBA", small, (0, 0, 0, 0))
    draw = ImageDraw.Draw(glow)
    for _ in range(6):
        x, y, r = rng.randrange(small[0]), rng.randrange(small[1]), rng.randrange(15, 48)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*light, rng.randrange(25, 70)))
    glow = glow.filter(ImageFilter.GaussianBlur(8)).resize(size, PillowImage.BICUBIC)
    picture.alpha_composite(glow)
    draw_stack(ImageDraw.Draw(picture, "RGBA"), rng, size, light, accent)
    out = io.BytesIO()
    picture.convert("RGB").save(out, format="JPEG", quality=88)
    return out.getvalue()


def gradient(size, start, end):
    width, height = size
    strip = PillowImage.linear_gradient("L").resize((width, height)).rotate(0)
    return PillowImage.composite(
        PillowImage.new("RGBA", size, (*end, 255)),
        PillowImage.new("RGBA", size, (*start, 255)),
        strip,
    )


def draw_stack(draw, rng, size, light, accent):
    width, height = size
    left, base = int(width * 0.52), int(height * 0.78)
    layer_width = int(width * 0.38)
    draw.rounded_rectangle((left, base, left + layer_width, base + 60), 18, fill=(*light, 235))
    guests = rng.randrange(2, 5)
    gap = 24
    box = (layer_width - gap * (guests - 1)) // guests
    for index in range(guests):
        x = left + index * (box + gap)
        top = base - 40 - rng.randrange(160, 360)
        draw.rounded_rectangle((x, top, x + box, base - 24), 22, fill=(*light, 200))
        for line in range(3):
            y = top + 36 + line * 34
            draw.rounded_rectangle(
                (x + 24, y, x + box - 24 - line * 30, y + 14), 7, fill=(*accent, 220)
            )
    # A signal across the left half: a timeline of events, calm to busy.
    phase, step = rng.random() * math.pi, (width * 0.42) / 8
    nodes = [
        (80 + i * step, height * 0.5 + 150 * math.sin(i * 0.8 + phase) + rng.randrange(-30, 30))
        for i in range(9)
    ]
    for (x1, y1), (x2, y2) in zip(nodes, nodes[1:], strict=False):
        draw.line((x1, y1, x2, y2), fill=(*light, 90), width=3)
    for x, y in nodes:
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(*light, 210))


def avatar_jpeg(name, size=480):
    """A portrait stand-in: initials on a colour of their own."""
    rng = seeded(name)
    background = hex_to_rgb(rng.choice(LOGO_COLOURS))
    picture = PillowImage.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(picture)
    draw.ellipse(
        (size * 0.6, -size * 0.2, size * 1.2, size * 0.4),
        fill=tuple(min(255, c + 40) for c in background),
    )
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials(name), font=font, fill="white", anchor="mm")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=88)
    return out.getvalue()


# --- Attaching ---------------------------------------------------------------------------------


def demo_image(title, filename, content, alt_text, focal_point=(None, None)):
    """(image, created): the demo image called `title`, stored through the upload checks."""
    existing = Image.objects.filter(title=DEMO_PREFIX + title).first()
    if existing:
        return existing, False
    image = Image(title=DEMO_PREFIX + title, alt_text=alt_text)
    image.focal_point_x, image.focal_point_y = focal_point
    image.set_file(uploads.check_image(SimpleUploadedFile(filename, content)), filename)
    image.save()
    return image, True


def attach(obj, field, image, created):
    if created and getattr(obj, f"{field}_id") is None:
        setattr(obj, field, image)
        obj.save(update_fields=[field])


def attach_demo_pictures(organization_slugs, case_study_slugs):
    for organization in Organization.objects.filter(slug__in=organization_slugs):
        svg = monogram_svg(organization.name)
        image, created = demo_image(
            f"{organization.name} logo",
            f"{organization.slug}-logo.svg",
            svg,
            f"{organization.name} logo",
        )
        attach(organization, "logo", image, created)
    for case_study in CaseStudy.objects.filter(slug__in=case_study_slugs).prefetch_related(
        "industries"
    ):
        industry = next(iter(case_study.industries.all()), None)
        palette = PALETTES.get(industry.slug if industry else "", DEFAULT_PALETTE)
        picture = illustration_jpeg(case_study.slug, palette)
        image, created = demo_image(
            f"{case_study.title} (illustration)",
            f"{case_study.slug[:40]}.jpg",
            picture,
            "An abstract illustration: virtual machines side by side on one hypervisor layer.",
            focal_point=ILLUSTRATION_FOCUS,
        )
        attach(case_study, "main_picture", image, created)
    people = Person.objects.filter(appearances__case_study__slug__in=case_study_slugs).distinct()
    for person in people:
        image, created = demo_image(
            f"{person.name} (initials avatar)",
            "avatar.jpg",
            avatar_jpeg(person.name),
            f"Initials of {person.name}",
        )
        attach(person, "photo", image, created)
