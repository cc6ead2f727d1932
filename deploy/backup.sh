#!/bin/sh
# The nightly backup: one file per night in $BACKUP_DIR, the newest $BACKUP_KEEP kept.
# Run by deploy/borderwork-backup.service; copy the directory to another machine too.
set -eu
cd "$(dirname "$0")/.."
dir="${BACKUP_DIR:-/var/backups/borderwork}"
keep="${BACKUP_KEEP:-14}"
mkdir -p "$dir"
.venv/bin/python manage.py backup "$dir/borderwork-$(date +%Y%m%d-%H%M%S).backup"
# Oldest first beyond the newest $keep; a failed night's .partial file is removed too.
ls -1t "$dir"/borderwork-*.backup | tail -n +"$((keep + 1))" | xargs -r rm -f --
find "$dir" -name 'borderwork-*.backup.partial' -mtime +1 -delete
