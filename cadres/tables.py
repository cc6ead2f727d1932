"""List tables for the cadres app."""

import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from borderwork.records.tables import DateColumn, NumberColumn, RecordTable, link
from cadres.models import (
    Assignment,
    CadreCandidate,
    Course,
    CourseParticipant,
    Officer,
    PartyAdmission,
    Petition,
)

# A year, not a count: right-aligned without a thousands dot.
YEAR_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class OfficerTable(RecordTable):
    full_name = tables.Column(linkify=link)
    party_joined_on = DateColumn()
    current_assignments = NumberColumn(verbose_name=_("Đang đảm nhiệm"))

    class Meta(RecordTable.Meta):
        model = Officer
        fields = [
            "full_name",
            "rank",
            "position",
            "station",
            "ethnic_group",
            "party_joined_on",
            "current_assignments",
        ]
        order_by = ("station", "full_name")


class AssignmentTable(RecordTable):
    officer = tables.Column(linkify=link)
    station = tables.Column(accessor="officer__station", verbose_name=_("Đồn"))
    started_on = DateColumn()
    ended_on = DateColumn()

    class Meta(RecordTable.Meta):
        model = Assignment
        fields = [
            "officer",
            "kind",
            "commune",
            "district",
            "party_cell",
            "station",
            "started_on",
            "ended_on",
        ]
        order_by = "-started_on"


class PetitionTable(RecordTable):
    received_on = DateColumn()
    subject = tables.Column(linkify=link)
    delegate = tables.Column(accessor="assignment__officer", verbose_name=_("Đại biểu"))
    commune = tables.Column(accessor="assignment__commune", verbose_name=_("Xã"))
    resolved_on = DateColumn()

    class Meta(RecordTable.Meta):
        model = Petition
        fields = ["received_on", "subject", "delegate", "commune", "status", "resolved_on"]
        order_by = "-received_on"

    def render_subject(self, value):
        return Truncator(value).chars(90)


class CourseTable(RecordTable):
    title = tables.Column(linkify=link)
    started_on = DateColumn()
    ended_on = DateColumn()
    participant_count = NumberColumn(verbose_name=_("Số học viên"))
    minority_count = NumberColumn(verbose_name=_("Người dân tộc thiểu số"))

    class Meta(RecordTable.Meta):
        model = Course
        fields = [
            "title",
            "kind",
            "commune",
            "station",
            "started_on",
            "ended_on",
            "participant_count",
            "minority_count",
        ]
        order_by = "-started_on"


class CourseParticipantTable(RecordTable):
    full_name = tables.Column(linkify=link)
    course = tables.Column(linkify=lambda record: link(record.course))
    course_started_on = DateColumn(accessor="course__started_on", verbose_name=_("Khai giảng"))

    class Meta(RecordTable.Meta):
        model = CourseParticipant
        fields = [
            "full_name",
            "ethnic_group",
            "position",
            "commune",
            "course",
            "course_started_on",
        ]
        order_by = ("-course_started_on", "full_name")


class CadreCandidateTable(RecordTable):
    full_name = tables.Column(linkify=link)
    birth_year = tables.Column(attrs=YEAR_ATTRS)
    identified_on = DateColumn()

    class Meta(RecordTable.Meta):
        model = CadreCandidate
        fields = [
            "full_name",
            "birth_year",
            "ethnic_group",
            "commune",
            "village",
            "source",
            "stage",
            "identified_on",
        ]
        order_by = "-identified_on"


class PartyAdmissionTable(RecordTable):
    full_name = tables.Column(linkify=link)
    admitted_on = DateColumn()
    candidate = tables.Column(linkify=lambda record: link(record.candidate))

    class Meta(RecordTable.Meta):
        model = PartyAdmission
        fields = [
            "full_name",
            "ethnic_group",
            "commune",
            "village",
            "admitted_on",
            "decision_number",
            "candidate",
        ]
        order_by = "-admitted_on"
