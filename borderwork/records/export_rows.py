"""A list's rows as the cells of its export, read in bulk.

The columns are the record family's resource (`exchange.RecordResource`): the same headers
and cells as its import reads back. The rows are read as plain values (`values_list`, only
the columns exported), a chunk at a time through a server-side cursor; the related records a
chunk names (a commune, a village, a programme...) are read once each, by primary key, and
written as the page names them. No model is built per row: on a province's support list
building them, with their five joined records each, cost as much as writing the file
(benchmarks/README.md, "List exports").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.db import connections, models

from borderwork.records.exchange import ManyCell, NameOfCell, RecordResource, Related, RelatedCell
from borderwork.records.registry import REGISTRY

CHUNK = 2000


class Names:
    """How rows name the records of one related model, read by primary key when first met."""

    def __init__(
        self,
        model: type[models.Model],
        label: Callable[[models.Model], str],
        in_commune: bool = False,
        chunk_only: bool = False,
    ):
        self.model = model
        self.label = label
        # Records of a family with thousands (the support records follow-ups name) are
        # forgotten after each chunk, so memory stays bounded on a country's list; communes,
        # villages and programmes are kept for the whole list.
        self.chunk_only = chunk_only
        # What the model's own list joins to name its records (a support record names its
        # programme), and the commune a village is named with: without them a label could
        # cost a query per record.
        kind = REGISTRY.get(model)
        self.joined = [*(kind.select_related if kind is not None else ())]
        if in_commune:
            self.joined.append("commune")
        self.known: dict = {}

    def read(self, pks) -> None:
        if self.chunk_only:
            self.known = {}
        missing = {pk for pk in pks if pk is not None} - self.known.keys()
        if missing:
            found = self.model._base_manager.select_related(*self.joined).filter(pk__in=missing)
            self.known.update((obj.pk, self.label(obj)) for obj in found)


class Column:
    """One column of the export: which value of the row it reads and how it writes it."""

    source: str | None = None  # the row's column read (an attname), None for none

    def prepare(self, rows: list[tuple], at: int | None, pk_at: int) -> None:
        """Read at once what the chunk's rows need (the names they give)."""

    def cell(self, value, pk):
        raise NotImplementedError


class ValueColumn(Column):
    """A value of the row itself, written by the column's widget (a choice by its label...)."""

    def __init__(self, source: str, render: Callable):
        self.source, self.render = source, render

    def cell(self, value, pk):
        return self.render(value)


class ConstantColumn(Column):
    """A form-only column (a course's 'add participants'): the same empty cell on every row."""

    def __init__(self, value):
        self.value = value

    def cell(self, value, pk):
        return self.value


class NameColumn(Column):
    """A related record, written by its name (or, for a column of ids, by its id)."""

    def __init__(self, source: str, names: Names | None, empty):
        self.source, self.names, self.empty = source, names, empty

    def prepare(self, rows, at, pk_at) -> None:
        if self.names is not None:
            self.names.read(row[at] for row in rows)

    def cell(self, value, pk):
        if value is None:
            return self.empty
        return value if self.names is None else self.names.known.get(value, self.empty)


class ManyColumn(Column):
    """Several related records, by name, separated by '; ' and sorted (as `ManyCell`)."""

    def __init__(self, field: models.ManyToManyField, names: Names):
        through = field.remote_field.through
        self.through = through._base_manager
        self.owner = through._meta.get_field(field.m2m_field_name()).attname
        self.target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        self.names = names
        self.joined: dict = {}

    def prepare(self, rows, at, pk_at) -> None:
        pairs = list(
            self.through.filter(**{f"{self.owner}__in": [row[pk_at] for row in rows]}).values_list(
                self.owner, self.target
            )
        )
        self.names.read(target for _owner, target in pairs)
        shown: dict = {}
        for owner, target in pairs:
            shown.setdefault(owner, []).append(self.names.known[target])
        self.joined = {owner: "; ".join(sorted(labels)) for owner, labels in shown.items()}

    def cell(self, value, pk):
        return self.joined.get(pk, "")


def columns_of(resource: RecordResource) -> list[Column]:
    """The export's columns, from the resource's fields, sharing the names of each model."""
    model = resource.kind.model
    names: dict[type[models.Model], Names] = {}

    def names_of(related: Related) -> Names:
        if related.model not in names:
            names[related.model] = Names(related.model, related.label, related.in_commune)
        return names[related.model]

    columns: list[Column] = []
    for field in resource.fields.values():
        widget, attribute = field.widget, field.attribute
        if not attribute:
            columns.append(ConstantColumn(widget.render(None)))
        elif attribute == "pk":
            columns.append(ValueColumn("pk", widget.render))
        elif isinstance(widget, NameOfCell):
            target = model._meta.get_field(attribute)
            by_name = Names(target.related_model, str, chunk_only=True)
            columns.append(NameColumn(target.attname, by_name, widget.render(None)))
        elif isinstance(widget, ManyCell):
            columns.append(ManyColumn(model._meta.get_field(attribute), names_of(widget.related)))
        elif isinstance(widget, RelatedCell):
            target = model._meta.get_field(attribute)
            by_name = None if widget.related.by_id else names_of(widget.related)
            columns.append(NameColumn(target.attname, by_name, widget.render(None)))
        else:
            columns.append(ValueColumn(model._meta.get_field(attribute).attname, widget.render))
    return columns


@contextmanager
def planned_for_every_row(alias: str):
    """PostgreSQL plans a cursor for its first tenth of rows (`cursor_tuple_fraction`): for a
    merged province's support list it walked the index of all million records in date order
    (2.1 s) instead of reading its 46,000 and sorting them (0.09 s). An export reads every row."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET cursor_tuple_fraction = 1.0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET cursor_tuple_fraction")


def export_rows(resource: RecordResource, rows: models.QuerySet, chunk: int = CHUNK) -> Iterator:
    """Each row of `rows` (filtered and sorted as the list shows them) as its export's cells."""
    columns = columns_of(resource)
    sources = list(dict.fromkeys(["pk", *(c.source for c in columns if c.source)]))
    at = {source: number for number, source in enumerate(sources)}
    readers = [(column, at.get(column.source)) for column in columns]
    with planned_for_every_row(rows.db):
        values = rows.values_list(*sources).iterator(chunk_size=chunk)
        while batch := list(islice(values, chunk)):
            for column, number in readers:
                column.prepare(batch, number, 0)
            for row in batch:
                pk = row[0]
                yield [column.cell(None if n is None else row[n], pk) for column, n in readers]
