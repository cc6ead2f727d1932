"""The demo data, seeded once per test module and rolled back after it."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from borderwork.accounts.models import User
from borderwork.records.registry import REGISTRY
from communes.models import Commune, Province

# Today for the tests whose data has fixed dates (the demo's, and the dashboard world's 2025):
# after the demo's last records (30 September 2026) and near enough that a rebuild, which keeps
# five years back from today, still counts them. The `frozen_today` fixture travels there.
TODAY = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

ROLES = [
    "station-bp",
    "staff-bp",
    "commissar-bp",
    "station-qb",
    "staff-qb",
    "commissar-qb",
    "national",
    "admin",
]


def demo_fixture():
    """A module-scoped fixture: the whole demo inside one transaction, undone at the end, on
    the day `TODAY` (the module's other fixtures and tests included)."""

    @pytest.fixture(scope="module")
    def demo(frozen_today, django_db_setup, django_db_blocker, tmp_path_factory):
        media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
        with media, django_db_blocker.unblock(), transaction.atomic():
            call_command("seed_demo", "--force", verbosity=0, stdout=io.StringIO())
            yield {user.username: user for user in User.objects.filter(username__in=ROLES)}
            transaction.set_rollback(True)

    return demo


def record_types():
    """Every record family with pages, sorted for stable test ids."""
    return sorted(REGISTRY.values(), key=lambda kind: kind.url_name("list"))


def province_family(slug: str) -> list[int]:
    province = Province.objects.get(slug=slug)
    today = province.today_unit()
    return [today.pk, *today.merged_from.values_list("pk", flat=True)]


def commune_names_of(slug: str) -> set[str]:
    return {str(c) for c in Commune.objects.filter(province__in=province_family(slug))}


def approve_binh_phuoc(demo, period=None):
    """Bình Phước's report of a period (2025Q2 by default) drafted and submitted by its staff
    and approved by its commissar, after a rebuild: the period closed for its records."""
    from borderwork.indicators.rebuild import rebuild
    from borderwork.periods import Quarter
    from borderwork.reports import workflow

    rebuild()
    bp = Province.objects.get(slug="binh-phuoc")
    report = workflow.draft(demo["staff-bp"], "province", bp, period or Quarter(2025, 2))
    report.shortcomings, report.direction = "Chậm cập nhật.", "Củng cố chi bộ."
    report.save()
    workflow.submit(report, demo["staff-bp"])
    workflow.approve(report, demo["commissar-bp"])
    report.refresh_from_db()
    return report
