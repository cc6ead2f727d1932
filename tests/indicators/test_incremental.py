"""A rebuild recomputes only what writes since the last one may have changed (the same day:
only the communes they marked), and its snapshot is the one a full rebuild of the same data
writes. PostgreSQL only: the marks are triggers there (`indicators/marks.py`); on other
databases every rebuild is a full one."""

import datetime

import pytest
from django.db import connection

from borderwork.indicators import marks
from borderwork.indicators import rebuild as rebuild_module
from borderwork.indicators.models import DirtyMark, IndicatorValue, RunStatus
from borderwork.indicators.rebuild import YEARS_BACK, Plan, rebuild
from borderwork.indicators.sources import TABLE_NAMES, T
from borderwork.periods import Quarter
from cadres.models import Assignment, AssignmentKind, PartyAdmission
from communes.models import Commune, CoordinationRegulation, PartyCell, StationCoverage
from programmes.models import SelfManagementGroup, SupportRecord
from tests import factories
from tests.demo import TODAY as DEMO_TODAY
from tests.demo import demo_fixture

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the change marks are PostgreSQL triggers"
    ),
]

demo = demo_fixture()
TODAY = DEMO_TODAY.date()  # the demo's fixture travels there
WINDOW = datetime.date(TODAY.year - YEARS_BACK, 1, 1)
LAST_QUARTER = Quarter.of(TODAY).shift(-1).first_day


def snapshot() -> list[tuple]:
    """Every value of the snapshot, without the row ids a rebuild renumbers."""
    fields = [f.attname for f in IndicatorValue._meta.concrete_fields if f.attname != "id"]
    return sorted(
        IndicatorValue.objects.values_list(*fields),
        key=lambda row: tuple((value is None, str(value)) for value in row),
    )


def border_commune() -> tuple[Commune, StationCoverage]:
    coverage = (
        StationCoverage.objects.filter(
            valid_until__isnull=True, commune__valid_until__isnull=True, commune__is_border=True
        )
        .select_related("commune", "station")
        .order_by("commune__slug")
        .first()
    )
    return coverage.commune, coverage


def marks_since() -> list[datetime.date | None]:
    return list(DirtyMark.objects.order_by("pk").values_list("since", flat=True))


def border_communes() -> list[tuple[Commune, StationCoverage]]:
    """Today's border communes, each with the coverage of its station."""
    return [
        (coverage.commune, coverage)
        for coverage in StationCoverage.objects.filter(
            valid_until__isnull=True, commune__valid_until__isnull=True, commune__is_border=True
        )
        .select_related("commune", "station")
        .order_by("commune__slug")
    ]


def marked_communes() -> set[int | None]:
    return set(DirtyMark.objects.values_list("commune_id", flat=True))


def test_a_rebuild_after_writes_by_every_path_recomputes_from_the_earliest_and_equals_a_full_one(
    demo,
):
    rebuild(full=True)
    before = snapshot()
    commune, coverage = border_commune()

    # A form or the admin: one record entered late, for last quarter.
    factories.SupportRecordFactory(
        commune=commune, station=coverage.station, given_on=LAST_QUARTER, value_vnd=7_000_000
    )
    # A bulk import: two admissions in 2024, before the merger.
    old = Commune.objects.filter(valid_until__isnull=False, is_border=True).first()
    PartyAdmission.objects.bulk_create(
        [
            PartyAdmission(
                full_name=f"Đảng viên {number}",
                commune=old,
                admitted_on=datetime.date(2024, 5, 2),
            )
            for number in range(2)
        ]
    )
    # QuerySet.update(): a term ended today (it began years ago).
    Assignment.objects.filter(
        pk=Assignment.objects.filter(ended_on__isnull=True).order_by("pk").first().pk
    ).update(ended_on=TODAY)
    # Plain SQL: a regulation that expired in February 2025 after all.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {T['regulation']} SET expires_on = %s WHERE id = %s",  # noqa: S608 (our table)
            [datetime.date(2025, 2, 10), CoordinationRegulation.objects.order_by("pk")[0].pk],
        )
    # A many-to-many: a landmark handed to a self-management group.
    # (It counts in every quarter of the group, whose start marks.)
    group = SelfManagementGroup.objects.filter(ended_on__isnull=True).latest("registered_on")
    group.landmarks.add(factories.LandmarkFactory(commune=group.commune))

    run = rebuild()
    recomputed = snapshot()
    rebuild(full=True)

    assert run.status == RunStatus.SUCCESS
    earliest = min(datetime.date(2024, 5, 2), group.registered_on)
    assert WINDOW < run.recomputed_from == Quarter.of(earliest).first_day
    assert 0 < run.rows < IndicatorValue.objects.count()
    assert recomputed != before
    assert recomputed == snapshot()
    assert not DirtyMark.objects.exists()


