"""A national-size dataset to measure the rebuild on (`manage.py generate_scale_data`).

Plain `bulk_create`, no history rows: the records are for benchmarks, not for anyone to
audit. Big tables are generated and inserted a batch at a time, so memory stays bounded
whatever the size; everything comes from one `random.Random(seed)`, so the same arguments
(and the same `today`) give the same data.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from borderwork.indicators.scale import cadres, geography, records
from borderwork.indicators.scale.world import D, Plan, ScaleWorld
from communes.models import Province

__all__ = ["MARKER", "Plan", "exists", "free_prefix", "generate"]

# Every generated province's slug starts with it: its presence means scale data exist.
MARKER = "scale-"

STEPS = [
    (_("Dân tộc, chương trình"), geography.build_reference),
    (_("Tỉnh, huyện, xã, thôn, đồn và địa bàn"), geography.build_geography),
    (_("Đảng ủy, chi bộ và xếp loại"), geography.build_party),
    (_("Hồ sơ xã theo năm"), geography.build_profiles),
    (_("Quy chế phối hợp và sơ kết"), records.build_regulations),
    (_("Cán bộ, phân công và kiến nghị"), cadres.build_officers_and_assignments),
    (_("Hỗ trợ và theo dõi sau hỗ trợ"), records.build_support),
    (_("Mốc quốc giới và tổ chức tự quản"), records.build_self_management),
    (_("Mô hình Dân vận khéo"), records.build_models),
    (_("Lớp bồi dưỡng và học viên"), cadres.build_courses),
    (_("Nguồn cán bộ và kết nạp đảng viên"), cadres.build_development),
    (_("Hoạt động tuyên truyền"), records.build_activities),
]


def generate(
    plan: Plan,
    rng: random.Random,
    today: D,
    prefix: str = MARKER,
    log: Callable[[str, int, float], None] | None = None,
) -> Counter:
    """Insert one dataset; the caller holds the transaction. Returns the rows per model."""
    world = ScaleWorld(plan, rng, prefix, today)
    for label, step in STEPS:
        before, started = world.counts.total(), time.perf_counter()
        step(world)
        if log:
            log(str(label), world.counts.total() - before, time.perf_counter() - started)
    return world.counts


def free_prefix() -> str:
    """`scale-` for the first dataset, `scale-2-`, `scale-3-`... for more next to it."""
    prefix, n = MARKER, 1
    while Province.objects.filter(slug__startswith=f"{prefix}tinh-").exists():
        n += 1
        prefix = f"{MARKER}{n}-"
    return prefix


def exists() -> bool:
    return Province.objects.filter(slug__startswith=MARKER).exists()
