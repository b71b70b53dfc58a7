"""What listening asks of the apps above it: the portal writes a correction and hands over
its comments and questions (listening never imports the portal)."""

from django.dispatch import Signal

# Sent when a leader asks for a correction of a mention on the unit's portal;
# kwargs: mention, user. A receiver returns the back-office URL of the draft it made.
correction_requested = Signal()

# Sent when a source of kind "portal" is read; kwargs: unit, since. A receiver returns the
# comments and questions sent to the unit's portal since then, as `services.Item`s.
portal_posts_wanted = Signal()
