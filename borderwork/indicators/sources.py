"""The set-based queries behind the indicators: each computes, in one statement, its columns
for every commune and every quarter at once.

A query joins the records to `q(i, y, n, s, e)`, the quarters (index from 0, year, number,
first day, last day counted; the quarter in progress counts up to today). Stocks ("in force at
the end of the quarter") compare dates with `q.e`, or, where there are many records, work out
per record the quarters it is in force (`in_force()`) and count changes instead
(`changes()`). Flows ("given during the quarter") do not join `q`: they
keep the records from `%(first)s` to `%(today)s` and group them by `YEAR_OF(date)` and
`QUARTER_OF(date)`, which `sql()` writes in the database's dialect. Comparing each record with
each of the quarters instead (`BETWEEN q.s AND q.e`) made the 1,000,000 support records a
nested loop of 24 million comparisons, six times slower. Each returns `commune_id, y, n` and
its columns; a ratio's denominator is `<column>_of`. Plain SQL for PostgreSQL and SQLite alike.

Every query keeps only the records of the communes in scope: `IN_SCOPE(commune)` on each table
it reads by commune. A full rebuild has every commune in scope; the refresh after a few
writes only the communes they marked (`marks.py`), so it reads their rows alone.
"""

from __future__ import annotations

import re

from django.db import connection, models

from cadres.models import (
    Assignment,
    AssignmentKind,
    CadreCandidate,
    Course,
    CourseParticipant,
    PartyAdmission,
    Petition,
    PetitionStatus,
)
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    EthnicGroup,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    QualityRating,
    RegulationReview,
)
from programmes.models import (
    Activity,
    ActivityKind,
    FollowUpStatus,
    GroupKind,
    MassMobilisationModel,
    OutputUnit,
    Programme,
    ProgrammeKind,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)

# The tables the sources read, by name (the triggers of `marks.py` are keyed by these)...
TABLE_NAMES = {
    "assignment": Assignment._meta.db_table,
    "commune": Commune._meta.db_table,
    "cell": PartyCell._meta.db_table,
    "regulation": CoordinationRegulation._meta.db_table,
    "review": RegulationReview._meta.db_table,
    "admission": PartyAdmission._meta.db_table,
    "candidate": CadreCandidate._meta.db_table,
    "course": Course._meta.db_table,
    "participant": CourseParticipant._meta.db_table,
    "ethnic": EthnicGroup._meta.db_table,
    "support": SupportRecord._meta.db_table,
    "programme": Programme._meta.db_table,
    "group": SelfManagementGroup._meta.db_table,
    "group_landmarks": SelfManagementGroup.landmarks.through._meta.db_table,
    "model": MassMobilisationModel._meta.db_table,
    "profile": CommuneProfile._meta.db_table,
    "activity": Activity._meta.db_table,
    "petition": Petition._meta.db_table,
    "committee": PartyCommittee._meta.db_table,
    "committee_rating": PartyCommitteeRating._meta.db_table,
    "cell_rating": PartyCellRating._meta.db_table,
    "follow_up": SupportFollowUp._meta.db_table,
}
# ...and as the SQL writes them, quoted.
T = {key: connection.ops.quote_name(name) for key, name in TABLE_NAMES.items()}


def value(choice: models.Choices) -> str:
    """A choice's value as an SQL string literal: renaming the choice changes the query with it,
    instead of leaving a literal that silently counts zero."""
    return "'" + str(choice.value).replace("'", "''") + "'"


