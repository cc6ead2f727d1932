"""The rebuild's SQL: each source per commune and quarter, rolled up into the snapshot.

All the adding up happens in the database, in a fixed number of statements at any scale.
Two tables outlive a rebuild, beside the snapshot: where each commune counts in each view and
quarter (`PLACES`), and each commune's own row per quarter before any adding up
(`COMMUNE_FIGURES`). With them, a refresh after a few writes recomputes the marked communes'
rows alone and adds up again only the units they count toward. The rebuild owns both: a full
rebuild creates them anew in the catalogue's shape (a change to it changes
`rebuild.signature()`, so the next rebuild is a full one); only rebuilds read them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from django.db import connection

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import IndicatorValue, UnitLevel, View, columns
from borderwork.indicators.places import Units, places, quarters
from borderwork.indicators.sources import SOURCES, sql

# Kept between rebuilds: where each commune counts, per view and quarter...
PLACES = "indicator_kept_place"
# ...and each commune's row per quarter, its sources side by side.
COMMUNE_FIGURES = "indicator_kept_commune"
# Temporary, for one rebuild: the units a scoped refresh adds up again, and the places of
# every commune counting toward them.
TOUCHED = "indicator_rebuild_touched"
SHARING = "indicator_rebuild_sharing"

# A quarter `(y, n)` from the first recomputed on (`%(y0)s`, `%(n0)s`); a row comparison, which
# the kept tables' index on (y, n, commune_id) reads as a range.
FROM_FIRST = "({a}y, {a}n) >= (%(y0)s, %(n0)s)"


def kept() -> bool:
    """The kept tables are there (PostgreSQL): an incremental rebuild needs them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL",
            [PLACES, COMMUNE_FIGURES],
        )
        return cursor.fetchone()[0]


def compute(
    today: datetime.date,
    first: datetime.date,
    window: datetime.date,
    communes: Sequence[int] | None = None,
) -> int:
    """Write both views' values at every level for the quarters from `first`'s to today's
    into the snapshot; returns the rows written.

    `communes` None: every commune, into a snapshot already emptied of those quarters (and
    of those before `window`); from `window` on, a full rebuild, the kept tables made anew.
    A list: those communes' rows only (the day and the places as the last run counted them),
    then the units they count toward, whose snapshot rows this replaces.
    """
    periods = quarters(today, first)
    scoped = communes is not None
    temporary = [TOUCHED, SHARING, *(source_table(source) for source in SOURCES)]
    quarter_list, params = quarter_values(periods)
    params.update(
        {
            "true": True,
            "first": periods[0][2],
            "today": today,
            "y0": periods[0][0],
            "n0": periods[0][1],
            "last": len(periods) - 1,
            "window": window.year,
        }
    )
    if scoped:
        params["communes"] = list(communes)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # For this transaction only: JIT compiling costs more than it saves here, and the
            # support records' sums group in memory, not on disk (benchmarks/README.md).
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"
            )
        drop(cursor, temporary)
        if not scoped:
            if first <= window:
                create_kept(cursor)
            else:
                for table in (PLACES, COMMUNE_FIGURES):
                    cursor.execute(f"DELETE FROM {table} {FORGOTTEN}", params)  # noqa: S608 (our tables)
            load_places(cursor, places(Units(), periods))
        quarters_cte = f"WITH q(i, y, n, s, e) AS (VALUES {quarter_list})"
        if scoped:
            # A few communes: each source a small query, all of them in one statement.
            cursor.execute(f"DELETE FROM {COMMUNE_FIGURES} {IN_SCOPE}", params)  # noqa: S608 (our table)
            each = ", ".join(
                f"{source_table(source)} AS MATERIALIZED ({commune_values(source, scoped)})"
                for source in SOURCES
            )
            cursor.execute(f"{quarters_cte}, {each} {commune_rows(scoped)}", params)
        else:
            # Every commune: each source into a table of its own, joined once all are there.
            for source in SOURCES:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {source_table(source)} AS"
                    f" {quarters_cte} {commune_values(source, scoped)}",
                    params,
                )
            cursor.execute(commune_rows(scoped), params)
        if scoped:
            for statement in TOUCH:
                cursor.execute(statement, params)
        elif first <= window:
            # New tables: plan the roll-up on statistics (later, autovacuum keeps them).
            cursor.execute(f"ANALYZE {COMMUNE_FIGURES}")
            cursor.execute(f"ANALYZE {PLACES}")
        cursor.execute(roll_up(scoped), params)
        rows = cursor.rowcount
        drop(cursor, temporary)
    return rows


