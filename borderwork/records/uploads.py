"""Scanned documents: checked by their content, served only to those who may see the record."""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# The first bytes of each accepted kind of file, and the content type to serve it with.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def sniff(head: bytes) -> str | None:
    """The content type the bytes really are, or None if not PDF, JPEG or PNG."""
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def validate_scan(upload) -> None:
    """Accept a PDF, JPEG or PNG of at most 10 MB, whatever its name says."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp lớn hơn 10 MB (%(size)s MB). Hãy scan với độ phân giải thấp hơn."),
            params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if sniff(head) is None:
        raise ValidationError(
            _("Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp này không phải các loại đó."),
            code="bad_type",
        )


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops keeping a file once it passes MAX_UPLOAD_BYTES, while it streams in.

    The rest of the request is still read (the browser is sending it) but no longer kept;
    the form then gets an empty file of the size that was sent, and validate_scan says it is
    too large. First in FILE_UPLOAD_HANDLERS.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            return None  # the handlers after this one keep nothing more
        return raw_data

    def file_complete(self, file_size: int):
        if self.received <= MAX_UPLOAD_BYTES:
            return None  # the next handler returns the file it kept
        return InMemoryUploadedFile(
            io.BytesIO(b""),
            self.field_name,
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )


def ascii_name(filename: str) -> str:
    """'Quy chế Đồn 3.PDF' -> 'quy-che-don-3.pdf': safe on every disk, header and archive."""
    filename = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, extension = filename.rpartition(".") if "." in filename else (filename, "", "")
    stem = slugify(stem.replace("đ", "d").replace("Đ", "D"))[:80] or "scan"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:5]
    return f"{stem}.{extension}" if extension else stem


def regulation_scan_path(instance, filename: str) -> str:
    return f"regulations/{timezone.localdate():%Y}/{ascii_name(filename)}"


def handover_scan_path(instance, filename: str) -> str:
    """A support record's or a follow-up's handover record (biên bản)."""
    return f"support/{timezone.localdate():%Y}/{ascii_name(filename)}"
