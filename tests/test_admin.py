"""The Django admin: every model registered, every page opens, no query per row."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from borderwork.accounts.models import Role, User
from borderwork.reports.models import IssuedReport
from cadres.models import Assignment, AssignmentKind, Officer
from cadres.resources import AssignmentResource
from communes.models import Commune, PartyCell, Province, Station, Village
from programmes.models import (
    Landmark,
    Programme,
    SelfManagementGroup,
    SupportRecord,
)
from programmes.resources import SelfManagementGroupResource, SupportRecordResource

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "communes", "cadres", "programmes")


def concrete_models():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            yield model


def url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


def make_province(name="Bình Phước", slug="binh-phuoc"):
    return Province.objects.create(name=name, slug=slug)


def make_communes(province, count, prefix="xa"):
    return Commune.objects.bulk_create(
        Commune(name=f"Lộc {prefix} {i:02d}", slug=f"{prefix}-{i:02d}", province=province)
        for i in range(count)
    )


# --- registration -----------------------------------------------------------------------


def test_every_concrete_model_is_registered_with_history():
    for model in concrete_models():
        assert model in admin.site._registry, f"{model.__name__} is not in the admin"
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model.__name__


def test_no_historical_model_is_registered():
    assert not [m for m in admin.site._registry if m.__name__.startswith("Historical")]


def test_superuser_gets_admin_role():
    user = User.objects.create_superuser("root", "root@example.com", "pw")
    assert user.role == Role.ADMIN


@pytest.mark.parametrize(
    "model", [SupportRecord, SelfManagementGroup, Officer, Assignment], ids=lambda m: m.__name__
)
def test_import_export_admins_keep_history(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, ImportExportMixin)
    assert isinstance(model_admin, SimpleHistoryAdmin)
    names = {getattr(p, "name", None) for p in model_admin.get_urls()}
    opts = model._meta
    assert f"{opts.app_label}_{opts.model_name}_import" in names
    assert f"{opts.app_label}_{opts.model_name}_export" in names
    assert f"{opts.app_label}_{opts.model_name}_simple_history" in names


def test_foreign_keys_in_list_display_are_selected_together():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        related = set(model_admin.list_select_related or ())
        prefixes = {path.split("__")[0] for path in related}
        for name in model_admin.list_display:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a method or callable column
                continue
            if isinstance(field, models.ForeignKey):
                assert name in prefixes, f"{model.__name__}.{name} not in list_select_related"


def test_no_raw_id_fields():
    for model_admin in admin.site._registry.values():
        assert not model_admin.raw_id_fields, type(model_admin).__name__


# --- pages ------------------------------------------------------------------------------


def registered_models():
    return sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_changelist_opens_on_an_empty_table(client, root, model):
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_add_page_opens_and_names_the_model(client, root, vietnamese, model):
    response = client.get(url(model, "add"))
    # The archive is written by the issuing task alone; sign-in attempts by django-axes alone.
    if model is IssuedReport or model._meta.app_label == "axes":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert escape(str(model._meta.verbose_name)) in response.content.decode()


@pytest.mark.parametrize(
    "model", [SupportRecord, SelfManagementGroup, Officer, Assignment], ids=lambda m: m.__name__
)
def test_import_and_export_pages_open(client, root, model):
    assert client.get(url(model, "import")).status_code == 200
    assert client.get(url(model, "export")).status_code == 200


def test_commune_changelist_shows_the_commune(client, root):
    Commune.objects.create(name="Lộc Thành", slug="loc-thanh", province=make_province())
    response = client.get(url(Commune, "changelist"))
    assert response.status_code == 200
    assert "Lộc Thành" in response.content.decode()


def test_commune_search_and_filters(client, root):
    province = make_province()
    other = make_province("Tây Ninh", "tay-ninh")
    Commune.objects.create(name="Lộc Thành", slug="loc-thanh", province=province)
    Commune.objects.create(name="Tân Hà", slug="tan-ha", province=other)
    page = client.get(url(Commune, "changelist"), {"q": "Thành"}).content.decode()
    assert "Lộc Thành" in page and "Tân Hà" not in page
    page = client.get(url(Commune, "changelist"), {"province__id__exact": other.pk})
    assert "Tân Hà" in page.content.decode() and "Lộc Thành" not in page.content.decode()


def test_commune_change_page_and_history(client, root):
    commune = Commune.objects.create(name="Lộc Thành", slug="loc-thanh", province=make_province())
    Village.objects.create(name="Thôn 1", commune=commune)
    response = client.get(url(Commune, "change", commune.pk))
    assert response.status_code == 200
    assert "Thôn 1" in response.content.decode()
    assert client.get(url(Commune, "history", commune.pk)).status_code == 200


def test_autocomplete_finds_communes(client, root):
    make_communes(make_province(), 3)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "xa 01",
            "app_label": "programmes",
            "model_name": "supportrecord",
            "field_name": "commune",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Xã Lộc xa 01"]


def test_commune_changelist_queries_do_not_grow_with_rows(client, root):
    province = make_province()
    merged = Commune.objects.create(name="Cũ", slug="cu", province=province)
    make_communes(province, 3, "a")
    Commune.objects.filter(slug="a-00").update(merged_into=merged)
    changelist = url(Commune, "changelist")
    client.get(changelist)  # warm caches (content types, session)

    with CaptureQueriesContext(connection) as few:
        assert client.get(changelist).status_code == 200
    make_communes(province, 27, "b")
    Commune.objects.filter(slug__startswith="b-").update(merged_into=merged)
    with CaptureQueriesContext(connection) as many:
        response = client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 31
    assert len(many) <= len(few), [q["sql"] for q in many.captured_queries]


# --- import and export resources --------------------------------------------------------


@pytest.fixture
def place():
    province = make_province()
    commune = Commune.objects.create(name="Lộc Thành", slug="loc-thanh", province=province)
    other = Commune.objects.create(name="Lộc Thạnh", slug="loc-thanh-2", province=province)
    station = Station.objects.create(name="Đồn Hoàng Diệu", slug="hoang-dieu", province=province)
    # Imported rows are checked like forms: the station must cover the commune.
    station.coverage.create(commune=commune)
    station.coverage.create(commune=other)
    village = Village.objects.create(name="Thôn 1", commune=commune)
    Village.objects.create(name="Thôn 1", commune=other)
    return province, commune, station, village


def round_trip(resource, queryset):
    dataset = resource.export(queryset)
    queryset.model.objects.all().delete()
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    return dataset


def test_support_record_round_trip_by_natural_columns(place):
    _, commune, station, village = place
    programme = Programme.objects.create(
        name="Nâng bước em tới trường", slug="nang-buoc", kind="education", unit="children"
    )
    SupportRecord.objects.create(
        programme=programme,
        station=station,
        commune=commune,
        village=village,
        recipient_name="Thị Hoa",
        given_on=datetime.date(2025, 9, 5),
        value_vnd=500_000,
    )
    dataset = round_trip(SupportRecordResource(), SupportRecord.objects.all())
    row = dataset.dict[0]
    assert (row["programme"], row["commune"], row["station"], row["village"]) == (
        "nang-buoc",
        "loc-thanh",
        "hoang-dieu",
        "Thôn 1",
    )
    record = SupportRecord.objects.get()
    assert record.village == village and record.commune == commune


def test_self_management_group_landmarks_by_number_within_commune(place):
    _, commune, station, _ = place
    mine = Landmark.objects.create(number="12", commune=commune)
    Landmark.objects.create(number="12", commune=Commune.objects.get(slug="loc-thanh-2"))
    group = SelfManagementGroup.objects.create(
        kind="household",
        name="Hộ ông A",
        commune=commune,
        station=station,
        registered_on=datetime.date(2024, 1, 1),
    )
    group.landmarks.add(mine)
    dataset = round_trip(SelfManagementGroupResource(), SelfManagementGroup.objects.all())
    assert dataset.dict[0]["landmarks"] == "12"
    assert list(SelfManagementGroup.objects.get().landmarks.all()) == [mine]


def test_assignment_party_cell_by_name_within_commune(place):
    _, commune, station, village = place
    officer = Officer.objects.create(full_name="Nguyễn Văn A", rank="Đại úy", station=station)
    cell = PartyCell.objects.create(commune=commune, village=village, name="Chi bộ thôn 1")
    PartyCell.objects.create(commune=Commune.objects.get(slug="loc-thanh-2"), name="Chi bộ thôn 1")
    Assignment.objects.create(
        officer=officer,
        kind=AssignmentKind.PARTY_CELL,
        commune=commune,
        party_cell=cell,
        started_on=datetime.date(2023, 5, 1),
    )
    dataset = round_trip(AssignmentResource(), Assignment.objects.all())
    row = dataset.dict[0]
    assert row["officer_name"] == "Nguyễn Văn A" and row["commune"] == "loc-thanh"
    assert Assignment.objects.get().party_cell == cell


# --- users ------------------------------------------------------------------------------


def add_user(client, **data):
    form = {"username": "tram", "usable_password": "true", "password1": "Bi3n-gioi-2025"}
    form["password2"] = form["password1"]
    return client.post(url(User, "add"), {**form, **data})


def test_admin_adds_a_station_user_with_history(client, root):
    station = Station.objects.create(name="Đồn Hoàng Diệu", slug="hd", province=make_province())
    response = add_user(client, full_name="Trần Văn B", role="station_staff", station=station.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="tram")
    assert (user.full_name, user.role, user.station) == ("Trần Văn B", "station_staff", station)
    assert user.history.get().history_user == root
    page = client.get(url(User, "changelist"), {"role__exact": "station_staff"}).content.decode()
    assert "Trần Văn B" in page and "Đồn Hoàng Diệu" in page
    assert client.get(url(User, "change", user.pk)).status_code == 200
    assert client.get(url(User, "history", user.pk)).status_code == 200
    password_page = reverse("admin:auth_user_password_change", args=[user.pk])
    assert client.get(password_page).status_code == 200


def test_admin_user_form_rejects_a_role_without_its_unit(client, root):
    response = add_user(client, role="station_staff")
    assert response.status_code == 200
    assert not User.objects.filter(username="tram").exists()
    assert response.context["adminform"].form.errors


def test_the_admins_import_and_export_offer_the_lists_own_columns_first(rf, root, place):
    _, commune, station, village = place
    programme = Programme.objects.create(
        name="Nâng bước em tới trường", slug="nang-buoc", kind="education", unit="children"
    )
    SupportRecord.objects.create(
        programme=programme,
        station=station,
        commune=commune,
        village=village,
        recipient_name="Thị Hoa",
        given_on=datetime.date(2025, 9, 5),
        value_vnd=500_000,
    )
    model_admin = admin.site._registry[SupportRecord]
    request = rf.get("/")
    request.user = root
    first = model_admin.get_export_resource_classes(request)[0]
    assert first.get_display_name() == "Cột của danh sách (như trang Nhập từ Excel)"
    assert model_admin.get_import_resource_classes(request)[1] is SupportRecordResource

    resource = first(**model_admin.get_export_resource_kwargs(request))
    dataset = resource.export(SupportRecord.objects.all())
    assert dataset.headers[:3] == ["Mã số", "Chương trình", "Ngày trao"]
    result = first(**model_admin.get_import_resource_kwargs(request)).import_data(
        dataset, dry_run=True, rollback_on_validation_errors=True
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"]  # unchanged
