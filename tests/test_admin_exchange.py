"""The admin's import and export on the demo: the list's spreadsheet, with its scope and lock."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from borderwork.accounts.models import User
from borderwork.periods import Quarter
from borderwork.records.registry import REGISTRY
from communes.models import Commune
from programmes.models import SupportRecord
from tests.demo import approve_binh_phuoc, demo_fixture, record_types
from tests.test_spreadsheets import a_support_row, support_rows

pytestmark = pytest.mark.django_db

demo = demo_fixture()

SUPPORT = REGISTRY[SupportRecord]
ENTERED = [kind for kind in record_types() if kind.form is not None]
FORMATS = {"csv": "0", "xlsx": "1"}  # their places in IMPORT_EXPORT_FORMATS
Q2 = Quarter(2025, 2)


def url(model, view: str) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def admin_export(client, model, fmt: str) -> bytes:
    response = client.post(url(model, "export"), {"format": FORMATS[fmt], "resource": "0"})
    assert response.status_code == 200
    return response.content


def admin_preview(client, model, fmt: str, content: bytes):
    upload = SimpleUploadedFile(f"x.{fmt}", content)
    data = {"format": FORMATS[fmt], "resource": "0", "import_file": upload}
    response = client.post(url(model, "import"), data)
    assert response.status_code == 200
    return response


def errors_of(preview) -> list[tuple[int, str]]:
    """(row, message) of every refused row, as the admin lists them."""
    result = preview.context["result"]
    return [
        (row.number, " ".join(str(m) for messages in row.error_dict.values() for m in messages))
        for row in result.invalid_rows
    ]


@pytest.mark.parametrize("kind", ENTERED, ids=lambda kind: kind.segment)
def test_every_admin_export_imports_back_in_the_admin_with_no_change(client, demo, kind):
    client.force_login(demo["admin"])
    content = admin_export(client, kind.model, "xlsx")
    history = kind.model.history.count()

    preview = admin_preview(client, kind.model, "xlsx", content)

    result = preview.context["result"]
    assert not result.has_errors(), [str(e.error) for e in result.base_errors]
    assert errors_of(preview) == []
    types = {row.import_type for row in result.rows}
    assert types == {"skip"}, kind.segment
    assert len(result.rows) == kind.model.objects.count()  # an administrator sees every row
    done = client.post(url(kind.model, "process_import"), preview.context["confirm_form"].initial)
    assert done.status_code == 302
    assert kind.model.history.count() == history  # nothing written at all


@pytest.fixture
def province_staff_in_the_admin(demo):
    """Bình Phước's staff member, let into the admin to enter support records."""
    user = User.objects.get(pk=demo["staff-bp"].pk)
    user.is_staff = True
    user.save()
    for action in ("add", "change", "view"):
        user.user_permissions.add(Permission.objects.get(codename=f"{action}_supportrecord"))
    return User.objects.get(pk=user.pk)


def test_the_admin_exports_and_imports_only_inside_the_users_scope(
    client, demo, province_staff_in_the_admin
):
    user = province_staff_in_the_admin
    client.force_login(user)
    rows = list(csv.reader(io.StringIO(admin_export(client, SupportRecord, "csv").decode())))
    ids = {int(row[0]) for row in rows[1:]}
    assert ids == set(SupportRecord.objects.visible_to(user).values_list("pk", flat=True))
    assert ids != set(SupportRecord.objects.values_list("pk", flat=True))

    mine = SupportRecord.objects.visible_to(user).select_related("commune").first()
    foreign = Commune.objects.visible_to(demo["station-qb"]).first()
    content = support_rows(
        user, a_support_row(None, mine), a_support_row(None, mine, **{"Xã": str(foreign)})
    )
    before = SupportRecord.objects.count()

    preview = admin_preview(client, SupportRecord, "csv", content)

    assert [number for number, _ in errors_of(preview)] == [2]  # the second row under the header
    assert "confirm_form" not in preview.context
    assert SupportRecord.objects.count() == before


def approve_q2(demo) -> None:
    approve_binh_phuoc(demo, Q2)


def a_row_in_q2(user) -> dict:
    record = (
        SupportRecord.objects.visible_to(user)
        .filter(commune__province__slug="binh-phuoc", given_on__range=(Q2.first_day, Q2.last_day))
        .select_related("programme", "station", "commune")
        .first()
    )
    return a_support_row(None, record, **{"Ngày trao": record.given_on.strftime("%d/%m/%Y")})


def test_an_admin_import_into_an_approved_quarter_is_refused_with_the_lists_message(client, demo):
    approve_q2(demo)
    client.force_login(demo["admin"])
    before = SupportRecord.objects.count()

    preview = admin_preview(
        client, SupportRecord, "csv", support_rows(demo["admin"], a_row_in_q2(demo["admin"]))
    )

    [(number, message)] = errors_of(preview)
    assert number == 1 and "phê duyệt" in message
    assert "confirm_form" not in preview.context
    assert SupportRecord.objects.count() == before


def test_a_quarter_approved_between_preview_and_confirmation_leaves_nothing_written(client, demo):
    client.force_login(demo["admin"])
    admin = demo["admin"]
    later = SupportRecord.objects.filter(given_on__year=2026).select_related(
        "programme", "station", "commune"
    )
    rows = [
        a_row_in_q2(admin),
        a_support_row(None, later.first(), **{"Người nhận, chủ hộ": "Y Hai"}),
    ]
    preview = admin_preview(client, SupportRecord, "csv", support_rows(admin, *rows))
    assert errors_of(preview) == []
    before = SupportRecord.objects.count()

    approve_q2(demo)
    done = client.post(
        url(SupportRecord, "process_import"), preview.context["confirm_form"].initial, follow=True
    )

    assert SupportRecord.objects.count() == before  # not even the row outside the quarter
    said = [str(m) for m in done.context["messages"]]
    assert any("Không dòng nào được ghi" in m for m in said), said
