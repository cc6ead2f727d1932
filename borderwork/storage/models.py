"""The bytes of every stored file, one row each, in the same database as the records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """A file saved through DatabaseStorage: a scan (at most 10 MB) or an archived report."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    content = models.BinaryField(_("nội dung"))
    size = models.PositiveBigIntegerField(_("kích thước"))
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp lưu trữ")
        verbose_name_plural = _("tệp lưu trữ")

    def __str__(self) -> str:
        return self.name
