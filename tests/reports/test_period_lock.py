"""After Bình Phước's 2025Q2 report is approved, no path changes a record its figures count:
the record form, the ORM, a bulk queryset, the admin's delete and change form; for every
table whose rows feed a figure (`period_of`), the reference rows the records name included."""

import copy
import datetime
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models, transaction
from django.db.models import ProtectedError
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from borderwork.records.registry import url_for
from borderwork.reports.locks import closing_report, closing_report_of
from borderwork.scoping import PeriodClosed, period_of
from tests.demo import approve_binh_phuoc, demo_fixture, record_types

pytestmark = pytest.mark.django_db

demo = demo_fixture()
Q2 = Quarter(2025, 2)
FAMILIES = [kind for kind in record_types() if period_of(kind.model) is not None]
# Every guarded table's model, with pages or not (a province, an ethnic group: admin only).
GUARDED = sorted(
    (model for model in apps.get_models() if period_of(model) is not None),
    key=lambda model: model._meta.label,
)
ADMINISTERED = [model for model in GUARDED if model in admin.site._registry]


def label(model) -> str:
    return model._meta.label_lower


@pytest.fixture(scope="module")
def approved(demo, django_db_blocker):
    with django_db_blocker.unblock():
        for kind in FAMILIES:
            counted_in_q2(kind, demo["staff-bp"])
        report = approve_binh_phuoc(demo, Q2)
    return report


def meets_q2(period, obj) -> bool:
    _commune, first, last = period.span(obj)
    return (first is None or first <= Q2.last_day) and (last is None or last >= Q2.first_day)


def counted_in_q2(kind, user) -> None:
    """Where the demo has no record of the family in 2025Q2, move one there (before approval)."""
    period = period_of(kind.model)
    if period.via or not period.dates:
        return  # counted where the records naming it count, or on every day
    in_bp = f"{period.commune}__province__slug" if period.commune else "province__slug"
    rows = kind.model.objects.visible_to(user).filter(**{in_bp: "binh-phuoc"})
    if any(meets_q2(period, obj) for obj in rows) or "__" in period.dates[0]:
        return
    obj = rows.order_by("pk").first()
    assert obj is not None, f"the demo has no {kind.name} in Bình Phước"
    year = isinstance(getattr(obj, period.dates[0]), int)
    rows.filter(pk=obj.pk).update(**{period.dates[0]: Q2.year if year else Q2.first_day})


def a_counted_record(model, user):
    """A record of the user's province whose figures the approved quarter counts."""
    period = period_of(model)
    for obj in model.objects.visible_to(user).order_by("pk").iterator():
        if (period.via or meets_q2(period, obj)) and closing_report(obj) is not None:
            return obj
    raise AssertionError(f"the demo has no {model.__name__} counted in 2025Q2")


def a_change(obj) -> tuple[str, object]:
    """A field and a new value for it that any record of the family accepts, among the fields
    whose change counts: text first."""
    counts = period_of(type(obj)).counts
    if counts:
        return _a_counted_change(obj, counts)
    fields = [
        field
        for field in obj._meta.concrete_fields
        if not (field.primary_key or field.choices or not field.editable or field.unique)
    ]
    for field in fields:
        if isinstance(field, models.TextField | models.CharField):
            value = (getattr(obj, field.attname) or "") + " (sửa)"
            return field.name, value[-(field.max_length or 1000) :]
    for field in fields:
        if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
            return field.name, getattr(obj, field.attname) + 1
    # A link between two units (a station's coverage): move its first day earlier.
    return _a_counted_change(obj, period_of(type(obj)).dates[:1])


def _a_counted_change(obj, counts: tuple[str, ...]) -> tuple[str, object]:
    fields = [obj._meta.get_field(name) for name in counts]
    for kinds in (
        models.CharField,
        models.PositiveIntegerField | models.PositiveSmallIntegerField,
        models.BooleanField,
        models.DateField,
    ):
        for field in fields:
            if not isinstance(field, kinds):
                continue
            value = getattr(obj, field.attname)
            if field.choices:
                return field.name, next(c for c, _label in field.choices if c != value)
            if isinstance(field, models.CharField):
                return field.name, (value + " (sửa)")[-field.max_length :]
            if isinstance(field, models.BooleanField):
                return field.name, not value
            if isinstance(field, models.DateField):
                return field.name, (value or datetime.date(1997, 1, 1)) - datetime.timedelta(1)
            return field.name, value + 1
    raise AssertionError(f"no counted field to change on {type(obj).__name__}")


def unchanged(obj) -> bool:
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    fields = [f.attname for f in obj._meta.concrete_fields]
    return stored is not None and all(
        getattr(stored, name) == getattr(obj, name) for name in fields
    )


