# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
STRICT ?= 0

.PHONY: run test install install-test migrate seed lint messages worker beat bundle smoke audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py rebuild_indicators

## run: install, migrate the SQLite default, load the demo and its indicators, serve 127.0.0.1:8000
run: seed
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST)

## test: install with the test dependencies and run the tests
test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## messages: refresh the Vietnamese and English catalogues and compile them
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l vi -l en --ignore ".venv/*" --ignore "staticfiles/*" --ignore "tests/*"
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore ".venv/*"

## worker: a Celery worker for the rebuild task (needs REDIS_URL)
worker: install
	$(BIN)/celery -A borderwork worker --loglevel=INFO

## beat: the nightly schedule, one per installation; its state file lives in .venv, not the checkout
beat: install
	$(BIN)/celery -A borderwork beat --loglevel=INFO --schedule $(VENV)/celerybeat-schedule

## bundle: dist/borderwork-<version>-offline.tar.gz (source, static, wheels, install.sh)
bundle:
	PYTHON=$(PYTHON) deploy/bundle.sh

## smoke: the production smoke test (runtime deps only, gunicorn, worker, beat); see .ci/smoke
smoke:
	PYTHON=$(PYTHON) .ci/smoke

## audit: check the installed, pinned dependencies against PyPI's advisories (needs a network: without one it says nothing was checked and exits 0; STRICT=1 fails then, and on any package it could not check)
audit: install
	BIN=$(BIN) STRICT=$(STRICT) .ci/audit

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache dist
