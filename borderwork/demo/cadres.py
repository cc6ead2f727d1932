"""Station officers, their assignments in local bodies, and voters' petitions."""

from __future__ import annotations

import datetime

from simple_history.utils import bulk_create_with_history

from borderwork.demo.geography import (
    LAST_OLD_DAY,
    MERGE_DAY,
    WINDOW_END,
    WINDOW_START,
    Place,
    World,
    random_day,
)
from borderwork.demo.names import MAJORITY, person_name
from cadres.models import (
    Assignment,
    AssignmentKind,
    AssignmentLevel,
    Officer,
    Petition,
    PetitionStatus,
)
from communes.models import Commune

D = datetime.date
DAY = datetime.timedelta(days=1)
# Birth years by rank, so a major is older than a second lieutenant.
RANKS = {
    "Trung tá": (1976, 1983),
    "Thiếu tá": (1981, 1988),
    "Đại úy": (1986, 1992),
    "Thượng úy": (1990, 1995),
    "Trung úy": (1994, 1999),
    "Thiếu úy": (1996, 2001),
}
# Every station has its command and a mass-mobilisation team; the rest vary.
LEADERS = [
    ("Đồn trưởng", ["Thiếu tá", "Trung tá"]),
    ("Chính trị viên", ["Thiếu tá", "Trung tá"]),
    ("Phó Chính trị viên", ["Đại úy", "Thiếu tá"]),
    ("Phó Đồn trưởng", ["Đại úy", "Thiếu tá"]),
    ("Đội trưởng Đội Vận động quần chúng", ["Thượng úy", "Đại úy"]),
]
OTHERS = [
    ("cán bộ Vận động quần chúng", ["Thiếu úy", "Trung úy", "Thượng úy", "Đại úy"]),
    ("cán bộ Vận động quần chúng", ["Thiếu úy", "Trung úy", "Thượng úy"]),
    ("Đội trưởng Đội Trinh sát", ["Thượng úy", "Đại úy"]),
    ("cán bộ Đội Tuần tra, kiểm soát", ["Thiếu úy", "Trung úy"]),
    ("Trợ lý Chính trị", ["Trung úy", "Thượng úy"]),
]
MINORITY_OFFICERS = {
    "binh-phuoc": ["Tày", "Nùng", "Xtiêng", "Khmer", "Mường", "M'Nông"],
    "quang-binh": ["Bru - Vân Kiều", "Chứt", "Mường", "Thái", "Tày"],
}
DIRECTIVE = {"binh-phuoc": "10-KH/TU", "quang-binh": "68-KL/TW"}
SUBJECTS = [
    (
        "Đề nghị sửa chữa tuyến đường liên thôn bị sạt lở sau mùa mưa.",
        "Đã bố trí kinh phí, sửa xong.",
    ),
    ("Kiến nghị hỗ trợ nước sinh hoạt cho các hộ ở xa trong mùa khô.", "Đã lắp bồn chứa nước."),
    ("Đề nghị kéo điện lưới đến các hộ chưa có điện.", "Điện lực đã kéo đường dây hạ thế."),
    ("Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất.", "Đã cấp giấy cho các hộ đủ điều kiện."),
    ("Kiến nghị hỗ trợ giống cây trồng, con giống cho hộ nghèo.", "Đã đưa vào kế hoạch hỗ trợ."),
    ("Đề nghị sửa chữa phòng học điểm trường bị dột.", "Đã sửa chữa trước năm học mới."),
    ("Phản ánh tình trạng khai thác cát trái phép ven sông.", "Đã kiểm tra, xử lý vi phạm."),
    ("Đề nghị tăng cường tuần tra an ninh trật tự ban đêm.", "Đã duy trì tổ an ninh tuần tra."),
    ("Đề nghị hỗ trợ chi phí khám chữa bệnh cho người cao tuổi.", "Đã giải thích chính sách BHYT."),
    ("Kiến nghị về chế độ cho người có uy tín trong đồng bào.", "Đã trả lời tại kỳ họp HĐND."),
]
PETITION_STATUSES = [
    PetitionStatus.RESOLVED,
    PetitionStatus.EXPLAINED,
    PetitionStatus.FORWARDED,
    PetitionStatus.RECEIVED,
]


def _officer(world: World, station, position: str, ranks: list[str], female=False) -> Officer:
    rng = world.rng
    rank = rng.choice(ranks)
    group = MAJORITY
    if rng.random() < 0.18:
        group = rng.choice(MINORITY_OFFICERS[station.province.slug])
    born = rng.randint(*RANKS[rank])
    joined = min(random_day(rng, D(born + 20, 1, 1), D(born + 25, 12, 31)), D(2024, 6, 30))
    return Officer(
        full_name=person_name(rng, group, female=female),
        rank=rank,
        position=position,
        station=station,
        ethnic_group=world.ethnic[group],
        birth_year=born,
        party_joined_on=joined,
    )


