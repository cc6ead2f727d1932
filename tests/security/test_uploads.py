"""A scan over the limit stops being kept while it streams in; stored names are ASCII."""

import io

from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from borderwork.records.uploads import (
    MAX_UPLOAD_BYTES,
    SizeLimitUploadHandler,
    ascii_name,
    validate_scan,
)


def parse(size: int):
    body = encode_multipart(BOUNDARY, {"document": _named(b"%PDF-" + b"0" * (size - 5))})
    handlers = [SizeLimitUploadHandler(), MemoryFileUploadHandler(), TemporaryFileUploadHandler()]
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    _post, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    return files["document"]


def _named(content: bytes):
    upload = io.BytesIO(content)
    upload.name = "Quy chế Đồn.pdf"
    return upload


def test_a_60_mb_scan_is_not_kept_past_the_limit():
    upload = parse(60 * 1024 * 1024)

    assert upload.size == 60 * 1024 * 1024  # what was sent, for the message
    assert upload.read() == b""  # none of it kept
    try:
        validate_scan(upload)
    except Exception as refused:
        assert "10 MB" in str(refused)
    else:
        raise AssertionError("a 60 MB scan was accepted")


def test_a_scan_within_the_limit_is_kept_whole():
    upload = parse(MAX_UPLOAD_BYTES)

    assert upload.size == MAX_UPLOAD_BYTES
    assert len(upload.read()) == MAX_UPLOAD_BYTES


def test_stored_names_are_safe_ascii():
    assert ascii_name("Quy chế Đồn 3.PDF") == "quy-che-don-3.pdf"
    assert ascii_name("../../etc/passwd") == "passwd"
    assert ascii_name("ảnh.php.jpg") == "anhphp.jpg"
    assert ascii_name("Ố") == "o"
    assert ascii_name("".join(["ж"] * 10) + ".pdf") == "scan.pdf"
