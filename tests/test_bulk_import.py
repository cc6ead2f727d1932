"""An import writes its rows in batches: the queries do not grow with the rows, and the
history, the change marks and the model's checks are what one record's save leaves."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderwork.indicators.models import DirtyMark
from borderwork.records.constraints import validate_constraints
from borderwork.records.exchange import IMPORTED, resource_for
from borderwork.records.imports import run_import
from borderwork.records.registry import REGISTRY
from cadres.models import Assignment
from programmes.models import SupportRecord
from tests.demo import demo_fixture
from tests.test_spreadsheets import a_support_row, support_rows

pytestmark = pytest.mark.django_db

demo = demo_fixture()

SUPPORT = REGISTRY[SupportRecord]


def new_rows(user, count: int) -> bytes:
    # At most 40: SQLite takes some 999 values a statement, so Django splits more rows.
    return support_rows(
        user,
        *(a_support_row(user, **{"Người nhận, chủ hộ": f"Hộ {n}"}) for n in range(count)),
    )


def test_support_records_are_written_in_bulk():
    assert resource_for(SUPPORT, None)._meta.use_bulk


def test_importing_ten_times_the_rows_sends_no_more_queries(demo, django_assert_max_num_queries):
    user = demo["station-bp"]
    small, large = new_rows(user, 4), new_rows(user, 40)
    with CaptureQueriesContext(connection) as few:
        assert run_import(SUPPORT, user, "x.csv", small, dry_run=False).ok
    with django_assert_max_num_queries(len(few.captured_queries)):
        outcome = run_import(SUPPORT, user, "x.csv", large, dry_run=False)
    assert outcome.ok and outcome.counts["new"] == 40
    assert SupportRecord.objects.filter(recipient_name__startswith="Hộ ").count() == 44


def test_a_preview_of_many_rows_sends_no_more_queries_either(demo, django_assert_max_num_queries):
    user = demo["station-bp"]
    small, large = new_rows(user, 4), new_rows(user, 40)
    with CaptureQueriesContext(connection) as few:
        run_import(SUPPORT, user, "x.csv", small, dry_run=True)
    before = SupportRecord.objects.count()
    with django_assert_max_num_queries(len(few.captured_queries)):
        outcome = run_import(SUPPORT, user, "x.csv", large, dry_run=True)
    assert outcome.counts["new"] == 40
    assert SupportRecord.objects.count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="marks are PostgreSQL triggers")
def test_a_bulk_import_keeps_history_with_the_importer_and_marks_the_communes(demo):
    user = demo["station-bp"]
    existing = SupportRecord.objects.editable_by(user).select_related("commune").first()
    changed = a_support_row(
        user,
        existing,
        **{"Mã số": str(existing.pk), "Người nhận, chủ hộ": "Đã sửa", "Số lượng": "7"},
    )
    fresh = [a_support_row(user, existing, **{"Người nhận, chủ hộ": f"Hộ {n}"}) for n in (1, 2)]
    DirtyMark.objects.all().delete()

    outcome = run_import(SUPPORT, user, "x.csv", support_rows(user, changed, *fresh), False)

    assert outcome.counts == {"new": 2, "changed": 1, "unchanged": 0, "error": 0}
    for record in SupportRecord.objects.filter(recipient_name__in=["Hộ 1", "Hộ 2"]):
        history = record.history.get()
        assert history.history_type == "+" and history.history_user == user
        assert history.history_change_reason == str(IMPORTED)
    existing.refresh_from_db()
    assert (existing.recipient_name, existing.quantity) == ("Đã sửa", 7)
    last = existing.history.first()
    assert last.history_type == "~" and last.history_user == user
    assert (last.recipient_name, last.quantity) == ("Đã sửa", 7)
    marks = DirtyMark.objects.filter(table_name=SupportRecord._meta.db_table)
    assert set(marks.values_list("commune_id", flat=True)) == {existing.commune_id}


def test_a_rows_text_is_stored_in_nfc_by_the_bulk_write(demo):
    user = demo["station-bp"]
    typed = "Ho\u0302\u0300 Thi\u0323 Lan"  # NFD: the marks typed apart from their letters
    row = a_support_row(user, **{"Người nhận, chủ hộ": typed})
    assert run_import(SUPPORT, user, "x.csv", support_rows(user, row), dry_run=False).ok
    assert SupportRecord.objects.filter(recipient_name="Hồ Thị Lan").exists()


def test_a_check_constraint_that_holds_costs_no_query(demo, django_assert_num_queries):
    record = SupportRecord.objects.first()
    with django_assert_num_queries(0):
        validate_constraints(record)


def test_a_broken_check_constraint_says_what_the_page_says(demo):
    record = SupportRecord.objects.first()
    record.value_vnd = -5
    with pytest.raises(ValidationError) as refused:
        validate_constraints(record)
    assert refused.value.messages == ["Giá trị không được âm."]

    term = Assignment.objects.exclude(started_on=None).first()
    term.ended_on = term.started_on.replace(year=term.started_on.year - 1)
    with pytest.raises(ValidationError) as refused:
        validate_constraints(term)
    assert list(refused.value.message_dict) == ["ended_on"]
