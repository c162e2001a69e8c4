"""Factories for ideas. No surprises: a SluiceFactory is an open sluice of a municipality for
residents and co-workers with the default pipeline (stages and criteria, made by the service
`create_sluice` would make); an IdeaFactory is a public resident idea in the sluice's first stage
with its first stage-log row."""

import secrets

import factory
from django.utils import timezone

from spira.ideas.choices import DEFAULT_CRITERIA, DEFAULT_STAGES, Origin, Theme
from spira.ideas.models import (
    Challenge,
    Comment,
    Criterion,
    Follow,
    Idea,
    Review,
    ReviewRound,
    Sluice,
    Stage,
    StageLog,
    Support,
)
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory  # noqa: F401


class SluiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sluice
        skip_postgeneration_save = True

    organisation = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Idéslussen {n}")
    slug = factory.Sequence(lambda n: f"ideslussen-{n}")
    description = "Lämna dina idéer om hur kommunen kan bli bättre."

    @factory.post_generation
    def default_pipeline(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Stage.objects.bulk_create(
            Stage(sluice=obj, name_sv=sv, name_en=en, stage_type=t, position=(i + 1) * 10)
            for i, (sv, en, t) in enumerate(DEFAULT_STAGES)
        )
        Criterion.objects.bulk_create(
            Criterion(sluice=obj, name_sv=sv, name_en=en, weight=w, position=(i + 1) * 10)
            for i, (sv, en, w) in enumerate(DEFAULT_CRITERIA)
        )


def stage_of(sluice, stage_type) -> Stage:
    return sluice.stages.get(stage_type=stage_type)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    sluice = factory.SubFactory(SluiceFactory)
    title = factory.Sequence(lambda n: f"Hur kan vi göra fler digitala tjänster ({n})?")
    strategy = "Digitaliseringsstrategin"


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea
        skip_postgeneration_save = True

    sluice = factory.SubFactory(SluiceFactory)
    stage = factory.LazyAttribute(lambda o: o.sluice.stages.order_by("position").first())
    title = factory.Sequence(lambda n: f"Idé nummer {n}")
    need = "Det är svårt att hitta lediga parkeringar i centrum."
    description = "En app som visar lediga platser i realtid."
    theme = Theme.TRANSPORT
    origin = Origin.RESIDENT
    follow_token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    submitted_at = factory.LazyFunction(timezone.now)
    stage_entered_at = factory.LazyAttribute(lambda o: o.submitted_at)

    @factory.post_generation
    def log(obj, create, extracted, **kwargs):
        if create:
            StageLog.objects.create(
                idea=obj,
                sluice=obj.sluice,
                stage=obj.stage,
                stage_type=obj.stage.stage_type,
                entered_at=obj.stage_entered_at,
            )


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "Bra idé!"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound

    idea = factory.SubFactory(IdeaFactory)
    stage = factory.LazyAttribute(lambda o: o.idea.stage)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    round = factory.SubFactory(ReviewRoundFactory)
    reviewer = factory.SubFactory(UserFactory)
