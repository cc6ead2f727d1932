"""Approved quarters are closed: no write, by any path, may change a figure the commissar of a
unit approved, until he reopens the report.

What a write touches is declared by each model (`period = Period(...)`, see
`borderwork.scoping.Period`): a commune and the days the record counts on, as it was and as
it would be. A write is refused when one of those spans meets an approved quarter of a unit
whose figures include that commune: the province of the commune (or the province it was merged
into), or a station covering it during the quarter.

Two guards say the same thing:
- in Python (`closed_for`, registered with `borderwork.scoping`), which the forms and record
  pages ask to explain themselves, and which on SQLite also refuses every save, delete, bulk
  write and `QuerySet.update()` (`scoping.guard`);
- on PostgreSQL, a trigger on every such table (`install()`, run after every `migrate`), so the
  admin, imports, management commands, the shell and plain SQL are refused too. Its error
  (SQLSTATE `BW423`) carries the report's unit, approver and time, which `translate_errors`
  turns into the same Vietnamese message (`PeriodClosed`, a 403).

Approval and writes are ordered (`hold_writes`): every guarded write takes a shared advisory
lock of its transaction, approval takes it exclusively, so a write either commits before the
approval reads the figures, or waits and is then refused.
"""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import DatabaseError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from borderwork.periods import AnyPeriod, period_from
from borderwork.scoping import Period, PeriodClosed, Span, period_of, remembered, spans_of
from communes.models import Commune, StationCoverage

if TYPE_CHECKING:
    from django.db import models

    from borderwork.reports.models import Report

SQLSTATE = "BW423"
# The advisory lock key every guarded write shares and approval takes alone ("bw" "lk").
WRITE_LOCK = 0x62776C6B


def _overlaps(span: Span, quarter: AnyPeriod) -> bool:
    _commune, first, last = span
    return (first is None or first <= quarter.last_day) and (
        last is None or last >= quarter.first_day
    )


def closing_report_of(spans: list[Span]) -> Report | None:
    """The approved report whose figures a write touching these spans would change."""
    from borderwork.reports.models import Report

    if not spans:
        return None
    # An import checks thousands of records in one transaction (`one_reading`): it reads the
    # approved reports once, and each commune's province and coverage once.
    approved = remembered(
        "approved reports",
        lambda: list(
            Report.objects.approved()
            .select_related("approved_by", "province", "station")
            .order_by("approved_at", "pk")
        ),
    )
    met = [
        (span, report) for span in spans for report in approved if _overlaps(span, report.period)
    ]
    if not met:
        return None
    communes = sorted({span[0] for span, _report in met if span[0] is not None})
    provinces = remembered(("report provinces", *communes), lambda: _provinces_of(communes))
    coverage = remembered(("report coverage", *communes), lambda: _coverage_of(communes))
    for span, report in met:
        commune = span[0]
        if commune is None:
            return report
        quarter = report.period
        if report.station_id is None:
            if report.province_id in provinces.get(commune, ()):
                return report
            continue
        for covered, station, start, end in coverage:
            if (
                covered == commune
                and station == report.station_id
                and (start is None or start <= quarter.last_day)
                and (end is None or end >= quarter.first_day)
            ):
                return report
    return None


def closed_days() -> list[tuple[datetime.date, datetime.date]]:
    """The periods some unit's approved report closes (one small query)."""
    from borderwork.reports.models import Report

    approved = Report.objects.approved().values_list("kind", "year", "quarter").distinct()
    periods = [period_from(kind, year, quarter) for kind, year, quarter in approved]
    return [(period.first_day, period.last_day) for period in periods]


def _provinces_of(communes: list[int]) -> dict[int, tuple[int, int | None]]:
    return {
        pk: (province, merged_into)
        for pk, province, merged_into in Commune.objects.filter(pk__in=communes).values_list(
            "pk", "province_id", "province__merged_into_id"
        )
    }


def _coverage_of(communes: list[int]) -> list[tuple]:
    return list(
        StationCoverage.objects.filter(commune__in=communes).values_list(
            "commune_id", "station_id", "valid_from", "valid_until"
        )
    )


