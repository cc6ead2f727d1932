"""Yearly commune profiles, party committees and cells, and their year-end ratings."""

from __future__ import annotations

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from borderwork.demo.geography import World, split_total
from borderwork.demo.names import MAJORITY
from communes.models import (
    Commune,
    CommuneProfile,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    QualityRating,
)

YEARS = (2024, 2025, 2026)
# Quảng Bình's border area in the article: ethnic-minority households and people.
QB_MINORITY_HOUSEHOLDS, QB_MINORITY_PEOPLE = 5155, 22204
# Bình Phước's 18 ethnic groups: Kinh, those in the commune table, and these.
BP_OTHER_GROUPS = ["Tày", "Nùng", "Hoa", "Mường", "Thái", "Dao", "Chơ Ro", "Mạ", "Sán Dìu",
                   "Ê Đê", "Mông", "Chăm", "Cơ Ho", "Sán Chay"]  # fmt: skip
POPULATION = {"highland": (2500, 5500), "rural": (3500, 8000), "coast": (6000, 12000),
              "ward": (7000, 13000), "binh-phuoc": (6000, 13000)}  # fmt: skip
POOR_RATE = {"highland": (22, 42), "rural": (6, 14), "coast": (3, 8), "ward": (1, 3),
             "binh-phuoc": (3, 9), "binh-phuoc-highland": (8, 16)}  # fmt: skip
RATINGS = [QualityRating.EXCELLENT, QualityRating.GOOD, QualityRating.COMPLETED,
           QualityRating.NOT_COMPLETED]  # fmt: skip
RATING_WEIGHTS = [12, 54, 31, 3]
SHORTFALLS = ["Chưa hoàn thành chỉ tiêu phát triển đảng viên.",
              "Sinh hoạt chi bộ chưa đều, nội dung còn đơn điệu.",
              "Còn đảng viên vi phạm, phải xử lý kỷ luật."]  # fmt: skip


def _percent(value: float) -> Decimal:
    return Decimal(str(round(min(max(value, 0.0), 100.0), 2)))


def _base_figures(world: World) -> dict[int, dict[int, dict]]:
    """Each old commune's figures for 2024–2026 (place index -> year -> figures)."""
    rng, figures = world.rng, {}
    qb = [i for i, p in enumerate(world.places) if p.row.province == "quang-binh"]
    pops = {}
    for i, place in enumerate(world.places):
        bp_rural = place.row.province == "binh-phuoc" and place.row.area == "rural"
        pops[i] = rng.randint(*POPULATION["binh-phuoc" if bp_rural else place.row.area])
    # Quảng Bình's minority figures are split from the article's totals, weighted by size.
    weights = [pops[i] * world.places[i].row.minority_share + 1e-9 for i in qb]
    qb_households = split_total(rng, QB_MINORITY_HOUSEHOLDS, weights)
    sizes = [h * rng.uniform(4.1, 4.6) + 1e-9 for h in qb_households]
    qb_people = split_total(rng, QB_MINORITY_PEOPLE, sizes)
    minority = dict(zip(qb, zip(qb_households, qb_people, strict=True), strict=True))
    for i, place in enumerate(world.places):
        share = place.row.minority_share
        if i in minority:
            em_households, em_people = minority[i]
        else:
            em_people = round(pops[i] * share)
            em_households = round(em_people / rng.uniform(4.2, 4.8))
        others = round(pops[i] * (1 - share))
        poor_key = place.row.area
        if place.row.province == "binh-phuoc":
            poor_key = "binh-phuoc-highland" if place.row.area == "highland" else "binh-phuoc"
        poor = rng.uniform(*POOR_RATE[poor_key])
        near_poor = rng.uniform(8, 15) if place.row.area == "highland" else rng.uniform(3, 9)
        literacy = rng.uniform(82, 93) if place.row.area == "highland" else rng.uniform(96, 99.3)
        school = rng.uniform(88, 95) if place.row.area == "highland" else rng.uniform(96.5, 99.5)
        figures[i] = {}
        for year in YEARS:
            figures[i][year] = {
                "population": em_people + others,
                "households": em_households + round(others / 3.9),
                "ethnic_minority_people": em_people,
                "ethnic_minority_households": em_households,
                "poor": poor,
                "near_poor": near_poor,
                "literacy": literacy,
                "school": school,
            }
            # Next year: a little more people, fewer poor households.
            grow = rng.uniform(1.006, 1.016)
            em_people, others = round(em_people * grow), round(others * grow)
            em_households = round(em_households * rng.uniform(1.008, 1.02))
            poor *= rng.uniform(0.72, 0.88)
            near_poor *= rng.uniform(0.85, 0.96)
            literacy = min(literacy + rng.uniform(0.2, 1.2), 99.8)
            school = min(school + rng.uniform(0.1, 0.8), 99.8)
    return figures


def _ethnic_groups(world: World) -> dict[int, list[str]]:
    """Groups living in each old commune; Bình Phước's add up to exactly 18."""
    rng, result = world.rng, {}
    for i, place in enumerate(world.places):
        groups = [MAJORITY, *place.row.groups]
        if place.row.province == "binh-phuoc":
            groups += rng.sample(BP_OTHER_GROUPS, rng.randint(2, 6))
        elif place.row.groups and rng.random() < 0.4:
            groups.append(rng.choice(["Tày", "Mường", "Thái"]))
        result[i] = groups
    bp = [i for i, p in enumerate(world.places) if p.row.province == "binh-phuoc"]
    for name in BP_OTHER_GROUPS:
        if not any(name in result[i] for i in bp):
            result[rng.choice(bp)].append(name)
    return result


