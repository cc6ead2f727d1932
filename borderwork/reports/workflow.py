"""A report's life (a quarter's, the first six months', a year's): drafted by staff,
submitted, approved by the unit's commissar (which freezes its figures and closes the
period) or returned with a comment; reopened only by that commissar, with a reason. Each
step is kept as a `ReportEvent`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from borderwork.accounts.models import Role, User
from borderwork.indicators.models import DirtyMark, RebuildRun, RunStatus
from borderwork.indicators.rebuild import rebuild, signature
from borderwork.periods import AnyPeriod
from borderwork.reports import content, locks, rules
from borderwork.reports.document import Document
from borderwork.reports.document import render_context as lay_out
from borderwork.reports.models import Action, Report, ReportEvent, ReportLevel, State

DEFAULT_RECIPIENTS = {
    ReportLevel.PROVINCE: [
        "Cục Chính trị BĐBP (để b/c);",
        "Thường vụ Đảng ủy BĐBP tỉnh (để b/c);",
        "Các đồn Biên phòng;",
        "Lưu: VT, CT.",
    ],
    ReportLevel.STATION: [
        "Phòng Chính trị BĐBP tỉnh (để b/c);",
        "Đảng ủy, chính quyền các xã (để p/h);",
        "Lưu: VT.",
    ],
}


def _event(report: Report, action: str, user: User, comment: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, by=user, comment=comment)


def _current(report: Report) -> None:
    """Lock the report's row and read its state again: two steps taken at once (a double
    click, two commissars' tabs) run one after the other and the second sees the first."""
    fresh = Report.objects.select_for_update().get(pk=report.pk)
    report.state, report.frozen = fresh.state, fresh.frozen


def _refuse() -> None:
    raise PermissionDenied(_("Anh/chị không được làm việc này với báo cáo này."))


def draft(user: User, level: str, unit, period: AnyPeriod) -> Report:
    """A new draft whose paragraphs are written from the unit's figures.

    Raises ValidationError for a period the unit did not exist at the end of (naming who
    reports it), content.NoFigures when the snapshot has nothing for the unit and period.
    """
    if not rules.may_draft(user):
        _refuse()
    unit.validate_period(period)
    data = content.snapshot(level, unit.pk, period)
    province = unit.province if level == ReportLevel.STATION else unit
    texts = content.draft_texts(content.Numbers(data), content.subject(level, unit))
    report = Report(
        level=level,
        province=province,
        station=unit if level == ReportLevel.STATION else None,
        kind=period.kind,
        year=period.year,
        quarter=period.number,
        place=province.name,
        recipients="\n".join(DEFAULT_RECIPIENTS[level]),
        created_by=user,
        **texts,
    )
    report.full_clean()
    report.save()
    _event(report, Action.CREATED, user)
    return report


@transaction.atomic
def submit(report: Report, user: User) -> None:
    _current(report)
    if not rules.may_submit(user, report):
        _refuse()
    missing = [
        str(Report._meta.get_field(name).verbose_name)
        for name in ("shortcomings", "direction")
        if not getattr(report, name).strip()
    ]
    if missing:
        raise ValidationError(
            _("Chưa trình được: hãy viết phần %(parts)s.") % {"parts": ", ".join(missing)}
        )
    report.state = State.SUBMITTED
    report.submitted_by, report.submitted_at = user, timezone.now()
    report.save()
    _event(report, Action.SUBMITTED, user)


def _count_again_if_stale(period: AnyPeriod, user: User) -> None:
    """Rebuild the snapshot when a write since the last rebuild may have changed the period.

    Inside the approval, after `hold_writes`: what it counts is what the records hold, and no
    write lands between the count and the freeze. On PostgreSQL the change marks say whether a
    write reached the quarter; SQLite has none, so it always counts again (a full rebuild).
    """
    last = RebuildRun.objects.last_success()
    stale = (
        transaction.get_connection().vendor != "postgresql"
        or last is None
        or last.signature != signature()
        # A run before the period ended left out what was dated after its day.
        or last.counted_to is None
        or last.counted_to < period.last_day
        or DirtyMark.objects.filter(Q(since__isnull=True) | Q(since__lte=period.last_day)).exists()
    )
    if not stale:
        return
    run = rebuild(requested_by=user)
    if run.status != RunStatus.SUCCESS:
        raise ValidationError(
            _("Số liệu đang được tính lại; hãy phê duyệt sau khi tính xong (vài phút).")
        )


