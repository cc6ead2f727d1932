"""The weekly e-mail of what needs doing, when an SMTP host is configured (EMAIL_HOST).

Each user with an e-mail address and something to do gets one mail a week, however often the
task runs: the week's row is claimed and locked while the mail is sent, and a mail that fails
leaves no row, so the next run sends it.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borderwork.accounts.models import User
from borderwork.reminders.due import Reminders, reminders, scope_key
from borderwork.reminders.models import DigestDelivery

log = logging.getLogger(__name__)

# Each list in the mail shows this many; the page has the rest.
MAIL_ITEMS = 10


@dataclass
class DigestResult:
    sent: int = 0
    skipped: int = 0  # already sent this week, or nothing to do
    failed: int = 0


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the day's week: the digest's key."""
    return day - datetime.timedelta(days=day.weekday())


def enabled() -> bool:
    return bool(settings.EMAIL_HOST)


def message(user: User, due: Reminders) -> tuple[str, str]:
    """(subject, body) of a user's digest, in Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[borderwork] Việc cần làm tuần %(week)s: %(count)s việc") % {
            "week": week_of(due.today).strftime("%d/%m/%Y"),
            "count": due.total,
        }
        body = render_to_string(
            "reminders/digest.txt",
            {
                "user": user,
                "due": due,
                "limit": MAIL_ITEMS,
                "url": settings.SITE_URL + reverse("reminders:list") if settings.SITE_URL else "",
            },
        )
    return subject, body


def _send_one(user: User, week: datetime.date, due: Reminders) -> bool:
    """Send the user's digest of the week unless another run has; True when this one sent it."""
    with transaction.atomic():
        DigestDelivery.objects.get_or_create(user=user, week=week)
        # A second run at the same time skips the row the first one holds.
        row = (
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(user=user, week=week, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        subject, body = message(user, due)
        send_mail(subject, body, None, [user.email])
        row.sent_at, row.items = timezone.now(), due.total
        row.save(update_fields=["sent_at", "items"])
    return True


def send_weekly_digest(today: datetime.date | None = None) -> DigestResult:
    """This week's digest to every active user with an address and something to do."""
    result = DigestResult()
    if not enabled():
        return result
    today = today or timezone.localdate()
    week = week_of(today)
    sent = DigestDelivery.objects.filter(week=week, sent_at__isnull=False).values("user")
    users = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(pk__in=sent)
        .select_related("station", "province")
        .order_by("pk")
    )
    # Users alike in scope have the same reminders: computed once per scope, not per user.
    by_scope: dict[str, Reminders] = {}
    for user in users:
        key = scope_key(user)
        if key not in by_scope:
            by_scope[key] = reminders(user, today)
        due = by_scope[key]
        if not due:
            result.skipped += 1
            continue
        try:
            if _send_one(user, week, due):
                result.sent += 1
            else:
                result.skipped += 1
        except (smtplib.SMTPException, OSError):
            log.exception("weekly digest to %s not sent; the next run tries again", user)
            result.failed += 1
    return result
