"""Moderation: the registry of reportable content and every state change of reports and content.

A content model inherits `spira.core.models.Moderatable` and is registered in its app's
`AppConfig.ready`::

    register_moderatable(Comment, owner_attr="author")

Then anyone can report it at `core:report_content`, moderators handle the reports in the queue
(`core:moderation_queue`), and templates show hidden content with
`{% include "core/moderation/_hidden_or.html" with object=comment content=comment.text %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import log_action
from spira.core.models import ContentReport, ReportReason, ReportStatus
from spira.core.notifications import notify, register_notification_kind

MAX_MESSAGE_LENGTH = 2000
MAX_REASON_LENGTH = 1000
# Reports per hour; anonymous reports are counted per IP address, others per account.
ANONYMOUS_REPORTS_PER_HOUR = 10
USER_REPORTS_PER_HOUR = 30

register_notification_kind(
    "core.content_hidden",
    gettext_lazy("Your content was hidden by a moderator"),
    gettext_lazy("When a moderator hides something you wrote, with the reason."),
)
register_notification_kind(
    "core.content_restored",
    gettext_lazy("Your content was shown again"),
    gettext_lazy("When a moderator makes hidden content of yours visible again."),
)
register_notification_kind(
    "core.report_handled",
    gettext_lazy("A report you made was handled"),
    gettext_lazy("When moderators have decided on content you reported."),
)
register_notification_kind(
    "core.content_reported",
    gettext_lazy("New reports for moderators"),
    gettext_lazy("Only for moderators: when someone reports content."),
    default_frequency="daily",
)


@dataclass(frozen=True)
class ModeratableModel:
    model: type[models.Model]
    owner_attr: str | Callable[[models.Model], object] | None = "author"

    def owner_of(self, obj: models.Model):
        if self.owner_attr is None:
            return None
        if callable(self.owner_attr):
            return self.owner_attr(obj)
        value = obj
        for name in self.owner_attr.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value


_registry: dict[str, ModeratableModel] = {}


def register_moderatable(model: type[models.Model], owner_attr="author") -> None:
    """Let `model`'s objects be reported and hidden; `owner_attr` (a dotted attribute or a
    function of the object) names the user told when a moderator hides their content."""
    missing = [
        name
        for name in ("is_hidden", "hidden_reason", "hidden_at", "hidden_by")
        if not _has_field(model, name)
    ]
    if missing:
        raise TypeError(f"{model._meta.label} must inherit spira.core.models.Moderatable")
    _registry[model._meta.label_lower] = ModeratableModel(model, owner_attr)


def unregister_moderatable(model: type[models.Model]) -> None:
    _registry.pop(model._meta.label_lower, None)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def moderatable_entry(model_or_obj) -> ModeratableModel | None:
    return _registry.get(model_or_obj._meta.label_lower)


def is_moderatable(model_or_obj) -> bool:
    return moderatable_entry(model_or_obj) is not None


def owner_of(obj: models.Model):
    entry = moderatable_entry(obj)
    return entry.owner_of(obj) if entry else None


def _entry_or_error(obj) -> ModeratableModel:
    entry = moderatable_entry(obj)
    if entry is None:
        raise ValidationError({"__all__": _("This content cannot be reported or moderated.")})
    return entry


def _object_url(obj) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    try:
        return get_url() if get_url else ""
    except Exception:
        # A URL that cannot be built must not stop a moderation decision.
        return ""


def _moderators():
    from spira.accounts.choices import PlatformRole

    return get_user_model().objects.filter(
        Q(is_superuser=True) | Q(platform_role__in=[PlatformRole.MODERATOR, PlatformRole.ADMINISTRATOR]),
        is_active=True,
    )


def _check_rate(reporter, ip: str | None) -> None:
    if getattr(reporter, "is_authenticated", False):
        key, limit = f"spira:reports:user:{reporter.pk}", USER_REPORTS_PER_HOUR
    else:
        key, limit = f"spira:reports:ip:{ip or 'unknown'}", ANONYMOUS_REPORTS_PER_HOUR
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    if count > limit:
        raise ValidationError(
            {"__all__": _("You have sent many reports in a short time. Please try again in an hour.")}
        )


@transaction.atomic
def report_content(reporter, obj: models.Model, reason: str, message: str = "", ip: str | None = None):
    """Ask the moderators to look at `obj`. Anyone may report, also without an account."""
    _entry_or_error(obj)
    message = (message or "").replace("\x00", "").strip()
    errors = {}
    if reason not in ReportReason.values:
        errors["reason"] = _("Choose one of the reasons offered.")
    if len(message) > MAX_MESSAGE_LENGTH:
        errors["message"] = _("Write at most %(count)d characters.") % {"count": MAX_MESSAGE_LENGTH}
    if errors:
        raise ValidationError(errors)
    user = reporter if getattr(reporter, "is_authenticated", False) else None
    if user and ContentReport.objects.for_object(obj).open().filter(reporter=user).exists():
        raise ValidationError(
            {"__all__": _("You have already reported this content. The moderators will look at it.")}
        )
    _check_rate(reporter, ip)
    report = ContentReport.objects.create(content_object=obj, reporter=user, reason=reason, message=message)
    log_action(reporter, "core.content.reported", obj, data={"report_id": report.pk, "reason": reason})
    notify(
        _moderators(),
        "core.content_reported",
        format_lazy(gettext_lazy("New report: {object}"), object=str(obj)[:200]),
        report.get_reason_display(),
        reverse("core:moderation_queue"),
        actor=user,
    )
    return report


def _close_reports(moderator, obj, status: str, note: str) -> list[ContentReport]:
    reports = list(ContentReport.objects.for_object(obj).open().select_related("reporter"))
    now = timezone.now()
    for report in reports:
        report.status = status
        report.handled_by = moderator
        report.handled_at = now
        report.decision_note = note
    ContentReport.objects.bulk_update(reports, ["status", "handled_by", "handled_at", "decision_note"])
    return reports


def _tell_reporters(moderator, obj, reports: list[ContentReport], decision) -> None:
    notify(
        [r.reporter for r in reports],
        "core.report_handled",
        format_lazy(gettext_lazy("Your report was handled: {object}"), object=str(obj)[:200]),
        decision,
        _object_url(obj),
        actor=moderator,
    )


@transaction.atomic
def hide_content(moderator, obj: models.Model, reason: str) -> models.Model:
    """Hide `obj` from everyone but moderators, close its open reports as actioned and tell the
    owner why."""
    if not moderator.has_perm("core.hide_content", obj):
        raise PermissionDenied
    _entry_or_error(obj)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: the author sees it in place of the content.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Write at most %(count)d characters.") % {"count": MAX_REASON_LENGTH}}
        )
    if obj.is_hidden:
        raise ValidationError({"__all__": _("This content is already hidden.")})
    obj.is_hidden = True
    obj.hidden_reason = reason
    obj.hidden_at = timezone.now()
    obj.hidden_by = moderator
    obj.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by"])
    reports = _close_reports(moderator, obj, ReportStatus.ACTIONED, reason)
    log_action(
        moderator,
        "core.content.hidden",
        obj,
        changes={"is_hidden": [False, True]},
        data={"reason": reason, "reports": [r.pk for r in reports]},
    )
    owner = owner_of(obj)
    if owner is not None:
        notify(
            [owner],
            "core.content_hidden",
            format_lazy(gettext_lazy("A moderator hid your content: {object}"), object=str(obj)[:200]),
            reason,
            _object_url(obj),
            actor=moderator,
        )
    _tell_reporters(moderator, obj, reports, gettext_lazy("The content has been hidden."))
    return obj


@transaction.atomic
def restore_content(moderator, obj: models.Model, note: str = "") -> models.Model:
    """Make hidden content visible again."""
    if not moderator.has_perm("core.restore_content", obj):
        raise PermissionDenied
    _entry_or_error(obj)
    note = (note or "").strip()
    if len(note) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"note": _("Write at most %(count)d characters.") % {"count": MAX_REASON_LENGTH}}
        )
    if not obj.is_hidden:
        raise ValidationError({"__all__": _("This content is not hidden.")})
    obj.is_hidden = False
    obj.hidden_reason = ""
    obj.hidden_at = None
    obj.hidden_by = None
    obj.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by"])
    log_action(
        moderator, "core.content.restored", obj, changes={"is_hidden": [True, False]}, data={"note": note}
    )
    owner = owner_of(obj)
    if owner is not None:
        notify(
            [owner],
            "core.content_restored",
            format_lazy(gettext_lazy("Your content is visible again: {object}"), object=str(obj)[:200]),
            note,
            _object_url(obj),
            actor=moderator,
        )
    return obj


@transaction.atomic
def dismiss_report(moderator, report: ContentReport, note: str = "") -> ContentReport:
    """Close one report without acting on the content."""
    if not moderator.has_perm("core.dismiss_report", report):
        raise PermissionDenied
    note = (note or "").strip()
    if len(note) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"note": _("Write at most %(count)d characters.") % {"count": MAX_REASON_LENGTH}}
        )
    report = ContentReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ValidationError({"__all__": _("This report has already been handled.")})
    report.status = ReportStatus.DISMISSED
    report.handled_by = moderator
    report.handled_at = timezone.now()
    report.decision_note = note
    report.save(update_fields=["status", "handled_by", "handled_at", "decision_note"])
    # The step belongs to the reported object's history; fall back to the report if it is gone.
    target = report.content_object or report
    log_action(moderator, "core.report.dismissed", target, data={"report_id": report.pk, "note": note})
    _tell_reporters(moderator, target, [report], gettext_lazy("The moderators found no reason to act."))
    return report


@transaction.atomic
def dismiss_reports(moderator, obj: models.Model, note: str = "") -> list[ContentReport]:
    """Dismiss every open report on `obj` (the queue's per-object action)."""
    if not moderator.has_perm("core.moderate"):
        raise PermissionDenied
    reports = list(ContentReport.objects.for_object(obj).open())
    if not reports:
        raise ValidationError({"__all__": _("There are no open reports on this content.")})
    return [dismiss_report(moderator, report, note) for report in reports]


# Personal data (registered with spira.core.privacy in CoreConfig.ready) ------------------------


def export_reports(user) -> list[dict]:
    """The reports a person made (what they wrote and what became of it)."""
    return list(
        ContentReport.objects.filter(reporter=user)
        .order_by("created_at", "id")
        .values(
            "content_type__app_label",
            "content_type__model",
            "object_id",
            "reason",
            "message",
            "status",
            "created_at",
            "decision_note",
        )
    )


def erase_reports(user) -> None:
    """Reports stay for the moderators' record, without the reporter and their own words."""
    ContentReport.objects.filter(reporter=user).update(reporter=None, message="")
    ContentReport.objects.filter(handled_by=user).update(handled_by=None)
