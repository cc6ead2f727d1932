from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BorderworkConfig(AppConfig):
    name = "borderwork"
    verbose_name = _("Nền tảng borderwork")

    def ready(self) -> None:
        from borderwork.records import registry

        # Every app's records.py, as the admin finds admin.py: url_for() needs no URLconf.
        registry.autodiscover()
