"""Following a cadre-source candidate and recording their admission to the party."""

import datetime

import pytest
from django.urls import reverse

from cadres.models import CadreCandidate, CandidateStage, PartyAdmission
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(world):
    return factories.VillageFactory(name="Ấp 3", commune=world.merged)


@pytest.fixture
def candidate(world, village):
    return factories.CadreCandidateFactory(
        full_name="Điểu Thị Hoa",
        ethnic_group=factories.EthnicGroupFactory(name="Xtiêng"),
        commune=world.merged,
        village=village,
        stage=CandidateStage.TRAINED,
    )


def candidate_data(world, **changes):
    data = {
        "full_name": "Lâm Văn Sang",
        "birth_year": "2004",
        "commune": world.merged.pk,
        "source": "recruitment",
        "identified_on": "2026-02-10",
        "stage": "identified",
    }
    return {**data, **changes}


def test_the_candidate_list_shows_the_users_communes_and_not_another_provinces(
    client, world, candidate
):
    factories.CadreCandidateFactory(full_name="Hồ Thị Xuân", commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:candidate-list")).content.decode()

    assert "Điểu Thị Hoa" in page and "Xtiêng" in page and "01/08/2025" in page
    assert "2003" in page and "2.003" not in page  # a year, not a count
    assert "Hồ Thị Xuân" not in page


def test_station_staff_add_a_candidate_and_land_on_their_page(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("cadres:candidate-create"), candidate_data(world), follow=True)

    person = CadreCandidate.objects.get(full_name="Lâm Văn Sang")
    assert response.redirect_chain[-1][0] == reverse("cadres:candidate-detail", args=[person.pk])
    page = response.content.decode()
    assert "10/02/2026" in page and "Từ tuyển quân hằng năm" in page
    assert "Chưa được kết nạp." in page


def test_a_village_of_another_commune_is_refused_keeping_what_was_typed(client, world):
    elsewhere = factories.VillageFactory(name="Ấp Chà Là", commune=world.loc_an)
    client.force_login(world.users["staff-bp"])

    response = client.post(
        reverse("cadres:candidate-create"),
        candidate_data(world, village=elsewhere.pk, birth_year="1890"),
    )

    page = response.content.decode()
    assert "Năm sinh phải từ 1940 đến" in page
    assert 'value="Lâm Văn Sang"' in page
    assert not CadreCandidate.objects.exists()
    response = client.post(
        reverse("cadres:candidate-create"), candidate_data(world, village=elsewhere.pk)
    )
    assert "Ấp Chà Là không thuộc Xã Lộc Tấn mới." in response.content.decode()
    assert not CadreCandidate.objects.exists()


def test_another_provinces_candidate_and_admission_are_not_found(client, world, candidate):
    admission = factories.PartyAdmissionFactory(commune=world.merged, candidate=candidate)
    client.force_login(world.users["station-qb"])

    for name, pk in (("candidate", candidate.pk), ("admission", admission.pk)):
        assert client.get(reverse(f"cadres:{name}-detail", args=[pk])).status_code == 404
        assert client.get(reverse(f"cadres:{name}-update", args=[pk])).status_code == 404


def test_the_admission_list_shows_the_users_communes_only(client, world, candidate):
    factories.PartyAdmissionFactory(
        full_name="Điểu Thị Hoa", commune=world.merged, candidate=candidate
    )
    factories.PartyAdmissionFactory(full_name="Hồ Thị Xuân", commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:admission-list")).content.decode()

    assert "Điểu Thị Hoa" in page and "03/10/2025" in page
    assert reverse("cadres:candidate-detail", args=[candidate.pk]) in page
    assert "Hồ Thị Xuân" not in page


def test_an_admission_is_recorded_from_the_candidates_page_and_moves_them_on(
    client, world, candidate, village
):
    client.force_login(world.users["station-bp"])
    page = reverse("cadres:candidate-detail", args=[candidate.pk])
    link = f"{reverse('cadres:admission-create')}?candidate={candidate.pk}"
    assert link in client.get(page).content.decode()

    form = client.get(link).content.decode()
    assert 'value="Điểu Thị Hoa"' in form
    assert f'<option value="{world.merged.pk}" selected>' in form
    assert f'<option value="{village.pk}" selected>' in form
    response = client.post(
        reverse("cadres:admission-create"),
        {
            "candidate": candidate.pk,
            "full_name": "Điểu Thị Hoa",
            "ethnic_group": candidate.ethnic_group_id,
            "commune": world.merged.pk,
            "village": village.pk,
            "admitted_on": "2026-05-19",
            "decision_number": "215-QĐ/ĐU",
        },
        follow=True,
    )

    admission = PartyAdmission.objects.get()
    assert response.redirect_chain[-1][0] == reverse("cadres:admission-detail", args=[admission.pk])
    assert admission.admitted_on == datetime.date(2026, 5, 19)
    candidate.refresh_from_db()
    assert candidate.stage == CandidateStage.ADMITTED
    after = client.get(page).content.decode()
    assert "19/05/2026" in after and "Quyết định 215-QĐ/ĐU" in after


def test_an_admission_in_another_commune_than_the_candidates_is_refused(client, world, candidate):
    client.force_login(world.users["staff-bp"])

    response = client.post(
        reverse("cadres:admission-create"),
        {
            "candidate": candidate.pk,
            "full_name": "Điểu Thị Hoa",
            "commune": world.loc_an.pk,
            "admitted_on": "2026-05-19",
        },
    )

    page = response.content.decode()
    assert "là nguồn cán bộ của Xã Lộc Tấn mới, không phải của xã đã chọn." in page
    assert 'value="Điểu Thị Hoa"' in page
    assert not PartyAdmission.objects.exists()
    candidate.refresh_from_db()
    assert candidate.stage == CandidateStage.TRAINED


def test_an_admission_dated_after_its_commune_merged_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:admission-create"),
        {"full_name": "Thị Mai", "commune": world.loc_thanh.pk, "admitted_on": "2025-09-02"},
    )

    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert not PartyAdmission.objects.exists()
