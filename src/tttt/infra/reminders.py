"""Expiry reminders for digital certificates: each person who manages certificates of a
unit gets one e-mail listing those of their scope that expire in exactly 60 or 30 days
(run once a day, so each certificate is announced twice and never more)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import send_mail

from tttt.org.models import Membership, User
from tttt.org.queries import user_can

from . import queries
from .models import DigitalCertificate

PERM = "infra.change_digitalcertificate"


def due(today: date) -> list[DigitalCertificate]:
    days = [today + timedelta(days=d) for d in queries.WARN_DAYS]
    return list(
        DigitalCertificate.objects.filter(queries.valid_certificates_q(today), expires_on__in=days)
        .select_related("unit")
        .order_by("expires_on", "holder_name")
    )


def send_reminders(today: date) -> dict[str, int]:
    """E-mail every manager whose scope holds certificates due; returns the counts."""
    certificates = due(today)
    if not certificates:
        return {"certificates": 0, "emails": 0}
    managers = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.active()
        .filter(role__permissions__codename="change_digitalcertificate")
        .values("user_id"),
    ).exclude(email="")
    emails = 0
    for user in managers:
        mine = [c for c in certificates if user_can(user, PERM, c.unit)]
        if not mine:
            continue
        lines = [
            f"- {c.holder_name} ({c.unit.name}), số hiệu {c.serial}: hết hạn ngày "
            f"{c.expires_on:%d/%m/%Y}, còn {(c.expires_on - today).days} ngày."
            for c in mine
        ]
        send_mail(
            subject=f"[TTTT] {len(mine)} chứng thư số sắp hết hạn",
            message="Các chứng thư số sau sắp hết hạn; đề nghị làm thủ tục gia hạn hoặc cấp mới:\n\n"
            + "\n".join(lines),
            from_email=None,
            recipient_list=[user.email],
        )
        emails += 1
    return {"certificates": len(certificates), "emails": emails}
