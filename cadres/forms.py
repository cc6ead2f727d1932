"""Forms for officers and their assignments, petitions, courses and the cadre source."""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import DateInput, RecordForm
from cadres.models import (
    Assignment,
    AssignmentKind,
    CadreCandidate,
    CandidateStage,
    Course,
    CourseParticipant,
    Level,
    Officer,
    PartyAdmission,
    Petition,
    PetitionStatus,
)
from communes.models import EthnicGroup

FIRST_BIRTH_YEAR = 1940
# The youngest a local person followed as a future cadre, or an officer, can be.
YOUNGEST_AGE = 16
PARTY_AGE = 18
NAME_LENGTH = CourseParticipant._meta.get_field("full_name").max_length
POSITION_LENGTH = CourseParticipant._meta.get_field("position").max_length
MAX_PARTICIPANT_LINES = 300


def check_birth_year(year: int | None) -> int | None:
    """A birth year of a living adult: from 1940 to sixteen years ago."""
    last = timezone.localdate().year - YOUNGEST_AGE
    if year is not None and not FIRST_BIRTH_YEAR <= year <= last:
        raise ValidationError(
            _("Năm sinh phải từ %(first)s đến %(last)s."),
            params={"first": FIRST_BIRTH_YEAR, "last": last},
            code="birth_year_out_of_range",
        )
    return year


def not_in_future(day, message):
    if day is not None and day > timezone.localdate():
        raise ValidationError(message, code="in_future")
    return day


def with_label(field, label, *related: str) -> None:
    """Show each choice with what tells it apart (station, commune), in the same query."""
    field.queryset = field.queryset.select_related(*related)
    field.label_from_instance = label


def officer_label(officer: Officer) -> str:
    return f"{officer} – {officer.station}"


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
                "Với phân công cấp xã: xã như nó là vào ngày bắt đầu (trước hay sau sáp nhập)."
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
        if level == Level.COMMUNE and district is not None:
            self.add_error("district", _("Phân công cấp xã: hãy để trống ô huyện."))
        if level == Level.DISTRICT and commune is not None:
            self.add_error("commune", _("Phân công cấp huyện: hãy để trống ô xã."))
        gone = district is not None and started and not district.existed_on(started)
        if level == Level.DISTRICT and gone:
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
        try:
            ending.clean()
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
            "commune": _("Xã như nó là vào ngày khai giảng (trước hay sau sáp nhập)."),
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
            "position": _("Ví dụ: Bí thư Chi bộ ấp 3, Công an viên."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_label(self.fields["course"], lambda course: f"{course} ({course.started_on:%d/%m/%Y})")


class CadreCandidateForm(RecordForm):
    class Meta:
        model = CadreCandidate
        fields = [
            "full_name",
            "birth_year",
            "ethnic_group",
            "commune",
            "village",
            "source",
            "identified_on",
            "stage",
            "notes",
        ]
        help_texts = {
            "birth_year": _("Bốn chữ số, ví dụ 2003."),
            "commune": _("Xã như nó là vào ngày đưa vào nguồn (trước hay sau sáp nhập)."),
            "village": _("Thôn, ấp, bản của chính xã đã chọn."),
            "identified_on": _("Ngày được phát hiện, đưa vào danh sách nguồn theo dõi."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_label(
            self.fields["village"], lambda village: f"{village} – {village.commune}", "commune"
        )

    def clean_birth_year(self):
        return check_birth_year(self.cleaned_data.get("birth_year"))

    def clean_identified_on(self):
        return not_in_future(
            self.cleaned_data.get("identified_on"), _("Ngày đưa vào nguồn không thể sau hôm nay.")
        )


class PartyAdmissionForm(RecordForm):
    """An admission; opened from a cadre-source candidate, it starts with their details."""

    class Meta:
        model = PartyAdmission
        fields = [
            "candidate",
            "full_name",
            "ethnic_group",
            "commune",
            "village",
            "admitted_on",
            "decision_number",
        ]
        help_texts = {
            "candidate": _(
                "Nếu người này có trong nguồn cán bộ. Lưu lại thì người đó chuyển sang "
                "giai đoạn “Đã kết nạp Đảng”."
            ),
            "commune": _("Xã như nó là vào ngày kết nạp (trước hay sau sáp nhập)."),
            "village": _("Thôn, ấp, bản của chính xã đã chọn."),
            "decision_number": _("Ví dụ: 215-QĐ/ĐU."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_label(
            self.fields["village"], lambda village: f"{village} – {village.commune}", "commune"
        )
        with_label(
            self.fields["candidate"], lambda person: f"{person} – {person.commune}", "commune"
        )
        if not self.is_bound and self.instance.pk is None:
            self.start_from_candidate()

    def start_from_candidate(self) -> None:
        """Fill the person's details from the candidate a create link named."""
        pk = self.initial.get("candidate")
        candidate = self.fields["candidate"].queryset.filter(pk=pk).first() if pk else None
        if candidate is None:
            return
        self.initial.setdefault("full_name", candidate.full_name)
        for name in ("ethnic_group", "commune", "village"):
            value = getattr(candidate, f"{name}_id")
            if value is not None:
                self.initial.setdefault(name, value)

    def clean_admitted_on(self):
        return not_in_future(
            self.cleaned_data.get("admitted_on"), _("Ngày kết nạp không thể sau hôm nay.")
        )

    def clean(self):
        cleaned = super().clean()
        candidate, commune = cleaned.get("candidate"), cleaned.get("commune")
        if candidate is None or commune is None:
            return cleaned
        # The candidate may have been followed in a commune that has since merged into this one.
        if candidate.commune_id not in commune.lineage_ids():
            self.add_error(
                "candidate",
                _("%(person)s là nguồn cán bộ của %(commune)s, không phải của xã đã chọn.")
                % {"person": candidate, "commune": candidate.commune},
            )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        candidate = self.instance.candidate
        # Being admitted moves the candidate on, unless they have gone further (elected).
        if candidate is not None and candidate.stage in (
            CandidateStage.IDENTIFIED,
            CandidateStage.TRAINED,
        ):
            candidate.stage = CandidateStage.ADMITTED
            candidate.save(update_fields=["stage"])
