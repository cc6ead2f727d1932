"""Forms for support records, follow-ups, self-management, models and activities."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import RecordForm, check_year, with_commune
from borderwork.records.uploads import validate_scan
from programmes.models import (
    Activity,
    ActivityKind,
    Landmark,
    MassMobilisationModel,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)

LANDMARK_NUMBER_LENGTH = Landmark._meta.get_field("number").max_length


class SupportRecordForm(RecordForm):
    class Meta:
        model = SupportRecord
        fields = [
            "programme",
            "given_on",
            "station",
            "commune",
            "village",
            "recipient_kind",
            "recipient_name",
            "ethnic_group",
            "poverty_status",
            "quantity",
            "value_vnd",
            "funding_source",
            "notes",
            "document",
        ]
        help_texts = {
            "value_vnd": _("Số nguyên, đơn vị đồng; ví dụ 18000000."),
            "commune": _("Chọn xã theo địa giới tại ngày trao (trước hay sau sáp nhập)."),
            "document": _("Biên bản bàn giao: bản scan PDF, JPEG hoặc PNG, tối đa 10 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].validators.append(validate_scan)


class SupportFollowUpForm(RecordForm):
    class Meta:
        model = SupportFollowUp
        fields = ["record", "checked_on", "status", "note", "document"]
        help_texts = {"document": _("Bản scan PDF, JPEG hoặc PNG, tối đa 10 MB.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].validators.append(validate_scan)


class LandmarkForm(RecordForm):
    class Meta:
        model = Landmark
        fields = ["commune", "number", "is_auxiliary"]
        help_texts = {
            "number": _("Như ghi trên mốc, ví dụ 102 hoặc 102/1."),
            "is_auxiliary": _("Đánh dấu với mốc phụ, thường có dấu “/” như 102/1."),
        }

    def clean(self):
        cleaned = super().clean()
        commune, number = cleaned.get("commune"), cleaned.get("number")
        if commune is not None and number:
            taken = Landmark.objects.filter(commune=commune, number=number)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "number",
                    _("%(commune)s đã có mốc %(number)s.") % {"commune": commune, "number": number},
                )
        return cleaned


def landmark_numbers(text: str) -> list[str]:
    """'102, 102/1' -> ['102', '102/1']: each non-empty and short enough, repeats dropped."""
    if not text.strip():
        return []
    numbers, errors = [], []
    for piece in text.split(","):
        number = " ".join(piece.split())
        if not number:
            errors.append(
                ValidationError(
                    _("Có một số hiệu mốc để trống giữa hai dấu phẩy; hãy xóa dấu phẩy thừa."),
                    code="empty",
                )
            )
        elif len(number) > LANDMARK_NUMBER_LENGTH:
            errors.append(
                ValidationError(
                    _("Số hiệu mốc “%(number)s” dài quá %(limit)s ký tự."),
                    params={"number": number, "limit": LANDMARK_NUMBER_LENGTH},
                    code="too_long",
                )
            )
        elif number not in numbers:
            numbers.append(number)
    if errors:
        raise ValidationError(errors)
    return numbers


class SelfManagementGroupForm(RecordForm):
    """A group and the landmarks it looks after; landmarks not yet listed are typed in."""

    new_landmarks = forms.CharField(
        label=_("Mốc mới"),
        required=False,
        max_length=500,
        help_text=_(
            "Số hiệu các mốc chưa có trong danh sách trên, cách nhau bằng dấu phẩy; "
            "ví dụ: 102, 102/1. Mốc đã có ở xã này thì được chọn lại, không tạo trùng."
        ),
    )

    class Meta:
        model = SelfManagementGroup
        fields = [
            "kind",
            "name",
            "registered_on",
            "station",
            "commune",
            "village",
            "members",
            "border_length_km",
            "landmarks",
            "new_landmarks",  # declared above; listed here to sit under the list it adds to
            "ended_on",
        ]
        # Lengths are typed the Vietnamese way, 1,25; the dot form 1.25 is accepted too.
        localized_fields = ["border_length_km"]
        widgets = {"landmarks": forms.CheckboxSelectMultiple}
        help_texts = {
            "name": _("Tên tập thể (ví dụ: Chi đoàn Thanh niên ấp 3) hoặc tên chủ hộ."),
            "commune": _("Chọn xã theo địa giới tại ngày đăng ký (trước hay sau sáp nhập)."),
            "village": _("Thôn, ấp, bản của chính xã đã chọn."),
            "border_length_km": _("Đơn vị km, ví dụ 1,25; để 0 nếu tổ không nhận đoạn biên giới."),
            "landmarks": _("Chỉ các mốc của xã đã chọn (hoặc của xã cũ đã sáp nhập vào xã đó)."),
            "ended_on": _("Để trống nếu tổ vẫn đang tham gia."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_commune(self.fields["village"], lambda village: f"{village} – {village.commune}")
        landmarks = self.fields["landmarks"]
        with_commune(landmarks, lambda landmark: f"{landmark} – {landmark.commune}")
        landmarks.queryset = landmarks.queryset.order_by("commune__name", "number")

    def clean_new_landmarks(self):
        return landmark_numbers(self.cleaned_data.get("new_landmarks", ""))

    def clean(self):
        cleaned = super().clean()
        registered, ended = cleaned.get("registered_on"), cleaned.get("ended_on")
        if registered and ended and ended < registered:
            self.add_error("ended_on", _("Ngày thôi tham gia phải bằng hoặc sau ngày đăng ký."))
        commune = cleaned.get("commune")
        if commune is None:
            return cleaned
        lineage = commune.lineage_ids()
        chosen = list(cleaned.get("landmarks") or [])
        elsewhere = [landmark for landmark in chosen if landmark.commune_id not in lineage]
        if elsewhere:
            self.add_error(
                "landmarks",
                _("%(landmarks)s không thuộc %(commune)s.")
                % {
                    "landmarks": ", ".join(f"{m} ({m.commune})" for m in elsewhere),
                    "commune": commune,
                },
            )
        numbers = cleaned.get("new_landmarks") or []
        if numbers and "landmarks" not in self.errors:
            # A number already listed in this commune (or one merged into it) is that landmark.
            existing = {}
            visible = Landmark.objects.visible_to(self.user).values("pk")
            for landmark in Landmark.objects.filter(
                Q(commune=commune) | Q(pk__in=visible),
                commune_id__in=lineage,
                number__in=numbers,
            ):
                if landmark.commune_id == commune.pk or landmark.number not in existing:
                    existing[landmark.number] = landmark
            known = {landmark.pk for landmark in chosen}
            for landmark in existing.values():
                if landmark.pk not in known:
                    chosen.append(landmark)
                    known.add(landmark.pk)
            cleaned["landmarks"] = chosen
            self.missing_numbers = [n for n in numbers if n not in existing]
        return cleaned

    def _save_m2m(self):
        # Create the typed-in landmarks first, so the group's landmarks are set at once.
        missing = getattr(self, "missing_numbers", [])
        if missing:
            commune = self.instance.commune
            created = [
                Landmark.objects.create(number=n, commune=commune, is_auxiliary="/" in n)
                for n in missing
            ]
            self.cleaned_data["landmarks"] = [*self.cleaned_data["landmarks"], *created]
        super()._save_m2m()


class MassMobilisationModelForm(RecordForm):
    class Meta:
        model = MassMobilisationModel
        fields = [
            "name",
            "field",
            "started_on",
            "station",
            "commune",
            "recognised_level",
            "recognised_year",
            "results",
        ]
        help_texts = {
            "name": _("Ví dụ: Mô hình “Đàn bò vì người nghèo nơi biên giới”."),
            "station": _("Đồn Biên phòng xây dựng, thực hiện mô hình."),
            "commune": _("Chọn xã theo địa giới tại ngày bắt đầu (trước hay sau sáp nhập)."),
            "recognised_level": _("Để trống nếu mô hình chưa được công nhận."),
            "recognised_year": _("Năm có quyết định công nhận, ví dụ 2025."),
            "results": _("Kết quả đạt được: số hộ hưởng lợi, số tiền, việc đã làm."),
        }

    def clean_recognised_year(self):
        return check_year(self.cleaned_data.get("recognised_year"))

    def clean(self):
        cleaned = super().clean()
        level, year = cleaned.get("recognised_level"), cleaned.get("recognised_year")
        started = cleaned.get("started_on")
        if level and year is None and "recognised_year" not in self.errors:
            self.add_error("recognised_year", _("Hãy ghi năm được công nhận."))
        if year is not None and not level:
            self.add_error("recognised_level", _("Hãy chọn cấp đã công nhận mô hình."))
        if year is not None and started and year < started.year:
            self.add_error(
                "recognised_year",
                _("Năm công nhận không thể trước năm bắt đầu mô hình (%(year)s).")
                % {"year": started.year},
            )
        return cleaned


class ActivityForm(RecordForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "topic",
            "programme",
            "held_on",
            "station",
            "commune",
            "village",
            "sessions",
            "attendees",
            "prestigious_people",
        ]
        help_texts = {
            "programme": _("Để trống nếu hoạt động không thuộc chương trình nào."),
            "commune": _("Chọn xã theo địa giới tại ngày thực hiện (trước hay sau sáp nhập)."),
            "village": _("Thôn, ấp, bản của chính xã đã chọn."),
            "held_on": _("Với đợt nhiều buổi, ghi ngày của buổi đầu tiên."),
            "attendees": _("Tổng lượt người của mọi buổi, kể cả người có uy tín."),
            "prestigious_people": _("Số người có uy tín trong đồng bào dân tộc thiểu số dự."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_commune(self.fields["village"], lambda village: f"{village} – {village.commune}")
        # An activity held is at least one session; zero is a typing slip.
        sessions = self.fields["sessions"]
        sessions.min_value = 1
        sessions.widget.attrs["min"] = 1
        sessions.validators = [
            *(v for v in sessions.validators if not isinstance(v, MinValueValidator)),
            MinValueValidator(1),
        ]

    def clean(self):
        cleaned = super().clean()
        attendees, prestigious = cleaned.get("attendees"), cleaned.get("prestigious_people")
        if attendees is not None and prestigious is not None and prestigious > attendees:
            self.add_error(
                "prestigious_people",
                _("Số người có uy tín không thể nhiều hơn số lượt người tham dự (%(count)s).")
                % {"count": attendees},
            )
        if cleaned.get("kind") == ActivityKind.PRESTIGIOUS_PEOPLE and prestigious == 0:
            self.add_error(
                "prestigious_people", _("Buổi gặp gỡ người có uy tín phải có ít nhất một người.")
            )
        return cleaned
