"""The initiative queryset with its visibility rule (kept apart so that models can import it)."""

from django.db.models import Q

from spira.core.permissions import VisibleQuerySet
from spira.initiatives.choices import PublicationState


class InitiativeQuerySet(VisibleQuerySet):
    def published(self):
        return self.filter(state=PublicationState.PUBLISHED)

    def visible_to(self, user):
        """Published initiatives for everyone; drafts and reviews for their authors, the
        coordinators of the coordinating organisation, and moderators. Must agree with
        `initiatives.view_initiative` in rules.py."""
        if user is None or not user.is_authenticated:
            return self.published()
        if user.is_superuser or user.platform_role in {"moderator", "administrator"}:
            return self.all()
        managed = user.memberships.filter(role__in=["coordinator", "admin"]).values("organisation_id")
        return self.filter(
            Q(state=PublicationState.PUBLISHED)
            | Q(owner=user)
            | Q(co_authors=user)
            | Q(coordinator__in=managed)
        ).distinct()
