"""What listening asks of the apps above it: the portal writes a correction (listening never
imports the portal)."""

from django.dispatch import Signal

# Sent when a leader asks for a correction of a mention on the unit's portal;
# kwargs: mention, user. A receiver returns the back-office URL of the draft it made.
correction_requested = Signal()
