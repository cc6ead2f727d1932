"""The base of every record form: only the related records this user may use, dd/mm/yyyy dates."""

import copy
import hashlib
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from borderwork.records.choosers import use_chooser
from borderwork.scoping import closed_because, remembered

CHOOSE = _("— Chọn —")
DATE_HINT = _("Dạng dd/mm/yyyy, ví dụ 25/06/2025.")
DATE_INVALID = _("Ngày chưa đúng: hãy viết theo dạng dd/mm/yyyy, ví dụ 25/06/2025.")
FIRST_RECORD_YEAR = 2000
WIDE_WIDGETS = (forms.Textarea, forms.CheckboxSelectMultiple, forms.SelectMultiple)


def version_of(obj) -> str:
    """What a record's stored values were when a form was read: saving over another is refused."""
    values = [
        (field.attname, str(getattr(obj, field.attname))) for field in obj._meta.concrete_fields
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def check_year(year: int | None) -> int | None:
    """A year of work the software records: not before 2000, not after next year."""
    last = timezone.localdate().year + 1
    if year is not None and not FIRST_RECORD_YEAR <= year <= last:
        raise ValidationError(
            _("Năm phải từ %(first)s đến %(last)s."),
            params={"first": FIRST_RECORD_YEAR, "last": last},
            code="year_out_of_range",
        )
    return year


def with_label(field, label, *related: str) -> None:
    """Show each choice with what tells it apart (station, commune), in the same query."""
    field.queryset = field.queryset.select_related(*related)
    field.label_from_instance = label


def with_commune(field, label) -> None:
    """Show each choice with its commune, which the name or number alone does not tell."""
    with_label(field, label, "commune")


class DateInput(forms.DateInput):
    """A date written dd/mm/yyyy, whatever the browser's language, with a calendar button.

    An `<input type="date">` shows the browser's own format: mm/dd/yyyy in an English
    browser, where 05/06 would be read the wrong way round. Here the field is text in the
    users' format (the server also takes yyyy-mm-dd); the button opens the browser's calendar
    on a hidden, unnamed date input and writes the day chosen back as dd/mm/yyyy
    (`static/js/dates.js`).
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")

    def render(self, name, value, attrs=None, renderer=None):
        text = super().render(name, value, attrs, renderer)
        # The error under the field shows when its previous sibling is `.is-invalid`.
        classes = self.build_attrs(self.attrs, attrs).get("class", "")
        invalid = " is-invalid" if "is-invalid" in classes.split() else ""
        label = _("Chọn ngày trên lịch")
        return format_html(
            '<div class="bw-date{}"><div class="input-group">{}'
            '<button type="button" class="btn btn-outline-secondary" data-date-picker'
            ' title="{}" aria-label="{}"><i class="bi bi-calendar3" aria-hidden="true"></i>'
            "</button></div>"
            '<input type="date" class="bw-date-picker" tabindex="-1" aria-hidden="true">'
            "</div>",
            invalid,
            text,
            label,
            label,
        )


class RecordForm(forms.ModelForm):
    """A model form told who is filling it in.

    Every choice of a related record is narrowed to what the user may see, so a tampered
    POST that names another province's commune or officer fails as an invalid choice.
    """

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "scope"):
                # An import's thousands of forms narrow each field once (`one_reading`).
                field.queryset = remembered(
                    ("visible choices", type(self), name, user.pk),
                    lambda queryset=queryset: queryset.visible_to(user),
                )
                self.preselect_only_choice(name, field)
                use_chooser(field)
            if isinstance(field, forms.DateField):
                field.widget = DateInput(attrs=field.widget.attrs)
                # The format in the hint under the field and in its error, not only the
                # placeholder that goes once typing starts.
                field.error_messages["invalid"] = DATE_INVALID
                field.help_text = (
                    format_lazy("{} {}", field.help_text, DATE_HINT)
                    if field.help_text
                    else DATE_HINT
                )
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = CHOOSE
            elif isinstance(field, forms.TypedChoiceField) and field.choices[:1] == [
                ("", "---------")
            ]:
                field.choices = [("", CHOOSE), *field.choices[1:]]
        # An edit carries the version it was read at; a new record, a token used once.
        if self.instance.pk:
            self.fields["version"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_of(self.instance)
            )
        else:
            self.fields["once"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=uuid.uuid4().hex, max_length=32
            )
        # The layout holds the fields there are now; its crispy objects are made when a page
        # renders the form (an import validates thousands of forms and renders none).
        self._cells, self._hidden = self.two_columns()

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        cells = [Div(name, css_class=css) for name, css in self._cells]
        helper.layout = Layout(Div(*cells, css_class="row gx-3"), *self._hidden)
        return helper

    @cached_property
    def changed_data(self) -> list[str]:
        """The record's fields that changed: the version and the one-time token are the
        form's own bookkeeping, so a save that changes nothing else records nothing."""
        return [name for name in super().changed_data if name not in ("version", "once")]

    def _post_clean(self):
        """After the model's own checks: refuse a record of a quarter the commissar closed."""
        before = copy.copy(self.instance) if self.instance.pk else None
        super()._post_clean()
        closed = closed_because(before, self.instance)
        if closed:
            self.add_error(None, closed)

    def preselect_only_choice(self, name: str, field: forms.ModelChoiceField) -> None:
        """A station's staff have one station: choose it for them on a new record."""
        if self.instance.pk or not field.required or name in self.initial:
            return
        only = list(field.queryset[:2])
        if len(only) == 1:
            self.initial[name] = only[0].pk

    def two_columns(self) -> tuple[list[tuple[str, str]], list[str]]:
        """Short fields side by side on a wide screen, long ones across; one column on a phone:
        (field, CSS class) of each cell, and the hidden fields."""
        cells, hidden = [], []
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                hidden.append(name)
                continue
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            wide = isinstance(field.widget, WIDE_WIDGETS)
            cells.append((name, "col-12" if wide else "col-12 col-md-6"))
        return cells, hidden
