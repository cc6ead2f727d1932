"""The Django admin: every model registered, every page opens, no query per row."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from import_export.admin import ImportExportMixin
from openpyxl import load_workbook
from simple_history.admin import SimpleHistoryAdmin

from borderwork.accounts.models import Role, User
from borderwork.records.exchange import resource_for
from borderwork.records.registry import REGISTRY
from borderwork.reports.models import IssuedReport
from communes.models import Commune, Province, Station, Village
from programmes.models import (
    Programme,
    SupportRecord,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "communes", "cadres", "programmes")
# The families staff enter on their lists: the admin imports and exports them the same way.
ENTERED = sorted(
    (model for model, kind in REGISTRY.items() if kind.form is not None),
    key=lambda model: model._meta.label,
)
RESOURCE_NAME = "Cột của danh sách (như trang Nhập từ Excel)"


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


@pytest.mark.parametrize("model", ENTERED, ids=lambda m: m.__name__)
def test_every_family_staff_enter_imports_and_exports_in_the_admin_with_history(model):
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


@pytest.mark.parametrize("model", ENTERED, ids=lambda m: m.__name__)
def test_import_and_export_pages_list_the_columns_of_the_lists_own_spreadsheet(
    client, root, vietnamese, model
):
    headers = resource_for(REGISTRY[model], root).headers()
    assert headers[0] == "Mã số"
    for view in ("import", "export"):
        response = client.get(url(model, view))
        assert response.status_code == 200
        assert response.context["fields_list"] == [(RESOURCE_NAME, headers)], view


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


# --- import and export: the list's own spreadsheet ------------------------------------


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


@pytest.fixture
def support(place):
    _, commune, station, village = place
    programme = Programme.objects.create(
        name="Nâng bước em tới trường", slug="nang-buoc", kind="education", unit="children"
    )
    return [
        SupportRecord.objects.create(
            programme=programme,
            station=station,
            commune=commune,
            village=village,
            recipient_name=name,
            given_on=datetime.date(2025, 9, day),
            value_vnd=500_000 * day,
            notes="=1+1" if day == 5 else "",  # formula-looking text comes back as typed
        )
        for day, name in ((5, "Thị Hoa"), (6, "Điểu Văn Lâm"))
    ]


FORMATS = {"csv": "0", "xlsx": "1"}  # their places in IMPORT_EXPORT_FORMATS


def admin_export(client, model, fmt: str) -> bytes:
    response = client.post(url(model, "export"), {"format": FORMATS[fmt], "resource": "0"})
    assert response.status_code == 200, response.content[:500]
    return response.content


def admin_preview(client, model, fmt: str, content: bytes):
    upload = SimpleUploadedFile(f"x.{fmt}", content)
    response = client.post(
        url(model, "import"), {"format": FORMATS[fmt], "resource": "0", "import_file": upload}
    )
    assert response.status_code == 200
    return response


def admin_confirm(client, model, preview):
    return client.post(url(model, "process_import"), preview.context["confirm_form"].initial)


def row_types(preview) -> list[str]:
    return [row.import_type for row in preview.context["result"].rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_admin_export_of_support_records_imports_back_in_the_admin_with_no_change(
    client, root, vietnamese, support, fmt
):
    content = admin_export(client, SupportRecord, fmt)
    history = SupportRecord.history.count()

    preview = admin_preview(client, SupportRecord, fmt, content)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert row_types(preview) == ["skip", "skip"]
    done = admin_confirm(client, SupportRecord, preview)

    assert done.status_code == 302
    assert SupportRecord.history.count() == history  # nothing written at all
    assert SupportRecord.objects.get(recipient_name="Thị Hoa").notes == "=1+1"


def test_the_admin_export_has_the_lists_headers_dates_and_numbers_as_cells(
    client, root, vietnamese, support
):
    content = admin_export(client, SupportRecord, "xlsx")
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    assert header == resource_for(REGISTRY[SupportRecord], root).headers()
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    first = by_id[support[0].pk]
    assert first["Ngày trao"].date() == datetime.date(2025, 9, 5)
    assert first["Giá trị (đồng)"] == 2_500_000  # a number, not text
    assert first["Xã"] == str(support[0].commune)  # named as on the page, not by slug


def test_a_row_changed_in_the_file_is_written_with_the_admin_in_its_history(
    client, root, vietnamese, support
):
    content = admin_export(client, SupportRecord, "csv").decode("utf-8-sig")
    content = content.replace("Điểu Văn Lâm", "Điểu Văn Lâm Mới")

    preview = admin_preview(client, SupportRecord, "csv", content.encode())
    assert sorted(row_types(preview)) == ["skip", "update"]
    assert admin_confirm(client, SupportRecord, preview).status_code == 302

    record = SupportRecord.objects.get(pk=support[1].pk)
    assert record.recipient_name == "Điểu Văn Lâm Mới"
    assert record.history.first().history_user == root


def test_a_file_without_one_of_the_lists_columns_is_refused_and_nothing_written(
    client, root, vietnamese, support
):
    rows = list(csv.reader(io.StringIO(admin_export(client, SupportRecord, "csv").decode())))
    notes = rows[0].index("Ghi chú")
    out = io.StringIO()
    csv.writer(out).writerows([row[:notes] + row[notes + 1 :] for row in rows])

    preview = admin_preview(client, SupportRecord, "csv", out.getvalue().encode())

    result = preview.context["result"]
    assert [str(error.error) for error in result.base_errors] == [
        "Tiêu đề của tệp không đúng mẫu: thiếu cột “Ghi chú”. Hãy dùng tệp mẫu của danh sách này."
    ]
    assert "confirm_form" not in preview.context
    assert SupportRecord.objects.get(pk=support[0].pk).notes == "=1+1"


def test_a_staff_member_who_may_only_view_exports_but_does_not_import(client, support):
    viewer = User.objects.create_user("xem", is_staff=True, role=Role.NATIONAL)
    viewer.user_permissions.add(Permission.objects.get(codename="view_supportrecord"))
    client.force_login(viewer)

    assert client.get(url(SupportRecord, "export")).status_code == 200
    assert client.get(url(SupportRecord, "import")).status_code == 403
    changelist = client.get(url(SupportRecord, "changelist")).content.decode()
    assert url(SupportRecord, "export") in changelist
    assert url(SupportRecord, "import") not in changelist


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
