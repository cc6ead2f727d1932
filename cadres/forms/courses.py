"""The course form, with its participants typed one a line, and single participants."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import RecordForm, with_label
from cadres.forms.common import (
    MAX_PARTICIPANT_LINES,
    NAME_LENGTH,
    POSITION_LENGTH,
)
from cadres.models import (
    Course,
    CourseParticipant,
)
from communes.models import EthnicGroup


@dataclass
class NewParticipant:
    full_name: str
    ethnic_group: EthnicGroup | None
    position: str


def name_key(text: str) -> str:
    """'bru-vân kiều' and 'Bru - Vân Kiều' (typed composed or not) are the same name."""
    text = unicodedata.normalize("NFC", text).replace("-", " - ")
    return " ".join(text.split()).casefold()


def parse_participants(text: str) -> list[NewParticipant]:
    """One participant a line, 'Họ và tên; dân tộc; chức vụ'; every bad line is named."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if len(lines) > MAX_PARTICIPANT_LINES:
        raise ValidationError(
            _("Mỗi lần ghi tối đa %(limit)s học viên; hãy chia danh sách ra."),
            params={"limit": MAX_PARTICIPANT_LINES},
            code="too_many",
        )
    groups = {name_key(group.name): group for group in EthnicGroup.objects.all()}
    people, errors = [], []

    def refuse(number: int, message, **params) -> None:
        errors.append(ValidationError(message, params={"line": number, **params}))

    for number, line in lines:
        parts = [" ".join(part.split()) for part in line.split(";")]
        if len(parts) > 3:
            refuse(number, _("Dòng %(line)s có quá ba phần; chỉ ghi: Họ và tên; dân tộc; chức vụ."))
            continue
        name, group_name, position = [*parts, "", ""][:3]
        group = groups.get(name_key(group_name)) if group_name else None
        if not name:
            refuse(number, _("Dòng %(line)s chưa có họ và tên."))
        elif len(name) > NAME_LENGTH:
            refuse(
                number, _("Dòng %(line)s: họ và tên dài quá %(limit)s ký tự."), limit=NAME_LENGTH
            )
        elif group_name and group is None:
            refuse(
                number,
                _("Dòng %(line)s: không có dân tộc “%(group)s” trong danh mục."),
                group=group_name,
            )
        elif len(position) > POSITION_LENGTH:
            refuse(
                number, _("Dòng %(line)s: chức vụ dài quá %(limit)s ký tự."), limit=POSITION_LENGTH
            )
        else:
            people.append(NewParticipant(name, group, position))
    if errors:
        raise ValidationError(errors)
    return people


class CourseForm(RecordForm):
    """A course and, typed one a line, the participants to add to it."""

    participants = forms.CharField(
        label=_("Danh sách học viên"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Mỗi dòng một người: Họ và tên; dân tộc; chức vụ. Ví dụ: Điểu Thị Hoa; Xtiêng; "
            "Bí thư Chi đoàn ấp 3. Dân tộc và chức vụ có thể để trống. Học viên được ghi là "
            "người của xã tổ chức lớp; người ở xã khác thì sửa lại ở trang học viên."
        ),
    )

    class Meta:
        model = Course
        fields = ["kind", "title", "host", "started_on", "ended_on", "commune", "station"]
        help_texts = {
            "title": _("Ví dụ: Lớp bồi dưỡng nhận thức về Đảng, khóa 1 năm 2026."),
            "host": _("Ví dụ: Đảng ủy xã Lộc Thạnh; Trung tâm Chính trị huyện Lộc Ninh."),
            "commune": _("Chọn xã theo địa giới tại ngày khai giảng (trước hay sau sáp nhập)."),
            "station": _("Để trống nếu đồn không tham gia tổ chức lớp."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["participants"].label = _("Thêm học viên")
            self.fields["participants"].help_text = _(
                "Chỉ ghi những người cần thêm, mỗi dòng một người: Họ và tên; dân tộc; chức vụ. "
                "Học viên đã có xem và sửa ở trang của lớp."
            )

    def clean_participants(self):
        return parse_participants(self.cleaned_data.get("participants", ""))

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("Ngày bế giảng phải bằng hoặc sau ngày khai giảng."))
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        course = self.instance
        for person in self.cleaned_data.get("participants") or []:
            CourseParticipant.objects.create(
                course=course,
                full_name=person.full_name,
                ethnic_group=person.ethnic_group,
                commune=course.commune,
                position=person.position,
            )


class CourseParticipantForm(RecordForm):
    class Meta:
        model = CourseParticipant
        fields = ["course", "full_name", "ethnic_group", "commune", "position"]
        help_texts = {
            "commune": _("Xã nơi học viên công tác; có thể khác xã tổ chức lớp."),
            "position": _("Ví dụ: Bí thư Chi bộ ấp 3, Tổ trưởng Tổ bảo vệ an ninh, trật tự."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_label(self.fields["course"], lambda course: f"{course} ({course.started_on:%d/%m/%Y})")
