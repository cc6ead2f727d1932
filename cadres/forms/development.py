"""Forms for the cadre source and party admissions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import RecordForm, with_label
from cadres.forms.common import (
    check_birth_year,
    not_in_future,
)
from cadres.models import (
    CadreCandidate,
    CandidateStage,
    PartyAdmission,
)


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
            "commune": _("Chọn xã theo địa giới tại ngày đưa vào nguồn (trước hay sau sáp nhập)."),
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
            "commune": _("Chọn xã theo địa giới tại ngày kết nạp (trước hay sau sáp nhập)."),
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
