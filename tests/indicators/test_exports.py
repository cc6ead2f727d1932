"""The dashboard's CSV and XLSX hold the numbers the page shows, read through figures()."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from borderwork.indicators.catalogue import BY_CODE, CATALOGUE
from borderwork.indicators.exports import CSVExporter
from borderwork.indicators.figures import figures
from borderwork.indicators.values import display
from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db

HOUSES = f"{BY_CODE['houses'].name} ({BY_CODE['houses'].unit})"
VALUE = f"{BY_CODE['support_value'].name} ({BY_CODE['support_value'].unit})"
COMMITTEE = f"{BY_CODE['committee_officer'].name} ({BY_CODE['committee_officer'].unit})"


@pytest.fixture
def work(world):
    return build(world)


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_the_unit_and_each_child_unit_with_every_indicator(client, work):
    client.force_login(work.users["staff-bp"])

    response = client.get(reverse("indicators:export-home", args=["csv"]))

    rows = csv_rows(response)
    disposition = 'attachment; filename="bang-chi-tieu-dong-nai-2025-q3-current.csv"'
    assert response["Content-Disposition"] == disposition
    by_name = {row["Đơn vị"]: row for row in rows}
    assert rows[0]["Đơn vị"] == "Đồng Nai"
    assert rows[0]["Cấp"] == "Tỉnh"
    assert rows[0]["Quý"] == "Quý III/2025"
    assert by_name["Đồng Nai"][HOUSES] == "3"
    assert by_name["Đồng Nai"][VALUE] == "160000000"
    assert by_name["Đồng Nai"][COMMITTEE] == "50.0"
    assert by_name["Đồn Biên phòng Lộc Thạnh"][HOUSES] == "2"
    assert by_name[str(work.loc_an)][COMMITTEE] == "0.0"
    assert len(rows[0]) == 4 + len(CATALOGUE)
    assert "Dân Hóa" not in response.content.decode("utf-8-sig")


def test_the_csv_has_the_same_numbers_as_the_page(client, work):
    client.force_login(work.users["commissar-bp"])
    url = reverse("indicators:unit", args=["station", work.station_bp.pk])

    html = client.get(url + "?quy=2025-3").content.decode()
    rows = csv_rows(client.get(url.rstrip("/") + "/xuat.csv?quy=2025-3"))

    merged = next(row for row in rows if row["Đơn vị"] == str(work.merged))
    for code in ("committee_officer", "houses", "support_value", "completeness"):
        indicator = BY_CODE[code]
        exported = merged[f"{indicator.name} ({indicator.unit})"]
        shown = display(indicator, Decimal(exported) if exported else None)
        cell = re.search(
            rf'<a [^>]*>{re.escape(str(work.merged))}</a>.*?data-indicator="{code}">'
            rf'<span class="bw-dot" aria-hidden="true"></span>([^<]*)<',
            html,
            re.S,
        )
        assert cell.group(1) == shown, code


def test_the_xlsx_holds_numbers_not_text(client, work):
    client.force_login(work.users["national"])

    response = client.get(reverse("indicators:export-nation", args=["xlsx"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[3]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    assert rows["Toàn quốc"][HOUSES] == 6
    assert rows["Toàn quốc"][VALUE] == 310_000_000
    assert rows["Toàn quốc"][COMMITTEE] == pytest.approx(66.7)
    assert rows["Quảng Trị"][HOUSES] == 3


def test_the_xlsx_headers_carry_each_indicators_definition_from_the_catalogue(client, work):
    client.force_login(work.users["national"])

    response = client.get(reverse("indicators:export-nation", args=["xlsx"]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header = {cell.value: cell for cell in book.active[1]}
    note = header[HOUSES].comment.text
    assert note == BY_CODE["houses"].definition_vi and "trong quý" in note
    definitions = {row[0]: row[2] for row in book["Cách tính"].iter_rows(2, values_only=True)}
    assert definitions[BY_CODE["officers_reinforced"].name_vi].startswith("Số tại ngày cuối quý")


def test_an_export_reads_the_same_figures_as_the_page(work):
    data = figures(work.users["station-bp"], table_indicators=CATALOGUE)

    filename, content_type, content = CSVExporter(data).render()

    assert filename.endswith("-2025-q3-current.csv")
    assert content_type == "text/csv; charset=utf-8"
    lines = content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 1 + len(data.tables[0].rows)


def test_an_export_of_a_unit_without_figures_is_just_the_header(world):
    data = figures(world.users["station-bp"])

    _filename, _type, content = CSVExporter(data).render()

    assert content.decode("utf-8-sig").count("\n") == 1
