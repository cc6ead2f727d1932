"""Courses for commune cadres, the cadre source, and party admissions in border villages."""

from __future__ import annotations

import datetime

from simple_history.utils import bulk_create_with_history

from borderwork.demo.geography import MERGE_DAY, WINDOW_END, WINDOW_START, Place, World, random_day
from borderwork.demo.names import MAJORITY, person_name
from cadres.models import (
    CadreCandidate,
    CandidateSource,
    CandidateStage,
    Course,
    CourseKind,
    CourseParticipant,
    PartyAdmission,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
# Courses of each kind per former province: few in the window's first quarter, more later.
COURSES_A_YEAR = {2024: (2, 2), 2025: (2, 3), 2026: (3, 4)}
YEAR_SPAN = {
    2024: (WINDOW_START, D(2024, 12, 15)),
    2025: (D(2025, 1, 6), D(2025, 12, 15)),
    2026: (D(2026, 1, 5), D(2026, 9, 20)),
}
PARTY_POSITIONS = ["Quần chúng ưu tú"] * 6 + [
    "Đoàn viên thanh niên",
    "Hội viên Hội Liên hiệp Phụ nữ",
    "Dân quân thường trực",
    "Tổ viên Tổ bảo vệ an ninh, trật tự",
]
DEFENCE_POSITIONS = [
    "Trưởng {village}",
    "Bí thư chi bộ {village}",
    "Công an xã",
    "Chỉ huy phó Ban Chỉ huy Quân sự xã",
    "Phó Chủ tịch UBND xã",
    "Chủ tịch Hội Nông dân xã",
    "Bí thư Đoàn xã",
    "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Trưởng Công an xã",
    "Tổ trưởng tổ an ninh {village}",
]
CANDIDATE_NOTES = {
    CandidateSource.RECRUITMENT: "Phát hiện từ khâu tuyển quân, đưa vào nguồn theo dõi.",
    CandidateSource.DEMOBILISED: "Quân nhân hoàn thành nghĩa vụ trở về địa phương.",
    CandidateSource.LOCAL: "Thanh niên tích cực trong các phong trào ở thôn, ấp.",
}


def local_person(world: World, place: Place, minority_chance: float) -> tuple[str, object]:
    """A local person's name and ethnic group, drawn from the groups of their commune."""
    rng = world.rng
    minorities = [g for g in world.groups_of[place.commune.pk] if g != MAJORITY]
    group = MAJORITY
    if minorities and rng.random() < max(minority_chance, place.row.minority_share):
        group = place.row.groups[0] if rng.random() < 0.6 else rng.choice(minorities)
    return person_name(rng, group), world.ethnic[group]


def _hosts(world: World, province: str) -> list[Place]:
    # Wards belonged to towns, not rural districts; their cadres studied with the towns.
    return [p for p in world.province_places(province) if p.row.area != "ward"]


def build_courses(world: World) -> None:
    """Party-familiarisation and defence-security courses, 20–40 participants each."""
    rng, courses, participants = world.rng, [], []
    for province in ("binh-phuoc", "quang-binh"):
        for year, (low, high) in COURSES_A_YEAR.items():
            for kind in (CourseKind.PARTY_FAMILIARISATION, CourseKind.DEFENCE_SECURITY):
                for number in range(1, rng.randint(low, high) + 1):
                    place = rng.choice(_hosts(world, province))
                    start = random_day(rng, *YEAR_SPAN[year])
                    if D(2025, 6, 20) <= start < MERGE_DAY:
                        start = MERGE_DAY + DAY * 14  # nobody opened a course during the merger
                    course = _course(world, place, kind, number, start)
                    courses.append(course)
                    participants += _participants(world, course, place, start)
    bulk_create_with_history(courses, Course, batch_size=500)
    bulk_create_with_history(participants, CourseParticipant, batch_size=500)


def _course(world: World, place: Place, kind: str, number: int, start: D) -> Course:
    commune, station = place.unit_on(start), place.station
    district = place.row.district
    if kind == CourseKind.PARTY_FAMILIARISATION:
        title = f"Lớp bồi dưỡng nhận thức về Đảng, khóa {number} năm {start.year}"
        host = f"Đảng ủy xã {commune.name}"
        if start < MERGE_DAY:
            host = f"Trung tâm Chính trị huyện {district}"
        length = world.rng.randint(5, 7)
    else:
        title = (
            f"Lớp bồi dưỡng kiến thức quốc phòng – an ninh cho cán bộ cấp xã, khóa {number} "
            f"năm {start.year}"
        )
        military = f"xã {commune.name}" if start >= MERGE_DAY else f"huyện {district}"
        host = f"{station.name} phối hợp Ban Chỉ huy Quân sự {military}"
        length = world.rng.randint(3, 5)
    return Course(
        kind=kind,
        title=title,
        host=host,
        commune=commune,
        station=station,
        started_on=start,
        ended_on=start + DAY * (length - 1),
    )


def _participants(world: World, course: Course, host: Place, start: D) -> list:
    rng, people = world.rng, []
    neighbours = world.places_of(host.station)
    for _ in range(rng.randint(20, 40)):
        place = host if rng.random() < 0.6 else rng.choice(neighbours)
        name, group = local_person(world, place, 0.5)
        if course.kind == CourseKind.PARTY_FAMILIARISATION:
            position = rng.choice(PARTY_POSITIONS)
        else:
            village = rng.choice(place.villages)
            label = f"{village.get_kind_display().lower()} {village.name}"
            position = rng.choice(DEFENCE_POSITIONS).format(village=label)
        people.append(
            CourseParticipant(
                course=course,
                full_name=name,
                ethnic_group=group,
                commune=place.unit_on(start),
                position=position,
            )
        )
    return people


def _admission_number(world: World, day: D) -> str:
    # Before the reform district party committees admitted members; since, commune committees.
    return f"{world.rng.randint(20, 990)}-QĐ/{'HU' if day < MERGE_DAY else 'ĐU'}"


def build_party_development(world: World) -> None:
    """About three cadre-source candidates per commune and one or two admissions a year."""
    rng, candidates, admissions = world.rng, [], []
    for _today, places in world.lineages():
        admitted_in = {2024: 0, 2025: 0, 2026: 0}
        for _ in range(rng.randint(2, 4)):
            year = rng.choices([2024, 2025, 2026], [25, 40, 35])[0]
            identified = (
                random_day(rng, WINDOW_START, D(2024, 12, 20))
                if year == 2024
                else random_day(rng, D(year, 1, 5), D(year, 3, 15))
            )
            place = rng.choice(places)
            name, group = local_person(world, place, 0.6)
            source = rng.choices(list(CANDIDATE_NOTES), [65, 20, 15])[0]
            stage = rng.choices(list(CandidateStage), [40, 30, 25, 5])[0]
            admitted_on = identified + DAY * rng.randint(150, 450)
            if stage in (CandidateStage.ADMITTED, CandidateStage.ELECTED) and (
                admitted_on > WINDOW_END
            ):
                stage = CandidateStage.TRAINED
            candidate = CadreCandidate(
                full_name=name,
                birth_year=rng.randint(1998, 2007),
                ethnic_group=group,
                commune=place.unit_on(identified),
                village=rng.choice(place.villages),
                source=source,
                identified_on=identified,
                stage=stage,
                notes=CANDIDATE_NOTES[source],
            )
            candidates.append(candidate)
            if stage in (CandidateStage.ADMITTED, CandidateStage.ELECTED):
                admitted_in[admitted_on.year] += 1
                admissions.append(
                    PartyAdmission(
                        full_name=name,
                        ethnic_group=group,
                        commune=place.unit_on(admitted_on),
                        village=candidate.village,
                        admitted_on=admitted_on,
                        candidate=candidate,
                        decision_number=_admission_number(world, admitted_on),
                    )
                )
        for year in (2024, 2025, 2026):
            wanted = (1 if rng.random() < 0.3 else 0) if year == 2024 else rng.randint(1, 2)
            for _ in range(max(0, wanted - admitted_in[year])):
                start, end = YEAR_SPAN[year]
                day = random_day(rng, start, end)
                place = rng.choice(places)
                name, group = local_person(world, place, 0.5)
                admissions.append(
                    PartyAdmission(
                        full_name=name,
                        ethnic_group=group,
                        commune=place.unit_on(day),
                        village=rng.choice(place.villages),
                        admitted_on=day,
                        decision_number=_admission_number(world, day),
                    )
                )
    bulk_create_with_history(candidates, CadreCandidate, batch_size=500)
    bulk_create_with_history(admissions, PartyAdmission, batch_size=500)
