"""Pages of the communes app: each record family is a RecordType with its pieces."""

from django.utils import timezone

from borderwork.records.registry import RecordType
from communes import filters, forms, tables
from communes.hub import hub
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


def regulation_detail(regulation: CoordinationRegulation, user) -> dict:
    """Whether the review is overdue today, and the reviews held so far."""
    today = timezone.localdate()
    return {
        "today": today,
        "overdue": regulation.is_overdue(today),
        "reviews": regulation.reviews.order_by("-held_on"),
    }


commune = RecordType(
    model=Commune,
    segment="xa",
    name="commune",
    table=tables.CommuneTable,
    filterset=filters.CommuneFilter,
    select_related=("district", "province", "merged_into"),
    detail_context=hub,
)

profile = RecordType(
    model=CommuneProfile,
    segment="ho-so-xa",
    name="profile",
    table=tables.CommuneProfileTable,
    filterset=filters.CommuneProfileFilter,
    form=forms.CommuneProfileForm,
    select_related=("commune",),
    initial_from_query=("commune",),
)

committee = RecordType(
    model=PartyCommittee,
    segment="dang-uy",
    name="committee",
    table=tables.PartyCommitteeTable,
    filterset=filters.PartyCommitteeFilter,
    form=forms.PartyCommitteeForm,
    select_related=("commune",),
    initial_from_query=("commune",),
)

cell = RecordType(
    model=PartyCell,
    segment="chi-bo",
    name="cell",
    table=tables.PartyCellTable,
    filterset=filters.PartyCellFilter,
    form=forms.PartyCellForm,
    select_related=("commune", "village"),
    initial_from_query=("commune", "village"),
)

committee_rating = RecordType(
    model=PartyCommitteeRating,
    segment="xep-loai-dang-uy",
    name="committeerating",
    table=tables.PartyCommitteeRatingTable,
    filterset=filters.PartyCommitteeRatingFilter,
    form=forms.PartyCommitteeRatingForm,
    select_related=("committee",),
    initial_from_query=("committee",),
)

cell_rating = RecordType(
    model=PartyCellRating,
    segment="xep-loai-chi-bo",
    name="cellrating",
    table=tables.PartyCellRatingTable,
    filterset=filters.PartyCellRatingFilter,
    form=forms.PartyCellRatingForm,
    select_related=("cell", "cell__commune"),
    initial_from_query=("cell",),
)

regulation = RecordType(
    model=CoordinationRegulation,
    segment="quy-che",
    name="regulation",
    table=tables.CoordinationRegulationTable,
    filterset=filters.CoordinationRegulationFilter,
    form=forms.CoordinationRegulationForm,
    select_related=("commune", "station", "province"),
    initial_from_query=("commune", "station"),
    detail_context=regulation_detail,
)

review = RecordType(
    model=RegulationReview,
    segment="so-ket",
    name="review",
    table=tables.RegulationReviewTable,
    filterset=filters.RegulationReviewFilter,
    form=forms.RegulationReviewForm,
    select_related=("regulation",),
    initial_from_query=("regulation",),
)

directive = RecordType(
    model=Directive,
    segment="van-ban",
    name="directive",
    table=tables.DirectiveTable,
    filterset=filters.DirectiveFilter,
)
