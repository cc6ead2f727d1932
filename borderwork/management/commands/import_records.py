"""manage.py import_records ho-tro FILE --user USERNAME [--dry-run]: the import page's rules
and messages, from the shell; exit status 0 only when every row was (or would be) imported."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from borderwork.accounts.models import User
from borderwork.records.imports import kind_by_segment, run_import
from borderwork.records.uploads import MAX_UPLOAD_BYTES


class Command(BaseCommand):
    help = "Import an XLSX or CSV file into a record list, all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("segment", help="the list's URL segment, e.g. ho-tro")
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="whose scope and name the import uses")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, segment, file, user, dry_run, **options):
        kind = kind_by_segment(segment)
        if kind is None:
            raise CommandError(
                _("Không có danh sách nhập được tại “%(segment)s”.") % {"segment": segment}
            )
        account = User.objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(_("Không có người dùng “%(user)s”.") % {"user": user})
        if not (account.enters_data or account.is_administrator):
            raise CommandError(_("Vai trò của anh/chị chỉ được xem, không được nhập liệu."))
        if not file.is_file():
            raise CommandError(_("Không đọc được tệp %(file)s.") % {"file": file})
        with file.open("rb") as handle:
            content = handle.read(MAX_UPLOAD_BYTES + 1)
        outcome = run_import(kind, account, file.name, content, dry_run=dry_run)
        if outcome.problem:
            raise CommandError(outcome.problem)
        for row in outcome.errors:
            for error in row.errors:
                line = _("Dòng %(row)s: %(error)s") % {"row": row.number, "error": error}
                self.stderr.write(line)
        counts = outcome.counts
        summary = (
            _("%(new)s mới, %(changed)s thay đổi, %(unchanged)s không đổi, %(error)s lỗi.") % counts
        )
        if not outcome.ok:
            raise CommandError(_("Không ghi dòng nào: ") + summary)
        done = _("Kiểm tra xong (chưa ghi): ") if dry_run else _("Đã nhập: ")
        self.stdout.write(done + summary)
