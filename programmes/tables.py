"""List tables for the programmes app."""

import django_tables2 as tables

from borderwork.records.tables import DateColumn, NumberColumn, RecordTable, VndColumn, link
from programmes.models import SupportFollowUp, SupportRecord


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
