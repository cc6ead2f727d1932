"""Two tabs on one record: the second save is refused and shows both versions; a double click on
a create form makes one record."""

import datetime

import pytest
from django.urls import reverse

from borderwork.records.registry import url_for
from programmes.forms import SupportRecordForm
from programmes.models import SupportRecord
from tests.indicators.dashboard_world import houses

pytestmark = pytest.mark.django_db


def form_data(form) -> dict:
    """What the browser sends for a form as it was rendered."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


@pytest.fixture
def record(world):
    return houses(world, world.merged, world.station_bp, datetime.date(2025, 8, 20), 1, 1)


def test_the_second_tab_to_save_sees_both_versions_and_may_apply_its_own(client, world, record):
    user = world.users["staff-bp"]
    client.force_login(user)
    first_tab = form_data(SupportRecordForm(instance=record, user=user))
    second_tab = dict(first_tab)
    url = url_for(record, "update")

    first_tab["recipient_name"] = "Hộ ông Lý Văn Một"
    response = client.post(url, first_tab)
    assert response.status_code == 302, response.context["form"].errors
    second_tab["recipient_name"] = "Hộ bà Điểu Thị Hai"
    response = client.post(url, second_tab)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-testid="conflict"' in page
    assert "Hộ ông Lý Văn Một" in page and "Hộ bà Điểu Thị Hai" in page
    record.refresh_from_db()
    assert record.recipient_name == "Hộ ông Lý Văn Một"

    # "Lưu" on that page applies the second tab's values over the first, knowingly.
    again = form_data(response.context["form"])
    assert again["recipient_name"] == "Hộ bà Điểu Thị Hai"
    assert client.post(url, again).status_code == 302
    record.refresh_from_db()
    assert record.recipient_name == "Hộ bà Điểu Thị Hai"


def test_a_form_saved_twice_unchanged_since_it_was_read_is_no_conflict(client, world, record):
    user = world.users["staff-bp"]
    client.force_login(user)
    data = form_data(SupportRecordForm(instance=record, user=user))
    data["recipient_name"] = "Hộ ông Lý Văn Một"
    assert client.post(url_for(record, "update"), data).status_code == 302
    stored = SupportRecord.objects.get(pk=record.pk)
    fresh = form_data(SupportRecordForm(instance=stored, user=user))
    fresh["quantity"] = "2"
    assert client.post(url_for(record, "update"), fresh).status_code == 302
    record.refresh_from_db()
    assert (record.recipient_name, record.quantity) == ("Hộ ông Lý Văn Một", 2)


def test_a_double_click_on_a_create_form_makes_one_record(client, world, record):
    user = world.users["staff-bp"]
    client.force_login(user)
    data = form_data(SupportRecordForm(instance=record, user=user))
    data.pop("version")
    data["once"] = form_data(SupportRecordForm(user=user))["once"]
    before = SupportRecord.objects.count()
    create = reverse("programmes:support-create")
    first, second = client.post(create, data), client.post(create, data)
    assert first.status_code == second.status_code == 302
    assert SupportRecord.objects.count() == before + 1
    assert first["Location"] == second["Location"]
    # A new form has a new token: a second record on purpose is still possible.
    data["once"] = form_data(SupportRecordForm(user=user))["once"]
    assert client.post(create, data).status_code == 302
    assert SupportRecord.objects.count() == before + 2


def test_two_people_on_one_reports_texts_lose_nothing(client, world):
    from borderwork.periods import Quarter
    from borderwork.reports import workflow
    from borderwork.reports.forms import ReportForm
    from tests.indicators.dashboard_world import build

    build(world)
    user = world.users["station-bp"]
    report = workflow.draft(user, "station", world.station_bp, Quarter(2025, 2))
    client.force_login(user)
    url = reverse("reports:edit", args=[report.pk])
    first_tab = form_data(ReportForm(instance=report))
    second_tab = dict(first_tab)
    first_tab["shortcomings"] = "Xã Lộc Thạnh cập nhật chậm."
    assert client.post(url, first_tab).status_code == 302
    second_tab["shortcomings"] = "Thiếu cán bộ ở chi bộ ấp 3."
    response = client.post(url, second_tab)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Xã Lộc Thạnh cập nhật chậm." in page and "Thiếu cán bộ ở chi bộ ấp 3." in page
    report.refresh_from_db()
    assert report.shortcomings == "Xã Lộc Thạnh cập nhật chậm."
    assert client.post(url, form_data(response.context["form"])).status_code == 302
    report.refresh_from_db()
    assert report.shortcomings == "Thiếu cán bộ ở chi bộ ấp 3."


def test_saving_a_new_record_forgets_the_tokens_of_forms_sent_over_a_week_ago(
    client, world, record, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from borderwork.models import KEEP_TOKENS, SubmittedForm

    old = SubmittedForm.objects.create(token="a" * 32, url="/cu/")
    recent = SubmittedForm.objects.create(token="b" * 32, url="/moi/")
    SubmittedForm.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP_TOKENS - datetime.timedelta(minutes=1)
    )
    SubmittedForm.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - KEEP_TOKENS + datetime.timedelta(minutes=1)
    )
    user = world.users["staff-bp"]
    client.force_login(user)
    data = form_data(SupportRecordForm(instance=record, user=user))
    data.pop("version")
    data["once"] = form_data(SupportRecordForm(user=user))["once"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("programmes:support-create"), data).status_code == 302
    kept = set(SubmittedForm.objects.values_list("token", flat=True))
    assert kept == {recent.token, data["once"]}
