"""What changed since the last rebuild: PostgreSQL triggers leave a mark for every write.

Every table the rebuild reads has statement-level triggers (after INSERT, UPDATE, DELETE and
TRUNCATE). A statement that changed rows writes one `DirtyMark` per commune whose figures it
may have changed (an update that moves a record marks both communes): the first day from which
it may have changed them, or none where it may have changed any quarter. A write that may
have changed every commune's figures (a merger, a station's coverage, a programme's unit)
leaves one mark with no commune. The next rebuild of the same day recomputes only the marked
communes' rows and the units above them; a rebuild on a later day, or after a mark with no
commune, recomputes every commune from the earliest marked quarter on (`rebuild.Plan`); the
older quarters keep their figures. The database writes the mark, so no write path escapes it:
forms, the admin, imports, `bulk_create`, `QuerySet.update()` and plain SQL alike. Other
databases (SQLite, the embedded default) have no marks, and every rebuild there is a full one.

`install()` runs after every `migrate` (`apps.py`), so the triggers always match this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from borderwork.indicators.models import DirtyMark
from borderwork.indicators.sources import TABLE_NAMES, T
from communes.models import Province, StationCoverage


@dataclass(frozen=True)
class Mark:
    # SQL over a row `{r}`: the first day whose figures the row counts toward; NULL: any day.
    since: str
    # A stock's closing date: an update of that column alone changes figures only from the
    # earlier of the old and new dates on (ending a term does not touch the years it ran).
    ends: str | None = None
    # False where a new row alone changes no figure (a programme no record names yet): the
    # record that names it leaves its own mark.
    inserts: bool = True
    # A query over a row `{r}`: the communes whose figures the row counts toward, one a row
    # (none: no commune's). A NULL commune means every commune.
    communes: str = "SELECT {r}.commune_id"


EVERY_COMMUNE = "SELECT CAST(NULL AS bigint)"
ANY_DAY = Mark("CAST(NULL AS date)", communes=EVERY_COMMUNE)
A_NAME = Mark("CAST(NULL AS date)", inserts=False, communes=EVERY_COMMUNE)

# Each table the rebuild reads (`sources.T`, and `Units`: communes, provinces, coverage).
MARKS: dict[str, Mark] = {
    TABLE_NAMES["support"]: Mark("{r}.given_on"),
    TABLE_NAMES["activity"]: Mark("{r}.held_on"),
    TABLE_NAMES["admission"]: Mark("{r}.admitted_on"),
    TABLE_NAMES["candidate"]: Mark("{r}.identified_on"),
    # A course's participants count at their own commune, or the course's where they name none.
    TABLE_NAMES["course"]: Mark(
        "{r}.started_on",
        communes=f"SELECT {{r}}.commune_id UNION SELECT p.commune_id FROM {T['participant']} p"
        " WHERE p.course_id = {r}.id AND p.commune_id IS NOT NULL",
    ),
    # A participant counts in its course's quarter (a course already deleted: any day, any
    # commune).
    TABLE_NAMES["participant"]: Mark(
        f"(SELECT c.started_on FROM {T['course']} c WHERE c.id = {{r}}.course_id)",
        communes=f"SELECT COALESCE({{r}}.commune_id,"
        f" (SELECT c.commune_id FROM {T['course']} c WHERE c.id = {{r}}.course_id))",
    ),
    # An assignment counts at its commune, and at its party cell's (none: at no commune).
    TABLE_NAMES["assignment"]: Mark(
        "{r}.started_on",
        ends="ended_on",
        communes=f"SELECT {{r}}.commune_id WHERE {{r}}.commune_id IS NOT NULL"
        f" UNION SELECT pc.commune_id FROM {T['cell']} pc WHERE pc.id = {{r}}.party_cell_id",
    ),
    TABLE_NAMES["regulation"]: Mark("{r}.signed_on", ends="expires_on"),
    # A review moves the due date from the day it was held; the quarters before keep theirs.
    TABLE_NAMES["review"]: Mark(
        "{r}.held_on",
        communes=f"SELECT (SELECT r.commune_id FROM {T['regulation']} r"
        " WHERE r.id = {r}.regulation_id)",
    ),
    TABLE_NAMES["group"]: Mark("{r}.registered_on", ends="ended_on"),
    TABLE_NAMES["group_landmarks"]: Mark(
        f"(SELECT g.registered_on FROM {T['group']} g WHERE g.id = {{r}}.selfmanagementgroup_id)",
        communes=f"SELECT (SELECT g.commune_id FROM {T['group']} g"
        " WHERE g.id = {r}.selfmanagementgroup_id)",
    ),
    # Counted from the later of the start and the year recognised: the start is a bound.
    TABLE_NAMES["model"]: Mark("{r}.started_on"),
    TABLE_NAMES["profile"]: Mark("make_date({r}.year, 1, 1)"),
    TABLE_NAMES["commune"]: ANY_DAY,
    # A cell with no founding date counts since before the records: any day.
    TABLE_NAMES["cell"]: Mark("{r}.founded_on", ends="dissolved_on"),
    # Counted when received and when resolved: an update of the second alone changes figures
    # from the earlier of its old and new dates.
    # Each counts at the commune of the row it belongs to.
    TABLE_NAMES["petition"]: Mark(
        "{r}.received_on",
        ends="resolved_on",
        communes=f"SELECT (SELECT a.commune_id FROM {T['assignment']} a"
        " WHERE a.id = {r}.assignment_id)",
    ),
    TABLE_NAMES["committee"]: A_NAME,
    TABLE_NAMES["committee_rating"]: Mark(
        "make_date({r}.year, 1, 1)",
        communes=f"SELECT (SELECT c.commune_id FROM {T['committee']} c"
        " WHERE c.id = {r}.committee_id)",
    ),
    TABLE_NAMES["cell_rating"]: Mark(
        "make_date({r}.year, 1, 1)",
        communes=f"SELECT (SELECT c.commune_id FROM {T['cell']} c WHERE c.id = {{r}}.cell_id)",
    ),
    # "Ended" ends a sponsorship from the day it was checked.
    TABLE_NAMES["follow_up"]: Mark(
        "{r}.checked_on",
        communes=f"SELECT (SELECT s.commune_id FROM {T['support']} s WHERE s.id = {{r}}.record_id)",
    ),
    TABLE_NAMES["programme"]: A_NAME,
    TABLE_NAMES["ethnic"]: A_NAME,
    Province._meta.db_table: ANY_DAY,
    StationCoverage._meta.db_table: ANY_DAY,
}

MARK_TABLE = DirtyMark._meta.db_table
quote = connection.ops.quote_name


def _since(mark: Mark, row: str) -> str:
    return mark.since.replace("{r}", row)


def _communes(mark: Mark, row: str) -> str:
    return mark.communes.replace("{r}", row)


def function_sql(table: str, mark: Mark) -> str:
    """The trigger function of one table: one mark per commune a statement changed rows of.

    A row's NULL day means any day, and so does the commune's mark then. An update marks the
    communes of the row before and after it (a record moved to another commune changes
    both). An update that leaves a row as it was (a form saved unchanged) marks nothing.
    """
    old, new = _since(mark, "o"), _since(mark, "n")
    both = f"CASE WHEN {old} IS NULL OR {new} IS NULL THEN NULL ELSE LEAST({old}, {new}) END"
    if mark.ends:
        # Rows equal but for the closing date: from the earlier of the two dates on.
        only_end = f"to_jsonb(o) - '{mark.ends}' = to_jsonb(n) - '{mark.ends}'"
        both = f"CASE WHEN {only_end} THEN LEAST(o.{mark.ends}, n.{mark.ends}) ELSE {both} END"
    old_communes, new_communes = _communes(mark, "o"), _communes(mark, "n")
    changed = {
        "INSERT": f"SELECT k.commune_id, {new} FROM new_rows n"
        f" CROSS JOIN LATERAL ({new_communes}) k (commune_id)"
        + ("" if mark.inserts else " WHERE false"),
        "DELETE": f"SELECT k.commune_id, {old} FROM old_rows o"
        f" CROSS JOIN LATERAL ({old_communes}) k (commune_id)",
        "UPDATE": (
            f"SELECT k.commune_id, {both} FROM old_rows o JOIN new_rows n ON n.id = o.id"
            f" CROSS JOIN LATERAL ({old_communes} UNION {new_communes}) k (commune_id)"
            " WHERE to_jsonb(o) <> to_jsonb(n)"
        ),
    }
    branches = "\n".join(
        f"""    {"IF" if i == 0 else "ELSIF"} TG_OP = '{operation}' THEN
        INSERT INTO {quote(MARK_TABLE)} (table_name, commune_id, since)
        SELECT TG_TABLE_NAME, commune_id,
            CASE WHEN bool_or(since IS NULL) THEN NULL ELSE MIN(since) END
        FROM ({query}) changed (commune_id, since) GROUP BY commune_id;"""
        for i, (operation, query) in enumerate(changed.items())
    )
    return f"""
CREATE OR REPLACE FUNCTION {function_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{branches}
    ELSE  -- TRUNCATE
        INSERT INTO {quote(MARK_TABLE)} (table_name, commune_id, since)
        VALUES (TG_TABLE_NAME, NULL, NULL);
    END IF;
    RETURN NULL;
END
$$"""


def function_name(table: str) -> str:
    """The trigger function's name, quoted for SQL."""
    return quote(f"indicator_mark_{table}")


TRIGGERS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
    "truncate": "AFTER TRUNCATE ON {table}",
}


def install(connection) -> None:
    """Create or replace every table's trigger function and triggers (PostgreSQL only).

    A table not there yet (a partial `migrate`) is left out until the next.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [MARK_TABLE])
        if not cursor.fetchone()[0]:
            return
        for table, mark in MARKS.items():
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(function_sql(table, mark))
            for event, clause in TRIGGERS.items():
                name = quote(f"indicator_mark_{event}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
                cursor.execute(
                    f"CREATE TRIGGER {name} {clause.format(table=quote(table))}"
                    f" FOR EACH STATEMENT EXECUTE FUNCTION {function_name(table)}()"
                )
