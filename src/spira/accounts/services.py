"""Every write to accounts and API tokens goes through these functions.

Each checks permission (PermissionDenied) and the input (ValidationError with a dict of field →
message), saves, and writes the activity log. Views, serializers and commands only call them.
"""

from datetime import datetime

from axes.utils import reset as reset_login_failures
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spira.accounts.choices import Language, PlatformRole
from spira.accounts.models import ApiToken, User, hash_token
from spira.core.activity import apply_changes, log_action
from spira.core.actors import COMMAND_LINE as COMMAND_LINE  # re-exported: spread's importers use it
from spira.core.models import ActivityLogEntry
from spira.core.privacy import personal_data_sources

PROFILE_FIELDS = ["display_name", "preferred_language"]
# How many unrevoked, unexpired tokens one person may hold; more is almost always a leak waiting.
MAX_ACTIVE_TOKENS = 50
# What an erased person's name is replaced with in the activity log (a marker, not a UI string).
ERASED_REPR = "[erased]"


def normalise_email(email: str) -> str:
    return User.objects.normalize_email((email or "").strip()).lower()


def _password_errors(password: str, user: User, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


@transaction.atomic
def register_user(
    *, email: str, password: str, display_name: str = "", preferred_language: str = Language.SWEDISH
) -> User:
    """Create an account. E-mail addresses are unique regardless of case."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from exc
    if preferred_language not in Language.values:
        raise ValidationError({"preferred_language": _("Choose Swedish or English.")})
    duplicate = ValidationError({"email": _("An account with this e-mail address already exists.")})
    if User.objects.filter(email__iexact=email).exists():
        raise duplicate
    user = User(email=email, display_name=(display_name or "").strip(), preferred_language=preferred_language)
    _password_errors(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"], validate_unique=False)
    try:
        # A savepoint, so that losing a race with an identical registration leaves the outer
        # transaction usable and the person gets the same clear message.
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise duplicate from exc
    log_action(user, "accounts.user.registered", user)
    return user


@transaction.atomic
def update_profile(actor, user: User, **values) -> User:
    """Change the display name and/or the preferred language."""
    if not actor.has_perm("accounts.change_user", user):
        raise PermissionDenied
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    if "display_name" in values:
        values["display_name"] = (values["display_name"] or "").strip()
    if "preferred_language" in values and values["preferred_language"] not in Language.values:
        raise ValidationError({"preferred_language": _("Choose Swedish or English.")})
    changes = apply_changes(
        user, values, PROFILE_FIELDS, lambda obj: obj.full_clean(exclude=["password"], validate_unique=False)
    )
    if changes:
        user.save(update_fields=list(changes))
        log_action(actor, "accounts.user.updated", user, changes=changes)
    return user


@transaction.atomic
def set_password(actor, user: User, password: str) -> None:
    """Set a new password (after a change or a reset by e-mail) and lift any login lock-out."""
    if not actor.has_perm("accounts.change_user", user):
        raise PermissionDenied
    _password_errors(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    log_action(actor, "accounts.user.password_changed", user)
    # Whoever can set the password may log in again at once (the lock-out page promises it).
    transaction.on_commit(lambda: reset_login_failures(username=user.email))


@transaction.atomic
def set_platform_role(actor, user: User, role: str) -> User:
    """Make someone a moderator or administrator of the whole platform, or take the role away."""
    if not actor.has_perm("accounts.set_platform_role", user):
        raise PermissionDenied
    if role not in PlatformRole.values:
        raise ValidationError({"platform_role": _("Unknown platform role.")})
    old = user.platform_role
    if old != role:
        user.platform_role = role
        user.save(update_fields=["platform_role"])
        log_action(actor, "accounts.user.role_changed", user, changes={"platform_role": [old, role]})
    return user


@transaction.atomic
def create_api_token(
    actor, user: User, *, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a personal API token and return it with its key, which is never stored or shown again."""
    if not actor.has_perm("accounts.add_apitoken", user):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so that you recognise it later.")})
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name is too long (at most 100 characters).")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    if ApiToken.objects.filter(user=user).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("You have %(count)d active tokens. Revoke one before creating another.")
                % {"count": MAX_ACTIVE_TOKENS}
            }
        )
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(key),
        key_prefix=key[: len(ApiToken.PREFIX) + 6],
        expires_at=expires_at,
    )
    log_action(actor, "accounts.apitoken.created", token)
    return token, key


@transaction.atomic
def revoke_api_token(actor, token: ApiToken) -> ApiToken:
    """Revoke a token for good; requests with it are refused from now on."""
    if not actor.has_perm("accounts.change_apitoken", token):
        raise PermissionDenied
    if token.revoked_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: _("This token has already been revoked.")})
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    log_action(actor, "accounts.apitoken.revoked", token)
    return token


def anonymise_log_entries(model: type[models.Model], pks) -> int:
    """Remove names and changed values from the log entries about these objects; keep the entries."""
    content_type = ContentType.objects.get_for_model(model)
    return ActivityLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=ERASED_REPR, changes={}, data={})


@transaction.atomic
def erase_person(user: User, *, actor=None) -> None:
    """Erase a person: every registered eraser runs, their log entries lose the actor, the account goes.

    `actor` is the person themself when None. Public contributions stay, anonymised by the erasers
    of their apps. All or nothing: an eraser that refuses (ValidationError) leaves everything as it was.
    """
    actor = user if actor is None else actor
    if not actor.has_perm("accounts.erase_user", user):
        raise PermissionDenied
    for source in personal_data_sources():
        source.erase(user)
    log_action(actor, "accounts.user.erased", user)
    ActivityLogEntry.objects.filter(actor=user).update(actor=None)
    # Also strips the name from the entry just written: it must hold no personal data.
    anonymise_log_entries(User, [user.pk])
    user.delete()
