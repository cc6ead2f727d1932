"""Recording a "Skilled mass mobilisation" model and the level that recognised it."""

import pytest
from django.urls import reverse

from programmes.models import MassMobilisationModel
from tests import factories

pytestmark = pytest.mark.django_db


def model_data(world, **changes) -> dict:
    data = {
        "name": "Mô hình “Mái ấm biên cương”",
        "field": "culture",
        "started_on": "2025-08-15",
        "station": world.station_bp.pk,
        "commune": world.merged.pk,
        "recognised_level": "district",
        "recognised_year": "2025",
        "results": "Xây 12 căn nhà cho hộ nghèo",
    }
    data.update(changes)
    return data


@pytest.fixture
def cows_model(world):
    return factories.MassMobilisationModelFactory(
        name="Đàn bò vì người nghèo nơi biên giới",
        commune=world.merged,
        station=world.station_bp,
        recognised_level="province",
        recognised_year=2025,
    )


def test_the_list_shows_the_users_models_and_not_another_provinces(client, world, cows_model):
    factories.MassMobilisationModelFactory(
        name="Tủ sách biên giới", commune=world.dan_hoa, station=world.station_qb
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:model-list")).content.decode()

    assert "Đàn bò vì người nghèo nơi biên giới" in page
    assert "Cấp tỉnh" in page and "2025" in page and "2.025" not in page
    assert "Tủ sách biên giới" not in page


def test_the_list_filters_by_level_and_year(client, world, cows_model):
    factories.MassMobilisationModelFactory(
        name="Tổ tự quản an ninh trật tự",
        commune=world.loc_thanh,
        station=world.station_bp,
        started_on="2023-03-01",
        recognised_level="commune",
        recognised_year=2023,
    )
    client.force_login(world.users["station-bp"])
    url = reverse("programmes:model-list")

    commune_level = client.get(url, {"recognised_level": "commune"}).content.decode()
    this_year = client.get(url, {"recognised_year": "2025"}).content.decode()

    assert "Tổ tự quản an ninh trật tự" in commune_level
    assert "Đàn bò" not in commune_level
    assert "Đàn bò" in this_year and "Tổ tự quản" not in this_year


def test_station_staff_record_a_model(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("programmes:model-create"), model_data(world), follow=True)

    model = MassMobilisationModel.objects.get(name="Mô hình “Mái ấm biên cương”")
    assert response.redirect_chain[-1][0] == reverse("programmes:model-detail", args=[model.pk])
    assert model.recognised_year == 2025 and model.commune == world.merged
    page = response.content.decode()
    assert "Cấp huyện" in page and "15/08/2025" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"recognised_year": "2024"}, "Năm công nhận không thể trước năm bắt đầu mô hình"),
        ({"recognised_level": ""}, "Hãy chọn cấp đã công nhận mô hình."),
        ({"recognised_year": ""}, "Hãy ghi năm được công nhận."),
        ({"recognised_year": "1975"}, "Năm phải từ 2000 đến"),
        # Started after the merger in a commune that no longer existed then.
        ({"commune": "loc_tan"}, "sáp nhập vào Xã Lộc Tấn mới"),
    ],
)
def test_a_model_that_cannot_be_right_is_refused_keeping_what_was_typed(
    client, world, changes, message
):
    if "commune" in changes:
        changes = {"commune": getattr(world, changes["commune"]).pk}
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("programmes:model-create"), model_data(world, **changes))

    page = response.content.decode()
    assert "Chưa lưu được" in page and message in page
    assert 'value="Mô hình “Mái ấm biên cương”"' in page
    assert "Xây 12 căn nhà cho hộ nghèo" in page
    assert not MassMobilisationModel.objects.exists()


def test_another_provinces_model_is_not_found(client, world, cows_model):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("programmes:model-detail", args=[cows_model.pk])).status_code == 404
    assert client.get(reverse("programmes:model-update", args=[cows_model.pk])).status_code == 404
