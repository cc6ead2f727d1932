"""List tables for the communes app."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from borderwork.records.tables import DateColumn, NumberColumn, RecordTable, link
from borderwork.templatetags.borderwork_tags import number
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    Directive,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    RegulationReview,
)


class PercentColumn(NumberColumn):
    """12.50 -> '12,5 %'."""

    def render(self, value):
        return f"{number(value, 2).rstrip('0').rstrip(',')} %"


class CommuneTable(RecordTable):
    name = tables.Column(linkify=link)
    valid_until = DateColumn()

    class Meta(RecordTable.Meta):
        model = Commune
        fields = ["name", "kind", "district", "province", "valid_until", "merged_into"]
        order_by = "name"


class CommuneProfileTable(RecordTable):
    commune = tables.Column(linkify=link)
    population = NumberColumn()
    households = NumberColumn()
    ethnic_minority_people = NumberColumn()
    poor_household_rate = PercentColumn()
    near_poor_household_rate = PercentColumn()

    class Meta(RecordTable.Meta):
        model = CommuneProfile
        fields = [
            "commune",
            "year",
            "population",
            "households",
            "ethnic_minority_people",
            "poor_household_rate",
            "near_poor_household_rate",
        ]
        order_by = ("-year", "commune")


class PartyCommitteeTable(RecordTable):
    name = tables.Column(linkify=link)
    members = NumberColumn()
    party_members = NumberColumn()

    class Meta(RecordTable.Meta):
        model = PartyCommittee
        fields = ["name", "commune", "members", "party_members"]
        order_by = "name"


class PartyCellTable(RecordTable):
    name = tables.Column(linkify=link)
    party_members = NumberColumn()

    class Meta(RecordTable.Meta):
        model = PartyCell
        fields = ["name", "commune", "village", "party_members", "founded_on", "dissolved_on"]
        order_by = "name"


class PartyCommitteeRatingTable(RecordTable):
    committee = tables.Column(linkify=link)

    class Meta(RecordTable.Meta):
        model = PartyCommitteeRating
        fields = ["committee", "year", "rating", "notes"]
        order_by = ("-year", "committee")


class PartyCellRatingTable(RecordTable):
    cell = tables.Column(linkify=link)
    commune = tables.Column(accessor="cell__commune", verbose_name=_("Xã"))

    class Meta(RecordTable.Meta):
        model = PartyCellRating
        fields = ["cell", "commune", "year", "rating", "notes"]
        order_by = ("-year", "cell")


class CoordinationRegulationTable(RecordTable):
    number = tables.Column(linkify=link)
    signed_on = DateColumn()
    review_due = tables.Column()

    class Meta(RecordTable.Meta):
        model = CoordinationRegulation
        fields = [
            "number",
            "title",
            "commune",
            "counterpart",
            "station",
            "signed_on",
            "review_due",
            "status",
        ]
        order_by = "-signed_on"

    def render_review_due(self, value, record):
        text = value.strftime("%d/%m/%Y")
        # An overdue review is the commissar's first concern: show it in red.
        if record.is_overdue(timezone.localdate()):
            return format_html('<span class="bw-gap">{}</span>', text)
        return text


class RegulationReviewTable(RecordTable):
    held_on = DateColumn(linkify=link)
    regulation = tables.Column(linkify=lambda record: link(record.regulation))
    next_review_due = DateColumn()

    class Meta(RecordTable.Meta):
        model = RegulationReview
        fields = ["held_on", "kind", "regulation", "next_review_due"]
        order_by = "-held_on"


class DirectiveTable(RecordTable):
    code = tables.Column(linkify=link)
    issued_on = DateColumn()

    class Meta(RecordTable.Meta):
        model = Directive
        fields = ["code", "title", "issuer", "issued_on"]
        order_by = "code"
