"""Production settings (DEBUG off) with the few changes a local test server needs."""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from tttt.settings import *  # noqa: E402, F403
from tttt.settings import STORAGES as _STORAGES  # noqa: E402

# Plain HTTP on 127.0.0.1 for the test client and the browser tests' live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
# Argon2 is deliberately slow; tests hash many passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **_STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run where they are enqueued; the worker's tests use the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Tests never need a commit to survive a crash: PostgreSQL need not wait for the disk.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# The browser tests' live server answers from several threads: an in-memory SQLite database
# would be one connection shared by them all (two requests at once then collide). A file
# gives each thread its own connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