@transaction.atomic
def approve(report: Report, user: User) -> None:
    """Count the quarter again if records changed, freeze its figures, and close it for the
    unit's records.

    Writes in progress commit first and later ones wait, then meet the closed quarter
    (`locks.hold_writes`): none lands in the quarter after its figures were read, and the
    figures read are those of the records (`_count_again_if_stale`).
    """
    locks.hold_writes(transaction.get_connection())
    _current(report)
    if not rules.may_decide(user, report):
        _refuse()
    _count_again_if_stale(report.period, user)
    report.frozen = content.snapshot(report.level, report.unit.pk, report.period)
    # Who signs is part of what was approved: a later change of officers leaves it as it was.
    report.frozen["signer"] = signer_of(report, approver=user)
    report.state = State.APPROVED
    report.approved_by, report.approved_at = user, timezone.now()
    report.save()
    _event(report, Action.APPROVED, user)


def _with_reason(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Hãy ghi rõ lý do."))
    return comment


@transaction.atomic
def send_back(report: Report, user: User, comment: str) -> None:
    """Return a submitted report to its drafters with the commissar's comment."""
    _current(report)
    if not rules.may_decide(user, report):
        _refuse()
    comment = _with_reason(comment)
    report.state = State.DRAFT
    report.save()
    _event(report, Action.RETURNED, user, comment)


@transaction.atomic
def reopen(report: Report, user: User, reason: str) -> None:
    """Open an approved report again: the quarter's records can change, the figures are
    read live until the next approval; PDFs already issued stay in the archive as they are."""
    _current(report)
    if not rules.may_reopen(user, report):
        _refuse()
    reason = _with_reason(reason)
    report.state = State.DRAFT
    report.frozen = None
    report.approved_by, report.approved_at = None, None
    report.save()
    _event(report, Action.REOPENED, user, reason)


def figures_of(report: Report) -> dict:
    """The figures a report uses: frozen once approved, the live snapshot before."""
    if report.frozen is not None:
        return report.frozen
    return content.snapshot(report.level, report.unit.pk, report.period)


def commissar_name(report: Report) -> str:
    """Who signs: the commissar who approved it, else the unit's commissar today."""
    if report.approved_by_id:
        return str(report.approved_by)
    unit = {"station": report.station} if report.station_id else {"province": report.province}
    commissar = User.objects.filter(role=Role.COMMISSAR, is_active=True, **unit).first()
    return str(commissar) if commissar else ""


def signer_of(report: Report, approver: User | None = None) -> dict[str, str]:
    """{"rank", "name"} of who signs: the unit's political officer from the officer records
    (a station's Chính trị viên, a province's Chính ủy), else the approving commissar's name."""
    officer = content.political_officer(report.level, report.unit)
    if officer is not None:
        return {"rank": officer.rank, "name": officer.full_name}
    if approver is not None:
        return {"rank": "", "name": str(approver)}
    return {"rank": "", "name": commissar_name(report)}


def document_of(report: Report) -> Document:
    frozen = report.frozen or {}
    signer = frozen.get("signer") or signer_of(report)
    return Document(
        level=report.level,
        unit=report.unit,
        number=report.number,
        place=report.place,
        dated=report.dated,
        texts={
            "situation": report.situation,
            "politics": report.politics,
            "programmes": report.programmes,
            "borders": report.borders,
            "shortcomings": report.shortcomings,
            "direction": report.direction,
        },
        recipients=report.recipient_lines(),
        signer_name=signer["name"],
        signer_rank=signer["rank"],
        draft=not report.is_approved,
    )


def render_context(report: Report) -> dict:
    return lay_out(document_of(report), figures_of(report))
