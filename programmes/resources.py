"""Import and export of support records and self-management groups (django-import-export).

Related rows are written by a natural column: a programme, station or commune by its slug,
an ethnic group by its name; a village by its name and a landmark by its number, both looked
up within the commune of the same row, since neither is unique across communes.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from communes.models import Commune, EthnicGroup, Station, Village
from programmes.models import Landmark, Programme, SelfManagementGroup, SupportRecord


class VillageInCommuneWidget(ForeignKeyWidget):
    """A village by its name, looked up within the commune of the same row."""

    def __init__(self, **kwargs):
        super().__init__(Village, field="name", **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": value, "commune__slug": (row or {}).get("commune")}


class LandmarksInCommuneWidget(ManyToManyWidget):
    """Landmark numbers separated by commas, looked up within the commune of the same row."""

    def __init__(self, **kwargs):
        super().__init__(Landmark, field="number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        landmarks = super().clean(value, row, **kwargs)
        return landmarks.filter(commune__slug=(row or {}).get("commune"))


class SupportRecordResource(resources.ModelResource):
    programme = fields.Field(
        attribute="programme", column_name="programme", widget=ForeignKeyWidget(Programme, "slug")
    )
    station = fields.Field(
        attribute="station", column_name="station", widget=ForeignKeyWidget(Station, "slug")
    )
    commune = fields.Field(
        attribute="commune", column_name="commune", widget=ForeignKeyWidget(Commune, "slug")
    )
    village = fields.Field(
        attribute="village", column_name="village", widget=VillageInCommuneWidget()
    )
    ethnic_group = fields.Field(
        attribute="ethnic_group",
        column_name="ethnic_group",
        widget=ForeignKeyWidget(EthnicGroup, "name"),
    )

    class Meta:
        model = SupportRecord
        fields = (
            "id",
            "programme",
            "station",
            "commune",
            "village",
            "recipient_kind",
            "recipient_name",
            "ethnic_group",
            "poverty_status",
            "given_on",
            "quantity",
            "value_vnd",
            "funding_source",
            "notes",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("programme", "station", "commune", "village", "ethnic_group")


class SelfManagementGroupResource(resources.ModelResource):
    commune = fields.Field(
        attribute="commune", column_name="commune", widget=ForeignKeyWidget(Commune, "slug")
    )
    village = fields.Field(
        attribute="village", column_name="village", widget=VillageInCommuneWidget()
    )
    station = fields.Field(
        attribute="station", column_name="station", widget=ForeignKeyWidget(Station, "slug")
    )
    landmarks = fields.Field(
        attribute="landmarks", column_name="landmarks", widget=LandmarksInCommuneWidget()
    )

    class Meta:
        model = SelfManagementGroup
        fields = (
            "id",
            "kind",
            "name",
            "commune",
            "village",
            "station",
            "registered_on",
            "ended_on",
            "members",
            "border_length_km",
            "landmarks",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("commune", "village", "station").prefetch_related(
            "landmarks"
        )
