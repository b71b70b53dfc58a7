"""Signals the security app sends to the apps that publish what it writes (the portal),
which depend on it, never the other way round (DESIGN.md)."""

from django.dispatch import Signal

# An advisory is to appear (or to be updated) on its unit's portal. Receivers return the
# public URL of the page they published, or "" when they could not.
advisory_published = Signal()  # sender=Advisory, advisory=, user=
# An advisory is withdrawn: its page leaves the portal.
advisory_withdrawn = Signal()  # sender=Advisory, advisory=, user=
