"""The rebuild's SQL: each source per commune and quarter, rolled up into the snapshot.

All the adding up happens in the database, in a fixed number of statements at any scale.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import connection

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import IndicatorValue, UnitLevel, View, columns
from borderwork.indicators.places import Units, places, quarters
from borderwork.indicators.sources import SOURCES, sql


def compute(today: datetime.date, first: datetime.date) -> int:
    """Write both views' values at every level for the quarters from `first`'s to today's
    into the snapshot, already emptied of them; returns the rows written."""
    periods = quarters(today, first)
    tables = [PLACES, COMMUNE_VALUES, *(source_table(source) for source in SOURCES)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # For this transaction only: JIT compiling costs more than it saves here, and the
            # support records' sums group in memory, not on disk (benchmarks/README.md).
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {PLACES} (view varchar(8), commune_id bigint, y integer,"
            " n integer, commune_unit bigint, station bigint, province bigint)"
        )
        load_places(cursor, places(Units(), periods))
        quarter_list, params = quarter_values(periods)
        params.update(
            {
                "true": True,
                "first": periods[0][2],
                "today": today,
                "y0": periods[0][0],
                "n0": periods[0][1],
                "last": len(periods) - 1,
            }
        )
        for source in SOURCES:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {source_table(source)} AS"
                f" WITH q(i, y, n, s, e) AS (VALUES {quarter_list}) {commune_values(source)}",
                params,
            )
        cursor.execute(COMMUNE_ROWS)
        cursor.execute(f"ANALYZE {COMMUNE_VALUES}")  # temporary tables have no statistics
        cursor.execute(f"ANALYZE {PLACES}")
        cursor.execute(ROLL_UP)
        rows = cursor.rowcount
        for table in tables:
            cursor.execute(f"DROP TABLE {table}")
    return rows


# Temporary tables of one rebuild: where each commune counts, each source's values per
# commune and quarter, and all of them side by side in one row per commune and quarter.
PLACES = "indicator_rebuild_place"
COMMUNE_VALUES = "indicator_rebuild_commune"


def source_table(source: str) -> str:
    return f"indicator_rebuild_{source}"


def load_places(cursor, rows: Iterator[tuple]) -> None:
    """Fill the places table: PostgreSQL's COPY where there is one, one executemany elsewhere."""
    columns = f"{PLACES} (view, commune_id, y, n, commune_unit, station, province)"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {columns} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        insert = f"INSERT INTO {columns} VALUES (%s, %s, %s, %s, %s, %s, %s)"  # noqa: S608 (our table)
        cursor.executemany(insert, list(rows))


def quarter_values(periods) -> tuple[str, dict]:
    """The quarters as the VALUES list of `q(i, y, n, s, e)`, and its parameters."""
    values = ", ".join(
        f"({i}, %(y{i})s, %(n{i})s, %(s{i})s, %(e{i})s)" for i in range(len(periods))
    )
    params: dict = {}
    for i, (year, number, start, end) in enumerate(periods):
        params.update({f"y{i}": year, f"n{i}": number, f"s{i}": start, f"e{i}": end})
    return values, params


def commune_values(source: str) -> str:
    """One source's rows per commune and quarter, in its indicators' columns."""
    # As when the roll-up ran in Python: a missing value is 0, a fractional indicator's value
    # is rounded to four places (the others are whole numbers, added up as integers); an
    # indicator that is zero throughout (numerator and denominator) is left NULL, so the
    # snapshot has no figure for it where no commune had one (a count reads as zero there).
    indicators = [indicator for indicator in CATALOGUE if indicator.source == source]
    converted = ", ".join(
        (
            f"ROUND(CAST(COALESCE(src.{i.column}{suffix}, 0) AS NUMERIC), 4) AS {column}"
            if i.fractional
            else f"CAST(COALESCE(src.{i.column}{suffix}, 0) AS BIGINT) AS {column}"
        )
        for i in indicators
        for suffix, column in zip(("", "_of"), columns(i), strict=False)
    )
    present = {i.code: " OR ".join(f"{column} <> 0" for column in columns(i)) for i in indicators}
    kept = ", ".join(
        f"CASE WHEN {present[i.code]} THEN {column} END AS {column}"
        for i in indicators
        for column in columns(i)
    )
    return f"""
        SELECT commune_id, y, n, {kept} FROM (
            SELECT src.commune_id, src.y, src.n, {converted}
            FROM ({sql(source, connection.vendor)}) src
        ) v
        WHERE {" OR ".join(present.values())}
    """  # noqa: S608 (our own table, column and indicator names)


