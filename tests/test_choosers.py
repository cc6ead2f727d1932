"""Choosers search a scoped endpoint; a form renders only what is chosen and still checks it."""

import re
import unicodedata

import pytest
from django.urls import reverse

from communes.models import Commune, Village
from programmes.models import SupportFollowUp, SupportRecord
from tests.demo import demo_fixture, province_family

pytestmark = pytest.mark.django_db

demo = demo_fixture()


def options_of(html: str, name: str) -> list[str]:
    """The values of the <option>s of one <select>."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def search(client, user, model: str, **params):
    client.force_login(user)
    response = client.get(reverse("chooser", args=[model]), params)
    assert response.status_code == 200
    return response.json()


def test_the_follow_up_form_renders_no_list_of_support_records(client, demo):
    client.force_login(demo["staff-bp"])
    html = client.get(reverse("programmes:followup-create")).content.decode()
    assert options_of(html, "record") == [""]
    assert 'data-chooser="/chon/programmes.supportrecord/"' in html


def test_a_follow_up_opened_from_a_support_record_arrives_with_it_chosen(client, demo):
    record = SupportRecord.objects.visible_to(demo["station-bp"]).first()
    client.force_login(demo["station-bp"])
    html = client.get(reverse("programmes:followup-create"), {"record": record.pk}).content.decode()
    assert options_of(html, "record") == ["", str(record.pk)]
    assert f'<option value="{record.pk}" selected>{record.recipient_name}' in html


def test_the_support_record_page_links_its_follow_up_with_the_record(client, demo):
    record = SupportRecord.objects.visible_to(demo["station-bp"]).first()
    client.force_login(demo["station-bp"])
    html = client.get(reverse("programmes:support-detail", args=[record.pk])).content.decode()
    assert f"{reverse('programmes:followup-create')}?record={record.pk}" in html


def test_station_staff_find_only_their_own_support_records(client, demo):
    found = search(client, demo["station-qb"], "programmes.supportrecord")
    ids = [row["value"] for row in found["results"]]
    assert ids
    visible = set(SupportRecord.objects.visible_to(demo["station-qb"]).values_list("pk", flat=True))
    assert set(ids) <= visible
    others = SupportRecord.objects.exclude(pk__in=visible).first()
    assert others is not None
    found = search(client, demo["station-qb"], "programmes.supportrecord", q=others.recipient_name)
    assert others.pk not in [row["value"] for row in found["results"]]


def test_a_search_matches_words_in_any_case_and_unicode_form(client, demo):
    commune = Commune.objects.filter(province__in=province_family("binh-phuoc")).first()
    typed = unicodedata.normalize("NFD", commune.name.upper())
    found = search(client, demo["staff-bp"], "communes.commune", q=typed)
    assert commune.pk in [row["value"] for row in found["results"]]
    assert all(commune.name.lower() in row["text"].lower() for row in found["results"])


def test_villages_are_narrowed_to_the_chosen_commune_and_named_with_it(client, demo):
    village = Village.objects.visible_to(demo["staff-bp"]).first()
    found = search(client, demo["staff-bp"], "communes.village", commune=village.commune_id)
    assert found["results"]
    expected = set(Village.objects.filter(commune=village.commune).values_list("pk", flat=True))
    assert {row["value"] for row in found["results"]} <= expected
    assert all(row["text"].endswith(f" – {village.commune}") for row in found["results"])


def test_results_come_in_pages_without_repeats(client, demo):
    first = search(client, demo["national"], "communes.village")
    assert first["more"] is True
    assert len(first["results"]) == 20
    second = search(client, demo["national"], "communes.village", page=2)
    ids = [row["value"] for row in first["results"] + second["results"]]
    assert len(ids) == len(set(ids))


def test_a_model_without_a_chooser_is_not_found(client, demo):
    client.force_login(demo["national"])
    assert client.get(reverse("chooser", args=["accounts.user"])).status_code == 404


def test_a_chooser_needs_a_signed_in_user(client, demo):
    response = client.get(reverse("chooser", args=["communes.commune"]))
    assert response.status_code == 302


def test_a_form_still_refuses_a_record_of_another_province(client, demo):
    other = SupportRecord.objects.exclude(
        pk__in=SupportRecord.objects.visible_to(demo["station-bp"])
    ).first()
    client.force_login(demo["station-bp"])
    response = client.post(
        reverse("programmes:followup-create"),
        {"record": other.pk, "checked_on": "01/10/2026", "status": "in_use", "note": ""},
    )
    assert response.status_code == 200
    assert "record" in response.context["form"].errors
    assert not SupportFollowUp.objects.filter(record=other).exists()


def test_a_list_filters_by_commune_and_village_with_choosers_not_lists(client, demo):
    client.force_login(demo["national"])
    village = Village.objects.first()
    url = reverse("communes:cell-list")
    html = client.get(url, {"village": village.pk}).content.decode()
    assert options_of(html, "commune") == [""]
    assert options_of(html, "village") == ["", str(village.pk)]
    assert 'data-chooser="/chon/communes.village/"' in html
