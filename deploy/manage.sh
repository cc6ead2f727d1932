#!/bin/sh
# deploy/manage.sh ARGS...: manage.py with the services' environment, as the borderwork user
# (migrate, check --deploy, createsuperuser, backup, restore). BORDERWORK_ENV names another
# env file, e.g. one whose DATABASE_URL points at a scratch database for a test restore.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  exec runuser -u borderwork -- env BORDERWORK_ENV="${BORDERWORK_ENV:-}" "$0" "$@"
fi
set -a
. "${BORDERWORK_ENV:-/etc/borderwork/borderwork.env}"
set +a
exec .venv/bin/python manage.py "$@"
