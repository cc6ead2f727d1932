"""Pages of the programmes app: each record family is a RecordType with its pieces."""

from borderwork.records.registry import RecordType
from programmes import filters, forms, tables
from programmes.models import SupportFollowUp, SupportRecord

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
