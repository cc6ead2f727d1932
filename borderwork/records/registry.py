"""Record types: for each record family, its form, table, filters and URLs in one place.

Each app declares its types in its own `records.py` (`register(...)`); the platform app
imports every one of them when Django starts (`autodiscover`, as the admin finds
`admin.py`), so `url_for()` works wherever Django is set up: a page, a Celery worker, a
management command, a test. The URLconfs build their patterns from here (`patterns`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import path, reverse
from django.utils.module_loading import autodiscover_modules

REGISTRY: dict[type[models.Model], RecordType] = {}


@dataclass
class RecordType:
    """How one record family is listed, shown, created, changed and deleted."""

    model: type[models.Model]
    segment: str  # the URL segment, in Vietnamese: "ho-tro"
    name: str  # the URL name stem: "support" gives "programmes:support-list"
    table: type
    filterset: type
    form: type | None = None  # None: read-only here (reference lists the admin keeps)
    select_related: tuple[str, ...] = ()
    # Fields a create link may fill from the query string, e.g. ?record=12 for a follow-up.
    initial_from_query: tuple[str, ...] = ()
    extra_views: list = field(default_factory=list)
    # Figures each list row carries, computed in the list's own query: a function returning
    # annotate() keyword arguments, called per request so "today" is today.
    annotations: Callable[[], dict] | None = None
    # More for the detail page: a function (record, user) -> dict, e.g. the commune hub.
    detail_context: Callable[[models.Model, Any], dict] | None = None

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def url_name(self, action: str) -> str:
        return f"{self.app_label}:{self.name}-{action}"

    def queryset(self, user):
        rows = self.model.objects.visible_to(user).select_related(*self.select_related)
        if self.annotations is None:
            return rows
        # Counting groups the rows, which drops the model's default order: pages need it back.
        return rows.annotate(**self.annotations()).order_by(*self.model._meta.ordering, "pk")

    def urls(self) -> list:
        from borderwork.records import spreadsheet_views, views

        patterns = [
            path(
                f"{self.segment}/",
                views.RecordListView.as_view(kind=self),
                name=f"{self.name}-list",
            ),
            path(
                f"{self.segment}/<int:pk>/",
                views.RecordDetailView.as_view(kind=self),
                name=f"{self.name}-detail",
            ),
            # The list as a spreadsheet, with the list's own query string.
            path(
                f"{self.segment}/xuat.xlsx",
                spreadsheet_views.ExportView.as_view(kind=self, fmt="xlsx"),
                name=f"{self.name}-export-xlsx",
            ),
            path(
                f"{self.segment}/xuat.csv",
                spreadsheet_views.ExportView.as_view(kind=self, fmt="csv"),
                name=f"{self.name}-export-csv",
            ),
            path(
                f"{self.segment}/xuat/<int:pk>/",
                spreadsheet_views.ExportRunView.as_view(kind=self),
                name=f"{self.name}-export-run",
            ),
        ]
        if self.form is not None:
            patterns += [
                path(
                    f"{self.segment}/nhap/",
                    spreadsheet_views.ImportView.as_view(kind=self),
                    name=f"{self.name}-import",
                ),
                path(
                    f"{self.segment}/nhap/mau.xlsx",
                    spreadsheet_views.TemplateView.as_view(kind=self),
                    name=f"{self.name}-import-template",
                ),
                path(
                    f"{self.segment}/them/",
                    views.RecordCreateView.as_view(kind=self),
                    name=f"{self.name}-create",
                ),
                path(
                    f"{self.segment}/<int:pk>/sua/",
                    views.RecordUpdateView.as_view(kind=self),
                    name=f"{self.name}-update",
                ),
                path(
                    f"{self.segment}/<int:pk>/xoa/",
                    views.RecordDeleteView.as_view(kind=self),
                    name=f"{self.name}-delete",
                ),
            ]
        return patterns + self.extra_views


def register(*kinds: RecordType) -> None:
    """Declare record types; each model has one."""
    for kind in kinds:
        known = REGISTRY.get(kind.model)
        if known is not None and known is not kind:
            raise ImproperlyConfigured(f"{kind.model.__name__} has two record types.")
        REGISTRY[kind.model] = kind


def attach_detail(model: type[models.Model], detail_context: Callable) -> None:
    """Give a declared record type the context of its detail page from a layer above it
    (the commune hub reads every app, so `communes` cannot name it)."""
    kind = REGISTRY[model]
    if kind.detail_context is not None and kind.detail_context is not detail_context:
        raise ImproperlyConfigured(f"{model.__name__} already has a detail page context.")
    kind.detail_context = detail_context


def autodiscover() -> None:
    """Import every installed app's `records.py` (called once, from `AppConfig.ready()`)."""
    autodiscover_modules("records")


def patterns(app_label: str) -> list:
    """The URL patterns of every record type an app declared, in the order declared."""
    return [url for kind in REGISTRY.values() if kind.app_label == app_label for url in kind.urls()]


def kind_of(obj_or_model) -> RecordType | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return REGISTRY.get(model)


def url_for(obj, action: str = "detail") -> str:
    """The page of a record, or '' when its family has no pages."""
    kind = kind_of(obj)
    if kind is None:
        return ""
    if action in ("list", "create"):
        return reverse(kind.url_name(action))
    return reverse(kind.url_name(action), args=[obj.pk])
