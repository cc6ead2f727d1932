"""Spreadsheets in and out of every record family, from its record type.

A record family's columns are its form's fields, headed by the form's Vietnamese labels, with
the record's id first: what a list exports is what its import reads back, so a list's own
export imports with no change at all. The columns are a django-import-export resource
(`resource_for`); each row is imported through the family's own form, so a row obeys exactly
the rules (scope, dates, quarter lock, the model's checks) and says the same Vietnamese
messages as the page does.

Related records are written as the page names them (a commune, a station, a village...) and
matched by that name, or by a code, among those the user's form offers; a village, a landmark
within the commune of the same row. A related record of a family with thousands of rows (a
support record for its follow-up, an officer for an assignment) is written by its id, with
its name beside it for reading.
"""

from __future__ import annotations

import datetime
import decimal
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields as ie_fields
from import_export import resources, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from borderwork.records.constraints import validate_constraints
from borderwork.records.forms import RecordForm
from borderwork.records.registry import REGISTRY, RecordType
from borderwork.scoping import one_reading
from borderwork.spreadsheets import looks_like_formula

ID_HEADER = gettext_lazy("Mã số")
IMPORTED = gettext_lazy("Nhập từ bảng tính")  # the history's reason for an imported change
# Rows written per statement where a family's records are written in bulk (`writes_in_bulk`).
BATCH = 1000
TOTAL_LABEL = gettext_lazy("Tổng cộng")
YES, NO = gettext_lazy("Có"), gettext_lazy("Không")
YES_WORDS = {"có", "co", "x", "1", "true", "yes", "đúng"}
NO_WORDS = {"", "không", "khong", "0", "false", "no", "sai"}


