"""Load the demo: two border provinces as they were and as they are since 1 July 2025."""

from __future__ import annotations

import random

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from borderwork.demo.seed import MARKER_PROVINCE, SEED, seed
from borderwork.demo.users import ensure_demo_users, users_table
from communes.models import Province

APPS = ("communes", "cadres", "programmes")


class Command(BaseCommand):
    help = _(
        "Nạp dữ liệu mẫu: Bình Phước, Quảng Bình trước và sau sáp nhập ngày 01/7/2025, "
        "cùng tài khoản dùng thử. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Tạo tài khoản dùng thử cả khi DEBUG đang tắt."),
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        users = None
        with transaction.atomic():
            if Province.objects.filter(slug=MARKER_PROVINCE).exists():
                self.stdout.write(_("Dữ liệu mẫu đã có, không thay đổi gì."))
            else:
                seed(random.Random(SEED))  # noqa: S311 (a demo that is the same every time)
                self.stdout.write(self.style.SUCCESS(_("Đã tạo dữ liệu mẫu.")))
            if settings.DEBUG or force:
                users = ensure_demo_users()
        if users is None:
            self.stdout.write(
                self.style.WARNING(
                    _("Bỏ qua tài khoản dùng thử: DEBUG đang tắt. Thêm --force để vẫn tạo.")
                )
            )
        else:
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(_("Tài khoản dùng thử")))
            for line in users_table(users):
                self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Số bản ghi")))
        for name, count in self.counts():
            number = format(count, ",").replace(",", ".")  # Vietnamese groups thousands with a dot
            self.stdout.write(f"  {name:<45} {number:>7}")

    def counts(self) -> list[tuple[str, int]]:
        """Rows per model of the domain apps, the users, and all history rows together."""
        from borderwork.accounts.models import User

        rows, history = [], 0
        for label in APPS:
            for model in apps.get_app_config(label).get_models():
                if issubclass(model, HistoricalChanges):
                    history += model.objects.count()
                else:
                    rows.append((str(model._meta.verbose_name_plural), model.objects.count()))
        rows.append((str(User._meta.verbose_name_plural), User.objects.count()))
        rows.append((_("lịch sử thay đổi (mọi bảng trên)"), history))
        return rows