# The choices the sources count by, as literals.
COMMITTEE = value(AssignmentKind.PARTY_COMMITTEE)
COUNCIL = value(AssignmentKind.PEOPLES_COUNCIL)
FRONT = value(AssignmentKind.FATHERLAND_FRONT)
CELL = value(AssignmentKind.PARTY_CELL)
HOUSES = value(OutputUnit.HOUSES)
COWS = value(OutputUnit.COWS)
GOATS = value(OutputUnit.GOATS)
CHILDREN = value(OutputUnit.CHILDREN)
COLLECTIVE = value(GroupKind.COLLECTIVE)
HOUSEHOLD = value(GroupKind.HOUSEHOLD)
UNIONS = ", ".join(
    value(kind)
    for kind in (AssignmentKind.YOUTH_UNION, AssignmentKind.WOMENS_UNION, AssignmentKind.VETERANS)
)
SECURITY_TEAM = value(GroupKind.SECURITY_TEAM)
RECONCILIATION_TEAM = value(GroupKind.RECONCILIATION_TEAM)
PROPAGANDA = value(ActivityKind.PROPAGANDA)
SCHOLARSHIP = value(ProgrammeKind.SCHOLARSHIP)
RESOLVED = ", ".join(value(s) for s in (PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED))
GOOD = ", ".join(value(r) for r in (QualityRating.EXCELLENT, QualityRating.GOOD))
ENDED = value(FollowUpStatus.ENDED)

# A commune that existed, an assignment that ran, at the end of the quarter.
EXISTED = (
    "({a}.valid_from IS NULL OR {a}.valid_from <= q.e)"
    " AND ({a}.valid_until IS NULL OR {a}.valid_until >= q.e)"
)
SERVING = "{a}.started_on <= q.e AND ({a}.ended_on IS NULL OR {a}.ended_on >= q.e)"


def in_force(start: str, end: str) -> str:
    """`lo, hi`: the first and last quarter (`q.i`) whose end falls from `start` to `end`
    (dates or NULL for open), the quarters in which `EXISTED` or `SERVING` holds; none when
    `lo > hi`. Only for records that started by today (`started()`): a quarter ends on its
    last day, but the quarter in progress on today. Arithmetic on the record's own dates,
    instead of comparing each record with each quarter.
    """
    return (
        f"CASE WHEN {start} IS NULL OR {start} < %(first)s THEN 0"
        f" ELSE QUARTER_INDEX_OF({start}) END AS lo,"
        f" CASE WHEN {end} IS NULL OR {end} >= %(today)s THEN %(last)s"
        f" WHEN {end} IN (SELECT e FROM q) THEN QUARTER_INDEX_OF({end})"
        f" ELSE QUARTER_INDEX_OF({end}) - 1 END AS hi"
    )


def started(start: str) -> str:
    return f"({start} IS NULL OR {start} <= %(today)s)"


def changes(spans: str, keep: str, once_per: str) -> str:
    """`keep, i, d`: +1 in the first quarter of each span of `spans` (`keep`, `once_per`,
    `lo`, `hi`), -1 in the quarter after its last. A running sum of `d` over the quarters
    then counts what is in force, each `once_per` at most once: a span is first cut to the
    quarters the earlier spans of its `once_per` did not cover (`COUNT(DISTINCT ...)`).
    """
    return f"""
        SELECT {keep}, CASE WHEN sign.d = 1 THEN lo ELSE hi + 1 END AS i, sign.d
        FROM (
            SELECT {keep}, hi, CASE WHEN covered >= lo THEN covered + 1 ELSE lo END AS lo
            FROM (
                SELECT {keep}, lo, hi, MAX(hi) OVER (
                    PARTITION BY {once_per} ORDER BY lo, hi
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                ) AS covered
                FROM {spans} WHERE lo <= hi
            ) spans
        ) own
        CROSS JOIN (SELECT 1 AS d UNION ALL SELECT -1) sign
        WHERE own.lo <= own.hi
    """


def existed(alias: str) -> str:
    return EXISTED.format(a=alias)


def serving(alias: str) -> str:
    return SERVING.format(a=alias)


