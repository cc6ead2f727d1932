"""Every list page costs the same number of queries with 10 rows as with 200."""

import datetime

import pytest
from django.db import models
from django.urls import reverse

from borderwork.accounts.models import Role, User
from communes.models import Commune, Province, Station, StationCoverage
from tests.demo import demo_fixture, record_types

pytestmark = pytest.mark.django_db

demo = demo_fixture()


def vary(row: models.Model, n: int) -> None:
    """Make the row's unique fields unique again, for the n-th copy."""
    model = type(row)
    names = {c.fields[-1] for c in model._meta.total_unique_constraints}
    names |= {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    for constraint in model._meta.constraints:  # functional ones, e.g. Upper("number")
        for expression in getattr(constraint, "expressions", ()):
            nodes = [expression] if isinstance(expression, models.F) else expression.flatten()
            names |= {node.name for node in nodes if isinstance(node, models.F)}
    for name in names:
        field = model._meta.get_field(name)
        value = getattr(row, field.attname)
        if field.is_relation or value is None:
            continue
        if isinstance(field, models.DateField):
            setattr(row, name, (value or datetime.date(2000, 1, 1)) + datetime.timedelta(n))
        elif isinstance(field, models.IntegerField):
            setattr(row, name, value + n)
        else:
            setattr(row, name, f"{value}-{n}"[: field.max_length])


def copy_of(obj: models.Model, n: int) -> models.Model:
    model = type(obj)
    row = model(**{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields})
    row.pk = None
    vary(row, n)
    return row


def rehome(obj: models.Model, place: dict) -> models.Model:
    """A saved copy of the row (and the parents its scope runs through) in a new place."""
    row = copy_of(obj, 7)
    head, _, rest = type(obj).scope.path.partition("__")
    for field in type(obj)._meta.concrete_fields:
        if field.name in place:
            setattr(row, field.name, place[field.name])
        elif field.is_relation and field.name in ("village", "party_cell", "district", "candidate"):
            setattr(row, field.name, None)
    if rest:
        setattr(row, head, rehome(getattr(obj, head), place))
    if isinstance(row, Commune):
        row.province, row.district, row.merged_into = place["province"], None, None
    row.save()
    return row


@pytest.fixture
def place(demo):
    """An empty province with one station covering one commune, and its data-entry user."""
    province = Province.objects.create(name="Tỉnh thử", slug="tinh-thu")
    station = Station.objects.create(name="Đồn thử", slug="don-thu", province=province)
    commune = Commune.objects.create(name="Xã thử", slug="xa-thu", province=province)
    StationCoverage.objects.create(station=station, commune=commune)
    user = User.objects.create(username="thu", role=Role.STATION_STAFF, station=station)
    return {"province": province, "station": station, "commune": commune, "user": user}


@pytest.mark.parametrize("kind", record_types(), ids=lambda kind: kind.name)
def test_a_list_page_costs_the_same_queries_with_10_and_200_rows(
    client, demo, place, kind, django_assert_max_num_queries
):
    model, user = kind.model, place["user"]
    sample = model.objects.order_by("pk").first()
    assert sample is not None, f"the demo has no {kind.label}"
    public = model.scope.kind == "public"
    if not public:
        sample = rehome(sample, place)

    def add(count: int, start: int) -> None:
        rows = [copy_of(sample, n) for n in range(start, start + count)]
        if any(f.one_to_one and f.name == "commune" for f in model._meta.concrete_fields):
            # One party committee per commune: each copy needs a commune of its own.
            communes = Commune.objects.bulk_create(
                copy_of(place["commune"], n) for n in range(start, start + count)
            )
            StationCoverage.objects.bulk_create(
                StationCoverage(station=place["station"], commune=c) for c in communes
            )
            for row, commune in zip(rows, communes, strict=True):
                row.commune = commune
        rows = model.objects.bulk_create(rows)
        if model is Commune:
            StationCoverage.objects.bulk_create(
                StationCoverage(station=place["station"], commune=c) for c in rows
            )

    add(9, 10)
    before = model.objects.visible_to(user).count()
    client.force_login(user)
    url = reverse(kind.url_name("list"))
    with django_assert_max_num_queries(1000) as ten:
        first = client.get(url)
    add(190, 100)

    with django_assert_max_num_queries(len(ten.captured_queries)):
        response = client.get(url)

    assert first.status_code == response.status_code == 200
    assert public or before == 10
    assert model.objects.visible_to(user).count() == before + 190
    assert response.context["table"].paginator.count == before + 190


@pytest.mark.parametrize("kind", record_types(), ids=lambda kind: kind.name)
def test_a_list_counts_its_rows_once(client, demo, kind):
    """A million support records cost one COUNT(*) per page view, not one per paginator."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(User.objects.get(username="national"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(kind.url_name("list")))

    assert response.status_code == 200
    table = f'"{kind.model._meta.db_table}"'
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT COUNT(") and f"FROM {table}" in q["sql"]
    ]
    assert len(counts) == 1, counts
