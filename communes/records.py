"""The record types of the communes app, discovered at start-up (`records.registry`)."""

from borderwork.records.choosers import Chooser, register_chooser
from borderwork.records.registry import RecordType, register
from communes import filters, forms, tables, views
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    Directive,
    District,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    RegulationReview,
    Station,
    Village,
)

commune = RecordType(
    model=Commune,
    segment="xa",
    name="commune",
    table=tables.CommuneTable,
    filterset=filters.CommuneFilter,
    select_related=("district", "province", "merged_into"),
    # The commune's page is the hub, which reads across apps: `borderwork.hub` attaches it.
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
    detail_context=views.regulation_detail,
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

register(
    commune,
    profile,
    committee,
    cell,
    committee_rating,
    cell_rating,
    regulation,
    review,
    directive,
)

# Chosen by search, never from a list of all: a country has a thousand border communes.
register_chooser(
    Chooser(
        Commune,
        search=("name",),
        label=lambda commune: f"{commune} – {commune.province}",
        select_related=("province",),
        order=("name",),
    ),
    Chooser(District, search=("name",), order=("name",)),
    Chooser(Station, search=("name", "code"), order=("name",)),
    Chooser(
        Village,
        search=("name",),
        label=lambda village: f"{village} – {village.commune}",
        select_related=("commune",),
        narrow={"commune": "commune"},
    ),
    Chooser(
        PartyCell,
        search=("name",),
        label=lambda cell: f"{cell} – {cell.commune}",
        select_related=("commune",),
        narrow={"commune": "commune"},
    ),
    Chooser(
        PartyCommittee,
        search=("name",),
        select_related=("commune",),
        narrow={"commune": "commune"},
    ),
    Chooser(
        CoordinationRegulation,
        search=("number", "title"),
        narrow={"commune": "commune"},
        order=("number",),
    ),
)
