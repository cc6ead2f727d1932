"""generate_scale_data at a tiny size: the planned counts, every indicator fed, no history."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import IndicatorValue, RunStatus
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.scale import Plan
from cadres.models import Assignment, AssignmentKind, Officer
from communes.models import Commune, Province, Station, StationCoverage
from programmes.models import SupportRecord

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_scale_data", communes=5, years=1, stdout=out, **options)
    return out.getvalue()


def test_it_builds_the_planned_counts_with_merged_provinces_and_communes():
    plan = Plan(communes=5, years=1)

    output = generate()

    provinces = Province.objects.filter(slug__startswith="scale-")
    assert provinces.count() == plan.provinces == 2
    assert provinces.filter(merged_into__isnull=False).count() == plan.merged_provinces == 1
    assert Commune.objects.filter(valid_from__isnull=True).count() == 5
    new = Commune.objects.filter(valid_from__isnull=False).annotate(old=Count("merged_from"))
    assert [commune.old for commune in new] == [2] * plan.merges
    assert Station.objects.count() == 2
    # Every commune is covered; a merged one until 30/6/2025, its successor from 1/7/2025.
    assert StationCoverage.objects.count() == Commune.objects.count() == 6
    assert Officer.objects.count() == plan.officers == 100
    assert Assignment.objects.count() == plan.assignments == 500
    assert set(Assignment.objects.values_list("kind", flat=True)) == set(AssignmentKind.values)
    assert SupportRecord.objects.count() == plan.support == 1000
    assert "1.000" in output  # the support records, counted in Vietnamese


def test_it_leaves_the_planner_statistics_of_what_it_wrote():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")

    output = generate()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", ["programmes_supportrecord"]
        )
        assert cursor.fetchone()[0] == 1000
    assert "ANALYZE" in output


def test_it_writes_no_history_rows():
    generate()

    assert SupportRecord.history.count() == 0
    assert Commune.history.count() == 0


def test_a_rebuild_over_it_gives_rows_for_every_indicator_in_the_catalogue():
    generate()

    run = rebuild()

    assert run.status == RunStatus.SUCCESS
    rows = IndicatorValue.objects.all()
    produced = {i.code for i in CATALOGUE if rows.filter(**{f"{i.code}__isnull": False}).exists()}
    assert produced == {indicator.code for indicator in CATALOGUE}


def test_a_second_run_is_refused_unless_forced_and_then_adds_a_second_set():
    generate()

    with pytest.raises(CommandError, match="--force"):
        generate()
    generate(force=True)

    assert Province.objects.filter(slug__startswith="scale-2-").count() == 2
    assert SupportRecord.objects.count() == 2000


def test_the_same_seed_gives_the_same_records():
    fields = ("given_on", "quantity", "value_vnd", "recipient_name")
    generate()
    generate(force=True)

    records = list(SupportRecord.objects.order_by("pk").values_list(*fields))
    assert records[:1000] == records[1000:]