def drop(cursor, tables: list[str]) -> None:
    """Drop the tables that are there: one statement on PostgreSQL, one a table elsewhere."""
    if connection.vendor == "postgresql":
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(tables)}")
        return
    for table in tables:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def create_kept(cursor) -> None:
    """The kept tables anew, empty, in the catalogue's shape."""
    numbers = ", ".join(
        f"{column} {'numeric' if i.fractional else 'bigint'}"
        for i in CATALOGUE
        for column in columns(i)
    )
    drop(cursor, [PLACES, COMMUNE_FIGURES])
    cursor.execute(
        f"CREATE TABLE {PLACES} (view varchar(8), commune_id bigint, y integer, n integer,"
        " commune_unit bigint, station bigint, province bigint)"
    )
    cursor.execute(
        f"CREATE TABLE {COMMUNE_FIGURES} (commune_id bigint, y integer, n integer, {numbers})"
    )
    # A quarter's rows (the nation, a refresh's places), and a commune's in a quarter.
    for table in (PLACES, COMMUNE_FIGURES):
        cursor.execute(f"CREATE INDEX {table}_quarter ON {table} (y, n, commune_id)")


# The kept rows a rebuild of every commune replaces: from the first quarter on, and the
# years that left the window.
FORGOTTEN = f"WHERE {FROM_FIRST.format(a='')} OR y < %(window)s"
# A scoped refresh's communes, from the first quarter on.
IN_SCOPE = f"WHERE commune_id = ANY(%(communes)s) AND {FROM_FIRST.format(a='')}"


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


def commune_values(source: str, scoped: bool = False) -> str:
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
            FROM ({sql(source, connection.vendor, scoped)}) src
        ) v
        WHERE {" OR ".join(present.values())}
    """  # noqa: S608 (our own table, column and indicator names)


# Every number column of the snapshot, in catalogue order.
COLUMNS = [column for indicator in CATALOGUE for column in columns(indicator)]


# Each source returns at most one row per commune and quarter: side by side, they make the
# commune's row without adding anything up. Only communes and quarters with some figure.
def commune_rows(scoped: bool) -> str:
    """Each commune's row per quarter recomputed, into the kept commune figures."""
    keys = f"k.view = '{View.PERIOD}' AND {FROM_FIRST.format(a='k.')}"
    if scoped:
        keys += " AND k.commune_id = ANY(%(communes)s)"
    joined = " ".join(
        f"LEFT JOIN {source_table(source)} ON {source_table(source)}.commune_id = k.commune_id"
        f" AND {source_table(source)}.y = k.y AND {source_table(source)}.n = k.n"
        for source in SOURCES
    )
    found = " OR ".join(f"{source_table(source)}.commune_id IS NOT NULL" for source in SOURCES)
    values = ", ".join(f"{source_table(i.source)}.{c}" for i in CATALOGUE for c in columns(i))
    return f"""
        INSERT INTO {COMMUNE_FIGURES} (commune_id, y, n, {", ".join(COLUMNS)})
        SELECT k.commune_id, k.y, k.n, {values}
        FROM {PLACES} k {joined}
        WHERE {keys} AND ({found})
    """  # noqa: S608 (our own tables and snapshot columns)


# Every number column of the snapshot, in catalogue order.
COLUMNS = [column for indicator in CATALOGUE for column in columns(indicator)]

