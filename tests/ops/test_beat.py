"""Exactly one beat is documented; a second one sending the same night's rebuild does no work."""

import os

import pytest

from borderwork.indicators.models import RebuildRun, RunStatus
from borderwork.ops import heartbeat
from borderwork.ops.tasks import CLAIM_PREFIX, nightly_rebuild

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.getenv("REDIS_URL"), reason="needs REDIS_URL"),
]


@pytest.fixture
def night(settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    night = "2026-11-30-test"
    heartbeat.client().delete(CLAIM_PREFIX + night)
    yield night
    heartbeat.client().delete(CLAIM_PREFIX + night)


def test_two_beats_sending_the_same_nights_rebuild_rebuild_once(night):
    first = nightly_rebuild.delay(night).get()
    second = nightly_rebuild.delay(night).get()

    assert second is None
    assert list(RebuildRun.objects.values_list("pk", "status")) == [(first, RunStatus.SUCCESS)]


def test_the_next_night_rebuilds_again(night):
    nightly_rebuild.delay(night).get()
    heartbeat.client().delete(CLAIM_PREFIX + "2026-12-01-test")
    try:
        assert nightly_rebuild.delay("2026-12-01-test").get() is not None
    finally:
        heartbeat.client().delete(CLAIM_PREFIX + "2026-12-01-test")
    assert RebuildRun.objects.filter(status=RunStatus.SUCCESS).count() == 2
