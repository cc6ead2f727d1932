"""Forms for support records, follow-ups, self-management, models and activities."""

from django.utils.translation import gettext_lazy as _

from borderwork.records.forms import RecordForm
from programmes.models import SupportFollowUp, SupportRecord


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
        ]
        help_texts = {
            "value_vnd": _("Số nguyên, đơn vị đồng; ví dụ 18000000."),
            "commune": _("Xã như nó là vào ngày trao (trước hay sau sáp nhập)."),
        }


class SupportFollowUpForm(RecordForm):
    class Meta:
        model = SupportFollowUp
        fields = ["record", "checked_on", "status", "note"]
