#!/usr/bin/env bash
# make bundle: dist/borderwork-<version>-offline.tar.gz for a server with no package index:
# the source (tracked files), collected static files, a wheel of every runtime dependency
# for this machine's platform (build it on Debian 12 x86-64 with CPython 3.11, as the
# servers are) and install.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
version="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
name="borderwork-$version"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
root="$build/$name"
mkdir -p "$root" dist

"$PYTHON" - "$PYTHON" <<'PY' > "$build/check-platform"
import platform, sys
print(f"{platform.system()} {platform.machine()} CPython {sys.version_info[0]}.{sys.version_info[1]}")
PY
grep -q "Linux x86_64 CPython 3.11" "$build/check-platform" \
  || { echo "build the bundle on Linux x86-64 with CPython 3.11 (here: $(cat "$build/check-platform"))"; exit 1; }

# The source: what git tracks, nothing of the working tree's own (.venv, media, db.sqlite3).
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$root"

# The runtime pins of pyproject.toml, no test extras, installed by install.sh.
"$PYTHON" - > "$root/requirements.txt" <<'PY'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY

# A wheel of every runtime dependency and of theirs (pip wheel builds any that ships only
# an sdist), from a scratch venv so the bundle does not depend on this checkout's .venv.
"$PYTHON" -m venv "$build/venv"
"$build/venv/bin/pip" install --quiet --upgrade pip
"$build/venv/bin/pip" wheel --quiet --wheel-dir "$root/wheels" -r "$root/requirements.txt"
# pip itself too, so install.sh can upgrade the venv's own without an index.
"$build/venv/bin/pip" download --quiet --no-deps --dest "$root/wheels" pip

# Collected static files, as production serves them (DEBUG off: the hashed manifest).
"$build/venv/bin/pip" install --quiet --no-index --find-links "$root/wheels" -r "$root/requirements.txt"
(cd "$root" && DEBUG=false "$build/venv/bin/python" manage.py collectstatic --noinput -v 0)

cp deploy/install.sh "$root/install.sh"
chmod +x "$root/install.sh"
tar -C "$build" -czf "dist/$name-offline.tar.gz" "$name"
echo "dist/$name-offline.tar.gz ($(du -h "dist/$name-offline.tar.gz" | cut -f1), $(ls "$root/wheels" | wc -l) wheels)"
