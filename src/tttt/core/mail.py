"""E-mail leaves through the task queue: `QueuedEmailBackend` (settings.EMAIL_BACKEND)
turns each message into a `send_email` task, which the worker hands to the real backend
(`TTTT_EMAIL_DELIVERY_BACKEND`: SMTP when EMAIL_HOST is set, else the console) and retries
while the mail server refuses or cannot be reached. A message is enqueued in the
transaction that decided it, so a write that is rolled back sends nothing."""

import base64
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

from tttt.core.worker import retrying


def message_to_json(message: EmailMessage) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {k: str(v) for k, v in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [name, base64.b64encode(content if isinstance(content, bytes) else content.encode()).decode(), mimetype]
            for name, content, mimetype in message.attachments
        ],
    }  # fmt: skip


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from_email"],
        to=data["to"], cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"],
        headers=data["headers"],
    )  # fmt: skip
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


@retrying(on=(smtplib.SMTPException, OSError), attempts=6, first_delay=60)
@task()
def send_email(message: dict) -> int:
    """Deliver one message through the real backend; the number sent (0 or 1)."""
    connection = get_connection(settings.TTTT_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message_from_json(message)])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            send_email.enqueue(message_to_json(message))
        return len(email_messages)
