"""The base of every record table: Bootstrap classes, links to the record, VND and dates."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from borderwork.records.registry import url_for
from borderwork.templatetags.borderwork_tags import number, vnd


def link(record) -> str:
    return url_for(record)


class DateColumn(tables.DateColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", "d/m/Y")
        super().__init__(*args, **kwargs)


class VndColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, value):
        return vnd(value)


class NumberColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number(value)


class RecordTable(tables.Table):
    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        empty_text = _("Chưa có hồ sơ nào khớp điều kiện lọc.")
        per_page = 25
