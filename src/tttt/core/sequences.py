"""Numbering sequences that stay unique when many writers take numbers at once.

`next_value(key)` must run inside the caller's transaction: the counter row stays locked
until that transaction ends, so the number and the record that uses it commit together
(a rolled-back record gives its number back).
"""

from django.db import IntegrityError, transaction

from .models import Sequence


def next_value(key: str) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value() must be called inside transaction.atomic().")
    row = Sequence.objects.select_for_update().filter(key=key).first()
    if row is None:
        try:
            with transaction.atomic():  # savepoint: a concurrent first insert may win
                Sequence.objects.create(key=key, value=1)
            return 1
        except IntegrityError:
            row = Sequence.objects.select_for_update().get(key=key)
    row.value += 1
    row.save(update_fields=["value"])
    return row.value


def advance_to(key: str, at_least: int) -> int:
    """Move the counter up to `at_least` (never down) and return its value; for numbers
    that records written without the sequence (an import, the demo) already hold. Call
    after `next_value(key)` in the same transaction, so the row is already locked."""
    row = Sequence.objects.select_for_update().get(key=key)
    if row.value < at_least:
        row.value = at_least
        row.save(update_fields=["value"])
    return row.value
