"""E-mails to registered people: confirmation (with a calendar file and a cancellation link),
waiting list, promotion, approval decisions, reminders and changes.

They are not notifications (spira.core.notifications): visitors without an account register too.
Each is written in the language the person registered in.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from spira.events.calendar import activity_calendar
from spira.events.models import Registration
from spira.events.services.registrations import cancellation_token

# Kinds of e-mail that carry the activity as a calendar file.
WITH_CALENDAR = {"confirmed", "promoted", "reminder", "changed", "activity_cancelled"}
KINDS = {
    "confirmed",
    "waitlisted",
    "pending",
    "promoted",
    "declined",
    "cancelled",
    "reminder",
    "changed",
    "activity_cancelled",
}


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirmed": _("You are registered: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "pending": _("Your registration awaits approval: %(title)s"),
        "promoted": _("A seat is free – you are registered: %(title)s"),
        "declined": _("Your registration was not accepted: %(title)s"),
        "cancelled": _("Your registration is cancelled: %(title)s"),
        "reminder": _("Reminder: %(title)s"),
        "changed": _("Changed: %(title)s"),
        "activity_cancelled": _("Cancelled: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one e-mail about a registration. Returns whether it was sent (False when the
    registration was deleted meanwhile)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown registration e-mail {kind!r}")
    registration = (
        Registration.objects.select_related(
            "activity", "activity__series", "activity__organiser", "activity__municipality"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    activity = registration.activity
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        cancel_url = settings.SITE_URL + reverse(
            "events:registration_cancel", kwargs={"token": cancellation_token(registration)}
        )
        context = {
            "kind": kind,
            "registration": registration,
            "activity": activity,
            "activity_url": settings.SITE_URL + activity.get_absolute_url(),
            "cancel_url": cancel_url if registration.is_active else "",
            "SITE_URL": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, activity.title).replace("\n", " "),
            body=render_to_string("events/email/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(render_to_string("events/email/registration.html", context), "text/html")
        if kind in WITH_CALENDAR:
            waiting = registration.status != "confirmed"
            ics = activity_calendar(activity, tentative=waiting)
            message.attach("activity.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
        message.send()
    return True