def build_officers(world: World) -> None:
    """Six to ten officers per station, command first; one is a woman."""
    rng, officers = world.rng, []
    for station in world.stations:
        crew = [_officer(world, station, position, ranks) for position, ranks in LEADERS]
        for position, ranks in rng.sample(OTHERS, rng.randint(1, 4)):
            crew.append(_officer(world, station, position, ranks))
        crew.append(_officer(world, station, "cán bộ Vận động quần chúng", ["Thượng úy"], True))
        world.officers[station.pk] = crew
        officers.extend(crew)
    bulk_create_with_history(officers, Officer, batch_size=500)


class Assigner:
    """Collects assignments; one in an old commune that merged continues in the new one."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.assignments: list[Assignment] = []
        self.continued: set[tuple] = set()

    def add(
        self,
        officer: Officer,
        kind: str,
        commune: Commune,
        started_on: D,
        ended_on: D | None = None,
        **fields,
    ) -> Assignment:
        assignment = Assignment(
            officer=officer,
            kind=kind,
            commune=commune,
            started_on=started_on,
            ended_on=ended_on,
            **fields,
        )
        self.assignments.append(assignment)
        return assignment

    def at_place(self, place: Place, officer: Officer, kind: str, started_on: D, **fields) -> None:
        """Assign in an old commune; where it merged, end there and go on in the new one."""
        if not place.successor:
            self.add(officer, kind, place.commune, started_on, **fields)
            return
        self.add(officer, kind, place.commune, started_on, LAST_OLD_DAY, **fields)
        cell = fields.pop("party_cell", None)
        key = (place.successor.pk, kind, cell and cell.village.pk)
        if key not in self.continued:
            self.continued.add(key)
            if cell:
                fields["party_cell"] = self.world.cells[(place.successor.pk, cell.village.pk)]
            self.add(officer, kind, place.successor, MERGE_DAY, **fields)


def _decision(world: World, issuer: str) -> str:
    return f"{world.rng.randint(12, 480)}-QĐ/{issuer}"


def build_assignments(world: World) -> None:
    """Party committee, party cell, People's Council, Front and union assignments."""
    rng, assigner = world.rng, Assigner(world)
    directives = world.directives
    gaps = {
        rng.choice([p for p in world.province_places(s) if not p.successor]).commune.pk
        for s in DIRECTIVE
    }
    for number, place in enumerate(world.places):
        province, crew = place.row.province, world.officers[place.station.pk]
        directive = directives[DIRECTIVE[province]]
        # Political officers sit on party committees, taking the station's communes in turn.
        officer = crew[[1, 2, 4, 3][number % 4]]
        start = (
            random_day(rng, D(2021, 1, 5), D(2021, 3, 31))
            if province == "binh-phuoc"
            else random_day(rng, D(2020, 8, 15), D(2021, 2, 28))
        )
        ended, notes = (LAST_OLD_DAY, "") if place.successor else (None, "")
        if place.commune.pk in gaps:
            # The officer moved on and nobody replaced them: a gap on the dashboard.
            ended, notes = D(2026, 3, 31), "Cán bộ chuyển công tác, chưa giới thiệu người thay thế."
        assigner.add(
            officer,
            AssignmentKind.PARTY_COMMITTEE,
            place.commune,
            start,
            ended,
            directive=directive,
            decision_number=_decision(world, "HU"),
            notes=notes,
        )
        cell_directive = directives["1540-QĐ/TU"] if province == "binh-phuoc" else None
        for village in place.villages:
            if rng.random() < 0.5:
                start = random_day(rng, D(2019, 10, 1), D(2025, 5, 31))
                if not place.successor and rng.random() < 0.1:
                    start = random_day(rng, WINDOW_START, D(2026, 6, 30))
                assigner.at_place(
                    place,
                    rng.choice(crew),
                    AssignmentKind.PARTY_CELL,
                    start,
                    party_cell=world.cells[(place.commune.pk, village.pk)],
                    directive=cell_directive,
                )
        for kind, share, pick in (
            (AssignmentKind.FATHERLAND_FRONT, 0.4, crew[rng.choice([0, 1, 3])]),
            (AssignmentKind.YOUTH_UNION, 0.3, rng.choice(crew[4:])),
            (AssignmentKind.WOMENS_UNION, 0.2, crew[-1]),
            (AssignmentKind.VETERANS, 0.2, crew[0]),
        ):
            if rng.random() < share:
                start = random_day(rng, D(2019, 8, 1), D(2024, 12, 31))
                assigner.at_place(place, pick, kind, start)
    for successor in world.successors:
        crew = world.officers[world.station_on(successor).pk]
        province = world.predecessors(successor)[0].row.province
        assigner.add(
            crew[1],
            AssignmentKind.PARTY_COMMITTEE,
            successor,
            MERGE_DAY,
            directive=directives[DIRECTIVE[province]],
            decision_number=_decision(world, "TU"),
        )
    _district_assignments(world, assigner)
    _council_delegates(world, assigner)
    bulk_create_with_history(assigner.assignments, Assignment, batch_size=500)
    _petitions(world, [a for a in assigner.assignments if a.kind == AssignmentKind.PEOPLES_COUNCIL])


