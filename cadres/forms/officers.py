"""Forms for officers, their assignments, ending a term, and delegates' petitions."""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import DateInput, RecordForm, with_label
from borderwork.scoping import closed_because
from cadres.forms.common import (
    PARTY_AGE,
    check_birth_year,
    not_in_future,
    officer_label,
)
from cadres.models import (
    Assignment,
    AssignmentKind,
    AssignmentLevel,
    Officer,
    Petition,
    PetitionStatus,
)


class OfficerForm(RecordForm):
    class Meta:
        model = Officer
        fields = [
            "full_name",
            "rank",
            "position",
            "station",
            "ethnic_group",
            "birth_year",
            "party_joined_on",
        ]
        help_texts = {
            "full_name": _("Họ và tên, không kèm cấp bậc; ví dụ: Nguyễn Văn Hùng."),
            "rank": _("Ví dụ: Đại úy, Thiếu tá."),
            "position": _("Ví dụ: Phó Chính trị viên, cán bộ Vận động quần chúng."),
            "birth_year": _("Bốn chữ số, ví dụ 1988."),
            "party_joined_on": _("Để trống nếu cán bộ chưa là đảng viên."),
        }

    def clean_birth_year(self):
        return check_birth_year(self.cleaned_data.get("birth_year"))

    def clean_party_joined_on(self):
        return not_in_future(
            self.cleaned_data.get("party_joined_on"), _("Ngày vào Đảng không thể sau hôm nay.")
        )

    def clean(self):
        cleaned = super().clean()
        born, joined = cleaned.get("birth_year"), cleaned.get("party_joined_on")
        if born and joined and joined.year < born + PARTY_AGE:
            self.add_error(
                "party_joined_on",
                _("Người sinh năm %(born)s chỉ có thể vào Đảng từ năm %(year)s (đủ 18 tuổi).")
                % {"born": born, "year": born + PARTY_AGE},
            )
        return cleaned