def closing_report(*objs: models.Model | None) -> Report | None:
    """The approved report closing these records, as they stand, if one does."""
    return closing_report_of(spans_of(*objs))


def closed_for(spans: list[Span]) -> str:
    """The message of the approved report a write touching these spans would change, or ''.

    Registered with `borderwork.scoping` when the app is ready, so the record pages, the forms
    and the guard ask it.
    """
    report = closing_report_of(spans)
    if report is None:
        return ""
    return closed_message(
        report.period.label, str(report.unit), str(report.approved_by), report.approved_at
    )


def closed_message(quarter: str, unit: str, who: str, when: datetime.datetime) -> str:
    return _(
        "Số liệu %(quarter)s của %(unit)s đã được %(who)s phê duyệt lúc %(when)s nên không "
        "thêm, sửa hay xóa được hồ sơ thuộc quý này. Nếu cần sửa, hãy đề nghị Chính ủy mở "
        "lại báo cáo."
    ) % {
        "quarter": quarter,
        "unit": unit,
        "who": who,
        "when": timezone.localtime(when).strftime("%H:%M %d/%m/%Y"),
    }


def hold_writes(connection) -> None:
    """Wait for the writes in progress to commit and hold new ones until this transaction ends.

    Called by approval inside its transaction. Writes take the same key shared (the trigger),
    so they do not wait for one another.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])


# --- PostgreSQL: the trigger ---------------------------------------------------------------

FIND = "reports_closing_report"


def guarded_tables() -> list[tuple[str, type, Period]]:
    """(table, model, period) for every dated model and the links of its many-to-many fields."""
    found = []
    for model in apps.get_models():
        period = period_of(model)
        if period is None:
            continue
        found.append((model._meta.db_table, model, period))
        for field in [] if period.via else model._meta.many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            owner = field.m2m_field_name()
            found.append(
                (
                    through._meta.db_table,
                    through,
                    Period(
                        tuple(f"{owner}__{name}" for name in period.dates),
                        f"{owner}__{period.commune}" if period.commune else owner,
                        open_ended=period.open_ended,
                    ),
                )
            )
    return found


def _column(model, path: str, row: str, depth: int = 0) -> str:
    """SQL for a lookup path from a row (`n.course__started_on`), following foreign keys."""
    if not path:
        return f"{row}.{model._meta.pk.column}"
    name, _sep, rest = path.partition("__")
    field = model._meta.get_field(name)
    if not rest:
        return f"{row}.{field.column}"
    related = field.related_model
    alias = f"x{depth}"
    inner = _column(related, rest, alias, depth + 1)
    return (
        f"(SELECT {inner} FROM {related._meta.db_table} {alias}"
        f" WHERE {alias}.{related._meta.pk.column} = {row}.{field.column})"
    )


def _is_year(model, path: str) -> bool:
    *hops, last = path.split("__")
    for name in hops:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last).get_internal_type() != "DateField"


def _span_sql(model, period: Period, row: str) -> str:
    """SELECT list `commune, first, last` of a row."""
    commune = _column(model, period.commune, row)
    if not period.dates:
        return f"{commune}, CAST(NULL AS date), CAST(NULL AS date)"
    first = _column(model, period.dates[0], row)
    if _is_year(model, period.dates[0]):
        return f"{commune}, make_date({first}, 1, 1), make_date({first}, 12, 31)"
    if len(period.dates) > 1:
        last = _column(model, period.dates[-1], row)
    else:
        last = "CAST(NULL AS date)" if period.open_ended else first
    return f"{commune}, {first}, {last}"


def _changed_sql(model, period: Period) -> str:
    """SQL over `o` and `n`: the row changed in a way that may change a figure."""
    if not period.counts:
        return "to_jsonb(o) <> to_jsonb(n)"
    columns = [model._meta.get_field(name).column for name in period.counts]
    old = ", ".join(f"o.{c}" for c in columns)
    new = ", ".join(f"n.{c}" for c in columns)
    return f"ROW({old}) IS DISTINCT FROM ROW({new})"


def _named_by_sql(model, period: Period, rows: str) -> str:
    """SELECT of the spans of the records naming `rows` (a period with `via`)."""
    selects = []
    for label, field in period.via:
        related = apps.get_model(label)
        related_period = period_of(related)
        column = related._meta.get_field(field).column
        selects.append(
            f"SELECT DISTINCT {_span_sql(related, related_period, 'r')}"
            f" FROM {related._meta.db_table} r"
            f" JOIN {rows} x ON r.{column} = x.{model._meta.pk.column}"
        )
    return "\n            UNION ".join(selects)


def _named_by_function_sql(model, period: Period) -> dict[str, str]:
    pk = model._meta.pk.column
    return {
        "INSERT": _named_by_sql(model, period, "new_rows"),
        "DELETE": _named_by_sql(model, period, "old_rows"),
        "UPDATE": f"""WITH pairs AS (
            SELECT o.* FROM old_rows o JOIN new_rows n ON n.{pk} = o.{pk}
            WHERE {_changed_sql(model, period)}
        ) {_named_by_sql(model, period, "pairs")}""",
    }


def function_sql(table: str, model, period: Period) -> str:
    """The trigger function of one table: refuse a statement touching an approved quarter."""
    if period.via:
        return _function_sql(table, _named_by_function_sql(model, period))
    pk = model._meta.pk.column
    movable = [model._meta.get_field(name).column for name in period.movable]
    commune_n = _column(model, period.commune, "n")
    same_but = " - ".join(["to_jsonb(o)", *(f"'{c}'" for c in movable)])
    same_but_n = " - ".join(["to_jsonb(n)", *(f"'{c}'" for c in movable)])
    only_moved = f"({same_but}) = ({same_but_n})" if movable else "false"
    moved = "\n            UNION ALL ".join(
        f"SELECT {commune_n}, LEAST(o.{c}, n.{c}),"
        f" CASE WHEN o.{c} IS NULL OR n.{c} IS NULL THEN NULL ELSE GREATEST(o.{c}, n.{c}) END"
        f" FROM pairs o JOIN new_rows n ON n.{pk} = o.{pk}"
        f" WHERE {only_moved} AND o.{c} IS DISTINCT FROM n.{c}"
        for c in movable
    )
    update = f"""
            SELECT {_span_sql(model, period, "o")} FROM pairs o JOIN new_rows n ON n.{pk} = o.{pk}
            WHERE NOT {only_moved}
            UNION ALL
            SELECT {_span_sql(model, period, "n")} FROM pairs o JOIN new_rows n ON n.{pk} = o.{pk}
            WHERE NOT {only_moved}"""
    if moved:
        update += "\n            UNION ALL " + moved
    touched = {
        "INSERT": f"SELECT {_span_sql(model, period, 'n')} FROM new_rows n",
        "DELETE": f"SELECT {_span_sql(model, period, 'o')} FROM old_rows o",
        # Rows an update left as they were touch nothing (a form saved unchanged).
        "UPDATE": f"""WITH pairs AS (
            SELECT o.* FROM old_rows o JOIN new_rows n ON n.{pk} = o.{pk}
            WHERE {_changed_sql(model, period)}
        ) {update}""",
    }
    return _function_sql(table, touched)


def _function_sql(table: str, touched: dict[str, str]) -> str:
    branches = "\n".join(
        f"""    {"IF" if i == 0 else "ELSIF"} TG_OP = '{operation}' THEN
        SELECT {FIND}(array_agg(ROW(t.c, t.f, t.l)::reports_span)) INTO found
        FROM ({query}) t (c, f, l);"""
        for i, (operation, query) in enumerate(touched.items())
    )
    return f"""
