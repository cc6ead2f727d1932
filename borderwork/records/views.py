"""List, detail, create, change and delete pages shared by every record family.

Each page asks the record type's queryset for `visible_to` / `editable_by`; a record out of
scope is a 404, one the user may read but not change is a 403.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import FileField, ProtectedError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from borderwork.records.choosers import use_chooser
from borderwork.records.display import fields_of, history_of
from borderwork.records.navigation import area_of
from borderwork.records.registry import RecordType, url_for
from borderwork.records.uploads import sniff
from borderwork.scoping import closed_because


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
        with transaction.atomic():
            self.object = form.save()
            # The form already offers only what the user may use; this catches the rest.
            if not self.kind.model.objects.editable_by(self.request.user).filter(pk=self.object.pk):
                transaction.set_rollback(True)
                form.add_error(None, _("Anh/chị không có quyền ghi hồ sơ này cho đơn vị đã chọn."))
                return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu: %(record)s.") % {"record": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Chưa lưu được: hãy sửa các ô báo đỏ bên dưới."))
        return super().form_invalid(form)


class RecordCreateView(RecordFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not may_enter_data(request.user):
            raise PermissionDenied(_("Vai trò của anh/chị chỉ được xem, không được nhập liệu."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for name in self.kind.initial_from_query:
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["closed"] = closed_because(self.object)
        return context


class RecordUpdateView(ClosedQuarterMixin, EditableObjectMixin, RecordFormMixin, UpdateView):
    pass


class RecordDeleteView(ClosedQuarterMixin, EditableObjectMixin, RecordMixin, DeleteView):
    template_name = "records/confirm_delete.html"

    def get_success_url(self):
        return url_for(self.kind.model, "list")

    def form_valid(self, form):
        label = str(self.object)
        closed = closed_because(self.object)
        if closed:
            messages.error(self.request, closed)
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
    handle = attached.open("rb")
    content_type = sniff(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    response = FileResponse(
        handle, content_type=content_type, filename=attached.name.rsplit("/")[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
