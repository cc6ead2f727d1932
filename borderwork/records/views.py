"""List, detail, create, change and delete pages shared by every record family.

Each page asks the record type's queryset for `visible_to` / `editable_by`; a record out of
scope is a 404, one the user may read but not change is a 403.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import FileField, ProtectedError, UniqueConstraint
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from borderwork.models import SubmittedForm
from borderwork.records.choosers import use_chooser
from borderwork.records.display import fields_of, history_of
from borderwork.records.forms import version_of
from borderwork.records.navigation import area_of
from borderwork.records.registry import RecordType, url_for
from borderwork.records.uploads import sniff
from borderwork.scoping import PeriodClosed, closed_because
from borderwork.storage.missing import missing_file_response
from borderwork.text import ascii_int


def may_enter_data(user) -> bool:
    return user.is_authenticated and (user.enters_data or user.is_administrator)


class RecordMixin:
    kind: RecordType | None = None

    def get_queryset(self):
        return self.kind.queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["area"] = area_of(self.kind.url_name("list"))
        context["list_url"] = url_for(self.kind.model, "list")
        context["can_create"] = self.kind.form is not None and may_enter_data(self.request.user)
        if getattr(self, "object", None) is not None and self.object.pk:
            context["object_url"] = url_for(self.object)
        return context


class RecordListView(RecordMixin, SingleTableMixin, FilterView):
    template_name = "records/list.html"
    paginate_by = 25

    def paginate_queryset(self, queryset, page_size):
        """ListView's page (a page out of range is a 404); its count is kept for the table."""
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        self.row_count = paginator.count
        return paginator, page, object_list, is_paginated

    def get_table_pagination(self, table):
        # The table's paginator would count the rows again: a second COUNT(*) of a million
        # support records per view. It takes ListView's count of the same rows instead.
        paginate = super().get_table_pagination(table)
        count = getattr(self, "row_count", None)
        if paginate and count is not None:
            paginate = {**paginate, "paginator_class": counted_paginator(count)}
        return paginate

    def get_filterset_class(self):
        return self.kind.filterset

    def get_filterset(self, filterset_class):
        """Filters by commune, village, station...: searched, never a list of a thousand."""
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            use_chooser(field)
        return filterset

    def get_table_class(self):
        return self.kind.table


def counted_paginator(count: int) -> type[Paginator]:
    """A Paginator that knows its row count already."""
    return type("CountedPaginator", (Paginator,), {"count": count})


