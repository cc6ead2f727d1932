"""Date fields read and write dd/mm/yyyy whatever the browser's language (records/forms.py)."""

import datetime

import pytest
from django.urls import reverse

from programmes.models import SelfManagementGroup
from tests import factories
from tests.programmes.test_group_pages import group_data

pytestmark = pytest.mark.django_db


def test_a_stored_date_is_shown_as_day_month_year_text_with_a_calendar_button(client, world):
    group = factories.SelfManagementGroupFactory(
        commune=world.merged, station=world.station_bp, registered_on=datetime.date(2025, 8, 5)
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:group-update", args=[group.pk])).content.decode()

    field = page[page.index('name="registered_on"') - 200 :].split("</div></div>")[0]
    assert 'type="text"' in field and 'value="05/08/2025"' in field
    assert 'placeholder="dd/mm/yyyy"' in field
    assert "data-date-picker" in field
    assert 'class="bw-date-picker"' in field and 'type="date"' in field
    assert 'type="date" name=' not in page  # the picker is never sent


@pytest.mark.parametrize("typed", ["05/08/2025", "5/8/2025", "2025-08-05"])
def test_a_typed_date_is_read_day_first(client, world, typed):
    client.force_login(world.users["station-bp"])

    client.post(reverse("programmes:group-create"), group_data(world, registered_on=typed))

    assert SelfManagementGroup.objects.get().registered_on == datetime.date(2025, 8, 5)


def test_a_date_that_does_not_exist_is_refused_next_to_the_field(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:group-create"), group_data(world, registered_on="31/02/2025")
    )

    page = response.content.decode()
    field = page[page.index('id="div_id_registered_on"') :].split('id="div_id_station"')[0]
    # The wrapper is marked too: Bootstrap shows the message after an `.is-invalid` sibling.
    assert 'class="bw-date is-invalid"' in field
    assert '<div id="id_registered_on_error" class="invalid-feedback">' in field
    assert "hãy viết theo dạng dd/mm/yyyy, ví dụ 25/06/2025." in field
    assert 'value="31/02/2025"' in field
    assert not SelfManagementGroup.objects.exists()
