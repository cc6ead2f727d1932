"""The dashboards: the user's own unit, the nation, a province, a station or a commune."""

from django.urls import path, register_converter

from borderwork.indicators import target_views, views
from borderwork.indicators.models import UnitLevel

app_name = "indicators"


class LevelConverter:
    """'tinh', 'don', 'xa' in the URL; UnitLevel values in the view."""

    SLUGS = {UnitLevel.PROVINCE: "tinh", UnitLevel.STATION: "don", UnitLevel.COMMUNE: "xa"}
    regex = "tinh|don|xa"

    def to_python(self, value: str) -> str:
        return next(level for level, slug in self.SLUGS.items() if slug == value)

    def to_url(self, value: str) -> str:
        return self.SLUGS.get(value, value)


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LevelConverter, "unitlevel")
register_converter(FormatConverter, "exportformat")

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("toan-quoc/", views.dashboard, {"level": UnitLevel.NATION}, name="nation"),
    path("<unitlevel:level>/<int:pk>/", views.dashboard, name="unit"),
    path("xuat.<exportformat:fmt>", views.export, name="export-home"),
    path(
        "toan-quoc/xuat.<exportformat:fmt>",
        views.export,
        {"level": UnitLevel.NATION},
        name="export-nation",
    ),
    path("<unitlevel:level>/<int:pk>/xuat.<exportformat:fmt>", views.export, name="export"),
    path("tinh-lai/", views.rebuild_now, name="rebuild"),
    path("tinh-lai/<int:pk>/", views.rebuild_status, name="rebuild-status"),
    path("chi-tieu-nam/", target_views.index, name="targets"),
    path("chi-tieu-nam/<int:province_pk>/<int:year>/", target_views.plan_page, name="target-plan"),
    path(
        "chi-tieu-nam/<int:province_pk>/<int:year>/<str:action>/",
        target_views.decide,
        name="target-decide",
    ),
]
