"""The weekly digest's deliveries: one row per user and week, so a week's mail goes out once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestDelivery(models.Model):
    """A user's digest of one week (its Monday), claimed before it is sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("tuần (thứ Hai)"))
    items = models.PositiveIntegerField(_("số việc"), default=0)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư tổng hợp hằng tuần")
        verbose_name_plural = _("thư tổng hợp hằng tuần")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_one_per_user_week")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.week:%d/%m/%Y}"
