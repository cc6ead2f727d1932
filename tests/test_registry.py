"""Record types are declared in each app's records.py and found when Django starts."""

import subprocess
import sys

from django.conf import settings

from borderwork.hub.commune import hub
from borderwork.records.registry import REGISTRY, kind_of
from cadres.models import Officer
from communes.models import Commune
from programmes.models import SupportRecord

FRESH_PROCESS = """
import sys
import django

django.setup()
from borderwork.records.registry import REGISTRY, url_for
from cadres.models import Officer

assert "borderwork.urls" not in sys.modules, "the URLconf was imported before url_for"
assert "cadres.urls" not in sys.modules
print(len(REGISTRY), url_for(Officer(pk=7)), url_for(Officer, "list"))
"""


def test_url_for_works_in_a_fresh_process_that_never_imported_the_urlconf():
    # As a Celery worker or a management command starts: django.setup() and nothing else.
    done = subprocess.run(  # noqa: S603 (this interpreter running the fixed script above)
        [sys.executable, "-c", FRESH_PROCESS],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, detail, listing = done.stdout.split()
    assert int(count) == len(REGISTRY)
    assert (detail, listing) == ("/can-bo/can-bo/7/", "/can-bo/can-bo/")


def test_each_app_declares_its_own_record_types():
    assert kind_of(Officer).app_label == "cadres"
    assert kind_of(SupportRecord).url_name("list") == "programmes:support-list"
    assert {kind.app_label for kind in REGISTRY.values()} == {"communes", "cadres", "programmes"}


def test_the_commune_page_is_the_hub_attached_from_above():
    assert kind_of(Commune).detail_context is hub
