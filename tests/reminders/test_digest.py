"""The weekly digest: sent only with an SMTP host, once per user and week, scoped."""

import datetime
import smtplib

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone

from borderwork.reminders import digest
from borderwork.reminders.models import DigestDelivery
from borderwork.reminders.tasks import weekly_digest
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def smtp(settings):
    settings.EMAIL_HOST = "smtp.bdbp.example.vn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://borderwork.example.vn"


@pytest.fixture
def addressed(world):
    for name in ("station-bp", "station-qb", "staff-bp"):
        user = world.users[name]
        user.email = f"{name}@bdbp.example.vn"
        user.save(update_fields=["email"])
    today = timezone.localdate()
    bp = factories.CoordinationRegulationFactory(
        number="7/QC-BP", station=world.station_bp, commune=world.merged, review_due=today
    )
    qb = factories.CoordinationRegulationFactory(
        number="9/QC-QB", station=world.station_qb, commune=world.dan_hoa, review_due=today
    )
    return bp, qb


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_no_smtp_host_means_no_mail_and_no_delivery(world, addressed, settings):
    settings.EMAIL_HOST = ""

    result = digest.send_weekly_digest()

    assert result.sent == 0
    assert mail.outbox == []
    assert not DigestDelivery.objects.exists()


def test_each_user_with_an_address_gets_their_own_scope_once_a_week(world, addressed, smtp):
    result = digest.send_weekly_digest()

    assert result.sent == 3
    [station_bp] = mails_to("station-bp@bdbp.example.vn")
    assert "7/QC-BP" in station_bp.body and "9/QC-QB" not in station_bp.body
    assert "https://borderwork.example.vn/viec-can-lam/" in station_bp.body
    assert station_bp.subject.startswith("[borderwork] Việc cần làm tuần")
    [station_qb] = mails_to("station-qb@bdbp.example.vn")
    assert "9/QC-QB" in station_qb.body and "7/QC-BP" not in station_qb.body

    # A second run in the same week (a retry, a second beat) sends nothing again.
    again = digest.send_weekly_digest(
        timezone.localdate() + DAY * (6 - timezone.localdate().weekday())
    )
    assert again.sent == 0
    assert len(mail.outbox) == 3


def test_the_next_week_is_sent_again(world, addressed, smtp):
    today = timezone.localdate()
    digest.send_weekly_digest(today)

    digest.send_weekly_digest(today + 7 * DAY)

    assert len(mails_to("station-bp@bdbp.example.vn")) == 2
    weeks = DigestDelivery.objects.filter(user=world.users["station-bp"]).values_list(
        "week", flat=True
    )
    assert sorted(weeks) == [digest.week_of(today), digest.week_of(today) + 7 * DAY]


def test_a_mail_that_fails_is_sent_by_the_next_run(world, addressed, smtp, monkeypatch):
    real_send = digest.send_mail

    def refused(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("relay down")

    monkeypatch.setattr(digest, "send_mail", refused)
    failed = digest.send_weekly_digest()
    assert failed.failed == 3 and failed.sent == 0
    assert not DigestDelivery.objects.filter(sent_at__isnull=False).exists()

    monkeypatch.setattr(digest, "send_mail", real_send)
    assert digest.send_weekly_digest().sent == 3


def test_the_task_sends_through_the_beat_entry(world, addressed, smtp):
    entry = django_settings.CELERY_BEAT_SCHEDULE["weekly-digest"]
    assert entry["task"] == weekly_digest.name == "reminders.weekly_digest"

    assert weekly_digest.delay().get() == 3
    assert len(mail.outbox) == 3


def test_computing_the_digest_costs_the_same_for_ten_users_of_one_scope(
    world, addressed, smtp, django_assert_max_num_queries
):
    for number in range(10):
        factories.UserFactory(
            username=f"station-bp-{number}",
            role="station_staff",
            station=world.station_bp,
            email=f"bp{number}@bdbp.example.vn",
        )

    # The reminders once per scope; then per mail only its week's row (claim, lock, mark).
    with django_assert_max_num_queries(30 + 13 * 10):
        result = digest.send_weekly_digest()

    assert result.sent == 13