@pytest.mark.parametrize("model", GUARDED, ids=label)
def test_the_orm_may_neither_change_nor_delete_a_counted_record(demo, approved, model):
    obj = a_counted_record(model, demo["staff-bp"])
    name, value = a_change(obj)
    changed = copy.copy(obj)
    setattr(changed, name, value)
    with pytest.raises(PeriodClosed, match="Trần Quốc Hưng"), transaction.atomic():
        changed.save()
    with pytest.raises((PeriodClosed, ProtectedError)), transaction.atomic():
        copy.copy(obj).delete()
    assert unchanged(obj)


@pytest.mark.parametrize("model", GUARDED, ids=label)
def test_a_bulk_update_or_delete_is_refused(demo, approved, model):
    obj = a_counted_record(model, demo["staff-bp"])
    name, value = a_change(obj)
    rows = model.objects.filter(pk=obj.pk)
    with pytest.raises(PeriodClosed, match="phê duyệt"), transaction.atomic():
        rows.update(**{name: value})
    with pytest.raises((PeriodClosed, ProtectedError)), transaction.atomic():
        rows.delete()
    with pytest.raises(PeriodClosed), transaction.atomic():
        model.objects.bulk_update([_with(obj, name, value)], [name])
    assert unchanged(obj)


def _with(obj, name, value):
    changed = copy.copy(obj)
    setattr(changed, name, value)
    return changed


@pytest.mark.parametrize("model", ADMINISTERED, ids=label)
def test_the_admin_may_not_delete_a_counted_record(client, demo, approved, model):
    obj = a_counted_record(model, demo["staff-bp"])
    client.force_login(demo["admin"])
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    response = client.post(url, {"post": "yes"})
    # Refused with the message (403), or not offered where other records still depend on it.
    assert response.status_code in (200, 403)
    if response.status_code == 403:
        assert "Trần Quốc Hưng" in response.content.decode()
    assert unchanged(obj)


class FormValues(HTMLParser):
    """What a browser would send back from the page's main form, unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.setdefault(self.select, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_data(self, data) -> None:
        if self.textarea:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


@pytest.mark.parametrize("model", ADMINISTERED, ids=label)
def test_the_admin_change_form_refuses_a_change(client, demo, approved, model):
    obj = a_counted_record(model, demo["staff-bp"])
    name, value = a_change(obj)
    client.force_login(demo["admin"])
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    parser = FormValues()
    parser.feed(page.content.decode())
    data = dict(parser.data)
    assert name in data or isinstance(value, bool), f"{name} is not on the admin's form"
    form_field = admin.site._registry[model].get_form(page.wsgi_request, obj).base_fields[name]
    if value is True:
        data[name] = ["on"]
    elif value is False:
        data.pop(name, None)
    else:
        data[name] = [str(form_field.widget.format_value(value))]
    response = client.post(url, data)
    # Refused with the message: a 403, or the form again with it.
    assert response.status_code in (200, 403)
    assert "đã được Trần Quốc Hưng phê duyệt" in response.content.decode()
    assert unchanged(obj)


@pytest.mark.parametrize("kind", [k for k in FAMILIES if k.form is not None], ids=lambda k: k.name)
def test_the_form_refuses_a_change_and_says_who_approved(client, demo, approved, kind):
    obj = a_counted_record(kind.model, demo["staff-bp"])
    client.force_login(demo["admin"])
    response = client.post(url_for(obj, "update"), changed_form_data(kind, obj, demo["admin"]))
    assert response.status_code == 200
    # Once: above the form, not again as the form's own error.
    assert response.content.decode().count("đã được Trần Quốc Hưng phê duyệt") == 1
    assert unchanged(obj)


def changed_form_data(kind, obj, user) -> dict:
    """The record's edit form as it is, with one field changed."""
    form = kind.form(instance=obj, user=user)
    data = {}
    for field_name in form.fields:
        value = form[field_name].value()
        if isinstance(value, list | tuple):
            data[field_name] = [str(v) for v in value]
        elif value is None or isinstance(value, FieldFile) or value is False:
            continue
        else:
            data[field_name] = str(value) if not hasattr(value, "isoformat") else value.isoformat()
    name, value = a_change(obj)
    if name in form.fields:
        data[name] = str(value)
    return data


def test_the_records_of_other_quarters_and_provinces_stay_open(demo, approved):
    from programmes.models import SupportRecord

    later = SupportRecord.objects.filter(
        commune__province__slug="binh-phuoc", given_on__gt=Quarter(2025, 3).first_day
    ).first()
    later.recipient_name += " (sửa)"
    later.save()
    other = SupportRecord.objects.filter(
        commune__province__slug="quang-binh", given_on__range=(Q2.first_day, Q2.last_day)
    ).first()
    other.delete()


