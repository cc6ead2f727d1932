"""Demo data: Bình Phước and Quảng Bình before and after the 1 July 2025 merger."""

from __future__ import annotations

import random

from borderwork.demo.cadres import build_assignments, build_officers
from borderwork.demo.development import build_courses, build_party_development
from borderwork.demo.geography import World, build_geography
from borderwork.demo.movement import build_self_management
from borderwork.demo.party import build_party, build_profiles
from borderwork.demo.reference import build_reference
from borderwork.demo.regulations import build_regulations
from borderwork.demo.support import (
    build_activities,
    build_models,
    build_scholarships,
    build_support,
)

SEED = 20260701
# Its presence means the demo data is already there.
MARKER_PROVINCE = "binh-phuoc"


def seed(rng: random.Random) -> World:
    """Build every demo record; the caller holds the transaction."""
    world = World(rng)
    for build in (
        build_reference,
        build_geography,
        build_profiles,
        build_party,
        build_regulations,
        build_officers,
        build_assignments,
        build_courses,
        build_party_development,
        build_support,
        build_self_management,
        build_models,
        build_activities,
        # Last: the records before it stay as they were when it came (issue 16).
        build_scholarships,
    ):
        build(world)
    return world
