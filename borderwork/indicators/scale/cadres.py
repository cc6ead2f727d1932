"""The scale dataset's officers, their assignments, courses and the cadre source."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

from borderwork.demo.names import MAJORITY, person_name
from borderwork.indicators.scale.world import (
    ASSIGNMENTS_PER_OFFICER,
    DAY,
    OFFICERS_PER_COMMUNE,
    D,
    ScaleWorld,
)
from cadres.models import (
    Assignment,
    AssignmentKind,
    CadreCandidate,
    CandidateSource,
    Course,
    CourseKind,
    CourseParticipant,
    Officer,
    PartyAdmission,
    Petition,
    PetitionStatus,
)

ASSIGNMENT_KINDS = {
    AssignmentKind.PARTY_COMMITTEE: 15,
    AssignmentKind.PARTY_CELL: 35,
    AssignmentKind.PEOPLES_COUNCIL: 12,
    AssignmentKind.FATHERLAND_FRONT: 12,
    AssignmentKind.YOUTH_UNION: 10,
    AssignmentKind.WOMENS_UNION: 6,
    AssignmentKind.VETERANS: 10,
}
RANKS = ["Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá", "Trung tá"]


def build_officers_and_assignments(w: ScaleWorld) -> None:
    """Officers, their assignments and petitions."""
    rng, officers_of = w.rng, {}

    def officers() -> Iterator[Officer]:
        for station, places in w.stations.items():
            seen = set()
            for _i in range(OFFICERS_PER_COMMUNE * len(places)):
                group = rng.choice(w.minorities) if rng.random() < 0.18 else None
                born = rng.randint(1975, 2001)
                name = person_name(rng, w.group_names.get(group, MAJORITY))
                # A station has one officer of a name and birth year (Officer's constraint);
                # a namesake is born a year later, so the random draws stay as they were.
                while (name.upper(), born) in seen:
                    born += 1
                seen.add((name.upper(), born))
                yield Officer(
                    full_name=name,
                    rank=rng.choice(RANKS),
                    position="cán bộ Vận động quần chúng",
                    station_id=station,
                    ethnic_group_id=group or w.ethnic[MAJORITY],
                    birth_year=born,
                    party_joined_on=D(born + rng.randint(20, 24), rng.randint(1, 12), 1),
                )

    def keep(saved: list[Officer]) -> None:
        for officer in saved:
            officers_of.setdefault(officer.station_id, []).append(officer.pk)

    w.insert(Officer, officers(), after=keep)
    kinds, weights = list(ASSIGNMENT_KINDS), list(accumulate(ASSIGNMENT_KINDS.values()))

    def assignments() -> Iterator[Assignment]:
        for station, places in w.stations.items():
            for officer in officers_of[station]:
                for _i in range(ASSIGNMENTS_PER_OFFICER):
                    kind = rng.choices(kinds, cum_weights=weights)[0]
                    place = rng.choice(places)
                    started = w.day(w.start - DAY * 2 * 365, w.end)
                    ended = started + DAY * rng.randint(365, 5 * 365)
                    ended = None if ended > w.end else ended
                    commune, cells = place.on(started)
                    if commune == place.commune:
                        ended = place.until(ended)
                    yield Assignment(
                        officer_id=officer,
                        kind=kind,
                        commune_id=commune,
                        party_cell_id=rng.choice(cells)
                        if kind == AssignmentKind.PARTY_CELL
                        else None,
                        started_on=started,
                        ended_on=ended,
                    )

    def petitions(saved: list[Assignment]) -> None:
        rows = []
        for a in saved:
            if a.kind == AssignmentKind.PEOPLES_COUNCIL and rng.random() < 0.5:
                first, last = (
                    max(a.started_on, w.start),
                    min(a.ended_on or w.end, w.end),
                )
                if first <= last:
                    received = w.day(first, last)
                    # Most are resolved within four months, if that is still in the window.
                    resolved = received + DAY * rng.randint(10, 120)
                    done = rng.random() < 0.7 and resolved <= w.end
                    rows.append(
                        Petition(
                            assignment_id=a.pk,
                            received_on=received,
                            subject="Đề nghị sửa chữa tuyến đường liên thôn.",
                            status=PetitionStatus.RESOLVED if done else PetitionStatus.RECEIVED,
                            resolved_on=resolved if done else None,
                        )
                    )
        w.insert(Petition, rows)

    w.insert(Assignment, assignments(), after=petitions)


def build_courses(w: ScaleWorld) -> None:
    """Courses and their participants."""
    rng, courses = w.rng, []
    for place in w.places:
        for _year in range(w.plan.years):
            started = w.day(w.start, w.end)
            course = Course(
                kind=rng.choice(list(CourseKind)),
                title=f"Lớp bồi dưỡng xã {place.index + 1}",
                host="Đảng ủy xã",
                commune_id=place.on(started)[0],
                station_id=place.station,
                started_on=started,
                ended_on=started + DAY * 4,
            )
            courses.append((course, place))
    # A course a year per commune: few enough to hold, and saving sets their ids.
    w.insert(Course, [course for course, _place in courses], keep=True)

    def participants() -> Iterator[CourseParticipant]:
        for course, place in courses:
            for _i in range(rng.randint(10, 25)):
                name, group = w.person(place)
                yield CourseParticipant(
                    course_id=course.pk,
                    full_name=name,
                    ethnic_group_id=group,
                    commune_id=course.commune_id,
                )

    w.insert(CourseParticipant, participants())


def build_development(w: ScaleWorld) -> None:
    """Cadre-source candidates and party admissions."""
    rng = w.rng

    def candidates() -> Iterator[CadreCandidate]:
        for place in w.places:
            for _i in range(3 * w.plan.years):
                name, group = w.person(place)
                day = w.day(w.start, w.end)
                yield CadreCandidate(
                    full_name=name,
                    birth_year=rng.randint(1995, 2006),
                    ethnic_group_id=group,
                    commune_id=place.on(day)[0],
                    village_id=rng.choice(place.villages),
                    source=rng.choice(list(CandidateSource)),
                    identified_on=day,
                )

    def admissions() -> Iterator[PartyAdmission]:
        for place in w.places:
            for _i in range(2 * w.plan.years):
                name, group = w.person(place)
                day = w.day(w.start, w.end)
                yield PartyAdmission(
                    full_name=name,
                    ethnic_group_id=group,
                    commune_id=place.on(day)[0],
                    village_id=rng.choice(place.villages),
                    admitted_on=day,
                )

    w.insert(CadreCandidate, candidates())
    w.insert(PartyAdmission, admissions())