def _district_assignments(world: World, assigner: Assigner) -> None:
    """District party committees and councils, which ended with the districts."""
    for province, district, kind in (
        ("binh-phuoc", "loc-ninh", AssignmentKind.PARTY_COMMITTEE),
        ("binh-phuoc", "bu-dop", AssignmentKind.PARTY_COMMITTEE),
        ("binh-phuoc", "bu-gia-map", AssignmentKind.PARTY_COMMITTEE),
        ("binh-phuoc", "loc-ninh", AssignmentKind.PEOPLES_COUNCIL),
        ("quang-binh", "minh-hoa", AssignmentKind.PARTY_COMMITTEE),
        ("quang-binh", "bo-trach", AssignmentKind.PEOPLES_COUNCIL),
    ):
        unit = world.districts[(province, district)]
        place = next(p for p in world.province_places(province) if p.commune.district.pk == unit.pk)
        council = kind == AssignmentKind.PEOPLES_COUNCIL
        start = D(2021, 7, 1) if council else random_day(world.rng, D(2020, 8, 1), D(2020, 11, 30))
        directive = None if council else world.directives[DIRECTIVE[province]]
        assigner.add(
            world.officers[place.station.pk][0],
            kind,
            None,
            start,
            LAST_OLD_DAY,
            level=AssignmentLevel.DISTRICT,
            district=unit,
            directive=directive,
        )


def _council_delegates(world: World, assigner: Assigner) -> None:
    """Officers elected to a third of the communes' People's Councils (2021–2026 term)."""
    rng = world.rng
    term_end, new_term = D(2026, 3, 14), D(2026, 3, 15)
    elected = rng.sample(world.places, round(len(world.places) / 3))
    # Every station has at least one delegate, so each station's staff see petitions.
    for place in world.places:
        if all(p.station.pk != place.station.pk for p in elected):
            elected.append(place)
    current = []
    for place in elected:
        officer = world.officers[place.station.pk][rng.choice([0, 1, 2])]
        if not place.successor:
            assigner.add(
                officer, AssignmentKind.PEOPLES_COUNCIL, place.commune, D(2021, 7, 1), term_end
            )
            current.append((place.commune, officer))
            continue
        assigner.add(
            officer, AssignmentKind.PEOPLES_COUNCIL, place.commune, D(2021, 7, 1), LAST_OLD_DAY
        )
        if all(c.pk != place.successor.pk for c, _ in current):
            # Delegates of the old councils sat in the new commune's council until the election.
            assigner.add(
                officer, AssignmentKind.PEOPLES_COUNCIL, place.successor, MERGE_DAY, term_end
            )
            current.append((place.successor, officer))
    for commune, officer in current:
        if rng.random() < 0.6:
            assigner.add(officer, AssignmentKind.PEOPLES_COUNCIL, commune, new_term)


def _petitions(world: World, delegates: list[Assignment]) -> None:
    """Two to four voters' petitions per delegate within the window, most resolved."""
    rng, petitions = world.rng, []
    for delegate in delegates:
        if delegate.level == AssignmentLevel.DISTRICT:
            continue
        start = max(delegate.started_on, WINDOW_START)
        end = min(delegate.ended_on or WINDOW_END, WINDOW_END)
        places = [
            p
            for p in world.places
            if delegate.commune.pk in (p.commune.pk, p.successor and p.successor.pk)
        ]
        for _ in range(rng.randint(2, 4)):
            received = random_day(rng, start, end)
            subject, resolution = rng.choice(SUBJECTS)
            status = rng.choices(PETITION_STATUSES, [60, 15, 15, 10])[0]
            resolved = None
            if status in (PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED):
                resolved = received + DAY * rng.randint(10, 120)
                if resolved > WINDOW_END:
                    status, resolved = PetitionStatus.FORWARDED, None
            if status != PetitionStatus.RESOLVED:
                resolution = "" if resolved is None else "Đã giải thích, trả lời cử tri."
            village = rng.choice(rng.choice(places).villages)
            petitions.append(
                Petition(
                    assignment=delegate,
                    received_on=received,
                    subject=subject,
                    status=status,
                    voters=f"Cử tri {village.get_kind_display().lower()} {village.name}",
                    resolved_on=resolved,
                    resolution=resolution,
                )
            )
    bulk_create_with_history(petitions, Petition, batch_size=500)
