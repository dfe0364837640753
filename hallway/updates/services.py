"""Writes for the digest and the calendar feed, and sending the digest."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterator
from dataclasses import dataclass
from email.mime.image import MIMEImage
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hallway.updates.chart import progress_chart_png
from hallway.updates.models import CalendarFeed, DigestSubscription, new_feed_token
from hallway.updates.selectors import absolute_url, digest_for
from hallway.updates.tokens import unsubscribe_token

logger = logging.getLogger(__name__)

CHART_CID = "progress-chart@hallway"
# An hourly job runs a little early or late; this slack keeps a weekly digest on its weekday.
SCHEDULE_SLACK = dt.timedelta(hours=1)
_INTERVALS = {
    DigestSubscription.DAILY: dt.timedelta(days=1),
    DigestSubscription.WEEKLY: dt.timedelta(days=7),
}


# --- Digest settings -------------------------------------------------------------------------


@transaction.atomic
def digest_settings_update(
    *, owner: User, frequency: str, email: str | None = None
) -> DigestSubscription:
    """Choose how often the digest comes (daily, weekly, monthly, off) and, optionally, where to."""
    if frequency not in dict(DigestSubscription.FREQUENCY_CHOICES):
        choices = ", ".join(dict(DigestSubscription.FREQUENCY_CHOICES))
        raise ValidationError({"frequency": f"Unknown frequency “{frequency}”. Use {choices}."})
    if email is not None:
        email = email.strip()
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise ValidationError({"email": "Enter a valid e-mail address."}) from error
        if email != owner.email:
            owner.email = email
            owner.save(update_fields=["email"])
    subscription, _ = DigestSubscription.objects.get_or_create(owner=owner)
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency", "updated_at"])
    return subscription


def digest_unsubscribe(*, owner: User) -> DigestSubscription:
    """Stop the digest (what the unsubscribe link does)."""
    return digest_settings_update(owner=owner, frequency=DigestSubscription.OFF)


# --- Calendar feed -----------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_enable(*, owner: User) -> CalendarFeed:
    """The user's private feed, created on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(owner=owner)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, owner: User) -> CalendarFeed:
    """A new secret URL; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(owner=owner)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


def calendar_feed_revoke(*, owner: User) -> None:
    """Turn the feed off: its URL returns 404 from now on."""
    CalendarFeed.objects.filter(owner=owner).delete()


# --- Sending the digest --------------------------------------------------------------------------


@dataclass
class DigestResult:
    to: str
    subject: str
    text: str
    html: str
    sent: bool
    skipped_reason: str = ""


def _is_due(subscription: DigestSubscription | None, now: dt.datetime) -> bool:
    frequency = subscription.frequency if subscription else DigestSubscription.DEFAULT_FREQUENCY
    if frequency == DigestSubscription.OFF:
        return False
    last = subscription.last_sent_at if subscription else None
    if last is None:
        return True
    if frequency == DigestSubscription.MONTHLY:
        this, then = timezone.localdate(now), timezone.localdate(last)
        return (this.year, this.month) != (then.year, then.month)
    return now - last >= _INTERVALS[frequency] - SCHEDULE_SLACK


def digests_due(*, now: dt.datetime | None = None) -> Iterator[Any]:
    """Active users with an e-mail address whose digest is due (weekly unless they chose otherwise)."""
    now = now or timezone.now()
    users = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("id")
    subscriptions = {item.owner_id: item for item in DigestSubscription.objects.all()}
    for user in users:
        if _is_due(subscriptions.get(user.pk), now):
            yield user


def unsubscribe_url(user: User) -> str:
    return absolute_url(reverse("updates:unsubscribe", args=[unsubscribe_token(user)]))


def digest_render(*, user: User, now: dt.datetime | None = None) -> tuple[str, str, str, Any]:
    """Subject, plain text, HTML and the digest data (the HTML shows the chart as cid:)."""
    digest = digest_for(user=user, now=now)
    context = {
        "digest": digest,
        "unsubscribe_url": unsubscribe_url(user),
        "chart_cid": CHART_CID,
        "site_url": settings.SITE_URL,
    }
    subject = f"Your Hallway digest for {digest.today:%A} {digest.today.day} {digest.today:%B}"
    text = render_to_string("updates/email/digest.txt", context)
    html = render_to_string("updates/email/digest.html", context)
    return subject, text, html, digest


def digest_send(
    *, user: User, now: dt.datetime | None = None, dry_run: bool = False, connection: Any = None
) -> DigestResult:
    """Build and send one user's digest (multipart: text, HTML with an inline chart PNG)."""
    now = now or timezone.now()
    subject, text, html, digest = digest_render(user=user, now=now)
    result = DigestResult(to=user.email, subject=subject, text=text, html=html, sent=False)
    if not user.email:
        result.skipped_reason = "no e-mail address"
        return result
    if digest.is_empty:
        result.skipped_reason = "nothing to report"
        return result
    if dry_run:
        return result
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url(user)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection or get_connection(),
    )
    message.attach_alternative(html, "text/html")
    message.mixed_subtype = "related"
    image = MIMEImage(
        progress_chart_png(digest.chart_labels, digest.chart_new_people, digest.chart_stories),
        "png",
    )
    image.add_header("Content-ID", f"<{CHART_CID}>")
    image.add_header("Content-Disposition", "inline", filename="progress.png")
    message.attach(image)
    # No transaction is open across the network: a mail server that never answers must not hold
    # a row lock (or SQLite's write lock) that every other user's write waits on. The digest is
    # marked sent only once the server took it, so a failure is retried on the next run.
    message.send(fail_silently=False)
    DigestSubscription.objects.update_or_create(owner=user, defaults={"last_sent_at": now})
    result.sent = True
    return result


def mail_server_timed_out(error: BaseException) -> bool:
    """True when the mail server went silent past HALLWAY_SMTP_TIMEOUT: every other digest would
    wait just as long, so the run stops there (a refused connection fails fast: try them all)."""
    return any(
        isinstance(item, TimeoutError) for item in (error, error.__context__, error.__cause__)
    )


def digests_send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every digest that is due; returns counts. Used by the scheduler and `hallway digest send`."""
    now = now or timezone.now()
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    connection = get_connection()
    due = list(digests_due(now=now))
    for index, user in enumerate(due):
        try:
            result = digest_send(user=user, now=now, connection=connection)
        except (OSError, smtplib.SMTPException) as error:
            # One bad address must not stop the others; every failure is retried next hour.
            logger.exception("Could not send the digest to user %s", user.pk)
            if mail_server_timed_out(error):
                counts["failed"] += len(due) - index
                break
            counts["failed"] += 1
            continue
        counts["sent" if result.sent else "skipped"] += 1
    return counts
