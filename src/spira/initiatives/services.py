"""Every write to initiatives goes through these functions.

Each one checks permission (PermissionDenied) and the rules of the change (ValidationError with a
dict of field → message), saves, writes the activity log and sends notifications on commit. The
HTML views, the API, the importers and the commands call them; they hold no rules of their own.

Workflow: draft → in review → published → archived (and back: send_back, unarchive). Every edit,
also after publication, writes an `InitiativeRevision` with the full content, so that readers
can see what changed between two versions.
"""

import copy
import datetime
import re
from collections.abc import Iterable
from email.utils import formataddr
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import log_action
from spira.core.notifications import notify, register_notification_kind
from spira.core.permissions import is_moderator
from spira.initiatives.choices import (
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_FIELDS,
    TITLE_MAX_LENGTH,
    OrganisationRole,
    PublicationState,
)
from spira.initiatives.models import (
    CoAuthorInvitation,
    Initiative,
    InitiativeLink,
    InitiativeOrganisation,
    InitiativeRevision,
    Stage,
    Tag,
)
from spira.organisations.models import Organisation, Sdg
from spira.organisations.rules import roles_in

# Fields an author may set; the order is the order of the form and of the revision snapshot.
TEXT_FIELD_NAMES: tuple[str, ...] = tuple(f"{name}_{lang}" for name in TEXT_FIELDS for lang in ("sv", "en"))
SCALAR_FIELDS: tuple[str, ...] = (
    *TEXT_FIELD_NAMES,
    "original_language",
    "machine_translated_sv",
    "machine_translated_en",
    "status",
    "facet",
    "sector",
    "government_level",
    "coordinator",
    "coordinator_unit",
    "funder",
    "funding_sek",
    "call",
    "application_round",
    "programme",
    "reference_number",
    "start_month",
    "end_month",
    "gender_equality",
    "gender_equality_text",
    "source_url",
    "source_updated",
)
# Provenance that only importers (run by moderators) set.
MODERATOR_FIELDS: tuple[str, ...] = ("origin", "imported_at")
RELATION_FIELDS: tuple[str, ...] = ("stages", "sdgs", "tags", "participations", "links")
EDITABLE_FIELDS = frozenset(SCALAR_FIELDS + MODERATOR_FIELDS + RELATION_FIELDS)
SHORT_TEXT_FIELDS = ("coordinator_unit", "call", "application_round", "programme")
MAX_TAGS = 30
MAX_LINKS = 50
MAX_PARTICIPATIONS = 200
MAX_FUNDING_SEK = 10**15
CONTACT_MESSAGE_MAX_LENGTH = 5000
CONTACT_NAME_MAX_LENGTH = 100
CONTACT_LIMIT_PER_HOUR = 5
REVIEW_COMMENT_MAX_LENGTH = 5000
INVITATION_MAX_AGE = datetime.timedelta(days=30)
# Path segments under /initiativ/ that a slug must not take.
RESERVED_SLUGS = frozenset(
    {"nytt", "ny", "new", "mina", "granskning", "flode", "import", "inbjudan", "organisation", "export"}
)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")

register_notification_kind(
    "initiatives.submitted",
    gettext_lazy("An initiative awaits review"),
    gettext_lazy("Only for moderators: when authors submit an initiative for review."),
    default_frequency="daily",
)
register_notification_kind(
    "initiatives.published",
    gettext_lazy("Your initiative was published"),
    gettext_lazy("When a moderator publishes an initiative you wrote."),
)
register_notification_kind(
    "initiatives.sent_back",
    gettext_lazy("Your initiative was sent back"),
    gettext_lazy("When a moderator sends an initiative you wrote back with a comment."),
)
register_notification_kind(
    "initiatives.co_author_added",
    gettext_lazy("You were added as a co-author"),
    gettext_lazy("When someone adds you as a co-author of an initiative."),
)


# Validation -------------------------------------------------------------------------------------


