"""Forms for commune profiles, party organisations and their ratings, and regulations."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import RecordForm, check_year, with_commune
from borderwork.records.uploads import validate_scan
from communes.models import (
    CommuneProfile,
    CoordinationRegulation,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    RegulationReview,
)
from communes.models.geography import validate_village_in


class CommuneProfileForm(RecordForm):
    class Meta:
        model = CommuneProfile
        fields = [
            "commune",
            "year",
            "population",
            "households",
            "ethnic_minority_people",
            "ethnic_minority_households",
            "ethnic_groups_count",
            "ethnic_groups",
            "poor_household_rate",
            "near_poor_household_rate",
            "literacy_rate",
            "school_enrolment_rate",
            "notes",
        ]
        # Rates are typed the Vietnamese way, 12,5; the dot form 12.5 is accepted too.
        localized_fields = [
            "poor_household_rate",
            "near_poor_household_rate",
            "literacy_rate",
            "school_enrolment_rate",
        ]
        widgets = {"ethnic_groups": forms.CheckboxSelectMultiple}
        help_texts = {
            "commune": _("Chọn xã theo địa giới trong năm báo cáo (trước hay sau sáp nhập)."),
            "year": _("Năm của số liệu, ví dụ 2025."),
            "ethnic_minority_people": _("Số người, không phải số hộ."),
            "ethnic_groups_count": _("Kể cả dân tộc Kinh."),
            "poor_household_rate": _("Phần trăm, từ 0 đến 100; ví dụ 12,5."),
            "near_poor_household_rate": _("Phần trăm, từ 0 đến 100; ví dụ 8,25."),
            "literacy_rate": _("Phần trăm, từ 0 đến 100."),
            "school_enrolment_rate": _("Phần trăm, từ 0 đến 100."),
        }

    def clean_year(self):
        return check_year(self.cleaned_data.get("year"))

    def clean(self):
        cleaned = super().clean()
        commune, year = cleaned.get("commune"), cleaned.get("year")
        if commune is not None and year is not None:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            # A commune that existed for part of the year still has that year's profile.
            if commune.valid_until and commune.valid_until < first:
                commune.validate_on(first)
            elif commune.valid_from and commune.valid_from > last:
                commune.validate_on(last)
        return cleaned


class PartyCommitteeForm(RecordForm):
    class Meta:
        model = PartyCommittee
        fields = ["commune", "name", "members", "party_members"]
        help_texts = {
            "name": _("Ví dụ: Đảng ủy xã Lộc Thạnh."),
            "members": _("Số ủy viên Ban Chấp hành Đảng bộ xã."),
            "party_members": _("Tổng số đảng viên của Đảng bộ xã."),
        }


class PartyCellForm(RecordForm):
    class Meta:
        model = PartyCell
        fields = ["commune", "village", "name", "party_members", "founded_on", "dissolved_on"]
        help_texts = {
            "village": _("Thôn, ấp, bản của chính xã đã chọn."),
            "name": _("Ví dụ: Chi bộ ấp 3."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_commune(self.fields["village"], lambda village: f"{village} – {village.commune}")

    def clean(self):
        cleaned = super().clean()
        try:
            validate_village_in(cleaned.get("village"), cleaned.get("commune"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class YearlyRatingForm(RecordForm):
    def clean_year(self):
        return check_year(self.cleaned_data.get("year"))


class PartyCommitteeRatingForm(YearlyRatingForm):
    class Meta:
        model = PartyCommitteeRating
        fields = ["committee", "year", "rating", "notes"]
        help_texts = {"year": _("Năm được đánh giá, xếp loại.")}


class PartyCellRatingForm(YearlyRatingForm):
    class Meta:
        model = PartyCellRating
        fields = ["cell", "year", "rating", "notes"]
        help_texts = {"year": _("Năm được đánh giá, xếp loại.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_commune(self.fields["cell"], lambda cell: f"{cell} – {cell.commune}")


class CoordinationRegulationForm(RecordForm):
    class Meta:
        model = CoordinationRegulation
        fields = [
            "number",
            "title",
            "commune",
            "counterpart",
            "station",
            "province",
            "signed_on",
            "review_due",
            "expires_on",
            "status",
            "directives",
            "document",
        ]
        widgets = {"directives": forms.CheckboxSelectMultiple}
        help_texts = {
            "number": _("Số, ký hiệu ghi trên quy chế, ví dụ 12/QC-ĐBP."),
            "commune": _("Chọn xã theo địa giới tại ngày ký (trước hay sau sáp nhập)."),
            "station": _("Để trống nếu Bộ Chỉ huy ký; khi đó chọn Bộ Chỉ huy bên dưới."),
            "review_due": _("Ngày phải sơ kết, tổng kết tiếp theo; không trước ngày ký."),
            "document": _("Bản scan PDF, JPEG hoặc PNG, tối đa 10 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].validators.append(validate_scan)


class RegulationReviewForm(RecordForm):
    class Meta:
        model = RegulationReview
        fields = ["regulation", "kind", "held_on", "summary", "next_review_due"]
        help_texts = {
            "next_review_due": _(
                "Khi điền, hạn sơ kết của quy chế (nếu còn hiệu lực) được dời đến ngày này."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        regulation, held_on = cleaned.get("regulation"), cleaned.get("held_on")
        if regulation is not None and held_on is not None and held_on < regulation.signed_on:
            self.add_error(
                "held_on",
                _("Ngày sơ kết không được trước ngày ký quy chế (%(day)s).")
                % {"day": regulation.signed_on.strftime("%d/%m/%Y")},
            )
        return cleaned

    def save(self, commit=True):
        review = super().save(commit)
        if commit:
            review.move_due()
        return review