class AssignmentForm(RecordForm):
    class Meta:
        model = Assignment
        fields = [
            "officer",
            "kind",
            "level",
            "commune",
            "district",
            "party_cell",
            "started_on",
            "ended_on",
            "decision_number",
            "directive",
            "notes",
        ]
        help_texts = {
            "officer": _("Đồn của cán bộ phải phụ trách xã được phân công vào ngày bắt đầu."),
            "level": _("Cấp huyện chỉ có đến 30/6/2025, khi bỏ cấp huyện."),
            "commune": _(
                "Với phân công cấp xã: chọn xã theo địa giới tại ngày bắt đầu (trước hay sau sáp "
                "nhập)."
            ),
            "district": _("Chỉ với phân công cấp huyện; để trống với cấp xã."),
            "party_cell": _(
                "Chỉ với đảng viên sinh hoạt tại chi bộ thôn, ấp; chi bộ phải thuộc xã đã chọn."
            ),
            "ended_on": _("Để trống nếu cán bộ vẫn đang đảm nhiệm."),
            "decision_number": _("Ví dụ: 125-QĐ/ĐU."),
            "directive": _("Văn bản chỉ đạo làm căn cứ, ví dụ Kế hoạch 10-KH/TU."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.user.station_id:
            # Across a province, names repeat: the station tells two officers apart.
            with_label(self.fields["officer"], officer_label, "station")
        with_label(self.fields["party_cell"], lambda cell: f"{cell} – {cell.commune}", "commune")

    def clean(self):
        cleaned = super().clean()
        level, kind = cleaned.get("level"), cleaned.get("kind")
        commune, district = cleaned.get("commune"), cleaned.get("district")
        started = cleaned.get("started_on")
        if level == AssignmentLevel.COMMUNE and district is not None:
            self.add_error("district", _("Phân công cấp xã: hãy để trống ô huyện."))
        if level == AssignmentLevel.DISTRICT and commune is not None:
            self.add_error("commune", _("Phân công cấp huyện: hãy để trống ô xã."))
        gone = district is not None and started and not district.existed_on(started)
        if level == AssignmentLevel.DISTRICT and gone:
            self.add_error(
                "district",
                _("%(district)s không tồn tại vào ngày %(day)s.")
                % {"district": district, "day": started.strftime("%d/%m/%Y")},
            )
        if kind and kind != AssignmentKind.PARTY_CELL and cleaned.get("party_cell"):
            self.add_error(
                "party_cell",
                _("Chỉ chọn chi bộ với hình thức “%(kind)s”.")
                % {"kind": AssignmentKind.PARTY_CELL.label},
            )
        return cleaned


class EndTermForm(forms.Form):
    """The day an officer's term ends; the assignment's own rules decide if it may."""

    ended_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput)

    def __init__(self, *args, assignment: Assignment, **kwargs):
        kwargs.setdefault("initial", {"ended_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.assignment = assignment

    def clean(self):
        cleaned = super().clean()
        ended = cleaned.get("ended_on")
        if ended is None:
            return cleaned
        # Check a copy, so a refused date never shows on the page as if it were saved.
        ending = copy.copy(self.assignment)
        ending.ended_on = ended
        closed = closed_because(self.assignment, ending)
        if closed:
            self.add_error(None, closed)
            return cleaned
        try:
            ending.clean()
            ending.validate_constraints()  # the term in order: the end on or after the start
        except ValidationError as error:
            found = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            # Other complaints concern what the edit page changes; they still block the end.
            for field, messages in found.items():
                self.add_error("ended_on" if field == "ended_on" else None, messages)
        return cleaned

    def save(self) -> Assignment:
        self.assignment.ended_on = self.cleaned_data["ended_on"]
        self.assignment.save(update_fields=["ended_on"])
        return self.assignment


class PetitionForm(RecordForm):
    class Meta:
        model = Petition
        fields = [
            "assignment",
            "received_on",
            "voters",
            "subject",
            "status",
            "resolved_on",
            "resolution",
        ]
        help_texts = {
            "assignment": _("Cán bộ là đại biểu HĐND đã tiếp nhận kiến nghị, trong nhiệm kỳ nào."),
            "voters": _("Ví dụ: Cử tri ấp 3, xã Lộc Thạnh."),
            "status": _("Khi đã giải quyết hay đã trả lời cử tri, ghi cả ngày và kết quả."),
            "resolved_on": _("Để trống khi kiến nghị còn đang chờ giải quyết."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assignment = self.fields["assignment"]
        assignment.queryset = assignment.queryset.filter(
            kind=AssignmentKind.PEOPLES_COUNCIL
        ).select_related("officer", "commune", "district")
        assignment.label_from_instance = self.delegate_label

    @staticmethod
    def delegate_label(assignment: Assignment) -> str:
        unit = assignment.commune or assignment.district
        until = assignment.ended_on.strftime("%d/%m/%Y") if assignment.ended_on else "…"
        return f"{assignment.officer} – {unit} ({assignment.started_on:%d/%m/%Y} – {until})"

    def clean_received_on(self):
        return not_in_future(
            self.cleaned_data.get("received_on"), _("Ngày tiếp nhận không thể sau hôm nay.")
        )

    def clean(self):
        cleaned = super().clean()
        delegate, received = cleaned.get("assignment"), cleaned.get("received_on")
        status, resolved = cleaned.get("status"), cleaned.get("resolved_on")
        if delegate is not None and received is not None and not delegate.is_current(received):
            until = delegate.ended_on.strftime("%d/%m/%Y") if delegate.ended_on else _("nay")
            self.add_error(
                "received_on",
                _("Ngày tiếp nhận phải trong nhiệm kỳ đại biểu (%(start)s – %(end)s).")
                % {"start": delegate.started_on.strftime("%d/%m/%Y"), "end": until},
            )
        if received and resolved and resolved < received:
            self.add_error("resolved_on", _("Ngày giải quyết phải bằng hoặc sau ngày tiếp nhận."))
        answered = (PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED)
        if status in answered and resolved is None and "resolved_on" not in self.errors:
            self.add_error("resolved_on", _("Hãy ghi ngày giải quyết hoặc trả lời cử tri."))
        if status and status not in answered and resolved is not None:
            self.add_error(
                "status",
                _("Đã có ngày giải quyết: hãy chọn “%(resolved)s” hoặc “%(explained)s”.")
                % {
                    "resolved": PetitionStatus.RESOLVED.label,
                    "explained": PetitionStatus.EXPLAINED.label,
                },
            )
        return cleaned
