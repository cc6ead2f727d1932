"""The demo seed: it runs once, tells the articles' figures, and follows the 2025 merger."""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.test import override_settings

from borderwork.accounts.models import Role, User
from borderwork.demo.users import DEMO_PASSWORD, DEMO_USERS
from cadres.models import Assignment, AssignmentKind
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    Counterpart,
    Province,
    Station,
    StationCoverage,
    Village,
)
from programmes.models import GroupKind, SelfManagementGroup, SupportRecord

pytestmark = pytest.mark.django_db

MERGED = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
WINDOW_END = datetime.date(2026, 9, 30)
USERNAMES = [username for username, *_ in DEMO_USERS]


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo without users (tests run with DEBUG off), seeded once and rolled back after."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def seed(*args: str) -> str:
    output = io.StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def row_counts() -> dict[str, int]:
    """Rows in every table of the domain apps and accounts, history and m2m tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for label in ("communes", "cadres", "programmes", "accounts")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def covered(station_field: str, commune_field: str, day_field: str) -> Exists:
    """The record's station covered the record's commune on the record's date."""
    return Exists(
        StationCoverage.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=OuterRef(day_field)),
            Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef(day_field)),
            station=OuterRef(station_field),
            commune=OuterRef(commune_field),
        )
    )


def test_the_first_run_says_it_created_the_data_and_counts_rows(seeded):
    assert "Đã tạo dữ liệu mẫu." in seeded
    assert "hỗ trợ" in seeded
    assert "--force" in seeded


def test_running_again_changes_nothing():
    before = row_counts()

    output = seed()

    assert "Dữ liệu mẫu đã có, không thay đổi gì." in output
    assert row_counts() == before


def test_running_again_with_users_changes_nothing():
    seed("--force")
    with_users = row_counts()

    seed("--force")

    assert row_counts() == with_users
    assert with_users["accounts.User"] == len(DEMO_USERS)


def test_without_debug_or_force_no_demo_user_is_created():
    output = seed()

    assert "DEBUG" in output
    assert not User.objects.filter(username__in=USERNAMES).exists()


def test_force_creates_demo_users_who_can_sign_in():
    output = seed("--force")

    for username in USERNAMES:
        assert username in output
        assert authenticate(username=username, password=DEMO_PASSWORD).username == username
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.role == Role.ADMIN
    assert User.objects.get(username="station-bp").station.name == "Đồn Biên phòng Lộc Thạnh"
    assert User.objects.get(username="commissar-qb").province.slug == "quang-binh"


def test_debug_creates_demo_users_without_force(settings):
    settings.DEBUG = True

    seed()

    assert User.objects.filter(username__in=USERNAMES).count() == len(USERNAMES)


def test_an_existing_users_password_is_never_reset():
    seed("--force")
    user = User.objects.get(username="staff-bp")
    user.set_password("changed-by-the-user")
    user.save()

    seed("--force")

    changed = "changed-by-the-user"
    assert authenticate(username="staff-bp", password=changed) is not None
    assert authenticate(username="staff-bp", password=DEMO_PASSWORD) is None


def test_binh_phuoc_has_15_border_communes_in_three_districts_and_258_939_km():
    province = Province.objects.get(slug="binh-phuoc")
    communes = Commune.objects.filter(province=province, is_border=True)

    assert communes.count() == 15
    assert set(communes.values_list("district__name", flat=True)) == {
        "Lộc Ninh",
        "Bù Đốp",
        "Bù Gia Mập",
    }
    assert province.border_length_km == Decimal("258.939")
    assert province.neighbouring_country == "Campuchia"


def test_binh_phuoc_has_33_collectives_on_258_939_km_and_208_households():
    groups = SelfManagementGroup.objects.filter(commune__province__slug="binh-phuoc")
    collectives = groups.filter(kind=GroupKind.COLLECTIVE)

    assert collectives.count() == 33
    assert groups.filter(kind=GroupKind.HOUSEHOLD).count() == 208
    assert collectives.aggregate(km=Sum("border_length_km"))["km"] == Decimal("258.939")
    assert collectives.filter(landmarks__isnull=False).distinct().count() == 33


