"""Scanned documents: checked by their content, served only to those who may see the record."""

import datetime
import io
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An import's file waits here between its preview and "Nhập"; one not confirmed within a
# day (the person left, or previewed again) is deleted.
PENDING_IMPORTS = "imports"
KEEP_PENDING_IMPORTS = datetime.timedelta(days=1)


def keep_pending(token: str, content: bytes) -> str:
    """Store an import's file until it is confirmed; its storage name."""
    return default_storage.save(f"{PENDING_IMPORTS}/{token}.bin", ContentFile(content))


def delete_stale_pending() -> int:
    """Delete the import files older than `KEEP_PENDING_IMPORTS`; how many."""
    oldest = timezone.now() - KEEP_PENDING_IMPORTS
    try:
        _directories, names = default_storage.listdir(PENDING_IMPORTS)
    except FileNotFoundError:  # on disk, no import was ever previewed
        return 0
    deleted = 0
    for name in names:
        path = f"{PENDING_IMPORTS}/{name}"
        try:
            stale = default_storage.get_modified_time(path) < oldest
        except FileNotFoundError:  # confirmed meanwhile
            continue
        if stale:
            default_storage.delete(path)
            deleted += 1
    return deleted


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
