"""Pages of the programmes app: each record family is a RecordType with its pieces."""

from django.db.models import Count, Sum

from borderwork.records.registry import RecordType
from borderwork.records.views import may_enter_data
from programmes import filters, forms, tables
from programmes.models import (
    Activity,
    Landmark,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportFollowUp,
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
    detail_context=programme_totals,
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
    detail_context=landmark_groups,
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