class RecordDetailView(RecordMixin, DetailView):
    def get_template_names(self):
        meta = self.kind.model._meta
        return [f"{meta.app_label}/{meta.model_name}_detail.html", "records/detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obj = self.request.user, self.object
        context["fields"] = fields_of(obj)
        context["history"] = history_of(obj)
        context["can_edit"] = (
            self.kind.form is not None
            and self.kind.model.objects.editable_by(user).filter(pk=obj.pk).exists()
        )
        # A record an approved report counts shows the lock, and offers no edit or delete
        # (what may still follow it, like the end of a term after the quarter, stays).
        context["closed"] = closed_because(obj)
        if self.kind.detail_context is not None:
            context.update(self.kind.detail_context(obj, user))
        return context


class RecordFormMixin(RecordMixin):
    template_name = "records/form.html"

    def get_form_class(self):
        return self.kind.form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return url_for(self.object)

    def form_valid(self, form):
        if form.instance.pk and not form.has_changed():
            # Nothing to save: no write, so no "changed" line in the record's history.
            messages.info(self.request, _("Không có gì thay đổi; hồ sơ giữ nguyên."))
            return HttpResponseRedirect(self.get_success_url())
        with transaction.atomic():
            if form.instance.pk is not None:
                stored = self.kind.model._base_manager.select_for_update().get(pk=form.instance.pk)
                sent = form.cleaned_data.get("version")
                if sent and sent != version_of(stored):
                    return self.conflict(form, stored)
            once = form.cleaned_data.get("once")
            if once:
                try:
                    with transaction.atomic():
                        submitted = SubmittedForm.objects.create(token=once)
                except IntegrityError:
                    # The same form sent twice (a double click): the first made the record.
                    made = SubmittedForm.objects.filter(token=once).first()
                    return HttpResponseRedirect(
                        made.url if made and made.url else self.request.path
                    )
            try:
                with transaction.atomic():
                    self.object = form.save()
            except IntegrityError as error:
                # Two people saving the same officer at once: both passed validation, the
                # database's constraint refused the second. Say so as validation would have.
                message = unique_violation(self.kind.model, error)
                if message is None:
                    raise
                transaction.set_rollback(True)
                form.add_error(None, message)
                return self.form_invalid(form)
            except PeriodClosed as closed:
                transaction.set_rollback(True)
                if str(closed) != getattr(self, "closed", ""):
                    # The page already says it above the form when the record itself is locked.
                    form.add_error(None, str(closed))
                return self.form_invalid(form)
            if once:
                submitted.url = url_for(self.object)
                submitted.save(update_fields=["url"])
                # Each new token forgets the old ones, after the record's own transaction.
                transaction.on_commit(SubmittedForm.prune)
            # The form already offers only what the user may use; this catches the rest.
            if not self.kind.model.objects.editable_by(self.request.user).filter(pk=self.object.pk):
                transaction.set_rollback(True)
                form.add_error(None, _("Anh/chị không có quyền ghi hồ sơ này cho đơn vị đã chọn."))
                return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu: %(record)s.") % {"record": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        if any(name != NON_FIELD_ERRORS for name in form.errors):
            messages.error(self.request, _("Chưa lưu được: hãy sửa các ô báo đỏ bên dưới."))
        else:
            # Only reasons about the whole record (a closed quarter): they show above the form.
            messages.error(self.request, _("Chưa lưu được: xem lý do bên dưới."))
        return super().form_invalid(form)

    def conflict(self, form, stored):
        """Someone saved the record after this form was read: show theirs beside this one.

        The form comes back with this person's values and the newer version, so saving it
        again applies them over the other change, knowingly.
        """
        data = self.request.POST.copy()
        data["version"] = version_of(stored)
        again = self.get_form_class()(
            **{**self.get_form_kwargs(), "data": data, "instance": stored}
        )
        rows = []
        for name, field in form.fields.items():
            if name in ("version", "once") or name not in form.cleaned_data:
                continue
            theirs = getattr(stored, name, None)
            yours = form.cleaned_data[name]
            if _shown(theirs, field) != _shown(yours, field):
                rows.append((field.label, _shown(theirs, field), _shown(yours, field)))
        messages.warning(
            self.request,
            _(
                "Người khác đã lưu hồ sơ này sau khi anh/chị mở trang: chưa lưu thay đổi của "
                "anh/chị. Xem hai bản bên dưới; bấm “Lưu” để áp dụng lại bản của anh/chị."
            ),
        )
        self.object = stored
        context = self.get_context_data(form=again, conflict=rows)
        return self.render_to_response(context, status=409)


class RecordCreateView(RecordFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not may_enter_data(request.user):
            raise PermissionDenied(_("Vai trò của anh/chị chỉ được xem, không được nhập liệu."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for name in self.kind.initial_from_query:
            value = ascii_int(self.request.GET.get(name))
            if value is not None:
                initial[name] = value
        return initial


class EditableObjectMixin:
    """Visible but not editable is 403; not visible at all is 404."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.kind.model.objects.editable_by(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied(_("Anh/chị chỉ được xem hồ sơ này, không được sửa hay xóa."))
        return obj


class ClosedQuarterMixin:
    """Say up front when the record lies in a quarter the commissar has approved."""

    closed = ""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # As stored, before a form puts the values sent into it.
        self.closed = closed_because(obj)
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        # A refused save already says it as the form's own error: once is enough.
        said = form is not None and form.is_bound and self.closed in form.non_field_errors()
        context["closed"] = "" if said else self.closed
        return context


class RecordUpdateView(ClosedQuarterMixin, EditableObjectMixin, RecordFormMixin, UpdateView):
    pass


class RecordDeleteView(ClosedQuarterMixin, EditableObjectMixin, RecordMixin, DeleteView):
    template_name = "records/confirm_delete.html"

    def get_success_url(self):
        return url_for(self.kind.model, "list")

    def form_valid(self, form):
        label = str(self.object)
        if self.closed:
            # The record's page says why, once, where the lock is shown.
            return HttpResponseRedirect(url_for(self.object))
        try:
            self.object.delete()
        except ProtectedError as error:
            messages.error(
                self.request,
                _("Không xóa được %(record)s: còn %(count)s hồ sơ khác dựa vào nó.")
                % {"record": label, "count": len(error.protected_objects)},
            )
            return HttpResponseRedirect(url_for(self.object))
        messages.success(self.request, _("Đã xóa: %(record)s.") % {"record": label})
        return HttpResponseRedirect(self.get_success_url())


def unique_violation(model, error: IntegrityError) -> str | None:
    """The message of the model's unique constraint or field the error names; None if none."""
    text = str(error)
    meta = model._meta
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueConstraint) and f"{constraint.name}" in text:
            return str(constraint.get_violation_error_message())
    for field in meta.concrete_fields:
        # PostgreSQL names the index <table>_<column>_key, SQLite the table.column.
        names = (f"{meta.db_table}_{field.column}_key", f"{meta.db_table}.{field.column}")
        if field.unique and not field.primary_key and any(name in text for name in names):
            return str(
                field.error_messages["unique"]
                % {"model_name": meta.verbose_name, "field_label": field.verbose_name}
            )
    return None


def _shown(value, field) -> str:
    """A value as a person reads it on the conflict page."""
    if value is None or value == "":
        return "—"
    if hasattr(value, "all") or isinstance(value, list | tuple):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(str(item) for item in items)) or "—"
    choices = dict(getattr(field, "choices", []) or [])
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(choices.get(value, value))


def record_file(request, model: str, pk: int, field: str):
    """Serve an attached scan only to a user who may see its record."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if not hasattr(model_class, "scope"):
        raise Http404
    obj = get_object_or_404(model_class.objects.visible_to(request.user), pk=pk)
    file_field = next(
        (
            f
            for f in model_class._meta.concrete_fields
            if f.name == field and isinstance(f, FileField)
        ),
        None,
    )
    attached = getattr(obj, field) if file_field else None
    if not attached:
        raise Http404
    try:
        handle = attached.open("rb")
    except FileNotFoundError:
        return missing_file_response(request, attached.name)
    content_type = sniff(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    response = FileResponse(
        handle, content_type=content_type, filename=attached.name.rsplit("/")[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