def _text_limit(name: str) -> int:
    if name.startswith("title_"):
        return TITLE_MAX_LENGTH
    if name.startswith("summary_"):
        return SUMMARY_MAX_LENGTH
    if name in SHORT_TEXT_FIELDS:
        return 300
    return SECTION_MAX_LENGTH


def _clean_text(name: str, value, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[name] = _("Enter text.")
        return ""
    if "\x00" in value:
        errors[name] = _("The text contains characters that cannot be stored.")
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errors[name] = _("The text contains characters that cannot be stored.")
        return ""
    value = value.strip()
    limit = _text_limit(name)
    if len(value) > limit:
        errors[name] = _("Ensure this text has at most %(limit)d characters (it has %(count)d).") % {
            "limit": limit,
            "count": len(value),
        }
    return value


def _clean_month(name: str, value, errors: dict):
    """A month as the first day of the month; accepts a date or "YYYY-MM" / "YYYY-MM-DD"."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    if isinstance(value, str):
        match = _MONTH.match(value)
        try:
            if match:
                return datetime.date(int(match[1]), int(match[2]), 1)
            return datetime.date.fromisoformat(value.strip()).replace(day=1)
        except ValueError:
            pass
    errors[name] = _("Enter a month as YYYY-MM.")
    return None


def _clean_date(name: str, value, errors: dict):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    errors[name] = _("Enter a date as YYYY-MM-DD.")
    return None


def _clean_amount(name: str, value, errors: dict):
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        errors[name] = _("Enter the amount as a whole number of kronor.")
        return None
    if isinstance(value, str):
        digits = re.sub(r"[\s\u00a0\u202f]", "", value)
        if not digits.isdigit():
            errors[name] = _("Enter the amount as a whole number of kronor.")
            return None
        value = int(digits)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        errors[name] = _("Enter the amount as a whole number of kronor.")
        return None
    if value < 0 or value > MAX_FUNDING_SEK:
        errors[name] = _("Enter an amount between 0 and 1,000,000,000,000,000 kronor.")
        return None
    return value


def _organisation(name: str, value, errors: dict):
    if value in (None, ""):
        return None
    if isinstance(value, Organisation):
        return value
    if isinstance(value, str):
        found = Organisation.objects.filter(slug=value).first()
        if found is not None:
            return found
    errors[name] = _("Choose an organisation from the registry.")
    return None


def _clean_scalars(values: dict, errors: dict) -> dict:
    cleaned = {}
    for name, value in values.items():
        if name in TEXT_FIELD_NAMES or name in SHORT_TEXT_FIELDS or name == "gender_equality_text":
            cleaned[name] = _clean_text(name, value, errors)
        elif name in ("start_month", "end_month"):
            cleaned[name] = _clean_month(name, value, errors)
        elif name == "source_updated":
            cleaned[name] = _clean_date(name, value, errors)
        elif name == "funding_sek":
            cleaned[name] = _clean_amount(name, value, errors)
        elif name in ("coordinator", "funder"):
            cleaned[name] = _organisation(name, value, errors)
        elif name in ("machine_translated_sv", "machine_translated_en"):
            cleaned[name] = bool(value)
        elif name == "reference_number":
            text = _clean_text(name, value, errors)
            cleaned[name] = text or None
        elif name == "source_url":
            cleaned[name] = _clean_text(name, value, errors)
        elif name in (
            "status",
            "facet",
            "sector",
            "government_level",
            "gender_equality",
            "original_language",
        ):
            cleaned[name] = value if isinstance(value, str) else ""
            if not isinstance(value, str) and value is not None:
                errors[name] = _("Choose one of the options offered.")
        else:
            cleaned[name] = value
    return cleaned


def _clean_relations(values: dict, errors: dict) -> dict:
    relations = {}
    if "stages" in values:
        relations["stages"] = _resolve_stages(values["stages"] or [], errors)
    if "sdgs" in values:
        relations["sdgs"] = _resolve_sdgs(values["sdgs"] or [], errors)
    if "tags" in values:
        relations["tags"] = _clean_tag_names(values["tags"] or [], errors)
    if "participations" in values:
        relations["participations"] = _clean_participations(values["participations"] or [], errors)
    if "links" in values:
        relations["links"] = _clean_links(values["links"] or [], errors)
    return relations


def _resolve_stages(items: Iterable, errors: dict) -> list[Stage]:
    codes = [item.code if isinstance(item, Stage) else item for item in items]
    if not all(isinstance(code, str) for code in codes):
        errors["stages"] = _("Choose stages from the list.")
        return []
    stages = list(Stage.objects.filter(code__in=codes))
    if len(stages) != len(set(codes)):
        errors["stages"] = _("Choose stages from the list.")
    return stages


def _resolve_sdgs(items: Iterable, errors: dict) -> list[Sdg]:
    numbers = [item.number if isinstance(item, Sdg) else item for item in items]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        errors["sdgs"] = _("Choose goals by their number, 1–17.")
        return []
    sdgs = list(Sdg.objects.filter(number__in=numbers))
    if len(sdgs) != len(set(numbers)):
        errors["sdgs"] = _("Choose goals by their number, 1–17.")
    return sdgs


def _clean_tag_names(items: Iterable, errors: dict) -> list[str]:
    names: dict[str, str] = {}
    for item in items:
        name = item.name if isinstance(item, Tag) else item
        if not isinstance(name, str) or "\x00" in name:
            errors["tags"] = _("Enter tags as words or short phrases.")
            return []
        name = " ".join(name.split())
        if not name:
            continue
        if len(name) > 80 or not slugify(name):
            errors["tags"] = _("A tag has at most 80 characters and contains letters or digits.")
            return []
        names.setdefault(slugify(name), name)
    if len(names) > MAX_TAGS:
        errors["tags"] = _("Use at most %(count)d tags.") % {"count": MAX_TAGS}
    return list(names.values())


def _clean_participations(items: Iterable, errors: dict) -> list[tuple[Organisation, str]]:
    result: dict[tuple[int, str], tuple[Organisation, str]] = {}
    items = list(items)
    if len(items) > MAX_PARTICIPATIONS:
        errors["participations"] = _("Too many organisations.")
        return []
    for item in items:
        if isinstance(item, InitiativeOrganisation):
            organisation, role = item.organisation, item.role
        elif isinstance(item, dict):
            organisation, role = item.get("organisation"), item.get("role")
        elif isinstance(item, list | tuple) and len(item) == 2:
            organisation, role = item
        else:
            errors["participations"] = _("Each organisation needs a role.")
            return []
        local: dict = {}
        organisation = _organisation("participations", organisation, local)
        if local or organisation is None:
            errors["participations"] = _("Choose organisations from the registry.")
            return []
        if role not in OrganisationRole.values:
            errors["participations"] = _("Choose a role: coordinator, partner, funder or user/beneficiary.")
            return []
        result[(organisation.pk, role)] = (organisation, role)
    return list(result.values())


def _clean_links(items: Iterable, errors: dict) -> list[tuple[str, str]]:
    items = list(items)
    if len(items) > MAX_LINKS:
        errors["links"] = _("Use at most %(count)d links.") % {"count": MAX_LINKS}
        return []
    links = []
    validate_url = URLValidator(schemes=["http", "https"])
    for item in items:
        if isinstance(item, InitiativeLink):
            url, title = item.url, item.title
        elif isinstance(item, dict):
            url, title = item.get("url"), item.get("title") or ""
        else:
            errors["links"] = _("Each link needs an address.")
            return []
        if not isinstance(url, str) or not isinstance(title, str) or len(url) > 500 or len(title) > 200:
            errors["links"] = _("Enter a web address (at most 500 characters) and a title (at most 200).")
            return []
        try:
            validate_url(url.strip())
        except ValidationError:
            errors["links"] = _("Enter a valid web address starting with http:// or https://.")
            return []
        links.append((url.strip(), " ".join(title.split())))
    return links


def _check_coordinator(actor, coordinator, errors: dict) -> None:
    """Authors name as coordinator only an organisation they belong to; moderators any."""
    if coordinator is None or is_moderator(actor):
        return
    if not roles_in(actor, coordinator):
        errors["coordinator"] = _("Choose an organisation you are a member of.")


def _clean_values(actor, values: dict, current: Initiative | None) -> tuple[dict, dict]:
    unknown = sorted(set(values) - EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    errors: dict[str, str] = {}
    for name in MODERATOR_FIELDS:
        if name in values and not is_moderator(actor):
            errors[name] = _("Only moderators can set this field.")
    scalars = _clean_scalars({k: v for k, v in values.items() if k not in RELATION_FIELDS}, errors)
    relations = _clean_relations(values, errors)
    if "coordinator" in scalars and (current is None or scalars["coordinator"] != current.coordinator):
        _check_coordinator(actor, scalars["coordinator"], errors)
    start = scalars.get("start_month", current.start_month if current else None)
    end = scalars.get("end_month", current.end_month if current else None)
    if start and end and end < start and "end_month" not in errors:
        errors["end_month"] = _("The end month cannot be before the start month.")
    if errors:
        raise ValidationError(errors)
    return scalars, relations


def _validate_model(initiative: Initiative) -> None:
    """The model's own checks (choices, unique reference number, URL), as field errors."""
    initiative.full_clean(exclude=["owner"])


def _require_title(initiative: Initiative) -> None:
    if not (initiative.title_sv or initiative.title_en):
        raise ValidationError(
            {f"title_{initiative.original_language}": _("Give the initiative a title in Swedish or English.")}
        )


# Snapshots and revisions ----------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Organisation):
        return value.slug
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def content_snapshot(initiative: Initiative) -> dict:
    """The whole content of an initiative as JSON-safe data (what a revision stores)."""
    data = {name: _plain(getattr(initiative, name)) for name in SCALAR_FIELDS}
    if initiative.pk is None:
        data.update(stages=[], sdgs=[], tags=[], participations=[], links=[])
        return data
    data["stages"] = sorted(initiative.stages.values_list("code", flat=True))
    data["sdgs"] = sorted(initiative.sdgs.values_list("number", flat=True))
    data["tags"] = sorted(initiative.tags.values_list("name", flat=True))
    data["participations"] = sorted(
        [slug, role] for slug, role in initiative.participations.values_list("organisation__slug", "role")
    )
    data["links"] = [
        [url, title] for url, title in initiative.links.order_by("id").values_list("url", "title")
    ]
    return data


def _short(value):
    if isinstance(value, str) and len(value) > 300:
        return value[:300] + "…"
    return value


def _write_revision(initiative: Initiative, actor, data: dict, changed: list[str], note: str):
    last = initiative.revisions.aggregate(last=Max("number"))["last"] or 0
    return InitiativeRevision.objects.create(
        initiative=initiative,
        number=last + 1,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
        changed_fields=changed,
        note=(note or "")[:300],
    )


def _apply_relations(initiative: Initiative, relations: dict) -> None:
    if "stages" in relations:
        initiative.stages.set(relations["stages"])
    if "sdgs" in relations:
        initiative.sdgs.set(relations["sdgs"])
    if "tags" in relations:
        tags = []
        for name in relations["tags"]:
            tag = Tag.objects.filter(slug=slugify(name)).first()
            if tag is None:
                tag, _created = Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)[:90]})
            tags.append(tag)
        initiative.tags.set(tags)
    if "participations" in relations:
        initiative.participations.all().delete()
        InitiativeOrganisation.objects.bulk_create(
            InitiativeOrganisation(initiative=initiative, organisation=organisation, role=role)
            for organisation, role in relations["participations"]
        )
    if "links" in relations:
        initiative.links.all().delete()
        InitiativeLink.objects.bulk_create(
            InitiativeLink(initiative=initiative, url=url, title=title) for url, title in relations["links"]
        )
    # Relations changed under the prefetch cache; drop it so that later reads see the new rows.
    getattr(initiative, "_prefetched_objects_cache", {}).clear()


def unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:100].strip("-") or "initiativ"
    slug, number = base, 2
    others = Initiative.objects.exclude(pk=exclude_pk) if exclude_pk else Initiative.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _save(initiative: Initiative) -> None:
    """Save in a savepoint so that a lost race on a unique field is a ValidationError, not a 500."""
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"reference_number": _("An initiative with this reference number already exists.")}
        ) from exc


# Creating and editing ----------------------------------------------------------------------------


@transaction.atomic
def create_initiative(actor, note: str = "", **values) -> Initiative:
    """Start a draft. The actor becomes its owner; the coordinator must be an organisation the
    actor is a member of (moderators may name any)."""
    if not actor.has_perm("initiatives.add_initiative"):
        raise PermissionDenied
    scalars, relations = _clean_values(actor, values, None)
    initiative = Initiative(owner=actor, state=PublicationState.DRAFT, **scalars)
    _require_title(initiative)
    initiative.slug = unique_slug(initiative.title_sv or initiative.title_en)
    _validate_model(initiative)
    _save(initiative)
    _apply_relations(initiative, relations)
    data = content_snapshot(initiative)
    changed = [name for name, value in data.items() if value not in (None, "", [], False)]
    _write_revision(initiative, actor, data, changed, note)
    log_action(actor, "initiatives.initiative.created", initiative, data={"origin": initiative.origin})
    return initiative


