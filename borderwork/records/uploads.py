"""Scanned documents: checked by their content, served only to those who may see the record."""

from django.core.exceptions import ValidationError
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
