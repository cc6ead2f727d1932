from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "borderwork.reports"
    label = "reports"
    verbose_name = _("Báo cáo quý")

    def ready(self) -> None:
        from borderwork.reports import locks
        from borderwork.scoping import register_closer

        register_closer(locks.closed_because)