def test_writes_the_same_day_are_recomputed_for_their_communes_alone_as_a_full_rebuild_would(
    demo,
):
    rebuild(full=True)
    full_rows = IndicatorValue.objects.count()
    (a, at_a), (b, at_b), (c, _at_c), (d, _at_d), *_others = border_communes()
    old = Commune.objects.filter(valid_until__isnull=False, is_border=True).first()
    DirtyMark.objects.all().delete()

    # A new record, in the quarter under way.
    factories.SupportRecordFactory(commune=a, station=at_a.station, given_on=TODAY, quantity=3)
    # A record moved to another commune and another quarter.
    moved = factories.SupportRecordFactory(
        commune=b, station=at_b.station, given_on=TODAY, value_vnd=9_000_000
    )
    SupportRecord.objects.filter(pk=moved.pk).update(commune=c, given_on=LAST_QUARTER)
    # A record deleted.
    SupportRecord.objects.filter(commune=d).order_by("-given_on").first().delete()
    # A term on a commune's committee ended today.
    Assignment.objects.filter(
        pk=Assignment.objects.filter(
            commune=b, kind=AssignmentKind.PARTY_COMMITTEE, ended_on__isnull=True
        )
        .order_by("pk")
        .first()
        .pk
    ).update(ended_on=TODAY)
    # An officer in a village party cell.
    cell = PartyCell.objects.filter(commune=c).first()
    factories.AssignmentFactory(
        kind=AssignmentKind.PARTY_CELL,
        commune=c,
        party_cell=cell,
        officer__station=at_a.station,
        started_on=LAST_QUARTER,
    )
    # Participants of a course held in one commune who come from another.
    course = factories.CourseFactory(
        commune=a, station=at_a.station, started_on=LAST_QUARTER, ended_on=LAST_QUARTER
    )
    factories.CourseParticipantFactory(course=course, commune=d)
    # Admissions in a commune that merged in 2025: its successor's figures change.
    factories.PartyAdmissionFactory(commune=old, admitted_on=datetime.date(2024, 5, 2))

    plan = Plan.make(TODAY)
    run = rebuild()
    recomputed = snapshot()
    rebuild(full=True)

    assert set(plan.communes) == {a.pk, b.pk, c.pk, d.pk, old.pk}
    assert run.status == RunStatus.SUCCESS
    assert run.recomputed_from == Quarter.of(datetime.date(2024, 5, 2)).first_day
    assert 0 < run.rows < full_rows / 4
    assert recomputed == snapshot()
    assert not DirtyMark.objects.exists()


def test_a_record_moved_to_another_commune_marks_both(demo):
    (a, at_a), (b, _at_b), *_others = border_communes()
    record = factories.SupportRecordFactory(commune=a, station=at_a.station, given_on=TODAY)
    DirtyMark.objects.all().delete()

    SupportRecord.objects.filter(pk=record.pk).update(commune=b)

    assert marked_communes() == {a.pk, b.pk}
    assert marks_since() == [TODAY, TODAY]


def test_a_write_that_may_change_every_commune_is_recomputed_for_every_commune(demo):
    rebuild(full=True)
    (a, at_a), *_others = border_communes()
    factories.SupportRecordFactory(commune=a, station=at_a.station, given_on=TODAY)
    factories.ProgrammeFactory(slug="bo-giong-2")  # a new programme: no mark of its own
    Commune.objects.filter(pk=a.pk).update(is_border=False)

    plan = Plan.make(TODAY)

    assert None in marked_communes()
    assert plan.communes is None


