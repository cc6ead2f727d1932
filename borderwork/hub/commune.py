"""The commune page as a hub: everything done in one commune, and its gaps, in one place."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from cadres.models import Assignment, AssignmentKind
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    PartyCell,
    PartyCellRating,
    RegulationStatus,
)
from programmes.models import SelfManagementGroup, SupportRecord


def hub(commune: Commune, user, today: datetime.date | None = None) -> dict:
    """The sections of a commune's page; each is one query, whatever the commune's size."""
    today = today or timezone.localdate()
    lineage = commune.lineage_ids()
    profile = (
        CommuneProfile.objects.visible_to(user).filter(commune=commune).order_by("-year").first()
    )
    committee = getattr(commune, "party_committee", None)
    committee_rating = committee.ratings.order_by("-year").first() if committee else None
    cells = (
        PartyCell.objects.visible_to(user)
        .filter(commune=commune)
        .select_related("village")
        .prefetch_related(
            Prefetch(
                "ratings", queryset=PartyCellRating.objects.order_by("-year"), to_attr="by_year"
            )
        )
    )
    assignments = list(
        Assignment.objects.visible_to(user)
        .current_on(today)
        .filter(commune=commune)
        .select_related("officer", "officer__station", "party_cell")
        .order_by("kind", "started_on")
    )
    regulations = list(
        CoordinationRegulation.objects.visible_to(user)
        .filter(commune__in=lineage)
        .select_related("station", "province", "commune")
        .order_by("status", "review_due")
    )
    support = (
        SupportRecord.objects.visible_to(user)
        .filter(commune__in=lineage)
        .values("programme__name", "programme__unit")
        .annotate(records=Count("id"), quantity=Sum("quantity"), value=Sum("value_vnd"))
        .order_by("-value")
    )
    groups = (
        SelfManagementGroup.objects.visible_to(user)
        .filter(commune__in=lineage)
        .select_related("village", "station")
        .prefetch_related("landmarks")
        .order_by("kind", "name")
    )
    groups = list(groups)
    exists_today = commune.existed_on(today)
    has_committee_officer = any(a.kind == AssignmentKind.PARTY_COMMITTEE for a in assignments)
    overdue = [r for r in regulations if r.is_overdue(today)]
    return {
        "today": today,
        "profile": profile,
        "committee": committee,
        "committee_rating": committee_rating,
        "cells": cells,
        "assignments": assignments,
        "regulations": regulations,
        "support": support,
        # Security and reconciliation teams apart: they are not self-management of the border.
        "groups": [group for group in groups if not group.is_team],
        "teams": [group for group in groups if group.is_team],
        "predecessors": commune.merged_from.all(),
        "successor": commune.merged_into,
        "gap_no_committee_officer": exists_today and not has_committee_officer,
        "overdue_regulations": overdue if exists_today else [],
        "regulation_status_in_force": RegulationStatus.IN_FORCE,
        # Quick links to record today's work here; an ended commune takes no new records.
        "can_record_here": exists_today and (user.enters_data or user.is_administrator),
    }
