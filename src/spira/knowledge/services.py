"""Every write to the knowledge bank goes through these functions (one per change).

Each checks permission (PermissionDenied) and the change (ValidationError with a dict of field →
message), saves, and writes the activity log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import apply_changes, log_action
from spira.knowledge.choices import InitiativeRelation, Language
from spira.knowledge.models import (
    Collection,
    CollectionItem,
    KnowledgeResource,
    ResourceInitiative,
    ResourceUse,
    Review,
)

RESOURCE_FIELDS = [
    "type",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "language",
    "publisher",
    "publisher_name",
    "discipline",
    "intended_user",
    "licence",
    "country",
    "format",
    "adaptability",
    "url",
    "year",
    "research_theme",
]
RESERVED_SLUGS = frozenset({"ny", "new", "samlingar", "collections"})


def _unique_slug(model, title: str, fallback: str) -> str:
    base = slugify(title)[:110] or fallback
    slug, number = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _check_fields(values: dict) -> None:
    unknown = sorted(set(values) - set(RESOURCE_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def _clean(resource: KnowledgeResource) -> None:
    resource.country = (resource.country or "").strip().upper()
    resource.title = " ".join((resource.title or "").split())
    try:
        resource.full_clean(exclude=["slug"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    if not resource.publisher_id and not resource.publisher_name.strip():
        raise ValidationError({"publisher_name": _("Say who published the resource.")})


@transaction.atomic
def create_resource(actor, *, networks=(), **values) -> KnowledgeResource:
    """Add a resource to the knowledge bank."""
    if not actor.has_perm("knowledge.add_knowledgeresource"):
        raise PermissionDenied
    _check_fields(values)
    resource = KnowledgeResource(created_by=actor, **values)
    _clean(resource)
    resource.slug = _unique_slug(KnowledgeResource, resource.title, "resurs")
    resource.save()
    if networks:
        resource.networks.set(networks)
    log_action(actor, "knowledge.resource.created", resource)
    return resource


@transaction.atomic
def update_resource(actor, resource: KnowledgeResource, **values) -> KnowledgeResource:
    if not actor.has_perm("knowledge.change_knowledgeresource", resource):
        raise PermissionDenied
    _check_fields(values)
    changes = apply_changes(resource, values, RESOURCE_FIELDS, _clean)
    if changes:
        resource.save()
        log_action(actor, "knowledge.resource.updated", resource, changes=changes)
    return resource


@transaction.atomic
def link_initiative(
    actor, resource: KnowledgeResource, initiative, relation: str = InitiativeRelation.USED
) -> ResourceInitiative:
    """Say that an initiative used, produced or was studied by the resource. Those who may edit
    the resource, or the initiative's own editors, may link them."""
    if not (
        actor.has_perm("knowledge.change_knowledgeresource", resource)
        or actor.has_perm("initiatives.change_initiative", initiative)
    ):
        raise PermissionDenied
    if relation not in InitiativeRelation.values:
        raise ValidationError({"relation": _("Unknown relation.")})
    if not initiative.is_published:
        raise ValidationError({"initiative": _("Only published initiatives can be linked.")})
    link, created = ResourceInitiative.objects.get_or_create(
        resource=resource, initiative=initiative, relation=relation
    )
    if created:
        log_action(
            actor,
            "knowledge.resource.initiative_linked",
            resource,
            data={"initiative": str(initiative), "relation": relation},
        )
    return link


def refresh_counts(resource: KnowledgeResource) -> None:
    KnowledgeResource.objects.filter(pk=resource.pk).update(
        use_count=ResourceUse.objects.filter(resource=resource).count(),
        review_count=Review.objects.filter(resource=resource, is_hidden=False).count(),
    )


@transaction.atomic
def mark_used(actor, resource: KnowledgeResource, organisation=None) -> ResourceUse:
    """ "I have used this". Marking twice changes nothing."""
    if not actor.has_perm("knowledge.mark_used", resource):
        raise PermissionDenied
    if organisation is not None and not actor.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Choose an organisation you belong to.")})
    existing = ResourceUse.objects.filter(resource=resource, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            use = ResourceUse.objects.create(resource=resource, user=actor, organisation=organisation)
    except IntegrityError:
        return ResourceUse.objects.get(resource=resource, user=actor)
    refresh_counts(resource)
    log_action(actor, "knowledge.resource.used", resource)
    return use


@transaction.atomic
def unmark_used(actor, resource: KnowledgeResource) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    deleted, _count = ResourceUse.objects.filter(resource=resource, user=actor).delete()
    if deleted:
        refresh_counts(resource)
        log_action(actor, "knowledge.resource.unused", resource)


@transaction.atomic
def write_review(
    actor,
    resource: KnowledgeResource,
    *,
    rating,
    strengths: str,
    limitations: str = "",
    language: str = Language.SWEDISH,
) -> Review:
    """Write (or rewrite) one's review of a resource: a rating 1–5, strengths and limitations."""
    if not actor.has_perm("knowledge.add_review", resource):
        raise PermissionDenied
    errors = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = _("Give a rating from 1 to 5.")
    strengths, limitations = str(strengths or "").strip(), str(limitations or "").strip()
    if not strengths:
        errors["strengths"] = _("Say what the resource is good at.")
    for name, value in (("strengths", strengths), ("limitations", limitations)):
        if len(value) > 3_000:
            errors[name] = _("Write at most %(count)d characters.") % {"count": 3_000}
    if language not in Language.values:
        errors["language"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)
    review, created = Review.objects.update_or_create(
        resource=resource,
        author=actor,
        defaults={"rating": rating, "strengths": strengths, "limitations": limitations, "language": language},
    )
    refresh_counts(resource)
    log_action(
        actor,
        "knowledge.review.written",
        resource,
        data={"review_id": review.pk, "rating": rating, "new": created},
    )
    return review


@transaction.atomic
def create_collection(actor, title: str, description: str = "", is_public: bool = True) -> Collection:
    if not actor.has_perm("knowledge.add_collection"):
        raise PermissionDenied
    title = " ".join(str(title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the collection a title.")})
    if len(title) > 200:
        raise ValidationError({"title": _("Write at most %(count)d characters.") % {"count": 200}})
    collection = Collection.objects.create(
        title=title,
        slug=_unique_slug(Collection, title, "samling"),
        description=str(description or "").strip()[:5_000],
        owner=actor,
        is_public=bool(is_public),
    )
    log_action(actor, "knowledge.collection.created", collection)
    return collection


@transaction.atomic
def add_to_collection(
    actor, collection: Collection, resource: KnowledgeResource, note: str = ""
) -> CollectionItem:
    if not actor.has_perm("knowledge.change_collection", collection):
        raise PermissionDenied
    if resource.is_hidden:
        raise ValidationError({"resource": _("This resource is hidden by a moderator.")})
    item, created = CollectionItem.objects.get_or_create(
        collection=collection,
        resource=resource,
        defaults={"note": str(note or "")[:300], "position": collection.items.count()},
    )
    if created:
        log_action(actor, "knowledge.collection.item_added", collection, data={"resource": resource.title})
    return item