@transaction.atomic
def update_initiative(actor, initiative: Initiative, values: dict, note: str = "") -> Initiative:
    """Change content, before or after publication. Each change that changes something writes
    a revision (full snapshot + changed field names) and an "updated" log entry."""
    if not actor.has_perm("initiatives.change_initiative", initiative):
        raise PermissionDenied
    # Serialise concurrent edits of one initiative so that revision numbers stay unique.
    list(Initiative.objects.select_for_update().filter(pk=initiative.pk).values_list("pk", flat=True))
    scalars, relations = _clean_values(actor, values, initiative)
    candidate = copy.copy(initiative)
    for name, value in scalars.items():
        setattr(candidate, name, value)
    _require_title(candidate)
    _validate_model(candidate)

    before = content_snapshot(initiative)
    for name, value in scalars.items():
        setattr(initiative, name, value)
    _save(initiative)
    _apply_relations(initiative, relations)
    after = content_snapshot(initiative)
    changed = [name for name in after if before.get(name) != after[name]]
    if not changed:
        return initiative
    revision = _write_revision(initiative, actor, after, changed, note)
    log_action(
        actor,
        "initiatives.initiative.updated",
        initiative,
        changes={name: [_short(before.get(name)), _short(after[name])] for name in changed},
        data={"revision": revision.number, "note": note[:300] if note else ""},
    )
    return initiative