def test_binh_phuoc_stations_signed_with_all_15_commune_party_committees():
    signed = CoordinationRegulation.objects.filter(
        commune__province__slug="binh-phuoc", counterpart=Counterpart.PARTY_COMMITTEE
    )

    assert signed.count() == 15
    assert signed.values("commune").distinct().count() == 15
    assert all(r.document.read(5) == b"%PDF-" for r in signed)


def test_binh_phuoc_is_home_to_18_ethnic_groups():
    through = CommuneProfile.ethnic_groups.through.objects.filter(
        communeprofile__commune__province__slug="binh-phuoc", communeprofile__year=2024
    )

    assert through.values("ethnicgroup").distinct().count() == 18


def test_quang_binh_has_28_border_communes_244_villages_and_the_articles_minorities():
    communes = Commune.objects.filter(province__slug="quang-binh", is_border=True)
    totals = CommuneProfile.objects.filter(commune__in=communes, year=2024).aggregate(
        households=Sum("ethnic_minority_households"), people=Sum("ethnic_minority_people")
    )

    assert communes.count() == 28
    assert Village.objects.filter(commune__in=communes).count() == 244
    assert totals == {"households": 5155, "people": 22204}


def test_merged_communes_and_provinces_lead_to_todays_units():
    loc_thanh = Commune.objects.get(slug="binh-phuoc-loc-thanh")
    binh_phuoc = Province.objects.get(slug="binh-phuoc")

    assert loc_thanh.merged_into.slug == "dong-nai-loc-tan"
    assert loc_thanh.valid_until == LAST_OLD_DAY
    assert loc_thanh.today_unit().slug == "dong-nai-loc-tan"
    assert binh_phuoc.today_unit().slug == "dong-nai"
    assert Province.objects.get(slug="quang-binh").merged_into.slug == "quang-tri"
    kim_ngan = Commune.objects.get(slug="quang-tri-kim-ngan")
    assert kim_ngan.district is None and kim_ngan.valid_from == MERGED
    assert kim_ngan.merged_from.count() == 3


def test_the_loc_thanh_station_follows_its_communes_through_the_merger():
    station = Station.objects.get(name="Đồn Biên phòng Lộc Thạnh")

    before = StationCoverage.objects.on(LAST_OLD_DAY).filter(station=station)
    after = StationCoverage.objects.on(MERGED).filter(station=station)

    assert {c.commune.slug for c in before} == {"binh-phuoc-loc-thanh", "binh-phuoc-loc-tan"}
    assert {c.commune.slug for c in after} == {"dong-nai-loc-tan"}


def test_every_border_commune_is_covered_by_exactly_one_station():
    assert not Commune.objects.exclude(pk__in=StationCoverage.objects.values("commune")).exists()
    assert StationCoverage.objects.count() == Commune.objects.count()


def test_records_belong_to_the_commune_as_it_was_and_its_covering_station():
    support = SupportRecord.objects.all()
    outside = Q(commune__valid_until__lt=F("given_on")) | Q(commune__valid_from__gt=F("given_on"))

    assert support.filter(given_on__gte=MERGED).exists()
    assert not support.filter(outside).exists()
    assert not support.exclude(covered("station", "commune", "given_on")).exists()
    assignments = Assignment.objects.filter(commune__isnull=False)
    assert not assignments.exclude(covered("officer__station", "commune", "started_on")).exists()


def test_one_current_commune_per_former_province_has_no_party_committee_officer():
    on_party_committee = Assignment.objects.current_on(WINDOW_END).filter(
        kind=AssignmentKind.PARTY_COMMITTEE, commune=OuterRef("pk")
    )
    uncovered = Commune.objects.current().exclude(Exists(on_party_committee))

    assert sorted(c.province.slug for c in uncovered) == ["binh-phuoc", "quang-binh"]
    for commune in uncovered:
        last = commune.assignments.filter(kind=AssignmentKind.PARTY_COMMITTEE).get()
        assert last.ended_on == datetime.date(2026, 3, 31)