def _profile(commune: Commune, year: int, values: dict, groups: list[str]) -> CommuneProfile:
    return CommuneProfile(
        commune=commune,
        year=year,
        population=values["population"],
        households=values["households"],
        ethnic_minority_people=values["ethnic_minority_people"],
        ethnic_minority_households=values["ethnic_minority_households"],
        ethnic_groups_count=len(groups),
        poor_household_rate=_percent(values["poor"]),
        near_poor_household_rate=_percent(values["near_poor"]),
        literacy_rate=_percent(values["literacy"]),
        school_enrolment_rate=_percent(values["school"]),
    )


def build_profiles(world: World) -> None:
    """Profiles for every year (2024–2026) in which a commune existed, at least in part."""
    figures, groups = _base_figures(world), _ethnic_groups(world)
    profiles, profile_groups = [], []
    for i, place in enumerate(world.places):
        world.groups_of[place.commune.pk] = groups[i]
        for year in (2024, 2025) if place.successor else YEARS:
            profiles.append(_profile(place.commune, year, figures[i][year], groups[i]))
            profile_groups.append(groups[i])
    for successor in world.successors:
        members = [world.places.index(p) for p in world.predecessors(successor)]
        union = list(dict.fromkeys(g for i in members for g in groups[i]))
        world.groups_of[successor.pk] = union
        for year in (2025, 2026):
            rows = [figures[i][year] for i in members]
            summed = {k: sum(r[k] for r in rows) for k in rows[0] if isinstance(rows[0][k], int)}
            for rate in ("poor", "near_poor", "literacy", "school"):
                weighted = sum(r[rate] * r["households"] for r in rows)
                summed[rate] = weighted / summed["households"]
            profiles.append(_profile(successor, year, summed, union))
            profile_groups.append(union)
    profiles = bulk_create_with_history(profiles, CommuneProfile, batch_size=500)
    for profile, names in zip(profiles, profile_groups, strict=True):
        profile.ethnic_groups.set([world.ethnic[name].pk for name in names])


def _committee(world: World, commune: Commune, party_members: int) -> PartyCommittee:
    kind = commune.get_kind_display().lower()
    members = world.rng.randint(13, 17) if commune.valid_from is None else world.rng.randint(17, 23)
    return PartyCommittee(
        commune=commune,
        name=f"Đảng ủy {kind} {commune.name}",
        members=members,
        party_members=party_members,
    )


def build_party(world: World) -> None:
    """A party committee per commune, a cell per village, and their year-end ratings."""
    rng, committees, cells = world.rng, [], []
    members_of = {}
    for place in world.places:
        low, high = {"highland": (90, 220), "ward": (300, 600)}.get(place.row.area, (180, 420))
        members_of[place.commune.pk] = rng.randint(low, high)
        committees.append(_committee(world, place.commune, members_of[place.commune.pk]))
        for village in place.villages:
            name = f"Chi bộ {village.get_kind_display().lower()} {village.name}"
            cells.append(
                PartyCell(
                    commune=place.commune,
                    village=village,
                    name=name,
                    party_members=rng.randint(8, 45),
                )
            )
    old_cells = {cell.village.pk: cell for cell in cells}
    for successor in world.successors:
        places = world.predecessors(successor)
        total = sum(members_of[p.commune.pk] for p in places)
        committees.append(_committee(world, successor, total))
        used = set()
        for place in places:
            for village in place.villages:
                old = old_cells[village.pk]
                # Two old communes may have had villages of the same name.
                name = old.name if old.name not in used else f"{old.name} ({place.commune.name} cũ)"
                used.add(name)
                cells.append(
                    PartyCell(
                        commune=successor,
                        village=village,
                        name=name,
                        party_members=old.party_members + rng.randint(-2, 3),
                    )
                )
    committees = bulk_create_with_history(committees, PartyCommittee, batch_size=500)
    cells = bulk_create_with_history(cells, PartyCell, batch_size=500)
    world.cells = {(c.commune.pk, c.village.pk): c for c in cells}

    committee_ratings, cell_ratings = [], []
    for year in (2024, 2025):
        # Ratings are given at year end, by the committees and cells that exist then.
        year_end = datetime.date(year, 12, 31)
        for committee in committees:
            if committee.commune.existed_on(year_end):
                committee_ratings.append(
                    PartyCommitteeRating(committee=committee, year=year, **_rating(world))
                )
        for cell in cells:
            if cell.commune.existed_on(year_end):
                cell_ratings.append(PartyCellRating(cell=cell, year=year, **_rating(world)))
    bulk_create_with_history(committee_ratings, PartyCommitteeRating, batch_size=500)
    bulk_create_with_history(cell_ratings, PartyCellRating, batch_size=500)


def _rating(world: World) -> dict:
    rating = world.rng.choices(RATINGS, RATING_WEIGHTS)[0]
    notes = world.rng.choice(SHORTFALLS) if rating == QualityRating.NOT_COMPLETED else ""
    return {"rating": rating, "notes": notes}