CREATE OR REPLACE FUNCTION {function_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    found text;
BEGIN
    PERFORM pg_advisory_xact_lock_shared({WRITE_LOCK});
{branches}
    END IF;
    IF found IS NOT NULL THEN
        RAISE EXCEPTION 'period closed by report %', found USING
            ERRCODE = '{SQLSTATE}', DETAIL = found;
    END IF;
    RETURN NULL;
END
$$"""


def function_name(table: str) -> str:
    return f"period_lock_{table}"


def find_sql() -> str:
    """The approved report a set of spans meets, as JSON for the message; NULL if none."""
    from borderwork.accounts.models import User
    from borderwork.reports.models import Report

    report, user = Report._meta.db_table, User._meta.db_table
    commune, province = Commune._meta.db_table, Commune._meta.get_field("province").related_model
    station = Report._meta.get_field("station").related_model._meta.db_table
    coverage = StationCoverage._meta.db_table
    # A report's period: its kind's months (3, 6 or 12), its number within the year.
    months = "(CASE r.kind WHEN 'year' THEN 12 WHEN 'half' THEN 6 ELSE 3 END)"
    start = f"make_date(r.year, {months} * (r.quarter - 1) + 1, 1)"
    end = f"CAST({start} + make_interval(months => {months}) - interval '1 day' AS date)"
    return f"""
CREATE OR REPLACE FUNCTION {FIND}(spans reports_span[]) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'quarter', 'Q' || r.quarter || '/' || r.year,
        'kind', r.kind,
        'unit', COALESCE(st.name, p.name),
        'who', COALESCE(NULLIF(u.full_name, ''), u.username),
        'when', r.approved_at
    )::text
    FROM unnest(spans) s
    JOIN {report} r ON r.state = 'approved'
        AND (s.lo IS NULL OR s.lo <= {end})
        AND (s.hi IS NULL OR s.hi >= {start})
    JOIN {province._meta.db_table} p ON p.id = r.province_id
    LEFT JOIN {station} st ON st.id = r.station_id
    LEFT JOIN {user} u ON u.id = r.approved_by_id
    WHERE s.commune IS NULL
        OR (r.station_id IS NULL AND EXISTS (
            SELECT 1 FROM {commune} c JOIN {province._meta.db_table} cp ON cp.id = c.province_id
            WHERE c.id = s.commune
                AND (cp.id = r.province_id OR cp.merged_into_id = r.province_id)))
        OR (r.station_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM {coverage} sc
            WHERE sc.commune_id = s.commune AND sc.station_id = r.station_id
                AND (sc.valid_from IS NULL OR sc.valid_from <= {end})
                AND (sc.valid_until IS NULL OR sc.valid_until >= {start})))
    ORDER BY r.approved_at, r.id
    LIMIT 1
