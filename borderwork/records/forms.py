"""The base of every record form: only the related records this user may use, HTML dates."""

from crispy_forms.helper import FormHelper
from django import forms


class DateInput(forms.DateInput):
    """An HTML date input; the browser shows it as dd/mm/yyyy in Vietnamese."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):
    """A model form told who is filling it in.

    Every choice of a related record is narrowed to what the user may see, so a tampered
    POST that names another province's commune or officer fails as an invalid choice.
    """

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "scope"):
                field.queryset = queryset.visible_to(user)
            if isinstance(field, forms.DateField):
                field.widget = DateInput(attrs=field.widget.attrs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
