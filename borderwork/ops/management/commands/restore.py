"""manage.py restore FILE: a backup into an empty database, checked before anything changes."""

import subprocess

from django.core.management.base import BaseCommand, CommandError

from borderwork.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into an empty database; "
        "the file's length and SHA-256 are checked first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="drop everything in a database that is not empty, then restore",
        )

    def handle(self, *args, file: str, force: bool, **options):
        try:
            header = restore(file, force=force)
        except (BackupError, subprocess.CalledProcessError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored={file} created={header.created} version={header.app_version} "
            f"files_outside_database={header.files}; now run manage.py migrate"
        )