SOURCES: dict[str, str] = {
    # Border communes existing at the quarter's end, and whether an officer sits on the committee.
    "committee": f"""
        SELECT c.id AS commune_id, q.y, q.n,
            CASE WHEN EXISTS (
                SELECT 1 FROM {T["assignment"]} a
                WHERE a.commune_id = c.id AND a.kind = {COMMITTEE} AND {serving("a")}
            ) THEN 1 ELSE 0 END AS with_officer,
            1 AS with_officer_of
        FROM {T["commune"]} c JOIN q ON {existed("c")}
        WHERE c.is_border = %(true)s AND IN_SCOPE(c.id)
    """,
    # Officers serving at the quarter's end, each once per commune and kind.
    "assignments": f"""
        WITH spans AS (
            SELECT a.commune_id, a.kind, a.officer_id, {in_force("a.started_on", "a.ended_on")}
            FROM {T["assignment"]} a
            WHERE a.commune_id IS NOT NULL AND {started("a.started_on")}
                AND a.kind IN ({COMMITTEE}, {COUNCIL}, {FRONT}, {UNIONS})
                AND IN_SCOPE(a.commune_id)
        ), moves AS (
            SELECT commune_id, i,
                SUM(CASE WHEN kind = {COMMITTEE} THEN d ELSE 0 END) AS committee,
                SUM(CASE WHEN kind = {COUNCIL} THEN d ELSE 0 END) AS council,
                SUM(CASE WHEN kind = {FRONT} THEN d ELSE 0 END) AS front,
                SUM(CASE WHEN kind IN ({UNIONS}) THEN d ELSE 0 END) AS unions
            FROM ({changes("spans", "commune_id, kind", "commune_id, kind, officer_id")}) c
            GROUP BY commune_id, i
        )
        SELECT g.commune_id, q.y, q.n,
            SUM(COALESCE(m.committee, 0)) OVER (PARTITION BY g.commune_id ORDER BY q.i)
                AS committee,
            SUM(COALESCE(m.council, 0)) OVER (PARTITION BY g.commune_id ORDER BY q.i) AS council,
            SUM(COALESCE(m.front, 0)) OVER (PARTITION BY g.commune_id ORDER BY q.i) AS front,
            SUM(COALESCE(m.unions, 0)) OVER (PARTITION BY g.commune_id ORDER BY q.i) AS unions
        FROM (SELECT DISTINCT commune_id FROM moves) g
        CROSS JOIN q
        LEFT JOIN moves m ON m.commune_id = g.commune_id AND m.i = q.i
    """,
    # Village cells existing at the quarter's end in communes existing then, and those where a
    # party_cell assignment serves then.
    "cells": f"""
        WITH alive AS (
            SELECT c.id AS commune_id, {in_force("c.valid_from", "c.valid_until")}
            FROM {T["commune"]} c WHERE {started("c.valid_from")} AND IN_SCOPE(c.id)
        ), spans AS (
            SELECT pc.commune_id, a.party_cell_id, {in_force("a.started_on", "a.ended_on")}
            FROM {T["assignment"]} a JOIN {T["cell"]} pc ON pc.id = a.party_cell_id
            WHERE a.kind = {CELL} AND {started("a.started_on")} AND IN_SCOPE(pc.commune_id)
        ), moves AS (
            SELECT commune_id, i, SUM(d) AS d
            FROM ({changes("spans", "commune_id", "party_cell_id")}) c
            GROUP BY commune_id, i
        ), cells AS (
            SELECT pc.commune_id, q.i, COUNT(*) AS cells
            FROM {T["cell"]} pc
            JOIN q ON (pc.founded_on IS NULL OR pc.founded_on <= q.e)
                AND (pc.dissolved_on IS NULL OR pc.dissolved_on >= q.e)
            WHERE IN_SCOPE(pc.commune_id)
            GROUP BY pc.commune_id, q.i
        )
        SELECT commune_id, y, n, with_member, with_member_of FROM (
            SELECT al.commune_id, q.y, q.n, q.i, al.lo, al.hi,
                SUM(COALESCE(m.d, 0)) OVER (PARTITION BY al.commune_id ORDER BY q.i)
                    AS with_member,
                ce.cells AS with_member_of
            FROM alive al
            CROSS JOIN q
            JOIN cells ce ON ce.commune_id = al.commune_id AND ce.i = q.i
            LEFT JOIN moves m ON m.commune_id = al.commune_id AND m.i = q.i
        ) counted
        WHERE i BETWEEN lo AND hi
    """,
    # Regulations in force at the quarter's end, and those whose review date, as it stood
    # then, had come: a review held later moved the date, and kept the one it replaced.
    "regulations": f"""
        SELECT r.commune_id, q.y, q.n,
            COUNT(*) AS in_force,
            SUM(CASE WHEN COALESCE((
                SELECT rv.previous_due FROM {T["review"]} rv
                WHERE rv.regulation_id = r.id AND rv.held_on > q.e
                    AND rv.previous_due IS NOT NULL
                ORDER BY rv.held_on, rv.id LIMIT 1
            ), r.review_due) <= q.e THEN 1 ELSE 0 END) AS due
        FROM {T["regulation"]} r
        JOIN {T["commune"]} c ON c.id = r.commune_id
        JOIN q ON r.signed_on <= q.e AND (r.expires_on IS NULL OR r.expires_on >= q.e)
            AND {existed("c")}
        WHERE IN_SCOPE(r.commune_id)
        GROUP BY r.commune_id, q.y, q.n
    """,
    "admissions": f"""
        SELECT p.commune_id, YEAR_OF(p.admitted_on) AS y, QUARTER_OF(p.admitted_on) AS n,
            COUNT(*) AS admitted
        FROM {T["admission"]} p
        WHERE p.admitted_on BETWEEN %(first)s AND %(today)s AND IN_SCOPE(p.commune_id)
        GROUP BY p.commune_id, YEAR_OF(p.admitted_on), QUARTER_OF(p.admitted_on)
    """,
    "candidates": f"""
        SELECT k.commune_id, YEAR_OF(k.identified_on) AS y, QUARTER_OF(k.identified_on) AS n,
            COUNT(*) AS identified
        FROM {T["candidate"]} k
        WHERE k.identified_on BETWEEN %(first)s AND %(today)s AND IN_SCOPE(k.commune_id)
        GROUP BY k.commune_id, YEAR_OF(k.identified_on), QUARTER_OF(k.identified_on)
    """,
    # Participants count at the commune they come from (the host commune's when the record
    # names none), in the quarter their course started.
    "courses": f"""
        SELECT COALESCE(p.commune_id, co.commune_id) AS commune_id,
            YEAR_OF(co.started_on) AS y, QUARTER_OF(co.started_on) AS n,
            COUNT(p.id) AS participants,
            SUM(CASE WHEN e.is_minority THEN 1 ELSE 0 END) AS minority
        FROM {T["course"]} co
        JOIN {T["participant"]} p ON p.course_id = co.id
        LEFT JOIN {T["ethnic"]} e ON e.id = p.ethnic_group_id
        WHERE co.started_on BETWEEN %(first)s AND %(today)s
            AND (IN_SCOPE(p.commune_id) OR p.commune_id IS NULL AND IN_SCOPE(co.commune_id))
        GROUP BY COALESCE(p.commune_id, co.commune_id), YEAR_OF(co.started_on),
            QUARTER_OF(co.started_on)
    """,
    "support": f"""
        SELECT s.commune_id, YEAR_OF(s.given_on) AS y, QUARTER_OF(s.given_on) AS n,
            SUM(CASE WHEN p.unit = {HOUSES} THEN s.quantity ELSE 0 END) AS houses,
            SUM(CASE WHEN p.unit = {COWS} THEN s.quantity ELSE 0 END) AS cows,
            SUM(CASE WHEN p.unit = {GOATS} THEN s.quantity ELSE 0 END) AS goats,
            SUM(CASE WHEN p.unit = {CHILDREN} THEN s.quantity ELSE 0 END) AS children,
            SUM(CASE WHEN p.kind = {SCHOLARSHIP} THEN s.quantity ELSE 0 END) AS scholarships,
            SUM(s.value_vnd) AS value
        FROM {T["support"]} s
        JOIN {T["programme"]} p ON p.id = s.programme_id
        WHERE s.given_on BETWEEN %(first)s AND %(today)s AND IN_SCOPE(s.commune_id)
        GROUP BY s.commune_id, YEAR_OF(s.given_on), QUARTER_OF(s.given_on)
    """,
    "self_management": f"""
        SELECT g.commune_id, q.y, q.n,
            COUNT(DISTINCT CASE WHEN g.kind = {COLLECTIVE} THEN g.id END) AS collectives,
            COUNT(DISTINCT CASE WHEN g.kind = {HOUSEHOLD} THEN g.id END) AS households,
            COUNT(DISTINCT gl.landmark_id) AS landmarks
        FROM {T["group"]} g
        JOIN q ON g.registered_on <= q.e AND (g.ended_on IS NULL OR g.ended_on >= q.e)
        LEFT JOIN {T["group_landmarks"]} gl ON gl.selfmanagementgroup_id = g.id
        WHERE IN_SCOPE(g.commune_id)
        GROUP BY g.commune_id, q.y, q.n
    """,
    "models": f"""
        SELECT m.commune_id, q.y, q.n, COUNT(*) AS recognised
        FROM {T["model"]} m
        JOIN q ON m.recognised_year IS NOT NULL AND m.recognised_year <= q.y
            AND m.started_on <= q.e
        WHERE IN_SCOPE(m.commune_id)
        GROUP BY m.commune_id, q.y, q.n
    """,
    # Poor households = rate x households; the ratio of sums is the rate of the whole area.
    "profiles": f"""
        SELECT pr.commune_id, q.y, q.n,
            SUM(pr.poor_household_rate * pr.households / 100.0) AS poor,
            SUM(pr.households) AS poor_of
        FROM {T["profile"]} pr
        JOIN {T["commune"]} c ON c.id = pr.commune_id
        JOIN q ON pr.year = q.y AND {existed("c")}
        WHERE pr.poor_household_rate IS NOT NULL AND IN_SCOPE(pr.commune_id)
        GROUP BY pr.commune_id, q.y, q.n
    """,
    # Voters' petitions at the delegate's commune: received in the quarter, and resolved in it.
    "petitions": f"""
        SELECT commune_id, YEAR_OF(day) AS y, QUARTER_OF(day) AS n,
            SUM(received) AS received, SUM(resolved) AS resolved
        FROM (
            SELECT a.commune_id, pe.received_on AS day, 1 AS received, 0 AS resolved
            FROM {T["petition"]} pe JOIN {T["assignment"]} a ON a.id = pe.assignment_id
            WHERE pe.received_on BETWEEN %(first)s AND %(today)s
            UNION ALL
            SELECT a.commune_id, pe.resolved_on, 0, 1
            FROM {T["petition"]} pe JOIN {T["assignment"]} a ON a.id = pe.assignment_id
            WHERE pe.resolved_on BETWEEN %(first)s AND %(today)s
                AND pe.status IN ({RESOLVED})
        ) p
        WHERE commune_id IS NOT NULL AND IN_SCOPE(commune_id)
        GROUP BY commune_id, YEAR_OF(day), QUARTER_OF(day)
    """,
    # Security and reconciliation teams active at the quarter's end (not self-management).
    "teams": f"""
        SELECT g.commune_id, q.y, q.n,
            SUM(CASE WHEN g.kind = {SECURITY_TEAM} THEN 1 ELSE 0 END) AS security,
            SUM(CASE WHEN g.kind = {RECONCILIATION_TEAM} THEN 1 ELSE 0 END) AS reconciliation
        FROM {T["group"]} g
        JOIN q ON g.registered_on <= q.e AND (g.ended_on IS NULL OR g.ended_on >= q.e)
        WHERE g.kind IN ({SECURITY_TEAM}, {RECONCILIATION_TEAM}) AND IN_SCOPE(g.commune_id)
        GROUP BY g.commune_id, q.y, q.n
    """,
    "activities": f"""
        SELECT t.commune_id, YEAR_OF(t.held_on) AS y, QUARTER_OF(t.held_on) AS n,
            SUM(CASE WHEN t.kind = {PROPAGANDA} THEN t.sessions ELSE 0 END) AS sessions,
            SUM(CASE WHEN t.kind = {PROPAGANDA} THEN t.attendees ELSE 0 END) AS attendees,
            SUM(t.prestigious_people) AS prestigious
        FROM {T["activity"]} t
        WHERE t.held_on BETWEEN %(first)s AND %(today)s AND IN_SCOPE(t.commune_id)
        GROUP BY t.commune_id, YEAR_OF(t.held_on), QUARTER_OF(t.held_on)
    """,
    # The year's ratings of the committees and cells existing at the quarter's end: rated good
    # or better, over those rated.
    "ratings": f"""
        SELECT commune_id, y, n,
            SUM(committees) AS committees, SUM(committees_of) AS committees_of,
            SUM(cells) AS cells, SUM(cells_of) AS cells_of
        FROM (
            SELECT pc.commune_id, q.y, q.n,
                CASE WHEN r.rating IN ({GOOD}) THEN 1 ELSE 0 END AS committees,
                1 AS committees_of, 0 AS cells, 0 AS cells_of
            FROM {T["committee_rating"]} r
            JOIN {T["committee"]} pc ON pc.id = r.committee_id
            JOIN {T["commune"]} c ON c.id = pc.commune_id
            JOIN q ON r.year = q.y AND {existed("c")}
            WHERE IN_SCOPE(pc.commune_id)
            UNION ALL
            SELECT ce.commune_id, q.y, q.n, 0, 0,
                CASE WHEN r.rating IN ({GOOD}) THEN 1 ELSE 0 END, 1
            FROM {T["cell_rating"]} r
            JOIN {T["cell"]} ce ON ce.id = r.cell_id
            JOIN {T["commune"]} c ON c.id = ce.commune_id
            JOIN q ON r.year = q.y AND {existed("c")}
                AND (ce.founded_on IS NULL OR ce.founded_on <= q.e)
                AND (ce.dissolved_on IS NULL OR ce.dissolved_on >= q.e)
            WHERE IN_SCOPE(ce.commune_id)
        ) rated
        GROUP BY commune_id, y, n
    """,
    # Children taken in under a sponsorship programme by the quarter's end and not recorded
    # as ended by then: the children sponsored now, a stock. Each record is in force from
    # the quarter it was given (`lo`) to the one before its first "ended" follow-up (`hi`);
    # its quantity comes in at `lo` and leaves after `hi`, and a running sum over the
    # quarters counts the stock, instead of comparing each record with each quarter.
    "sponsored": f"""
        WITH spans AS (
            SELECT s.commune_id, s.quantity,
                CASE WHEN s.given_on < %(first)s THEN 0
                    ELSE QUARTER_INDEX_OF(s.given_on) END AS lo,
                CASE WHEN f.ended IS NULL OR f.ended > %(today)s THEN %(last)s
                    ELSE QUARTER_INDEX_OF(f.ended) - 1 END AS hi
            FROM {T["support"]} s
            JOIN {T["programme"]} p ON p.id = s.programme_id
            LEFT JOIN (
                SELECT record_id, MIN(checked_on) AS ended FROM {T["follow_up"]}
                WHERE status = {ENDED} GROUP BY record_id
            ) f ON f.record_id = s.id
            WHERE p.sponsorship = %(true)s AND {started("s.given_on")} AND IN_SCOPE(s.commune_id)
        ), moves AS (
            SELECT commune_id, i, SUM(d) AS d FROM (
                SELECT commune_id, lo AS i, quantity AS d FROM spans WHERE lo <= hi
                UNION ALL
                SELECT commune_id, hi + 1, -quantity FROM spans WHERE lo <= hi
            ) m
            GROUP BY commune_id, i
        )
        SELECT g.commune_id, q.y, q.n,
            SUM(COALESCE(m.d, 0)) OVER (PARTITION BY g.commune_id ORDER BY q.i) AS children
        FROM (SELECT DISTINCT commune_id FROM moves) g
        CROSS JOIN q
        LEFT JOIN moves m ON m.commune_id = g.commune_id AND m.i = q.i
    """,
    # Five things a border commune's quarter should have on record.
    "completeness": f"""
        SELECT c.id AS commune_id, q.y, q.n,
            (CASE WHEN EXISTS (SELECT 1 FROM {T["profile"]} pr
                               WHERE pr.commune_id = c.id AND pr.year = q.y)
                  THEN 1 ELSE 0 END)
            + (CASE WHEN EXISTS (SELECT 1 FROM {T["support"]} s WHERE s.commune_id = c.id
                                 AND s.given_on BETWEEN q.s AND q.e) THEN 1 ELSE 0 END)
            + (CASE WHEN EXISTS (SELECT 1 FROM {T["activity"]} t WHERE t.commune_id = c.id
                                 AND t.held_on BETWEEN q.s AND q.e) THEN 1 ELSE 0 END)
            + (CASE WHEN EXISTS (SELECT 1 FROM {T["assignment"]} a WHERE a.commune_id = c.id
                                 AND a.kind = {COMMITTEE} AND {serving("a")})
                    THEN 1 ELSE 0 END)
            + (CASE WHEN EXISTS (SELECT 1 FROM {T["regulation"]} r WHERE r.commune_id = c.id
                                 AND r.signed_on <= q.e
                                 AND (r.expires_on IS NULL OR r.expires_on >= q.e))
                    THEN 1 ELSE 0 END) AS present,
            5 AS present_of
        FROM {T["commune"]} c JOIN q ON {existed("c")}
        WHERE c.is_border = %(true)s AND IN_SCOPE(c.id)
    """,
}

