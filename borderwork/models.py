"""The platform's own table: create forms already submitted, so a double click makes one record."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a create form's token is kept: far longer than a double click or a "back, send
# again" takes. A form sent again after that is taken as new.
KEEP_TOKENS = datetime.timedelta(days=7)


class SubmittedForm(models.Model):
    """A create form's one-time token and the record it made (the first click wins)."""

    token = models.CharField(_("mã biểu mẫu"), max_length=32, unique=True)
    url = models.CharField(_("hồ sơ đã tạo"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("biểu mẫu đã gửi")
        verbose_name_plural = _("biểu mẫu đã gửi")
        indexes = [models.Index(fields=["created_at"], name="submitted_form_created")]

    def __str__(self) -> str:
        return self.token

    @classmethod
    def prune(cls) -> int:
        """Forget the tokens older than `KEEP_TOKENS`; how many were forgotten."""
        deleted, _by_model = cls.objects.filter(
            created_at__lt=timezone.now() - KEEP_TOKENS
        ).delete()
        return deleted
