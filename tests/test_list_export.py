"""A list's export reads its rows in bulk: the same queries for 10 rows as for 100, each
related record named as the page names it, and the cells the issue asks for."""

import csv
import datetime
import decimal
import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from borderwork.accounts.models import Role, User
from borderwork.records.exchange import resource_for
from borderwork.records.export_rows import export_rows
from borderwork.records.registry import REGISTRY
from borderwork.records.sheets import CSVListExport, list_rows
from communes.models import StationCoverage, Village
from programmes.models import Landmark, SelfManagementGroup, SupportFollowUp, SupportRecord
from tests.factories import (
    CommuneFactory,
    EthnicGroupFactory,
    ProgrammeFactory,
    ProvinceFactory,
    SelfManagementGroupFactory,
    StationFactory,
    SupportRecordFactory,
)

pytestmark = pytest.mark.django_db

SUPPORT = REGISTRY[SupportRecord]
FOLLOW_UP = REGISTRY[SupportFollowUp]
GROUP = REGISTRY[SelfManagementGroup]


@pytest.fixture
def world():
    province = ProvinceFactory()
    station = StationFactory(province=province)
    user = User.objects.create(username="tinh", role=Role.PROVINCE_STAFF, province=province)
    return {"province": province, "station": station, "user": user}


def add_support(world, count: int, start: int) -> None:
    """`count` records, each in a commune, village, programme and ethnic group of its own, so
    that a name read per record (not per chunk) would show as more queries."""
    for n in range(start, start + count):
        commune = CommuneFactory(province=world["province"])
        StationCoverage.objects.create(station=world["station"], commune=commune)
        record = SupportRecordFactory(
            station=world["station"],
            commune=commune,
            village=Village.objects.create(name=f"Thôn {n}", commune=commune),
            programme=ProgrammeFactory(slug=f"ct-{n}", name=f"Chương trình {n}"),
            ethnic_group=EthnicGroupFactory(name=f"Dân tộc {n}"),
            given_on=datetime.date(2025, 9, 1) + datetime.timedelta(days=n % 20),
            value_vnd=1_000_000 + n,
        )
        SupportFollowUp.objects.create(
            record=record, checked_on=datetime.date(2025, 12, 1), status="going_well"
        )
        group = SelfManagementGroupFactory(
            station=world["station"], commune=commune, border_length_km=decimal.Decimal("2.5")
        )
        group.landmarks.set(
            [Landmark.objects.create(number=f"{n}/{side}", commune=commune) for side in (1, 2)]
        )


def download(client, kind, fmt: str) -> bytes:
    response = client.get(reverse(kind.url_name(f"export-{fmt}")))
    assert response.status_code == 200
    return response.getvalue()


@pytest.mark.parametrize("kind", [SUPPORT, FOLLOW_UP, GROUP], ids=lambda kind: kind.segment)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_costs_the_same_queries_with_10_and_100_rows(
    client, world, kind, fmt, django_assert_max_num_queries
):
    add_support(world, 10, 0)
    client.force_login(world["user"])
    with django_assert_max_num_queries(1000) as ten:
        download(client, kind, fmt)
    add_support(world, 90, 10)

    with django_assert_max_num_queries(len(ten.captured_queries)):
        content = download(client, kind, fmt)

    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
        assert len(rows) == 1 + 100
    else:
        assert load_workbook(io.BytesIO(content)).worksheets[0].max_row == 1 + 100 + 1


def test_related_records_are_named_as_the_page_names_them(client, world):
    add_support(world, 3, 0)
    client.force_login(world["user"])
    rows = list(csv.DictReader(io.StringIO(download(client, SUPPORT, "csv").decode("utf-8"))))
    record = SupportRecord.objects.select_related("village__commune").get(pk=rows[0]["Mã số"])
    assert rows[0]["Xã"] == str(record.commune)
    assert rows[0]["Thôn, ấp, bản"] == f"{record.village} – {record.village.commune}"
    assert rows[0]["Chương trình"] == str(record.programme)
    assert rows[0]["Đối tượng"] == "Hộ gia đình"  # a choice by its label

    follow_ups = csv.DictReader(io.StringIO(download(client, FOLLOW_UP, "csv").decode("utf-8")))
    follow_up = next(follow_ups)
    record = SupportRecord.objects.get(pk=follow_up["Hỗ trợ (mã số)"])
    assert follow_up["Hỗ trợ"] == str(record)  # "programme – recipient", by id beside it

    groups = csv.DictReader(io.StringIO(download(client, GROUP, "csv").decode("utf-8")))
    for row in groups:
        group = SelfManagementGroup.objects.get(pk=row["Mã số"])
        landmarks = sorted(f"{m} – {m.commune}" for m in group.landmarks.all())
        assert len(landmarks) == 2
        assert row["Mốc quốc giới tự quản"] == "; ".join(landmarks)


