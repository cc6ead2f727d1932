"""manage.py backup FILE: the whole database and every stored file in one file."""

import subprocess

from django.core.management.base import BaseCommand, CommandError

from borderwork.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the whole database and every stored file to one backup file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup")

    def handle(self, *args, file: str, **options):
        try:
            header = backup(file)
        except (BackupError, subprocess.CalledProcessError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"backup={file} bytes={header.payload_bytes} sha256={header.payload_sha256} "
            f"files_outside_database={header.files}"
        )
