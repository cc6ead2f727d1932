"""What every step of the scale dataset shares: its sizes, the communes built so far, and
the batched insert."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.db import models, reset_queries

from borderwork.demo.names import MAJORITY, person_name

D = datetime.date
DAY = datetime.timedelta(days=1)
MERGE_DAY = D(2025, 7, 1)
LAST_OLD_DAY = D(2025, 6, 30)
BATCH = 5000

# The country: 44 provincial commands for about 1,000 border communes.
PROVINCES_PER_1000_COMMUNES = 44
COMMUNES_PER_STATION = 4
COMMUNES_PER_MERGE = 40  # one pair in forty merged on 1 July 2025
OFFICERS_PER_COMMUNE = 20
ASSIGNMENTS_PER_OFFICER = 5
SUPPORT_PER_COMMUNE_YEAR = 200


@dataclass(frozen=True)
class Plan:
    """How many of the main records a run makes, from its two sizes."""

    communes: int
    years: int

    @property
    def provinces(self) -> int:
        return max(2, round(self.communes * PROVINCES_PER_1000_COMMUNES / 1000))

    @property
    def merged_provinces(self) -> int:
        """Every fourth province merged into the one before it on 1 July 2025."""
        return len(range(1, self.provinces, 4))

    @property
    def merges(self) -> int:
        """Pairs of communes merged into a new one on 1 July 2025."""
        return max(1, self.communes // COMMUNES_PER_MERGE)

    @property
    def officers(self) -> int:
        return self.communes * OFFICERS_PER_COMMUNE

    @property
    def assignments(self) -> int:
        return self.officers * ASSIGNMENTS_PER_OFFICER

    @property
    def support(self) -> int:
        return self.communes * self.years * SUPPORT_PER_COMMUNE_YEAR


@dataclass
class Place:
    """A border commune as it was before 1 July 2025 (or, with index -1, one made then)."""

    index: int
    province: int  # position in the run's provinces
    commune: int = 0
    station: int = 0
    villages: list[int] = field(default_factory=list)
    cells: list[int] = field(default_factory=list)
    successor: Place | None = None  # the new commune it merged into
    minority: float = 0.0  # the share of ethnic-minority people

    def on(self, day: D) -> tuple[int, list[int]]:
        """The commune a record dated `day` belongs to, and that commune's party cells."""
        if self.successor and day >= MERGE_DAY:
            return self.successor.commune, self.successor.cells
        return self.commune, self.cells

    def until(self, day: D | None) -> D | None:
        """An end date that keeps a record begun in a merged commune within its life."""
        if self.successor:
            return min(day or LAST_OLD_DAY, LAST_OLD_DAY)
        return day

    def life(self) -> tuple[D, D]:
        """When the commune existed: old ones until the merger, new ones from it."""
        if self.index < 0:
            return MERGE_DAY, D.max
        return D.min, LAST_OLD_DAY if self.successor else D.max


class ScaleWorld:
    """The run's sizes, dates and random source, what is built so far, and row counts."""

    def __init__(self, plan: Plan, rng: random.Random, prefix: str, today: D) -> None:
        self.plan, self.rng, self.prefix = plan, rng, prefix
        self.end = today
        self.start = today - DAY * round(365.25 * plan.years) + DAY
        self.counts: Counter[type[models.Model]] = Counter()
        self.places: list[Place] = []
        self.successors: list[Place] = []
        self.stations: dict[int, list[Place]] = {}  # station id -> the places it covers
        self.ethnic: dict[str, int] = {}
        self.group_names: dict[int, str] = {}
        self.minorities: list[int] = []
        self.programmes: list[tuple[str, int]] = []  # (demo slug, id)

    def insert(
        self,
        model: type[models.Model],
        rows: Iterable[models.Model],
        after: Callable[[list], None] | None = None,
        keep: bool = False,
    ) -> list:
        """bulk_create a batch at a time; `after` sees each saved batch; `keep` returns them all.

        Given a generator, only one batch is in memory unless `keep` holds them (small tables).
        """
        rows, kept = iter(rows), []
        while batch := list(islice(rows, BATCH)):
            created = model.objects.bulk_create(batch)
            # With DEBUG on, every statement would otherwise stay in connection.queries.
            reset_queries()
            self.counts[model] += len(created)
            if after:
                after(created)
            if keep:
                kept.extend(created)
        return kept

    def day(self, first: D, last: D) -> D:
        return first + DAY * self.rng.randint(0, max((last - first).days, 0))

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def person(self, place: Place) -> tuple[str, int]:
        """A local person's name and ethnic group."""
        if self.rng.random() < place.minority:
            group = self.rng.choice(self.minorities)
            return person_name(self.rng, self.group_names[group]), group
        return person_name(self.rng), self.ethnic[MAJORITY]
