"""The record types of the cadres app, discovered at start-up (`records.registry`)."""

from django.urls import path

from borderwork.records.choosers import Chooser, register_chooser
from borderwork.records.registry import RecordType, register
from cadres import filters, forms, tables, views
from cadres.forms.common import officer_label
from cadres.models import (
    Assignment,
    CadreCandidate,
    Course,
    CourseParticipant,
    Officer,
    PartyAdmission,
    Petition,
)

officer = RecordType(
    model=Officer,
    segment="can-bo",
    name="officer",
    table=tables.OfficerTable,
    filterset=filters.OfficerFilter,
    form=forms.OfficerForm,
    select_related=("station", "ethnic_group"),
    initial_from_query=("station",),
    detail_context=views.officer_assignments,
    annotations=views.officer_figures,
)

assignment = RecordType(
    model=Assignment,
    segment="phan-cong",
    name="assignment",
    table=tables.AssignmentTable,
    filterset=filters.AssignmentFilter,
    form=forms.AssignmentForm,
    select_related=(
        "officer",
        "officer__station",
        "commune",
        "district",
        "party_cell",
        "directive",
    ),
    initial_from_query=("officer", "commune", "district", "party_cell", "directive"),
    extra_views=[
        path("phan-cong/<int:pk>/ket-thuc/", views.EndTermView.as_view(), name="assignment-end"),
    ],
    detail_context=views.assignment_detail,
)

petition = RecordType(
    model=Petition,
    segment="kien-nghi",
    name="petition",
    table=tables.PetitionTable,
    filterset=filters.PetitionFilter,
    form=forms.PetitionForm,
    select_related=(
        "assignment",
        "assignment__officer",
        "assignment__commune",
        "assignment__district",
    ),
    initial_from_query=("assignment",),
)

course = RecordType(
    model=Course,
    segment="lop-boi-duong",
    name="course",
    table=tables.CourseTable,
    filterset=filters.CourseFilter,
    form=forms.CourseForm,
    select_related=("commune", "station"),
    initial_from_query=("commune", "station"),
    detail_context=views.course_participants,
    annotations=views.course_figures,
)

participant = RecordType(
    model=CourseParticipant,
    segment="hoc-vien",
    name="participant",
    table=tables.CourseParticipantTable,
    filterset=filters.CourseParticipantFilter,
    form=forms.CourseParticipantForm,
    select_related=("course", "ethnic_group", "commune"),
    initial_from_query=("course", "commune", "ethnic_group"),
)

candidate = RecordType(
    model=CadreCandidate,
    segment="nguon-can-bo",
    name="candidate",
    table=tables.CadreCandidateTable,
    filterset=filters.CadreCandidateFilter,
    form=forms.CadreCandidateForm,
    select_related=("ethnic_group", "commune", "village"),
    initial_from_query=("commune", "village", "ethnic_group"),
    detail_context=views.candidate_admissions,
)

admission = RecordType(
    model=PartyAdmission,
    segment="ket-nap-dang",
    name="admission",
    table=tables.PartyAdmissionTable,
    filterset=filters.PartyAdmissionFilter,
    form=forms.PartyAdmissionForm,
    select_related=("ethnic_group", "commune", "village", "candidate"),
    initial_from_query=("candidate", "commune", "village", "ethnic_group"),
)

register(
    officer,
    assignment,
    petition,
    course,
    participant,
    candidate,
    admission,
)

# Chosen by search: officers, assignments and candidates run to thousands across a country.
register_chooser(
    Chooser(
        Officer,
        search=("full_name",),
        label=officer_label,
        select_related=("station",),
        # The officers of the stations that serve the commune chosen beside them.
        narrow={"commune": "station__coverage__commune"},
    ),
    Chooser(
        Assignment,
        search=("officer__full_name",),
        select_related=("officer", "commune", "district"),
        narrow={"commune": "commune"},
    ),
    Chooser(
        Course,
        search=("title",),
        label=lambda course: f"{course} ({course.started_on:%d/%m/%Y})",
    ),
    Chooser(CadreCandidate, search=("full_name",), narrow={"commune": "commune"}),
)
