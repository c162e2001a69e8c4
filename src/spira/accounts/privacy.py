"""What the accounts app holds about a person, for export and erasure (see spira.core.privacy)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from spira.accounts.models import ApiToken
from spira.core.models import ActivityLogEntry
from spira.core.privacy import register_personal_data


def export_profile(user) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "platform_role": user.platform_role,
        "is_active": user.is_active,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def erase_profile(user) -> None:
    """The profile lives on the user row, which `erase_person` deletes last."""


def export_memberships(user) -> list:
    return [
        {
            "organisation": membership.organisation.name,
            "organisation_slug": membership.organisation.slug,
            "role": membership.role,
            "title": membership.title,
            "since": membership.created_at,
        }
        for membership in user.memberships.select_related("organisation").order_by("created_at")
    ]


def erase_memberships(user) -> None:
    from spira.organisations.services import remove_membership

    for membership in user.memberships.select_related("organisation"):
        try:
            remove_membership(user, membership)
        except ValidationError as exc:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "The account is the only administrator of %(organisation)s. Make someone "
                        "else an administrator of it first."
                    )
                    % {"organisation": membership.organisation.name}
                }
            ) from exc


def export_api_tokens(user) -> list:
    return [
        {
            "name": token.name,
            "key_prefix": token.key_prefix,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "expires_at": token.expires_at,
            "revoked_at": token.revoked_at,
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at")
    ]


def erase_api_tokens(user) -> None:
    from spira.accounts.services import anonymise_log_entries

    tokens = ApiToken.objects.filter(user=user)
    anonymise_log_entries(ApiToken, list(tokens.values_list("pk", flat=True)))
    tokens.delete()


def export_activity(user) -> list:
    return [
        {"timestamp": timestamp, "action": action, "object": object_repr}
        for timestamp, action, object_repr in ActivityLogEntry.objects.filter(actor=user)
        .order_by("timestamp", "id")
        .values_list("timestamp", "action", "object_repr")
        .iterator()
    ]


def erase_activity(user) -> None:
    """Entries by the person lose their actor in `erase_person`; entries about the account lose its name."""
    from spira.accounts.models import User
    from spira.accounts.services import anonymise_log_entries

    anonymise_log_entries(User, [user.pk])


def _login_records(model, user):
    return model.objects.filter(username__iexact=user.email)


def export_login_history(user) -> dict:
    fields = ("attempt_time", "ip_address", "user_agent")
    return {
        "logins": list(
            _login_records(AccessLog, user).order_by("attempt_time").values(*fields, "logout_time")
        ),
        "failed_logins": list(
            _login_records(AccessFailureLog, user).order_by("attempt_time").values(*fields)
        ),
        "lockout_counters": list(
            _login_records(AccessAttempt, user)
            .order_by("attempt_time")
            .values(*fields, "failures_since_start")
        ),
    }


def erase_login_history(user) -> None:
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        _login_records(model, user).delete()


def register() -> None:
    register_personal_data("profile", export_profile, erase_profile)
    register_personal_data("memberships", export_memberships, erase_memberships)
    register_personal_data("api_tokens", export_api_tokens, erase_api_tokens)
    register_personal_data("activity", export_activity, erase_activity)
    register_personal_data("login_history", export_login_history, erase_login_history)