def test_a_refresh_on_a_later_day_recomputes_every_commune_from_the_quarter_last_counted(demo):
    yesterday = TODAY - datetime.timedelta(days=1)
    rebuild(full=True, today=yesterday)
    (a, at_a), *_others = border_communes()
    factories.SupportRecordFactory(commune=a, station=at_a.station, given_on=yesterday)

    plan = Plan.make(TODAY)
    run = rebuild()
    recomputed = snapshot()
    rebuild(full=True)

    assert plan.communes is None
    assert run.recomputed_from == Quarter.of(yesterday).first_day
    assert recomputed == snapshot()


def test_a_refresh_that_marked_many_communes_recomputes_them_all(demo, monkeypatch):
    rebuild(full=True)
    for commune, coverage in border_communes()[:3]:
        factories.SupportRecordFactory(
            commune=commune, station=coverage.station, given_on=LAST_QUARTER
        )
    monkeypatch.setattr(rebuild_module, "MOST_COMMUNES", 2)

    plan = Plan.make(TODAY)
    run = rebuild()
    recomputed = snapshot()
    rebuild(full=True)

    assert plan.communes is None
    assert run.recomputed_from == LAST_QUARTER
    assert recomputed == snapshot()


def test_with_nothing_written_only_the_quarter_last_counted_is_recomputed(demo):
    full = rebuild(full=True)
    before = snapshot()

    run = rebuild()

    assert run.recomputed_from == Quarter.of(TODAY).first_day
    assert 0 < run.rows < full.rows
    assert snapshot() == before


def test_the_quarter_counted_up_to_last_time_is_completed_the_next(demo):
    rebuild(full=True, today=LAST_QUARTER + datetime.timedelta(days=10))

    run = rebuild()
    recomputed = snapshot()
    rebuild(full=True)

    assert run.recomputed_from == LAST_QUARTER
    assert recomputed == snapshot()


def test_ending_a_term_marks_from_its_end_and_starting_one_from_its_start(demo):
    assignment = Assignment.objects.filter(ended_on__isnull=True).order_by("pk").first()
    DirtyMark.objects.all().delete()

    Assignment.objects.filter(pk=assignment.pk).update(ended_on=TODAY)
    Assignment.objects.filter(pk=assignment.pk).update(commune=assignment.commune)  # unchanged
    Assignment.objects.filter(pk=assignment.pk).update(started_on=datetime.date(2023, 2, 1))

    assert marks_since() == [TODAY, min(assignment.started_on, datetime.date(2023, 2, 1))]


def test_a_record_saved_unchanged_leaves_no_mark(demo):
    commune, _coverage = border_commune()
    DirtyMark.objects.all().delete()

    commune.save()

    assert marks_since() == []


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda c: Commune.objects.filter(pk=c.pk).update(is_border=False), id="commune"
        ),
        pytest.param(
            lambda c: StationCoverage.objects.filter(commune=c).update(valid_until=TODAY),
            id="coverage",
        ),
    ],
)
def test_a_merger_or_a_change_of_coverage_makes_the_next_rebuild_a_full_one(demo, write):
    rebuild(full=True)
    commune, _coverage = border_commune()

    write(commune)
    run = rebuild()

    assert marks_since() == []  # read and consumed
    assert run.recomputed_from == WINDOW
    assert run.rows == IndicatorValue.objects.count()


def test_a_change_in_the_way_of_counting_makes_the_next_rebuild_a_full_one(demo, monkeypatch):
    rebuild(full=True)
    monkeypatch.setattr(rebuild_module, "signature", lambda: "another way of counting")

    run = rebuild()

    assert run.recomputed_from == WINDOW


def test_a_failed_rebuild_keeps_the_marks_for_the_next(demo, monkeypatch):
    rebuild(full=True)
    commune, coverage = border_commune()
    factories.SupportRecordFactory(commune=commune, station=coverage.station, given_on=LAST_QUARTER)

    def broken(*args, **kwargs):
        raise RuntimeError("mất kết nối")

    monkeypatch.setattr(rebuild_module, "compute", broken)
    with pytest.raises(RuntimeError):
        rebuild()
    monkeypatch.undo()

    assert marks_since() == [LAST_QUARTER]
    assert rebuild().recomputed_from == LAST_QUARTER


def test_every_table_the_rebuild_reads_has_its_four_triggers(demo):
    assert set(TABLE_NAMES.values()) <= set(marks.MARKS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE 'indicator_mark_%%' GROUP BY c.relname"
        )
        triggers = dict(cursor.fetchall())

    assert triggers == {table: 4 for table in marks.MARKS}
