"""Factories for the knowledge bank. No surprises: a KnowledgeResourceFactory is a visible Swedish
playbook under CC BY published by a company, with no initiatives, uses or reviews."""

import factory

from spira.accounts.tests.factories import UserFactory
from spira.knowledge.choices import (
    Adaptability,
    Discipline,
    IntendedUser,
    Licence,
    ResourceFormat,
    ResourceType,
)
from spira.knowledge.models import Collection, KnowledgeResource, Review
from spira.organisations.tests.factories import OrganisationFactory


class KnowledgeResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeResource

    type = ResourceType.PLAYBOOK
    title = factory.Sequence(lambda n: f"Playbook {n}")
    slug = factory.Sequence(lambda n: f"playbook-{n}")
    summary = "Så startar ni en hubb för samverkan."
    publisher = factory.SubFactory(OrganisationFactory)
    discipline = Discipline.COLLABORATION
    intended_user = IntendedUser.NETWORKS
    licence = Licence.CC_BY
    format = ResourceFormat.DOCUMENT
    adaptability = Adaptability.ADAPTABLE
    created_by = factory.SubFactory(UserFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    resource = factory.SubFactory(KnowledgeResourceFactory)
    author = factory.SubFactory(UserFactory)
    rating = 4
    strengths = "Konkret och lätt att följa."


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    title = factory.Sequence(lambda n: f"Samling {n}")
    slug = factory.Sequence(lambda n: f"samling-{n}")
    owner = factory.SubFactory(UserFactory)
    is_public = True
