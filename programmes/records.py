"""The record types of the programmes app, discovered at start-up (`records.registry`)."""

from django.db.models import Count

from borderwork.records.choosers import Chooser, register_chooser
from borderwork.records.registry import RecordType, register
from programmes import filters, forms, tables, views
from programmes.models import (
    Activity,
    Landmark,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)

support = RecordType(
    model=SupportRecord,
    segment="ho-tro",
    name="support",
    table=tables.SupportRecordTable,
    filterset=filters.SupportRecordFilter,
    form=forms.SupportRecordForm,
    select_related=("programme", "commune", "station", "village", "ethnic_group"),
    initial_from_query=("commune", "station", "programme", "village"),
)

follow_up = RecordType(
    model=SupportFollowUp,
    segment="theo-doi",
    name="followup",
    table=tables.SupportFollowUpTable,
    filterset=filters.SupportFollowUpFilter,
    form=forms.SupportFollowUpForm,
    select_related=("record", "record__programme", "record__commune"),
    initial_from_query=("record",),
)

programme = RecordType(
    model=Programme,
    segment="chuong-trinh",
    name="programme",
    table=tables.ProgrammeTable,
    filterset=filters.ProgrammeFilter,
    form=None,  # a reference list: only administrators change it, in the admin
    detail_context=views.programme_totals,
)

group = RecordType(
    model=SelfManagementGroup,
    segment="tu-quan",
    name="group",
    table=tables.SelfManagementGroupTable,
    filterset=filters.SelfManagementGroupFilter,
    form=forms.SelfManagementGroupForm,
    select_related=("commune", "station", "village"),
    initial_from_query=("commune", "station", "village", "landmarks"),
    annotations=lambda: {"landmark_count": Count("landmarks")},
)

landmark = RecordType(
    model=Landmark,
    segment="moc",
    name="landmark",
    table=tables.LandmarkTable,
    filterset=filters.LandmarkFilter,
    form=forms.LandmarkForm,
    select_related=("commune",),
    initial_from_query=("commune",),
    detail_context=views.landmark_groups,
    annotations=lambda: {"group_count": Count("groups")},
)

mobilisation_model = RecordType(
    model=MassMobilisationModel,
    segment="mo-hinh",
    name="model",
    table=tables.MassMobilisationModelTable,
    filterset=filters.MassMobilisationModelFilter,
    form=forms.MassMobilisationModelForm,
    select_related=("commune", "station"),
    initial_from_query=("commune", "station"),
)

activity = RecordType(
    model=Activity,
    segment="hoat-dong",
    name="activity",
    table=tables.ActivityTable,
    filterset=filters.ActivityFilter,
    form=forms.ActivityForm,
    select_related=("programme", "commune", "station", "village"),
    initial_from_query=("programme", "commune", "station", "village"),
)

register(
    support,
    follow_up,
    programme,
    group,
    landmark,
    mobilisation_model,
    activity,
)

# Chosen by search: a province gives thousands of support records, the country a million.
# (A group's landmarks stay checkboxes: the form lists those of its commune.)
register_chooser(
    Chooser(
        SupportRecord,
        search=("recipient_name",),
        label=lambda record: (
            f"{record.recipient_name} – {record.programme} – "
            f"{record.given_on:%d/%m/%Y} – {record.commune}"
        ),
        select_related=("programme", "commune"),
    ),
)
