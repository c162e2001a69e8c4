"""Creating and changing event series, their tracks, organisations and moderators."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import apply_changes, log_action
from spira.events.choices import SeriesRole
from spira.events.models import EventSeries, SeriesOrganisation, Track
from spira.events.rules import forget_moderated_series
from spira.events.services.common import bump_programme, check_fields, local, text, unique_slug

SERIES_FIELDS = [
    "title",
    "title_en",
    "description",
    "description_en",
    "starts_on",
    "ends_on",
    "call_opens_at",
    "call_closes_at",
    "call_text",
    "website",
]
TEXT_FIELDS = {"title", "title_en", "description", "description_en", "call_text", "website"}
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _clean_values(values: dict) -> dict:
    return {name: text(value) if name in TEXT_FIELDS else value for name, value in values.items()}


def _check_series(series: EventSeries) -> None:
    errors = {}
    if not series.title:
        errors["title"] = _("Give the series a title.")
    if series.starts_on and series.ends_on and series.ends_on < series.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    opens, closes = series.call_opens_at, series.call_closes_at
    if (opens is None) != (closes is None):
        errors["call_closes_at"] = _("Give both when the call opens and when it closes, or neither.")
    elif opens and closes and closes <= opens:
        errors["call_closes_at"] = _("The call must close after it opens.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_series(actor, owner, **values) -> EventSeries:
    """Start a series owned by `owner` (an organisation, a hub or a network). Its coordinators
    and administrators manage it; the actor becomes its first moderator."""
    if not actor.has_perm("events.add_eventseries", owner):
        raise PermissionDenied
    check_fields(values, SERIES_FIELDS)
    values = _clean_values(values)
    series = EventSeries(
        owner=owner, created_by=actor, slug=unique_slug(EventSeries, values.get("title", ""))
    )
    for name, value in values.items():
        setattr(series, name, value)
    _check_series(series)
    series.full_clean()
    series.save()
    series.moderators.add(actor)
    forget_moderated_series(actor)
    log_action(actor, "events.series.created", series)
    return series


@transaction.atomic
def update_series(actor, series: EventSeries, **values) -> EventSeries:
    """Change a series. Its dates cannot shrink past activities already in the programme."""
    if not actor.has_perm("events.change_eventseries", series):
        raise PermissionDenied
    check_fields(values, SERIES_FIELDS)
    values = _clean_values(values)
    changes = apply_changes(series, values, SERIES_FIELDS, _validate_series)
    if changes:
        series.save()
        bump_programme(series.pk)
        log_action(actor, "events.series.updated", series, changes=changes)
    return series


def _validate_series(series: EventSeries) -> None:
    _check_series(series)
    series.full_clean()
    _check_activities_within(series)


def _check_activities_within(series: EventSeries) -> None:
    outside = 0
    for starts_at, ends_at in series.activities.exclude(status="rejected").values_list(
        "starts_at", "ends_at"
    ):
        if local(starts_at).date() < series.starts_on or local(ends_at).date() > series.ends_on:
            outside += 1
    if outside:
        raise ValidationError(
            {
                "starts_on": _(
                    "%(count)d activities of the programme would fall outside these dates. Move them first."
                )
                % {"count": outside}
            }
        )


@transaction.atomic
def set_series_organisations(actor, series: EventSeries, initiators=(), partners=()) -> None:
    """Name the organisations behind a series: initiators first, then partners, in order."""
    if not actor.has_perm("events.change_eventseries", series):
        raise PermissionDenied
    series.series_organisations.all().delete()
    rows, seen = [], set()
    for role, organisations in ((SeriesRole.INITIATOR, initiators), (SeriesRole.PARTNER, partners)):
        for position, organisation in enumerate(organisations):
            if organisation.pk in seen:
                continue
            seen.add(organisation.pk)
            rows.append(
                SeriesOrganisation(series=series, organisation=organisation, role=role, position=position)
            )
    SeriesOrganisation.objects.bulk_create(rows)
    bump_programme(series.pk)
    log_action(
        actor,
        "events.series.updated",
        series,
        data={"initiators": [str(o) for o in initiators], "partners": [str(o) for o in partners]},
    )


@transaction.atomic
def add_track(actor, series: EventSeries, name: str, name_en: str = "", color: str = "#1f5f8b") -> Track:
    if not actor.has_perm("events.change_eventseries", series):
        raise PermissionDenied
    name, name_en, color = text(name), text(name_en), text(color) or "#1f5f8b"
    errors = {}
    if not name:
        errors["name"] = _("Give the track a name.")
    elif series.tracks.filter(name__iexact=name).exists():
        errors["name"] = _("The series already has a track with this name.")
    if not COLOR.match(color):
        errors["color"] = _("Give the colour as # and six hexadecimal digits, e.g. #1f5f8b.")
    if errors:
        raise ValidationError(errors)
    base = slugify(name)[:70].strip("-") or "track"
    if not base[0].isalpha():
        base = f"t-{base}"
    slug, number = base, 2
    while series.tracks.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    track = Track.objects.create(
        series=series, name=name, name_en=name_en, color=color, slug=slug, position=series.tracks.count()
    )
    bump_programme(series.pk)
    log_action(actor, "events.track.created", series, data={"track": name})
    return track


@transaction.atomic
def add_series_moderator(actor, series: EventSeries, user) -> None:
    if not actor.has_perm("events.change_eventseries", series):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    if series.moderators.filter(pk=user.pk).exists():
        return
    series.moderators.add(user)
    forget_moderated_series(user)
    log_action(actor, "events.series.moderator_added", series, data={"user_id": user.pk})


@transaction.atomic
def remove_series_moderator(actor, series: EventSeries, user) -> None:
    if not actor.has_perm("events.change_eventseries", series):
        raise PermissionDenied
    series.moderators.remove(user)
    forget_moderated_series(user)
    log_action(actor, "events.series.moderator_removed", series, data={"user_id": user.pk})
