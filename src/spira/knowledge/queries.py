"""Reusable reads for the knowledge bank."""

from django.db.models import Prefetch, QuerySet

from spira.knowledge.models import Collection, CollectionItem, KnowledgeResource, ResourceInitiative


def resource_list_queryset() -> QuerySet[KnowledgeResource]:
    return KnowledgeResource.objects.select_related("publisher").order_by("title", "pk")


def resource_detail_queryset() -> QuerySet[KnowledgeResource]:
    return KnowledgeResource.objects.select_related("publisher").prefetch_related("networks")


def initiative_links(resource: KnowledgeResource, user) -> list[ResourceInitiative]:
    """The resource's initiatives the user may see, with their coordinators, in one query."""
    from spira.initiatives.models import Initiative

    visible = Initiative.objects.visible_to(user).values("pk")
    return list(
        resource.initiative_links.filter(initiative_id__in=visible)
        .select_related("initiative", "initiative__coordinator")
        .order_by("relation", "initiative__title_sv")
    )


def collection_detail_queryset() -> QuerySet[Collection]:
    return Collection.objects.select_related("owner").prefetch_related(
        Prefetch("items", queryset=CollectionItem.objects.select_related("resource", "resource__publisher"))
    )


def resources_for_initiative(initiative) -> QuerySet[KnowledgeResource]:
    return KnowledgeResource.objects.not_hidden().filter(initiative_links__initiative=initiative).distinct()
