from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BorderworkConfig(AppConfig):
    name = "borderwork"
    verbose_name = _("Nền tảng borderwork")

    def ready(self) -> None:
        from borderwork import fields

        fields.install()