@transaction.atomic
def delete_initiative(actor, initiative: Initiative) -> None:
    """Remove a draft (its owner) or any initiative (moderators). The log entry stays."""
    if not actor.has_perm("initiatives.delete_initiative", initiative):
        raise PermissionDenied
    log_action(actor, "initiatives.initiative.deleted", initiative, data={"state": initiative.state})
    initiative.delete()


# Workflow ---------------------------------------------------------------------------------------


def _authors(initiative: Initiative) -> list:
    people = [initiative.owner] if initiative.owner_id else []
    return people + list(initiative.co_authors.all())


def _moderators():
    User = get_user_model()
    return User.objects.filter(
        models.Q(is_superuser=True) | models.Q(platform_role__in=["moderator", "administrator"]),
        is_active=True,
    )


def _require_state(initiative: Initiative, allowed: Iterable[str], message) -> None:
    if initiative.state not in set(allowed):
        raise ValidationError({"state": message})


def _require_complete(initiative: Initiative) -> None:
    """What a case needs before moderators can read it: a title and a short summary."""
    errors = {}
    language = initiative.original_language
    if not (initiative.title_sv or initiative.title_en):
        errors[f"title_{language}"] = _("Give the initiative a title.")
    if not (initiative.summary_sv or initiative.summary_en):
        errors[f"summary_{language}"] = _("Write a short summary before submitting.")
    if errors:
        raise ValidationError(errors)