OPERATIONS = ("delete", "edit", "move", "end", "copy")


def frozen_part(snapshot: dict) -> dict:
    """The approved quarter's own figures in a report's snapshot (not its comparisons)."""
    return {
        "now": {code: figure["now"] for code, figure in snapshot["indicators"].items()},
        "units": snapshot["units"],
        "programmes": snapshot["programmes"],
        "assignments": snapshot["assignments"],
    }


def random_write(model, user, pick: int, operation: str, day) -> None:
    """One write through the ORM, as a script would make it; refused or not."""
    rows = model.objects.visible_to(user).order_by("pk")
    count = rows.count()
    if not count:
        return
    obj = rows[pick % count]
    period = period_of(model)
    first = period.dates[0] if period.dates and "__" not in period.dates[0] else None
    end = period.movable[0] if period.movable else None
    if operation == "delete":
        obj.delete()
    elif operation == "edit":
        name, value = a_change(obj)
        setattr(obj, name, value)
        obj.save()
    elif operation == "move" and first and not isinstance(getattr(obj, first), int):
        setattr(obj, first, day)
        obj.save()
    elif operation == "end" and end:
        setattr(obj, end, day)
        obj.save()
    elif operation == "copy" and first and model._meta.many_to_many == []:
        obj.pk = obj.id = None
        if not isinstance(getattr(obj, first), int):
            setattr(obj, first, day)
        obj.save()


def test_no_write_after_approval_changes_the_approved_figures_after_a_full_rebuild(demo, approved):
    import datetime
    import json

    from django.core.exceptions import ValidationError
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import DatabaseError
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from borderwork.reports import content

    user = demo["admin"]
    refused = {"count": 0}

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        family=st.sampled_from(GUARDED),
        pick=st.integers(0, 10**6),
        operation=st.sampled_from(OPERATIONS),
        day=st.dates(datetime.date(2024, 1, 1), datetime.date(2026, 6, 30)),
    )
    def writes(family, pick, operation, day):
        try:
            with transaction.atomic():
                random_write(family, user, pick, operation, day)
        except PeriodClosed:
            refused["count"] += 1
        except (ProtectedError, ValidationError, DatabaseError):
            pass  # refused for another reason (a record others depend on, a constraint)

    writes()
    assert refused["count"] > 0
    rebuild(full=True)
    now = content.snapshot(approved.level, approved.unit.pk, approved.period)
    now = json.loads(json.dumps(now, cls=DjangoJSONEncoder))
    assert frozen_part(now) == frozen_part(approved.frozen)


@pytest.mark.parametrize(
    # A commune's page is its hub, with no edit for the staff who read it.
    "kind",
    [kind for kind in FAMILIES if kind.name != "commune" and kind.form is not None],
    ids=lambda kind: kind.name,
)
def test_a_counted_record_page_says_once_that_it_is_locked(client, demo, approved, kind):
    obj = a_counted_record(kind.model, demo["staff-bp"])
    client.force_login(demo["staff-bp"])

    page = client.get(url_for(obj)).content.decode()
    # A delete refused (the page offers none; a stale tab might still send it).
    after_delete = client.post(url_for(obj, "delete"), follow=True).content.decode()

    assert page.count("đã được Trần Quốc Hưng phê duyệt") == 1
    assert url_for(obj, "update") not in page
    assert after_delete.count("đã được Trần Quốc Hưng phê duyệt") == 1
    assert unchanged(obj)


NAMED = [model for model in GUARDED if period_of(model).via]


@pytest.mark.parametrize("model", NAMED, ids=label)
def test_a_named_row_is_closed_exactly_when_a_record_naming_it_is(
    demo, approved, model, django_assert_max_num_queries
):
    """A programme's (province's, ethnic group's) spans are read by quarter and joined, in one
    query per kind of record naming it: the lock says the same as for the records' own days."""
    period = period_of(model)
    closed = 0
    for obj in model._base_manager.order_by("pk"):
        own = [
            period_of(apps.get_model(naming)).span(record)
            for naming, field in period.via
            for record in apps.get_model(naming)._base_manager.filter(**{field: obj.pk})
        ]
        # The approved periods (one query), then the records naming the row, per kind.
        with django_assert_max_num_queries(1 + len(period.via)):
            spans = period.named_by(obj.pk)
        by_quarter = closing_report_of(spans)
        assert (by_quarter is None) == (closing_report_of(own) is None), obj
        closed += by_quarter is not None
    assert closed, f"no {model.__name__} of the demo is counted in the approved quarter"
