from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class BorderworkConfig(AppConfig):
    name = "borderwork"
    verbose_name = _("Nền tảng borderwork")

    def ready(self) -> None:
        from borderwork import scoping
        from borderwork.records import registry

        # Every app's records.py, as the admin finds admin.py: url_for() needs no URLconf.
        registry.autodiscover()
        # Every dated record refuses a write into a closed period, whatever path it takes.
        scoping.install_guard(apps.get_models())
