"""The scale dataset's records of work: regulations, support, self-management, models and
activities."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from itertools import accumulate

from borderwork.indicators.scale.world import DAY, SUPPORT_PER_COMMUNE_YEAR, ScaleWorld
from communes.models import CoordinationRegulation, RegulationReview, RegulationStatus
from programmes.models import (
    Activity,
    ActivityKind,
    FollowUpStatus,
    GroupKind,
    Landmark,
    MassMobilisationModel,
    ModelField,
    RecognitionLevel,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)

# How often each of the demo's programmes gives something, relatively.
PROGRAMME_WEIGHTS = {
    "mai-am": 4,
    "bo-giong": 8,
    "de-giong": 8,
    "suc-khoe-cong-dong": 20,
    "nang-buoc-em-toi-truong": 8,
    "nong-thon-moi": 12,
    "lop-hoc-bien-gioi": 8,
    "dai-phat-thanh-ban-xa": 6,
    "loa-phong-thanh-bien-gioi": 6,
    "ca-nuoc-chung-tay": 15,
    "thu-bay-ve-voi-ban": 5,
    "hoc-bong": 3,
}
MILLION = 1_000_000


def build_regulations(w: ScaleWorld) -> None:
    """Coordination regulations and their reviews."""
    rng = w.rng

    def regulations() -> Iterator[CoordinationRegulation]:
        for place in w.places:
            for n in range(2):
                signed = w.day(w.start - DAY * 3 * 365, w.end)
                commune, _cells = place.on(signed)
                expires = signed + DAY * rng.randint(730, 1460) if rng.random() < 0.25 else None
                if commune == place.commune:
                    expires = place.until(expires)
                yield CoordinationRegulation(
                    number=f"{n + 1}/QC-{place.index + 1}",
                    title="Quy chế phối hợp xây dựng hệ thống chính trị cơ sở",
                    commune_id=commune,
                    station_id=place.station,
                    signed_on=signed,
                    review_due=signed + DAY * rng.randint(180, 730),
                    expires_on=expires,
                    status=RegulationStatus.EXPIRED
                    if expires and expires < w.end
                    else RegulationStatus.IN_FORCE,
                )

    def reviews(saved: list[CoordinationRegulation]) -> None:
        w.insert(
            RegulationReview,
            [
                RegulationReview(
                    regulation_id=r.pk,
                    held_on=r.review_due,
                    summary="Sơ kết việc thực hiện quy chế.",
                    next_review_due=r.review_due + DAY * 365,
                )
                for r in saved
                if r.review_due < w.end and rng.random() < 0.5
            ],
        )

    w.insert(CoordinationRegulation, regulations(), after=reviews)


def build_support(w: ScaleWorld) -> None:
    """Support records and follow-ups."""
    rng = w.rng
    slugs, ids = zip(*w.programmes, strict=True)
    weights = list(accumulate(PROGRAMME_WEIGHTS[slug] for slug in slugs))
    per_place = w.plan.years * SUPPORT_PER_COMMUNE_YEAR

    def records() -> Iterator[SupportRecord]:
        for place in w.places:
            for _i in range(per_place):
                n = rng.choices(range(len(slugs)), cum_weights=weights)[0]
                quantity, value = gift(rng, slugs[n])
                given = w.day(w.start, w.end)
                name, group = w.person(place)
                yield SupportRecord(
                    programme_id=ids[n],
                    station_id=place.station,
                    commune_id=place.on(given)[0],
                    village_id=rng.choice(place.villages),
                    recipient_name=name,
                    ethnic_group_id=group,
                    given_on=given,
                    quantity=quantity,
                    value_vnd=value,
                )

    followed = {ids[n] for n, slug in enumerate(slugs) if slug in ("bo-giong", "de-giong")}

    def follow_ups(saved: list[SupportRecord]) -> None:
        rows = []
        for record in saved:
            checked = record.given_on + DAY * rng.randint(60, 400)
            if record.programme_id in followed and checked <= w.end and rng.random() < 0.3:
                status = rng.choice([FollowUpStatus.GOING_WELL, FollowUpStatus.PASSED_ON])
                rows.append(SupportFollowUp(record_id=record.pk, checked_on=checked, status=status))
        w.insert(SupportFollowUp, rows)

    w.insert(SupportRecord, records(), after=follow_ups)


def gift(rng: random.Random, slug: str) -> tuple[int, int]:
    """Quantity and value in đồng of one support record of a programme."""
    if slug == "mai-am":
        return 1, rng.randint(50, 80) * MILLION
    if slug == "bo-giong":
        quantity = 2 if rng.random() < 0.1 else 1
        return quantity, quantity * rng.randint(15, 20) * MILLION
    if slug == "de-giong":
        quantity = rng.randint(2, 5)
        return quantity, quantity * rng.randint(3, 5) * MILLION
    if slug == "nang-buoc-em-toi-truong":
        return 1, 6 * MILLION
    if slug == "suc-khoe-cong-dong":
        return rng.randint(20, 200), rng.randint(15, 60) * 10_000
    return rng.randint(1, 30), rng.randint(5, 20) * 100_000


def build_self_management(w: ScaleWorld) -> None:
    """Landmarks and self-management groups."""
    rng, landmarks_of = w.rng, {}
    landmarks = w.insert(
        Landmark,
        (
            Landmark(number=f"{place.index + 1}-{k + 1}", commune_id=place.commune)
            for place in w.places
            for k in range(rng.choice([0, 0, 2, 3, 4]))
        ),
        keep=True,
    )
    for landmark in landmarks:
        landmarks_of.setdefault(landmark.commune_id, []).append(landmark.pk)
    kinds = list(GroupKind)

    def groups() -> Iterator[SelfManagementGroup]:
        for place in w.places:
            for n in range(4):
                registered = w.day(w.start - DAY * 5 * 365, w.end)
                commune, _cells = place.on(registered)
                ended = registered + DAY * 900 if rng.random() < 0.1 else None
                if commune == place.commune:
                    ended = place.until(ended)
                yield SelfManagementGroup(
                    kind=kinds[n],
                    name=f"Tổ tự quản {n + 1} xã {place.index + 1}",
                    commune_id=commune,
                    village_id=rng.choice(place.villages),
                    station_id=place.station,
                    registered_on=registered,
                    ended_on=ended,
                    members=rng.randint(1, 30),
                    border_length_km=Decimal(rng.randint(500, 5000)) / 1000,
                )

    through = SelfManagementGroup.landmarks.through
    place_of = {p.commune: p for p in w.places}
    place_of.update({p.successor.commune: p for p in w.places if p.successor})

    def link(saved: list[SelfManagementGroup]) -> None:
        rows = []
        for group in saved:
            mine = landmarks_of.get(place_of[group.commune_id].commune, [])
            for landmark in rng.sample(mine, min(len(mine), rng.randint(0, 2))):
                rows.append(through(selfmanagementgroup_id=group.pk, landmark_id=landmark))
        w.insert(through, rows)

    w.insert(SelfManagementGroup, groups(), after=link)


def build_models(w: ScaleWorld) -> None:
    """Mass-mobilisation models."""
    rng = w.rng

    def rows() -> Iterator[MassMobilisationModel]:
        for place in w.places:
            started = w.day(w.start - DAY * 3 * 365, w.end)
            recognised = rng.random() < 0.7
            yield MassMobilisationModel(
                name=f"Mô hình Dân vận khéo xã {place.index + 1}",
                station_id=place.station,
                commune_id=place.on(started)[0],
                field=rng.choice(list(ModelField)),
                recognised_level=rng.choice(list(RecognitionLevel)) if recognised else "",
                recognised_year=min(started.year + rng.randint(0, 2), w.end.year)
                if recognised
                else None,
                started_on=started,
            )

    w.insert(MassMobilisationModel, rows())


def build_activities(w: ScaleWorld) -> None:
    """Propaganda and contact activities."""
    rng, kinds = w.rng, list(ActivityKind)

    def rows() -> Iterator[Activity]:
        for place in w.places:
            for _i in range(4 * w.plan.years):
                held = w.day(w.start, w.end)
                sessions, kind = rng.randint(1, 6), rng.choice(kinds)
                yield Activity(
                    kind=kind,
                    topic="Tuyên truyền Luật Biên giới quốc gia",
                    station_id=place.station,
                    commune_id=place.on(held)[0],
                    village_id=rng.choice(place.villages),
                    held_on=held,
                    sessions=sessions,
                    attendees=sessions * rng.randint(20, 80),
                    prestigious_people=rng.randint(2, 10)
                    if kind == ActivityKind.PRESTIGIOUS_PEOPLE
                    else 0,
                )

    w.insert(Activity, rows())
