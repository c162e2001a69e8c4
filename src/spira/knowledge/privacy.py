"""What the knowledge bank holds about a person: marks as used, reviews and collections."""

from spira.knowledge.models import Collection, KnowledgeResource, ResourceUse, Review


def export_knowledge_data(user) -> dict:
    return {
        "used": [
            {"resource": u.resource.title, "at": u.created_at}
            for u in ResourceUse.objects.filter(user=user).select_related("resource")
        ],
        "reviews": [
            {
                "resource": r.resource.title,
                "rating": r.rating,
                "strengths": r.strengths,
                "limitations": r.limitations,
            }
            for r in Review.objects.filter(author=user).select_related("resource")
        ],
        "collections": [
            {"title": c.title, "public": c.is_public} for c in Collection.objects.filter(owner=user)
        ],
    }


def erase_knowledge_data(user) -> None:
    """Marks as used and private collections go; public reviews, resources and collections stay
    without the person's name."""
    from spira.knowledge.services import refresh_counts

    resource_ids = set(ResourceUse.objects.filter(user=user).values_list("resource_id", flat=True))
    resource_ids |= set(Review.objects.filter(author=user).values_list("resource_id", flat=True))
    ResourceUse.objects.filter(user=user).delete()
    Review.objects.filter(author=user).update(author=None)
    Collection.objects.filter(owner=user, is_public=False).delete()
    Collection.objects.filter(owner=user).update(owner=None)
    KnowledgeResource.objects.filter(created_by=user).update(created_by=None)
    for resource in KnowledgeResource.objects.filter(pk__in=resource_ids):
        refresh_counts(resource)
