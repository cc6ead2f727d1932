from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "borderwork.indicators"
    label = "indicators"
    verbose_name = _("Chỉ tiêu")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(install_marks, sender=self)


def install_marks(using, **kwargs) -> None:
    """Keep the change triggers in step with `marks.py` after every migrate."""
    from django.db import connections

    from borderwork.indicators import marks

    marks.install(connections[using])
