"""Rebuild the indicator snapshot now, in this process: what the nightly Celery task does."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from borderwork.indicators.models import RunStatus
from borderwork.indicators.rebuild import rebuild


class Command(BaseCommand):
    help = _(
        "Tính lại chỉ tiêu (như tác vụ Celery indicators.rebuild chạy lúc 01:00 hằng đêm) và "
        "thay ảnh chụp cũ trong một giao dịch. Trên PostgreSQL chỉ tính lại các quý có hồ sơ "
        "thay đổi từ lần tính trước; --full tính lại tất cả."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--full",
            action="store_true",
            help=_("Tính lại mọi quý, kể cả các quý không có hồ sơ nào thay đổi."),
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            run = rebuild(full=options["full"])
        except Exception as error:
            # rebuild() has recorded the run as failed and kept the previous snapshot.
            raise CommandError(
                _("Tính chỉ tiêu thất bại, giữ nguyên số liệu cũ: %(error)s")
                % {"error": f"{type(error).__name__}: {error}"}
            ) from error
        seconds = time.perf_counter() - started
        summary = _(
            "Lần tính %(run)s: %(status)s, %(rows)s dòng (tính lại từ %(first)s), %(seconds)s giây."
        ) % {
            "run": run.pk,
            "status": run.get_status_display(),
            "first": run.recomputed_from.strftime("%d/%m/%Y") if run.recomputed_from else "—",
            # Vietnamese groups thousands with a dot and writes decimals with a comma.
            "rows": f"{run.rows:,}".replace(",", "."),
            "seconds": f"{seconds:.1f}".replace(".", ","),
        }
        if run.status != RunStatus.SUCCESS:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
