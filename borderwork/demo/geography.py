"""The demo's provinces, districts, communes, villages and stations, and who covers what."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from simple_history.utils import bulk_create_with_history

from borderwork.demo.names import slug_of
from communes.models import (
    Commune,
    CommuneKind,
    District,
    Province,
    Station,
    StationCoverage,
    Village,
    VillageKind,
)

LAST_OLD_DAY = datetime.date(2025, 6, 30)
MERGE_DAY = datetime.date(2025, 7, 1)
# The eight quarters 2024Q4 to 2026Q3 carry the dated records.
WINDOW_START = datetime.date(2024, 10, 1)
WINDOW_END = datetime.date(2026, 9, 30)

# slug, name, neighbouring country, border length, merged into on 1 July 2025
PROVINCES = [
    ("dong-nai", "Đồng Nai", "Campuchia", Decimal("258.939"), None),
    ("quang-tri", "Quảng Trị", "Lào", None, None),
    ("binh-phuoc", "Bình Phước", "Campuchia", Decimal("258.939"), "dong-nai"),
    ("quang-binh", "Quảng Bình", "Lào", Decimal("201.870"), "quang-tri"),
]
DISTRICTS = {
    "binh-phuoc": ["Lộc Ninh", "Bù Đốp", "Bù Gia Mập"],
    "quang-binh": ["Minh Hóa", "Tuyên Hóa", "Bố Trạch", "Quảng Ninh", "Lệ Thủy", "Quảng Trạch",
                   "Ba Đồn", "Đồng Hới"],
}  # fmt: skip
# Districts that were not rural districts (huyện) carry their kind in the name.
DISTRICT_NAMES = {"Ba Đồn": "Thị xã Ba Đồn", "Đồng Hới": "Thành phố Đồng Hới"}

STATION_PREFIX = "Đồn Biên phòng "
STATIONS = {
    "binh-phuoc": ["Cửa khẩu Quốc tế Hoa Lư", "Lộc Thạnh", "Lộc Thiện", "Tân Tiến", "Thanh Hòa",
                   "Cửa khẩu Hoàng Diệu", "Bù Gia Mập", "Đắk Ơ"],
    "quang-binh": ["Cửa khẩu Quốc tế Cha Lo", "Cà Xèng", "Làng Mô", "Làng Ho", "Cồn Roàn",
                   "Bắc Sơn", "Cửa khẩu Cảng Hòn La", "Cửa khẩu Cảng Gianh", "Nhật Lệ"],
}  # fmt: skip

# district; commune; station; village kind; area; villages; ethnic-minority share of the
# population; minority groups that live there; named villages (the rest come from the pool)
COMMUNE_ROWS = {
    "binh-phuoc": """
Lộc Ninh; Lộc An; Cửa khẩu Quốc tế Hoa Lư; ap; rural; 8; 0.20; Xtiêng|Khmer; Chà Là|Măng Cải|Bù Núi
Lộc Ninh; Lộc Hòa; Cửa khẩu Quốc tế Hoa Lư; ap; rural; 9; 0.25; Xtiêng|Khmer; 1|2|3|4|5|Sóc Lớn
Lộc Ninh; Lộc Tấn; Lộc Thạnh; ap; rural; 10; 0.30; Xtiêng|Khmer; Chàng Hai|Bù Núi A|Bù Núi B|Tân Mai
Lộc Ninh; Lộc Thạnh; Lộc Thạnh; ap; rural; 7; 0.35; Xtiêng|Khmer; Tà Tê 1|Tà Tê 2|Thạnh Biên|Cần Dực
Lộc Ninh; Lộc Thiện; Lộc Thiện; ap; rural; 9; 0.30; Xtiêng|Khmer; Cần Lê|Tà Nốt|Bù Nồm
Lộc Ninh; Lộc Thành; Lộc Thiện; ap; rural; 10; 0.45; Xtiêng|Khmer; Cần Dù|Cây Điệp|3|4
Lộc Ninh; Lộc Khánh; Lộc Thiện; ap; rural; 9; 0.40; Xtiêng|Khmer; Vườn Bưởi|Cầu Trắng|Tà Vát
Bù Đốp; Hưng Phước; Cửa khẩu Hoàng Diệu; ap; rural; 7; 0.15; Xtiêng|Khmer; Phước Tiến|Bù Tam
Bù Đốp; Phước Thiện; Thanh Hòa; ap; rural; 8; 0.20; Xtiêng|Khmer; Thanh Thủy|Tân Phước
Bù Đốp; Thiện Hưng; Cửa khẩu Hoàng Diệu; ap; rural; 11; 0.10; Xtiêng|Khmer; Thiện Cư|1|2|3
Bù Đốp; Thanh Hòa; Thanh Hòa; ap; rural; 10; 0.15; Xtiêng|Khmer; Thanh Tâm|Thanh Hải|Thanh Xuân
Bù Đốp; Tân Tiến; Tân Tiến; ap; rural; 8; 0.20; Xtiêng|Khmer; Tân Phú|Tân Định
Bù Đốp; Tân Thành; Tân Tiến; ap; rural; 8; 0.15; Xtiêng|Khmer; Tân Hòa|Sóc Nê
Bù Gia Mập; Bù Gia Mập; Bù Gia Mập; thon; highland; 10; 0.75; Xtiêng|M'Nông; Bù Lư|Bù Rên|Đắk Á
Bù Gia Mập; Đắk Ơ; Đắk Ơ; thon; highland; 10; 0.60; Xtiêng|M'Nông; Bình Giai|Đắk Khâu|Bù Bưng
""",
    "quang-binh": """
