"""The programmes app's own page pieces; its record types are declared in `records.py`."""

from django.db.models import Count, Sum

from borderwork.records.views import may_enter_data
from programmes.models import (
    Landmark,
    Programme,
    SupportRecord,
)


def programme_totals(programme: Programme, user) -> dict:
    """What the programme gave in the records this user may see, in one aggregate query."""
    totals = (
        SupportRecord.objects.visible_to(user)
        .filter(programme=programme)
        .aggregate(
            records=Count("pk"),
            quantity=Sum("quantity", default=0),
            value=Sum("value_vnd", default=0),
        )
    )
    return {"totals": totals, "can_give": may_enter_data(user)}


def landmark_groups(landmark: Landmark, user) -> dict:
    """The groups looking after the landmark, and the commune a new one registers in today."""
    groups = (
        landmark.groups.visible_to(user)
        .select_related("commune", "station")
        .order_by("ended_on", "name")
    )
    return {
        "groups": groups,
        "today_commune": landmark.commune.today_unit(),
        "can_register": may_enter_data(user),
    }
