"""List tables for the programmes app."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from borderwork.records.tables import DateColumn, NumberColumn, RecordTable, VndColumn, link
from borderwork.templatetags.borderwork_tags import number
from programmes.models import (
    Activity,
    Landmark,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)


class KmColumn(NumberColumn):
    """1.250 -> '1,25'."""

    def render(self, value):
        return number(value, 3).rstrip("0").rstrip(",")


class SupportRecordTable(RecordTable):
    given_on = DateColumn()
    recipient_name = tables.Column(linkify=link)
    quantity = NumberColumn()
    value_vnd = VndColumn()

    class Meta(RecordTable.Meta):
        model = SupportRecord
        fields = [
            "given_on",
            "programme",
            "recipient_name",
            "commune",
            "station",
            "quantity",
            "value_vnd",
        ]
        order_by = "-given_on"


class SupportFollowUpTable(RecordTable):
    checked_on = DateColumn(linkify=link)
    record = tables.Column(linkify=lambda record: link(record.record))

    class Meta(RecordTable.Meta):
        model = SupportFollowUp
        fields = ["checked_on", "record", "status", "note"]
        order_by = "-checked_on"


class ProgrammeTable(RecordTable):
    name = tables.Column(linkify=link)

    class Meta(RecordTable.Meta):
        model = Programme
        fields = ["name", "kind", "unit"]
        order_by = "name"


class SelfManagementGroupTable(RecordTable):
    name = tables.Column(linkify=link)
    registered_on = DateColumn()
    members = NumberColumn()
    border_length_km = KmColumn()
    landmark_count = NumberColumn(verbose_name=_("Số mốc"))
    ended_on = DateColumn()

    class Meta(RecordTable.Meta):
        model = SelfManagementGroup
        fields = [
            "name",
            "kind",
            "commune",
            "station",
            "registered_on",
            "members",
            "border_length_km",
            "landmark_count",
            "ended_on",
        ]
        order_by = ("commune", "name")


class LandmarkTable(RecordTable):
    number = tables.Column(linkify=link)
    group_count = NumberColumn(verbose_name=_("Số tổ chức tự quản"))

    class Meta(RecordTable.Meta):
        model = Landmark
        fields = ["number", "commune", "is_auxiliary", "group_count"]
        order_by = ("commune", "number")


class MassMobilisationModelTable(RecordTable):
    name = tables.Column(linkify=link)
    started_on = DateColumn()
    # A year, not a count: no thousands dot.
    recognised_year = tables.Column(
        attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}}
    )

    class Meta(RecordTable.Meta):
        model = MassMobilisationModel
        fields = [
            "name",
            "field",
            "commune",
            "station",
            "started_on",
            "recognised_level",
            "recognised_year",
        ]
        order_by = "-started_on"


class ActivityTable(RecordTable):
    held_on = DateColumn()
    topic = tables.Column(linkify=link)
    sessions = NumberColumn()
    attendees = NumberColumn()
    prestigious_people = NumberColumn()

    class Meta(RecordTable.Meta):
        model = Activity
        fields = [
            "held_on",
            "kind",
            "topic",
            "programme",
            "commune",
            "station",
            "sessions",
            "attendees",
            "prestigious_people",
        ]
        order_by = "-held_on"
