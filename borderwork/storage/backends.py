"""A Django storage backend that keeps files in PostgreSQL (or SQLite for the demo).

Every web server and worker reads the same files through the database they already share;
a file is saved in the caller's transaction, so a record and its scan commit or roll back
together, and a database backup holds both.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri

from borderwork.storage.models import StoredFile


@deconstructible(path="borderwork.storage.backends.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files as rows of StoredFile; names are the usual upload_to paths."""

    def _open(self, name: str, mode: str = "rb") -> ContentFile:
        if "w" in mode or "a" in mode:
            raise ValueError("DatabaseStorage files are written with save(), not open()")
        try:
            content = StoredFile.objects.values_list("content", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(f"No stored file named {name!r}") from None
        return ContentFile(bytes(content), name=name)

    def _save(self, name: str, content) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        StoredFile.objects.create(name=name, content=data, size=len(data))
        return name

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def size(self, name: str) -> int:
        try:
            return StoredFile.objects.values_list("size", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(f"No stored file named {name!r}") from None

    def get_modified_time(self, name: str):
        try:
            return StoredFile.objects.values_list("created_at", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(f"No stored file named {name!r}") from None

    get_created_time = get_modified_time

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        directories, files = set(), []
        names = StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True)
        for name in names.iterator():
            rest = name[len(prefix) :]
            head, _, tail = rest.partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def url(self, name: str) -> str:
        # As FileSystemStorage with MEDIA_URL: a path nothing serves (forms show it as the
        # current file's link); scans are served by record_file, which checks the reader.
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def path(self, name: str) -> str:
        raise NotImplementedError(f"{posixpath.basename(name)} is in the database, not on disk")
