#!/bin/sh
# Installs the offline bundle: a .venv beside this file, from the bundle's wheels alone.
# Needs Debian 12's python3.11 and python3.11-venv (from the DVD or a local mirror).
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3.11}"
"$PYTHON" -m venv .venv
.venv/bin/pip install --quiet --no-index --find-links wheels --upgrade pip
.venv/bin/pip install --quiet --no-index --find-links wheels -r requirements.txt
echo "installed in $(pwd)/.venv; next: the env file, migrate, the units (README, Production)"
