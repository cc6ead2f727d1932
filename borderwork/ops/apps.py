from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "borderwork.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        # Celery's own signals are the documented way to observe every task of a worker.
        from borderwork.ops import heartbeat, logs

        logs.connect_task_log()
        heartbeat.connect()
