"""Addresses editors type that the site then links to or embeds: calls to action and videos.

A call to action may lead to a page of this site, an https:// (or http://) address or a mailto:
address; nothing else (a `javascript:` link would run in visitors' browsers). A video is a
YouTube or Vimeo address, recognised in its usual shapes and reduced to the provider and the
video's id, from which the privacy-friendly player address is made.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

LINK_SCHEMES = ("http", "https", "mailto")
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

CALL_TO_ACTION_LINK_HELP = (
    "Use a page of this site (starting with /), an https:// address or a mailto: address."
)
VIDEO_HELP = (
    "Use the address of a YouTube video (youtube.com/watch?v=\u2026 or youtu.be/\u2026) or a "
    "Vimeo video (vimeo.com/123456789)."
)


def is_call_to_action_link(value):
    if value.startswith("/") and not value.startswith("//"):
        return True
    parts = urlsplit(value)
    if parts.scheme == "mailto":
        return "@" in parts.path
    return parts.scheme in LINK_SCHEMES and bool(parts.netloc)


def validate_call_to_action_link(value):
    if any(ord(char) < 32 or char.isspace() for char in value) or not is_call_to_action_link(value):
        raise ValidationError(
            f"\u201c{value[:80]}\u201d is not a link a visitor can follow. "
            f"{CALL_TO_ACTION_LINK_HELP}"
        )


@dataclass(frozen=True)
class Video:
    provider: str  # "YouTube" or "Vimeo"
    video_id: str

    @property
    def embed_url(self):
        """The player, without tracking cookies where the provider offers that, playing at once
        (the visitor has just asked for it)."""
        if self.provider == "YouTube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"

    @property
    def frame_origin(self):
        """What the page's Content-Security-Policy must allow in frame-src to show the player."""
        return urlsplit(self.embed_url)._replace(path="", query="").geturl()

    @property
    def watch_url(self):
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def youtube_id(parts):
    host, segments = parts.netloc.lower(), [s for s in parts.path.split("/") if s]
    if host == "youtu.be" and segments:
        return segments[0]
    if host not in YOUTUBE_HOSTS:
        return None
    if segments == ["watch"]:
        return (parse_qs(parts.query).get("v") or [None])[0]
    if len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        return segments[1]
    return None


def vimeo_id(parts):
    if parts.netloc.lower() not in VIMEO_HOSTS:
        return None
    numbers = [segment for segment in parts.path.split("/") if segment.isdigit()]
    return numbers[0] if numbers else None


def parse_video(url):
    """The Video a YouTube or Vimeo address names, or None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    found = youtube_id(parts)
    if found and YOUTUBE_ID.fullmatch(found):
        return Video("YouTube", found)
    found = vimeo_id(parts)
    if found and len(found) <= 12:
        return Video("Vimeo", found)
    return None


def validate_video_url(value):
    if parse_video(value) is None:
        raise ValidationError(f"This is not a YouTube or Vimeo video address. {VIDEO_HELP}")
