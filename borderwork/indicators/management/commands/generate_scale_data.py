"""Build a national-size dataset to measure the indicator rebuild against."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderwork.indicators import scale


def number(value: float, decimals: int = 0) -> str:
    """1.234.567,8: Vietnamese groups thousands with a dot and writes decimals with a comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


class Command(BaseCommand):
    help = _(
        "Tạo bộ dữ liệu cỡ toàn quốc để đo tốc độ tính chỉ tiêu: khoảng 44 tỉnh (một số sáp "
        "nhập ngày 01/7/2025), 1.000 xã biên giới, 20.000 cán bộ, 100.000 lượt phân công và "
        "1.000.000 bản ghi hỗ trợ trong 5 năm. Ghi bằng bulk_create thường, không ghi lịch sử "
        "thay đổi. Dùng cho cơ sở dữ liệu riêng để đo; không chạy khi đã có dữ liệu quy mô "
        "(tỉnh có mã bắt đầu bằng scale-), trừ khi thêm --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--communes", type=int, default=1000, help=_("Số xã biên giới (ít nhất 4).")
        )
        parser.add_argument(
            "--years", type=int, default=5, help=_("Số năm có dữ liệu, tính lùi từ hôm nay.")
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=20260701,
            help=_("Hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Tạo thêm một bộ nữa bên cạnh bộ đã có (mã tỉnh scale-2-, scale-3-...)."),
        )

    def handle(self, *args, communes: int, years: int, seed: int, force: bool, **options):
        if communes < 4:
            raise CommandError(_("Cần ít nhất 4 xã để có xã sáp nhập."))
        if not 1 <= years <= 10:
            raise CommandError(_("Số năm phải từ 1 đến 10."))
        plan = scale.Plan(communes=communes, years=years)
        started = time.perf_counter()
        with transaction.atomic():
            if scale.exists() and not force:
                raise CommandError(
                    _("Đã có dữ liệu quy mô (tỉnh có mã scale-...). Thêm --force để tạo thêm.")
                )
            counts = scale.generate(
                plan,
                random.Random(seed),  # noqa: S311 (made-up data, the same for the same --seed)
                timezone.localdate(),
                prefix=scale.free_prefix(),
                log=self.step,
            )
        self.analyze(counts)
        seconds = time.perf_counter() - started
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Số bản ghi đã tạo")))
        for model, count in sorted(counts.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {model._meta.verbose_name_plural!s:<45} {number(count):>10}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo %(rows)s bản ghi trong %(seconds)s giây.")
                % {"rows": number(sum(counts.values())), "seconds": number(seconds, 1)}
            )
        )

    def analyze(self, counts: dict) -> None:
        """Give the planner statistics of what was written."""
        # Without them a million rows PostgreSQL never sampled get plans made for an empty
        # table: the support list sorted them all for its first 25 rows (issue 14).
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for model in counts:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.step("ANALYZE", len(counts), time.perf_counter() - started)

    def step(self, label: str, rows: int, seconds: float) -> None:
        self.stdout.write(f"  {label:<45} {number(rows):>10}  {number(seconds, 1):>7} s")
        self.stdout.flush()
