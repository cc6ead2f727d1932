"""The quarterly report's life on the demo: drafted from the figures, submitted, approved only
by the unit's commissar (freezing the figures and closing the quarter), returned, reopened."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from borderwork.indicators.figures import figures
from borderwork.indicators.models import View
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from borderwork.reports import content, workflow
from borderwork.reports.models import Action, IssuedReport, IssueStatus, Report, State
from communes.models import Province
from programmes.models import SupportRecord
from tests.demo import demo_fixture
from tests.reports.pdftext import flat_text, pages_text

pytestmark = pytest.mark.django_db

demo = demo_fixture()
Q2 = Quarter(2025, 2)


@pytest.fixture(scope="module")
def figures_built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()


@pytest.fixture
def bp(demo, figures_built):
    return Province.objects.get(slug="binh-phuoc")


@pytest.fixture
def drafted(demo, bp) -> Report:
    report = workflow.draft(demo["staff-bp"], "province", bp, Q2)
    report.shortcomings = "Một số xã cập nhật số liệu chậm."
    report.direction = "Tiếp tục củng cố tổ chức đảng ở các xã biên giới."
    report.save()
    return report


def approved(demo, report: Report) -> Report:
    workflow.submit(report, demo["staff-bp"])
    workflow.approve(report, demo["commissar-bp"])
    report.refresh_from_db()
    return report


def q2_support(bp) -> SupportRecord:
    return (
        SupportRecord.objects.filter(
            commune__province=bp, given_on__range=(datetime.date(2025, 4, 1), Q2.last_day)
        )
        .order_by("pk")
        .first()
    )


def test_a_draft_is_written_from_the_units_figures_of_the_quarter(demo, drafted, bp):
    data = figures(demo["commissar-bp"], "province", bp.pk, View.PERIOD, Q2)
    by_code = {figure.indicator.code: figure.now for figure in data.figures}
    assert drafted.state == State.DRAFT
    assert f"với {int(by_code['officers_reinforced'])} lượt cán bộ tăng cường" in drafted.politics
    # A cumulative count is not said to have happened "in the quarter".
    assert "Lũy kế đến cuối quý" in drafted.programmes
    assert f"xây dựng {int(by_code['houses'])} căn nhà" in drafted.programmes
    assert drafted.place == "Bình Phước"
    assert [event.action for event in drafted.events.all()] == [Action.CREATED]


def test_a_draft_for_a_quarter_without_figures_is_refused(demo, bp):
    with pytest.raises(content.NoFigures):
        workflow.draft(demo["staff-bp"], "province", bp, Quarter(2019, 1))


def test_submitting_needs_the_shortcomings_and_the_direction(demo, bp):
    report = workflow.draft(demo["staff-bp"], "province", bp, Q2)
    with pytest.raises(ValidationError, match="hạn chế"):
        workflow.submit(report, demo["staff-bp"])
    assert Report.objects.get(pk=report.pk).state == State.DRAFT


@pytest.mark.parametrize(
    "username", ["staff-bp", "station-bp", "commissar-qb", "staff-qb", "national", "admin"]
)
def test_only_the_units_commissar_approves(demo, drafted, username):
    workflow.submit(drafted, demo["staff-bp"])
    with pytest.raises(PermissionDenied):
        workflow.approve(drafted, demo[username])
    drafted.refresh_from_db()
    assert drafted.state == State.SUBMITTED and drafted.frozen is None


def test_approval_freezes_the_figures_equal_to_the_snapshot(demo, drafted, bp):
    report = approved(demo, drafted)
    data = figures(demo["commissar-bp"], "province", bp.pk, View.PERIOD, Q2)
    assert report.state == State.APPROVED
    assert report.approved_by == demo["commissar-bp"]
    for figure in data.figures:
        frozen = report.frozen["indicators"][figure.indicator.code]["now"]
        assert (None if frozen is None else Decimal(frozen)) == figure.now, figure.indicator.code


def test_a_returned_report_goes_back_to_draft_with_the_comment(demo, drafted):
    workflow.submit(drafted, demo["staff-bp"])
    with pytest.raises(ValidationError):
        workflow.send_back(drafted, demo["commissar-bp"], "   ")
    workflow.send_back(drafted, demo["commissar-bp"], "Bổ sung phần hạn chế.")
    drafted.refresh_from_db()
    assert drafted.state == State.DRAFT
    event = drafted.events.first()
    assert (event.action, event.by, event.comment) == (
        Action.RETURNED,
        demo["commissar-bp"],
        "Bổ sung phần hạn chế.",
    )


def test_after_approval_the_quarters_records_refuse_edits_and_the_pdf_stays(
    client, demo, drafted, bp, django_capture_on_commit_callbacks
):
    report = approved(demo, drafted)
    record = q2_support(bp)
    client.force_login(demo["staff-bp"])
    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(reverse("reports:issue", args=[report.pk]))
    assert issued.status_code == 302
    archive = IssuedReport.objects.get(report=report)
    assert archive.status == IssueStatus.DONE and not archive.draft
    first = client.get(reverse("reports:issued-file", args=[archive.pk, "pdf"])).content
    assert hashlib.sha256(first).hexdigest() == archive.sha256

    url = reverse("programmes:support-update", args=[record.pk])
    page = client.get(url).content.decode()
    assert "Trần Quốc Hưng" in page and "Quý II/2025" in page  # said before typing
    response = client.post(
        url,
        {
            "programme": record.programme_id,
            "station": record.station_id,
            "commune": record.commune_id,
            "recipient_kind": record.recipient_kind,
            "recipient_name": "Tên đã sửa",
            "poverty_status": record.poverty_status,
            "given_on": record.given_on.isoformat(),
            "quantity": record.quantity,
            "value_vnd": record.value_vnd,
        },
    )
    assert response.status_code == 200
    assert "đã được Trần Quốc Hưng phê duyệt" in response.content.decode()
    record.refresh_from_db()
    assert record.recipient_name != "Tên đã sửa"
    deleted = client.post(reverse("programmes:support-delete", args=[record.pk]))
    assert deleted.status_code == 302 and SupportRecord.objects.filter(pk=record.pk).exists()

    again = client.get(reverse("reports:issued-file", args=[archive.pk, "pdf"])).content
    assert again == first
    # Rendering it again gives the same bytes: the figures are the frozen ones.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:issue", args=[report.pk]))
    newest = IssuedReport.objects.filter(report=report).order_by("-pk").first()
    assert newest.sha256 == archive.sha256


def test_a_record_may_not_be_moved_into_a_closed_quarter(client, demo, drafted, bp):
    approved(demo, drafted)
    record = (
        SupportRecord.objects.filter(commune__province=bp, given_on__lt=datetime.date(2025, 4, 1))
        .order_by("-given_on")
        .first()
    )
    client.force_login(demo["staff-bp"])
    response = client.post(
        reverse("programmes:support-update", args=[record.pk]),
        {
            "programme": record.programme_id,
            "station": record.station_id,
            "commune": record.commune_id,
            "recipient_kind": record.recipient_kind,
            "recipient_name": record.recipient_name,
            "poverty_status": record.poverty_status,
            "given_on": "2025-05-15",
            "quantity": record.quantity,
            "value_vnd": record.value_vnd,
        },
    )
    assert response.status_code == 200
    assert "phê duyệt" in response.content.decode()
    record.refresh_from_db()
    assert record.given_on < datetime.date(2025, 4, 1)


def test_other_quarters_and_other_provinces_stay_open(demo, drafted, bp):
    approved(demo, drafted)
    from borderwork.reports.locks import closing_report

    later = SupportRecord.objects.filter(given_on__gte=datetime.date(2025, 7, 1)).first()
    quang_binh = SupportRecord.objects.filter(
        commune__province__slug="quang-binh",
        given_on__range=(datetime.date(2025, 4, 1), Q2.last_day),
    ).first()
    assert closing_report(q2_support(bp)) is not None
    assert closing_report(later) is None
    assert closing_report(quang_binh) is None


def test_only_the_commissar_reopens_with_a_reason_that_is_kept(demo, drafted, bp):
    report = approved(demo, drafted)
    with pytest.raises(PermissionDenied):
        workflow.reopen(report, demo["staff-bp"], "Sửa số liệu")
    with pytest.raises(PermissionDenied):
        workflow.reopen(report, demo["commissar-qb"], "Sửa số liệu")
    with pytest.raises(ValidationError):
        workflow.reopen(report, demo["commissar-bp"], "")
    workflow.reopen(report, demo["commissar-bp"], "Đồn Lộc Thạnh báo sót một hộ.")
    report.refresh_from_db()
    assert report.state == State.DRAFT and report.frozen is None
    assert report.events.first().comment == "Đồn Lộc Thạnh báo sót một hộ."
    from borderwork.reports.locks import closing_report

    assert closing_report(q2_support(bp)) is None


def test_the_pdf_holds_the_title_the_motto_the_signature_and_the_frozen_figures(
    client, demo, drafted, tmp_path, django_capture_on_commit_callbacks
):
    report = approved(demo, drafted)
    client.force_login(demo["commissar-bp"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:issue", args=[report.pk]))
    archive = IssuedReport.objects.get(report=report)
    data = client.get(reverse("reports:issued-file", args=[archive.pk, "pdf"])).content
    text = "\n".join(pages_text(data))
    flat = flat_text(data)
    assert "Kết quả tham gia xây dựng hệ thống chính trị cơ sở khu vực biên giới" in flat
    assert "quý II năm 2025" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "CHÍNH ỦY" in flat and "Trần Quốc Hưng" in flat
    assert "TỈNH BÌNH PHƯỚC" in flat
    officers = next(
        row["officers"] for row in report.frozen["assignments"] if row["kind"] == "party_committee"
    )
    line = next(line for line in text.splitlines() if "Cấp ủy viên (cán bộ tăng cường)" in line)
    assert line.split()[-2] == str(officers), line
    houses = Decimal(report.frozen["indicators"]["houses"]["now"])
    assert f"xây dựng {int(houses)} căn nhà" in flat


@pytest.mark.parametrize(
    ("username", "status"),
    [("commissar-qb", 404), ("station-qb", 404), ("staff-bp", 403), ("national", 403)],
)
def test_a_step_asked_by_someone_else_changes_nothing(client, demo, drafted, username, status):
    workflow.submit(drafted, demo["staff-bp"])
    client.force_login(demo[username])
    response = client.post(reverse("reports:action", args=[drafted.pk, "approve"]))
    assert response.status_code == status
    drafted.refresh_from_db()
    assert drafted.state == State.SUBMITTED


def test_the_commissar_approves_in_the_browser_and_sees_who_and_when(client, demo, drafted):
    workflow.submit(drafted, demo["staff-bp"])
    client.force_login(demo["commissar-bp"])
    page = client.get(reverse("reports:detail", args=[drafted.pk])).content.decode()
    assert "Phê duyệt và chốt số liệu" in page
    response = client.post(reverse("reports:action", args=[drafted.pk, "approve"]), follow=True)
    page = response.content.decode()
    assert 'data-state="approved"' in page
    assert "Trần Quốc Hưng đã phê duyệt lúc" in page
    assert "Mở lại" in page and "Phê duyệt và chốt số liệu" not in page


def test_frozen_figures_keep_vietnamese_names_when_approved_in_english(demo, drafted):
    from django.utils import translation

    workflow.submit(drafted, demo["staff-bp"])
    with translation.override("en"):
        workflow.approve(drafted, demo["commissar-bp"])
    drafted.refresh_from_db()
    titles = [table["title"] for table in drafted.frozen["units"]]
    assert titles == ["Các đồn Biên phòng", "Các xã, phường"]


def test_the_commissar_finds_the_submitted_report_on_the_home_page(client, demo, drafted):
    workflow.submit(drafted, demo["staff-bp"])
    client.force_login(demo["commissar-bp"])
    page = client.get(reverse("home")).content.decode()
    assert "Báo cáo Quý II/2025 · Bình Phước đang chờ anh/chị duyệt." in page
    assert reverse("reports:detail", args=[drafted.pk]) in page
    client.force_login(demo["commissar-qb"])
    assert "chờ anh/chị duyệt" not in client.get(reverse("home")).content.decode()


def test_a_second_approval_of_the_same_report_is_refused(demo, drafted):
    workflow.submit(drafted, demo["staff-bp"])
    stale = Report.objects.get(pk=drafted.pk)  # a second tab, still showing "submitted"
    workflow.approve(drafted, demo["commissar-bp"])
    with pytest.raises(PermissionDenied):
        workflow.approve(stale, demo["commissar-bp"])
    assert drafted.events.filter(action=Action.APPROVED).count() == 1


def test_a_pdf_that_fails_to_render_is_kept_as_failed_and_the_page_says_so(
    client, demo, drafted, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(context):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("borderwork.reports.pdf.render_pdf", broken)
    client.force_login(demo["staff-bp"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:issue", args=[drafted.pk]))
    assert response.status_code == 302
    issued = IssuedReport.objects.get(report=drafted)
    assert issued.status == IssueStatus.FAILED and "no fonts" in issued.error
    page = client.get(reverse("reports:detail", args=[drafted.pk])).content.decode()
    assert "Không tạo được PDF" in page