def key(text: object) -> str:
    """A name as compared: NFC, case and spacing folded ('XÃ  Lộc Thạnh' = 'xã lộc thạnh')."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def plain_text(value: object) -> str:
    """A cell's text as typed: NFC, an integral number without '.0', and without the
    apostrophe our CSV puts before a formula-looking text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value)).strip()
    if text.startswith("'") and looks_like_formula(text[1:]):
        text = text[1:]
    return text


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in Vietnamese."""


class Cell(widgets.Widget):
    """A column: `render` gives the value a spreadsheet cell holds (a date, a number, a text),
    `clean` turns what was read into what the form takes."""

    numeric = False
    width = 18

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)

    def clean(self, value, row=None, **kwargs):
        return plain_text(value)


class TextCell(Cell):
    width = 30


class DateCell(Cell):
    width = 12

    def render(self, value, obj=None, **kwargs):
        return value

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return plain_text(value)


class NumberCell(Cell):
    numeric = True
    width = 12

    def __init__(self, total: bool = True):
        super().__init__()
        self.numeric = total

    def render(self, value, obj=None, **kwargs):
        return value

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return str(int(value))
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        if isinstance(value, int | decimal.Decimal):
            return str(value)
        return plain_text(value)


class ChoiceCell(Cell):
    """A choice by its label ('Hộ nghèo'), as the page shows it; its code is read too."""

    def __init__(self, choices: Iterable[tuple[Any, Any]]):
        super().__init__()
        self.labels = {value: str(label) for value, label in choices if value not in ("", None)}
        self.values = {key(label): value for value, label in self.labels.items()}
        self.values.update({key(value): value for value in self.labels})

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, "" if value is None else str(value))

    def clean(self, value, row=None, **kwargs):
        text = plain_text(value)
        return self.values.get(key(text), text)


class BooleanCell(Cell):
    width = 8

    def render(self, value, obj=None, **kwargs):
        return str(YES) if value else str(NO)

    def clean(self, value, row=None, **kwargs):
        text = key(plain_text(value))
        if text in YES_WORDS or text == key(YES):
            return "on"
        if text in NO_WORDS or text == key(NO):
            return ""
        raise CellError(_("Hãy ghi “Có” hoặc “Không”."))


class Related:
    """The records a form field offers this user, by name (and code) or by id."""

    def __init__(self, field: forms.ModelChoiceField, by_id: bool):
        self.field = field
        self.by_id = by_id
        self._names: dict[str, list[tuple[int, int | None]]] | None = None
        # The records this import has read, by pk as the form gets it: the rows' forms take
        # them from here instead of asking the database once per row and field.
        self.objects: dict[str, models.Model] = {}
        self.labels: dict[int, str] = {}
        self.in_commune = any(f.name == "commune" for f in self.model._meta.concrete_fields)

    @property
    def model(self):
        return self.field.queryset.model

    def label(self, obj) -> str:
        """How the record is written: a village or a party cell with its commune, since
        neither name is unique across communes. Worked out once per record: a list names
        the same communes and stations on thousands of rows."""
        known = self.labels.get(obj.pk)
        if known is None:
            known = f"{obj} – {obj.commune}" if self.in_commune else str(obj)
            self.labels[obj.pk] = known
        return known

    def names(self) -> dict[str, list[tuple[int, int | None]]]:
        """{folded name or code: [(pk, commune pk)]}, read once per import."""
        if self._names is None:
            names: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
            model = self.model
            queryset = self.field.queryset
            field_names = {f.name for f in model._meta.concrete_fields}
            if self.in_commune:
                queryset = queryset.select_related("commune")
            for obj in queryset:
                self.objects[str(obj.pk)] = obj
                commune = getattr(obj, "commune_id", None)
                labels = {str(obj), self.label(obj)}
                labels |= {
                    getattr(obj, code) for code in ("slug", "code", "name") if code in field_names
                }
                for label in labels:
                    if label:
                        names[key(label)].append((obj.pk, commune))
            self._names = dict(names)
        return self._names

    def load(self, pks: set[int]) -> None:
        """Read at once the records a file names by id (those the form offers only)."""
        found = self.field.queryset.in_bulk(pks)
        self.objects.update({str(pk): obj for pk, obj in found.items()})

    def find(self, text: str, commune: str | None) -> str:
        """The pk (as the form takes it) of the record named `text`; CellError when none or
        several match."""
        if self.by_id:
            if not text.isdigit() or not text.isascii():
                raise CellError(_("Hãy ghi mã số (một số nguyên) của hồ sơ."))
            return text
        matches = list(dict.fromkeys(self.names().get(key(text), [])))
        if len(matches) > 1 and commune:
            matches = [match for match in matches if str(match[1]) == commune] or matches
        if not matches:
            raise CellError(
                _("Không có “%(name)s” trong danh sách %(list)s anh/chị được nhập.")
                % {"name": text, "list": self.model._meta.verbose_name_plural}
            )
        if len(matches) > 1:
            raise CellError(
                _("Có nhiều mục tên “%(name)s”; hãy ghi mã (slug) của mục cần chọn.")
                % {"name": text}
            )
        return str(matches[0][0])


class RelatedCell(Cell):
    width = 24

    def __init__(self, related: Related):
        super().__init__()
        self.related = related

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if self.related.by_id else ""
        return value.pk if self.related.by_id else self.related.label(value)

    def clean(self, value, row=None, **kwargs):
        text = plain_text(value)
        if not text:
            return ""
        return self.related.find(text, (row or {}).get("_commune"))


class ManyCell(RelatedCell):
    """Several related records, separated by ';' (a landmark's '102/1' holds no ';')."""

    def render(self, value, obj=None, **kwargs):
        items = value.all() if hasattr(value, "all") else value or []
        shown = [str(item.pk) if self.related.by_id else self.related.label(item) for item in items]
        return "; ".join(sorted(shown))

    def clean(self, value, row=None, **kwargs):
        text = plain_text(value)
        commune = (row or {}).get("_commune")
        parts = [part.strip() for part in text.split(";")]
        return [self.related.find(part, commune) for part in parts if part]


class NameOfCell(Cell):
    """The name of a record given by id in the column before: for reading, never imported."""

    width = 30

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def cached_choice(field: forms.ModelChoiceField, known: dict, value):
    """A ModelChoiceField's value from the records already read, else as Django does."""
    if value in field.empty_values:
        return None
    found = known.get(str(value))
    if found is not None:
        return found
    return type(field).to_python(field, value)


def cell_for(form_field: forms.Field, model_field: models.Field | None) -> Cell | None:
    """The column type of a form field; None for a field spreadsheets leave alone (a scan)."""
    if isinstance(form_field, forms.FileField):
        return None
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return ManyCell(Related(form_field, by_id=False))
    if isinstance(form_field, forms.ModelChoiceField):
        related = form_field.queryset.model
        kind = REGISTRY.get(related)
        return RelatedCell(Related(form_field, by_id=kind is not None and kind.form is not None))
    if isinstance(form_field, forms.ChoiceField):
        return ChoiceCell(form_field.choices)
    if isinstance(form_field, forms.BooleanField):
        return BooleanCell()
    if isinstance(form_field, forms.DateField):
        return DateCell()
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        # A year or a rate is not summed.
        name = getattr(model_field, "name", "")
        summed = "year" not in name and "rate" not in name
        return NumberCell(total=summed)
    if isinstance(form_field, forms.CharField) and isinstance(form_field.widget, forms.Textarea):
        return TextCell()
    return Cell()


class RecordResource(resources.ModelResource):
    """The columns of one record family for one user, and its import through the form.

    Built by `resource_for(kind, user)`; rows are imported with import-export's `import_data`
    (its dry run is the preview), each validated by the family's form, then saved by it or,
    where saving the form is only saving the record (`writes_in_bulk`), in batches of `BATCH`
    with their history: an import of 10,000 rows sends a few dozen statements, not 140,000.
    """

    kind: RecordType
    form: type[forms.ModelForm]

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_diff = True
        use_transactions = True

    @classmethod
    def get_display_name(cls) -> str:
        return _("Cột của danh sách (như trang Nhập từ Excel)")

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        # Without a user (the admin lists a resource's columns) the resource offers nothing:
        # an inactive user of no unit sees no record.
        self.user = user if user is not None else get_user_model()(is_active=False)
        self.prototype = self.form(user=self.user)
        self.fields = self.columns()
        self.forms: dict[int, forms.ModelForm] = {}
        self.row_numbers: list[int] = []
        self.repeats: dict[int, int] = {}
        self.existing: dict[int, models.Model] = {}
        self.imported: dict[int, int] = {}
        self.new_rows: list[int] = []  # the rows of `create_instances`, in bulk
        self.changed_rows: list[int] = []  # the rows of `update_instances`

    # The columns -------------------------------------------------------------------------

    def columns(self) -> dict[str, ie_fields.Field]:
        model = self.kind.model
        columns = {
            "id": ie_fields.Field(
                attribute="pk", column_name=str(ID_HEADER), widget=NumberCell(total=False)
            )
        }
        concrete = {f.name: f for f in (*model._meta.concrete_fields, *model._meta.many_to_many)}
        for name, form_field in self.prototype.fields.items():
            if name in ("version", "once"):
                continue
            cell = cell_for(form_field, concrete.get(name))
            if cell is None:
                continue
            label = capfirst(str(form_field.label or name))
            if isinstance(cell, RelatedCell) and cell.related.by_id:
                columns[name] = ie_fields.Field(
                    attribute=name,
                    column_name=_("%(field)s (mã số)") % {"field": label},
                    widget=cell,
                )
                columns[f"{name}__name"] = ie_fields.Field(
                    attribute=name, column_name=label, widget=NameOfCell(), readonly=True
                )
            else:
                attribute = name if name in concrete else None
                columns[name] = ie_fields.Field(attribute=attribute, column_name=label, widget=cell)
        return columns

    def headers(self) -> list[str]:
        return [field.column_name for field in self.fields.values()]

    # The import ---------------------------------------------------------------------------

    def id_of(self, row) -> int | None:
        text = plain_text(row.get(str(ID_HEADER)))
        if not text:
            return None
        if not (text.isdigit() and text.isascii()):
            raise ValidationError({str(ID_HEADER): [_("Mã số phải là một số nguyên.")]})
        return int(text)

    def import_data(self, dataset, *args, **kwargs):
        # The rows' checks read the approved reports and the stations' coverage once, whichever
        # page imports: the list's or the admin's.
        with one_reading():
            return super().import_data(dataset, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        """Read every record the file updates at once, and find repeated rows."""
        header = str(ID_HEADER)
        ids = set()
        if header in dataset.headers:
            for value in dataset[header]:
                text = plain_text(value)
                if text.isdigit() and text.isascii():
                    ids.add(int(text))
        self.existing = self.kind.model.objects.editable_by(self.user).in_bulk(ids)
        for column in self.fields.values():
            widget = column.widget
            by_id = isinstance(widget, RelatedCell) and widget.related.by_id
            if by_id and column.column_name in dataset.headers:
                numbers = {plain_text(v) for v in dataset[column.column_name]}
                widget.related.load({int(n) for n in numbers if n.isdigit() and n.isascii()})
        seen: dict[tuple, int] = {}
        importable = [f.column_name for f in self.fields.values() if not f.readonly]
        for number, values in enumerate(dataset.dict, start=1):
            fingerprint = tuple(key(plain_text(values.get(column))) for column in importable)
            if fingerprint in seen:
                self.repeats[number] = seen[fingerprint]
            else:
                seen[fingerprint] = number
        ids_seen: dict[int, int] = {}
        for number, values in enumerate(dataset.dict, start=1):
            text = plain_text(values.get(header))
            if text.isdigit() and text.isascii():
                if int(text) in ids_seen and number not in self.repeats:
                    self.repeats[number] = ids_seen[int(text)]
                ids_seen.setdefault(int(text), number)

    def get_or_init_instance(self, instance_loader, row):
        pk = self.id_of(row)
        if pk is None:
            return self.init_instance(row), True
        instance = self.existing.get(pk)
        if instance is None:
            raise ValidationError(
                {
                    str(ID_HEADER): [
                        _(
                            "Không có hồ sơ mã số %(id)s mà anh/chị được sửa; để trống ô này "
                            "khi thêm hồ sơ mới."
                        )
                        % {"id": pk}
                    ]
                }
            )
        return instance, False

    def import_instance(self, instance, row, **kwargs):
        number = kwargs.get("row_number")
        if number in self.repeats:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: [
                        _("Dòng này trùng với dòng %(row)s của tệp.")
                        % {"row": self.row_number(self.repeats[number])}
                    ]
                }
            )
        data, errors = {}, {}
        row = dict(row)
        for name, field in self.fields.items():
            if field.readonly or name == "id":
                continue
            try:
                data[name] = field.widget.clean(row.get(field.column_name), row=row)
            except CellError as error:
                errors[field.column_name] = [str(error)]
                data[name] = ""
            if name == "commune":
                row["_commune"] = data[name]
        options = {"data": data, "instance": instance, "user": self.user}
        if instance.pk is None:
            # Every field is given: no field should be chosen for the row when left blank.
            options["initial"] = dict.fromkeys(data)
        form = self.form(**options)
        self.use_read_records(form)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = self.fields.get(name)
                header = column.column_name if column else NON_FIELD_ERRORS
                if header in errors:
                    continue  # the cell's own message says it better
                errors.setdefault(header, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        self.forms[number] = form

    def use_read_records(self, form: forms.ModelForm) -> None:
        """The records this import read once stand in for one query per row and field: the
        form takes a related record from them (they came from the same field's choices, so
        the user's scope is the same), and the model does not check again that it exists."""
        known = set()
        for name, field in form.fields.items():
            column = self.fields.get(name)
            if (
                column is None
                or type(column.widget) is not RelatedCell
                or not isinstance(field, forms.ModelChoiceField)
            ):
                continue
            field.to_python = partial(cached_choice, field, column.widget.related.objects)
            known.add(name)
        exclusions = form._get_validation_exclusions
        form._get_validation_exclusions = lambda: exclusions() | known
        # The model's check constraints (a quantity not negative) without a query each.
        form.instance.validate_constraints = partial(validate_constraints, form.instance)

    def changes(self, form: forms.ModelForm) -> list[str]:
        """The fields a row changes; a blank form-only field (a course's "add participants")
        changes nothing."""
        meta = self.kind.model._meta
        model_fields = {f.name for f in (*meta.concrete_fields, *meta.many_to_many)}
        return [
            name
            for name in form.changed_data
            if name in model_fields or form.data.get(name) not in ("", None, [])
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        form = self.forms.get(self._current)
        return form is not None and not self.changes(form)

    def import_row(self, row, instance_loader, **kwargs):
        self._current = kwargs.get("row_number")
        row_result = super().import_row(row, instance_loader, **kwargs)
        form = self.forms.pop(self._current, None)
        row_result.changed = (
            [str(form.fields[name].label) for name in self.changes(form)]
            if form is not None and row_result.import_type == row_result.IMPORT_TYPE_UPDATE
            else []
        )
        return row_result

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        form = self.forms[self._current]
        if self._meta.use_bulk:
            # Kept for `bulk_create`/`bulk_update` below, by batch.
            (self.new_rows if is_create else self.changed_rows).append(self._current)
            super().save_instance(form.save(commit=False), is_create, row, **kwargs)
            return
        form.instance._history_user = self.user
        form.instance._change_reason = str(IMPORTED)
        with transaction.atomic():
            saved = form.save()
        self.imported[self._current] = saved.pk

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """A batch of new records in a few statements, each with its history row naming the
        importer. Django's bulk_create stores text in NFC (fields' pre_save) and the quarter
        lock refuses it like a save (`ScopedQuerySet.bulk_create`, the trigger on PostgreSQL)."""
        if not self.create_instances:
            return
        try:
            bulk_create_with_history(
                self.create_instances,
                self.kind.model,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=str(IMPORTED),
            )
            for number, obj in zip(self.new_rows, self.create_instances, strict=True):
                self.imported[number] = obj.pk
        except (DatabaseError, PermissionDenied) as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()
            self.new_rows.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """A batch of changed records in a few statements, with their history rows."""
        if not self.update_instances:
            return
        fields = [
            field
            for field in self.kind.model._meta.concrete_fields
            if field.name in self.prototype.fields and not field.primary_key
        ]
        for obj in self.update_instances:
            # What save() does to each field first (text to NFC).
            for field in fields:
                setattr(obj, field.attname, field.pre_save(obj, False))
        try:
            bulk_update_with_history(
                self.update_instances,
                self.kind.model,
                [field.name for field in fields],
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=str(IMPORTED),
            )
            for number, obj in zip(self.changed_rows, self.update_instances, strict=True):
                self.imported[number] = obj.pk
        except (DatabaseError, PermissionDenied) as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()
            self.changed_rows.clear()

    def save_m2m(self, instance, row, **kwargs):
        """The form saved them."""

    def after_import(self, dataset, result, **kwargs):
        """Each record written must be one the user may change (the form offered only what
        they may see): checked at once for the whole file."""
        saved = set(self.imported.values())
        if saved:
            allowed = set(
                self.kind.model.objects.editable_by(self.user)
                .filter(pk__in=saved)
                .values_list("pk", flat=True)
            )
            for number, pk in self.imported.items():
                if pk not in allowed:
                    result.append_invalid_row(
                        number,
                        {},
                        ValidationError(
                            _("Anh/chị không có quyền ghi hồ sơ này cho đơn vị đã chọn.")
                        ),
                    )
        super().after_import(dataset, result, **kwargs)

    def row_number(self, number: int) -> int:
        """The spreadsheet's row of the dataset's row `number` (1 is the first under the header)."""
        if 0 < number <= len(self.row_numbers):
            return self.row_numbers[number - 1]
        return number + 1


def form_of(kind: RecordType) -> type[forms.ModelForm]:
    """The family's form; for a list without one (a reference list), a form of the fields its
    table shows, so its export has the same columns and cells."""
    if kind.form is not None:
        return kind.form
    names = [
        name
        for name in kind.table._meta.fields or ()
        if any(f.name == name and f.editable for f in kind.model._meta.concrete_fields)
    ]
    return forms.modelform_factory(kind.model, form=RecordForm, fields=names)


def writes_in_bulk(kind: RecordType) -> bool:
    """Whether an import may write the family's records in batches: saving its form is only
    Django's save of the record's own fields (no save of the form's or model's own, no
    many-to-many links, whose history a bulk write would not keep)."""
    form, model = form_of(kind), kind.model
    own = [
        cls
        for cls in (*form.__mro__, *model.__mro__)
        if not cls.__module__.startswith("django.")
        and any(name in vars(cls) for name in ("save", "_save_m2m", "save_base"))
    ]
    links = any(
        isinstance(field, forms.ModelMultipleChoiceField) for field in form.base_fields.values()
    )
    return not own and not links and not model._meta.parents


def resource_class(kind: RecordType) -> type[RecordResource]:
    """The resource class of a record family; an instance takes the user it works for."""
    meta = type(
        "Meta",
        (RecordResource.Meta,),
        {
            "model": kind.model,
            "fields": ("id",),
            "use_bulk": kind.form is not None and writes_in_bulk(kind),
            "batch_size": BATCH,
        },
    )
    attributes = {"Meta": meta, "kind": kind, "form": form_of(kind)}
    return type(f"{kind.model.__name__}Resource", (RecordResource,), attributes)


def resource_for(kind: RecordType, user) -> RecordResource:
    """The resource of a record family, for one user."""
    return resource_class(kind)(user=user)
