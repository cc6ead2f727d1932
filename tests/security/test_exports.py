"""Formula-looking text is inert in every CSV and XLSX the app writes; numbers stay numbers."""

import csv
import io
import re

import pytest
from django.contrib import admin
from django.urls import reverse
from openpyxl import load_workbook

from borderwork import export_formats
from borderwork.reports.tables import ReportTable
from borderwork.reports.workbook import render_xlsx
from borderwork.spreadsheets import csv_value
from programmes.models import SupportRecord
from tests import factories
from tests.indicators.dashboard_world import build

FORMULA = '=HYPERLINK("http://example.invalid/x","bấm")'
DANGEROUS = [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", DANGEROUS, ids=repr)
def test_a_formula_looking_text_gets_the_apostrophe_in_a_csv(text):
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -1.5, "-5", "-1.234,5", "+84", "Lộc Thạnh", "", None, 0])
def test_numbers_and_plain_text_pass_unchanged(value):
    assert csv_value(value) == value


def cells(xlsx: bytes):
    for sheet in load_workbook(io.BytesIO(xlsx)).worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_inert(xlsx: bytes, text: str):
    matching = [cell for cell in cells(xlsx) if cell.value == text]
    assert matching, f"{text!r} is not in the workbook as typed"
    assert all(cell.data_type == "s" for cell in matching)
    assert not [cell for cell in cells(xlsx) if cell.data_type == "f"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_dashboard_exports_keep_a_formula_named_commune_inert(client, world, fmt):
    world.station_bp_other.name = FORMULA
    world.station_bp_other.save()
    build(world)
    client.force_login(world.users["admin"])

    url = reverse("indicators:export", args=["tinh", world.dn.pk, fmt])
    content = client.get(url, {"quy": "2025-3"}).content

    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        names = [row[3] for row in rows]
        assert "'" + FORMULA in names and FORMULA not in names
    else:
        assert_inert(content, FORMULA)
        numbers = [c.value for c in cells(content) if isinstance(c.value, (int, float))]
        assert numbers, "the figures are numbers, not text"


def test_the_report_workbook_keeps_formula_text_inert():
    table = ReportTable(
        caption=FORMULA,
        columns=["Xã", "Số hộ"],
        numeric=[False, True],
        rows=[[FORMULA, "-3"]],
        raw=[[FORMULA, -3]],
    )
    context = {"title": "t", "sections": [{"parts": [{"tables": [table]}]}]}

    xlsx = render_xlsx(context)

    assert_inert(xlsx, FORMULA)
    assert -3 in [cell.value for cell in cells(xlsx)]


@pytest.mark.django_db
def test_the_admins_export_formats_keep_a_formula_named_recipient_inert(world, rf):
    record = factories.SupportRecordFactory(
        commune=world.loc_an, station=world.station_bp_other, recipient_name=FORMULA
    )
    model_admin = admin.site._registry[SupportRecord]
    assert model_admin.get_export_formats() == [export_formats.CSV, export_formats.XLSX]
    request = rf.get("/")
    request.user = world.users["admin"]
    resource = model_admin.get_export_resource_classes(request)[0](
        **model_admin.get_export_resource_kwargs(request)
    )
    dataset = resource.export(queryset=SupportRecord.objects.filter(pk=record.pk))

    text = export_formats.CSV().export_data(dataset)
    xlsx = export_formats.XLSX().export_data(dataset)

    column = dataset.headers.index("Người nhận, chủ hộ")
    row = next(csv.reader(io.StringIO(text.lstrip("\ufeff")).readlines()[1:]))
    assert row[column] == "'" + FORMULA
    assert_inert(xlsx, FORMULA)


@pytest.mark.django_db
def test_the_admin_export_page_offers_only_the_safe_formats(client, world):
    root = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)

    page = client.get(reverse("admin:programmes_supportrecord_export")).content.decode()

    select = re.search(r'<select name="format".*?</select>', page, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]+)</option>", select)[-2:] == ["csv", "xlsx"]
    assert "json" not in select and "tsv" not in select