def _set_state(initiative: Initiative, state: str, **fields) -> str:
    old = initiative.state
    initiative.state = state
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.save(update_fields=["state", "updated_at", *fields])
    return old


@transaction.atomic
def submit_for_review(actor, initiative: Initiative) -> Initiative:
    """An author hands a draft to the moderators."""
    if not actor.has_perm("initiatives.change_initiative", initiative):
        raise PermissionDenied
    _require_state(initiative, [PublicationState.DRAFT], _("Only a draft can be submitted for review."))
    _require_complete(initiative)
    old = _set_state(initiative, PublicationState.IN_REVIEW)
    log_action(
        actor, "initiatives.initiative.submitted", initiative, changes={"state": [old, initiative.state]}
    )
    notify(
        _moderators(),
        "initiatives.submitted",
        format_lazy(gettext_lazy("“{title}” awaits review"), title=initiative.title),
        url=reverse("initiatives:review_queue"),
        actor=actor,
    )
    return initiative


@transaction.atomic
def publish(actor, initiative: Initiative) -> Initiative:
    """A moderator publishes an initiative in review; it becomes public and the authors are told."""
    if not actor.has_perm("initiatives.publish_initiative", initiative):
        raise PermissionDenied
    _require_state(
        initiative, [PublicationState.IN_REVIEW], _("Only an initiative in review can be published.")
    )
    _require_complete(initiative)
    old = _set_state(
        initiative,
        PublicationState.PUBLISHED,
        published_at=initiative.published_at or timezone.now(),
        review_comment="",
    )
    log_action(
        actor, "initiatives.initiative.published", initiative, changes={"state": [old, initiative.state]}
    )
    notify(
        _authors(initiative),
        "initiatives.published",
        format_lazy(gettext_lazy("“{title}” was published"), title=initiative.title),
        url=initiative.get_absolute_url(),
        actor=actor,
    )
    return initiative


@transaction.atomic
def send_back(actor, initiative: Initiative, comment: str) -> Initiative:
    """A moderator returns an initiative in review to its authors, saying what to change."""
    if not actor.has_perm("initiatives.review_initiative", initiative):
        raise PermissionDenied
    _require_state(
        initiative, [PublicationState.IN_REVIEW], _("Only an initiative in review can be sent back.")
    )
    comment = comment.strip() if isinstance(comment, str) else ""
    if not comment:
        raise ValidationError({"comment": _("Tell the authors what to change.")})
    if len(comment) > REVIEW_COMMENT_MAX_LENGTH or "\x00" in comment:
        raise ValidationError(
            {
                "comment": _("The comment can have at most %(limit)d characters.")
                % {"limit": REVIEW_COMMENT_MAX_LENGTH}
            }
        )
    old = _set_state(initiative, PublicationState.DRAFT, review_comment=comment)
    log_action(
        actor,
        "initiatives.initiative.sent_back",
        initiative,
        changes={"state": [old, initiative.state]},
        data={"comment": comment},
    )
    notify(
        _authors(initiative),
        "initiatives.sent_back",
        format_lazy(gettext_lazy("“{title}” was sent back to you"), title=initiative.title),
        body=comment,
        url=initiative.get_absolute_url(),
        actor=actor,
    )
    return initiative


