"""Coordination regulations between stations and commune bodies, and their reviews."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from simple_history.utils import bulk_create_with_history

from borderwork.demo.geography import LAST_OLD_DAY, World, random_day
from borderwork.demo.reference import SCAN_PDF
from communes.models import (
    Commune,
    CoordinationRegulation,
    Counterpart,
    RegulationReview,
    RegulationStatus,
    ReviewKind,
    Station,
)

D = datetime.date
BODY = {
    Counterpart.PARTY_COMMITTEE: "Đảng ủy",
    Counterpart.FATHERLAND_FRONT: "Ủy ban Mặt trận Tổ quốc Việt Nam",
    Counterpart.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
}
BASIS = {
    "binh-phuoc": ["1540-QĐ/TU", "10-KH/TU"],
    "quang-binh": ["68-KL/TW", "31-HD/BTCTW"],
    Counterpart.FATHERLAND_FRONT: ["01/CT-TTg"],
}
SUMMARIES = [
    "Các bên thực hiện nghiêm quy chế; đồn cử cán bộ dự đầy đủ các kỳ sinh hoạt của Đảng ủy.",
    "Phối hợp nắm tình hình, giải quyết kịp thời các vụ việc phức tạp ở khu vực biên giới.",
    "Cần tăng cường trao đổi thông tin định kỳ; bổ sung nội dung phối hợp phát triển đảng viên.",
    "Phối hợp tốt tuyên truyền, vận động nhân dân tự quản đường biên, mốc quốc giới.",
    "Chế độ báo cáo chưa đều; thống nhất giao ban hằng quý giữa đồn và Đảng ủy.",
]
# In-force regulations whose review fell due and was never held: a gap a commissar must see.
OVERDUE_OLD, OVERDUE_NEW = 3, 1


def _attach_scan(regulation: CoordinationRegulation, filename: str) -> None:
    """Point the regulation at its scan, writing the file only if an earlier seed did not."""
    field = regulation.document.field
    name = field.generate_filename(regulation, filename)
    # Seeds rolled back in tests leave their files behind; reuse them rather than pile up copies.
    if not field.storage.exists(name):
        name = field.storage.save(name, ContentFile(SCAN_PDF))
    regulation.document.name = name


class Planner:
    """Collects regulations and the reviews each one had, then saves them in bulk."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.regulations: list[CoordinationRegulation] = []
        self.bases: list[list[str]] = []
        self.reviews: list[tuple[int, str, D, D | None, D | None]] = []
        self.numbers: dict[int, int] = {}

    def add(
        self,
        commune: Commune,
        counterpart: str,
        signed_on: D,
        basis: list[str],
        station: Station | None = None,
        province=None,
    ) -> CoordinationRegulation:
        issuer = station or province
        sequence = self.numbers[issuer.pk] = self.numbers.get(issuer.pk, 0) + 1
        # Numbers carry the signer's initials, as units number their own documents.
        short = "".join(w[0] for w in station.name.split()[3:]).upper() if station else "BCH"
        party = f"{BODY[counterpart]} {commune.get_kind_display().lower()} {commune.name}"
        signer = station.name if station else f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh {province.name}"
        regulation = CoordinationRegulation(
            number=f"{sequence:02d}/QCPH-{short}",
            title=f"Quy chế phối hợp giữa {signer} và {party} trong xây dựng hệ thống chính "
            "trị cơ sở khu vực biên giới",
            commune=commune,
            counterpart=counterpart,
            station=station,
            province=province,
            signed_on=signed_on,
        )
        _attach_scan(regulation, f"{commune.slug}-{counterpart}-{signed_on:%Y%m%d}.pdf")
        self.regulations.append(regulation)
        self.bases.append(basis)
        return regulation

    def review(
        self, regulation: CoordinationRegulation, kind: str, held_on: D, next_due: D | None
    ) -> None:
        # As the review form does: the due date it replaced stays on the review.
        previous = regulation.review_due if regulation.review_due != next_due else None
        self.reviews.append((len(self.regulations) - 1, kind, held_on, next_due, previous))
        regulation.review_due = next_due

    def save(self) -> None:
        rng = self.world.rng
        saved = bulk_create_with_history(self.regulations, CoordinationRegulation, batch_size=500)
        directives = self.world.directives
        for regulation, basis in zip(saved, self.bases, strict=True):
            regulation.directives.set([directives[code].pk for code in basis])
        reviews = [
            RegulationReview(
                regulation=saved[index],
                kind=kind,
                held_on=held_on,
                next_review_due=next_due,
                previous_due=previous,
                summary=rng.choice(SUMMARIES),
            )
            for index, kind, held_on, next_due, previous in self.reviews
        ]
        bulk_create_with_history(reviews, RegulationReview, batch_size=500)


