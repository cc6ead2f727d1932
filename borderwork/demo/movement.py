"""The self-management movement: landmarks, collectives, households and village teams."""

from __future__ import annotations

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from borderwork.demo.development import local_person
from borderwork.demo.geography import MERGE_DAY, WINDOW_START, Place, World, random_day, split_total
from programmes.models import GroupKind, Landmark, SelfManagementGroup

D = datetime.date
# The article's figures for Bình Phước, and Quảng Bình's border with Laos.
BP_COLLECTIVES, BP_HOUSEHOLDS, BP_BORDER_M = 33, 208, 258_939
QB_BORDER_M = 201_870
BP_LANDMARKS = range(96, 136)
BP_AUXILIARY = ["102/1", "115/1", "121/2", "129/1"]
# Quảng Bình's stretch of the Lao border: the landmark numbers are illustrative.
QB_LANDMARKS = range(541, 579)
QB_AUXILIARY = ["548/1", "560/2"]
COLLECTIVES = [
    "Chi đoàn Thanh niên {village}",
    "Chi hội Cựu chiến binh {village}",
    "Chi hội Nông dân {village}",
    "Chi hội Phụ nữ {village}",
    "Tổ dân quân {village}",
    "Trường Tiểu học {commune}",
    "Ban Chỉ huy Quân sự xã {commune}",
    "Công an xã {commune}",
]


def _label(village) -> str:
    return f"{village.get_kind_display().lower()} {village.name}"


def _registered(world: World, place: Place) -> D:
    """Mostly years before the window; a few during it, in the commune as it then was."""
    rng = world.rng
    if rng.random() < 0.85:
        return random_day(rng, D(2014, 3, 1), WINDOW_START - datetime.timedelta(days=1))
    if place.successor:
        # Counted with Bình Phước's 33 and 208: they registered before the merger.
        return random_day(rng, WINDOW_START, MERGE_DAY - datetime.timedelta(days=10))
    return random_day(rng, WINDOW_START, D(2026, 9, 20))


def _landmarks(
    world: World, places: list[Place], all_numbers: range, auxiliary: list[str]
) -> dict[int, list[Landmark]]:
    """Landmarks numbered along the border, shared out over the communes, a few auxiliary."""
    counts = split_total(world.rng, len(all_numbers), [1.0] * len(places))
    numbers = iter(all_numbers)
    landmarks, by_place = [], {}
    for place, count in zip(places, counts, strict=True):
        mine = [str(next(numbers)) for _ in range(count)]
        mine += [aux for aux in auxiliary if aux.split("/")[0] in mine]
        by_place[place.commune.pk] = [
            Landmark(number=n, commune=place.commune, is_auxiliary="/" in n) for n in mine
        ]
        landmarks += by_place[place.commune.pk]
    bulk_create_with_history(landmarks, Landmark, batch_size=500)
    return by_place


def _collectives(world: World, places: list[Place], count: int, border_m: int) -> list:
    """Collectives spread over the communes; their border sections add up to the border."""
    rng = world.rng
    per_place = split_total(rng, count, [rng.uniform(0.8, 1.2) for _ in places])
    metres = split_total(rng, border_m, [rng.uniform(0.5, 1.5) for _ in range(count)])
    groups, lengths = [], iter(metres)
    for place, n in zip(places, per_place, strict=True):
        villages = {}
        while len(villages) < n:
            village = rng.choice(place.villages)
            name = rng.choice(COLLECTIVES).format(
                village=_label(village), commune=place.commune.name
            )
            villages.setdefault(name, village)
        for name, village in villages.items():
            day = _registered(world, place)
            groups.append(
                SelfManagementGroup(
                    kind=GroupKind.COLLECTIVE,
                    name=name,
                    commune=place.unit_on(day),
                    village=village,
                    station=place.station,
                    registered_on=day,
                    members=rng.randint(10, 60),
                    border_length_km=Decimal(next(lengths)) / 1000,
                )
            )
    return groups


def _households(world: World, places: list[Place], count: int) -> list:
    rng = world.rng
    weights = [len(p.villages) * (0.5 + p.row.minority_share) for p in places]
    groups = []
    for place, n in zip(places, split_total(rng, count, weights), strict=True):
        for _ in range(n):
            day = _registered(world, place)
            name, _group = local_person(world, place, 0.4)
            groups.append(
                SelfManagementGroup(
                    kind=GroupKind.HOUSEHOLD,
                    name=f"Hộ {name}",
                    commune=place.unit_on(day),
                    village=rng.choice(place.villages),
                    station=place.station,
                    registered_on=day,
                    members=rng.randint(2, 7),
                )
            )
    return groups


def _teams(world: World) -> list:
    """Village security and reconciliation teams in about a third of the villages."""
    rng, teams = world.rng, []
    for place in world.places:
        for village in place.villages:
            for kind, prefix, share in (
                (GroupKind.SECURITY_TEAM, "Tổ bảo vệ an ninh, trật tự", 0.35),
                (GroupKind.RECONCILIATION_TEAM, "Tổ hòa giải", 0.3),
            ):
                if rng.random() < share:
                    day = random_day(rng, D(2016, 1, 1), D(2026, 9, 20))
                    teams.append(
                        SelfManagementGroup(
                            kind=kind,
                            name=f"{prefix} {_label(village)}",
                            village=village,
                            commune=place.unit_on(day),
                            station=place.station,
                            registered_on=day,
                            members=rng.randint(4, 12),
                        )
                    )
    return teams


def build_self_management(world: World) -> None:
    """Bình Phước's 33 collectives and 208 households; Quảng Bình's along the Lao border."""
    rng = world.rng
    bp = world.province_places("binh-phuoc")
    # Quảng Bình's land border runs through its highland communes only.
    qb = [p for p in world.province_places("quang-binh") if p.row.area == "highland"]
    landmarks = _landmarks(world, bp, BP_LANDMARKS, BP_AUXILIARY)
    landmarks |= _landmarks(world, qb, QB_LANDMARKS, QB_AUXILIARY)
    collectives = _collectives(world, bp, BP_COLLECTIVES, BP_BORDER_M)
    collectives += _collectives(world, qb, round(len(qb) * 1.5), QB_BORDER_M)
    households = _households(world, bp, BP_HOUSEHOLDS)
    households += _households(world, qb, len(qb) * 4)
    groups = collectives + households + _teams(world)
    bulk_create_with_history(groups, SelfManagementGroup, batch_size=500)

    by_commune: dict[int, list] = {}
    for group in collectives:
        by_commune.setdefault(group.village.commune.pk, []).append(group)
    for commune_pk, marks in landmarks.items():
        mine = by_commune.get(commune_pk, [])
        for index, group in enumerate(mine):
            # Each collective looks after its share of the commune's landmarks, in order.
            share = marks[index :: len(mine)] or [rng.choice(marks)]
            group.landmarks.set(share)