# Every number column of the snapshot, in catalogue order.
COLUMNS = [column for indicator in CATALOGUE for column in columns(indicator)]

# Each source returns at most one row per commune and quarter: side by side, they make the
# commune's row without adding anything up. Only communes and quarters with some figure.
COMMUNE_ROWS = f"""
    CREATE TEMPORARY TABLE {COMMUNE_VALUES} AS
    SELECT k.commune_id, k.y, k.n, {
    ", ".join(f"{source_table(i.source)}.{c}" for i in CATALOGUE for c in columns(i))
}
    FROM {PLACES} k {
    " ".join(
        f"LEFT JOIN {source_table(source)} ON {source_table(source)}.commune_id = k.commune_id"
        f" AND {source_table(source)}.y = k.y AND {source_table(source)}.n = k.n"
        for source in SOURCES
    )
}
    WHERE k.view = '{View.PERIOD}' AND ({
    " OR ".join(f"{source_table(source)}.commune_id IS NOT NULL" for source in SOURCES)
})
"""  # noqa: S608 (our own temporary tables and snapshot columns)

# Ratios roll up by adding numerators and denominators; the ratio is taken when read. In the
# period view a commune counts toward itself: its row as it is. Merged communes count toward
# their successor in the current view; stations and provinces add up their communes in each
# view; the nation adds up every commune, the same in both views. Each commune's row is
# added up four to five times (not eight, as one join to every unit it counts toward did),
# and into whole-number sums where the indicator allows.
_SUMS = ", ".join(f"SUM(v.{column})" for column in COLUMNS)
_JOIN = (
    f"{COMMUNE_VALUES} v JOIN {PLACES} p ON p.commune_id = v.commune_id AND p.y = v.y AND p.n = v.n"
)
ROLL_UP = f"""
    INSERT INTO {IndicatorValue._meta.db_table}
        (view, level, unit_id, year, quarter, {", ".join(COLUMNS)})
    SELECT '{View.PERIOD}', '{UnitLevel.COMMUNE}', v.commune_id, v.y, v.n, {
    ", ".join(f"v.{column}" for column in COLUMNS)
}
    FROM {COMMUNE_VALUES} v
    UNION ALL
    SELECT p.view, '{UnitLevel.COMMUNE}', p.commune_unit, v.y, v.n, {_SUMS} FROM {_JOIN}
    WHERE p.view = '{View.CURRENT}' GROUP BY p.view, p.commune_unit, v.y, v.n
    UNION ALL
    SELECT p.view, '{UnitLevel.STATION}', p.station, v.y, v.n, {_SUMS} FROM {_JOIN}
    WHERE p.station IS NOT NULL GROUP BY p.view, p.station, v.y, v.n
    UNION ALL
    SELECT p.view, '{UnitLevel.PROVINCE}', p.province, v.y, v.n, {_SUMS} FROM {_JOIN}
    GROUP BY p.view, p.province, v.y, v.n
    UNION ALL
    SELECT views.view, '{UnitLevel.NATION}', NULL, nation.* FROM (
        SELECT v.y, v.n, {_SUMS} FROM {COMMUNE_VALUES} v GROUP BY v.y, v.n
    ) nation CROSS JOIN (
        SELECT '{View.CURRENT}' AS view UNION ALL SELECT '{View.PERIOD}'
    ) views
"""  # noqa: S608 (our own tables, columns and choice values)
