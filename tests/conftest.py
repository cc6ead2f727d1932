"""Shared fixtures: a small world of two merged provinces and a user for every role."""

import datetime
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderwork.accounts.models import Role, User
from borderwork.celery import app as celery_app
from borderwork.security import second_factor
from communes.models import Commune, Province, Station
from tests import factories
from tests.demo import TODAY

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def pytest_configure(config):
    """`BORDERWORK_TEST_TODAY=2031-06-01 pytest ...`: the whole run as if on that day (the clock
    ticks from 08:00 there). Proves that no test reads the real date where it must not."""
    today = os.environ.get("BORDERWORK_TEST_TODAY")
    if today:
        day = datetime.date.fromisoformat(today)
        time_machine.travel(datetime.datetime(day.year, day.month, day.day, 8, tzinfo=ZONE)).start()


@dataclass
class World:
    bp: Province
    dn: Province
    qb: Province
    qt: Province
    loc_thanh: Commune
    loc_tan: Commune
    merged: Commune
    loc_an: Commune
    dan_hoa: Commune
    station_bp: Station
    station_bp_other: Station
    station_qb: Station
    users: dict[str, User]


@pytest.fixture(scope="module")
def frozen_today():
    """Today is `tests.demo.TODAY` for the whole module, module-scoped fixtures included; the
    clock ticks from there. The demo's modules get it through `demo`; others ask for it."""
    with time_machine.travel(TODAY):
        yield TODAY.date()


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Tasks run in the test's own process, even where REDIS_URL is set (CI).

    Only the tests marked `celery_worker` send them through Redis to a real worker: the
    others would leave messages in a queue that no worker of theirs reads.
    """
    if request.node.get_closest_marker("celery_worker") is not None:
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    yield
    celery_app.conf.update(task_always_eager=before)


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """client.force_login signs a commissar or administrator in as if they had typed their
    code (tests run with DEBUG off, where the second factor is required); tests of the
    second factor itself sign in through the pages."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if second_factor.required_for(user):
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, name="tests", defaults={"confirmed": True}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in English leaves English active in the thread (LocaleMiddleware activates a
    language per request and never deactivates it): the next test's messages would be English
    (seen after test_translations.py when it ran before the lock's tests)."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached dashboard figures (the cache outlives a transaction)."""
    cache.clear()
    yield


@pytest.fixture
def world(db) -> World:
    """Bình Phước merged into Đồng Nai (with two communes merged), and Quảng Bình."""
    dn = factories.ProvinceFactory(name="Đồng Nai", slug="dong-nai")
    bp = factories.ProvinceFactory(
        name="Bình Phước", slug="binh-phuoc", valid_until=BEFORE, merged_into=dn
    )
    qt = factories.ProvinceFactory(name="Quảng Trị", slug="quang-tri")
    qb = factories.ProvinceFactory(
        name="Quảng Bình", slug="quang-binh", valid_until=BEFORE, merged_into=qt
    )
    merged = factories.CommuneFactory(name="Lộc Tấn mới", province=dn, valid_from=AFTER)
    loc_thanh = factories.CommuneFactory(
        name="Lộc Thạnh", province=bp, valid_until=BEFORE, merged_into=merged
    )
    loc_tan = factories.CommuneFactory(
        name="Lộc Tấn", province=bp, valid_until=BEFORE, merged_into=merged
    )
    loc_an = factories.CommuneFactory(name="Lộc An", province=bp)
    dan_hoa = factories.CommuneFactory(name="Dân Hóa", province=qb)

    station_bp = factories.StationFactory(name="Đồn Biên phòng Lộc Thạnh", province=bp)
    station_bp_other = factories.StationFactory(name="Đồn Biên phòng Hoa Lư", province=bp)
    station_qb = factories.StationFactory(name="Đồn Biên phòng Cha Lo", province=qb)
    for commune in (loc_thanh, loc_tan):
        factories.StationCoverageFactory(station=station_bp, commune=commune, valid_until=BEFORE)
    factories.StationCoverageFactory(station=station_bp, commune=merged, valid_from=AFTER)
    factories.StationCoverageFactory(station=station_bp_other, commune=loc_an)
    factories.StationCoverageFactory(station=station_qb, commune=dan_hoa)

    users = {
        "station-bp": factories.UserFactory(
            username="station-bp", role=Role.STATION_STAFF, station=station_bp
        ),
        "staff-bp": factories.UserFactory(
            username="staff-bp", role=Role.PROVINCE_STAFF, province=bp
        ),
        "staff-dn": factories.UserFactory(
            username="staff-dn", role=Role.PROVINCE_STAFF, province=dn
        ),
        "commissar-bp": factories.UserFactory(
            username="commissar-bp", role=Role.COMMISSAR, province=bp
        ),
        "commissar-station-bp": factories.UserFactory(
            username="commissar-station-bp", role=Role.COMMISSAR, station=station_bp
        ),
        "station-qb": factories.UserFactory(
            username="station-qb", role=Role.STATION_STAFF, station=station_qb
        ),
        "staff-qb": factories.UserFactory(
            username="staff-qb", role=Role.PROVINCE_STAFF, province=qb
        ),
        "national": factories.UserFactory(username="national", role=Role.NATIONAL),
        "admin": factories.UserFactory(username="admin", role=Role.ADMIN),
    }
    return World(
        bp=bp,
        dn=dn,
        qb=qb,
        qt=qt,
        loc_thanh=loc_thanh,
        loc_tan=loc_tan,
        merged=merged,
        loc_an=loc_an,
        dan_hoa=dan_hoa,
        station_bp=station_bp,
        station_bp_other=station_bp_other,
        station_qb=station_qb,
        users=users,
    )
