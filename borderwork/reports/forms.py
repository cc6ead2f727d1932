"""The forms of the quarterly report: which unit and quarter to draft, and its texts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.periods import Quarter
from borderwork.records.forms import CHOOSE, DateInput, version_of
from borderwork.reports import rules
from borderwork.reports.models import Report, ReportLevel
from communes.models import Province

FIRST_REPORT_YEAR = 2020


def unit_label(unit) -> str:
    """'Bộ Chỉ huy BĐBP tỉnh Bình Phước (đến 30/06/2025)', 'Đồn Biên phòng Lộc Thạnh'."""
    if isinstance(unit, Province):
        label = _("Bộ Chỉ huy BĐBP tỉnh %(name)s") % {"name": unit.name}
    else:
        label = str(unit)
    if unit.valid_until:
        label += " " + _("(đến %(day)s)") % {"day": unit.valid_until.strftime("%d/%m/%Y")}
    return label


def quarters(today=None) -> list[Quarter]:
    """Ended quarters, newest first (the one in progress is not reported yet)."""
    last = Quarter.of(today or timezone.localdate()).shift(-1)
    count = (last.year - FIRST_REPORT_YEAR) * 4 + last.number
    return [last.shift(-back) for back in range(count)]


class NewReportForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị báo cáo"))
    quarter = forms.ChoiceField(label=_("Quý"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = dict(rules.draftable_units(user))
        self.fields["unit"].choices = [("", CHOOSE)] + [
            (key, unit_label(unit)) for key, unit in self.units.items()
        ]
        self.fields["quarter"].choices = [(str(q), q.label) for q in quarters()]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("unit", css_class="col-md-8"),
                Div("quarter", css_class="col-md-4"),
                css_class="row",
            )
        )

    def clean_unit(self) -> tuple[str, object]:
        key = self.cleaned_data["unit"]
        return (
            ReportLevel.STATION if key.startswith("station:") else ReportLevel.PROVINCE
        ), self.units[key]

    def clean_quarter(self) -> Quarter:
        return Quarter.parse(self.cleaned_data["quarter"])


class ReportForm(forms.ModelForm):
    """The report's own words; the figures are not typed, they come from the snapshot."""

    class Meta:
        model = Report
        fields = [
            "number",
            "place",
            "dated",
            "situation",
            "politics",
            "programmes",
            "borders",
            "shortcomings",
            "direction",
            "recipients",
        ]
        widgets = {"dated": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two people on one report's texts: the second save is refused, not silently lost.
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version_of(self.instance)
        )
        for name in ("situation", "politics", "programmes", "borders", "shortcomings", "direction"):
            self.fields[name].widget.attrs["rows"] = 5
        self.fields["recipients"].widget.attrs["rows"] = 4
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("number", css_class="col-md-4"),
                Div("place", css_class="col-md-4"),
                Div("dated", css_class="col-md-4"),
                css_class="row",
            ),
            *[Field(name) for name in self.Meta.fields[3:]],
            "version",
        )

    def clean_dated(self):
        dated = self.cleaned_data["dated"]
        if dated < self.instance.period.first_day:
            raise forms.ValidationError(_("Ngày báo cáo không thể trước quý được báo cáo."))
        return dated
