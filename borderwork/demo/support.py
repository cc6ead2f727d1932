"""Dated records of the work: support given, follow-ups, models and propaganda activities."""

from __future__ import annotations

import datetime

from simple_history.utils import bulk_create_with_history

from borderwork.demo.development import local_person
from borderwork.demo.geography import WINDOW_END, Place, World, quarters, random_day
from programmes.models import (
    Activity,
    ActivityKind,
    FollowUpStatus,
    MassMobilisationModel,
    ModelField,
    PovertyStatus,
    RecipientKind,
    RecognitionLevel,
    SupportFollowUp,
    SupportRecord,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
MILLION = 1_000_000
# Records per station and quarter at the start of the window; the work grows 7% a quarter.
PER_QUARTER = {
    "mai-am": 0.45,
    "bo-giong": 1.0,
    "de-giong": 0.8,
    "nang-buoc-em-toi-truong": 0.9,
    "suc-khoe-cong-dong": 1.6,
    "nong-thon-moi": 0.7,
    "ca-nuoc-chung-tay": 0.9,
}
GROWTH = 0.07
FUNDING = {
    "mai-am": ["Bộ Tư lệnh Bộ đội Biên phòng", "Quỹ Vì người nghèo tỉnh",
               "Ngân hàng TMCP Quân đội (MB)", "Tập đoàn Công nghiệp – Viễn thông Quân đội",
               "Nhà hảo tâm và đối ứng của hộ"],
    "bo-giong": ["Bộ Tư lệnh Bộ đội Biên phòng", "Ngân hàng Nông nghiệp và Phát triển Nông thôn",
                 "Nhà hảo tâm", "Quỹ Bảo trợ Bộ đội Biên phòng"],
    "de-giong": ["Đồn Biên phòng vận động", "Hội Nông dân tỉnh", "Nhà hảo tâm"],
    "nang-buoc-em-toi-truong": ["Bộ Tư lệnh Bộ đội Biên phòng", "Cán bộ, chiến sĩ đồn đỡ đầu",
                                "Quỹ Bảo trợ trẻ em tỉnh"],
    "suc-khoe-cong-dong": ["Quân y đồn Biên phòng", "Bệnh viện Quân dân y", "Nhà hảo tâm"],
    "nong-thon-moi": ["Đồn Biên phòng", "Ủy ban MTTQ xã", "Nhân dân đóng góp"],
    "ca-nuoc-chung-tay": ["Ủy ban MTTQ tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
                          "Hội Chữ thập đỏ tỉnh", "Nhà hảo tâm"],
}  # fmt: skip
FOLLOWED = ("bo-giong", "de-giong", "nang-buoc-em-toi-truong")
MODELS = {
    "both": [
        ("Đàn bò vì người nghèo nơi biên giới", ModelField.ECONOMY),
        ("Tự quản đường biên, mốc quốc giới", ModelField.DEFENCE_SECURITY),
        ("Chi bộ có đảng viên Bộ đội Biên phòng tham gia sinh hoạt", ModelField.POLITICAL_SYSTEM),
        ("Mỗi cán bộ đồn giúp đỡ một hộ nghèo", ModelField.ECONOMY),
        ("Tổ hòa giải ở cơ sở", ModelField.DEFENCE_SECURITY),
        ("Đồn Biên phòng kết nghĩa với thôn, ấp", ModelField.POLITICAL_SYSTEM),
    ],
    "binh-phuoc": [
        ("Nuôi dê vì người nghèo", ModelField.ECONOMY),
        ("Hũ gạo tình thương", ModelField.CULTURE_SOCIETY),
        ("Camera an ninh ở ấp biên giới", ModelField.DEFENCE_SECURITY),
    ],
    "quang-binh": [
        ("Đài phát thanh bản xa", ModelField.CULTURE_SOCIETY),
        ("Loa phóng thanh biên giới", ModelField.CULTURE_SOCIETY),
        ("Thứ Bảy về với bản", ModelField.ECONOMY),
        ("Vận động đồng bào xóa bỏ hủ tục", ModelField.CULTURE_SOCIETY),
    ],
}
RESULTS = [
    "Giúp {n} hộ thoát nghèo, được cấp ủy, chính quyền địa phương đánh giá cao.",
    "Thu hút {n} lượt người tham gia; tình hình an ninh trật tự ổn định.",
    "Nhân rộng ra {n} thôn, ấp trong xã.",
]
TOPICS = [
    "Tuyên truyền Luật Biên phòng Việt Nam",
    "Phòng, chống mua bán người",
    "Phòng, chống ma túy ở khu vực biên giới",
    "Quy chế khu vực biên giới đất liền",
    "Phòng, chống xuất cảnh, nhập cảnh trái phép",
    "Bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia",
    "Phòng, chống tác hại của tin giả trên mạng xã hội",
]


def _count(world: World, rate: float) -> int:
    whole = int(rate)
    return whole + (world.rng.random() < rate - whole)


def _support(world: World, slug: str, place: Place, day: D) -> SupportRecord:
    rng = world.rng
    name, group = local_person(world, place, 0.5)
    kind, quantity, status = RecipientKind.HOUSEHOLD, 1, PovertyStatus.POOR
    if slug == "mai-am":
        value = rng.randint(50, 80) * MILLION
    elif slug == "bo-giong":
        quantity = 2 if rng.random() < 0.1 else 1
        value = quantity * rng.randint(30, 40) * MILLION // 2
    elif slug == "de-giong":
        quantity = rng.randint(2, 5)
        value = quantity * rng.randint(30, 50) * MILLION // 10
    elif slug == "nang-buoc-em-toi-truong":
        # An adopted child gets 500,000 đồng a month; a record is one school year.
        kind, value = RecipientKind.PERSON, 6 * MILLION
    elif slug == "suc-khoe-cong-dong":
        kind, value = RecipientKind.PERSON, rng.randint(15, 60) * 10_000
    else:
        value = rng.randint(5, 20) * 100_000
    if kind == RecipientKind.HOUSEHOLD or slug == "suc-khoe-cong-dong":
        status = rng.choices(list(PovertyStatus), [60, 30, 10])[0]
    return SupportRecord(
        programme=world.programmes[slug],
        station=place.station,
        commune=place.unit_on(day),
        village=rng.choice(place.villages),
        recipient_kind=kind,
        recipient_name=name,
        ethnic_group=group,
        poverty_status=status,
        given_on=day,
        quantity=quantity,
        value_vnd=value,
        funding_source=rng.choice(FUNDING[slug]),
    )


def build_support(world: World) -> None:
    """Support records per station and quarter, and later visits to cows, goats and children."""
    rng, records = world.rng, []
    for index, (start, end) in enumerate(quarters()):
        growth = 1 + GROWTH * index
        for station in world.stations:
            places = world.places_of(station)
            for slug, rate in PER_QUARTER.items():
                if slug == "ca-nuoc-chung-tay" and start.month == 1:
                    rate *= 3  # gifts go out before Tết
                for _ in range(_count(world, rate * growth)):
                    place = rng.choice(places)
                    records.append(_support(world, slug, place, random_day(rng, start, end)))
    records = bulk_create_with_history(records, SupportRecord, batch_size=500)
    follow_ups = []
    for record in records:
        slug = record.programme.slug
        if slug not in FOLLOWED or rng.random() >= 0.4:
            continue
        checked = min(record.given_on + DAY * rng.randint(60, 420), WINDOW_END)
        if checked <= record.given_on:
            continue
        follow_ups.append(_follow_up(world, record, slug, checked))
    bulk_create_with_history(follow_ups, SupportFollowUp, batch_size=500)


def _follow_up(world: World, record: SupportRecord, slug: str, checked: D) -> SupportFollowUp:
    rng, days = world.rng, (checked - record.given_on).days
    if slug == "nang-buoc-em-toi-truong":
        status = rng.choices(
            [FollowUpStatus.STILL_AT_SCHOOL, FollowUpStatus.DIFFICULTY, FollowUpStatus.ENDED],
            [90, 5, 5],
        )[0]
        note = {
            FollowUpStatus.STILL_AT_SCHOOL: "Cháu chăm ngoan, học lực khá.",
            FollowUpStatus.DIFFICULTY: "Gia đình khó khăn, cháu có nguy cơ bỏ học.",
            FollowUpStatus.ENDED: "Cháu đã tốt nghiệp trung học phổ thông.",
        }[status]
    elif rng.random() < 0.5 and days >= (300 if slug == "bo-giong" else 200):
        status = FollowUpStatus.PASSED_ON
        note = "Đã sinh sản; con giống đầu tiên được trao lại cho một hộ nghèo khác."
    elif rng.random() < 0.85:
        status, note = FollowUpStatus.GOING_WELL, "Vật nuôi khỏe mạnh, hộ chăm sóc tốt."
    else:
        status, note = FollowUpStatus.DIFFICULTY, "Vật nuôi bị bệnh, đề nghị hỗ trợ thú y."
    return SupportFollowUp(record=record, checked_on=checked, status=status, note=note)


def build_models(world: World) -> None:
    """Two or three "Skilled mass mobilisation" models per station."""
    rng, models = world.rng, []
    for station in world.stations:
        places = world.places_of(station)
        choices = MODELS["both"] + MODELS[station.province.slug]
        for name, field in rng.sample(choices, rng.randint(2, 3)):
            place = rng.choice(places)
            started = random_day(rng, D(2019, 1, 1), D(2025, 12, 31))
            level = rng.choices(list(RecognitionLevel), [25, 35, 30, 10])[0]
            year = min(started.year + rng.randint(1, 2), 2026)
            if level == RecognitionLevel.DISTRICT and year > 2025:
                level = RecognitionLevel.PROVINCE  # districts were gone by then
            if rng.random() < 0.1:
                level, year = "", None
            results = rng.choice(RESULTS).format(n=rng.randint(5, 60))
            models.append(
                MassMobilisationModel(
                    name=name,
                    station=station,
                    commune=place.unit_on(started),
                    field=field,
                    recognised_level=level,
                    recognised_year=year,
                    started_on=started,
                    results=results,
                )
            )
    bulk_create_with_history(models, MassMobilisationModel, batch_size=500)


def build_activities(world: World) -> None:
    """Propaganda, meetings with prestigious people, border lessons and contact, per quarter."""
    rng, activities = world.rng, []
    programmes = world.programmes
    for index, (start, end) in enumerate(quarters()):
        growth = 1 + GROWTH * index
        for station in world.stations:
            qb = station.province.slug == "quang-binh"
            plan = [(ActivityKind.PROPAGANDA, None)] * rng.randint(1, 2)
            if qb:
                plan = [
                    (ActivityKind.PROPAGANDA, programmes[slug])
                    for slug in ("dai-phat-thanh-ban-xa", "loa-phong-thanh-bien-gioi")
                ]
                plan.append((ActivityKind.CONTACT, programmes["thu-bay-ve-voi-ban"]))
            elif rng.random() < 0.5:
                plan.append((ActivityKind.CONTACT, None))
            plan.append((ActivityKind.PRESTIGIOUS_PEOPLE, None))
            if qb or rng.random() < 0.6:
                plan.append((ActivityKind.BORDER_LESSON, programmes["lop-hoc-bien-gioi"]))
            for kind, programme in plan:
                activities.append(_activity(world, station, kind, programme, start, end, growth))
    bulk_create_with_history(activities, Activity, batch_size=500)


def _activity(world, station, kind, programme, start: D, end: D, growth: float) -> Activity:
    rng = world.rng
    place = rng.choice(world.places_of(station))
    village = rng.choice(place.villages)
    sessions, prestigious = max(1, round(rng.randint(2, 6) * growth)), 0
    attendees = sessions * rng.randint(30, 80)
    topic = rng.choice(TOPICS)
    if kind == ActivityKind.PRESTIGIOUS_PEOPLE:
        sessions, prestigious = 1, rng.randint(3, 12)
        attendees = prestigious + rng.randint(5, 20)
        topic = "Gặp mặt, trao đổi với người có uy tín trong đồng bào dân tộc thiểu số"
    elif kind == ActivityKind.BORDER_LESSON:
        sessions, attendees = round(rng.randint(8, 24) * growth), rng.randint(10, 30)
        topic = "Lớp xóa mù chữ cho đồng bào"
    elif kind == ActivityKind.CONTACT:
        sessions = rng.randint(2, 5)
        topic = "Giúp dân vệ sinh môi trường, khám bệnh, cấp thuốc, sửa nhà"
    held = random_day(rng, start, end)
    return Activity(
        kind=kind,
        topic=topic,
        programme=programme,
        station=station,
        commune=place.unit_on(held),
        village=village,
        held_on=held,
        sessions=sessions,
        attendees=attendees,
        prestigious_people=prestigious,
    )


def build_scholarships(world: World) -> None:
    """Scholarships at each school year's start and before Tết, two to four per station.

    Built last, so the draws before it, and every other demo record, stay as they were.
    """
    rng, records = world.rng, []
    programme = world.programmes["hoc-bong"]
    for start, end in quarters():
        if start.month not in (1, 7):
            continue
        for station in world.stations:
            places = world.places_of(station)
            for _ in range(rng.randint(2, 4)):
                place = rng.choice(places)
                day = random_day(rng, start, end)
                name, group = local_person(world, place, 0.5)
                quantity = rng.randint(5, 20)
                records.append(
                    SupportRecord(
                        programme=programme,
                        station=place.station,
                        commune=place.unit_on(day),
                        village=rng.choice(place.villages),
                        recipient_kind=RecipientKind.PERSON,
                        recipient_name=f"Học sinh nghèo vượt khó (đại diện: {name})",
                        ethnic_group=group,
                        poverty_status=PovertyStatus.POOR,
                        given_on=day,
                        quantity=quantity,
                        value_vnd=quantity * rng.choice([1, 2, 3]) * MILLION,
                        funding_source=rng.choice(
                            ["Bộ Tư lệnh Bộ đội Biên phòng", "Quỹ Bảo trợ trẻ em tỉnh"]
                        ),
                    )
                )
    bulk_create_with_history(records, SupportRecord, batch_size=500)
