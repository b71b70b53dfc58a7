"""Storage for files that are never served directly (attachments, evidence): views check
scope, then stream them."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
