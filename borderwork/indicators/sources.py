"""The set-based queries behind the indicators: each computes, in one statement, its columns
for every commune and every quarter at once.

A query joins the records to `q(y, n, s, e)`, the quarters (year, number, first day, last
day counted; the quarter in progress counts up to today). Stocks ("in force at the end of the
quarter") compare dates with `q.e`. Flows ("given during the quarter") do not join `q`: they
keep the records from `%(first)s` to `%(today)s` and group them by `YEAR_OF(date)` and
`QUARTER_OF(date)`, which `sql()` writes in the database's dialect. Comparing each record with
each of the quarters instead (`BETWEEN q.s AND q.e`) made the 1,000,000 support records a
nested loop of 24 million comparisons, six times slower. Each returns `commune_id, y, n` and
its columns; a ratio's denominator is `<column>_of`. Plain SQL for PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import re

from cadres.models import Assignment, CadreCandidate, Course, CourseParticipant, PartyAdmission
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    EthnicGroup,
    PartyCell,
)
from programmes.models import (
    Activity,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportRecord,
)

T = {
    "assignment": Assignment._meta.db_table,
    "commune": Commune._meta.db_table,
    "cell": PartyCell._meta.db_table,
    "regulation": CoordinationRegulation._meta.db_table,
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
}

# A commune that existed, an assignment that ran, at the end of the quarter.
EXISTED = (
    "({a}.valid_from IS NULL OR {a}.valid_from <= q.e)"
    " AND ({a}.valid_until IS NULL OR {a}.valid_until >= q.e)"
)
SERVING = "{a}.started_on <= q.e AND ({a}.ended_on IS NULL OR {a}.ended_on >= q.e)"


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
                WHERE a.commune_id = c.id AND a.kind = 'party_committee' AND {serving("a")}
            ) THEN 1 ELSE 0 END AS with_officer,
            1 AS with_officer_of
        FROM {T["commune"]} c JOIN q ON {existed("c")}
        WHERE c.is_border = %(true)s
    """,
    "assignments": f"""
        SELECT a.commune_id, q.y, q.n,
            COUNT(DISTINCT CASE WHEN a.kind = 'party_committee' THEN a.officer_id END) AS committee,
            COUNT(DISTINCT CASE WHEN a.kind = 'peoples_council' THEN a.officer_id END) AS council,
            COUNT(DISTINCT CASE WHEN a.kind = 'fatherland_front' THEN a.officer_id END) AS front
        FROM {T["assignment"]} a JOIN q ON {serving("a")}
        WHERE a.commune_id IS NOT NULL
        GROUP BY a.commune_id, q.y, q.n
    """,
    "cells": f"""
        SELECT pc.commune_id, q.y, q.n,
            COUNT(DISTINCT CASE WHEN a.id IS NOT NULL THEN pc.id END) AS with_member,
            COUNT(DISTINCT pc.id) AS with_member_of
        FROM {T["cell"]} pc
        JOIN {T["commune"]} c ON c.id = pc.commune_id
        JOIN q ON {existed("c")}
        LEFT JOIN {T["assignment"]} a
            ON a.party_cell_id = pc.id AND a.kind = 'party_cell' AND {serving("a")}
        GROUP BY pc.commune_id, q.y, q.n
    """,
    "regulations": f"""
        SELECT r.commune_id, q.y, q.n,
            COUNT(*) AS in_force,
            SUM(CASE WHEN r.review_due IS NOT NULL AND r.review_due <= q.e THEN 1 ELSE 0 END)
                AS due
        FROM {T["regulation"]} r
        JOIN {T["commune"]} c ON c.id = r.commune_id
        JOIN q ON r.signed_on <= q.e AND (r.expires_on IS NULL OR r.expires_on >= q.e)
            AND {existed("c")}
        GROUP BY r.commune_id, q.y, q.n
    """,
    "admissions": f"""
        SELECT p.commune_id, YEAR_OF(p.admitted_on) AS y, QUARTER_OF(p.admitted_on) AS n,
            COUNT(*) AS admitted
        FROM {T["admission"]} p
        WHERE p.admitted_on BETWEEN %(first)s AND %(today)s
        GROUP BY p.commune_id, YEAR_OF(p.admitted_on), QUARTER_OF(p.admitted_on)
    """,
    "candidates": f"""
        SELECT k.commune_id, YEAR_OF(k.identified_on) AS y, QUARTER_OF(k.identified_on) AS n,
            COUNT(*) AS identified
        FROM {T["candidate"]} k
        WHERE k.identified_on BETWEEN %(first)s AND %(today)s
        GROUP BY k.commune_id, YEAR_OF(k.identified_on), QUARTER_OF(k.identified_on)
    """,
    "courses": f"""
        SELECT co.commune_id, YEAR_OF(co.started_on) AS y, QUARTER_OF(co.started_on) AS n,
            COUNT(p.id) AS participants,
            SUM(CASE WHEN e.is_minority THEN 1 ELSE 0 END) AS minority
        FROM {T["course"]} co
        JOIN {T["participant"]} p ON p.course_id = co.id
        LEFT JOIN {T["ethnic"]} e ON e.id = p.ethnic_group_id
        WHERE co.started_on BETWEEN %(first)s AND %(today)s
        GROUP BY co.commune_id, YEAR_OF(co.started_on), QUARTER_OF(co.started_on)
    """,
    "support": f"""
        SELECT s.commune_id, YEAR_OF(s.given_on) AS y, QUARTER_OF(s.given_on) AS n,
            SUM(CASE WHEN p.unit = 'houses' THEN s.quantity ELSE 0 END) AS houses,
            SUM(CASE WHEN p.unit = 'cows' THEN s.quantity ELSE 0 END) AS cows,
            SUM(CASE WHEN p.unit = 'goats' THEN s.quantity ELSE 0 END) AS goats,
            SUM(CASE WHEN p.unit = 'children' THEN s.quantity ELSE 0 END) AS children,
            SUM(s.value_vnd) AS value
        FROM {T["support"]} s
        JOIN {T["programme"]} p ON p.id = s.programme_id
        WHERE s.given_on BETWEEN %(first)s AND %(today)s
        GROUP BY s.commune_id, YEAR_OF(s.given_on), QUARTER_OF(s.given_on)
    """,
    "self_management": f"""
        SELECT g.commune_id, q.y, q.n,
            COUNT(DISTINCT CASE WHEN g.kind = 'collective' THEN g.id END) AS collectives,
            COUNT(DISTINCT CASE WHEN g.kind = 'household' THEN g.id END) AS households,
            COUNT(DISTINCT gl.landmark_id) AS landmarks
        FROM {T["group"]} g
        JOIN q ON g.registered_on <= q.e AND (g.ended_on IS NULL OR g.ended_on >= q.e)
        LEFT JOIN {T["group_landmarks"]} gl ON gl.selfmanagementgroup_id = g.id
        GROUP BY g.commune_id, q.y, q.n
    """,
    "models": f"""
        SELECT m.commune_id, q.y, q.n, COUNT(*) AS recognised
        FROM {T["model"]} m
        JOIN q ON m.recognised_year IS NOT NULL AND m.recognised_year <= q.y
            AND m.started_on <= q.e
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
        WHERE pr.poor_household_rate IS NOT NULL
        GROUP BY pr.commune_id, q.y, q.n
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
                                 AND a.kind = 'party_committee' AND {serving("a")})
                    THEN 1 ELSE 0 END)
            + (CASE WHEN EXISTS (SELECT 1 FROM {T["regulation"]} r WHERE r.commune_id = c.id
                                 AND r.signed_on <= q.e
                                 AND (r.expires_on IS NULL OR r.expires_on >= q.e))
                    THEN 1 ELSE 0 END) AS present,
            5 AS present_of
        FROM {T["commune"]} c JOIN q ON {existed("c")}
        WHERE c.is_border = %(true)s
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


def sql(name: str, vendor: str) -> str:
    """The source query `name` for the database `vendor`, its YEAR_OF/QUARTER_OF written out."""
    parts = DATE_PARTS[vendor]
    return re.sub(
        r"\b(YEAR|QUARTER)_OF\(([\w.]+)\)",
        lambda match: parts[match[1]].format(match[2]),
        SOURCES[name],
    )
