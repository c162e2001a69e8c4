"""Notifications: the registry of kinds, `notify`, e-mail delivery, digests and unsubscribing.

Apps register their kinds in `AppConfig.ready`::

    register_notification_kind("ideas.stage_changed", _("Your idea moved to a new stage"))

and their services call `notify(...)` after a state change. Titles and bodies may be lazy
strings (`gettext_lazy`, `format_lazy`): they are rendered in each recipient's language.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from spira.core.models import ALL_KINDS, Notification, NotificationFrequency, NotificationPreference

UNSUBSCRIBE_SALT = "spira.core.notifications.unsubscribe"
# Links in old e-mails should keep working for a long time; a year is the longest we promise.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 366
DIGEST_FREQUENCIES = (NotificationFrequency.DAILY, NotificationFrequency.WEEKLY)


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: Promise | str
    description: Promise | str = ""
    default_frequency: str = NotificationFrequency.IMMEDIATE


_kinds: dict[str, NotificationKind] = {}


def register_notification_kind(
    code: str,
    label: Promise | str,
    description: Promise | str = "",
    default_frequency: str = NotificationFrequency.IMMEDIATE,
) -> NotificationKind:
    """Declare a kind of notification (`app.event`) that people can choose a frequency for."""
    if default_frequency not in NotificationFrequency.values:
        raise ValueError(f"Unknown frequency {default_frequency!r} for notification kind {code!r}")
    kind = NotificationKind(code, label, description, default_frequency)
    _kinds[code] = kind
    return kind


def notification_kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.code)


def get_notification_kind(code: str) -> NotificationKind | None:
    return _kinds.get(code)


def kind_label(code: str) -> Promise | str:
    kind = _kinds.get(code)
    return kind.label if kind else code


# Preferences ------------------------------------------------------------------------------------


def frequencies_for(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """The frequency each user has for `kind` (explicit choice, else "all kinds", else the default)."""
    user_ids = list(user_ids)
    default = _kinds[kind].default_frequency if kind in _kinds else NotificationFrequency.IMMEDIATE
    result = dict.fromkeys(user_ids, default)
    rows = NotificationPreference.objects.filter(user_id__in=user_ids, kind__in=[kind, ALL_KINDS])
    explicit: dict[int, str] = {}
    blanket: dict[int, str] = {}
    for user_id, row_kind, frequency in rows.values_list("user_id", "kind", "frequency"):
        (blanket if row_kind == ALL_KINDS else explicit)[user_id] = frequency
    result.update(blanket)
    result.update(explicit)
    return result


def preferences_of(user) -> dict[str, str]:
    """Every registered kind with the frequency that applies to `user`."""
    rows = dict(user.notification_preferences.values_list("kind", "frequency"))
    blanket = rows.get(ALL_KINDS)
    return {
        kind.code: rows.get(kind.code) or blanket or kind.default_frequency for kind in notification_kinds()
    }


@transaction.atomic
def set_notification_preferences(user, choices: dict[str, str]) -> None:
    """Save the frequencies `user` chose on the settings page.

    Explicit choices replace an earlier "unsubscribe from everything": kinds added later then
    follow their defaults again.
    """
    errors = {}
    for code, frequency in choices.items():
        if code not in _kinds:
            errors[code] = _("Unknown kind of notification.")
        elif frequency not in NotificationFrequency.values:
            errors[code] = _("Choose one of the frequencies offered.")
    if errors:
        raise ValidationError(errors)
    for code, frequency in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=code, defaults={"frequency": frequency}
        )
    user.notification_preferences.filter(kind=ALL_KINDS).delete()


@transaction.atomic
def unsubscribe(user, kind: str) -> None:
    """Turn off one kind (or, with `ALL_KINDS`, every kind including those added later)."""
    if kind == ALL_KINDS:
        codes = [*_kinds, ALL_KINDS]
    elif kind in _kinds:
        codes = [kind]
    else:
        raise ValidationError({"kind": _("Unknown kind of notification.")})
    for code in codes:
        NotificationPreference.objects.update_or_create(
            user=user, kind=code, defaults={"frequency": NotificationFrequency.OFF}
        )


def make_unsubscribe_token(user, kind: str = ALL_KINDS) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The user id and kind in a token; raises `signing.BadSignature` (or its subclass
    `SignatureExpired`) when the token was altered or is too old."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        raise signing.BadSignature("Malformed unsubscribe token")
    return data["u"], data["k"]


def unsubscribe_url(user, kind: str = ALL_KINDS) -> str:
    """An absolute link, in the language that is active, that works without logging in."""
    return settings.SITE_URL + reverse("core:unsubscribe", args=[make_unsubscribe_token(user, kind)])


# Creating notifications -------------------------------------------------------------------------


def notify(recipients: Iterable, kind: str, title, body="", url: str = "", actor=None) -> list[Notification]:
    """Tell `recipients` that something happened. Call it from a service, inside its transaction.

    Recipients whose frequency for `kind` is off, inactive users and the actor themself get
    nothing. Those who chose "immediate" get an e-mail from a task enqueued on commit.
    """
    if kind not in _kinds:
        raise ValueError(f"Unregistered notification kind {kind!r}")
    people = {}
    for user in recipients:
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        people.setdefault(user.pk, user)
    if not people:
        return []
    frequencies = frequencies_for(people, kind)
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    rows = []
    for user_id, user in people.items():
        if frequencies[user_id] == NotificationFrequency.OFF:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            rows.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    title=str(title)[:300],
                    body=str(body or ""),
                    url=str(url or "")[:500],
                    actor_id=actor_id,
                )
            )
    created = Notification.objects.bulk_create(rows)
    immediate = [n.pk for n in created if frequencies[n.recipient_id] == NotificationFrequency.IMMEDIATE]
    if immediate:
        from spira.core.tasks import send_notification_emails

        transaction.on_commit(partial(send_notification_emails.enqueue, immediate))
    return created


@transaction.atomic
def mark_read(user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


# E-mail -----------------------------------------------------------------------------------------


def absolute_url(url: str) -> str:
    if not url:
        return ""
    if url.startswith("/"):
        return settings.SITE_URL + url
    return url


def _send(user, subject: str, template: str, context: dict, unsubscribe: str) -> None:
    context = {**context, "user": user, "unsubscribe_url": unsubscribe, "SITE_URL": settings.SITE_URL}
    context["settings_url"] = settings.SITE_URL + reverse("core:notification_settings")
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ").strip(),
        body=render_to_string(f"core/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"core/email/{template}.html", context), "text/html")
    message.send()


def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification unless it was e-mailed already. Returns whether it sent."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.is_active or not notification.recipient.email:
        return False
    # Claim the row first: a second run (or a second worker) finds nothing left to send.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    user = notification.recipient
    try:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            _send(
                user,
                f"[Spira] {notification.title}",
                "notification",
                {
                    "notification": notification,
                    "kind_label": kind_label(notification.kind),
                    "link": absolute_url(notification.url),
                },
                unsubscribe_url(user, notification.kind),
            )
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise
    return True


def _undelivered():
    """Unread notifications of active people that were neither e-mailed nor summarised yet."""
    return Notification.objects.filter(
        emailed_at__isnull=True, digest_sent_at__isnull=True, read_at__isnull=True, recipient__is_active=True
    )


def send_digest(user_id: int, frequency: str) -> int:
    """E-mail `user` one summary of their unsent notifications of kinds they get at `frequency`.

    Returns how many notifications it contained; safe to run twice (claimed rows are skipped).
    """
    pending = list(_undelivered().filter(recipient_id=user_id).select_related("recipient"))
    if not pending:
        return 0
    user = pending[0].recipient
    wanted = {
        code
        for code, value in _frequencies_by_kind(user, {n.kind for n in pending}).items()
        if value == frequency
    }
    chosen = [n for n in pending if n.kind in wanted]
    if not chosen or not user.email:
        return 0
    now = timezone.now()
    with transaction.atomic():
        claimed = Notification.objects.filter(
            pk__in=[n.pk for n in chosen], digest_sent_at__isnull=True, emailed_at__isnull=True
        ).update(digest_sent_at=now)
        if not claimed:
            return 0
        chosen = list(
            Notification.objects.filter(pk__in=[n.pk for n in chosen], digest_sent_at=now).order_by(
                "created_at", "id"
            )
        )
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = (
                _("[Spira] Your daily summary")
                if frequency == NotificationFrequency.DAILY
                else _("[Spira] Your weekly summary")
            )
            items = [
                {"notification": n, "kind_label": kind_label(n.kind), "link": absolute_url(n.url)}
                for n in chosen
            ]
            _send(
                user,
                subject,
                "digest",
                {"items": items, "frequency": frequency},
                unsubscribe_url(user, ALL_KINDS),
            )
    return len(chosen)


def _frequencies_by_kind(user, kinds: set[str]) -> dict[str, str]:
    rows = dict(
        user.notification_preferences.filter(kind__in=[*kinds, ALL_KINDS]).values_list("kind", "frequency")
    )
    result = {}
    for code in kinds:
        default = _kinds[code].default_frequency if code in _kinds else NotificationFrequency.IMMEDIATE
        result[code] = rows.get(code) or rows.get(ALL_KINDS) or default
    return result


def send_digests(frequency: str) -> dict[str, int]:
    """Send the daily or weekly summaries: one e-mail per person. Run from cron via
    `spira send_digests daily|weekly`. Returns {"recipients": n, "notifications": m}."""
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"Digest frequency must be daily or weekly, not {frequency!r}")
    user_ids = _undelivered().values_list("recipient_id", flat=True).distinct().order_by("recipient_id")
    recipients = notifications = 0
    for user_id in list(user_ids):
        sent = send_digest(user_id, frequency)
        if sent:
            recipients += 1
            notifications += sent
    return {"recipients": recipients, "notifications": notifications}


# Personal data (registered with spira.core.privacy in CoreConfig.ready) ------------------------


def export_notifications(user) -> dict:
    return {
        "notifications": list(
            user.notifications.order_by("created_at", "id").values(
                "kind", "title", "body", "url", "created_at", "read_at", "emailed_at", "digest_sent_at"
            )
        ),
        "preferences": list(user.notification_preferences.order_by("kind").values("kind", "frequency")),
    }


def erase_notifications(user) -> None:
    user.notifications.all().delete()
    user.notification_preferences.all().delete()
    # Notifications to others keep their text but no longer name who caused them.
    Notification.objects.filter(actor=user).update(actor=None)
