"""Recording a voters' petition a delegate took up, and later how it was resolved."""

import datetime

import pytest
from django.urls import reverse

from cadres.models import Petition, PetitionStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(world):
    officer = factories.OfficerFactory(
        full_name="Nguyễn Văn Hùng", rank="Thiếu tá", station=world.station_bp
    )
    return factories.AssignmentFactory(
        officer=officer,
        kind="peoples_council",
        commune=world.merged,
        started_on=datetime.date(2025, 7, 1),
    )


@pytest.fixture
def road(delegate):
    return factories.PetitionFactory(
        assignment=delegate, subject="Đề nghị sửa chữa đường liên ấp 3 bị sạt lở."
    )


def petition(delegate, **changes):
    data = {
        "assignment": delegate.pk,
        "received_on": "2025-10-20",
        "voters": "Cử tri ấp 5",
        "subject": "Đề nghị kéo điện lưới đến các hộ chưa có điện.",
        "status": "received",
    }
    return {**data, **changes}


def test_the_list_shows_petitions_of_the_users_delegates_and_not_another_provinces(
    client, world, road
):
    qb_officer = factories.OfficerFactory(station=world.station_qb)
    factories.PetitionFactory(
        assignment=factories.AssignmentFactory(
            officer=qb_officer, kind="peoples_council", commune=world.dan_hoa
        ),
        subject="Đề nghị xây cầu tràn bản Ka Oóc.",
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:petition-list")).content.decode()

    assert "Đề nghị sửa chữa đường liên ấp 3" in page and "15/09/2025" in page
    assert "Thiếu tá Nguyễn Văn Hùng" in page
    assert "Ka Oóc" not in page


def test_station_staff_record_a_petition_and_land_on_its_page(client, world, delegate):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("cadres:petition-create"), petition(delegate), follow=True)

    record = Petition.objects.get(voters="Cử tri ấp 5")
    assert response.redirect_chain[-1][0] == reverse("cadres:petition-detail", args=[record.pk])
    page = response.content.decode()
    assert "20/10/2025" in page and "Đã tiếp nhận" in page


def test_the_form_offers_only_peoples_council_delegates_the_user_may_see(client, world, delegate):
    committee = factories.AssignmentFactory(officer=delegate.officer, commune=world.merged)
    qb_delegate = factories.AssignmentFactory(
        officer=factories.OfficerFactory(full_name="Hồ Văn Bảy", station=world.station_qb),
        kind="peoples_council",
        commune=world.dan_hoa,
    )
    client.force_login(world.users["station-bp"])

    form = client.get(reverse("cadres:petition-create")).content.decode()
    tampered = client.post(
        reverse("cadres:petition-create"), petition(delegate, assignment=committee.pk)
    )

    assert f'value="{delegate.pk}"' in form
    assert f'value="{committee.pk}"' not in form and "Hồ Văn Bảy" not in form
    assert f'value="{qb_delegate.pk}"' not in form
    assert "Hãy chọn một lựa chọn hợp lệ" in tampered.content.decode()
    assert not Petition.objects.exists()


def test_a_resolution_dated_before_the_petition_is_refused_keeping_what_was_typed(
    client, world, delegate
):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:petition-create"),
        petition(delegate, status="resolved", resolved_on="2025-10-01", resolution="Đã kéo điện"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày giải quyết phải bằng hoặc sau ngày tiếp nhận." in page
    assert "Đề nghị kéo điện lưới đến các hộ chưa có điện." in page
    assert not Petition.objects.exists()


def test_a_petition_received_before_the_term_began_is_refused(client, world, delegate):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:petition-create"), petition(delegate, received_on="2025-05-20")
    )

    assert "Ngày tiếp nhận phải trong nhiệm kỳ đại biểu (01/07/2025 – nay)." in (
        response.content.decode()
    )
    assert not Petition.objects.exists()


def test_another_provinces_petition_is_not_found(client, world, road):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("cadres:petition-detail", args=[road.pk])).status_code == 404
    assert client.get(reverse("cadres:petition-update", args=[road.pk])).status_code == 404


def test_a_petition_is_recorded_from_the_delegates_page_and_later_resolved(client, world, delegate):
    client.force_login(world.users["station-bp"])
    delegate_page = reverse("cadres:assignment-detail", args=[delegate.pk])
    add_link = f"{reverse('cadres:petition-create')}?assignment={delegate.pk}"
    assert add_link in client.get(delegate_page).content.decode()

    form = client.get(add_link).content.decode()
    assert f'<option value="{delegate.pk}" selected>' in form
    client.post(reverse("cadres:petition-create"), petition(delegate))
    record = Petition.objects.get(assignment=delegate)
    assert "Đề nghị kéo điện lưới" in client.get(delegate_page).content.decode()

    unresolved = client.post(
        reverse("cadres:petition-update", args=[record.pk]),
        petition(delegate, status="resolved", resolution="Điện lực đã kéo đường dây hạ thế."),
    )
    assert "Hãy ghi ngày giải quyết hoặc trả lời cử tri." in unresolved.content.decode()
    client.post(
        reverse("cadres:petition-update", args=[record.pk]),
        petition(
            delegate,
            status="resolved",
            resolved_on="2026-01-12",
            resolution="Điện lực đã kéo đường dây hạ thế.",
        ),
    )

    record.refresh_from_db()
    assert record.status == PetitionStatus.RESOLVED
    assert record.resolved_on == datetime.date(2026, 1, 12)
    page = client.get(delegate_page).content.decode()
    assert "Đã giải quyết 12/01/2026" in page
    detail = client.get(reverse("cadres:petition-detail", args=[record.pk])).content.decode()
    assert "Điện lực đã kéo đường dây hạ thế." in detail
    assert "Đã tiếp nhận" in detail  # the history keeps the earlier status


def test_a_party_committee_assignment_has_no_petitions_section(client, world, delegate):
    committee = factories.AssignmentFactory(officer=delegate.officer, commune=world.merged)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:assignment-detail", args=[committee.pk])).content.decode()

    assert "Cấp ủy viên" in page and 'data-testid="petitions"' not in page
    assert reverse("cadres:petition-create") not in page
