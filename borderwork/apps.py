from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class BorderworkConfig(AppConfig):
    name = "borderwork"
    verbose_name = _("Nền tảng borderwork")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from borderwork import changes, fields, scoping
        from borderwork.security import second_factor, sessions

        fields.install()
        # Django's login() offers no other hook; both only write to the session being saved.
        user_logged_in.connect(sessions.start_clock, dispatch_uid="bw_session_clock")
        user_logged_in.connect(second_factor.note_enrolment, dispatch_uid="bw_second_factor")

        from borderwork.records import registry

        # Every app's records.py, as the admin finds admin.py: url_for() needs no URLconf.
        registry.autodiscover()
        # Every dated record refuses a write into a closed period, whatever path it takes.
        scoping.install_guard(apps.get_models())
        # Pages that cache what they read live from the records read it again after a write.
        changes.install(model for model in apps.get_models() if hasattr(model, "scope"))