def test_the_xlsx_keeps_dates_numbers_and_empty_cells_apart_row_by_row(client, world):
    """Dates and numbers share one styled cell per column: a row's empty date must not take
    the row before's date, nor a number its neighbour's."""
    add_support(world, 2, 0)
    first, second = SelfManagementGroup.objects.order_by("pk")
    first.ended_on, first.border_length_km = datetime.date(2025, 12, 31), decimal.Decimal("1.25")
    first.save()
    second.ended_on = None
    second.save()
    client.force_login(world["user"])

    sheet = load_workbook(io.BytesIO(download(client, GROUP, "xlsx"))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    ended = header.index("Ngày thôi tham gia") + 1
    length = header.index("Chiều dài đường biên tự quản (km)") + 1
    by_id = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row)}
    row = by_id[first.pk]
    assert sheet.cell(row, ended).is_date
    assert sheet.cell(row, ended).number_format == "DD/MM/YYYY"
    assert sheet.cell(row, length).value == 1.25
    assert sheet.cell(row, length).number_format == "#,##0.00"
    row = by_id[second.pk]
    assert sheet.cell(row, ended).value is None
    assert sheet.cell(row, length).value == 2.5
    assert sheet.cell(sheet.max_row, length).value == 3.75  # the totals row


def test_text_a_spreadsheet_would_run_or_read_as_an_error_stays_text(client, world):
    add_support(world, 2, 0)
    first, second = SupportRecord.objects.order_by("pk")
    SupportRecord.objects.filter(pk=first.pk).update(recipient_name='=HYPERLINK("x","y")')
    SupportRecord.objects.filter(pk=second.pk).update(recipient_name="#N/A")
    client.force_login(world["user"])

    sheet = load_workbook(io.BytesIO(download(client, SUPPORT, "xlsx"))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    name = header.index("Người nhận, chủ hộ") + 1
    cells = {sheet.cell(row, name).value: sheet.cell(row, name) for row in range(2, 4)}
    assert cells['=HYPERLINK("x","y")'].data_type == "s"
    assert cells["#N/A"].data_type == "s"


def test_the_csv_is_streamed_and_holds_what_the_background_file_holds(client, world):
    add_support(world, 3, 0)
    client.force_login(world["user"])
    response = client.get(reverse(SUPPORT.url_name("export-csv")))
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="ho-tro-')
    _name, _type, content = CSVListExport(SUPPORT, world["user"], {}).render()
    assert response.getvalue() == content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_an_export_plans_for_every_row_and_leaves_the_connection_as_it_was(world):
    add_support(world, 3, 0)

    def fraction() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW cursor_tuple_fraction")
            return cursor.fetchone()[0]

    before = fraction()
    user = world["user"]
    rows = export_rows(resource_for(SUPPORT, user), list_rows(SUPPORT, user, {}))
    next(rows)  # the export is under way: its cursor is open
    assert fraction() == "1"
    rows.close()  # a download cut short
    assert fraction() == before


@pytest.mark.parametrize("kind", [SUPPORT, FOLLOW_UP, GROUP], ids=lambda kind: kind.segment)
def test_rows_read_in_small_chunks_name_the_same_records(world, kind):
    """Names read for one chunk (and forgotten after it, for records by id) never leak into
    the next: the cells are the same whatever the chunk size."""
    add_support(world, 7, 0)
    user = world["user"]
    resource = resource_for(kind, user)
    whole = list(export_rows(resource, list_rows(kind, user, {})))
    assert len(whole) == 7
    assert list(export_rows(resource_for(kind, user), list_rows(kind, user, {}), chunk=2)) == whole