def build_regulations(world: World) -> None:
    """Regulations as the articles describe them, replaced where communes merged."""
    rng, planner = world.rng, Planner(world)
    bp = world.province_places("binh-phuoc")
    qb = world.province_places("quang-binh")
    kept_qb = [p for p in qb if not p.successor]
    skipped = set(id(p) for p in rng.sample(kept_qb, 4))
    signed_places = bp + [p for p in qb if id(p) not in skipped]
    overdue = set(
        id(p) for p in rng.sample([p for p in signed_places if not p.successor], OVERDUE_OLD)
    )
    for place in signed_places:
        province = place.row.province
        if province == "binh-phuoc":
            signed_on, counterpart = random_day(rng, D(2021, 3, 1), D(2021, 6, 30)), None
        else:
            signed_on = random_day(rng, D(2020, 6, 1), D(2023, 12, 20))
            counterpart = Counterpart.FATHERLAND_FRONT if rng.random() < 0.3 else None
        if place.successor or not counterpart:
            counterpart = Counterpart.PARTY_COMMITTEE
        basis = BASIS.get(counterpart) or BASIS[province]
        regulation = planner.add(place.commune, counterpart, signed_on, basis, place.station)
        planner.review(
            regulation,
            ReviewKind.INTERIM,
            random_day(rng, D(2024, 12, 2), D(2024, 12, 27)),
            D(2025, 12, 31),
        )
        if place.successor:
            # The old commune ended: a final review, then the regulation was replaced.
            planner.review(
                regulation, ReviewKind.FINAL, random_day(rng, D(2025, 6, 2), D(2025, 6, 25)), None
            )
            regulation.status, regulation.expires_on = RegulationStatus.REPLACED, LAST_OLD_DAY
        elif id(place) not in overdue:
            planner.review(
                regulation,
                ReviewKind.INTERIM,
                random_day(rng, D(2025, 12, 1), D(2025, 12, 26)),
                D(2026, 12, 31),
            )

    late = rng.choice(world.successors)
    for successor in world.successors:
        province = world.predecessors(successor)[0].row.province
        signed_on = random_day(rng, D(2025, 8, 4), D(2025, 9, 26))
        regulation = planner.add(
            successor,
            Counterpart.PARTY_COMMITTEE,
            signed_on,
            BASIS[province],
            world.station_on(successor),
        )
        regulation.review_due = D(2026, 6, 30)
        if successor is not late:
            planner.review(
                regulation,
                ReviewKind.INTERIM,
                random_day(rng, D(2026, 6, 1), D(2026, 9, 25)),
                D(2027, 6, 30),
            )

    # One regulation signed by the provincial command itself rather than a station.
    ward = next(p for p in qb if p.row.area == "ward")
    regulation = planner.add(
        ward.commune,
        Counterpart.PEOPLES_COMMITTEE,
        D(2022, 5, 18),
        BASIS[Counterpart.FATHERLAND_FRONT],
        province=world.provinces["quang-binh"],
    )
    planner.review(regulation, ReviewKind.INTERIM, D(2025, 5, 20), D(2026, 5, 31))
    planner.save()
