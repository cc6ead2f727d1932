"""The forms of a report: which unit and period (a quarter, the first six months, a year) to
draft, and its texts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.periods import AnyPeriod, HalfYear, Quarter, Year
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


def periods(today=None) -> list[AnyPeriod]:
    """Ended periods a report covers, newest first: a year after its fourth quarter, its first
    six months after the second (the second six months are the annual review's)."""
    found: list[AnyPeriod] = []
    for quarter in quarters(today):
        if quarter.number == 4:
            found.append(Year(quarter.year))
        found.append(quarter)
        if quarter.number == 2:
            found.insert(len(found) - 1, HalfYear(quarter.year, 1))
    return found


class NewReportForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị báo cáo"))
    # Named "quarter" as it was; a quarter, the first six months or a year.
    quarter = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        help_text=_("Quý, sơ kết 6 tháng đầu năm hoặc tổng kết năm."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = dict(rules.draftable_units(user))
        self.fields["unit"].choices = [("", CHOOSE)] + [
            (key, unit_label(unit)) for key, unit in self.units.items()
        ]
        self.periods = {str(period): period for period in periods()}
        self.fields["quarter"].choices = [
            (key, period_choice(period)) for key, period in self.periods.items()
        ]
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

    def clean_quarter(self) -> AnyPeriod:
        return self.periods[self.cleaned_data["quarter"]]

    def clean(self):
        """A unit reports only the periods it existed at the end of (`validate_period`)."""
        cleaned = super().clean()
        unit, period = cleaned.get("unit"), cleaned.get("quarter")
        if unit and period:
            try:
                unit[1].validate_period(period)
            except ValidationError as error:
                self.add_error("quarter", error)
        return cleaned


def period_choice(period: AnyPeriod) -> str:
    """'Quý II/2025', 'Sơ kết 6 tháng đầu năm 2025', 'Tổng kết năm 2024'."""
    if isinstance(period, HalfYear):
        return _("Sơ kết %(period)s") % {"period": period.label}
    if isinstance(period, Year):
        return _("Tổng kết năm %(year)s") % {"year": period.year}
    return period.label


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
            raise forms.ValidationError(_("Ngày báo cáo không thể trước kỳ được báo cáo."))
        return dated