$$"""


TRIGGERS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
}


def install(connection) -> None:
    """Create or replace the lock's functions and every guarded table's triggers (PostgreSQL).

    Statement triggers over the changed rows: a bulk write costs one check, not one per row.
    """
    if connection.vendor != "postgresql":
        return
    from borderwork.reports.models import Report

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [Report._meta.db_table])
        if not cursor.fetchone()[0]:
            return
        cursor.execute("SELECT to_regtype('reports_span') IS NOT NULL")
        if not cursor.fetchone()[0]:
            cursor.execute("CREATE TYPE reports_span AS (commune integer, lo date, hi date)")
        cursor.execute(find_sql())
        for table, model, period in guarded_tables():
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(function_sql(table, model, period))
            for event, clause in TRIGGERS.items():
                name = f"period_lock_{event}"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {name} {clause.format(table=table)}"
                    f" FOR EACH STATEMENT EXECUTE FUNCTION {function_name(table)}()"
                )


def translate_errors(execute, sql, params, many, context):
    """Turn the trigger's refusal into `PeriodClosed` with the Vietnamese message.

    An execute wrapper on every connection (`apps.py`): the message needs no query, which
    the failed transaction could not run.
    """
    try:
        return execute(sql, params, many, context)
    except DatabaseError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) != SQLSTATE:
            raise
        found = json.loads(cause.diag.message_detail)
        year_quarter = found["quarter"][1:].split("/")
        period = period_from(
            found.get("kind", "quarter"), int(year_quarter[1]), int(year_quarter[0])
        )
        when = parse_datetime(found["when"].replace(" ", "T"))
        raise PeriodClosed(
            closed_message(period.label, found["unit"], found["who"], when)
        ) from error
