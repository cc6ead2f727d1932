"""Import and export of officers and their assignments (django-import-export).

Related rows are written by a natural column: a station, commune or district by its slug,
an ethnic group by its name, a directive by its code, a party cell by its name within the
row's commune. Officers have no natural key, so an assignment names its officer by id and
also exports the officer's name, for reading only.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from cadres.models import Assignment, Officer
from communes.models import Commune, Directive, District, EthnicGroup, PartyCell, Station


class PartyCellInCommuneWidget(ForeignKeyWidget):
    """A party cell by its name, looked up within the commune of the same row."""

    def __init__(self, **kwargs):
        super().__init__(PartyCell, field="name", **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": value, "commune__slug": (row or {}).get("commune")}


class OfficerResource(resources.ModelResource):
    station = fields.Field(
        attribute="station", column_name="station", widget=ForeignKeyWidget(Station, "slug")
    )
    ethnic_group = fields.Field(
        attribute="ethnic_group",
        column_name="ethnic_group",
        widget=ForeignKeyWidget(EthnicGroup, "name"),
    )

    class Meta:
        model = Officer
        fields = (
            "id",
            "full_name",
            "rank",
            "position",
            "station",
            "ethnic_group",
            "birth_year",
            "party_joined_on",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("station", "ethnic_group")


class AssignmentResource(resources.ModelResource):
    officer = fields.Field(
        attribute="officer", column_name="officer", widget=ForeignKeyWidget(Officer, "pk")
    )
    officer_name = fields.Field(
        attribute="officer__full_name", column_name="officer_name", readonly=True
    )
    commune = fields.Field(
        attribute="commune", column_name="commune", widget=ForeignKeyWidget(Commune, "slug")
    )
    district = fields.Field(
        attribute="district", column_name="district", widget=ForeignKeyWidget(District, "slug")
    )
    party_cell = fields.Field(
        attribute="party_cell", column_name="party_cell", widget=PartyCellInCommuneWidget()
    )
    directive = fields.Field(
        attribute="directive", column_name="directive", widget=ForeignKeyWidget(Directive, "code")
    )

    class Meta:
        model = Assignment
        fields = (
            "id",
            "officer",
            "officer_name",
            "kind",
            "level",
            "commune",
            "district",
            "party_cell",
            "started_on",
            "ended_on",
            "decision_number",
            "directive",
            "notes",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("officer", "commune", "district", "party_cell", "directive")
