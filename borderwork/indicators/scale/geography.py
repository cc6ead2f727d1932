"""The scale dataset's reference lists, places and party organisation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from borderwork.demo.names import ETHNIC_GROUPS, MAJORITY
from borderwork.demo.reference import PROGRAMMES, SPONSORSHIPS
from borderwork.indicators.scale.world import (
    COMMUNES_PER_STATION,
    LAST_OLD_DAY,
    MERGE_DAY,
    D,
    Place,
    ScaleWorld,
)
from communes.models import (
    Commune,
    CommuneProfile,
    District,
    EthnicGroup,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    Province,
    QualityRating,
    Station,
    StationCoverage,
    Village,
)
from programmes.models import Programme


def build_reference(w: ScaleWorld) -> None:
    """Ethnic groups and programmes."""
    existing = dict(EthnicGroup.objects.values_list("name", "pk"))
    missing = [
        EthnicGroup(name=name, is_minority=name != MAJORITY)
        for name in ETHNIC_GROUPS
        if name not in existing
    ]
    existing.update((g.name, g.pk) for g in w.insert(EthnicGroup, missing, keep=True))
    w.ethnic = {name: existing[name] for name in ETHNIC_GROUPS}
    w.group_names = {pk: name for name, pk in w.ethnic.items()}
    w.minorities = [pk for name, pk in w.ethnic.items() if name != MAJORITY]
    tag = w.prefix.strip("-")
    programmes = w.insert(
        Programme,
        (
            Programme(
                slug=f"{w.prefix}{slug}",
                name=f"{name} [{tag}]",
                kind=kind,
                unit=unit,
                description=description,
                sponsorship=slug in SPONSORSHIPS,
            )
            for slug, name, kind, unit, description in PROGRAMMES
        ),
        keep=True,
    )
    w.programmes = [(p.slug.removeprefix(w.prefix), p.pk) for p in programmes]


def build_geography(w: ScaleWorld) -> None:
    """Provinces, districts, communes, villages, stations and coverage."""
    plan, rng, prefix = w.plan, w.rng, w.prefix
    countries = ["Trung Quốc", "Lào", "Campuchia"]
    provinces = []
    for p in range(plan.provinces):
        merged = p % 4 == 1
        provinces.append(
            Province(
                slug=f"{prefix}tinh-{p + 1:02d}",
                name=f"Tỉnh biên giới {p + 1:02d}",
                neighbouring_country=countries[p * 3 // plan.provinces],
                border_length_km=Decimal(rng.randint(80_000, 400_000)) / 1000,
                command_name=f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh biên giới {p + 1:02d}",
                valid_until=LAST_OLD_DAY if merged else None,
                merged_into=provinces[p - 1] if merged else None,
            )
        )
    # One at a time: a merged province points at the one created before it.
    provinces = [w.insert(Province, [province], keep=True)[0] for province in provinces]

    by_province: list[list[Place]] = [[] for _p in provinces]
    for i in range(plan.communes):
        place = Place(index=i, province=i * len(provinces) // plan.communes)
        place.minority = rng.choice([0.1, 0.2, 0.4, 0.6, 0.9])
        w.places.append(place)
        by_province[place.province].append(place)
    # Merge pairs side by side in a province (so under one station), provinces in turn.
    taken = Counter()
    while len(w.successors) < plan.merges:
        options = [p for p in range(len(provinces)) if 2 * taken[p] + 1 < len(by_province[p])]
        if not options:
            break
        p = options[len(w.successors) % len(options)]
        first = 2 * taken[p]
        successor = Place(index=-1, province=p - 1 if p % 4 == 1 else p)
        for place in by_province[p][first : first + 2]:
            place.successor = successor
            successor.minority = place.minority
        taken[p] += 1
        w.successors.append(successor)

    keys = [(p, k) for p, places in enumerate(by_province) for k in range((len(places) + 7) // 8)]
    districts = w.insert(
        District,
        (
            District(
                province=provinces[p],
                name=f"Huyện {k + 1} tỉnh biên giới {p + 1:02d}",
                slug=f"{prefix}huyen-{p + 1:02d}-{k + 1}",
                valid_until=LAST_OLD_DAY,
            )
            for p, k in keys
        ),
        keep=True,
    )
    district_of = {key: district.pk for key, district in zip(keys, districts, strict=True)}

    new = w.insert(
        Commune,
        (
            Commune(
                name=f"Xã mới {j + 1:04d}",
                slug=f"{prefix}xa-moi-{j + 1:04d}",
                province=provinces[s.province],
                valid_from=MERGE_DAY,
            )
            for j, s in enumerate(w.successors)
        ),
        keep=True,
    )
    for successor, commune in zip(w.successors, new, strict=True):
        successor.commune = commune.pk
    position = {id(place): k for places in by_province for k, place in enumerate(places)}
    old = w.insert(
        Commune,
        (
            Commune(
                name=f"Xã biên giới {place.index + 1:04d}",
                slug=f"{prefix}xa-{place.index + 1:04d}",
                province=provinces[place.province],
                district_id=district_of[(place.province, position[id(place)] // 8)],
                valid_until=LAST_OLD_DAY if place.successor else None,
                merged_into_id=place.successor.commune if place.successor else None,
            )
            for place in w.places
        ),
        keep=True,
    )
    for place, commune in zip(w.places, old, strict=True):
        place.commune = commune.pk

    chunks = [
        (p, places[k : k + COMMUNES_PER_STATION])
        for p, places in enumerate(by_province)
        for k in range(0, len(places), COMMUNES_PER_STATION)
    ]
    stations = w.insert(
        Station,
        (
            Station(
                name=f"Đồn Biên phòng {n + 1:04d}",
                slug=f"{prefix}don-{n + 1:04d}",
                code=f"ĐBP-{n + 1:04d}",
                province=provinces[p],
            )
            for n, (p, _places) in enumerate(chunks)
        ),
        keep=True,
    )
    for station, (_p, places) in zip(stations, chunks, strict=True):
        w.stations[station.pk] = places
        for place in places:
            place.station = station.pk
    for successor in w.successors:
        successor.station = next(p.station for p in w.places if p.successor is successor)
    w.insert(
        StationCoverage,
        [
            StationCoverage(
                station_id=place.station,
                commune_id=place.commune,
                valid_until=LAST_OLD_DAY if place.successor else None,
            )
            for place in w.places
        ]
        + [
            StationCoverage(station_id=s.station, commune_id=s.commune, valid_from=MERGE_DAY)
            for s in w.successors
        ],
    )
    villages = w.insert(
        Village,
        (
            Village(name=f"Thôn {k + 1}", commune_id=place.commune)
            for place in w.places
            for k in range(rng.randint(5, 12))
        ),
        keep=True,
    )
    by_commune = {place.commune: place for place in w.places}
    for village in villages:
        by_commune[village.commune_id].villages.append(village.pk)


def build_party(w: ScaleWorld) -> None:
    """Party committees and cells, and their yearly ratings."""
    rng = w.rng
    units = [(p.commune, p.villages, p) for p in w.places]
    units += [
        (s.commune, [v for p in w.places if p.successor is s for v in p.villages], s)
        for s in w.successors
    ]
    committees = w.insert(
        PartyCommittee,
        (
            PartyCommittee(
                commune_id=commune,
                name=f"Đảng ủy xã (mã {commune})",
                members=rng.randint(13, 21),
                party_members=rng.randint(90, 600),
            )
            for commune, _villages, _place in units
        ),
        keep=True,
    )
    cells = w.insert(
        PartyCell,
        (
            PartyCell(
                commune_id=commune,
                village_id=village,
                name=f"Chi bộ thôn {k + 1}",
                party_members=rng.randint(8, 45),
            )
            for commune, villages, _place in units
            for k, village in enumerate(villages)
        ),
        keep=True,
    )
    place_of = {commune: place for commune, _villages, place in units}
    for cell in cells:
        place_of[cell.commune_id].cells.append(cell.pk)

    def rating(year: int) -> dict:
        return {"year": year, "rating": rng.choices(list(QualityRating), [12, 54, 31, 3])[0]}

    lives = {commune: place.life() for commune, _villages, place in units}
    ends = [(year, D(year, 12, 31)) for year in w.years() if D(year, 12, 31) <= w.end]
    w.insert(
        PartyCommitteeRating,
        (
            PartyCommitteeRating(committee_id=c.pk, **rating(year))
            for c in committees
            for year, end in ends
            if lives[c.commune_id][0] <= end <= lives[c.commune_id][1]
        ),
    )
    w.insert(
        PartyCellRating,
        (
            PartyCellRating(cell_id=c.pk, **rating(year))
            for c in cells
            for year, end in ends
            if lives[c.commune_id][0] <= end <= lives[c.commune_id][1]
        ),
    )


def build_profiles(w: ScaleWorld) -> None:
    """Yearly commune profiles."""
    rng = w.rng

    def profiles() -> Iterator[CommuneProfile]:
        for place in w.places + w.successors:
            households = rng.randint(800, 3000)
            poor = rng.uniform(2, 40)
            first, last = place.life()
            for year in w.years():
                if D(year, 12, 31) < first or D(year, 1, 1) > last:
                    continue
                yield CommuneProfile(
                    commune_id=place.commune,
                    year=year,
                    population=round(households * 4.3),
                    households=households,
                    ethnic_minority_people=round(households * 4.3 * place.minority),
                    ethnic_minority_households=round(households * place.minority),
                    poor_household_rate=Decimal(str(round(poor, 2))),
                    near_poor_household_rate=Decimal(str(round(poor / 2, 2))),
                )
                households = round(households * rng.uniform(1.005, 1.02))
                poor *= rng.uniform(0.75, 0.92)

    w.insert(CommuneProfile, profiles())
