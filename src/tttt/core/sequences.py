"""Numbering sequences that stay unique when many writers take numbers at once.

`next_value(key)` must run inside the caller's transaction: the counter row stays locked
until that transaction ends, so the number and the record that uses it commit together
(a rolled-back record gives its number back).
"""

from django.db import IntegrityError, connection, transaction

from .models import Sequence


def next_value(key: str) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value() must be called inside transaction.atomic().")
    table = Sequence._meta.db_table
    # One round trip: the increment locks the row until the caller's transaction ends.
    increment = f"UPDATE {table} SET value = value + 1 WHERE key = %s RETURNING value"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(increment, [key])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    try:
        with transaction.atomic():  # savepoint: a concurrent first insert may win
            Sequence.objects.create(key=key, value=1)
        return 1
    except IntegrityError:
        return next_value(key)


def advance_to(key: str, at_least: int) -> int:
    """Move the counter up to `at_least` (never down) and return its value; for numbers
    that records written without the sequence (an import, the demo) already hold. Call
    after `next_value(key)` in the same transaction, so the row is already locked."""
    row = Sequence.objects.select_for_update().get(key=key)
    if row.value < at_least:
        row.value = at_least
        row.save(update_fields=["value"])
    return row.value
