"""The platform's own table: create forms already submitted, so a double click makes one record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmittedForm(models.Model):
    """A create form's one-time token and the record it made (the first click wins)."""

    token = models.CharField(_("mã biểu mẫu"), max_length=32, unique=True)
    url = models.CharField(_("hồ sơ đã tạo"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("biểu mẫu đã gửi")
        verbose_name_plural = _("biểu mẫu đã gửi")

    def __str__(self) -> str:
        return self.token
