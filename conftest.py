"""Loaded by pytest before Django: tests run with DEBUG off, over plain HTTP, without a secret."""

import os

os.environ.setdefault("BORDERWORK_TESTING", "true")
