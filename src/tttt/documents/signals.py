"""What the registers announce to the apps above them (the portal publishes an issued
directive or legal document; documents never import the portal)."""

from django.dispatch import Signal

# Sent after the transaction that issued an outgoing document commits;
# kwargs: document, user.
document_issued = Signal()