# A scoped refresh: the units its communes count toward from the first quarter on; the
# places of every commune counting toward them (the roll-up's only places then); and the
# snapshot rows of those units, with the nation's, which the roll-up writes anew.
_LEVEL_UNITS = {
    UnitLevel.COMMUNE: "commune_unit",
    UnitLevel.STATION: "station",
    UnitLevel.PROVINCE: "province",
}
_SHARES = " OR ".join(
    f"(p.view, p.{unit}, p.y, p.n) IN (SELECT t.view, t.{unit}, t.y, t.n FROM {TOUCHED} t)"  # noqa: S608 (ours)
    for unit in _LEVEL_UNITS.values()
)
_UNIT_ROWS = " UNION ALL ".join(
    f"SELECT DISTINCT t.view, '{level}' AS level, t.{unit} AS unit_id, t.y, t.n"  # noqa: S608 (ours)
    f" FROM {TOUCHED} t WHERE t.{unit} IS NOT NULL"
    for level, unit in _LEVEL_UNITS.items()
)
TOUCH = [
    f"""
    CREATE TEMPORARY TABLE {TOUCHED} AS
    SELECT DISTINCT view, commune_unit, station, province, y, n FROM {PLACES}
    WHERE commune_id = ANY(%(communes)s) AND {FROM_FIRST.format(a="")}
    """,  # noqa: S608 (our own tables)
    f"""
    CREATE TEMPORARY TABLE {SHARING} AS
    SELECT p.* FROM {PLACES} p WHERE {FROM_FIRST.format(a="p.")} AND ({_SHARES})
    """,  # noqa: S608 (our own tables)
    f"""
    DELETE FROM {IndicatorValue._meta.db_table} iv USING ({_UNIT_ROWS}) t
    WHERE iv.view = t.view AND iv.level = t.level AND iv.unit_id = t.unit_id
        AND iv.year = t.y AND iv.quarter = t.n
    """,  # noqa: S608 (our own tables)
    f"""
    DELETE FROM {IndicatorValue._meta.db_table}
    WHERE view IN ('{View.CURRENT}', '{View.PERIOD}') AND level = '{UnitLevel.NATION}'
        AND unit_id IS NULL AND (year, quarter) >= (%(y0)s, %(n0)s)
    """,  # noqa: S608 (our own table and choice values)
]


# Ratios roll up by adding numerators and denominators; the ratio is taken when read. Every
# level, the commune's included, adds up the communes `places.Units.place()` sends it in each
# view: a merged commune's records count toward its successor in the current view, and from
# the quarter it ended on in the period view; the nation adds up every commune, the same in
# both views. Each commune's row is
# added up four to five times (not eight, as one join to every unit it counts toward did),
# and into whole-number sums where the indicator allows. A scoped refresh adds up only the
# units its communes count toward (`TOUCHED`), each from all of the communes it holds
# (`SHARING`).
def roll_up(scoped: bool) -> str:
    """The snapshot's rows of every level, from the first quarter on (scoped: touched only)."""
    sums = ", ".join(f"SUM(v.{column})" for column in COLUMNS)
    join = (
        f"{COMMUNE_FIGURES} v JOIN {SHARING if scoped else PLACES} p"
        " ON p.commune_id = v.commune_id AND p.y = v.y AND p.n = v.n"
    )
    recent = FROM_FIRST.format(a="v.")

    def touched(unit: str) -> str:
        if not scoped:
            return ""
        # Our own temporary table and places columns.
        within = f"SELECT t.view, t.{unit}, t.y, t.n FROM {TOUCHED} t"  # noqa: S608 (ours)
        return f" AND (p.view, p.{unit}, p.y, p.n) IN ({within})"

    return f"""
    INSERT INTO {IndicatorValue._meta.db_table}
        (view, level, unit_id, year, quarter, {", ".join(COLUMNS)})
    SELECT p.view, '{UnitLevel.COMMUNE}', p.commune_unit, v.y, v.n, {sums} FROM {join}
    WHERE p.commune_unit IS NOT NULL AND {recent}{touched("commune_unit")}
    GROUP BY p.view, p.commune_unit, v.y, v.n
    UNION ALL
    SELECT p.view, '{UnitLevel.STATION}', p.station, v.y, v.n, {sums} FROM {join}
    WHERE p.station IS NOT NULL AND {recent}{touched("station")}
    GROUP BY p.view, p.station, v.y, v.n
    UNION ALL
    SELECT p.view, '{UnitLevel.PROVINCE}', p.province, v.y, v.n, {sums} FROM {join}
    WHERE {recent}{touched("province")}
    GROUP BY p.view, p.province, v.y, v.n
    UNION ALL
    SELECT views.view, '{UnitLevel.NATION}', NULL, nation.* FROM (
        SELECT v.y, v.n, {sums} FROM {COMMUNE_FIGURES} v WHERE {recent} GROUP BY v.y, v.n
    ) nation CROSS JOIN (
        SELECT '{View.CURRENT}' AS view UNION ALL SELECT '{View.PERIOD}'
    ) views
    """  # noqa: S608 (our own tables, columns and choice values)
