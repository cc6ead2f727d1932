"""The gap banner counts today's work, the card the quarter's end: each label says which, so
"Quy chế đến hạn sơ kết" never shows two different numbers under one name (issue 12)."""

import re

import pytest
from django.urls import reverse

from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db


def test_the_banner_says_its_regulations_are_due_within_sixty_days_from_today(client, world):
    build(world)
    client.force_login(world.users["staff-bp"])
    html = client.get(reverse("indicators:home")).content.decode()
    banner = re.search(r'data-testid="gap-summary">(.*?)</div>', html, re.S)
    assert banner, "the world has a regulation due for review"
    text = " ".join(re.sub(r"<[^>]+>", " ", banner.group(1)).split())
    assert re.search(r"\d+ quy chế quá hạn hoặc đến hạn sơ kết trong 60 ngày tới", text), text
    card = re.search(r'data-testid="card-regulations_due">(.*?)</article>', html, re.S)
    assert card, "the card of regulations due"
    assert "Số tại ngày cuối quý" in card.group(1)
