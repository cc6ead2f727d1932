"""A pytest plugin (`-p borderwork.testing` in pyproject) loaded before Django starts.

Tests run with DEBUG off, as production does, but over plain HTTP and without a secret.
"""

import os

os.environ["BORDERWORK_TESTING"] = "true"
