"""Who may do what with series, activities and registrations.

Lists use `visible_to(user)` on the querysets (models/activity.py, models/registration.py); the
tests check that the two agree for every kind of person.
"""

import rules

from spira.core.permissions import is_moderator, is_platform_admin
from spira.events.choices import ActivityStatus
from spira.organisations.choices import MembershipRole
from spira.organisations.rules import roles_in

MANAGING_ROLES = {MembershipRole.COORDINATOR, MembershipRole.ADMIN}


def moderated_series(user) -> set[int]:
    """The ids of the series `user` moderates, cached on the user object for the request."""
    if not user or not user.is_authenticated:
        return set()
    cache = user.__dict__.get("_spira_moderated_series")
    if cache is None:
        from spira.events.models import EventSeries

        cache = set(
            EventSeries.moderators.through.objects.filter(user=user).values_list("eventseries_id", flat=True)
        )
        user.__dict__["_spira_moderated_series"] = cache
    return cache


def forget_moderated_series(user) -> None:
    user.__dict__.pop("_spira_moderated_series", None)


def _manages(user, organisation_id) -> bool:
    return bool(roles_in(user, organisation_id) & MANAGING_ROLES)


@rules.predicate
def manages_organisation(user, organisation) -> bool:
    return organisation is not None and _manages(user, organisation.pk)


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and bool(roles_in(user, organisation.pk))


@rules.predicate
def is_series_manager(user, series) -> bool:
    return series is not None and _manages(user, series.owner_id)


@rules.predicate
def is_series_moderator(user, series) -> bool:
    return series is not None and (series.pk in moderated_series(user) or _manages(user, series.owner_id))


@rules.predicate
def is_activity_manager(user, activity) -> bool:
    """The proposer and the organiser's coordinators and administrators run the activity."""
    if activity is None or not user or not user.is_authenticated:
        return False
    return activity.proposed_by_id == user.pk or _manages(user, activity.organiser_id)


@rules.predicate
def moderates_activity_series(user, activity) -> bool:
    if activity is None or not user or not user.is_authenticated:
        return False
    return activity.series_id in moderated_series(user) or _manages(user, activity.series.owner_id)


@rules.predicate
def is_published_activity(user, activity) -> bool:
    return activity is not None and activity.status == ActivityStatus.PUBLISHED and not activity.is_hidden


@rules.predicate
def is_organiser_member(user, activity) -> bool:
    return activity is not None and bool(roles_in(user, activity.organiser_id))


@rules.predicate
def is_registrant(user, registration) -> bool:
    return bool(
        registration is not None and user and user.is_authenticated and registration.user_id == user.pk
    )


@rules.predicate
def manages_registration_activity(user, registration) -> bool:
    return registration is not None and is_activity_manager(user, registration.activity)


rules.add_perm("events.view_eventseries", rules.always_allow)
rules.add_perm("events.add_eventseries", manages_organisation | is_platform_admin)
rules.add_perm("events.change_eventseries", is_series_manager | is_platform_admin)
rules.add_perm("events.moderate_eventseries", is_series_moderator | is_moderator)
rules.add_perm("events.view_track", rules.always_allow)

rules.add_perm("events.propose_activity", is_organisation_member | is_platform_admin)
rules.add_perm(
    "events.view_activity",
    is_published_activity
    | is_moderator
    | is_activity_manager
    | is_organiser_member
    | moderates_activity_series,
)
rules.add_perm("events.change_activity", is_activity_manager | is_platform_admin)
rules.add_perm("events.moderate_activity", moderates_activity_series | is_moderator)
rules.add_perm("events.manage_registrations", is_activity_manager | is_platform_admin)

rules.add_perm("events.view_registration", is_registrant | manages_registration_activity | is_platform_admin)
rules.add_perm(
    "events.cancel_registration", is_registrant | manages_registration_activity | is_platform_admin
)
