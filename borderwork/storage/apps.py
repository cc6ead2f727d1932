from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorageConfig(AppConfig):
    name = "borderwork.storage"
    label = "storage"
    verbose_name = _("Tệp lưu trữ")
