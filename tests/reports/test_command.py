"""`manage.py quarterly_report` writes the report of a unit, merged ones included."""

import io

import pytest
from django.core.management import CommandError, call_command

from borderwork.indicators.rebuild import rebuild
from tests.demo import demo_fixture
from tests.reports.pdftext import flat_text

pytestmark = pytest.mark.django_db

demo = demo_fixture()


@pytest.fixture(scope="module")
def built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()


def text_of(path) -> str:
    return flat_text(path.read_bytes())


def test_a_merged_province_is_reported_under_its_name_of_the_time(built, tmp_path):
    pdf, xlsx = tmp_path / "bp.pdf", tmp_path / "bp.xlsx"
    out = io.StringIO()
    call_command(
        "quarterly_report",
        "--unit=province:binh-phuoc",
        "--quarter=2025Q2",
        f"-o={pdf}",
        f"--xlsx={xlsx}",
        stdout=out,
    )
    text = text_of(pdf)
    assert "TỈNH BÌNH PHƯỚC" in text and "ĐỒNG NAI" not in text
    assert "quý II năm 2025" in text
    assert xlsx.read_bytes().startswith(b"PK")
    assert "quý II năm 2025" in out.getvalue()


def test_the_national_summary(built, tmp_path):
    pdf = tmp_path / "nation.pdf"
    call_command("quarterly_report", "--unit=nation", "--quarter=2026Q1", f"-o={pdf}")
    text = text_of(pdf)
    assert "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG" in text and "quý I năm 2026" in text
    # A rate weighted by households is not called an average of the communes'.
    assert "Tỷ lệ hộ nghèo của địa bàn" in text and "bình quân" not in text
    assert "theo dõi 1 xã" not in text


@pytest.mark.parametrize(
    ("unit", "quarter", "message"),
    [
        ("province:khong-co", "2025Q2", "no province"),
        ("district:loc-ninh", "2025Q2", "expected province"),
        ("province:binh-phuoc", "2025-2", "YYYYQn"),
        ("province:binh-phuoc", "2019Q1", "no figures"),
    ],
)
def test_bad_arguments_are_refused_with_a_reason(built, tmp_path, unit, quarter, message):
    with pytest.raises(CommandError, match=message):
        call_command("quarterly_report", f"--unit={unit}", f"--quarter={quarter}", "-o=x.pdf")
