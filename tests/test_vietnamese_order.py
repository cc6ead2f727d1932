"""Names sort as a Vietnamese reader expects, on PostgreSQL (ICU) and on SQLite alike."""

import pytest
from django.db import connection
from django.urls import reverse

from borderwork.collation import VIETNAMESE, sort_key
from cadres.models import Officer
from communes.models import Commune
from tests import factories

pytestmark = pytest.mark.django_db

LOC = ["Lộc Tấn", "Lộc Thành", "Lộc Thạnh", "Lộc Thiện"]
# Letters of their own (ă â đ ê ô ơ ư), tones after letters, case after tones.
HARD = [
    "Anh",
    "Ăn",
    "Ân",
    "ba",
    "BA",
    "Bà",
    "Dz",
    "Đá",
    "la",
    "là",
    "lả",
    "lã",
    "lá",
    "lạ",
    *LOC,
    "Ông",
    "Ơn",
    "Tân Thành",
    "Thiện Hưng",
    "Ung",
    "Ưng",
]


def test_the_key_sorts_letters_then_tones_then_case():
    assert sorted(reversed(HARD), key=sort_key) == HARD


def test_communes_are_listed_in_vietnamese_order(world):
    for name in ("Lộc Thiện", "Lộc Thành"):
        factories.CommuneFactory(name=name, province=world.bp)

    names = Commune.objects.filter(name__in=LOC).values_list("name", flat=True)

    assert list(names) == LOC


def test_the_commune_list_page_reads_in_vietnamese_order(client, world):
    for name in ("Lộc Thiện", "Lộc Thành"):
        commune = factories.CommuneFactory(name=name, province=world.bp)
        factories.StationCoverageFactory(station=world.station_bp, commune=commune)
    client.force_login(world.users["staff-bp"])

    page = client.get(reverse("communes:commune-list")).content.decode()

    positions = [page.index(f">{name}<") for name in LOC]
    assert positions == sorted(positions)


def test_officers_sort_by_name_the_vietnamese_way(world):
    for name in ("Thiện Hưng", "Tân Thành"):
        factories.OfficerFactory(full_name=name, station=world.station_bp)

    names = Officer.objects.filter(full_name__in=["Thiện Hưng", "Tân Thành"])

    assert [o.full_name for o in names.order_by("full_name")] == ["Tân Thành", "Thiện Hưng"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's ICU")
def test_sqlites_key_agrees_with_postgresqls_icu(world):
    names = [*HARD, "Đồn Biên phòng Cửa khẩu Quốc tế Cha Lo", "Đồn Biên phòng Lộc Thạnh", "A-Ma"]
    names += ["Hoa Lư", "Hòa Bình", "Hồ Xá", "Hữu Nghị", "Bản Sy", "Bãi Cháy", "Xã 10", "Xã 9"]
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT n FROM unnest(%s::text[]) n ORDER BY n COLLATE "vi-VN-x-icu"', [names]
        )
        icu = [row[0] for row in cursor.fetchall()]

    assert VIETNAMESE == "vi-VN-x-icu"  # the collation the columns declare
    assert sorted(names, key=sort_key) == icu
