"""Uploads stay in memory: nothing a visitor or editor sends is ever written to disk, so no
uploaded file can end up where it could be served or executed."""

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Keeps uploads up to MAX_UPLOAD_BYTES in memory and drops larger ones, flagging the
    request (`request.upload_too_large`) so the view can tell the editor why."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = getattr(settings, "MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)
        # Allow a little over the limit for the rest of the form around the file.
        too_large = content_length is None or content_length > limit + 64 * 1024
        self.request.upload_too_large = too_large
        self.activated = not self.request.upload_too_large

    def receive_data_chunk(self, raw_data, start):
        if self.activated:
            return super().receive_data_chunk(raw_data, start)
        return None  # too large: read and discard

    def file_complete(self, file_size):
        if self.activated:
            return super().file_complete(file_size)
        return None
