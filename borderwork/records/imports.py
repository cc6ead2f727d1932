"""Importing a spreadsheet into a record family: one function for the page and the shell.

`run_import` reads the file, checks its headers, and imports every row through the family's
resource (`exchange.py`) in one transaction: the preview is import-export's dry run, the
import the same run kept. One row in error and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export.results import RowResult

from borderwork.records.exchange import resource_for
from borderwork.records.registry import REGISTRY, RecordType
from borderwork.records.sheets import BadFile, check_headers, read_upload

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
STATUS_OF = {
    RowResult.IMPORT_TYPE_NEW: NEW,
    RowResult.IMPORT_TYPE_UPDATE: CHANGED,
    RowResult.IMPORT_TYPE_SKIP: UNCHANGED,
}


@dataclass
class RowOutcome:
    number: int  # the spreadsheet's row
    status: str
    record: str = ""
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportOutcome:
    rows: list[RowOutcome] = field(default_factory=list)
    problem: str = ""  # the file as a whole cannot be read
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem and not self.errors

    @property
    def errors(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.status == ERROR]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (NEW, CHANGED, UNCHANGED, ERROR)}


def kind_by_segment(segment: str) -> RecordType | None:
    """The record family at a list URL's segment ('ho-tro'), if it takes imports."""
    for kind in REGISTRY.values():
        if kind.segment == segment and kind.form is not None:
            return kind
    return None


def messages_of(error) -> list[str]:
    """A row's errors as sentences, each with its column."""
    lines = []
    details = getattr(error, "error_dict", None)
    if details is None:
        return [" ".join(str(m) for m in getattr(error, "messages", [error]))]
    for column, errors in details.items():
        for message in errors:
            text = " ".join(message.messages) if hasattr(message, "messages") else str(message)
            lines.append(text if column == NON_FIELD_ERRORS else f"{column}: {text}")
    return lines


def run_import(kind: RecordType, user, name: str, content: bytes, dry_run: bool) -> ImportOutcome:
    """Import a file's rows for a user, or with dry_run only say what it would do."""
    try:
        sheet = read_upload(name, content)
        resource = resource_for(kind, user)
        check_headers(resource, list(sheet.dataset.headers))
    except BadFile as problem:
        return ImportOutcome(problem=str(problem))
    if not len(sheet.dataset):
        return ImportOutcome(problem=_("Tệp không có dòng nào dưới dòng tiêu đề."))
    resource.row_numbers = sheet.row_numbers
    result = resource.import_data(
        sheet.dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    rows: dict[int, RowOutcome] = {}
    for number, row_result in enumerate(result.rows, start=1):
        rows[number] = RowOutcome(
            number=resource.row_number(number),
            status=STATUS_OF.get(row_result.import_type, ERROR),
            record=row_result.object_repr or "",
            changed=getattr(row_result, "changed", []),
        )
    for invalid in result.invalid_rows:
        row = rows.setdefault(
            invalid.number, RowOutcome(number=resource.row_number(invalid.number), status=ERROR)
        )
        row.status = ERROR
        row.errors += messages_of(invalid.error)
    for number, errors in result.row_errors():
        row = rows.setdefault(number, RowOutcome(number=resource.row_number(number), status=ERROR))
        row.status = ERROR
        row.errors += [str(error.error) for error in errors]
    outcome = ImportOutcome(rows=[rows[number] for number in sorted(rows)])
    if result.base_errors:
        outcome.problem = "; ".join(str(error.error) for error in result.base_errors)
    outcome.written = not dry_run and outcome.ok
    return outcome
