"""The screen of a province's yearly targets: a formset with one row per indicator and one
column per unit (the province's command, then each of its stations that year)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from borderwork.indicators.catalogue import CATALOGUE, Indicator
from borderwork.indicators.targets import (
    Target,
    TargetPlan,
    plan_years,
    refuse_if_approved,
    stations_of,
)
from communes.models import Province, Station

PROVINCE_KEY = "u0"
# Station columns per page of the screen: a row per indicator and a column per unit would
# pass the request's field limit (DATA_UPLOAD_MAX_NUMBER_FIELDS) in a province with many
# stations, so the stations come a page at a time; the province's own column is on page 1.
STATIONS_PER_PAGE = 15


def pages(stations: int) -> int:
    return max(1, -(-stations // STATIONS_PER_PAGE))


def page_units(stations: list[Station], page: int) -> list[Station | None]:
    """The columns of a page: the province's command first on page 1, then its stations."""
    first = (page - 1) * STATIONS_PER_PAGE
    chosen: list[Station | None] = list(stations[first : first + STATIONS_PER_PAGE])
    return [None, *chosen] if page == 1 else chosen


def unit_key(station: Station | None) -> str:
    """The field name of a unit's column: 'u0' for the province's command, 'u<pk>' a station."""
    return PROVINCE_KEY if station is None else f"u{station.pk}"


class ChoosePlanForm(forms.Form):
    """Which province and year to open: the provinces are the few the user may see."""

    province = forms.ModelChoiceField(label=_("Tỉnh"), queryset=Province.objects.none())
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.visible_to(user).order_by("name")
        self.fields["year"].choices = [(year, year) for year in reversed(plan_years())]


class TargetRowForm(forms.Form):
    """One indicator's targets, a field per unit; blank means no target set."""

    indicator = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, units: list[Station | None], indicator: Indicator | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_obj = indicator
        ratio = self.indicator_obj is not None and self.indicator_obj.ratio
        for unit in units:
            self.fields[unit_key(unit)] = forms.DecimalField(
                label=str(unit) if unit is not None else _("Bộ Chỉ huy tỉnh"),
                required=False,
                min_value=0,
                max_value=100 if ratio else Decimal("1e15"),
                max_digits=19,
                decimal_places=1 if ratio else 0,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "text-end"}),
            )

    def clean_indicator(self) -> str:
        code = self.cleaned_data["indicator"]
        if self.indicator_obj is None or code != self.indicator_obj.code:
            raise forms.ValidationError(_("Bảng chỉ tiêu đã thay đổi; hãy tải lại trang."))
        return code

    def cells(self):
        """(unit field, bound field) in the column order, for the template."""
        return [self[name] for name in self.fields if name != "indicator"]


class BaseTargetFormSet(forms.BaseFormSet):
    def __init__(self, *args, units: list[Station | None], indicators: list[Indicator], **kwargs):
        self.units, self.indicators = units, indicators
        super().__init__(*args, form_kwargs={"units": units}, **kwargs)

    def get_form_kwargs(self, index):
        # Row i is the catalogue's indicator i; a row past the catalogue has none (refused).
        known = index is not None and index < len(self.indicators)
        return {
            **super().get_form_kwargs(index),
            "indicator": self.indicators[index] if known else None,
        }


TargetFormSet = forms.formset_factory(
    TargetRowForm, formset=BaseTargetFormSet, extra=0, max_num=len(CATALOGUE), validate_max=True
)


def target_formset(
    plan: TargetPlan | None, province: Province, year: int, data=None, page: int = 1
):
    """The formset of one page of a province's plan for a year, filled with the targets set."""
    stations = stations_of(province, year)
    units = page_units(stations, min(page, pages(len(stations))))
    indicators = list(CATALOGUE)
    values: dict[tuple[int | None, str], Decimal] = {}
    if plan is not None and plan.pk:
        values = {
            (station_id, code): value
            for station_id, code, value in plan.targets.values_list(
                "station_id", "indicator", "value"
            )
        }
    initial = []
    for indicator in indicators:
        row = {"indicator": indicator.code}
        for unit in units:
            value = values.get((unit.pk if unit else None, indicator.code))
            if value is not None:
                row[unit_key(unit)] = (
                    value.quantize(1) if value == value.to_integral() else value.normalize()
                )
        initial.append(row)
    formset = TargetFormSet(data, initial=initial, prefix="t", units=units, indicators=indicators)
    formset.pages = pages(len(stations))
    return formset


def save_targets(formset, plan: TargetPlan, user) -> int:
    """Write the formset's targets set-based: created, changed and cleared; how many changed."""
    refuse_if_approved(plan.pk)
    stored = {(t.station_id, t.indicator): t for t in plan.targets.all()}
    create, update, clear = [], [], []
    for form in formset.forms:
        code = form.cleaned_data.get("indicator")
        if code is None:  # a row the client sent unchanged past the catalogue
            continue
        for unit in formset.units:
            key = (unit.pk if unit else None, code)
            value = form.cleaned_data.get(unit_key(unit))
            target = stored.get(key)
            if value is None:
                if target is not None:
                    clear.append(target.pk)
            elif target is None:
                create.append(
                    Target(plan=plan, year=plan.year, station=unit, indicator=code, value=value)
                )
            elif target.value != value:
                target.value = value
                update.append(target)
    if create:
        bulk_create_with_history(create, Target, default_user=user)
    if update:
        bulk_update_with_history(update, Target, ["value"], default_user=user)
    if clear:
        # One by one so that each removal is kept in the history with who made it.
        for target in Target.objects.filter(pk__in=clear):
            target.delete()
    return len(create) + len(update) + len(clear)