Minh Hóa; Dân Hóa; Cửa khẩu Quốc tế Cha Lo; ban; highland; 15; 0.97; Bru - Vân Kiều|Chứt; Cha Lo
Minh Hóa; Trọng Hóa; Cửa khẩu Quốc tế Cha Lo; ban; highland; 16; 0.98; Bru - Vân Kiều|Chứt; Ka Oóc
Minh Hóa; Hóa Sơn; Cửa khẩu Quốc tế Cha Lo; ban; highland; 7; 0.12; Chứt; Dộ|Yên Hợp
Minh Hóa; Thượng Hóa; Cửa khẩu Quốc tế Cha Lo; ban; highland; 12; 0.45; Chứt; Ploang|Yên Sơn
Tuyên Hóa; Lâm Hóa; Cà Xèng; ban; highland; 8; 0.55; Chứt|Bru - Vân Kiều; Cà Xèng|Kè|Chuối
Tuyên Hóa; Thanh Hóa; Cà Xèng; thon; rural; 12; 0.08; Chứt; Kim Sơn|Tân Sơn
Tuyên Hóa; Thanh Thạch; Cà Xèng; thon; rural; 7; 0.03; Chứt; Thạch Hóa|Trung Thôn
Tuyên Hóa; Kim Hóa; Cà Xèng; thon; rural; 14; 0.06; Chứt; Kim Lũ|Kim Tân
Bố Trạch; Thượng Trạch; Làng Mô; ban; highland; 12; 0.97; Bru - Vân Kiều; Cà Roòng|Nồng Mới|Dốc Mây
Bố Trạch; Tân Trạch; Làng Mô; ban; highland; 5; 0.90; Chứt|Bru - Vân Kiều; Hà Nông|Đá Chát
Bố Trạch; Xuân Trạch; Làng Mô; thon; rural; 9; 0.10; Bru - Vân Kiều; Khương Hà|Xuân Sơn
Bố Trạch; Phúc Trạch; Làng Mô; thon; rural; 8; 0.05; Bru - Vân Kiều; Phong Nha|Cù Lạc
Bố Trạch; Hải Trạch; Cồn Roàn; thon; coast; 6; 0.0; ; Thanh Khê|Tân Phú
Bố Trạch; Nhân Trạch; Cồn Roàn; thon; coast; 6; 0.0; ; Đồng Dương|Phú Hải
Bố Trạch; Thanh Trạch; Cồn Roàn; thon; coast; 9; 0.0; ; Hòa Luật|Ngoại Hải
Quảng Ninh; Trường Sơn; Làng Ho; ban; highland; 13; 0.45; Bru - Vân Kiều; Ho Rum|Cây Sú|Khe Ngát
Quảng Ninh; Trường Xuân; Làng Ho; thon; rural; 9; 0.25; Bru - Vân Kiều; Rìn Rìn|Xuân Tiến
Quảng Ninh; Hải Ninh; Nhật Lệ; thon; coast; 7; 0.0; ; Hiển Trung|Thượng Long
Lệ Thủy; Kim Thủy; Bắc Sơn; ban; highland; 11; 0.70; Bru - Vân Kiều; Bạch Đàn|Hôi Rấy|Mít Điều
Lệ Thủy; Lâm Thủy; Bắc Sơn; ban; highland; 5; 0.60; Bru - Vân Kiều; Bến Rung|Thủy Sơn
Lệ Thủy; Ngân Thủy; Bắc Sơn; ban; highland; 6; 0.85; Bru - Vân Kiều; Chân Trộng|Xà Khía
Lệ Thủy; Ngư Thủy; Nhật Lệ; thon; coast; 7; 0.0; ; Thượng Hải|Hải Trung
Quảng Trạch; Quảng Đông; Cửa khẩu Cảng Hòn La; thon; coast; 7; 0.0; ; Vĩnh Sơn|Thọ Sơn
Quảng Trạch; Quảng Phú; Cửa khẩu Cảng Hòn La; thon; coast; 6; 0.0; ; Phú Lộc|Đông Dương
Quảng Trạch; Cảnh Dương; Cửa khẩu Cảng Hòn La; thon; coast; 5; 0.0; ; Cảnh Thượng|Cảnh Tân
Ba Đồn; Quảng Thọ; Cửa khẩu Cảng Gianh; to_dan_pho; ward; 8; 0.0; ; Thọ Đơn|Minh Lợi
Ba Đồn; Quảng Phúc; Cửa khẩu Cảng Gianh; to_dan_pho; ward; 8; 0.0; ; Tân Mỹ|Nam Phúc
Đồng Hới; Bảo Ninh; Nhật Lệ; to_dan_pho; ward; 6; 0.0; ; Mỹ Cảnh|Hà Thôn|Sa Động
""",
}
# Names that fill each commune's villages beyond the named ones.
VILLAGE_POOLS = {
    "ap": "Bù Núi|Tà Thiết|Thạnh Trung|Hiệp Thành|Măng Cải|Sóc Lớn|Cầu Trắng|Tà Vát|Vườn Bưởi|"
    "Cần Lê|Bù Nồm|Tân Mai|Tân Lập|Phước Tiến|Thanh Thủy|Thanh Trung|Tân Phước|Tân Định|Tân Hòa|"
    "Sóc Nê|Sóc Ruộng|Bù Tam|Hòa Đông|Hòa Tây|Bình Tây|Thạnh Đông|Tân Thịnh|Suối Thôn|Chà Đôn|"
    "Tà Tê|Cần Đâu|Bà Nam|Tân Bình|Thiện Cư|Thanh Bình|Tân Phú|Tân Lợi|Tân Đông|Hưng Lập|Tân Trạch",
    "binh-phuoc:thon": "Bù Lư|Bù Rên|Đắk Á|Bù Dốt|Đắk Côn|Bù Ka|Bình Tiến|Đắk Khâu|Bù Bưng|"
    "Bình Giai|Đắk Lim|Bù Nga|Thống Nhất|Đắk Sơn|Bù Đăng|Đắk Nhau|Bù Môn|Bình Hà|Bù Cà Mau",
    "thon": "Tân Sơn|Thanh Long|Đông Thành|Trung Hòa|Bắc Sơn|Nam Sơn|Phú Lộc|An Bình|Hòa Bình|"
    "Vĩnh Phước|Minh Lệ|Cao Cảnh|Hải Lưu|Đồng Tâm|"
    "Tiền Phong|Quyết Thắng|Tân Lý|Xuân Hòa|Hợp Hòa|Trung Trạch|Hạ Trạch|Phú Hải|Liên Hòa|"
    "Thượng Phong|Đông Hưng|Tây Hưng|Kim Sen|Phú Minh|Sơn Thủy|Thuận Bắc|Thuận Nam|Xuân Trung",
    "ban": "Ka Ai|Y Leng|Hà Vy|Bãi Dinh|Tà Vờng|Ra Mai|K-Ing|Cu Ngật|Tà Lé|Ba Loóc|Hà Nông|Ón|"
    "Tà Rà|Sy|Ka Oóc|Mò O Ồ Ồ|Ò Ô|Dộ|Lâm Ka|Ông Tú|Yên Hợp|Tà Cóong|Cáo|Rục Làng|Mã Liềng|Kè|"
    "Chuối|Cà Roòng|Nồng Mới|Nồng Cũ|Ploang|Dốc Mây|Bụt|Lòm|Cồn Cùng|Tăng Ký|Ho Rum|Cây Sú|"
    "Khe Ngát|Chân Trộng|Xà Khía|Đá Chát|Bạch Đàn|Hôi Rấy|Bến Rung|Ba Tú|Rìn Rìn|Dốc Mới|"
    "Nước Đắng|Mít Điều|Ra Mai 2|Tà Pa|Chăm Pu|Hung|Ồ Ồ",
    "to_dan_pho": "Thọ Đơn|Trung Thôn|Minh Lợi|Hợp Hòa|Đình Chùa|Tân Phúc|Nam Phúc|Bắc Phúc|"
    "Đông Phúc|Trung Phúc|Mỹ Cảnh|Hà Thôn|Hà Trung|Hà Dương|Trung Bính|Sa Động|Cửa Phú|"
    "Đồng Dương|Nam Thọ|Bắc Thọ",
}
COMMUNE_KINDS = {"ward": CommuneKind.WARD}

# The 1 July 2025 reorganisation: old province, new province, new commune, old communes.
MERGES = [
    ("binh-phuoc", "dong-nai", "Lộc Tấn", ["Lộc Thạnh", "Lộc Tấn"]),
    ("binh-phuoc", "dong-nai", "Thiện Hưng", ["Thiện Hưng", "Hưng Phước"]),
    ("quang-binh", "quang-tri", "Dân Hóa", ["Dân Hóa", "Trọng Hóa"]),
    ("quang-binh", "quang-tri", "Kim Ngân", ["Kim Thủy", "Lâm Thủy", "Ngân Thủy"]),
]


class CommuneRow(NamedTuple):
    province: str
    district: str
    name: str
    station: str
    village_kind: str
    area: str
    villages: int
    minority_share: float
    groups: list[str]
    named_villages: list[str]


def commune_rows() -> list[CommuneRow]:
    """The fixed commune table, parsed."""
    rows = []
    for province, text in COMMUNE_ROWS.items():
        for line in text.strip().splitlines():
            district, name, station, kind, area, count, share, groups, named = (
                part.strip() for part in line.split(";")
            )
            rows.append(
                CommuneRow(
                    province,
                    district,
                    name,
                    station,
                    kind,
                    area,
                    int(count),
                    float(share),
                    [g for g in groups.split("|") if g],
                    [v for v in named.split("|") if v],
                )
            )
    return rows


@dataclass
class Place:
    """A commune as it was before 1 July 2025, with its villages and covering station."""

    row: CommuneRow
    commune: Commune
    station: Station
    villages: list[Village] = field(default_factory=list)
    successor: Commune | None = None

    def unit_on(self, day: datetime.date) -> Commune:
        """The commune a record dated `day` belongs to."""
        return self.successor if self.successor and day >= MERGE_DAY else self.commune


@dataclass
class World:
    """Everything the record builders look up, so no builder queries row by row."""

    rng: random.Random
    provinces: dict[str, Province] = field(default_factory=dict)
    districts: dict[tuple[str, str], District] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    successors: list[Commune] = field(default_factory=list)
    stations: list[Station] = field(default_factory=list)
    ethnic: dict = field(default_factory=dict)
    directives: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # (commune id, village id) -> PartyCell
    groups_of: dict = field(default_factory=dict)  # commune id -> ethnic group names
    officers: dict = field(default_factory=dict)  # station id -> [Officer]

    def places_of(self, station: Station) -> list[Place]:
        return [p for p in self.places if p.station.pk == station.pk]

    def province_places(self, slug: str) -> list[Place]:
        return [p for p in self.places if p.row.province == slug]

    def predecessors(self, commune: Commune) -> list[Place]:
        return [p for p in self.places if p.successor and p.successor.pk == commune.pk]

    def lineages(self) -> list[tuple[Commune, list[Place]]]:
        """Each commune that exists today with the old communes it is made of."""
        kept = [(p.commune, [p]) for p in self.places if not p.successor]
        return kept + [(c, self.predecessors(c)) for c in self.successors]

    def station_on(self, commune: Commune) -> Station:
        """The one station that covers a commune (stations keep their communes across merges)."""
        for place in self.places:
            if commune.pk in (place.commune.pk, place.successor and place.successor.pk):
                return place.station
        raise KeyError(commune)


def random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def quarters() -> list[tuple[datetime.date, datetime.date]]:
    """The eight quarters of the window, first to last."""
    result, year, month = [], WINDOW_START.year, WINDOW_START.month
    while datetime.date(year, month, 1) < WINDOW_END:
        start = datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 10 else (year, month + 3)
        result.append((start, datetime.date(year, month, 1) - datetime.timedelta(days=1)))
    return result


def split_total(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to exactly `total`."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    parts = [int(s) for s in shares]
    by_remainder = sorted(range(len(parts)), key=lambda i: (parts[i] - shares[i], rng.random()))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _unique_slugs(slugs: list[str]) -> list[str]:
    """Number repeats: Lộc Thạnh and Lộc Thành fold to the same ASCII slug."""
    seen: dict[str, int] = {}
    result = []
    for slug in slugs:
        seen[slug] = seen.get(slug, 0) + 1
        result.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return result


def build_geography(world: World) -> None:
    """Create provinces, districts, communes, villages, stations and their coverage."""
    rng, provinces = world.rng, world.provinces
    for slug, name, country, border, merged in PROVINCES:
        provinces[slug] = Province.objects.create(
            slug=slug,
            name=name,
            neighbouring_country=country,
            border_length_km=border,
            command_name=f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh {name}",
            valid_until=LAST_OLD_DAY if merged else None,
            merged_into=provinces.get(merged),
        )
    districts = [
        District(
            province=provinces[p],
            name=DISTRICT_NAMES.get(d, d),
            slug=f"{p}-{slug_of(d)}",
            valid_until=LAST_OLD_DAY,
        )
        for p, names in DISTRICTS.items()
        for d in names
    ]
    for district in bulk_create_with_history(districts, District):
        short = district.slug.removeprefix(f"{district.province.slug}-")
        world.districts[(district.province.slug, short)] = district

    successor_of = {}
    new_communes = []
    for old_province, province, name, olds in MERGES:
        commune = Commune(
            name=name,
            slug=f"{province}-{slug_of(name)}",
            valid_from=MERGE_DAY,
            province=provinces[province],
            is_border=True,
        )
        new_communes.append(commune)
        successor_of.update({(old_province, old): commune for old in olds})
    world.successors = bulk_create_with_history(new_communes, Commune)

    rows = commune_rows()
    slugs = _unique_slugs([f"{row.province}-{slug_of(row.name)}" for row in rows])
    communes = [
        Commune(
            name=row.name,
            slug=slug,
            kind=COMMUNE_KINDS.get(row.area, CommuneKind.COMMUNE),
            province=provinces[row.province],
            district=world.districts[(row.province, slug_of(row.district))],
            is_border=True,
            valid_until=LAST_OLD_DAY if (row.province, row.name) in successor_of else None,
            merged_into=successor_of.get((row.province, row.name)),
        )
        for row, slug in zip(rows, slugs, strict=True)
    ]
    communes = bulk_create_with_history(communes, Commune, batch_size=500)

    stations = {
        name: Station(
            name=STATION_PREFIX + name, slug=f"don-{slug_of(name)}", province=provinces[province]
        )
        for province, names in STATIONS.items()
        for name in names
    }
    world.stations = bulk_create_with_history(list(stations.values()), Station)

    coverage, villages = [], []
    for row, commune in zip(rows, communes, strict=True):
        place = Place(row, commune, stations[row.station], successor=commune.merged_into)
        world.places.append(place)
        merged = place.successor is not None
        coverage.append(
            StationCoverage(
                station=place.station, commune=commune, valid_until=LAST_OLD_DAY if merged else None
            )
        )
        pool = VILLAGE_POOLS.get(f"{row.province}:{row.village_kind}")
        pool = pool or VILLAGE_POOLS[row.village_kind]
        pool = [n for n in pool.split("|") if n not in row.named_villages]
        names = row.named_villages + rng.sample(pool, row.villages - len(row.named_villages))
        place.villages = [
            Village(name=n, kind=VillageKind(row.village_kind), commune=commune) for n in names
        ]
        villages.extend(place.villages)
    for commune in world.successors:
        coverage.append(
            StationCoverage(
                station=world.station_on(commune), commune=commune, valid_from=MERGE_DAY
            )
        )
    bulk_create_with_history(coverage, StationCoverage, batch_size=500)
    bulk_create_with_history(villages, Village, batch_size=500)