@transaction.atomic
def archive(actor, initiative: Initiative, reason: str = "") -> Initiative:
    """Take an initiative out of the library (it stays readable for its authors and moderators)."""
    if not actor.has_perm("initiatives.archive_initiative", initiative):
        raise PermissionDenied
    _require_state(
        initiative,
        [PublicationState.DRAFT, PublicationState.IN_REVIEW, PublicationState.PUBLISHED],
        _("The initiative is already archived."),
    )
    old = _set_state(initiative, PublicationState.ARCHIVED)
    log_action(
        actor,
        "initiatives.initiative.archived",
        initiative,
        changes={"state": [old, initiative.state]},
        data={"reason": (reason or "")[:1000]},
    )
    return initiative


@transaction.atomic
def unarchive(actor, initiative: Initiative) -> Initiative:
    """Bring an archived initiative back: published again if it had been published, else a draft."""
    if not actor.has_perm("initiatives.archive_initiative", initiative):
        raise PermissionDenied
    _require_state(
        initiative, [PublicationState.ARCHIVED], _("Only an archived initiative can be brought back.")
    )
    state = PublicationState.PUBLISHED if initiative.published_at else PublicationState.DRAFT
    old = _set_state(initiative, state)
    log_action(
        actor, "initiatives.initiative.unarchived", initiative, changes={"state": [old, initiative.state]}
    )
    return initiative


# Co-authors ---------------------------------------------------------------------------------------


def _is_author(initiative: Initiative, user) -> bool:
    return initiative.owner_id == user.pk or initiative.co_authors.filter(pk=user.pk).exists()


def invitation_url(invitation: CoAuthorInvitation) -> str:
    return settings.SITE_URL + reverse("initiatives:invitation_accept", kwargs={"token": invitation.token})


