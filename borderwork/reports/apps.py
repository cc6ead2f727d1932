from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "borderwork.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from borderwork.reports import locks
        from borderwork.scoping import register_closer

        register_closer(locks.closed_for, days=locks.closed_days)
        post_migrate.connect(install_locks, sender=self)
        connection_created.connect(translate_lock_errors, dispatch_uid="reports-lock-errors")


def install_locks(using, **kwargs) -> None:
    """Keep the period lock's triggers in step with the models after every migrate."""
    from django.db import connections

    from borderwork.reports import locks

    locks.install(connections[using])


def translate_lock_errors(sender, connection, **kwargs) -> None:
    """The database's refusal reads as the same Vietnamese message as the forms'."""
    from borderwork.reports import locks

    if (
        connection.vendor == "postgresql"
        and locks.translate_errors not in connection.execute_wrappers
    ):
        connection.execute_wrappers.append(locks.translate_errors)
