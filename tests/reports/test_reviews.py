"""Six-month and annual reviews on the demo, who signs a report, and the units that may report
a period (issue 16: points 1, 3, 4 and the report's wording)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from borderwork.accounts.models import Role, User
from borderwork.indicators.figures import figures
from borderwork.indicators.models import View
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import HalfYear, Quarter, Year
from borderwork.reports import content, workflow
from borderwork.reports.locks import closing_report
from borderwork.reports.models import PeriodKind, Report, State
from borderwork.reports.pdf import render_pdf
from borderwork.scoping import PeriodClosed
from cadres.models import Officer
from communes.models import Province, Station
from programmes.models import SupportRecord
from tests.demo import demo_fixture
from tests.reports.pdftext import flat_text

pytestmark = pytest.mark.django_db

demo = demo_fixture()


@pytest.fixture(scope="module")
def figures_built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()


@pytest.fixture
def qb(demo, figures_built):
    return Province.objects.get(slug="quang-binh")


@pytest.fixture
def bp(demo, figures_built):
    return Province.objects.get(slug="binh-phuoc")


def quarter_values(user, province, code: str, quarters) -> list[Decimal]:
    """The dashboard's own figures of each quarter, the report's one source."""
    values = []
    for quarter in quarters:
        data = figures(user, "province", province.pk, View.PERIOD, quarter)
        assert data.quarter == quarter
        values.append(next(f.now for f in data.figures if f.indicator.code == code))
    return values


def written(report: Report, user: User) -> Report:
    report.shortcomings = "Một số xã cập nhật số liệu chậm."
    report.direction = "Tiếp tục củng cố tổ chức đảng ở các xã biên giới."
    report.save()
    workflow.submit(report, user)
    return report


def test_staff_qb_drafts_the_2024_annual_review_and_commissar_qb_approves_it(demo, qb):
    report = workflow.draft(demo["staff-qb"], "province", qb, Year(2024))
    assert (report.kind, report.year, report.period) == (PeriodKind.YEAR, 2024, Year(2024))
    # A flow is the year's four quarters added up; a stock is the year's last day's.
    value = quarter_values(demo["commissar-qb"], qb, "support_value", Year(2024).quarters)
    landmarks = quarter_values(demo["commissar-qb"], qb, "landmarks", [Quarter(2024, 4)])
    assert sum(value) > 0  # the demo's support of 2024 (given in its last quarter)
    figures_now = workflow.figures_of(report)["indicators"]
    assert Decimal(figures_now["support_value"]["now"]) == sum(value)
    assert Decimal(figures_now["landmarks"]["now"]) == landmarks[0]
    assert "Trong năm" in report.programmes and "Trong quý" not in report.programmes

    written(report, demo["staff-qb"])
    workflow.approve(report, demo["commissar-qb"])
    report.refresh_from_db()
    assert report.state == State.APPROVED
    assert Decimal(report.frozen["indicators"]["support_value"]["now"]) == sum(value)
    assert str(report) == "Báo cáo Năm 2024 · Quảng Bình"

    # The whole year is closed for Quảng Bình's communes, in Python and in the database.
    # No quarter of 2024 has a report: the annual one closes them all.
    assert not Report.objects.filter(kind=PeriodKind.QUARTER, year=2024).exists()
    record = SupportRecord.objects.filter(commune__province=qb, given_on__year=2024).first()
    assert closing_report(record) == report
    with pytest.raises(PeriodClosed, match="Năm 2024"), transaction.atomic():
        SupportRecord.objects.filter(pk=record.pk).update(given_on=datetime.date(2024, 2, 1))
    later = SupportRecord.objects.filter(commune__province=qb, given_on__year=2025).first()
    assert closing_report(later) is None

    text = flat_text(render_pdf(workflow.render_context(report)))
    assert (
        "BÁO CÁO Tổng kết công tác tham gia xây dựng hệ thống chính trị cơ sở khu vực biên giới "
        "năm 2024" in text
    )
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" in text
    assert "Năm 2023" in text and "Quý III/2024" not in text  # compared with the year before
    assert "CHÍNH ỦY" in text and "CHÍNH TRỊ VIÊN" not in text
    assert "DỰ THẢO" not in text


def test_the_six_month_review_adds_up_its_two_quarters_and_compares_with_a_year_before(demo, qb):
    report = workflow.draft(demo["staff-qb"], "province", qb, HalfYear(2025, 1))
    assert report.kind == PeriodKind.HALF
    data = workflow.figures_of(report)["indicators"]["support_value"]
    now = quarter_values(demo["commissar-qb"], qb, "support_value", HalfYear(2025, 1).quarters)
    before = quarter_values(demo["commissar-qb"], qb, "support_value", HalfYear(2024, 1).quarters)
    assert sum(now) > max(now)  # support was given in both quarters
    assert (Decimal(data["now"]), Decimal(data["last_year"])) == (sum(now), sum(before))
    context = workflow.render_context(report)
    assert context["title"] == (
        "Sơ kết 6 tháng đầu năm 2025 công tác tham gia xây dựng hệ thống chính trị cơ sở khu "
        "vực biên giới"
    )
    assert "Trong 6 tháng đầu năm" in report.programmes
    table = context["sections"][1]["parts"][0]["tables"][0]
    assert table.columns[2:] == ["6 tháng đầu năm 2025", "Cùng kỳ 2024", "Mục tiêu"]
    assert context["sections"][3]["heading"].endswith("6 THÁNG CUỐI NĂM 2025")


def test_a_quarter_and_the_year_of_one_unit_are_two_reports(demo, qb):
    year = workflow.draft(demo["staff-qb"], "province", qb, Year(2024))
    quarter = workflow.draft(demo["staff-qb"], "province", qb, Quarter(2024, 4))
    assert Report.objects.of("province", qb, Year(2024)).get() == year
    assert Report.objects.of("province", qb, Quarter(2024, 4)).get() == quarter


@pytest.mark.parametrize("period", [Quarter(2025, 3), HalfYear(2026, 1), Year(2025)])
def test_nothing_is_drafted_for_binh_phuoc_after_30_june_2025(demo, bp, period):
    before = Report.objects.count()
    with pytest.raises(ValidationError, match="đến 30/06/2025.*Đồng Nai báo cáo"):
        workflow.draft(demo["staff-bp"], "province", bp, period)
    assert Report.objects.count() == before


def test_the_form_refuses_binh_phuoc_after_its_merger_and_names_dong_nai(client, demo, bp):
    client.force_login(demo["staff-bp"])
    response = client.post(reverse("reports:new"), {"unit": f"province:{bp.pk}", "quarter": "2025"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bình Phước chỉ tồn tại đến 30/06/2025; Năm 2025 do Đồng Nai báo cáo." in page
    assert not Report.objects.filter(province=bp, year=2025).exists()
    # Its first six months are still its own.
    response = client.post(
        reverse("reports:new"), {"unit": f"province:{bp.pk}", "quarter": "2025-H1"}
    )
    assert response.status_code == 302
    assert Report.objects.get(province=bp, kind=PeriodKind.HALF).period == HalfYear(2025, 1)


def test_the_command_refuses_binh_phuoc_after_its_merger(demo, bp, tmp_path):
    with pytest.raises(CommandError, match="Đồng Nai"):
        call_command(
            "report", "--unit=province:binh-phuoc", "--period=2025Q4", f"-o={tmp_path / 'x.pdf'}"
        )
    with pytest.raises(CommandError, match="Đồng Nai"):
        call_command(
            "quarterly_report",
            "--unit=province:binh-phuoc",
            "--quarter=2025Q4",
            f"-o={tmp_path / 'x.pdf'}",
        )


def test_a_unit_before_it_began_names_the_units_that_report_then(demo):
    later = Province.objects.get(slug="quang-binh").today_unit()
    later.valid_from = datetime.date(2025, 7, 1)
    with pytest.raises(
        ValidationError, match="thành lập từ 01/07/2025; Quý II/2025 do .*Quảng Bình"
    ):
        later.validate_period(Quarter(2025, 2))
    later.validate_period(Year(2025))  # the year ends after it began: its own


def test_the_command_writes_the_annual_review(demo, figures_built, tmp_path):
    pdf, xlsx = tmp_path / "qb.pdf", tmp_path / "qb.xlsx"
    out = io.StringIO()
    call_command(
        "report",
        "--unit=province:quang-binh",
        "--period=2024",
        f"-o={pdf}",
        f"--xlsx={xlsx}",
        stdout=out,
    )
    text = flat_text(pdf.read_bytes())
    assert "Tổng kết công tác tham gia xây dựng hệ thống chính trị" in text
    assert "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Bình theo dõi" in text
    assert xlsx.read_bytes().startswith(b"PK")
    assert "năm 2024" in out.getvalue()


@pytest.mark.parametrize("text", ["2025H2", "2025Q5", "25", "2025-1"])
def test_the_command_refuses_a_period_it_does_not_know(demo, text, tmp_path):
    with pytest.raises(CommandError, match="--period"):
        call_command("report", "--unit=nation", f"--period={text}", f"-o={tmp_path / 'x.pdf'}")


def test_a_stations_report_is_signed_by_its_chinh_tri_vien(demo, figures_built):
    station = Station.objects.get(slug="don-cua-khau-quoc-te-cha-lo")
    officer = Officer.objects.get(station=station, position="Chính trị viên")
    commissar = User.objects.create_user(
        "ctv-cha-lo", full_name="Tài khoản Chính trị viên", role=Role.COMMISSAR, station=station
    )
    assert commissar.get_role_display() == "Chính trị viên"
    assert demo["commissar-qb"].get_role_display() == "Chính ủy"
    report = workflow.draft(demo["station-qb"], "station", station, Quarter(2025, 2))
    written(report, demo["station-qb"])
    workflow.approve(report, commissar)
    report.refresh_from_db()
    context = workflow.render_context(report)
    assert context["signer_title"] == "CHÍNH TRỊ VIÊN"
    assert (context["signer_rank"], context["signer_name"]) == (officer.rank, officer.full_name)
    assert context["number"].endswith("/BC-ĐBP")
    # The signature was approved with the report: a later change of officers leaves it.
    Officer.objects.filter(pk=officer.pk).update(full_name="Người khác")
    assert workflow.render_context(report)["signer_name"] == officer.full_name
    text = flat_text(render_pdf(workflow.render_context(report)))
    assert "CHÍNH TRỊ VIÊN" in text and f"{officer.rank} {officer.full_name}" in text


def test_each_issuer_has_its_own_number_symbol(demo, qb):
    qb.report_symbol = "BC-BCH"
    qb.save()
    report = workflow.draft(demo["staff-qb"], "province", qb, Quarter(2024, 4))
    assert workflow.render_context(report)["number"].endswith("/BC-BCH")


def test_the_draft_reads_as_vietnamese_administrative_text(demo, bp):
    report = workflow.draft(demo["staff-bp"], "province", bp, Quarter(2025, 2))
    texts = " ".join([report.situation, report.politics, report.programmes, report.borders])
    assert "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bình Phước theo dõi" in texts
    assert texts.count("Bình Phước theo dõi") == texts.count("tỉnh Bình Phước theo dõi")
    assert " %" not in texts and "điểm %" not in texts
    assert "%" in texts
    assert " 0 " not in texts  # a clause about nothing is left out
    # The cumulative count has a sentence of its own, never after "Trong quý".
    within, _sep, cumulative = report.programmes.partition("Lũy kế")
    assert "mô hình" not in within and "mô hình" in cumulative


def test_a_zero_clause_is_left_out():
    data = {
        "unit": {"level": "province"},
        "quarter": [2025, 2],
        "units": [],
        "indicators": {
            "committee_officer": {"now": "97.3", "previous": "97.3"},
            "cadre_candidates": {"now": "0"},
            "party_admissions": {"now": "3"},
            "course_participants": {"now": "0"},
            "poor_rate": {"now": "4.5"},
            "completeness": {"now": "100"},
            "cells_with_bg_member": {"now": "50"},
        },
    }
    texts = content.draft_texts(content.Numbers(data), "Bộ Chỉ huy")
    assert "97,3% xã biên giới" in texts["politics"]
    assert "(bằng quý trước)" in texts["politics"]
    assert "tạo nguồn" not in texts["politics"] and "bồi dưỡng" not in texts["politics"]
    assert "Trong quý, kết nạp 3 đảng viên mới." in texts["politics"]
    data["indicators"]["committee_officer"]["previous"] = "95"
    assert (
        "tăng 2,3 điểm phần trăm so với quý trước"
        in content.draft_texts(content.Numbers(data), "Bộ Chỉ huy")["politics"]
    )