def _send_invitation_email(invitation_id: int, language: str) -> None:
    invitation = (
        CoAuthorInvitation.objects.select_related("initiative", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.accepted_at is not None:
        return
    with translation.override(language):
        context = {
            "invitation": invitation,
            "initiative": invitation.initiative,
            "inviter": invitation.invited_by,
            "url": invitation_url(invitation),
            "SITE_URL": settings.SITE_URL,
        }
        subject = _("[Spira] You are invited to write “%(title)s”") % {"title": invitation.initiative.title}
        EmailMessage(
            subject=subject.replace("\n", " ")[:250],
            body=render_to_string("initiatives/email/co_author_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()


@transaction.atomic
def invite_co_author(actor, initiative: Initiative, email: str) -> CoAuthorInvitation:
    """Invite someone by e-mail to write the initiative together; the e-mail holds the link
    to accept. A repeated invitation to the same address re-sends the open one."""
    if not actor.has_perm("initiatives.invite_initiative", initiative):
        raise PermissionDenied
    email = (email or "").strip().lower() if isinstance(email, str) else ""
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and _is_author(initiative, existing):
        raise ValidationError({"email": _("This person is already an author of the initiative.")})
    invitation = initiative.invitations.filter(email=email, accepted_at__isnull=True).first()
    if invitation is None:
        invitation = CoAuthorInvitation.objects.create(initiative=initiative, email=email, invited_by=actor)
        log_action(
            actor, "initiatives.initiative.co_author_invited", initiative, data={"invitation": invitation.pk}
        )
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(partial(_send_invitation_email, invitation.pk, language))
    return invitation


@transaction.atomic
def add_co_author(actor, initiative: Initiative, user) -> Initiative:
    """Make a registered user a co-author directly (picked from the people the actor works with)."""
    if not actor.has_perm("initiatives.invite_initiative", initiative):
        raise PermissionDenied
    if user is None or not user.is_active:
        raise ValidationError({"user": _("Choose an active user.")})
    if _is_author(initiative, user):
        raise ValidationError({"user": _("This person is already an author of the initiative.")})
    initiative.co_authors.add(user)
    log_action(actor, "initiatives.initiative.co_author_added", initiative, data={"user_id": user.pk})
    notify(
        [user],
        "initiatives.co_author_added",
        format_lazy(gettext_lazy("You are now a co-author of “{title}”"), title=initiative.title),
        url=initiative.get_absolute_url(),
        actor=actor,
    )
    return initiative


@transaction.atomic
def remove_co_author(actor, initiative: Initiative, user) -> Initiative:
    """Authors remove a co-author; a co-author can always step down."""
    if actor.pk != user.pk and not actor.has_perm("initiatives.invite_initiative", initiative):
        raise PermissionDenied
    if not initiative.co_authors.filter(pk=user.pk).exists():
        raise ValidationError({"user": _("This person is not a co-author.")})
    initiative.co_authors.remove(user)
    log_action(actor, "initiatives.initiative.co_author_removed", initiative, data={"user_id": user.pk})
    return initiative


def find_invitation(token: str) -> CoAuthorInvitation | None:
    if not isinstance(token, str) or not token or len(token) > 64:
        return None
    return CoAuthorInvitation.objects.select_related("initiative").filter(token=token).first()


@transaction.atomic
def accept_invitation(user, token: str) -> Initiative:
    """The invited person, logged in, becomes a co-author. The link works once and for 30 days."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    invitation = find_invitation(token)
    if invitation is None:
        raise ValidationError({"token": _("This invitation is not valid.")})
    initiative = invitation.initiative
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk:
            return initiative
        raise ValidationError({"token": _("This invitation has already been used.")})
    if invitation.created_at < timezone.now() - INVITATION_MAX_AGE:
        raise ValidationError({"token": _("This invitation has expired. Ask for a new one.")})
    if not _is_author(initiative, user):
        initiative.co_authors.add(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    log_action(
        user, "initiatives.initiative.invitation_accepted", initiative, data={"invitation": invitation.pk}
    )
    return initiative


# Contacting the owner -------------------------------------------------------------------------------


def _rate_limited(ip_address: str | None) -> bool:
    key = f"initiatives:contact:{ip_address or 'unknown'}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > CONTACT_LIMIT_PER_HOUR


def contact_owner(
    sender_name: str,
    sender_email: str,
    message: str,
    initiative: Initiative,
    ip_address: str | None = None,
    actor=None,
) -> None:
    """E-mail a message from a reader to the initiative's owner, with reply-to the reader.

    The owner's address is never shown to the reader. At most CONTACT_LIMIT_PER_HOUR messages
    per hour and IP address.
    """
    actor = actor or AnonymousUser()
    if not actor.has_perm("initiatives.contact_initiative", initiative):
        raise PermissionDenied
    errors = {}
    name = sender_name.strip() if isinstance(sender_name, str) else ""
    if not name:
        errors["name"] = _("Enter your name.")
    elif len(name) > CONTACT_NAME_MAX_LENGTH or any(c in name for c in "\r\n\x00"):
        errors["name"] = _("Enter your name on one line, at most %(limit)d characters.") % {
            "limit": CONTACT_NAME_MAX_LENGTH
        }
    email = sender_email.strip() if isinstance(sender_email, str) else ""
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address so that the owner can answer.")
    text = message.strip() if isinstance(message, str) else ""
    if not text:
        errors["message"] = _("Write a message.")
    elif len(text) > CONTACT_MESSAGE_MAX_LENGTH or "\x00" in text:
        errors["message"] = _("The message can have at most %(limit)d characters.") % {
            "limit": CONTACT_MESSAGE_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    if _rate_limited(ip_address):
        raise ValidationError({"__all__": _("You have sent too many messages. Please try again in an hour.")})
    owner = initiative.owner
    with translation.override(owner.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "initiative": initiative,
            "sender_name": name,
            "sender_email": email,
            "message": text,
            "url": settings.SITE_URL + initiative.get_absolute_url(),
        }
        subject = _("[Spira] A message about “%(title)s”") % {"title": initiative.title}
        EmailMessage(
            subject=subject.replace("\n", " ")[:250],
            body=render_to_string("initiatives/email/contact_owner.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[owner.email],
            reply_to=[formataddr((name, email))],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()