# A date's year and quarter, as integers, in each database's dialect (`%%` is a literal `%`).
DATE_PARTS = {
    "postgresql": {
        "YEAR": "CAST(EXTRACT(YEAR FROM {0}) AS INTEGER)",
        "QUARTER": "CAST(EXTRACT(QUARTER FROM {0}) AS INTEGER)",
    },
    "sqlite": {
        "YEAR": "CAST(strftime('%%Y', {0}) AS INTEGER)",
        "QUARTER": "((CAST(strftime('%%m', {0}) AS INTEGER) + 2) / 3)",
    },
}


def sql(name: str, vendor: str, scoped: bool = False) -> str:
    """The source query `name` for the database `vendor`, its YEAR_OF/QUARTER_OF written out
    (QUARTER_INDEX_OF: the quarter's `q.i`, counted from the first quarter, `n0` of `y0`);
    `scoped`: only the communes in `%(communes)s` (IN_SCOPE), else every commune."""
    parts = DATE_PARTS[vendor]
    text = re.sub(
        r"\bIN_SCOPE\(([\w.]+)\)",
        r"(\1 = ANY(%(communes)s))" if scoped else "(1 = 1)",
        SOURCES[name],
    )
    text = re.sub(
        r"\bQUARTER_INDEX_OF\(([\w.]+)\)",
        r"((YEAR_OF(\1) - %(y0)s) * 4 + QUARTER_OF(\1) - %(n0)s)",
        text,
    )
    return re.sub(
        r"\b(YEAR|QUARTER)_OF\(([\w.]+)\)",
        lambda match: parts[match[1]].format(match[2]),
        text,
    )
